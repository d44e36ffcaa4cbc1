//! Exports a config for Terraform: as `terraform.tfvars.json` and as a `module` block
//! for terraform-proxmox-talos-cluster. The config's top-level keys are the module's
//! variables, so both are a faithful re-spelling of the document tree: what the user
//! wrote, in the order written, without defaults (the module has the same ones), with
//! one addition: with HA on, `ha_vip` is always written, because the module's code
//! picks another automatic VIP than its HA VIP document (DESIGN.md section 7). What the
//! export cannot change (an override's gateway or VLAN, IPv6) is in [`differences`].

use thiserror::Error;

use crate::config::hcl_text::{key as hcl_key, quote as hcl_quote};
use crate::config::tree::{Entry, Node, Value};
use crate::config::{yaml, Format};
use crate::diagnostics::{Diagnostic, Span};
use crate::edit::{self, EditError};

/// The module's branch with HA VIP support (`ha_vip`, `ha_vip_interface`): its default
/// branch has neither, and Terraform would silently drop both. Pinned in every export.
macro_rules! module_ref {
    () => {
        "feat/add-support-for-ha-cluster-with-vip"
    };
}
pub const MODULE_REF: &str = module_ref!();

/// Where the module lives, pinned to [`MODULE_REF`].
pub const MODULE_SOURCE: &str = concat!(
    "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git?ref=",
    module_ref!()
);

/// The module name used when none is given.
pub const DEFAULT_MODULE_NAME: &str = "talos_cluster";

