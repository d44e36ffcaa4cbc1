#!/usr/bin/env bash
# Figures of day two at fake speed (a measurement, not a test): `diff` of 3+3 nodes,
# Proxmox requests per changed node, and the rolling upgrade of 3+3 nodes, against the
# in-process fakes (tests/provision_day_two.rs, `figures_at_fake_speed`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --features native --release --quiet --test provision_day_two figures_at_fake_speed \
  -- --ignored --nocapture 2>&1 | grep '^figure:'
