//! Any bytes, read as a Terraform file (module blocks or `.tfvars`): see `check_lint`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_planner::Format;
use talos_planner_fuzz::check_lint;

fuzz_target!(|data: &[u8]| check_lint(data, Format::Hcl));
