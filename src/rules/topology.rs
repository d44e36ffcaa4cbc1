//! Topology: control plane counts, placement across Proxmox hosts, override keys.

use super::decode_suggest;
use super::fixes::{remove_entry, replace_integer, replace_scalar};
use super::{Context, Reporter};
use crate::config::{Role, RoleKind};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Rule;

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    let cp = &ctx.config.controlplane;
    if let Some(count) = cp.count.known() {
        if count.value < 1 {
            out.push(Diagnostic::new(
                Rule::ControlplaneCount,
                count.span,
                format!(
                    "controlplane.count is {}; a cluster needs at least one control plane",
                    count.value
                ),
            ));
        } else if count.value % 2 == 0 {
            let mut d = Diagnostic::new(
                Rule::EvenControlplaneCount,
                count.span,
                format!(
                    "{} control planes tolerate no more failures than {}: etcd needs a majority",
                    count.value,
                    count.value - 1
                ),
            );
            // One more, or one fewer; whichever would collide with something (an
            // address, a VM ID, a VIP) is dropped before it is offered (`fix_check`).
            for other in [count.value + 1, count.value - 1] {
                let noun = if other == 1 {
                    "control plane"
                } else {
                    "control planes"
                };
                d = d.with_fix(replace_integer(
                    count.span,
                    other,
                    format!("Use {other} {noun}"),
                ));
            }
            out.push(d);
        }
    }

    if let Some(plan) = ctx.plan {
        let hosts: Vec<Option<&String>> = plan
            .nodes
            .iter()
            .filter(|n| n.role == RoleKind::Controlplane)
            .map(|n| n.proxmox_node.as_ref())
            .collect();
        if plan.ha_vip_enabled && hosts.iter().all(Option::is_some) {
            if let (Some(Some(first)), Some(span)) = (hosts.first(), cp.count.span()) {
                if hosts.iter().all(|h| *h == Some(*first)) {
                    out.push(Diagnostic::new(
                        Rule::ControlplanesShareHost,
                        span,
                        format!(
                            "all {} control planes run on Proxmox node `{first}`: the VIP survives a control plane failing, not that host; spread them with overrides (`node:`)",
                            hosts.len()
                        ),
                    ));
                }
            }
        }
    }

    overrides(ctx, cp, out);
    overrides(ctx, &ctx.config.worker, out);
}

fn overrides(ctx: &Context<'_>, role: &Role, out: &mut Reporter) {
    let Some(list) = role.overrides.get() else {
        return;
    };
    let prefix = role.kind.prefix();
    let other = match role.kind {
        RoleKind::Controlplane => RoleKind::Worker,
        RoleKind::Worker => RoleKind::Controlplane,
    };
    let count = role.count.get().copied();
    for o in list {
        let key = &o.key.value;
        match node_number(key, prefix) {
            Some(n) => {
                if let Some(count) = count.filter(|c| n > *c) {
                    out.push(
                        Diagnostic::new(
                            Rule::UnusedOverride,
                            o.key.span,
                            format!(
                                "override `{key}` is for a node that does not exist: {prefix}.count is {count}"
                            ),
                        )
                        .with_fix(remove_entry(ctx.text, o.entry_span, format!("Remove the override for `{key}`"))),
                    );
                }
            }
            None => {
                let mut message = format!(
                    "override key `{key}` is not `{prefix}-N` (N from 1), so the module never uses it"
                );
                if node_number(key, other.prefix()).is_some() {
                    message.push_str(&format!(
                        "; `{key}` belongs under `{}.overrides`",
                        other.prefix()
                    ));
                }
                let mut d = Diagnostic::new(Rule::InvalidOverrideKey, o.key.span, message);
                let taken = |k: &str| list.iter().any(|x| x.key.value == k);
                let suggestion = trailing_number(key)
                    .filter(|n| *n >= 1 && node_number(key, other.prefix()).is_none())
                    .map(|n| format!("{prefix}-{n}"))
                    .or_else(|| {
                        decode_suggest(key, [format!("{prefix}-1")].iter().map(String::as_str))
                            .map(str::to_owned)
                    })
                    .filter(|s| !taken(s));
                if let Some(s) = suggestion {
                    d = d.with_fix(replace_scalar(
                        ctx.text,
                        o.key.span,
                        &s,
                        format!("Rename to `{s}`"),
                    ));
                }
                out.push(d);
            }
        }
    }
}

/// `N` of `<prefix>-N`, with N a positive number without leading zeros.
fn node_number(key: &str, prefix: &str) -> Option<i64> {
    let n = key.strip_prefix(prefix)?.strip_prefix('-')?;
    if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) || n.len() > 9 {
        return None;
    }
    n.parse().ok()
}

/// The number at the end of a key (`cp-02` -> 2).
fn trailing_number(key: &str) -> Option<i64> {
    let digits: String = key
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}
