//! What the live cluster looks like, as plain data: this cluster's VMs as Proxmox
//! reports them (configuration and pending changes) and each node's Talos API.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::RoleKind;

/// This cluster's VMs and Talos nodes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Observed {
    /// The VMs that carry this cluster's tags, by VM ID.
    pub vms: BTreeMap<u64, ObservedVm>,
    /// Each node's Talos API by node key (planned nodes and VMs to remove alike).
    pub talos: BTreeMap<String, TalosState>,
}

/// One VM of this cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ObservedVm {
    /// The Proxmox node it is on.
    pub node: String,
    pub running: bool,
    /// Its configuration as it is now (`value` in Proxmox's `/pending`).
    pub config: BTreeMap<String, String>,
    /// Values that take effect when the VM next starts (`pending`); `None` for a key
    /// that is deleted then.
    pub pending: BTreeMap<String, Option<String>>,
}

impl ObservedVm {
    /// A value as the next start will have it: pending, else current.
    pub fn effective(&self, key: &str) -> Option<&str> {
        match self.pending.get(key) {
            Some(pending) => pending.as_deref(),
            None => self.config.get(key).map(String::as_str),
        }
    }

    /// The node key and role the VM was created for, from its name
    /// (`homelab-controlplane-03` is `controlplane-3`).
    pub fn key(&self, cluster: &str) -> Option<(String, RoleKind)> {
        let name = self.config.get("name")?;
        let rest = name
            .strip_prefix(cluster)
            .or_else(|| {
                // Proxmox keeps names as given, the cluster's case included; tags are lower.
                let lower = cluster.to_ascii_lowercase();
                name.to_ascii_lowercase()
                    .starts_with(&lower)
                    .then(|| &name[cluster.len()..])
            })?
            .strip_prefix('-')?;
        for role in [RoleKind::Controlplane, RoleKind::Worker] {
            if let Some(number) = rest
                .strip_prefix(role.prefix())
                .and_then(|r| r.strip_prefix('-'))
            {
                let n: u32 = number.parse().ok().filter(|n| *n > 0)?;
                return Some((format!("{}-{n}", role.prefix()), role));
            }
        }
        None
    }

    /// The IP address in `ipconfig0` (`ip=10.10.100.12/24,gw=...`), to reach a node that
    /// is no longer planned.
    pub fn address(&self) -> Option<std::net::IpAddr> {
        let ipconfig = self.config.get("ipconfig0")?;
        ipconfig.split(',').find_map(|part| {
            let (k, v) = part.split_once('=')?;
            matches!(k.trim(), "ip" | "ip6")
                .then(|| v.split('/').next()?.trim().parse().ok())
                .flatten()
        })
    }
}

/// A node's Talos API, as far as it was asked. Its machine config holds the cluster's
/// secrets: it is never serialised, and `Debug` shows only its length.
#[derive(Clone, Default, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TalosState {
    /// Not asked: `--proxmox-only`, or no talosconfig to ask with.
    #[default]
    NotAsked,
    /// Nothing answered (why).
    Unreachable { reason: String },
    /// Maintenance mode: the node waits for its machine config.
    Maintenance,
    /// Running with a config; `schematic` and `config` when they could be read.
    Configured {
        version: String,
        schematic: Option<String>,
        #[serde(skip)]
        config: Option<String>,
    },
}

impl std::fmt::Debug for TalosState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TalosState::NotAsked => f.write_str("NotAsked"),
            TalosState::Unreachable { reason } => f
                .debug_struct("Unreachable")
                .field("reason", reason)
                .finish(),
            TalosState::Maintenance => f.write_str("Maintenance"),
            TalosState::Configured {
                version,
                schematic,
                config,
            } => f
                .debug_struct("Configured")
                .field("version", version)
                .field("schematic", schematic)
                .field(
                    "config",
                    &config.as_ref().map(|c| format!("<{} bytes>", c.len())),
                )
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm(name: &str) -> ObservedVm {
        ObservedVm {
            config: [("name".to_owned(), name.to_owned())].into(),
            ..Default::default()
        }
    }

    #[test]
    fn keys_come_from_the_planned_hostnames() {
        assert_eq!(
            vm("homelab-controlplane-03").key("homelab"),
            Some(("controlplane-3".into(), RoleKind::Controlplane))
        );
        assert_eq!(
            vm("Homelab-worker-12").key("homelab"),
            Some(("worker-12".into(), RoleKind::Worker))
        );
        assert_eq!(vm("homelab-worker-00").key("homelab"), None);
        assert_eq!(vm("other-worker-1").key("homelab"), None);
        assert_eq!(vm("homelab-db-1").key("homelab"), None);
    }

    #[test]
    fn the_running_config_never_shows() {
        let state = TalosState::Configured {
            version: "v1.12.0".into(),
            schematic: None,
            config: Some("cluster:\n  secret: S3CRET\n".into()),
        };
        assert!(!format!("{state:?}").contains("S3CRET"));
        assert!(!serde_json::to_string(&state).unwrap().contains("S3CRET"));
    }

    #[test]
    fn effective_values_and_addresses() {
        let mut v = vm("homelab-worker-01");
        v.config.insert("cores".into(), "2".into());
        v.config.insert("memory".into(), "2048".into());
        v.config
            .insert("ipconfig0".into(), "gw=10.0.0.1,ip=10.0.0.20/24".into());
        v.pending.insert("cores".into(), Some("4".into()));
        v.pending.insert("memory".into(), None);
        assert_eq!(v.effective("cores"), Some("4"));
        assert_eq!(v.effective("memory"), None);
        assert_eq!(v.address(), Some("10.0.0.20".parse().unwrap()));
    }
}
