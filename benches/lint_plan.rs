//! lint + plan for 5, 100, 1,000 and 10,000 nodes (targets: 5 nodes under 50 µs,
//! 1,000 nodes under 5 ms, growth linear in nodes), and lint of the HA VIP document's
//! Terraform module block. `cargo bench --bench lint_plan`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use talos_planner::{analyze, Format};

fn lint_plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint+plan");
    for nodes in [5u32, 100, 1_000, 10_000] {
        let text = talos_planner::examples::synthetic(nodes);
        let analysis = analyze(&text, Format::Yaml);
        assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
        assert_eq!(
            analysis.plan.as_ref().map(|p| p.nodes.len()),
            Some(nodes as usize)
        );
        group.throughput(Throughput::Elements(u64::from(nodes)));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &text, |b, text| {
            b.iter(|| analyze(std::hint::black_box(text), Format::Yaml))
        });
    }
    group.finish();
}

/// The seed document's "Multiple Control Planes" module block (tests/hcl), as Terraform.
fn lint_module_block(c: &mut Criterion) {
    let text = include_str!("../tests/hcl/seed-multiple-controlplanes.tf");
    let found = talos_planner::lint(text, Format::Hcl);
    assert!(
        found.iter().any(|d| d.code() == "module-automatic-vip"),
        "{found:#?}"
    );
    c.bench_function("lint seed module block (hcl)", |b| {
        b.iter(|| talos_planner::lint(std::hint::black_box(text), Format::Hcl))
    });
}

criterion_group!(benches, lint_plan, lint_module_block);
criterion_main!(benches);
