//! The example configs of `examples/`, built in so that the CLI, the web page and the
//! tests start from the same texts.

/// (name, file name, text), the first being the default.
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "three-controlplanes",
        "three-controlplanes.yaml",
        include_str!("../examples/three-controlplanes.yaml"),
    ),
    (
        "single-controlplane",
        "single-controlplane.yaml",
        include_str!("../examples/single-controlplane.yaml"),
    ),
    (
        "custom-vip",
        "custom-vip.yaml",
        include_str!("../examples/custom-vip.yaml"),
    ),
    (
        "overrides-two-nodes",
        "overrides-two-nodes.yaml",
        include_str!("../examples/overrides-two-nodes.yaml"),
    ),
    ("ipv6", "ipv6.yaml", include_str!("../examples/ipv6.yaml")),
    (
        "tfvars-json",
        "terraform.tfvars.json",
        include_str!("../examples/terraform.tfvars.json"),
    ),
];

/// The example called `name`.
pub fn example(name: &str) -> Option<(&'static str, &'static str)> {
    EXAMPLES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, file, text)| (*file, *text))
}

/// A valid config with `nodes` nodes (three control planes on three Proxmox hosts, the
/// rest workers, in a /16), for benchmarks and measurements at any size.
pub fn synthetic(nodes: u32) -> String {
    let workers = nodes.saturating_sub(3);
    format!(
        "cluster:
  name: bench
  node: pve01
  datastore: local-lvm
  vm_base_id: 1000
image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  cidr: 10.20.0.0/16
  gateway: 10.20.0.1
  dns_servers: [1.1.1.1]
controlplane:
  count: 3
  specs: {{ cpu: 4, memory: 4096, disk: 100 }}
  overrides:
    controlplane-2: {{ node: pve02 }}
    controlplane-3: {{ node: pve03 }}
worker:
  count: {workers}
  specs: {{ cpu: 2, memory: 4096, disk: 100 }}
"
    )
}
