//! Reading the live cluster for `diff` and `apply`: Proxmox (release, nodes, the
//! storages and bridges of the planned nodes, every guest, and this cluster's VMs with
//! their pending changes) and, where it answers, each node's Talos (version, schematic,
//! running machine config). Nothing here writes.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::desired::{cluster_tag, is_ours, DiskPath};
use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ClusterInput, StatusTalos};
use super::talos_phase::{probe, NodeApi};
use super::writer::bounded;
use crate::diff::observed::{ObservedVm, TalosState};
use crate::native::proxmox::api::{
    self, value_text, ClusterVm, NetworkIface, NodeInfo, PveVersion, StorageStatus,
};
use crate::native::proxmox::Client;
use crate::native::talos::{MachineClient, Mode};
use crate::rules::live::{self, GuestKind, Inventory};

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// What Proxmox holds.
#[derive(Debug, Clone)]
pub struct LiveState {
    pub version: PveVersion,
    pub nodes: Vec<NodeInfo>,
    /// Storages and bridges of the planned Proxmox nodes that are online.
    pub storages: BTreeMap<String, Vec<StorageStatus>>,
    pub bridges: BTreeMap<String, Vec<NetworkIface>>,
    /// Every guest of the cluster.
    pub guests: Vec<ClusterVm>,
    /// This cluster's VMs, by VM ID.
    pub vms: BTreeMap<u64, ObservedVm>,
}

impl LiveState {
    /// How new VMs get Talos onto their disk on this release.
    pub fn disk_path(&self) -> DiskPath {
        if self.version.supports_disk_import() {
            DiskPath::Import
        } else {
            DiskPath::Iso
        }
    }

    /// A guest by VM ID.
    pub fn guest(&self, vmid: u64) -> Option<&ClusterVm> {
        self.guests.iter().find(|g| g.vmid == vmid)
    }

    /// The plain-data inventory the preflight checks.
    pub fn inventory(&self) -> Inventory {
        let mut inventory = Inventory {
            release: Some(self.version.to_string()),
            ..Default::default()
        };
        for n in &self.nodes {
            inventory.nodes.insert(
                n.node.clone(),
                live::Host {
                    online: n.status.as_deref() == Some("online"),
                    memory_mib: n.maxmem.map(|m| m / MIB),
                    cores: n.maxcpu.map(|c| c as u64),
                },
            );
        }
        for (node, list) in &self.storages {
            let entry = inventory.storages.entry(node.clone()).or_default();
            for s in list {
                entry.insert(
                    s.storage.clone(),
                    live::Storage {
                        content: s.contents(),
                        enabled: s.enabled != Some(false),
                        active: s.active != Some(false),
                        shared: s.shared == Some(true),
                        avail_gib: s.avail.map(|a| a / GIB),
                    },
                );
            }
        }
        for (node, list) in &self.bridges {
            let entry = inventory.bridges.entry(node.clone()).or_default();
            for b in list {
                entry.insert(
                    b.iface.clone(),
                    live::Bridge {
                        vlan_aware: b.vlan_aware(),
                    },
                );
            }
        }
        for g in &self.guests {
            inventory.guests.insert(
                g.vmid,
                live::Guest {
                    node: g.node.clone(),
                    name: g.name.clone(),
                    kind: if g.is_qemu() {
                        GuestKind::Qemu
                    } else {
                        GuestKind::Lxc
                    },
                    tags: g.tag_list(),
                    running: g.status.as_deref() == Some("running"),
                    memory_mib: g.maxmem.map(|m| m / MIB),
                    cores: g.maxcpu.map(|c| c as u64),
                    disk_gib: self
                        .vms
                        .get(&g.vmid)
                        .and_then(|vm| vm.effective("scsi0"))
                        .and_then(crate::diff::vm::disk_gib),
                },
            );
        }
        inventory
    }
}

fn pve(what: &str) -> impl Fn(crate::native::proxmox::ProxmoxError) -> ProvisionError + '_ {
    move |e| ProvisionError::proxmox(None, what, &e)
}

/// How long to wait for VMs on planned IDs that are still being created.
#[derive(Debug, Clone, Copy)]
pub struct CreationWait {
    pub timeout: Duration,
    pub interval: Duration,
}

