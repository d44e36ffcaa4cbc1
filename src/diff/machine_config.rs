//! A node's running machine config against the planned one: compared as YAML
//! documents (formatting and comments do not count), shown as a unified line diff with
//! every secret value (keys, tokens, secrets) replaced, so the diff can be printed and
//! logged.

use similar::TextDiff;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// What replaces a secret value.
const REDACTED: &str = "<redacted>";

/// The documents of a multi-document YAML text, or `None` when it does not parse.
fn documents(text: &str) -> Option<Vec<yaml_serde::Value>> {
    let mut out = Vec::new();
    for doc in yaml_serde::Deserializer::from_str(text) {
        let value = <yaml_serde::Value as serde::Deserialize>::deserialize(doc).ok()?;
        if !value.is_null() {
            out.push(value);
        }
    }
    Some(out)
}

/// Whether a mapping key names a secret: Talos's `key`, `token`, `secret`,
/// `secretboxEncryptionSecret`, `aescbcEncryptionSecret`, `bootstrapToken`, and any
/// other name ending so (or in `password`).
fn is_secret_key(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["key", "token", "secret", "password"]
        .iter()
        .any(|s| lower.ends_with(s))
}

/// The text with every secret value replaced (a block scalar's lines too).
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Inside a secret block scalar: lines indented deeper than this are its content.
    let mut block_indent: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start().len();
        if let Some(at) = block_indent {
            if body.trim().is_empty() || indent > at {
                if !body.trim().is_empty() {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(REDACTED);
                    out.push_str(&line[body.len()..]);
                } else {
                    out.push_str(line);
                }
                continue;
            }
            block_indent = None;
        }
        let item = body.trim_start();
        let item = item.strip_prefix("- ").unwrap_or(item);
        let key_start = body.len() - item.len();
        let Some((key, value)) = item.split_once(':') else {
            out.push_str(line);
            continue;
        };
        let key_name = key.trim().trim_matches(['"', '\'']);
        let value = value.trim();
        if !is_secret_key(key_name) || value.is_empty() || value.starts_with('#') {
            out.push_str(line);
            continue;
        }
        out.push_str(&body[..key_start + key.len() + 1]);
        out.push(' ');
        out.push_str(REDACTED);
        out.push_str(&line[body.len()..]);
        if value.starts_with('|') || value.starts_with('>') {
            block_indent = Some(indent);
        }
    }
    out
}

/// How the running config differs from the planned one, or `None` when they are the
/// same documents.
pub fn compare(running: &str, planned: &str) -> Option<ConfigDiff> {
    match (documents(running), documents(planned)) {
        (Some(a), Some(b)) if a == b => return None,
        (None, None) if running == planned => return None,
        _ => {}
    }
    let (old, new) = (redact(running), redact(planned));
    let text = TextDiff::from_lines(&old, &new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header("running", "planned")
        .to_string();
    Some(ConfigDiff {
        only_secrets: old == new,
        text,
    })
}

/// A difference between two machine configs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigDiff {
    /// Only secret values differ (the text shows none of them).
    pub only_secrets: bool,
    /// A unified diff, secrets redacted.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show() {
        let text = "machine:\n  token: abc.def\n  ca:\n    crt: PUBLIC\n    key: S3CRET\ncluster:\n  secretboxEncryptionSecret: \"xyz\"\n  inlineManifests:\n    - name: s\n      contents: ok\n  bootstrapToken: t0k\n  serviceAccount:\n    key: |\n      LINE1\n      LINE2\n  id: public-id\n";
        let r = redact(text);
        for secret in ["abc.def", "S3CRET", "xyz", "t0k", "LINE1", "LINE2"] {
            assert!(!r.contains(secret), "{secret} in\n{r}");
        }
        for kept in ["PUBLIC", "public-id", "contents: ok"] {
            assert!(r.contains(kept), "{kept} lost in\n{r}");
        }
        assert_eq!(r.lines().count(), text.lines().count());
    }

    #[test]
    fn formatting_does_not_count_but_values_do() {
        let a = "version: v1alpha1\nmachine:\n  type: worker # a comment\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nhostname: a\n";
        let b = "version: v1alpha1\nmachine: {type: worker}\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nhostname: a\n";
        assert_eq!(compare(a, b), None);
        let c = b.replace("hostname: a", "hostname: b");
        let d = compare(a, &c).unwrap();
        assert!(!d.only_secrets);
        assert!(
            d.text.contains("-hostname: a\n+hostname: b\n"),
            "{}",
            d.text
        );
        assert!(
            d.text.starts_with("--- running\n+++ planned\n"),
            "{}",
            d.text
        );
        let e = compare("machine:\n  token: one\n", "machine:\n  token: two\n").unwrap();
        assert!(e.only_secrets);
        assert!(!e.text.contains("one") && !e.text.contains("two"));
    }
}
