#!/usr/bin/env bash
# Rust: the wasm32 target and the rustfmt/clippy components.
set -euo pipefail
installed=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed" || rustup target add wasm32-unknown-unknown
components=$(rustup component list --installed)
grep -q '^rustfmt' <<<"$components" || rustup component add rustfmt
grep -q '^clippy' <<<"$components" || rustup component add clippy
