//! Node keys, hostnames, VM IDs, addresses and resources (DESIGN section 3's table).

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use super::addresses::Cidr;
use super::{ip_or_report, NetworkPlan, NodeOrigin, PlannedNode};
use crate::config::{Config, Override, Role, RoleKind, Spanned, Val};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

/// Host numbers that did not fit, grouped by the span that caused them, so 10,000
/// workers in a /24 are one diagnostic, not 9,750.
#[derive(Default)]
struct OutOfRange {
    keys: Vec<String>,
    message: String,
}

pub(super) struct NodePlanner<'a> {
    config: &'a Config,
    network: &'a NetworkPlan,
    diagnostics: &'a mut Vec<Diagnostic>,
    out_of_range: Vec<(Span, OutOfRange)>,
}

/// A node's override, already parsed where it holds addresses.
struct ParsedOverride<'a> {
    ov: &'a Override,
    ip: Val<IpAddr>,
    subnet: Val<Cidr>,
    gateway: Val<IpAddr>,
}

impl<'a> NodePlanner<'a> {
    pub(super) fn new(
        config: &'a Config,
        network: &'a NetworkPlan,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        NodePlanner {
            config,
            network,
            diagnostics,
            out_of_range: Vec::new(),
        }
    }

    /// Plans the `count` nodes of one role.
    pub(super) fn role(
        &mut self,
        role: &'a Role,
        count: u32,
    ) -> (Vec<PlannedNode>, Vec<NodeOrigin>) {
        let overrides: HashMap<&str, &Override> = role
            .overrides
            .get()
            .map(|list| {
                let mut map = HashMap::default();
                for o in list {
                    map.entry(o.key.value.as_str()).or_insert(o);
                }
                map
            })
            .unwrap_or_default();
        let overrides_unknown = role.overrides.is_unknown();
        let mut nodes = Vec::with_capacity(count as usize);
        let mut origins = Vec::with_capacity(count as usize);
        for index in 1..=count {
            let key = numbered(&[role.kind.prefix()], index, 1);
            let ov = overrides.get(key.as_str()).copied();
            let (node, origin) = self.node(role, index, key, ov, overrides_unknown);
            nodes.push(node);
            origins.push(origin);
        }
        (nodes, origins)
    }

    fn parse_override(&mut self, ov: &'a Override) -> ParsedOverride<'a> {
        let mut parsed = ParsedOverride {
            ov,
            ip: Val::Unset,
            subnet: Val::Unset,
            gateway: Val::Unset,
        };
        match &ov.network {
            Val::Unset => {}
            Val::Unknown => {
                parsed.ip = Val::Unknown;
                parsed.subnet = Val::Unknown;
                parsed.gateway = Val::Unknown;
            }
            Val::Set(net) => {
                let net = &net.value;
                let what = format!("{}.network", ov.key.value);
                parsed.ip = parse_val(
                    &net.ip_address,
                    |s, span, d| ip_or_report(s, span, &format!("{what}.ip_address"), d),
                    self.diagnostics,
                );
                parsed.subnet = parse_val(
                    &net.cidr,
                    |s, span, d| {
                        Cidr::parse(s)
                            .map_err(|e| {
                                d.push(Diagnostic::new(Rule::InvalidCidr, span, e.to_string()))
                            })
                            .ok()
                    },
                    self.diagnostics,
                );
                parsed.gateway = parse_val(
                    &net.gateway,
                    |s, span, d| ip_or_report(s, span, &format!("{what}.gateway"), d),
                    self.diagnostics,
                );
            }
        }
        parsed
    }

    fn node(
        &mut self,
        role: &Role,
        index: u32,
        key: String,
        ov: Option<&'a Override>,
        overrides_unknown: bool,
    ) -> (PlannedNode, NodeOrigin) {
        let cluster = &self.config.cluster;
        let parsed = ov.map(|o| self.parse_override(o));
        let specs = &role.specs;
        let cpu = pick(ov, overrides_unknown, |o| &o.cpu, &specs.cpu);
        let memory = pick(ov, overrides_unknown, |o| &o.memory, &specs.memory);
        let disk = pick(ov, overrides_unknown, |o| &o.disk, &specs.disk);
        let proxmox_node = pick(ov, overrides_unknown, |o| &o.node, &cluster.node);
        let datastore = pick(ov, overrides_unknown, |o| &o.datastore, &cluster.datastore);
        let install_disk = pick(
            ov,
            overrides_unknown,
            |o| &o.install_disk,
            &cluster.install_disk,
        );

        // VM ID: the override's, else vm_base_id + (i-1), workers from vm_base_id + 10.
        let role_base = match role.kind {
            RoleKind::Controlplane => 0,
            RoleKind::Worker => 10,
        };
        let ov_vm_id = match ov {
            _ if overrides_unknown => Val::Unknown,
            Some(o) => o.vm_id.clone(),
            None => Val::Unset,
        };
        let (vm_id, vm_id_span) = match ov_vm_id {
            Val::Set(s) => (Some(s.value), Some(s.span)),
            Val::Unknown => (None, None),
            Val::Unset => match cluster.vm_base_id.known() {
                Some(base) => (
                    base.value.checked_add(role_base + i64::from(index) - 1),
                    Some(base.span),
                ),
                None => (None, None),
            },
        };

        let hostname = cluster
            .name
            .get()
            .map(|name| numbered(&[name, "-", role.kind.prefix()], index, 2));

        let mut origin = NodeOrigin {
            override_key: ov.map(|o| o.key.span),
            vm_id: vm_id_span,
            proxmox_node: proxmox_node.map(|v| v.span),
            cpu: cpu.map(|v| v.span),
            memory: memory.map(|v| v.span),
            disk: disk.map(|v| v.span),
            ..NodeOrigin::default()
        };

        let (ip_address, prefix, gateway, vlan_id) = if overrides_unknown {
            (None, None, None, None)
        } else {
            match parsed {
                Some(p) if !p.ov.network.is_unset() => self.override_address(&p, &mut origin),
                _ => self.computed_address(role, index, &key, &mut origin),
            }
        };

        let node = PlannedNode {
            key,
            role: role.kind,
            index,
            hostname,
            vm_id,
            proxmox_node: proxmox_node.map(|v| v.value.clone()),
            datastore: datastore.map(|v| v.value.clone()),
            ip_address,
            prefix,
            gateway,
            vlan_id,
            cpu: cpu.map(|v| v.value),
            memory: memory.map(|v| v.value),
            disk: disk.map(|v| v.value),
            install_disk: install_disk.map(|v| v.value.clone()),
        };
        (node, origin)
    }

    /// Address, prefix, gateway and VLAN from an override's `network` (we honour its
    /// gateway and VLAN, which the Terraform module ignores).
    fn override_address(
        &mut self,
        p: &ParsedOverride<'_>,
        origin: &mut NodeOrigin,
    ) -> (Option<IpAddr>, Option<u8>, Option<IpAddr>, Option<i64>) {
        let Val::Set(net) = &p.ov.network else {
            return (None, None, None, None);
        };
        let net = &net.value;
        origin.ip_address = net.ip_address.span();
        origin.cidr = net.cidr.span();
        origin.gateway = net.gateway.span();
        origin.subnet = p.subnet.get().copied();
        let vlan = net.vlan_id.or(&self.config.network.vlan_id);
        origin.vlan_id = vlan.span();
        (
            p.ip.get().copied(),
            p.subnet.get().map(|c| c.prefix()),
            p.gateway.get().copied(),
            vlan.get().copied(),
        )
    }

    /// `cidrhost(network.cidr, host number)` with the module's host numbers.
    fn computed_address(
        &mut self,
        role: &Role,
        index: u32,
        key: &str,
        origin: &mut NodeOrigin,
    ) -> (Option<IpAddr>, Option<u8>, Option<IpAddr>, Option<i64>) {
        let cluster = &self.config.cluster;
        let network = &self.config.network;
        origin.cidr = network.cidr.span();
        origin.gateway = network.gateway.span();
        origin.vlan_id = network.vlan_id.span();
        origin.subnet = self.network.parsed_cidr;
        let gateway = self.network.gateway;
        let vlan = network.vlan_id.get().copied();
        let prefix = self.network.parsed_cidr.map(|c| c.prefix());

        let Some(base) = cluster.ip_base_offset.known() else {
            return (None, prefix, gateway, vlan);
        };
        let (host, span) = match role.kind {
            RoleKind::Controlplane => (i128::from(base.value) + i128::from(index) - 1, base.span),
            RoleKind::Worker => {
                let Some(offset) = role.specs.ip_offset.known() else {
                    return (None, prefix, gateway, vlan);
                };
                let span = if offset.explicit {
                    offset.span
                } else {
                    base.span
                };
                (
                    i128::from(base.value) + i128::from(offset.value) + i128::from(index) - 1,
                    span,
                )
            }
        };
        origin.ip_address = Some(span);
        let Some(cidr) = self.network.parsed_cidr else {
            return (None, prefix, gateway, vlan);
        };
        match cidr.host(host) {
            Ok(ip) => (Some(ip), prefix, gateway, vlan),
            Err(err) => {
                let slot = match self.out_of_range.iter_mut().find(|(s, _)| *s == span) {
                    Some((_, slot)) => slot,
                    None => {
                        self.out_of_range.push((span, OutOfRange::default()));
                        &mut self.out_of_range.last_mut().expect("just pushed").1
                    }
                };
                if slot.keys.is_empty() {
                    slot.message = format!("cannot place {key} in {cidr}: {err}");
                }
                slot.keys.push(key.to_owned());
                (None, prefix, gateway, vlan)
            }
        }
    }

    /// Emits the grouped out-of-range diagnostics.
    pub(super) fn finish(self) {
        for (span, group) in self.out_of_range {
            let mut message = group.message;
            if group.keys.len() > 1 {
                let last = group.keys.last().map(String::as_str).unwrap_or_default();
                message.push_str(&format!(
                    " ({} nodes do not fit, up to {last})",
                    group.keys.len()
                ));
            }
            self.diagnostics
                .push(Diagnostic::new(Rule::HostNumberOutOfRange, span, message));
        }
    }
}

