//! Small text edits for forms: set (or remove) one scalar at a config path, keeping the
//! rest of the file byte for byte, so a newcomer can change a count or an address
//! without typing YAML and without losing the comments and layout of the file.
//!
//! Edits are computed on the spanned document tree of [`crate::config::yaml`],
//! [`crate::config::json`] or, for Terraform, the first module block (or the `.tfvars`
//! variables) of [`crate::config::hcl`]: an existing value is replaced where it is
//! written (in its quoting style), a missing key is inserted into its mapping (with any
//! missing parent mappings) in the style of that mapping (block, flow, JSON, or an HCL
//! object on lines or on one line), and `null` removes the entry with its line. A
//! Terraform expression (`var.x`) is not replaced by a value: it is edited in the text.

use thiserror::Error;

use crate::config::hcl_text;
use crate::config::tree::{Entry, Node, ReadLimits, Value};
use crate::config::{json, yaml, Format};
use crate::diagnostics::{apply_edits, Diagnostic, Severity, Span, TextEdit};
use crate::rules::fixes;

/// A value a form can set. `Null` removes the key.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    String(String),
}

/// The deepest path an edit accepts: the readers' own nesting limit.
pub const MAX_PATH: usize = 64;

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("the config cannot be edited until it parses: {0}")]
    Unparsable(String),
    #[error("no key was given")]
    EmptyPath,
    #[error("editing {0} is not supported; edit the YAML or JSON form")]
    Unsupported(&'static str),
    #[error("`{0}` is a Terraform expression; change it in the text")]
    Expression(String),
    #[error("a path of {0} keys is deeper than any config ({MAX_PATH} at most)")]
    PathTooLong(usize),
    #[error("`{path}` is {found}, not a mapping, so `{key}` cannot be set in it")]
    NotAMapping {
        path: String,
        key: String,
        found: &'static str,
    },
}

/// The edits that set `path` to `value` in `text` (none when nothing changes).
pub fn set(
    text: &str,
    format: Format,
    path: &[&str],
    value: &Scalar,
) -> Result<Vec<TextEdit>, EditError> {
    if path.is_empty() {
        return Err(EditError::EmptyPath);
    }
    // New parents are written out level by level: bound the work a path can cause.
    if path.len() > MAX_PATH {
        return Err(EditError::PathTooLong(path.len()));
    }
    let syntax = match format {
        Format::Yaml => Syntax::Yaml,
        Format::Json => Syntax::Json,
        Format::Hcl => Syntax::Hcl,
    };
    let root = read(text, format)?;
    let writer = Writer {
        text,
        format: syntax,
    };
    writer.set_in(&root, path, 0, value)
}

/// `text` with `path` set to `value`.
pub fn apply(
    text: &str,
    format: Format,
    path: &[&str],
    value: &Scalar,
) -> Result<String, EditError> {
    let edits = set(text, format, path, value)?;
    // Our own edits never overlap; a failure here would be a bug, reported, not hidden.
    apply_edits(text, &edits)
        .ok_or_else(|| EditError::Unparsable("internal error: overlapping edits".into()))
}

/// The scalar written at `path`, if there is one (`None` for missing keys, collections,
/// non-integer numbers, expressions and unparsable text).
pub fn get(text: &str, format: Format, path: &[&str]) -> Option<Scalar> {
    lookup(&read(text, format).ok()?, path)
}

/// [`get`] on a tree already read (for reading many paths at once).
pub fn lookup(root: &Node, path: &[&str]) -> Option<Scalar> {
    let mut node = root;
    for key in path {
        node = &node.get(key)?.value;
    }
    match &node.value {
        Value::Null => Some(Scalar::Null),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Int(i) => Some(Scalar::Int(*i)),
        Value::String(s) => Some(Scalar::String(s.clone())),
        _ => None,
    }
}

