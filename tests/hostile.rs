//! Hostile and broken inputs (tests/hostile/ plus a few generated ones, 10 MB among them)
//! yield diagnostics, never a panic, in bounded time and memory.
//!
//! Memory is measured with a counting global allocator: the peak bytes allocated while
//! one input is analysed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use talos_planner::config::text_from_bytes;
use talos_planner::{analyze_file, Format};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Generous bounds: they catch exponential blow-ups, not slowness (that is the
/// benchmarks' job).
const TIME_LIMIT: Duration = Duration::from_secs(60);
fn memory_limit(input_len: usize) -> usize {
    64 * 1024 * 1024 + input_len * 40
}

struct Outcome {
    codes: Vec<&'static str>,
    elapsed: Duration,
    peak: usize,
}

fn run(name: &str, bytes: &[u8]) -> Outcome {
    // By extension, as the CLI and the language server decide: `.tf` and `.tfvars` are
    // Terraform, `.json` JSON, the rest YAML.
    let format = Format::from_path(name);
    let baseline = CURRENT.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let start = Instant::now();
    let codes = match text_from_bytes(bytes) {
        Err(d) => vec![d.code()],
        Ok(text) => {
            let analysis = analyze_file(text, format);
            // Rendering must not panic either (it refuses configs with errors).
            let _ = talos_planner::render(text, format);
            let _ = talos_planner::schema();
            analysis.diagnostics.iter().map(|d| d.code()).collect()
        }
    };
    Outcome {
        codes,
        elapsed: start.elapsed(),
        peak: PEAK.load(Ordering::Relaxed).saturating_sub(baseline),
    }
}

fn check(name: &str, bytes: &[u8]) -> Outcome {
    let outcome = match std::panic::catch_unwind(|| run(name, bytes)) {
        Ok(outcome) => outcome,
        Err(_) => panic!("{name}: panicked"),
    };
    assert!(
        outcome.elapsed < TIME_LIMIT,
        "{name}: took {:?}",
        outcome.elapsed
    );
    assert!(
        outcome.peak < memory_limit(bytes.len()),
        "{name}: peak {} bytes for {} bytes of input",
        outcome.peak,
        bytes.len()
    );
    outcome
}

/// Inputs and a diagnostic each must produce.
const EXPECTED: &[(&str, &str)] = &[
    ("empty.yaml", "missing-field"),
    ("whitespace-only.yaml", "missing-field"),
    ("comment-only.yaml", "missing-field"),
    ("null-document.yaml", "missing-field"),
    ("scalar-root.yaml", "invalid-type"),
    ("list-root.yaml", "invalid-type"),
    ("binary.bin", "syntax-error"),
    ("invalid-utf8.yaml", "syntax-error"),
    ("utf16le.yaml", "syntax-error"),
    ("tab-indent.yaml", "syntax-error"),
    ("truncated-flow.yaml", "syntax-error"),
    ("truncated-string.yaml", "syntax-error"),
    ("truncated.json", "syntax-error"),
    ("trailing-garbage.json", "syntax-error"),
    ("json-with-comments.json", "syntax-error"),
    ("duplicate-keys.yaml", "duplicate-key"),
    ("duplicate-nested-keys.yaml", "duplicate-key"),
    ("duplicate-keys.json", "duplicate-key"),
    ("alias-bomb.yaml", "syntax-error"),
    ("alias-bomb-in-config.yaml", "syntax-error"),
    ("undefined-alias.yaml", "syntax-error"),
    ("deep-flow-nesting.yaml", "syntax-error"),
    ("deep-nesting.json", "syntax-error"),
    ("billion-workers.yaml", "invalid-value"),
    ("billion-controlplanes.yaml", "invalid-value"),
    ("negative-counts.yaml", "controlplane-count"),
    ("negative-counts.yaml", "invalid-value"),
    ("fractional-count.yaml", "invalid-type"),
    ("nan-everywhere.yaml", "invalid-type"),
    ("huge-integers.yaml", "invalid-value"),
    ("extreme-offsets.yaml", "host-number-out-of-range"),
    ("most-negative-offset.yaml", "host-number-out-of-range"),
    ("negative-vm-ids.yaml", "vm-id-out-of-range"),
    ("vm-id-overflow.yaml", "vm-id-out-of-range"),
    ("wrong-top-level-types.yaml", "invalid-type"),
    ("wrong-types-everywhere.yaml", "invalid-type"),
    ("wrong-types.json", "invalid-type"),
    ("strings-for-numbers.json", "invalid-type"),
    ("json-extreme-numbers.json", "invalid-value"),
    ("slash32.yaml", "host-number-out-of-range"),
    ("mixed-families.yaml", "gateway-outside-subnet"),
    ("mixed-families.yaml", "invalid-dns-server"),
    ("tags.yaml", "syntax-error"),
    ("multi-document.yaml", "syntax-error"),
    ("complex-keys.yaml", "syntax-error"),
    ("config-patch-bombs.yaml", "invalid-config-patch"),
    ("many-overrides.yaml", "unused-override"),
    ("unicode-keys.yaml", "unknown-field"),
    ("empty-sections.yaml", "missing-field"),
    ("empty-collections.yaml", "missing-field"),
    ("merge-key.yaml", "unknown-field"),
    ("hcl-deep-objects.tf", "syntax-error"),
    ("hcl-deep-tuples.tf", "syntax-error"),
    ("hcl-deep-parens.tf", "syntax-error"),
    ("hcl-deep-template.tf", "syntax-error"),
    ("hcl-deep-blocks.tf", "syntax-error"),
    ("hcl-long-operator-chain.tf", "syntax-error"),
    ("hcl-truncated-module.tf", "syntax-error"),
    ("hcl-unterminated-heredoc.tf", "syntax-error"),
    ("hcl-unterminated-string.tf", "syntax-error"),
    ("hcl-nul-and-control-bytes.tf", "syntax-error"),
    ("hcl-duplicate-attributes.tf", "duplicate-key"),
    ("hcl-duplicate-object-keys.tf", "syntax-error"),
    ("hcl-huge-numbers.tf", "invalid-type"),
    ("hcl-negative-and-fractional.tf", "invalid-type"),
    ("hcl-negative-and-fractional.tf", "invalid-value"),
    ("hcl-billion-workers.tf", "invalid-value"),
    ("hcl-wrong-types-everywhere.tf", "invalid-type"),
    ("hcl-wrong-types.tfvars", "invalid-type"),
    ("hcl-block-instead-of-attribute.tfvars", "missing-field"),
    ("hcl-unicode-identifiers.tf", "unknown-field"),
    ("hcl-many-modules.tf", "controlplanes-share-host"),
    ("hcl-doubling-locals.tf", "unknown-values"),
];

/// Inputs that must yield no finding, only the note that says what was not checked:
/// nothing of ours in them, or nothing known.
const SILENT: &[&str] = &[
    "hcl-empty.tf",
    "hcl-comments-only.tfvars",
    "hcl-other-terraform-only.tf",
    // Every value an expression: no rule may guess.
    "hcl-unknowns-everywhere.tf",
];

fn hostile_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

#[test]
fn the_catalogue_has_at_least_fifty_inputs() {
    let count = std::fs::read_dir(hostile_dir()).unwrap().count();
    assert!(count >= 50, "only {count} hostile inputs");
}

#[test]
fn every_hostile_input_yields_diagnostics_in_bounded_time_and_memory() {
    let mut entries: Vec<_> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut report = Vec::new();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = check(&name, &bytes);
        if SILENT.contains(&name.as_str()) {
            assert!(
                outcome
                    .codes
                    .iter()
                    .all(|c| ["nothing-to-check", "unknown-values"].contains(c)),
                "{name}: {:?}",
                outcome.codes
            );
        }
        for (file, code) in EXPECTED.iter().filter(|(f, _)| *f == name) {
            assert!(
                outcome.codes.contains(code),
                "{file}: expected {code}, got {:?}",
                outcome.codes
            );
        }
        report.push(format!(
            "{name:<32} {:>8.2} ms {:>10} KiB peak {:>6} diagnostics",
            outcome.elapsed.as_secs_f64() * 1000.0,
            outcome.peak / 1024,
            outcome.codes.len()
        ));
    }
    println!("{}", report.join("\n"));
}

