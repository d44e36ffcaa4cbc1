//! The endpoints provisioning uses: typed answers and the calls that ask for them.
//! Writes are built as [`Call`]s by the provisioner, so `--dry-run` can print them.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::client::{seg, Call, Client, Method};
use super::error::ProxmoxError;

/// `GET /version`.
#[derive(Debug, Clone, Deserialize)]
pub struct VersionInfo {
    /// `x.y`.
    #[serde(default)]
    pub release: Option<String>,
    /// The pve-manager version, `x.y.z`.
    #[serde(default)]
    pub version: Option<String>,
}

/// A Proxmox VE release, as far as the API differs between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PveVersion {
    pub major: u32,
    pub minor: u32,
}

impl PveVersion {
    /// Reads `8.4`, `8.4.1` or `9.1-2`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split(['.', '-']);
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        Some(PveVersion { major, minor })
    }

    /// From the `/version` answer: `release`, else `version`.
    pub fn of(info: &VersionInfo) -> Option<Self> {
        info.release
            .as_deref()
            .and_then(Self::parse)
            .or_else(|| info.version.as_deref().and_then(Self::parse))
    }

    /// 8.4 added the `import` storage content type, so a disk image can be downloaded
    /// by Proxmox and attached with `import-from`, all through the API.
    pub fn supports_disk_import(self) -> bool {
        self >= PveVersion { major: 8, minor: 4 }
    }
}

impl std::fmt::Display for PveVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// One entry of `GET /nodes`.
#[derive(Debug, Clone, Deserialize)]
pub struct NodeInfo {
    pub node: String,
    #[serde(default)]
    pub status: Option<String>,
    /// Memory in bytes (an offline node reports none).
    #[serde(default)]
    pub maxmem: Option<u64>,
    /// Memory in use, bytes.
    #[serde(default)]
    pub mem: Option<u64>,
    /// Logical CPUs.
    #[serde(default, deserialize_with = "number")]
    pub maxcpu: Option<f64>,
}

/// One guest of `GET /cluster/resources?type=vm`: a VM or a container (they share one
/// ID space).
#[derive(Debug, Clone, Deserialize)]
pub struct ClusterVm {
    pub vmid: u64,
    pub node: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// `;`-separated (PVE also accepts `,` and spaces on input).
    #[serde(default)]
    pub tags: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub lock: Option<String>,
    /// Configured memory in bytes.
    #[serde(default)]
    pub maxmem: Option<u64>,
    /// Configured CPUs (PVE sends a number).
    #[serde(default, deserialize_with = "number")]
    pub maxcpu: Option<f64>,
}

impl ClusterVm {
    /// The tags, lower-cased (PVE treats them case-insensitively).
    pub fn tag_list(&self) -> Vec<String> {
        split_tags(self.tags.as_deref().unwrap_or(""))
    }

    /// A QEMU VM, not a container.
    pub fn is_qemu(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| k == "qemu")
    }

    /// `VM` or `container`, for messages.
    pub fn kind_name(&self) -> &'static str {
        if self.is_qemu() {
            "VM"
        } else {
            "container"
        }
    }
}

/// Splits a tag list the way PVE reads one.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([';', ',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A boolean as PVE's API writes it: `1`/`0` (Perl), sometimes `true`/`false`.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::Number(n)) => Some(n.as_f64() != Some(0.0)),
        Some(Value::String(s)) => Some(!matches!(s.as_str(), "0" | "" | "false")),
        _ => None,
    })
}

/// A number as PVE writes it: JSON number or numeric string.
fn number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// One entry of `GET /nodes/{node}/storage`: a storage as that node sees it.
#[derive(Debug, Clone, Deserialize)]
pub struct StorageStatus {
    pub storage: String,
    /// Comma-separated content types.
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub enabled: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub shared: Option<bool>,
    /// Free bytes.
    #[serde(default)]
    pub avail: Option<u64>,
}

impl StorageStatus {
    /// The content types.
    pub fn contents(&self) -> Vec<String> {
        split_tags(self.content.as_deref().unwrap_or(""))
    }
}

/// One entry of `GET /nodes/{node}/network`: a network interface of the node.
#[derive(Debug, Clone, Deserialize)]
pub struct NetworkIface {
    pub iface: String,
    /// `bridge`, `OVSBridge`, `bond`, `eth`, ...
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub bridge_vlan_aware: Option<bool>,
}

impl NetworkIface {
    /// A Linux bridge with `bridge-vlan-aware`, or an OVS bridge (which trunks VLANs).
    pub fn vlan_aware(&self) -> bool {
        self.kind.as_deref() == Some("OVSBridge") || self.bridge_vlan_aware == Some(true)
    }
}

