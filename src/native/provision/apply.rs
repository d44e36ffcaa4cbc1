//! `apply`: Proxmox first (safety checks, images, VMs), then Talos.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use super::desired::{image_choice, is_ours, start_call, vm_specs, DiskPath, VmSpec};
use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, ClusterInput};
use super::summary::ApplySummary;
use super::writer::{bounded, reported, Writer};
use super::{factory, talos_phase};
use crate::native::proxmox::api::{self, ClusterVm, PveVersion, VmConfig};
use crate::native::proxmox::client::seg;
use crate::native::proxmox::{Call, Client, Method};

/// What one VM needs.
#[derive(Debug, Clone)]
struct VmWork {
    spec: VmSpec,
    /// The node the VM is (or will be) on.
    node: String,
    create: bool,
    grow: bool,
    start: bool,
}

/// Runs `apply`. Errors are also reported as an [`Event::Error`].
pub async fn apply(
    input: &ClusterInput,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<ApplySummary, ProvisionError> {
    reported(out, async {
        let started = Instant::now();
        let specs = vm_specs(&input.plan)?;
        let configs = match &opts.talos {
            Some(t) => Some(input.machine_configs(&t.base)?),
            None => None,
        };
        let talos_steps = if opts.talos.is_some() {
            specs.len() as u64 + 2 + u64::from(input.plan.ha_vip_enabled)
        } else {
            0
        };
        out.emit(&Event::Start {
            command: "apply".into(),
            cluster: input.name(),
            nodes: specs.len(),
            steps: specs.len() as u64 + talos_steps,
            dry_run: opts.dry_run,
        });
        let mut summary = ApplySummary::default();
        if opts.dry_run {
            // A dry run needs no Proxmox: without an answer it shows the plan alone.
            if let Err(e) = api::version(client).await {
                if matches!(e, crate::native::proxmox::ProxmoxError::Transport { .. }) {
                    out.emit(&Event::Warning {
                        node: None,
                        message: format!("{e}; showing what a first run would do"),
                    });
                    return offline(input, &specs, opts, out, started);
                }
            }
        }
        proxmox_phase(input, &specs, client, opts, out, &mut summary).await?;
        if let (Some(t), Some(configs)) = (&opts.talos, &configs) {
            talos_phase::run(input, t, configs, opts, out, &mut summary).await?;
        }
        summary.requests = client.request_count();
        let message = finish_message(&summary, opts.dry_run, started.elapsed().as_secs_f64());
        out.emit(&Event::Finish {
            changed: summary.changed,
            message,
            proxmox_requests: summary.requests,
        });
        Ok(summary)
    })
    .await
}

/// `apply --dry-run` when Proxmox cannot be asked (`reason`: why, such as the missing
/// options, all of them): what a first run would do, from the plan alone.
pub fn dry_run_without_proxmox(
    input: &ClusterInput,
    opts: &ApplyOptions,
    out: &dyn Reporter,
    reason: &str,
) -> Result<ApplySummary, ProvisionError> {
    let started = Instant::now();
    let result = (|| {
        let specs = vm_specs(&input.plan)?;
        out.emit(&Event::Start {
            command: "apply".into(),
            cluster: input.name(),
            nodes: specs.len(),
            steps: specs.len() as u64,
            dry_run: true,
        });
        out.emit(&Event::Warning {
            node: None,
            message: format!("Proxmox is not asked ({reason}); showing what a first run would do"),
        });
        offline(input, &specs, opts, out, started)
    })();
    if let Err(e) = &result {
        out.emit(&Event::Error {
            node: e.node().map(str::to_owned),
            message: e.to_string(),
        });
    }
    result
}

fn offline(
    input: &ClusterInput,
    specs: &[VmSpec],
    opts: &ApplyOptions,
    out: &dyn Reporter,
    started: Instant,
) -> Result<ApplySummary, ProvisionError> {
    super::offline_plan::report(input, specs, opts, out)?;
    let summary = ApplySummary {
        changed: true,
        ..ApplySummary::default()
    };
    out.emit(&Event::Finish {
        changed: true,
        message: finish_message(&summary, true, started.elapsed().as_secs_f64()),
        proxmox_requests: 0,
    });
    Ok(summary)
}

/// The last line of a run: what changed, or that nothing did.
fn finish_message(summary: &ApplySummary, dry_run: bool, secs: f64) -> String {
    if dry_run {
        format!(
            "dry run done in {secs:.1} s: {}",
            if summary.changed {
                "the calls above would be made"
            } else {
                "nothing would change"
            }
        )
    } else if summary.changed {
        let mut parts = Vec::new();
        let mut count = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        count(summary.images_downloaded, "image(s) downloaded");
        count(summary.vms_created, "VM(s) created");
        count(summary.disks_grown, "disk(s) grown");
        count(summary.vms_started, "VM(s) started");
        count(summary.configs_applied, "machine config(s) applied");
        if summary.bootstrapped {
            parts.push("etcd bootstrapped".into());
        }
        if summary.kubeconfig_written {
            parts.push("kubeconfig written".into());
        }
        format!("applied in {secs:.1} s: {}", parts.join(", "))
    } else {
        format!("no changes: the cluster already matches the plan ({secs:.1} s)")
    }
}

async fn proxmox_phase(
    input: &ClusterInput,
    specs: &[VmSpec],
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
    summary: &mut ApplySummary,
) -> Result<(), ProvisionError> {
    let pve = |what: &str, e: &crate::native::proxmox::ProxmoxError| {
        ProvisionError::proxmox(None, what, e)
    };
    let info = api::version(client)
        .await
        .map_err(|e| pve("reading the Proxmox version", &e))?;
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
    let path = if version.supports_disk_import() {
        DiskPath::Import
    } else {
        DiskPath::Iso
    };
    summary.disk_path = Some(path);
    out.emit(&Event::Info {
        message: format!(
            "Proxmox VE {version} at {}: {}",
            client.endpoint(),
            match path {
                DiskPath::Import =>
                    "the Talos disk image is downloaded by Proxmox and imported (import-from)",
                DiskPath::Iso =>
                    "before 8.4: the Talos ISO boots next to a blank disk and installs itself",
            }
        ),
    });

    // Safety checks: nothing below changes anything until they pass.
    let nodes = api::nodes(client)
        .await
        .map_err(|e| pve("listing the Proxmox nodes", &e))?;
    let known: HashMap<&str, Option<&str>> = nodes
        .iter()
        .map(|n| (n.node.as_str(), n.status.as_deref()))
        .collect();
    let mut problems = Vec::new();
    for spec in specs {
        match known.get(spec.node.as_str()) {
            None => problems.push(format!(
                "{} is planned on Proxmox node `{}`, which is not in this cluster (nodes: {})",
                spec.key,
                spec.node,
                nodes
                    .iter()
                    .map(|n| n.node.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some(Some(status)) if *status != "online" => problems.push(format!(
                "{} is planned on Proxmox node `{}`, which is {status}",
                spec.key, spec.node
            )),
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(ProvisionError::Refused {
            message: problems.join("; "),
            next: "Fix `cluster.node` or the node's override in the config, or bring the node \
                   online, then run apply again"
                .into(),
        });
    }

    let vms = api::cluster_guests(client)
        .await
        .map_err(|e| pve("listing the VMs of the cluster", &e))?;
    let vms = wait_for_creations(client, specs, vms, opts, out).await?;
    let by_id: HashMap<u64, &ClusterVm> = vms.iter().map(|vm| (vm.vmid, vm)).collect();
    let mut conflicts = Vec::new();
    for spec in specs {
        if let Some(vm) = by_id.get(&spec.vmid) {
            if !is_ours(vm, &spec.cluster_tag) {
                let tags = vm.tag_list();
                conflicts.push(format!(
                    "{} {} on {} (`{}`, tags: {}) is planned for {} but is not managed by \
                     talos-planner for cluster {}",
                    vm.kind_name(),
                    spec.vmid,
                    vm.node,
                    vm.name.as_deref().unwrap_or("unnamed"),
                    if tags.is_empty() {
                        "none".to_owned()
                    } else {
                        tags.join(";")
                    },
                    spec.key,
                    spec.cluster
                ));
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(ProvisionError::Refused {
            message: conflicts.join("; "),
            next: "Choose free VM IDs (cluster.vm_base_id or a vm_id override), or remove \
                   those VMs yourself if they are leftovers"
                .into(),
        });
    }

    // What each VM needs.
    let mut work = Vec::new();
    for spec in specs {
        let Some(vm) = by_id.get(&spec.vmid) else {
            work.push(VmWork {
                spec: spec.clone(),
                node: spec.node.clone(),
                create: true,
                grow: path == DiskPath::Import,
                start: true,
            });
            continue;
        };
        let vm = wait_unlocked(client, spec, vm, opts, out).await?;
        let config = read_config(client, &vm.node, spec).await?;
        let running = vm.status.as_deref() == Some("running");
        let grow = !running && spec.disk_too_small(&config);
        let mut drift = spec.drift(&vm.node, &config);
        if running {
            drift.extend(spec.disk_drift(&config));
        }
        for d in drift {
            out.emit(&Event::Warning {
                node: Some(spec.key.clone()),
                message: format!("VM {}: {d}; apply does not change existing VMs", spec.vmid),
            });
            summary.drift.push((spec.key.clone(), d));
        }
        work.push(VmWork {
            spec: spec.clone(),
            node: vm.node.clone(),
            create: false,
            grow,
            start: !running,
        });
    }

    // Images, once per Proxmox node and storage (once per shared storage). The storages
    // of every node that gets a VM are checked before anything is written.
    let to_create: Vec<&VmWork> = work.iter().filter(|w| w.create).collect();
    let mut image_volid = String::new();
    if !to_create.is_empty() {
        let choice = image_choice(&input.config, &input.plan, path)?;
        image_volid = choice.volid();
        let mut storages: BTreeMap<String, BTreeMap<String, StorageInfo>> = BTreeMap::new();
        let mut targets = Vec::new();
        let mut shared_done: BTreeSet<String> = BTreeSet::new();
        for w in &to_create {
            let on_node = match storages.entry(w.node.clone()) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    let found = storages_of(client, &w.node).await?;
                    check_storage(&found, &w.node, &choice.storage, choice.content)?;
                    let shared = found
                        .get(&choice.storage)
                        .is_some_and(|s| s.shared == Some(1));
                    if !shared || shared_done.insert(choice.storage.clone()) {
                        targets.push(choice.on(&w.node));
                    }
                    slot.insert(found)
                }
            };
            check_storage(on_node, &w.node, &w.spec.datastore, "images")?;
        }
        // Which targets lack the image, then (schematic registered once) download them
        // all at once, within the concurrency bound.
        let mut missing = Vec::new();
        for target in targets {
            let (node, storage) = (&target.node, &target.image.storage);
            let present = api::storage_content(client, node, storage, choice.content)
                .await
                .map_err(|e| {
                    ProvisionError::proxmox(None, format!("listing {storage} on {node}"), &e)
                })?
                .iter()
                .any(|v| v.volid == image_volid);
            if present {
                out.emit(&Event::Info {
                    message: format!("{node}: image {image_volid} already on {storage}"),
                });
            } else {
                missing.push(target);
            }
        }
        if !missing.is_empty() {
            register(input, opts.dry_run, out).await?;
        }
        let writer = &Writer::new(client, out, opts);
        let downloads = bounded(missing, opts.concurrency, |target| async move {
            let (node, storage) = (&target.node, &target.image.storage);
            out.emit(&Event::Info {
                message: format!(
                    "{node}: Proxmox downloads {} to {storage}",
                    target.image.url
                ),
            });
            writer
                .write(
                    None,
                    &format!("downloading the Talos image to {storage} on {node}"),
                    target.download_call(),
                )
                .await
        })
        .await?;
        summary.images_downloaded += downloads.len();
        summary.changed |= !downloads.is_empty();
    }

    // The VMs, a few at a time.
    let writer = &Writer::new(client, out, opts);
    let image_volid = image_volid.as_str();
    let done = bounded(work, opts.concurrency, |w| async move {
        converge_vm(writer, &w, path, image_volid).await
    })
    .await?;
    for (create, grow, start) in done {
        summary.vms_created += usize::from(create);
        summary.disks_grown += usize::from(grow);
        summary.vms_started += usize::from(start);
        summary.changed |= create || grow || start;
    }
    Ok(())
}

/// Creates, grows and starts one VM as needed. Returns what it did (or, in a dry run,
/// would do).
async fn converge_vm(
    writer: &Writer<'_>,
    w: &VmWork,
    path: DiskPath,
    image_volid: &str,
) -> Result<(bool, bool, bool), ProvisionError> {
    let spec = &w.spec;
    let (key, vmid) = (spec.key.as_str(), spec.vmid);
    let mut grow = w.grow;
    if w.create {
        writer
            .step(
                key,
                format!("creating VM {vmid} ({}) on {}", spec.hostname, w.node),
                &format!("creating VM {vmid}"),
                spec.create_call(path, image_volid),
            )
            .await?;
        if path == DiskPath::Import && !writer.dry_run {
            // The imported disk has the image's size; grow it unless it is big enough.
            let config = read_config(writer.client, &w.node, spec).await?;
            grow = spec.disk_too_small(&config);
        }
    }
    if grow {
        writer
            .step(
                key,
                format!("growing the disk of VM {vmid} to {} GiB", spec.disk_gib),
                &format!("growing the disk of VM {vmid}"),
                spec.resize_call(&w.node),
            )
            .await?;
    }
    if w.start {
        writer
            .step(
                key,
                format!("starting VM {vmid}"),
                &format!("starting VM {vmid}"),
                start_call(&w.node, vmid),
            )
            .await?;
    }
    let changed = w.create || grow || w.start;
    let message = if writer.dry_run && changed {
        let mut parts = Vec::new();
        if w.create {
            parts.push(format!("created on {}", w.node));
        }
        if grow {
            parts.push(format!("grown to {} GiB", spec.disk_gib));
        }
        if w.start {
            parts.push("started".to_owned());
        }
        format!("VM {vmid} would be {}", parts.join(", "))
    } else {
        match (w.create, grow, w.start) {
            (true, _, _) => format!("VM {vmid} created and started on {}", w.node),
            (false, true, true) => format!("VM {vmid}: disk grown, started"),
            (false, false, true) => format!("VM {vmid} started"),
            (false, true, false) => format!("VM {vmid}: disk grown"),
            (false, false, false) => format!("VM {vmid} unchanged (running)"),
        }
    };
    writer.out.emit(&Event::Done {
        node: key.to_owned(),
        phase: "proxmox".into(),
        changed,
        message,
    });
    Ok((w.create, grow, w.start))
}

/// The configuration of one of our VMs.
async fn read_config(
    client: &Client,
    node: &str,
    spec: &VmSpec,
) -> Result<VmConfig, ProvisionError> {
    api::vm_config(client, node, spec.vmid).await.map_err(|e| {
        ProvisionError::proxmox(
            Some(&spec.key),
            format!("reading the config of VM {}", spec.vmid),
            &e,
        )
    })
}

/// VMs on planned IDs that are still being created: Proxmox writes a new VM's config
/// with only `lock: create` when the request arrives, and its name, tags and disks at
/// the end of the qmcreate task, after the disk import (qemu-server
/// `PVE/API2/Qemu.pm`, `create_vm`: `create_and_lock_config`, then the worker's
/// `write_config`). Such a VM, likely left by a killed run, cannot be judged ours or
/// not until the task ends: wait for it (at most the task timeout), then list again. A
/// VM whose creation failed is gone by then, and is created anew.
async fn wait_for_creations(
    client: &Client,
    specs: &[VmSpec],
    mut vms: Vec<ClusterVm>,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<Vec<ClusterVm>, ProvisionError> {
    let creating = |vms: &[ClusterVm]| -> Vec<(String, u64)> {
        specs
            .iter()
            .filter(|spec| {
                vms.iter().any(|vm| {
                    vm.vmid == spec.vmid && vm.is_qemu() && vm.lock.as_deref() == Some("create")
                })
            })
            .map(|spec| (spec.key.clone(), spec.vmid))
            .collect()
    };
    let started = Instant::now();
    let mut reported = BTreeSet::new();
    loop {
        let pending = creating(&vms);
        if pending.is_empty() {
            return Ok(vms);
        }
        if started.elapsed() > opts.tasks.timeout {
            let list: Vec<String> = pending.iter().map(|(_, id)| id.to_string()).collect();
            return Err(ProvisionError::Step {
                node: None,
                what: format!("waiting for VM(s) {} to be created", list.join(", ")),
                cause: format!(
                    "still locked `create` after {} s",
                    opts.tasks.timeout.as_secs()
                ),
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
        tokio::time::sleep(opts.tasks.max_interval).await;
        vms = api::cluster_guests(client)
            .await
            .map_err(|e| ProvisionError::proxmox(None, "listing the VMs of the cluster", &e))?;
    }
}

/// A VM of ours with a lock (a task of an interrupted run still going): wait for it.
async fn wait_unlocked(
    client: &Client,
    spec: &VmSpec,
    vm: &ClusterVm,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<ClusterVm, ProvisionError> {
    let mut current = vm.clone();
    let started = Instant::now();
    while let Some(lock) = current.lock.clone().filter(|l| !l.is_empty()) {
        if started.elapsed() > opts.tasks.timeout {
            return Err(ProvisionError::Step {
                node: Some(spec.key.clone()),
                what: format!("waiting for VM {} to be unlocked", spec.vmid),
                cause: format!("it is still locked ({lock})"),
                next: "Check the VM's tasks in Proxmox; unlock it with `qm unlock` if no task \
                       holds it, then run apply again"
                    .into(),
            });
        }
        out.emit(&Event::Step {
            node: spec.key.clone(),
            message: format!("VM {} is locked ({lock}); waiting", spec.vmid),
        });
        tokio::time::sleep(opts.tasks.max_interval).await;
        let status = api::vm_status(client, &current.node, spec.vmid)
            .await
            .map_err(|e| {
                ProvisionError::proxmox(
                    Some(&spec.key),
                    format!("reading the status of VM {}", spec.vmid),
                    &e,
                )
            })?;
        current.lock = status.lock;
        current.status = Some(status.status);
    }
    Ok(current)
}

#[derive(Debug, Clone, serde::Deserialize)]
struct StorageInfo {
    storage: String,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    shared: Option<u8>,
    #[serde(default)]
    active: Option<u8>,
    #[serde(default)]
    enabled: Option<u8>,
}

async fn storages_of(
    client: &Client,
    node: &str,
) -> Result<BTreeMap<String, StorageInfo>, ProvisionError> {
    let list: Vec<StorageInfo> = client
        .get(&Call::new(
            Method::Get,
            format!("/nodes/{}/storage", seg(node)),
        ))
        .await
        .map_err(|e| {
            ProvisionError::proxmox(None, format!("listing the storages of {node}"), &e)
        })?;
    Ok(list.into_iter().map(|s| (s.storage.clone(), s)).collect())
}

fn check_storage(
    storages: &BTreeMap<String, StorageInfo>,
    node: &str,
    storage: &str,
    content: &str,
) -> Result<(), ProvisionError> {
    let refuse = |message: String, next: &str| ProvisionError::Refused {
        message,
        next: next.to_owned(),
    };
    let Some(info) = storages.get(storage) else {
        return Err(refuse(
            format!("storage `{storage}` does not exist on Proxmox node {node}"),
            "Fix image.proxmox_datastore or the datastore in the config",
        ));
    };
    if info.enabled == Some(0) || info.active == Some(0) {
        return Err(refuse(
            format!("storage `{storage}` on {node} is not active"),
            "Enable the storage in Datacenter > Storage, then run apply again",
        ));
    }
    let contents = api::split_tags(info.content.as_deref().unwrap_or(""));
    if !contents.iter().any(|c| c == content) {
        return Err(refuse(
            format!(
                "storage `{storage}` on {node} does not hold `{content}` content (it holds: {})",
                if contents.is_empty() {
                    "nothing".to_owned()
                } else {
                    contents.join(", ")
                }
            ),
            &format!(
                "Add `{content}` to the storage's content types (Datacenter > Storage > Edit), \
                 or choose another storage in the config"
            ),
        ));
    }
    Ok(())
}

async fn register(
    input: &ClusterInput,
    dry_run: bool,
    out: &dyn Reporter,
) -> Result<(), ProvisionError> {
    let image = input
        .plan
        .image
        .as_ref()
        .ok_or_else(|| ProvisionError::Plan("the image is not known".into()))?;
    let factory = input
        .config
        .image
        .factory_url
        .get()
        .cloned()
        .ok_or_else(|| ProvisionError::Plan("image.factory_url is not known".into()))?;
    if dry_run {
        out.emit(&Event::WouldCall {
            node: None,
            call: format!(
                "POST {}/schematics (schematic {})",
                factory.trim_end_matches('/'),
                image.schematic_id
            ),
        });
        return Ok(());
    }
    factory::register_schematic(&factory, &image.schematic, &image.schematic_id)
        .await
        .map_err(|cause| ProvisionError::Step {
            node: None,
            what: "registering the image schematic with the Image Factory".into(),
            cause,
            next: "Check image.factory_url and that the factory is reachable from here, then \
                   run apply again"
                .into(),
        })?;
    out.emit(&Event::Info {
        message: format!("schematic {} registered with {factory}", image.schematic_id),
    });
    Ok(())
}
