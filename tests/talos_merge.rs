//! Talos config patching: Talos's own test vectors, the `talosctl gen config` bases, and edge
//! cases of our own.
//!
//! The reference data lives in `../shared/reference` beside the project. A fresh clone has no
//! `../shared`: tests that need it print a message and pass.

mod support;

use support::{read, reference};
use talos_planner::render::merge::{apply, apply_all, MachineConfig, MergeError, Patch};
use yaml_serde::{Mapping, Value};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Drops null, empty-string, empty-list and empty-map entries of mappings, recursively.
///
/// Talos's expected files are its Go encoder's output, which writes the zero values of typed
/// fields (`type: ""`, `certSANs: []`, `cluster: null`, `routes: []`) and omits others; we merge
/// untyped YAML and write only what the inputs had. The content is the same once both sides
/// are normalised like this, so the vectors are compared structurally, after this.
fn normalise(value: Value) -> Value {
    match value {
        Value::Mapping(mapping) => {
            let mut out = Mapping::new();
            for (key, child) in mapping {
                let child = normalise(child);
                if !is_empty(&child) {
                    out.insert(key, child);
                }
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(normalise).collect()),
        other => other,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Sequence(items) => items.is_empty(),
        Value::Mapping(mapping) => mapping.is_empty(),
        _ => false,
    }
}

fn normalised_documents(config: &MachineConfig) -> Vec<Value> {
    config.documents.iter().cloned().map(normalise).collect()
}

/// Applies `patches` (file names in `dir`) to `base` in order.
fn patched(
    dir: &std::path::Path,
    base: &str,
    patches: &[&str],
) -> Result<MachineConfig, MergeError> {
    let mut config = MachineConfig::parse(&read(dir, base)).expect("base config parses");
    for file in patches {
        let patch = Patch::parse(&read(dir, file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        apply(&mut config, &patch)?;
    }
    Ok(config)
}

/// Asserts that `actual` and the expected file hold the same documents, after [`normalise`].
fn assert_matches_expected(actual: &MachineConfig, dir: &std::path::Path, expected: &str) {
    let expected_config = MachineConfig::parse(&read(dir, expected)).expect("expected parses");
    let actual_docs = normalised_documents(actual);
    let expected_docs = normalised_documents(&expected_config);
    assert_eq!(
        actual_docs,
        expected_docs,
        "result differs from {expected}; ours:\n{}",
        actual.to_yaml()
    );
    // What we write reads back to the same documents.
    let reread = MachineConfig::parse(&actual.to_yaml()).expect("re-reads");
    assert_eq!(reread.documents, actual.documents);
}

fn yaml(text: &str) -> Value {
    yaml_serde::from_str(text).expect("test YAML")
}

/// `apply_all` for tests, returning the documents.
fn merge(base: &str, patches: &[&str]) -> Result<Vec<Value>, MergeError> {
    let text = apply_all(base, patches)?;
    Ok(MachineConfig::parse(&text)?.documents)
}

/// The error of the patch itself, without `apply_all`'s "which patch" wrapper.
fn inner(error: MergeError) -> MergeError {
    match error {
        MergeError::InPatch { error, .. } => *error,
        other => other,
    }
}

fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |value, key| match key.parse::<usize>() {
            Ok(index) if value.is_sequence() => value.get(index),
            _ => value.get(key),
        })
}

// ---------------------------------------------------------------------------------------------
// Talos's own vectors (pkg/machinery/config/configpatcher/testdata), paired as in
// ../shared/README.md.

#[test]
fn talos_apply_strategic_and_json_patches() {
    let Some(dir) = reference("talos-configpatcher/apply") else {
        return;
    };
    let config = patched(
        &dir,
        "config.yaml",
        &[
            "strategic1.yaml",
            "jsonpatch1.yaml",
            "jsonpatch2.yaml",
            "strategic2.yaml",
            "strategic3.yaml",
        ],
    )
    .expect("patches apply");
    assert_matches_expected(&config, &dir, "expected.yaml");
}

#[test]
fn talos_apply_inline_manifest_leading_newline_is_dropped() {
    let Some(dir) = reference("talos-configpatcher/apply") else {
        return;
    };
    let config = patched(&dir, "config.yaml", &["strategic4.yaml"]).expect("patch applies");
    assert_matches_expected(&config, &dir, "expected_manifests.yaml");
}

#[test]
fn talos_multidoc() {
    let Some(dir) = reference("talos-configpatcher/multidoc") else {
        return;
    };
    let config = patched(&dir, "config.yaml", &["strategic1.yaml", "strategic2.yaml"])
        .expect("patches apply");
    assert_matches_expected(&config, &dir, "expected.yaml");
}

#[test]
fn talos_multidoc_rejects_json_patch() {
    let Some(dir) = reference("talos-configpatcher/multidoc") else {
        return;
    };
    let error = patched(&dir, "config.yaml", &["jsonpatch.yaml", "strategic1.yaml"])
        .expect_err("JSON patches are not allowed on multi-document configs");
    assert!(
        matches!(error, MergeError::JsonPatchMultiDocument),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "JSON6902 patches are not supported for multi-document machine configuration"
    );
}

#[test]
fn talos_audit_policy_is_replaced() {
    let Some(dir) = reference("talos-configpatcher/auditpolicy") else {
        return;
    };
    let config = patched(&dir, "config.yaml", &["patch1.yaml"]).expect("patch applies");
    assert_matches_expected(&config, &dir, "expected.yaml");
}

#[test]
fn talos_patch_delete_multidoc() {
    let Some(dir) = reference("talos-configpatcher/patchdelete") else {
        return;
    };
    let config = patched(&dir, "config.yaml", &["strategic1.yaml"]).expect("patch applies");
    assert_matches_expected(&config, &dir, "expected.yaml");
}

#[test]
fn talos_patch_delete_controlplane() {
    let Some(dir) = reference("talos-configpatcher/patchdelete") else {
        return;
    };
    let config = patched(
        &dir,
        "controlplane_orig.yaml",
        &["strategic2.yaml", "strategic3.yaml", "strategic4.yaml"],
    )
    .expect("patches apply");
    assert_matches_expected(&config, &dir, "controlplane_expected.yaml");
}

#[test]
fn talos_patch_delete_missing_fails() {
    let Some(dir) = reference("talos-configpatcher/patchdeletemissing") else {
        return;
    };
    let error = patched(&dir, "config.yaml", &["strategic1.yaml"])
        .expect_err("deleting what is not there is an error");
    assert!(
        matches!(error, MergeError::DeleteTarget { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("patch delete: path 'machine.network.hostname' in document '/v1alpha1'")
            && message.contains("lookup failed"),
        "{message}"
    );
}

#[test]
fn talos_patch_link_delete_then_add_list_item() {
    let Some(dir) = reference("talos-configpatcher/patchlink") else {
        return;
    };
    let config = patched(&dir, "base.yaml", &["patch.yaml"]).expect("patch applies");
    assert_matches_expected(&config, &dir, "expected.yaml");
}

#[test]
fn talos_patch_files_parse_as_their_kind() {
    let Some(dir) = reference("talos-configpatcher") else {
        return;
    };
    for file in ["patch.yaml", "patch.json", "apply/jsonpatch1.yaml"] {
        let patch = Patch::parse(&read(&dir, file)).expect("parses");
        assert!(
            matches!(patch, Patch::JsonPatch(_)),
            "{file} is a JSON patch"
        );
    }
    let patch = Patch::parse(&read(&dir, "strategic.yaml")).expect("parses");
    assert!(matches!(patch, Patch::Strategic(ref docs) if docs.len() == 1));
}

// ---------------------------------------------------------------------------------------------
// Merging into what `talosctl gen config` writes.

const VERSIONS: [&str; 3] = ["v1.11", "v1.12", "v1.13"];
const ROLES: [&str; 2] = ["controlplane", "worker"];

fn hostname_configs(docs: &[Value]) -> Vec<&Value> {
    docs.iter()
        .filter(|doc| doc.get("kind").and_then(Value::as_str) == Some("HostnameConfig"))
        .collect()
}

#[test]
fn gen_config_install_disk_patch() {
    let Some(dir) = reference("talos-gen-config") else {
        return;
    };
    for version in VERSIONS {
        for role in ROLES {
            let base = read(&dir, &format!("{version}/base-{role}.yaml"));
            let before = MachineConfig::parse(&base).expect("base parses");
            let docs = merge(&base, &["machine:\n  install:\n    disk: /dev/vda\n"])
                .unwrap_or_else(|e| panic!("{version} {role}: {e}"));
            assert_eq!(docs.len(), before.documents.len(), "{version} {role}");
            let v1alpha1 = &docs[0];
            assert_eq!(
                get(v1alpha1, "machine.install.disk"),
                Some(&yaml("/dev/vda"))
            );
            // The rest of `install` is kept.
            let old_install =
                get(&before.documents[0], "machine.install").and_then(Value::as_mapping);
            let new_install = get(v1alpha1, "machine.install").and_then(Value::as_mapping);
            for key in old_install.into_iter().flat_map(|m| m.keys()) {
                if key.as_str() != Some("disk") {
                    assert_eq!(
                        old_install.and_then(|m| m.get(key)),
                        new_install.and_then(|m| m.get(key)),
                        "{version} {role}: install.{key:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn gen_config_v1_11_vip_and_hostname_in_v1alpha1() {
    let Some(dir) = reference("talos-gen-config") else {
        return;
    };
    let base = read(&dir, "v1.11/base-controlplane.yaml");
    let patch = "machine:\n  network:\n    hostname: demo-controlplane-01\n    interfaces:\n      - interface: eth0\n        vip:\n          ip: 10.10.100.13\ncluster:\n  controlPlane:\n    endpoint: https://10.10.100.13:6443\n";
    let docs = merge(&base, &[patch]).expect("merges");
    assert_eq!(docs.len(), 1);
    assert_eq!(
        get(&docs[0], "machine.network.hostname"),
        Some(&yaml("demo-controlplane-01"))
    );
    assert_eq!(
        get(&docs[0], "machine.network.interfaces.0.vip.ip"),
        Some(&yaml("10.10.100.13"))
    );
    assert_eq!(
        get(&docs[0], "cluster.controlPlane.endpoint"),
        Some(&yaml("https://10.10.100.13:6443"))
    );
    validate_against_schema("v1.11", &docs);
}

#[test]
fn gen_config_v1_12_plus_layer2_vip_and_hostname_documents() {
    let Some(dir) = reference("talos-gen-config") else {
        return;
    };
    let patch = r#"apiVersion: v1alpha1
kind: HostnameConfig
auto: "off"
hostname: demo-controlplane-01
---
apiVersion: v1alpha1
kind: Layer2VIPConfig
name: 10.10.100.13
link: eth0
---
cluster:
  controlPlane:
    endpoint: https://10.10.100.13:6443
"#;
    for version in ["v1.12", "v1.13"] {
        for role in ROLES {
            let base = read(&dir, &format!("{version}/base-{role}.yaml"));
            let before = MachineConfig::parse(&base).expect("base parses");
            assert_eq!(
                hostname_configs(&before.documents).len(),
                1,
                "{version} base"
            );

            let docs = merge(
                &base,
                &["machine:\n  install:\n    disk: /dev/sda\n", patch],
            )
            .unwrap_or_else(|e| panic!("{version} {role}: {e}"));
            // HostnameConfig merged into the base's, Layer2VIPConfig appended.
            assert_eq!(docs.len(), before.documents.len() + 1, "{version} {role}");
            let hostname = hostname_configs(&docs);
            assert_eq!(hostname.len(), 1, "{version} {role}: one HostnameConfig");
            assert_eq!(hostname[0].get("auto"), Some(&Value::String("off".into())));
            assert_eq!(
                hostname[0].get("hostname"),
                Some(&yaml("demo-controlplane-01"))
            );
            let vip = docs
                .iter()
                .find(|doc| doc.get("kind").and_then(Value::as_str) == Some("Layer2VIPConfig"))
                .expect("Layer2VIPConfig appended");
            assert_eq!(vip.get("name"), Some(&yaml("10.10.100.13")));
            assert_eq!(vip.get("link"), Some(&yaml("eth0")));
            assert_eq!(
                get(&docs[0], "cluster.controlPlane.endpoint"),
                Some(&yaml("https://10.10.100.13:6443"))
            );
            validate_against_schema(version, &docs);
        }
    }
}

/// Checks each document against the Talos JSON schema of that release.
fn validate_against_schema(version: &str, docs: &[Value]) {
    let errors = support::schema_errors(version, docs);
    assert!(errors.is_empty(), "{errors:#?}");
}

// ---------------------------------------------------------------------------------------------
// Edge cases of our own.

const V1ALPHA1: &str = "version: v1alpha1\nmachine:\n  type: worker\n";

#[test]
fn interfaces_merge_by_device_selector() {
    let base = r#"version: v1alpha1
machine:
  network:
    interfaces:
      - deviceSelector: {hardwareAddr: "aa:bb:cc:dd:ee:ff", driver: virtio_net}
        dhcp: true
      - interface: eth1
        addresses: [10.0.0.2/24]
"#;
    let patch = r#"machine:
  network:
    interfaces:
      - deviceSelector: {driver: virtio_net, hardwareAddr: "aa:bb:cc:dd:ee:ff"}
        dhcp: false
        addresses: [10.0.0.1/24]
      - deviceSelector: {hardwareAddr: "11:22:33:44:55:66"}
        dhcp: true
      - interface: eth1
        addresses: [10.0.0.3/24]
"#;
    let docs = merge(base, &[patch]).expect("merges");
    let interfaces = get(&docs[0], "machine.network.interfaces").expect("interfaces");
    let expected = yaml(
        r#"- deviceSelector: {hardwareAddr: "aa:bb:cc:dd:ee:ff", driver: virtio_net}
  dhcp: false
  addresses: [10.0.0.1/24]
- interface: eth1
  addresses: [10.0.0.2/24, 10.0.0.3/24]
- deviceSelector: {hardwareAddr: "11:22:33:44:55:66"}
  dhcp: true
"#,
    );
    assert_eq!(interfaces, &expected);
}

#[test]
fn vlans_merge_by_vlan_id() {
    let base = "machine:\n  network:\n    interfaces:\n      - interface: eth0\n        vlans:\n          - vlanId: 10\n            addresses: [10.0.10.2/24]\n";
    let patch = "machine:\n  network:\n    interfaces:\n      - interface: eth0\n        vlans:\n          - vlanId: 10\n            mtu: 1400\n          - vlanId: 20\n            dhcp: true\n";
    let docs = merge(base, &[patch]).expect("merges");
    let vlans = get(&docs[0], "machine.network.interfaces.0.vlans").expect("vlans");
    assert_eq!(
        vlans,
        &yaml("- {vlanId: 10, addresses: [10.0.10.2/24], mtu: 1400}\n- {vlanId: 20, dhcp: true}\n")
    );
}

#[test]
fn lists_append_replace_fields_replace_and_args_replace_per_key() {
    let base = r#"machine:
  certSANs: [a]
  kubelet:
    extraArgs:
      feature-gates: [A=true]
      rotate-certificates: "true"
cluster:
  network:
    podSubnets: [10.244.0.0/16]
  extraManifests: [https://one]
"#;
    let patch = r#"machine:
  certSANs: [b]
  kubelet:
    extraArgs:
      feature-gates: [B=true]
cluster:
  network:
    podSubnets: [10.32.0.0/12]
  extraManifests: [https://two]
"#;
    let docs = merge(base, &[patch]).expect("merges");
    let doc = &docs[0];
    assert_eq!(get(doc, "machine.certSANs"), Some(&yaml("[a, b]")));
    assert_eq!(
        get(doc, "machine.kubelet.extraArgs"),
        Some(&yaml(
            "{feature-gates: [B=true], rotate-certificates: 'true'}"
        ))
    );
    assert_eq!(
        get(doc, "cluster.network.podSubnets"),
        Some(&yaml("[10.32.0.0/12]"))
    );
    assert_eq!(
        get(doc, "cluster.extraManifests"),
        Some(&yaml("[https://one, https://two]"))
    );
}

#[test]
fn zero_values_do_not_override_but_false_does() {
    let base = "machine:\n  network:\n    hostname: keep\n  kubelet:\n    registerWithFQDN: true\n";
    let patch = "machine:\n  network:\n    hostname: \"\"\n  kubelet:\n    registerWithFQDN: false\n    image: null\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        get(&docs[0], "machine.network.hostname"),
        Some(&yaml("keep"))
    );
    assert_eq!(
        get(&docs[0], "machine.kubelet.registerWithFQDN"),
        Some(&Value::Bool(false))
    );
    assert_eq!(get(&docs[0], "machine.kubelet.image"), None);
}

#[test]
fn unstructured_fields_merge_unless_tagged_replace() {
    let base = "cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        configuration:\n          defaults: {enforce: baseline}\n";
    let patch = "cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        configuration:\n          defaults: {audit: restricted}\n      - name: Other\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        get(&docs[0], "cluster.apiServer.admissionControl"),
        Some(&yaml("- name: PodSecurity\n  configuration:\n    defaults: {enforce: baseline, audit: restricted}\n- name: Other\n"))
    );
}

#[test]
fn delete_list_item_map_key_and_whole_key() {
    let base = r#"version: v1alpha1
machine:
  network:
    interfaces:
      - interface: eth0
        dhcp: true
      - interface: eth1
        dhcp: true
  nodeLabels: {a: "1", b: "2"}
cluster:
  proxy:
    extraArgs: {foo: bar}
"#;
    let patch = r#"machine:
  network:
    interfaces:
      - interface: eth0
        $patch: delete
  nodeLabels:
    a:
      $patch: delete
cluster:
  proxy:
    $patch: delete
"#;
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        get(&docs[0], "machine.network.interfaces"),
        Some(&yaml("- {interface: eth1, dhcp: true}"))
    );
    assert_eq!(get(&docs[0], "machine.nodeLabels"), Some(&yaml("{b: '2'}")));
    assert_eq!(get(&docs[0], "cluster"), Some(&yaml("{}")));
}

#[test]
fn delete_then_add_replaces_a_list() {
    // As Talos's "patchmixed" vector: deletes run before the merge, documents in order.
    let base = "apiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: docker.io\nendpoints:\n  - url: http://old\n";
    let patch = "apiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: docker.io\nendpoints:\n  $patch: delete\n---\napiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: docker.io\nendpoints:\n  - url: http://new\n---\napiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: docker.io\nskipFallback: true\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        docs,
        vec![yaml("apiVersion: v1alpha1\nkind: RegistryMirrorConfig\nname: docker.io\nendpoints:\n  - url: http://new\nskipFallback: true\n")]
    );
}

#[test]
fn delete_whole_named_document() {
    let base = "version: v1alpha1\nmachine: {type: worker}\n---\napiVersion: v1alpha1\nkind: Layer2VIPConfig\nname: 10.0.0.5\nlink: eth0\n---\napiVersion: v1alpha1\nkind: Layer2VIPConfig\nname: 10.0.0.6\nlink: eth0\n";
    let patch = "apiVersion: v1alpha1\nkind: Layer2VIPConfig\nname: 10.0.0.5\n$patch: delete\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].get("name"), Some(&yaml("10.0.0.6")));

    // A delete for a document that is not there is skipped, as in Talos.
    let docs = merge(
        base,
        &["apiVersion: v1alpha1\nkind: HostnameConfig\n$patch: delete\n"],
    )
    .expect("skipped");
    assert_eq!(docs.len(), 3);
}

#[test]
fn patch_with_two_documents_merges_and_appends() {
    let base = "version: v1alpha1\nmachine:\n  type: controlplane\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nauto: stable\n";
    let patch = "machine:\n  install: {disk: /dev/sda}\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nauto: \"off\"\nhostname: cp-01\n---\napiVersion: v1alpha1\nkind: Layer2VIPConfig\nname: 10.0.0.5\nlink: eth0\n---\napiVersion: v1alpha1\nkind: Layer2VIPConfig\nname: 10.0.0.5\nlink: eth1\n";
    let text = apply_all(base, &[patch]).expect("merges");
    let docs = MachineConfig::parse(&text).expect("re-reads").documents;
    assert_eq!(docs.len(), 3, "{text}");
    assert_eq!(
        get(&docs[0], "machine.install.disk"),
        Some(&yaml("/dev/sda"))
    );
    assert_eq!(
        docs[1],
        yaml("apiVersion: v1alpha1\nkind: HostnameConfig\nauto: 'off'\nhostname: cp-01\n")
    );
    // The appended document takes later patch documents with its identity.
    assert_eq!(docs[2].get("link"), Some(&yaml("eth1")));
    assert!(
        text.contains("---\napiVersion: v1alpha1\nkind: HostnameConfig\n"),
        "{text}"
    );
}

#[test]
fn json_patch_on_single_document() {
    let base = "version: v1alpha1\nmachine:\n  certSANs: []\n  network: {hostname: a}\n";
    let patch = r#"[{"op": "add", "path": "/machine/certSANs/-", "value": "foo.com"},
                    {"op": "replace", "path": "/machine/network/hostname", "value": "b"}]"#;
    let docs = merge(base, &[patch]).expect("applies");
    assert_eq!(get(&docs[0], "machine.certSANs"), Some(&yaml("[foo.com]")));
    assert_eq!(get(&docs[0], "machine.network.hostname"), Some(&yaml("b")));

    let error = merge(
        base,
        &["- op: replace\n  path: /machine/missing/x\n  value: 1\n"],
    )
    .expect_err("missing path");
    assert!(
        error
            .to_string()
            .starts_with("patch 1: failure applying rfc6902"),
        "{error}"
    );
    assert!(matches!(inner(error), MergeError::JsonPatchFailed(_)));

    // Atomic: a failing operation leaves the config as it was.
    let mut config = MachineConfig::parse(base).expect("parses");
    let before = config.clone();
    let patch = Patch::parse(
        "- op: add\n  path: /machine/x\n  value: 1\n- op: test\n  path: /machine/x\n  value: 2\n",
    )
    .expect("parses");
    assert!(apply(&mut config, &patch).is_err());
    assert_eq!(config, before);
}

#[test]
fn errors_are_reported_not_panics() {
    let bad_patches = [
        ("machine: [unclosed", "invalid YAML"),
        ("- op: frobnicate\n  path: /a\n", "invalid JSON patch"),
        ("- op: add\n  value: 1\n", "invalid JSON patch"),
        ("- 1\n- 2\n", "invalid JSON patch"),
        ("machine: {}\n---\n- op: add\n  path: /a\n  value: 1\n", "patch document 2 is a list"),
        ("just a string\n", "patch document 1 is a string"),
        ("foo: bar\n", "missing kind"),
        ("kind: HostnameConfig\nauto: stable\n", "missing apiVersion"),
        ("machine:\n  network:\n    $patch: replace\n", "only `$patch: delete`"),
        (
            "machine:\n  network:\n    interfaces:\n      - interface: eth0\n        dhcp:\n          $patch: delete\n",
            "cannot delete an inner key",
        ),
        ("machine:\n  certSANs:\n    - $patch: delete\n", "no key:val found"),
        ("version: v1alpha1\n$patch: delete\n", "missing apiVersion"),
        ("kind: X\nfoo:\n  $patch: delete\n", "kind and apiVersion must be both set"),
    ];
    for (text, message) in bad_patches {
        let error = Patch::parse(text).expect_err(text);
        assert!(error.to_string().contains(message), "{text:?}: {error}");
    }

    let bad_configs = [
        ("- a\n- b\n", "expected a mapping"),
        ("machine: {}\n---\nmachine: {}\n", "duplicate document /v1alpha1"),
        ("apiVersion: v1alpha1\nkind: HostnameConfig\n---\napiVersion: v1alpha1\nkind: HostnameConfig\n", "duplicate document"),
        ("machine:\n  network:\n    $patch: delete\n", "belong in patches"),
        ("machine: {a: 1, a: 2}\n", "invalid YAML"),
        ("{{{", "invalid YAML"),
    ];
    for (text, message) in bad_configs {
        let error = MachineConfig::parse(text).expect_err(text);
        assert!(error.to_string().contains(message), "{text:?}: {error}");
    }

    // Deleting what is not there, in a document that is there.
    for patch in [
        "machine:\n  network:\n    interfaces:\n      - interface: eth9\n        $patch: delete\n",
        "machine:\n  type:\n    inner:\n      $patch: delete\n",
        "machine:\n  type:\n    - name: x\n      $patch: delete\n",
    ] {
        let error = inner(apply_all(V1ALPHA1, &[patch]).expect_err(patch));
        assert!(
            matches!(error, MergeError::DeleteTarget { .. }),
            "{patch}: {error}"
        );
    }

    // JSON patches need exactly one document.
    let json = Patch::parse("[]").expect("empty JSON patch");
    let mut empty = MachineConfig::parse("").expect("empty config");
    assert!(matches!(
        apply(&mut empty, &json),
        Err(MergeError::JsonPatchEmptyConfig)
    ));
    // ... and must leave a valid document.
    let error =
        apply_all(V1ALPHA1, &["- op: remove\n  path: /machine\n"]).expect_err("no kind left");
    assert!(
        error.to_string().contains("after the JSON patch"),
        "{error}"
    );

    // Hostile shapes.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(Patch::parse(&deep).is_err());
    assert!(MachineConfig::parse(&deep).is_err());
    let laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nmachine: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
    let _ = MachineConfig::parse(laughs);
    let _ = Patch::parse(laughs);
    for text in [
        "",
        "\0",
        "---",
        "--- !!binary aGk=",
        "? [a]\n: b\n",
        "[1, {a: .nan}]",
        "- !tag {op: add}",
    ] {
        let _ = MachineConfig::parse(text);
        let _ = Patch::parse(text).map(|patch| {
            let mut config = MachineConfig::parse(V1ALPHA1).expect("base");
            apply(&mut config, &patch)
        });
    }
}

#[test]
fn empty_and_null_patches_change_nothing() {
    for patch in [
        "",
        "---\n",
        "# only a comment\n",
        "version: v1alpha1\n",
        "{}\n",
    ] {
        let docs = merge(V1ALPHA1, &[patch]).unwrap_or_else(|e| panic!("{patch:?}: {e}"));
        assert_eq!(docs, vec![yaml(V1ALPHA1)], "{patch:?}");
    }
}

#[test]
fn no_panic_on_any_prefix_of_the_vectors() {
    let Some(dir) = reference("talos-configpatcher") else {
        return;
    };
    let files = [
        "apply/config.yaml",
        "apply/strategic3.yaml",
        "apply/jsonpatch1.yaml",
        "multidoc/strategic2.yaml",
        "patchdelete/strategic1.yaml",
        "patchdelete/strategic3.yaml",
        "patchlink/patch.yaml",
    ];
    let base = MachineConfig::parse(&read(&dir, "patchdelete/config.yaml")).expect("base");
    for file in files {
        let text = read(&dir, file);
        for end in (0..=text.len()).filter(|end| text.is_char_boundary(*end)) {
            let prefix = &text[..end];
            let _ = MachineConfig::parse(prefix);
            if let Ok(patch) = Patch::parse(prefix) {
                let mut config = base.clone();
                let _ = apply(&mut config, &patch);
            }
        }
    }
}

#[test]
fn json_text_with_tab_indentation_is_accepted() {
    let json_patch = "[\n\t{\"op\": \"add\", \"path\": \"/machine/x\", \"value\": 1}\n]";
    assert!(matches!(Patch::parse(json_patch), Ok(Patch::JsonPatch(_))));
    let strategic = "{\n\t\"machine\": {\"install\": {\"disk\": \"/dev/sdb\"}}\n}";
    let docs = merge(V1ALPHA1, &[strategic]).expect("merges");
    assert_eq!(
        get(&docs[0], "machine.install.disk"),
        Some(&yaml("/dev/sdb"))
    );
}

#[test]
fn keyed_lists_of_other_documents() {
    // ExtensionServiceConfig.configFiles merge by mountPath.
    let base = "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut\nconfigFiles:\n  - {content: a, mountPath: /a}\n";
    let patch = "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut\nconfigFiles:\n  - {content: b, mountPath: /a}\n  - {content: c, mountPath: /c}\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        docs[0].get("configFiles"),
        Some(&yaml(
            "[{content: b, mountPath: /a}, {content: c, mountPath: /c}]"
        ))
    );

    // ImageVerificationConfig.rules: a rule for the same image replaces the old one whole.
    let base = "apiVersion: v1alpha1\nkind: ImageVerificationConfig\nrules:\n  - {image: 'docker.io/*', skip: true}\n";
    let patch = "apiVersion: v1alpha1\nkind: ImageVerificationConfig\nrules:\n  - {image: 'docker.io/*', deny: true}\n  - {image: 'ghcr.io/*', skip: true}\n";
    let docs = merge(base, &[patch]).expect("merges");
    assert_eq!(
        docs[0].get("rules"),
        Some(&yaml(
            "[{image: 'docker.io/*', deny: true}, {image: 'ghcr.io/*', skip: true}]"
        ))
    );

    // A document of another name is another document.
    let patch =
        "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: other\nenvironment: [A=1]\n";
    let docs = merge(
        "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut\n",
        &[patch],
    )
    .expect("merges");
    assert_eq!(docs.len(), 2);
}

#[test]
fn apply_all_says_which_patch_failed() {
    let error = apply_all(
        V1ALPHA1,
        &["machine: {install: {disk: /dev/sda}}\n", "foo: bar\n"],
    )
    .expect_err("second patch has no kind");
    assert!(
        matches!(error, MergeError::InPatch { patch: 2, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("patch 2: patch document 1: missing kind"),
        "{error}"
    );
}
