// Prints the one table of figures (scripts/measure.sh): lint+plan (`analyze`) natively
// and in the WASM package under node for 5, 100, 1,000 and 10,000 nodes, the gzipped
// .wasm and page bundle, and the language server's change-to-diagnostics latency.
//   node scripts/measure.mjs NATIVE_JSON [LSP_MEDIAN_MS]
//
// Two WASM figures per size, because the page and the editor live in the first calls,
// before V8 has tiered the module up:
//   - cold: the median of the first 100 calls after instantiation, in a fresh node
//     process (the median over several such processes);
//   - warm: the median of many calls once the module has run long enough to be tiered
//     up (the steady state).
// Each ratio divides by the native median of the same `scripts/measure.sh` run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const COLD_CALLS = 100;

const median = (times) => {
  const s = [...times].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const { default: planner } = await import(path.join(root, 'www/tests/package/load.mjs'));
const time = (text) => {
  const t0 = process.hrtime.bigint();
  planner.analyze(text);
  return Number(process.hrtime.bigint() - t0) / 1000;
};

// `--cold FILE`: this process instantiated the package just now (load.mjs); time its
// first calls and print their median in µs.
if (process.argv[2] === '--cold') {
  const text = readFileSync(process.argv[3], 'utf8');
  const times = [];
  for (let i = 0; i < COLD_CALLS; i += 1) times.push(time(text));
  console.log(median(times).toFixed(2));
  process.exit(0);
}

const native = JSON.parse(process.argv[2] ?? '{}');
const lspMs = process.argv[3];
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const ratio = (us, nodes) => (native[nodes] ? `${(us / native[nodes]).toFixed(1)}×` : '-');
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

function cold(file, processes) {
  const medians = [];
  for (let i = 0; i < processes; i += 1) {
    medians.push(Number(execFileSync(process.execPath, [self, '--cold', file], { encoding: 'utf8' })));
  }
  return median(medians);
}

function warm(text) {
  // Tier-up: keep calling for a second (and at least 200 calls), then time the steady
  // state for about two seconds (between 30 and 5,000 calls).
  let spent = 0;
  for (let i = 0; i < 200 || spent < 1e6; i += 1) spent += time(text);
  const runs = Math.max(30, Math.min(5000, Math.round((2e6 * 200) / spent)));
  const times = [];
  for (let i = 0; i < runs; i += 1) times.push(time(text));
  return median(times);
}

const rows = [['measure', 'native', 'wasm cold', 'cold ÷ native', 'wasm warm', 'warm ÷ native']];
for (const nodes of [5, 100, 1000, 10000]) {
  const file = path.join(root, `target/measure/nodes-${nodes}.yaml`);
  const text = readFileSync(file, 'utf8');
  const c = cold(file, nodes >= 10000 ? 3 : 7);
  const w = warm(text);
  rows.push([`lint+plan, ${nodes} nodes`, native[nodes] ? fmt(native[nodes]) : '-',
    fmt(c), ratio(c, nodes), fmt(w), ratio(w, nodes)]);
}
const blank = ['', '', '', ''];
const wasm = readFileSync(path.join(root, 'pkg/talos_planner_bg.wasm'));
rows.push(['.wasm (page package), gzipped', '', kb(gz(wasm)), ...blank.slice(1)]);
const editorWasm = path.join(root, 'editors/language-server/pkg/talos_planner_bg.wasm');
if (existsSync(editorWasm)) {
  rows.push(['.wasm (editor package, with HCL), gzipped', '', kb(gz(readFileSync(editorWasm))), ...blank.slice(1)]);
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
  rows.push(['page bundle (html+js+css), gzipped', '', kb(code.reduce((n, f) => n + gz(readFileSync(f)), 0)), ...blank.slice(1)]);
}
rows.push(['language server didChange -> publishDiagnostics, 1,000-line config, median', '',
  lspMs ? `${lspMs} ms` : '-', ...blank.slice(1)]);

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
rows.slice(1).forEach((r) => console.log(line(r)));
console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.versions.node}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
