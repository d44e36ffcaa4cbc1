#!/usr/bin/env python3
"""Serves fakepve (PyPI) on loopback for talos-planner's peer test and its figures.

fakepve's own command line cannot create API tokens, nodes or storages, so this small
server script sets them up through fakepve's Python API (as its documentation suggests):

- an API token (`--token-id`, secret from the FAKEPVE_TOKEN_SECRET environment variable);
- the Proxmox nodes and the release (`--nodes`, `--release`);
- the storages: `local` (dir: iso, vztmpl, backup, import) and `local-lvm` (images);
- task durations in PVE seconds (`--task-secs qmcreate=12,qmstart=3,...`) and a
  per-response latency (`--latency`), scaled by `--time-scale` (real seconds per PVE
  second);
- `PUT .../qemu/{vmid}/resize`, which fakepve 0.5 answers generically (success, no
  change): here it grows the disk's `size=`, as Proxmox does, so a second run sees it;
- `GET /nodes/{node}/network`, which fakepve 0.5 answers from the schema alone: here each
  node has the bridges of `--bridges` (`vmbr0` VLAN-aware and `vmbr1` not, by default), as
  pve-manager's `PVE::API2::Network` lists them (`type`, `iface`, `bridge_vlan_aware`,
  `active`), filtered by `type` (`any_bridge` is Linux and OVS bridges);
- node sizes (`--node-memory-gib`, `--node-cpus`; fakepve reports 8 GiB and 4 CPUs, too
  small for a cluster) and the size of `local-lvm` (`--lvm-gib`);
- a stand-in Image Factory on plain HTTP: `POST /schematics` answers the SHA-256 of the
  body as the schematic ID, as the real factory does for a canonical schematic.

When it listens it writes `--ready-file` (JSON: url, fingerprint, ca_pem, factory_url)
and prints one line.
On SIGTERM or SIGINT it writes `--stats-file` (JSON: requests by method and path
template) and exits. It binds loopback only.
"""

import argparse
import asyncio
import hashlib
import ipaddress
import json
import os
import re
import signal
import sys
import tempfile

from aiohttp import web
from fakepve import FakePve
from fakepve.certs import make_cert
from fakepve.lxc import SIZE_UNITS, format_size, split_props
from fakepve.model import PveError


