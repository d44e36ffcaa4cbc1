//! The peer test: `talos-planner` against fakepve (PyPI), an independent fake of the
//! Proxmox VE API that checks requests against PVE's own schema, run out of process on
//! loopback by `scripts/test.d/50-fakepve.sh`. With an API token and a pinned
//! fingerprint: apply, status, apply again (no change), destroy, for three control
//! planes and two workers.
//!
//! Without `TALOS_PLANNER_FAKEPVE_READY` (the ready file of `scripts/fakepve-serve.py`)
//! the test says so and does nothing.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use std::process::{Command, Output};

use provision_support::cluster_yaml;

const BIN: &str = env!("CARGO_BIN_EXE_talos-planner");

struct Peer {
    url: String,
    fingerprint: String,
    factory_url: String,
    token: String,
    dir: tempfile::TempDir,
}

fn peer() -> Option<Peer> {
    let Ok(ready) = std::env::var("TALOS_PLANNER_FAKEPVE_READY") else {
        eprintln!(
            "SKIPPED: fakepve is not running (scripts/test.d/50-fakepve.sh starts it and sets \
             TALOS_PLANNER_FAKEPVE_READY)"
        );
        return None;
    };
    let ready: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ready).expect("ready file")).expect("JSON");
    let token = std::env::var("TALOS_PLANNER_FAKEPVE_TOKEN").expect("token");
    Some(Peer {
        url: ready["url"].as_str().expect("url").to_owned(),
        fingerprint: ready["fingerprint"]
            .as_str()
            .expect("fingerprint")
            .to_owned(),
        factory_url: ready["factory_url"].as_str().expect("factory").to_owned(),
        token,
        dir: tempfile::tempdir().expect("tempdir"),
    })
}

impl Peer {
    /// Whether VM `vmid` on `node` shows `lock: create` within `limit` (fakepve's
    /// `GET /nodes/{node}/qemu/{vmid}/config`, as qemu-server answers while creating).
    fn wait_for_lock(&self, node: &str, vmid: u32, limit: std::time::Duration) -> bool {
        use talos_planner::native::proxmox::{Call, Client, Credentials, Method, Settings};
        use talos_planner::native::tls::{Fingerprint, Trust};
        let settings = Settings {
            endpoint: self.url.clone(),
            credentials: Credentials::parse_token(&self.token).expect("token"),
            trust: Trust::Pinned(Fingerprint::parse(&self.fingerprint).expect("fingerprint")),
            timeout: std::time::Duration::from_secs(5),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let client = Client::new(&settings).expect("client");
            let call = Call::new(Method::Get, format!("/nodes/{node}/qemu/{vmid}/config"));
            let until = std::time::Instant::now() + limit;
            while std::time::Instant::now() < until {
                if let Ok(config) = client.execute(&call).await {
                    if config["lock"] == "create" {
                        return true;
                    }
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            false
        })
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = Command::new(BIN)
            .args(args)
            .env("PROXMOX_VE_ENDPOINT", &self.url)
            .env("PROXMOX_VE_API_TOKEN", &self.token)
            .env_remove("PROXMOX_VE_USERNAME")
            .env_remove("PROXMOX_VE_PASSWORD")
            .env_remove("PROXMOX_VE_INSECURE")
            .output()
            .expect("run talos-planner");
        let secret = self.token.split_once('=').map(|(_, s)| s).unwrap_or("");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !secret.is_empty() && !all.contains(secret),
            "the token was printed"
        );
        assert!(
            out.status.code() != Some(2),
            "talos-planner {args:?} failed:\n{all}"
        );
        out
    }

    fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut full = args.to_vec();
        full.extend(["--output", "json"]);
        let out = self.run(&full);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn finish(events: &[serde_json::Value]) -> &serde_json::Value {
    events
        .iter()
        .find(|e| e["event"] == "finish")
        .expect("a finish event")
}

#[test]
fn apply_status_apply_again_destroy() {
    let Some(peer) = peer() else {
        return;
    };
    let config = peer.dir.path().join("cluster.yaml");
    std::fs::write(&config, cluster_yaml(&peer.factory_url, "v1.12.0")).expect("write");
    let config = config.display().to_string();
    let pin = ["--fingerprint", peer.fingerprint.as_str()];
    let with = |cmd: &str, more: &[&str]| -> Vec<String> {
        let mut v = vec![cmd.to_owned(), config.clone()];
        v.extend(pin.iter().map(|s| (*s).to_owned()));
        v.extend(more.iter().map(|s| (*s).to_owned()));
        v
    };

    let apply = with("apply", &["--proxmox-only", "--poll-ms", "50"]);
    let events = peer.json(&refs(&apply));
    let done = finish(&events);
    assert_eq!(done["changed"], true, "{events:#?}");
    let created = events
        .iter()
        .filter(|e| e["event"] == "done" && e["changed"] == true)
        .count();
    assert_eq!(created, 5, "{events:#?}");

    let status = with("status", &["--proxmox-only"]);
    let out = peer.run(&refs(&status));
    assert_eq!(out.status.code(), Some(0));
    let mut json_status = refs(&status);
    json_status.extend(["--output", "json"]);
    let out = peer.run(&json_status);
    let st: serde_json::Value = serde_json::from_slice(&out.stdout).expect("status JSON");
    let vms: Vec<(&str, &str)> = st["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            (
                n["node"].as_str().unwrap_or(""),
                n["vm"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(vms.len(), 5);
    assert!(vms.iter().all(|(_, s)| *s == "running"), "{vms:?}");

    // Talos is not there: its API and the VIP do not answer (loopback ports, closed).
    let mut probe = with("status", &[]);
    for (i, key) in [
        "controlplane-1",
        "controlplane-2",
        "controlplane-3",
        "worker-1",
        "worker-2",
        "vip",
    ]
    .iter()
    .enumerate()
    {
        probe.push("--talos-endpoint-override".into());
        probe.push(format!("{key}=127.0.0.1:{}", 9 + i));
    }
    let out = peer.run(&refs(&probe));
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(table.matches("not answering").count(), 5, "{table}");
    assert!(table.contains("does not answer"), "{table}");

    let events = peer.json(&refs(&apply));
    let again = finish(&events);
    assert_eq!(again["changed"], false, "{events:#?}");
    assert!(again["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("no changes"));

    let destroy = with("destroy", &["--yes", "--poll-ms", "50"]);
    let events = peer.json(&refs(&destroy));
    assert!(finish(&events)["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("destroyed 5 VM(s)"));
    let events = peer.json(&refs(&destroy));
    assert!(finish(&events)["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("nothing to destroy"));
}

/// Day two against fakepve, with the in-process Talos nodes (one etcd) and Kubernetes
/// API: scale 3+2 -> 3+1 -> 5+1 -> 3+1, the rolling upgrade v1.12.0 -> v1.12.1, and the
/// preflight failures (missing bridge, full storage, VLAN on a bridge that is not
/// VLAN-aware) each caught before any write. Its own cluster (`daytwo`, VM IDs from 900)
/// so it runs next to the tests above and below.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn day_two_scale_upgrade_and_preflight() {
    use provision_support::fake_kube::FakeKube;
    use provision_support::fake_talos::{FakeCluster, Setup, TalosNode, Timing};
    use provision_support::{base_configs, talos_pki, write_talos_dir};

    let Some(peer) = peer() else {
        return;
    };
    let kube = FakeKube::start("https://10.10.100.50:6443").await;
    let cluster = FakeCluster::new(
        &kube.kubeconfig,
        Some(kube.state.clone()),
        Timing::default(),
    );
    let (cp, worker, _) = base_configs("v1.12");
    let (pki, talosconfig) = talos_pki(&cp, &[]);
    let keys = [
        "controlplane-1",
        "controlplane-2",
        "controlplane-3",
        "controlplane-4",
        "controlplane-5",
        "worker-1",
        "worker-2",
    ];
    let mut nodes = std::collections::BTreeMap::new();
    for key in keys {
        nodes.insert(
            key,
            TalosNode::start_in(&cluster, &pki, Setup::default()).await,
        );
    }
    let talos_dir = peer.dir.path().join("talos");
    std::fs::create_dir_all(&talos_dir).unwrap();
    write_talos_dir(&talos_dir, &cp, &worker, &talosconfig);
    let config_of = |cps: u32, workers: u32, version: &str| {
        cluster_yaml(&peer.factory_url, version)
            .replace("name: homelab", "name: daytwo")
            .replace("vm_base_id: 700", "vm_base_id: 900\n  ha_vip: 10.10.100.50")
            .replace(
                "controlplane:\n  count: 3",
                &format!("controlplane:\n  count: {cps}"),
            )
            .replace(
                "worker:\n  count: 2",
                &format!("worker:\n  count: {workers}"),
            )
    };
    let write = |name: &str, text: String| {
        let path = peer.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let mut common: Vec<String> = vec![
        "--fingerprint".into(),
        peer.fingerprint.clone(),
        "--talos-dir".into(),
        talos_dir.display().to_string(),
    ];
    for (key, node) in &nodes {
        common.push("--talos-endpoint-override".into());
        common.push(format!("{key}={}", node.addr));
    }
    common.push("--talos-endpoint-override".into());
    common.push(format!("vip={}", kube.addr));
    let run = |cmd: &'static str, file: String, more: Vec<&'static str>| {
        let mut args = vec![cmd.to_owned(), file];
        args.extend(common.iter().cloned());
        args.extend(more.into_iter().map(str::to_owned));
        let (url, token) = (peer.url.clone(), peer.token.clone());
        async move {
            let out = tokio::process::Command::new(BIN)
                .args(&args)
                .env("PROXMOX_VE_ENDPOINT", url)
                .env("PROXMOX_VE_API_TOKEN", token)
                .env_remove("PROXMOX_VE_USERNAME")
                .env_remove("PROXMOX_VE_PASSWORD")
                .env("NO_COLOR", "1")
                .output()
                .await
                .expect("run talos-planner");
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        }
    };
    let apply_json = [
        "--output",
        "json",
        "--poll-ms",
        "50",
        "--talos-timeout",
        "60",
    ];
    let applied = |out: (Option<i32>, String, String)| -> Vec<serde_json::Value> {
        assert_eq!(out.0, Some(0), "apply failed:\n{}\n{}", out.1, out.2);
        out.1
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    };
    let done = |events: &[serde_json::Value], phase: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| e["event"] == "done" && e["phase"] == phase)
            .map(|e| e["node"].as_str().unwrap_or("").to_owned())
            .collect()
    };

    // 3+2.
    let f = write("d32.yaml", config_of(3, 2, "v1.12.0"));
    let events = applied(run("apply", f, apply_json.to_vec()).await);
    assert_eq!(finish(&events)["changed"], true);
    // 3+1.
    let f = write("d31.yaml", config_of(3, 1, "v1.12.0"));
    let mut args = apply_json.to_vec();
    args.push("--yes");
    let events = applied(run("apply", f.clone(), args.clone()).await);
    assert_eq!(done(&events, "remove"), vec!["worker-2"]);
    assert!(!kube.nodes().contains("daytwo-worker-02"));
    // 5+1: no second bootstrap.
    let f5 = write("d51.yaml", config_of(5, 1, "v1.12.0"));
    let events = applied(run("apply", f5, apply_json.to_vec()).await);
    assert_eq!(cluster.state().bootstraps, 1);
    assert_eq!(cluster.state().members.len(), 5);
    assert!(done(&events, "proxmox").len() >= 2);
    // 3+1: the two control planes leave, the highest first.
    let events = applied(run("apply", f.clone(), args).await);
    assert_eq!(
        done(&events, "remove"),
        vec!["controlplane-5", "controlplane-4"]
    );
    assert_eq!(cluster.member_names().len(), 3);
    // The upgrade, one node at a time.
    let up = write("up.yaml", config_of(3, 1, "v1.12.1"));
    let events = applied(run("apply", up.clone(), apply_json.to_vec()).await);
    assert_eq!(
        done(&events, "upgrade"),
        vec![
            "controlplane-1",
            "controlplane-2",
            "controlplane-3",
            "worker-1"
        ]
    );
    for key in [
        "controlplane-1",
        "controlplane-2",
        "controlplane-3",
        "worker-1",
    ] {
        assert_eq!(nodes[key].version(), "v1.12.1", "{key}");
    }
    // In sync.
    let (code, stdout, stderr) = run("diff", up.clone(), vec![]).await;
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("0 to create, 0 to change, 0 to remove, 4 unchanged"),
        "{stdout}"
    );

    // Preflight failures: diff exits 1, apply refuses, and nothing is written.
    let base = config_of(3, 1, "v1.12.1");
    let cases = [
        (
            "bridge.yaml",
            base.replace("bridge: vmbr0", "bridge: vmbr9"),
            "bridge-missing",
        ),
        (
            "full.yaml",
            base.replace("controlplane:\n  count: 3", "controlplane:\n  count: 4")
                .replace(
                    "cpu: 2, memory: 4096, disk: 50",
                    "cpu: 2, memory: 4096, disk: 5000",
                ),
            "datastore-full",
        ),
        (
            "vlan.yaml",
            base.replace("bridge: vmbr0", "bridge: vmbr1"),
            "bridge-not-vlan-aware",
        ),
    ];
    for (name, text, rule) in cases {
        let file = write(name, text);
        let (code, _, stderr) = run("diff", file.clone(), vec![]).await;
        assert_eq!(code, Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("error[{rule}]")),
            "{name}: {stderr}"
        );
        let (code, stdout, stderr) = run("apply", file, vec!["--yes"]).await;
        assert_eq!(code, Some(2), "{name}: {stdout}{stderr}");
        assert!(stderr.contains("nothing was changed"), "{name}: {stderr}");
        assert!(
            stdout.contains(&format!("error[{rule}]")),
            "{name}: {stdout}"
        );
    }
    // Nothing changed: still in sync.
    let (code, stdout, _) = run("diff", up.clone(), vec![]).await;
    assert_eq!(code, Some(0), "{stdout}");

    // Gone again, for the next run of the fake.
    let out = peer.run(&[
        "destroy",
        &up,
        "--fingerprint",
        &peer.fingerprint,
        "--yes",
        "--poll-ms",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

/// The scenario against the independent fake: `apply` killed while its VMs are
/// being created (fakepve, like qemu-server, holds a new VM as only `lock: create` until
/// its qmcreate task ends), then run again at once: it waits for those creations, then
/// converges. Another cluster (IDs 800+, Talos v1.11) so that it can run beside the
/// test above.
#[test]
fn a_run_killed_while_vms_are_created_converges_when_run_again_at_once() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let Some(peer) = peer() else {
        return;
    };
    let config = peer.dir.path().join("killed.yaml");
    let yaml = cluster_yaml(&peer.factory_url, "v1.11.5")
        .replace("name: homelab", "name: killed")
        .replace("vm_base_id: 700", "vm_base_id: 800");
    std::fs::write(&config, yaml).expect("write");
    let config = config.display().to_string();
    let args: Vec<String> = [
        "apply",
        config.as_str(),
        "--proxmox-only",
        "--fingerprint",
        peer.fingerprint.as_str(),
        "--poll-ms",
        "50",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();

    let mut child = Command::new(BIN)
        .args(&args)
        .args(["--output", "json"])
        .env("PROXMOX_VE_ENDPOINT", &peer.url)
        .env("PROXMOX_VE_API_TOKEN", &peer.token)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start apply");
    // The events are read to the end on a thread of their own: a reader that stopped
    // would close the pipe, and apply ends quietly at its next line (as tools do when
    // `| head` has read enough), before it sent its create requests.
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<serde_json::Value>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let event: serde_json::Value = serde_json::from_str(&line).expect("JSON");
            let _ = tx.send(event);
        }
    });
    let creating = rx.iter().any(|event| {
        event["event"] == "step"
            && event["message"]
                .as_str()
                .unwrap_or("")
                .starts_with("creating VM")
    });
    assert!(creating, "apply ended before creating a VM");
    // Killed once fakepve holds a VM locked `create`: its qmcreate task then runs for a
    // while (scripts/test.d/50-fakepve.sh sets its duration). Waiting for the lock, not
    // for a fixed time, keeps a loaded machine from killing apply before it sent one.
    assert!(
        peer.wait_for_lock("pve01", 800, std::time::Duration::from_secs(20)),
        "VM 800 was never locked `create`"
    );
    child.kill().expect("kill apply");
    let _ = child.wait();
    let _ = reader.join();

    let events = peer.json(&refs(&args));
    let done = finish(&events);
    assert_eq!(done["changed"], true, "{events:#?}");
    let waited = events
        .iter()
        .filter(|e| {
            e["event"] == "step"
                && e["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("is being created (locked `create`")
        })
        .count();
    assert!(
        waited >= 1,
        "the second run did not meet a VM being created: {events:#?}"
    );
    assert!(!events.iter().any(|e| e["event"] == "error"), "{events:#?}");
    let again = peer.json(&refs(&args));
    assert_eq!(finish(&again)["changed"], false, "{again:#?}");

    let destroy: Vec<String> = [
        "destroy",
        config.as_str(),
        "--fingerprint",
        peer.fingerprint.as_str(),
        "--yes",
        "--poll-ms",
        "50",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let events = peer.json(&refs(&destroy));
    assert!(finish(&events)["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("destroyed 5 VM(s)"));
}
