//! HCL reader (Terraform): `module` blocks for terraform-proxmox-talos-cluster in `.tf`
//! files, and `.tfvars` files, via hcl-edit, whose syntax tree keeps byte spans.
//!
//! Only literals become values. Every other expression (`var.x`, `file(...)`,
//! `local.y`, interpolations, conditionals) is [`Value::Unknown`]: the rules never guess
//! what Terraform would compute.

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, BlockLabel, Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::tree::{Entry, MapBuilder, Node, ScalarStyle, Value};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

/// The module this project plans for; blocks whose `source` names it are linted.
pub const MODULE_SOURCE: &str = "terraform-proxmox-talos-cluster";

/// Module block arguments that belong to Terraform, not to the module's variables.
const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "providers",
    "depends_on",
    "count",
    "for_each",
];

/// One config found in an HCL file.
#[derive(Debug, Clone)]
pub struct HclDocument {
    /// The module block's label (`k8s_cluster`), `None` for a `.tfvars` file.
    pub name: Option<String>,
    /// The block (or, for `.tfvars`, the whole file).
    pub span: Span,
    /// The variables as a mapping.
    pub root: Node,
}

/// Values the reader may put in place of expressions: Terraform's `var.x` and
/// `local.x` (see `super::tf_values`). Whatever it cannot resolve stays unknown.
pub trait Resolve {
    /// The value of `expr`, written at `span`, or `None` when it stays unknown.
    fn resolve(&self, expr: &Expression, span: Span) -> Option<Node>;
}

/// Reads every config in an HCL text: each qualifying `module` block, or the top-level
/// variables of a `.tfvars` file when there are no module blocks. Expressions stay
/// unknown (what editing needs: the text as written).
pub fn read_documents(text: &str) -> (Vec<HclDocument>, Vec<Diagnostic>) {
    match parse(text) {
        Ok(body) => {
            let mut diagnostics = Vec::new();
            let documents = documents_in(text, &body, None, &mut diagnostics);
            (documents, diagnostics)
        }
        Err(diagnostic) => (Vec::new(), vec![diagnostic]),
    }
}

/// Parses an HCL text; a syntax error is one diagnostic.
pub fn parse(text: &str) -> Result<Body, Diagnostic> {
    hcl_edit::parser::parse_body(text).map_err(|err| {
        let at = floor_char_boundary(text, err.location().offset());
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        // hcl-edit refuses a redefined attribute outright; it is a duplicate key.
        if err.message().contains("redefined attribute") {
            let word = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .map_or(text.len(), |i| at + i);
            Diagnostic::new(
                Rule::DuplicateKey,
                Span::new(at, word.max(end)),
                "this argument is set twice; Terraform rejects a redefined argument",
            )
        } else {
            syntax_error(text, Span::new(at, end), err.message())
        }
    })
}

