#!/usr/bin/env node
// Measures the language server from `didChange` to `publishDiagnostics` on a 1,000-line
// config: the server runs as an editor starts it (node, stdio, a real LSP client), and
// each change is one keystroke in the middle of the file, sent after the previous one's
// diagnostics arrived and a pause longer than the debounce window (typing pace), so
// every figure is one change's full round trip. A measurement, not a test.
//
//   node editors/language-server/scripts/latency.mjs [--changes N] [--lines N]
//        [--gap MS] [--median-only | --json]
//
// --median-only prints just the median in milliseconds (scripts/measure.sh uses it).
import { parseArgs } from 'node:util';

import { startClient, uri, positionAt } from '../tests/client.mjs';
import server from '../src/server.js';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '200' },
    lines: { type: 'string', default: '1000' },
    gap: { type: 'string', default: String(server.DEFAULT_DEBOUNCE_MS + 25) },
    'median-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const changes = Number(values.changes);
const lines = Number(values.lines);
const gapMs = Number(values.gap);
const WARM_UP = 20;

/** A config of exactly `lines` lines: the usual sections, then one worker override of
 * four lines per node, with some non-ASCII text, as a large real file would have. */
export function config(lineCount) {
  const head = [
    '# Rechenzentrum Süd — Cluster „prod“',
    'cluster:',
    '  name: prod',
    '  node: pve01',
    '  datastore: local-lvm',
    '  vm_base_id: 1000',
    'image:',
    '  version: v1.12.0',
    '  extensions: [qemu-guest-agent, iscsi-tools]',
    'network:',
    '  bridge: vmbr0',
    '  cidr: 10.20.0.0/16',
    '  gateway: 10.20.0.1',
    '  dns_servers: [10.20.0.2, 10.20.0.3]',
    '  vlan_id: 120',
    'controlplane:',
    '  count: 3',
    '  specs: { cpu: 4, memory: 8192, disk: 100 }',
    'worker:',
    '  count: COUNT',
    '  specs: { ip_offset: 10, cpu: 4, memory: 8192, disk: 100 }',
    '  overrides:',
  ];
  const body = [];
  let n = 0;
  while (head.length + body.length + 4 <= lineCount) {
    n += 1;
    body.push(
      `    worker-${n}:   # Knoten ${n}`,
      `      node: pve0${(n % 3) + 1}`,
      '      cpu: 8',
      `      memory: ${8192 + 1024 * (n % 4)}`,
    );
  }
  while (head.length + body.length < lineCount) body.push('# —');
  head[head.indexOf('  count: COUNT')] = `  count: ${n}`;
  return `${[...head, ...body].join('\n')}\n`;
}

const text0 = config(lines);
const client = await startClient();
const doc = uri('latency/cluster.yaml');
await client.open(doc, text0);
const first = await client.diagnostics(doc, 1);

// The keystroke: the `8` of `cpu: 8` halfway down the file, typed as 9 and back.
const middle = text0.indexOf('      cpu: 8', text0.length / 2) + '      cpu: '.length;
const start = positionAt(text0, middle);
const range = { start, end: { line: start.line, character: start.character + 1 } };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const times = [];
for (let i = 0; i < changes + WARM_UP; i += 1) {
  await sleep(gapMs);
  const since = client.published.length;
  const t0 = performance.now();
  const version = await client.change(doc, [{ range, text: i % 2 === 0 ? '9' : '8' }]);
  const published = await client.diagnostics(doc, version, { since });
  if (i >= WARM_UP) times.push(published.at - t0);
}
await client.stop();

times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
const result = {
  lines: text0.split('\n').length - 1,
  bytes: Buffer.byteLength(text0),
  diagnostics: first.diagnostics.length,
  changes: times.length,
  gap_ms: gapMs,
  median_ms: q(0.5),
  p90_ms: q(0.9),
  min_ms: times[0],
  max_ms: times[times.length - 1],
};
const ms = (v) => v.toFixed(2);
if (values['median-only']) {
  console.log(ms(result.median_ms));
} else if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(
    `didChange -> publishDiagnostics, ${result.lines}-line config (${result.bytes} bytes, ` +
      `${result.diagnostics} diagnostics), ${result.changes} changes one every ${gapMs} ms:`,
  );
  console.log(
    `median ${ms(result.median_ms)} ms, p90 ${ms(result.p90_ms)} ms, ` +
      `min ${ms(result.min_ms)} ms, max ${ms(result.max_ms)} ms`,
  );
}
