//! Terraform's named values in a root module: input variables (declarations, their
//! defaults, and the values set for them) and locals, and the references to them
//! (`var.x`, `local.y.z`, `"${var.name}-lab"`) that the HCL reader can replace by
//! values. Anything else (functions, conditionals, resources) stays unknown.
//!
//! A resolved value takes the span of the reference, so that every diagnostic about it
//! points at the place in the module block that uses it; where the value came from is
//! recorded for the message.

use std::cell::{Cell, RefCell};

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, BlockLabel, Body, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span as _;
use rustc_hash::FxHashMap as HashMap;

use super::hcl::{self, Resolve};
use super::tree::{Entry, Node, Value};
use super::ResolvedReference;
use crate::diagnostics::Span;

/// How Terraform reads a value given as text (`--var`, `TF_VAR_x`): literally for
/// variables of a primitive type or none, as an HCL expression otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsingMode {
    Literal,
    Hcl,
}

/// One `variable "name" { ... }` block.
#[derive(Debug, Clone)]
pub struct Declaration {
    /// The file that declares it.
    pub file: String,
    pub default: Option<Node>,
    pub mode: ParsingMode,
}

/// A value set for a variable, and where it was set (`terraform.tfvars`, `--var`).
#[derive(Debug, Clone)]
pub struct SetValue {
    pub value: Node,
    pub origin: String,
}

/// A `locals` entry: its expression in its file's text.
struct Local<'a> {
    text: &'a str,
    expr: &'a Expression,
}

/// Why a variable reference stays unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Declared, but no default and no value set.
    NoValue,
    /// No `variable` block declares it (where all the files are known, Terraform
    /// refuses the reference).
    Undeclared,
}

/// The most nodes one resolved value may have: a cluster config is small, and a hostile
/// file (a local that doubles another, thirty times) must not exhaust memory.
const MAX_VALUE_NODES: usize = 10_000;
/// The most nodes resolved into one config, all references together.
const MAX_RESOLVED_NODES: usize = 200_000;
/// How deep locals may refer to locals.
const MAX_LOCAL_DEPTH: usize = 32;

/// The variables and locals of a root module.
#[derive(Default)]
pub struct Scope<'a> {
    /// Nodes resolved since [`Scope::begin`] (see [`MAX_RESOLVED_NODES`]).
    spent: Cell<usize>,
    /// Locals already evaluated (`None`: unknown), each once.
    local_values: RefCell<HashMap<String, Option<Node>>>,
    declarations: HashMap<String, Declaration>,
    values: HashMap<String, SetValue>,
    locals: HashMap<String, Local<'a>>,
    /// Locals being evaluated, to stop at a cycle.
    evaluating: RefCell<Vec<String>>,
    /// Resolved references, in the order met (per config; see [`Scope::take_resolved`]).
    resolved: RefCell<Vec<ResolvedReference>>,
    /// The config text being read: resolved spans point into it.
    current_text: RefCell<&'a str>,
}

