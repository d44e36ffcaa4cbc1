// A picture of the subnet: one square per address (a window of 256 for large
// prefixes), with the gateway, DNS servers, control planes, workers and the VIP placed
// on it; collisions and addresses outside the range are marked, and listed in text.
import ipaddr from 'ipaddr.js';

import { byId, h, s } from '../dom';
import type { Diagnostic, Plan } from '../planner';

type Kind = 'network' | 'broadcast' | 'gateway' | 'dns' | 'controlplane' | 'worker' | 'vip';

interface Item {
  kind: Kind;
  label: string;
  address: string;
  value: bigint;
  v6: boolean;
}

/** Drawn on top when several things share an address. */
const PRIORITY: Kind[] = ['vip', 'controlplane', 'worker', 'gateway', 'dns', 'network', 'broadcast'];
const EXCLUSIVE = new Set<Kind>(['vip', 'controlplane', 'worker']);
const LEGEND: [Kind | 'free', string, string][] = [
  ['controlplane', 'control plane', '--cp'],
  ['worker', 'worker', '--worker'],
  ['vip', 'VIP', '--vip'],
  ['gateway', 'gateway', '--gateway'],
  ['dns', 'DNS server', '--dns'],
  ['network', 'network / broadcast', '--reserved'],
  ['free', 'free', '--free'],
];
const WINDOW = 256n;

function parse(text: string | null | undefined): { value: bigint; v6: boolean } | null {
  if (!text || !ipaddr.isValid(text)) return null;
  const addr = ipaddr.parse(text);
  let value = 0n;
  for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
  return { value, v6: addr.kind() === 'ipv6' };
}

function format(value: bigint, v6: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < (v6 ? 16 : 4); i += 1) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

let drawn: { plan: Plan | null; diagnostics: Diagnostic[]; width: number } | null = null;
let observer: ResizeObserver | null = null;

/** Draws again when the picture's width changes enough to change its layout. */
function watchWidth(root: HTMLElement): void {
  if (observer || typeof ResizeObserver === 'undefined') return;
  observer = new ResizeObserver(() => {
    if (drawn && Math.abs(root.clientWidth - drawn.width) > 40) renderSubnet(drawn.plan, drawn.diagnostics);
  });
  observer.observe(root);
}

