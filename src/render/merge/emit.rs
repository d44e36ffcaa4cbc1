//! Writes merged machine configs as YAML that every reader takes the same way.
//!
//! Talos reads YAML 1.2-ish (go yaml.v3), but users feed the configs to YAML 1.1 tools
//! as well (PyYAML, older linters, schema validators), where a bare `off`, `no` or `y` is
//! a boolean. yaml_serde quotes only what YAML 1.2 would misread, so `auto: "off"` came
//! out as `auto: off`. This writer quotes every string that either version would read as
//! something else (booleans, nulls, numbers, timestamps), and otherwise writes block
//! style like `talosctl`: plain scalars where safe, `|` blocks for multi-line text,
//! JSON-style double quotes for the rest.

use std::fmt::Write as _;

use yaml_serde::Value;

/// One document as YAML (block style, two-space indentation, ending in a newline).
pub(super) fn document(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(map) if !map.is_empty() => mapping(&mut out, map, 0, true),
        Value::Sequence(seq) if !seq.is_empty() => sequence(&mut out, seq, 0),
        other => {
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The entries at `indent`; the first one unpadded after `- ` (`pad_first` false).
fn mapping(out: &mut String, map: &yaml_serde::Mapping, indent: usize, pad_first: bool) {
    for (position, (key, value)) in map.iter().enumerate() {
        if pad_first || position > 0 {
            pad(out, indent);
        }
        entry(out, key, value, indent);
    }
}

/// One `key: value` entry, the cursor already at `indent`. Keys that cannot be simple
/// keys (collections, or longer than YAML's 1024-character limit) are explicit:
/// `? key` on one line, `: value` below it.
fn entry(out: &mut String, key: &Value, value: &Value, indent: usize) {
    let key_text = flow(key);
    let simple =
        key_text.len() <= 1000 && !matches!(untag(key), Value::Mapping(_) | Value::Sequence(_));
    if simple {
        out.push_str(&key_text);
    } else {
        out.push_str("? ");
        out.push_str(&key_text);
        out.push('\n');
        pad(out, indent);
    }
    out.push(':');
    value_after_indicator(out, value, indent);
}

fn untag(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untag(&tagged.value),
        other => other,
    }
}

/// A value on one line in flow style (scalars, and keys): `{a: 1, b: [x, y]}`.
fn flow(value: &Value) -> String {
    match value {
        Value::Mapping(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("? {}: {}", flow(k), flow(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Sequence(seq) => {
            let items: Vec<String> = seq.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Tagged(tagged) => format!("{} {}", tag_text(&tagged.tag), flow(&tagged.value)),
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => scalar_text(text),
    }
}

fn sequence(out: &mut String, seq: &[Value], indent: usize) {
    for item in seq {
        pad(out, indent);
        out.push('-');
        match item {
            // `- key: value` with the rest of the mapping aligned under the first key.
            Value::Mapping(map) if !map.is_empty() => {
                out.push(' ');
                mapping(out, map, indent + 2, false);
            }
            other => value_after_indicator(out, other, indent),
        }
    }
}

/// Writes a value after `key:` or `-` (at `indent`): inline when it is a scalar or an
/// empty collection, otherwise on the following lines.
fn value_after_indicator(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Mapping(map) if !map.is_empty() => {
            out.push('\n');
            mapping(out, map, indent + 2, true);
        }
        Value::Sequence(seq) if !seq.is_empty() => {
            out.push('\n');
            sequence(out, seq, indent + 2);
        }
        Value::String(text) if literal_block_fits(text) => {
            out.push_str(" |");
            let body = text.trim_end_matches('\n');
            match text.len() - body.len() {
                0 => out.push('-'),
                1 => {}
                _ => out.push('+'),
            }
            out.push('\n');
            // Keep every line, trailing empty ones included (`|+`).
            let lines: Vec<&str> = text
                .strip_suffix('\n')
                .unwrap_or(text)
                .split('\n')
                .collect();
            for line in lines {
                if !line.is_empty() {
                    pad(out, indent + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Value::Tagged(tagged) => {
            let _ = write!(out, " {}", tag_text(&tagged.tag));
            value_after_indicator(out, &tagged.value, indent);
        }
        // Scalars and empty collections.
        other => {
            out.push(' ');
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
}

/// A tag in shorthand form (`!name`, `!!str`) when it is a simple one, else verbatim
/// (`!<...>`, URI-escaped). Talos configs have no tags, but a patch may carry any.
fn tag_text(tag: &yaml_serde::value::Tag) -> String {
    let text = tag.to_string();
    let name = text.trim_start_matches('!');
    let bangs = text.len() - name.len();
    let simple = (1..=2).contains(&bangs)
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c));
    if simple {
        return text;
    }
    let mut verbatim = String::from("!<");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~!$&'()*+;=:@/?".contains(&byte) {
            verbatim.push(char::from(byte));
        } else {
            let _ = write!(verbatim, "%{byte:02X}");
        }
    }
    verbatim.push('>');
    verbatim
}

/// A string as a plain scalar when every YAML reader takes it back as this string,
/// else double-quoted (JSON escapes are valid YAML escapes).
fn scalar_text(text: &str) -> String {
    if plain_is_safe(text) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

/// Whether a multi-line string can be a `|` block: printable text whose first line does
/// not start with a space (which would need an indentation indicator).
fn literal_block_fits(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && !text.trim_end_matches('\n').is_empty()
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
        && !text.contains(['\u{feff}', '\u{2028}', '\u{2029}', '\u{85}'])
}

fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    !first.is_whitespace()
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !text.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\t', '\u{feff}', '\u{2028}', '\u{2029}', '\u{85}'])
        && !text.chars().any(char::is_control)
        && !text.contains([',', '[', ']', '{', '}'])
        && !resolves_to_non_string(text)
}

/// Whether YAML 1.1 or 1.2 would read this plain scalar as a boolean, null, number or
/// timestamp.
fn resolves_to_non_string(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
        ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF", ".nan",
        ".NaN", ".NAN", "<<", "=",
    ];
    if WORDS.contains(&text) {
        return true;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some(first) = unsigned.chars().next() else {
        return false;
    };
    if !(first.is_ascii_digit() || first == '.') {
        return false;
    }
    let digits = unsigned.replace('_', "");
    // Integers in any base, YAML 1.1 octal (`0755`) and binary, decimals and exponents.
    let radix = |prefix: [&str; 2], radix: u32| {
        prefix.iter().any(|p| {
            digits
                .strip_prefix(p)
                .is_some_and(|rest| !rest.is_empty() && u128::from_str_radix(rest, radix).is_ok())
        })
    };
    if radix(["0x", "0X"], 16) || radix(["0o", "0O"], 8) || radix(["0b", "0B"], 2) {
        return true;
    }
    if digits.chars().all(|c| c.is_ascii_digit()) && !digits.is_empty() {
        return true;
    }
    if crate::config::number::parse_f64(&digits).is_some()
        && digits.chars().all(|c| "0123456789.eE+-".contains(c))
    {
        return true;
    }
    // YAML 1.1 sexagesimal numbers (`1:30`, `190:20:30.15`) and timestamps (`2001-12-14`).
    let sexagesimal = unsigned.contains(':')
        && unsigned.split(':').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        });
    let timestamp = unsigned.len() >= 8
        && unsigned.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && unsigned.as_bytes()[4] == b'-';
    sexagesimal || timestamp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Value) -> String {
        let text = document(value);
        let back: Value = yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(&back, value, "{text}");
        text
    }

    #[test]
    fn yaml_1_1_booleans_and_numbers_are_quoted() {
        for word in [
            "off",
            "on",
            "yes",
            "no",
            "y",
            "N",
            "OFF",
            "null",
            "~",
            "1.5",
            "0755",
            "1e3",
            "0x1f",
            "1:30",
            "2001-12-14",
            "+1",
            ".5",
            "-.inf",
            "123",
            "1_000",
        ] {
            let mut map = yaml_serde::Mapping::new();
            map.insert(Value::String("auto".into()), Value::String(word.into()));
            let text = round_trip(&Value::Mapping(map));
            assert_eq!(text, format!("auto: \"{word}\"\n"));
        }
    }

    #[test]
    fn ordinary_strings_stay_plain() {
        for word in [
            "stable",
            "v1.12.0",
            "10.10.100.13",
            "eth0",
            "/dev/sda",
            "https://10.10.100.13:6443",
            "homelab-controlplane-01",
            "fd00:10:100::13",
            "factory.talos.dev/installer/abc:v1.12.0",
            "a b",
            "1.2.3",
        ] {
            let mut map = yaml_serde::Mapping::new();
            map.insert(Value::String("k".into()), Value::String(word.into()));
            assert_eq!(round_trip(&Value::Mapping(map)), format!("k: {word}\n"));
        }
    }

    #[test]
    fn odd_tags_are_written_verbatim_and_read_back() {
        // Found by the merge fuzz target: a tag of tabs came out as `!!`, unreadable.
        for found in [
            "veion: v0alp\nmachine: {}\n&teor:\n   !\t\t\t\t\t\t\t\tSS\t\t\t\tvd\t\trsio\t",
            // A tagged key that, untagged, would repeat another key.
            "versir:\n   !!!!!!!!!\nmachine:\n:chie: !o\n!=a!! versir:\n !!!!!!\nmach: !o\n",
            // A tagged mapping as a key.
            "cluster:\n  proxy:\n? !DtraArgd-addre s:  (Pa\n\n",
            "? [a, {b: c}]\n: x\nl:\n  - ? {k: v}\n    : w\n",
        ] {
            let value: Value = yaml_serde::from_str(found).expect("the fuzzer's input reads");
            let text = document(&value);
            let back: Value = yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            assert_eq!(back, value, "{text}");
        }

        // Longer than YAML allows a simple key: written as an explicit one.
        let mut map = yaml_serde::Mapping::new();
        map.insert(Value::String("k".repeat(1500)), Value::Bool(true));
        let value = Value::Mapping(map);
        let text = document(&value);
        assert!(text.starts_with("? kkk"), "{text}");
        assert_eq!(yaml_serde::from_str::<Value>(&text).unwrap(), value);

        let simple: Value = yaml_serde::from_str("b: !!str 5\nc: !custom 1\n").unwrap();
        let text = document(&simple);
        assert!(text.contains("c: !custom 1"), "{text}");
        assert_eq!(yaml_serde::from_str::<Value>(&text).unwrap(), simple);
    }

    #[test]
    fn structures_round_trip() {
        let value: Value = yaml_serde::from_str(
            "machine:\n  install:\n    disk: /dev/sda\n  network:\n    interfaces:\n      - interface: eth0\n        vip:\n          ip: 10.10.100.13\n        addresses: []\n      - {}\n  files:\n    - content: |\n        [plugins]\n          enabled = \"off\"\n\n        last line\n      path: /etc/x\n    - content: \"no newline\\nat end\"\n      op: create\n    - content: \"trailing\\n\\n\\n\"\n    - content: \"  indented\\nfirst line\\n\"\n    - content: \"tab\\there\\r\\n\"\n  nested: [[1, 2], [], [[3]]]\n  empty: {}\n  nothing: null\n  flag: false\n  ratio: 0.5\n  \"key: colon\": \"#hash\"\n  unicode: \"zürich ✓\"\n",
        )
        .expect("test YAML");
        let text = round_trip(&value);
        assert!(
            text.contains("    - content: |\n        [plugins]\n"),
            "{text}"
        );
        assert!(
            text.contains("    - content: |-\n        no newline\n"),
            "{text}"
        );
        assert!(text.contains("content: |+\n"), "{text}");
    }
}
