//! Cluster identity: name, hostnames, VM IDs.

use super::fixes::replace_scalar;
use super::{Context, Reporter};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Rule;
use crate::plan::ascending::FirstSeen;

/// Proxmox's VM ID range.
pub const VM_ID_MIN: i64 = 100;
pub const VM_ID_MAX: i64 = 999_999_999;
/// A hostname is one DNS label.
const MAX_HOSTNAME: usize = 63;

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    cluster_name(ctx, out);
    let Some(plan) = ctx.plan else { return };

    if let (Some(name), Some(node)) = (
        ctx.config.cluster.name.known(),
        plan.nodes
            .iter()
            .filter_map(|n| n.hostname.as_ref())
            .max_by_key(|h| h.len()),
    ) {
        if node.len() > MAX_HOSTNAME {
            out.push(Diagnostic::new(
                Rule::HostnameTooLong,
                name.span,
                format!(
                    "hostname `{node}` is {} characters long; a hostname is at most {MAX_HOSTNAME} \
                     (shorten the cluster name to at most {} characters)",
                    node.len(),
                    name.value.len().saturating_sub(node.len() - MAX_HOSTNAME)
                ),
            ));
        }
    }

    let mut seen = FirstSeen::new(
        plan.nodes
            .iter()
            .zip(&plan.origins)
            .map(|(node, origin)| node.vm_id.filter(|_| origin.vm_id.is_some())),
    );
    for (i, (node, origin)) in plan.nodes.iter().zip(&plan.origins).enumerate() {
        let (Some(id), Some(span)) = (node.vm_id, origin.vm_id) else {
            continue;
        };
        if !(VM_ID_MIN..=VM_ID_MAX).contains(&id) {
            out.per_node(
                &node.key,
                Diagnostic::new(
                    Rule::VmIdOutOfRange,
                    span,
                    format!(
                        "{} would get VM ID {id}; Proxmox accepts {VM_ID_MIN}..={VM_ID_MAX}",
                        node.key
                    ),
                ),
            );
        }
        if let Some(first) = seen.earlier(id, i) {
            let other = &plan.nodes[first];
            let mut message = format!("{} and {} both get VM ID {id}", other.key, node.key);
            if other.role != node.role && origin.override_key.is_none() {
                message.push_str(
                    "; control planes count up from vm_base_id and workers from vm_base_id + 10",
                );
            }
            let mut d = Diagnostic::new(Rule::DuplicateVmId, span, message);
            if let Some(first_span) = plan.origins[first].vm_id.filter(|s| *s != span) {
                d = d.with_related(first_span, format!("{}'s VM ID comes from here", other.key));
            }
            out.per_node(&node.key, d);
        }
    }
}

fn cluster_name(ctx: &Context<'_>, out: &mut Reporter) {
    let Some(name) = ctx.config.cluster.name.known() else {
        return;
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '-';
    if !name.value.is_empty() && name.value.chars().all(valid) {
        return;
    }
    let mut d = Diagnostic::new(
        Rule::InvalidClusterName,
        name.span,
        format!(
            "cluster name `{}` may only contain letters, digits and dashes (^[a-zA-Z0-9-]+$)",
            name.value
        ),
    );
    let repaired: String = name
        .value
        .chars()
        .map(|c| if valid(c) { c } else { '-' })
        .collect();
    let repaired = repaired.trim_matches('-').to_owned();
    if !repaired.is_empty() {
        d = d.with_fix(replace_scalar(
            ctx.text,
            name.span,
            &repaired,
            format!("Rename the cluster to `{repaired}`"),
        ));
    }
    out.push(d);
}
