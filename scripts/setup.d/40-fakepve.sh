#!/usr/bin/env bash
# fakepve (PyPI): an independent fake of the Proxmox VE API, the peer of the provisioning
# tests (scripts/test.d/50-fakepve.sh). Installed into its own virtualenv so it touches
# no other Python package; skipped when that venv already has the pinned version.
set -euo pipefail
version=0.5.0
venv="${FAKEPVE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/talos-planner/fakepve-venv}"
if [ -x "$venv/bin/python" ] &&
  [ "$("$venv/bin/python" -c 'import fakepve; print(fakepve.__version__)' 2>/dev/null)" = "$version" ]; then
  echo "fakepve $version already in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "fakepve[crypto]==$version"
"$venv/bin/python" -c 'import fakepve; print("fakepve", fakepve.__version__, "installed in '"$venv"'")'