#[test]
fn ten_megabyte_inputs() {
    let (_, good) = talos_planner::examples::example("three-controlplanes").unwrap();
    // Comments: the parser's work, no diagnostics beyond the example's own.
    let mut comments = String::from(good);
    while comments.len() < 10 * 1024 * 1024 {
        comments.push_str("# a comment line that pads the file to ten megabytes of text .......\n");
    }
    let outcome = check("10mb-comments.yaml", comments.as_bytes());
    assert!(!outcome.codes.contains(&"syntax-error"));

    // Ten megabytes of overrides for nodes that do not exist: diagnostics are capped.
    let rest: String = (10..100_000)
        .map(|n| {
            format!(
                "    controlplane-{n}: {{ cpu: 4, memory: 8192, disk: 100, node: pve-node-{}, datastore: local-lvm-thin }}\n",
                n % 10
            )
        })
        .collect();
    let overrides = good.replace(
        "  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
        &format!("  overrides:\n{rest}"),
    );
    assert!(overrides.len() > 10 * 1024 * 1024, "{}", overrides.len());
    let outcome = check("10mb-overrides.yaml", overrides.as_bytes());
    assert!(
        outcome.codes.contains(&"unused-override"),
        "{:?}",
        &outcome.codes[..outcome.codes.len().min(5)]
    );
    assert!(outcome.codes.len() <= talos_planner::diagnostics::MAX_DIAGNOSTICS + 1);

    // One 10 MB string.
    let long = good.replace(
        "name: homelab",
        &format!("name: {}", "y".repeat(10 * 1024 * 1024)),
    );
    let outcome = check("10mb-name.yaml", long.as_bytes());
    assert!(outcome.codes.contains(&"hostname-too-long"));
}

#[test]
fn cli_never_crashes_on_hostile_files() {
    #[cfg(feature = "native")]
    {
        for entry in std::fs::read_dir(hostile_dir()).unwrap() {
            let path = entry.unwrap().path();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_talos-planner"))
                .args(["lint", "--format", "json"])
                .arg(&path)
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "{}: exit {code:?}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let json: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(json["diagnostics"].is_array());
        }
    }
}
