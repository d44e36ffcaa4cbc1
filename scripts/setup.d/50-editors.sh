#!/usr/bin/env bash
# The editor packages' npm dependencies: editors/language-server (vscode-languageserver
# and its text documents; for the tests a protocol client, Ajv and a YAML parser) and
# editors/vscode (vscode-languageclient). `npm ci` in each only when its lock file
# changed since the last install. Its WebAssembly package is built by the test suite
# (scripts/test.d/60-editors.sh) with wasm-pack and wasm-opt from 30-web.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
for dir in editors/language-server editors/vscode; do
  lock_hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  stamp=$dir/node_modules/.talos-planner-setup
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    echo "$lock_hash" >"$stamp"
  fi
done
