//! The `talos-planner` binary: exit codes, output contracts, render to disk.
#![cfg(feature = "native")]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_talos-planner"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn example_path(file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(file)
        .to_string_lossy()
        .into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("talos-planner-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const BROKEN: &str = "cluster:
  name: home.lab
  node: pve01
  datastore: local-lvm
  vm_base_id: 700
image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  brige: vmbr0
  cidr: 10.10.100.0/24
  gateway: 10.10.100.1
  dns_servers: [1.1.1.1]
controlplane:
  count: 1
  specs: { cpu: 4, memory: 4096, disk: 100 }
worker:
  count: 1
  specs: { cpu: 2, memory: 4096, disk: 100 }
";

#[test]
fn lint_exit_codes() {
    for (_, file, _) in talos_planner::examples::EXAMPLES {
        let out = run(&["lint", &example_path(file)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let dir = temp_dir("exit");
    let broken = write(&dir, "broken.yaml", BROKEN);
    let out = run(&["lint", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[unknown-field]"), "{text}");
    assert!(
        text.contains("brige: vmbr0"),
        "the source line is shown: {text}"
    );
    assert!(text.contains("did you mean `bridge`"), "{text}");

    assert_eq!(
        run(&["lint", "/nonexistent/cluster.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["lint", "--format", "nope", &broken]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["lint"]).status.code(), Some(2));

    // Warnings fail only with --strict.
    let warn = write(
        &dir,
        "warn.yaml",
        &BROKEN
            .replace("home.lab", "homelab")
            .replace("brige", "bridge")
            .replace("count: 1\n  specs: { cpu: 4", "count: 2\n  specs: { cpu: 4"),
    );
    assert_eq!(run(&["lint", &warn]).status.code(), Some(0));
    assert_eq!(run(&["lint", "--strict", &warn]).status.code(), Some(1));
}

#[test]
fn human_output_never_passes_terminal_control_characters_through() {
    // A key and a source line that would clear the screen and retitle the terminal.
    let dir = temp_dir("control");
    let hostile = BROKEN.replace("brige", "bri\u{1b}[2J\u{1b}]0;pwned\u{7}ge");
    let file = write(&dir, "escape.yaml", &hostile);
    let out = run(&["lint", &file]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[unknown-field]"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("bri?[2J?]0;pwned?ge"), "{text}");
}

#[test]
fn plan_says_which_expressions_it_cannot_plan_without() {
    let dir = temp_dir("expressions");
    let module = "module \"c\" {
  source = \"x/terraform-proxmox-talos-cluster\"
  cluster = { name = \"homelab\", vm_base_id = 700, datastore = \"local-lvm\", node = \"pve01\" }
  image = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }
  network = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }
  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }
  worker = { count = var.workers, specs = { cpu = 2, memory = 4096, disk = 100 } }
}
";
    let file = write(&dir, "main.tf", module);
    assert_eq!(
        run(&["lint", &file]).status.code(),
        Some(0),
        "lint is silent"
    );
    let out = run(&["plan", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`var.workers` is a Terraform expression"),
        "{err}"
    );
    assert!(err.contains("main.tf:7:"), "{err}");
    let out = run(&["render", &file, "--out", &dir.join("out").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`var.workers`"));

    // With the counts known the plan shows what it can, and says what it cannot.
    let partial = write(
        &dir,
        "partial.tf",
        &module
            .replace("var.workers", "2")
            .replace("700", "local.base"),
    );
    let out = run(&["plan", &partial]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 Terraform expression"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("homelab-worker-02"));
}

#[test]
fn lint_json_contract() {
    let dir = temp_dir("json");
    let broken = write(&dir, "broken.yaml", BROKEN);
    let out = run(&["lint", "--format", "json", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-field")
        .unwrap();
    assert_eq!(unknown["file"], broken.as_str());
    assert_eq!(unknown["severity"], "error");
    // `brige` is on line 10, columns 3..8 (1-based).
    assert_eq!(unknown["range"]["start"]["line"], 10);
    assert_eq!(unknown["range"]["start"]["column"], 3);
    assert_eq!(unknown["range"]["end"]["column"], 8);
    let fix = &unknown["fixes"][0];
    assert_eq!(fix["edits"][0]["new_text"], "bridge");
    assert_eq!(fix["edits"][0]["range"]["start"]["line"], 10);
    assert!(fix["title"].as_str().unwrap().contains("bridge"));
}

#[test]
fn lint_sarif_and_github() {
    let dir = temp_dir("sarif");
    let broken = write(&dir, "broken.yaml", BROKEN);
    let out = run(&["lint", "--format", "sarif", &broken]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "talos-planner");
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        talos_planner::rules().len()
    );
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "unknown-field")
        .unwrap();
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );

    let out = run(&["lint", "--format", "github", &broken]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains("line=10,col=3")
            && l.contains("title=unknown-field::")),
        "{text}"
    );

    // Notes are log lines, not annotations.
    let (_, example) = talos_planner::examples::example("three-controlplanes").unwrap();
    let notes = write(&dir, "notes.yaml", example);
    let out = run(&["lint", "--format", "github", &notes]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("::notice"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("note: ")
            && l.contains("notes.yaml:23:17: [below-talos-recommended] cpu 2 cores")),
        "{text}"
    );
}

#[test]
fn plan_json_matches_the_library() {
    let (_, text) = talos_planner::examples::example("three-controlplanes").unwrap();
    let out = run(&[
        "plan",
        "--format",
        "json",
        &example_path("three-controlplanes.yaml"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lib = serde_json::to_value(
        talos_planner::analyze(text, talos_planner::Format::Yaml)
            .plan
            .unwrap(),
    )
    .unwrap();
    assert_eq!(cli, lib);
    assert_eq!(cli["ha_vip"], "10.10.100.13");

    let table = run(&["plan", "--example", "three-controlplanes"]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("https://10.10.100.13:6443"), "{table}");
    assert!(table.contains("homelab-controlplane-01"), "{table}");

    // A config with errors still prints its plan (as the page shows it beside the
    // errors), its diagnostics on stderr, and exits 1.
    let dir = temp_dir("plan");
    let broken = write(&dir, "broken.yaml", BROKEN);
    let out = run(&["plan", "--format", "json", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lib = talos_planner::analyze(BROKEN, talos_planner::Format::Yaml).plan;
    assert_eq!(cli, serde_json::to_value(lib).unwrap());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown-field"));
}

#[test]
fn plan_reads_stdin() {
    use std::io::Write;
    let (_, text) = talos_planner::examples::example("tfvars-json").unwrap();
    let mut child = bin()
        .args(["plan", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["nodes"].as_array().unwrap().len(), 5);
}

#[test]
fn render_writes_patches_and_merged_configs() {
    let out_dir = temp_dir("render");
    let out = run(&[
        "render",
        "--example",
        "three-controlplanes",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vip = std::fs::read_to_string(out_dir.join("controlplane-1/04-ha-vip.yaml")).unwrap();
    assert!(vip.contains("kind: Layer2VIPConfig"));
    assert!(vip.contains("name: 10.10.100.13"));
    assert!(!out_dir.join("worker-1/04-ha-vip.yaml").exists());
    assert!(out_dir.join("worker-1/02-hostname.yaml").exists());

    let Some(bases) = support::reference("talos-gen-config") else {
        return;
    };
    let base_dir = temp_dir("bases");
    std::fs::copy(
        bases.join("v1.12/base-controlplane.yaml"),
        base_dir.join("controlplane.yaml"),
    )
    .unwrap();
    std::fs::copy(
        bases.join("v1.12/base-worker.yaml"),
        base_dir.join("worker.yaml"),
    )
    .unwrap();
    let merged_dir = temp_dir("merged");
    let out = run(&[
        "render",
        "--example",
        "three-controlplanes",
        "--out",
        merged_dir.to_str().unwrap(),
        "--base-dir",
        base_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = std::fs::read_to_string(merged_dir.join("controlplane-2/config.yaml")).unwrap();
    let docs = talos_planner::render::merge::MachineConfig::parse(&config)
        .unwrap()
        .documents;
    assert!(docs
        .iter()
        .any(|d| d.get("kind").and_then(|k| k.as_str()) == Some("Layer2VIPConfig")));
    let errors = support::schema_errors("v1.12", &docs);
    assert!(errors.is_empty(), "{errors:#?}");
    let worker = std::fs::read_to_string(merged_dir.join("worker-1/config.yaml")).unwrap();
    assert!(!worker.contains("Layer2VIPConfig"));
}

#[test]
fn schema_accepts_the_examples_and_rejects_typos() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let validator = jsonschema::draft7::new(&schema).expect("a valid draft-07 schema");
    for (name, file, text) in talos_planner::examples::EXAMPLES {
        let value: serde_json::Value = if file.ends_with(".json") {
            serde_json::from_str(text).unwrap()
        } else {
            let yaml: yaml_serde::Value = yaml_serde::from_str(text).unwrap();
            serde_json::to_value(yaml).unwrap()
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let broken: yaml_serde::Value = yaml_serde::from_str(BROKEN).unwrap();
    let broken = serde_json::to_value(broken).unwrap();
    assert!(
        !validator.is_valid(&broken),
        "brige and home.lab must be rejected"
    );
}

#[test]
fn rules_are_documented_from_the_catalogue() {
    let out = run(&["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for rule in talos_planner::rules() {
        assert!(text.contains(rule.id), "{}", rule.id);
    }
    let explain = run(&["rules", "vip-conflict"]);
    assert!(String::from_utf8_lossy(&explain.stdout).contains("Why:"));
    assert_eq!(run(&["rules", "no-such-rule"]).status.code(), Some(2));

    // The README's rule table is exactly the generated one.
    let markdown = run(&["rules", "--format", "markdown"]);
    let table = String::from_utf8_lossy(&markdown.stdout);
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(
        readme.contains(table.as_ref()),
        "README.md's rule table is out of date: regenerate it with `talos-planner rules --format markdown`"
    );
}

/// `lint`, `plan` and `render` of a Terraform root module (tests/hcl/root-module):
/// defaults, terraform.tfvars and an .auto.tfvars, then --var-file and --var in order.
#[test]
fn root_modules_read_their_variables_like_terraform() {
    let module = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hcl/root-module");
    let dir = module.to_string_lossy().into_owned();
    let out = run(&["lint", &dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("(`var.talos_version` comes from terraform.tfvars)"),
        "{stdout}"
    );
    assert!(stdout.contains("module-automatic-vip"), "{stdout}");
    assert!(stdout.contains("terraform.tfvars:8:1"), "{stdout}");

    // The later option wins: --var-file prod.tfvars (5 control planes), then --var.
    let prod = module.join("prod.tfvars").to_string_lossy().into_owned();
    let plan = |extra: &[&str]| {
        let mut args = vec!["plan", dir.as_str(), "--format", "json"];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let p = plan(&["--var-file", &prod]);
    assert_eq!(p["nodes"].as_array().unwrap().len(), 7);
    assert_eq!(p["ha_vip"], "10.10.100.15");
    let p = plan(&["--var-file", &prod, "--var", "controlplanes=3"]);
    assert_eq!(p["nodes"].as_array().unwrap().len(), 5);
    let p = plan(&["--var", "controlplanes=3", "--var-file", &prod]);
    assert_eq!(p["nodes"].as_array().unwrap().len(), 7);

    // A file with no module block says so, and where the module blocks are.
    let providers = module.join("providers.tf").to_string_lossy().into_owned();
    let out = run(&["plan", &providers]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing to plan"), "{err}");
    assert!(err.contains("main.tf"), "{err}");
    let out = run(&["lint", &providers]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("nothing-to-check"), "{stdout}");
    assert!(!stdout.contains("no problems found"), "{stdout}");

    // Undeclared --var: Terraform refuses it, so do we.
    let out = run(&["plan", &dir, "--var", "nope=1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `variable \"nope\"`"));
    let out = run(&[
        "plan",
        &example_path("three-controlplanes.yaml"),
        "--var",
        "a=1",
    ]);
    assert_eq!(out.status.code(), Some(2));

    // Render writes each node's patches with the resolved values.
    let target = temp_dir("root-module-render");
    let out = run(&[
        "render",
        &dir,
        "--var",
        "talos_version=v1.12.0",
        "--out",
        &target.to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vip = std::fs::read_to_string(target.join("controlplane-1/04-ha-vip.yaml")).unwrap();
    assert!(vip.contains("10.10.100.13"), "{vip}");
}

/// A module block whose inputs are all variables without values is not "no problems".
#[test]
fn lint_never_calls_unchecked_input_clean() {
    let dir = temp_dir("all-vars");
    let file = write(
        &dir,
        "main.tf",
        "module \"k8s\" {\n  source       = \"git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git\"\n  cluster      = var.cluster\n  image        = var.image\n  network      = var.network\n  controlplane = var.controlplane\n  worker       = var.worker\n}\n",
    );
    let out = run(&["lint", &file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout.contains("no problems found"), "{stdout}");
    assert!(
        stdout.contains("5 values unknown until Terraform runs"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`var.cluster` (no `variable` block declares it: Terraform refuses it)"),
        "{stdout}"
    );
}
