// Checks the package's budgets and prints the figures (scripts/budgets.sh):
//   - the optimised .wasm, gzipped: at most 200 KB;
//   - one `lint` of the three-control-plane example in node: median of 1,000 calls
//     under 200 µs;
// and, for the record, the size of the built page (www/dist) when it is there.
// `--page` prints only the page's size (scripts/test.d/40-web.sh, after bundling).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KB = 1000;
const WASM_BUDGET = 200 * KB;
const LINT_BUDGET_US = 200;

let failed = false;
const report = (ok, line) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  if (!ok) failed = true;
};
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function packageBudgets() {
  const { default: planner } = await import('../tests/package/load.mjs');
  const wasm = readFileSync(path.join(root, 'pkg/talos_planner_bg.wasm'));
  const gz = gzipped(wasm);
  report(gz <= WASM_BUDGET,
    `wasm: ${kb(wasm.length)} raw, ${kb(gz)} gzipped (budget ${kb(WASM_BUDGET)})`);

  const example = readFileSync(path.join(root, 'examples/three-controlplanes.yaml'), 'utf8');
  for (let i = 0; i < 300; i += 1) planner.lint(example); // warm up the JIT and allocator
  // Three rounds of 1,000 calls; the best round's median counts, so that a neighbour
  // busy on the same two cores does not fail the build (all three are printed).
  const rounds = [];
  for (let round = 0; round < 3; round += 1) {
    const times = [];
    for (let i = 0; i < 1000; i += 1) {
      const t0 = process.hrtime.bigint();
      planner.lint(example);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    rounds.push({ median: (times[499] + times[500]) / 2, p90: times[899] });
  }
  const best = rounds.reduce((a, b) => (b.median < a.median ? b : a));
  report(best.median < LINT_BUDGET_US,
    `lint (three-controlplanes.yaml, node ${process.versions.node}): median ${best.median.toFixed(1)} µs, p90 ${best.p90.toFixed(1)} µs over 1000 calls (budget ${LINT_BUDGET_US} µs; round medians ${rounds.map((r) => r.median.toFixed(1)).join(', ')} µs)`);
}

function pageSize() {
  const dist = path.join(root, 'www/dist');
  if (!existsSync(dist)) return;
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dist);
  const size = (list) => list.reduce((n, f) => n + statSync(f).size, 0);
  const gz = (list) => list.reduce((n, f) => n + gzipped(readFileSync(f)), 0);
  // Each .wasm: the page's package, fetched on every load, and the Terraform one,
  // fetched only for Terraform text.
  const wasmFiles = files.filter((f) => f.endsWith('.wasm'));
  const code = files.filter((f) => /\.(js|css|html)$/.test(f));
  console.log(`info page (www/dist): ${kb(size(code))} html+js+css (${kb(gz(code))} gzipped); ${kb(size(files))} with the wasm (${kb(gz(files))} gzipped)`);
  for (const f of wasmFiles) {
    console.log(`info ${path.relative(dist, f)}: ${kb(statSync(f).size)} (${kb(gzipped(readFileSync(f)))} gzipped)`);
  }
}

/** The Terraform package, fetched by the page only for Terraform text (for the record). */
function terraformPackage() {
  const wasm = path.join(root, 'pkg-hcl/talos_planner_bg.wasm');
  if (!existsSync(wasm)) return;
  const bytes = readFileSync(wasm);
  console.log(`info pkg-hcl (Terraform, loaded on demand): ${kb(bytes.length)} raw, ${kb(gzipped(bytes))} gzipped`);
}

if (!process.argv.includes('--page')) await packageBudgets();
terraformPackage();
pageSize();
process.exit(failed ? 1 : 0);
