// Export of the config: as written (YAML), as terraform.tfvars.json, and as a
// Terraform `module` block for terraform-proxmox-talos-cluster. The three are tabs
// (WAI-ARIA tab pattern: the selected one is marked, arrow keys move between them).
import { copyText, saveFile } from '../download';
import { byId } from '../dom';
import { messageOf, planner } from '../planner';

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
  try {
    content = kind === 'yaml' ? source
      : kind === 'tfvars' ? planner.exportTfvarsJson(source)
      : planner.exportModule(source, 'talos_cluster');
    failed = false;
  } catch (err) {
    content = messageOf(err);
    failed = true;
  }
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
