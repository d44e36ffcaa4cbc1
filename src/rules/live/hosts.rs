//! The Proxmox nodes: each planned one exists and is online, and can hold the memory
//! and cores of what lands on it.

use std::collections::BTreeMap;

use super::{Live, Reporter};
use crate::diagnostics::{Diagnostic, Rule, Span};

pub(super) fn check(live: &Live<'_>, out: &mut Reporter) {
    let known: Vec<&str> = live.inventory.nodes.keys().map(String::as_str).collect();
    // Planned load per host: (memory MiB, cores, largest VM's cores, span of a node on it).
    let mut load: BTreeMap<&str, (u64, u64, u64, Span)> = BTreeMap::new();
    for (node, origin) in live.nodes() {
        let Some(host) = node.proxmox_node.as_deref() else {
            continue;
        };
        let span = live.host_span(&origin);
        match live.inventory.nodes.get(host) {
            None => out.per_node(
                &node.key,
                Diagnostic::new(
                    Rule::ProxmoxNodeUnavailable,
                    span,
                    format!(
                        "Proxmox node `{host}` is not in this cluster (its nodes: {})",
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join(", ")
                        }
                    ),
                ),
            ),
            Some(h) if !h.online => out.per_node(
                &node.key,
                Diagnostic::new(
                    Rule::ProxmoxNodeUnavailable,
                    span,
                    format!("Proxmox node `{host}` is offline"),
                ),
            ),
            Some(_) => {
                let memory = node.memory.and_then(|m| u64::try_from(m).ok()).unwrap_or(0);
                let cores = node.cpu.and_then(|c| u64::try_from(c).ok()).unwrap_or(0);
                let entry = load.entry(host).or_insert((0, 0, 0, span));
                entry.0 += memory;
                entry.1 += cores;
                entry.2 = entry.2.max(cores);
            }
        }
    }
    for (host, (memory, cores, widest, span)) in load {
        let Some(h) = live.inventory.nodes.get(host) else {
            continue;
        };
        // Other guests that run there keep their memory.
        let others: u64 = live
            .inventory
            .guests
            .values()
            .filter(|g| g.node == host && g.running && !g.belongs_to(&live.cluster))
            .filter_map(|g| g.memory_mib)
            .sum();
        let mut problems = Vec::new();
        if let Some(total) = h.memory_mib {
            if memory + others > total {
                problems.push(format!(
                    "its VMs of this cluster want {memory} MiB{} but it has {total} MiB",
                    if others > 0 {
                        format!(" next to {others} MiB of other running guests")
                    } else {
                        String::new()
                    }
                ));
            }
        }
        if let Some(total) = h.cores {
            if widest > total {
                problems.push(format!(
                    "a VM with {widest} cores cannot start on its {total} CPUs"
                ));
            } else if cores > total {
                problems.push(format!(
                    "its VMs of this cluster want {cores} cores in all, more than its {total} CPUs"
                ));
            }
        }
        if !problems.is_empty() {
            out.push(Diagnostic::new(
                Rule::ProxmoxNodeOvercommitted,
                span,
                format!("Proxmox node `{host}`: {}", problems.join("; ")),
            ));
        }
    }
}
