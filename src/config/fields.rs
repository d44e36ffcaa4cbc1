//! The shape of the config: every section and key of the Terraform module's variables,
//! with types, defaults and documentation. The decoder checks input against it and
//! `schema()` is generated from it, so the two cannot drift apart.

/// The type of a key's value, as the module declares it.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    String,
    Integer,
    StringList,
    /// An object with the given keys.
    Object(&'static [Field]),
    /// A map from free-form keys (here: node keys) to objects with the given keys.
    ObjectMap(&'static [Field]),
}

/// A default that the module applies when a key is absent or null.
#[derive(Debug, Clone, Copy)]
pub enum DefaultValue {
    /// Required: no default.
    Required,
    /// Optional without a default (`optional(string, null)`).
    None,
    Str(&'static str),
    Int(i64),
    EmptyList,
    EmptyMap,
}

/// Extra constraints that the JSON Schema states and the rules enforce.
#[derive(Debug, Clone, Copy)]
pub enum Constraint {
    None,
    Pattern(&'static str),
    OneOf(&'static [&'static str]),
    Range(i64, i64),
}

/// One key of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub default: DefaultValue,
    pub constraint: Constraint,
    pub doc: &'static str,
}

impl Field {
    pub fn is_required(&self) -> bool {
        matches!(self.default, DefaultValue::Required)
    }
}

const fn field(name: &'static str, kind: Kind, default: DefaultValue, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        default,
        constraint: Constraint::None,
        doc,
    }
}

const fn constrained(
    name: &'static str,
    kind: Kind,
    default: DefaultValue,
    constraint: Constraint,
    doc: &'static str,
) -> Field {
    Field {
        name,
        kind,
        default,
        constraint,
        doc,
    }
}

use DefaultValue::{EmptyList, EmptyMap, Int, Required, Str};
use Kind::{Integer, Object, ObjectMap, StringList};

/// Architectures the Image Factory builds.
pub const ARCHES: &[&str] = &["amd64", "arm64"];

/// Platforms the Image Factory offers disk images for.
pub const PLATFORMS: &[&str] = &[
    "nocloud",
    "metal",
    "akamai",
    "aws",
    "azure",
    "cloudstack",
    "digital-ocean",
    "exoscale",
    "gcp",
    "hcloud",
    "opennebula",
    "openstack",
    "oracle",
    "scaleway",
    "upcloud",
    "vmware",
    "vultr",
];

/// The cluster name rule of the module's validation block.
pub const CLUSTER_NAME_PATTERN: &str = "^[a-zA-Z0-9-]+$";

/// Most nodes of one role we plan; larger counts are a diagnostic, not an allocation.
pub const MAX_NODES_PER_ROLE: i64 = 10_000;

pub static CLUSTER: &[Field] = &[
    constrained(
        "name",
        Kind::String,
        Required,
        Constraint::Pattern(CLUSTER_NAME_PATTERN),
        "Cluster name; prefixes every hostname and tags every VM.",
    ),
    field(
        "config_patches",
        StringList,
        EmptyList,
        "Extra Talos machine-config patches (YAML text), applied to every node after the planner's own, in order.",
    ),
    field("node", Kind::String, Required, "Default Proxmox node for the VMs."),
    field("datastore", Kind::String, Required, "Default Proxmox storage for VM disks."),
    constrained(
        "vm_base_id",
        Integer,
        Required,
        Constraint::Range(100, 999_999_999),
        "First VM ID: control planes count up from it, workers from vm_base_id + 10.",
    ),
    field("install_disk", Kind::String, Str("/dev/sda"), "Disk Talos installs itself on."),
    field(
        "ip_base_offset",
        Integer,
        Int(10),
        "Host number (cidrhost) of controlplane-1 in network.cidr.",
    ),
    field(
        "ha_vip",
        Kind::String,
        DefaultValue::None,
        "Shared VIP for the Kubernetes API (more than one control plane only); the first free address after the control planes when absent.",
    ),
    field(
        "ha_vip_interface",
        Kind::String,
        Str("eth0"),
        "Link on each control plane that carries the VIP.",
    ),
];

pub static IMAGE: &[Field] = &[
    constrained(
        "version",
        Kind::String,
        Required,
        Constraint::Pattern(r"^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"),
        "Talos release, e.g. v1.12.0.",
    ),
    field(
        "extensions",
        StringList,
        Required,
        "Official system extensions baked into the image (e.g. qemu-guest-agent); may be empty.",
    ),
    field(
        "factory_url",
        Kind::String,
        Str("https://factory.talos.dev"),
        "Image Factory to build the image from.",
    ),
    constrained(
        "arch",
        Kind::String,
        Str("amd64"),
        Constraint::OneOf(ARCHES),
        "CPU architecture of the image.",
    ),
    constrained(
        "platform",
        Kind::String,
        Str("nocloud"),
        Constraint::OneOf(PLATFORMS),
        "Image Factory platform; nocloud takes addresses from Proxmox cloud-init.",
    ),
    field(
        "proxmox_datastore",
        Kind::String,
        Str("local"),
        "Proxmox storage the image is downloaded to.",
    ),
];

pub static NETWORK: &[Field] = &[
    field(
        "bridge",
        Kind::String,
        Str("vmbr0"),
        "Proxmox bridge for every VM's NIC.",
    ),
    field(
        "cidr",
        Kind::String,
        Required,
        "Node subnet, e.g. 10.10.100.0/24.",
    ),
    field(
        "gateway",
        Kind::String,
        Required,
        "Default gateway inside cidr.",
    ),
    field(
        "dns_servers",
        StringList,
        Required,
        "DNS servers (IP addresses).",
    ),
    constrained(
        "vlan_id",
        Integer,
        DefaultValue::None,
        Constraint::Range(1, 4094),
        "VLAN tag of the NIC.",
    ),
];

