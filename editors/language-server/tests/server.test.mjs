// The language server driven over stdio by a real LSP client, as an editor would:
// open, change, diagnostics with exact UTF-16 ranges, quick fixes applied to the text,
// hovers, Terraform files with several module blocks, and input that must not hurt it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { TextDocument } from 'vscode-languageserver-textdocument';

import { startClient, uri, rangeOf, positionAt, repoRoot } from './client.mjs';

const planner = (await import('../src/planner.js')).default;
const RULES = new Map(planner.call((p) => p.rules()).map((r) => [r.id, r]));

// Non-ASCII before the problems: an em dash and an emoji in a comment, and on the
// override's own line an `é` (1 UTF-16 unit, 2 bytes) and an emoji (2 units, 4 bytes)
// before `memry`, so byte or code-point columns would be off by 1 to 3.
const CONFIG = `# Salle serveur — étage 2 😀
cluster:
  name: homelab
  node: pve01
  datastore: local-lvm
  vm_base_id: 700
image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  cidr: 10.10.100.0/24
  gateway: 10.10.100.1
  dns_servers: [1.1.1.1]
  brige: vmbr0
controlplane:
  count: 3
  specs: { cpu: 4, memory: 4096, disk: 100 }
  overrides:
    controlplane-2: { node: "pvé-😀-02", memry: 8192 }
    controlplane-3: { node: pve03 }
worker:
  count: 2
  specs: { cpu: 2, memory: 4096, disk: 100 }
`;

let client;
before(async () => {
  client = await startClient();
});
after(async () => {
  assert.equal(await client.stop(), 0, 'the server exits cleanly after shutdown');
});

/** The diagnostics as [code, range] pairs, for exact comparison. */
const codes = (published) => published.diagnostics.map((d) => [d.code, d.range]);

/** Applies an action's edits as an editor does (UTF-16 positions). */
function apply(text, action, docUri) {
  const doc = TextDocument.create(docUri, 'yaml', 1, text);
  return TextDocument.applyEdits(doc, action.edit.changes[docUri]);
}

test('initialize: UTF-16 positions, incremental sync, hover and quick fixes', () => {
  const caps = client.initialized.capabilities;
  assert.equal(caps.positionEncoding, 'utf-16');
  assert.equal(caps.textDocumentSync.change, 2);
  assert.equal(caps.hoverProvider, true);
  assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
  assert.equal(client.initialized.serverInfo.name, 'talos-planner-language-server');
  assert.match(client.initialized.serverInfo.version, /^\d+\.\d+\.\d+/);
});

test('didOpen publishes diagnostics with exact UTF-16 ranges', async () => {
  const doc = uri('exact/cluster.yaml');
  const version = await client.open(doc, CONFIG);
  const published = await client.diagnostics(doc, version);
  assert.deepEqual(codes(published), [
    ['unknown-field', rangeOf(CONFIG, 'brige')],
    ['unknown-field', rangeOf(CONFIG, 'memry')],
  ]);
  // Spelled out, so a wrong unit would show: `memry` starts at UTF-16 column 41
  // (the line's byte column is 44, its code-point column 40).
  assert.deepEqual(published.diagnostics[1].range, {
    start: { line: 18, character: 41 },
    end: { line: 18, character: 46 },
  });
  const d = published.diagnostics[0];
  assert.equal(d.severity, 1);
  assert.equal(d.source, 'talos-planner');
  assert.equal(d.message, 'unknown field `brige` in `network`; did you mean `bridge`?');
});

test('CRLF line ends: the same ranges as with LF', async () => {
  const doc = uri('crlf/cluster.yaml');
  const crlf = CONFIG.replaceAll('\n', '\r\n');
  await client.open(doc, crlf);
  const published = await client.diagnostics(doc, 1);
  assert.deepEqual(codes(published), [
    ['unknown-field', rangeOf(CONFIG, 'brige')],
    ['unknown-field', rangeOf(CONFIG, 'memry')],
  ]);
  const hover = await client.hover(doc, rangeOf(CONFIG, 'vm_base_id').start);
  assert.deepEqual(hover.range, rangeOf(CONFIG, 'vm_base_id: 700'));
});

