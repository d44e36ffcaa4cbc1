//! JSON reader (`cluster.json`, `terraform.tfvars.json`): jsonc-parser's AST, which
//! carries byte ranges, to a spanned [`Node`] tree. Strict JSON: no comments, no trailing
//! commas, no JSON5 extensions, since Terraform rejects them too.

use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::tree::{Entry, MapBuilder, Node, ReadLimits, ScalarStyle, Value};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

/// Reads one JSON document; `None` when it does not parse.
pub fn read_document(text: &str, limits: ReadLimits) -> (Option<Node>, Vec<Diagnostic>) {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let mut diagnostics = Vec::new();
    let parsed = match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options) {
        Ok(parsed) => parsed,
        Err(err) => {
            let range = err.range();
            let start = range.start.min(text.len());
            let end = range.end.clamp(start, text.len());
            diagnostics.push(Diagnostic::new(
                Rule::SyntaxError,
                Span::new(start, end),
                format!("JSON syntax error: {}", err.kind()),
            ));
            return (None, diagnostics);
        }
    };
    let Some(value) = parsed.value else {
        return (Some(Node::new(Span::at(0), Value::Null)), diagnostics);
    };
    let mut builder = Builder {
        limits,
        nodes: 0,
        diagnostics,
    };
    let root = builder.convert(&value, 0);
    let diagnostics = builder.diagnostics;
    (root, diagnostics)
}

struct Builder {
    limits: ReadLimits,
    nodes: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Builder {
    fn convert(&mut self, value: &ast::Value<'_>, depth: usize) -> Option<Node> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            let range = value_range(value);
            self.diagnostics.push(Diagnostic::new(
                Rule::SyntaxError,
                Span::new(range.start, range.end),
                format!(
                    "the document has more than {} values; reading stopped here",
                    self.limits.max_nodes
                ),
            ));
            return None;
        }
        let node = match value {
            ast::Value::StringLit(s) => {
                Node::new(span(s.range), Value::String(s.value.to_string()))
                    .with_style(ScalarStyle::DoubleQuoted)
            }
            ast::Value::NumberLit(n) => Node::new(span(n.range), number(n.value)),
            ast::Value::BooleanLit(b) => Node::new(span(b.range), Value::Bool(b.value)),
            ast::Value::NullKeyword(n) => Node::new(span(n.range), Value::Null),
            ast::Value::Array(array) => {
                if depth >= self.limits.max_depth {
                    return self.too_deep(array.range);
                }
                let mut items = Vec::with_capacity(array.elements.len());
                for element in &array.elements {
                    items.push(self.convert(element, depth + 1)?);
                }
                Node::new(span(array.range), Value::Seq(items))
            }
            ast::Value::Object(object) => {
                if depth >= self.limits.max_depth {
                    return self.too_deep(object.range);
                }
                let mut entries = MapBuilder::default();
                for prop in &object.properties {
                    let (key, key_range) = match &prop.name {
                        ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                        ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                    };
                    let key_span = span(key_range);
                    let value = self.convert(&prop.value, depth + 1)?;
                    let name = key.clone();
                    let entry = Entry {
                        key,
                        key_span,
                        value,
                    };
                    if let Err(first) = entries.insert(entry) {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Rule::DuplicateKey,
                                key_span,
                                format!("duplicate key `{name}`; only the first one is used"),
                            )
                            .with_related(first, "first defined here"),
                        );
                    }
                }
                let entries = entries.finish();
                Node::new(span(object.range), Value::Map(entries))
            }
        };
        Some(node)
    }

    fn too_deep(&mut self, range: jsonc_parser::common::Range) -> Option<Node> {
        self.diagnostics.push(Diagnostic::new(
            Rule::SyntaxError,
            span(range),
            format!(
                "nesting deeper than {} levels is not supported",
                self.limits.max_depth
            ),
        ));
        Some(Node::new(span(range), Value::Null))
    }
}

fn span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start, range.end.max(range.start))
}

fn value_range(value: &ast::Value<'_>) -> jsonc_parser::common::Range {
    match value {
        ast::Value::StringLit(v) => v.range,
        ast::Value::NumberLit(v) => v.range,
        ast::Value::BooleanLit(v) => v.range,
        ast::Value::NullKeyword(v) => v.range,
        ast::Value::Array(v) => v.range,
        ast::Value::Object(v) => v.range,
    }
}

/// JSON numbers: integers that fit i64 stay integers, everything else is a float.
fn number(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::Int(i);
    }
    match super::number::parse_f64(text) {
        Some(f) => Value::Float(f),
        None => Value::String(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spans_and_types() {
        let text =
            r#"{"cluster": {"name": "x", "vm_base_id": 700, "f": 1.5, "b": true, "n": null}}"#;
        let (root, diags) = read_document(text, ReadLimits::default());
        assert!(diags.is_empty());
        let root = root.unwrap();
        let cluster = root.get("cluster").unwrap();
        assert_eq!(
            &text[cluster.key_span.start..cluster.key_span.end],
            "\"cluster\""
        );
        let id = cluster.value.get("vm_base_id").unwrap();
        assert_eq!(id.value.value, Value::Int(700));
        assert_eq!(&text[id.value.span.start..id.value.span.end], "700");
        assert_eq!(
            cluster.value.get("f").unwrap().value.value,
            Value::Float(1.5)
        );
    }

    #[test]
    fn strict_json_rejects_comments_and_trailing_commas() {
        for bad in ["{\"a\": 1,}", "{// c\n\"a\": 1}", "{'a': 1}", "{a: 1}"] {
            let (root, diags) = read_document(bad, ReadLimits::default());
            assert!(root.is_none(), "{bad}");
            assert_eq!(diags[0].rule, Rule::SyntaxError);
        }
    }

    #[test]
    fn duplicate_keys() {
        let (_, diags) = read_document(r#"{"a": 1, "a": 2}"#, ReadLimits::default());
        assert_eq!(diags[0].rule, Rule::DuplicateKey);
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let text = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let (_, diags) = read_document(&text, ReadLimits::default());
        assert!(!diags.is_empty());
    }
}
