//! HCL spelling of keys and strings, for what writes Terraform: the exports and the
//! form edits of `.tf` and `.tfvars` files.

/// Object keys: bare when they are plain identifiers, else quoted (`"controlplane-1"`
/// would otherwise read as an identifier in some places and a subtraction in others).
pub fn key(key: &str) -> String {
    let mut chars = key.chars();
    let bare = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(key, "null" | "true" | "false" | "for" | "in" | "if");
    if bare {
        key.to_owned()
    } else {
        quote(key)
    }
}

/// An HCL quoted string: escapes, plus `$${` and `%%{` so that Terraform does not read
/// templates in the user's text.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
