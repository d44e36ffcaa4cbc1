// The Machine configs section's Web Worker: loads the second WebAssembly package
// (pkg-secrets/, with the `secrets` feature) on first use and makes secrets bundles
// and complete machine configs off the page's thread (the RSA-4096 key takes seconds).
// Randomness comes from crypto.getRandomValues, the clock from Date.now(); nothing
// leaves the browser.
import init, * as wasm from 'talos-planner-secrets';
import wasmUrl from 'talos-planner-secrets/talos_planner_bg.wasm?url';

import type { WorkerReply, WorkerRequest } from './secrets-protocol';

let ready: Promise<unknown> | null = null;

function seed(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function reply(message: WorkerReply): void {
  postMessage(message);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    ready ??= init({ module_or_path: wasmUrl });
    await ready;
    switch (request.kind) {
      case 'generate': {
        const started = performance.now();
        const bundle = wasm.generateSecrets(seed(), now(), request.talosVersion, (step: number, steps: number, what: string) =>
          reply({ id: request.id, kind: 'progress', step, steps, what }));
        reply({ id: request.id, kind: 'bundle', bundle, ms: performance.now() - started });
        break;
      }
      case 'check':
        wasm.checkSecrets(request.bundle);
        reply({ id: request.id, kind: 'bundle', bundle: request.bundle, ms: 0 });
        break;
      case 'configs': {
        const configs = wasm.machineConfigs(request.source, request.bundle, seed(), now());
        reply({ id: request.id, kind: 'configs', configs });
        break;
      }
    }
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    reply({ id: request.id, kind: 'error', name, message: messageOf(err) });
  }
};
