//! The command line in everyday use: pipes closed early, directories, missing files,
//! plans of configs with errors or unknown values, and silencing rules (flags and
//! ignore comments).
#![cfg(feature = "native")]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_talos-planner"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "talos-planner-everyday-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn example() -> &'static str {
    talos_planner::examples::example("three-controlplanes")
        .unwrap()
        .1
}

/// A config whose plan is far larger than a pipe's buffer (64 KiB on Linux).
fn large_config() -> String {
    example()
        .replace("  count: 2\n", "  count: 3000\n")
        .replace("10.10.100.0/24", "10.10.0.0/16")
        .replace("gateway: 10.10.100.1", "gateway: 10.10.0.1")
}

/// Runs `args` with standard output into a pipe whose reader reads `keep` bytes and
/// closes it; returns the exit status and standard error.
fn closed_early(args: &[&str], keep: usize) -> (Option<i32>, String) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = child.stdout.take().unwrap();
    let mut first = vec![0u8; keep];
    reader.read_exact(&mut first).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr(&out))
}

#[test]
fn a_pipe_closed_early_ends_the_process_quietly() {
    let dir = temp_dir("pipe");
    let big = write(&dir, "big.yaml", &large_config());
    for args in [
        vec!["plan", big.as_str(), "--format", "json"],
        vec!["plan", big.as_str()],
    ] {
        let (code, err) = closed_early(&args, 1);
        // 141 = 128 + SIGPIPE: what a shell reports for `cat big | head -1`.
        assert_eq!(code, Some(141), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} wrote to stderr: {err}");
    }
    // The plan really is larger than a pipe holds.
    assert!(run(&["plan", &big, "--format", "json"]).stdout.len() > 1 << 20);
}

