//! The plan: every VM, its address and resources, the HA VIP and the endpoints, exactly
//! as the Terraform module and its HA VIP document compute them (DESIGN section 3).
//!
//! Planning never fails: what cannot be computed (an unknown value, an address that
//! does not fit) is `None` in the plan and, when it is the user's mistake, a diagnostic.

pub mod addresses;
pub(crate) mod ascending;
pub mod image;
mod nodes;
pub mod version;
pub(crate) mod vip;

use std::net::IpAddr;

use serde::Serialize;

use crate::config::fields::MAX_NODES_PER_ROLE;
use crate::config::{Config, RoleKind, Val};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};
use addresses::{parse_ip, Cidr};
pub use image::ImagePlan;

/// The planned cluster. Serialised, this is the `plan --format json` contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub cluster_name: Option<String>,
    pub ha_vip_enabled: bool,
    pub ha_vip: Option<IpAddr>,
    pub ha_vip_interface: Option<String>,
    pub cluster_endpoint: Option<String>,
    /// Where talosctl connects: the control planes' own addresses, never the VIP.
    pub talos_endpoints: Vec<String>,
    pub nodes: Vec<PlannedNode>,
    pub image: Option<ImagePlan>,
    /// The default network, for pictures of the subnet.
    pub network: NetworkPlan,
    /// Where each node's values came from, parallel to `nodes`.
    #[serde(skip)]
    pub origins: Vec<NodeOrigin>,
    /// Where the VIP came from: the `ha_vip` value, or `None` when it was chosen.
    #[serde(skip)]
    pub vip_span: Option<Span>,
}

/// One VM.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedNode {
    /// `controlplane-1`, `worker-2`, ...: the module's keys and Proxmox VM names' source.
    pub key: String,
    pub role: RoleKind,
    /// 1-based position within its role.
    #[serde(skip)]
    pub index: u32,
    pub hostname: Option<String>,
    pub vm_id: Option<i64>,
    pub proxmox_node: Option<String>,
    pub datastore: Option<String>,
    pub ip_address: Option<IpAddr>,
    pub prefix: Option<u8>,
    pub gateway: Option<IpAddr>,
    pub vlan_id: Option<i64>,
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub disk: Option<i64>,
    pub install_disk: Option<String>,
}

/// The spans that produced a node's values, so rules can point at the cause.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeOrigin {
    /// The override's key, when the node has an override.
    pub override_key: Option<Span>,
    pub vm_id: Option<Span>,
    pub ip_address: Option<Span>,
    /// The subnet the node's address is in: the override's `cidr` or `network.cidr`.
    pub cidr: Option<Span>,
    pub gateway: Option<Span>,
    pub vlan_id: Option<Span>,
    pub proxmox_node: Option<Span>,
    pub cpu: Option<Span>,
    pub memory: Option<Span>,
    pub disk: Option<Span>,
    /// The node's subnet, parsed.
    pub subnet: Option<Cidr>,
}

/// The default network of the cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkPlan {
    /// Normalised (`10.10.100.0/24`).
    pub cidr: Option<String>,
    pub prefix: Option<u8>,
    pub network_address: Option<IpAddr>,
    /// The last address of the prefix (the IPv4 broadcast address).
    pub last_address: Option<IpAddr>,
    pub gateway: Option<IpAddr>,
    /// `None` when the list is not known (an expression).
    pub dns_servers: Option<Vec<IpAddr>>,
    pub bridge: Option<String>,
    pub vlan_id: Option<i64>,
    #[serde(skip)]
    pub parsed_cidr: Option<Cidr>,
}

