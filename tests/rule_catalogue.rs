//! Every rule's documented example triggers it and its documented near miss does not.
//! This keeps the catalogue (and so the docs generated from it) honest. Rules of the live
//! Proxmox cannot fire from text: their examples carry an inventory too, and run through
//! the pure preflight.

use talos_planner::rules::live::Inventory;
use talos_planner::rules::{Example, EXAMPLE_BASE, EXAMPLE_INVENTORY, RULES};
use talos_planner::{analyze_file, lint, preflight, Diagnostic, Format};
use yaml_serde::Value;

/// RFC 7386 JSON Merge Patch on YAML values: maps merge, null deletes, else replace.
fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Mapping(t), Value::Mapping(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else if let Some(existing) = t.get_mut(k) {
                    merge_patch(existing, v);
                } else {
                    t.insert(k.clone(), v.clone());
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// `base` with the merge patch `fragment` laid over it (an empty fragment changes nothing).
fn overlaid(base: &str, fragment: &str) -> String {
    let mut base: Value = yaml_serde::from_str(base).expect("base parses");
    if !fragment.trim().is_empty() {
        let patch: Value = yaml_serde::from_str(fragment).expect("fragment parses");
        merge_patch(&mut base, &patch);
    }
    yaml_serde::to_string(&base).expect("serialises")
}

/// The example's text and the format to read it in.
fn source_of(example: &Example) -> (String, Format) {
    match example {
        Example::Terraform(text) => ((*text).to_owned(), Format::Hcl),
        other => (text_of(other), Format::Yaml),
    }
}

fn text_of(example: &Example) -> String {
    match example {
        Example::Document(text) | Example::Terraform(text) => (*text).to_owned(),
        Example::Overlay(fragment) => overlaid(EXAMPLE_BASE, fragment),
        Example::Live { config, .. } => overlaid(EXAMPLE_BASE, config),
    }
}

fn inventory_of(fragment: &str) -> Inventory {
    yaml_serde::from_str(&overlaid(EXAMPLE_INVENTORY, fragment)).expect("an inventory")
}

/// What the example yields: lint's diagnostics, or for a live example the preflight's
/// against its inventory.
fn diagnostics_of(example: &Example) -> Vec<Diagnostic> {
    let (text, format) = source_of(example);
    match example {
        Example::Live { inventory, .. } => preflight(&text, format, &inventory_of(inventory)),
        _ => lint(&text, format),
    }
}

#[test]
fn the_base_is_clean() {
    let diagnostics = lint(EXAMPLE_BASE, Format::Yaml);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let live = preflight(EXAMPLE_BASE, Format::Yaml, &inventory_of(""));
    assert!(live.is_empty(), "{live:#?}");
}

#[test]
fn live_rules_and_only_they_have_live_examples() {
    for rule in RULES {
        let live = matches!(rule.example, Example::Live { .. });
        assert_eq!(
            live,
            matches!(rule.valid, Example::Live { .. }),
            "{}: example and near miss differ in kind",
            rule.id
        );
        assert_eq!(
            live,
            rule.category == talos_planner::rules::Category::Proxmox,
            "{}: live examples are for the Proxmox category",
            rule.id
        );
        assert_eq!(
            live,
            rule.rule.is_live(),
            "{}: Rule::is_live disagrees",
            rule.id
        );
    }
}

#[test]
fn every_example_fires_its_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (text, _) = source_of(&rule.example);
        let diagnostics = diagnostics_of(&rule.example);
        if !diagnostics.iter().any(|d| d.code() == rule.id) {
            failures.push(format!(
                "{}: example did not fire; got {:?}\n{text}",
                rule.id,
                diagnostics
                    .iter()
                    .map(|d| (d.code(), &d.message))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_near_miss_stays_quiet() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (text, _) = source_of(&rule.valid);
        let diagnostics = diagnostics_of(&rule.valid);
        if let Some(d) = diagnostics.iter().find(|d| d.code() == rule.id) {
            failures.push(format!(
                "{}: near miss fired: {}\n{text}",
                rule.id, d.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A config as JSON (`terraform.tfvars.json`): the same values, so the same rules fire.
fn as_json(yaml: &str) -> String {
    let value: Value = yaml_serde::from_str(yaml).expect("example parses");
    serde_json::to_string_pretty(&value).expect("as JSON")
}

/// Texts beyond the catalogue's examples that offer the fixes of a rule in other forms.
fn more_cases(id: &str) -> Vec<(String, Format)> {
    let overlay = |fragment: &str| {
        text_of(&Example::Overlay(Box::leak(
            fragment.to_owned().into_boxed_str(),
        )))
    };
    let base_with = |from: &str, to: &str| {
        assert!(EXAMPLE_BASE.contains(from), "{from}");
        EXAMPLE_BASE.replace(from, to)
    };
    match id {
        // Every way a version is mistyped gets the full tag, in each format.
        "invalid-talos-version" => vec![
            (base_with("version: v1.12.0", "version: \"1.12\""), Format::Yaml),
            (base_with("version: v1.12.0", "version: v1.12"), Format::Yaml),
            (base_with("version: v1.12.0", "version: V1.12.0"), Format::Yaml),
            (base_with("version: v1.12.0", "version: '1.12.0'"), Format::Yaml),
            (as_json(&overlay("image:\n  version: v1.12\n")), Format::Json),
            (hcl_module(&EXAMPLE_BASE.replace("version: v1.12.0", "version: 1.12")), Format::Hcl),
            (hcl_module(&EXAMPLE_BASE.replace("version: v1.12.0", "version: v1.12")), Format::Hcl),
        ],
        "invalid-type" => vec![
            (base_with("version: v1.12.0", "version: 1.12"), Format::Yaml),
            (base_with("version: v1.12.0", "version: 1.12 # pinned"), Format::Yaml),
            (
                as_json(&EXAMPLE_BASE.replace("version: v1.12.0", "version: 1.12")),
                Format::Json,
            ),
        ],
        // Spreading into an empty flow mapping, over a host only a worker names.
        "controlplanes-share-host" => vec![(
            base_with(
                "  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
                "  overrides: {}\n",
            )
            .replace(
                "worker:\n  count: 2\n",
                "worker:\n  count: 2\n  overrides:\n    worker-1: { node: pve02 }\n",
            ),
            Format::Yaml,
        )],
        _ => Vec::new(),
    }
}

/// The YAML config as a Terraform module block (values only; enough for these cases).
fn hcl_module(yaml: &str) -> String {
    let value: serde_json::Value =
        serde_json::to_value(yaml_serde::from_str::<Value>(yaml).expect("parses")).expect("json");
    fn hcl(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Object(map) => format!(
                "{{ {} }}",
                map.iter()
                    .map(|(k, v)| format!("{} = {}", serde_json::to_string(k).unwrap(), hcl(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            serde_json::Value::Array(items) => {
                format!("[{}]", items.iter().map(hcl).collect::<Vec<_>>().join(", "))
            }
            // A version written as a number stays one.
            serde_json::Value::String(s) if s == "1.12" => s.clone(),
            other => other.to_string(),
        }
    }
    let mut out = String::from("module \"c\" {\n  source = \"git::https://example.invalid/terraform-proxmox-talos-cluster.git\"\n");
    for (k, v) in value.as_object().expect("mapping") {
        out.push_str(&format!("  {k} = {}\n", hcl(v)));
    }
    out.push_str("}\n");
    out
}

/// Every fix offered for every diagnostic of every fixable rule, in its examples (YAML
/// and, for overlays, the same config as JSON) and the extra cases: applied, the rule
/// no longer fires there and no kind of problem appears that was not there before.
#[test]
fn every_fix_finishes_the_job() {
    let mut failures = Vec::new();
    let mut covered = 0;
    for rule in RULES.iter().filter(|r| r.fixable) {
        let mut cases = vec![source_of(&rule.example)];
        if matches!(rule.example, Example::Overlay(_)) {
            cases.push((as_json(&text_of(&rule.example)), Format::Json));
        }
        cases.extend(more_cases(rule.id));
        let mut offered = 0;
        for (text, format) in &cases {
            let diagnostics = lint(text, *format);
            for d in diagnostics.iter().filter(|d| d.code() == rule.id) {
                for fix in &d.fixes {
                    offered += 1;
                    let Some(fixed) = talos_planner::diagnostics::apply_edits(text, &fix.edits)
                    else {
                        failures.push(format!("{}: `{}` does not apply", rule.id, fix.title));
                        continue;
                    };
                    let after = lint(&fixed, *format);
                    let still = after
                        .iter()
                        .any(|x| x.code() == rule.id && x.span.start == d.span.start);
                    let before: Vec<_> = diagnostics.iter().map(|x| x.code()).collect();
                    let new: Vec<_> = after
                        .iter()
                        .filter(|x| !before.contains(&x.code()))
                        .map(|x| format!("{}: {}", x.code(), x.message))
                        .collect();
                    // A fix must write a value, not something the planner cannot read (a
                    // bare word is a reference in Terraform).
                    let unknowns = |t: &str| -> usize {
                        analyze_file(t, *format)
                            .documents
                            .iter()
                            .map(|d| d.config.expressions.len())
                            .sum()
                    };
                    let hidden = unknowns(&fixed) > unknowns(text);
                    if still || !new.is_empty() || hidden {
                        failures.push(format!(
                            "{} ({format:?}): `{}` left the rule: {still}, brought {new:?}, made a value unknown: {hidden}\n{fixed}",
                            rule.id, fix.title
                        ));
                    }
                }
            }
        }
        if offered == 0 {
            failures.push(format!("{}: no example offers a fix", rule.id));
        }
        covered += 1;
    }
    assert!(covered >= 10, "only {covered} fixable rules");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Each mistyped version is offered the full release tag, not a quote that leaves an
/// invalid tag behind.
#[test]
fn mistyped_versions_are_offered_the_full_tag() {
    for (written, format) in [
        ("version: 1.12", Format::Yaml),
        ("version: v1.12", Format::Yaml),
        ("version: V1.12.0", Format::Yaml),
        ("version: \"1.12\"", Format::Yaml),
        ("version: 1.12.0", Format::Yaml),
    ] {
        let text = EXAMPLE_BASE.replace("version: v1.12.0", written);
        let titles: Vec<String> = lint(&text, format)
            .iter()
            .flat_map(|d| d.fixes.iter().map(|f| f.title.clone()))
            .collect();
        assert!(
            titles.contains(&"Use `v1.12.0`".to_owned()),
            "{written}: {titles:?}"
        );
        assert!(
            !titles.iter().any(|t| t == "Quote the value"),
            "{written}: {titles:?}"
        );
    }
}

#[test]
fn ignore_comments_silence_live_rules_and_lint_leaves_them_be() {
    // The worker's memory overcommits pve01; the comment on the specs silences that.
    let overcommitted = overlaid(
        EXAMPLE_BASE,
        "worker:\n  specs: { cpu: 2, memory: 32768, disk: 100 }\n",
    );
    let inventory = inventory_of("");
    let found = preflight(&overcommitted, Format::Yaml, &inventory);
    assert!(
        found
            .iter()
            .any(|d| d.code() == "proxmox-node-overcommitted"),
        "{found:#?}"
    );
    let silenced = overcommitted.replace(
        "cluster:\n",
        "# talos-planner: ignore-file[proxmox-node-overcommitted] the workers balloon\ncluster:\n",
    );
    assert!(preflight(&silenced, Format::Yaml, &inventory).is_empty());
    // lint cannot tell whether a live rule fires, so it does not call the ignore unused.
    let lint_codes: Vec<&str> = lint(&silenced, Format::Yaml)
        .iter()
        .map(|d| d.code())
        .collect();
    assert!(!lint_codes.contains(&"unused-ignore"), "{lint_codes:?}");
}
