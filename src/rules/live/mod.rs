//! Live preflight: the config and its plan against what the Proxmox cluster holds
//! ([`Inventory`]), before `diff` or `apply` write anything. Each finding is a
//! diagnostic of the catalogue pointing at the config value that causes it: a Proxmox
//! node that is missing or offline, a datastore or image storage that cannot take the
//! disks, a bridge that is missing or not VLAN-aware, a VM ID someone else uses, a
//! host too small for what lands on it, a disk that would have to shrink.
//!
//! Pure: the native side only fetches the inventory.

mod guests;
mod hosts;
pub mod inventory;
mod network;
mod storage;

pub use inventory::{cluster_tag, Bridge, Guest, GuestKind, Host, Inventory, Storage, OWNER_TAG};

use super::Reporter;
use crate::config::{Config, Override, RoleKind};
use crate::diagnostics::{Diagnostic, Span};
use crate::plan::{NodeOrigin, Plan, PlannedNode};

/// What the live checks look at.
pub(crate) struct Live<'a> {
    pub config: &'a Config,
    pub plan: &'a Plan,
    pub inventory: &'a Inventory,
    pub cluster: String,
}

impl<'a> Live<'a> {
    /// The planned nodes with their origins.
    pub fn nodes(&self) -> impl Iterator<Item = (&'a PlannedNode, NodeOrigin)> + '_ {
        let origins = &self.plan.origins;
        self.plan
            .nodes
            .iter()
            .enumerate()
            .map(move |(i, n)| (n, origins.get(i).copied().unwrap_or_default()))
    }

    /// The VM of this cluster already on the node's planned ID.
    pub fn existing(&self, node: &PlannedNode) -> Option<&'a Guest> {
        let id = u64::try_from(node.vm_id?).ok()?;
        self.inventory
            .guests
            .get(&id)
            .filter(|g| g.belongs_to(&self.cluster))
    }

    /// The node's override, when it has one.
    fn override_of(&self, node: &PlannedNode) -> Option<&'a Override> {
        let role = match node.role {
            RoleKind::Controlplane => &self.config.controlplane,
            RoleKind::Worker => &self.config.worker,
        };
        role.overrides
            .get()?
            .iter()
            .find(|o| o.key.value == node.key)
    }

    /// Where the node's Proxmox node is written.
    pub fn host_span(&self, origin: &NodeOrigin) -> Span {
        origin
            .proxmox_node
            .or_else(|| self.config.cluster.node.span())
            .unwrap_or(self.config.cluster.span)
    }

    /// Where the node's datastore is written: its override's, else `cluster.datastore`.
    pub fn datastore_span(&self, node: &PlannedNode) -> Span {
        self.override_of(node)
            .and_then(|o| o.datastore.span())
            .or_else(|| self.config.cluster.datastore.span())
            .unwrap_or(self.config.cluster.span)
    }

    /// Where the node's system disk size is written.
    pub fn disk_span(&self, node: &PlannedNode, origin: &NodeOrigin) -> Span {
        origin.disk.unwrap_or_else(|| self.datastore_span(node))
    }
}