/// The configs of a parsed text (see [`read_documents`]); `resolver` supplies the
/// values of references it knows.
pub fn documents_in(
    text: &str,
    body: &Body,
    resolver: Option<&dyn Resolve>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<HclDocument> {
    let mut reader = Reader {
        text,
        diagnostics,
        resolver,
    };
    let modules: Vec<&Block> = body
        .iter()
        .filter_map(Structure::as_block)
        .filter(|b| b.ident.as_str() == "module")
        .collect();
    if modules.is_empty() {
        let root = reader.body(body, Span::new(0, text.len()), &[]);
        let declares_ours = root.as_map().is_some_and(|entries| {
            entries
                .iter()
                .any(|e| e.key == "cluster" || e.key == "controlplane")
        });
        if declares_ours {
            vec![HclDocument {
                name: None,
                span: Span::new(0, text.len()),
                root,
            }]
        } else {
            Vec::new()
        }
    } else {
        modules
            .into_iter()
            .filter(|b| is_our_module(b))
            .map(|block| {
                let span = span_of(block.span(), text);
                HclDocument {
                    name: block.labels.first().map(label_text),
                    span,
                    root: reader.body(&block.body, span, META_ARGUMENTS),
                }
            })
            .collect()
    }
}

/// The attributes of a body (a `.tfvars` file, a `locals` block) as a mapping.
pub fn attributes(
    text: &str,
    body: &Body,
    resolver: Option<&dyn Resolve>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Node {
    let mut reader = Reader {
        text,
        diagnostics,
        resolver,
    };
    reader.body(body, Span::new(0, text.len()), &[])
}

/// One expression of `text` as a tree (its own diagnostics are dropped: the caller
/// reads values, the file's own reading reports its problems).
pub fn expression(text: &str, expr: &Expression, resolver: Option<&dyn Resolve>) -> Node {
    let mut ignored = Vec::new();
    let mut reader = Reader {
        text,
        diagnostics: &mut ignored,
        resolver,
    };
    reader.expression(expr)
}

/// A syntax error where the parser first knows about it: an error at the end of the
/// text that an unclosed bracket, string or heredoc explains is reported at the opener,
/// with the end of the file as a related place.
fn syntax_error(text: &str, at: Span, message: &str) -> Diagnostic {
    let rest_is_blank = text[at.start.min(text.len())..].trim().is_empty();
    let unclosed = if rest_is_blank {
        super::hcl_brackets::unclosed_at_end(text)
    } else {
        None
    };
    match unclosed {
        Some(open) => Diagnostic::new(
            Rule::SyntaxError,
            Span::new(open.at, open.at + open.len),
            format!("HCL syntax error: this {}", open.kind.describe()),
        )
        .with_related(Span::at(text.len()), "the file ends here"),
        None => Diagnostic::new(
            Rule::SyntaxError,
            at,
            format!("HCL syntax error: {message}"),
        ),
    }
}

/// A module block is ours when its `source` names the module, or (for a local copy or
/// a registry alias) when it passes the module's `cluster` and `controlplane` variables.
fn is_our_module(block: &Block) -> bool {
    let mut has_cluster = false;
    let mut has_controlplane = false;
    for attr in block.body.iter().filter_map(Structure::as_attribute) {
        match attr.key.as_str() {
            "source" => {
                if let Expression::String(s) = &attr.value {
                    if s.as_str().contains(MODULE_SOURCE) {
                        return true;
                    }
                }
            }
            "cluster" => has_cluster = true,
            "controlplane" => has_controlplane = true,
            _ => {}
        }
    }
    has_cluster && has_controlplane
}

fn label_text(label: &BlockLabel) -> String {
    match label {
        BlockLabel::Ident(i) => i.as_str().to_owned(),
        BlockLabel::String(s) => s.as_str().to_owned(),
    }
}

fn span_of(range: Option<std::ops::Range<usize>>, text: &str) -> Span {
    match range {
        Some(r) => Span::new(r.start.min(text.len()), r.end.min(text.len())),
        None => Span::at(0),
    }
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

struct Reader<'t, 'd, 'r> {
    text: &'t str,
    diagnostics: &'d mut Vec<Diagnostic>,
    resolver: Option<&'r dyn Resolve>,
}

impl Reader<'_, '_, '_> {
    fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        span_of(range, self.text)
    }

    /// The attributes of a body as a mapping, skipping `skip` and nested blocks.
    fn body(&mut self, body: &Body, span: Span, skip: &[&str]) -> Node {
        let mut entries = MapBuilder::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let key = attr.key.as_str();
                    if skip.contains(&key) {
                        continue;
                    }
                    let entry = Entry {
                        key: key.to_owned(),
                        key_span: self.span(attr.key.span()),
                        value: self.expression(&attr.value),
                    };
                    let key_span = entry.key_span;
                    if let Err(first) = entries.insert(entry) {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Rule::DuplicateKey,
                                key_span,
                                format!(
                                    "`{key}` is set twice; Terraform rejects a redefined argument"
                                ),
                            )
                            .with_related(first, "first set here"),
                        );
                    }
                }
                Structure::Block(block) => {
                    // Variables are never blocks; `lifecycle` and the like are Terraform's.
                    let _ = block;
                }
            }
        }
        Node::new(span, Value::Map(entries.finish()))
    }

    fn expression(&mut self, expr: &Expression) -> Node {
        let span = self.span(expr.span());
        let value = match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => {
                let n = n.value();
                match n.as_i64() {
                    Some(i) if !n.is_f64() => Value::Int(i),
                    _ => n.as_f64().map_or(Value::Null, Value::Float),
                }
            }
            Expression::String(s) => {
                return Node::new(span, Value::String(s.as_str().to_owned()))
                    .with_style(ScalarStyle::DoubleQuoted)
            }
            Expression::Array(array) => {
                Value::Seq(array.iter().map(|e| self.expression(e)).collect())
            }
            Expression::Object(object) => {
                let mut entries = MapBuilder::default();
                for (key, value) in object.iter() {
                    let (name, key_span) = match key {
                        ObjectKey::Ident(ident) => {
                            (ident.as_str().to_owned(), self.span(ident.span()))
                        }
                        ObjectKey::Expression(Expression::String(s)) => {
                            (s.as_str().to_owned(), self.span(s.span()))
                        }
                        // A computed key: the object's shape is not known.
                        ObjectKey::Expression(other) => {
                            return self
                                .unknown(other.span().map_or(span, |r| self.span(Some(r))), span)
                        }
                    };
                    let entry = Entry {
                        key: name,
                        key_span,
                        value: self.expression(value.expr()),
                    };
                    if let Err(first) = entries.insert(entry) {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Rule::DuplicateKey,
                                key_span,
                                "this key is set twice in the object",
                            )
                            .with_related(first, "first set here"),
                        );
                    }
                }
                Value::Map(entries.finish())
            }
            Expression::StringTemplate(template) => match literal(template.iter()) {
                Some(s) => {
                    return Node::new(span, Value::String(s)).with_style(ScalarStyle::DoubleQuoted)
                }
                None => return self.resolve(expr, span),
            },
            Expression::HeredocTemplate(heredoc) => {
                let mut heredoc = (**heredoc).clone();
                heredoc.dedent();
                match literal_template(&heredoc.template) {
                    Some(s) => {
                        return Node::new(span, Value::String(s)).with_style(ScalarStyle::Block)
                    }
                    None => return self.resolve(expr, span),
                }
            }
            Expression::Parenthesis(inner) => return self.expression(inner.inner()),
            _ => return self.resolve(expr, span),
        };
        Node::new(span, value)
    }

    /// An expression that is not a literal: its value when the resolver knows it.
    fn resolve(&self, expr: &Expression, span: Span) -> Node {
        self.resolver
            .and_then(|r| r.resolve(expr, span))
            .unwrap_or_else(|| Node::new(span, self.unknown_value(span)))
    }

    fn unknown_value(&self, span: Span) -> Value {
        Value::Unknown(
            self.text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_owned(),
        )
    }

    fn unknown(&self, _key: Span, span: Span) -> Node {
        Node::new(span, self.unknown_value(span))
    }
}

