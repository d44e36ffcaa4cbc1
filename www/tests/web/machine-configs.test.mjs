// The Machine configs section in headless Chromium: a secrets bundle made in the Web
// Worker (progress shown, the time printed as a figure), the zip of every node's
// complete machine config, the talosconfig and the bundle; then the same bundle loaded
// back from a file gives configs of the same cluster. Nothing leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import { open, out, usePage } from './harness.mjs';

usePage();

const GENERATE_TIMEOUT = 180_000; // RSA-4096 in WebAssembly on a shared machine

async function downloadZip(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: GENERATE_TIMEOUT }),
    page.click('#configs-download'),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), files: unzipSync(readFileSync(file)) };
}

test('generate a bundle in the worker, download every complete config, load the bundle back', { timeout: 400_000 }, async () => {
  const { page, errors } = await open();
  const section = page.locator('#configs-section');
  await section.scrollIntoViewIfNeeded();
  assert.match(await section.innerText(), /These files are secrets/);
  assert.match(await section.innerText(), /nothing leaves it/);
  assert.equal(await page.locator('#configs-download').isDisabled(), true);

  await page.click('#secrets-generate');
  // Progress while the worker runs.
  await page.locator('#secrets-step').filter({ hasText: /Step \d of 6/ }).waitFor({ timeout: GENERATE_TIMEOUT });
  await page.locator('[data-testid=secrets-status]').filter({ hasText: /New secrets bundle made/ })
    .waitFor({ timeout: GENERATE_TIMEOUT });
  const ms = Number(await page.locator('#secrets-progress').getAttribute('data-ms'));
  console.log(`figure: secrets bundle (Talos v1.12, RSA-4096) generated in the page's worker in ${(ms / 1000).toFixed(2)} s`);
  assert.equal(await page.locator('#configs-download').isDisabled(), false);
  await page.screenshot({ path: path.join(out, 'machine-configs.png'), fullPage: false });

  const { name, files } = await downloadZip(page);
  assert.equal(name, 'homelab-talos.zip');
  const names = Object.keys(files).sort();
  assert.deepEqual(names, [
    'homelab-talos/controlplane-1/config.yaml',
    'homelab-talos/controlplane-2/config.yaml',
    'homelab-talos/controlplane-3/config.yaml',
    'homelab-talos/secrets.yaml',
    'homelab-talos/talosconfig',
    'homelab-talos/worker-1/config.yaml',
    'homelab-talos/worker-2/config.yaml',
  ]);
  const worker = strFromU8(files['homelab-talos/worker-1/config.yaml']);
  assert.match(worker, /endpoint: https:\/\/10\.10\.100\.13:6443/);
  assert.match(worker, /clusterName: homelab/);
  assert.match(worker, /type: worker/);
  const cp = strFromU8(files['homelab-talos/controlplane-1/config.yaml']);
  assert.match(cp, /kind: Layer2VIPConfig/);
  const talosconfig = strFromU8(files['homelab-talos/talosconfig']);
  assert.match(talosconfig, /context: homelab/);
  assert.match(talosconfig, /- 10\.10\.100\.10/);
  const bundle = strFromU8(files['homelab-talos/secrets.yaml']);
  assert.match(bundle, /^cluster:\n {4}id: /);
  const clusterId = bundle.match(/ {4}id: "?([^"\s]+)/)[1];
  assert.ok(cp.includes(clusterId));

  // Load the bundle back from a file, in a fresh page (narrow screen).
  const again = await open(undefined, { viewport: { width: 390, height: 900 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'talos-planner-secrets-'));
  const file = path.join(dir, 'secrets.yaml');
  writeFileSync(file, bundle);
  await again.page.setInputFiles('#secrets-file', file);
  await again.page.locator('[data-testid=secrets-status]').filter({ hasText: /Loaded the secrets bundle/ })
    .waitFor({ timeout: GENERATE_TIMEOUT });
  await again.page.locator('#configs-section').scrollIntoViewIfNeeded();
  await again.page.screenshot({ path: path.join(out, 'machine-configs-390.png'), fullPage: false });
  const loaded = await downloadZip(again.page);
  const cp2 = strFromU8(loaded.files['homelab-talos/controlplane-1/config.yaml']);
  assert.ok(cp2.includes(clusterId), 'the loaded bundle made the configs');

  // A broken bundle is refused with the reason.
  writeFileSync(file, 'cluster:\n    id: x\n');
  await again.page.setInputFiles('#secrets-file', file);
  await again.page.locator('[data-testid=secrets-status]').filter({ hasText: /not a usable secrets bundle/ })
    .waitFor({ timeout: GENERATE_TIMEOUT });
  assert.match(await again.page.locator('[data-testid=secrets-status]').innerText(), /cluster\.secret is required/);

  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
});
