//! Secrets and complete machine configs made in-process:
//! - the bundle's certificates have Talos's algorithms, lifetimes and usages, and the
//!   bundle round-trips through talosctl's format;
//! - with the secrets of Talos's own config-stability test data (the base configs in
//!   `../shared/reference/talos-gen-config/`), our generator writes exactly the base
//!   configs `talosctl gen config` wrote for v1.11, v1.12 and v1.13;
//! - every example's complete configs validate against that release's schema, and
//!   workers carry the VIP endpoint and the cluster's name.
#![cfg(feature = "secrets")]

mod support;

use talos_planner::config::RoleKind;
use talos_planner::plan::version::TalosVersion;
use talos_planner::render::machine_config::{self, BaseInput};
use talos_planner::render::merge::MachineConfig;
use talos_planner::secrets::certificate::{parse_pem, summary};
use talos_planner::secrets::keys::{ServiceAccountKey, SigningKey};
use talos_planner::secrets::{Flavor, SecretsBundle, ADMIN_VALIDITY_SECS, CA_VALIDITY_SECS};
use talos_planner::{render, Format};
use yaml_serde::Value;

const NOW: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn bundle(flavor: Flavor) -> SecretsBundle {
    SecretsBundle::generate([42; 32], NOW, flavor, &mut |_, _, _| {}).expect("bundle")
}

