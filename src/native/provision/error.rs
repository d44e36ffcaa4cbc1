//! The provisioner's one error type: what failed, on which node, and what to do next.

use thiserror::Error;

use crate::native::proxmox::ProxmoxError;
use crate::native::talos::TalosError;

/// Why a run stopped.
#[derive(Debug, Error)]
pub enum ProvisionError {
    /// The plan lacks something provisioning needs (a value left unknown).
    #[error("the plan cannot be provisioned: {0}")]
    Plan(String),
    /// A safety check failed before anything was changed.
    #[error("{message}; nothing was changed. {next}")]
    Refused { message: String, next: String },
    /// A step failed.
    #[error("{}{what} failed: {cause}. {next}", node_prefix(.node))]
    Step {
        node: Option<String>,
        what: String,
        cause: String,
        next: String,
    },
}

fn node_prefix(node: &Option<String>) -> String {
    node.as_deref()
        .map(|n| format!("{n}: "))
        .unwrap_or_default()
}

impl ProvisionError {
    /// The node the error is about, if any.
    pub fn node(&self) -> Option<&str> {
        match self {
            ProvisionError::Step { node, .. } => node.as_deref(),
            _ => None,
        }
    }

    /// A failed Proxmox step, with advice that fits the kind of failure.
    pub fn proxmox(node: Option<&str>, what: impl Into<String>, err: &ProxmoxError) -> Self {
        let next = match err {
            ProxmoxError::Unauthorized { hint, .. } => {
                format!("{hint}, then run the command again")
            }
            ProxmoxError::Transport { .. } => {
                "Check that the endpoint is reachable from here and that its certificate is \
                 trusted (--ca-cert, --fingerprint), then run the command again"
                    .to_owned()
            }
            ProxmoxError::TaskFailed { node: pve, .. } => format!(
                "See the task log on Proxmox node {pve} (Tasks panel), fix the cause, then run \
                 the command again: finished steps are kept"
            ),
            ProxmoxError::TaskTimeout { .. } => {
                "The task may still finish on Proxmox; run the command again to continue".into()
            }
            ProxmoxError::Api { status: 403, .. } => {
                "Give the token or user the missing privilege on Proxmox, then run the \
                 command again"
                    .into()
            }
            ProxmoxError::Api { status, .. } if *status >= 500 => {
                "Proxmox had a problem; run the command again: it continues where it stopped".into()
            }
            _ => "Fix the cause on Proxmox or in the config, then run the command again".into(),
        };
        ProvisionError::Step {
            node: node.map(str::to_owned),
            what: what.into(),
            cause: err.to_string(),
            next,
        }
    }

    /// A failed Talos step.
    pub fn talos(node: Option<&str>, what: impl Into<String>, err: &TalosError) -> Self {
        let next = match err {
            TalosError::Connect { .. } | TalosError::ClientCertRequired { .. } => {
                "Check on the Proxmox console that the VM booted Talos with its planned address \
                 and that port 50000 is reachable from here, then run apply again"
                    .to_owned()
            }
            TalosError::Config(_) => {
                "Check the directory written by `talosctl gen config` (--talos-dir)".to_owned()
            }
            _ => "Check the node's console or `talosctl dmesg`, then run apply again".to_owned(),
        };
        ProvisionError::Step {
            node: node.map(str::to_owned),
            what: what.into(),
            cause: err.to_string(),
            next,
        }
    }
}
