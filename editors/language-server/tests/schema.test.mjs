// The config's JSON Schema (what `# yaml-language-server: $schema=...` and VS Code's
// `yaml.schemas` point at), checked with a real draft-07 validator (Ajv): it accepts
// every example and rejects known-bad configs, each of which the planner rejects too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import YAML from 'yaml';

import { repoRoot, serverBin } from './client.mjs';

const planner = (await import('../src/planner.js')).default;
const schema = planner.call((p) => p.schema());

// Strict mode: an unknown keyword or a contradictory schema is an error, not ignored.
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

const examplesDir = path.join(repoRoot, 'examples');
const read = (file) => {
  const text = readFileSync(path.join(examplesDir, file), 'utf8');
  return { text, value: file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text) };
};

test('the schema is draft-07 with an $id', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(typeof schema.$id, 'string');
  assert.equal(schema.type, 'object');
});

test('every example in examples/ is valid', () => {
  const files = readdirSync(examplesDir).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.length >= 6, files.join(', '));
  for (const file of files) {
    const { value } = read(file);
    assert.ok(validate(value), `${file}: ${ajv.errorsText(validate.errors)}`);
  }
  // The package's built-in examples are those files.
  for (const e of planner.call((p) => p.examples())) {
    const value = e.file.endsWith('.json') ? JSON.parse(e.text) : YAML.parse(e.text);
    assert.ok(validate(value), `${e.name}: ${ajv.errorsText(validate.errors)}`);
  }
});

/** Known-bad configs: an edit of the three-control-plane example and the keyword that
 * must reject it. */
const BAD = [
  ['a misspelt key', (c) => { c.network.brige = c.network.bridge; delete c.network.bridge; }, 'additionalProperties'],
  ['an unknown section', (c) => { c.workers = c.worker; }, 'additionalProperties'],
  ['a misspelt override key', (c) => { c.controlplane.overrides['controlplane-2'].memry = 8192; }, 'additionalProperties'],
  ['a missing required key', (c) => { delete c.cluster.name; }, 'required'],
  ['a missing section', (c) => { delete c.network; }, 'required'],
  ['a count as a string', (c) => { c.controlplane.count = '3'; }, 'type'],
  ['a version YAML reads as a number', (c) => { c.image.version = 1.1; }, 'type'],
  ['DNS servers as one string', (c) => { c.network.dns_servers = '1.1.1.1'; }, 'type'],
  ['an override that is not a mapping', (c) => { c.controlplane.overrides['controlplane-2'] = 'pve02'; }, 'type'],
  ['a cluster name Terraform rejects', (c) => { c.cluster.name = 'home_lab'; }, 'pattern'],
  ['a VM ID below 100', (c) => { c.cluster.vm_base_id = 50; }, 'minimum'],
  ['no control plane', (c) => { c.controlplane.count = 0; }, 'minimum'],
];

test('known-bad configs are rejected, by the schema and by the planner', () => {
  const { value: good } = read('three-controlplanes.yaml');
  for (const [what, edit, keyword] of BAD) {
    const config = structuredClone(good);
    edit(config);
    assert.equal(validate(config), false, `the schema accepts ${what}`);
    assert.ok(validate.errors.some((e) => e.keyword === keyword),
      `${what}: expected a ${keyword} error, got ${ajv.errorsText(validate.errors)}`);
    const errors = planner.call((p) => p.lint(JSON.stringify(config), { format: 'json' }))
      .filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0, `the planner accepts ${what}`);
  }
});

test('the server prints the same schema (--schema)', () => {
  const printed = execFileSync(process.execPath, [serverBin, '--schema'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(printed), schema);
});

test('`talos-planner schema` prints the same schema', (t) => {
  const cli = path.join(repoRoot, 'target/debug/talos-planner');
  if (!existsSync(cli)) {
    t.skip(`${cli} is not built (cargo build --features native)`);
    return;
  }
  const printed = execFileSync(cli, ['schema'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(printed), schema);
});
