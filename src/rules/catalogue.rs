//! The rule catalogue: for every rule id (`diagnostics::Rule`, at the bottom of the
//! crate, with its default severity), why it matters, an example and a near miss.
//! `rules()`, the README's rule table and `talos-planner rules ID` are all generated
//! from this list; a test lints every example to keep it honest.

use serde::Serialize;

use crate::diagnostics::{Rule, Severity};

/// What a rule is about; used to group the documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Structure,
    Cluster,
    Addresses,
    Vip,
    Topology,
    Resources,
    Image,
    /// Terraform input, and where the Terraform module's code differs from the plan.
    Terraform,
    /// Checked against the live Proxmox cluster (`diff`, `apply`), not the text alone.
    Proxmox,
}

/// An example for the documentation, checked by a test.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Example {
    /// A YAML fragment laid over the catalogue's clean base config ([`EXAMPLE_BASE`])
    /// as a JSON Merge Patch (RFC 7386): mappings merge, `null` removes a key,
    /// everything else replaces.
    Overlay(&'static str),
    /// A complete source text (for problems an overlay cannot express).
    Document(&'static str),
    /// A complete Terraform file (`.tf`), for rules about Terraform input.
    Terraform(&'static str),
    /// A rule of the live Proxmox: `config` is an overlay on [`EXAMPLE_BASE`] and
    /// `inventory` one (same merge) on [`EXAMPLE_INVENTORY`], the Proxmox cluster as
    /// `diff` reads it. Checked by running the preflight over both.
    Live {
        config: &'static str,
        inventory: &'static str,
    },
}

/// Everything known about one rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    #[serde(skip)]
    pub rule: Rule,
    pub id: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why a user should care.
    pub why: &'static str,
    /// Input that triggers the rule.
    pub example: Example,
    /// A near miss that does not trigger it.
    pub valid: Example,
    /// Whether the rule offers a fix (at least sometimes).
    pub fixable: bool,
}

/// The clean config that [`Example::Overlay`] examples are laid over: three control
/// planes on three Proxmox hosts, two workers, resources at Talos's recommendations.
pub const EXAMPLE_BASE: &str = "\
cluster:
  name: homelab
  node: pve01
  datastore: local-lvm
  vm_base_id: 700
image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  cidr: 10.10.100.0/24
  gateway: 10.10.100.1
  dns_servers: [1.1.1.1]
controlplane:
  count: 3
  specs: { cpu: 4, memory: 4096, disk: 100 }
  overrides:
    controlplane-2: { node: pve02 }
    controlplane-3: { node: pve03 }
worker:
  count: 2
  specs: { cpu: 2, memory: 4096, disk: 100 }
";

/// The Proxmox cluster that [`Example::Live`] inventories are laid over, as
/// [`crate::rules::live::Inventory`] reads it: three online nodes with room for the
/// base config, the bridges `vmbr0` (VLAN-aware) and `vmbr1` (not), and one container
/// of someone else's.
pub const EXAMPLE_INVENTORY: &str = "\
release: \"8.4\"
nodes:
  pve01: { online: true, memory_mib: 65536, cores: 16 }
  pve02: { online: true, memory_mib: 65536, cores: 16 }
  pve03: { online: true, memory_mib: 65536, cores: 16 }
storages:
  pve01:
    local: { content: [iso, vztmpl, backup, import], avail_gib: 80 }
    local-lvm: { content: [images, rootdir], avail_gib: 900 }
  pve02:
    local: { content: [iso, vztmpl, backup, import], avail_gib: 80 }
    local-lvm: { content: [images, rootdir], avail_gib: 900 }
  pve03:
    local: { content: [iso, vztmpl, backup, import], avail_gib: 80 }
    local-lvm: { content: [images, rootdir], avail_gib: 900 }
bridges:
  pve01: { vmbr0: { vlan_aware: true }, vmbr1: { vlan_aware: false } }
  pve02: { vmbr0: { vlan_aware: true }, vmbr1: { vlan_aware: false } }
  pve03: { vmbr0: { vlan_aware: true }, vmbr1: { vlan_aware: false } }
guests:
  100: { node: pve01, name: pihole, kind: lxc, running: true, memory_mib: 512, cores: 1 }
";

macro_rules! catalogue {
    ($(
        $variant:ident {
            category: $category:ident,
            summary: $summary:literal,
            why: $why:literal,
            example: $example:expr,
            valid: $valid:expr,
            fixable: $fixable:literal $(,)?
        }
    )*) => {
        const TABLE: &[RuleInfo] = &[$(
            RuleInfo {
                rule: Rule::$variant,
                id: Rule::$variant.id(),
                severity: Rule::$variant.default_severity(),
                category: Category::$category,
                summary: $summary,
                why: $why,
                example: $example,
                valid: $valid,
                fixable: $fixable,
            },
        )*];

        /// Every rule id has an entry: a rule added at the bottom without one here
        /// does not compile.
        const _: fn(Rule) = |rule| match rule {
            $(Rule::$variant => {})*
        };
    };
}

/// The catalogue, in documentation order: the order of [`Rule::ALL`], so that
/// [`info`] can index it.
pub static RULES: &[RuleInfo] = TABLE;

// The entries follow the ids' order, one each (checked while compiling).
const _: () = {
    assert!(TABLE.len() == Rule::ALL.len());
    let mut i = 0;
    while i < TABLE.len() {
        assert!(TABLE[i].rule as usize == i);
        i += 1;
    }
};

/// The catalogue entry of `rule`.
pub fn info(rule: Rule) -> &'static RuleInfo {
    &RULES[rule as usize]
}

