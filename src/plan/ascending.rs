//! Whether the nodes' addresses or VM IDs only count up, as they do unless overrides
//! reorder them: then none repeats, and the checks for repeats need no hash map (whose
//! hashing and probing of every node was a large part of `analyze` in WebAssembly).

/// Whether the known keys strictly increase (the unknown ones are skipped).
pub(crate) fn strictly_ascending<K: Ord>(keys: impl IntoIterator<Item = Option<K>>) -> bool {
    let mut last: Option<K> = None;
    for key in keys.into_iter().flatten() {
        if last.as_ref().is_some_and(|l| *l >= key) {
            return false;
        }
        last = Some(key);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::strictly_ascending;

    #[test]
    fn skips_unknown_keys_and_refuses_repeats() {
        assert!(strictly_ascending([Some(1), None, Some(2), Some(7)]));
        assert!(strictly_ascending(std::iter::empty::<Option<u8>>()));
        assert!(!strictly_ascending([Some(1), Some(3), None, Some(3)]));
        assert!(!strictly_ascending([Some(2), Some(1)]));
    }
}
