//! Changes to running nodes: cores and memory (the Proxmox config; a running VM keeps
//! them pending until it next starts, as Proxmox does without CPU and memory hotplug)
//! and the machine config (`ApplyConfiguration`, mode auto, over mutual TLS: Talos
//! applies what it can without a reboot).

use std::net::SocketAddr;

use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, TalosOptions};
use super::talos_phase::{not_ready, retrying};
use super::writer::bounded;
use crate::native::proxmox::client::seg;
use crate::native::proxmox::{Call, Method};
use crate::native::talos::proto::ApplyMode;
use crate::native::talos::{MachineClient, Mode};

/// `PUT /nodes/{node}/qemu/{vmid}/config` with new cores and memory (synchronous: no
/// task).
pub fn resources_call(node: &str, vmid: u64, cores: Option<i64>, memory: Option<i64>) -> Call {
    let mut call = Call::new(
        Method::Put,
        format!("/nodes/{}/qemu/{vmid}/config", seg(node)),
    );
    if let Some(c) = cores {
        call = call.param("cores", c);
    }
    if let Some(m) = memory {
        call = call.param("memory", m);
    }
    call
}

/// One node whose running config changes.
#[derive(Debug, Clone)]
pub(super) struct ConfigChange {
    pub key: String,
    pub addr: SocketAddr,
    pub config: String,
}

/// Applies each machine config over mutual TLS (mode auto), a few nodes at a time.
pub(super) async fn apply_configs(
    changes: Vec<ConfigChange>,
    t: &TalosOptions,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<usize, ProvisionError> {
    let applied = bounded(changes, opts.concurrency, |c| async move {
        if opts.dry_run {
            out.emit(&Event::WouldCall {
                node: Some(c.key.clone()),
                call: format!(
                    "Talos ApplyConfiguration (mode AUTO, mutual TLS) at {}",
                    c.addr
                ),
            });
            return Ok(false);
        }
        out.emit(&Event::Step {
            node: c.key.clone(),
            message: "applying the changed machine config (mode auto)".into(),
        });
        let mode = Mode::Authenticated(t.base.identity.clone());
        let response = retrying(t, not_ready, || async {
            let mut client = MachineClient::connect(c.addr, &mode, t.rpc).await?;
            client.apply_configuration(&c.config, ApplyMode::Auto).await
        })
        .await
        .map_err(|e| {
            ProvisionError::talos(Some(&c.key), "applying the changed machine config", &e)
        })?;
        let mut details = Vec::new();
        for message in &response.messages {
            for warning in &message.warnings {
                out.emit(&Event::Warning {
                    node: Some(c.key.clone()),
                    message: format!("Talos: {warning}"),
                });
            }
            if !message.mode_details.is_empty() {
                details.push(message.mode_details.clone());
            }
        }
        out.emit(&Event::Done {
            node: c.key.clone(),
            phase: "config".into(),
            changed: true,
            message: format!(
                "machine config applied{}",
                if details.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", details.join("; ").trim_end_matches('.'))
                }
            ),
        });
        Ok(true)
    })
    .await?;
    Ok(applied.into_iter().filter(|a| *a).count())
}