use Example::{Document, Live, Overlay, Terraform};

catalogue! {
    SyntaxError {
        category: Structure,
        summary: "The file is not valid YAML, JSON or HCL.",
        why: "Nothing else can be checked until the file parses.",
        example: Document("cluster:\n  name: [homelab\n"),
        valid: Document("cluster:\n  name: homelab\n"),
        fixable: false,
    }
    DuplicateKey {
        category: Structure,
        summary: "A key appears twice in the same mapping.",
        why: "YAML and JSON readers disagree on which one wins; Terraform rejects it. Only the first is used here.",
        example: Document("cluster:\n  name: homelab\n  name: lab\n"),
        valid: Document("cluster:\n  name: homelab\n"),
        fixable: false,
    }
    UnknownField {
        category: Structure,
        summary: "A key that the module does not declare (often a typo).",
        why: "Terraform silently drops attributes its object types do not declare, so `brige: vmbr1` quietly leaves the VMs on the default bridge.",
        example: Overlay("network:\n  brige: vmbr1\n"),
        valid: Overlay("network:\n  bridge: vmbr1\n"),
        fixable: true,
    }
    MissingField {
        category: Structure,
        summary: "A required key is absent or null.",
        why: "The module cannot plan the cluster without it; Terraform fails only at plan time.",
        example: Document("cluster:\n  name: homelab\n"),
        valid: Overlay("cluster:\n  name: homelab\n"),
        fixable: false,
    }
    InvalidType {
        category: Structure,
        summary: "A value has the wrong type (a string where a number belongs, a list where a mapping belongs).",
        why: "Unquoted YAML guesses types: `version: 1.10` is the number 1.1, not the string \"1.10\".",
        example: Overlay("image:\n  version: 1.10\n"),
        valid: Overlay("image:\n  version: v1.10.0\n"),
        fixable: true,
    }
    InvalidValue {
        category: Structure,
        summary: "A value has the right type but cannot be used (a negative count, zero memory, a bad URL).",
        why: "Proxmox or Talos would reject it halfway through provisioning.",
        example: Overlay("worker:\n  count: -1\n"),
        valid: Overlay("worker:\n  count: 0\n"),
        fixable: false,
    }
    InvalidClusterName {
        category: Cluster,
        summary: "The cluster name does not match the module's `^[a-zA-Z0-9-]+$`.",
        why: "The module's validation rejects it, and the name becomes part of every hostname and Proxmox tag.",
        example: Overlay("cluster:\n  name: homelab.cluster\n"),
        valid: Overlay("cluster:\n  name: homelab-cluster\n"),
        fixable: true,
    }
    HostnameTooLong {
        category: Cluster,
        summary: "A planned hostname is longer than 63 characters.",
        why: "Hostnames are DNS labels; Talos refuses a longer one and the node never joins.",
        example: Overlay("cluster:\n  name: a-very-long-cluster-name-that-goes-on-and-on-and-on\n"),
        valid: Overlay("cluster:\n  name: a-short-cluster-name\n"),
        fixable: false,
    }
    VmIdOutOfRange {
        category: Cluster,
        summary: "A planned VM ID is outside Proxmox's 100..999999999.",
        why: "Proxmox refuses to create the VM.",
        example: Overlay("cluster:\n  vm_base_id: 50\n"),
        valid: Overlay("cluster:\n  vm_base_id: 100\n"),
        fixable: false,
    }
    DuplicateVmId {
        category: Cluster,
        summary: "Two nodes get the same VM ID.",
        why: "Control planes count up from `vm_base_id` and workers from `vm_base_id + 10`, so eleven control planes collide with the first worker; Proxmox refuses the second VM.",
        example: Overlay("worker:\n  overrides:\n    worker-1: { vm_id: 700 }\n"),
        valid: Overlay("worker:\n  overrides:\n    worker-1: { vm_id: 800 }\n"),
        fixable: false,
    }
    InvalidCidr {
        category: Addresses,
        summary: "A CIDR is not an address and prefix length like 10.10.100.0/24.",
        why: "Every node address is computed from it with `cidrhost`.",
        example: Overlay("network:\n  cidr: 10.10.100.0/33\n"),
        valid: Overlay("network:\n  cidr: 10.10.100.0/24\n"),
        fixable: false,
    }
    InvalidIpAddress {
        category: Addresses,
        summary: "A gateway, node address or VIP is not an IP address.",
        why: "cloud-init and Talos need literal addresses; a host name or typo here leaves the node unreachable.",
        example: Overlay("network:\n  gateway: 10.10.100.300\n"),
        valid: Overlay("network:\n  gateway: 10.10.100.254\n"),
        fixable: false,
    }
    GatewayOutsideSubnet {
        category: Addresses,
        summary: "The gateway is not inside its subnet.",
        why: "A node cannot reach a gateway that is not on its link; it boots without a default route.",
        example: Overlay("network:\n  gateway: 10.10.200.1\n"),
        valid: Overlay("network:\n  gateway: 10.10.100.254\n"),
        fixable: false,
    }
    IpOutsideSubnet {
        category: Addresses,
        summary: "An override's `ip_address` is not inside the override's `cidr`.",
        why: "The node would be configured with an address its own prefix does not contain.",
        example: Overlay("worker:\n  overrides:\n    worker-1:\n      network: { ip_address: 10.10.102.5, cidr: 10.10.101.0/24, gateway: 10.10.101.1 }\n"),
        valid: Overlay("worker:\n  overrides:\n    worker-1:\n      network: { ip_address: 10.10.101.5, cidr: 10.10.101.0/24, gateway: 10.10.101.1 }\n"),
        fixable: false,
    }
    HostNumberOutOfRange {
        category: Addresses,
        summary: "`cidrhost` cannot place a node: its host number does not fit the prefix.",
        why: "Terraform stops with \"prefix does not accommodate a host numbered N\"; here the node simply has no address.",
        example: Overlay("network:\n  cidr: 10.10.100.0/28\n  gateway: 10.10.100.1\n"),
        valid: Overlay("network:\n  cidr: 10.10.100.0/26\n  gateway: 10.10.100.1\n"),
        fixable: false,
    }
    ReservedAddress {
        category: Addresses,
        summary: "A node is planned on the network address or the IPv4 broadcast address.",
        why: "Those addresses cannot be assigned to a host; the node would be unreachable.",
        example: Overlay("cluster:\n  ip_base_offset: 0\n"),
        valid: Overlay("cluster:\n  ip_base_offset: 2\n"),
        fixable: false,
    }
    DuplicateIp {
        category: Addresses,
        summary: "Two nodes share an address, or a node sits on the gateway or a DNS server.",
        why: "An address conflict takes both machines off the network intermittently and is painful to diagnose.",
        example: Overlay("cluster:\n  ip_base_offset: 1\n"),
        valid: Overlay("cluster:\n  ip_base_offset: 2\n"),
        fixable: false,
    }
    InvalidVlanId {
        category: Addresses,
        summary: "A VLAN tag is outside 1..4094.",
        why: "Proxmox rejects the network device.",
        example: Overlay("network:\n  vlan_id: 4095\n"),
        valid: Overlay("network:\n  vlan_id: 4094\n"),
        fixable: false,
    }
    InvalidDnsServer {
        category: Addresses,
        summary: "A DNS server is not an IP address.",
        why: "cloud-init's nameserver setting takes addresses only.",
        example: Overlay("network:\n  dns_servers: [one.one.one.one]\n"),
        valid: Overlay("network:\n  dns_servers: [1.1.1.1]\n"),
        fixable: false,
    }
    VipOutsideSubnet {
        category: Vip,
        summary: "The HA VIP is not in every control plane's subnet.",
        why: "Talos announces the VIP with gratuitous ARP (layer 2): a control plane on another subnet can never own it.",
        example: Overlay("cluster:\n  ha_vip: 10.10.200.50\n"),
        valid: Overlay("cluster:\n  ha_vip: 10.10.100.50\n"),
        fixable: true,
    }
    VipConflict {
        category: Vip,
        summary: "The custom HA VIP equals a node, the gateway, a DNS server, or the network or broadcast address.",
        why: "Two machines answering ARP for one address take the Kubernetes API down at random.",
        example: Overlay("cluster:\n  ha_vip: 10.10.100.20\n"),
        valid: Overlay("cluster:\n  ha_vip: 10.10.100.50\n"),
        fixable: true,
    }
    VipNoFreeAddress {
        category: Vip,
        summary: "No free address is left in the prefix for the automatic HA VIP.",
        why: "The VIP is taken from the addresses after the last control plane; a full prefix leaves none.",
        example: Overlay("network:\n  cidr: 10.10.100.0/28\n  gateway: 10.10.100.14\ncluster:\n  ip_base_offset: 1\ncontrolplane:\n  count: 13\n  overrides: null\nworker:\n  count: 0\n"),
        valid: Overlay("network:\n  cidr: 10.10.100.0/28\n  gateway: 10.10.100.14\ncluster:\n  ip_base_offset: 1\ncontrolplane:\n  count: 11\n  overrides: null\nworker:\n  count: 0\n"),
        fixable: false,
    }
    VipIgnored {
        category: Vip,
        summary: "`ha_vip` is set but there is only one control plane, so no VIP is configured.",
        why: "The endpoint becomes the control plane's own address; clients pointed at the VIP will not connect.",
        example: Overlay("cluster:\n  ha_vip: 10.10.100.50\ncontrolplane:\n  count: 1\n  overrides: null\n"),
        valid: Overlay("controlplane:\n  count: 1\n  overrides: null\n"),
        fixable: true,
    }
    InvalidInterfaceName {
        category: Vip,
        summary: "`ha_vip_interface` is not a valid Linux interface name.",
        why: "Linux names are at most 15 bytes without `/` or whitespace; Talos would never find the link to put the VIP on.",
        example: Overlay("cluster:\n  ha_vip_interface: enp0s18-very-long\n"),
        valid: Overlay("cluster:\n  ha_vip_interface: eth0\n"),
        fixable: false,
    }
    InterfacePlatformMismatch {
        category: Vip,
        summary: "The VIP goes on `eth0` but the image platform is not `nocloud`.",
        why: "Only the nocloud image names the NIC `eth0` on Proxmox; other platforms use predictable names like `ens18`, so the VIP would never come up.",
        example: Overlay("image:\n  platform: metal\ncluster:\n  ha_vip_interface: eth0\n"),
        valid: Overlay("image:\n  platform: metal\ncluster:\n  ha_vip_interface: ens18\n"),
        fixable: true,
    }
    ControlplaneCount {
        category: Topology,
        summary: "There must be at least one control plane.",
        why: "Without a control plane there is no Kubernetes API and nothing to bootstrap.",
        example: Overlay("controlplane:\n  count: 0\n  overrides: null\n"),
        valid: Overlay("controlplane:\n  count: 1\n  overrides: null\n"),
        fixable: false,
    }
    EvenControlplaneCount {
        category: Topology,
        summary: "An even number of control planes adds no etcd fault tolerance.",
        why: "etcd needs a majority: 2 control planes tolerate no failure (like 1), 4 tolerate one (like 3), but cost more.",
        example: Overlay("controlplane:\n  count: 2\n  overrides:\n    controlplane-3: null\n"),
        valid: Overlay("controlplane:\n  count: 3\n"),
        fixable: true,
    }
    ControlplanesShareHost {
        category: Topology,
        summary: "HA is enabled but every control plane runs on the same Proxmox node.",
        why: "The VIP protects against a control plane failing, not against the one Proxmox host under all of them. The fix spreads the control planes round-robin over the Proxmox hosts the config already names (`cluster.node` and the overrides' `node`).",
        example: Overlay("controlplane:\n  overrides: null\nworker:\n  overrides:\n    worker-1: { node: pve02 }\n    worker-2: { node: pve03 }\n"),
        valid: Overlay("controlplane:\n  overrides:\n    controlplane-2: { node: pve02 }\n"),
        fixable: true,
    }
    UnusedOverride {
        category: Topology,
        summary: "An override names a node that the counts do not create.",
        why: "The module looks overrides up by key; one for `worker-3` with two workers is silently ignored.",
        example: Overlay("worker:\n  overrides:\n    worker-3: { cpu: 8 }\n"),
        valid: Overlay("worker:\n  overrides:\n    worker-2: { cpu: 8 }\n"),
        fixable: true,
    }
    InvalidOverrideKey {
        category: Topology,
        summary: "An override key is not `controlplane-N` (or `worker-N`) with N counted from 1.",
        why: "The module only looks up `controlplane-1`, `controlplane-2`, ...; any other key is silently ignored.",
        example: Overlay("worker:\n  overrides:\n    worker-01: { cpu: 8 }\n"),
        valid: Overlay("worker:\n  overrides:\n    worker-1: { cpu: 8 }\n"),
        fixable: true,
    }
    BelowTalosMinimum {
        category: Resources,
        summary: "A node has fewer cores, less memory or a smaller disk than Talos's minimum.",
        why: "Talos's minimums are 2 cores, 2 GiB and 10 GiB for control planes and 1 core, 1 GiB and 10 GiB for workers; below them etcd or the kubelet fail in ways that are hard to trace.",
        example: Overlay("worker:\n  specs: { cpu: 2, memory: 512, disk: 100 }\n"),
        valid: Overlay("worker:\n  specs: { cpu: 2, memory: 2048, disk: 100 }\n"),
        fixable: false,
    }
    BelowTalosRecommended {
        category: Resources,
        summary: "A node has less than Talos's recommended resources.",
        why: "Talos recommends 4 cores, 4 GiB and 100 GiB for control planes and 2 cores, 2 GiB and 100 GiB for workers.",
        example: Overlay("controlplane:\n  specs: { cpu: 2, memory: 4096, disk: 100 }\n"),
        valid: Overlay("controlplane:\n  specs: { cpu: 4, memory: 4096, disk: 100 }\n"),
        fixable: false,
    }
    InvalidTalosVersion {
        category: Image,
        summary: "`image.version` is not a Talos release tag like `v1.12.0`.",
        why: "The Image Factory URL and the patches both depend on it; the factory answers 404 for anything else.",
        example: Overlay("image:\n  version: 1.12.0\n"),
        valid: Overlay("image:\n  version: v1.12.0\n"),
        fixable: true,
    }
    InvalidArch {
        category: Image,
        summary: "`image.arch` is not `amd64` or `arm64`.",
        why: "The Image Factory builds only those architectures.",
        example: Overlay("image:\n  arch: x86_64\n"),
        valid: Overlay("image:\n  arch: amd64\n"),
        fixable: true,
    }
    InvalidPlatform {
        category: Image,
        summary: "`image.platform` is not an Image Factory platform.",
        why: "The factory has no image for it; on Proxmox use `nocloud` (cloud-init addressing) or `metal`.",
        example: Overlay("image:\n  platform: proxmox\n"),
        valid: Overlay("image:\n  platform: nocloud\n"),
        fixable: true,
    }
    InvalidConfigPatch {
        category: Image,
        summary: "A `config_patches` entry is not YAML, or not a mapping, a list of documents, or a JSON patch.",
        why: "Talos rejects the whole machine config when one patch does not parse.",
        example: Overlay("cluster:\n  config_patches:\n    - \"machine: [unclosed\"\n"),
        valid: Overlay("cluster:\n  config_patches:\n    - \"machine:\\n  kubelet:\\n    extraArgs:\\n      max-pods: '250'\\n\"\n"),
        fixable: false,
    }
    VipOnWorker {
        category: Image,
        summary: "A user patch configures a VIP, and user patches also reach the workers.",
        why: "`config_patches` go to every node; a worker that claims the VIP steals the Kubernetes API address. The planner already adds the VIP to control planes.",
        example: Overlay("cluster:\n  config_patches:\n    - \"apiVersion: v1alpha1\\nkind: Layer2VIPConfig\\nname: 10.10.100.13\\nlink: eth0\\n\"\n"),
        valid: Overlay("cluster:\n  config_patches:\n    - \"apiVersion: v1alpha1\\nkind: Layer2VIPConfig\\nname: 10.10.100.13\\nlink: eth0\\n\"\nworker:\n  count: 0\n"),
        fixable: false,
    }
    LegacyVipPatch {
        category: Image,
        summary: "A user patch uses `machine.network.interfaces[].vip` on Talos v1.12 or later.",
        why: "From v1.12 the VIP is a `Layer2VIPConfig` document; the old field is deprecated and conflicts with the document the planner renders.",
        example: Overlay("worker:\n  count: 0\ncluster:\n  config_patches:\n    - \"machine:\\n  network:\\n    interfaces:\\n      - interface: eth0\\n        vip:\\n          ip: 10.10.100.13\\n\"\n"),
        valid: Overlay("worker:\n  count: 0\nimage:\n  version: v1.11.5\ncluster:\n  config_patches:\n    - \"machine:\\n  network:\\n    interfaces:\\n      - interface: eth0\\n        vip:\\n          ip: 10.10.100.13\\n\"\n"),
        fixable: false,
    }
    HostnameInPatch {
        category: Image,
        summary: "A user patch sets the hostname (`machine.network.hostname` or a `HostnameConfig` document).",
        why: "The planner gives every node its own hostname; `config_patches` reach every node after that, so one hostname would replace them all. From v1.12 it also breaks Talos's validation: `machine.network.hostname` conflicts with the `HostnameConfig` document, and `auto` set next to the planned `hostname` is refused.",
        example: Overlay("cluster:\n  config_patches:\n    - \"apiVersion: v1alpha1\\nkind: HostnameConfig\\nauto: stable\\n\"\n"),
        valid: Overlay("cluster:\n  config_patches:\n    - \"machine:\\n  network:\\n    nameservers: [1.1.1.1]\\n\"\n"),
        fixable: false,
    }
    Json6902OnMultidoc {
        category: Image,
        summary: "A JSON (RFC 6902) patch on Talos v1.12 or later, whose machine configs have several documents.",
        why: "Talos applies JSON patches only to single-document configs; from v1.12 every generated config is multi-document, so the patch fails.",
        example: Overlay("cluster:\n  config_patches:\n    - \"- op: add\\n  path: /machine/certSANs/-\\n  value: k8s.example.com\\n\"\n"),
        valid: Overlay("cluster:\n  config_patches:\n    - \"machine:\\n  certSANs: [k8s.example.com]\\n\"\n"),
        fixable: false,
    }
    UnknownValues {
        category: Terraform,
        summary: "Terraform values that stay unknown (a variable without a value, a function call): the rules that need them were skipped.",
        why: "Only Terraform knows what `file(...)` or an unset `var.x` gives; a check that cannot see a value says so instead of reporting nothing. Lint the root module's directory (or pass `--var`/`--var-file`) so its variables resolve.",
        example: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700, ha_vip = \"10.10.100.13\" }\n  image        = { version = var.talos_version, extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 3, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 2, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        valid: Terraform("variable \"talos_version\" {\n  default = \"v1.12.0\"\n}\n\nmodule \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700, ha_vip = \"10.10.100.13\" }\n  image        = { version = var.talos_version, extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 3, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 2, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        fixable: false,
    }
    NothingToCheck {
        category: Terraform,
        summary: "A Terraform file (or root module) with no module block for terraform-proxmox-talos-cluster and no cluster variables.",
        why: "Saying \"no problems\" about a file that holds no cluster would be a false all-clear; usually another file of the directory has the module block.",
        example: Terraform("terraform {\n  required_version = \">= 1.5\"\n}\n"),
        valid: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 0, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        fixable: false,
    }
    ModuleIgnoresOverrideNetwork {
        category: Terraform,
        summary: "An override's `gateway` or `vlan_id`, which the module's code ignores (it uses `network.gateway` and `network.vlan_id` for every VM).",
        why: "The plan honours the override, Terraform does not: the VM gets the default network's gateway and VLAN and cannot reach its own subnet's router.",
        example: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"], vlan_id = 1100 }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker = {\n    count = 1\n    specs = { cpu = 2, memory = 4096, disk = 100 }\n    overrides = {\n      \"worker-1\" = { network = { ip_address = \"10.10.101.20\", cidr = \"10.10.101.0/24\", gateway = \"10.10.101.1\", vlan_id = 1101 } }\n    }\n  }\n}\n"),
        valid: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"], vlan_id = 1100 }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker = {\n    count = 1\n    specs = { cpu = 2, memory = 4096, disk = 100 }\n    overrides = {\n      \"worker-1\" = { network = { ip_address = \"10.10.100.50\", cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\" } }\n    }\n  }\n}\n"),
        fixable: false,
    }
    ModuleIpv4Only {
        category: Terraform,
        summary: "An IPv6 network, which the module's code cannot configure (it writes only an `ipv4` block).",
        why: "The plan works on IPv6 as on IPv4, but the module hands Proxmox an IPv6 address as `ipv4`, and `terraform apply` fails at the first VM.",
        example: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"2001:db8:100::/64\", gateway = \"2001:db8:100::1\", dns_servers = [\"2001:4860:4860::8888\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 0, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        valid: Terraform("module \"k8s\" {\n  source       = \"./terraform-proxmox-talos-cluster\"\n  cluster      = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 0, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        fixable: false,
    }
    ModuleAutomaticVip {
        category: Terraform,
        summary: "An automatic HA VIP for which the module's code would pick another address than the plan.",
        why: "The module's HA VIP document takes the first free address after the control planes (.13 with the defaults); its code takes `cidrhost(network.cidr, ip_base_offset + worker.specs.ip_offset - 1)` (.19). Writing `ha_vip` makes both build the same VIP.",
        example: Terraform("module \"k8s\" {\n  source = \"./terraform-proxmox-talos-cluster\"\n  cluster = {\n    name       = \"homelab\"\n    node       = \"pve01\"\n    datastore  = \"local-lvm\"\n    vm_base_id = 700\n  }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 3, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 2, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        valid: Terraform("module \"k8s\" {\n  source = \"./terraform-proxmox-talos-cluster\"\n  cluster = {\n    name       = \"homelab\"\n    node       = \"pve01\"\n    datastore  = \"local-lvm\"\n    vm_base_id = 700\n    ha_vip     = \"10.10.100.13\"\n  }\n  image        = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }\n  network      = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 3, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker       = { count = 2, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n"),
        fixable: true,
    }
    UnusedIgnore {
        category: Structure,
        summary: "An ignore comment silences nothing: its rule does not fire where it points, the rule id is unknown, or the comment is not understood.",
        why: "A stale ignore hides the next real problem on its line, and a misspelt one silences nothing while looking as if it did. See \"Silencing a rule\" below for the syntax.",
        example: Document("# talos-planner: ignore-file[vip-conflict] the VIP moved to .50\ncluster:\n  name: homelab\n  node: pve01\n  datastore: local-lvm\n  vm_base_id: 700\n  ha_vip: 10.10.100.50\nimage:\n  version: v1.12.0\n  extensions: [qemu-guest-agent]\nnetwork:\n  cidr: 10.10.100.0/24\n  gateway: 10.10.100.1\n  dns_servers: [1.1.1.1]\ncontrolplane:\n  count: 3\n  specs: { cpu: 4, memory: 4096, disk: 100 }\n  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\nworker:\n  count: 2\n  specs: { cpu: 2, memory: 4096, disk: 100 }\n"),
        valid: Document("cluster:\n  name: homelab\n  node: pve01\n  datastore: local-lvm\n  vm_base_id: 700\nimage:\n  version: v1.12.0\n  extensions: [qemu-guest-agent]\nnetwork:\n  cidr: 10.10.100.0/24\n  gateway: 10.10.100.1\n  dns_servers: [1.1.1.1]\ncontrolplane:\n  count: 3\n  # talos-planner: ignore[below-talos-recommended] a homelab runs on small VMs\n  specs: { cpu: 2, memory: 4096, disk: 50 }\n  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\nworker:\n  count: 2\n  specs: { cpu: 2, memory: 4096, disk: 100 }\n"),
        fixable: true,
    }
    ProxmoxNodeUnavailable {
        category: Proxmox,
        summary: "A planned Proxmox node is not in the cluster, or is offline.",
        why: "Proxmox refuses to create or change a VM on a node it cannot reach; found half-way through, the cluster would be left partly built.",
        example: Live { config: "", inventory: "nodes:\n  pve02: { online: false }\n" },
        valid: Live { config: "controlplane:\n  overrides:\n    controlplane-2: { node: pve03 }\n", inventory: "nodes:\n  pve02: { online: false }\n" },
        fixable: false,
    }
    DatastoreUnusable {
        category: Proxmox,
        summary: "A VM's datastore does not exist on its Proxmox node, is disabled, or does not take `images`.",
        why: "The disk is allocated there when the VM is created; Proxmox fails the create (\"storage does not support vm images\") after the image download.",
        example: Live { config: "controlplane:\n  overrides:\n    controlplane-2: { node: pve02, datastore: local }\n", inventory: "" },
        valid: Live { config: "controlplane:\n  overrides:\n    controlplane-2: { node: pve02, datastore: local-lvm }\n", inventory: "" },
        fixable: false,
    }
    DatastoreFull {
        category: Proxmox,
        summary: "A datastore has less free space than the new and growing disks planned on it.",
        why: "Proxmox allocates each disk when it creates or resizes it; the VMs after the first that does not fit fail, and thin pools that overfill stop every VM on them.",
        example: Live { config: "worker:\n  specs: { cpu: 2, memory: 4096, disk: 500 }\n", inventory: "" },
        valid: Live { config: "worker:\n  specs: { cpu: 2, memory: 4096, disk: 300 }\n", inventory: "" },
        fixable: false,
    }
    ImageStorageUnusable {
        category: Proxmox,
        summary: "`image.proxmox_datastore` cannot take the Talos image on a node that gets a new VM: `import` from Proxmox VE 8.4, `iso` before.",
        why: "The image is downloaded to that storage on each node before the VMs are created from it; a storage without the content type refuses the download.",
        example: Live { config: "", inventory: "release: \"9.1\"\nstorages:\n  pve01:\n    local: { content: [iso, vztmpl, backup] }\n" },
        valid: Live { config: "", inventory: "release: \"8.0\"\nstorages:\n  pve01:\n    local: { content: [iso, vztmpl, backup] }\n" },
        fixable: false,
    }
    BridgeMissing {
        category: Proxmox,
        summary: "`network.bridge` does not exist on a VM's Proxmox node.",
        why: "Proxmox creates the VM but cannot start it: its network device has nothing to plug into.",
        example: Live { config: "network:\n  bridge: vmbr2\n", inventory: "" },
        valid: Live { config: "network:\n  bridge: vmbr1\n", inventory: "" },
        fixable: false,
    }
    BridgeNotVlanAware {
        category: Proxmox,
        summary: "A VM has a VLAN tag but its bridge is not VLAN-aware.",
        why: "On a bridge that is not VLAN-aware Proxmox does not tag the VM's port: it builds a separate bridge on the VLAN of the bridge's physical port (`vmbr1v1100`), or fails to start the VM when there is none, so the VMs do not land on the network the plan expects.",
        example: Live { config: "network:\n  bridge: vmbr1\n  vlan_id: 1100\n", inventory: "" },
        valid: Live { config: "network:\n  bridge: vmbr0\n  vlan_id: 1100\n", inventory: "" },
        fixable: false,
    }
    VmIdTaken {
        category: Proxmox,
        summary: "A planned VM ID is used by a guest that is not this cluster's.",
        why: "VMs and containers share one ID space; the create fails, and talos-planner never changes or removes a guest that does not carry its tags and the cluster's.",
        example: Live { config: "", inventory: "guests:\n  700: { node: pve01, name: homelab-controlplane-01, tags: [other, talos-planner], running: true }\n" },
        valid: Live { config: "", inventory: "guests:\n  700: { node: pve01, name: homelab-controlplane-01, tags: [homelab, talos-planner], running: true, disk_gib: 100 }\n" },
        fixable: false,
    }
    ProxmoxNodeOvercommitted {
        category: Proxmox,
        summary: "The VMs planned on a Proxmox node want more memory or cores than it has.",
        why: "Proxmox starts VMs beyond the host's memory until the kernel kills one; a VM with more cores than the host has CPUs does not start at all.",
        example: Live { config: "worker:\n  specs: { cpu: 2, memory: 32768, disk: 100 }\n", inventory: "" },
        valid: Live { config: "worker:\n  specs: { cpu: 2, memory: 16384, disk: 100 }\n", inventory: "" },
        fixable: false,
    }
    DiskShrink {
        category: Proxmox,
        summary: "A VM of this cluster has a bigger disk than the plan: disks are never shrunk.",
        why: "Proxmox cannot shrink a disk, and Talos's partitions fill it; the planned size must be at least the current one.",
        example: Live { config: "", inventory: "guests:\n  700: { node: pve01, name: homelab-controlplane-01, tags: [homelab, talos-planner], running: true, disk_gib: 200 }\n" },
        valid: Live { config: "", inventory: "guests:\n  700: { node: pve01, name: homelab-controlplane-01, tags: [homelab, talos-planner], running: true, disk_gib: 50 }\n" },
        fixable: false,
    }
}

