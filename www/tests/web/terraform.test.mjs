// Terraform on the planner page: a module block pasted into the editor loads the
// Terraform reader on demand (pkg-hcl/, a package of its own) and is planned like YAML:
// label and highlighting, quick settings that edit the HCL, exports, the share link and
// "Convert to YAML". Screenshots go to test-output/web/terraform-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { editorText, open, out, text, usePage } from './harness.mjs';

usePage();

// The HA VIP document's "Multiple Control Planes" block, completed with the network,
// the image and the workers (its "# ... rest of configuration ..." line).
const SEED_BLOCK = `module "k8s_cluster" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git"

  cluster = {
    name           = "homelab"
    vm_base_id     = 700
    datastore      = "local-lvm"
    node           = "pve01"
    # ha_vip is optional - will be auto-generated if not specified
  }

  controlplane = {
    count = 3  # Three control planes, HA VIP automatically enabled
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }

  image = {
    version    = "v1.12.0"
    extensions = ["qemu-guest-agent"]
  }

  network = {
    cidr        = "10.10.100.0/24"
    gateway     = "10.10.100.1"
    dns_servers = ["1.1.1.1"]
  }

  worker = {
    count = 2
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }
}
`;

/** Replaces the editor's text the way a user pastes: select all, then a paste event. */
async function paste(page, content) {
  await page.locator('#editor .cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector('#editor .cm-content')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, content);
}

/** Waits until the page shows the analysis of the current text. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true'
    && !document.getElementById('status')?.textContent?.startsWith('Loading'));
  await page.waitForTimeout(300); // the debounced refresh after the last change
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

const wasmRequests = (requests) => requests.filter((u) => u.endsWith('.wasm'));

test('a pasted module block loads the Terraform reader and shows the plan with its VIP', async () => {
  const { page, errors } = await open();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // The YAML example needs only the page's package: the Terraform one is not fetched.
  assert.equal(await text(page, '#format-label'), '(YAML)');
  assert.equal(wasmRequests(requests).length, 0);

  const started = Date.now();
  await paste(page, SEED_BLOCK);
  await page.waitForFunction(() => document.body.dataset.format === 'hcl'
    && document.querySelector('[data-testid=vip]')?.textContent === '10.10.100.13 on eth0');
  const shown = Date.now() - started;
  const loadMs = Number(await page.evaluate(() => document.body.dataset.terraformLoadMs));
  console.log(`Terraform reader: fetched and started in ${loadMs} ms; pasted block planned on screen after ${shown} ms`);
  assert.equal(wasmRequests(requests).length, 1, 'one more .wasm, fetched on demand');

  assert.equal(await text(page, '#format-label'), '(Terraform)');
  assert.equal(await page.locator('#editor .cm-content').getAttribute('aria-label'), 'Cluster config (Terraform)');
  // HCL highlighting: the grammar marks strings, which the YAML mode would not split so.
  await page.waitForFunction(() => document.querySelectorAll('#editor .cm-line span').length > 20);
  assert.equal(await text(page, '[data-testid=endpoint]'), 'https://10.10.100.13:6443');
  assert.match(await text(page, '[data-testid=ha-status]'), /HA enabled: 3 control planes/);
  assert.equal(await page.locator('[data-testid=plan-table] tbody tr').count(), 5);
  assert.match(await text(page, '[data-patch="04-ha-vip.yaml"] pre'), /10\.10\.100\.13/);

  // The module's code would pick .19: the warning offers to write the VIP out.
  const problem = page.locator('[data-testid=problems] li[data-code="module-automatic-vip"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /10\.10\.100\.19/);
  await page.screenshot({ path: path.join(out, 'terraform.png'), fullPage: true });
  await problem.locator('button', { hasText: 'ha_vip' }).first().click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=problems] li[data-code="module-automatic-vip"]'));
  assert.match(await editorText(page), /\n {4}node {11}= "pve01"\n {4}ha_vip {9}= "10\.10\.100\.13"\n/);
  assert.equal(await text(page, '[data-testid=vip]'), '10.10.100.13 on eth0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('quick settings edit the HCL, the link shares it, and it converts to YAML', async () => {
  const { page, errors } = await open();
  await paste(page, SEED_BLOCK);
  await page.waitForFunction(() => document.body.dataset.format === 'hcl'
    && document.querySelector('[data-testid=vip]')?.textContent === '10.10.100.13 on eth0');
  const count = page.locator('input[name="controlplane.count"]');
  assert.equal(await count.inputValue(), '3');
  await count.fill('1');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=vip]')?.textContent === 'none');
  const edited = await editorText(page);
  assert.match(edited, /\n {4}count = 1 {2}# Three control planes/, 'the value is replaced in place, the comment kept');
  const vip = page.locator('input[name="cluster.ha_vip"]');
  await count.fill('3');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=vip]')?.textContent === '10.10.100.13 on eth0');
  await vip.fill('10.10.100.50');
  await vip.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=vip]')?.textContent === '10.10.100.50 on eth0');
  assert.match(await editorText(page), /\n {4}node {11}= "pve01"\n {4}ha_vip {9}= "10\.10\.100\.50"\n/);

  // The link carries the Terraform text; a new page loads the reader and shows it.
  const shared = page.url();
  assert.match(shared, /#config=/);
  const again = await open(shared);
  assert.equal(await text(again.page, '#format-label'), '(Terraform)');
  assert.equal(await text(again.page, '[data-testid=vip]'), '10.10.100.50 on eth0');
  // (The editor renders the lines in view: the shown part matches.)
  const reopened = await editorText(again.page);
  assert.ok(reopened.length > 300 && (await editorText(page)).startsWith(reopened), reopened);
  await again.page.close();

  // Convert to YAML: the same cluster, now YAML.
  const convert = page.locator('#convert-yaml');
  assert.ok(await convert.isVisible());
  await convert.click();
  await page.waitForFunction(() => document.body.dataset.format === 'yaml');
  const yaml = await editorText(page);
  assert.match(yaml, /^cluster:\n {2}name: homelab\n/);
  assert.match(yaml, /\n {2}ha_vip: 10\.10\.100\.50\n/);
  await settled(page);
  assert.equal(await text(page, '#format-label'), '(YAML)');
  assert.equal(await text(page, '[data-testid=vip]'), '10.10.100.50 on eth0');
  assert.ok(!(await convert.isVisible()));
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
});

test('Terraform exports pin the HA VIP branch, write the VIP and say what the module ignores', async () => {
  const { page, errors } = await open();
  const withOverride = SEED_BLOCK.replace(`    count = 2
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }`, `    count = 2
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
    overrides = {
      "worker-2" = {
        network = {
          ip_address = "10.10.101.21"
          cidr       = "10.10.101.0/24"
          gateway    = "10.10.101.1"
        }
      }
    }
  }`);
  await paste(page, withOverride);
  await page.waitForFunction(() => document.body.dataset.format === 'hcl'
    && document.querySelector('[data-testid=vip]')?.textContent === '10.10.100.13 on eth0');
  await page.locator('[data-export=module]').click();
  const block = await text(page, '[data-testid=export-preview]');
  assert.match(block, /source = "git::https:\/\/github\.com\/pascalinthecloud\/terraform-proxmox-talos-cluster\.git\?ref=feat\/add-support-for-ha-cluster-with-vip"/);
  assert.match(block, /\n {4}ha_vip {5}= "10\.10\.100\.13"\n/);
  const notes = page.locator('[data-testid=export-notes] li');
  assert.equal(await notes.count(), 1);
  assert.match(await notes.first().innerText(), /ignores this override's gateway 10\.10\.101\.1/);
  await page.locator('[data-export=tfvars]').click();
  const tfvars = JSON.parse(await text(page, '[data-testid=export-preview]'));
  assert.equal(tfvars.cluster.ha_vip, '10.10.100.13');
  await page.locator('[data-export=yaml]').click();
  assert.match(await text(page, '[data-testid=export-preview]'), /^cluster:\n {2}name: homelab\n/);
  assert.ok(await page.locator('[data-testid=export-notes]').isHidden());
  await page.locator('#export-section').screenshot({ path: path.join(out, 'terraform-export.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unclosed brace is reported at the brace, on a phone too', async () => {
  const { page, errors } = await open(undefined, { viewport: { width: 390, height: 844 } });
  const broken = SEED_BLOCK.replace('  network = {\n', '  network = {\n    bridge = "vmbr0"\n  extra = {\n');
  await paste(page, broken);
  const problem = page.locator('[data-testid=problems] li[data-code="syntax-error"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /this `\{` is never closed/);
  // The underline sits on the opening brace of the module block, not at the file's end.
  const mark = page.locator('#editor .cm-lintRange-error').first();
  await mark.waitFor();
  assert.equal(await mark.innerText(), '{');
  const firstLine = await page.locator('#editor .cm-line').first().innerText();
  assert.ok(firstLine.startsWith('module "k8s_cluster" {'), firstLine);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  await page.screenshot({ path: path.join(out, 'terraform-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
