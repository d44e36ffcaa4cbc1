//! Any bytes, read as a JSON config: see `check_lint`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::Format;
use talos_planner_fuzz::check_lint;

fuzz_target!(|data: &[u8]| check_lint(data, Format::Json));