impl<'a> Scope<'a> {
    /// Adds the `variable` and `locals` blocks of one configuration file.
    pub fn add_configuration(&mut self, file: &str, text: &'a str, body: &'a Body) {
        for block in body.iter().filter_map(Structure::as_block) {
            match block.ident.as_str() {
                "variable" => {
                    if let Some(name) = block.labels.first().map(label_text) {
                        let declaration = declaration(file, text, block);
                        self.declarations.insert(name, declaration);
                    }
                }
                "locals" => {
                    for attr in block.body.iter().filter_map(Structure::as_attribute) {
                        self.locals.insert(
                            attr.key.as_str().to_owned(),
                            Local {
                                text,
                                expr: &attr.value,
                            },
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// A declared variable, if any.
    pub fn declaration(&self, name: &str) -> Option<&Declaration> {
        self.declarations.get(name)
    }

    /// Sets a variable's value; a later call wins, as later sources do in Terraform.
    pub fn set(&mut self, name: &str, value: Node, origin: impl Into<String>) {
        self.values.insert(
            name.to_owned(),
            SetValue {
                value,
                origin: origin.into(),
            },
        );
    }

    /// Starts reading a config in `text`: resolved references are recorded against it.
    pub fn begin(&self, text: &'a str) {
        *self.current_text.borrow_mut() = text;
        self.resolved.borrow_mut().clear();
        self.spent.set(0);
    }

    /// The references resolved since [`Scope::begin`].
    pub fn take_resolved(&self) -> Vec<ResolvedReference> {
        std::mem::take(&mut self.resolved.borrow_mut())
    }

    /// Why `var.name` has no value, or `None` when it has one. `complete`: every file of
    /// the root module is known, so an undeclared variable is a mistake.
    pub fn missing(&self, name: &str, complete: bool) -> Option<Missing> {
        if self.values.contains_key(name) {
            return None;
        }
        match self.declarations.get(name) {
            Some(d) if d.default.is_some() => None,
            Some(_) => Some(Missing::NoValue),
            None if complete => Some(Missing::Undeclared),
            // Another file of the module may declare it.
            None => None,
        }
    }

    /// The value of a variable and where it came from.
    fn variable(&self, name: &str) -> Option<(Node, String)> {
        if let Some(set) = self.values.get(name) {
            return Some((set.value.clone(), set.origin.clone()));
        }
        let declaration = self.declarations.get(name)?;
        let default = declaration.default.clone()?;
        Some((default, format!("the default in {}", declaration.file)))
    }

    /// The value of a local, evaluated in its own file (references inside it resolve
    /// too); a cycle stays unknown.
    fn local(&self, name: &str) -> Option<Node> {
        if let Some(known) = self.local_values.borrow().get(name) {
            return known.clone();
        }
        let local = self.locals.get(name)?;
        let depth = self.evaluating.borrow().len();
        if depth >= MAX_LOCAL_DEPTH || self.evaluating.borrow().iter().any(|n| n == name) {
            return None;
        }
        self.evaluating.borrow_mut().push(name.to_owned());
        // Nested references record their own spans in the local's file: keep only the
        // outer reference's record.
        let saved = self.resolved.borrow().len();
        let value = hcl::expression(local.text, local.expr, Some(self));
        self.resolved.borrow_mut().truncate(saved);
        self.evaluating.borrow_mut().pop();
        let value = (!contains_unknown(&value) && value.size() <= MAX_VALUE_NODES).then_some(value);
        // Each local is evaluated once (a value referred to twice at every level must
        // not cost twice at every level); one left unknown by a cycle or the depth limit
        // stays unknown, never wrong.
        self.local_values
            .borrow_mut()
            .insert(name.to_owned(), value.clone());
        value
    }

    /// `var.x...` or `local.x...`: the named value, then each attribute and index.
    fn traversal(&self, root: &str, operators: &[&TraversalOperator]) -> Option<(Node, String)> {
        let (first, rest) = operators.split_first()?;
        let TraversalOperator::GetAttr(name) = first else {
            return None;
        };
        let name = name.as_str();
        let (mut node, origin) = match root {
            "var" => self.variable(name)?,
            "local" => (self.local(name)?, "a local value".to_owned()),
            _ => return None,
        };
        for op in rest {
            node = match op {
                TraversalOperator::GetAttr(key) => member(&node, key.as_str())?,
                TraversalOperator::LegacyIndex(i) => {
                    element(&node, usize::try_from(*i.value()).ok()?)?
                }
                TraversalOperator::Index(index) => match index {
                    Expression::String(key) => member(&node, key.as_str())?,
                    Expression::Number(n) => {
                        element(&node, usize::try_from(n.value().as_u64()?).ok()?)?
                    }
                    _ => return None,
                },
                _ => return None,
            };
        }
        Some((node, origin))
    }

    /// A template whose interpolations all resolve to scalars, as text.
    fn template<'e>(
        &self,
        elements: impl Iterator<Item = &'e Element>,
        span: Span,
    ) -> Option<String> {
        let mut out = String::new();
        for element in elements {
            match element {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(interpolation) => {
                    let inner = interpolation
                        .expr
                        .span()
                        .map_or(span, |r| Span::new(r.start, r.end));
                    let value = self.resolve(&interpolation.expr, inner)?;
                    out.push_str(&template_text(&value)?);
                }
                Element::Directive(_) => return None,
            }
        }
        Some(out)
    }

    fn record(&self, span: Span, origin: String) {
        let text = *self.current_text.borrow();
        self.resolved.borrow_mut().push(ResolvedReference {
            span,
            written: text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_owned(),
            origin,
        });
    }
}

impl Resolve for Scope<'_> {
    fn resolve(&self, expr: &Expression, span: Span) -> Option<Node> {
        match expr {
            Expression::Traversal(traversal) => {
                let Expression::Variable(root) = &traversal.expr else {
                    return None;
                };
                let operators: Vec<&TraversalOperator> =
                    traversal.operators.iter().map(|op| op.value()).collect();
                let (node, origin) = self.traversal(root.as_str(), &operators)?;
                let size = node.size();
                let spent = self.spent.get() + size;
                if contains_unknown(&node) || size > MAX_VALUE_NODES || spent > MAX_RESOLVED_NODES {
                    return None;
                }
                self.spent.set(spent);
                self.record(span, origin);
                Some(respan(node, span))
            }
            Expression::StringTemplate(template) => {
                let start = self.resolved.borrow().len();
                let Some(out) = self.template(template.iter(), span) else {
                    self.resolved.borrow_mut().truncate(start);
                    return None;
                };
                let origin = self
                    .resolved
                    .borrow_mut()
                    .drain(start..)
                    .map(|r| format!("`{}` from {}", r.written, r.origin))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.record(span, origin);
                Some(Node::new(span, Value::String(out)))
            }
            _ => None,
        }
    }
}

fn declaration(file: &str, text: &str, block: &Block) -> Declaration {
    let mut default = None;
    let mut mode = ParsingMode::Literal;
    for attr in block.body.iter().filter_map(Structure::as_attribute) {
        match attr.key.as_str() {
            // A default must be a literal value in Terraform: no references resolve.
            "default" => default = Some(hcl::expression(text, &attr.value, None)),
            "type" => mode = parsing_mode(&attr.value),
            _ => {}
        }
    }
    // `default = null` means no default.
    let default = default.filter(|d| d.value != Value::Null && !contains_unknown(d));
    Declaration {
        file: file.to_owned(),
        default,
        mode,
    }
}

/// Terraform parses text values literally for primitive types (and none), as HCL for
/// `any`, collections, objects and tuples.
fn parsing_mode(type_expr: &Expression) -> ParsingMode {
    match type_expr {
        Expression::Variable(ident) if matches!(ident.as_str(), "string" | "number" | "bool") => {
            ParsingMode::Literal
        }
        // The legacy quoted forms: "string" is literal, "list" and "map" are not.
        Expression::String(s) if s.as_str() == "string" => ParsingMode::Literal,
        _ => ParsingMode::Hcl,
    }
}

fn label_text(label: &BlockLabel) -> String {
    match label {
        BlockLabel::Ident(i) => i.as_str().to_owned(),
        BlockLabel::String(s) => s.as_str().to_owned(),
    }
}

fn member(node: &Node, key: &str) -> Option<Node> {
    node.get(key).map(|e| e.value.clone())
}

fn element(node: &Node, index: usize) -> Option<Node> {
    node.as_seq()?.get(index).cloned()
}

/// A scalar as an interpolation writes it; collections cannot be interpolated.
fn template_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) if f.is_finite() => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn contains_unknown(node: &Node) -> bool {
    !node.unknowns().is_empty()
}

/// The value with every span (and every key span) moved to `span`: the place of the
/// reference in the config being read.
pub fn respan(node: Node, span: Span) -> Node {
    let style = node.style;
    let value = match node.value {
        Value::Seq(items) => Value::Seq(items.into_iter().map(|n| respan(n, span)).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|e| Entry {
                    key: e.key,
                    key_span: span,
                    value: respan(e.value, span),
                })
                .collect(),
        ),
        other => other,
    };
    Node::new(span, value).with_style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of<'a>(text: &'a str, body: &'a Body) -> Scope<'a> {
        let mut scope = Scope::default();
        scope.add_configuration("main.tf", text, body);
        scope
    }

    #[test]
    fn variables_locals_and_templates_resolve() {
        let text = r#"
variable "name" { default = "lab" }
variable "cp" {
  type    = object({ count = number })
  default = { count = 3, nodes = ["pve01", "pve02"] }
}
variable "unset" { type = string }
locals {
  full  = "${var.name}-k8s"
  nodes = var.cp.nodes
  loop  = local.loop
  count = var.cp["count"]
}
"#;
        let body = hcl::parse(text).unwrap();
        let scope = scope_of(text, &body);
        let eval = |expr: &str| {
            let e = hcl_edit::parser::parse_expr(expr).unwrap();
            hcl::expression(expr, &e, Some(&scope))
        };
        assert_eq!(eval("local.full").value, Value::String("lab-k8s".into()));
        assert_eq!(eval("local.count").value, Value::Int(3));
        assert_eq!(eval("local.nodes.1").value, Value::String("pve02".into()));
        assert_eq!(eval("var.cp.nodes[0]").value, Value::String("pve01".into()));
        assert!(eval("local.loop").is_unknown(), "a cycle stays unknown");
        assert!(eval("var.unset").is_unknown());
        assert!(eval("var.nope").is_unknown());
        assert!(eval("file(\"x\")").is_unknown());
        let node = eval("{ a = var.name, b = [local.count] }");
        assert!(node.unknowns().is_empty());
        assert_eq!(scope.missing("unset", true), Some(Missing::NoValue));
        assert_eq!(scope.missing("nope", true), Some(Missing::Undeclared));
        assert_eq!(scope.missing("name", true), None);
        assert_eq!(
            scope.declaration("cp").map(|d| d.mode),
            Some(ParsingMode::Hcl)
        );
        assert_eq!(
            scope.declaration("unset").map(|d| d.mode),
            Some(ParsingMode::Literal)
        );
    }

    #[test]
    fn hostile_locals_stay_bounded() {
        // Each local doubles the one before: 2^40 nodes if nothing stopped it.
        let mut text = String::from("locals {\n  l0 = [1, 2]\n");
        for i in 1..=40 {
            text.push_str(&format!("  l{i} = [local.l{}, local.l{}]\n", i - 1, i - 1));
        }
        // And a chain deeper than the stack should go.
        for i in 0..500 {
            text.push_str(&format!("  c{i} = local.c{}\n", i + 1));
        }
        text.push_str("  c500 = 1\n}\n");
        let body = hcl::parse(&text).unwrap();
        let scope = scope_of(&text, &body);
        let eval = |expr: &str| {
            let e = hcl_edit::parser::parse_expr(expr).unwrap();
            hcl::expression(expr, &e, Some(&scope))
        };
        assert!(eval("local.l5").unknowns().is_empty());
        assert!(eval("local.l40").is_unknown());
        assert_eq!(eval("local.c480").value, Value::Int(1));
        assert!(eval("local.c0").is_unknown());
    }

    #[test]
    fn set_values_win_over_defaults_and_record_their_origin() {
        let text = "variable \"v\" { default = \"v1.11.0\" }\n";
        let body = hcl::parse(text).unwrap();
        let mut scope = scope_of(text, &body);
        let use_site = "var.v";
        scope.begin(use_site);
        let e = hcl_edit::parser::parse_expr(use_site).unwrap();
        assert_eq!(
            hcl::expression(use_site, &e, Some(&scope)).value,
            Value::String("v1.11.0".into())
        );
        assert_eq!(scope.take_resolved()[0].origin, "the default in main.tf");
        scope.set(
            "v",
            Node::new(Span::at(0), Value::String("v1.12".into())),
            "terraform.tfvars",
        );
        let node = hcl::expression(use_site, &e, Some(&scope));
        assert_eq!(node.value, Value::String("v1.12".into()));
        assert_eq!(node.span, Span::new(0, 5));
        let resolved = scope.take_resolved();
        assert_eq!(resolved[0].written, "var.v");
        assert_eq!(resolved[0].origin, "terraform.tfvars");
    }
}
