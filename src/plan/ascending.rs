//! Whether the nodes' addresses or VM IDs only count up, as they do unless overrides
//! reorder them: then none repeats, and the checks for repeats need no hash map (whose
//! hashing and probing of every node was a large part of `analyze` in WebAssembly).

use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;

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

/// Which node had each key first, for the checks that report repeats. It keeps nothing
/// when the keys only count up, since then none repeats.
pub(crate) struct FirstSeen<K>(Option<HashMap<K, usize>>);

impl<K: Ord + Hash + Copy> FirstSeen<K> {
    /// For the nodes' keys in order (unknown ones are `None` and skipped).
    pub(crate) fn new(keys: impl ExactSizeIterator<Item = Option<K>>) -> Self {
        let len = keys.len();
        let ascending = strictly_ascending(keys);
        FirstSeen((!ascending).then(|| HashMap::with_capacity_and_hasher(len, Default::default())))
    }

    /// The node that had `key` before node `index`, if one did; else `index` has it first.
    pub(crate) fn earlier(&mut self, key: K, index: usize) -> Option<usize> {
        let map = self.0.as_mut()?;
        match map.get(&key) {
            Some(&first) => Some(first),
            None => {
                map.insert(key, index);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{strictly_ascending, FirstSeen};

    #[test]
    fn skips_unknown_keys_and_refuses_repeats() {
        assert!(strictly_ascending([Some(1), None, Some(2), Some(7)]));
        assert!(strictly_ascending(std::iter::empty::<Option<u8>>()));
        assert!(!strictly_ascending([Some(1), Some(3), None, Some(3)]));
        assert!(!strictly_ascending([Some(2), Some(1)]));
    }

    #[test]
    fn first_seen_names_the_earlier_node_of_a_repeat() {
        let keys = [Some(5), None, Some(3), Some(5), Some(3)];
        let mut seen = FirstSeen::new(keys.iter().copied());
        let earlier: Vec<Option<usize>> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.map(|k| seen.earlier(k, i)))
            .collect();
        assert_eq!(earlier, [None, None, Some(0), Some(2)]);
        let mut counting_up = FirstSeen::new([Some(1), Some(2)].into_iter());
        assert_eq!(counting_up.earlier(1, 0), None);
        assert_eq!(counting_up.earlier(2, 1), None);
    }
}
