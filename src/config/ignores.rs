//! Ignore comments, as ruff's `# noqa` and clippy's `#[allow]`: the user silences a rule
//! where they mean it, with the reason beside it.
//!
//! ```yaml
//! # talos-planner: ignore[below-talos-recommended] a homelab runs on small VMs
//! specs: { cpu: 2, memory: 4096, disk: 50 }
//! ha_vip: 10.10.100.20  # talos-planner: ignore[vip-conflict] moved next week
//! # talos-planner: ignore-file[controlplanes-share-host, even-controlplane-count]
//! ```
//!
//! `ignore[ids]` on a line of its own silences those rules on the next line that holds
//! more than comments; after other text, on its own line. `ignore-file[ids]` silences
//! them in the whole file, wherever it stands. Several ids are separated by commas;
//! whatever follows the `]` is the reason. YAML comments start with `#`; in Terraform
//! files the line comments `#` and `//` count, block comments (`/* */`) do not (a
//! "next line" is not clear for them). JSON has no comments: there the command line
//! flags and editor settings silence rules.
//!
//! Only finding and reading the comments happens here; matching them against the
//! diagnostics, and reporting those that match nothing, is `rules::control`.

use super::tree::{Node, Value};
use super::Format;
use crate::diagnostics::{Rule, Span};

/// What every ignore comment starts with (after the comment sign).
pub const MARKER: &str = "talos-planner:";

/// Where an ignore comment applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Diagnostics that start on this line (its bytes, without the line break).
    Line(Span),
    /// Every diagnostic of the file.
    File,
    /// An ignore for the next line with no line after it.
    Nothing,
}

/// One rule id in an ignore comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredRule {
    pub name: String,
    pub span: Span,
    /// `None` when no rule has this id.
    pub rule: Option<Rule>,
    /// What removing this id from the list deletes (the id and one of its commas).
    pub removal: Span,
}

/// One ignore comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// The comment, from its comment sign to the end of its line.
    pub comment: Span,
    /// What removing the comment deletes: its whole line when it stands alone, else the
    /// comment and the blanks before it.
    pub removal: Span,
    pub scope: Scope,
    pub rules: Vec<IgnoredRule>,
    /// Why the comment could not be read, when it could not.
    pub malformed: Option<&'static str>,
}

/// The ignore comments of a text. `roots` are the document trees read from it (YAML:
/// a `#` inside a string is not a comment).
pub fn find(text: &str, format: Format, roots: &[&Node]) -> Vec<Ignore> {
    // Most files have none: one substring search and done.
    if format == Format::Json || !text.contains(MARKER) {
        return Vec::new();
    }
    let comments = match format {
        Format::Yaml => yaml_comments(text, roots),
        #[cfg(feature = "hcl")]
        Format::Hcl => hcl_comments(text),
        // Without Terraform support (the page's package) there are no HCL configs.
        #[cfg(not(feature = "hcl"))]
        Format::Hcl => Vec::new(),
        Format::Json => Vec::new(),
    };
    comments
        .into_iter()
        .filter_map(|(start, sign)| read_comment(text, format, start, sign))
        .collect()
}

/// Comment starts (and the sign's length) on lines holding the marker, in YAML: a `#`
/// at the start of a line or after a blank, outside every scalar.
fn yaml_comments(text: &str, roots: &[&Node]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut scalars: Option<Vec<Span>> = None;
    for (at, _) in text.match_indices(MARKER) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(hash) = text[line_start..at].rfind('#').map(|i| line_start + i) else {
            continue;
        };
        let before_ok = hash == line_start || matches!(text.as_bytes()[hash - 1], b' ' | b'\t');
        if !before_ok || !text[hash + 1..at].trim().is_empty() {
            continue;
        }
        let scalars = scalars.get_or_insert_with(|| scalar_spans(roots));
        if scalars.iter().any(|s| s.start <= hash && hash < s.end) {
            continue;
        }
        if out.last().map(|(s, _)| *s) != Some(hash) {
            out.push((hash, 1));
        }
    }
    out
}

/// The spans of every scalar value and key in the trees.
fn scalar_spans(roots: &[&Node]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack: Vec<&Node> = roots.to_vec();
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for e in entries {
                    out.push(e.key_span);
                    stack.push(&e.value);
                }
            }
            _ => out.push(node.span),
        }
    }
    out
}