/// Plans the cluster. Returns `None` only when the node counts themselves are unknown
/// or beyond what we plan.
pub fn plan(config: &Config) -> (Option<Plan>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let network = network_plan(config, &mut diagnostics);

    let cp_count = count(
        &config.controlplane.count,
        RoleKind::Controlplane,
        &mut diagnostics,
    );
    let worker_count = count(&config.worker.count, RoleKind::Worker, &mut diagnostics);
    let (Some(cp_count), Some(worker_count)) = (cp_count, worker_count) else {
        return (None, diagnostics);
    };

    let mut planner = nodes::NodePlanner::new(config, &network, &mut diagnostics);
    let (mut nodes, mut origins) = planner.role(&config.controlplane, cp_count);
    let (workers, worker_origins) = planner.role(&config.worker, worker_count);
    planner.finish();
    nodes.extend(workers);
    origins.extend(worker_origins);

    let vip = vip::plan_vip(config, &network, &nodes, cp_count, &mut diagnostics);

    let cp1 = nodes
        .iter()
        .find(|n| n.role == RoleKind::Controlplane)
        .and_then(|n| n.ip_address);
    let endpoint_host = if vip.enabled { vip.address } else { cp1 };
    let cluster_endpoint =
        endpoint_host.map(|ip| format!("https://{}:6443", addresses::url_host(ip)));
    let talos_endpoints = nodes
        .iter()
        .filter(|n| n.role == RoleKind::Controlplane)
        .filter_map(|n| n.ip_address)
        .map(|ip| ip.to_string())
        .collect();

    let plan = Plan {
        cluster_name: config.cluster.name.get().cloned(),
        ha_vip_enabled: vip.enabled,
        ha_vip: if vip.enabled { vip.address } else { None },
        ha_vip_interface: config.cluster.ha_vip_interface.get().cloned(),
        cluster_endpoint,
        talos_endpoints,
        nodes,
        image: image(config),
        network,
        origins,
        vip_span: vip.span,
    };
    (Some(plan), diagnostics)
}

/// A role's node count, if it is known and within what we plan.
fn count(count: &Val<i64>, role: RoleKind, diagnostics: &mut Vec<Diagnostic>) -> Option<u32> {
    let c = count.known()?;
    if c.value > MAX_NODES_PER_ROLE {
        diagnostics.push(Diagnostic::new(
            Rule::InvalidValue,
            c.span,
            format!(
                "{} count {} is more than the {MAX_NODES_PER_ROLE} nodes per role we plan",
                role.prefix(),
                c.value
            ),
        ));
        return None;
    }
    if c.value < 0 && role == RoleKind::Worker {
        diagnostics.push(Diagnostic::new(
            Rule::InvalidValue,
            c.span,
            format!("worker count must not be negative, found {}", c.value),
        ));
    }
    // Below zero plans no node; a control plane count below one is its own rule.
    Some(u32::try_from(c.value.max(0)).unwrap_or(0))
}

fn network_plan(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> NetworkPlan {
    let net = &config.network;
    let parsed_cidr = net.cidr.known().and_then(|c| {
        Cidr::parse(&c.value)
            .map_err(|e| {
                diagnostics.push(Diagnostic::new(Rule::InvalidCidr, c.span, e.to_string()))
            })
            .ok()
    });
    let gateway = net
        .gateway
        .known()
        .and_then(|g| ip_or_report(g.value.as_str(), g.span, "network.gateway", diagnostics));
    let dns_servers = net.dns_servers.known().map(|list| {
        list.value
            .iter()
            .filter_map(|d| {
                parse_ip(&d.value)
                    .map_err(|_| {
                        diagnostics.push(Diagnostic::new(
                            Rule::InvalidDnsServer,
                            d.span,
                            format!("DNS server `{}` is not an IP address", d.value),
                        ))
                    })
                    .ok()
            })
            .collect()
    });
    NetworkPlan {
        cidr: parsed_cidr.map(|c| c.to_string()),
        prefix: parsed_cidr.map(|c| c.prefix()),
        network_address: parsed_cidr.map(|c| c.network()),
        last_address: parsed_cidr.map(|c| c.last()),
        gateway,
        dns_servers,
        bridge: net.bridge.get().cloned(),
        vlan_id: net.vlan_id.get().copied(),
        parsed_cidr,
    }
}

/// Parses an address the user wrote, reporting `invalid-ip-address` when it is not one.
pub(crate) fn ip_or_report(
    text: &str,
    span: Span,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<IpAddr> {
    match parse_ip(text) {
        Ok(ip) => Some(ip),
        Err(_) => {
            let hint = if text.contains('/') {
                " (write the address without a prefix length)"
            } else {
                ""
            };
            diagnostics.push(Diagnostic::new(
                Rule::InvalidIpAddress,
                span,
                format!("`{what}` is `{text}`, which is not an IP address{hint}"),
            ));
            None
        }
    }
}

fn image(config: &Config) -> Option<ImagePlan> {
    let img = &config.image;
    let extensions =
        image::official_extensions(img.extensions.get()?.iter().map(|e| e.value.as_str()));
    // The schematic needs the extensions only; the URLs need the rest too.
    Some(
        match (
            img.factory_url.get(),
            img.version.get(),
            img.platform.get(),
            img.arch.get(),
        ) {
            (Some(factory), Some(version), Some(platform), Some(arch)) => {
                image::image_plan(factory, version, platform, arch, extensions)
            }
            _ => image::schematic_plan(extensions),
        },
    )
}
