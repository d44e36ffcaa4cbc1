//! The format-neutral document tree that every reader (YAML, JSON, HCL) produces.
//!
//! Every node keeps the byte span of its text, every mapping key keeps its own span, and
//! values the reader could not know (a Terraform `var.x`) are [`Value::Unknown`], so the
//! decoder and the rules never guess.

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::Span;

/// A value with the span of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
    /// How a scalar was written, for fixes that must keep the file's style.
    pub style: ScalarStyle,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// Numbers that are not integers, and integers too large for `i64`.
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// An expression whose value is not known until Terraform runs it; carries its text.
    Unknown(String),
}

/// How a scalar was written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScalarStyle {
    /// Plain YAML, a JSON/HCL literal, or not a scalar.
    #[default]
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// YAML `|` and `>` block scalars.
    Block,
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Entry {
    /// The span of the whole entry, from key to the end of the value.
    pub fn span(&self) -> Span {
        self.key_span.cover(self.value.span)
    }
}

impl Node {
    pub fn new(span: Span, value: Value) -> Self {
        Node {
            span,
            value,
            style: ScalarStyle::Plain,
        }
    }

    pub fn with_style(mut self, style: ScalarStyle) -> Self {
        self.style = style;
        self
    }

    /// A short name of the value's type, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Unknown(_) => "an expression",
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }

    /// Every [`Value::Unknown`] in this tree, depth first, with its span.
    pub fn unknowns(&self) -> Vec<(Span, &str)> {
        let mut found = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Unknown(text) => found.push((node.span, text.as_str())),
                Value::Seq(items) => stack.extend(items.iter().rev()),
                Value::Map(entries) => stack.extend(entries.iter().rev().map(|e| &e.value)),
                _ => {}
            }
        }
        found
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The entry for `key` in a mapping (the first one, if a key is repeated).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }

    /// The keys from this node down to the innermost entry whose key or value holds
    /// `offset` (a list's items count as the list).
    pub fn path_at(&self, offset: usize) -> Vec<String> {
        let mut path = Vec::new();
        let mut node = self;
        loop {
            let inside = |span: Span| span.start <= offset && offset < span.end.max(span.start + 1);
            let next = match &node.value {
                Value::Map(entries) => entries
                    .iter()
                    .find(|e| inside(e.key_span) || inside(e.value.span))
                    .map(|e| {
                        path.push(e.key.clone());
                        &e.value
                    }),
                Value::Seq(items) => items.iter().find(|n| inside(n.span)),
                _ => None,
            };
            match next {
                Some(child) => node = child,
                None => return path,
            }
        }
    }

    /// Total number of nodes below and including this one.
    pub fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::size).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.size()).sum(),
            _ => 0,
        }
    }
}

/// Limits that keep a hostile document from exhausting time or memory in a reader.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes in the tree, counting the copies that YAML aliases make.
    pub max_nodes: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_depth: 64,
            max_nodes: 1_000_000,
        }
    }
}

/// Builds a mapping's entries, refusing repeated keys. Small mappings (the common case)
/// are checked by scanning; an index is built only once a mapping grows large.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    entries: Vec<Entry>,
    index: Option<HashMap<String, usize>>,
}

/// Mappings with more entries than this get a hash index.
const INDEX_FROM: usize = 16;

impl MapBuilder {
    /// Adds an entry; a repeated key returns the first one's key span instead.
    pub(crate) fn insert(&mut self, entry: Entry) -> Result<(), Span> {
        let found = match &self.index {
            Some(index) => index.get(&entry.key).copied(),
            None => self.entries.iter().position(|e| e.key == entry.key),
        };
        if let Some(i) = found {
            return Err(self.entries[i].key_span);
        }
        if let Some(index) = &mut self.index {
            index.insert(entry.key.clone(), self.entries.len());
        }
        self.entries.push(entry);
        if self.index.is_none() && self.entries.len() > INDEX_FROM {
            self.index = Some(
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.clone(), i))
                    .collect(),
            );
        }
        Ok(())
    }

    pub(crate) fn last_span(&self) -> Option<Span> {
        self.entries.last().map(Entry::span)
    }

    pub(crate) fn finish(self) -> Vec<Entry> {
        self.entries
    }
}
