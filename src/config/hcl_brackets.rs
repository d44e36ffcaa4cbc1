//! Where an HCL text leaves a bracket or string open.
//!
//! hcl-edit reports one location per syntax error, and for an unclosed `{` that is the
//! end of the file, far from the mistake. The parser first knows about the problem at
//! the opening brace: this scanner finds it, skipping what cannot hold code (comments,
//! quoted strings and heredocs, but not the `${ ... }` interpolations inside them).

/// An opener that is never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// The byte offset of the opener (`{`, `[`, `(`, `"` or the `<<` of a heredoc).
    pub at: usize,
    /// Its length in bytes (the whole `<<EOT` for a heredoc).
    pub len: usize,
    pub kind: OpenerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenerKind {
    Brace,
    Bracket,
    Paren,
    String,
    Heredoc,
}

impl OpenerKind {
    /// How a message names it: "this `{`".
    pub fn describe(self) -> &'static str {
        match self {
            OpenerKind::Brace => "`{` is never closed with `}`",
            OpenerKind::Bracket => "`[` is never closed with `]`",
            OpenerKind::Paren => "`(` is never closed with `)`",
            OpenerKind::String => "string is never closed with `\"`",
            OpenerKind::Heredoc => "heredoc never reaches its closing marker",
        }
    }
}

#[derive(Debug, Clone)]
enum Frame<'t> {
    Brace(usize),
    Bracket(usize),
    Paren(usize),
    /// `${` or `%{` inside a string or heredoc: code until its `}`.
    Interpolation,
    String(usize),
    Heredoc {
        at: usize,
        len: usize,
        marker: &'t str,
    },
}

/// The innermost opener still open at the end of `text`, if any. A closer that does not
/// match what is open is skipped: only what stays open at the end is reported.
pub fn unclosed_at_end(text: &str) -> Option<Unclosed> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match stack.last() {
            Some(Frame::String(_)) => {
                match bytes[i] {
                    b'\\' => i += 1,
                    b'"' => {
                        stack.pop();
                    }
                    // A quoted string ends at its line; the parser reports that itself.
                    b'\n' => {
                        stack.pop();
                    }
                    b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                        stack.push(Frame::Interpolation);
                        i += 1;
                    }
                    b'$' | b'%' if bytes.get(i + 1) == Some(&bytes[i]) => i += 1,
                    _ => {}
                }
                i += 1;
            }
            Some(Frame::Heredoc { marker, .. }) => {
                // At a line start: the closing marker alone on its line ends it.
                let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if text[i..line_end].trim() == *marker {
                    stack.pop();
                    i = line_end;
                    continue;
                }
                let mut j = i;
                let mut opened = false;
                while j < line_end {
                    if matches!(bytes[j], b'$' | b'%') && bytes.get(j + 1) == Some(&b'{') {
                        if j > i && bytes[j - 1] == bytes[j] {
                            j += 2;
                            continue;
                        }
                        stack.push(Frame::Interpolation);
                        i = j + 2;
                        opened = true;
                        break;
                    }
                    j += 1;
                }
                if !opened {
                    i = line_end + 1;
                }
            }
            _ => i = code(text, i, &mut stack),
        }
    }
    stack.into_iter().rev().find_map(|frame| {
        let (at, len, kind) = match frame {
            Frame::Brace(at) => (at, 1, OpenerKind::Brace),
            Frame::Bracket(at) => (at, 1, OpenerKind::Bracket),
            Frame::Paren(at) => (at, 1, OpenerKind::Paren),
            Frame::String(at) => (at, 1, OpenerKind::String),
            Frame::Heredoc { at, len, .. } => (at, len, OpenerKind::Heredoc),
            // An open interpolation is reported as its string's problem.
            Frame::Interpolation => return None,
        };
        Some(Unclosed { at, len, kind })
    })
}

