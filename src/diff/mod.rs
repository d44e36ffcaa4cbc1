//! `diff`: the desired cluster (the plan and each node's machine config) against what
//! Proxmox and Talos report. Pure: the native side reads the live state
//! ([`observed::Observed`]) and prints the result (human and JSON); the page could
//! show the same.
//!
//! Each planned node is created (`+`), changed (`~`: cores, memory, a disk to grow, a
//! stopped VM, a Talos upgrade, a machine config to apply) or unchanged (`=`); each VM
//! of this cluster that the plan no longer has is removed (`-`).

pub mod machine_config;
pub mod observed;
pub mod quorum;
pub mod vm;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::config::{Config, RoleKind};
use crate::plan::Plan;
use observed::{Observed, TalosState};

/// The desired state.
#[derive(Debug, Clone, Copy)]
pub struct Desired<'a> {
    pub config: &'a Config,
    pub plan: &'a Plan,
    /// Each node's complete machine config by node key, when known.
    pub machine_configs: Option<&'a BTreeMap<String, String>>,
}

/// What happens to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Change,
    Remove,
    Unchanged,
}

impl Action {
    /// `+`, `~`, `-` or `=`.
    pub fn sign(self) -> char {
        match self {
            Action::Create => '+',
            Action::Change => '~',
            Action::Remove => '-',
            Action::Unchanged => '=',
        }
    }
}

/// One change to an existing node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Change {
    /// `reboot`: the VM runs, so Proxmox keeps the change until it next starts.
    Cores {
        from: i64,
        to: i64,
        reboot: bool,
    },
    Memory {
        from: i64,
        to: i64,
        reboot: bool,
    },
    /// The disk grows (online).
    Disk {
        from_gib: f64,
        to_gib: f64,
    },
    /// The VM is stopped and is started.
    Start,
    /// Talos is in maintenance mode and gets its machine config (joins the cluster).
    Join,
    /// A rolling upgrade to the planned version and schematic (installer image).
    Upgrade {
        from_version: String,
        to_version: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        from_schematic: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to_schematic: Option<String>,
    },
    /// The machine config is applied to the running node (mode auto).
    MachineConfig {
        /// Unified diff, secrets redacted.
        diff: String,
        only_secrets: bool,
    },
}

impl Change {
    /// Cores or memory that wait for the VM's next start.
    pub fn needs_restart(&self) -> bool {
        matches!(
            self,
            Change::Cores { reboot: true, .. } | Change::Memory { reboot: true, .. }
        )
    }

    /// One line for people (see [`Change::needs_restart`] for what waits for a restart).
    pub fn summary(&self) -> String {
        match self {
            Change::Cores { from, to, .. } => format!("cores {from} -> {to}"),
            Change::Memory { from, to, .. } => format!("memory {from} -> {to} MiB"),
            Change::Disk { from_gib, to_gib } => format!("disk grows {from_gib} -> {to_gib} GiB"),
            Change::Start => "start the VM".into(),
            Change::Join => {
                "apply the machine config in maintenance mode (joins the cluster)".into()
            }
            Change::Upgrade {
                from_version,
                to_version,
                from_schematic,
                to_schematic,
            } => {
                let mut s = if from_version == to_version {
                    format!("upgrade Talos {to_version} to another schematic")
                } else {
                    format!("upgrade Talos {from_version} -> {to_version}")
                };
                if let (Some(a), Some(b)) = (from_schematic, to_schematic) {
                    if a != b {
                        s.push_str(&format!(" (schematic {} -> {})", short(a), short(b)));
                    }
                }
                s
            }
            Change::MachineConfig { only_secrets, .. } => {
                if *only_secrets {
                    "machine config: secret values differ (not shown)".into()
                } else {
                    "machine config changes".into()
                }
            }
        }
    }
}

/// The first 12 characters of a schematic ID.
fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// One node of the diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeDiff {
    pub key: String,
    pub role: Option<RoleKind>,
    pub hostname: Option<String>,
    pub vm_id: Option<u64>,
    /// Where the VM is, or will be.
    pub proxmox_node: Option<String>,
    pub action: Action,
    /// Planned resources (none for a VM to remove).
    pub cores: Option<i64>,
    pub memory: Option<i64>,
    pub disk: Option<i64>,
    pub changes: Vec<Change>,
    /// What differs that `apply` leaves alone, and what could not be looked at.
    pub notes: Vec<String>,
}

/// How many nodes of each action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub create: usize,
    pub change: usize,
    pub remove: usize,
    pub unchanged: usize,
}

/// The whole diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterDiff {
    pub cluster: String,
    pub nodes: Vec<NodeDiff>,
    pub counts: Counts,
    /// `apply` has something to do.
    pub changes_pending: bool,
}

impl ClusterDiff {
    /// The nodes to remove.
    pub fn removals(&self) -> impl Iterator<Item = &NodeDiff> {
        self.nodes.iter().filter(|n| n.action == Action::Remove)
    }

    /// A node by key.
    pub fn node(&self, key: &str) -> Option<&NodeDiff> {
        self.nodes.iter().find(|n| n.key == key)
    }
}

