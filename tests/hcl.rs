#![cfg(feature = "hcl")]
//! Terraform input: module blocks (the module's own README example among them), several
//! blocks in one file, unknown expressions, `.tfvars` and `.tfvars.json`; and fixes that
//! apply cleanly in HCL.

use std::path::PathBuf;

use talos_planner::diagnostics::{apply_edits, Severity};
use talos_planner::terraform::{
    analyze_root_module, NamedText, RootModule, RootModuleAnalysis, ValueOption,
};
use talos_planner::{analyze, analyze_file, lint, Diagnostic, Format};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hcl")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn at<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.start..d.span.end]
}

fn problems(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
        .collect()
}

/// Applies the first fix of the diagnostic `code` at `needle`; the rest of the file must
/// stay byte for byte.
fn fix(text: &str, code: &str, needle: &str) -> String {
    let diagnostics = lint(text, Format::Hcl);
    let d = diagnostics
        .iter()
        .find(|d| d.code() == code && at(text, d).contains(needle))
        .unwrap_or_else(|| panic!("no {code} at {needle}: {diagnostics:#?}"));
    let fix = d
        .fixes
        .first()
        .unwrap_or_else(|| panic!("{code} offers no fix"));
    let fixed = apply_edits(text, &fix.edits).expect("edits apply");
    let edit = &fix.edits[0];
    assert_eq!(&fixed[..edit.span.start], &text[..edit.span.start]);
    assert_eq!(
        &fixed[edit.span.start + edit.new_text.len()..],
        &text[edit.span.end..]
    );
    fixed
}

#[test]
fn the_module_readme_example_gives_exactly_what_a_reviewer_would_list() {
    let text = fixture("module-readme-example.tf");
    let file = analyze_file(&text, Format::Hcl);
    assert_eq!(file.documents.len(), 2, "two module blocks");
    assert_eq!(file.documents[0].name.as_deref(), Some("k8s_cluster"));
    assert_eq!(
        file.documents[1].name.as_deref(),
        Some("k8s_cluster_override")
    );

    let found: Vec<(&str, &str)> = problems(&file.diagnostics)
        .iter()
        .map(|d| (d.code(), at(&text, d)))
        .collect();
    assert_eq!(
        found,
        [
            ("invalid-cluster-name", "\"homelab.cluster\""),
            ("unknown-field", "brige"),
            ("invalid-cluster-name", "\"homelab.cluster\""),
            // The module's code ignores an override's gateway and VLAN, and
            // `dns_servers` in an override's network is not a field at all.
            ("module-ignores-override-network", "\"10.10.101.1\""),
            ("unknown-field", "dns_servers"),
            ("module-ignores-override-network", "1101"),
            ("module-ignores-override-network", "\"10.10.101.1\""),
            ("unknown-field", "dns_servers"),
            ("module-ignores-override-network", "1101"),
        ],
        "{:#?}",
        file.diagnostics
    );
    // The rest are Talos's resource recommendations, informational only, and the note
    // that `file(...)` is not known.
    for d in &file.diagnostics {
        if d.severity == Severity::Info {
            assert!(
                ["below-talos-recommended", "unknown-values"].contains(&d.code()),
                "{d:?}"
            );
        }
    }
    // `config_patches = [file(...)]` is unknown: no patch rule guesses about it.
    assert!(!file.diagnostics.iter().any(|d| d.code().contains("patch")));

    let fixed = fix(&text, "unknown-field", "brige");
    assert!(fixed.contains("    bridge       = \"vmbr0\""), "{fixed}");
    let fixed = fix(&fixed, "invalid-cluster-name", "homelab.cluster");
    assert!(fixed.contains("name           = \"homelab-cluster\""));
    let after = problems(&lint(&fixed, Format::Hcl))
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>();
    assert_eq!(
        after,
        [
            "invalid-cluster-name",
            "module-ignores-override-network",
            "unknown-field",
            "module-ignores-override-network",
            "module-ignores-override-network",
            "unknown-field",
            "module-ignores-override-network"
        ]
    );
}

