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
