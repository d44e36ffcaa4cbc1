//! The Talos side of `apply` against in-process Talos machine API servers (tonic,
//! rustls, test certificates), each starting in maintenance mode: every node gets its
//! merged config (the VIP document on control planes only) in maintenance mode with mode
//! AUTO, controlplane-1 is bootstrapped once over mutual TLS, the VIP is waited for, and
//! the kubeconfig is written.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use std::collections::BTreeMap;
use std::time::Duration;

use provision_support::fake_pve::{FakeFactory, FakePve};
use provision_support::fake_talos::{
    vip_listener, FakeCluster, Setup, TalosNode, TalosPki, Timing, KUBECONFIG,
};
use provision_support::{
    base_configs, client, cluster_yaml, input, options, single_cp_yaml, talos_pki, write_talos_dir,
    SECRET,
};
use talos_planner::native::provision::events::Collect;
use talos_planner::native::provision::{
    self, ApplyOptions, ClusterInput, Endpoints, Event, StatusOptions, StatusTalos, TalosOptions,
};
use talos_planner::native::talos::proto::ApplyMode;
use talos_planner::native::talos::{ClientIdentity, TalosBase, Timeouts};
use talos_planner::native::tls::Fingerprint;
use tonic::Code;

struct Cluster {
    fake: FakePve,
    _factory: FakeFactory,
    input: ClusterInput,
    nodes: BTreeMap<String, TalosNode>,
    vip: Option<std::net::SocketAddr>,
    _vip_server: Option<tokio::task::JoinHandle<()>>,
    dir: tempfile::TempDir,
    base: TalosBase,
    uses_reference: bool,
}

async fn cluster(yaml_of: impl Fn(&str) -> String, minor: &str, configured: bool) -> Cluster {
    let fake = FakePve::start("9.1", SECRET).await;
    let factory = FakeFactory::start().await;
    let input = input(&yaml_of(&factory.url));
    let (cp, worker, uses_reference) = base_configs(minor);
    // A node takes its API CA from the applied config: the talosconfig must be of the
    // same CA, as `talosctl gen config` writes them together.
    let (pki, talosconfig) = talos_pki(&cp, &input.plan.talos_endpoints);
    let shared = FakeCluster::new(KUBECONFIG, None, Timing::default());
    let version = input.config.image.version.get().cloned().unwrap();
    let mut nodes = BTreeMap::new();
    for n in &input.plan.nodes {
        let setup = Setup {
            config: configured.then(|| {
                format!(
                    "version: v1alpha1\nmachine:\n  type: {}\n  network:\n    hostname: {}\n",
                    n.role.prefix(),
                    n.hostname.clone().unwrap()
                )
            }),
            version: version.clone(),
            ..Setup::default()
        };
        nodes.insert(
            n.key.clone(),
            TalosNode::start_in(&shared, &pki, setup).await,
        );
    }
    let (vip, vip_server) = if input.plan.ha_vip_enabled {
        let (addr, h) = vip_listener().await;
        (Some(addr), Some(h))
    } else {
        (None, None)
    };
    let dir = tempfile::tempdir().unwrap();
    write_talos_dir(dir.path(), &cp, &worker, &talosconfig);
    let base = TalosBase::read(dir.path()).unwrap();
    Cluster {
        fake,
        _factory: factory,
        input,
        nodes,
        vip,
        _vip_server: vip_server,
        dir,
        base,
        uses_reference,
    }
}

impl Cluster {
    fn endpoints(&self) -> Endpoints {
        let mut entries: Vec<String> = self
            .nodes
            .iter()
            .map(|(k, n)| format!("{k}={}", n.addr))
            .collect();
        if let Some(vip) = self.vip {
            entries.push(format!("vip={vip}"));
        }
        Endpoints::parse(&entries).unwrap()
    }

    fn options(&self) -> ApplyOptions {
        let fingerprints = self
            .nodes
            .iter()
            .map(|(k, n)| {
                (
                    k.clone(),
                    Fingerprint::parse(&n.maintenance_fingerprint).unwrap(),
                )
            })
            .collect();
        ApplyOptions {
            talos: Some(TalosOptions {
                base: self.base.clone(),
                kubeconfig: self.dir.path().join("out/kubeconfig"),
                endpoints: self.endpoints(),
                fingerprints,
                timeout: Duration::from_secs(10),
                interval: Duration::from_millis(50),
                rpc: Timeouts {
                    connect: Duration::from_secs(2),
                    request: Duration::from_secs(5),
                },
            }),
            ..options()
        }
    }

