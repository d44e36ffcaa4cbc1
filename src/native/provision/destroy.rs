//! `destroy`: stops and removes the VMs that carry both tags of this cluster, and no
//! others. The downloaded images stay (other clusters may use them).

use std::sync::Mutex;
use std::time::Instant;

use super::desired::OWNER_TAG;
use super::events::{Event, Reporter};
use super::{bounded, ApplyOptions, ClusterInput, ProvisionError, Writer};
use crate::native::proxmox::api;
use crate::native::proxmox::client::seg;
use crate::native::proxmox::{Call, Client, Method};

/// What `destroy` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DestroySummary {
    pub destroyed: Vec<u64>,
    /// Planned VM IDs that exist but are not this cluster's: left alone.
    pub left_alone: Vec<u64>,
    pub requests: u64,
}

/// Runs `destroy` (concurrency, dry run and task policy from `opts`).
pub async fn destroy(
    input: &ClusterInput,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<DestroySummary, ProvisionError> {
    let result = run(input, client, opts, out).await;
    if let Err(e) = &result {
        out.emit(&Event::Error {
            node: e.node().map(str::to_owned),
            message: e.to_string(),
        });
    }
    result
}

async fn run(
    input: &ClusterInput,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<DestroySummary, ProvisionError> {
    let started = Instant::now();
    let cluster = input.name();
    let cluster_tag = cluster.to_ascii_lowercase();
    let vms = api::cluster_vms(client)
        .await
        .map_err(|e| ProvisionError::proxmox(None, "listing the VMs of the cluster", &e))?;
    let ours: Vec<_> = vms
        .iter()
        .filter(|vm| {
            let tags = vm.tag_list();
            tags.iter().any(|t| t == OWNER_TAG) && tags.contains(&cluster_tag)
        })
        .cloned()
        .collect();
    let mut summary = DestroySummary::default();
    for node in &input.plan.nodes {
        let Some(id) = node.vm_id.and_then(|v| u64::try_from(v).ok()) else {
            continue;
        };
        if vms.iter().any(|vm| vm.vmid == id) && !ours.iter().any(|vm| vm.vmid == id) {
            summary.left_alone.push(id);
        }
    }
    out.emit(&Event::Start {
        command: "destroy".into(),
        cluster: cluster.clone(),
        nodes: ours.len(),
        steps: ours.len() as u64,
        dry_run: opts.dry_run,
    });
    for id in &summary.left_alone {
        out.emit(&Event::Warning {
            node: None,
            message: format!(
                "VM {id} is planned but not tagged talos-planner and {cluster_tag}; left alone"
            ),
        });
    }
    let key_of = |vmid: u64| {
        input
            .plan
            .nodes
            .iter()
            .find(|n| n.vm_id == i64::try_from(vmid).ok())
            .map(|n| n.key.clone())
            .unwrap_or_else(|| format!("vm-{vmid}"))
    };
    let destroyed = Mutex::new(Vec::new());
    bounded(ours, opts.concurrency, |vm| {
        let destroyed = &destroyed;
        let key = key_of(vm.vmid);
        async move {
            let writer = Writer {
                client,
                out,
                dry_run: opts.dry_run,
                tasks: opts.tasks,
            };
            let base = format!("/nodes/{}/qemu/{}", seg(&vm.node), vm.vmid);
            if vm.status.as_deref() == Some("running") {
                out.emit(&Event::Step {
                    node: key.clone(),
                    message: format!("stopping VM {}", vm.vmid),
                });
                writer
                    .write(
                        Some(&key),
                        &format!("stopping VM {}", vm.vmid),
                        Call::new(Method::Post, format!("{base}/status/stop")),
                    )
                    .await?;
            }
            out.emit(&Event::Step {
                node: key.clone(),
                message: format!("removing VM {}", vm.vmid),
            });
            writer
                .write(
                    Some(&key),
                    &format!("removing VM {}", vm.vmid),
                    Call::new(Method::Delete, base)
                        .param("purge", 1)
                        .param("destroy-unreferenced-disks", 1),
                )
                .await?;
            out.emit(&Event::Done {
                node: key.clone(),
                phase: "destroy".into(),
                changed: true,
                message: format!("VM {} removed from {}", vm.vmid, vm.node),
            });
            if let Ok(mut d) = destroyed.lock() {
                d.push(vm.vmid);
            }
            Ok(())
        }
    })
    .await?;
    summary.destroyed = destroyed.into_inner().unwrap_or_default();
    summary.destroyed.sort_unstable();
    summary.requests = client.request_count();
    let secs = started.elapsed().as_secs_f64();
    let message = match (summary.destroyed.len(), opts.dry_run) {
        (0, _) => {
            format!("nothing to destroy: no VM carries the tags talos-planner and {cluster_tag}")
        }
        (n, true) => format!("dry run: {n} VM(s) would be removed"),
        (n, false) => format!("destroyed {n} VM(s) in {secs:.1} s"),
    };
    out.emit(&Event::Finish {
        changed: !summary.destroyed.is_empty() && !opts.dry_run,
        message,
        proxmox_requests: summary.requests,
    });
    Ok(summary)
}