/// Why a config could not be exported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("the config cannot be exported until it parses: {0}")]
    Unparsable(String),
    #[error("the config must be a mapping of the module's variables, found {0}")]
    NotAMapping(&'static str),
    #[error("`{0}` is an expression; terraform.tfvars.json can only hold values")]
    Expression(String),
    #[error("`{path}` is {value}, which Terraform cannot hold")]
    NotANumber { path: String, value: String },
    #[error("`{0}` is not a valid module name (letters, digits, `_` and `-`, not starting with a digit or `-`)")]
    ModuleName(String),
    #[error("HA is on but the VIP is not known (the config has errors): fix them to export, or set `cluster.ha_vip`")]
    VipUnknown,
    #[error("`cluster` is {0}, so the export cannot write `ha_vip` into it; write `ha_vip` in the config")]
    ClusterNotAMapping(&'static str),
}

impl From<EditError> for ExportError {
    fn from(e: EditError) -> Self {
        match e {
            EditError::Unparsable(m) => ExportError::Unparsable(m),
            other => ExportError::Unparsable(other.to_string()),
        }
    }
}

/// The config as `terraform.tfvars.json`: two-space indented, ending in a newline.
pub fn tfvars_json(text: &str, format: Format) -> Result<String, ExportError> {
    let root = root(text, format)?;
    let mut out = String::new();
    json_value(&root, 0, &mut out)?;
    out.push('\n');
    Ok(out)
}

/// The config as a `module "<name>" { source = ... }` block, formatted like
/// `terraform fmt` would (aligned `=` in runs of one-line attributes).
pub fn module_block(text: &str, format: Format, name: &str) -> Result<String, ExportError> {
    if !is_module_name(name) {
        return Err(ExportError::ModuleName(name.to_owned()));
    }
    let root = root(text, format)?;
    let entries = match &root.value {
        Value::Map(entries) => entries.as_slice(),
        _ => &[],
    };
    let mut out = format!("module {} {{\n", hcl_quote(name));
    out.push_str(&format!("  source = {}\n", hcl_quote(MODULE_SOURCE)));
    if !entries.is_empty() {
        out.push('\n');
    }
    let items: Vec<(&str, &Node)> = entries.iter().map(|e| (e.key.as_str(), &e.value)).collect();
    hcl_attributes(&items, 1, &mut out);
    out.push_str("}\n");
    Ok(out)
}

fn root(text: &str, format: Format) -> Result<Node, ExportError> {
    let root = edit::read(text, format)?;
    finite(&root, "")?;
    let root = match &root.value {
        Value::Map(_) => root,
        Value::Null => Node::new(root.span, Value::Map(Vec::new())),
        _ => return Err(ExportError::NotAMapping(root.type_name())),
    };
    with_explicit_vip(root, text, format)
}

/// With HA on and no `ha_vip` written, the config with the planned VIP written into
/// `cluster` (last), so that Terraform builds this VIP and not the module code's own.
fn with_explicit_vip(mut root: Node, text: &str, format: Format) -> Result<Node, ExportError> {
    let analysis = crate::analyze(text, format);
    let (Some(config), Some(plan)) = (&analysis.config, &analysis.plan) else {
        return Ok(root);
    };
    if !plan.ha_vip_enabled || !config.cluster.ha_vip.is_unset() {
        return Ok(root);
    }
    let vip = plan.ha_vip.ok_or(ExportError::VipUnknown)?;
    let Value::Map(entries) = &mut root.value else {
        return Ok(root);
    };
    let Some(cluster) = entries.iter_mut().find(|e| e.key == "cluster") else {
        return Ok(root);
    };
    let Value::Map(fields) = &mut cluster.value.value else {
        return Err(ExportError::ClusterNotAMapping(cluster.value.type_name()));
    };
    let span = Span::at(cluster.value.span.end);
    fields.push(Entry {
        key: "ha_vip".to_owned(),
        key_span: span,
        value: Node::new(span, Value::String(vip.to_string())),
    });
    Ok(root)
}

/// The config as YAML (the page's "Convert to YAML"): the same variables in the order
/// written, with multi-line strings (config patches) as literal blocks. A faithful
/// conversion: nothing is added, and an expression cannot be converted.
pub fn yaml(text: &str, format: Format) -> Result<String, ExportError> {
    let root = edit::read(text, format)?;
    finite(&root, "")?;
    if let Some((_, expr)) = root.unknowns().first() {
        return Err(ExportError::Expression((*expr).to_owned()));
    }
    let entries = match &root.value {
        Value::Map(entries) => entries.as_slice(),
        Value::Null => &[],
        _ => return Err(ExportError::NotAMapping(root.type_name())),
    };
    let mut out = String::new();
    yaml_entries(entries, 0, &mut out);
    Ok(out)
}

fn yaml_entries(entries: &[Entry], indent: usize, out: &mut String) {
    for e in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(&yaml::scalar(&e.key));
        out.push(':');
        yaml_value(&e.value, indent, out);
    }
}