/// One entry of `GET /nodes/{node}/qemu/{vmid}/pending`: a config key, its current
/// value, and what it becomes at the next start.
#[derive(Debug, Clone, Deserialize)]
pub struct PendingItem {
    pub key: String,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub pending: Option<Value>,
    /// 1: deleted at the next start; 2: force-deleted.
    #[serde(default)]
    pub delete: Option<u8>,
}

/// A config value as text, whatever JSON type PVE sent.
pub fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1".into() } else { "0".into() }),
        _ => None,
    }
}

/// One volume of `GET /nodes/{node}/storage/{storage}/content`.
#[derive(Debug, Clone, Deserialize)]
pub struct Volume {
    pub volid: String,
}

/// `GET /nodes/{node}/qemu/{vmid}/status/current` (the part we read).
#[derive(Debug, Clone, Deserialize)]
pub struct VmStatus {
    pub status: String,
    #[serde(default)]
    pub lock: Option<String>,
}

/// A VM's configuration: keys to values (numbers or strings).
pub type VmConfig = BTreeMap<String, Value>;

/// A config value as text, whatever JSON type PVE sent.
pub fn config_text(config: &VmConfig, key: &str) -> Option<String> {
    config.get(key).and_then(value_text)
}

pub async fn version(client: &Client) -> Result<VersionInfo, ProxmoxError> {
    client.get(&Call::new(Method::Get, "/version")).await
}

pub async fn nodes(client: &Client) -> Result<Vec<NodeInfo>, ProxmoxError> {
    client.get(&Call::new(Method::Get, "/nodes")).await
}

/// Every guest of the cluster, containers included: a container's ID is taken for VMs
/// too.
pub async fn cluster_guests(client: &Client) -> Result<Vec<ClusterVm>, ProxmoxError> {
    client
        .get(&Call::new(Method::Get, "/cluster/resources").param("type", "vm"))
        .await
}

pub async fn vm_config(client: &Client, node: &str, vmid: u64) -> Result<VmConfig, ProxmoxError> {
    client
        .get(&Call::new(
            Method::Get,
            format!("/nodes/{}/qemu/{vmid}/config", seg(node)),
        ))
        .await
}

/// The storages of a node, with their state and free space.
pub async fn node_storages(
    client: &Client,
    node: &str,
) -> Result<Vec<StorageStatus>, ProxmoxError> {
    client
        .get(&Call::new(
            Method::Get,
            format!("/nodes/{}/storage", seg(node)),
        ))
        .await
}

/// The bridges of a node (Linux and OVS).
pub async fn node_bridges(client: &Client, node: &str) -> Result<Vec<NetworkIface>, ProxmoxError> {
    client
        .get(
            &Call::new(Method::Get, format!("/nodes/{}/network", seg(node)))
                .param("type", "any_bridge"),
        )
        .await
}

/// A VM's configuration with its pending changes, key by key.
pub async fn vm_pending(
    client: &Client,
    node: &str,
    vmid: u64,
) -> Result<Vec<PendingItem>, ProxmoxError> {
    client
        .get(&Call::new(
            Method::Get,
            format!("/nodes/{}/qemu/{vmid}/pending", seg(node)),
        ))
        .await
}

pub async fn vm_status(client: &Client, node: &str, vmid: u64) -> Result<VmStatus, ProxmoxError> {
    client
        .get(&Call::new(
            Method::Get,
            format!("/nodes/{}/qemu/{vmid}/status/current", seg(node)),
        ))
        .await
}

/// The volumes of one content type on a storage of a node.
pub async fn storage_content(
    client: &Client,
    node: &str,
    storage: &str,
    content: &str,
) -> Result<Vec<Volume>, ProxmoxError> {
    client
        .get(
            &Call::new(
                Method::Get,
                format!("/nodes/{}/storage/{}/content", seg(node), seg(storage)),
            )
            .param("content", content),
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_gate_the_disk_path() {
        let v = |r: &str| PveVersion::parse(r).unwrap();
        assert!(!v("8.0").supports_disk_import());
        assert!(!v("8.3.5").supports_disk_import());
        assert!(v("8.4").supports_disk_import());
        assert!(v("9.1-1").supports_disk_import());
        let info = VersionInfo {
            release: None,
            version: Some("8.4.1".into()),
        };
        assert_eq!(PveVersion::of(&info), Some(v("8.4")));
    }

    #[test]
    fn tags_split_like_pve() {
        assert_eq!(
            split_tags("talos-planner;Homelab, x"),
            vec!["talos-planner", "homelab", "x"]
        );
    }
}