/// Scans one token of code at `i`; returns where to go on.
fn code<'t>(text: &'t str, i: usize, stack: &mut Vec<Frame<'t>>) -> usize {
    let bytes = text.as_bytes();
    let rest = &text[i..];
    let to_line_end = || text[i..].find('\n').map_or(text.len(), |n| i + n);
    match bytes[i] {
        b'#' => to_line_end(),
        b'/' if rest.starts_with("//") => to_line_end(),
        b'/' if rest.starts_with("/*") => text[i + 2..]
            .find("*/")
            .map_or(text.len(), |n| i + 2 + n + 2),
        b'"' => {
            stack.push(Frame::String(i));
            i + 1
        }
        b'<' if rest.starts_with("<<") => match heredoc_marker(rest) {
            Some((marker, header)) => {
                stack.push(Frame::Heredoc {
                    at: i,
                    len: header.trim_end().len(),
                    marker,
                });
                // The body starts on the next line.
                i + header.len()
            }
            None => i + 2,
        },
        b'{' => {
            stack.push(Frame::Brace(i));
            i + 1
        }
        b'[' => {
            stack.push(Frame::Bracket(i));
            i + 1
        }
        b'(' => {
            stack.push(Frame::Paren(i));
            i + 1
        }
        b'}' => {
            if matches!(stack.last(), Some(Frame::Brace(_) | Frame::Interpolation)) {
                stack.pop();
            }
            i + 1
        }
        b']' => {
            if matches!(stack.last(), Some(Frame::Bracket(_))) {
                stack.pop();
            }
            i + 1
        }
        b')' => {
            if matches!(stack.last(), Some(Frame::Paren(_))) {
                stack.pop();
            }
            i + 1
        }
        _ => i + rest.chars().next().map_or(1, char::len_utf8),
    }
}

/// `<<EOT\n` or `<<-EOT\n` at the start of `rest`: the marker and the header's length
/// including its line break.
fn heredoc_marker(rest: &str) -> Option<(&str, &str)> {
    let after = rest.strip_prefix("<<")?;
    let after = after.strip_prefix('-').unwrap_or(after);
    let len = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    if len == 0 {
        return None;
    }
    let marker = &after[..len];
    let tail = &after[len..];
    let line_break = if tail.starts_with("\r\n") {
        2
    } else if tail.starts_with('\n') {
        1
    } else {
        return None;
    };
    let header_len = rest.len() - tail.len() + line_break;
    Some((marker, &rest[..header_len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opener(text: &str) -> Option<(&str, OpenerKind)> {
        unclosed_at_end(text).map(|u| (&text[u.at..u.at + u.len], u.kind))
    }

    #[test]
    fn finds_the_innermost_unclosed_opener() {
        let text = "module \"a\" {\n  cluster = {\n    name = \"x\"\n}\n";
        let u = unclosed_at_end(text).unwrap();
        assert_eq!(
            u.at,
            text.find('{').unwrap(),
            "the module's brace stays open"
        );
        assert_eq!(opener("a = [1, 2\n"), Some(("[", OpenerKind::Bracket)));
        assert_eq!(opener("a = f(1\n"), Some(("(", OpenerKind::Paren)));
        assert_eq!(opener("a = { b = {}\n"), Some(("{", OpenerKind::Brace)));
        assert_eq!(opener("a = {}\nb = [{}]\n"), None);
    }

    #[test]
    fn skips_strings_comments_and_heredocs() {
        let text = "# {\n// [\n/* ( */\na = \"{ \\\" }${ {b = 1}.b }\"\nc = <<-EOT\n  {\n  ${var.x}\n  EOT\nd = \"$${\"\n";
        assert_eq!(opener(text), None);
        assert_eq!(
            opener("a = <<EOT\n{\nEOT2\n"),
            Some(("<<EOT", OpenerKind::Heredoc))
        );
        assert_eq!(opener("a = \"abc"), Some(("\"", OpenerKind::String)));
        assert_eq!(
            opener("a = {\n  b = \"x}\"\n"),
            Some(("{", OpenerKind::Brace))
        );
    }
}