/// Reads Proxmox: 3 requests, then per planned Proxmox node 2 and per VM of this
/// cluster 1, `concurrency` at a time.
pub async fn read_proxmox(
    input: &ClusterInput,
    client: &Client,
    concurrency: usize,
    wait: CreationWait,
    out: &dyn Reporter,
) -> Result<LiveState, ProvisionError> {
    let info = api::version(client)
        .await
        .map_err(pve("reading the Proxmox version"))?;
    let version = PveVersion::of(&info).ok_or_else(|| ProvisionError::Step {
        node: None,
        what: "reading the Proxmox version".into(),
        cause: format!(
            "`{}` is not a release number",
            info.release
                .as_deref()
                .or(info.version.as_deref())
                .unwrap_or_default()
        ),
        next: "Check that the endpoint is a Proxmox VE API".into(),
    })?;
    let nodes = api::nodes(client)
        .await
        .map_err(pve("listing the Proxmox nodes"))?;
    let guests = api::cluster_guests(client)
        .await
        .map_err(pve("listing the VMs of the cluster"))?;
    let guests = wait_for_creations(client, input, guests, wait, out).await?;
    let online: BTreeSet<&str> = nodes
        .iter()
        .filter(|n| n.status.as_deref() == Some("online"))
        .map(|n| n.node.as_str())
        .collect();
    let hosts: BTreeSet<String> = input
        .plan
        .nodes
        .iter()
        .filter_map(|n| n.proxmox_node.clone())
        .filter(|h| online.contains(h.as_str()))
        .collect();
    let tag = cluster_tag(&input.name());
    let ours: Vec<&ClusterVm> = guests.iter().filter(|g| is_ours(g, &tag)).collect();

    enum Read {
        Host(String, Vec<StorageStatus>, Vec<NetworkIface>),
        Vm(u64, ObservedVm),
    }
    let mut work: Vec<Result<String, &ClusterVm>> = hosts.into_iter().map(Ok).collect();
    work.extend(ours.into_iter().map(Err));
    let reads = bounded(work, concurrency, |item| async move {
        match item {
            Ok(host) => {
                let storages = api::node_storages(client, &host).await.map_err(|e| {
                    ProvisionError::proxmox(None, format!("listing the storages of {host}"), &e)
                })?;
                let bridges = api::node_bridges(client, &host).await.map_err(|e| {
                    ProvisionError::proxmox(None, format!("listing the bridges of {host}"), &e)
                })?;
                Ok(Read::Host(host, storages, bridges))
            }
            Err(vm) => {
                let items = api::vm_pending(client, &vm.node, vm.vmid)
                    .await
                    .map_err(|e| {
                        ProvisionError::proxmox(
                            None,
                            format!("reading the config of VM {}", vm.vmid),
                            &e,
                        )
                    })?;
                let mut observed = ObservedVm {
                    node: vm.node.clone(),
                    running: vm.status.as_deref() == Some("running"),
                    ..Default::default()
                };
                for item in items {
                    if item.key == "digest" {
                        continue;
                    }
                    if let Some(value) = item.value.as_ref().and_then(value_text) {
                        observed.config.insert(item.key.clone(), value);
                    }
                    if item.delete.unwrap_or(0) > 0 {
                        observed.pending.insert(item.key, None);
                    } else if let Some(p) = item.pending.as_ref().and_then(value_text) {
                        observed.pending.insert(item.key, Some(p));
                    }
                }
                Ok(Read::Vm(vm.vmid, observed))
            }
        }
    })
    .await?;
    let mut state = LiveState {
        version,
        nodes,
        storages: BTreeMap::new(),
        bridges: BTreeMap::new(),
        guests: guests.clone(),
        vms: BTreeMap::new(),
    };
    for read in reads {
        match read {
            Read::Host(host, storages, bridges) => {
                state.storages.insert(host.clone(), storages);
                state.bridges.insert(host, bridges);
            }
            Read::Vm(id, vm) => {
                state.vms.insert(id, vm);
            }
        }
    }
    Ok(state)
}

