//! The Talos side of `apply`: each node's merged config in maintenance mode, then
//! `Bootstrap` once on controlplane-1 with mutual TLS, the VIP, and the kubeconfig.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, ClusterInput, TalosOptions};
use super::summary::ApplySummary;
use super::writer::bounded;
use crate::config::RoleKind;
use crate::native::private_file::{write_private, Existing};
use crate::native::talos::proto::ApplyMode;
use crate::native::talos::{kubeconfig, ClientIdentity, MachineClient, Mode, TalosError, Timeouts};
use crate::native::tls::Fingerprint;
use crate::plan::PlannedNode;

/// What a node's API says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NodeApi {
    /// Mutual TLS works: the node runs with its config (Talos version tag).
    Configured(String),
    /// Only maintenance-mode TLS answers: the node waits for a config.
    Maintenance,
    /// The node asks for a client certificate and we have none (no talosconfig): it is
    /// configured, but we cannot look further.
    NeedsClientCert,
    /// Nothing answers (why, for messages).
    Down(String),
}

/// Asks the node, mutual TLS first: the maintenance certificate is self-signed, so
/// verifying against the talosconfig CA tells the two modes apart.
pub(crate) async fn probe(
    addr: SocketAddr,
    identity: Option<&ClientIdentity>,
    fingerprint: Option<Fingerprint>,
    rpc: Timeouts,
) -> NodeApi {
    let mut reasons = Vec::new();
    if let Some(id) = identity {
        match version_over(addr, &Mode::Authenticated(id.clone()), rpc).await {
            Ok(tag) => return NodeApi::Configured(tag),
            Err(e) => reasons.push(format!("mutual TLS: {e}")),
        }
    }
    match version_over(addr, &Mode::Maintenance { fingerprint }, rpc).await {
        // Maintenance mode answers Version only to admins: any answer means it is up.
        Ok(_) | Err(TalosError::Rpc { .. }) => NodeApi::Maintenance,
        Err(TalosError::ClientCertRequired { .. }) if identity.is_none() => {
            NodeApi::NeedsClientCert
        }
        Err(TalosError::ClientCertRequired { .. }) => {
            reasons.push(
                "the node is configured (it asks for a client certificate), but not for the \
                 talosconfig given: check that --talos-dir belongs to this cluster"
                    .into(),
            );
            NodeApi::Down(reasons.join("; "))
        }
        Err(e) => {
            reasons.push(format!("maintenance mode: {e}"));
            NodeApi::Down(reasons.join("; "))
        }
    }
}

pub(super) async fn version_over(
    addr: SocketAddr,
    mode: &Mode,
    rpc: Timeouts,
) -> Result<String, TalosError> {
    let mut client = MachineClient::connect(addr, mode, rpc).await?;
    let resp = client.version().await?;
    Ok(resp
        .messages
        .first()
        .and_then(|m| m.version.as_ref())
        .map(|v| v.tag.clone())
        .unwrap_or_default())
}

