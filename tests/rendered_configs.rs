//! Every example, rendered for Talos v1.11, v1.12 and v1.13 and merged into the base
//! configs that `talosctl gen config` writes for that release, gives machine configs that
//! validate against the real Talos schema and carry the VIP on control planes only.

mod support;

use talos_planner::config::RoleKind;
use talos_planner::render::merge::apply_all;
use talos_planner::{render, Format};
use yaml_serde::Value;

const RELEASES: &[(&str, &str)] = &[
    ("v1.11", "v1.11.5"),
    ("v1.12", "v1.12.0"),
    ("v1.13", "v1.13.9"),
];

fn with_version(text: &str, version: &str) -> String {
    let start = text
        .find("version: v")
        .expect("example has an image version");
    let end = start + text[start..].find('\n').expect("line end");
    format!("{}version: {version}{}", &text[..start], &text[end..])
}

fn get<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

fn documents(text: &str) -> Vec<Value> {
    talos_planner::render::merge::MachineConfig::parse(text)
        .expect("merged config parses")
        .documents
}

#[test]
fn rendered_configs_validate_and_carry_the_vip_on_control_planes_only() {
    let Some(bases) = support::reference("talos-gen-config") else {
        return;
    };
    let mut checked = 0;
    for (minor, version) in RELEASES {
        let base_cp = support::read(&bases.join(minor), "base-controlplane.yaml");
        let base_worker = support::read(&bases.join(minor), "base-worker.yaml");
        for (name, file, text) in talos_planner::examples::EXAMPLES {
            if !file.ends_with(".yaml") {
                continue;
            }
            let text = with_version(text, version);
            let nodes =
                render(&text, Format::Yaml).unwrap_or_else(|e| panic!("{name} {version}: {e:?}"));
            let analysis = talos_planner::analyze(&text, Format::Yaml);
            let plan = analysis.plan.expect("plan");
            for node in &nodes {
                let base = match node.role {
                    RoleKind::Controlplane => &base_cp,
                    RoleKind::Worker => &base_worker,
                };
                let patches: Vec<&str> = node.patches.iter().map(|p| p.content.as_str()).collect();
                let merged = apply_all(base, &patches)
                    .unwrap_or_else(|e| panic!("{name} {version} {}: {e}", node.key));
                let docs = documents(&merged);
                let errors = support::schema_errors(minor, &docs);
                assert!(
                    errors.is_empty(),
                    "{name} {version} {}: {errors:#?}",
                    node.key
                );

                let v1alpha1 = docs
                    .iter()
                    .find(|d| d.get("kind").is_none())
                    .expect("v1alpha1");
                let planned = plan.nodes.iter().find(|n| n.key == node.key).unwrap();
                assert_eq!(
                    get(v1alpha1, &["machine", "install", "disk"]).and_then(Value::as_str),
                    planned.install_disk.as_deref()
                );
                let layer2: Vec<&Value> = docs
                    .iter()
                    .filter(|d| {
                        get(d, &["kind"]).and_then(Value::as_str) == Some("Layer2VIPConfig")
                    })
                    .collect();
                let legacy_vip = get(v1alpha1, &["machine", "network", "interfaces"])
                    .and_then(Value::as_sequence)
                    .is_some_and(|list| list.iter().any(|i| i.get("vip").is_some()));
                let expect_vip = node.role == RoleKind::Controlplane && plan.ha_vip_enabled;
                let vip = plan.ha_vip.map(|v| v.to_string());

                if *minor == "v1.11" {
                    assert_eq!(legacy_vip, expect_vip, "{name} {version} {}", node.key);
                    assert!(layer2.is_empty());
                    assert_eq!(
                        get(v1alpha1, &["machine", "network", "hostname"]).and_then(Value::as_str),
                        Some(node.hostname.as_str())
                    );
                } else {
                    assert!(!legacy_vip, "{name} {version} {}", node.key);
                    assert_eq!(
                        layer2.len(),
                        usize::from(expect_vip),
                        "{name} {version} {}",
                        node.key
                    );
                    if let Some(doc) = layer2.first() {
                        assert_eq!(get(doc, &["name"]).and_then(Value::as_str), vip.as_deref());
                        assert_eq!(get(doc, &["link"]).and_then(Value::as_str), Some("eth0"));
                    }
                    let hostname: Vec<&Value> = docs
                        .iter()
                        .filter(|d| {
                            get(d, &["kind"]).and_then(Value::as_str) == Some("HostnameConfig")
                        })
                        .collect();
                    assert_eq!(hostname.len(), 1);
                    assert_eq!(
                        get(hostname[0], &["hostname"]).and_then(Value::as_str),
                        Some(node.hostname.as_str())
                    );
                    assert_eq!(
                        get(hostname[0], &["auto"]).and_then(Value::as_str),
                        Some("off")
                    );
                    assert!(get(v1alpha1, &["machine", "network", "hostname"]).is_none());
                    // Quoted in the written text too: a YAML 1.1 reader takes a bare
                    // `off` for `false`, which the schema refuses.
                    assert!(
                        merged.contains("\nauto: \"off\"\n"),
                        "{name} {version} {}",
                        node.key
                    );
                }
                let endpoint =
                    get(v1alpha1, &["cluster", "controlPlane", "endpoint"]).and_then(Value::as_str);
                // Every node, workers too, points at the planned endpoint and carries
                // the cluster's name, whatever the base says (`https://base:6443`).
                assert_eq!(endpoint, plan.cluster_endpoint.as_deref());
                assert_eq!(
                    get(v1alpha1, &["cluster", "clusterName"]).and_then(Value::as_str),
                    plan.cluster_name.as_deref()
                );
                let scheduling = get(v1alpha1, &["cluster", "allowSchedulingOnControlPlanes"])
                    .and_then(Value::as_bool);
                assert_eq!(
                    scheduling == Some(true),
                    node.role == RoleKind::Controlplane
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} configs checked");
}

#[test]
fn user_patches_come_last_in_order() {
    let (_, text) = talos_planner::examples::example("overrides-two-nodes").unwrap();
    let nodes = render(text, Format::Yaml).unwrap();
    let cp = &nodes[0];
    let names: Vec<&str> = cp.patches.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "01-install-disk.yaml",
            "02-hostname.yaml",
            "03-cp-scheduling.yaml",
            "04-ha-vip.yaml",
            "05-cluster-endpoint.yaml",
            "06-user-1.yaml"
        ]
    );
    let worker = nodes.iter().find(|n| n.role == RoleKind::Worker).unwrap();
    let names: Vec<&str> = worker.patches.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "01-install-disk.yaml",
            "02-hostname.yaml",
            "03-cluster-endpoint.yaml",
            "04-user-1.yaml"
        ]
    );
}

#[test]
fn rendering_is_deterministic_and_refuses_configs_with_errors() {
    let (_, text) = talos_planner::examples::example("three-controlplanes").unwrap();
    assert_eq!(
        render(text, Format::Yaml).unwrap(),
        render(text, Format::Yaml).unwrap()
    );
    let broken = text.replace("name: homelab", "name: home.lab");
    assert!(matches!(
        render(&broken, Format::Yaml),
        Err(talos_planner::RenderFailure::Diagnostics(_))
    ));
}
