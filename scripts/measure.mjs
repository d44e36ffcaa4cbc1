// Prints the one table of figures (scripts/measure.sh): lint+plan natively and in the
// WASM package under node for 5, 100, 1,000 and 10,000 nodes, the gzipped .wasm and
// page bundle, and the language server's change-to-diagnostics latency.
//   node scripts/measure.mjs NATIVE_JSON [LSP_MEDIAN_MS]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: planner } = await import(path.join(root, 'www/tests/package/load.mjs'));
const native = JSON.parse(process.argv[2] ?? '{}');
const lspMs = process.argv[3];

const median = (times) => {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

const rows = [['measure', 'native', 'wasm (node)']];
for (const nodes of [5, 100, 1000, 10000]) {
  const text = readFileSync(path.join(root, `target/measure/nodes-${nodes}.yaml`), 'utf8');
  const runs = text.length > 100000 ? 30 : 300;
  for (let i = 0; i < Math.min(runs, 50); i += 1) planner.analyze(text); // warm up
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    planner.analyze(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  rows.push([`lint+plan, ${nodes} nodes`, native[nodes] ? fmt(native[nodes]) : '-', fmt(median(times))]);
}
const wasm = readFileSync(path.join(root, 'pkg/talos_planner_bg.wasm'));
rows.push(['.wasm (page package), gzipped', '', kb(gz(wasm))]);
const editorWasm = path.join(root, 'editors/language-server/pkg/talos_planner_bg.wasm');
if (existsSync(editorWasm)) {
  rows.push(['.wasm (editor package, with HCL), gzipped', '', kb(gz(readFileSync(editorWasm)))]);
}
const dist = path.join(root, 'www/dist');
if (existsSync(dist)) {
  const files = [];
  const walk = (dir) => readdirSync(dir).forEach((n) => {
    const f = path.join(dir, n);
    if (statSync(f).isDirectory()) walk(f); else files.push(f);
  });
  walk(dist);
  const code = files.filter((f) => /\.(js|css|html)$/.test(f));
  rows.push(['page bundle (html+js+css), gzipped', '', kb(code.reduce((n, f) => n + gz(readFileSync(f)), 0))]);
}
rows.push(['language server didChange -> publishDiagnostics, 1,000-line config, median', '', lspMs ? `${lspMs} ms` : '-']);

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
rows.slice(1).forEach((r) => console.log(line(r)));
console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.versions.node}`);