/// Line comments of an HCL text (`#` and `//`), found by a lexer that skips strings
/// (with their `${ }` templates), heredocs and block comments, keeping those on lines
/// that hold the marker.
#[cfg(feature = "hcl")]
fn hcl_comments(text: &str) -> Vec<(usize, usize)> {
    enum Mode {
        /// Code; inside a template interpolation, its open braces.
        Code(usize),
        Str,
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack = vec![Mode::Code(0)];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let nested = stack.len() > 1;
        match stack.last_mut() {
            Some(Mode::Str) => match b {
                b'\\' => i += 1,
                b'"' | b'\n' => {
                    stack.pop();
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b'{') => {
                    i += 2; // `$${` and `%%{` are escapes
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Mode::Code(0));
                    i += 1;
                }
                _ => {}
            },
            Some(Mode::Code(braces)) => match b {
                b'#' => {
                    i = line_comment(text, i, 1, &mut out);
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = line_comment(text, i, 2, &mut out);
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |e| i + 2 + e + 2);
                    continue;
                }
                b'"' => stack.push(Mode::Str),
                b'{' => *braces += 1,
                // The `}` that closes a template interpolation returns to its string.
                b'}' if nested && *braces == 0 => {
                    stack.pop();
                }
                b'}' => *braces = braces.saturating_sub(1),
                b'<' if bytes.get(i + 1) == Some(&b'<') => {
                    if let Some(end) = heredoc_end(text, i) {
                        i = end;
                        continue;
                    }
                }
                _ => {}
            },
            None => break,
        }
        i += 1;
    }
    out
}

/// Records a line comment at `start` when its line holds the marker; returns the end of
/// the line.
#[cfg(feature = "hcl")]
fn line_comment(text: &str, start: usize, sign: usize, out: &mut Vec<(usize, usize)>) -> usize {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..end].contains(MARKER) {
        out.push((start, sign));
    }
    end
}

/// The end of the heredoc (`<<EOT` or `<<-EOT`) starting at `at`: after the line that
/// holds only its marker. `None` when this is not a heredoc.
#[cfg(feature = "hcl")]
fn heredoc_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let ident_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let ident = &rest[..ident_len];
    if ident.is_empty() || !rest[ident_len..].starts_with(['\n', '\r']) {
        return None;
    }
    let body = text.len() - rest.len() + ident_len;
    let mut line = text[body..].find('\n').map(|i| body + i + 1)?;
    while line < text.len() {
        let end = text[line..].find('\n').map_or(text.len(), |i| line + i);
        if text[line..end].trim() == ident {
            return Some(end);
        }
        line = end + 1;
    }
    Some(text.len())
}

/// Reads the comment starting at `start` (its sign `sign` bytes long), if it is an
/// ignore comment.
fn read_comment(text: &str, format: Format, start: usize, sign: usize) -> Option<Ignore> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let content_end = start + text[start..line_end].trim_end().len();
    let body_start = start + sign;
    let body = &text[body_start..content_end];
    let lead = body.len() - body.trim_start().len();
    let directive = body.trim_start().strip_prefix(MARKER)?;
    let mut at = body_start + lead + MARKER.len();
    at += directive.len() - directive.trim_start().len();
    let directive = directive.trim_start();
    let (file, word) = if directive.starts_with("ignore-file") {
        (true, "ignore-file".len())
    } else if directive.starts_with("ignore") {
        (false, "ignore".len())
    } else {
        return None; // another tool's `talos-planner:` note
    };
    at += word;

    let alone = text[line_start..start].trim().is_empty();
    let removal = if alone {
        let end = if line_end < text.len() {
            line_end + 1
        } else {
            line_end
        };
        Span::new(line_start, end)
    } else {
        let code_end = line_start + text[line_start..start].trim_end().len();
        Span::new(code_end, content_end)
    };
    let scope = if file {
        Scope::File
    } else if alone {
        next_code_line(text, format, line_end).map_or(Scope::Nothing, Scope::Line)
    } else {
        Scope::Line(Span::new(line_start, content_end))
    };
    let mut ignore = Ignore {
        comment: Span::new(start, content_end),
        removal,
        scope,
        rules: Vec::new(),
        malformed: None,
    };
    match read_ids(text, at, content_end) {
        Ok(rules) => ignore.rules = rules,
        Err(why) => ignore.malformed = Some(why),
    }
    Some(ignore)
}

/// The `[id, id]` list at `at`.
fn read_ids(text: &str, at: usize, end: usize) -> Result<Vec<IgnoredRule>, &'static str> {
    let rest = &text[at..end];
    let open = at + (rest.len() - rest.trim_start().len());
    if text.as_bytes().get(open) != Some(&b'[') || open >= end {
        return Err("the rule ids go in brackets right after `ignore`: `ignore[rule-id]`");
    }
    let close = text[open..end]
        .find(']')
        .map(|i| open + i)
        .ok_or("the list of rule ids has no closing `]`")?;
    // Each id's name, trimmed.
    let mut names: Vec<Span> = Vec::new();
    let mut item_start = open + 1;
    for item in text[open + 1..close].split(',') {
        let name = item.trim();
        if name.is_empty() {
            return Err("a rule id in the list is empty");
        }
        let s = item_start + (item.len() - item.trim_start().len());
        names.push(Span::new(s, s + name.len()));
        item_start += item.len() + 1;
    }
    let rules = names
        .iter()
        .enumerate()
        .map(|(n, &span)| {
            let name = &text[span.start..span.end];
            // Removing one id of several takes a comma with it: `a, ` before the next
            // id, or for the last one `, b` after the previous.
            let removal = if names.len() == 1 {
                Span::new(open, close + 1)
            } else if n + 1 < names.len() {
                Span::new(span.start, names[n + 1].start)
            } else {
                Span::new(names[n - 1].end, span.end)
            };
            IgnoredRule {
                name: name.to_owned(),
                span,
                rule: Rule::from_id(name),
                removal,
            }
        })
        .collect();
    Ok(rules)
}

