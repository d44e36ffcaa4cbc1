//! Rolling Talos upgrades when `image.version` or the extensions (the schematic)
//! change: control planes first, one node at a time, with `Upgrade` to the planned
//! installer image. Talos answers before it upgrades; the node then reboots, goes away
//! and comes back on the new version. The next node starts only once this one runs the
//! planned version and schematic and, for a control plane, etcd has every member
//! healthy. The first failure stops the run and names the node; running `apply` again
//! resumes with the nodes not yet upgraded (the upgraded ones show no change).

use super::error::ProvisionError;
use super::etcd::{self, ControlPlane};
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, TalosOptions};
use super::talos_phase::{not_ready, polling, retrying, version_over};
use crate::config::RoleKind;
use crate::native::talos::{MachineClient, Mode, TalosError};

/// One node to upgrade.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub key: String,
    pub role: RoleKind,
    pub addr: std::net::SocketAddr,
}

/// What the nodes are upgraded to.
#[derive(Debug, Clone)]
pub(super) struct Release {
    /// The installer image (`factory.talos.dev/<platform>-installer/<schematic>:<version>`).
    pub image: String,
    pub version: String,
    pub schematic: Option<String>,
}

/// Upgrades `targets` (control planes first, in plan order), one at a time.
pub(super) async fn rolling(
    mut targets: Vec<Target>,
    release: &Release,
    cps: &[ControlPlane],
    t: &TalosOptions,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<Vec<String>, ProvisionError> {
    targets.sort_by_key(|n| n.role != RoleKind::Controlplane);
    let mut done = Vec::new();
    let expected: Vec<&str> = cps.iter().map(|c| c.hostname.as_str()).collect();
    for target in &targets {
        let key = target.key.as_str();
        if opts.dry_run {
            out.emit(&Event::WouldCall {
                node: Some(key.to_owned()),
                call: format!(
                    "Talos Upgrade to {} at {} (mutual TLS), then wait for {}{}",
                    release.image,
                    target.addr,
                    release.version,
                    if target.role == RoleKind::Controlplane {
                        " and a healthy etcd"
                    } else {
                        ""
                    }
                ),
            });
            continue;
        }
        let fail = |what: &str, cause: String| ProvisionError::Step {
            node: Some(key.to_owned()),
            what: what.to_owned(),
            cause,
            next: format!(
                "Nodes upgraded so far ({}) stay upgraded; fix the cause (`talosctl -n <node> \
                 dmesg`, `talosctl etcd status`) and run apply again to upgrade the rest",
                if done.is_empty() {
                    "none".to_owned()
                } else {
                    done.join(", ")
                }
            ),
        };
        if target.role == RoleKind::Controlplane {
            out.emit(&Event::Step {
                node: key.to_owned(),
                message: "waiting for every etcd member to be healthy".into(),
            });
            etcd::wait_healthy(cps, &expected, t)
                .await
                .map_err(|e| fail("checking etcd before the upgrade", e))?;
        }
        out.emit(&Event::Step {
            node: key.to_owned(),
            message: format!("upgrading to {}", release.image),
        });
        let mode = Mode::Authenticated(t.base.identity.clone());
        let answer = retrying(t, not_ready, || async {
            let mut client = MachineClient::connect(target.addr, &mode, t.rpc).await?;
            client.upgrade(&release.image).await
        })
        .await
        .map_err(|e| {
            fail(
                &format!("upgrading Talos to {}", release.version),
                e.to_string(),
            )
        })?;
        let ack = answer
            .messages
            .first()
            .map(|m| m.ack.clone())
            .unwrap_or_default();
        out.emit(&Event::Step {
            node: key.to_owned(),
            message: format!(
                "Talos: {ack}; waiting for it to come back on {}",
                release.version
            ),
        });
        wait_upgraded(target, release, t).await.map_err(|e| {
            fail(
                &format!("waiting for {} after the upgrade", release.version),
                e,
            )
        })?;
        if target.role == RoleKind::Controlplane {
            etcd::wait_healthy(cps, &expected, t)
                .await
                .map_err(|e| fail("waiting for etcd after the upgrade", e))?;
        }
        out.emit(&Event::Done {
            node: key.to_owned(),
            phase: "upgrade".into(),
            changed: true,
            message: format!(
                "upgraded to Talos {}{}",
                release.version,
                if target.role == RoleKind::Controlplane {
                    "; etcd healthy"
                } else {
                    ""
                }
            ),
        });
        done.push(key.to_owned());
    }
    Ok(done)
}

/// Until the node answers over mutual TLS with the planned version (and schematic).
async fn wait_upgraded(target: &Target, release: &Release, t: &TalosOptions) -> Result<(), String> {
    let mode = Mode::Authenticated(t.base.identity.clone());
    polling(t.timeout, t.interval, || async {
        match version_over(target.addr, &mode, t.rpc).await {
            Ok(tag) if tag == release.version => match &release.schematic {
                None => Ok(()),
                // A node that reports no schematic (an image not from the factory)
                // cannot be checked further; one that reports another is not done.
                Some(want) => match schematic(target, &mode, t).await {
                    Ok(Some(have)) if have != *want => {
                        Err(format!("it runs {tag} with schematic {have}"))
                    }
                    Ok(_) => Ok(()),
                    Err(e) => Err(e.to_string()),
                },
            },
            // Still the old version: the upgrade runs, or the reboot has not happened.
            Ok(tag) => Err(format!("it still runs {tag}")),
            Err(e) => Err(e.to_string()),
        }
    })
    .await
    .map_err(|last| {
        format!(
            "not back on {} within {} s ({last})",
            release.version,
            t.timeout.as_secs()
        )
    })
}

async fn schematic(
    target: &Target,
    mode: &Mode,
    t: &TalosOptions,
) -> Result<Option<String>, TalosError> {
    let mut client = MachineClient::connect(target.addr, mode, t.rpc).await?;
    client.schematic().await
}
