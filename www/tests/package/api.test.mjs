// The package's exported functions, called as a JavaScript user would call them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import planner, { root } from './load.mjs';

const example = readFileSync(path.join(root, 'examples/three-controlplanes.yaml'), 'utf8');
const tfvars = readFileSync(path.join(root, 'examples/terraform.tfvars.json'), 'utf8');

test('the built-in examples start with the three-control-plane example', () => {
  const list = planner.examples();
  assert.ok(list.length >= 6);
  assert.equal(list[0].name, 'three-controlplanes');
  assert.equal(list[0].text, example);
});

test('plan: three control planes share the VIP 10.10.100.13', () => {
  const plan = planner.plan(example);
  assert.equal(plan.ha_vip_enabled, true);
  assert.equal(plan.ha_vip, '10.10.100.13');
  assert.equal(plan.cluster_endpoint, 'https://10.10.100.13:6443');
  assert.deepEqual(plan.talos_endpoints, ['10.10.100.10', '10.10.100.11', '10.10.100.12']);
  const cps = plan.nodes.filter((n) => n.role === 'controlplane');
  assert.equal(cps.length, 3);
  assert.equal(plan.nodes[0].ip_address, '10.10.100.10');
  assert.equal(plan.nodes[0].hostname, 'homelab-controlplane-01');
  assert.equal(plan.nodes[0].vm_id, 700);
  assert.equal(plan.nodes[1].proxmox_node, 'pve02');
  const w1 = plan.nodes.find((n) => n.key === 'worker-1');
  assert.equal(w1.ip_address, '10.10.100.20');
  assert.equal(w1.vm_id, 710);
  assert.equal(plan.network.cidr, '10.10.100.0/24');
  assert.equal(plan.image.schematic_id,
    'ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515');
});

test('values are plain JSON objects (null, not undefined, for absent values)', () => {
  const single = planner.examples().find((e) => e.name === 'single-controlplane').text;
  const plan = planner.plan(single);
  assert.equal(plan.ha_vip, null);
  assert.equal(plan.ha_vip_enabled, false);
  assert.equal(plan.cluster_endpoint, 'https://10.10.100.10:6443');
  assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
  assert.equal(Object.getPrototypeOf(plan), Object.prototype);
});

test('the format is inferred, or taken from the options', () => {
  const fromJson = planner.plan(tfvars);
  assert.equal(fromJson.nodes.length, 5);
  assert.deepEqual(planner.plan(tfvars, { format: 'json' }), fromJson);
  // JSON is YAML too, but read strictly as JSON it must stay strict.
  const lenient = '{"cluster": {"name": "x",}}';
  assert.ok(planner.lint(lenient, { format: 'json' }).some((d) => d.code === 'syntax-error'));
});

test('plan and render refuse a config with errors, with its diagnostics', () => {
  const broken = example.replace('cidr: 10.10.100.0/24', 'cidr: 10.10.100.0/33');
  for (const call of [planner.plan, planner.render]) {
    assert.throws(() => call(broken), (err) => {
      assert.equal(err.name, 'ConfigError');
      assert.match(err.message, /error/);
      assert.ok(err.diagnostics.some((d) => d.code === 'invalid-cidr'));
      return true;
    });
  }
  // analyze still gives what it can.
  const analysis = planner.analyze(broken);
  assert.ok(analysis.diagnostics.some((d) => d.code === 'invalid-cidr'));
});

test('diagnostics carry LSP ranges, byte spans and offsets in the chosen encoding', () => {
  const text = example.replace('  bridge: vmbr0', '  # é😀\n  brige: vmbr0');
  const [d16] = planner.lint(text).filter((d) => d.code === 'unknown-field');
  assert.equal(d16.severity, 'error');
  assert.match(d16.message, /did you mean `bridge`/);
  const line = text.split('\n').findIndex((l) => l.includes('brige'));
  assert.deepEqual(d16.range.start, { line, character: 2 });
  assert.deepEqual(d16.range.end, { line, character: 7 });
  // UTF-16 offsets are JavaScript string indices.
  assert.equal(text.slice(d16.offsets.start, d16.offsets.end), 'brige');
  // Byte spans index the UTF-8 encoding.
  const bytes = Buffer.from(text, 'utf8');
  assert.equal(bytes.subarray(d16.span.start, d16.span.end).toString(), 'brige');
  assert.equal(d16.span.start - d16.offsets.start, 3); // é: 2 bytes, 1 unit; 😀: 4, 2.
  const [d8] = planner.lint(text, { position_encoding: 'utf-8' })
    .filter((d) => d.code === 'unknown-field');
  assert.deepEqual(d8.offsets, d8.span);
  // After an emoji on the same line, the encodings count differently.
  const flow = example.replace('specs: { cpu: 2, memory: 4096, disk: 50 }',
    'specs: { note: "é😀", cpux: 2, memory: 4096, disk: 50 }');
  const cpux = (enc) => planner.lint(flow, { position_encoding: enc })
    .find((d) => d.message.includes('`cpux`'));
  const prefix = '  specs: { note: "'.length;
  assert.equal(cpux('utf-16').range.start.character, prefix + 1 + 2 + 3);
  assert.equal(cpux('utf-8').range.start.character, prefix + 2 + 4 + 3);
  assert.equal(cpux('utf-32').range.start.character, prefix + 1 + 1 + 3);
  const c = cpux('utf-16');
  assert.equal(flow.slice(c.offsets.start, c.offsets.end), 'cpux');
});

