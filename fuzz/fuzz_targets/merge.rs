//! Talos strategic merge of arbitrary base and patch texts: an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::render::merge::apply_all;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (base, patch) = text.split_once("\n===\n").unwrap_or((text, ""));
    let _ = apply_all(base, &[patch]);
});
