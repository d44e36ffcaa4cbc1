//! Every rule's documented example triggers it and its documented near miss does not.
//! This keeps the catalogue (and so the docs generated from it) honest.

use talos_planner::rules::{Example, EXAMPLE_BASE, RULES};
use talos_planner::{lint, Format};
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
        Example::Overlay(fragment) => {
            let mut base: Value = yaml_serde::from_str(EXAMPLE_BASE).expect("base parses");
            let patch: Value = yaml_serde::from_str(fragment).expect("fragment parses");
            merge_patch(&mut base, &patch);
            yaml_serde::to_string(&base).expect("serialises")
        }
    }
}

#[test]
fn the_base_is_clean() {
    let diagnostics = lint(EXAMPLE_BASE, Format::Yaml);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn every_example_fires_its_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (text, format) = source_of(&rule.example);
        let diagnostics = lint(&text, format);
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
        let (text, format) = source_of(&rule.valid);
        let diagnostics = lint(&text, format);
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
        let (text, format) = source_of(&rule.example);
        let diagnostics = lint(&text, format);
        let Some(d) = diagnostics
            .iter()
            .find(|d| d.code() == rule.id && !d.fixes.is_empty())
        else {
            // Some fixable rules only offer a fix in some situations; the example must show one.
            panic!("{}: the example offers no fix", rule.id);
        };
        let fixed = talos_planner::diagnostics::apply_edits(&text, &d.fixes[0].edits)
            .unwrap_or_else(|| panic!("{}: fix does not apply", rule.id));
        let after = lint(&fixed, format);
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
