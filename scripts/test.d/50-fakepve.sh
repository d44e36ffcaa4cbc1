#!/usr/bin/env bash
# Peer test: talos-planner against fakepve (PyPI), an independent fake of the Proxmox VE
# API, started here on loopback with an API token: apply, status, apply again, destroy,
# and day two (scale 3+2 -> 3+1 -> 5+1 -> 3+1, upgrade, preflight failures, with the
# in-process Talos and Kubernetes fakes), and an apply killed while VMs are created then
# run again (tests/provision_fakepve.rs), for PVE 8.4 (disk import) and 8.0 (ISO
# install).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup.d/40-fakepve.sh >/dev/null
venv="${FAKEPVE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/talos-planner/fakepve-venv}"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Build first, so the fake does not idle through a compile.
cargo test --features native --test provision_fakepve --no-run --quiet
secret="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
for release in 8.4 8.0; do
  rm -f "$work/ready.json"
  # Task durations in PVE seconds, at 1/100 of real time; qmcreate long enough (1.5 s)
  # for the killed-run test to kill apply while its VMs are locked `create`.
  FAKEPVE_TOKEN_SECRET="$secret" "$venv/bin/python" scripts/fakepve-serve.py \
    --host 127.0.0.1 --release "$release" --time-scale 0.01 \
    --task-secs qmcreate=150,qmstart=2,qmstop=2,qmdestroy=2,resize=1,download=20 \
    --ready-file "$work/ready.json" --stats-file "$work/stats.json" >"$work/fakepve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    [ -s "$work/ready.json" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work/fakepve.log"
      exit 1
    fi
    sleep 0.1
  done
  [ -s "$work/ready.json" ] || { echo "fakepve did not start"; cat "$work/fakepve.log"; exit 1; }
  echo "fakepve (PVE $release) on $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/ready.json")"
  TALOS_PLANNER_FAKEPVE_READY="$work/ready.json" \
    TALOS_PLANNER_FAKEPVE_TOKEN="root@pam!talos-planner=$secret" \
    cargo test --features native --test provision_fakepve --quiet
  kill -TERM "$pid"
  wait "$pid" || true
  pid=""
  python3 - "$work/stats.json" "$release" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
print('fakepve (PVE {0}): {1} requests, {2} VMs left'.format(sys.argv[2], stats['requests'], stats['vms']))
if stats['requests'] == 0 or stats['vms'] != 0 or stats['schematics_registered'] < 2:
    sys.exit('the peer test did not run its full sequence against fakepve')
PY
done
