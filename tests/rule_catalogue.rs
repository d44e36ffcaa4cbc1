//! Every rule's documented example triggers it and its documented near miss does not.
//! This keeps the catalogue (and so the docs generated from it) honest. Rules of the live
//! Proxmox cannot fire from text: their examples carry an inventory too, and run through
//! the pure preflight.

use talos_planner::rules::live::Inventory;
use talos_planner::rules::{Example, EXAMPLE_BASE, EXAMPLE_INVENTORY, RULES};
use talos_planner::{lint, preflight, Diagnostic, Format};
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

fn text_of(example: &Example) -> String {
    match example {
        Example::Document(text) => (*text).to_owned(),
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
    let text = text_of(example);
    match example {
        Example::Live { inventory, .. } => preflight(&text, Format::Yaml, &inventory_of(inventory)),
        _ => lint(&text, Format::Yaml),
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
    }
}

#[test]
fn every_example_fires_its_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let text = text_of(&rule.example);
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
        let text = text_of(&rule.valid);
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

#[test]
fn fixable_rules_offer_fixes_that_remove_the_diagnostic() {
    for rule in RULES.iter().filter(|r| r.fixable) {
        let text = text_of(&rule.example);
        let diagnostics = lint(&text, Format::Yaml);
        let Some(d) = diagnostics
            .iter()
            .find(|d| d.code() == rule.id && !d.fixes.is_empty())
        else {
            // Some fixable rules only offer a fix in some situations; the example must show one.
            panic!("{}: the example offers no fix", rule.id);
        };
        let fixed = talos_planner::diagnostics::apply_edits(&text, &d.fixes[0].edits)
            .unwrap_or_else(|| panic!("{}: fix does not apply", rule.id));
        let after = lint(&fixed, Format::Yaml);
        let still = after
            .iter()
            .filter(|x| x.code() == rule.id && x.span.start == d.span.start)
            .count();
        assert_eq!(still, 0, "{}: fix left the diagnostic\n{fixed}", rule.id);
        // And makes nothing worse: no kind of problem that was not there before. (Quoting
        // a mistyped value lets the rules see it for the first time, so that fix may
        // reveal more.)
        if rule.id == "invalid-type" {
            continue;
        }
        let before: Vec<_> = diagnostics.iter().map(|x| x.code()).collect();
        let new: Vec<_> = after
            .iter()
            .map(|x| x.code())
            .filter(|code| !before.contains(code))
            .collect();
        assert!(
            new.is_empty(),
            "{}: the fix brought {new:?}\n{fixed}",
            rule.id
        );
    }
}
