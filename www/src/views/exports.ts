// Export of the config: as written (YAML), as terraform.tfvars.json, and as a
// Terraform `module` block for terraform-proxmox-talos-cluster.
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
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
    button.addEventListener('click', () => {
      kind = button.dataset.export as Kind;
      show();
    });
  }
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
    button.setAttribute('aria-pressed', String(button.dataset.export === kind));
  }
  byId('export-name').textContent = FILES[kind][0];
  byId('export-preview').textContent = content;
  byId<HTMLButtonElement>('export-copy').disabled = failed;
  byId<HTMLButtonElement>('export-download').disabled = failed;
}