#[test]
fn several_module_blocks_and_other_terraform_code() {
    let text = fixture("several-modules.tf");
    let file = analyze_file(&text, Format::Hcl);
    let names: Vec<_> = file.documents.iter().map(|d| d.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("prod"), Some("staging")],
        "the network module is not ours"
    );
    let found: Vec<(&str, &str)> = problems(&file.diagnostics)
        .iter()
        .map(|d| (d.code(), at(&text, d)))
        .collect();
    assert_eq!(
        found,
        [
            ("vip-conflict", "\"10.20.0.21\""),
            ("invalid-override-key", "\"worker-01\""),
            ("unused-override", "\"worker-5\""),
        ]
    );
    // Each block has its own plan.
    let prod = file.documents[0].plan.as_ref().unwrap();
    let staging = file.documents[1].plan.as_ref().unwrap();
    assert!(prod.ha_vip_enabled && !staging.ha_vip_enabled);
    assert_eq!(
        staging.cluster_endpoint.as_deref(),
        Some("https://10.30.0.10:6443")
    );
    let offset = text.find("module \"staging\"").unwrap() + 10;
    assert_eq!(
        file.document_at(offset).unwrap().name.as_deref(),
        Some("staging")
    );

    // Fixes keep HCL's quoting and layout.
    let fixed = fix(&text, "vip-conflict", "10.20.0.21");
    assert!(fixed.contains("ha_vip     = \"10.20.0.13\""), "{fixed}");
    let fixed = fix(&text, "invalid-override-key", "worker-01");
    assert!(fixed.contains("      \"worker-1\" = { cpu = 4 }"));
    let fixed = fix(&text, "unused-override", "worker-5");
    assert!(!fixed.contains("worker-5"));
    assert!(
        fixed.contains("      \"worker-01\" = { cpu = 4 }\n    }\n"),
        "{fixed}"
    );
    assert!(!problems(&lint(&fixed, Format::Hcl))
        .iter()
        .any(|d| d.code() == "unused-override"));
}

#[test]
fn unknown_expressions_never_raise_false_positives() {
    let text = fixture("unknowns.tf");
    let file = analyze_file(&text, Format::Hcl);
    assert_eq!(file.documents.len(), 1);
    // Only the note that says what was not checked, and why.
    let [note] = file.diagnostics.as_slice() else {
        panic!("{:#?}", file.diagnostics);
    };
    assert_eq!(note.code(), "unknown-values");
    assert!(note.message.starts_with("22 values unknown until Terraform runs: `\"lab-${var.suffix}\"`, `var.node`, `local.datastore`"), "{}", note.message);
    assert!(
        note.message
            .ends_with("and 14 more; rules that need them were skipped"),
        "{}",
        note.message
    );
    // Nothing is guessed: no plan without counts.
    assert!(file.documents[0].plan.is_none());
}