/// A value after `key:` (or `-`), ending with a line break.
fn yaml_value(node: &Node, indent: usize, out: &mut String) {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            yaml_entries(entries, indent + 2, out);
        }
        Value::Seq(items) if !items.is_empty() && !items.iter().all(is_scalar) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match &item.value {
                    Value::Map(entries) if !entries.is_empty() => {
                        // The first entry on the dash's line, the others below it.
                        let mut first = String::new();
                        yaml_entries(entries, indent + 4, &mut first);
                        out.push(' ');
                        out.push_str(first.trim_start());
                    }
                    _ => yaml_value(item, indent + 2, out),
                }
            }
        }
        Value::String(s) if literal_block(s) => {
            out.push_str(if s.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in s.lines() {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        _ => {
            out.push(' ');
            out.push_str(&yaml_flow(node));
            out.push('\n');
        }
    }
}

fn yaml_flow(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => number(*f),
        Value::String(s) => yaml::scalar(s),
        Value::Unknown(expr) => yaml::json_quote(expr),
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", yaml::scalar(&e.key), yaml_flow(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether a string reads back unchanged from a literal block (`|` or `|-`).
fn literal_block(s: &str) -> bool {
    s.contains('\n')
        && !s.ends_with("\n\n")
        && !s.starts_with([' ', '\t', '\n'])
        && !s.lines().any(|l| l.ends_with([' ', '\t']))
        && !s.chars().any(|c| c.is_control() && c != '\n')
}

/// Where Terraform, running the module's code, would build something other than the
/// plan, and an export cannot change it: an override's gateway or VLAN, an IPv6
/// network. Spans point into `text`.
pub fn differences(text: &str, format: Format) -> Vec<Diagnostic> {
    let analysis = crate::analyze(text, format);
    match &analysis.plan {
        Some(plan) => crate::rules::module_code::check_export(plan),
        None => Vec::new(),
    }
}

/// Infinities and NaN (YAML's `.inf`, `.nan`) have no spelling in JSON or HCL.
fn finite(node: &Node, path: &str) -> Result<(), ExportError> {
    match &node.value {
        Value::Float(f) if !f.is_finite() => Err(ExportError::NotANumber {
            path: path.to_owned(),
            value: f.to_string(),
        }),
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| finite(item, &format!("{path}[{i}]"))),
        Value::Map(entries) => entries.iter().try_for_each(|e| {
            let sub = if path.is_empty() {
                e.key.clone()
            } else {
                format!("{path}.{}", e.key)
            };
            finite(&e.value, &sub)
        }),
        _ => Ok(()),
    }
}

/// Terraform's rule for module names (an HCL identifier).
fn is_module_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn json_value(node: &Node, depth: usize, out: &mut String) -> Result<(), ExportError> {
    let pad = |d: usize| "  ".repeat(d);
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&number(*f)),
        Value::String(s) => out.push_str(&yaml::json_quote(s)),
        Value::Unknown(expr) => return Err(ExportError::Expression(expr.clone())),
        Value::Seq(items) if items.is_empty() => out.push_str("[]"),
        Value::Seq(items) if items.iter().all(is_scalar) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_value(item, depth + 1, out)?;
            }
            out.push(']');
        }
        Value::Seq(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                json_value(item, depth + 1, out)?;
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Map(entries) => {
            out.push_str("{\n");
            for (i, e) in entries.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&yaml::json_quote(&e.key));
                out.push_str(": ");
                json_value(&e.value, depth + 1, out)?;
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
    }
    Ok(())
}

fn is_scalar(node: &Node) -> bool {
    !matches!(node.value, Value::Seq(_) | Value::Map(_)) && !is_heredoc(node)
}

/// Writes `key = value` lines, aligning `=` across runs of one-line values.
fn hcl_attributes(items: &[(&str, &Node)], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let keys: Vec<String> = items.iter().map(|(k, _)| hcl_key(k)).collect();
    let one_line: Vec<bool> = items.iter().map(|(_, v)| hcl_is_one_line(v)).collect();
    let mut i = 0;
    while i < items.len() {
        // A run of one-line attributes shares one column for `=`.
        let mut j = i;
        while j < items.len() && one_line[j] {
            j += 1;
        }
        let run_end = if j == i { i + 1 } else { j };
        let width = keys[i..run_end]
            .iter()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        for k in i..run_end {
            out.push_str(&pad);
            out.push_str(&format!("{:<width$} = ", keys[k]));
            hcl_value(items[k].1, depth, out);
            out.push('\n');
        }
        i = run_end;
    }
}

fn hcl_is_one_line(node: &Node) -> bool {
    match &node.value {
        Value::Map(entries) => entries.is_empty(),
        Value::Seq(items) => items.iter().all(is_scalar),
        _ => !is_heredoc(node),
    }
}