/// `joins`: why controlplane-1 must not bootstrap etcd (it is new while other control
/// planes of the cluster already run: it joins their etcd instead).
pub(super) async fn run(
    input: &ClusterInput,
    t: &TalosOptions,
    configs: &BTreeMap<String, String>,
    joins: Option<String>,
    opts: &ApplyOptions,
    out: &dyn Reporter,
    summary: &mut ApplySummary,
) -> Result<(), ProvisionError> {
    let plan = &input.plan;
    if opts.dry_run {
        return report_dry_run(plan, t, out);
    }
    let (cp1, cp1_addr) = controlplane_1(plan, t)?;

    // Each node: wait for its API; apply its config in maintenance mode.
    let applied = bounded(plan.nodes.iter().collect(), opts.concurrency, |node| {
        converge_node(node, t, configs, out)
    })
    .await?;
    let applied = applied.into_iter().filter(|a| *a).count();
    summary.configs_applied += applied;
    summary.changed |= applied > 0;

    // Bootstrap, once, on controlplane-1 (never on a cluster that already runs).
    let bootstrapped = match joins {
        Some(why) => {
            out.emit(&Event::Done {
                node: cp1.key.clone(),
                phase: "bootstrap".into(),
                changed: false,
                message: format!("not bootstrapped: {why}"),
            });
            false
        }
        None => bootstrap(cp1, cp1_addr, t, out).await?,
    };
    summary.bootstrapped = bootstrapped;
    summary.changed |= bootstrapped;

    // The VIP (HA only).
    if let Some(vip) = t.endpoints.vip(plan) {
        out.emit(&Event::Step {
            node: "cluster".into(),
            message: format!("waiting for the Kubernetes API on the VIP {vip}"),
        });
        wait_tcp(vip, t.timeout, t.interval)
            .await
            .map_err(|cause| ProvisionError::Step {
                node: None,
                what: format!("waiting for the Kubernetes API on the VIP {vip}"),
                cause,
                next: "Check that the control planes run and share the VIP (`talosctl get \
                   addresses` on a control plane), then run apply again"
                    .into(),
            })?;
        out.emit(&Event::Done {
            node: "cluster".into(),
            phase: "vip".into(),
            changed: false,
            message: format!("the Kubernetes API answers on the VIP {vip}"),
        });
    }

    // The kubeconfig.
    let written = fetch_kubeconfig(cp1, cp1_addr, t, out).await?;
    summary.kubeconfig_written = written;
    summary.changed |= written;
    Ok(())
}

/// controlplane-1, which bootstraps etcd and gives the kubeconfig, and its Talos API.
fn controlplane_1<'p>(
    plan: &'p crate::plan::Plan,
    t: &TalosOptions,
) -> Result<(&'p PlannedNode, SocketAddr), ProvisionError> {
    let cp1 = plan
        .nodes
        .iter()
        .find(|n| n.role == RoleKind::Controlplane)
        .ok_or_else(|| ProvisionError::Plan("there is no control plane".into()))?;
    let addr = t
        .endpoints
        .talos(cp1)
        .ok_or_else(|| ProvisionError::Plan(format!("the address of {} is not known", cp1.key)))?;
    Ok((cp1, addr))
}

/// The Talos steps a dry run shows.
pub(super) fn report_dry_run(
    plan: &crate::plan::Plan,
    t: &TalosOptions,
    out: &dyn Reporter,
) -> Result<(), ProvisionError> {
    let (cp1, cp1_addr) = controlplane_1(plan, t)?;
    for node in &plan.nodes {
        if let Some(addr) = t.endpoints.talos(node) {
            out.emit(&Event::WouldCall {
                node: Some(node.key.clone()),
                call: format!(
                    "Talos ApplyConfiguration (mode AUTO) at {addr} with its {} machine \
                     config, if the node is in maintenance mode",
                    match node.role {
                        RoleKind::Controlplane => "control plane",
                        RoleKind::Worker => "worker",
                    }
                ),
            });
        }
    }
    out.emit(&Event::WouldCall {
        node: Some(cp1.key.clone()),
        call: format!("Talos Bootstrap at {cp1_addr} (mutual TLS), once"),
    });
    if let Some(vip) = t.endpoints.vip(plan) {
        out.emit(&Event::Info {
            message: format!("would wait for the Kubernetes API on the VIP {vip}"),
        });
    }
    out.emit(&Event::Info {
        message: format!("would write the kubeconfig to {}", t.kubeconfig.display()),
    });
    Ok(())
}

fn deadline_passed(start: Instant, timeout: Duration) -> bool {
    start.elapsed() >= timeout
}

/// Errors that waiting cures: no connection yet, or the node not ready (time sync,
/// services starting, a reboot under way).
pub(super) fn not_ready(e: &TalosError) -> bool {
    matches!(e, TalosError::Connect { .. })
        || matches!(
            e.code(),
            Some(
                tonic::Code::FailedPrecondition
                    | tonic::Code::Unavailable
                    | tonic::Code::DeadlineExceeded
            )
        )
}

