// No input may trap the module: bad text gives diagnostics, bad arguments throw an
// ordinary Error, and after thousands of hostile calls the module still plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import planner from './load.mjs';

const example = planner.examples()[0].text;
const tfvars = planner.examples().find((e) => e.file.endsWith('.json')).text;

/** A small seeded generator, so that a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['\n', ' ', '  ', ':', '- ', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a',
  '!!str ', '|', '>', '~', 'null', '0x', '-1', '1e400', '99999999999999999999', '\t', '\r\n',
  '\u0000', '\uFEFF', 'é', '😀', '\uD800', 'count: ', 'ha_vip: ', '10.10.100.', '::', '/33',
  'controlplane-', 'overrides:', '---\n', '...\n', '%YAML 1.2\n', '? ', '<<: *a\n'];

/** Calls `fn`, allowing thrown Errors but never a WebAssembly trap. */
function survives(what, input, fn) {
  try {
    return fn();
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError || !(err instanceof Error)) {
      assert.fail(`${what} trapped on ${JSON.stringify(input).slice(0, 300)}: ${err}`);
    }
    return undefined;
  }
}

function everyCall(text, i = 0) {
  const format = i % 3 === 0 ? { format: 'yaml' } : i % 3 === 1 ? { format: 'json' } : undefined;
  const diagnostics = survives('lint', text, () => planner.lint(text, format));
  assert.ok(Array.isArray(diagnostics), 'lint returns a list for any text');
  for (const d of diagnostics) {
    assert.ok(d.offsets.start <= d.offsets.end && d.offsets.end <= text.length + 2);
  }
  survives('analyze', text, () => planner.analyze(text, format));
  survives('plan', text, () => planner.plan(text, format));
  survives('render', text, () => planner.render(text, format));
  survives('setValue', text, () => planner.setValue(text, ['controlplane', 'count'], 1, format));
  survives('setValue', text, () => planner.setValue(text, ['cluster', 'ha_vip'], null, format));
  survives('getValues', text, () => planner.getValues(text, [['network', 'cidr']], format));
  survives('exportTfvarsJson', text, () => planner.exportTfvarsJson(text, format));
  survives('exportModule', text, () => planner.exportModule(text, 'x', format));
}

test('random mutations of the examples', () => {
  const next = rng(20240611);
  for (let i = 0; i < 1500; i += 1) {
    let text = i % 2 ? example : tfvars;
    const edits = 1 + Math.floor(next() * 4);
    for (let e = 0; e < edits; e += 1) {
      const at = Math.floor(next() * (text.length + 1));
      const cut = Math.floor(next() * 6);
      const piece = next() < 0.7 ? PIECES[Math.floor(next() * PIECES.length)] : '';
      text = text.slice(0, at) + piece + text.slice(at + cut);
    }
    everyCall(text, i);
  }
});

test('every prefix of the examples', () => {
  for (const base of [example, tfvars]) {
    for (let end = 0; end <= base.length; end += 3) {
      everyCall(base.slice(0, end), end);
    }
  }
});

test('random text', () => {
  const next = rng(7);
  for (let i = 0; i < 300; i += 1) {
    const len = Math.floor(next() * 200);
    let text = '';
    for (let c = 0; c < len; c += 1) {
      text += next() < 0.5
        ? PIECES[Math.floor(next() * PIECES.length)]
        : String.fromCharCode(Math.floor(next() * 0x3000));
    }
    everyCall(text, i);
  }
});

