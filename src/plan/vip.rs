//! The HA VIP: enabled exactly when there is more than one control plane; the custom
//! `ha_vip`, or the first available address scanning up from
//! `ip_base_offset + controlplane.count`.

use rustc_hash::FxHashSet as HashSet;
use std::net::IpAddr;

use super::ascending::strictly_ascending;
use super::{ip_or_report, NetworkPlan, PlannedNode};
use crate::config::{Config, Val};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

pub(super) struct VipChoice {
    pub enabled: bool,
    pub address: Option<IpAddr>,
    /// The `ha_vip` value's span when the VIP is custom.
    pub span: Option<Span>,
}

pub(super) fn plan_vip(
    config: &Config,
    network: &NetworkPlan,
    nodes: &[PlannedNode],
    cp_count: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> VipChoice {
    let enabled = cp_count > 1;
    let cluster = &config.cluster;
    match &cluster.ha_vip {
        Val::Set(custom) => {
            // Parsed (and reported) even when HA is off: `vip-ignored` points at it.
            let address = ip_or_report(&custom.value, custom.span, "cluster.ha_vip", diagnostics);
            VipChoice {
                enabled,
                address,
                span: Some(custom.span),
            }
        }
        Val::Unknown => VipChoice {
            enabled,
            address: None,
            span: None,
        },
        Val::Unset if !enabled => VipChoice {
            enabled,
            address: None,
            span: None,
        },
        Val::Unset => VipChoice {
            enabled,
            address: auto_vip(config, network, nodes, cp_count, diagnostics),
            span: None,
        },
    }
}

/// The outcome of scanning for a free VIP address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FreeAddress {
    Found(IpAddr),
    /// Scanning from `start` reached the end of the prefix.
    Exhausted {
        start: i128,
    },
    /// An input is unknown, so any answer would be a guess.
    Unknown,
}

fn auto_vip(
    config: &Config,
    network: &NetworkPlan,
    nodes: &[PlannedNode],
    cp_count: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<IpAddr> {
    match first_free(config, network, nodes, cp_count) {
        FreeAddress::Found(ip) => Some(ip),
        FreeAddress::Unknown => None,
        FreeAddress::Exhausted { start } => {
            let cidr = network
                .parsed_cidr
                .map(|c| c.to_string())
                .unwrap_or_default();
            diagnostics.push(Diagnostic::new(
                Rule::VipNoFreeAddress,
                config
                    .controlplane
                    .count
                    .span()
                    .unwrap_or(config.cluster.span),
                format!(
                    "no free address for the HA VIP in {cidr} from host number {start} up; \
                     set `cluster.ha_vip` or use a larger prefix"
                ),
            ));
            None
        }
    }
}

/// The first address from host number `ip_base_offset + count` up that no planned
/// node, the gateway, a DNS server, the network or the IPv4 broadcast address uses.
pub(crate) fn first_free(
    config: &Config,
    network: &NetworkPlan,
    nodes: &[PlannedNode],
    cp_count: u32,
) -> FreeAddress {
    let (Some(cidr), Some(base), Some(dns)) = (
        network.parsed_cidr,
        config.cluster.ip_base_offset.known(),
        network.dns_servers.as_ref(),
    ) else {
        return FreeAddress::Unknown;
    };
    // Every input must be known, or the "free" address we pick might not be. (A node
    // without an address because of an error occupies nothing: that is not unknown.)
    if config.network.gateway.is_unknown() || !node_addresses_known(config) {
        return FreeAddress::Unknown;
    }
    // Nodes' addresses that only count up (the usual plan) are searched by halves in
    // the nodes themselves; only other orders go into the set.
    let ascending = nodes.iter().all(|n| n.ip_address.is_some())
        && strictly_ascending(nodes.iter().map(|n| n.ip_address));
    let in_nodes = |ip: IpAddr| {
        ascending
            && nodes
                .binary_search_by(|n| n.ip_address.cmp(&Some(ip)))
                .is_ok()
    };
    let from_nodes = if ascending { 0 } else { nodes.len() };
    // Sized up front: growing it while it fills cost more than all its lookups.
    let mut used: HashSet<IpAddr> =
        HashSet::with_capacity_and_hasher(from_nodes + dns.len() + 3, Default::default());
    used.extend(nodes[..from_nodes].iter().filter_map(|n| n.ip_address));
    used.extend(network.gateway);
    used.extend(dns.iter().copied());
    used.extend(cidr.reserved_network());
    used.extend(cidr.reserved_broadcast());
    let start = i128::from(base.value) + i128::from(cp_count);
    if let Ok(mut index) = cidr.host_index(start) {
        // Each step past a used address consumes one of them (in `used` or a node's),
        // so this ends after at most one step more than there are, even in a /64.
        loop {
            let candidate = cidr.at_index(index);
            if !used.contains(&candidate) && !in_nodes(candidate) {
                return FreeAddress::Found(candidate);
            }
            if index == cidr.max_host() {
                break;
            }
            index += 1;
        }
    }
    FreeAddress::Exhausted { start }
}

/// Whether every input of every node's address is known (no Terraform expressions).
fn node_addresses_known(config: &Config) -> bool {
    let roles = [&config.controlplane, &config.worker];
    let offsets = config.cluster.ip_base_offset.known().is_some()
        && (config.worker.count.get().is_some_and(|c| *c <= 0)
            || config.worker.specs.ip_offset.known().is_some());
    offsets
        && roles.iter().all(|role| match &role.overrides {
            Val::Unknown => false,
            Val::Unset => true,
            Val::Set(list) => list.value.iter().all(|o| match &o.network {
                Val::Unknown => false,
                Val::Unset => true,
                Val::Set(net) => !net.value.ip_address.is_unknown(),
            }),
        })
}