test('quick fixes: each edit, applied, removes its problem', async () => {
  const doc = uri('fixes/cluster.yaml');
  let text = CONFIG;
  await client.open(doc, text);
  let published = await client.diagnostics(doc, 1);

  // The cursor inside `memry` (an empty range), as an editor's light bulb asks.
  const memry = rangeOf(text, 'memry');
  const cursor = { start: memry.start, end: memry.start };
  // As an editor does: the diagnostics at the cursor in the request's context.
  const here = published.diagnostics.filter((d) => d.range.start.line === memry.start.line);
  const actions = await client.codeActions(doc, cursor, here);
  assert.equal(actions.length, 1);
  const [action] = actions;
  assert.equal(action.title, 'Rename to `memory`');
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.isPreferred, true);
  assert.equal(action.diagnostics[0].code, 'unknown-field');
  assert.deepEqual(action.edit.changes[doc], [{ range: memry, newText: 'memory' }]);

  // Sent back as the editor would: the edit as an incremental change.
  let version = await client.change(doc, [{ range: memry, text: 'memory' }]);
  text = apply(text, action, doc);
  assert.ok(text.includes('controlplane-2: { node: "pvé-😀-02", memory: 8192 }'));
  published = await client.diagnostics(doc, version);
  assert.deepEqual(codes(published), [['unknown-field', rangeOf(text, 'brige')]]);

  // The other fix, asked for with the diagnostic's whole range and `only: quickfix`.
  const [bridge] = await client.codeActions(doc, published.diagnostics[0].range,
    published.diagnostics, ['quickfix']);
  assert.equal(bridge.title, 'Rename to `bridge`');
  text = apply(text, bridge, doc);
  version = await client.change(doc, [{ text }]); // a full-text change this time
  published = await client.diagnostics(doc, version);
  assert.deepEqual(published.diagnostics, []);
  assert.deepEqual(await client.codeActions(doc, rangeOf(text, 'bridge')), []);
  // Source actions are not ours to offer.
  assert.deepEqual(await client.codeActions(doc, rangeOf(text, 'bridge'), [], ['source']), []);
});

test('more fixes: the edit the server offers clears its problem', async () => {
  const base = CONFIG.replace('brige', 'bridge').replace('memry', 'memory');
  const cases = [
    // [what is replaced, by what, the rule, the text it points at]
    ['name: homelab', 'name: home_lab', 'invalid-cluster-name', 'home_lab'],
    ['vm_base_id: 700', 'vm_base_id: "700"', 'invalid-type', '"700"'],
    ['dns_servers: [1.1.1.1]', 'dns_servers: [1.1.1.1]\n  vlan_id: "1100"', 'invalid-type', '"1100"'],
    ['vm_base_id: 700', 'vm_base_id: 700\n  ha_vip: 10.10.100.12', 'vip-conflict', '10.10.100.12'],
  ];
  for (const [i, [from, to, code, needle]] of cases.entries()) {
    const text = base.replace(from, to);
    const doc = uri(`more-fixes/${i}.yaml`);
    await client.open(doc, text);
    const published = await client.diagnostics(doc, 1);
    const found = published.diagnostics.find((d) => d.code === code);
    assert.ok(found, `${code} in ${JSON.stringify(codes(published))}`);
    assert.deepEqual(found.range, rangeOf(text, needle));
    const actions = await client.codeActions(doc, found.range, [found]);
    const fix = actions.find((a) => a.diagnostics[0].code === code);
    assert.ok(fix, `a fix for ${code}`);
    const fixed = apply(text, fix, doc);
    const version = await client.change(doc, [{ text: fixed }]);
    const after = await client.diagnostics(doc, version);
    assert.deepEqual(codes(after), [], `nothing left after "${fix.title}"`);
    await client.close(doc);
  }
});

test('code actions answer for the diagnostics asked about, not their neighbours', async () => {
  // Two control planes on one host: `even-controlplane-count` and
  // `controlplanes-share-host` both sit on `count: 2`, each with its own fixes.
  const text = CONFIG.replace('brige', 'bridge')
    .replace('  count: 3\n', '  count: 2\n')
    .replace('    controlplane-2: { node: "pvé-😀-02", memry: 8192 }\n    controlplane-3: { node: pve03 }\n', '    controlplane-2: { node: pve01 }\n')
    .replace('  count: 2\n  specs: { cpu: 2', '  count: 2\n  overrides:\n    worker-1: { node: pve02 }\n  specs: { cpu: 2');
  const doc = uri('actions/cluster.yaml');
  await client.open(doc, text);
  const published = await client.diagnostics(doc, 1);
  const share = published.diagnostics.find((d) => d.code === 'controlplanes-share-host');
  const even = published.diagnostics.find((d) => d.code === 'even-controlplane-count');
  assert.ok(share && even, JSON.stringify(codes(published)));
  assert.deepEqual(share.range, even.range);
  const spread = await client.codeActions(doc, share.range, [share]);
  assert.deepEqual(spread.map((a) => a.title), ['Spread the control planes over pve01, pve02']);
  assert.equal(spread[0].diagnostics[0].code, 'controlplanes-share-host');
  const counts = await client.codeActions(doc, even.range, [even]);
  assert.ok(counts.length > 0 && counts.every((a) => a.diagnostics[0].code === 'even-controlplane-count'),
    JSON.stringify(counts.map((a) => a.title)));
  // Applied, the spread leaves no control planes sharing a host, and nothing new.
  const fixed = apply(text, spread[0], doc);
  const version = await client.change(doc, [{ text: fixed }]);
  const after = await client.diagnostics(doc, version);
  assert.deepEqual(after.diagnostics.map((d) => d.code), ['even-controlplane-count']);
  await client.close(doc);
});

