//! Scale-down: the VMs of this cluster that the plan no longer has. Workers first,
//! then control planes from the highest number down, one at a time:
//! - a control plane leaves etcd (`EtcdLeaveCluster` on itself while it answers, else
//!   `EtcdRemoveMemberByID` from a control plane that stays), refused beforehand when
//!   it is the last member or the members left would lose quorum;
//! - its Kubernetes Node is deleted (the API with the kubeconfig);
//! - it is reset (`Reset`, graceful), and its Talos API goes away;
//! - its VM is stopped and destroyed.
//!
//! Every step is skipped when already done, so an interrupted run is finished by the
//! next.

use std::net::SocketAddr;
use std::time::Duration;

use super::desired::{destroy_call, stop_call};
use super::error::ProvisionError;
use super::etcd::{self, ControlPlane};
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, TalosOptions};
use super::talos_phase::{polling, tcp_answers, version_over};
use super::writer::Writer;
use crate::config::RoleKind;
use crate::diff::quorum;
use crate::native::kube::{Deleted, KubeClient, KubeError, Kubeconfig};
use crate::native::proxmox::api;
use crate::native::talos::{kubeconfig, MachineClient, Mode, TalosError};

/// One VM to remove.
#[derive(Debug, Clone)]
pub(super) struct Leaving {
    pub key: String,
    pub role: Option<RoleKind>,
    pub hostname: String,
    pub vmid: u64,
    /// The Proxmox node of the VM.
    pub node: String,
    pub running: bool,
    /// Its Talos API, when its address is known.
    pub addr: Option<SocketAddr>,
}

/// The order of removal: workers first, then control planes from the highest number.
fn order(leaving: &mut [Leaving]) {
    leaving.sort_by(|a, b| {
        let cp = |l: &Leaving| l.role == Some(RoleKind::Controlplane);
        cp(a).cmp(&cp(b)).then(number(&b.key).cmp(&number(&a.key)))
    });
}

