// The "Proxmox hosts" quick setting: the hosts the control planes are on, in order; a
// list typed here spreads them round-robin (the planner's `spreadControlplanes`, the
// same edit as the `controlplanes-share-host` fix), through the overrides' `node`.
import { byId } from './dom';
import { type EditResult, messageOf, type Plan, planner } from './planner';

/** `apply` receives the edit computed on the text it was given. */
export function setupHosts(
  current: () => string,
  apply: (result: EditResult, source: string) => void,
  onError: (message: string | null) => void,
): void {
  const input = byId<HTMLInputElement>('proxmox-hosts');
  input.addEventListener('change', () => {
    const hosts = input.value.split(/[\s,]+/).filter(Boolean);
    input.removeAttribute('aria-invalid');
    if (hosts.length === 0) return;
    const source = current();
    try {
      apply(planner.spreadControlplanes(source, hosts), source);
      onError(null);
    } catch (err) {
      input.setAttribute('aria-invalid', 'true');
      onError(`Could not spread the control planes: ${messageOf(err)}`);
    }
  });
}

/** Shows the control planes' hosts, each once (leaving alone the field being typed in). */
export function refreshHosts(plan: Plan | null): void {
  const input = byId<HTMLInputElement>('proxmox-hosts');
  if (document.activeElement === input) return;
  const hosts: string[] = [];
  for (const n of plan?.nodes ?? []) {
    if (n.role === 'controlplane' && n.proxmox_node && !hosts.includes(n.proxmox_node)) hosts.push(n.proxmox_node);
  }
  input.value = hosts.join(', ');
}
