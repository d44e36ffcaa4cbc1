//! What every lint fuzz target checks, whatever the format: any bytes give diagnostics,
//! never a panic, and every diagnostic's span and fixes lie inside the text.

use talos_planner::{analyze_file, config::text_from_bytes, Format};

pub fn check_lint(data: &[u8], format: Format) {
    let Ok(text) = text_from_bytes(data) else {
        return;
    };
    let analysis = analyze_file(text, format);
    for d in &analysis.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        for fix in &d.fixes {
            assert!(talos_planner::diagnostics::apply_edits(text, &fix.edits).is_some());
        }
    }
}