/// Before anything is written: every control plane that leaves may, in the order they
/// leave (each one's departure counted for the next), under etcd's quorum rule.
pub(super) async fn check_quorum(
    leaving: &[Leaving],
    cps: &[ControlPlane],
    t: &TalosOptions,
) -> Result<(), ProvisionError> {
    let mut going: Vec<Leaving> = leaving
        .iter()
        .filter(|l| l.role == Some(RoleKind::Controlplane))
        .cloned()
        .collect();
    if going.is_empty() {
        return Ok(());
    }
    order(&mut going);
    let members = etcd::members(cps, None, t)
        .await
        .map_err(|cause| ProvisionError::Refused {
            message: format!(
                "the etcd members cannot be read to check that {} may leave ({cause})",
                going
                    .iter()
                    .map(|l| l.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            next: "Check that the control planes run (`talosctl etcd members`), then run \
                   apply again"
                .into(),
        })?;
    let mut health = members.health;
    for l in &going {
        quorum::may_leave(&health, &l.hostname).map_err(|why| ProvisionError::Refused {
            message: format!("{} cannot leave etcd: {why}", l.key),
            next: "Keep the control plane in the config, or bring the other members back, \
                   then run apply again"
                .into(),
        })?;
        health.retain(|m| m.name != l.hostname);
    }
    Ok(())
}

/// Removes `leaving` (workers first, then control planes from the highest number).
pub(super) async fn remove(
    mut leaving: Vec<Leaving>,
    cps: &[ControlPlane],
    t: &TalosOptions,
    writer: &Writer<'_>,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<Vec<String>, ProvisionError> {
    order(&mut leaving);
    let mut kube: Option<KubeClient> = None;
    let mut removed = Vec::new();
    for l in &leaving {
        let key = l.key.as_str();
        let step = |message: String| {
            out.emit(&Event::Step {
                node: key.to_owned(),
                message,
            })
        };
        let fail = |what: &str, cause: String, next: &str| ProvisionError::Step {
            node: Some(key.to_owned()),
            what: what.to_owned(),
            cause,
            next: next.to_owned(),
        };
        let cp = l.role == Some(RoleKind::Controlplane);
        if opts.dry_run {
            if cp {
                out.emit(&Event::WouldCall {
                    node: Some(key.to_owned()),
                    call: "Talos EtcdLeaveCluster on the node (or EtcdRemoveMemberByID from a \
                           control plane that stays), after checking etcd's quorum"
                        .into(),
                });
            }
            out.emit(&Event::WouldCall {
                node: Some(key.to_owned()),
                call: format!("Kubernetes DELETE /api/v1/nodes/{}", l.hostname),
            });
            out.emit(&Event::WouldCall {
                node: Some(key.to_owned()),
                call: "Talos Reset (graceful)".into(),
            });
        }
        // The rest of the cluster: the control planes that stay.
        let staying: Vec<ControlPlane> = cps.iter().filter(|c| c.key != l.key).cloned().collect();
        let mode = Mode::Authenticated(t.base.identity.clone());
        let answers = match l.addr {
            Some(addr) if l.running => version_over(addr, &mode, t.rpc).await.is_ok(),
            _ => false,
        };

        if cp && !opts.dry_run {
            // 1. etcd: check, then leave.
            let mut all = staying.clone();
            if let Some(addr) = l.addr {
                all.push(ControlPlane {
                    key: l.key.clone(),
                    hostname: l.hostname.clone(),
                    addr,
                });
            }
            let members = etcd::members(&all, Some(key), t).await.map_err(|e| {
                fail(
                    "reading the etcd members",
                    e,
                    "Check that the control planes that stay run (`talosctl etcd members`), \
                     then run apply again",
                )
            })?;
            quorum::may_leave(&members.health, &l.hostname).map_err(|why| {
                ProvisionError::Refused {
                    message: format!("{key} cannot leave etcd: {why}"),
                    next: "Keep the control plane in the config, or bring the other members \
                           back, then run apply again"
                        .into(),
                }
            })?;
            match members.of(&l.hostname) {
                None => out.emit(&Event::Info {
                    message: format!("{key}: no longer an etcd member"),
                }),
                Some(member) => {
                    let id = member.id;
                    let left = if answers {
                        step("leaving etcd (EtcdLeaveCluster)".into());
                        leave(l.addr, &mode, t).await
                    } else {
                        Err(TalosError::Config("the node does not answer".into()))
                    };
                    if let Err(e) = left {
                        step(format!(
                            "removing etcd member {id:016x} from a control plane that stays ({e})"
                        ));
                        remove_member(&staying, id, &mode, t).await.map_err(|e| {
                            fail(
                                &format!("removing etcd member {id:016x}"),
                                e,
                                "Check etcd's health (`talosctl etcd status`), then run apply \
                                 again",
                            )
                        })?;
                    }
                }
            }
        }

        // 2. The Kubernetes Node.
        if !opts.dry_run {
            if kube.is_none() {
                kube = Some(kube_client(&staying, t).await.map_err(|e| {
                    fail(
                        "connecting to the Kubernetes API",
                        e,
                        "Check the kubeconfig (--kubeconfig) and that the API answers, then run \
                         apply again",
                    )
                })?);
            }
            if let Some(k) = &kube {
                step(format!("deleting the Kubernetes Node {}", l.hostname));
                match k.delete_node(&l.hostname).await {
                    Ok(Deleted::Deleted) => {}
                    Ok(Deleted::Absent) => out.emit(&Event::Info {
                        message: format!("{key}: Kubernetes Node {} already gone", l.hostname),
                    }),
                    Err(e) => {
                        return Err(fail(
                            "deleting the Kubernetes Node",
                            e.to_string(),
                            "Check the kubeconfig's rights (it must be an admin's), then run \
                             apply again",
                        ))
                    }
                }
            }
        }

        // 3. Reset, and wait for the node to go away.
        if answers && !opts.dry_run {
            if let Some(addr) = l.addr {
                step("resetting Talos (graceful)".into());
                let mut client = MachineClient::connect(addr, &mode, t.rpc)
                    .await
                    .map_err(|e| fail("resetting Talos", e.to_string(), "Run apply again"))?;
                client
                    .reset_graceful()
                    .await
                    .map_err(|e| fail("resetting Talos", e.to_string(), "Run apply again"))?;
                wait_gone(addr, t).await.map_err(|e| {
                    fail(
                        "waiting for the reset",
                        e,
                        "See the node's console; run apply again to finish the removal",
                    )
                })?;
            }
        }

        // 4. The VM (a reset node powers itself off).
        let running = if opts.dry_run {
            l.running
        } else {
            api::vm_status(writer.client, &l.node, l.vmid)
                .await
                .map(|s| s.status == "running")
                .unwrap_or(l.running)
        };
        if running {
            let stopping = format!("stopping VM {}", l.vmid);
            writer
                .step(key, stopping.clone(), &stopping, stop_call(&l.node, l.vmid))
                .await?;
        }
        let removing = format!("removing VM {}", l.vmid);
        writer
            .step(
                key,
                removing.clone(),
                &removing,
                destroy_call(&l.node, l.vmid),
            )
            .await?;
        out.emit(&Event::Done {
            node: key.to_owned(),
            phase: "remove".into(),
            changed: true,
            message: if opts.dry_run {
                format!("VM {} would be removed from {}", l.vmid, l.node)
            } else {
                format!("removed: VM {} destroyed on {}", l.vmid, l.node)
            },
        });
        removed.push(key.to_owned());
    }
    Ok(removed)
}

/// The number at the end of a node key.
fn number(key: &str) -> u32 {
    key.rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn leave(addr: Option<SocketAddr>, mode: &Mode, t: &TalosOptions) -> Result<(), TalosError> {
    let addr = addr.ok_or_else(|| TalosError::Config("its address is unknown".into()))?;
    let mut client = MachineClient::connect(addr, mode, t.rpc).await?;
    client.etcd_leave().await
}

async fn remove_member(
    staying: &[ControlPlane],
    id: u64,
    mode: &Mode,
    t: &TalosOptions,
) -> Result<(), String> {
    let mut reasons = Vec::new();
    for cp in staying {
        let attempt = async {
            let mut client = MachineClient::connect(cp.addr, mode, t.rpc).await?;
            client.etcd_remove_member(id).await
        };
        match attempt.await {
            Ok(()) => return Ok(()),
            // Already gone (an earlier run, or the node left on its own).
            Err(e) if e.code() == Some(tonic::Code::NotFound) => return Ok(()),
            Err(e) => reasons.push(format!("{}: {e}", cp.key)),
        }
    }
    Err(reasons.join("; "))
}

/// The Kubernetes client: the kubeconfig file apply wrote, else a fresh one from a
/// control plane that stays (not written).
async fn kube_client(staying: &[ControlPlane], t: &TalosOptions) -> Result<KubeClient, String> {
    let text = match std::fs::read_to_string(&t.kubeconfig) {
        Ok(text) => text,
        Err(_) => {
            let mode = Mode::Authenticated(t.base.identity.clone());
            let mut reasons = Vec::new();
            let mut found = None;
            for cp in staying {
                let attempt = async {
                    let mut client = MachineClient::connect(cp.addr, &mode, t.rpc).await?;
                    let archive = client.kubeconfig_archive().await?;
                    kubeconfig::extract(&archive).map_err(TalosError::Config)
                };
                match attempt.await {
                    Ok(text) => {
                        found = Some(text);
                        break;
                    }
                    Err(e) => reasons.push(e.to_string()),
                }
            }
            found.ok_or_else(|| {
                format!(
                    "{} is not there and no control plane gave one ({})",
                    t.kubeconfig.display(),
                    reasons.join("; ")
                )
            })?
        }
    };
    let config = Kubeconfig::parse(&text).map_err(|e: KubeError| e.to_string())?;
    KubeClient::new(&config, t.endpoints.kubernetes()).map_err(|e| e.to_string())
}

/// Until nothing accepts connections on the node's Talos port.
async fn wait_gone(addr: SocketAddr, t: &TalosOptions) -> Result<(), String> {
    polling(t.timeout, t.interval, || async move {
        match tcp_answers(addr, Duration::from_secs(2)).await {
            Err(_) => Ok(()),
            Ok(_) => Err(()),
        }
    })
    .await
    .map_err(|()| {
        format!(
            "the Talos API still answers {} s after the reset",
            t.timeout.as_secs()
        )
    })
}
