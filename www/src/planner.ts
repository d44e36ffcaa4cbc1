// The WebAssembly planner (pkg/, built by www/scripts/build-package.sh), loaded once.
// Every call goes through `call`, which turns an unexpected failure into a message
// instead of a broken page.
//
// The page's package reads YAML and JSON only, to stay small. The Terraform package
// (pkg-hcl/, the same API reading `.tf` and `.tfvars` too) is fetched the first time
// the text is Terraform; from then on `planner` is that package, for every format.
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

type TerraformPlanner = typeof import('talos-planner-hcl');

/** The planner in use: the page's package, or the Terraform one once it is loaded. */
export let planner: typeof wasm = wasm;
let terraform: TerraformPlanner | null = null;
let loading: Promise<number> | null = null;

export async function loadPlanner(): Promise<void> {
  await init({ module_or_path: wasmUrl });
}

/** True when `source` is Terraform and the Terraform package is not loaded yet. */
export function needsTerraform(source: string): boolean {
  return terraform === null && wasm.detectFormat(source) === 'hcl';
}

/** Fetches and starts the Terraform package (once); resolves to the milliseconds it took. */
export function loadTerraform(): Promise<number> {
  loading ??= (async () => {
    const started = performance.now();
    const [module, url] = await Promise.all([
      import('talos-planner-hcl'),
      import('talos-planner-hcl/talos_planner_bg.wasm?url'),
    ]);
    await module.default({ module_or_path: url.default });
    terraform = module;
    planner = module;
    return performance.now() - started;
  })();
  return loading;
}

/** The config as YAML (Terraform input only: it needs the Terraform package). */
export function convertToYaml(source: string): string {
  if (terraform === null) throw new Error('the Terraform reader is not loaded');
  return terraform.exportYaml(source);
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