#[test]
fn every_certificate_has_taloss_algorithm_lifetime_and_usages() {
    let b = bundle(Flavor::for_release(1, 12));
    for (name, pair, algorithm, orgs) in [
        ("etcd", &b.etcd, "ECDSA P-256", vec!["etcd"]),
        ("k8s", &b.k8s, "ECDSA P-256", vec!["kubernetes"]),
        ("k8saggregator", &b.k8s_aggregator, "ECDSA P-256", vec![]),
        ("os", &b.os, "Ed25519", vec!["talos"]),
    ] {
        let s = summary(&parse_pem(&pair.crt).unwrap());
        assert_eq!(s.algorithm, algorithm, "{name}");
        assert_eq!(s.organizations, orgs, "{name}");
        assert_eq!(s.not_before, NOW, "{name}");
        assert_eq!(
            s.not_after - s.not_before,
            CA_VALIDITY_SECS,
            "{name}: ten years"
        );
        assert!(
            s.is_ca && s.cert_sign && s.digital_signature,
            "{name}: {s:?}"
        );
        assert!(s.server_auth && s.client_auth, "{name}: {s:?}");
        assert!(s.serial_bits > 64 && s.serial_bits <= 128, "{name}: {s:?}");
        let key = SigningKey::from_pem(&pair.key).unwrap();
        assert!(talos_planner::secrets::certificate::key_matches(
            &parse_pem(&pair.crt).unwrap(),
            &key
        ));
    }
    assert!(b
        .os
        .key
        .starts_with("-----BEGIN ED25519 PRIVATE KEY-----\n"));
    assert!(b.etcd.key.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    assert!(b
        .k8s_service_account_key
        .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(
        ServiceAccountKey::from_pem(&b.k8s_service_account_key)
            .unwrap()
            .describe(),
        "RSA-4096"
    );
    assert!(b.secretbox_encryption_secret.is_some() && b.aescbc_encryption_secret.is_none());

    // Before Talos 1.7 the service account key is ECDSA.
    let old = bundle(Flavor::for_release(1, 6));
    assert_eq!(
        ServiceAccountKey::from_pem(&old.k8s_service_account_key)
            .unwrap()
            .describe(),
        "ECDSA P-256"
    );

    // The talosconfig's admin certificate: Ed25519, O=os:admin, clientAuth, one year.
    let admin = b.admin_certificate(NOW, [5; 32]).unwrap();
    let cert = parse_pem(&admin.crt).unwrap();
    let s = summary(&cert);
    assert_eq!(s.algorithm, "Ed25519");
    assert_eq!(s.organizations, ["os:admin"]);
    assert_eq!(s.not_after - s.not_before, ADMIN_VALIDITY_SECS);
    assert!(s.client_auth && !s.server_auth && s.digital_signature && !s.is_ca && !s.cert_sign);
    assert_eq!(
        cert.tbs_certificate.issuer,
        parse_pem(&b.os.crt).unwrap().tbs_certificate.subject
    );
    assert!(admin
        .key
        .starts_with("-----BEGIN ED25519 PRIVATE KEY-----\n"));
}

#[test]
fn generation_is_pure_and_the_bundle_round_trips() {
    let a = bundle(Flavor::current());
    let b = bundle(Flavor::current());
    assert_eq!(a, b, "the same seed and clock give the same bundle");
    let text = a.to_yaml();
    assert_eq!(SecretsBundle::from_yaml(&text).unwrap(), a);
    // talosctl's layout: the four sections and their lower-case field names.
    let value: Value = yaml_serde::from_str(&text).unwrap();
    let keys = |v: &Value| -> Vec<String> {
        v.as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(keys(&value), ["cluster", "secrets", "trustdinfo", "certs"]);
    assert_eq!(keys(&value["cluster"]), ["id", "secret"]);
    assert_eq!(
        keys(&value["secrets"]),
        ["bootstraptoken", "secretboxencryptionsecret"]
    );
    assert_eq!(
        keys(&value["certs"]),
        ["etcd", "k8s", "k8saggregator", "k8sserviceaccount", "os"]
    );
    assert!(text.contains("\n    bootstraptoken: "), "four-space indent");
    // A different seed gives different secrets.
    let other =
        SecretsBundle::generate([43; 32], NOW, Flavor::current(), &mut |_, _, _| {}).unwrap();
    assert_ne!(other.cluster_secret, a.cluster_secret);
    assert_ne!(other.os.key, a.os.key);
}

#[test]
fn broken_bundles_are_refused_with_every_problem_and_no_secret() {
    let a = bundle(Flavor::current());
    let text = a
        .to_yaml()
        .replace(&format!("token: {}", a.trustd_token), "token: nope");
    let cut: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("secret:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let err = SecretsBundle::from_yaml(&cut).unwrap_err().to_string();
    assert!(err.contains("cluster.secret is required"), "{err}");
    assert!(err.contains("trustdinfo.token is not a token"), "{err}");
    assert!(!err.contains(&a.bootstrap_token));
    // A CA key that is not the certificate's.
    let swapped = a.to_yaml().replace(
        &text_field(&a.to_yaml(), "    os:\n        crt: ", "key: "),
        &text_field(&a.to_yaml(), "    etcd:\n        crt: ", "key: "),
    );
    let err = SecretsBundle::from_yaml(&swapped).unwrap_err().to_string();
    assert!(
        err.contains("certs.os.key does not belong to certs.os.crt"),
        "{err}"
    );
    assert!(SecretsBundle::from_yaml("- a list").is_err());
    assert!(SecretsBundle::from_yaml("").is_err());
}

/// The base64 value of the `key:` line after `section`.
fn text_field(text: &str, section: &str, field: &str) -> String {
    let at = text.find(section).unwrap() + section.len();
    let rest = &text[at..];
    let k = rest.find(field).unwrap() + field.len();
    rest[k..].lines().next().unwrap().to_owned()
}

fn reference_bases() -> Option<std::path::PathBuf> {
    support::reference("talos-gen-config")
}

#[test]
fn talos_test_secrets_round_trip_and_keys_are_written_byte_for_byte() {
    let Some(dir) = reference_bases() else {
        return;
    };
    for minor in ["v1.11", "v1.12", "v1.13"] {
        let cp = support::read(&dir.join(minor), "base-controlplane.yaml");
        let b = SecretsBundle::from_machine_config(&cp).expect("the test secrets");
        assert_eq!(
            SecretsBundle::from_yaml(&b.to_yaml()).unwrap(),
            b,
            "{minor}"
        );
        // Talos's own keys, read and written again by us, are the same text: our PEM
        // labels and encodings are Talos's.
        for (name, key) in [
            ("os", &b.os.key),
            ("etcd", &b.etcd.key),
            ("k8s", &b.k8s.key),
        ] {
            assert_eq!(
                &SigningKey::from_pem(key).unwrap().to_pem().unwrap(),
                key,
                "{name}"
            );
        }
        assert_eq!(
            ServiceAccountKey::from_pem(&b.k8s_service_account_key)
                .unwrap()
                .to_pem()
                .unwrap(),
            b.k8s_service_account_key
        );
        let os = summary(&parse_pem(&b.os.crt).unwrap());
        assert_eq!(os.algorithm, "Ed25519");
        assert_eq!(os.not_after - os.not_before, CA_VALIDITY_SECS);
        // A worker config holds no CA keys: no bundle can come from it.
        let worker = support::read(&dir.join(minor), "base-worker.yaml");
        assert!(SecretsBundle::from_machine_config(&worker).is_err());
    }
}

#[test]
fn the_generator_writes_talosctls_base_configs() {
    let Some(dir) = reference_bases() else {
        return;
    };
    for (minor, version) in [
        ("v1.11", "v1.11.0"),
        ("v1.12", "v1.12.0"),
        ("v1.13", "v1.13.0"),
    ] {
        let version = TalosVersion::parse(version).unwrap();
        let cp = support::read(&dir.join(minor), "base-controlplane.yaml");
        let bundle = SecretsBundle::from_machine_config(&cp).unwrap();
        // Talos's stability test: NewInput("base", "https://base:6443", "1.28.0").
        let input = BaseInput {
            version: &version,
            cluster_name: "base",
            endpoint: "https://base:6443",
            kubernetes_version: "1.28.0",
            install_disk: None,
            install_image: None,
            bundle: &bundle,
        };
        for (role, file) in [
            (RoleKind::Controlplane, "base-controlplane.yaml"),
            (RoleKind::Worker, "base-worker.yaml"),
        ] {
            let ours = machine_config::base_config(&input, role).unwrap();
            let ours = MachineConfig::parse(&ours.to_yaml()).unwrap();
            let theirs = MachineConfig::parse(&support::read(&dir.join(minor), file)).unwrap();
            assert_eq!(
                ours.documents,
                theirs.documents,
                "{minor} {file}:\n{}",
                ours.to_yaml()
            );
            // In Talos's order, too.
            let order = |c: &MachineConfig| -> Vec<String> {
                c.to_yaml()
                    .lines()
                    .filter(|l| !l.starts_with(' ') && !l.starts_with('-'))
                    .map(str::to_owned)
                    .collect()
            };
            assert_eq!(order(&ours), order(&theirs), "{minor} {file}");
        }
    }
}

fn with_version(text: &str, version: &str) -> String {
    let start = text.find("version: v").expect("image version");
    let end = start + text[start..].find('\n').expect("line end");
    format!("{}version: {version}{}", &text[..start], &text[end..])
}

fn get<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

#[test]
fn complete_configs_validate_and_every_node_points_at_the_endpoint() {
    let b = bundle(Flavor::current());
    let mut checked = 0;
    for (minor, version) in [
        ("v1.11", "v1.11.5"),
        ("v1.12", "v1.12.0"),
        ("v1.13", "v1.13.9"),
    ] {
        for (name, file, text) in talos_planner::examples::EXAMPLES {
            if !file.ends_with(".yaml") {
                continue;
            }
            let text = with_version(text, version);
            let analysis = talos_planner::analyze(&text, Format::Yaml);
            let plan = analysis.plan.expect("plan");
            let rendered = render(&text, Format::Yaml).unwrap();
            let v = TalosVersion::parse(version).unwrap();
            let nodes = machine_config::complete_configs(&plan, &v, &rendered, &b)
                .unwrap_or_else(|e| panic!("{name} {version}: {e}"));
            assert_eq!(nodes.len(), plan.nodes.len());
            for node in &nodes {
                let docs = MachineConfig::parse(&node.config).unwrap().documents;
                let errors = support::schema_errors(minor, &docs);
                assert!(
                    errors.is_empty(),
                    "{name} {version} {}: {errors:#?}",
                    node.key
                );
                let v1 = docs.iter().find(|d| d.get("kind").is_none()).unwrap();
                assert_eq!(
                    get(v1, &["cluster", "controlPlane", "endpoint"]).and_then(Value::as_str),
                    plan.cluster_endpoint.as_deref(),
                    "{name} {version} {}",
                    node.key
                );
                assert_eq!(
                    get(v1, &["cluster", "clusterName"]).and_then(Value::as_str),
                    plan.cluster_name.as_deref()
                );
                assert_eq!(
                    get(v1, &["machine", "install", "image"]).and_then(Value::as_str),
                    plan.image
                        .as_ref()
                        .and_then(|i| i.installer_image.as_deref())
                );
                let cp = node.role == RoleKind::Controlplane;
                // Only control planes hold the CA keys.
                let os_key = get(v1, &["machine", "ca", "key"]).and_then(Value::as_str);
                assert_eq!(os_key.is_some_and(|k| !k.is_empty()), cp);
                assert_eq!(get(v1, &["cluster", "etcd"]).is_some(), cp);
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "{checked}");
}

#[test]
fn a_base_for_another_release_is_refused() {
    let Some(dir) = reference_bases() else {
        return;
    };
    let v = |t: &str| TalosVersion::parse(t).unwrap();
    let v112 = support::read(&dir.join("v1.12"), "base-controlplane.yaml");
    let v111 = support::read(&dir.join("v1.11"), "base-controlplane.yaml");
    let err = machine_config::check_base("controlplane.yaml", &v112, &v("v1.11.0"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HostnameConfig") && err.contains("v1.11.0"),
        "{err}"
    );
    let err = machine_config::check_base("worker.yaml", &v111, &v("v1.12.0"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no `HostnameConfig`"), "{err}");
    for (text, version) in [(&v112, "v1.12.0"), (&v112, "v1.13.2"), (&v111, "v1.11.5")] {
        machine_config::check_base("controlplane.yaml", text, &v(version)).unwrap();
    }
}