/// The text of a template without interpolations or directives.
fn literal<'a>(elements: impl Iterator<Item = &'a Element>) -> Option<String> {
    let mut out = String::new();
    for element in elements {
        match element {
            Element::Literal(s) => out.push_str(s.value()),
            _ => return None,
        }
    }
    Some(out)
}

fn literal_template(template: &Template) -> Option<String> {
    literal(template.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn module_blocks_become_documents() {
        let text = r#"
module "k8s" {
  source = "git::https://example.invalid/terraform-proxmox-talos-cluster.git?ref=v1"
  cluster = {
    name = "homelab"
    vm_base_id = 700
    config_patches = [file("${path.module}/p.yaml")]
  }
  controlplane = { count = 3 }
}
module "other" {
  source = "./somewhere-else"
  foo = 1
}
resource "x" "y" {}
"#;
        let (docs, diags) = read_documents(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].name.as_deref(), Some("k8s"));
        let root = &docs[0].root;
        assert!(root.get("source").is_none(), "meta-arguments are skipped");
        let cluster = root.get("cluster").unwrap();
        assert_eq!(slice(text, cluster.key_span), "cluster");
        let name = cluster.value.get("name").unwrap();
        assert_eq!(name.value.value, Value::String("homelab".into()));
        assert_eq!(slice(text, name.value.span), "\"homelab\"");
        assert_eq!(
            cluster.value.get("vm_base_id").unwrap().value.value,
            Value::Int(700)
        );
        let patches = cluster.value.get("config_patches").unwrap();
        assert!(
            matches!(&patches.value.as_seq().unwrap()[0].value, Value::Unknown(t) if t.starts_with("file("))
        );
    }

    #[test]
    fn blocks_with_cluster_and_controlplane_qualify_without_source_match() {
        let text =
            "module \"m\" {\n  source = \"../local\"\n  cluster = {}\n  controlplane = {}\n}\n";
        assert_eq!(read_documents(text).0.len(), 1);
    }

    #[test]
    fn tfvars_files_are_one_document() {
        let text = "cluster = {\n  name = \"x\"\n  ha_vip = var.vip\n}\nnetwork = {\n  \"cidr\" = \"10.0.0.0/24\"\n}\n";
        let (docs, _) = read_documents(text);
        assert_eq!(docs.len(), 1);
        let cluster = docs[0].root.get("cluster").unwrap();
        assert!(cluster.value.get("ha_vip").unwrap().value.is_unknown());
        let network = docs[0].root.get("network").unwrap();
        let cidr = network.value.get("cidr").unwrap();
        assert_eq!(slice(text, cidr.key_span), "\"cidr\"");
    }

    #[test]
    fn templates_and_heredocs() {
        let text = "cluster = {\n  a = \"plain ${var.x}\"\n  b = <<-EOT\n    machine:\n      install: {}\n  EOT\n  c = \"esc\\\"aped\"\n}\n";
        let (docs, diags) = read_documents(text);
        assert!(diags.is_empty(), "{diags:?}");
        let cluster = &docs[0].root.get("cluster").unwrap().value;
        assert!(cluster.get("a").unwrap().value.is_unknown());
        assert_eq!(
            cluster.get("b").unwrap().value.value,
            Value::String("machine:\n  install: {}\n".into())
        );
        assert_eq!(
            cluster.get("c").unwrap().value.value,
            Value::String("esc\"aped".into())
        );
    }

    #[test]
    fn syntax_errors_and_duplicates() {
        let (docs, diags) = read_documents("cluster = {\n  name = \n");
        assert!(docs.is_empty());
        assert_eq!(diags[0].rule, Rule::SyntaxError);
        let (_, diags) = read_documents("cluster = {}\ncluster = {}\n");
        assert_eq!(diags[0].rule, Rule::DuplicateKey);
    }
}