/// The next line after `from` (a line end) that holds more than blanks and comments.
fn next_code_line(text: &str, format: Format, from: usize) -> Option<Span> {
    let mut start = from + 1;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[start..end].trim();
        let comment = line.starts_with('#') || (format == Format::Hcl && line.starts_with("//"));
        if !line.is_empty() && !comment {
            let content_end = start + text[start..end].trim_end().len();
            return Some(Span::new(start, content_end));
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tree::ReadLimits;
    use crate::config::yaml;

    fn yaml_ignores(text: &str) -> Vec<Ignore> {
        let (root, _) = yaml::read_document(text, ReadLimits::default());
        let roots: Vec<&Node> = root.iter().collect();
        find(text, Format::Yaml, &roots)
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn next_line_and_same_line() {
        let text = "cluster:\n  # talos-planner: ignore[vip-conflict, duplicate-ip] moving it\n\n  # another comment\n  ha_vip: 10.0.0.5\n  name: x # talos-planner: ignore[invalid-cluster-name]\n";
        let found = yaml_ignores(text);
        assert_eq!(found.len(), 2);
        let Scope::Line(line) = found[0].scope else {
            panic!("{:?}", found[0].scope)
        };
        assert_eq!(slice(text, line), "  ha_vip: 10.0.0.5");
        let names: Vec<&str> = found[0].rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["vip-conflict", "duplicate-ip"]);
        assert_eq!(found[0].rules[1].rule, Some(Rule::DuplicateIp));
        assert_eq!(slice(text, found[0].rules[0].span), "vip-conflict");
        assert_eq!(slice(text, found[0].rules[0].removal), "vip-conflict, ");
        assert_eq!(slice(text, found[0].rules[1].removal), ", duplicate-ip");
        assert_eq!(
            slice(text, found[0].removal),
            "  # talos-planner: ignore[vip-conflict, duplicate-ip] moving it\n"
        );
        let Scope::Line(line) = found[1].scope else {
            panic!()
        };
        assert_eq!(
            slice(text, line),
            "  name: x # talos-planner: ignore[invalid-cluster-name]"
        );
        assert_eq!(
            slice(text, found[1].removal),
            " # talos-planner: ignore[invalid-cluster-name]"
        );
    }

    #[test]
    fn file_scope_malformed_and_unknown() {
        let text = "# talos-planner: ignore-file[vip-conflict]\n# talos-planner: ignore vip-conflict\n# talos-planner: ignore[nope\n# talos-planner: ignore[no-such-rule]\n# talos-planner: see the README\na: 1\n";
        let found = yaml_ignores(text);
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].scope, Scope::File);
        assert!(found[1].malformed.is_some());
        assert!(found[2].malformed.is_some());
        assert_eq!(found[3].rules[0].rule, None);
        assert_eq!(slice(text, found[3].rules[0].removal), "[no-such-rule]");
    }

    #[test]
    fn strings_are_not_comments() {
        let text = "a: \"x # talos-planner: ignore[vip-conflict]\"\nb: |\n  # talos-planner: ignore[vip-conflict]\n  text\nc: 'y' # talos-planner: ignore[duplicate-ip]\nd: x#talos-planner\n";
        let found = yaml_ignores(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rules[0].name, "duplicate-ip");
        // At the end of the file an ignore for the next line points at nothing.
        assert_eq!(
            yaml_ignores("a: 1\n# talos-planner: ignore[vip-conflict]\n")[0].scope,
            Scope::Nothing
        );
        assert!(find("{\"a\": \"# talos-planner: ignore[x]\"}", Format::Json, &[]).is_empty());
    }

    #[test]
    #[cfg(feature = "hcl")]
    fn terraform_line_comments_count_and_strings_do_not() {
        let text = r##"module "c" {
  # talos-planner: ignore[vip-conflict]
  cluster = { ha_vip = "10.0.0.5" } // talos-planner: ignore[duplicate-ip] same line
  /* talos-planner: ignore[vip-ignored] */
  a = "# talos-planner: ignore[vip-ignored] ${b["//"]} // talos-planner: ignore[vip-ignored]"
  c = <<EOT
# talos-planner: ignore[vip-ignored]
EOT
  d = "${ {x = 1}.x }" # talos-planner: ignore[unused-override]
}
"##;
        let found = find(text, Format::Hcl, &[]);
        let names: Vec<&str> = found.iter().map(|i| i.rules[0].name.as_str()).collect();
        assert_eq!(names, ["vip-conflict", "duplicate-ip", "unused-override"]);
        let Scope::Line(line) = found[0].scope else {
            panic!()
        };
        assert!(slice(text, line).starts_with("  cluster = {"));
    }
}