test('rule levels: the `rules` setting at start and when it changes', async () => {
  const text = CONFIG.replace('brige', 'bridge').replace('memry', 'memory')
    .replace('specs: { cpu: 4, memory: 4096, disk: 100 }', 'specs: { cpu: 2, memory: 4096, disk: 100 }');
  const leveled = await startClient({
    initializationOptions: { rules: { 'below-talos-recommended': 'deny', 'no-such-rule': 'allow' } },
  });
  try {
    const doc = uri('levels/cluster.yaml');
    await leveled.open(doc, text);
    const published = await leveled.diagnostics(doc, 1);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['below-talos-recommended', 1]]);
    const since = leveled.published.length;
    await leveled.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { talosPlanner: { rules: { all: 'allow' } } },
    });
    const again = await leveled.diagnostics(doc, 1, { since });
    assert.deepEqual(again.diagnostics, []);
    // An ignore comment in the file works without any setting.
    const commented = text.replace('  specs: { cpu: 2,', '  # talos-planner: ignore[below-talos-recommended] small lab\n  specs: { cpu: 2,');
    const other = uri('levels/commented.yaml');
    await client.open(other, commented);
    assert.deepEqual((await client.diagnostics(other, 1)).diagnostics, []);
    await client.close(other);
  } finally {
    assert.equal(await leveled.stop(), 0);
  }
  assert.match(leveled.stderr() + leveled.logs.join('\n'), /ignored rule settings.*no-such-rule/);
});

test('didChange: incremental edits update the diagnostics, versioned', async () => {
  const doc = uri('change/cluster.yaml');
  let text = CONFIG.replace('brige', 'bridge').replace('memry', 'memory');
  await client.open(doc, text);
  assert.deepEqual((await client.diagnostics(doc, 1)).diagnostics, []);

  // Type a VIP outside the subnet after the non-ASCII line.
  const at = text.indexOf('  vm_base_id: 700\n') + '  vm_base_id: 700\n'.length;
  const insert = '  ha_vip: 10.10.200.5\n';
  const version = await client.change(doc, [
    { range: { start: positionAt(text, at), end: positionAt(text, at) }, text: insert },
  ]);
  text = text.slice(0, at) + insert + text.slice(at);
  const published = await client.diagnostics(doc, version);
  assert.equal(published.version, version);
  // One diagnostic on the value, naming every control plane whose subnet it misses.
  const vip = rangeOf(text, '10.10.200.5');
  assert.deepEqual(codes(published), [['vip-outside-subnet', vip]]);
  assert.match(published.diagnostics[0].message, /controlplane-1, controlplane-2, controlplane-3/);
  const actions = await client.codeActions(doc, vip, published.diagnostics);
  assert.equal(actions.length, 1);
  const [fix] = actions;
  assert.equal(fix.diagnostics.length, 1);
  assert.match(fix.title, /10\.10\.100\.13/);
  const fixed = apply(text, fix, doc);
  assert.ok(fixed.includes('ha_vip: 10.10.100.13\n'), fixed);
});

