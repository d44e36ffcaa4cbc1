//! Building text edits that keep the rest of the file byte for byte: replacing a
//! scalar in the quoting style it was written in, and removing a whole entry.

use crate::config::tree::Value;
use crate::config::yaml;
use crate::diagnostics::{Fix, Span, TextEdit};

/// Replaces the string at `span` with `value`, keeping its quotes (or adding double
/// quotes when a plain YAML scalar would change meaning). A YAML block scalar becomes a
/// one-line scalar; an HCL heredoc a quoted string (a bare word is a reference there).
/// The values our fixes write have no `${`, so no HCL template escaping is needed.
pub fn replace_scalar(text: &str, span: Span, value: &str, title: impl Into<String>) -> Fix {
    let written = text.get(span.start..span.end).unwrap_or("");
    let new_text = match written.chars().next() {
        Some('"') => yaml::json_quote(value),
        Some('<') if written.starts_with("<<") => yaml::json_quote(value),
        Some('\'') => format!("'{}'", value.replace('\'', "''")),
        // A bare number or boolean where a string belongs (Terraform converts `1.12` to
        // "1.12"): a bare word would be a reference in HCL, so quote, valid everywhere.
        _ if yaml::resolve_plain(written) != Value::String(written.to_owned()) => {
            yaml::json_quote(value)
        }
        _ => yaml::scalar(value),
    };
    Fix::replace(title, span, new_text)
}

/// Replaces the number at `span` with `value`, unquoted in every format.
pub fn replace_integer(span: Span, value: i64, title: impl Into<String>) -> Fix {
    Fix::replace(title, span, value.to_string())
}

/// Removes the entry spanning `entry` (key through value): its separating comma in flow
/// mappings and JSON, and its whole line(s) when nothing else shares them.
pub fn remove_entry(text: &str, entry: Span, title: impl Into<String>) -> Fix {
    let bytes = text.as_bytes();
    let mut start = entry.start.min(text.len());
    let mut end = entry.end.min(text.len()).max(start);

    // A following comma goes with the entry; failing that, a preceding one.
    let after = skip_spaces(bytes, end);
    let following_comma = bytes.get(after) == Some(&b',');
    if following_comma {
        end = after + 1;
    } else {
        let before = skip_spaces_back(bytes, start);
        if before > 0 && bytes[before - 1] == b',' {
            start = before - 1;
        }
    }

    // Whole lines, when the entry has them to itself (a trailing comment goes too).
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let head_blank = text[line_start..start].trim().is_empty();
    let tail = text[end..line_end].trim();
    let tail_blank = tail.is_empty() || tail.starts_with('#');
    if head_blank && tail_blank {
        start = line_start;
        end = if line_end < text.len() {
            line_end + 1
        } else {
            line_end
        };
    } else if following_comma {
        // `{ a: 1, b: 2 }` -> `{ b: 2 }`: the space after the comma goes too.
        end = skip_spaces(bytes, end).min(line_end);
    }
    Fix {
        title: title.into(),
        edits: vec![TextEdit {
            span: Span::new(start, end),
            new_text: String::new(),
        }],
    }
}

#[cfg(feature = "hcl")]
/// Inserts the HCL attribute `key = value` into an object (or block body) after its
/// entry `last` (key through value): with `lines`, on a line of its own with `last`'s
/// indentation (its `=` in `last`'s column, as `terraform fmt` aligns them), else after
/// a comma on the same line.
pub fn insert_entry_after(
    text: &str,
    lines: bool,
    last: Span,
    key: &str,
    value: &str,
    title: impl Into<String>,
) -> Option<Fix> {
    let end = last.end.min(text.len());
    let start = last.start.min(end);
    let edit = if lines {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let line = &text[line_start..line_end];
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let key_width = text[start..end]
            .find('=')
            .map(|i| text[start..start + i].trim_end().chars().count())
            .unwrap_or(0);
        let eq_column = text[start..end]
            .find('=')
            .map_or(0, |i| text[start..start + i].chars().count());
        let width = if key_width < eq_column {
            eq_column.saturating_sub(1).max(key.len())
        } else {
            key.len()
        };
        TextEdit {
            span: Span::at(line_end),
            new_text: format!("\n{indent}{key:<width$} = {value}"),
        }
    } else {
        TextEdit {
            span: Span::at(end),
            new_text: format!(", {key} = {value}"),
        }
    };
    Some(Fix {
        title: title.into(),
        edits: vec![edit],
    })
}

fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    i
}

fn skip_spaces_back(bytes: &[u8], mut i: usize) -> usize {
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::apply_edits;

    fn remove(text: &str, needle: &str, len: usize) -> String {
        let start = text.find(needle).unwrap();
        let fix = remove_entry(text, Span::new(start, start + len), "remove");
        apply_edits(text, &fix.edits).unwrap()
    }

    #[cfg(feature = "hcl")]
    #[test]
    fn inserts_hcl_entries_aligned_or_inline() {
        let text = "cluster = {\n  name           = \"lab\"\n  ip_base_offset = 10 # first\n}\n";
        let last = text.find("ip_base_offset").unwrap();
        let fix = insert_entry_after(
            text,
            true,
            Span::new(last, last + "ip_base_offset = 10".len()),
            "ha_vip",
            "\"10.0.0.5\"",
            "t",
        )
        .unwrap();
        assert_eq!(
            apply_edits(text, &fix.edits).unwrap(),
            "cluster = {\n  name           = \"lab\"\n  ip_base_offset = 10 # first\n  ha_vip         = \"10.0.0.5\"\n}\n"
        );
        let text = "cluster = { name = \"lab\" }\n";
        let last = text.find("name").unwrap();
        let fix = insert_entry_after(
            text,
            false,
            Span::new(last, last + 12),
            "ha_vip",
            "\"x\"",
            "t",
        )
        .unwrap();
        assert_eq!(
            apply_edits(text, &fix.edits).unwrap(),
            "cluster = { name = \"lab\", ha_vip = \"x\" }\n"
        );
    }

    #[test]
    fn removes_block_lines() {
        let text = "cluster:\n  name: x\n  ha_vip: 10.0.0.5 # vip\n  node: pve\n";
        assert_eq!(
            remove(text, "ha_vip", "ha_vip: 10.0.0.5".len()),
            "cluster:\n  name: x\n  node: pve\n"
        );
    }

    #[test]
    fn removes_json_members_with_their_comma() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        assert_eq!(remove(text, "\"a\"", "\"a\": 1".len()), "{\n  \"b\": 2\n}");
        assert_eq!(remove(text, "\"b\"", "\"b\": 2".len()), "{\n  \"a\": 1\n}");
    }

    #[test]
    fn removes_flow_members() {
        let text = "o: { a: 1, b: 2 }\n";
        assert_eq!(remove(text, "a:", 4), "o: { b: 2 }\n");
        assert_eq!(remove(text, "b:", 4), "o: { a: 1 }\n");
    }

    #[test]
    fn replacement_keeps_quotes() {
        let text = "a: \"x.y\"\nb: 'x.y'\nc: x.y\n";
        let fix = |needle: &str, len| {
            let start = text.find(needle).unwrap();
            replace_scalar(text, Span::new(start, start + len), "x-y", "t").edits[0]
                .new_text
                .clone()
        };
        assert_eq!(fix("\"x.y\"", 5), "\"x-y\"");
        assert_eq!(fix("'x.y'", 5), "'x-y'");
        assert_eq!(fix("x.y\n", 3), "x-y");
        let start = text.find("x.y\n").unwrap();
        let edit = &replace_scalar(text, Span::new(start, start + 3), "true", "t").edits[0];
        assert_eq!(edit.new_text, "\"true\"");

        // An HCL heredoc becomes a quoted string, a YAML block scalar a plain one.
        let heredoc = "name = <<EOT\nhome.lab\nEOT\n";
        let span = Span::new(7, heredoc.len() - 1);
        assert_eq!(
            replace_scalar(heredoc, span, "home-lab", "t").edits[0].new_text,
            "\"home-lab\""
        );
        let block = "name: |-\n  home.lab\n";
        let span = Span::new(6, block.len() - 1);
        assert_eq!(
            replace_scalar(block, span, "home-lab", "t").edits[0].new_text,
            "home-lab"
        );
    }
}
