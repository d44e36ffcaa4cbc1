//! Talos strategic merge of arbitrary base and patch texts: an error, never a panic; and
//! what it writes reads back to the same documents (the YAML writer quotes and escapes
//! whatever the merged values hold).
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::render::merge::{apply_all, MachineConfig, Patch};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (base, patch) = text.split_once("\n===\n").unwrap_or((text, ""));
    let _ = apply_all(base, &[patch]);
    let (Ok(mut config), Ok(patch)) = (MachineConfig::parse(base), Patch::parse(patch)) else {
        return;
    };
    if talos_planner::render::merge::apply(&mut config, &patch).is_ok() {
        let written = config.to_yaml();
        let reread = MachineConfig::parse(&written)
            .unwrap_or_else(|e| panic!("cannot re-read what we wrote ({e}):\n{written}"));
        // (NaN is never equal to itself.)
        if !written.to_ascii_lowercase().contains("nan") {
            assert!(
                reread.documents == config.documents,
                "changed on the way:\n{written}"
            );
        }
    }
});
