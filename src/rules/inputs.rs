//! What each config field feeds: the checks that read it and what the plan computes
//! from it. When a field is a Terraform expression (unknown until Terraform runs), those
//! checks stay silent and those values are `-`; the hover on the expression says so.

use crate::diagnostics::Rule;
use Rule::*;

/// Matches `controlplane` and `worker`.
const ROLE: &str = "<role>";
/// Matches any override key.
const NODE: &str = "<node>";

/// One field and what depends on it.
struct Input {
    path: &'static [&'static str],
    rules: &'static [Rule],
    /// What the plan cannot compute without it (`None`: nothing planned).
    planned: Option<&'static str>,
}

const fn input(
    path: &'static [&'static str],
    rules: &'static [Rule],
    planned: Option<&'static str>,
) -> Input {
    Input {
        path,
        rules,
        planned,
    }
}

const ADDRESSES: &[Rule] = &[
    HostNumberOutOfRange,
    ReservedAddress,
    DuplicateIp,
    VipNoFreeAddress,
];
const RESOURCES: &[Rule] = &[BelowTalosMinimum, BelowTalosRecommended];
const PATCHES: &[Rule] = &[
    InvalidConfigPatch,
    VipOnWorker,
    LegacyVipPatch,
    HostnameInPatch,
    Json6902OnMultidoc,
];

static INPUTS: &[Input] = &[
    input(
        &["cluster", "name"],
        &[InvalidClusterName, HostnameTooLong],
        Some("the hostnames"),
    ),
    input(
        &["cluster", "node"],
        &[ControlplanesShareHost],
        Some("the Proxmox node of every VM without its own `node`"),
    ),
    input(
        &["cluster", "datastore"],
        &[],
        Some("the datastore of every VM without its own"),
    ),
    input(
        &["cluster", "vm_base_id"],
        &[VmIdOutOfRange, DuplicateVmId],
        Some("the VM IDs"),
    ),
    input(
        &["cluster", "install_disk"],
        &[InvalidValue],
        Some("the install disk"),
    ),
    input(
        &["cluster", "ip_base_offset"],
        ADDRESSES,
        Some("the computed addresses and the automatic VIP"),
    ),
    input(
        &["cluster", "ha_vip"],
        &[VipOutsideSubnet, VipConflict, VipIgnored],
        Some("the HA VIP and the endpoint"),
    ),
    input(
        &["cluster", "ha_vip_interface"],
        &[InvalidInterfaceName, InterfacePlatformMismatch],
        Some("the VIP's interface"),
    ),
    input(
        &["cluster", "config_patches"],
        PATCHES,
        Some("the user patches"),
    ),
    input(
        &["image", "version"],
        &[InvalidTalosVersion, LegacyVipPatch, Json6902OnMultidoc],
        Some("the image URLs and the installer (the schematic needs only the extensions)"),
    ),
    input(
        &["image", "extensions"],
        &[InvalidValue],
        Some("the schematic and the image"),
    ),
    input(
        &["image", "factory_url"],
        &[InvalidValue],
        Some("the image URLs and the installer"),
    ),
    input(&["image", "arch"], &[InvalidArch], Some("the image URLs")),
    input(
        &["image", "platform"],
        &[InvalidPlatform, InterfacePlatformMismatch],
        Some("the image URLs and the installer"),
    ),
    input(
        &["image", "proxmox_datastore"],
        &[],
        Some("where the image is downloaded"),
    ),
    input(
        &["network", "cidr"],
        &[
            InvalidCidr,
            GatewayOutsideSubnet,
            HostNumberOutOfRange,
            ReservedAddress,
            DuplicateIp,
            VipOutsideSubnet,
            VipNoFreeAddress,
        ],
        Some("every computed address and the automatic VIP"),
    ),
    input(
        &["network", "gateway"],
        &[
            InvalidIpAddress,
            GatewayOutsideSubnet,
            DuplicateIp,
            VipConflict,
        ],
        Some("the gateway"),
    ),
    input(
        &["network", "dns_servers"],
        &[InvalidDnsServer, DuplicateIp, VipConflict],
        Some("the DNS servers"),
    ),
    input(
        &["network", "vlan_id"],
        &[InvalidVlanId],
        Some("the VLAN tag"),
    ),
    input(&["network", "bridge"], &[], Some("the bridge")),
    input(
        &["controlplane", "count"],
        &[
            ControlplaneCount,
            EvenControlplaneCount,
            UnusedOverride,
            ControlplanesShareHost,
        ],
        None,
    ),
    input(&["worker", "count"], &[UnusedOverride], None),
    input(
        &["worker", "specs", "ip_offset"],
        ADDRESSES,
        Some("the workers' addresses"),
    ),
    input(&[ROLE, "specs", "cpu"], RESOURCES, Some("the cores")),
    input(&[ROLE, "specs", "memory"], RESOURCES, Some("the memory")),
    input(&[ROLE, "specs", "disk"], RESOURCES, Some("the disk size")),
    input(
        &[ROLE, "overrides"],
        &[UnusedOverride, InvalidOverrideKey, ControlplanesShareHost],
        Some("every override"),
    ),
    input(
        &[ROLE, "overrides", NODE, "node"],
        &[ControlplanesShareHost],
        Some("this node's Proxmox host"),
    ),
    input(
        &[ROLE, "overrides", NODE, "vm_id"],
        &[VmIdOutOfRange, DuplicateVmId],
        Some("this node's VM ID"),
    ),
    input(
        &[ROLE, "overrides", NODE, "cpu"],
        RESOURCES,
        Some("this node's cores"),
    ),
    input(
        &[ROLE, "overrides", NODE, "memory"],
        RESOURCES,
        Some("this node's memory"),
    ),
    input(
        &[ROLE, "overrides", NODE, "disk"],
        RESOURCES,
        Some("this node's disk size"),
    ),
    input(
        &[ROLE, "overrides", NODE, "datastore"],
        &[],
        Some("this node's datastore"),
    ),
    input(
        &[ROLE, "overrides", NODE, "install_disk"],
        &[InvalidValue],
        Some("this node's install disk"),
    ),
    input(
        &[ROLE, "overrides", NODE, "network", "ip_address"],
        &[
            InvalidIpAddress,
            IpOutsideSubnet,
            ReservedAddress,
            DuplicateIp,
            VipConflict,
        ],
        Some("this node's address"),
    ),
    input(
        &[ROLE, "overrides", NODE, "network", "cidr"],
        &[InvalidCidr, IpOutsideSubnet, VipOutsideSubnet],
        Some("this node's subnet"),
    ),
    input(
        &[ROLE, "overrides", NODE, "network", "gateway"],
        &[InvalidIpAddress, GatewayOutsideSubnet],
        Some("this node's gateway"),
    ),
    input(
        &[ROLE, "overrides", NODE, "network", "vlan_id"],
        &[InvalidVlanId],
        Some("this node's VLAN tag"),
    ),
];

