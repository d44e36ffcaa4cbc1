// The same inputs give the same plans and diagnostics through the package as through
// the native CLI (`cargo build --features native`): every file of examples/, plus
// variants with problems, read through both and compared field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import planner, { root } from './load.mjs';

const cli = process.env.TALOS_PLANNER_BIN ?? path.join(root, 'target/debug/talos-planner');
if (!existsSync(cli)) {
  throw new Error(`${cli} is missing: build it with \`cargo build --features native\``);
}

function run(args) {
  const out = spawnSync(cli, args, { encoding: 'utf8' });
  if (out.status === 2 || out.error) {
    throw new Error(`talos-planner ${args.join(' ')}: ${out.error ?? out.stderr}`);
  }
  return out;
}

const examplesDir = path.join(root, 'examples');
const files = readdirSync(examplesDir).filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => path.join(examplesDir, f));

// Variants with problems: typos with fixes, a VIP collision, syntax errors, and text
// outside ASCII before the problems (columns must still agree).
const three = readFileSync(path.join(examplesDir, 'three-controlplanes.yaml'), 'utf8');
const json = readFileSync(path.join(examplesDir, 'terraform.tfvars.json'), 'utf8');
const variants = {
  'typo.yaml': three.replace('  bridge: vmbr0', '  brige: vmbr0'),
  'vip-conflict.yaml': three.replace('  ha_vip_interface: eth0', '  ha_vip: 10.10.100.20'),
  'unicode.yaml': three.replace('cluster:\n', '# Grüße 😀 cluster\ncluster:\n')
    .replace('  bridge: vmbr0', '  brige: "é😀"  # ü'),
  'syntax.yaml': three.replace('  cidr: 10.10.100.0/24', '  cidr: [10.10.100.0/24'),
  'single-with-vip.yaml': three.replace('count: 3', 'count: 1')
    .replace('  ha_vip_interface: eth0', '  ha_vip: 10.10.100.50'),
  'bad-types.yaml': three.replace('vm_base_id: 700', 'vm_base_id: "seven"')
    .replace('version: v1.12.0', 'version: 1.10'),
  'bad.json': json.replace('"count": 2', '"count": -1').replace('"cpu": 4', '"cpux": 4'),
  'syntax.json': json.replace('"vm_base_id": 700', '"vm_base_id": 700,'),
  'empty.yaml': '',
};
const dir = mkdtempSync(path.join(tmpdir(), 'talos-planner-parity-'));
for (const [name, text] of Object.entries(variants)) {
  writeFileSync(path.join(dir, name), text);
  files.push(path.join(dir, name));
}

const formatOf = (file) => (file.endsWith('.json') ? 'json' : 'yaml');

/** The package's diagnostic as the CLI's JSON spells it (1-based lines, columns in characters). */
function asCli(file, d) {
  const pos = (p) => ({ line: p.line + 1, column: p.character + 1 });
  const range = (r) => ({ start: pos(r.start), end: pos(r.end) });
  return {
    file,
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: range(d.range),
    fixes: d.fixes.map((f) => ({
      title: f.title,
      edits: f.edits.map((e) => ({ range: range(e.range), new_text: e.new_text })),
    })),
  };
}

test('every example and variant is read', () => {
  assert.ok(files.length >= 15, `${files.length} files`);
});

for (const file of files) {
  const name = path.basename(file);
  const text = readFileSync(file, 'utf8');
  const options = { format: formatOf(file), position_encoding: 'utf-32' };

  test(`lint agrees with the CLI: ${name}`, () => {
    const out = run(['lint', '--format', 'json', file]);
    const expected = JSON.parse(out.stdout).diagnostics;
    const actual = planner.lint(text, options).map((d) => asCli(file, d));
    assert.deepEqual(actual, expected);
    assert.equal(out.status === 1, actual.some((d) => d.severity === 'error'));
  });

  test(`plan agrees with the CLI: ${name}`, () => {
    const out = run(['plan', '--format', 'json', file]);
    if (out.status === 0) {
      assert.deepEqual(planner.plan(text, options), JSON.parse(out.stdout));
    } else {
      assert.equal(out.status, 1);
      assert.throws(() => planner.plan(text, options), { name: 'ConfigError' });
    }
  });
}

test('the variants cover the problems they were made for', () => {
  const codes = (name) => planner.lint(variants[name]).map((d) => d.code);
  assert.ok(codes('typo.yaml').includes('unknown-field'));
  assert.ok(codes('vip-conflict.yaml').includes('vip-conflict'));
  assert.ok(codes('syntax.yaml').includes('syntax-error'));
  assert.ok(codes('bad-types.yaml').includes('invalid-type'));
  assert.ok(planner.lint(variants['typo.yaml']).some((d) => d.fixes.length > 0));
});
