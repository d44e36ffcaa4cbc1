//! lint + plan for 5, 100, 1,000 and 10,000 nodes (targets: 5 nodes under 50 µs,
//! 1,000 nodes under 5 ms, growth linear in nodes). `cargo bench --bench lint_plan`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use talos_planner::{analyze, Format};

/// A config with `nodes` nodes: three control planes (one for five nodes or fewer is
/// not needed: the typical five-node cluster is 3 + 2), the rest workers, in a /16.
pub fn config(nodes: u32) -> String {
    let workers = nodes.saturating_sub(3);
    format!(
        "cluster:
  name: bench
  node: pve01
  datastore: local-lvm
  vm_base_id: 1000
image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  cidr: 10.20.0.0/16
  gateway: 10.20.0.1
  dns_servers: [1.1.1.1]
controlplane:
  count: 3
  specs: {{ cpu: 4, memory: 4096, disk: 100 }}
  overrides:
    controlplane-2: {{ node: pve02 }}
    controlplane-3: {{ node: pve03 }}
worker:
  count: {workers}
  specs: {{ cpu: 2, memory: 4096, disk: 100 }}
"
    )
}

fn lint_plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint+plan");
    for nodes in [5u32, 100, 1_000, 10_000] {
        let text = config(nodes);
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

criterion_group!(benches, lint_plan);
criterion_main!(benches);
