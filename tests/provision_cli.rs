//! The `apply`, `destroy` and `status` commands as a user runs them: settings from the
//! environment, `--output json` events, plain lines, exit codes, and the API token
//! nowhere in what they print.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use std::path::Path;
use std::process::Output;

use provision_support::fake_pve::{FakeFactory, FakePve};
use provision_support::{cluster_yaml, SECRET};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_talos-planner");

struct Rig {
    fake: FakePve,
    _factory: FakeFactory,
    dir: tempfile::TempDir,
}

async fn rig() -> Rig {
    let fake = FakePve::start("8.4", SECRET).await;
    let factory = FakeFactory::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cluster.yaml"),
        cluster_yaml(&factory.url, "v1.12.0"),
    )
    .unwrap();
    std::fs::write(dir.path().join("pve-root-ca.pem"), &fake.ca_pem).unwrap();
    Rig {
        fake,
        _factory: factory,
        dir,
    }
}

impl Rig {
    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    async fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, true).await
    }

    /// Runs a command that must fail with exit code 2 and say `expected`; returns its
    /// standard error.
    async fn refused(&self, args: &[&str], expected: &str) -> String {
        let out = self.run(args).await;
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        stderr
    }

    async fn run_env(&self, args: &[&str], credentials: bool) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("PROXMOX_VE_ENDPOINT")
            .env_remove("PROXMOX_VE_API_TOKEN")
            .env_remove("PROXMOX_VE_USERNAME")
            .env_remove("PROXMOX_VE_PASSWORD")
            .env_remove("PROXMOX_VE_INSECURE")
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path());
        if credentials {
            cmd.env("PROXMOX_VE_ENDPOINT", &self.fake.url)
                .env("PROXMOX_VE_API_TOKEN", format!("root@pam!ci={SECRET}"));
        }
        let out = cmd.output().await.expect("run talos-planner");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(SECRET), "the token was printed:\n{all}");
        out
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_events(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn exists(p: &Path) -> bool {
    p.exists()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_json_events_then_no_changes() {
    let rig = rig().await;
    let (cfg, ca) = (rig.file("cluster.yaml"), rig.file("pve-root-ca.pem"));
    let args = [
        "apply",
        &cfg,
        "--proxmox-only",
        "--ca-cert",
        &ca,
        "--output",
        "json",
        "--poll-ms",
        "20",
    ];
    let out = rig.run(&args).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let events = json_events(&out);
    // First what Proxmox is and the diff (every node to create), then the run.
    assert_eq!(events[0]["event"], "info");
    let start = events.iter().position(|e| e["event"] == "start").unwrap();
    let diff: Vec<&serde_json::Value> = events.iter().filter(|e| e["event"] == "diff").collect();
    assert_eq!(diff.len(), 5);
    assert!(diff.iter().all(|d| d["action"] == "create"));
    assert!(
        events[..start]
            .iter()
            .filter(|e| e["event"] == "diff")
            .count()
            == 5
    );
    let last = events.last().unwrap();
    assert_eq!(last["event"], "finish");
    assert_eq!(last["changed"], true);
    assert!(last["proxmox_requests"].as_u64().unwrap() > 20);
    let done = events.iter().filter(|e| e["event"] == "done").count();
    assert_eq!(done, 5);

    let out = rig.run(&args).await;
    assert_eq!(out.status.code(), Some(0));
    let last = json_events(&out).pop().unwrap();
    assert_eq!(last["changed"], false);
    assert!(last["message"].as_str().unwrap().starts_with("no changes"));

    // status and destroy, in plain text (not a terminal here).
    let out = rig
        .run(&["status", &cfg, "--proxmox-only", "--ca-cert", &ca])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("controlplane-2  homelab-controlplane-02  701    pve02    running"),
        "{table}"
    );
    assert!(table.trim_end().ends_with("healthy"));

    let out = rig
        .run(&[
            "destroy",
            &cfg,
            "--ca-cert",
            &ca,
            "--yes",
            "--poll-ms",
            "20",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("destroyed 5 VM(s)"));
    assert!(rig.fake.state().vms.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_exits_2_and_says_what_to_do() {
    let rig = rig().await;
    rig.fake
        .state()
        .fail("POST", "/qemu/710/status/start", 500, "got timeout", 1);
    let (cfg, ca) = (rig.file("cluster.yaml"), rig.file("pve-root-ca.pem"));
    let apply = [
        "apply",
        &cfg,
        "--proxmox-only",
        "--ca-cert",
        &ca,
        "--poll-ms",
        "20",
    ];
    let out = rig.run(&apply).await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: worker-1: starting VM 710 failed: Proxmox refused POST"),
        "{stderr}"
    );
    assert!(stderr.contains("run the command again"), "{stderr}");
    let out = rig.run(&apply).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_calls() {
    let rig = rig().await;
    let (cfg, ca) = (rig.file("cluster.yaml"), rig.file("pve-root-ca.pem"));
    let out = rig
        .run(&[
            "apply",
            &cfg,
            "--proxmox-only",
            "--ca-cert",
            &ca,
            "--dry-run",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("controlplane-1: would call POST /nodes/pve01/qemu vmid=700 name=homelab-controlplane-01"),
        "{stdout}"
    );
    assert!(stdout.contains("would call PUT /nodes/pve01/qemu/710/resize disk=scsi0 size=40G"));
    assert!(
        stdout.contains("worker-1: VM 710 would be created on pve01, grown to 40 GiB, started"),
        "{stdout}"
    );
    assert!(!stdout.contains("created and started"), "{stdout}");
    assert_eq!(rig.fake.state().writes().len(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_and_settings_errors() {
    let rig = rig().await;
    let (cfg, ca) = (rig.file("cluster.yaml"), rig.file("pve-root-ca.pem"));

    rig.refused(
        &["destroy", &cfg, "--ca-cert", &ca],
        "--dry-run, then run it again with --yes",
    )
    .await;
    let missing = rig.file("no-such-dir");
    rig.refused(
        &["apply", &cfg, "--ca-cert", &ca, "--talos-dir", &missing],
        "--talos-dir must be the directory `talosctl gen config` wrote",
    )
    .await;

    // Every missing setting in one message.
    let out = rig
        .run_env(&["apply", &cfg, "--proxmox-only", "--ca-cert", &ca], false)
        .await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no Proxmox endpoint"), "{stderr}");
    assert!(stderr.contains("no Proxmox credentials"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let insecure = [
        "apply",
        &cfg,
        "--proxmox-only",
        "--ca-cert",
        &ca,
        "--insecure",
    ];
    rig.refused(&insecure, "choose one way to trust").await;

    // Without a trusted certificate: a clear error, no retry storm.
    let stderr = rig
        .refused(&["apply", &cfg, "--proxmox-only"], "cannot reach Proxmox")
        .await;
    assert!(stderr.contains("--ca-cert, --fingerprint"), "{stderr}");

    // A pin for a node the plan does not have would be lost: refused before anything.
    let pin = format!("controlplane1={}", "AB".repeat(32));
    rig.refused(
        &[
            "status",
            &cfg,
            "--ca-cert",
            &ca,
            "--talos-fingerprint",
            &pin,
        ],
        "--talos-fingerprint names `controlplane1`, which is not a node",
    )
    .await;

    // Plain HTTP would send the token in the clear.
    let http = rig.fake.url.replace("https://", "http://");
    let plain = ["apply", &cfg, "--proxmox-only", "--endpoint", &http];
    rig.refused(&plain, "Proxmox's API is HTTPS").await;
    assert!(rig.fake.state().requests.is_empty());

    // A config with errors: its diagnostics, exit 1, nothing sent.
    std::fs::write(rig.dir.path().join("bad.yaml"), "cluster:\n  name: x\n").unwrap();
    let out = rig
        .run(&[
            "apply",
            &rig.file("bad.yaml"),
            "--proxmox-only",
            "--ca-cert",
            &ca,
        ])
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nothing was sent to Proxmox"));
    assert!(rig.fake.state().requests.is_empty());
    assert!(!exists(&rig.dir.path().join("kubeconfig")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_lines_and_exit_codes() {
    let rig = rig().await;
    let (cfg, ca) = (rig.file("cluster.yaml"), rig.file("pve-root-ca.pem"));
    let diff = ["diff", &cfg, "--proxmox-only", "--ca-cert", &ca];

    // Nothing built: five creations, exit 3 (changes pending), nothing written.
    let out = rig.run(&diff).await;
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("cluster homelab on Proxmox VE 8.4\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+ controlplane-1  VM 700 on pve01: 2 cores, 4096 MiB, 50 GiB\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("5 to create, 0 to change, 0 to remove, 0 unchanged"),
        "{stdout}"
    );
    assert_eq!(rig.fake.state().writes().len(), 0);

    // Built: in sync, exit 0.
    let apply = [
        "apply",
        &cfg,
        "--proxmox-only",
        "--ca-cert",
        &ca,
        "--poll-ms",
        "20",
    ];
    assert_eq!(rig.run(&apply).await.status.code(), Some(0));
    let out = rig.run(&diff).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("= worker-2  VM 711 on pve01\n"));

    // One worker fewer and more memory: JSON, exit 3.
    let fewer = text(&std::fs::read(&cfg).unwrap())
        .replace("  count: 2\n", "  count: 1\n")
        .replace("memory: 6144", "memory: 8192");
    std::fs::write(rig.dir.path().join("fewer.yaml"), fewer).unwrap();
    let fewer_cfg = rig.file("fewer.yaml");
    let out = rig
        .run(&[
            "diff",
            &fewer_cfg,
            "--proxmox-only",
            "--ca-cert",
            &ca,
            "--output",
            "json",
        ])
        .await;
    assert_eq!(out.status.code(), Some(3));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["exit_code"], 3);
    assert_eq!(doc["counts"]["remove"], 1);
    let nodes = doc["nodes"].as_array().unwrap();
    let worker1 = nodes.iter().find(|n| n["key"] == "worker-1").unwrap();
    assert_eq!(worker1["action"], "change");
    assert_eq!(worker1["changes"][0]["what"], "memory");
    assert_eq!(worker1["changes"][0]["reboot"], true);
    let worker2 = nodes.iter().find(|n| n["key"] == "worker-2").unwrap();
    assert_eq!(worker2["action"], "remove");
    // apply refuses the removal without --yes (not a terminal here).
    let out = rig
        .run(&["apply", &fewer_cfg, "--proxmox-only", "--ca-cert", &ca])
        .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("removing a node needs Talos"),
        "{}",
        text(&out.stderr)
    );

    // A preflight error: the diagnostic with its source line, exit 1.
    let bad = text(&std::fs::read(&cfg).unwrap()).replace("bridge: vmbr0", "bridge: vmbr9");
    std::fs::write(rig.dir.path().join("bridge.yaml"), bad).unwrap();
    let out = rig
        .run(&[
            "diff",
            &rig.file("bridge.yaml"),
            "--proxmox-only",
            "--ca-cert",
            &ca,
        ])
        .await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[bridge-missing]"), "{stderr}");
    assert!(stderr.contains("bridge.yaml:"), "{stderr}");
    assert!(stderr.contains("bridge: vmbr9"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_suggests_spreading_the_control_planes_over_the_live_nodes() {
    let rig = rig().await;
    let ca = rig.file("pve-root-ca.pem");
    // Every control plane on pve01; pve03 has the most free memory, then pve02.
    let shared = text(&std::fs::read(rig.file("cluster.yaml")).unwrap()).replace(
        "  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
        "",
    );
    std::fs::write(rig.dir.path().join("shared.yaml"), shared).unwrap();
    {
        let mut st = rig.fake.state();
        st.node_used.insert("pve01".into(), 40 << 30);
        st.node_used.insert("pve02".into(), 20 << 30);
        st.node_used.insert("pve03".into(), 2 << 30);
    }
    let file = rig.file("shared.yaml");
    let out = rig
        .run(&["diff", &file, "--proxmox-only", "--ca-cert", &ca])
        .await;
    assert_eq!(out.status.code(), Some(3));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("over the online nodes, most free memory first (pve03, pve02, pve01)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "    +    controlplane-1:\n    +      node: pve03\n    +    controlplane-2:\n    +      node: pve02\n"
        ),
        "{stdout}"
    );
    let out = rig
        .run(&[
            "diff",
            &file,
            "--proxmox-only",
            "--ca-cert",
            &ca,
            "--output",
            "json",
        ])
        .await;
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["spread"]["hosts"],
        serde_json::json!(["pve03", "pve02", "pve01"])
    );
    assert!(doc["spread"]["diff"]
        .as_str()
        .unwrap()
        .starts_with("--- config\n+++ spread\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_needs_no_proxmox() {
    let rig = rig().await;
    let cfg = rig.file("cluster.yaml");
    // No endpoint, no credentials: the plan alone, and why Proxmox was not asked.
    let out = rig.run_env(&["apply", &cfg, "--dry-run"], false).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("no Proxmox endpoint") && all.contains("no Proxmox credentials"),
        "{all}"
    );
    assert!(
        stdout.contains("controlplane-1: would call POST /nodes/pve01/qemu vmid=700 name=homelab-controlplane-01"),
        "{stdout}"
    );
    assert!(stdout.contains("cores=2"), "{stdout}");
    assert!(
        stdout.contains("worker-2: would call POST /nodes/pve01/qemu/711/status/start"),
        "{stdout}"
    );
    assert!(stdout.contains("Talos ApplyConfiguration"), "{stdout}");
    assert!(stdout.contains("Talos Bootstrap"), "{stdout}");
    assert!(
        stdout.contains("would create the secrets bundle at"),
        "{stdout}"
    );
    // A dry run writes nothing.
    assert!(!rig.dir.path().join("homelab-talos").exists());
    assert!(rig.fake.state().requests.is_empty());

    // Set up but unreachable: the same, after saying so.
    let out = rig
        .run_env(
            &[
                "apply",
                &cfg,
                "--dry-run",
                "--proxmox-only",
                "--endpoint",
                "https://127.0.0.1:9",
                "--insecure",
                "--output",
                "json",
            ],
            true,
        )
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let events = json_events(&out);
    assert!(events.iter().any(|e| e["event"] == "warning"
        && e["message"]
            .as_str()
            .unwrap_or("")
            .contains("cannot reach Proxmox")));
    assert_eq!(
        events
            .iter()
            .filter(|e| e["event"] == "would_call"
                && e["call"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("POST /nodes/pve01/qemu "))
            .count(),
        3,
        "{events:#?}"
    );
    assert_eq!(events.last().unwrap()["event"], "finish");
}