pub static OVERRIDE_NETWORK: &[Field] = &[
    field("ip_address", Kind::String, Required, "This node's address."),
    field(
        "cidr",
        Kind::String,
        Required,
        "This node's subnet (its prefix length is used).",
    ),
    field("gateway", Kind::String, Required, "This node's gateway."),
    constrained(
        "vlan_id",
        Integer,
        DefaultValue::None,
        Constraint::Range(1, 4094),
        "This node's VLAN tag.",
    ),
];

pub static OVERRIDE: &[Field] = &[
    field(
        "datastore",
        Kind::String,
        DefaultValue::None,
        "Storage for this node's disk.",
    ),
    constrained(
        "vm_id",
        Integer,
        DefaultValue::None,
        Constraint::Range(100, 999_999_999),
        "This node's VM ID.",
    ),
    field(
        "node",
        Kind::String,
        DefaultValue::None,
        "Proxmox node for this VM.",
    ),
    constrained(
        "cpu",
        Integer,
        DefaultValue::None,
        Constraint::Range(1, 65_536),
        "Cores.",
    ),
    constrained(
        "memory",
        Integer,
        DefaultValue::None,
        Constraint::Range(1, 1 << 32),
        "Memory in MiB.",
    ),
    constrained(
        "disk",
        Integer,
        DefaultValue::None,
        Constraint::Range(1, 1 << 30),
        "Disk size in GiB.",
    ),
    field(
        "install_disk",
        Kind::String,
        DefaultValue::None,
        "Disk Talos installs itself on.",
    ),
    field(
        "network",
        Object(OVERRIDE_NETWORK),
        DefaultValue::None,
        "Static addressing for this node instead of the computed one.",
    ),
];

pub static CONTROLPLANE_SPECS: &[Field] = &[
    constrained(
        "cpu",
        Integer,
        Required,
        Constraint::Range(1, 65_536),
        "Cores per control plane.",
    ),
    constrained(
        "memory",
        Integer,
        Required,
        Constraint::Range(1, 1 << 32),
        "Memory per control plane, MiB.",
    ),
    constrained(
        "disk",
        Integer,
        Required,
        Constraint::Range(1, 1 << 30),
        "Disk per control plane, GiB.",
    ),
];

pub static WORKER_SPECS: &[Field] = &[
    field(
        "ip_offset",
        Integer,
        Int(10),
        "Host numbers of workers start at ip_base_offset + ip_offset.",
    ),
    constrained(
        "cpu",
        Integer,
        Required,
        Constraint::Range(1, 65_536),
        "Cores per worker.",
    ),
    constrained(
        "memory",
        Integer,
        Required,
        Constraint::Range(1, 1 << 32),
        "Memory per worker, MiB.",
    ),
    constrained(
        "disk",
        Integer,
        Required,
        Constraint::Range(1, 1 << 30),
        "Disk per worker, GiB.",
    ),
];

pub static CONTROLPLANE: &[Field] = &[
    constrained(
        "count",
        Integer,
        Required,
        Constraint::Range(1, MAX_NODES_PER_ROLE),
        "Number of control planes; more than one enables the HA VIP.",
    ),
    field(
        "specs",
        Object(CONTROLPLANE_SPECS),
        Required,
        "Resources of each control plane.",
    ),
    field(
        "overrides",
        ObjectMap(OVERRIDE),
        EmptyMap,
        "Per-node settings, keyed controlplane-1, controlplane-2, ...",
    ),
];

pub static WORKER: &[Field] = &[
    constrained(
        "count",
        Integer,
        Required,
        Constraint::Range(0, MAX_NODES_PER_ROLE),
        "Number of workers.",
    ),
    field(
        "specs",
        Object(WORKER_SPECS),
        Required,
        "Resources of each worker.",
    ),
    field(
        "overrides",
        ObjectMap(OVERRIDE),
        EmptyMap,
        "Per-node settings, keyed worker-1, worker-2, ...",
    ),
];

pub static ROOT: &[Field] = &[
    field(
        "cluster",
        Object(CLUSTER),
        Required,
        "Cluster identity, defaults and the HA VIP.",
    ),
    field(
        "image",
        Object(IMAGE),
        Required,
        "Talos image from the Image Factory.",
    ),
    field("network", Object(NETWORK), Required, "Node network."),
    field(
        "controlplane",
        Object(CONTROLPLANE),
        Required,
        "Control plane nodes.",
    ),
    field("worker", Object(WORKER), Required, "Worker nodes."),
];

/// Every object table with the path where it appears, for "did you mean the field of
/// another section" hints.
pub static TABLES: &[(&str, &[Field])] = &[
    ("", ROOT),
    ("cluster", CLUSTER),
    ("image", IMAGE),
    ("network", NETWORK),
    ("controlplane", CONTROLPLANE),
    ("controlplane.specs", CONTROLPLANE_SPECS),
    ("worker", WORKER),
    ("worker.specs", WORKER_SPECS),
    ("<role>.overrides.<node>", OVERRIDE),
    ("<role>.overrides.<node>.network", OVERRIDE_NETWORK),
];

/// The field `name` of `table`.
pub fn lookup(table: &'static [Field], name: &str) -> Option<&'static Field> {
    table.iter().find(|f| f.name == name)
}