test('a quick fix is a text edit that repairs the config', () => {
  const text = example.replace('  bridge: vmbr0', '  brige: vmbr0');
  const d = planner.lint(text).find((x) => x.code === 'unknown-field');
  assert.equal(d.fixes.length, 1);
  assert.equal(d.fixes[0].title, 'Rename to `bridge`');
  const [edit] = d.fixes[0].edits;
  const fixed = text.slice(0, edit.offsets.start) + edit.new_text + text.slice(edit.offsets.end);
  assert.equal(fixed, example);
  assert.deepEqual(planner.lint(fixed), planner.lint(example));
  assert.ok(!planner.lint(example).some((x) => x.severity === 'error'));
});

test('setValue edits the text and keeps the rest byte for byte', () => {
  const one = planner.setValue(example, ['controlplane', 'count'], 1);
  assert.equal(one.text, example.replace('count: 3', 'count: 1'));
  assert.equal(one.edits.length, 1);
  const e = one.edits[0];
  assert.equal(example.slice(e.offsets.start, e.offsets.end), '3');
  const plan = planner.plan(one.text);
  assert.equal(plan.ha_vip_enabled, false);
  assert.equal(plan.ha_vip, null);
  assert.equal(plan.cluster_endpoint, 'https://10.10.100.10:6443');

  const vip = planner.setValue(example, ['cluster', 'ha_vip'], '10.10.100.50').text;
  assert.ok(vip.includes('  ha_vip_interface: eth0\n  ha_vip: 10.10.100.50\n'));
  assert.equal(planner.plan(vip).ha_vip, '10.10.100.50');
  assert.equal(planner.setValue(vip, ['cluster', 'ha_vip'], null).text, example);
  assert.throws(() => planner.setValue(example, ['cluster', 'name', 'x'], 1), /not a mapping/);
  assert.throws(() => planner.setValue('a: [1', ['a'], 1), /cannot be edited/);
  assert.throws(() => planner.setValue(example, ['a'], 1.5), /not an integer/);
  assert.throws(() => planner.setValue(example, ['a'], {}), /must be a string/);
});

test('getValues reads what the form shows', () => {
  const values = planner.getValues(example, [
    ['controlplane', 'count'], ['network', 'cidr'], ['cluster', 'ha_vip'], ['network'],
    ['image', 'version'],
  ]);
  assert.deepEqual(values, [3, '10.10.100.0/24', null, null, 'v1.12.0']);
  assert.deepEqual(planner.getValues('a: [', [['a']]), [null]);
  assert.throws(() => planner.getValues(example, [[1]]), /paths must be arrays of strings/);
});

test('render gives each node its patches in order', () => {
  const nodes = planner.render(example);
  assert.equal(nodes.length, 5);
  const cp1 = nodes[0];
  assert.equal(cp1.key, 'controlplane-1');
  assert.deepEqual(cp1.patches.map((p) => p.name),
    ['01-install-disk.yaml', '02-hostname.yaml', '03-cp-scheduling.yaml', '04-ha-vip.yaml',
      '05-cluster-endpoint.yaml']);
  assert.match(cp1.patches[3].content, /Layer2VIPConfig/);
  assert.match(cp1.patches[3].content, /10\.10\.100\.13/);
  assert.deepEqual(cp1.patches[0].origin, { kind: 'template' });
  const worker = nodes.find((n) => n.key === 'worker-1');
  assert.ok(!worker.patches.some((p) => p.name.includes('ha-vip')));
  // Workers point at the planned endpoint (the VIP) too.
  assert.match(worker.patches.find((p) => p.name === '03-cluster-endpoint.yaml').content,
    /endpoint: https:\/\/10\.10\.100\.13:6443/);
  const withUser = planner.render(planner.examples()
    .find((e) => e.name === 'overrides-two-nodes').text);
  assert.deepEqual(withUser[0].patches.at(-1).origin, { kind: 'user', index: 0 });
});

