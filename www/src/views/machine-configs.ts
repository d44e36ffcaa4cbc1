// The "Machine configs" section: a secrets bundle made in a Web Worker (or loaded from
// a file), then every node's complete Talos machine config, the talosconfig and the
// bundle as one zip. The worker and its WebAssembly package load only when the user
// asks for them, so the page's first load does not grow.
import { strToU8, zipSync } from 'fflate';

import { saveFile } from '../download';
import { byId } from '../dom';
import type { MachineConfigs, WorkerReply, WorkerRequest } from '../secrets-protocol';

/** A request without its id (added when it is sent). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = { resolve: (r: WorkerReply) => void; progress?: (r: WorkerReply & { kind: 'progress' }) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let bundle: string | null = null;
let bundleSource = '';
let source: () => string = () => '';
let state: () => { errors: number; version: string | null; cluster: string | null } = () => ({ errors: 0, version: null, cluster: null });
let notify: (message: string) => void = () => {};

function ask(request: WithoutId<WorkerRequest>, progress?: Pending['progress']): Promise<WorkerReply> {
  worker ??= startWorker();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve, progress });
    worker?.postMessage({ ...request, id } as WorkerRequest);
  });
}

function startWorker(): Worker {
  const w = new Worker(new URL('../secrets-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'progress') {
      waiting.progress?.(reply);
      return;
    }
    pending.delete(reply.id);
    waiting.resolve(reply);
  };
  w.onerror = (event) => {
    for (const [id, waiting] of pending) {
      waiting.resolve({ id, kind: 'error', name: 'Error', message: `the worker failed: ${event.message}` });
    }
    pending.clear();
    worker = null;
  };
  return w;
}

function showStatus(text: string): void {
  byId('secrets-status').textContent = text;
}

function setProgress(value: number | null, label = ''): void {
  const bar = byId<HTMLProgressElement>('secrets-progress');
  bar.hidden = value === null;
  if (value !== null) bar.value = value;
  byId('secrets-step').textContent = label;
}

/** Enables the download when there is a bundle and the config has no errors. */
export function refreshMachineConfigs(): void {
  const { errors } = state();
  const button = byId<HTMLButtonElement>('configs-download');
  button.disabled = bundle === null || errors > 0;
  // The worker's package reads YAML and JSON; Terraform text needs converting first.
  const terraform = /^\s*(module|variable|locals)\s*("[^"]*"\s*)?\{/m.test(source());
  button.disabled ||= terraform;
  byId('configs-hint').textContent = terraform
    ? 'This is Terraform (HCL) text: convert it to YAML first (Export, Config (YAML)), then make the machine configs from that.'
    : bundle === null
    ? 'Generate or load a secrets bundle first.'
    : errors > 0
      ? `The config has ${errors} error(s); fix them to make the machine configs.`
      : `Ready: ${bundleSource}.`;
}

async function generate(): Promise<void> {
  const version = state().version ?? 'v1.12.0';
  const button = byId<HTMLButtonElement>('secrets-generate');
  button.disabled = true;
  setProgress(0, 'Starting the worker…');
  const reply = await ask({ kind: 'generate', talosVersion: version }, (p) => {
    setProgress(p.step - 1, `Step ${p.step} of ${p.steps}: ${p.what}`);
  });
  button.disabled = false;
  if (reply.kind === 'bundle') {
    bundle = reply.bundle;
    bundleSource = `a new bundle for Talos ${version}, made in ${(reply.ms / 1000).toFixed(1)} s`;
    setProgress(6, 'Done.');
    byId('secrets-progress').dataset.ms = String(Math.round(reply.ms));
    showStatus(`New secrets bundle made in this browser in ${(reply.ms / 1000).toFixed(1)} s.`);
  } else if (reply.kind === 'error') {
    setProgress(null);
    showStatus(`Could not make the bundle: ${reply.message}`);
  }
  refreshMachineConfigs();
}

async function load(file: File): Promise<void> {
  const text = await file.text();
  const reply = await ask({ kind: 'check', bundle: text });
  if (reply.kind === 'bundle') {
    bundle = text;
    bundleSource = `the bundle from ${file.name}`;
    setProgress(null);
    showStatus(`Loaded the secrets bundle from ${file.name}.`);
  } else if (reply.kind === 'error') {
    showStatus(`${file.name} is not a usable secrets bundle: ${reply.message}`);
  }
  refreshMachineConfigs();
}

async function download(): Promise<void> {
  if (bundle === null) return;
  const reply = await ask({ kind: 'configs', source: source(), bundle });
  if (reply.kind === 'error') {
    showStatus(`Could not make the machine configs: ${reply.message}`);
    return;
  }
  if (reply.kind !== 'configs') return;
  const configs: MachineConfigs = reply.configs;
  const cluster = state().cluster ?? 'cluster';
  const files: Record<string, Uint8Array> = {};
  for (const node of configs.nodes) files[`${cluster}-talos/${node.key}/config.yaml`] = strToU8(node.config);
  files[`${cluster}-talos/talosconfig`] = strToU8(configs.talosconfig);
  files[`${cluster}-talos/secrets.yaml`] = strToU8(bundle);
  saveFile(`${cluster}-talos.zip`, zipSync(files, { level: 6 }), 'application/zip');
  notify(`Downloaded ${configs.nodes.length} machine configs, the talosconfig and the bundle`);
  showStatus(`Downloaded ${cluster}-talos.zip: ${configs.nodes.length} machine configs, talosconfig, secrets.yaml.`);
}

export function setupMachineConfigs(
  getSource: () => string,
  getState: () => { errors: number; version: string | null; cluster: string | null },
  onMessage: (message: string) => void,
): void {
  source = getSource;
  state = getState;
  notify = onMessage;
  byId('secrets-generate').addEventListener('click', () => void generate());
  const input = byId<HTMLInputElement>('secrets-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void load(file);
    input.value = '';
  });
  byId('configs-download').addEventListener('click', () => void download());
  refreshMachineConfigs();
}