/// `<parts>-<index>` with the index zero-padded to `width` digits: node keys
/// (`worker-7`) and hostnames (`homelab-worker-07`), built without the formatting
/// machinery because a 10,000-node plan builds 20,000 of them.
fn numbered(parts: &[&str], index: u32, width: usize) -> String {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    let mut n = index;
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    start = start.min(digits.len().saturating_sub(width));
    let len: usize = parts.iter().map(|p| p.len()).sum::<usize>() + 1 + digits.len() - start;
    let mut out = String::with_capacity(len);
    for part in parts {
        out.push_str(part);
    }
    out.push('-');
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
    out
}

/// The override's value if it sets one, else the fallback; everything is unknown when
/// the overrides map itself is an expression.
fn pick<'v, T>(
    ov: Option<&'v Override>,
    overrides_unknown: bool,
    get: impl Fn(&'v Override) -> &'v Val<T>,
    fallback: &'v Val<T>,
) -> Option<&'v Spanned<T>> {
    if overrides_unknown {
        return None;
    }
    match ov {
        Some(o) => get(o).or(fallback).known(),
        None => fallback.known(),
    }
}

/// Parses a known string value; `Unset` and `Unknown` pass through.
fn parse_val<T>(
    val: &Val<String>,
    parse: impl FnOnce(&str, Span, &mut Vec<Diagnostic>) -> Option<T>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Val<T> {
    match val {
        Val::Set(s) => match parse(&s.value, s.span, diagnostics) {
            Some(v) => Val::Set(crate::config::Spanned::new(v, s.span)),
            None => Val::Unknown,
        },
        Val::Unset => Val::Unset,
        Val::Unknown => Val::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn numbered_matches_format() {
        for i in [1u32, 7, 10, 99, 100, 12345, u32::MAX] {
            assert_eq!(numbered(&["worker"], i, 1), format!("worker-{i}"));
            assert_eq!(
                numbered(&["lab", "-", "worker"], i, 2),
                format!("lab-worker-{i:02}")
            );
        }
    }
}
