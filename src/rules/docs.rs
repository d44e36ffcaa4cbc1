//! Documentation generated from the catalogue: the README's rule table and
//! `talos-planner rules <id>`.

use super::catalogue::{Example, RuleInfo, EXAMPLE_BASE, RULES, SILENCING};
use crate::diagnostics::Rule;

/// The rule table in Markdown, then how to silence a rule (the README embeds exactly
/// this).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Rule | Severity | Category | What it reports | Fix |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.severity.as_str(),
            category(r),
            r.summary.replace('|', "\\|"),
            if r.fixable { "yes" } else { "" }
        ));
    }
    out.push('\n');
    out.push_str(SILENCING);
    out
}

/// How to silence a rule: ignore comments and levels (after the rule list).
pub fn silencing() -> &'static str {
    SILENCING
}

fn category(r: &RuleInfo) -> String {
    serde_json::to_value(r.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A rule explained: summary, why, and its example.
pub fn explain(r: &RuleInfo) -> String {
    let mut out = format!(
        "{} ({}, {})\n\n{}\n\nWhy: {}\n\n",
        r.id,
        r.severity.as_str(),
        category(r),
        r.summary,
        r.why
    );
    match r.example {
        Example::Overlay(fragment) => {
            out.push_str("Example (laid over the catalogue's base config):\n\n");
            out.push_str(&indent(fragment));
        }
        Example::Document(text) => {
            out.push_str("Example:\n\n");
            out.push_str(&indent(text));
        }
        Example::Live { config, inventory } => {
            out.push_str(
                "Checked against the live Proxmox cluster by `diff` and `apply`, before \
                 anything is written.\n\nExample (laid over the catalogue's base config):\n\n",
            );
            out.push_str(&indent(if config.is_empty() {
                "(the base config as is)"
            } else {
                config
            }));
            out.push_str(
                "\nwith Proxmox reporting (laid over the catalogue's base inventory):\n\n",
            );
            out.push_str(&indent(if inventory.is_empty() {
                "(the base inventory as is)"
            } else {
                inventory
            }));
        }
        Example::Terraform(text) => {
            out.push_str("Example (main.tf):\n\n");
            out.push_str(&indent(text));
        }
    }
    if r.rule != Rule::SyntaxError {
        out.push_str(&format!(
            "\nSilence it on one line with `# talos-planner: ignore[{id}] reason` above it, in a file with `# talos-planner: ignore-file[{id}]`, or for a run with `--allow {id}`.\n",
            id = r.id
        ));
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// The base config the overlay examples apply to, for documentation.
pub fn example_base() -> &'static str {
    EXAMPLE_BASE
}