/// Runs `attempt` every `t.interval` until it succeeds, fails in a way `retry` does not
/// excuse, or `t.timeout` has passed; then returns its last result.
pub(super) async fn retrying<T, Fut>(
    t: &TalosOptions,
    retry: impl Fn(&TalosError) -> bool,
    mut attempt: impl FnMut() -> Fut,
) -> Result<T, TalosError>
where
    Fut: std::future::Future<Output = Result<T, TalosError>>,
{
    let start = Instant::now();
    loop {
        match attempt().await {
            Err(e) if retry(&e) && !deadline_passed(start, t.timeout) => {
                tokio::time::sleep(t.interval).await;
            }
            other => return other,
        }
    }
}

/// Runs `attempt` every `interval` until it gives a value or `timeout` has passed; then
/// the reason it gave last.
pub(super) async fn polling<T, E, Fut>(
    timeout: Duration,
    interval: Duration,
    mut attempt: impl FnMut() -> Fut,
) -> Result<T, E>
where
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let start = Instant::now();
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(last) if deadline_passed(start, timeout) => return Err(last),
            Err(_) => tokio::time::sleep(interval).await,
        }
    }
}

async fn converge_node(
    node: &PlannedNode,
    t: &TalosOptions,
    configs: &BTreeMap<String, String>,
    out: &dyn Reporter,
) -> Result<bool, ProvisionError> {
    let key = node.key.as_str();
    let addr = t
        .endpoints
        .talos(node)
        .ok_or_else(|| ProvisionError::Plan(format!("the address of {key} is not known")))?;
    let config = configs
        .get(key)
        .ok_or_else(|| ProvisionError::Plan(format!("no machine config for {key}")))?;
    let fingerprint = t.fingerprints.get(key).copied();
    let identity = &t.base.identity;
    out.emit(&Event::Step {
        node: key.to_owned(),
        message: format!("waiting for the Talos API at {addr}"),
    });
    let start = Instant::now();
    let state = loop {
        match probe(addr, Some(identity), fingerprint, t.rpc).await {
            NodeApi::Down(reason) => {
                if deadline_passed(start, t.timeout) {
                    return Err(ProvisionError::Step {
                        node: Some(key.to_owned()),
                        what: format!("waiting for the Talos API at {addr}"),
                        cause: format!("no answer within {} s ({reason})", t.timeout.as_secs()),
                        next: "Check on the Proxmox console that the VM booted Talos with its \
                               planned address and that port 50000 is reachable from here, \
                               then run apply again"
                            .into(),
                    });
                }
                tokio::time::sleep(t.interval).await;
            }
            other => break other,
        }
    };
    if let NodeApi::Configured(tag) = state {
        out.emit(&Event::Done {
            node: key.to_owned(),
            phase: "talos".into(),
            changed: false,
            message: format!("already configured (Talos {tag} answers with mutual TLS)"),
        });
        return Ok(false);
    }

    out.emit(&Event::Step {
        node: key.to_owned(),
        message: "applying the machine config in maintenance mode".into(),
    });
    let maintenance = Mode::Maintenance { fingerprint };
    let applied = retrying(t, not_ready, || async {
        let mut client = MachineClient::connect(addr, &maintenance, t.rpc).await?;
        client.apply_configuration(config, ApplyMode::Auto).await
    })
    .await;
    match applied {
        Ok(resp) => {
            for message in &resp.messages {
                for warning in &message.warnings {
                    out.emit(&Event::Warning {
                        node: Some(key.to_owned()),
                        message: format!("Talos: {warning}"),
                    });
                }
            }
        }
        // The node took a config meanwhile (an attempt whose answer was lost): whether
        // it is ours shows when mutual TLS with our talosconfig works, below.
        Err(TalosError::ClientCertRequired { .. }) => {}
        Err(e) => {
            return Err(ProvisionError::talos(
                Some(key),
                "applying the machine config",
                &e,
            ))
        }
    }

    out.emit(&Event::Step {
        node: key.to_owned(),
        message: "config applied; waiting for the node to come up with mutual TLS".into(),
    });
    let authenticated = Mode::Authenticated(identity.clone());
    match retrying(t, |_| true, || version_over(addr, &authenticated, t.rpc)).await {
        Ok(tag) => {
            out.emit(&Event::Done {
                node: key.to_owned(),
                phase: "talos".into(),
                changed: true,
                message: format!("machine config applied; Talos {tag} answers with mutual TLS"),
            });
            Ok(true)
        }
        Err(e) => Err(ProvisionError::Step {
            node: Some(key.to_owned()),
            what: "waiting for the node to come up with its config".into(),
            cause: format!(
                "no mutual-TLS answer within {} s ({e})",
                t.timeout.as_secs()
            ),
            next: "Check the node's console for install or config errors, and that \
                   --talos-dir holds the talosconfig of this cluster, then run apply again"
                .into(),
        }),
    }
}