test('hostile documents', () => {
  let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i += 1) {
    bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  }
  const cases = [
    '['.repeat(100_000),
    '{"a":'.repeat(50_000),
    '- '.repeat(20_000),
    bomb,
    example.replace('count: 3', 'count: 99999999999'),
    example.replace('count: 3', 'count: 1000'),
    example.replace('vm_base_id: 700', 'vm_base_id: 9007199254740993'),
    example.replace('vm_base_id: 700', 'vm_base_id: -9223372036854775808'),
    example.replace('ip_base_offset: 10', 'ip_base_offset: 9223372036854775807'),
    example.replace('cidr: 10.10.100.0/24', 'cidr: ::/0'),
    example.replace('cidr: 10.10.100.0/24', 'cidr: 10.0.0.0/0'),
    example.replace('cidr: 10.10.100.0/24', 'cidr: 10.10.100.0/32'),
    `${example}\n---\n${example}`,
    example.replaceAll('\n', '\r\n'),
    `\uFEFF${example}`,
    `x: "${'\\u'.repeat(1000)}"`,
    'a: '.padEnd(1_000_000, 'b'),
    '\uD800\uDFFF\uDBFF',
  ];
  cases.forEach((text, i) => everyCall(text, i));
  // The alias bomb and the deep nesting are diagnostics, not crashes.
  assert.ok(planner.lint(bomb).some((d) => /alias/.test(d.message)));
  assert.ok(planner.lint('['.repeat(100_000)).some((d) => d.code === 'syntax-error'));
  // A vm_id beyond 2^53 still plans (as the nearest double).
  const big = planner.analyze(cases[6]);
  assert.equal(typeof big.plan.nodes[0].vm_id, 'number');
});

test('wrong argument types throw instead of trapping', () => {
  const calls = [
    () => planner.lint(42),
    () => planner.lint(undefined),
    () => planner.lint({ toString: () => example }),
    () => planner.lint(example, 'yaml'),
    () => planner.lint(example, { format: 1 }),
    () => planner.lint(example, []),
    () => planner.plan(null),
    () => planner.setValue(example, 'cluster', 1),
    () => planner.setValue(example, [1, 2], 1),
    () => planner.setValue(example, [], 1),
    () => planner.setValue(example, Array(1_000_000).fill('a'), 1),
    () => planner.getValues(example, Array(1000).fill(Array(100).fill('a'))),
    () => planner.setValue(example, ['a'], 2 ** 60),
    () => planner.setValue(example, ['a'], Number.NaN),
    () => planner.setValue(example, ['a'], Symbol('x')),
    () => planner.setValue(example, ['a'], 10n),
    () => planner.getValues(example, 'network'),
    () => planner.getValues(example, null),
    () => planner.exportModule(example, 5),
    () => planner.exportModule(example, ''),
  ];
  for (const [i, call] of calls.entries()) survives(`call ${i}`, String(call), call);
});

test('the module still works after all of that', () => {
  const plan = planner.plan(example);
  assert.equal(plan.ha_vip, '10.10.100.13');
  assert.equal(planner.lint(example).filter((d) => d.severity === 'error').length, 0);
});

test('the hostile-input catalogue (tests/hostile) and 10 MB inputs, as the native tests run them', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { root } = await import('./load.mjs');
  const dir = path.join(root, 'tests/hostile');
  const names = readdirSync(dir).sort();
  assert.ok(names.length >= 50, `${names.length} hostile inputs`);
  const inputs = names.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]);
  let comments = example;
  while (comments.length < 10 * 1024 * 1024) {
    comments += '# a comment line that pads the file to ten megabytes of text .......\n';
  }
  inputs.push(['10mb-comments.yaml', comments]);
  inputs.push(['10mb-name.yaml', example.replace('name: homelab', `name: ${'y'.repeat(10 * 1024 * 1024)}`)]);
  for (const [name, text] of inputs) {
    // The page's package has no Terraform reader: `.tf` files get its diagnostic saying
    // so (the editor's package reads them; editors/language-server tests run them).
    const format = name.endsWith('.json') ? 'json' : /\.(tf|tfvars)$/.test(name) ? 'hcl' : 'yaml';
    const start = performance.now();
    const result = planner.analyze(text, { format });
    const elapsed = performance.now() - start;
    assert.ok(Array.isArray(result.diagnostics), name);
    assert.ok(result.diagnostics.length <= 1000, `${name}: ${result.diagnostics.length} diagnostics`);
    // Generous: catches exponential blow-ups, not slowness (the benchmarks' job).
    assert.ok(elapsed < 20000, `${name}: ${elapsed} ms`);
  }
  // After all of that the module still plans.
  assert.equal(planner.plan(example).ha_vip, '10.10.100.13');
});
