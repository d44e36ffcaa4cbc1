// The WebAssembly planner (pkg/, built by www/scripts/build-package.sh), loaded once.
// Every call goes through `call`, which turns an unexpected failure into a message
// instead of a broken page.
import init, * as wasm from 'talos-planner';
import wasmUrl from 'talos-planner/talos_planner_bg.wasm?url';

export type {
  Analysis,
  BuiltInExample,
  ConfigScalar,
  Diagnostic,
  EditResult,
  Fix,
  Plan,
  PlannedNode,
  RenderedNode,
  TextEdit,
} from 'talos-planner';

export const planner = wasm;

export async function loadPlanner(): Promise<void> {
  await init({ module_or_path: wasmUrl });
}

/** True when `err` is the module trapping (a bug), not an ordinary thrown Error. */
export function isTrap(err: unknown): boolean {
  return err instanceof WebAssembly.RuntimeError;
}

/** A short message for an error thrown by the planner. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
