//! `apply`: read the live cluster, check it (the preflight), show the diff, then
//! converge, in this order: Proxmox (images, new VMs, cores and memory, growing disks,
//! starts), Talos (new nodes' configs in maintenance mode, the bootstrap once, the VIP,
//! the kubeconfig), rolling upgrades, changed machine configs, and last the removals
//! (scale-down, confirmed with `--yes` or on a terminal).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use super::desired::{image_choice, start_call, vm_specs, DiskPath, VmSpec};
use super::diff::{self, Assessment, DiffOptions};
use super::error::ProvisionError;
use super::etcd::{self, ControlPlane};
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, ClusterInput, Removals, TalosOptions};
use super::observe::CreationWait;
use super::running::{self, resources_call, ConfigChange};
use super::scale::{self, Leaving};
use super::summary::ApplySummary;
use super::upgrade::{self, Release, Target};
use super::writer::{bounded, reported, Writer};
use super::{factory, talos_phase};
use crate::config::RoleKind;
use crate::diff::observed::TalosState;
use crate::diff::{Action, Change, NodeDiff};
use crate::native::proxmox::api::{self, ClusterVm, VmConfig};
use crate::native::proxmox::Client;

/// What one VM needs.
#[derive(Debug, Clone)]
struct VmWork {
    spec: VmSpec,
    /// The node the VM is (or will be) on.
    node: String,
    create: bool,
    /// New cores and memory (`None`: unchanged).
    cores: Option<i64>,
    memory: Option<i64>,
    /// The VM runs: new cores and memory wait for its next start.
    running: bool,
    grow: bool,
    start: bool,
}

/// What converging one VM did.
#[derive(Debug, Clone, Copy, Default)]
struct VmDone {
    create: bool,
    resize: bool,
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
        if opts.dry_run {
            // A dry run needs no Proxmox: without an answer it shows the plan alone.
            if let Err(e) = api::version(client).await {
                if matches!(e, crate::native::proxmox::ProxmoxError::Transport { .. }) {
                    emit_offline_start(input, &specs, out);
                    out.emit(&Event::Warning {
                        node: None,
                        message: format!("{e}; showing what a first run would do"),
                    });
                    return offline(input, &specs, opts, out, started);
                }
            }
        }
        let assessment = diff::assess(
            input,
            client,
            &DiffOptions {
                concurrency: opts.concurrency,
                creation_wait: CreationWait {
                    timeout: opts.tasks.timeout,
                    interval: opts.tasks.max_interval,
                },
                talos: opts.talos.as_ref().map(TalosOptions::access),
                machine_configs: configs.clone(),
            },
            out,
        )
        .await?;
        let path = assessment.live.disk_path();
        out.emit(&Event::Info {
            message: format!(
                "Proxmox VE {} at {}: {}",
                assessment.live.version,
                client.endpoint(),
                match path {
                    DiskPath::Import =>
                        "the Talos disk image is downloaded by Proxmox and imported (import-from)",
                    DiskPath::Iso =>
                        "before 8.4: the Talos ISO boots next to a blank disk and installs itself",
                }
            ),
        });
        diff::emit(&assessment, out);
        refuse_unsafe(&assessment, opts)?;
        if let Some(t) = &opts.talos {
            let (cps, leaving) = control_planes(input, &assessment, t);
            scale::check_quorum(&leaving, &cps, t).await?;
        }

