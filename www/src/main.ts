// The planner page: loads the WebAssembly planner, then keeps every view in step with
// the config text. One `analyze` per change feeds the editor's diagnostics, the
// problem list, the plan, the subnet picture and the form.
import './style.css';

import { copyText } from './download';
import { byId, h } from './dom';
import { createEditor, type ConfigEditor } from './editor';
import { refreshForm, setupForm } from './form';
import { type Analysis, isTrap, loadPlanner, messageOf, planner, type RenderedNode } from './planner';
import { decodeConfig, storeInUrl } from './share';
import { refreshExports, setupExports } from './views/exports';
import { refreshMachineConfigs, setupMachineConfigs } from './views/machine-configs';
import { renderPatches, setupPatches } from './views/patches';
import { renderPlan } from './views/plan';
import { renderProblems } from './views/problems';
import { renderSubnet } from './views/subnet';

const status = byId('status');
let statusTimer: ReturnType<typeof setTimeout> | undefined;

function say(message: string, sticky = false): void {
  status.textContent = message;
  clearTimeout(statusTimer);
  if (!sticky) statusTimer = setTimeout(() => (status.textContent = ''), 4000);
}

function fail(err: unknown): void {
  const text = isTrap(err)
    ? 'The planner hit an internal error. Please reload the page (and report the config that caused it).'
    : `The planner failed: ${messageOf(err)}`;
  say(text, true);
  console.error(err);
}

async function start(): Promise<void> {
  await loadPlanner();
  byId('version').textContent = `v${planner.version()}`;
  const examples = planner.examples();
  const select = byId<HTMLSelectElement>('example-select');
  select.replaceChildren(...examples.map((e) => h('option', { value: e.name }, e.file)));

  const fromUrl = decodeConfig(window.location.hash);
  const initial = fromUrl ?? examples[0]?.text ?? '';
  if (fromUrl !== null) {
    select.prepend(h('option', { value: '', disabled: true }, 'the shared link'));
    select.value = '';
  }

  let current: { errors: number; version: string | null; cluster: string | null } = { errors: 0, version: null, cluster: null };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const editor: ConfigEditor = createEditor(byId('editor'), initial, () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });

  function refresh(): void {
    const source = editor.text();
    let analysis: Analysis;
    try {
      analysis = planner.analyze(source);
    } catch (err) {
      fail(err);
      return;
    }
    const format = source.trimStart().startsWith('{') ? 'JSON' : 'YAML';
    byId('format-label').textContent = `(${format})`;
    editor.showDiagnostics(analysis.diagnostics, source);
    renderProblems(analysis.diagnostics, {
      reveal: (d) => editor.select(d.offsets.start, d.offsets.end),
      fix: (f) => {
        if (!editor.applyEdits(f.edits, source)) say('The text changed; try the fix again');
      },
    });
    renderPlan(analysis.plan);
    renderSubnet(analysis.plan, analysis.diagnostics);
    refreshForm(source);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    let rendered: RenderedNode[] | null = null;
    if (errors === 0) {
      try {
        rendered = planner.render(source);
      } catch (err) {
        if (isTrap(err)) fail(err);
      }
    }
    renderPatches(rendered, errors ? `The config has ${errors} error(s); fix them to render the patches.` : 'Nothing to render.');
    refreshExports(source);
    current = {
      errors,
      // The installer image ends in the Talos release: `...installer/<id>:v1.12.0`.
      version: analysis.plan?.image?.installer_image.split(':').pop() ?? null,
      cluster: analysis.plan?.cluster_name ?? null,
    };
    refreshMachineConfigs();
    storeInUrl(source);
    const nodes = analysis.plan?.nodes.length ?? 0;
    byId('app').setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
    document.body.dataset.errors = String(errors);
    say(`${nodes} VM${nodes === 1 ? '' : 's'} planned, ${errors} error${errors === 1 ? '' : 's'}`, true);
  }

  select.addEventListener('change', () => {
    const example = examples.find((e) => e.name === select.value);
    if (example) editor.replaceAll(example.text);
  });
  setupForm(editor.text, (result, source) => {
    if (!editor.applyEdits(result.edits, source)) say('The text changed; try again');
  });
  setupPatches(say);
  setupExports(say);
  setupMachineConfigs(() => editor.text(), () => current, say);
  byId('share-button').addEventListener('click', async () => {
    storeInUrl(editor.text());
    say((await copyText(window.location.href)) ? 'Link copied' : 'Copy the address bar to share');
  });
  window.addEventListener('hashchange', () => {
    const text = decodeConfig(window.location.hash);
    if (text !== null && text !== editor.text()) editor.replaceAll(text);
  });
  refresh();
}

start().catch(fail);
