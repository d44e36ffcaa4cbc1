// Loads the built package (pkg/, wasm-pack --target web) into node synchronously.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const pkgDir = path.join(root, 'pkg');
const wasmPath = path.join(pkgDir, 'talos_planner_bg.wasm');
if (!existsSync(wasmPath)) {
  throw new Error(`${wasmPath} is missing: build it with www/scripts/build-package.sh`);
}
const planner = await import(path.join(pkgDir, 'talos_planner.js'));
planner.initSync({ module: readFileSync(wasmPath) });
export default planner;
