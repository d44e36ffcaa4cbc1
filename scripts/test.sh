#!/usr/bin/env bash
# Runs every test from a fresh clone: set-up, formatting and lints for the native and
# wasm32 builds, the Rust tests, then each suite in test.d/ (WASM package, page, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "== import direction"
python3 scripts/check-imports.py --self-test
python3 scripts/check-imports.py

echo "== format and lints"
cargo fmt --check
cargo clippy --all-targets --all-features -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

echo "== builds"
cargo build
cargo build --features native
cargo build --target wasm32-unknown-unknown

echo "== cargo test"
cargo test --all-features

for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  echo "== suite: ${suite##*/}"
  bash "$suite"
done
echo "== all tests passed"
