#!/usr/bin/env bash
# The editor support: builds the language server's WebAssembly package (with Terraform
# support, editors/language-server/pkg/) and the native CLI (the schema test compares
# `talos-planner schema` with the package's), then runs the server's tests (a real LSP
# client over stdio; the JSON Schema with Ajv) and the VS Code extension's, and prints
# the package's gzipped size. The latency figure is a measurement, not a test:
# node editors/language-server/scripts/latency.mjs
set -euo pipefail
cd "$(dirname "$0")/../.."
editors/language-server/scripts/build.sh
cargo build --features native
node --test --test-reporter=spec editors/language-server/tests/ editors/vscode/tests/
wasm=editors/language-server/pkg/talos_planner_bg.wasm
echo "editor package: $(gzip -9 -c "$wasm" | wc -c) bytes gzipped ($(wc -c <"$wasm") bytes) $wasm"