#[test]
fn lint_checks_the_configs_in_a_directory() {
    let dir = temp_dir("walk");
    write(&dir, "cluster.yaml", example());
    write(
        &dir,
        "site/broken.yaml",
        &example().replace("bridge: vmbr0", "brige: vmbr0"),
    );
    write(
        &dir,
        "site/main.tf",
        "module \"c\" {\n  source = \"git::https://example.invalid/terraform-proxmox-talos-cluster.git\"\n  cluster = { name = \"home.lab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image = { version = \"v1.12.0\", extensions = [] }\n  network = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker = { count = 0, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n",
    );
    write(&dir, "site/providers.tf", "provider \"proxmox\" {}\n");
    write(&dir, "workflow.yaml", "on: push\njobs: {}\n");
    write(&dir, "package.json", "{ \"name\": \"x\" }\n");
    write(&dir, "notes.md", "cluster:\n");
    write(&dir, ".hidden/broken.yaml", "cluster: [\n");
    write(&dir, "node_modules/x/cluster.yaml", "cluster: [\n");

    let root = dir.to_string_lossy().into_owned();
    let out = run(&["lint", &root]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("broken.yaml"), "{text}");
    assert!(text.contains("error[unknown-field]"), "{text}");
    assert!(text.contains("main.tf"), "{text}");
    assert!(text.contains("error[invalid-cluster-name]"), "{text}");
    for skipped in [
        "workflow.yaml",
        "package.json",
        "notes.md",
        ".hidden",
        "node_modules",
    ] {
        assert!(!text.contains(skipped), "{skipped}: {text}");
    }
    assert!(
        text.contains("4 files checked: 2 errors, 0 warnings (6 notes); 2 files skipped (not cluster configs)"),
        "{text}"
    );
    // `lint .` from inside it.
    let out = bin()
        .args(["lint", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("./site/broken.yaml"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_file_is_reported_and_the_others_are_checked() {
    let dir = temp_dir("missing");
    let broken = write(
        &dir,
        "broken.yaml",
        &example().replace("bridge: vmbr0", "brige: vmbr0"),
    );
    let missing = dir.join("missing.yaml").to_string_lossy().into_owned();
    let good = write(&dir, "good.yaml", example());
    for format in ["human", "json"] {
        let out = run(&["lint", &missing, &broken, &good, "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            stderr(&out).contains(&format!("cannot read {missing}")),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).contains("unknown-field"), "{}", stdout(&out));
    }
    let out = run(&["lint", &missing, &broken, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["file"] == broken.as_str()));
}

#[test]
fn plan_with_errors_shows_the_table_and_marks_what_fails() {
    let dir = temp_dir("plan-errors");
    // Worker overrides that put worker-1 on controlplane-2's address and VM ID.
    let text = example().replace(
        "  specs: { ip_offset: 10, cpu: 2, memory: 6144, disk: 50 }\n",
        "  specs: { ip_offset: 10, cpu: 2, memory: 6144, disk: 50 }\n  overrides:\n    worker-1: { vm_id: 701, network: { ip_address: 10.10.100.11, cidr: 10.10.100.0/24, gateway: 10.10.100.1 } }\n",
    );
    let file = write(&dir, "collide.yaml", &text);
    let out = run(&["plan", &file]);
    assert_eq!(out.status.code(), Some(1));
    let table = stdout(&out);
    let row = |key: &str| {
        table
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key}: {table}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let worker = row("worker-1");
    assert!(worker.contains(&"701!".to_owned()), "{worker:?}");
    assert!(
        worker.contains(&"10.10.100.11/24!".to_owned()),
        "{worker:?}"
    );
    assert!(row("worker-2").iter().all(|c| !c.ends_with('!')));
    assert!(table.contains("! marks a value with an error"), "{table}");
    let err = stderr(&out);
    assert!(
        err.contains("duplicate-vm-id") && err.contains("duplicate-ip"),
        "{err}"
    );
    assert!(
        !table.contains("duplicate-ip"),
        "diagnostics stay on stderr"
    );
}

#[test]
fn unknown_values_are_dashes_and_the_schematic_is_still_known() {
    let dir = temp_dir("unknowns");
    let file = write(
        &dir,
        "main.tf",
        "module \"c\" {\n  source = \"git::https://example.invalid/terraform-proxmox-talos-cluster.git\"\n  cluster = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = var.base }\n  image = { version = var.talos_version, extensions = [\"qemu-guest-agent\"] }\n  network = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker = { count = 1, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\n",
    );
    let out = run(&["plan", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains("\nimage       -\ninstaller   -\n"),
        "{table}"
    );
    let worker = table.lines().find(|l| l.starts_with("worker-1")).unwrap();
    assert_eq!(worker.split_whitespace().nth(3), Some("-"), "{worker}");
    let out = run(&["plan", &file, "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        plan["image"]["schematic_id"],
        "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515"
    );
    assert_eq!(plan["image"]["disk_image_url"], serde_json::Value::Null);
    assert_eq!(plan["image"]["installer_image"], serde_json::Value::Null);
}

#[test]
fn rules_are_silenced_by_flags_and_comments() {
    let dir = temp_dir("levels");
    let file = write(&dir, "cluster.yaml", example());
    let notes = |out: &Output| stdout(out).matches("note[below-talos-recommended]").count();
    assert_eq!(notes(&run(&["lint", &file])), 3);
    let out = run(&["lint", &file, "--allow", "below-talos-recommended"]);
    assert_eq!((out.status.code(), notes(&out)), (Some(0), 0));
    assert!(
        stdout(&out).contains("1 file: no problems found\n"),
        "{}",
        stdout(&out)
    );
    let out = run(&["lint", &file, "--deny", "below-talos-recommended"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[below-talos-recommended]"));
    // `all`, and a rule named on its own winning over it.
    let out = run(&[
        "lint",
        &file,
        "--deny",
        "all",
        "--allow",
        "below-talos-recommended",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["lint", &file, "--format", "github", "--allow", "all"]);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    // The same flags on plan and render.
    let broken = write(
        &dir,
        "even.yaml",
        &example().replace("  count: 3\n", "  count: 4\n"),
    );
    let out = run(&["plan", &broken, "--deny", "even-controlplane-count"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("controlplane-4"));
    // Mistakes are usage errors.
    let out = run(&["lint", &file, "--allow", "below-talos-recomended"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `below-talos-recommended`"),
        "{}",
        stderr(&out)
    );
    let out = run(&[
        "lint",
        &file,
        "--allow",
        "vip-conflict",
        "--deny",
        "vip-conflict",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("both allow and deny"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        run(&["lint", &file, "--allow", "syntax-error"])
            .status
            .code(),
        Some(2)
    );

    // Ignore comments: one line, the whole file, and one that silences nothing.
    let commented = example()
        .replace(
            "  specs: { cpu: 2, memory: 4096, disk: 50 }\n",
            "  # talos-planner: ignore[below-talos-recommended] a homelab runs on small VMs\n  specs: { cpu: 2, memory: 4096, disk: 50 }\n",
        )
        .replace(
            "  specs: { ip_offset: 10,",
            "  # talos-planner: ignore[below-talos-recommended, vip-conflict]\n  specs: { ip_offset: 10,",
        );
    let file = write(&dir, "commented.yaml", &commented);
    let out = run(&["lint", &file]);
    assert_eq!(notes(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("warning[unused-ignore]: `vip-conflict` reports nothing"),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(run(&["lint", &file, "--strict"]).status.code(), Some(1));
    let explain = stdout(&run(&["rules"]));
    assert!(
        explain.contains("# talos-planner: ignore[rule-id] reason"),
        "{explain}"
    );
}