        let day_two = assessment
            .diff
            .nodes
            .iter()
            .map(|n| {
                n.changes
                    .iter()
                    .filter(|c| matches!(c, Change::Upgrade { .. } | Change::MachineConfig { .. }))
                    .count() as u64
            })
            .sum::<u64>()
            + assessment.diff.counts.remove as u64;
        let talos_steps = if opts.talos.is_some() {
            specs.len() as u64 + 2 + u64::from(input.plan.ha_vip_enabled)
        } else {
            0
        };
        out.emit(&Event::Start {
            command: "apply".into(),
            cluster: input.name(),
            nodes: specs.len(),
            steps: specs.len() as u64 + talos_steps + day_two,
            dry_run: opts.dry_run,
        });
        let mut summary = ApplySummary {
            disk_path: Some(path),
            ..Default::default()
        };
        proxmox_phase(
            input,
            &specs,
            &assessment,
            path,
            client,
            opts,
            out,
            &mut summary,
        )
        .await?;
        if let (Some(t), Some(configs)) = (&opts.talos, &configs) {
            let joins = joins_running_cluster(input, &assessment);
            talos_phase::run(input, t, configs, joins, opts, out, &mut summary).await?;
            day_two_phase(
                input,
                t,
                configs,
                &assessment,
                client,
                opts,
                out,
                &mut summary,
            )
            .await?;
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
        emit_offline_start(input, &specs, out);
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

/// The start of a dry run from the plan alone.
fn emit_offline_start(input: &ClusterInput, specs: &[VmSpec], out: &dyn Reporter) {
    out.emit(&Event::Start {
        command: "apply".into(),
        cluster: input.name(),
        nodes: specs.len(),
        steps: specs.len() as u64,
        dry_run: true,
    });
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

/// Stops the run before any write: the preflight's errors, and removals that are not
/// confirmed (or cannot be done without Talos).
fn refuse_unsafe(assessment: &Assessment, opts: &ApplyOptions) -> Result<(), ProvisionError> {
    let blocking = assessment.blocking();
    if !blocking.is_empty() {
        return Err(ProvisionError::Refused {
            message: format!(
                "the live preflight found {} problem(s): {}",
                blocking.len(),
                blocking
                    .iter()
                    .map(|d| format!("{} ({})", d.message, d.rule.id()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            next: "Fix the config or the Proxmox cluster (`talos-planner rules <id>` explains \
                   each), then run apply again"
                .into(),
        });
    }
    let removals: Vec<String> = assessment.diff.removals().map(|n| n.key.clone()).collect();
    if removals.is_empty() || opts.dry_run {
        return Ok(());
    }
    if opts.talos.is_none() {
        return Err(ProvisionError::Refused {
            message: format!(
                "the plan no longer has {}, and removing a node needs Talos (etcd, the \
                 Kubernetes Node, the reset)",
                removals.join(", ")
            ),
            next: "Run apply without --proxmox-only".into(),
        });
    }
    let refused = |why: &str| ProvisionError::Refused {
        message: format!("the plan removes {} ({why})", removals.join(", ")),
        next: "Check the diff above; run apply again with --yes to remove them".into(),
    };
    match &opts.removals {
        Removals::Allow => Ok(()),
        Removals::Refuse => Err(refused("removals need --yes")),
        Removals::Ask(confirm) => {
            if confirm(&removals) {
                Ok(())
            } else {
                Err(refused("not confirmed"))
            }
        }
    }
}

/// controlplane-1 is new (or waits in maintenance mode) while another control plane of
/// the cluster already runs: it joins that etcd, and bootstrapping it would start a
/// second cluster.
fn joins_running_cluster(input: &ClusterInput, assessment: &Assessment) -> Option<String> {
    let talos = &assessment.observed.talos;
    let mut cps = input
        .plan
        .nodes
        .iter()
        .filter(|n| n.role == RoleKind::Controlplane);
    let cp1 = cps.next()?;
    if matches!(talos.get(&cp1.key), Some(TalosState::Configured { .. })) {
        return None;
    }
    let running: Vec<&str> = cps
        .map(|n| n.key.as_str())
        .chain(
            assessment
                .diff
                .removals()
                .filter(|n| n.role == Some(RoleKind::Controlplane))
                .map(|n| n.key.as_str()),
        )
        .filter(|k| matches!(talos.get(*k), Some(TalosState::Configured { .. })))
        .collect();
    (!running.is_empty()).then(|| {
        format!(
            "{} is new and joins the etcd of {}",
            cp1.key,
            running.join(", ")
        )
    })
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
        let counted = |list: &[(usize, &str)]| -> Vec<String> {
            list.iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect()
        };
        let mut parts = counted(&[
            (summary.images_downloaded, "image(s) downloaded"),
            (summary.vms_created, "VM(s) created"),
            (summary.vms_resized, "VM(s) given new cores or memory"),
            (summary.disks_grown, "disk(s) grown"),
            (summary.vms_started, "VM(s) started"),
            (summary.configs_applied, "machine config(s) applied"),
        ]);
        if summary.bootstrapped {
            parts.push("etcd bootstrapped".into());
        }
        if summary.kubeconfig_written {
            parts.push("kubeconfig written".into());
        }
        parts.extend(counted(&[
            (summary.upgraded.len(), "node(s) upgraded"),
            (summary.configs_updated, "running machine config(s) changed"),
            (summary.removed.len(), "node(s) removed"),
        ]));
        let mut message = format!("applied in {secs:.1} s: {}", parts.join(", "));
        if !summary.restart_needed.is_empty() {
            message.push_str(&format!(
                "; restart from Proxmox (shut down, then start) for the new cores and memory \
                 to take effect: {}",
                summary.restart_needed.join(", ")
            ));
        }
        message
    } else {
        format!("no changes: the cluster already matches the plan ({secs:.1} s)")
    }
}

#[allow(clippy::too_many_arguments)]
async fn proxmox_phase(
    input: &ClusterInput,
    specs: &[VmSpec],
    assessment: &Assessment,
    path: DiskPath,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
    summary: &mut ApplySummary,
) -> Result<(), ProvisionError> {
    let live = &assessment.live;
    for n in &assessment.diff.nodes {
        summary
            .drift
            .extend(n.notes.iter().map(|note| (n.key.clone(), note.clone())));
    }
    // What each VM needs, from the diff.
    let mut work = Vec::new();
    for spec in specs {
        let Some(vm) = live.vms.get(&spec.vmid) else {
            work.push(VmWork {
                spec: spec.clone(),
                node: spec.node.clone(),
                create: true,
                cores: None,
                memory: None,
                running: false,
                grow: path == DiskPath::Import,
                start: true,
            });
            continue;
        };
        let mut w = VmWork {
            spec: spec.clone(),
            node: vm.node.clone(),
            create: false,
            cores: None,
            memory: None,
            running: vm.running,
            grow: false,
            start: false,
        };
        for change in assessment
            .diff
            .node(&spec.key)
            .map(|n| n.changes.as_slice())
            .unwrap_or_default()
        {
            match change {
                Change::Cores { to, .. } => w.cores = Some(*to),
                Change::Memory { to, .. } => w.memory = Some(*to),
                Change::Disk { .. } => w.grow = true,
                Change::Start => w.start = true,
                _ => {}
            }
        }
        if w.cores.is_some() || w.memory.is_some() || w.grow || w.start {
            if let Some(guest) = live.guest(spec.vmid) {
                wait_unlocked(client, spec, guest, opts, out).await?;
            }
        }
        work.push(w);
    }

    // Images, once per Proxmox node and storage (once per shared storage), for the
    // nodes that get a new VM; the preflight checked the storages.
    let to_create: Vec<&VmWork> = work.iter().filter(|w| w.create).collect();
    let mut image_volid = String::new();
    if !to_create.is_empty() {
        let choice = image_choice(&input.config, &input.plan, path)?;
        image_volid = choice.volid();
        let mut targets = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut shared_done: BTreeSet<String> = BTreeSet::new();
        for w in &to_create {
            if seen.insert(&w.node) {
                let shared = assessment
                    .inventory
                    .storage(&w.node, &choice.storage)
                    .is_some_and(|s| s.shared);
                if !shared || shared_done.insert(choice.storage.clone()) {
                    targets.push(choice.on(&w.node));
                }
            }
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
        let done = converge_vm(writer, &w, path, image_volid).await?;
        Ok((w, done))
    })
    .await?;
    for (w, d) in done {
        summary.vms_created += usize::from(d.create);
        summary.vms_resized += usize::from(d.resize);
        summary.disks_grown += usize::from(d.grow);
        summary.vms_started += usize::from(d.start);
        summary.changed |= d.create || d.resize || d.grow || d.start;
        if d.resize && w.running {
            summary.restart_needed.push(w.spec.key.clone());
        }
    }
    summary.restart_needed.sort();
    Ok(())
}

/// Creates, resizes, grows and starts one VM as needed. Returns what it did (or, in a
/// dry run, would do).
async fn converge_vm(
    writer: &Writer<'_>,
    w: &VmWork,
    path: DiskPath,
    image_volid: &str,
) -> Result<VmDone, ProvisionError> {
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
    let resize = w.cores.is_some() || w.memory.is_some();
    if resize {
        let mut what = Vec::new();
        if let Some(c) = w.cores {
            what.push(format!("{c} cores"));
        }
        if let Some(m) = w.memory {
            what.push(format!("{m} MiB"));
        }
        writer
            .step(
                key,
                format!("setting VM {vmid} to {}", what.join(" and ")),
                &format!("changing the cores and memory of VM {vmid}"),
                resources_call(&w.node, vmid, w.cores, w.memory),
            )
            .await?;
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
    let done = VmDone {
        create: w.create,
        resize,
        grow,
        start: w.start,
    };
    let mut parts = Vec::new();
    if w.create {
        parts.push(format!("created on {}", w.node));
    }
    if resize {
        parts.push(if w.running {
            "given new cores or memory (taken at its next start from Proxmox)".to_owned()
        } else {
            "given new cores or memory".to_owned()
        });
    }
    if grow {
        parts.push(if w.create {
            format!("grown to {} GiB", spec.disk_gib)
        } else {
            format!(
                "disk grown to {} GiB (Talos grows into it at its next boot)",
                spec.disk_gib
            )
        });
    }
    if w.start {
        parts.push("started".to_owned());
    }
    let changed = !parts.is_empty();
    let message = if !changed {
        format!("VM {vmid} unchanged (running)")
    } else if writer.dry_run {
        format!("VM {vmid} would be {}", parts.join(", "))
    } else if w.create {
        format!("VM {vmid} created and started on {}", w.node)
    } else {
        format!("VM {vmid} {}", parts.join(", "))
    };
    writer.out.emit(&Event::Done {
        node: key.to_owned(),
        phase: "proxmox".into(),
        changed,
        message,
    });
    Ok(done)
}

/// Upgrades, changed machine configs, removals: what needs a running cluster.
#[allow(clippy::too_many_arguments)]
async fn day_two_phase(
    input: &ClusterInput,
    t: &TalosOptions,
    configs: &BTreeMap<String, String>,
    assessment: &Assessment,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
    summary: &mut ApplySummary,
) -> Result<(), ProvisionError> {
    let plan = &input.plan;
    let diff = &assessment.diff;
    let (cps, leaving) = control_planes(input, assessment, t);
    let addr_of = |key: &str| {
        plan.nodes
            .iter()
            .find(|n| n.key == key)
            .and_then(|n| t.endpoints.talos(n))
    };

    // New control planes: wait until they are healthy etcd members, so the cluster is
    // whole before anything else changes (and before a later run removes one).
    let joined: Vec<&str> = diff
        .nodes
        .iter()
        .filter(|n| n.role == Some(RoleKind::Controlplane))
        .filter(|n| n.action == Action::Create || n.changes.contains(&Change::Join))
        .map(|n| n.key.as_str())
        .collect();
    if !joined.is_empty() && !opts.dry_run {
        let planned: Vec<&str> = cps
            .iter()
            .filter(|c| plan.nodes.iter().any(|n| n.key == c.key))
            .map(|c| c.hostname.as_str())
            .collect();
        out.emit(&Event::Step {
            node: "cluster".into(),
            message: format!("waiting for {} to join etcd", joined.join(", ")),
        });
        let members = etcd::wait_healthy(&cps, &planned, t)
            .await
            .map_err(|cause| ProvisionError::Step {
                node: None,
                what: format!("waiting for {} to join etcd", joined.join(", ")),
                cause,
                next: "Check `talosctl etcd members` and the new nodes' consoles, then run \
                       apply again"
                    .into(),
            })?;
        out.emit(&Event::Done {
            node: "cluster".into(),
            phase: "etcd".into(),
            changed: false,
            message: format!("etcd has {} healthy members", members.list.len()),
        });
    }

    // Rolling upgrades.
    let targets: Vec<Target> = diff
        .nodes
        .iter()
        .filter(|n| {
            n.changes
                .iter()
                .any(|c| matches!(c, Change::Upgrade { .. }))
        })
        .filter_map(|n| {
            Some(Target {
                key: n.key.clone(),
                role: n.role?,
                addr: addr_of(&n.key)?,
            })
        })
        .collect();
    if !targets.is_empty() {
        let image = plan
            .image
            .as_ref()
            .ok_or_else(|| ProvisionError::Plan("the image is not known".into()))?;
        let release = Release {
            image: image.installer_image.clone().ok_or_else(|| {
                ProvisionError::Plan("the installer image (image.factory_url) is not known".into())
            })?,
            version: input
                .config
                .image
                .version
                .get()
                .cloned()
                .unwrap_or_default(),
            schematic: Some(image.schematic_id.clone()),
        };
        summary.upgraded = upgrade::rolling(targets, &release, &cps, t, opts, out).await?;
        summary.changed |= !summary.upgraded.is_empty() || opts.dry_run;
    }

    // Changed machine configs.
    let changes: Vec<ConfigChange> = diff
        .nodes
        .iter()
        .filter(|n| {
            n.changes
                .iter()
                .any(|c| matches!(c, Change::MachineConfig { .. }))
        })
        .filter_map(|n| {
            Some(ConfigChange {
                key: n.key.clone(),
                addr: addr_of(&n.key)?,
                config: configs.get(&n.key)?.clone(),
            })
        })
        .collect();
    if !changes.is_empty() {
        summary.configs_updated += running::apply_configs(changes, t, opts, out).await?;
        summary.changed |= summary.configs_updated > 0 || opts.dry_run;
    }

    // Removals, last.
    if !leaving.is_empty() {
        let writer = Writer::new(client, out, opts);
        summary.removed = scale::remove(leaving, &cps, t, &writer, opts, out).await?;
        summary.changed = true;
    }
    Ok(())
}

/// Every control plane etcd may count (planned ones and those about to leave), and the
/// VMs to remove.
fn control_planes(
    input: &ClusterInput,
    assessment: &Assessment,
    t: &TalosOptions,
) -> (Vec<ControlPlane>, Vec<Leaving>) {
    let mut cps: Vec<ControlPlane> = input
        .plan
        .nodes
        .iter()
        .filter(|n| n.role == RoleKind::Controlplane)
        .filter_map(|n| {
            Some(ControlPlane {
                key: n.key.clone(),
                hostname: n.hostname.clone()?,
                addr: t.endpoints.talos(n)?,
            })
        })
        .collect();
    let leaving: Vec<Leaving> = assessment
        .diff
        .removals()
        .filter_map(|n| leaving_node(n, assessment, t))
        .collect();
    for l in leaving
        .iter()
        .filter(|l| l.role == Some(RoleKind::Controlplane))
    {
        if let Some(addr) = l.addr {
            cps.push(ControlPlane {
                key: l.key.clone(),
                hostname: l.hostname.clone(),
                addr,
            });
        }
    }
    (cps, leaving)
}

/// A VM to remove, with what removing it needs.
fn leaving_node(n: &NodeDiff, assessment: &Assessment, t: &TalosOptions) -> Option<Leaving> {
    debug_assert_eq!(n.action, Action::Remove);
    let vmid = n.vm_id?;
    let vm = assessment.live.vms.get(&vmid)?;
    Some(Leaving {
        key: n.key.clone(),
        role: n.role,
        hostname: n.hostname.clone().unwrap_or_default(),
        vmid,
        node: vm.node.clone(),
        running: vm.running,
        addr: t.endpoints.talos_at(&n.key, vm.address()),
    })
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
            call: factory::register_call(&factory, &image.schematic_id),
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
