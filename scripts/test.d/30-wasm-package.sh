#!/usr/bin/env bash
# The WebAssembly package: builds it (wasm-pack), type-checks a TypeScript user of its
# .d.ts, runs node's test runner against the built package (API, bad input, the same
# plans and diagnostics as the native CLI), then checks the size and speed budgets.
set -euo pipefail
cd "$(dirname "$0")/../.."
www/scripts/build-package.sh
cargo build --features native # the CLI that cli-parity.test.mjs compares with
(cd www && npx tsc -p tests/package/tsconfig.json)
node --test --test-reporter=spec www/tests/package/
scripts/budgets.sh
