// The plan: the API endpoint and the VIP up front, then one table row per VM.
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
    body?.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'message' }, 'No plan: fix the problems in the config.')));
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
  body?.replaceChildren(
    ...plan.nodes.map((n) =>
      h(
        'tr',
        { class: n.role, 'data-node': n.key },
        h('th', { scope: 'row' }, n.key),
        h('td', {}, n.role === 'controlplane' ? 'control plane' : 'worker'),
        h('td', {}, dash(n.hostname)),
        h('td', { class: 'num' }, dash(n.vm_id)),
        h('td', {}, dash(n.proxmox_node)),
        h('td', {}, n.ip_address ? `${n.ip_address}/${dash(n.prefix)}` : '–'),
        h('td', { class: 'num' }, dash(n.cpu)),
        h('td', { class: 'num' }, n.memory === null ? '–' : `${n.memory} MiB`),
        h('td', { class: 'num' }, n.disk === null ? '–' : `${n.disk} GiB`),
      ),
    ),
  );
  image.textContent = plan.image ? `Talos image: ${plan.image.installer_image}` : '';
}