/// Reads the document tree; a syntax error (not a lint finding) stops editing.
pub(crate) fn read(text: &str, format: Format) -> Result<Node, EditError> {
    let limits = ReadLimits::default();
    let (root, diagnostics) = match format {
        Format::Yaml => yaml::read_document(text, limits),
        Format::Json => json::read_document(text, limits),
        #[cfg(not(feature = "hcl"))]
        Format::Hcl => (None, vec![crate::config::hcl_unavailable()]),
        // The first module block (or the .tfvars variables) is the config.
        #[cfg(feature = "hcl")]
        Format::Hcl => {
            let (docs, mut diagnostics) = crate::config::hcl::read_documents(text);
            if docs.is_empty() && diagnostics.is_empty() {
                diagnostics.push(crate::config::root_module::nothing_to_check(text));
            }
            (docs.into_iter().next().map(|d| d.root), diagnostics)
        }
    };
    let first_error = || {
        diagnostics
            .iter()
            .find(|d: &&Diagnostic| d.severity == Severity::Error)
            .map_or_else(|| "syntax error".to_owned(), |d| d.message.clone())
    };
    match root {
        Some(root) if !has_syntax_error(&diagnostics) => Ok(root),
        _ => Err(EditError::Unparsable(first_error())),
    }
}

fn has_syntax_error(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.rule == crate::diagnostics::Rule::SyntaxError)
}

/// The formats the writer edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Json,
    Hcl,
}

struct Writer<'t> {
    text: &'t str,
    format: Syntax,
}

