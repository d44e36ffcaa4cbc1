//! The native half of `scripts/measure.sh`: writes the synthetic configs it measures to
//! `target/measure/` (so the WASM side measures the very same texts) and prints the
//! median lint+plan time of each as JSON. `cargo bench --bench measure`.

use std::time::Instant;

use talos_planner::{analyze, Format};

const SIZES: [u32; 4] = [5, 100, 1_000, 10_000];

fn median_micros(text: &str) -> f64 {
    // Enough runs for a stable median without taking long on 10,000 nodes.
    let runs = if text.len() > 100_000 { 30 } else { 300 };
    for _ in 0..runs / 10 {
        std::hint::black_box(analyze(std::hint::black_box(text), Format::Yaml));
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(analyze(std::hint::black_box(text), Format::Yaml));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/measure");
    std::fs::create_dir_all(&dir).expect("target/measure is writable");
    let mut rows = Vec::new();
    for nodes in SIZES {
        let text = talos_planner::examples::synthetic(nodes);
        std::fs::write(dir.join(format!("nodes-{nodes}.yaml")), &text).expect("write config");
        rows.push(format!("\"{nodes}\": {:.1}", median_micros(&text)));
    }
    println!("{{{}}}", rows.join(", "));
}
