// The planner page in headless Chromium (Debian's `chromium`, driven by playwright-core),
// served from www/dist by Vite's static preview server on loopback (see harness.mjs).
// Everything is checked through what the page shows. Screenshots go to test-output/web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { unzipSync, strFromU8 } from 'fflate';

import { base, editorText, open, out, text, usePage } from './harness.mjs';

usePage();

test('the example shows three control planes and the VIP 10.10.100.13', async () => {
  const { page, errors } = await open();
  assert.equal(await text(page, '[data-testid=vip]'), '10.10.100.13 on eth0');
  assert.equal(await text(page, '[data-testid=endpoint]'), 'https://10.10.100.13:6443');
  assert.match(await text(page, '[data-testid=ha-status]'), /HA enabled: 3 control planes/);
  const rows = page.locator('[data-testid=plan-table] tbody tr');
  assert.equal(await rows.count(), 5);
  const cps = page.locator('[data-testid=plan-table] tbody tr.controlplane');
  assert.equal(await cps.count(), 3);
  const first = await cps.first().locator('th, td').allInnerTexts();
  assert.deepEqual(first, ['controlplane-1', 'control plane', 'homelab-controlplane-01', '700',
    'pve01', '10.10.100.10/24', '10.10.100.1', '1100', '2', '4096 MiB', '50 GiB']);
  // The subnet picture places the VIP, the gateway and the nodes.
  const vipCell = page.locator('[data-testid=subnet] rect[data-address="10.10.100.13"]');
  assert.equal(await vipCell.getAttribute('data-kinds'), 'vip');
  assert.equal(await page.locator('[data-testid=subnet] rect[data-address="10.10.100.1"]').getAttribute('data-kinds'), 'gateway');
  assert.equal(await page.locator('[data-testid=subnet] [data-collision]').count(), 0);
  // Patches for every node, the VIP patch on control planes.
  assert.equal(await page.locator('#patch-node option').count(), 5);
  assert.match(await text(page, '[data-patch="04-ha-vip.yaml"] pre'), /Layer2VIPConfig[\s\S]*10\.10\.100\.13/);
  assert.equal(await page.locator('#editor .cm-lintRange-error').count(), 0);
  await page.screenshot({ path: path.join(out, 'planner.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('setting one control plane removes the VIP and moves the endpoint to controlplane-1', async () => {
  const { page, errors } = await open();
  const count = page.locator('input[name="controlplane.count"]');
  assert.equal(await count.inputValue(), '3');
  await count.fill('1');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=vip]')?.textContent === 'none');
  assert.equal(await text(page, '[data-testid=endpoint]'), 'https://10.10.100.10:6443');
  assert.match(await text(page, '[data-testid=ha-status]'), /HA disabled/);
  assert.equal(await page.locator('[data-testid=plan-table] tbody tr.controlplane').count(), 1);
  assert.equal(await page.locator('[data-testid=subnet] rect[data-kinds~="vip"]').count(), 0);
  // The form rewrote the value in the text and kept the rest.
  const edited = await editorText(page);
  assert.match(edited, /controlplane:\n {2}count: 1\n/);
  assert.match(edited, /^# Three control planes/);
  assert.ok(!(await page.locator('#patch-node').innerText()).includes('controlplane-2'));
  // The link carries the edited config: a new page opened from it shows the same plan.
  const shared = page.url();
  assert.match(shared, /#config=/);
  const again = await open(shared);
  assert.equal(await text(again.page, '[data-testid=vip]'), 'none');
  assert.equal(await text(again.page, '[data-testid=endpoint]'), 'https://10.10.100.10:6443');
  await again.page.close();
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
});

test('a typo shows unknown-field with a quick fix that repairs it', async () => {
  const { page, errors } = await open();
  const line = page.locator('#editor .cm-line', { hasText: 'bridge: vmbr0' });
  await line.click();
  await page.keyboard.press('Home'); // to the end of the indentation
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('brige: vmbr0');
  const mark = page.locator('#editor .cm-lintRange-error');
  await mark.first().waitFor();
  const problem = page.locator('[data-testid=problems] li[data-code="unknown-field"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /unknown field `brige` in `network`; did you mean `bridge`\?/);
  assert.ok(await page.locator('#editor .cm-gutter-lint .cm-lint-marker-error').count() >= 1);
  // Hovering the underline shows the message and the fix.
  await mark.first().hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /did you mean `bridge`/);
  await tooltip.locator('.cm-diagnosticAction', { hasText: 'Rename to `bridge`' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=problems] li[data-code="unknown-field"]'));
  assert.match(await editorText(page), /\n {2}bridge: vmbr0\n/);
  assert.equal(await mark.count(), 0);
  assert.equal(await text(page, '[data-testid=vip]'), '10.10.100.13 on eth0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a custom VIP that collides with a worker shows vip-conflict and is marked', async () => {
  const { page, errors } = await open();
  const vip = page.locator('input[name="cluster.ha_vip"]');
  await vip.fill('10.10.100.20');
  await vip.press('Enter');
  const problem = page.locator('[data-testid=problems] li[data-code="vip-conflict"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /10\.10\.100\.20 is the address of worker-1/);
  assert.match(await editorText(page), /\n {2}ha_vip: 10\.10\.100\.20\n/);
  const cell = page.locator('[data-testid=subnet] rect[data-address="10.10.100.20"]');
  assert.equal(await cell.getAttribute('data-collision'), 'true');
  assert.deepEqual((await cell.getAttribute('data-kinds')).split(' ').sort(), ['vip', 'worker']);
  assert.match(await cell.locator('title').textContent(), /collision/);
  assert.match(await text(page, '[data-testid=subnet-list] li[data-collision]'),
    /Collision at 10\.10\.100\.20: worker-1, VIP/);
  // With an error, patches are not rendered and say why.
  assert.match(await text(page, '[data-testid=patches]'), /error/);
  await page.locator('#subnet-section').screenshot({ path: path.join(out, 'subnet-vip-conflict.png') });
  // The rule's own fix picks the planner's free address.
  await problem.locator('button', { hasText: 'Use' }).first().click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=problems] li[data-code="vip-conflict"]'));
  assert.equal(await page.locator('[data-testid=subnet] [data-collision]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('exports and downloads', async () => {
  const { page, errors } = await open();
  await page.locator('[data-export=tfvars]').click();
  const tfvars = JSON.parse(await text(page, '[data-testid=export-preview]'));
  assert.equal(tfvars.controlplane.count, 3);
  await page.locator('[data-export=module]').click();
  const hcl = await text(page, '[data-testid=export-preview]');
  assert.match(hcl, /^module "talos_cluster" \{\n {2}source = "git::https:\/\/github\.com\/pascalinthecloud\/terraform-proxmox-talos-cluster\.git\?ref=feat\/add-support-for-ha-cluster-with-vip"/);
  assert.match(hcl, /\n {4}ha_vip {11}= "10\.10\.100\.13"\n/, 'the planned VIP is written out');
  assert.match(hcl, /"controlplane-2" = \{/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#export-download').click()]);
  assert.equal(file.suggestedFilename(), 'main.tf');
  assert.equal(readFileSync(await file.path(), 'utf8'), hcl);
  const [zip] = await Promise.all([page.waitForEvent('download'), page.locator('#download-all').click()]);
  assert.equal(zip.suggestedFilename(), 'talos-patches.zip');
  const files = unzipSync(readFileSync(await zip.path()));
  assert.ok(files['talos-patches/controlplane-1/04-ha-vip.yaml']);
  assert.match(strFromU8(files['talos-patches/worker-2/02-hostname.yaml']), /homelab-worker-02/);
  assert.match(strFromU8(files['talos-patches/worker-2/03-cluster-endpoint.yaml']), /https:\/\/10\.10\.100\.13:6443/);
  assert.equal(Object.keys(files).length, 3 * 5 + 2 * 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('phone width, keyboard and dark mode', async () => {
  const { page, errors } = await open(base, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background, got ${bg}`);
  assert.ok(await page.locator('#editor .cm-editor').evaluate((el) =>
    el.classList.contains('cm-editor') && getComputedStyle(el).backgroundColor !== 'rgb(255, 255, 255)'));
  // The keyboard reaches the form, and a change made there goes through.
  await page.keyboard.press('Tab'); // skip link
  let reached = false;
  for (let i = 0; i < 12 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('name') === 'controlplane.count');
  }
  assert.ok(reached, 'Tab reaches the control plane count');
  await page.keyboard.press('ArrowUp'); // 3 -> 4; a number input commits on blur
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=plan-table] tbody tr.controlplane').length === 4);
  await page.screenshot({ path: path.join(out, 'planner-phone-dark.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