/// What depends on a field (or, for a section, on any field in it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependents {
    /// The checks that read it, in catalogue order.
    pub rules: Vec<Rule>,
    /// What the plan computes from it.
    pub planned: Vec<&'static str>,
    /// The node counts: without them there is no plan at all.
    pub counts: bool,
}

/// The checks and planned values that depend on the field at `path` (an override's key
/// may be any `controlplane-N`/`worker-N`); a section (`image`) stands for all of its
/// fields.
pub fn dependents(path: &[&str]) -> Dependents {
    let mut out = Dependents::default();
    for input in INPUTS {
        let within = input.path.len() >= path.len()
            && input
                .path
                .iter()
                .zip(path)
                .all(|(pattern, key)| match *pattern {
                    ROLE => matches!(*key, "controlplane" | "worker"),
                    NODE => true,
                    _ => pattern == key,
                });
        if !within {
            continue;
        }
        for rule in input.rules {
            if !out.rules.contains(rule) {
                out.rules.push(*rule);
            }
        }
        match input.planned {
            Some(what) if !out.planned.contains(&what) => out.planned.push(what),
            Some(_) => {}
            None => out.counts = true,
        }
    }
    // In catalogue order (without sorting: a sort is sizeable code in the WASM package).
    out.rules = Rule::ALL
        .iter()
        .copied()
        .filter(|r| out.rules.contains(r))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_sections_and_overrides() {
        let version = dependents(&["image", "version"]);
        assert_eq!(
            version.rules,
            [InvalidTalosVersion, LegacyVipPatch, Json6902OnMultidoc]
        );
        assert!(version.planned[0].starts_with("the image URLs"));
        let image = dependents(&["image"]);
        assert!(image.rules.contains(&InvalidArch) && image.rules.contains(&InvalidTalosVersion));
        let node = dependents(&["controlplane", "overrides", "controlplane-2", "node"]);
        assert_eq!(node.rules, [ControlplanesShareHost]);
        assert!(dependents(&["worker", "count"]).counts);
        assert_eq!(dependents(&["nonsense"]), Dependents::default());
    }
}
