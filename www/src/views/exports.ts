// Export of the config: as YAML (as written, or converted from Terraform), as
// terraform.tfvars.json, and as a Terraform `module` block for
// terraform-proxmox-talos-cluster (pinned to its HA VIP branch, `ha_vip` written out).
// Beside the Terraform exports: where the module's code would still build something
// else than the plan. The three are tabs (WAI-ARIA tab pattern: the selected one is
// marked, arrow keys move between them).
import { copyText, saveFile } from '../download';
import { byId, h } from '../dom';
import { convertToYaml, messageOf, planner } from '../planner';

type Kind = 'yaml' | 'tfvars' | 'module';

const FILES: Record<Kind, [string, string]> = {
  yaml: ['cluster.yaml', 'application/yaml'],
  tfvars: ['terraform.tfvars.json', 'application/json'],
  module: ['main.tf', 'text/plain'],
};

let kind: Kind = 'module';
let source = '';
let content = '';
let failed = false;

export function setupExports(onMessage: (message: string) => void): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[data-export]')];
  tabs.forEach((button, i) => {
    button.addEventListener('click', () => {
      kind = button.dataset.export as Kind;
      show();
    });
    button.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      const to = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + step + tabs.length) % tabs.length;
      if (step === 0 && e.key !== 'Home' && e.key !== 'End') return;
      e.preventDefault();
      tabs[to]?.focus();
      tabs[to]?.click();
    });
  });
  byId('export-copy').addEventListener('click', async () => {
    if (!failed) onMessage((await copyText(content)) ? `Copied ${FILES[kind][0]}` : 'Copy failed');
  });
  byId('export-download').addEventListener('click', () => {
    if (!failed) saveFile(FILES[kind][0], content, FILES[kind][1]);
  });
}

export function refreshExports(text: string): void {
  source = text;
  show();
}

function show(): void {
  const terraform = planner.detectFormat(source) === 'hcl';
  try {
    content = kind === 'yaml' ? (terraform ? convertToYaml(source) : source)
      : kind === 'tfvars' ? planner.exportTfvarsJson(source)
      : planner.exportModule(source, 'talos_cluster');
    failed = false;
  } catch (err) {
    content = messageOf(err);
    failed = true;
  }
  showDifferences(kind === 'yaml' || failed ? [] : differences());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
    const selected = button.dataset.export === kind;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    if (selected) byId('export-panel').setAttribute('aria-labelledby', button.id);
  }
  byId('export-name').textContent = FILES[kind][0];
  byId('export-preview').textContent = content;
  byId<HTMLButtonElement>('export-copy').disabled = failed;
  byId<HTMLButtonElement>('export-download').disabled = failed;
}

/** What the module's code builds differently from the plan, whatever the export says. */
function differences(): string[] {
  try {
    return planner.exportDifferences(source).map((d) => d.message);
  } catch {
    return [];
  }
}

function showDifferences(messages: string[]): void {
  let list = document.getElementById('export-notes');
  if (list === null) {
    list = h('ul', { id: 'export-notes', class: 'problems', 'data-testid': 'export-notes' });
    byId('export-preview').after(list);
  }
  list.hidden = messages.length === 0;
  list.replaceChildren(...messages.map((m) => h('li', { class: 'warning' }, `Terraform differs: ${m}`)));
}
