//! Diagnostics: what every layer reports instead of failing.
//!
//! The core speaks byte spans only; [`LineIndex`] is the one place that turns them into
//! line/column positions (UTF-8 bytes or UTF-16 code units), so the CLI, the WASM facade
//! and the language server agree on where a problem is.

mod levels;
mod lines;
mod rule;
mod severity;
mod span;

pub use levels::{closest_rule, Level, LevelError, RuleLevels};
pub use lines::{LineIndex, Position, PositionEncoding};
pub use rule::Rule;
pub use severity::Severity;
pub use span::Span;

use serde::Serialize;

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
            severity: rule.default_severity(),
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
