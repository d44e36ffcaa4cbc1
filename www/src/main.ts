// The planner page: loads the WebAssembly planner, then keeps every view in step with
// the config text. One `analyze` per change feeds the editor's diagnostics, the
// problem list, the plan, the subnet picture and the form.
import './style.css';

import { copyText } from './download';
import { byId, h } from './dom';
import { createEditor, type ConfigEditor } from './editor';
import { refreshForm, setupForm, showError } from './form';
import { refreshHosts, setupHosts } from './hosts';
import {
  type Analysis,
  convertToYaml,
  isTrap,
  loadPlanner,
  loadTerraform,
  messageOf,
  needsTerraform,
  planner,
  type RenderedNode,
} from './planner';
import { keepKnown, onRulesChange, restore, ruleOptions, silence, silencedRules } from './rules';
import { lastConfig, readShared, remember, storeInUrl } from './share';
import { refreshExports, setupExports } from './views/exports';
import { refreshMachineConfigs, setupMachineConfigs } from './views/machine-configs';
import { renderPatches, setupPatches } from './views/patches';
import { renderPlan } from './views/plan';
import { isNote, renderProblems } from './views/problems';
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

  keepKnown(new Set(planner.ruleIds()));

  // A damaged link says so, and the page keeps the config last edited here (or, on a
  // first visit, the built-in example) instead of pretending the link worked.
  const linkError = byId('link-error');
  const damaged = (why: string, keeping: string) => {
    linkError.textContent = `This link's config is damaged: ${why}. ${keeping}`;
    linkError.hidden = false;
  };
  const shared = readShared(window.location.hash);
  let initial = examples[0]?.text ?? '';
  if (shared.kind === 'config') {
    initial = shared.text;
    select.prepend(h('option', { value: '', disabled: true }, 'the shared link'));
    select.value = '';
  } else if (shared.kind === 'damaged') {
    const last = lastConfig();
    if (last !== null) initial = last;
    damaged(shared.why, last !== null
      ? 'Showing the config you last edited in this browser instead.'
      : 'Showing the built-in example instead.');
  }

  let current: { errors: number; version: string | null; cluster: string | null } = { errors: 0, version: null, cluster: null };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const editor: ConfigEditor = createEditor(byId('editor'), initial, () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });

  function refresh(): void {
    const source = editor.text();
    // Terraform text: fetch the Terraform reader first (once), then look again.
    if (needsTerraform(source)) {
      say('Loading the Terraform reader…', true);
      loadTerraform().then((ms) => {
        document.body.dataset.terraformLoadMs = String(Math.round(ms));
        refresh();
      }, fail);
      return;
    }
    let analysis: Analysis;
    const options = ruleOptions();
    try {
      analysis = planner.analyze(source, options);
    } catch (err) {
      fail(err);
      return;
    }
    const format = planner.detectFormat(source);
    byId('format-label').textContent = `(${format === 'hcl' ? 'Terraform' : format.toUpperCase()})`;
    document.body.dataset.format = format;
    byId('convert-yaml').hidden = format !== 'hcl';
    editor.setLanguage(format === 'hcl' ? 'hcl' : 'yaml').catch(fail);
    editor.showDiagnostics(analysis.diagnostics, source);
    renderProblems(analysis.diagnostics, silencedRules(), {
      reveal: (d) => editor.select(d.offsets.start, d.offsets.end),
      fix: (f) => {
        if (!editor.applyEdits(f.edits, source)) say('The text changed; try the fix again');
      },
      silence: (code) => {
        silence(code);
        say(`${code} is silenced on this page`);
      },
      restore: (code) => restore(code),
    });
    renderPlan(analysis.plan);
    refreshHosts(analysis.plan);
    renderSubnet(analysis.plan, analysis.diagnostics);
    refreshForm(source);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    let rendered: RenderedNode[] | null = null;
    if (errors === 0) {
      try {
        rendered = planner.render(source, options);
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
    remember(source);
    const nodes = analysis.plan?.nodes.length ?? 0;
    const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
    const notes = analysis.diagnostics.filter(isNote).length;
    byId('app').setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
    document.body.dataset.errors = String(errors);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    say([
      `${plural(nodes, 'VM')} planned`,
      plural(errors, 'error'),
      ...(warnings ? [plural(warnings, 'warning')] : []),
      ...(notes ? [plural(notes, 'note')] : []),
    ].join(', '), true);
  }
  onRulesChange(refresh);

  select.addEventListener('change', () => {
    const example = examples.find((e) => e.name === select.value);
    if (example) editor.replaceAll(example.text);
  });
  setupForm(editor.text, (result, source) => {
    if (!editor.applyEdits(result.edits, source)) say('The text changed; try again');
  });
  setupHosts(editor.text, (result, source) => {
    if (!editor.applyEdits(result.edits, source)) say('The text changed; try again');
  }, showError);
  setupPatches(say);
  setupExports(say);
  byId('convert-yaml').addEventListener('click', () => {
    try {
      editor.replaceAll(convertToYaml(editor.text()));
      say('Converted to YAML (undo with Ctrl-Z)');
    } catch (err) {
      say(`Cannot convert to YAML: ${messageOf(err)}`, true);
    }
  });
  setupMachineConfigs(() => editor.text(), () => current, say);
  byId('share-button').addEventListener('click', async () => {
    storeInUrl(editor.text());
    say((await copyText(window.location.href)) ? 'Link copied' : 'Copy the address bar to share');
  });
  window.addEventListener('hashchange', () => {
    const link = readShared(window.location.hash);
    if (link.kind === 'damaged') {
      damaged(link.why, 'Your config is unchanged.');
      return;
    }
    linkError.hidden = true;
    if (link.kind === 'config' && link.text !== editor.text()) editor.replaceAll(link.text);
  });
  refresh();
}

start().catch(fail);
