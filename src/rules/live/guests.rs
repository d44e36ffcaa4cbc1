//! The guests already there: a planned VM ID must be free or this cluster's, and a VM
//! of this cluster never shrinks its disk.

use super::{Live, Reporter};
use crate::diagnostics::{Diagnostic, Rule};

pub(super) fn check(live: &Live<'_>, out: &mut Reporter) {
    for (node, origin) in live.nodes() {
        let Some(id) = node.vm_id.and_then(|v| u64::try_from(v).ok()) else {
            continue;
        };
        let Some(guest) = live.inventory.guests.get(&id) else {
            continue;
        };
        if !guest.belongs_to(&live.cluster) {
            let tags = if guest.tags.is_empty() {
                "none".to_owned()
            } else {
                guest.tags.join(";")
            };
            let span = origin.vm_id.unwrap_or_else(|| live.host_span(&origin));
            out.push(Diagnostic::new(
                Rule::VmIdTaken,
                span,
                format!(
                    "{} {id} on {} (`{}`, tags: {tags}) is planned for {} but is not managed \
                     by talos-planner for cluster {}; choose free IDs (cluster.vm_base_id or a \
                     vm_id override)",
                    guest.kind_name(),
                    guest.node,
                    guest.name.as_deref().unwrap_or("unnamed"),
                    node.key,
                    live.cluster
                ),
            ));
            continue;
        }
        if let (Some(size), Some(planned)) = (guest.disk_gib, node.disk) {
            if size > planned as f64 + 0.01 {
                out.per_node(
                    &node.key,
                    Diagnostic::new(
                        Rule::DiskShrink,
                        live.disk_span(node, &origin),
                        format!(
                            "the disk of VM {id} is {size} GiB; the plan's {planned} GiB would \
                             shrink it, which Proxmox refuses and would destroy data"
                        ),
                    ),
                );
            }
        }
    }
}
