#!/usr/bin/env bash
# Figures for the provisioning closing note (a measurement, not a test): wall time of
# `talos-planner apply --proxmox-only` against fakepve with realistic task durations, for
# 3 control planes + 3 workers and for one VM, and the Proxmox requests sent per VM.
# Usage: scripts/provision-figures.sh [TIME_SCALE]   (default 0.1: one tenth of real time)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.d/40-fakepve.sh >/dev/null
venv="${FAKEPVE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/talos-planner/fakepve-venv}"
cargo build --features native --quiet
exec "$venv/bin/python" scripts/provision-figures.py "${1:-0.1}"