test('exports: terraform.tfvars.json and a module block', () => {
  const json = JSON.parse(planner.exportTfvarsJson(example));
  assert.equal(json.controlplane.count, 3);
  assert.equal(json.controlplane.overrides['controlplane-2'].node, 'pve02');
  // The exported tfvars plans the same cluster.
  assert.deepEqual(planner.plan(JSON.stringify(json)), planner.plan(example));
  const hcl = planner.exportModule(example, 'homelab');
  assert.match(hcl, /^module "homelab" \{\n  source = "git::https:\/\/github\.com\/pascalinthecloud\/terraform-proxmox-talos-cluster\.git\?ref=feat\/add-support-for-ha-cluster-with-vip"\n/);
  // HA on: the planned VIP is written, so the module's code does not pick its own.
  assert.match(hcl, /\n {4}ha_vip {11}= "10\.10\.100\.13"\n/);
  assert.equal(JSON.parse(planner.exportTfvarsJson(example)).cluster.ha_vip, '10.10.100.13');
  // What an export cannot change is listed beside it.
  assert.deepEqual(planner.exportDifferences(example), []);
  const v6 = example.replace('10.10.100.0/24', '"fd00:10:100::/64"').replace('gateway: 10.10.100.1', 'gateway: "fd00:10:100::1"');
  assert.deepEqual(planner.exportDifferences(v6).map((d) => d.code), ['module-ipv4-only']);
  assert.equal(planner.detectFormat(example), 'yaml');
  assert.equal(planner.detectFormat('{"cluster": {}}'), 'json');
  assert.equal(planner.detectFormat('module "k8s" {\n}\n'), 'hcl');
  assert.match(hcl, /"controlplane-2" = \{/);
  assert.match(planner.exportModule(example), /^module "talos_cluster"/);
  assert.throws(() => planner.exportModule(example, 'bad name'), /not a valid module name/);
  assert.throws(() => planner.exportTfvarsJson('a: [1'), /cannot be exported/);
});

test('version; the editors-only calls are left out of the page package', () => {
  // `hover`, `schema` and `rules` are behind the `editor` feature, which the page's
  // package leaves out to stay small (the editor's package tests them).
  for (const name of ['hover', 'schema', 'rules']) assert.equal(planner[name], undefined, name);
  const cargo = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  assert.equal(planner.version(), cargo.match(/^version = "([^"]+)"/m)[1]);
});

test('bad options throw a JavaScript error', () => {
  assert.throws(() => planner.lint(example, { format: 'toml' }), /invalid options/);
  assert.throws(() => planner.lint(example, { position_encoding: 'utf-7' }), /invalid options/);
  assert.throws(() => planner.lint(example, { formt: 'json' }), /invalid options/);
  assert.throws(() => planner.lint(example, 42), /invalid options/);
  const plain = planner.lint(example);
  assert.deepEqual(planner.lint(example, {}), plain);
  assert.deepEqual(planner.lint(example, null), plain);
  assert.deepEqual(planner.lint(example, undefined), plain);
  assert.deepEqual(planner.lint(example, { format: undefined }), plain);
});

test('the .d.ts types the public API without `any`', () => {
  const dts = readFileSync(path.join(root, 'pkg/talos_planner.d.ts'), 'utf8');
  // wasm-bindgen's low-level InitOutput interface (raw ABI slots) follows the API.
  const api = dts.slice(0, dts.indexOf('export type InitInput'))
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.ok(api.length > 1000, 'the API declarations are there');
  assert.doesNotMatch(api, /\bany\b/);
  assert.doesNotMatch(api, /\bunknown\b/);
  for (const name of ['lint', 'plan', 'render', 'version', 'analyze', 'examples', 'setValue', 'getValues']) {
    assert.match(api, new RegExp(`export function ${name}\\(`));
  }
  assert.match(api, /export function plan\(source: string, options\?: Options \| null\): Plan;/);
  assert.match(api, /ip_address: string \| null;/);
});
