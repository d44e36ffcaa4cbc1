//! Any YAML config that lints without errors renders its patches; rendering twice gives
//! the same patches, and every patch parses back as YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::{config::text_from_bytes, render, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = text_from_bytes(data) else {
        return;
    };
    let Ok(nodes) = render(text, Format::Yaml) else {
        return;
    };
    assert_eq!(
        Ok(&nodes),
        render(text, Format::Yaml).as_ref().map_err(|_| ())
    );
    for node in &nodes {
        for patch in &node.patches {
            let _ = talos_planner::render::merge::Patch::parse(&patch.content);
        }
    }
});
