//! What a live Proxmox VE cluster holds, as plain data: its nodes, their storages and
//! bridges, and the guests on it. The native side fills it from the API (`/nodes`,
//! `/nodes/{node}/storage`, `/nodes/{node}/network`, `/cluster/resources`); the
//! preflight checks and the catalogue's live examples read it. Collections are maps
//! keyed by name, so a documentation example can lay a JSON Merge Patch over a base.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The tag every VM talos-planner creates carries, next to the cluster's own tag.
pub const OWNER_TAG: &str = "talos-planner";

/// The cluster's tag: its name, lower-cased as Proxmox keeps tags.
pub fn cluster_tag(cluster: &str) -> String {
    cluster.to_ascii_lowercase()
}

/// A snapshot of the Proxmox cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// The Proxmox VE release, `major.minor` (`8.4`): from 8.4 the Talos image is
    /// imported as `import` content, before it boots from an ISO.
    #[serde(default)]
    pub release: Option<String>,
    /// Proxmox nodes by name.
    #[serde(default)]
    pub nodes: BTreeMap<String, Host>,
    /// Storages as each node sees them: node -> storage id -> state.
    #[serde(default)]
    pub storages: BTreeMap<String, BTreeMap<String, Storage>>,
    /// Linux and OVS bridges of each node: node -> interface -> state.
    #[serde(default)]
    pub bridges: BTreeMap<String, BTreeMap<String, Bridge>>,
    /// Every guest (VMs and containers share one ID space) by VM ID.
    #[serde(default)]
    pub guests: BTreeMap<u64, Guest>,
}

/// A Proxmox node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// `online` in `/nodes`.
    pub online: bool,
    /// Physical memory (MiB), when the node reports it.
    #[serde(default)]
    pub memory_mib: Option<u64>,
    /// Logical CPUs, when the node reports them.
    #[serde(default)]
    pub cores: Option<u64>,
}

/// A storage on one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Content types it takes (`images`, `iso`, `import`, ...).
    #[serde(default)]
    pub content: Vec<String>,
    /// Not disabled in `storage.cfg` (and configured for this node).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Reachable right now.
    #[serde(default = "yes")]
    pub active: bool,
    /// One storage seen by every node (NFS, Ceph): its space is shared.
    #[serde(default)]
    pub shared: bool,
    /// Free space (GiB, rounded down), when reported.
    #[serde(default)]
    pub avail_gib: Option<u64>,
}

/// A bridge on one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bridge {
    /// `bridge_vlan_aware` (always true for an OVS bridge, which trunks VLANs).
    #[serde(default)]
    pub vlan_aware: bool,
}

/// A VM or container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub node: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: GuestKind,
    /// Lower-cased, as Proxmox compares them.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub running: bool,
    /// Configured memory (MiB).
    #[serde(default)]
    pub memory_mib: Option<u64>,
    /// Configured cores (all sockets).
    #[serde(default)]
    pub cores: Option<u64>,
    /// The size of the system disk (`scsi0`) in GiB, read for this cluster's VMs.
    #[serde(default)]
    pub disk_gib: Option<f64>,
}

/// QEMU VM or LXC container.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GuestKind {
    #[default]
    Qemu,
    Lxc,
}

impl Guest {
    /// A VM of this cluster: a QEMU VM with both our tag and the cluster's. Anything else
    /// on a planned ID (a container included) belongs to someone else.
    pub fn belongs_to(&self, cluster: &str) -> bool {
        let own = cluster_tag(cluster);
        self.kind == GuestKind::Qemu
            && self.tags.iter().any(|t| t == OWNER_TAG)
            && self.tags.contains(&own)
    }

    /// `VM` or `container`, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            GuestKind::Qemu => "VM",
            GuestKind::Lxc => "container",
        }
    }
}

impl Inventory {
    /// Whether Proxmox imports disk images (8.4 and later); unknown releases are taken
    /// to be current.
    pub fn imports_disks(&self) -> bool {
        let Some(release) = &self.release else {
            return true;
        };
        let mut parts = release.trim().split(['.', '-']);
        let major: u32 = parts
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(u32::MAX);
        let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        (major, minor) >= (8, 4)
    }

    /// The storage `id` as `node` sees it.
    pub fn storage(&self, node: &str, id: &str) -> Option<&Storage> {
        self.storages.get(node).and_then(|s| s.get(id))
    }
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_decide_the_disk_path() {
        let at = |r: &str| Inventory {
            release: Some(r.into()),
            ..Default::default()
        };
        assert!(!at("8.0").imports_disks());
        assert!(!at("8.3").imports_disks());
        assert!(at("8.4").imports_disks());
        assert!(at("9.1").imports_disks());
        assert!(Inventory::default().imports_disks());
    }

    #[test]
    fn ownership_needs_both_tags_on_a_vm() {
        let guest = |kind, tags: &[&str]| Guest {
            node: "pve01".into(),
            name: None,
            kind,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            running: true,
            memory_mib: None,
            cores: None,
            disk_gib: None,
        };
        assert!(guest(GuestKind::Qemu, &["homelab", "talos-planner"]).belongs_to("Homelab"));
        assert!(!guest(GuestKind::Qemu, &["talos-planner"]).belongs_to("homelab"));
        assert!(!guest(GuestKind::Lxc, &["homelab", "talos-planner"]).belongs_to("homelab"));
    }
}
