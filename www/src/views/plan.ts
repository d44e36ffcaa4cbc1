// The plan: the API endpoint and the VIP up front, then one table row per VM. Each cell
// carries its column's name (`data-label`), so a phone shows every VM as a card.
import { byId, h } from '../dom';
import type { Plan } from '../planner';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined ? '–' : String(v));

export function renderPlan(plan: Plan | null): void {
  const endpoint = byId('endpoint');
  const vip = byId('vip');
  const status = byId('ha-status');
  const body = byId<HTMLTableElement>('plan-table').tBodies[0];
  const image = byId('image-line');
  if (!plan) {
    endpoint.textContent = '–';
    vip.textContent = '–';
    status.textContent = 'unknown';
    status.className = 'badge off';
    body?.replaceChildren(h('tr', {}, h('td', { colspan: 11, class: 'message' }, 'No plan: fix the problems in the config.')));
    image.textContent = '';
    return;
  }
  const controlPlanes = plan.nodes.filter((n) => n.role === 'controlplane').length;
  endpoint.textContent = dash(plan.cluster_endpoint);
  if (plan.ha_vip_enabled) {
    vip.textContent = plan.ha_vip ? `${plan.ha_vip} on ${dash(plan.ha_vip_interface)}` : 'unknown';
    status.textContent = `HA enabled: ${controlPlanes} control planes share it`;
    status.className = 'badge on';
  } else {
    vip.textContent = 'none';
    status.textContent = 'HA disabled: one control plane, the endpoint is controlplane-1';
    status.className = 'badge off';
  }
  const cell = (label: string, text: string, cls?: string) => h('td', { 'data-label': label, class: cls }, text);
  body?.replaceChildren(
    ...plan.nodes.map((n) =>
      h(
        'tr',
        { class: n.role, 'data-node': n.key },
        h('th', { scope: 'row' }, n.key),
        cell('Role', n.role === 'controlplane' ? 'control plane' : 'worker'),
        cell('Hostname', dash(n.hostname)),
        cell('VM ID', dash(n.vm_id), 'num'),
        cell('Proxmox node', dash(n.proxmox_node)),
        cell('IP / prefix', n.ip_address ? `${n.ip_address}/${dash(n.prefix)}` : '–'),
        cell('Gateway', dash(n.gateway)),
        cell('VLAN', dash(n.vlan_id), 'num'),
        cell('CPU', dash(n.cpu), 'num'),
        cell('Memory', n.memory === null ? '–' : `${n.memory} MiB`, 'num'),
        cell('Disk', n.disk === null ? '–' : `${n.disk} GiB`, 'num'),
      ),
    ),
  );
  image.textContent = plan.image
    ? `Talos image: ${plan.image.installer_image ?? `schematic ${plan.image.schematic_id} (the version, platform or architecture is not known yet)`}`
    : '';
}