test('hover: the planned value under the cursor', async () => {
  const doc = uri('hover/cluster.yaml');
  const text = CONFIG.replace('brige', 'bridge').replace('memry', 'memory');
  await client.open(doc, text);
  await client.diagnostics(doc, 1);

  const ids = await client.hover(doc, rangeOf(text, '700').start);
  assert.equal(ids.contents.kind, 'markdown');
  assert.deepEqual(ids.range, rangeOf(text, 'vm_base_id: 700'));
  for (const row of ['| controlplane-1 | 700 |', '| controlplane-3 | 702 |', '| worker-2 | 711 |']) {
    assert.ok(ids.contents.value.includes(row), `${row} in ${ids.contents.value}`);
  }

  const vip = await client.hover(doc, rangeOf(text, 'count: 3').start);
  assert.ok(vip.contents.value.startsWith('**3 control planes**: HA VIP 10.10.100.13'));

  const cidr = await client.hover(doc, rangeOf(text, '10.10.100.0/24').start);
  assert.ok(cidr.contents.value.includes('| worker-1 | 10.10.100.20/24 (host 20) |'));

  // On the override line with non-ASCII text: the node's row, range in UTF-16.
  const overrideLine = 'controlplane-2: { node: "pvé-😀-02", memory: 8192 }';
  const row = await client.hover(doc, rangeOf(text, 'memory: 8192').start);
  assert.deepEqual(row.range, rangeOf(text, overrideLine));
  assert.ok(row.contents.value.startsWith('**controlplane-2** · `homelab-controlplane-02`'));
  assert.ok(row.contents.value.includes('- Proxmox node: `pvé-😀-02` (override)'));
  assert.ok(row.contents.value.includes('- Memory: 8192 MiB (override)'));

  // Nothing to say on a comment, and nothing past the end.
  assert.equal(await client.hover(doc, { line: 0, character: 3 }), null);
  assert.equal(await client.hover(doc, { line: 999, character: 0 }), null);
});

test('hover: a diagnostic with its rule explanation, then the value', async () => {
  const doc = uri('hover-problem/cluster.yaml');
  await client.open(doc, CONFIG);
  await client.diagnostics(doc, 1);
  const found = await client.hover(doc, rangeOf(CONFIG, 'brige').start);
  const rule = RULES.get('unknown-field');
  assert.deepEqual(found.range, rangeOf(CONFIG, 'brige'));
  assert.ok(found.contents.value.startsWith(
    '**error** `unknown-field`: unknown field `brige` in `network`; did you mean `bridge`?'));
  assert.ok(found.contents.value.includes(rule.summary));
  assert.ok(found.contents.value.includes(rule.why));
  assert.ok(found.contents.value.includes('Quick fix: Rename to `bridge`'));

  // A problem on a planned value: both, separated.
  const low = CONFIG.replace('vm_base_id: 700', 'vm_base_id: 50');
  const lowDoc = uri('hover-problem/low.yaml');
  await client.open(lowDoc, low);
  await client.diagnostics(lowDoc, 1);
  const both = await client.hover(lowDoc, rangeOf(low, '50').start);
  const [problem, value] = both.contents.value.split('\n\n---\n\n');
  assert.ok(problem.startsWith('**error** `vm-id-out-of-range`'), problem);
  assert.ok(problem.includes(RULES.get('vm-id-out-of-range').why));
  assert.ok(value.includes('| worker-1 | 60 |'), value);
});

test('a Terraform file with two module blocks', async () => {
  const file = path.join(repoRoot, 'tests/hcl/several-modules.tf');
  const text = readFileSync(file, 'utf8');
  const doc = uri('terraform/main.tf');
  await client.open(doc, text, 'terraform');
  const published = await client.diagnostics(doc, 1);
  // Only the `prod` block has problems: its VIP is worker-2's address, and two worker
  // overrides match no node.
  assert.deepEqual(codes(published), [
    ['vip-conflict', rangeOf(text, '"10.20.0.21"')],
    ['invalid-override-key', rangeOf(text, '"worker-01"')],
    ['unused-override', rangeOf(text, '"worker-5"')],
  ]);
  // The module outside ours (with `brige`) is not linted.
  assert.ok(!published.diagnostics.some((d) => d.code === 'unknown-field'));

  // Hovers resolve in their own block: staging's VM IDs from 900, prod's from 800.
  const staging = await client.hover(doc, rangeOf(text, 'vm_base_id = 900').start);
  assert.deepEqual(staging.range, rangeOf(text, 'vm_base_id = 900'));
  assert.ok(staging.contents.value.includes('| controlplane-1 | 900 |'));
  assert.ok(staging.contents.value.includes('| worker-1 | 910 |'));
  const prod = await client.hover(doc, rangeOf(text, 'vm_base_id = 800').start);
  assert.ok(prod.contents.value.includes('| controlplane-3 | 802 |'));
  const vip = await client.hover(doc, rangeOf(text, '"10.20.0.21"').start);
  const [conflict, planned] = vip.contents.value.split('\n\n---\n\n');
  assert.ok(conflict.startsWith('**error** `vip-conflict`: the HA VIP 10.20.0.21 is the address of worker-2'));
  assert.ok(planned.startsWith('**HA VIP** 10.20.0.21 on `eth0`: enabled (3 control planes), set by `ha_vip`'));

  // A fix in the second block: a cluster name Terraform would reject.
  const bad = text.replace('name       = "staging"', 'name       = "staging_1"');
  const version = await client.change(doc, [{ text: bad }]);
  const again = await client.diagnostics(doc, version);
  const invalid = again.diagnostics.find((d) => d.code === 'invalid-cluster-name');
  assert.deepEqual(invalid.range, rangeOf(bad, '"staging_1"'));
  const [fix] = await client.codeActions(doc, invalid.range, [invalid]);
  const fixed = apply(bad, fix, doc);
  assert.ok(fixed.includes('name       = "staging-1"'), fix.title);
  assert.equal(fixed.length, bad.length, 'the rest of the file is kept byte for byte');
});

