//! The cluster config: readers for each input format, the document tree they share, and
//! the typed model decoded from it.

pub mod decode;
pub mod fields;
#[cfg(feature = "hcl")]
pub mod hcl;
#[cfg(feature = "hcl")]
pub mod hcl_brackets;
pub mod hcl_text;
pub mod ignores;
pub mod json;
pub mod model;
pub mod release_tag;
#[cfg(feature = "hcl")]
pub mod root_module;
#[cfg(feature = "hcl")]
pub mod tf_values;
pub mod tree;
pub mod yaml;

use serde::{Deserialize, Serialize};

pub use model::*;
pub use tree::{Node, ReadLimits};

use crate::diagnostics::{Diagnostic, Span};

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Yaml,
    Json,
    /// Terraform: `module` blocks in `.tf` files, or a `.tfvars` file.
    Hcl,
}

impl Format {
    /// The format a file name implies: `.json` (including `.tfvars.json`) is JSON;
    /// `.tf`, `.tfvars` and `.hcl` are HCL; everything else is YAML.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".tf") || lower.ends_with(".tfvars") || lower.ends_with(".hcl") {
            Format::Hcl
        } else {
            Format::Yaml
        }
    }

    /// A guess from the text itself, for input without a name: JSON starts with `{`;
    /// HCL has a `module "..."` block or `name = value` lines; anything else is YAML.
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') {
            return Format::Json;
        }
        let hcl = text
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.starts_with('#') && !l.starts_with("//"))
            .any(|line| {
                line.starts_with("module \"")
                    || line.split_once('=').is_some_and(|(key, _)| {
                        let key = key.trim();
                        !key.is_empty()
                            && !key.contains(':')
                            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    })
            });
        if hcl {
            Format::Hcl
        } else {
            Format::Yaml
        }
    }
}

/// One config in a source text: the whole file for YAML and JSON, one per `module`
/// block for Terraform files.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    /// The module block's name, for Terraform files.
    pub name: Option<String>,
    /// Where the config is in the text.
    pub span: Span,
    pub config: Config,
    /// Terraform references (`var.x`, `local.y`) whose values were put in their place.
    pub resolved: Vec<ResolvedReference>,
}

/// A Terraform reference in a config that was replaced by its value: diagnostics at
/// its span name where the value came from, and offer no fixes (the value is not
/// written there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedReference {
    /// The reference in the config's text.
    pub span: Span,
    /// The reference as written (`var.talos_version`).
    pub written: String,
    /// Where its value was set (`terraform.tfvars`, `the default in variables.tf`).
    pub origin: String,
}

/// Every config of a text, and every problem met reading them.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    pub documents: Vec<SourceDocument>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's ignore comments (`# talos-planner: ignore[rule-id]`).
    pub ignores: Vec<ignores::Ignore>,
}

/// One config's document tree: the module block's name (Terraform), where the config
/// is in the text, and the tree.
type Root = (Option<String>, Span, Node);

/// A byte-order mark, which Windows editors write and Terraform ignores: the JSON and
/// HCL readers see three spaces instead, so every offset stays the same.
fn unmarked(text: &str, format: Format) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) if format != Format::Yaml => format!("   {rest}").into(),
        _ => text.into(),
    }
}

/// The document trees of a (BOM-free) text, one per config.
fn read_roots(text: &str, format: Format) -> (Vec<Root>, Vec<Diagnostic>) {
    let limits = ReadLimits::default();
    let whole = |root: Option<Node>| -> Vec<Root> {
        root.into_iter()
            .map(|r| (None, Span::new(0, text.len()), r))
            .collect()
    };
    match format {
        Format::Yaml => {
            let (root, d) = yaml::read_document(text, limits);
            (whole(root), d)
        }
        Format::Json => {
            let (root, d) = json::read_document(text, limits);
            (whole(root), d)
        }
        #[cfg(not(feature = "hcl"))]
        Format::Hcl => (Vec::new(), vec![hcl_unavailable()]),
        #[cfg(feature = "hcl")]
        Format::Hcl => {
            let (docs, d) = hcl::read_documents(text);
            let roots = docs
                .into_iter()
                .map(|doc| (doc.name, doc.span, doc.root))
                .collect();
            (roots, d)
        }
    }
}

/// Reads and decodes every config in a text.
pub fn parse_file(text: &str, format: Format) -> ParsedFile {
    let text = &*unmarked(text, format);
    // Terraform: the text is a root module of one file (its own variable defaults and
    // locals resolve).
    #[cfg(feature = "hcl")]
    if format == Format::Hcl {
        return root_module::read_text(text);
    }
    let (roots, mut diagnostics) = read_roots(text, format);
    let trees: Vec<&Node> = roots.iter().map(|(_, _, root)| root).collect();
    let ignores = ignores::find(text, format, &trees);
    let documents = roots
        .into_iter()
        .map(|(name, span, root)| {
            let variables_file = format == Format::Hcl && name.is_none();
            let (config, more) = decode::decode(&root, text, format, variables_file);
            diagnostics.extend(more);
            SourceDocument {
                name,
                span,
                config,
                resolved: Vec::new(),
            }
        })
        .collect();
    ParsedFile {
        documents,
        diagnostics,
        ignores,
    }
}

/// The config field whose value holds byte `offset` (`image.version`,
/// `controlplane.overrides.controlplane-2.node`), for hovers on values the model does
/// not keep (Terraform expressions).
pub fn field_at(text: &str, format: Format, offset: usize) -> Option<Vec<String>> {
    let text = &*unmarked(text, format);
    let (roots, _) = read_roots(text, format);
    roots
        .iter()
        .find(|(_, span, _)| span.start <= offset && offset <= span.end)
        .map(|(_, _, root)| root.path_at(offset))
        .filter(|path| !path.is_empty())
}

/// The text of a file's bytes, or the diagnostic that says why it is not text we read:
/// configs are UTF-8 (an editor saving UTF-16 or a binary file is a common mistake).
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|err| {
        let at = err.valid_up_to();
        let message = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            "the file is UTF-16 text; save it as UTF-8".to_owned()
        } else {
            format!(
                "the file is not UTF-8 text (invalid byte 0x{:02x} at offset {at})",
                bytes[at]
            )
        };
        Diagnostic::new(
            crate::diagnostics::Rule::SyntaxError,
            Span::new(at, at),
            message,
        )
    })
}

/// The diagnostic of a build without Terraform support (the web page's package).
#[cfg(not(feature = "hcl"))]
pub(crate) fn hcl_unavailable() -> Diagnostic {
    Diagnostic::new(
        crate::diagnostics::Rule::SyntaxError,
        Span::at(0),
        "this build of talos-planner reads YAML and JSON only, not Terraform files",
    )
}

/// Diagnostics about values that came from Terraform variables: each says where the
/// value was set, and loses its fixes (they would overwrite the reference, not the
/// value). An insertion at the reference's edge counts as touching it.
pub fn attribute_resolved(diagnostics: &mut [Diagnostic], resolved: &[ResolvedReference]) {
    if resolved.is_empty() {
        return;
    }
    let within = |span: Span| {
        resolved
            .iter()
            .find(|r| r.span.start <= span.start && span.end <= r.span.end)
    };
    for d in diagnostics.iter_mut() {
        if let Some(r) = within(d.span) {
            d.message
                .push_str(&format!(" (`{}` comes from {})", r.written, r.origin));
        }
        d.fixes.retain(|fix| {
            !fix.edits.iter().any(|e| {
                resolved
                    .iter()
                    .any(|r| e.span.start <= r.span.end && r.span.start <= e.span.end)
            })
        });
    }
}
