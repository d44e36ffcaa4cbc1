//! Any bytes, read as a YAML config: diagnostics, never a panic; every diagnostic's
//! span and fixes lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::{analyze_file, config::text_from_bytes, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = text_from_bytes(data) else { return };
    let analysis = analyze_file(text, Format::Yaml);
    for d in &analysis.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        for fix in &d.fixes {
            assert!(talos_planner::diagnostics::apply_edits(text, &fix.edits).is_some());
        }
    }
});
