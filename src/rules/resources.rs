//! Resources against Talos's minimum and recommended system requirements.

use super::{Context, Reporter};
use crate::config::RoleKind;
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

/// (cores, MiB, GiB) per role.
struct Requirements {
    minimum: [i64; 3],
    recommended: [i64; 3],
}

fn requirements(role: RoleKind) -> Requirements {
    match role {
        RoleKind::Controlplane => Requirements {
            minimum: [2, 2048, 10],
            recommended: [4, 4096, 100],
        },
        RoleKind::Worker => Requirements {
            minimum: [1, 1024, 10],
            recommended: [2, 2048, 100],
        },
    }
}

const WHAT: [(&str, &str); 3] = [("cpu", "cores"), ("memory", "MiB"), ("disk", "GiB")];

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    let Some(plan) = ctx.plan else { return };
    for (node, origin) in plan.nodes.iter().zip(&plan.origins) {
        let req = requirements(node.role);
        let values: [(Option<i64>, Option<Span>); 3] = [
            (node.cpu, origin.cpu),
            (node.memory, origin.memory),
            (node.disk, origin.disk),
        ];
        for (i, (value, span)) in values.into_iter().enumerate() {
            let (Some(value), Some(span)) = (value, span) else {
                continue;
            };
            let (field, unit) = WHAT[i];
            let role = node.role.prefix();
            let d = if value <= 0 {
                Diagnostic::new(
                    Rule::InvalidValue,
                    span,
                    format!("{field} must be positive, found {value}"),
                )
            } else if value < req.minimum[i] {
                Diagnostic::new(
                    Rule::BelowTalosMinimum,
                    span,
                    format!(
                        "{field} {value} {unit} is below Talos's minimum of {} {unit} for a {role}",
                        req.minimum[i]
                    ),
                )
            } else if value < req.recommended[i] {
                Diagnostic::new(
                    Rule::BelowTalosRecommended,
                    span,
                    format!(
                        "{field} {value} {unit} is below Talos's recommended {} {unit} for a {role}",
                        req.recommended[i]
                    ),
                )
            } else {
                continue;
            };
            out.per_node(&node.key, d);
        }
    }
}
