#!/usr/bin/env bash
# Prints the WebAssembly package's figures and fails when one is over budget: the
# gzipped .wasm (at most 200 KB) and the median time of `lint` on the three-control-
# plane example in node (under 200 µs). Needs the package built (www/scripts/build-package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
node www/scripts/budgets.mjs