/// VMs on planned IDs that are still being created: Proxmox writes a new VM's config
/// with only `lock: create` when the request arrives, and its name, tags and disks at
/// the end of the qmcreate task, after the disk import (qemu-server
/// `PVE/API2/Qemu.pm`, `create_vm`: `create_and_lock_config`, then the worker's
/// `write_config`). Such a VM, likely left by a killed run, cannot be judged ours or
/// not until the task ends: wait for it (at most `wait.timeout`), then list again. A
/// VM whose creation failed is gone by then, and is created anew.
async fn wait_for_creations(
    client: &Client,
    input: &ClusterInput,
    mut vms: Vec<ClusterVm>,
    wait: CreationWait,
    out: &dyn Reporter,
) -> Result<Vec<ClusterVm>, ProvisionError> {
    let planned: Vec<(String, u64)> = input
        .plan
        .nodes
        .iter()
        .filter_map(|n| Some((n.key.clone(), u64::try_from(n.vm_id?).ok()?)))
        .collect();
    let creating = |vms: &[ClusterVm]| -> Vec<(String, u64)> {
        planned
            .iter()
            .filter(|(_, id)| {
                vms.iter().any(|vm| {
                    vm.vmid == *id && vm.is_qemu() && vm.lock.as_deref() == Some("create")
                })
            })
            .cloned()
            .collect()
    };
    let started = Instant::now();
    let mut reported = BTreeSet::new();
    loop {
        let pending = creating(&vms);
        if pending.is_empty() {
            return Ok(vms);
        }
        if started.elapsed() > wait.timeout {
            let list: Vec<String> = pending.iter().map(|(_, id)| id.to_string()).collect();
            return Err(ProvisionError::Step {
                node: None,
                what: format!("waiting for VM(s) {} to be created", list.join(", ")),
                cause: format!("still locked `create` after {} s", wait.timeout.as_secs()),
                next: "Check the qmcreate tasks in Proxmox (Tasks panel); when none runs, \
                       remove those VMs or unlock them with `qm unlock`, then run apply again"
                    .into(),
            });
        }
        for (key, vmid) in &pending {
            if reported.insert(*vmid) {
                out.emit(&Event::Step {
                    node: key.clone(),
                    message: format!(
                        "VM {vmid} is being created (locked `create`, maybe by an interrupted \
                         run); waiting for its task before judging whose it is"
                    ),
                });
            }
        }
        tokio::time::sleep(wait.interval).await;
        vms = api::cluster_guests(client)
            .await
            .map_err(pve("listing the VMs of the cluster"))?;
    }
}

/// Where each node's Talos API is to be asked: the planned nodes whose VM runs, and the
/// running VMs of this cluster that the plan no longer has (reached at their address).
pub fn talos_targets(
    input: &ClusterInput,
    live: &LiveState,
    access: &StatusTalos,
) -> Vec<(String, SocketAddr)> {
    let cluster = input.name();
    let mut out = Vec::new();
    let mut planned = BTreeSet::new();
    for node in &input.plan.nodes {
        let Some(id) = node.vm_id.and_then(|v| u64::try_from(v).ok()) else {
            continue;
        };
        planned.insert(id);
        if live.vms.get(&id).is_some_and(|vm| vm.running) {
            if let Some(addr) = access.endpoints.talos(node) {
                out.push((node.key.clone(), addr));
            }
        }
    }
    for (id, vm) in &live.vms {
        if planned.contains(id) || !vm.running {
            continue;
        }
        if let Some((key, _)) = vm.key(&cluster) {
            if let Some(addr) = access.endpoints.talos_at(&key, vm.address()) {
                out.push((key, addr));
            }
        }
    }
    out
}

/// Asks each target's Talos API what runs there.
pub async fn read_talos(
    targets: Vec<(String, SocketAddr)>,
    access: &StatusTalos,
    concurrency: usize,
) -> BTreeMap<String, TalosState> {
    let states = bounded(targets, concurrency, |(key, addr)| async move {
        let fingerprint = access.fingerprints.get(&key).copied();
        // Mutual TLS first, on one connection: version, schematic, running config.
        if let Some(id) = access.identity.as_ref() {
            let mode = Mode::Authenticated(id.clone());
            if let Ok(mut c) = MachineClient::connect(addr, &mode, access.rpc).await {
                if let Ok(answer) = c.version().await {
                    let version = answer
                        .messages
                        .first()
                        .and_then(|m| m.version.as_ref())
                        .map(|v| v.tag.clone())
                        .unwrap_or_default();
                    let state = TalosState::Configured {
                        version,
                        schematic: c.schematic().await.ok().flatten(),
                        config: c.running_config().await.ok(),
                    };
                    return Ok((key, state));
                }
            }
        }
        let state = match probe(addr, access.identity.as_ref(), fingerprint, access.rpc).await {
            NodeApi::Configured(version) => TalosState::Configured {
                version,
                schematic: None,
                config: None,
            },
            NodeApi::Maintenance => TalosState::Maintenance,
            NodeApi::NeedsClientCert => TalosState::Unreachable {
                reason: "it is configured; give --talos-dir (its talosconfig) to read its \
                         version and machine config"
                    .into(),
            },
            NodeApi::Down(reason) => TalosState::Unreachable { reason },
        };
        Ok::<_, ProvisionError>((key, state))
    })
    .await
    .unwrap_or_default();
    states.into_iter().collect()
}
