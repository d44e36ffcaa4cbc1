#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ (wasm-pack, --target web: one build serves
# the bundled page and node's test runner, which instantiates it with initSync).
# Uses the size-optimised `wasm-release` profile; wasm-opt comes from www's npm
# dependencies (binaryen), so wasm-pack downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/www/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Skip when pkg/ is newer than everything it is built from (FORCE=1 rebuilds).
wasm=pkg/talos_planner_bg.wasm
if [ "${FORCE:-0}" != 1 ] && [ -f "$wasm" ] && [ -f pkg/talos_planner.d.ts ] &&
  [ -z "$(find src pkg-templates examples Cargo.toml Cargo.lock www/scripts/build-package.sh -newer "$wasm" -print -quit)" ]; then
  echo "pkg/ is up to date"
  exit 0
fi
if ! command -v wasm-opt >/dev/null; then
  echo "wasm-opt is missing: run scripts/setup.sh (it installs www's npm dependencies)" >&2
  exit 1
fi
# The page reads YAML and JSON only: without the `hcl` feature the package stays small
# (the editor's package, built with it, reads Terraform files too).
wasm-pack --quiet build --target web --profile wasm-release --out-dir pkg --no-pack "$@" \
  -- --no-default-features
# --no-pack skips package.json; the page and tests import the files directly.
ls pkg/talos_planner_bg.wasm pkg/talos_planner.js pkg/talos_planner.d.ts >/dev/null
