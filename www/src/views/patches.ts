// The rendered Talos patches: one node at a time, each patch with copy and download,
// and every file of every node at once as a zip (`<node>/<NN-name>.yaml`, the layout
// of `talos-planner render --out`).
import { strToU8, zipSync } from 'fflate';

import { copyText, saveFile } from '../download';
import { byId, h } from '../dom';
import type { RenderedNode } from '../planner';

let nodes: RenderedNode[] = [];
let notify: (message: string) => void = () => {};

export function setupPatches(onMessage: (message: string) => void): void {
  notify = onMessage;
  byId<HTMLSelectElement>('patch-node').addEventListener('change', showSelected);
  byId('download-all').addEventListener('click', () => {
    if (!nodes.length) return;
    const files: Record<string, Uint8Array> = {};
    for (const n of nodes) {
      for (const p of n.patches) files[`talos-patches/${n.key}/${p.name}`] = strToU8(p.content);
    }
    saveFile('talos-patches.zip', zipSync(files, { level: 6 }), 'application/zip');
    notify(`Downloaded ${Object.keys(files).length} patch files`);
  });
}

/** Shows `rendered`, or why there is nothing to show. */
export function renderPatches(rendered: RenderedNode[] | null, reason: string): void {
  nodes = rendered ?? [];
  const select = byId<HTMLSelectElement>('patch-node');
  const previous = select.value;
  select.replaceChildren(...nodes.map((n) => h('option', { value: n.key }, `${n.key} (${n.hostname})`)));
  if (nodes.some((n) => n.key === previous)) select.value = previous;
  select.disabled = nodes.length === 0;
  byId<HTMLButtonElement>('download-all').disabled = nodes.length === 0;
  if (!nodes.length) {
    byId('patches').replaceChildren(h('p', { class: 'message' }, reason));
    return;
  }
  showSelected();
}

function showSelected(): void {
  const key = byId<HTMLSelectElement>('patch-node').value;
  const node = nodes.find((n) => n.key === key) ?? nodes[0];
  if (!node) return;
  byId('patches').replaceChildren(
    ...node.patches.map((p) => {
      const copy = h('button', { type: 'button', 'aria-label': `Copy ${p.name}` }, 'Copy');
      copy.addEventListener('click', async () => notify((await copyText(p.content)) ? `Copied ${p.name}` : 'Copy failed'));
      const save = h('button', { type: 'button', class: 'secondary', 'aria-label': `Download ${p.name}` }, 'Download');
      save.addEventListener('click', () => saveFile(`${node.key}-${p.name}`, p.content, 'application/yaml'));
      const origin = p.origin.kind === 'user' ? `cluster.config_patches[${p.origin.index}]` : 'planner template';
      return h(
        'article',
        { class: 'patch', 'data-patch': p.name },
        h('header', {}, h('code', {}, p.name), h('span', { class: 'hint' }, origin), copy, save),
        h('pre', { tabindex: 0 }, p.content),
      );
    }),
  );
}
