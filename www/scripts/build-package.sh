#!/usr/bin/env bash
# Builds a WebAssembly package for the page (wasm-pack, --target web: one build serves
# the bundled page and node's test runner, which instantiates it with initSync).
# Uses the size-optimised `wasm-release` profile; wasm-opt comes from www's npm
# dependencies (binaryen), so wasm-pack downloads nothing.
#
# usage: build-package.sh [VARIANT] [wasm-pack options...]
#   page (default)  pkg/: what every page load fetches (YAML and JSON only, small)
#   hcl             pkg-hcl/: the same API reading Terraform too, which the page fetches
#                   only once the text is Terraform
#   secrets         pkg-secrets/: the page's second package, with the `secrets` feature
#                   (bundles, certificates, complete machine configs), loaded on demand
#                   by the Machine configs section's Web Worker
# Variants share one target directory and are built one after another: each rebuilds
# only this crate with its features.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/www/node_modules/.bin:$HOME/.cargo/bin:$PATH"
variant=page
case "${1:-}" in
  -*|"") ;;
  *) variant=$1; shift ;;
esac
case "$variant" in
  # The page reads YAML and JSON only: without the `hcl` feature the package stays
  # small (the editor's package, built with it, reads Terraform files too).
  page) out=pkg; features=(--no-default-features) ;;
  hcl) out=pkg-hcl; features=(--no-default-features --features hcl) ;;
  secrets) out=pkg-secrets; features=(--no-default-features --features secrets) ;;
  *) echo "unknown package variant '$variant'" >&2; exit 2 ;;
esac
# Skip when the package is newer than everything it is built from (FORCE=1 rebuilds).
wasm=$out/talos_planner_bg.wasm
if [ "${FORCE:-0}" != 1 ] && [ -f "$wasm" ] && [ -f "$out/talos_planner.d.ts" ] &&
  [ -z "$(find src pkg-templates examples Cargo.toml Cargo.lock www/scripts/build-package.sh -newer "$wasm" -print -quit)" ]; then
  echo "$out/ is up to date"
  exit 0
fi
if ! command -v wasm-opt >/dev/null; then
  echo "wasm-opt is missing: run scripts/setup.sh (it installs www's npm dependencies)" >&2
  exit 1
fi
# Speed where it pays, size elsewhere: opt-level 3 (Cargo.toml's wasm-release profile
# for this crate and the YAML scanner) with LLVM's inliner held back and its loop
# unroller off. Measured on the page package (gzipped; analyze of 100 nodes warm in
# node): inline-threshold 30: 181.8 KB, 195 µs; 60: 185.0 KB, 150 µs; 100: 188.6 KB,
# 147 µs; LLVM's defaults for both: 197.0 KB, 143 µs. Opt-level "s" makes `lint` a
# quarter slower, "z" twice as slow.
RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-inline-threshold=60 -C llvm-args=-unroll-threshold=0" \
  wasm-pack --quiet build --target web --profile wasm-release --out-dir "$out" --no-pack "$@" \
  -- "${features[@]}"
# --no-pack skips package.json; the page and tests import the files directly.
ls "$out/talos_planner_bg.wasm" "$out/talos_planner.js" "$out/talos_planner.d.ts" >/dev/null
