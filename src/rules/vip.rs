//! The HA VIP: in every control plane's subnet, free of conflicts, on a real interface.

use std::net::IpAddr;

use super::fixes::{remove_entry, replace_scalar};
use super::{Context, Reporter};
use crate::config::RoleKind;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Rule;
use crate::plan::vip::{first_free, FreeAddress};
use crate::plan::Plan;

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    interface_name(ctx, out);
    let Some(plan) = ctx.plan else { return };
    let cluster = &ctx.config.cluster;
    let cp_count = plan
        .nodes
        .iter()
        .filter(|n| n.role == RoleKind::Controlplane)
        .count();

    if let Some(custom) = cluster.ha_vip.known() {
        if cp_count == 1 {
            let mut d = Diagnostic::new(
                Rule::VipIgnored,
                custom.span,
                "`ha_vip` is ignored with a single control plane: the endpoint is controlplane-1's own address",
            );
            if let Some(key) = custom.key {
                d = d.with_fix(remove_entry(
                    ctx.text,
                    key.cover(custom.span),
                    "Remove `ha_vip`",
                ));
            }
            out.push(d);
        }
    }

    if !plan.ha_vip_enabled {
        return;
    }
    if let Some(vip) = plan.ha_vip {
        if plan.vip_span.is_some() {
            conflicts(ctx, plan, vip, out);
        }
        outside_subnets(ctx, plan, vip, cp_count, out);
    }
    platform_mismatch(ctx, out);
}

/// The fix for a bad custom VIP: the address the planner would choose itself.
fn free_address_fix(ctx: &Context<'_>, plan: &Plan, cp_count: usize) -> Option<IpAddr> {
    plan.vip_span?;
    let cp_count = u32::try_from(cp_count).ok()?;
    match first_free(ctx.config, &plan.network, &plan.nodes, cp_count) {
        FreeAddress::Found(ip) => Some(ip),
        _ => None,
    }
}

fn conflicts(ctx: &Context<'_>, plan: &Plan, vip: IpAddr, out: &mut Reporter) {
    let Some(span) = plan.vip_span else { return };
    let mut what: Option<String> = plan
        .nodes
        .iter()
        .find(|n| n.ip_address == Some(vip))
        .map(|n| format!("the address of {}", n.key));
    if what.is_none() && plan.network.gateway == Some(vip) {
        what = Some("the gateway".into());
    }
    if what.is_none() && plan.nodes.iter().any(|n| n.gateway == Some(vip)) {
        what = Some("a node's gateway".into());
    }
    if what.is_none()
        && plan
            .network
            .dns_servers
            .as_ref()
            .is_some_and(|d| d.contains(&vip))
    {
        what = Some("a DNS server".into());
    }
    if what.is_none() {
        let subnets = plan
            .origins
            .iter()
            .zip(&plan.nodes)
            .filter(|(_, n)| n.role == RoleKind::Controlplane)
            .filter_map(|(o, _)| o.subnet)
            .chain(plan.network.parsed_cidr);
        for s in subnets {
            if let Some(which) = s.reserved_role(vip) {
                what = Some(format!("the {which} address of {s}"));
            }
            if what.is_some() {
                break;
            }
        }
    }
    let Some(what) = what else { return };
    let cp_count = plan
        .nodes
        .iter()
        .filter(|n| n.role == RoleKind::Controlplane)
        .count();
    let mut d = Diagnostic::new(
        Rule::VipConflict,
        span,
        format!("the HA VIP {vip} is {what}; two machines answering ARP for one address break the API endpoint"),
    );
    if let Some(free) = free_address_fix(ctx, plan, cp_count) {
        d = d.with_fix(replace_scalar(
            ctx.text,
            span,
            &free.to_string(),
            format!("Use the first free address, {free}"),
        ));
    }
    out.push(d);
}

fn outside_subnets(
    ctx: &Context<'_>,
    plan: &Plan,
    vip: IpAddr,
    cp_count: usize,
    out: &mut Reporter,
) {
    let free = plan
        .vip_span
        .and_then(|_| free_address_fix(ctx, plan, cp_count))
        .filter(|free| {
            plan.nodes
                .iter()
                .zip(&plan.origins)
                .filter(|(n, _)| n.role == RoleKind::Controlplane)
                .all(|(_, o)| o.subnet.is_none_or(|s| s.contains(*free)))
        });
    for (node, origin) in plan.nodes.iter().zip(&plan.origins) {
        if node.role != RoleKind::Controlplane {
            continue;
        }
        let Some(subnet) = origin.subnet else {
            continue;
        };
        if subnet.contains(vip) {
            continue;
        }
        let span = match (plan.vip_span, origin.cidr) {
            (Some(span), _) => span,
            (None, Some(cidr)) => cidr,
            (None, None) => continue,
        };
        let mut d = Diagnostic::new(
            Rule::VipOutsideSubnet,
            span,
            format!(
                "the HA VIP {vip} is not in the control plane subnet {subnet}; a layer-2 VIP can only move between control planes on one subnet"
            ),
        );
        if let Some(free) = free {
            d = d.with_fix(replace_scalar(
                ctx.text,
                span,
                &free.to_string(),
                format!("Use the first free address, {free}"),
            ));
        }
        // One diagnostic per place: a custom VIP outside three control planes' subnet
        // is one mistake, listed with the nodes it affects.
        out.per_node(&node.key, d);
    }
}

fn interface_name(ctx: &Context<'_>, out: &mut Reporter) {
    let Some(iface) = ctx.config.cluster.ha_vip_interface.known() else {
        return;
    };
    let name = &iface.value;
    let problem = if name.is_empty() {
        Some("is empty".to_owned())
    } else if name.len() > 15 {
        Some(format!("is {} bytes long (Linux allows 15)", name.len()))
    } else if name.contains('/') {
        Some("contains `/`".to_owned())
    } else if name.chars().any(char::is_whitespace) {
        Some("contains whitespace".to_owned())
    } else if name == "." || name == ".." {
        Some("is not a name".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(Diagnostic::new(
            Rule::InvalidInterfaceName,
            iface.span,
            format!("ha_vip_interface `{name}` {problem}"),
        ));
    }
}

fn platform_mismatch(ctx: &Context<'_>, out: &mut Reporter) {
    let (Some(iface), Some(platform)) = (
        ctx.config.cluster.ha_vip_interface.known(),
        ctx.config.image.platform.known(),
    ) else {
        return;
    };
    if iface.value != "eth0" || platform.value == "nocloud" {
        return;
    }
    let span = if iface.explicit {
        iface.span
    } else {
        platform.span
    };
    let mut d = Diagnostic::new(
        Rule::InterfacePlatformMismatch,
        span,
        format!(
            "the VIP goes on `eth0`, but with platform `{}` Talos names the NIC predictably (e.g. `ens18` on Proxmox); set `ha_vip_interface` to the real name",
            platform.value
        ),
    );
    if iface.explicit {
        d = d.with_fix(replace_scalar(ctx.text, iface.span, "ens18", "Use `ens18`"));
    }
    out.push(d);
}
