//! Addresses: subnets, gateways, reserved addresses, collisions, VLAN tags.

use std::net::IpAddr;

use super::{Context, Reporter};
use crate::config::Val;
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};
use crate::plan::addresses::{parse_ip, Cidr};
use crate::plan::ascending::FirstSeen;

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    vlans(ctx, out);
    gateways(ctx, out);
    let Some(plan) = ctx.plan else { return };

    // A node's own address against its subnet's reserved ends.
    for (node, origin) in plan.nodes.iter().zip(&plan.origins) {
        let (Some(ip), Some(subnet), Some(span)) =
            (node.ip_address, origin.subnet, origin.ip_address)
        else {
            continue;
        };
        if origin.override_key.is_some() && !subnet.contains(ip) {
            out.push(Diagnostic::new(
                Rule::IpOutsideSubnet,
                span,
                format!(
                    "{}'s address {ip} is not inside its cidr {subnet}",
                    node.key
                ),
            ));
            continue;
        }
        if let Some(which) = subnet.reserved_role(ip) {
            out.per_node(
                &node.key,
                Diagnostic::new(
                    Rule::ReservedAddress,
                    span,
                    format!(
                        "{} would get {ip}, the {which} address of {subnet}",
                        node.key
                    ),
                ),
            );
        }
    }

    // Collisions: node with node, node with a gateway or a DNS server.
    // A few addresses, searched in order (the gateway wins over a DNS server).
    let mut infrastructure: Vec<(IpAddr, (&str, Option<Span>))> = Vec::new();
    if let (Some(gw), Some(span)) = (plan.network.gateway, ctx.config.network.gateway.span()) {
        infrastructure.push((gw, ("the gateway", Some(span))));
    }
    for dns in plan.network.dns_servers.iter().flatten() {
        infrastructure.push((*dns, ("a DNS server", None)));
    }
    let mut by_ip = FirstSeen::new(
        plan.nodes
            .iter()
            .zip(&plan.origins)
            .map(|(node, origin)| node.ip_address.filter(|_| origin.ip_address.is_some())),
    );
    for (i, (node, origin)) in plan.nodes.iter().zip(&plan.origins).enumerate() {
        let (Some(ip), Some(span)) = (node.ip_address, origin.ip_address) else {
            continue;
        };
        let own_gateway = node
            .gateway
            .filter(|gw| *gw == ip)
            .map(|_| ("its gateway", origin.gateway));
        if let Some((what, related)) = infrastructure
            .iter()
            .find(|(a, _)| *a == ip)
            .map(|(_, what)| *what)
            .or(own_gateway)
        {
            let mut d = Diagnostic::new(
                Rule::DuplicateIp,
                span,
                format!("{} would get {ip}, which is {what}", node.key),
            );
            if let Some(related) = related.filter(|r| *r != span) {
                d = d.with_related(related, format!("{what} is set here"));
            }
            out.per_node(&node.key, d);
        }
        if let Some(first) = by_ip.earlier(ip, i) {
            let other = &plan.nodes[first];
            let mut d = Diagnostic::new(
                Rule::DuplicateIp,
                span,
                format!("{} and {} would both get {ip}", other.key, node.key),
            );
            if let Some(first_span) = plan.origins[first].ip_address.filter(|s| *s != span) {
                d = d.with_related(
                    first_span,
                    format!("{}'s address comes from here", other.key),
                );
            }
            out.per_node(&node.key, d);
        }
    }
}

fn vlans(ctx: &Context<'_>, out: &mut Reporter) {
    let mut check = |vlan: &Val<i64>, what: &str| {
        if let Some(v) = vlan.known() {
            if !(1..=4094).contains(&v.value) {
                out.push(Diagnostic::new(
                    Rule::InvalidVlanId,
                    v.span,
                    format!("{what} {} is outside 1..=4094", v.value),
                ));
            }
        }
    };
    check(&ctx.config.network.vlan_id, "network.vlan_id");
    for role in [&ctx.config.controlplane, &ctx.config.worker] {
        for o in role.overrides.get().into_iter().flatten() {
            if let Val::Set(net) = &o.network {
                check(
                    &net.value.vlan_id,
                    &format!("{}.network.vlan_id", o.key.value),
                );
            }
        }
    }
}

/// Gateways must sit inside the subnet they serve.
fn gateways(ctx: &Context<'_>, out: &mut Reporter) {
    let mut check = |cidr: &Val<String>, gateway: &Val<String>, what: &str| {
        let (Some(c), Some(g)) = (cidr.known(), gateway.known()) else {
            return;
        };
        let (Ok(c), Ok(g_ip)) = (Cidr::parse(&c.value), parse_ip(&g.value)) else {
            return;
        };
        if !c.contains(g_ip) {
            out.push(Diagnostic::new(
                Rule::GatewayOutsideSubnet,
                g.span,
                format!("{what} {g_ip} is not inside {c}; nodes could not reach it"),
            ));
        } else if let Some(which) = c.reserved_role(g_ip) {
            out.push(Diagnostic::new(
                Rule::GatewayOutsideSubnet,
                g.span,
                format!("{what} {g_ip} is the {which} address of {c}"),
            ));
        }
    };
    let net = &ctx.config.network;
    check(&net.cidr, &net.gateway, "network.gateway");
    for role in [&ctx.config.controlplane, &ctx.config.worker] {
        for o in role.overrides.get().into_iter().flatten() {
            if let Val::Set(n) = &o.network {
                check(
                    &n.value.cidr,
                    &n.value.gateway,
                    &format!("{}.network.gateway", o.key.value),
                );
            }
        }
    }
}