test('hover on a Terraform expression says why it is unknown and what it skips', async () => {
  const text = `module "c" {
  source = "git::https://example.invalid/terraform-proxmox-talos-cluster.git"
  cluster = { name = "homelab", node = "pve01", datastore = "local-lvm", vm_base_id = 700 }
  image = { version = var.talos_version, extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.10.100.0/24", gateway = "10.10.100.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }
  worker = { count = 1, specs = { cpu = 2, memory = 4096, disk = 100 } }
}
`;
  const doc = uri('unknowns/main.tf');
  await client.open(doc, text, 'terraform');
  await client.diagnostics(doc, 1);
  const found = await client.hover(doc, rangeOf(text, 'talos_version').start);
  assert.ok(found, 'a hover on the expression');
  assert.deepEqual(found.range, rangeOf(text, 'var.talos_version'));
  const value = found.contents.value;
  // After the `unknown-values` note that names it (and the file's other unknowns).
  assert.ok(value.includes('\n**Terraform expression** `var.talos_version` in `image.version`'), value);
  assert.match(value, /known only when Terraform runs/);
  assert.match(value, /Checks skipped: `invalid-talos-version`/);
  await client.close(doc);
});

test('.tfvars and .tfvars.json files', async () => {
  const tfvars = readFileSync(path.join(repoRoot, 'tests/hcl/cluster.tfvars'), 'utf8');
  const doc = uri('vars/cluster.tfvars');
  await client.open(doc, tfvars, 'terraform-vars');
  const expected = planner.call((p) => p.lint(tfvars, { format: 'hcl' }))
    .map((d) => [d.code, d.range]);
  assert.deepEqual(codes(await client.diagnostics(doc, 1)), expected);

  const json = readFileSync(path.join(repoRoot, 'examples/terraform.tfvars.json'), 'utf8');
  const jsonDoc = uri('vars/terraform.tfvars.json');
  const typo = json.replace('"gateway": "10.10.100.1",', '"gateway": "10.10.100.1",\n    "brige": "vmbr0",');
  await client.open(jsonDoc, typo, 'json');
  const published = await client.diagnostics(jsonDoc, 1);
  assert.deepEqual(codes(published), [['unknown-field', rangeOf(typo, '"brige"')]]);
  const [rename] = await client.codeActions(jsonDoc, rangeOf(typo, '"brige"'));
  assert.deepEqual(rename.edit.changes[jsonDoc], [{ range: rangeOf(typo, '"brige"'), newText: '"bridge"' }]);
});

test('files that are not cluster configs get no diagnostics', async () => {
  const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n';
  const doc = uri('.github/workflows/ci.yml');
  await client.open(doc, workflow);
  assert.deepEqual((await client.diagnostics(doc, 1)).diagnostics, []);
  assert.equal(await client.hover(doc, { line: 0, character: 1 }), null);
  const pkg = uri('package.json');
  await client.open(pkg, '{"name": "x", "version": "1.0.0"}', 'json');
  assert.deepEqual((await client.diagnostics(pkg, 1)).diagnostics, []);
  const tf = uri('infra/other.tf');
  await client.open(tf, 'resource "x" "y" {\n  a = \n', 'terraform');
  assert.deepEqual((await client.diagnostics(tf, 1)).diagnostics, []);
  // Closing a checked file clears its diagnostics.
  const closing = uri('close/cluster.yaml');
  await client.open(closing, CONFIG);
  await client.diagnostics(closing, 1);
  const since = client.published.length;
  await client.close(closing);
  const cleared = await client.diagnostics(closing, undefined, { since });
  assert.deepEqual(cleared.diagnostics, []);
});