export function renderSubnet(plan: Plan | null, diagnostics: Diagnostic[]): void {
  const root = byId('subnet');
  watchWidth(root);
  drawn = { plan, diagnostics, width: root.clientWidth };
  const net = plan ? parse(plan.network.network_address) : null;
  if (!plan || !net || plan.network.prefix === null) {
    root.replaceChildren(h('p', { class: 'message' }, 'No subnet to show: the network is not known yet.'));
    return;
  }
  const bits = net.v6 ? 128 : 32;
  const prefix = plan.network.prefix;
  const size = 1n << BigInt(bits - prefix);
  const base = net.value;

  const items: Item[] = [];
  const add = (kind: Kind, label: string, address: string | null | undefined) => {
    const parsed = parse(address);
    if (parsed && address) items.push({ kind, label, address: format(parsed.value, parsed.v6), ...parsed });
  };
  // As the planner reserves them: the network address in IPv4 up to /30 and IPv6 up to
  // /126 (subnet-router anycast), the broadcast address in IPv4 only.
  if (bits - prefix >= 2) {
    add('network', 'network address', plan.network.network_address);
    if (!net.v6) add('broadcast', 'broadcast address', plan.network.last_address);
  }
  add('gateway', 'gateway', plan.network.gateway);
  for (const dns of plan.network.dns_servers ?? []) add('dns', 'DNS server', dns);
  for (const n of plan.nodes) add(n.role, n.key, n.ip_address);
  if (plan.ha_vip_enabled) add('vip', 'VIP', plan.ha_vip);

  const inRange = (i: Item) => i.v6 === net.v6 && i.value >= base && i.value < base + size;
  const byHost = new Map<bigint, Item[]>();
  for (const item of items.filter(inRange)) {
    const host = item.value - base;
    byHost.set(host, [...(byHost.get(host) ?? []), item]);
  }
  const vipFlagged = diagnostics.some((d) => d.code === 'vip-conflict');
  const collides = (group: Item[]) => {
    const exclusive = group.filter((i) => EXCLUSIVE.has(i.kind)).length;
    return exclusive >= 2 || (exclusive >= 1 && group.length > exclusive);
  };

  // The window: the whole prefix when small, else the 256 addresses around the first
  // placed one (not counting the network address).
  let start = 0n;
  if (size > WINDOW) {
    const hosts = [...byHost.entries()]
      .filter(([, g]) => g.some((i) => i.kind !== 'network' && i.kind !== 'broadcast'))
      .map(([host]) => host);
    const first = hosts.length ? hosts.reduce((a, b) => (a < b ? a : b)) : 0n;
    start = (first / WINDOW) * WINDOW;
  }
  const count = Number(size < WINDOW ? size : WINDOW);
  // A phone gets 16 squares a row instead of 32, so they and the labels stay large;
  // labels are sized to read about 12 px whatever the picture's scale.
  const width = root.clientWidth || 640;
  const cols = Math.min(width < 560 ? 16 : 32, count);
  const rows = Math.ceil(count / cols);
  const cell = 20;
  const gap = 3;
  const approx = (cols * (cell + gap)) / (width * 0.85);
  const fontSize = Math.max(11, Math.round(12 * approx));
  const labelWidth = Math.ceil(fontSize * (net.v6 ? 4.2 : 3.2));

  const svg = s('svg', {
    viewBox: `0 0 ${labelWidth + cols * (cell + gap)} ${rows * (cell + gap)}`,
    role: 'img',
    'aria-labelledby': 'subnet-caption',
  });
  for (let r = 0; r < rows; r += 1) {
    const host = start + BigInt(r * cols);
    const label = net.v6 ? `+${host.toString(16)}` : `.${format(base + host, false).split('.')[3]}`;
    svg.append(s('text', { x: 0, y: r * (cell + gap) + cell / 2, 'dominant-baseline': 'central', class: 'row-label', 'font-size': fontSize, fill: 'currentColor' }, label));
  }
  for (let i = 0; i < count; i += 1) {
    const host = start + BigInt(i);
    const group = byHost.get(host) ?? [];
    const address = format(base + host, net.v6);
    const kind = PRIORITY.find((k) => group.some((g) => g.kind === k));
    const collision = collides(group) || (vipFlagged && group.some((g) => g.kind === 'vip') && group.length > 1);
    const x = labelWidth + (i % cols) * (cell + gap);
    const y = Math.floor(i / cols) * (cell + gap);
    const title = group.length ? `${address}: ${group.map((g) => g.label).join(', ')}${collision ? ' (collision)' : ''}` : `${address}: free`;
    const classes = ['cell', ...new Set(group.map((g) => g.kind))];
    if (collision) classes.push('collision');
    const rect = s('rect', {
      x, y, width: cell, height: cell, rx: kind === 'vip' ? cell / 2 : 3,
      class: classes.join(' '),
      'data-address': address,
      'data-kinds': group.map((g) => g.kind).join(' ') || undefined,
      'data-collision': collision ? 'true' : undefined,
    }, s('title', {}, title));
    svg.append(rect);
    if (collision) {
      svg.append(s('path', { d: `M${x + 4} ${y + 4}L${x + cell - 4} ${y + cell - 4}M${x + cell - 4} ${y + 4}L${x + 4} ${y + cell - 4}`, class: 'collision-mark' }));
    }
  }

  // The same facts in words, with what the picture cannot show.
  const lines: HTMLLIElement[] = [];
  for (const [host, group] of [...byHost.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const names = group.map((g) => g.label).join(', ');
    const address = group[0]?.address ?? '';
    const outside = host < start || host >= start + BigInt(count);
    if (collides(group) || (vipFlagged && group.some((g) => g.kind === 'vip') && group.length > 1)) {
      lines.push(h('li', { class: 'bad', 'data-collision': 'true' }, `Collision at ${address}: ${names}`));
    } else if (group.some((g) => g.kind !== 'network' && g.kind !== 'broadcast')) {
      lines.push(h('li', {}, `${address}: ${names}`, outside ? h('span', { class: 'note' }, ' (beyond the picture)') : null));
    }
  }
  for (const item of items.filter((i) => !inRange(i))) {
    if (item.kind === 'dns') {
      lines.push(h('li', {}, `${item.address}: ${item.label} `, h('span', { class: 'note' }, '(outside the subnet, reached through the gateway)')));
      continue;
    }
    const node = plan.nodes.find((n) => n.key === item.label);
    const own = node && ownSubnet(node.ip_address, node.prefix, node.gateway);
    if (own) {
      lines.push(h('li', {}, `${item.address}: ${item.label} `, h('span', { class: 'note' }, `(in its own subnet ${own})`)));
    } else {
      lines.push(h('li', { class: 'bad', 'data-out-of-range': 'true' }, `${item.address}: ${item.label} is outside ${plan.network.cidr}`));
    }
  }

  const shown = size > WINDOW ? `, showing ${format(base + start, net.v6)} – ${format(base + start + WINDOW - 1n, net.v6)}` : '';
  root.replaceChildren(
    h('p', { id: 'subnet-caption', class: 'hint' }, `${plan.network.cidr}: ${size.toLocaleString()} addresses${shown}.`),
    svg,
    h('ul', { class: 'legend', 'aria-label': 'Legend' },
      ...LEGEND.map(([, label, color]) => h('li', { style: `--swatch: var(${color})` }, label)),
      h('li', { style: '--swatch: var(--error)' }, 'collision (crossed out)')),
    h('ul', { class: 'subnet-list', 'data-testid': 'subnet-list' }, ...lines),
  );
}

/** The subnet a node lives in when it is not the default one but is self-consistent. */
function ownSubnet(ip: string | null, prefix: number | null, gateway: string | null): string | null {
  if (!ip || prefix === null || !gateway || !ipaddr.isValid(ip) || !ipaddr.isValid(gateway)) return null;
  try {
    const cidr = ipaddr.parseCIDR(`${ip}/${prefix}`);
    const gw = ipaddr.parse(gateway);
    if (gw.kind() !== cidr[0].kind() || !gw.match(cidr)) return null;
    return networkOf(ip, prefix);
  } catch {
    return null;
  }
}

function networkOf(ip: string, prefix: number): string | null {
  const parsed = parse(ip);
  if (!parsed) return null;
  const bits = BigInt(parsed.v6 ? 128 : 32);
  const mask = ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
  return `${format(parsed.value & mask, parsed.v6)}/${prefix}`;
}