    /// `status` with the Talos API asked, with or without the talosconfig.
    fn status_options(&self, identity: Option<ClientIdentity>) -> StatusOptions {
        StatusOptions {
            concurrency: 4,
            talos: Some(StatusTalos {
                identity,
                endpoints: self.endpoints(),
                fingerprints: BTreeMap::new(),
                rpc: Timeouts {
                    connect: Duration::from_secs(2),
                    request: Duration::from_secs(3),
                },
            }),
        }
    }
}

fn documents(config: &str) -> Vec<yaml_serde::Value> {
    config
        .split("\n---\n")
        .map(|d| yaml_serde::from_str(d).unwrap())
        .collect()
}

fn vip_documents(config: &str) -> Vec<String> {
    documents(config)
        .iter()
        .filter(|d| d.get("kind").and_then(|k| k.as_str()) == Some("Layer2VIPConfig"))
        .map(|d| {
            d.get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_configures_every_node_bootstraps_once_and_writes_the_kubeconfig() {
    let c = cluster(|f| cluster_yaml(f, "v1.12.0"), "v1.12", false).await;
    let opts = c.options();
    // The options print no secret, neither the talosconfig's key nor the base configs.
    let shown = format!("{opts:?}");
    assert!(!shown.contains(c.base.identity.key_pem.trim()), "{shown}");
    assert!(!shown.contains("version: v1alpha1"), "{shown}");
    let expected = c.input.machine_configs(&c.base).unwrap();
    let events = Collect::default();
    let pve = client(&c.fake);
    let summary = provision::apply(&c.input, &pve, &opts, &events)
        .await
        .unwrap();
    assert_eq!(summary.configs_applied, 5);
    assert!(summary.bootstrapped && summary.kubeconfig_written);

    for (key, node) in &c.nodes {
        let log = node.log();
        assert_eq!(log.applied.len(), 1, "{key}");
        let (config, mode, mtls) = &log.applied[0];
        assert_eq!(*mode, ApplyMode::Auto as i32, "{key}");
        assert!(
            !mtls,
            "{key}: the config went over mutual TLS, not maintenance mode"
        );
        assert_eq!(config, &expected[key], "{key}: not the merged config");
        let vips = vip_documents(config);
        if key.starts_with("controlplane") {
            assert_eq!(vips, vec!["10.10.100.13".to_owned()], "{key}");
            assert!(
                config.contains("endpoint: https://10.10.100.13:6443"),
                "{key}"
            );
        } else {
            assert!(vips.is_empty(), "{key} got the VIP document");
        }
        let hostname = c.input.plan.nodes.iter().find(|n| &n.key == key).unwrap();
        assert!(
            config.contains(hostname.hostname.as_deref().unwrap()),
            "{key}"
        );
        // Bootstrap once, on controlplane-1 only, over mutual TLS.
        if key == "controlplane-1" {
            assert_eq!(log.bootstraps, vec![true]);
            assert_eq!(log.kubeconfigs, 1);
        } else {
            assert!(log.bootstraps.is_empty(), "{key} was bootstrapped");
        }
        assert!(
            log.mtls_connections >= 1,
            "{key} never answered over mutual TLS"
        );
    }
    if c.uses_reference {
        // The real v1.12 base carries HostnameConfig; the merged one names the host.
        let cp1 = &expected["controlplane-1"];
        assert!(documents(cp1)
            .iter()
            .any(|d| d.get("kind").and_then(|k| k.as_str()) == Some("HostnameConfig")));
    }
    let path = c.dir.path().join("out/kubeconfig");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), KUBECONFIG);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let done: Vec<String> = events
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::Done { node, phase, .. } => Some(format!("{node}/{phase}")),
            _ => None,
        })
        .collect();
    assert!(done.contains(&"controlplane-1/bootstrap".to_owned()));
    assert!(done.contains(&"cluster/vip".to_owned()));
    assert!(done.contains(&"cluster/kubeconfig".to_owned()));

    // Again: nothing changes, and it says so.
    let events = Collect::default();
    let again = provision::apply(&c.input, &pve, &opts, &events)
        .await
        .unwrap();
    assert!(!again.changed, "{again:?}");
    for node in c.nodes.values() {
        assert_eq!(node.log().applied.len(), 1);
    }
    assert!(events.events().iter().any(|e| matches!(e,
        Event::Done { phase, changed: false, message, .. } if phase == "bootstrap" && message == "etcd already bootstrapped")));
    assert!(events.events().iter().any(|e| matches!(e,
        Event::Finish { changed: false, message, .. } if message.starts_with("no changes"))));

    // status sees the same.
    let status = provision::status(
        &c.input,
        &pve,
        &c.status_options(Some(c.base.identity.clone())),
    )
    .await
    .unwrap();
    assert!(status.healthy, "{status:?}");
    assert!(status
        .nodes
        .iter()
        .all(|n| n.talos.as_deref() == Some("mutual TLS (Talos v1.12.0)")));
    assert!(status.vip.unwrap().answering);
    // Without the talosconfig a configured node can only be seen to want mutual TLS.
    let anonymous = provision::status(&c.input, &pve, &c.status_options(None))
        .await
        .unwrap();
    let talos: Vec<_> = anonymous.nodes.iter().map(|n| n.talos.clone()).collect();
    assert!(
        talos
            .iter()
            .all(|t| t.as_deref() == Some("answers, wants mutual TLS (give --talos-dir)")),
        "{anonymous:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_talos_1_12_the_vip_is_an_interface_setting() {
    let c = cluster(|f| cluster_yaml(f, "v1.11.0"), "v1.11", false).await;
    let pve = client(&c.fake);
    provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap();
    for (key, node) in &c.nodes {
        let config = &node.log().applied[0].0;
        assert!(vip_documents(config).is_empty(), "{key}");
        let has_vip = config.contains("ip: 10.10.100.13");
        assert_eq!(has_vip, key.starts_with("controlplane"), "{key}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_control_plane_has_no_vip() {
    let c = cluster(single_cp_yaml, "v1.12", false).await;
    assert!(!c.input.plan.ha_vip_enabled);
    let pve = client(&c.fake);
    let summary = provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap();
    assert_eq!(summary.configs_applied, 2);
    for node in c.nodes.values() {
        let config = &node.log().applied[0].0;
        assert!(vip_documents(config).is_empty());
        assert!(!config.contains("vip:"));
    }
    assert_eq!(c.nodes["controlplane-1"].log().bootstraps, vec![true]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configured_nodes_are_left_alone() {
    let c = cluster(|f| cluster_yaml(f, "v1.12.0"), "v1.12", true).await;
    let pve = client(&c.fake);
    let summary = provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap();
    assert_eq!(summary.configs_applied, 0);
    assert!(summary.bootstrapped);
    for node in c.nodes.values() {
        assert!(node.log().applied.is_empty());
        assert_eq!(node.log().maintenance_connections, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_config_names_the_node_and_a_rerun_finishes() {
    let c = cluster(|f| cluster_yaml(f, "v1.12.0"), "v1.12", false).await;
    c.nodes["worker-2"].fail_next_apply(
        Code::InvalidArgument,
        "configuration validation failed: 1 error occurred: install disk not found",
    );
    let pve = client(&c.fake);
    let err = provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(err.node(), Some("worker-2"));
    assert!(
        text.starts_with(
            "worker-2: applying the machine config failed: Talos ApplyConfiguration on 127.0.0.1:"
        ),
        "{text}"
    );
    assert!(
        text.contains("InvalidArgument: configuration validation failed"),
        "{text}"
    );
    let summary = provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap();
    assert!(c.nodes.values().all(TalosNode::configured));
    assert!(summary.kubeconfig_written);
    assert_eq!(c.nodes["controlplane-1"].log().bootstraps, vec![true]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_not_ready_for_its_config_is_tried_again() {
    let c = cluster(single_cp_yaml, "v1.12", false).await;
    c.nodes["worker-1"].fail_next_apply(Code::Unavailable, "the node is still starting");
    let pve = client(&c.fake);
    let summary = provision::apply(&c.input, &pve, &c.options(), &Collect::default())
        .await
        .unwrap();
    assert_eq!(summary.configs_applied, 2);
    let log = c.nodes["worker-1"].log();
    assert_eq!(log.applied.len(), 1);
    assert!(log.maintenance_connections >= 2, "{log:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_maintenance_fingerprint_is_refused() {
    let c = cluster(|f| cluster_yaml(f, "v1.12.0"), "v1.12", false).await;
    let mut opts = c.options();
    if let Some(t) = opts.talos.as_mut() {
        t.fingerprints
            .insert("worker-1".into(), Fingerprint([9; 32]));
        t.timeout = Duration::from_millis(800);
    }
    let pve = client(&c.fake);
    let err = provision::apply(&c.input, &pve, &opts, &Collect::default())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("worker-1: waiting for the Talos API at 127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("pinned"), "{text}");
    assert!(c.nodes["worker-1"].log().applied.is_empty());
}

/// What `apply cluster.yaml` does without `--talos-dir`: a secrets bundle made here, the
/// talosconfig written beside it, complete configs made from it. Each node (which
/// takes its API CA from the applied config, as Talos does) accepts the config in
/// maintenance mode and then answers over mutual TLS with the written talosconfig.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configs_from_a_new_bundle_are_accepted_over_mutual_tls_with_the_written_talosconfig() {
    use talos_planner::native::secrets::{prepare, Prepared};
    use talos_planner::plan::version::TalosVersion;

    let fake = FakePve::start("9.1", SECRET).await;
    let factory = FakeFactory::start().await;
    let input = input(&cluster_yaml(&factory.url, "v1.12.0"));
    // The nodes' own PKI before a config arrives plays no part: another CA.
    let unrelated = TalosPki::new();
    // One cluster, so that the control planes after the first join its etcd.
    let shared = FakeCluster::new(KUBECONFIG, None, Timing::default());
    let mut nodes = BTreeMap::new();
    for n in &input.plan.nodes {
        nodes.insert(
            n.key.clone(),
            TalosNode::start_in(&shared, &unrelated, Setup::default()).await,
        );
    }
    let (vip, _vip_server) = vip_listener().await;
    let dir = tempfile::tempdir().unwrap();
    let bundle_path = dir.path().join("homelab-talos/secrets.yaml");
    let version = TalosVersion::parse("v1.12.0").unwrap();
    let mut notes = Prepared::default();
    let prepared = prepare(&bundle_path, &input.plan, &version, false, &mut notes).unwrap();
    assert_eq!(notes.notes.len(), 2, "{:?}", notes.notes);
    let talosconfig_path = dir.path().join("homelab-talos/talosconfig");
    let written = std::fs::read_to_string(&talosconfig_path).unwrap();
    assert!(written.contains("context: homelab"));
    for ip in &input.plan.talos_endpoints {
        assert!(written.contains(&format!("- {ip}")), "{written}");
    }
    #[cfg(unix)]
    for path in [&bundle_path, &talosconfig_path] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }

    let mut entries: Vec<String> = nodes
        .iter()
        .map(|(k, n)| format!("{k}={}", n.addr))
        .collect();
    entries.push(format!("vip={vip}"));
    let opts = ApplyOptions {
        talos: Some(TalosOptions {
            base: prepared.base.clone(),
            kubeconfig: prepared.dir.join("kubeconfig"),
            endpoints: Endpoints::parse(&entries).unwrap(),
            fingerprints: BTreeMap::new(),
            timeout: Duration::from_secs(10),
            interval: Duration::from_millis(50),
            rpc: Timeouts {
                connect: Duration::from_secs(2),
                request: Duration::from_secs(5),
            },
        }),
        ..options()
    };
    let events = Collect::default();
    let summary = provision::apply(&input, &client(&fake), &opts, &events)
        .await
        .unwrap_or_else(|e| panic!("{e}: {:#?}", events.events()));
    assert_eq!(summary.configs_applied, 5);
    assert!(summary.bootstrapped && summary.kubeconfig_written);
    let bundle = talos_planner::native::secrets::load_bundle(&bundle_path).unwrap();
    for (key, node) in &nodes {
        let log = node.log();
        let (config, _, over_mtls) = &log.applied[0];
        assert!(!over_mtls, "{key}");
        // The complete config from the bundle: its CA, the planned endpoint.
        assert!(
            config.contains("endpoint: https://10.10.100.13:6443"),
            "{key}"
        );
        assert!(config.contains(&bundle.cluster_id), "{key}");
        assert!(log.mtls_connections >= 1, "{key}: no mutual TLS");
    }
    assert_eq!(
        std::fs::read_to_string(prepared.dir.join("kubeconfig")).unwrap(),
        KUBECONFIG
    );

    // A second run reuses the bundle and the talosconfig: nothing changes.
    let mut notes = Prepared::default();
    let again = prepare(&bundle_path, &input.plan, &version, false, &mut notes).unwrap();
    assert!(notes.notes.is_empty(), "{:?}", notes.notes);
    assert_eq!(again.base.identity, prepared.base.identity);
    let opts = ApplyOptions {
        talos: Some(TalosOptions {
            base: again.base,
            ..opts.talos.clone().unwrap()
        }),
        ..options()
    };
    let summary = provision::apply(&input, &client(&fake), &opts, &Collect::default())
        .await
        .unwrap();
    assert!(!summary.changed, "{summary:?}");
}
