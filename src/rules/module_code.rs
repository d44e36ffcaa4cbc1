//! Where the Terraform module's code (branch `feat/add-support-for-ha-cluster-with-vip`,
//! see `export::MODULE_REF`) builds something other than this plan, which follows the
//! module's HA VIP document (DESIGN.md section 7). These checks run for Terraform input
//! and on export to Terraform, where the module's code is what will run:
//!
//! - `locals.tf`: `ha_vip = coalesce(var.cluster.ha_vip, cidrhost(var.network.cidr,
//!   var.cluster.ip_base_offset + var.worker.specs.ip_offset - 1))`;
//! - `proxmox_vm_*.tf`: `gateway = var.network.gateway` in `ipv4 { ... }` and
//!   `vlan_id = var.network.vlan_id` in `network_device { ... }` for every VM;
//! - the same files: only an `ipv4` block in `ip_config`.

use std::net::IpAddr;

#[cfg(feature = "hcl")]
use super::fixes::insert_entry_after;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Rule, Span};
use crate::plan::addresses::Cidr;
use crate::plan::Plan;

/// The module's checks, for a config read from Terraform.
#[cfg(feature = "hcl")]
pub fn check(text: &str, config: &Config, plan: Option<&Plan>) -> Vec<Diagnostic> {
    let Some(plan) = plan else {
        return Vec::new();
    };
    let mut out = Vec::new();
    automatic_vip(text, config, plan, &mut out);
    override_network(plan, &mut out);
    ipv4_only(plan, &mut out);
    out
}

/// The same checks for an export: the export writes `ha_vip` itself, so only what it
/// cannot change (gateways, VLANs, IPv6) is left to say.
pub fn check_export(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    override_network(plan, &mut out);
    ipv4_only(plan, &mut out);
    out
}

/// The address the module's code gives the VIP when `ha_vip` is not set: host
/// `ip_base_offset + worker.specs.ip_offset - 1` of `network.cidr`, or why it has none.
pub fn module_automatic_vip(config: &Config) -> Option<Result<IpAddr, String>> {
    let cidr = Cidr::parse(config.network.cidr.get()?).ok()?;
    let base = *config.cluster.ip_base_offset.get()?;
    let offset = *config.worker.specs.ip_offset.get()?;
    let host = i128::from(base) + i128::from(offset) - 1;
    Some(cidr.host(host).map_err(|e| e.to_string()))
}

#[cfg(feature = "hcl")]
fn automatic_vip(text: &str, config: &Config, plan: &Plan, out: &mut Vec<Diagnostic>) {
    if !plan.ha_vip_enabled || !config.cluster.ha_vip.is_unset() {
        return;
    }
    let (Some(vip), Some(theirs)) = (plan.ha_vip, module_automatic_vip(config)) else {
        return;
    };
    let formula = "`cidrhost(network.cidr, ip_base_offset + worker.specs.ip_offset - 1)`";
    let message = match &theirs {
        Ok(ip) if *ip == vip => return,
        Ok(ip) => {
            let taken = plan
                .nodes
                .iter()
                .find(|n| n.ip_address == Some(*ip))
                .map(|n| format!(", the address of {}", n.key))
                .unwrap_or_default();
            format!(
                "the module's code picks the automatic HA VIP with {formula}: {ip}{taken}, where this plan (and the module's HA VIP document) give {vip}; write `ha_vip` so Terraform builds {vip}"
            )
        }
        Err(why) => format!(
            "the module's code picks the automatic HA VIP with {formula}, which fails here ({why}); write `ha_vip` so Terraform builds {vip}"
        ),
    };
    let span = config.cluster.span;
    let mut d = Diagnostic::new(Rule::ModuleAutomaticVip, span, message);
    if let Some(fix) = write_ha_vip(text, config, vip) {
        d = d.with_fix(fix);
    }
    out.push(d);
}

/// Inserts `ha_vip = "<vip>"` after the last field written in `cluster`.
#[cfg(feature = "hcl")]
fn write_ha_vip(text: &str, config: &Config, vip: IpAddr) -> Option<crate::diagnostics::Fix> {
    let c = &config.cluster;
    let fields = [
        c.name.known().map(|s| (s.key, s.span)),
        c.config_patches.known().map(|s| (s.key, s.span)),
        c.node.known().map(|s| (s.key, s.span)),
        c.datastore.known().map(|s| (s.key, s.span)),
        c.vm_base_id.known().map(|s| (s.key, s.span)),
        c.install_disk.known().map(|s| (s.key, s.span)),
        c.ip_base_offset.known().map(|s| (s.key, s.span)),
        c.ha_vip_interface.known().map(|s| (s.key, s.span)),
    ];
    let (key, value) = fields
        .into_iter()
        .flatten()
        .filter_map(|(key, value)| Some((key?, value)))
        .max_by_key(|(_, value)| value.end)?;
    // The fields must be written inside the `cluster` object, after its key.
    if key.start <= c.span.end {
        return None;
    }
    let lines = text
        .get(c.span.end..key.start)
        .is_some_and(|between| between.contains('\n'));
    insert_entry_after(
        text,
        lines,
        key.cover(value),
        "ha_vip",
        &format!("\"{vip}\""),
        format!("Write `ha_vip = \"{vip}\"`"),
    )
}

fn override_network(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<Span> = Vec::new();
    for (node, origin) in plan.nodes.iter().zip(&plan.origins) {
        let Some(gateway_span) = origin.gateway else {
            continue;
        };
        if origin.override_key.is_none() {
            continue;
        }
        let module_gateway = plan.network.gateway;
        if let (Some(ours), Some(theirs)) = (node.gateway, module_gateway) {
            // Only an override's gateway has a span other than network.gateway's.
            if ours != theirs && !seen.contains(&gateway_span) {
                seen.push(gateway_span);
                out.push(Diagnostic::new(
                    Rule::ModuleIgnoresOverrideNetwork,
                    gateway_span,
                    format!(
                        "the module's code gives every VM `network.gateway` ({theirs}) and ignores this override's gateway {ours}: Terraform would configure {} with gateway {theirs}",
                        node.key
                    ),
                ));
            }
        }
        let (Some(vlan_span), Some(ours)) = (origin.vlan_id, node.vlan_id) else {
            continue;
        };
        if Some(ours) != plan.network.vlan_id && !seen.contains(&vlan_span) {
            seen.push(vlan_span);
            let theirs = plan
                .network
                .vlan_id
                .map_or_else(|| "no VLAN tag".to_owned(), |v| format!("VLAN {v}"));
            out.push(Diagnostic::new(
                Rule::ModuleIgnoresOverrideNetwork,
                vlan_span,
                format!(
                    "the module's code gives every VM `network.vlan_id` and ignores this override's VLAN {ours}: Terraform would put {} on {theirs}",
                    node.key
                ),
            ));
        }
    }
}

fn ipv4_only(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<Span> = Vec::new();
    for (node, origin) in plan.nodes.iter().zip(&plan.origins) {
        let Some(ip @ IpAddr::V6(_)) = node.ip_address else {
            continue;
        };
        let Some(span) = origin.ip_address.or(origin.cidr) else {
            continue;
        };
        let span = origin.cidr.unwrap_or(span);
        if seen.contains(&span) {
            continue;
        }
        seen.push(span);
        out.push(Diagnostic::new(
            Rule::ModuleIpv4Only,
            span,
            format!(
                "the module's code writes only an `ipv4` block for each VM, so it cannot give {} its IPv6 address {ip}: `terraform apply` fails",
                node.key
            ),
        ));
    }
}
