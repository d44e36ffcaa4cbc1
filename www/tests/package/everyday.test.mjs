// The package's rule control, spreading and version helpers, as the page and the
// language server call them, and the same answers as the command line's flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import planner, { root } from './load.mjs';

const example = readFileSync(path.join(root, 'examples/three-controlplanes.yaml'), 'utf8');
const cli = process.env.TALOS_PLANNER_BIN ?? path.join(root, 'target/debug/talos-planner');
const codes = (list) => list.map((d) => `${d.code}:${d.severity}`);

test('rules option: allow, warn, deny and all, as the CLI flags', () => {
  assert.deepEqual(codes(planner.lint(example)), Array(3).fill('below-talos-recommended:info'));
  assert.deepEqual(planner.lint(example, { rules: { 'below-talos-recommended': 'allow' } }), []);
  assert.deepEqual(codes(planner.lint(example, { rules: { all: 'deny' } })),
    Array(3).fill('below-talos-recommended:error'));
  assert.deepEqual(planner.lint(example, { rules: { all: 'warn', 'below-talos-recommended': 'allow' } }), []);
  // analyze, plan and render take them too: a denied note stops plan.
  assert.throws(() => planner.plan(example, { rules: { all: 'deny' } }), { name: 'ConfigError' });
  assert.equal(planner.analyze(example, { rules: { all: 'allow' } }).diagnostics.length, 0);
  // Mistakes are errors, not silently ignored.
  assert.throws(() => planner.lint(example, { rules: { 'below-talos-recomended': 'allow' } }),
    /did you mean `below-talos-recommended`/);
  assert.throws(() => planner.lint(example, { rules: { 'vip-conflict': 'off' } }), /invalid options/);
  assert.throws(() => planner.lint(example, { rules: { 'syntax-error': 'allow' } }), /cannot be changed/);

  const dir = mkdtempSync(path.join(tmpdir(), 'talos-planner-levels-'));
  const file = path.join(dir, 'cluster.yaml');
  writeFileSync(file, example);
  for (const [flags, rules] of [
    [['--deny', 'all'], { all: 'deny' }],
    [['--warn', 'below-talos-recommended'], { 'below-talos-recommended': 'warn' }],
    [['--allow', 'all'], { all: 'allow' }],
  ]) {
    const out = spawnSync(cli, ['lint', '--format', 'json', ...flags, file], { encoding: 'utf8' });
    const fromCli = JSON.parse(out.stdout).diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(fromCli, codes(planner.lint(example, { rules })), flags.join(' '));
  }
});

test('ignore comments and unused-ignore, with its fix', () => {
  const commented = example.replace('  specs: { cpu: 2, memory: 4096, disk: 50 }\n',
    '  # talos-planner: ignore[below-talos-recommended, vip-conflict] small lab\n  specs: { cpu: 2, memory: 4096, disk: 50 }\n');
  const found = planner.lint(commented);
  const unused = found.find((d) => d.code === 'unused-ignore');
  assert.ok(unused, JSON.stringify(codes(found)));
  assert.equal(commented.slice(unused.offsets.start, unused.offsets.end), 'vip-conflict');
  assert.equal(found.filter((d) => d.code === 'below-talos-recommended').length, 1, 'only the workers\' note is left');
  const [fix] = unused.fixes;
  const edit = fix.edits[0];
  const fixed = commented.slice(0, edit.offsets.start) + edit.new_text + commented.slice(edit.offsets.end);
  assert.ok(fixed.includes('# talos-planner: ignore[below-talos-recommended] small lab'), fixed);
  assert.ok(!planner.lint(fixed).some((d) => d.code === 'unused-ignore'));
});

test('spreadControlplanes: round-robin over the hosts given, the rest kept', () => {
  const together = example.replace('    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n', '');
  const result = planner.spreadControlplanes(together, ['pve01', 'pve02']);
  const plan = planner.plan(result.text);
  assert.deepEqual(plan.nodes.filter((n) => n.role === 'controlplane').map((n) => n.proxmox_node),
    ['pve01', 'pve02', 'pve01']);
  assert.ok(result.text.startsWith('# Three control planes'));
  const applied = result.edits.reduceRight((t, e) => t.slice(0, e.offsets.start) + e.new_text + t.slice(e.offsets.end), together);
  assert.equal(applied, result.text);
  assert.deepEqual(planner.spreadControlplanes(result.text, ['pve01', 'pve02']).edits, []);
  assert.throws(() => planner.spreadControlplanes(together, ['pve 01']), /not a Proxmox node name/);
  assert.throws(() => planner.spreadControlplanes(together, []), /at least one Proxmox host/);
  assert.throws(() => planner.spreadControlplanes(together, 'pve01'), /array of strings/);
});

test('releaseTag: what people type becomes the full tag', () => {
  assert.equal(planner.releaseTag('1.12'), 'v1.12.0');
  assert.equal(planner.releaseTag('V1.11.5'), 'v1.11.5');
  assert.equal(planner.releaseTag('latest'), null);
  assert.throws(() => planner.releaseTag(12), TypeError);
});

test('the version fixes finish the job in the package too', () => {
  for (const typed of ['1.12', 'v1.12', 'V1.12.0', '"1.12"']) {
    const text = example.replace('version: v1.12.0', `version: ${typed}`);
    const d = planner.lint(text).find((x) => x.severity === 'error');
    assert.ok(d, typed);
    const fix = d.fixes.find((f) => f.title === 'Use `v1.12.0`');
    assert.ok(fix, `${typed}: ${d.fixes.map((f) => f.title)}`);
    const edit = fix.edits[0];
    const fixed = text.slice(0, edit.offsets.start) + edit.new_text + text.slice(edit.offsets.end);
    assert.deepEqual(planner.lint(fixed).filter((x) => x.severity === 'error'), [], typed);
  }
});