/// How to silence a rule: ignore comments, the command line's levels and the editors'
/// settings. The rule documentation (`talos-planner rules`, the README) prints it after
/// the rules.
pub const SILENCING: &str = "\
Silencing a rule, where you mean it or everywhere (as ruff's `# noqa` and clippy's `allow`):

- `# talos-planner: ignore[rule-id] reason` on a line of its own silences the rule on the next line that holds more than comments; after other text, on its own line. Several rules: `ignore[rule-a, rule-b]`. Whatever follows the `]` is the reason.
- `# talos-planner: ignore-file[rule-id] reason` silences the rule in the whole file, wherever the comment stands.
- Comments count in YAML (`#`) and in Terraform files (`#` and `//`, not `/* */`); JSON has no comments.
- `--allow RULE`, `--warn RULE` and `--deny RULE` (`lint`, `plan`, `render`; repeatable; `all` names every rule, and a rule named on its own wins over `all`) set a rule's level for one run; the language server's `rules` setting and the page's \"Silence\" buttons do the same.
- `syntax-error` cannot be silenced. An ignore that silences nothing is reported (`unused-ignore`), with a fix that removes it.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_follows_the_rule_ids() {
        assert_eq!(RULES.len(), Rule::ALL.len());
        for (entry, rule) in RULES.iter().zip(Rule::ALL) {
            assert_eq!(entry.rule, *rule);
            assert_eq!(info(*rule).id, rule.id());
        }
    }
}
