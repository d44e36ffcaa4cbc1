// The page in everyday use (headless Chromium, see harness.mjs): notes apart from
// problems and rules silenced from the page, a damaged share link, the export tabs, the
// plan's gateway and VLAN columns, the version field, the Proxmox hosts setting, and
// the layout at 1280 and 390 px: no sideways scrolling, legible subnet labels, no
// blank gaps. Screenshots go to test-output/web/everyday-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { base, editorText, open, out, text, usePage } from './harness.mjs';

usePage();

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Elements wider than the viewport, or sticking out of it on the right. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Inside a scroller that is itself within the page, sticking out is its job.
      if (el.closest('.cm-scroller, pre, .cm-tooltip')) continue;
      // (Far off to the left is how the skip link hides; only the right side scrolls.)
      if (box.right > width + 0.5) {
        wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
    }
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10) };
  });
}

/** The fresh page's own state: no silenced rules left over from another test. */
async function fresh(page) {
  await page.evaluate(() => localStorage.removeItem('talos-planner.silenced-rules'));
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`the example at ${viewport.width} px: clean, no sideways scrolling`, async () => {
    const { page, errors } = await open(base, { viewport });
    await fresh(page);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // The example opens clean: its notes are apart from the problems.
    assert.equal(await text(page, '#problem-count'), '0');
    assert.equal(await text(page, '#note-count'), '3');
    assert.equal(await page.locator('[data-testid=problems] li[data-code]').count(), 0);
    assert.equal(await page.locator('[data-testid=notes] li[data-code="below-talos-recommended"]').count(), 3);
    assert.match(await text(page, '#status'), /^5 VMs planned, 0 errors, 3 notes$/);

    const { scroll, width, wide } = await overflow(page);
    assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}: ${wide.join(', ')}`);
    assert.deepEqual(wide, []);
    // The plan's table fits its box (no sideways scrolling there either).
    const plan = await page.locator('#plan-section .table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(plan[0] <= plan[1], `the plan scrolls sideways: ${plan}`);

    // The subnet's row labels read at 10 px or more.
    const label = await page.locator('#subnet .row-label').first().evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(label >= 10, `subnet labels are ${label.toFixed(1)} px tall`);

    if (name === 'desktop') {
      // No blank gap under the quick settings: the subnet starts right below the form.
      const form = await page.locator('#form-section').boundingBox();
      const subnet = await page.locator('#subnet-section').boundingBox();
      const gap = subnet.y - (form.y + form.height);
      assert.ok(gap >= 0 && gap <= 16, `gap under Quick settings: ${gap}px`);
      // And the two columns end together.
      const editor = await page.locator('#editor-section').boundingBox();
      const bottoms = [editor.y + editor.height, subnet.y + subnet.height];
      assert.ok(Math.abs(bottoms[0] - bottoms[1]) <= 2, `columns end at ${bottoms}`);
    } else {
      // On a phone every VM is a card, each value with its label.
      const row = page.locator('[data-testid=plan-table] tbody tr').first();
      assert.equal(await row.evaluate((el) => getComputedStyle(el).display), 'block');
      const gateway = row.locator('td[data-label="Gateway"]');
      assert.equal(await gateway.innerText(), '10.10.100.1');
      assert.equal(await gateway.evaluate((el) => getComputedStyle(el, '::before').content), '"Gateway"');
    }
    await page.screenshot({ path: path.join(out, `everyday-${name}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the plan has gateway and VLAN columns', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  const headers = await page.locator('[data-testid=plan-table] thead th').allInnerTexts();
  assert.deepEqual(headers, ['Node', 'Role', 'Hostname', 'VM ID', 'Proxmox node', 'IP / prefix',
    'Gateway', 'VLAN', 'CPU', 'Memory', 'Disk']);
  const first = await page.locator('[data-testid=plan-table] tbody tr').first().locator('th, td').allInnerTexts();
  assert.deepEqual(first.slice(6, 8), ['10.10.100.1', '1100']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a rule silenced on the page, and shown again', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  await fresh(page);
  await page.locator('#notes-section summary').click();
  const note = page.locator('[data-testid=notes] li[data-code="below-talos-recommended"]').first();
  await note.locator('button', { hasText: 'Silence' }).click();
  await page.waitForFunction(() => document.querySelector('#note-count')?.textContent === '0');
  assert.equal(await page.locator('[data-testid=notes-section]').isHidden(), true);
  assert.match(await text(page, '[data-testid=silenced]'), /below-talos-recommended/);
  assert.equal(await page.locator('#editor .cm-lintRange-info').count(), 0);
  // It stays silenced on the next visit, until shown again.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await text(page, '#note-count'), '0');
  await page.locator('[data-testid=silenced] button', { hasText: 'Show again' }).click();
  await page.waitForFunction(() => document.querySelector('#note-count')?.textContent === '3');
  assert.equal(await page.locator('[data-testid=silenced]').isHidden(), true);
  // An ignore comment in the config silences one place, as on the command line.
  const line = page.locator('#editor .cm-line', { hasText: 'specs: { cpu: 2, memory: 4096, disk: 50 }' }).first();
  await line.click();
  await page.keyboard.press('Home');
  await page.keyboard.type('# talos-planner: ignore[below-talos-recommended] small lab\n');
  await page.waitForFunction(() => document.querySelector('#note-count')?.textContent === '1');
  assert.equal(await text(page, '#problem-count'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a damaged link says so and keeps the last config', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  // Edit something, so that there is a last config to keep.
  const count = page.locator('input[name="worker.count"]');
  await count.fill('4');
  await count.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=plan-table] tbody tr').length === 7);
  const edited = await editorText(page);

  const damaged = await open(`${base}#config=AAAAbroken`, { viewport: DESKTOP });
  const banner = damaged.page.locator('[data-testid=link-error]');
  assert.ok(await banner.isVisible());
  assert.match(await banner.innerText(), /This link's config is damaged: .*Showing the config you last edited/);
  assert.equal(await editorText(damaged.page), edited);
  assert.equal(await damaged.page.locator('[data-testid=plan-table] tbody tr').count(), 7);
  await damaged.page.screenshot({ path: path.join(out, 'everyday-damaged-link.png') });

  // A damaged link arriving later leaves the config alone too.
  await damaged.page.evaluate(() => { window.location.hash = 'config=%%%'; });
  await damaged.page.waitForFunction(() => !document.querySelector('[data-testid=link-error]').hidden);
  assert.match(await banner.innerText(), /Your config is unchanged/);
  assert.equal(await editorText(damaged.page), edited);
  assert.deepEqual([...errors, ...damaged.errors], []);
  await damaged.page.close();
  await page.close();
});

test('the export formats are tabs that show which one is selected', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  const tabs = page.locator('[role=tablist] [role=tab]');
  assert.equal(await tabs.count(), 3);
  const selected = () => page.locator('[role=tab][aria-selected=true]').innerText();
  assert.equal(await selected(), 'Terraform module block');
  await page.locator('[data-export=tfvars]').click();
  assert.equal(await selected(), 'terraform.tfvars.json');
  assert.equal(await page.locator('#export-panel').getAttribute('aria-labelledby'), 'export-tab-tfvars');
  // Selected looks different from the others.
  const look = (sel) => page.locator(sel).evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.backgroundColor} ${s.fontWeight} ${s.boxShadow} ${s.color}`;
  });
  assert.notEqual(await look('[data-export=tfvars]'), await look('[data-export=yaml]'));
  // The keyboard moves between them.
  await page.locator('[data-export=tfvars]').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(), 'Terraform module block');
  await page.keyboard.press('Home');
  assert.equal(await selected(), 'Config (YAML)');
  await page.locator('#export-section').screenshot({ path: path.join(out, 'everyday-export-tabs.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the version field writes the full tag', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  const version = page.locator('input[name="image.version"]');
  for (const typed of ['1.11', 'V1.10.7', 'v1.12']) {
    await version.fill(typed);
    await version.press('Enter');
    const tag = typed === '1.11' ? 'v1.11.0' : typed === 'V1.10.7' ? 'v1.10.7' : 'v1.12.0';
    await page.waitForFunction((t) => document.querySelector('#editor').textContent.includes(`version: ${t}`), tag);
    assert.equal(await version.inputValue(), tag);
    assert.equal(await page.locator('[data-testid=problems] li[data-code="invalid-talos-version"]').count(), 0);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('Proxmox hosts: the control planes spread in one step, and the fix does the same', async () => {
  const { page, errors } = await open(base, { viewport: DESKTOP });
  const hosts = page.locator('#proxmox-hosts');
  assert.equal(await hosts.inputValue(), 'pve01, pve02, pve03');
  await hosts.fill('pve01');
  await hosts.press('Enter');
  await page.waitForSelector('[data-testid=problems] li[data-code="controlplanes-share-host"]');
  const proxmox = () => page.locator('[data-testid=plan-table] tbody tr.controlplane td[data-label="Proxmox node"]').allInnerTexts();
  assert.deepEqual(await proxmox(), ['pve01', 'pve01', 'pve01']);
  // The rule's fix spreads them over the hosts the config still names (the workers'
  // don't name any here, so type two first).
  await hosts.fill('pve07, pve08');
  await hosts.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[data-testid=problems] li[data-code="controlplanes-share-host"]'));
  assert.deepEqual(await proxmox(), ['pve07', 'pve08', 'pve07']);
  assert.match(await editorText(page), /controlplane-1:\s*\{?\s*node: pve07/);
  assert.equal(await hosts.inputValue(), 'pve07, pve08');
  await hosts.fill('not a host!');
  await hosts.press('Enter');
  assert.match(await text(page, '#form-error'), /not a Proxmox node name/);
  assert.deepEqual(errors, []);
  await page.close();
});