class PlannerPve(FakePve):
    """fakepve with task durations by task type and a qemu disk resize."""

    def __init__(self, *args, task_secs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_secs = dict(task_secs or {})

    async def task(self, node, ttype, tid, user, body, vm=None, lock=True, log=()):
        secs = self.task_secs.get(ttype, 0)
        if not secs:
            return await super().task(node, ttype, tid, user, body, vm=vm, lock=lock, log=log)

        async def slow():
            await self.pause(secs)
            return await body()
        return await super().task(node, ttype, tid, user, slow, vm=vm, lock=lock, log=log)

    node_memory = 64 * 1024 ** 3
    node_cpus = 16
    # node -> [(iface, vlan-aware)]; a node not listed has `default_bridges`.
    bridges = {}
    default_bridges = [('vmbr0', True), ('vmbr1', False)]

    def _node_stats(self, online):
        stats = super()._node_stats(online)
        if stats:
            stats.update(maxmem=self.node_memory, maxcpu=self.node_cpus)
        return stats

    def _routes_planner_resize(self):
        return [('PUT', '/nodes/{node}/qemu/{vmid}/resize', self._qm_resize)]

    def _routes_planner_network(self):
        return [('GET', '/nodes/{node}/network', self._node_network)]

    async def _node_network(self, v, user):
        node = v['node']
        if node not in self.nodes:
            raise PveError(500, "hostname lookup '{0}' failed".format(node))
        wanted = v.get('type')
        out = []
        if wanted in (None, 'bridge', 'any_bridge', 'any_local_bridge'):
            for iface, aware in self.bridges.get(node, self.default_bridges):
                item = {'iface': iface, 'type': 'bridge', 'active': 1, 'autostart': 1,
                        'method': 'manual', 'families': ['inet'], 'bridge_ports': 'eno1'}
                if aware:
                    item['bridge_vlan_aware'] = 1
                out.append(item)
        if wanted in (None, 'eth'):
            out.append({'iface': 'eno1', 'type': 'eth', 'active': 1, 'method': 'manual',
                        'families': ['inet']})
        return out

    async def _qm_resize(self, v, user):
        vm = self.find(v['node'], v['vmid'])
        disk, size = v['disk'], str(v['size'])
        if disk not in vm.config:
            raise PveError(500, "disk '{0}' does not exist".format(disk))
        volume, props = split_props(vm.config[disk])
        current = _bytes(props.get('size', '0'))
        found = re.fullmatch(r'(\+)?(\d+(?:\.\d+)?)([KMGT])?', size)
        if not found:
            raise PveError(400, 'Parameter verification failed.', {'size': 'invalid size'})
        amount = int(float(found.group(2)) * SIZE_UNITS.get(found.group(3) or 'G', 1))
        new = current + amount if found.group(1) else amount
        if new < current:
            raise PveError(500, "shrinking disks is not supported")

        async def body():
            props['size'] = format_size(new)
            parts = [volume] if volume is not None else []
            parts += ['{0}={1}'.format(k, props[k]) for k in sorted(props)]
            vm.config[disk] = ','.join(parts)
        return await self.task(vm.node, 'resize', vm.vmid, user, body, vm=vm)


def _bytes(text):
    found = re.fullmatch(r'(\d+(?:\.\d+)?)([KMGT])?', str(text))
    if not found:
        return 0
    return int(float(found.group(1)) * SIZE_UNITS.get(found.group(2) or '', 1))


def template_of(path):
    """/api2/json/nodes/pve01/qemu/700/status/start -> /nodes/{node}/qemu/{vmid}/status/start"""
    path = path.split('/api2/json', 1)[-1]
    path = re.sub(r'^/nodes/[^/]+', '/nodes/{node}', path)
    path = re.sub(r'/qemu/\d+', '/qemu/{vmid}', path)
    path = re.sub(r'/storage/[^/]+', '/storage/{storage}', path)
    path = re.sub(r'/tasks/[^/]+', '/tasks/{upid}', path)
    return path


def parse_secs(text):
    out = {}
    for part in filter(None, (text or '').split(',')):
        name, _, secs = part.partition('=')
        out[name.strip()] = float(secs)
    return out


async def serve(args):
    host = args.host
    if not ipaddress.ip_address(host).is_loopback:
        sys.exit('fakepve-serve: only loopback addresses are allowed, not ' + host)
    secret = os.environ.get('FAKEPVE_TOKEN_SECRET')
    if not secret:
        sys.exit('fakepve-serve: set FAKEPVE_TOKEN_SECRET')
    pve = PlannerPve(user='root@pam', password=secret, host=host, port=args.port,
                     task_secs=parse_secs(args.task_secs))
    pve.time_scale = args.time_scale
    if args.latency:
        pve.slow_network(args.latency)
    pve.nodes = {}
    for node in args.nodes.split(','):
        pve.add_node(node.strip())
    pve.version = args.release + '.1'
    pve.release_version = args.release
    pve.storages['local']['content'] = 'iso,vztmpl,backup,import'
    pve.storages['local-lvm']['total'] = int(args.lvm_gib * 1024 ** 3)
    pve.node_memory = int(args.node_memory_gib * 1024 ** 3)
    pve.node_cpus = args.node_cpus
    if args.bridges:
        pve.bridges = {}
        pve.default_bridges = []
        for entry in args.bridges.split(','):
            node, iface, *flags = entry.strip().split(':')
            pve.bridges.setdefault(node, []).append((iface, 'vlan' in flags))
    pve.apitokens[args.token_id] = secret
    tmp = tempfile.mkdtemp(prefix='fakepve-serve-')
    certfile, keyfile, der = make_cert(tmp, hosts=(host,))
    await pve.start(certfile, keyfile)
    fingerprint = ':'.join('{0:02X}'.format(b) for b in hashlib.sha256(der).digest())
    schematics = []

    async def register(request):
        body = await request.read()
        schematics.append(body.decode(errors='replace'))
        return web.json_response({'id': hashlib.sha256(body).hexdigest()}, status=201)
    factory = web.Application()
    factory.router.add_post('/schematics', register)
    factory_runner = web.AppRunner(factory)
    await factory_runner.setup()
    site = web.TCPSite(factory_runner, host, args.factory_port)
    await site.start()
    factory_port = factory_runner.addresses[0][1]
    with open(certfile) as cert:
        ca_pem = cert.read()
    ready = {'url': pve.url, 'fingerprint': fingerprint, 'ca_pem': ca_pem,
             'factory_url': 'http://{0}:{1}'.format(host, factory_port)}
    if args.ready_file:
        with open(args.ready_file + '.tmp', 'w') as out:
            json.dump(ready, out)
        os.replace(args.ready_file + '.tmp', args.ready_file)
    print('fakepve-serve listening on ' + pve.url, flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    if args.stats_file:
        counts = {}
        for method, path, _body in pve.requests:
            key = method + ' ' + template_of(path)
            counts[key] = counts.get(key, 0) + 1
        with open(args.stats_file, 'w') as out:
            json.dump({'requests': len(pve.requests), 'by_call': counts,
                       'vms': len(pve.vms), 'schematics_registered': len(schematics)},
                      out, indent=1, sort_keys=True)
    await factory_runner.cleanup()
    await pve.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--token-id', default='root@pam!talos-planner')
    parser.add_argument('--nodes', default='pve01,pve02,pve03')
    parser.add_argument('--release', default='8.4')
    parser.add_argument('--time-scale', type=float, default=0.0)
    parser.add_argument('--task-secs', default='', help='PVE seconds by task type: qmcreate=12,qmstart=3')
    parser.add_argument('--latency', type=float, default=0.0, help='PVE seconds added to every response')
    parser.add_argument('--factory-port', type=int, default=0, help='the stand-in Image Factory (0: free)')
    parser.add_argument('--node-memory-gib', type=float, default=64)
    parser.add_argument('--node-cpus', type=int, default=16)
    parser.add_argument('--lvm-gib', type=float, default=2048, help='size of local-lvm')
    parser.add_argument('--bridges', default='',
                        help='NODE:IFACE[:vlan],...; default: vmbr0 (VLAN-aware) and vmbr1 on every node')
    parser.add_argument('--ready-file')
    parser.add_argument('--stats-file')
    asyncio.run(serve(parser.parse_args()))


if __name__ == '__main__':
    main()