fn hcl_value(node: &Node, depth: usize, out: &mut String) {
    let pad = |d: usize| "  ".repeat(d);
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&number(*f)),
        Value::String(s) => match heredoc(s) {
            Some(doc) => out.push_str(&doc),
            None => out.push_str(&hcl_quote(s)),
        },
        // An expression read from HCL goes back as written.
        Value::Unknown(expr) => out.push_str(expr),
        Value::Seq(items) if items.is_empty() => out.push_str("[]"),
        Value::Seq(items) if items.iter().all(is_scalar) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                hcl_value(item, depth + 1, out);
            }
            out.push(']');
        }
        Value::Seq(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad(depth + 1));
                hcl_value(item, depth + 1, out);
                // A heredoc ends with its closing marker alone on a line: the comma
                // cannot share that line.
                if is_heredoc(item) {
                    out.push('\n');
                    out.push_str(&pad(depth + 1));
                }
                out.push_str(",\n");
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Map(entries) => {
            out.push_str("{\n");
            let items: Vec<(&str, &Node)> =
                entries.iter().map(|e| (e.key.as_str(), &e.value)).collect();
            hcl_attributes(&items, depth + 1, out);
            out.push_str(&pad(depth));
            out.push('}');
        }
    }
}

/// A finite number as JSON and HCL spell it (checked finite by [`finite`]).
fn number(f: f64) -> String {
    serde_json::Number::from_f64(f).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

fn is_heredoc(node: &Node) -> bool {
    matches!(&node.value, Value::String(s) if heredoc(s).is_some())
}

/// A multi-line string as a heredoc (`<<EOT`, not `<<-EOT`, so that the text keeps its
/// exact indentation). Only for text whose every line ends in a line break and that
/// holds no control characters a heredoc cannot carry.
fn heredoc(s: &str) -> Option<String> {
    let lines = s.matches('\n').count();
    if lines < 2 && !(lines == 1 && s.len() > 60)
        || !s.ends_with('\n')
        || s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return None;
    }
    let mut marker = "EOT".to_owned();
    let mut n = 0;
    while s.lines().any(|l| l.trim() == marker) {
        n += 1;
        marker = format!("EOT{n}");
    }
    let body = s.replace("${", "$${").replace("%{", "%%{");
    Some(format!("<<{marker}\n{body}{marker}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;

    #[test]
    fn tfvars_json_keeps_order_and_values() {
        let text = EXAMPLES[0].2;
        let out = tfvars_json(text, Format::Yaml).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["cluster"]["name"], "homelab");
        assert_eq!(parsed["controlplane"]["count"], 3);
        assert_eq!(
            parsed["controlplane"]["overrides"]["controlplane-2"]["node"],
            "pve02"
        );
        assert_eq!(parsed["image"]["extensions"][0], "qemu-guest-agent");
        // Order as written.
        let cluster = out.find("\"cluster\"").unwrap();
        let worker = out.find("\"worker\"").unwrap();
        assert!(cluster < worker);
        assert!(out.ends_with("}\n"));
        // Read back by our own reader, the tfvars plans the same cluster.
        let a = crate::analyze(text, Format::Yaml).plan.unwrap();
        let b = crate::analyze(&out, Format::Json).plan.unwrap();
        assert_eq!(strip(a), strip(b));
    }

    #[test]
    fn tfvars_json_of_every_example_plans_the_same() {
        for (name, file, text) in EXAMPLES {
            let format = Format::from_path(file);
            let out = tfvars_json(text, format).unwrap();
            let a = crate::analyze(text, format);
            let b = crate::analyze(&out, Format::Json);
            assert_eq!(a.plan.map(strip), b.plan.map(strip), "{name}");
            let codes = |d: &[crate::Diagnostic]| d.iter().map(|d| d.code()).collect::<Vec<_>>();
            assert_eq!(codes(&a.diagnostics), codes(&b.diagnostics), "{name}");
        }
    }

    /// Spans differ between the two texts; the planned values must not.
    fn strip(mut plan: crate::Plan) -> crate::Plan {
        plan.origins.clear();
        plan.vip_span = None;
        plan
    }

    #[test]
    fn module_block_is_formatted_hcl() {
        let out = module_block(EXAMPLES[0].2, Format::Yaml, "k8s").unwrap();
        assert!(out.starts_with(
            "module \"k8s\" {\n  source = \"git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git?ref=feat/add-support-for-ha-cluster-with-vip\"\n\n  cluster = {\n    name             = \"homelab\"\n"
        ), "{out}");
        assert!(
            out.contains("    \"controlplane-2\" = {\n        node = \"pve02\"\n      }"),
            "{out}"
        );
        assert!(
            out.contains("    extensions = [\"qemu-guest-agent\"]\n"),
            "{out}"
        );
        assert!(out.contains("    count = 3\n"), "{out}");
        assert!(out.ends_with("  }\n}\n"), "{out}");
    }

    #[test]
    fn strings_are_escaped_and_patches_are_heredocs() {
        assert_eq!(
            hcl_quote("a\"b\\c\n${x}%{y}$z"),
            "\"a\\\"b\\\\c\\n$${x}%%{y}$z\""
        );
        assert_eq!(hcl_quote("\u{1}"), "\"\\u0001\"");
        let doc = heredoc("a: 1\nb: \"${x}\"\n").unwrap();
        assert_eq!(doc, "<<EOT\na: 1\nb: \"$${x}\"\nEOT");
        let doc = heredoc("EOT\nx\n").unwrap();
        assert_eq!(doc, "<<EOT1\nEOT\nx\nEOT1");
        assert_eq!(heredoc("no newline at end\nx"), None);
        assert_eq!(heredoc("short\n"), None);
        let text = EXAMPLES[3].2;
        let out = module_block(text, Format::Yaml, DEFAULT_MODULE_NAME).unwrap();
        assert!(
            out.contains("    config_patches = [\n      <<EOT\nmachine:\n  kubelet:\n"),
            "{out}"
        );
        assert!(out.contains("\"true\"\nEOT\n      ,\n    ]\n"), "{out}");
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            tfvars_json("a: [1\n", Format::Yaml),
            Err(ExportError::Unparsable(_))
        ));
        assert_eq!(
            tfvars_json("- 1\n", Format::Yaml),
            Err(ExportError::NotAMapping("a list"))
        );
        assert!(matches!(
            tfvars_json("a: .inf\n", Format::Yaml),
            Err(ExportError::NotANumber { .. })
        ));
        assert_eq!(
            module_block("a: 1\n", Format::Yaml, "1x"),
            Err(ExportError::ModuleName("1x".into()))
        );
        assert_eq!(tfvars_json("", Format::Yaml).unwrap(), "{}\n");
        assert_eq!(
            module_block("", Format::Yaml, "x").unwrap(),
            format!("module \"x\" {{\n  source = \"{MODULE_SOURCE}\"\n}}\n")
        );
    }

    /// Parses the block with a real HCL parser and evaluates every attribute: each must
    /// equal the same variable in the tfvars export.
    fn assert_hcl_matches_tfvars(text: &str, format: Format) {
        use hcl::eval::{Context, Evaluate};
        let block_text = module_block(text, format, "cluster-1").unwrap();
        let body = hcl::parse(&block_text).unwrap_or_else(|e| panic!("{e}\n{block_text}"));
        let block = body.blocks().next().expect("a module block");
        assert_eq!(block.identifier(), "module");
        let label = block.labels().first().map(|l| l.as_str().to_owned());
        assert_eq!(label.as_deref(), Some("cluster-1"));
        let tfvars: serde_json::Value =
            serde_json::from_str(&tfvars_json(text, format).unwrap()).unwrap();
        let ctx = Context::new();
        let mut seen = 0;
        for attr in block.body().attributes() {
            let value = attr
                .expr()
                .evaluate(&ctx)
                .unwrap_or_else(|e| panic!("{}: {e}\n{block_text}", attr.key()));
            let value = serde_json::to_value(&value).unwrap();
            if attr.key() == "source" {
                assert_eq!(value, MODULE_SOURCE);
                continue;
            }
            seen += 1;
            assert_eq!(value, tfvars[attr.key()], "{}\n{block_text}", attr.key());
        }
        assert_eq!(seen, tfvars.as_object().unwrap().len());
    }

    #[test]
    fn module_blocks_parse_and_evaluate_to_the_tfvars() {
        for (_, file, text) in EXAMPLES {
            assert_hcl_matches_tfvars(text, Format::from_path(file));
        }
        let tricky = r#"
cluster:
  name: "a \"quoted\" \\ name ${var.x} %{ if true }é😀\t"
  config_patches:
    - |
      machine:
        env:
          A: "${NOT_A_TEMPLATE} %{ nor_this }"
          B: 'back\slash'
      EOT
    - "one line"
    - |
      cluster:
        allowSchedulingOnControlPlanes: true
  "odd key": { "x-y": 1, "1": 2, "null": 3, nested: [{ a: 1 }, { b: [] }], f: 1.5, e: {} }
"#;
        assert_hcl_matches_tfvars(tricky, Format::Yaml);
    }

    #[test]
    fn the_source_pins_the_ha_vip_branch() {
        assert!(MODULE_SOURCE.ends_with(&format!("?ref={MODULE_REF}")));
        assert_eq!(MODULE_REF, "feat/add-support-for-ha-cluster-with-vip");
    }

    /// The exported block and tfvars, read back by our own reader, plan the same VIP;
    /// with HA on, both write it, so the module's code has nothing to choose.
    #[test]
    fn exports_write_the_planned_vip_and_read_back_to_the_same_plan() {
        let mut with_ha = 0;
        for (name, file, text) in EXAMPLES {
            let format = Format::from_path(file);
            let original = crate::analyze(text, format).plan.unwrap();
            let block = module_block(text, format, "k8s").unwrap();
            let from_block = crate::analyze_file(&block, Format::Hcl);
            let tfvars = tfvars_json(text, format).unwrap();
            let from_tfvars = crate::analyze(&tfvars, Format::Json).plan.unwrap();
            let block_plan = from_block.documents[0].plan.clone().unwrap();
            assert_eq!(block_plan.ha_vip, original.ha_vip, "{name}\n{block}");
            assert_eq!(from_tfvars.ha_vip, original.ha_vip, "{name}\n{tfvars}");
            assert_eq!(strip(block_plan), strip(original.clone()), "{name}");
            assert!(
                !from_block
                    .diagnostics
                    .iter()
                    .any(|d| d.code() == "module-automatic-vip"),
                "{name}\n{block}"
            );
            if let (true, Some(vip)) = (original.ha_vip_enabled, original.ha_vip) {
                with_ha += 1;
                let parsed: serde_json::Value = serde_json::from_str(&tfvars).unwrap();
                assert_eq!(parsed["cluster"]["ha_vip"], vip.to_string(), "{name}");
                assert!(block.contains(&format!("= \"{vip}\"")), "{block}");
            }
        }
        assert!(with_ha > 0);
    }

    #[test]
    fn the_seed_documents_module_block_gets_its_vip_written() {
        // The HA VIP document's "Multiple Control Planes" block, completed.
        let text = r#"module "k8s_cluster" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git"

  cluster = {
    name           = "homelab"
    vm_base_id     = 700
    datastore      = "local-lvm"
    node           = "pve01"
    # ha_vip is optional - will be auto-generated if not specified
  }

  controlplane = {
    count = 3  # Three control planes, HA VIP automatically enabled
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }

  image   = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.10.100.0/24", gateway = "10.10.100.1", dns_servers = ["1.1.1.1"] }
  worker  = { count = 2, specs = { cpu = 2, memory = 4096, disk = 50 } }
}
"#;
        let analysis = crate::analyze_file(text, Format::Hcl);
        let plan = analysis.documents[0].plan.as_ref().unwrap();
        assert_eq!(plan.ha_vip.unwrap().to_string(), "10.10.100.13");
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.code() == "module-automatic-vip")
            .unwrap();
        assert!(d.message.contains("10.10.100.19"), "{}", d.message);
        let fixed = crate::diagnostics::apply_edits(text, &d.fixes[0].edits).unwrap();
        assert!(
            fixed.contains(
                "    node           = \"pve01\"\n    ha_vip         = \"10.10.100.13\"\n"
            ),
            "{fixed}"
        );
        let block = module_block(text, Format::Hcl, "k8s_cluster").unwrap();
        assert!(
            block.contains(&format!("source = \"{MODULE_SOURCE}\"")),
            "{block}"
        );
        assert!(
            block.contains("    ha_vip     = \"10.10.100.13\"\n"),
            "{block}"
        );
        assert!(differences(text, Format::Hcl).is_empty());
    }

    #[test]
    fn differences_name_what_the_export_cannot_change() {
        let text = "cluster: { name: lab, node: pve01, datastore: local-lvm, vm_base_id: 700 }\nimage: { version: v1.12.0, extensions: [] }\nnetwork: { cidr: 10.10.100.0/24, gateway: 10.10.100.1, dns_servers: [1.1.1.1], vlan_id: 100 }\ncontrolplane:\n  count: 1\n  specs: { cpu: 4, memory: 4096, disk: 100 }\n  overrides:\n    controlplane-1: { network: { ip_address: 10.10.101.10, cidr: 10.10.101.0/24, gateway: 10.10.101.1, vlan_id: 101 } }\nworker: { count: 0, specs: { cpu: 2, memory: 4096, disk: 100 } }\n";
        let found: Vec<(&str, String)> = differences(text, Format::Yaml)
            .iter()
            .map(|d| (d.code(), text[d.span.start..d.span.end].to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                ("module-ignores-override-network", "10.10.101.1".to_owned()),
                ("module-ignores-override-network", "101".to_owned())
            ]
        );
        let v6 = "cluster: { name: lab, node: pve01, datastore: local-lvm, vm_base_id: 700 }\nimage: { version: v1.12.0, extensions: [] }\nnetwork: { cidr: \"2001:db8::/64\", gateway: \"2001:db8::1\", dns_servers: [\"2001:db8::53\"] }\ncontrolplane: { count: 3, specs: { cpu: 4, memory: 4096, disk: 100 } }\nworker: { count: 0, specs: { cpu: 2, memory: 4096, disk: 100 } }\n";
        let found = differences(v6, Format::Yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code(), "module-ipv4-only");
        assert_eq!(
            &v6[found[0].span.start..found[0].span.end],
            "\"2001:db8::/64\""
        );
    }

    #[test]
    fn yaml_conversion_reads_back_to_the_same_config() {
        for (name, file, text) in EXAMPLES {
            let format = Format::from_path(file);
            let block = module_block(text, format, "k8s").unwrap();
            let converted = yaml(&block, Format::Hcl).unwrap();
            let a = crate::analyze_file(&block, Format::Hcl);
            let b = crate::analyze(&converted, Format::Yaml);
            assert_eq!(
                a.documents[0].plan.clone().map(strip),
                b.plan.map(strip),
                "{name}\n{converted}"
            );
            // Terraform cannot build an IPv6 cluster with the module: that block has the
            // module-ipv4-only error, its YAML conversion (for this planner) has not.
            if a.diagnostics.iter().any(|d| d.code() == "module-ipv4-only") {
                continue;
            }
            assert_eq!(
                crate::render(&block, Format::Hcl).map_err(|e| e.to_string()),
                crate::render(&converted, Format::Yaml).map_err(|e| e.to_string()),
                "{name}"
            );
        }
        let text = "module \"m\" {\n  source = \"terraform-proxmox-talos-cluster\"\n  cluster = { name = var.name }\n}\n";
        assert_eq!(
            yaml(text, Format::Hcl),
            Err(ExportError::Expression("var.name".into()))
        );
    }

    #[test]
    fn keys_are_quoted_when_not_identifiers() {
        assert_eq!(hcl_key("cpu"), "cpu");
        assert_eq!(hcl_key("controlplane-1"), "\"controlplane-1\"");
        assert_eq!(hcl_key("1a"), "\"1a\"");
        assert_eq!(hcl_key("null"), "\"null\"");
        assert_eq!(hcl_key("a b"), "\"a b\"");
    }
}
