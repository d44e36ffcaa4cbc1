//! Talos release tags as people type them: `1.12`, `v1.12`, `V1.12.0`, ` 1.12.0 `. The
//! Image Factory and the patches need the full tag (`v1.12.0`); the fixes and the page's
//! version field write it. Whether a full tag is a release the planner knows how to
//! render is `plan::version`'s business.

/// The full release tag (`v1.12.0`, `v1.13.0-beta.1`) of a loosely written version, or
/// `None` when the text is not a version at all. A missing patch number is `.0`.
pub fn release_tag(text: &str) -> Option<String> {
    let text = text.trim();
    let (numbers, pre) = numbers_and_pre(text.strip_prefix(['v', 'V']).unwrap_or(text))?;
    let (major, minor, patch) = match numbers[..] {
        [major, minor] => (major, minor, 0),
        [major, minor, patch] => (major, minor, patch),
        _ => return None,
    };
    let pre = pre.map(|p| format!("-{p}")).unwrap_or_default();
    Some(format!("v{major}.{minor}.{patch}{pre}"))
}

/// `1.12.0-beta.1` as its dot-separated numbers and pre-release text (without `v`):
/// numbers of at most nine digits, a pre-release of letters, digits, `.` and `-`.
pub fn numbers_and_pre(text: &str) -> Option<(Vec<u64>, Option<&str>)> {
    let (core, pre) = match text.split_once('-') {
        Some((core, pre)) => {
            let ok = !pre.is_empty()
                && pre
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
            if !ok {
                return None;
            }
            (core, Some(pre))
        }
        None => (text, None),
    };
    let numbers = core
        .split('.')
        .map(|part| {
            let digits =
                !part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse().ok()).flatten()
        })
        .collect::<Option<Vec<u64>>>()?;
    Some((numbers, pre))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_versions_become_full_tags() {
        for (typed, tag) in [
            ("1.12", "v1.12.0"),
            ("v1.12", "v1.12.0"),
            ("V1.12.0", "v1.12.0"),
            (" 1.12.0 ", "v1.12.0"),
            ("v1.12.3", "v1.12.3"),
            ("1.13.0-beta.1", "v1.13.0-beta.1"),
            ("1.010", "v1.10.0"),
        ] {
            assert_eq!(release_tag(typed).as_deref(), Some(tag), "{typed}");
        }
        for bad in ["", "v", "1", "latest", "1.x", "1.12.0.1", "1.12-", "v1..2"] {
            assert_eq!(release_tag(bad), None, "{bad}");
        }
    }
}
