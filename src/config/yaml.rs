//! YAML reader: saphyr-parser events to a spanned [`Node`] tree.
//!
//! We build the tree ourselves from the event stream (rather than using a ready-made
//! document loader) because we need the end of every span, each scalar's style (quoted
//! `"3"` is a string, plain `3` an integer, per the YAML 1.2 core schema), duplicate keys
//! as diagnostics rather than a failed load, and a bounded expansion of aliases so that
//! an alias bomb costs a diagnostic, not the user's browser tab.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle as YamlStyle, Span as YamlSpan, Tag};

use super::tree::{Entry, MapBuilder, Node, ReadLimits, ScalarStyle, Value};
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

/// The documents of a YAML stream, plus what went wrong reading it.
#[derive(Debug, Default)]
pub struct YamlStream {
    pub documents: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
    /// False when the text could not be parsed to the end (a syntax error).
    pub complete: bool,
}

/// Reads every document of a YAML stream.
pub fn read_stream(text: &str, limits: ReadLimits) -> YamlStream {
    let mut reader = Reader::new(text, limits);
    reader.run();
    YamlStream {
        documents: reader.documents,
        diagnostics: reader.diagnostics,
        complete: reader.complete,
    }
}

/// Reads a YAML text that must hold one document (an empty text is a null document).
pub fn read_document(text: &str, limits: ReadLimits) -> (Option<Node>, Vec<Diagnostic>) {
    let mut stream = read_stream(text, limits);
    if !stream.complete {
        return (None, stream.diagnostics);
    }
    if stream.documents.len() > 1 {
        let second = stream.documents[1].span;
        stream.diagnostics.push(Diagnostic::new(
            Rule::SyntaxError,
            Span::new(second.start, text.len()),
            "expected a single YAML document, found several (separated by `---`)",
        ));
    }
    let root = stream
        .documents
        .into_iter()
        .next()
        .unwrap_or_else(|| Node::new(Span::at(0), Value::Null));
    (Some(root), stream.diagnostics)
}

/// Converts saphyr's character indices into byte offsets, walking from the last
/// converted position (events arrive nearly in order, so this is linear overall).
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            char_pos: 0,
            byte_pos: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        if char_index < self.char_pos / 2 {
            self.char_pos = 0;
            self.byte_pos = 0;
        }
        while self.char_pos < char_index {
            match self.text[self.byte_pos..].chars().next() {
                Some(c) => {
                    self.byte_pos += c.len_utf8();
                    self.char_pos += 1;
                }
                None => break,
            }
        }
        while self.char_pos > char_index {
            match self.text[..self.byte_pos].chars().next_back() {
                Some(c) => {
                    self.byte_pos -= c.len_utf8();
                    self.char_pos -= 1;
                }
                None => break,
            }
        }
        self.byte_pos
    }

    fn span(&mut self, span: &YamlSpan) -> Span {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index());
        Span::new(start, end.max(start))
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: MapBuilder,
        key: Option<(String, Span)>,
    },
}

struct Reader<'a> {
    text: &'a str,
    limits: ReadLimits,
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    documents: Vec<Node>,
    diagnostics: Vec<Diagnostic>,
    nodes: usize,
    alias_nodes: usize,
    complete: bool,
    /// Depth beyond the limit that we are skipping over.
    skipping: usize,
}

/// Aliases may add at most this many nodes in all (an alias bomb stops here).
const MAX_ALIAS_NODES: usize = 100_000;

impl<'a> Reader<'a> {
    fn new(text: &'a str, limits: ReadLimits) -> Self {
        Reader {
            text,
            limits,
            offsets: Offsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::default(),
            documents: Vec::new(),
            diagnostics: Vec::new(),
            nodes: 0,
            alias_nodes: 0,
            complete: false,
            skipping: 0,
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(Rule::SyntaxError, span, message));
    }