#[test]
fn terraform_type_conversions_are_not_type_errors() {
    // Terraform converts "700" to a number variable and 0 to a string one; so do we in
    // Terraform files, and the plan uses the converted values.
    let text = "cluster = { name = \"homelab\", vm_base_id = \"700\", datastore = \"local-lvm\", node = \"pve01\" }
image = { version = \"v1.12.0\", extensions = [\"qemu-guest-agent\"] }
network = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"], vlan_id = \"100\", bridge = 0 }
controlplane = { count = \"3\", specs = { cpu = \"4\", memory = 4096, disk = 100 } }
worker = { count = \"two\", specs = { cpu = 2, memory = 4096, disk = 100 } }
";
    let analysis = analyze(text, Format::Hcl);
    let problems: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code(), at(text, d)))
        .collect();
    // A string that is no number stays an error.
    assert_eq!(problems, [("invalid-type", "\"two\"")]);
    let fixed = text.replace("\"two\"", "2");
    let plan = analyze(&fixed, Format::Hcl).plan.unwrap();
    assert_eq!(plan.nodes[0].vm_id, Some(700));
    assert_eq!(plan.nodes[0].vlan_id, Some(100));
    assert_eq!(plan.nodes[0].cpu, Some(4));
    assert_eq!(
        plan.ha_vip.map(|v| v.to_string()).as_deref(),
        Some("10.10.100.13")
    );

    // YAML and JSON configs are ours, not Terraform's: types stay strict there.
    let yaml = "cluster:\n  vm_base_id: \"700\"\n";
    assert!(lint(yaml, Format::Yaml)
        .iter()
        .any(|d| d.code() == "invalid-type" && at(yaml, d) == "\"700\""));
}

#[test]
fn tfvars_may_set_other_variables_with_a_warning() {
    // A root module's variable file also feeds providers and other modules.
    let text = format!(
        "proxmox_endpoint = \"https://pve:8006\"\n{}",
        fixture("cluster.tfvars")
    );
    let extra: Vec<_> = lint(&text, Format::Hcl)
        .into_iter()
        .filter(|d| d.code() == "unknown-field")
        .collect();
    assert_eq!(extra.len(), 1, "{extra:#?}");
    assert_eq!(extra[0].severity, Severity::Warning);
    assert_eq!(at(&text, &extra[0]), "proxmox_endpoint");
    // In a module block Terraform refuses an unsupported argument: an error there.
    let module = fixture("module-readme-example.tf").replacen(
        "  cluster = {",
        "  proxmox_endpoint = \"x\"\n  cluster = {",
        1,
    );
    assert!(lint(&module, Format::Hcl)
        .iter()
        .any(|d| d.code() == "unknown-field"
            && d.severity == Severity::Error
            && at(&module, d) == "proxmox_endpoint"));
}

#[test]
fn a_byte_order_mark_changes_nothing() {
    // Windows editors write one; Terraform ignores it, and so do we (HCL and JSON).
    let text = fixture("module-readme-example.tf");
    let marked = format!("\u{feff}{text}");
    let codes = |t: &str| -> Vec<(&'static str, usize)> {
        lint(t, Format::Hcl)
            .iter()
            .map(|d| (d.code(), d.span.start))
            .collect()
    };
    let shifted: Vec<_> = codes(&text).into_iter().map(|(c, s)| (c, s + 3)).collect();
    assert_eq!(codes(&marked), shifted);
    let json = format!(
        "\u{feff}{}",
        talos_planner::examples::example("tfvars-json").unwrap().1
    );
    assert!(!lint(&json, Format::Json)
        .iter()
        .any(|d| d.code() == "syntax-error"));
}

#[test]
fn what_needs_every_value_refuses_expressions_where_they_are() {
    // Lint is silent about expressions; rendering cannot be, and says which ones.
    let text = fixture("unknowns.tf");
    let Err(talos_planner::RenderFailure::Diagnostics(errors)) =
        talos_planner::render(&text, Format::Hcl)
    else {
        panic!("rendered a config with expressions");
    };
    let config = analyze(&text, Format::Hcl).config.unwrap();
    assert_eq!(errors.len(), config.expressions.len());
    assert!(!errors.is_empty());
    for (e, expr) in errors.iter().zip(&config.expressions) {
        assert_eq!(e.code(), "invalid-value");
        assert_eq!(
            at(&text, e),
            expr.value,
            "the error points at the expression"
        );
        assert!(e.message.contains("Terraform expression"), "{}", e.message);
    }
}

#[test]
fn unknown_addresses_leave_the_vip_unknown_but_check_the_rest() {
    let text = "module \"m\" {
  source = \"terraform-proxmox-talos-cluster\"
  cluster = { name = \"a.b\", node = \"pve\", datastore = \"d\", vm_base_id = 700 }
  image = { version = \"v1.12.0\", extensions = [] }
  network = { cidr = var.cidr, gateway = \"10.0.0.1\", dns_servers = [] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 4096, disk = 100 } }
  worker = { count = 1, specs = { cpu = 2, memory = 4096, disk = 100 } }
}
";
    let analysis = analyze(text, Format::Hcl);
    let codes: Vec<_> = analysis.diagnostics.iter().map(|d| d.code()).collect();
    assert!(codes.contains(&"invalid-cluster-name"), "{codes:?}");
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("vip") || c.contains("ip")),
        "{codes:?}"
    );
    let plan = analysis.plan.unwrap();
    assert!(plan.ha_vip_enabled);
    assert_eq!(plan.ha_vip, None);
    assert!(plan.nodes.iter().all(|n| n.ip_address.is_none()));
}

#[test]
fn tfvars_in_hcl_and_json_plan_like_the_yaml_example() {
    let hcl = fixture("cluster.tfvars");
    let from_hcl = analyze(&hcl, Format::from_path("cluster.tfvars"));
    assert!(!from_hcl.has_errors(), "{:#?}", from_hcl.diagnostics);
    let (_, json) = talos_planner::examples::example("tfvars-json").unwrap();
    let from_json = analyze(json, Format::from_path("terraform.tfvars.json"));
    assert_eq!(
        serde_json::to_value(from_hcl.plan.unwrap()).unwrap(),
        serde_json::to_value(from_json.plan.unwrap()).unwrap()
    );
}

#[test]
fn syntax_errors_point_into_the_file() {
    let text = "module \"m\" {\n  cluster = {\n    name = \n  }\n}\n";
    let diagnostics = lint(text, Format::Hcl);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code(), "syntax-error");
    assert!(diagnostics[0].span.start > text.find("name").unwrap());
}