async fn bootstrap(
    cp1: &PlannedNode,
    addr: SocketAddr,
    t: &TalosOptions,
    out: &dyn Reporter,
) -> Result<bool, ProvisionError> {
    let key = cp1.key.as_str();
    out.emit(&Event::Step {
        node: key.to_owned(),
        message: "bootstrapping etcd".into(),
    });
    let mode = Mode::Authenticated(t.base.identity.clone());
    let attempt = retrying(t, not_ready, || async {
        let mut client = MachineClient::connect(addr, &mode, t.rpc).await?;
        client.bootstrap().await
    })
    .await;
    let (changed, message) = match attempt {
        Ok(_) => (true, "etcd bootstrapped"),
        Err(e) if e.code() == Some(tonic::Code::AlreadyExists) => {
            (false, "etcd already bootstrapped")
        }
        Err(e) if not_ready(&e) => {
            return Err(ProvisionError::talos(
                Some(key),
                format!("bootstrapping etcd (for {} s)", t.timeout.as_secs()),
                &e,
            ))
        }
        Err(e) => return Err(ProvisionError::talos(Some(key), "bootstrapping etcd", &e)),
    };
    out.emit(&Event::Done {
        node: key.to_owned(),
        phase: "bootstrap".into(),
        changed,
        message: message.into(),
    });
    Ok(changed)
}

/// Waits until something accepts TCP connections at `addr`.
pub(crate) async fn wait_tcp(
    addr: SocketAddr,
    timeout: Duration,
    interval: Duration,
) -> Result<(), String> {
    polling(timeout, interval, || {
        tcp_answers(addr, Duration::from_secs(3))
    })
    .await
    .map_err(|e| format!("nothing answered within {} s ({e})", timeout.as_secs()))
}

/// One TCP connection attempt.
pub(crate) async fn tcp_answers(addr: SocketAddr, timeout: Duration) -> Result<(), String> {
    match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", timeout.as_secs())),
    }
}

async fn fetch_kubeconfig(
    cp1: &PlannedNode,
    addr: SocketAddr,
    t: &TalosOptions,
    out: &dyn Reporter,
) -> Result<bool, ProvisionError> {
    let path = &t.kubeconfig;
    if path.exists() {
        out.emit(&Event::Done {
            node: "cluster".into(),
            phase: "kubeconfig".into(),
            changed: false,
            message: format!(
                "kubeconfig kept at {} (delete it to fetch a new one)",
                path.display()
            ),
        });
        return Ok(false);
    }
    out.emit(&Event::Step {
        node: "cluster".into(),
        message: format!("fetching the kubeconfig from {}", cp1.key),
    });
    let mode = Mode::Authenticated(t.base.identity.clone());
    let text = retrying(
        t,
        |_| true,
        || async {
            let mut client = MachineClient::connect(addr, &mode, t.rpc).await?;
            let archive = client.kubeconfig_archive().await?;
            kubeconfig::extract(&archive).map_err(|detail| TalosError::Kubeconfig {
                addr: addr.to_string(),
                detail,
            })
        },
    )
    .await
    .map_err(|e| ProvisionError::talos(Some(&cp1.key), "fetching the kubeconfig", &e))?;
    write_private(path, &text, Existing::Replace).map_err(|e| ProvisionError::Step {
        node: None,
        what: format!("writing the kubeconfig to {}", path.display()),
        cause: e.to_string(),
        next: "Choose a writable path with --kubeconfig and run apply again".into(),
    })?;
    out.emit(&Event::Done {
        node: "cluster".into(),
        phase: "kubeconfig".into(),
        changed: true,
        message: format!("kubeconfig written to {}", path.display()),
    });
    Ok(true)
}
