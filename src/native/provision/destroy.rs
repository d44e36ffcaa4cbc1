//! `destroy`: stops and removes the VMs that carry both tags of this cluster, and no
//! others. The downloaded images stay (other clusters may use them).

use std::time::Instant;

use super::desired::{cluster_tag, destroy_call, is_ours, stop_call, OWNER_TAG};
use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, ClusterInput};
use super::writer::{bounded, reported, Writer};
use crate::native::proxmox::api;
use crate::native::proxmox::Client;

/// What `destroy` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DestroySummary {
    /// The VMs removed (in a dry run: that would be removed).
    pub destroyed: Vec<u64>,
    /// Planned VM IDs that exist but are not this cluster's: left alone.
    pub left_alone: Vec<u64>,
    pub requests: u64,
}

/// Runs `destroy` (concurrency, dry run and task policy from `opts`). Errors are also
/// reported as an [`Event::Error`].
pub async fn destroy(
    input: &ClusterInput,
    client: &Client,
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<DestroySummary, ProvisionError> {
    reported(out, async {
        let started = Instant::now();
        let cluster = input.name();
        let cluster_tag = cluster_tag(&cluster);
        let vms = api::cluster_guests(client)
            .await
            .map_err(|e| ProvisionError::proxmox(None, "listing the VMs of the cluster", &e))?;
        let ours: Vec<_> = vms
            .iter()
            .filter(|vm| is_ours(vm, &cluster_tag))
            .cloned()
            .collect();
        // Guests on planned IDs that are not ours: named, and left alone.
        let mut summary = DestroySummary::default();
        let mut warnings = Vec::new();
        for node in &input.plan.nodes {
            let Some(id) = node.vm_id.and_then(|v| u64::try_from(v).ok()) else {
                continue;
            };
            if let Some(guest) = vms
                .iter()
                .find(|vm| vm.vmid == id && !is_ours(vm, &cluster_tag))
            {
                summary.left_alone.push(id);
                warnings.push(format!(
                    "{} {id} has a planned VM ID but is not a VM tagged {OWNER_TAG} and \
                     {cluster_tag}; left alone",
                    guest.kind_name()
                ));
            }
        }
        out.emit(&Event::Start {
            command: "destroy".into(),
            cluster: cluster.clone(),
            nodes: ours.len(),
            steps: ours.len() as u64,
            dry_run: opts.dry_run,
        });
        for message in warnings {
            out.emit(&Event::Warning {
                node: None,
                message,
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
        let writer = &Writer::new(client, out, opts);
        let mut destroyed = bounded(ours, opts.concurrency, |vm| {
            let key = key_of(vm.vmid);
            async move {
                let vmid = vm.vmid;
                let running = vm.status.as_deref() == Some("running");
                if running {
                    let stopping = format!("stopping VM {vmid}");
                    let call = stop_call(&vm.node, vmid);
                    writer.step(&key, stopping.clone(), &stopping, call).await?;
                }
                let removing = format!("removing VM {vmid}");
                let call = destroy_call(&vm.node, vmid);
                writer.step(&key, removing.clone(), &removing, call).await?;
                let message = match (opts.dry_run, running) {
                    (false, _) => format!("VM {vmid} removed from {}", vm.node),
                    (true, true) => {
                        format!("VM {vmid} would be stopped and removed from {}", vm.node)
                    }
                    (true, false) => format!("VM {vmid} would be removed from {}", vm.node),
                };
                out.emit(&Event::Done {
                    node: key,
                    phase: "destroy".into(),
                    changed: true,
                    message,
                });
                Ok(vmid)
            }
        })
        .await?;
        destroyed.sort_unstable();
        summary.destroyed = destroyed;
        summary.requests = client.request_count();
        let secs = started.elapsed().as_secs_f64();
        let message = match (summary.destroyed.len(), opts.dry_run) {
            (0, _) => {
                format!("nothing to destroy: no VM carries the tags {OWNER_TAG} and {cluster_tag}")
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
    })
    .await
}