impl Writer<'_> {
    fn set_in(
        &self,
        node: &Node,
        path: &[&str],
        depth: usize,
        value: &Scalar,
    ) -> Result<Vec<TextEdit>, EditError> {
        let key = path[depth];
        let last = depth + 1 == path.len();
        match &node.value {
            Value::Map(entries) => match entries.iter().find(|e| e.key == key) {
                Some(entry) if last => self.replace_entry(entry, value),
                Some(entry) if entry.value.value == Value::Null => {
                    Ok(self.fill_null(entry, &path[depth + 1..], value))
                }
                Some(entry) => self.set_in(&entry.value, path, depth + 1, value),
                None if *value == Scalar::Null => Ok(Vec::new()),
                None => Ok(self.insert(node, entries, &path[depth..], value)),
            },
            // An empty document: the new keys are the whole text.
            Value::Null if depth == 0 => {
                if *value == Scalar::Null {
                    return Ok(Vec::new());
                }
                Ok(vec![self.insert_into_empty_document(path, value)])
            }
            _ => Err(EditError::NotAMapping {
                path: if depth == 0 {
                    "the document".into()
                } else {
                    path[..depth].join(".")
                },
                key: key.to_owned(),
                found: node.type_name(),
            }),
        }
    }

    /// Replaces an existing entry's value, or removes the entry for `Null`.
    fn replace_entry(&self, entry: &Entry, value: &Scalar) -> Result<Vec<TextEdit>, EditError> {
        if let Value::Unknown(expr) = &entry.value.value {
            return Err(EditError::Expression(expr.clone()));
        }
        Ok(self.replace_value(entry, value))
    }

    fn replace_value(&self, entry: &Entry, value: &Scalar) -> Vec<TextEdit> {
        if *value == Scalar::Null {
            let span = Span::new(entry.key_span.start, self.value_end(entry));
            return fixes::remove_entry(self.text, span, "").edits;
        }
        if entry.value.value == Value::Null && entry.value.span.is_empty() {
            // `key:` with nothing after it: write the value after the colon.
            let at = self.after_colon(entry);
            return vec![TextEdit {
                span: Span::at(at),
                new_text: format!(" {}", self.scalar_text(value, None)),
            }];
        }
        if self.written_as(entry, value) {
            return Vec::new();
        }
        let span = entry.value.span;
        vec![TextEdit {
            span,
            new_text: self.scalar_text(value, Some(span)),
        }]
    }

    /// Whether the entry already holds exactly `value`.
    fn written_as(&self, entry: &Entry, value: &Scalar) -> bool {
        match (&entry.value.value, value) {
            (Value::Bool(a), Scalar::Bool(b)) => a == b,
            (Value::Int(a), Scalar::Int(b)) => a == b,
            (Value::String(a), Scalar::String(b)) => a == b,
            _ => false,
        }
    }

    /// The end of an entry's value; an empty null value ends at its key's colon.
    fn value_end(&self, entry: &Entry) -> usize {
        if entry.value.value == Value::Null && entry.value.span.is_empty() {
            self.after_colon(entry)
        } else {
            entry.value.span.end.max(entry.key_span.end)
        }
    }

    /// The offset just after the `:` that follows an entry's key.
    fn after_colon(&self, entry: &Entry) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = entry.key_span.end;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        if bytes.get(i) == Some(&b':') {
            i + 1
        } else {
            entry.key_span.end
        }
    }

    /// `key:` (null) that must become a mapping holding `rest`.
    fn fill_null(&self, entry: &Entry, rest: &[&str], value: &Scalar) -> Vec<TextEdit> {
        if *value == Scalar::Null {
            return Vec::new();
        }
        match self.format {
            Syntax::Json | Syntax::Hcl => vec![TextEdit {
                span: entry.value.span,
                new_text: self.flow_nested(rest, value),
            }],
            Syntax::Yaml => {
                let indent = self.column(entry.key_span.start) + 2;
                let mut edits = Vec::new();
                // An explicit `~` or `null` goes; a comment after the colon stays.
                let mut at = self.after_colon(entry);
                if !entry.value.span.is_empty() {
                    edits.push(TextEdit {
                        span: Span::new(at, entry.value.span.end),
                        new_text: String::new(),
                    });
                    at = entry.value.span.end;
                }
                let line_end = self.text[at..]
                    .find('\n')
                    .map_or(self.text.len(), |i| at + i);
                let line_end = line_end.max(at);
                let block = self.block_lines(rest, value, indent);
                edits.push(TextEdit {
                    span: Span::at(line_end),
                    new_text: format!("\n{}", block.trim_end_matches('\n')),
                });
                edits
            }
        }
    }

    /// Inserts `path[0]` (with the mappings below it) into the mapping `node`.
    fn insert(
        &self,
        node: &Node,
        entries: &[Entry],
        path: &[&str],
        value: &Scalar,
    ) -> Vec<TextEdit> {
        let flow = matches!(self.text.as_bytes().get(node.span.start), Some(b'{'));
        #[cfg(feature = "hcl")]
        if self.format == Syntax::Hcl {
            return self.insert_hcl(node, flow, entries, path, value);
        }
        match (self.format, flow, entries.last()) {
            (_, true, None) | (Syntax::Json, _, None) => {
                // `{}`: after the brace.
                let at = node.span.start + 1;
                let pad = if self.format == Syntax::Json { "" } else { " " };
                vec![TextEdit {
                    span: Span::at(at),
                    new_text: format!("{pad}{}{pad}", self.flow_entry(path, value)),
                }]
            }
            (Syntax::Json, _, Some(last)) | (_, true, Some(last)) => {
                let sep = if self.format == Syntax::Json && self.on_own_line(last, node) {
                    format!("\n{}", self.indentation(last.key_span.start))
                } else {
                    " ".to_owned()
                };
                vec![TextEdit {
                    span: Span::at(self.value_end(last)),
                    new_text: format!(",{sep}{}", self.flow_entry(path, value)),
                }]
            }
            (Syntax::Hcl, ..) => Vec::new(),
            (Syntax::Yaml, false, None) => {
                // Not produced by the reader (an empty mapping is `{}`); kept total.
                let indent = self.column(node.span.start);
                vec![TextEdit {
                    span: Span::at(node.span.end),
                    new_text: format!("\n{}", self.block_lines(path, value, indent)),
                }]
            }
            (Syntax::Yaml, false, Some(last)) => {
                let indent = entries
                    .first()
                    .map_or(0, |first| self.column(first.key_span.start));
                let end = self.value_end(last);
                let block = self.block_lines(path, value, indent);
                // After the line the mapping's last entry ends on (a block scalar's span
                // already ends after its line break).
                if end > 0 && self.text.as_bytes().get(end - 1) == Some(&b'\n') {
                    return vec![TextEdit {
                        span: Span::at(end),
                        new_text: block,
                    }];
                }
                match self.text[end..].find('\n') {
                    Some(i) => vec![TextEdit {
                        span: Span::at(end + i + 1),
                        new_text: block,
                    }],
                    None => vec![TextEdit {
                        span: Span::at(self.text.len()),
                        new_text: format!("\n{}", block.trim_end_matches('\n')),
                    }],
                }
            }
        }
    }

    #[cfg(feature = "hcl")]
    /// Inserts into an HCL object (`{ ... }`, on lines or on one line) or a block body
    /// (the module block, a `.tfvars` file), whose entries are always on lines.
    fn insert_hcl(
        &self,
        node: &Node,
        object: bool,
        entries: &[Entry],
        path: &[&str],
        value: &Scalar,
    ) -> Vec<TextEdit> {
        let Some(last) = entries.last() else {
            let open = node.span.start;
            let close = node.span.end.saturating_sub(1).max(open);
            if object {
                // `{}` (or only blanks inside): the whole object.
                if self.text[open + 1..close].trim().is_empty() {
                    return vec![TextEdit {
                        span: Span::new(open, node.span.end),
                        new_text: format!("{{ {} }}", self.flow_entry(path, value)),
                    }];
                }
                return vec![TextEdit {
                    span: Span::at(open + 1),
                    new_text: format!(" {}", self.flow_entry(path, value)),
                }];
            }
            // An empty module block: a line before its closing brace.
            let line_start = self.text[..close].rfind('\n').map_or(close, |i| i + 1);
            let indent = self.column(node.span.start) + 2;
            let prefix = if line_start == close { "" } else { "\n" };
            return vec![TextEdit {
                span: Span::at(if line_start == close {
                    line_start
                } else {
                    close
                }),
                new_text: format!(
                    "{prefix}{}{}\n",
                    " ".repeat(indent),
                    self.hcl_lines(path, value, indent)
                ),
            }];
        };
        let lines = !object || self.text[node.span.start..last.key_span.start].contains('\n');
        let value_text = if lines {
            let indent = self.column(last.key_span.start);
            self.hcl_nested_lines(&path[1..], value, indent)
        } else {
            self.flow_nested(&path[1..], value)
        };
        let span = last
            .key_span
            .cover(Span::new(last.value.span.start, self.value_end(last)));
        fixes::insert_entry_after(
            self.text,
            lines,
            span,
            &self.key_text(path[0]),
            &value_text,
            "",
        )
        .map(|fix| fix.edits)
        .unwrap_or_default()
    }

    #[cfg(feature = "hcl")]
    /// `key = value` for `path`, nested objects on their own lines at `indent`.
    fn hcl_lines(&self, path: &[&str], value: &Scalar, indent: usize) -> String {
        format!(
            "{} = {}",
            self.key_text(path[0]),
            self.hcl_nested_lines(&path[1..], value, indent)
        )
    }

    #[cfg(feature = "hcl")]
    fn hcl_nested_lines(&self, path: &[&str], value: &Scalar, indent: usize) -> String {
        if path.is_empty() {
            return self.scalar_text(value, None);
        }
        format!(
            "{{\n{}{}\n{}}}",
            " ".repeat(indent + 2),
            self.hcl_lines(path, value, indent + 2),
            " ".repeat(indent)
        )
    }

    fn insert_into_empty_document(&self, path: &[&str], value: &Scalar) -> TextEdit {
        let new_text = match self.format {
            Syntax::Json => format!("{{\n  {}\n}}\n", self.flow_entry(path, value)),
            #[cfg(feature = "hcl")]
            Syntax::Hcl => format!("{}\n", self.hcl_lines(path, value, 0)),
            #[cfg(not(feature = "hcl"))]
            Syntax::Hcl => String::new(),
            Syntax::Yaml => {
                let lead = if self.text.is_empty() || self.text.ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                format!("{lead}{}", self.block_lines(path, value, 0))
            }
        };
        // A JSON document that is empty may still hold whitespace: replace it all.
        let span = match self.format {
            Syntax::Json => Span::new(0, self.text.len()),
            Syntax::Yaml | Syntax::Hcl => Span::at(self.text.len()),
        };
        TextEdit { span, new_text }
    }

    /// Whether `last` starts on a later line than the mapping's opening brace.
    fn on_own_line(&self, last: &Entry, node: &Node) -> bool {
        let start = node.span.start.min(self.text.len());
        let key = last.key_span.start.min(self.text.len()).max(start);
        self.text[start..key].contains('\n')
    }

    /// YAML block lines for `path: value`, each ending in a line break.
    fn block_lines(&self, path: &[&str], value: &Scalar, indent: usize) -> String {
        let mut out = String::new();
        for (depth, key) in path.iter().enumerate() {
            out.push_str(&" ".repeat(indent + 2 * depth));
            out.push_str(&self.key_text(key));
            out.push(':');
            if depth + 1 == path.len() {
                out.push(' ');
                out.push_str(&self.scalar_text(value, None));
            }
            out.push('\n');
        }
        out
    }

    /// `key: value`, or `key: { sub: value }` for a longer path, in flow style (HCL:
    /// `key = { sub = value }`).
    fn flow_entry(&self, path: &[&str], value: &Scalar) -> String {
        let separator = if self.format == Syntax::Hcl {
            " ="
        } else {
            ":"
        };
        format!(
            "{}{separator} {}",
            self.key_text(path[0]),
            self.flow_nested(&path[1..], value)
        )
    }

    fn flow_nested(&self, path: &[&str], value: &Scalar) -> String {
        match path.split_first() {
            None => self.scalar_text(value, None),
            Some(_) => format!("{{ {} }}", self.flow_entry(path, value)),
        }
    }

    fn key_text(&self, key: &str) -> String {
        match self.format {
            Syntax::Json => yaml::json_quote(key),
            Syntax::Yaml => yaml::scalar(key),
            Syntax::Hcl => hcl_text::key(key),
        }
    }

    /// A value as source text; replacing `written` keeps its quoting style.
    fn scalar_text(&self, value: &Scalar, written: Option<Span>) -> String {
        match value {
            Scalar::Null => "null".into(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::String(s) => match (self.format, written) {
                (Syntax::Json, _) => yaml::json_quote(s),
                // A heredoc or a quoted string alike becomes a quoted string.
                (Syntax::Hcl, _) => hcl_text::quote(s),
                (Syntax::Yaml, Some(span)) => {
                    let fix = fixes::replace_scalar(self.text, span, s, "");
                    fix.edits
                        .into_iter()
                        .next()
                        .map_or_else(|| yaml::scalar(s), |e| e.new_text)
                }
                (Syntax::Yaml, None) => yaml::scalar(s),
            },
        }
    }

    /// The column (in characters) of `offset`: the indentation a sibling key needs.
    fn column(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
    }

    /// The leading whitespace of the line holding `offset`.
    fn indentation(&self, offset: usize) -> &str {
        let offset = offset.min(self.text.len());
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[line_start..offset];
        let trimmed = line.trim_start_matches([' ', '\t']);
        &line[..line.len() - trimmed.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;
    use crate::{analyze, Format};

    fn set_yaml(text: &str, path: &[&str], value: Scalar) -> String {
        apply(text, Format::Yaml, path, &value).unwrap()
    }

    fn s(v: &str) -> Scalar {
        Scalar::String(v.into())
    }

    #[test]
    fn replaces_existing_scalars_in_place() {
        let text = EXAMPLES[0].2;
        let out = set_yaml(text, &["controlplane", "count"], Scalar::Int(1));
        assert_eq!(out, text.replace("count: 3", "count: 1"));
        let analysis = analyze(&out, Format::Yaml);
        let plan = analysis.plan.unwrap();
        assert!(!plan.ha_vip_enabled);
        assert_eq!(
            plan.cluster_endpoint.as_deref(),
            Some("https://10.10.100.10:6443")
        );
    }

    #[test]
    fn inserts_a_missing_key_after_its_siblings() {
        let text = EXAMPLES[0].2;
        let out = set_yaml(text, &["cluster", "ha_vip"], s("10.10.100.50"));
        assert_eq!(
            out,
            text.replace(
                "  ha_vip_interface: eth0\n",
                "  ha_vip_interface: eth0\n  ha_vip: 10.10.100.50\n"
            )
        );
        let plan = analyze(&out, Format::Yaml).plan.unwrap();
        assert_eq!(plan.ha_vip.unwrap().to_string(), "10.10.100.50");
    }

    #[test]
    fn removing_deletes_the_line_and_is_idempotent() {
        let text = "cluster:\n  name: x\n  ha_vip: 10.0.0.5 # vip\n  node: pve\n";
        let out = set_yaml(text, &["cluster", "ha_vip"], Scalar::Null);
        assert_eq!(out, "cluster:\n  name: x\n  node: pve\n");
        assert_eq!(set_yaml(&out, &["cluster", "ha_vip"], Scalar::Null), out);
    }

    #[test]
    fn inserts_into_flow_mappings() {
        let text = "worker:\n  specs: { cpu: 2, memory: 6144 } # sizes\n";
        let out = set_yaml(text, &["worker", "specs", "ip_offset"], Scalar::Int(20));
        assert_eq!(
            out,
            "worker:\n  specs: { cpu: 2, memory: 6144, ip_offset: 20 } # sizes\n"
        );
        let text = "worker:\n  specs: {}\n";
        let out = set_yaml(text, &["worker", "specs", "cpu"], Scalar::Int(2));
        assert_eq!(out, "worker:\n  specs: { cpu: 2 }\n");
    }

    #[test]
    fn creates_missing_parents() {
        let text = "cluster:\n  name: x\n";
        let out = set_yaml(text, &["network", "cidr"], s("10.0.0.0/24"));
        assert_eq!(out, "cluster:\n  name: x\nnetwork:\n  cidr: 10.0.0.0/24\n");
        let out = set_yaml("", &["a", "b"], Scalar::Int(1));
        assert_eq!(out, "a:\n  b: 1\n");
        let out = set_yaml("# only a comment", &["a"], Scalar::Bool(true));
        assert_eq!(out, "# only a comment\na: true\n");
    }

    #[test]
    fn fills_null_parents_and_values() {
        let text = "cluster: # the cluster\nimage:\n  version: v1.12.0\n";
        let out = set_yaml(text, &["cluster", "name"], s("lab"));
        assert_eq!(
            out,
            "cluster: # the cluster\n  name: lab\nimage:\n  version: v1.12.0\n"
        );
        let text = "cluster: ~\n";
        assert_eq!(
            set_yaml(text, &["cluster", "name"], s("lab")),
            "cluster:\n  name: lab\n"
        );
        let text = "cluster:\n  ha_vip:\n  name: lab\n";
        assert_eq!(
            set_yaml(text, &["cluster", "ha_vip"], s("10.0.0.9")),
            "cluster:\n  ha_vip: 10.0.0.9\n  name: lab\n"
        );
        assert_eq!(
            set_yaml(text, &["cluster", "ha_vip"], Scalar::Null),
            "cluster:\n  name: lab\n"
        );
    }

    #[test]
    fn keeps_quote_style_and_quotes_what_needs_it() {
        let text = "image:\n  version: 'v1.11.0'\n";
        assert_eq!(
            set_yaml(text, &["image", "version"], s("v1.12.0")),
            "image:\n  version: 'v1.12.0'\n"
        );
        let text = "cluster:\n  name: x\n";
        assert_eq!(
            set_yaml(text, &["cluster", "name"], s("true")),
            "cluster:\n  name: \"true\"\n"
        );
        assert_eq!(
            set_yaml(text, &["cluster", "ha_vip_interface"], s("a: b")),
            "cluster:\n  name: x\n  ha_vip_interface: \"a: b\"\n"
        );
    }

    #[test]
    fn inserts_after_nested_blocks_and_block_scalars() {
        let text = EXAMPLES[3].2;
        let out = set_yaml(text, &["cluster", "ip_base_offset"], Scalar::Int(20));
        assert!(
            out.contains("rotate-server-certificates: \"true\"\n  ip_base_offset: 20\nimage:"),
            "{out}"
        );
        let out = set_yaml(text, &["worker", "count"], Scalar::Int(4));
        assert!(out.contains("worker:\n  count: 4\n"));
        let out = set_yaml(text, &["worker", "specs", "ip_offset"], Scalar::Int(5));
        assert!(out.contains("specs: { cpu: 4, memory: 8192, disk: 100, ip_offset: 5 }"));
        let out = set_yaml(text, &["network", "bridge"], s("vmbr1"));
        assert!(out.contains("  vlan_id: 1100\n  bridge: vmbr1\ncontrolplane:"));
        for (path, value) in [
            (&["cluster", "ip_base_offset"][..], Scalar::Int(20)),
            (&["network", "bridge"][..], s("vmbr1")),
        ] {
            let out = set_yaml(text, path, value.clone());
            assert_eq!(get(&out, Format::Yaml, path), Some(value));
            assert!(!analyze(&out, Format::Yaml).has_errors());
        }
    }

    #[test]
    fn last_line_without_newline() {
        let text = "cluster:\n  name: x";
        assert_eq!(
            set_yaml(text, &["cluster", "node"], s("pve")),
            "cluster:\n  name: x\n  node: pve"
        );
    }

    #[test]
    fn edits_json() {
        let text = EXAMPLES.iter().find(|e| e.1.ends_with(".json")).unwrap().2;
        let set_json =
            |t: &str, path: &[&str], v: Scalar| apply(t, Format::Json, path, &v).unwrap();
        let out = set_json(text, &["controlplane", "count"], Scalar::Int(1));
        assert_eq!(out, text.replacen("\"count\": 3", "\"count\": 1", 1));
        let out = set_json(text, &["cluster", "ha_vip"], s("10.10.100.50"));
        assert!(
            out.contains("\"vm_base_id\": 700,\n    \"ha_vip\": \"10.10.100.50\"\n  }"),
            "{out}"
        );
        let back = set_json(&out, &["cluster", "ha_vip"], Scalar::Null);
        assert_eq!(back, text);
        let out = set_json(text, &["worker", "specs", "ip_offset"], Scalar::Int(5));
        assert!(out.contains("\"disk\": 100, \"ip_offset\": 5 }"), "{out}");
        let out = set_json(text, &["cluster", "extra", "deep"], Scalar::Bool(false));
        assert!(out.contains("\"extra\": { \"deep\": false }"), "{out}");
        assert!(json::read_document(&out, ReadLimits::default())
            .1
            .is_empty());
        assert_eq!(set_json("{}", &["a"], Scalar::Int(1)), "{\"a\": 1}");
        assert_eq!(set_json("", &["a"], Scalar::Int(1)), "{\n  \"a\": 1\n}\n");
        assert_eq!(
            set_json("{\"a\": null}", &["a", "b"], Scalar::Int(1)),
            "{\"a\": { \"b\": 1 }}"
        );
    }

    #[test]
    fn errors_instead_of_guessing() {
        assert!(matches!(
            set("a: [1\n", Format::Yaml, &["a"], &Scalar::Int(1)),
            Err(EditError::Unparsable(_))
        ));
        assert_eq!(
            set("a: 1\n", Format::Yaml, &["a", "b"], &Scalar::Int(1)),
            Err(EditError::NotAMapping {
                path: "a".into(),
                key: "b".into(),
                found: "an integer"
            })
        );
        assert_eq!(
            set("a: 1\n", Format::Yaml, &[], &Scalar::Int(1)),
            Err(EditError::EmptyPath)
        );
        assert!(set("- 1\n", Format::Yaml, &["a"], &Scalar::Int(1)).is_err());
        let deep = vec!["a"; MAX_PATH + 1];
        assert_eq!(
            set("", Format::Yaml, &deep, &Scalar::Int(1)),
            Err(EditError::PathTooLong(MAX_PATH + 1))
        );
        let out = apply("", Format::Yaml, &deep[..MAX_PATH], &Scalar::Int(1)).unwrap();
        assert_eq!(
            get(&out, Format::Yaml, &deep[..MAX_PATH]),
            Some(Scalar::Int(1))
        );
    }

    #[test]
    fn unchanged_values_give_no_edits() {
        let text = EXAMPLES[0].2;
        let edits = set(
            text,
            Format::Yaml,
            &["controlplane", "count"],
            &Scalar::Int(3),
        )
        .unwrap();
        assert!(edits.is_empty());
    }

    #[test]
    fn reads_values() {
        let text = EXAMPLES[0].2;
        assert_eq!(
            get(text, Format::Yaml, &["controlplane", "count"]),
            Some(Scalar::Int(3))
        );
        assert_eq!(
            get(text, Format::Yaml, &["network", "cidr"]),
            Some(s("10.10.100.0/24"))
        );
        assert_eq!(get(text, Format::Yaml, &["cluster", "ha_vip"]), None);
        assert_eq!(get(text, Format::Yaml, &["network"]), None);
    }

    #[cfg(feature = "hcl")]
    #[test]
    fn edits_terraform_module_blocks_and_tfvars() {
        let text = "module \"k8s\" {\n  source = \"git::https://example.invalid/terraform-proxmox-talos-cluster.git\"\n\n  cluster = {\n    name       = \"lab\" # the name\n    vm_base_id = 700\n  }\n  controlplane = { count = 3, specs = { cpu = 2 } }\n  worker = {}\n}\n";
        let hcl = |t: &str, path: &[&str], v: Scalar| apply(t, Format::Hcl, path, &v).unwrap();
        // Replaced in place, quotes and comments kept.
        let out = hcl(text, &["cluster", "name"], s("homelab"));
        assert_eq!(out, text.replace("\"lab\" #", "\"homelab\" #"));
        let out = hcl(text, &["controlplane", "count"], Scalar::Int(1));
        assert!(out.contains("controlplane = { count = 1, specs"), "{out}");
        // Inserted on its own line, `=` aligned like `terraform fmt`.
        let out = hcl(text, &["cluster", "ha_vip"], s("10.0.0.5"));
        assert!(
            out.contains("    vm_base_id = 700\n    ha_vip     = \"10.0.0.5\"\n  }"),
            "{out}"
        );
        // Into one-line and empty objects, and new objects in the block.
        let out = hcl(
            text,
            &["controlplane", "specs", "memory"],
            Scalar::Int(4096),
        );
        assert!(out.contains("specs = { cpu = 2, memory = 4096 }"), "{out}");
        let out = hcl(text, &["worker", "count"], Scalar::Int(2));
        assert!(out.contains("  worker = { count = 2 }\n"), "{out}");
        let out = hcl(text, &["network", "cidr"], s("10.0.0.0/24"));
        assert!(
            out.ends_with("  worker = {}\n  network = {\n    cidr = \"10.0.0.0/24\"\n  }\n}\n"),
            "{out}"
        );
        // Removed with its line.
        let out = hcl(text, &["cluster", "vm_base_id"], Scalar::Null);
        assert!(out.contains("# the name\n  }"), "{out}");
        // Every edit reads back, and the result still parses.
        for (path, value) in [
            (&["cluster", "ha_vip"][..], s("10.0.0.5")),
            (&["network", "cidr"][..], s("10.0.0.0/24")),
            (&["worker", "specs", "ip_offset"][..], Scalar::Int(5)),
        ] {
            let out = hcl(text, path, value.clone());
            assert_eq!(get(&out, Format::Hcl, path), Some(value), "{out}");
            assert!(crate::config::hcl::parse(&out).is_ok(), "{out}");
        }
        // Expressions are the user's to change.
        let text = "module \"m\" {\n  source = \"terraform-proxmox-talos-cluster\"\n  cluster = { name = var.name }\n}\n";
        assert_eq!(
            set(text, Format::Hcl, &["cluster", "name"], &s("x")),
            Err(EditError::Expression("var.name".into()))
        );
        // A .tfvars file: top-level variables.
        let text = "cluster = {\n  name = \"lab\"\n}\ncontrolplane = { count = 1 }\n";
        let out = hcl(text, &["worker", "count"], Scalar::Int(2));
        assert_eq!(out, format!("{text}worker       = {{\n  count = 2\n}}\n"));
    }

    #[test]
    fn every_example_takes_every_form_edit() {
        let paths: &[(&[&str], Scalar)] = &[
            (&["controlplane", "count"], Scalar::Int(1)),
            (&["worker", "count"], Scalar::Int(4)),
            (&["network", "cidr"], s("10.20.0.0/16")),
            (&["cluster", "ip_base_offset"], Scalar::Int(30)),
            (&["worker", "specs", "ip_offset"], Scalar::Int(7)),
            (&["cluster", "ha_vip"], s("10.20.0.99")),
            (&["cluster", "ha_vip_interface"], s("ens18")),
            (&["image", "version"], s("v1.11.3")),
        ];
        for (name, file, text) in EXAMPLES {
            let format = Format::from_path(file);
            let mut current = text.to_string();
            for (path, value) in paths {
                current = apply(&current, format, path, value)
                    .unwrap_or_else(|e| panic!("{name} {path:?}: {e}"));
                assert_eq!(
                    get(&current, format, path).as_ref(),
                    Some(value),
                    "{name} {path:?}:\n{current}"
                );
                let (_, diags) = match format {
                    Format::Yaml => yaml::read_document(&current, ReadLimits::default()),
                    Format::Json => json::read_document(&current, ReadLimits::default()),
                    Format::Hcl => unreachable!("the examples are YAML and JSON"),
                };
                assert!(diags.is_empty(), "{name} {path:?}: {diags:?}\n{current}");
            }
            for (path, _) in paths {
                current = apply(&current, format, path, &Scalar::Null).unwrap();
                assert_eq!(get(&current, format, path), None, "{name} {path:?}");
            }
        }
    }
}
