// The editor's package itself: built with Terraform support, `hover` exported and
// typed, and the server's helpers that decide which files it checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { serverDir } from './client.mjs';

const planner = (await import('../src/planner.js')).default;
const lsp = (await import('../src/lsp.js')).default;

test('the package reads Terraform (built with the hcl feature)', () => {
  const text = 'cluster = {\n  name = "a_b"\n}\n';
  const codes = planner.call((p) => p.lint(text, { format: 'hcl' })).map((d) => d.code);
  assert.ok(codes.includes('invalid-cluster-name'), codes.join(', '));
  assert.ok(!codes.includes('syntax-error'), codes.join(', '));
});

test('the rule catalogue and the JSON Schema (the editor feature)', () => {
  const rules = planner.call((p) => p.rules());
  const ids = rules.map((r) => r.id);
  assert.ok(ids.includes('unknown-field'));
  assert.ok(ids.includes('vip-conflict'));
  assert.equal(new Set(ids).size, ids.length);
  for (const r of rules) {
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity));
    assert.ok(['overlay', 'document', 'terraform', 'live'].includes(r.example.kind));
    // Rules of the live Proxmox carry an overlay on the base inventory too.
    assert.equal(r.example.kind === 'live', r.category === 'proxmox');
    if (r.example.kind === 'live') assert.equal(typeof r.example.text.inventory, 'string');
    assert.equal(typeof r.fixable, 'boolean');
  }
  const schema = planner.call((p) => p.schema());
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.ok(schema.properties.cluster);
});

test('hover is typed in the .d.ts, without any', () => {
  const dts = readFileSync(path.join(serverDir, 'pkg/talos_planner.d.ts'), 'utf8');
  assert.ok(dts.includes(
    'export function hover(source: string, at: number | Position, options?: Options | null): Hover | null;',
  ));
  assert.match(dts, /export interface Hover \{[^}]*contents: string;[^}]*range: Range;/s);
  assert.doesNotMatch(dts.replace(/\/\*[\s\S]*?\*\//g, ''), /\bany\b/);
});

test('hover takes an offset or a position, in any encoding', () => {
  const text = 'a: "é😀"\ncluster:\n  vm_base_id: 700\n';
  const byPosition = planner.call((p) => p.hover(text, { line: 2, character: 3 }, { format: 'yaml' }));
  const byIndex = planner.call((p) => p.hover(text, text.indexOf('vm_base_id') + 1, { format: 'yaml' }));
  assert.deepEqual(byIndex, byPosition);
  assert.deepEqual(byPosition.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 17 } });
  assert.equal(byPosition.offsets.start, text.indexOf('vm_base_id'));
  assert.equal(byPosition.span.start, Buffer.byteLength(text.slice(0, text.indexOf('vm_base_id'))));
  const utf8 = planner.call((p) => p.hover(text, byPosition.span.start, { format: 'yaml', position_encoding: 'utf-8' }));
  assert.equal(utf8.contents, byPosition.contents);
  // A comment in a clean config: nothing to say.
  const clean = planner.call((p) => p.examples())[0].text;
  assert.ok(clean.startsWith('# '));
  assert.equal(planner.call((p) => p.hover(clean, 2)), null);
  for (const bad of [-1, 1.5, NaN, 'x', null, { line: 1 }, { line: -1, character: 0 }]) {
    assert.throws(() => planner.call((p) => p.hover(text, bad)), Error, JSON.stringify(bad));
  }
  // Far past the end is the end, not an error.
  planner.call((p) => p.hover(text, 1e12, { format: 'yaml' }));
  planner.call((p) => p.hover(text, { line: 4e9, character: 4e9 }, { format: 'yaml' }));
});

test('which files the server checks, and in which format', () => {
  const cases = [
    ['file:///w/cluster.yaml', 'yaml', 'yaml'],
    ['file:///w/cluster.yml', undefined, 'yaml'],
    ['file:///w/terraform.tfvars.json', 'json', 'json'],
    ['file:///w/x.json', 'jsonc', 'json'],
    ['file:///w/main.tf', 'terraform', 'hcl'],
    ['file:///w/prod.tfvars', 'terraform-vars', 'hcl'],
    ['file:///w/My%20Cluster.YAML', 'plaintext', 'yaml'],
    ['untitled:Untitled-1', 'yaml', 'yaml'],
    ['untitled:Untitled-2', 'terraform', 'hcl'],
    ['file:///w/README.md', 'markdown', null],
  ];
  for (const [uri, languageId, format] of cases) {
    assert.equal(lsp.formatOf(uri, languageId), format, uri);
  }
  assert.ok(lsp.isClusterConfig('# x\ncluster:\n  name: a\n', 'yaml'));
  assert.ok(lsp.isClusterConfig('"controlplane": {}\n', 'yaml'));
  assert.ok(lsp.isClusterConfig('# yaml-language-server: $schema=./talos-planner.schema.json\n', 'yaml'));
  assert.ok(!lsp.isClusterConfig('jobs:\n  cluster: x\n', 'yaml'));
  assert.ok(lsp.isClusterConfig('{\n  "cluster": {}}', 'json'));
  assert.ok(!lsp.isClusterConfig('{"name": "cluster"}', 'json'));
  assert.ok(lsp.isClusterConfig('module "k" {\n  source = "git::x/terraform-proxmox-talos-cluster"\n}', 'hcl'));
  assert.ok(lsp.isClusterConfig('cluster = {\n}\n', 'hcl'));
  assert.ok(!lsp.isClusterConfig('resource "a" "b" {}\n', 'hcl'));
});

test('ranges overlap when they share a position', () => {
  const r = (a, b, c, d) => ({ start: { line: a, character: b }, end: { line: c, character: d } });
  assert.ok(lsp.overlaps(r(1, 2, 1, 7), r(1, 7, 1, 7)));
  assert.ok(lsp.overlaps(r(1, 2, 1, 7), r(0, 0, 5, 0)));
  assert.ok(!lsp.overlaps(r(1, 2, 1, 7), r(1, 8, 1, 9)));
  assert.ok(!lsp.overlaps(r(1, 2, 1, 7), r(0, 0, 1, 1)));
  assert.ok(lsp.wanted('quickfix', undefined));
  assert.ok(lsp.wanted('quickfix', ['quickfix']));
  assert.ok(!lsp.wanted('quickfix', ['source.fixAll']));
});