#[test]
fn format_detection() {
    assert_eq!(Format::from_path("main.tf"), Format::Hcl);
    assert_eq!(Format::from_path("prod.tfvars"), Format::Hcl);
    assert_eq!(Format::from_path("terraform.tfvars.json"), Format::Json);
    assert_eq!(Format::from_path("cluster.yaml"), Format::Yaml);
    assert_eq!(Format::sniff(&fixture("cluster.tfvars")), Format::Hcl);
    assert_eq!(Format::sniff(&fixture("several-modules.tf")), Format::Hcl);
    let (_, yaml) = talos_planner::examples::example("three-controlplanes").unwrap();
    assert_eq!(Format::sniff(yaml), Format::Yaml);
}

/// The files of `tests/hcl/<dir>`, by name.
fn module_files(dir: &str) -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hcl")
        .join(dir);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn root_module<'a>(
    files: &'a [(String, String)],
    options: Vec<ValueOption<'a>>,
    environment: Vec<(&'a str, &'a str)>,
) -> RootModuleAnalysis {
    let module = RootModule {
        files: files
            .iter()
            .map(|(name, text)| NamedText { name, text })
            .collect(),
        environment,
        options,
    };
    analyze_root_module(&module)
}

fn codes<'a>(analysis: &'a RootModuleAnalysis, file: &str) -> Vec<(&'a str, String)> {
    let f = analysis
        .files
        .iter()
        .find(|f| f.name == file)
        .unwrap_or_else(|| panic!("no {file}"));
    f.analysis
        .diagnostics
        .iter()
        .map(|d| (d.code(), d.message.clone()))
        .collect()
}

#[test]
fn a_root_module_reads_defaults_tfvars_and_auto_tfvars_in_terraforms_order() {
    let files = module_files("root-module");
    let analysis = root_module(&files, Vec::new(), Vec::new());
    let names: Vec<&str> = analysis.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "main.tf",
            "providers.tf",
            "variables.tf",
            "terraform.tfvars",
            "lab.auto.tfvars"
        ],
        "prod.tfvars is not loaded without --var-file"
    );
    let (file, doc) = analysis.documents().next().unwrap();
    assert_eq!(file.name, "main.tf");
    let plan = doc.plan.as_ref().unwrap();
    // lab.auto.tfvars (3) wins over the default (1); terraform.tfvars sets the workers
    // and the network; the local's template gives the name.
    assert_eq!(plan.cluster_name.as_deref(), Some("lab-k8s"));
    assert_eq!(plan.nodes.len(), 5);
    assert_eq!(
        plan.ha_vip.map(|v| v.to_string()).as_deref(),
        Some("10.10.100.13")
    );
    let main = &file.analysis;
    let text = &files.iter().find(|(n, _)| n == "main.tf").unwrap().1;
    // terraform.tfvars sets "v1.12", which is no release tag: reported where the module
    // block uses it, naming where it was set, and without a fix (it is not written here).
    let version = main
        .diagnostics
        .iter()
        .find(|d| d.code() == "invalid-talos-version")
        .unwrap_or_else(|| panic!("{:#?}", main.diagnostics));
    assert_eq!(at(text, version), "var.talos_version");
    assert!(
        version
            .message
            .ends_with("(`var.talos_version` comes from terraform.tfvars)"),
        "{}",
        version.message
    );
    assert!(version.fixes.is_empty());
    // Every value is known: nothing was skipped.
    assert!(!main
        .diagnostics
        .iter()
        .any(|d| d.code() == "unknown-values"));
    // The automatic VIP of the module's code is .19: written out, Terraform builds .13.
    let vip = main
        .diagnostics
        .iter()
        .find(|d| d.code() == "module-automatic-vip")
        .unwrap();
    assert!(vip.message.contains("10.10.100.19"), "{}", vip.message);
    let fixed = apply_edits(text, &vip.fixes[0].edits).unwrap();
    assert!(
        fixed.contains("    vm_base_id = 700\n    ha_vip     = \"10.10.100.13\"\n  }"),
        "{fixed}"
    );
    // A value for a variable nobody declares: Terraform's warning, in the tfvars.
    let tfvars = codes(&analysis, "terraform.tfvars");
    assert_eq!(tfvars.len(), 1, "{tfvars:?}");
    assert_eq!(tfvars[0].0, "unknown-field");
    assert!(
        tfvars[0].1.contains("`variable \"region\"`"),
        "{}",
        tfvars[0].1
    );
}

