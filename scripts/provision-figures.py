"""Measures `talos-planner apply --proxmox-only` against fakepve (see provision-figures.sh).

Realistic task durations in PVE seconds, for a Talos nocloud image on a small cluster with
local LVM-thin storage: the image download 20 s, a VM created by importing the 1.2 GiB
image 12 s, the disk grown 1 s, the VM started 2 s, 30 ms per API answer. fakepve runs
them at TIME_SCALE real seconds per PVE second and talos-planner polls at 500 ms x
TIME_SCALE, so the measured times divided by TIME_SCALE are the times against a real
cluster of that speed.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, 'target', 'debug', 'talos-planner')
TASKS = 'download=20,qmcreate=12,resize=1,qmstart=2'
LATENCY = 0.03

def config_text(factory, cps, workers):
    """A cluster spread over pve01..pve03: node i of each role on pve0i."""
    def overrides(prefix, count):
        lines = ['    {0}-{1}: {{ node: pve0{1} }}'.format(prefix, i) for i in range(2, min(count, 3) + 1)]
        return ('  overrides:\n' + '\n'.join(lines) + '\n') if lines else ''
    return (
        'cluster:\n  name: figures\n  node: pve01\n  datastore: local-lvm\n  vm_base_id: 800\n'
        'image:\n  version: v1.12.0\n  extensions: [qemu-guest-agent]\n  factory_url: {0}\n'
        'network:\n  bridge: vmbr0\n  cidr: 10.20.0.0/24\n  gateway: 10.20.0.1\n'
        '  dns_servers: [10.20.0.1]\n'
        'controlplane:\n  count: {1}\n  specs: {{ cpu: 2, memory: 4096, disk: 40 }}\n{2}'
        'worker:\n  count: {3}\n  specs: {{ ip_offset: 10, cpu: 4, memory: 8192, disk: 60 }}\n{4}'
    ).format(factory, cps, overrides('controlplane', cps), workers, overrides('worker', workers))


def run_once(scale, cps, workers, concurrency):
    work = tempfile.mkdtemp(prefix='figures-')
    secret = secrets.token_hex(16)
    ready = os.path.join(work, 'ready.json')
    stats_file = os.path.join(work, 'stats.json')
    env = dict(os.environ, FAKEPVE_TOKEN_SECRET=secret)
    server = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, 'scripts', 'fakepve-serve.py'), '--host', '127.0.0.1',
         '--release', '8.4', '--time-scale', str(scale), '--task-secs', TASKS,
         '--latency', str(LATENCY), '--ready-file', ready, '--stats-file', stats_file],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(ready):
                break
            time.sleep(0.05)
        info = json.load(open(ready))
        config = os.path.join(work, 'cluster.yaml')
        text = config_text(info['factory_url'], cps, workers)
        with open(config, 'w') as out:
            out.write(text)
        poll = max(10, int(500 * scale))
        cmd = [BIN, 'apply', config, '--proxmox-only', '--fingerprint', info['fingerprint'],
               '--output', 'json', '--poll-ms', str(poll), '--concurrency', str(concurrency)]
        run_env = dict(os.environ, PROXMOX_VE_ENDPOINT=info['url'],
                       PROXMOX_VE_API_TOKEN='root@pam!talos-planner=' + secret)
        start = time.monotonic()
        done = subprocess.run(cmd, env=run_env, capture_output=True, text=True)
        wall = time.monotonic() - start
        if done.returncode != 0:
            sys.exit('apply failed:\n' + done.stdout + done.stderr)
        finish = [json.loads(l) for l in done.stdout.splitlines() if '"finish"' in l][-1]
    finally:
        server.terminate()
        server.wait(10)
    stats = json.load(open(stats_file))
    return wall, finish['proxmox_requests'], stats


def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 0.1
    print('fakepve 8.4, task durations (PVE s) {0}, {1:.0f} ms per answer; time scale {2}'
          .format(TASKS, LATENCY * 1000, scale))
    print()
    print('| VMs | concurrency | wall (measured) | wall (at real speed) | requests | requests per VM |')
    print('|---|---|---|---|---|---|')
    rows = [(1, 0, 4), (3, 3, 4), (3, 3, 1), (3, 3, 6)]
    results = {}
    for cps, workers, conc in rows:
        wall, requests, stats = run_once(scale, cps, workers, conc)
        vms = cps + workers
        results[(vms, conc)] = (wall, stats)
        print('| {0} ({1}+{2}) | {3} | {4:.2f} s | {5:.1f} s | {6} | {7:.1f} |'.format(
            vms, cps, workers, conc, wall, wall / scale, requests, requests / vms))
        sys.stdout.flush()
    print()
    one = results[(1, 4)][0]
    six = results[(6, 4)][0]
    print('3+3 VMs take {0:.2f}x the time of one VM (concurrency 4).'.format(six / one))
    print()
    print('Requests of the 3+3 run by call (fakepve\'s record):')
    for call, n in sorted(results[(6, 4)][1]['by_call'].items()):
        print('  {0:4d}  {1}'.format(n, call))


if __name__ == '__main__':
    main()
