#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there at the
# right version, so repeated runs are fast. Each concern has a file in setup.d/.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== setup: ${step##*/}"
  bash "$step"
done