test('a burst of changes is linted once per window, the last version always', async () => {
  const doc = uri('burst/cluster.yaml');
  let text = CONFIG.replace('brige', 'bridge').replace('memry', 'memory');
  await client.open(doc, text);
  await client.diagnostics(doc, 1);
  const since = client.published.length;
  // Type `cpu: 4` -> `cpu: 41234...` one keystroke at a time, as fast as possible.
  const at = text.indexOf('cpu: 4') + 'cpu: 4'.length;
  let version = 1;
  for (let i = 0; i < 30; i += 1) {
    const pos = positionAt(text, at + i);
    version = await client.change(doc, [{ range: { start: pos, end: pos }, text: String(i % 10) }]);
    text = text.slice(0, at + i) + String(i % 10) + text.slice(at + i);
  }
  const last = await client.diagnostics(doc, version);
  assert.equal(last.version, version);
  const runs = client.published.slice(since).filter((p) => p.uri === doc);
  assert.ok(runs.length < 30, `${runs.length} lints for 30 changes`);
  assert.ok(runs.every((p, i) => i === 0 || p.version > runs[i - 1].version), 'in order');
});

test('hostile files: diagnostics, never a dead server', async () => {
  // Every file is checked (allFiles), however little it looks like a config.
  const hostile = await startClient({ initializationOptions: { allFiles: true } });
  const dir = path.join(repoRoot, 'tests/hostile');
  const names = readdirSync(dir).sort();
  assert.ok(names.length > 40);
  try {
    for (const name of names) {
      // As an editor holds it: decoded, invalid bytes replaced.
      const text = readFileSync(path.join(dir, name), 'utf8');
      const doc = uri(`hostile/${name}`);
      const languageId = name.endsWith('.json') ? 'json' : /\.(tf|tfvars)$/.test(name) ? 'terraform' : 'yaml';
      await hostile.open(doc, text, languageId);
      const published = await hostile.diagnostics(doc, 1, { timeoutMs: 30000 });
      assert.ok(Array.isArray(published.diagnostics), name);
      for (const d of published.diagnostics) {
        assert.notEqual(d.code, 'internal-error', `${name}: ${d.message}`);
        assert.ok(d.range.start.line <= d.range.end.line, `${name}: ${JSON.stringify(d.range)}`);
      }
      // Hover and code actions anywhere on the first lines answer.
      for (let line = 0; line < 4; line += 1) {
        await hostile.hover(doc, { line, character: 2 });
        await hostile.codeActions(doc, { start: { line, character: 0 }, end: { line, character: 99 } });
      }
      await hostile.close(doc);
    }
    assert.equal(hostile.child.exitCode, null, 'the server is still running');
    assert.ok(!/panicked|RuntimeError|failed on/.test(hostile.stderr()), hostile.stderr());
  } finally {
    assert.equal(await hostile.stop(), 0);
  }
});

test('a planner trap: an internal-error diagnostic, a fresh instance, a live server', async () => {
  const glue = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/trapping-planner.js');
  const trapping = await startClient({ env: { TALOS_PLANNER_PKG: glue } });
  try {
    const bad = uri('trap/cluster.yaml');
    await trapping.open(bad, `${CONFIG}# TRAP\n`);
    const published = await trapping.diagnostics(bad, 1);
    assert.equal(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.equal(d.code, 'internal-error');
    assert.match(d.message, /could not check this file \(unreachable \(instance 1\)\)/);
    assert.equal(await trapping.hover(bad, { line: 2, character: 3 }), null);
    assert.deepEqual(await trapping.codeActions(bad, d.range), []);
    // The next file is checked by a fresh instance (its load count shows in a trap).
    const good = uri('trap/good.yaml');
    await trapping.open(good, CONFIG);
    assert.deepEqual(codes(await trapping.diagnostics(good, 1)).map(([c]) => c),
      ['unknown-field', 'unknown-field']);
    const version = await trapping.change(bad, [{ text: `${CONFIG}# TRAP again\n` }]);
    const again = await trapping.diagnostics(bad, version);
    assert.match(again.diagnostics[0].message, /instance [2-9]/);
    assert.ok(trapping.logs.some((m) => m.includes('lint failed on')), trapping.logs.join('\n'));
    assert.equal(trapping.child.exitCode, null);
  } finally {
    assert.equal(await trapping.stop(), 0);
  }
});
