//! Diagnostics: what every layer reports instead of failing.
//!
//! The core speaks byte spans only; [`LineIndex`] is the one place that turns them into
//! line/column positions (UTF-8 bytes or UTF-16 code units), so the CLI, the WASM facade
//! and the language server agree on where a problem is.

use serde::Serialize;

use crate::rules::Rule;

/// A half-open byte range `[start, end)` into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `offset`, for things that are missing.
    pub const fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// How bad a diagnostic is; ordered from most to least severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// Replace the bytes of `span` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// A repair the user can apply with one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

impl Fix {
    /// The common case: one edit.
    pub fn replace(title: impl Into<String>, span: Span, new_text: impl Into<String>) -> Self {
        Fix {
            title: title.into(),
            edits: vec![TextEdit {
                span,
                new_text: new_text.into(),
            }],
        }
    }
}

/// Another place that explains a diagnostic (the other half of a collision, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in a config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.info().severity,
            message: message.into(),
            span,
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.id()
    }
}

/// Most diagnostics reported for one text: past this an editor only slows down, and the
/// first thousand problems are the ones to fix anyway.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// Sorts diagnostics by position, then severity, then rule, drops exact repeats, and
/// keeps the first [`MAX_DIAGNOSTICS`], so every surface shows the same list in the same
/// order.
pub fn normalize(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (
            a.span.start,
            a.span.end,
            a.severity,
            a.rule.id(),
            &a.message,
        )
            .cmp(&(
                b.span.start,
                b.span.end,
                b.severity,
                b.rule.id(),
                &b.message,
            ))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let hidden = diagnostics.len() - MAX_DIAGNOSTICS;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        if let Some(last) = diagnostics.last_mut() {
            last.message.push_str(&format!(
                " ({hidden} more problems after this one are not shown)"
            ));
        }
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// How columns are counted: LSP clients default to UTF-16, terminals want characters
/// or bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub enum PositionEncoding {
    #[default]
    #[serde(rename = "utf-16")]
    Utf16,
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-32")]
    Utf32,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Line starts of a text, for turning byte offsets into positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP counts them.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// Clamps `offset` into the text and back onto a character boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.clamp(offset);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of 0-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Position of a byte offset in the given encoding.
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let prefix = &self.text[self.line_starts[line]..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// Byte offset of a position in the given encoding (clamped to the line).
    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let start = self.line_starts[line];
        let text = self.line_text(line);
        let mut units = 0usize;
        for (i, ch) in text.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
        }
        start + text.len()
    }
}

/// Applies text edits to `text`; edits must not overlap. Returns `None` when they do,
/// or when a span falls outside the text or inside a character.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let Span { start, end } = edit.span;
        if start < cursor
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return None;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.new_text);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_as_in_lsp() {
        let text = "a: 1\rbb: 2\r\ncc: 3\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let at = text.find("cc").unwrap();
        let p = index.position(at + 1, PositionEncoding::Utf16);
        assert_eq!((p.line, p.character), (2, 1));
        assert_eq!(index.offset(p, PositionEncoding::Utf16), at + 1);
        assert_eq!(index.line_text(0), "a: 1");
        assert_eq!(index.line_text(1), "bb: 2");
        assert_eq!(
            index
                .position(text.find("bb").unwrap(), PositionEncoding::Utf8)
                .line,
            1
        );
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "a: é😀x\nb: 1\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(x, PositionEncoding::Utf16),
            Position {
                line: 0,
                character: 6
            }
        );
        assert_eq!(index.position(x, PositionEncoding::Utf8).character, 9);
        assert_eq!(index.position(x, PositionEncoding::Utf32).character, 5);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.position(b, PositionEncoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            assert_eq!(index.offset(index.position(x, enc), enc), x);
        }
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let index = LineIndex::new("ab");
        assert_eq!(
            index.position(99, PositionEncoding::Utf16),
            Position {
                line: 0,
                character: 2
            }
        );
        let index = LineIndex::new("é");
        assert_eq!(index.position(1, PositionEncoding::Utf8).character, 0);
    }

    #[test]
    fn edits_apply_in_order_and_reject_overlaps() {
        let edits = vec![
            TextEdit {
                span: Span::new(4, 5),
                new_text: "X".into(),
            },
            TextEdit {
                span: Span::new(0, 1),
                new_text: "yy".into(),
            },
        ];
        assert_eq!(apply_edits("abcdef", &edits).unwrap(), "yybcdXf");
        let overlapping = vec![
            TextEdit {
                span: Span::new(0, 3),
                new_text: String::new(),
            },
            TextEdit {
                span: Span::new(2, 4),
                new_text: String::new(),
            },
        ];
        assert!(apply_edits("abcdef", &overlapping).is_none());
    }
}