/// Compares the desired cluster with the observed one.
pub fn diff(desired: &Desired<'_>, observed: &Observed) -> ClusterDiff {
    let plan = desired.plan;
    let cluster = plan.cluster_name.clone().unwrap_or_default();
    let version = desired.config.image.version.get().cloned();
    let schematic = plan.image.as_ref().map(|i| i.schematic_id.clone());
    let mut nodes = Vec::new();
    let mut planned_ids = BTreeSet::new();
    for node in &plan.nodes {
        let vm_id = node.vm_id.and_then(|v| u64::try_from(v).ok());
        if let Some(id) = vm_id {
            planned_ids.insert(id);
        }
        let mut entry = NodeDiff {
            key: node.key.clone(),
            role: Some(node.role),
            hostname: node.hostname.clone(),
            vm_id,
            proxmox_node: node.proxmox_node.clone(),
            action: Action::Create,
            cores: node.cpu,
            memory: node.memory,
            disk: node.disk,
            changes: Vec::new(),
            notes: Vec::new(),
        };
        let Some(vm) = vm_id.and_then(|id| observed.vms.get(&id)) else {
            nodes.push(entry);
            continue;
        };
        entry.proxmox_node = Some(vm.node.clone());
        let (changes, notes) = vm::compare(plan, node, vm);
        entry.changes = changes;
        entry.notes = notes;
        match observed
            .talos
            .get(&node.key)
            .unwrap_or(&TalosState::NotAsked)
        {
            TalosState::NotAsked => {}
            TalosState::Unreachable { reason } => {
                if vm.running {
                    entry
                        .notes
                        .push(format!("Talos API not reachable ({reason})"));
                }
            }
            TalosState::Maintenance => entry.changes.push(Change::Join),
            TalosState::Configured {
                version: running,
                schematic: running_schematic,
                config,
            } => {
                let version_differs = version.as_ref().is_some_and(|v| v != running);
                let schematic_differs = match (&schematic, running_schematic) {
                    (Some(want), Some(have)) => want != have,
                    _ => false,
                };
                if version_differs || schematic_differs {
                    entry.changes.push(Change::Upgrade {
                        from_version: running.clone(),
                        to_version: version.clone().unwrap_or_else(|| running.clone()),
                        from_schematic: running_schematic.clone(),
                        to_schematic: schematic.clone(),
                    });
                }
                let planned = desired.machine_configs.and_then(|c| c.get(&node.key));
                match (config, planned) {
                    (Some(running), Some(planned)) => {
                        if let Some(d) = machine_config::compare(running, planned) {
                            entry.changes.push(Change::MachineConfig {
                                diff: d.text,
                                only_secrets: d.only_secrets,
                            });
                        }
                    }
                    (None, Some(_)) => entry
                        .notes
                        .push("the running machine config could not be read".into()),
                    _ => {}
                }
            }
        }
        entry.action = if entry.changes.is_empty() {
            Action::Unchanged
        } else {
            Action::Change
        };
        nodes.push(entry);
    }
    for (id, vm) in &observed.vms {
        if planned_ids.contains(id) {
            continue;
        }
        let (key, role) = match vm.key(&cluster) {
            Some((key, role)) => (key, Some(role)),
            None => (format!("vm-{id}"), None),
        };
        nodes.push(NodeDiff {
            key,
            role,
            hostname: vm.config.get("name").cloned(),
            vm_id: Some(*id),
            proxmox_node: Some(vm.node.clone()),
            action: Action::Remove,
            cores: None,
            memory: None,
            disk: None,
            changes: Vec::new(),
            notes: Vec::new(),
        });
    }
    let mut counts = Counts::default();
    for n in &nodes {
        match n.action {
            Action::Create => counts.create += 1,
            Action::Change => counts.change += 1,
            Action::Remove => counts.remove += 1,
            Action::Unchanged => counts.unchanged += 1,
        }
    }
    ClusterDiff {
        cluster,
        changes_pending: counts.create + counts.change + counts.remove > 0,
        nodes,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::observed::ObservedVm;
    use super::*;
    use crate::Format;

    const CONFIG: &str =
        "cluster: { name: homelab, node: pve01, datastore: local-lvm, vm_base_id: 700 }
image: { version: v1.12.1, extensions: [qemu-guest-agent] }
network: { cidr: 10.10.100.0/24, gateway: 10.10.100.1, dns_servers: [1.1.1.1], vlan_id: 1100 }
controlplane: { count: 1, specs: { cpu: 4, memory: 4096, disk: 100 } }
worker: { count: 1, specs: { cpu: 2, memory: 4096, disk: 100 } }
";

    /// The VM the create request makes for `node`, running.
    fn vm_of(plan: &Plan, key: &str) -> ObservedVm {
        let n = plan.nodes.iter().find(|n| n.key == key).unwrap();
        let config: BTreeMap<String, String> = [
            ("name", n.hostname.clone().unwrap()),
            ("cores", n.cpu.unwrap().to_string()),
            ("memory", n.memory.unwrap().to_string()),
            ("cpu", "host".into()),
            ("machine", "q35".into()),
            ("scsihw", "virtio-scsi-single".into()),
            (
                "scsi0",
                format!("local-lvm:vm-1-disk-0,size={}G", n.disk.unwrap()),
            ),
            (
                "net0",
                "virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=1100".into(),
            ),
            (
                "ipconfig0",
                vm::ipconfig0(n.ip_address.unwrap(), 24, n.gateway),
            ),
            ("nameserver", "1.1.1.1".into()),
            ("agent", "enabled=1".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        ObservedVm {
            node: "pve01".into(),
            running: true,
            config,
            pending: BTreeMap::new(),
        }
    }

    #[test]
    fn every_kind_of_difference() {
        let (config, plan) = crate::complete_plan(CONFIG, Format::Yaml, "t").unwrap();
        let configs: BTreeMap<String, String> = [
            (
                "controlplane-1".to_owned(),
                "machine:\n  type: controlplane\n  token: new\n".to_owned(),
            ),
            (
                "worker-1".to_owned(),
                "machine:\n  type: worker\n".to_owned(),
            ),
        ]
        .into();
        let desired = Desired {
            config: &config,
            plan: &plan,
            machine_configs: Some(&configs),
        };
        // Nothing there: both are created.
        let empty = diff(&desired, &Observed::default());
        assert_eq!(empty.counts.create, 2);
        assert!(empty.changes_pending);

        let mut observed = Observed::default();
        let mut cp = vm_of(&plan, "controlplane-1");
        cp.config.insert("memory".into(), "2048".into());
        observed.vms.insert(700, cp);
        let mut w = vm_of(&plan, "worker-1");
        w.running = false;
        w.config
            .insert("scsi0".into(), "local-lvm:vm-710-disk-0,size=60G".into());
        observed.vms.insert(710, w);
        let mut gone = vm_of(&plan, "worker-1");
        gone.config
            .insert("name".into(), "homelab-worker-02".into());
        observed.vms.insert(711, gone);
        observed.talos.insert(
            "controlplane-1".into(),
            TalosState::Configured {
                version: "v1.12.0".into(),
                schematic: Some(
                    "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515".into(),
                ),
                config: Some("machine:\n  type: controlplane\n  token: old\n".into()),
            },
        );
        observed
            .talos
            .insert("worker-1".into(), TalosState::Maintenance);
        let d = diff(&desired, &observed);
        let cp = d.node("controlplane-1").unwrap();
        assert_eq!(cp.action, Action::Change);
        assert_eq!(
            cp.changes[0],
            Change::Memory {
                from: 2048,
                to: 4096,
                reboot: true
            }
        );
        assert!(
            matches!(&cp.changes[1], Change::Upgrade { from_version, to_version, .. } if from_version == "v1.12.0" && to_version == "v1.12.1")
        );
        assert!(
            matches!(&cp.changes[2], Change::MachineConfig { only_secrets: true, diff } if !diff.contains("old") && !diff.contains("new"))
        );
        assert!(cp.notes.is_empty(), "{:?}", cp.notes);
        let w = d.node("worker-1").unwrap();
        assert_eq!(
            w.changes,
            vec![
                Change::Disk {
                    from_gib: 60.0,
                    to_gib: 100.0
                },
                Change::Start,
                Change::Join
            ]
        );
        let gone = d.node("worker-2").unwrap();
        assert_eq!(gone.action, Action::Remove);
        assert_eq!(gone.role, Some(RoleKind::Worker));
        assert_eq!(
            d.counts,
            Counts {
                create: 0,
                change: 2,
                remove: 1,
                unchanged: 0
            }
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["nodes"][0]["changes"][0]["what"], "memory");
        assert_eq!(json["nodes"][2]["action"], "remove");
    }

    #[test]
    fn pending_values_are_not_changed_twice_and_drift_is_noted() {
        let (config, plan) = crate::complete_plan(CONFIG, Format::Yaml, "t").unwrap();
        let desired = Desired {
            config: &config,
            plan: &plan,
            machine_configs: None,
        };
        let mut observed = Observed::default();
        let mut cp = vm_of(&plan, "controlplane-1");
        cp.config.insert("cores".into(), "2".into());
        cp.pending.insert("cores".into(), Some("4".into()));
        cp.config
            .insert("net0".into(), "virtio=AA,bridge=vmbr1,tag=1100".into());
        observed.vms.insert(700, cp);
        observed.vms.insert(710, vm_of(&plan, "worker-1"));
        let d = diff(&desired, &observed);
        let cp = d.node("controlplane-1").unwrap();
        assert_eq!(cp.action, Action::Unchanged);
        assert!(
            cp.notes[0].starts_with("cores 4 is pending (now 2)"),
            "{:?}",
            cp.notes
        );
        assert_eq!(
            cp.notes[1],
            "net0 is virtio,bridge=vmbr1,tag=1100, the plan says virtio,bridge=vmbr0,tag=1100"
        );
        assert_eq!(d.node("worker-1").unwrap().action, Action::Unchanged);
        assert!(!d.changes_pending);
    }
}