    fn run(&mut self) {
        let mut parser = Parser::new_from_str(self.text);
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(pair)) => pair,
                Some(Err(err)) => {
                    let at = self.offsets.byte(err.marker().index());
                    let end = next_char_end(self.text, at);
                    self.error(
                        Span::new(at, end),
                        format!("YAML syntax error: {}", err.info()),
                    );
                    return;
                }
            };
            let span = self.offsets.span(&span);
            if !self.handle(event, span) {
                return;
            }
        }
        self.complete = true;
    }

    /// Handles one event; returns false to stop reading.
    fn handle(&mut self, event: Event<'_>, span: Span) -> bool {
        if self.skipping > 0 {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skipping += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    self.skipping -= 1;
                    if self.skipping == 0 {
                        let node = Node::new(span, Value::Null);
                        return self.push_value(node, 0);
                    }
                }
                _ => {}
            }
            return true;
        }
        match event {
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => true,
            Event::Alias(id) => match self.anchors.get(&id) {
                Some(node) => {
                    let size = node.size();
                    self.alias_nodes += size;
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        self.error(
                            span,
                            format!(
                                "YAML aliases expand to more than {MAX_ALIAS_NODES} nodes; \
                                 this looks like an alias bomb, so reading stopped here"
                            ),
                        );
                        return false;
                    }
                    let mut copy = node.clone();
                    copy.span = span;
                    self.push_value(copy, 0)
                }
                None => {
                    self.error(span, "alias to an unknown anchor");
                    false
                }
            },
            Event::Scalar(value, style, anchor, tag) => {
                let node = self.scalar(value, style, tag.as_deref(), span);
                self.push_value(node, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "seq", span);
                if self.stack.len() >= self.limits.max_depth {
                    self.error(
                        span,
                        format!(
                            "nesting deeper than {} levels is not supported",
                            self.limits.max_depth
                        ),
                    );
                    self.skipping = 1;
                    return true;
                }
                self.stack.push(Frame::Seq {
                    start: span.start,
                    anchor,
                    items: Vec::new(),
                });
                true
            }
            Event::MappingStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "map", span);
                if self.stack.len() >= self.limits.max_depth {
                    self.error(
                        span,
                        format!(
                            "nesting deeper than {} levels is not supported",
                            self.limits.max_depth
                        ),
                    );
                    self.skipping = 1;
                    return true;
                }
                self.stack.push(Frame::Map {
                    start: span.start,
                    anchor,
                    entries: MapBuilder::default(),
                    key: None,
                });
                true
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq {
                    start,
                    anchor,
                    items,
                }) => {
                    let end = self.collection_end(start, span, items.last().map(|n| n.span));
                    let node = Node::new(Span::new(start, end.max(start)), Value::Seq(items));
                    self.push_value(node, anchor)
                }
                _ => {
                    self.error(span, "unbalanced end of a YAML sequence");
                    false
                }
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map {
                    start,
                    anchor,
                    entries,
                    ..
                }) => {
                    let end = self.collection_end(start, span, entries.last_span());
                    let node = Node::new(
                        Span::new(start, end.max(start)),
                        Value::Map(entries.finish()),
                    );
                    self.push_value(node, anchor)
                }
                _ => {
                    self.error(span, "unbalanced end of a YAML mapping");
                    false
                }
            },
        }
    }

    /// Flow collections end at their closing bracket; block ones at their last item
    /// (the end event of a block sits at the next token, possibly lines further down).
    fn collection_end(&self, start: usize, end_event: Span, last: Option<Span>) -> usize {
        let flow = matches!(self.text.as_bytes().get(start), Some(b'[' | b'{'));
        match last {
            Some(last) if !flow => last.end,
            // The end event of a flow collection starts at its bracket (and may run on
            // over a trailing comment).
            _ if flow && matches!(self.text.as_bytes().get(end_event.start), Some(b']' | b'}')) => {
                end_event.start + 1
            }
            _ => end_event.end.max(start),
        }
    }

    fn check_collection_tag(&mut self, tag: Option<&Tag>, expected: &str, span: Span) {
        if let Some(tag) = tag {
            if !(tag.is_yaml_core_schema() && tag.suffix == expected) {
                self.error(
                    Span::new(span.start, next_char_end(self.text, span.start)),
                    format!("unsupported YAML tag `{}{}`", tag.handle, tag.suffix),
                );
            }
        }
    }

    /// Resolves a scalar per the YAML 1.2 core schema.
    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: YamlStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Node {
        let node_style = match style {
            YamlStyle::Plain => ScalarStyle::Plain,
            YamlStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            YamlStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            YamlStyle::Literal | YamlStyle::Folded => ScalarStyle::Block,
        };
        let resolved = match tag {
            Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
                "str" => Value::String(value.into_owned()),
                "int" | "float" | "bool" | "null" => match resolve_plain(&value) {
                    Value::String(_) => {
                        self.error(span, format!("`{value}` is not a valid !!{}", tag.suffix));
                        Value::String(value.into_owned())
                    }
                    other => other,
                },
                other => {
                    self.error(span, format!("unsupported YAML tag `!!{other}`"));
                    Value::String(value.into_owned())
                }
            },
            Some(tag) => {
                self.error(
                    span,
                    format!("unsupported YAML tag `{}{}`", tag.handle, tag.suffix),
                );
                Value::String(value.into_owned())
            }
            None if node_style == ScalarStyle::Plain => resolve_plain(&value),
            None => Value::String(value.into_owned()),
        };
        let span = self.scalar_span(span, node_style);
        Node::new(span, resolved).with_style(node_style)
    }

    /// The span of a scalar as fixes must replace it: without the anchor and tag the
    /// parser counts in (`&n home_lab` is `home_lab`, so a fix keeps `&n`), from a block
    /// scalar's `|` or `>` indicator to the end of its text (the parser starts at the text
    /// and ends at the next line's indentation), and without a plain scalar's trailing
    /// blanks. Quoted scalars keep their quotes.
    fn scalar_span(&self, span: Span, style: ScalarStyle) -> Span {
        let text = self.text;
        if span.end > text.len() || !text.is_char_boundary(span.start) {
            return span;
        }
        let mut start = span.start;
        while start < span.end && matches!(text.as_bytes()[start], b'&' | b'!') {
            let rest = &text[start..span.end];
            let token = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let after = &rest[token..];
            start += token + (after.len() - after.trim_start().len());
        }
        if style == ScalarStyle::Block && !matches!(text.as_bytes().get(start), Some(b'|' | b'>')) {
            if let Some(indicator) = block_indicator_before(text, start) {
                start = indicator;
            }
        }
        match style {
            ScalarStyle::Plain | ScalarStyle::Block => {
                let trimmed = text[start..span.end].trim_end();
                Span::new(start, start + trimmed.len())
            }
            // A quoted scalar ends at its closing quote: the parser's span may run on
            // over blanks and a trailing comment, which a fix must not replace.
            _ => Span::new(
                start,
                closing_quote(text, start, span.end).unwrap_or(span.end),
            ),
        }
    }

    /// Adds a finished value to the enclosing collection (or as a document).
    fn push_value(&mut self, node: Node, anchor: usize) -> bool {
        // Keys are not values: a mapping of N entries counts N + 1.
        let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
        self.nodes += usize::from(!is_key);
        if self.nodes > self.limits.max_nodes {
            self.error(
                node.span,
                format!(
                    "the document has more than {} values; reading stopped here",
                    self.limits.max_nodes
                ),
            );
            return false;
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                self.documents.push(node);
                self.anchors.clear();
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => match key_text(node.value, slice_key(self.text, node.span)) {
                    Some(text) => *key = Some((text, node.span)),
                    None => {
                        let span = node.span;
                        self.error(span, "mapping keys must be plain scalars");
                        return false;
                    }
                },
                Some((key_name, key_span)) => {
                    let entry = Entry {
                        key: key_name,
                        key_span,
                        value: node,
                    };
                    if let Err(first) = entries.insert(entry) {
                        let name = slice_key(self.text, key_span);
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
            },
        }
        true
    }
}