/// Runs every live check. `plan` must be the plan of `config`.
pub fn preflight(config: &Config, plan: &Plan, inventory: &Inventory) -> Vec<Diagnostic> {
    let live = Live {
        config,
        plan,
        inventory,
        cluster: plan.cluster_name.clone().unwrap_or_default(),
    };
    let mut out = Reporter::default();
    hosts::check(&live, &mut out);
    guests::check(&live, &mut out);
    storage::check(&live, &mut out);
    network::check(&live, &mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Rule;
    use crate::rules::{EXAMPLE_BASE, EXAMPLE_INVENTORY};
    use crate::Format;

    fn run(config: &str, inventory: &str) -> Vec<Diagnostic> {
        let (config, plan) = crate::complete_plan(config, Format::Yaml, "tests").expect("clean");
        let inventory: Inventory = yaml_serde::from_str(inventory).expect("inventory");
        preflight(&config, &plan, &inventory)
    }

    fn rules(d: &[Diagnostic]) -> Vec<Rule> {
        d.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn one_missing_node_is_one_diagnostic_for_every_vm_on_it() {
        let config = EXAMPLE_BASE.replace("node: pve01", "node: pve09");
        let d = run(&config, EXAMPLE_INVENTORY);
        assert_eq!(rules(&d), vec![Rule::ProxmoxNodeUnavailable], "{d:#?}");
        assert!(d[0]
            .message
            .contains("`pve09` is not in this cluster (its nodes: pve01, pve02, pve03)"));
        assert!(
            d[0].message
                .contains("(applies to controlplane-1, worker-1, worker-2)"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_shared_datastore_counts_every_node_once() {
        let inventory = EXAMPLE_INVENTORY.replace(
            "local-lvm: { content: [images, rootdir], avail_gib: 900 }",
            "ceph: { content: [images], shared: true, avail_gib: 450 }",
        );
        let config = EXAMPLE_BASE.replace("datastore: local-lvm", "datastore: ceph");
        let d = run(&config, &inventory);
        assert_eq!(rules(&d), vec![Rule::DatastoreFull], "{d:#?}");
        assert_eq!(
            d[0].message,
            "shared datastore `ceph` has 450 GiB free; the disks of controlplane-1, controlplane-2, \
             controlplane-3, worker-1, worker-2 need 500 GiB"
        );
    }

    #[test]
    fn existing_vms_need_only_their_growth_and_no_image() {
        // Every VM exists with a 60 GiB disk: 40 GiB more each, and the image storage
        // (which cannot take the image here) is not needed.
        let mut inventory =
            EXAMPLE_INVENTORY.replace("import], avail_gib: 80", "iso], avail_gib: 80");
        for (id, node) in [
            (700, "pve01"),
            (701, "pve02"),
            (702, "pve03"),
            (710, "pve01"),
            (711, "pve01"),
        ] {
            inventory.push_str(&format!(
                "  {id}: {{ node: {node}, tags: [homelab, talos-planner], running: true, disk_gib: 60 }}\n"
            ));
        }
        assert!(run(EXAMPLE_BASE, &inventory).is_empty());
        let tight = inventory.replace("avail_gib: 900", "avail_gib: 100");
        let d = run(EXAMPLE_BASE, &tight);
        assert_eq!(rules(&d), vec![Rule::DatastoreFull], "{d:#?}");
        assert!(d[0]
            .message
            .ends_with("the disks of controlplane-1, worker-1, worker-2 need 120 GiB"));
    }

    #[test]
    fn an_offline_node_is_reported_once_and_nothing_else_about_it() {
        let inventory = EXAMPLE_INVENTORY.replace(
            "pve02: { online: true, memory_mib: 65536, cores: 16 }",
            "pve02: { online: false }",
        );
        let config = EXAMPLE_BASE.replace(
            "  dns_servers: [1.1.1.1]\n",
            "  dns_servers: [1.1.1.1]\n  bridge: vmbr7\n",
        );
        let d = run(&config, &inventory);
        let found = rules(&d);
        assert!(found.contains(&Rule::ProxmoxNodeUnavailable));
        // The bridge is missing on the online nodes only.
        let bridge: Vec<_> = d.iter().filter(|d| d.rule == Rule::BridgeMissing).collect();
        assert_eq!(bridge.len(), 1);
        assert!(
            !bridge[0].message.contains("controlplane-2"),
            "{}",
            bridge[0].message
        );
    }

    #[test]
    fn an_iso_release_needs_iso_content() {
        let inventory = EXAMPLE_INVENTORY
            .replace("release: \"8.4\"", "release: \"8.0\"")
            .replace("[iso, vztmpl, backup, import]", "[vztmpl, backup, import]");
        let d = run(EXAMPLE_BASE, &inventory);
        assert_eq!(rules(&d), vec![Rule::ImageStorageUnusable], "{d:#?}");
        assert!(
            d[0].message.contains("needs `iso` content"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_vm_wider_than_its_host_cannot_start() {
        let config = EXAMPLE_BASE.replace("specs: { cpu: 4,", "specs: { cpu: 24,");
        let d = run(&config, EXAMPLE_INVENTORY);
        assert!(
            d.iter().all(|d| d.rule == Rule::ProxmoxNodeOvercommitted),
            "{d:#?}"
        );
        assert!(d[0]
            .message
            .contains("a VM with 24 cores cannot start on its 16 CPUs"));
    }
}
