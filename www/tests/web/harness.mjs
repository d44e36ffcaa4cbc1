// Shared by the page tests: Vite's static preview server over www/dist on a loopback
// port, and Debian's `chromium` driven by playwright-core with a fresh profile. Each
// test file calls `usePage()` once; `open()` gives a fresh page on a URL, with errors on
// the page (and any request leaving it) collected for the test to assert on.
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { preview } from 'vite';

export const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repo = path.resolve(www, '..');
export const out = path.join(repo, 'test-output/web');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const TIMEOUT = 15_000;

let server;
let context;
let profile;
/** The page's URL (set once the server is up). */
export let base;

/** Starts the server and the browser before the file's tests, stops them after. */
export function usePage() {
  before(start);
  after(stop);
}

async function start() {
  mkdirSync(out, { recursive: true });
  server = await preview({
    root: www,
    configFile: path.join(www, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  base = `http://127.0.0.1:${address.port}/`;
  profile = mkdtempSync(path.join(tmpdir(), 'talos-planner-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
}

async function stop() {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
}

/** A fresh page on the built-in example, with errors on the page failing the test. */
export async function open(url = base, options = {}) {
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) {
      errors.push(`request outside the page: ${r.url()}`);
    }
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

export const text = (page, selector) => page.locator(selector).innerText();
export const editorText = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#editor .cm-line')].map((l) => l.textContent).join('\n'));

