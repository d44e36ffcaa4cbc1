//! Fixes that finish the job: a fix whose effect depends on the rest of the config (a
//! control plane more or less, an override that starts to apply) is tried before it is
//! offered. Applied, it must leave a config in
//! which its rule no longer fires there and no kind of problem appears that was not
//! there before; otherwise it is dropped, so the user is never led from one problem to
//! another that has no way out.
//!
//! The other fixes are right by construction (a free address, a known name, quotes;
//! spreading the control planes changes only their `node`, which no other rule reads)
//! and the rule catalogue's test tries them all.

use crate::diagnostics::{apply_edits, Diagnostic, Rule};

/// The rules whose fixes are tried here.
const TRIED: &[Rule] = &[Rule::EvenControlplaneCount, Rule::InvalidOverrideKey];

/// Most fixes tried for one text: each costs one more analysis, and a text with more
/// of these problems than this keeps the rest of them as they are.
const MAX_TRIES: usize = 8;

/// Longest text whose fixes are tried (a real config is a few kilobytes): beyond it the
/// fixes of these rules are not offered, rather than analysing megabytes again and again.
pub(crate) const MAX_TRIED_LEN: usize = 1 << 20;

/// Drops the fixes of [`TRIED`] rules that would not finish the job. `analyze` gives
/// the diagnostics of a text (without trying fixes again).
pub(crate) fn drop_unfinished(
    text: &str,
    diagnostics: &mut [Diagnostic],
    analyze: impl Fn(&str) -> Vec<Diagnostic>,
) {
    if text.len() > MAX_TRIED_LEN {
        for d in diagnostics.iter_mut().filter(|d| TRIED.contains(&d.rule)) {
            d.fixes.clear();
        }
        return;
    }
    let mut tries = 0;
    let before: Vec<Rule> = diagnostics.iter().map(|d| d.rule).collect();
    for d in diagnostics.iter_mut() {
        if !TRIED.contains(&d.rule) || d.fixes.is_empty() {
            continue;
        }
        let (rule, start) = (d.rule, d.span.start);
        d.fixes.retain(|fix| {
            if tries == MAX_TRIES {
                return true;
            }
            tries += 1;
            let Some(fixed) = apply_edits(text, &fix.edits) else {
                return false;
            };
            let after = analyze(&fixed);
            let still = after
                .iter()
                .any(|a| a.rule == rule && a.span.start == start);
            let new = after.iter().any(|a| !before.contains(&a.rule));
            !still && !new
        });
    }
}