/// The end (after the closing quote) of the quoted scalar starting at `start`, if it
/// closes before `limit`: `\` escapes in double quotes, `''` in single quotes.
fn closing_quote(text: &str, start: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(start)?;
    if !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let mut i = start + 1;
    while i < limit.min(bytes.len()) {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A key as written, for messages.
fn slice_key(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// The text of a mapping key, if it is a scalar: the string, or for `1:`, `true:` and
/// the like the text as written (so `1.0:` stays `1.0`).
fn key_text(value: Value, written: &str) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Null => Some(written.to_owned()),
        _ => None,
    }
}

fn next_char_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// Whether `value`, written as a plain (unquoted) scalar in a block mapping, reads back
/// as the same string.
pub(crate) fn plain_is_safe(value: &str) -> bool {
    !value.is_empty()
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':' | '[' | ']')
        })
        && !value.starts_with(['-', ':', '.', '['])
        && !value.ends_with(':')
        && !value.contains(": ")
        && resolve_plain(value) == Value::String(value.to_owned())
}

/// `value` as a YAML scalar: plain when that is safe, else double-quoted (a JSON
/// string, which YAML, JSON and HCL all read the same way).
pub(crate) fn scalar(value: &str) -> String {
    if plain_is_safe(value) {
        value.to_owned()
    } else {
        json_quote(value)
    }
}

/// A double-quoted string that is valid in YAML, JSON and HCL alike.
pub(crate) fn json_quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}

/// The YAML 1.2 core schema's resolution of a plain scalar.
pub(crate) fn resolve_plain(text: &str) -> Value {
    // Most scalars (keys, names) start with a letter that no null, bool or number can.
    if let Some(first) = text.bytes().next() {
        if first.is_ascii_alphabetic() && !matches!(first, b'n' | b'N' | b't' | b'T' | b'f' | b'F')
        {
            return Value::String(text.to_owned());
        }
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return int_or_float(i64::from_str_radix(hex, 16).ok(), text);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return int_or_float(i64::from_str_radix(oct, 8).ok(), text);
        }
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return int_or_float(text.parse::<i64>().ok(), text);
    }
    if is_core_float(digits) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::String(text.to_owned())
}