#[test]
fn var_files_and_vars_follow_the_command_line_and_beat_the_directory() {
    let files = module_files("root-module");
    let prod = files.iter().find(|(n, _)| n == "prod.tfvars").unwrap();
    let prod = NamedText {
        name: "prod.tfvars",
        text: &prod.1,
    };
    let dir: Vec<(String, String)> = files
        .iter()
        .filter(|(n, _)| n != "prod.tfvars")
        .cloned()
        .collect();
    let count = |analysis: &RootModuleAnalysis| {
        analysis
            .documents()
            .next()
            .unwrap()
            .1
            .plan
            .as_ref()
            .unwrap()
            .nodes
            .len()
    };
    // --var-file prod.tfvars: 5 control planes and a valid version.
    let analysis = root_module(&dir, vec![ValueOption::File(prod)], Vec::new());
    assert_eq!(count(&analysis), 7);
    assert!(!codes(&analysis, "main.tf")
        .iter()
        .any(|(c, _)| *c == "invalid-talos-version"));
    // The later option wins, whichever kind it is.
    let var = ValueOption::Assignment {
        name: "controlplanes",
        value: "1",
    };
    let analysis = root_module(&dir, vec![ValueOption::File(prod), var], Vec::new());
    assert_eq!(count(&analysis), 3);
    let analysis = root_module(&dir, vec![var, ValueOption::File(prod)], Vec::new());
    assert_eq!(count(&analysis), 7);
    // TF_VAR_ is the weakest source: the auto file still wins.
    let analysis = root_module(&dir, Vec::new(), vec![("controlplanes", "5")]);
    assert_eq!(count(&analysis), 5);
    // A --var for an undeclared variable is refused by Terraform.
    let analysis = root_module(
        &dir,
        vec![ValueOption::Assignment {
            name: "nope",
            value: "1",
        }],
        Vec::new(),
    );
    assert_eq!(analysis.undeclared_options, ["nope"]);
}

#[test]
fn unset_variables_are_listed_by_name_and_nothing_is_guessed() {
    let files: Vec<(String, String)> = module_files("root-module")
        .into_iter()
        .filter(|(n, _)| n.ends_with(".tf"))
        .collect();
    let analysis = root_module(&files, Vec::new(), Vec::new());
    let main = codes(&analysis, "main.tf");
    let note = main
        .iter()
        .find(|(c, _)| *c == "unknown-values")
        .unwrap_or_else(|| panic!("{main:?}"));
    assert_eq!(
        note.1,
        "3 values unknown until Terraform runs: `var.network.cidr` (no value set), `var.network.gateway` (no value set), `var.workers` (no value set); rules that need them were skipped"
    );
    // The default of talos_version (v1.11.5) is used and is valid.
    assert!(!main.iter().any(|(c, _)| *c == "invalid-talos-version"));
}

#[test]
fn a_file_with_nothing_to_check_says_so() {
    let text = "terraform {\n  required_version = \">= 1.5\"\n}\n";
    let diagnostics = lint(text, Format::Hcl);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code(), "nothing-to-check");
    let files = vec![("providers.tf".to_owned(), text.to_owned())];
    let analysis = root_module(&files, Vec::new(), Vec::new());
    assert_eq!(codes(&analysis, "providers.tf")[0].0, "nothing-to-check");
}

#[test]
fn an_unclosed_brace_is_reported_at_the_brace() {
    let text = "module \"k8s\" {\n  source = \"terraform-proxmox-talos-cluster\"\n  cluster = {\n    name = \"lab\"\n\n  controlplane = { count = 1 }\n}\n";
    let diagnostics = lint(text, Format::Hcl);
    let d = &diagnostics[0];
    assert_eq!(d.code(), "syntax-error");
    // The parser takes `controlplane` into `cluster`, the last `}` closes `cluster`:
    // what stays open is the module block's brace.
    assert_eq!(d.span.start, text.find('{').unwrap());
    assert_eq!(at(text, d), "{");
    assert_eq!(
        d.message,
        "HCL syntax error: this `{` is never closed with `}`"
    );
    assert_eq!(d.related[0].span.start, text.len());
    assert_eq!(d.related[0].message, "the file ends here");
}

#[test]
fn a_root_module_without_module_blocks_reads_its_variable_files_as_the_config() {
    // The module itself used as the root module: its variables are the cluster's.
    let files = vec![
        (
            "variables.tf".to_owned(),
            "variable \"cluster\" {}\nvariable \"controlplane\" {}\n".to_owned(),
        ),
        ("terraform.tfvars".to_owned(), fixture("cluster.tfvars")),
    ];
    let analysis = root_module(&files, Vec::new(), Vec::new());
    let (file, doc) = analysis
        .documents()
        .next()
        .expect("the tfvars is the config");
    assert_eq!(file.name, "terraform.tfvars");
    assert!(doc.plan.is_some());
    assert!(!codes(&analysis, "variables.tf")
        .iter()
        .any(|(c, _)| *c == "nothing-to-check"));
}
