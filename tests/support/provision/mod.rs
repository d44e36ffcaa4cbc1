//! Shared pieces of the provisioning tests: test certificates, the fake Proxmox, the fake
//! Talos nodes, the schema checker, and a cluster config pointing at them.
#![allow(dead_code)]

pub mod certs;
pub mod fake_kube;
pub mod fake_pve;
pub mod fake_talos;
pub mod pve_schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use talos_planner::native::provision::{ApplyOptions, ClusterInput, Removals};
use talos_planner::native::proxmox::{Client, Credentials, Secret, Settings, TaskPolicy};
use talos_planner::native::tls::Trust;
use talos_planner::Format;

use fake_pve::FakePve;

/// The API token secret of every fake; tests check it never shows up.
pub const SECRET: &str = "s3cr3t-7f1e-77aa-token-value";

/// Three control planes on three Proxmox nodes and two workers (the peer plan).
pub fn cluster_yaml(factory_url: &str, version: &str) -> String {
    format!(
        "cluster:
  name: homelab
  node: pve01
  datastore: local-lvm
  vm_base_id: 700
image:
  version: {version}
  extensions: [qemu-guest-agent]
  factory_url: {factory_url}
  proxmox_datastore: local
network:
  bridge: vmbr0
  cidr: 10.10.100.0/24
  gateway: 10.10.100.1
  dns_servers: [1.1.1.1, 9.9.9.9]
  vlan_id: 1100
controlplane:
  count: 3
  specs: {{ cpu: 2, memory: 4096, disk: 50 }}
  overrides:
    controlplane-2: {{ node: pve02 }}
    controlplane-3: {{ node: pve03 }}
worker:
  count: 2
  specs: {{ ip_offset: 10, cpu: 2, memory: 6144, disk: 40 }}
"
    )
}

/// A single control plane and one worker (no VIP).
pub fn single_cp_yaml(factory_url: &str) -> String {
    cluster_yaml(factory_url, "v1.12.0")
        .replace("  count: 3\n", "  count: 1\n")
        .replace(
            "  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
            "",
        )
        .replace("  count: 2\n", "  count: 1\n")
}

pub fn input(yaml: &str) -> ClusterInput {
    ClusterInput::analyze(yaml, Format::Yaml).unwrap_or_else(|d| panic!("config errors: {d:#?}"))
}

/// A client for the fake, trusting its CA.
pub fn client(fake: &FakePve) -> Arc<Client> {
    client_with(fake, Trust::CaPem(fake.ca_pem.clone()))
}

pub fn client_with(fake: &FakePve, trust: Trust) -> Arc<Client> {
    Client::new(&Settings {
        endpoint: fake.url.clone(),
        credentials: Credentials::Token {
            id: "root@pam!ci".into(),
            secret: Secret::new(SECRET),
        },
        trust,
        timeout: Duration::from_secs(10),
    })
    .expect("client")
}

pub fn fast_tasks() -> TaskPolicy {
    TaskPolicy {
        first_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(40),
        timeout: Duration::from_secs(20),
        not_found_grace: Duration::from_secs(5),
    }
}

pub fn options() -> ApplyOptions {
    ApplyOptions {
        concurrency: 4,
        dry_run: false,
        tasks: fast_tasks(),
        talos: None,
        removals: Removals::Refuse,
    }
}

/// Checks every request the fake received against the schema of its release.
pub fn check_requests(fake: &FakePve) {
    let st = fake.state();
    let Some(schema) = pve_schema::PveSchema::load(&st.release) else {
        return;
    };
    let mut problems = Vec::new();
    for r in &st.requests {
        if let Err(e) = schema.check(&r.method, &r.path, &r.params) {
            problems.push(e);
        }
    }
    assert!(
        problems.is_empty(),
        "requests not valid for PVE {}:\n{}",
        st.release,
        problems.join("\n")
    );
}

/// `talosctl gen config` output for the Talos version: the real files from
/// `../shared/reference/talos-gen-config/` when present, else a minimal stand-in.
pub fn base_configs(minor: &str) -> (String, String, bool) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/talos-gen-config")
        .join(minor);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    if let (Some(cp), Some(w)) = (read("base-controlplane.yaml"), read("base-worker.yaml")) {
        return (cp, w, true);
    }
    eprintln!(
        "note: ../shared/reference/talos-gen-config/{minor} is absent; using a minimal base config"
    );
    let base = |kind: &str| {
        format!(
            "version: v1alpha1\nmachine:\n  type: {kind}\n  install:\n    disk: /dev/sda\ncluster:\n  controlPlane:\n    endpoint: https://10.10.100.10:6443\n  clusterName: homelab\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nauto: stable\n"
        )
    };
    (base("controlplane"), base("worker"), false)
}

/// The Talos PKI of a cluster whose control plane base config is `controlplane` (the
/// fake nodes adopt its OS CA, `machine.ca`, as Talos's apid does) and a talosconfig of
/// that CA; a base without one (the minimal stand-in) gets a test PKI.
pub fn talos_pki(controlplane: &str, endpoints: &[String]) -> (fake_talos::TalosPki, String) {
    use talos_planner::secrets::{talosconfig, SecretsBundle};
    match SecretsBundle::from_machine_config(controlplane) {
        Ok(bundle) => {
            let admin = bundle
                .admin_certificate(1_767_225_600, [3; 32])
                .expect("admin certificate");
            (
                fake_talos::TalosPki::from_os_ca(&bundle.os.crt, &bundle.os.key),
                talosconfig(&bundle, "homelab", endpoints, &admin),
            )
        }
        Err(_) => {
            let pki = fake_talos::TalosPki::new();
            let text = pki.talosconfig(endpoints);
            (pki, text)
        }
    }
}

/// Writes a `talosctl gen config`-like directory.
pub fn write_talos_dir(dir: &Path, controlplane: &str, worker: &str, talosconfig: &str) {
    std::fs::write(dir.join("controlplane.yaml"), controlplane).expect("write");
    std::fs::write(dir.join("worker.yaml"), worker).expect("write");
    std::fs::write(dir.join("talosconfig"), talosconfig).expect("write");
}