/// Integers too large for i64 stay numbers (as floats) so range checks can report them.
fn int_or_float(parsed: Option<i64>, text: &str) -> Value {
    match parsed {
        Some(i) => Value::Int(i),
        None => Value::Float(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }),
    }
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from the core schema.
fn is_core_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// The `|` or `>` of the block scalar whose text starts at `content`: the last one on the
/// line before, followed only by its indentation and chomping indicators (and perhaps a
/// comment).
fn block_indicator_before(text: &str, content: usize) -> Option<usize> {
    let before = text.get(..content)?.trim_end();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let code = match line.find(" #") {
        Some(comment) => &line[..comment],
        None => line,
    };
    let at = code.rfind(['|', '>'])?;
    code[at + 1..]
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '\t'))
        .then_some(line_start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Node, Vec<Diagnostic>) {
        let (node, diags) = read_document(text, ReadLimits::default());
        (node.expect("document"), diags)
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn spans_cover_keys_and_values() {
        let text = "cluster:\n  name: homelab # comment\n  count: 3\n";
        let (root, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        let cluster = root.get("cluster").unwrap();
        assert_eq!(slice(text, cluster.key_span), "cluster");
        let name = cluster.value.get("name").unwrap();
        assert_eq!(slice(text, name.key_span), "name");
        assert_eq!(slice(text, name.value.span), "homelab");
        assert_eq!(name.value.value, Value::String("homelab".into()));
        let count = cluster.value.get("count").unwrap();
        assert_eq!(count.value.value, Value::Int(3));
    }

    #[test]
    fn quoted_scalars_are_strings_and_keep_quotes_in_span() {
        let text = "a: \"3\"\nb: '4'\nc: 5\nd: 1.5\ne: null\nf: true\n";
        let (root, _) = read(text);
        let a = root.get("a").unwrap();
        assert_eq!(a.value.value, Value::String("3".into()));
        assert_eq!(slice(text, a.value.span), "\"3\"");
        assert_eq!(
            root.get("b").unwrap().value.value,
            Value::String("4".into())
        );
        assert_eq!(root.get("c").unwrap().value.value, Value::Int(5));
        assert_eq!(root.get("d").unwrap().value.value, Value::Float(1.5));
        assert_eq!(root.get("e").unwrap().value.value, Value::Null);
        assert_eq!(root.get("f").unwrap().value.value, Value::Bool(true));
    }

    #[test]
    fn spans_end_before_a_trailing_comment() {
        let text =
            "a: \"x\\\"y\" # c\nb: 'it''s'   # d\nc: [ 'x' , \"y\" ] # e\nd: { k: 'v' } # f\n";
        let (root, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        let spans: Vec<&str> = root
            .as_map()
            .unwrap()
            .iter()
            .map(|e| slice(text, e.value.span))
            .collect();
        assert_eq!(
            spans,
            ["\"x\\\"y\"", "'it''s'", "[ 'x' , \"y\" ]", "{ k: 'v' }"]
        );
    }

    #[test]
    fn non_ascii_text_gives_byte_spans() {
        let text = "# héllo wörld\nname: ünïcode\n";
        let (root, _) = read(text);
        let name = root.get("name").unwrap();
        assert_eq!(slice(text, name.key_span), "name");
        assert_eq!(slice(text, name.value.span), "ünïcode");
    }

    #[test]
    fn duplicate_keys_are_reported_and_first_wins() {
        let text = "a: 1\na: 2\n";
        let (root, diags) = read(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule, Rule::DuplicateKey);
        assert_eq!(root.get("a").unwrap().value.value, Value::Int(1));
    }

    #[test]
    fn syntax_errors_are_diagnostics() {
        let (node, diags) = read_document("a: [1, 2\nb: 3\n", ReadLimits::default());
        assert!(node.is_none());
        assert_eq!(diags[0].rule, Rule::SyntaxError);
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let (node, diags) = read_document(&text, ReadLimits::default());
        assert!(node.is_none());
        assert!(diags[0].message.contains("alias bomb"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        // Deeper than our limit: our diagnostic; far deeper: the parser's own limit.
        for depth in [100, 10_000] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let (_, diags) = read_document(&text, ReadLimits::default());
            assert!(
                diags.iter().any(|d| d.rule == Rule::SyntaxError
                    && (d.message.contains("nesting deeper") || d.message.contains("recursion"))),
                "{depth}: {diags:?}"
            );
        }
    }

    #[test]
    fn core_schema_numbers() {
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        assert_eq!(resolve_plain("0o17"), Value::Int(15));
        assert_eq!(resolve_plain("-12"), Value::Int(-12));
        assert_eq!(resolve_plain("1e3"), Value::Float(1000.0));
        assert_eq!(resolve_plain("v1.12.0"), Value::String("v1.12.0".into()));
        assert_eq!(resolve_plain("1.12.0"), Value::String("1.12.0".into()));
        assert_eq!(
            resolve_plain("99999999999999999999"),
            Value::Float(f64::INFINITY)
        );
        assert_eq!(resolve_plain("yes"), Value::String("yes".into()));
    }
}
