#!/usr/bin/env bash
# The WebAssembly package and the web page: wasm-bindgen-cli at exactly the
# wasm-bindgen version in Cargo.lock (the generated glue must match the crate),
# wasm-pack, www's npm dependencies (Vite, CodeMirror, playwright-core, and binaryen,
# whose wasm-opt wasm-pack uses, so that it downloads nothing), and Debian's chromium
# for the page test. Each is installed only when missing or at the wrong version.
# TALOS_PLANNER_SKIP_BROWSER=1 skips chromium (scripts/serve.sh does not need it).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_PACK_VERSION=0.15.1

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Node 20.19+ (Vite 8's floor); Debian's own nodejs is older, so it is not installed here.
if ! command -v node >/dev/null || ! node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "Node.js 20.19 or later is needed for www/ (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen" ]; then
  echo "Cargo.lock has no wasm-bindgen entry" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen" ]; then
  echo "installing wasm-bindgen-cli $bindgen (several minutes)"
  cargo install wasm-bindgen-cli --version "=$bindgen" --force
fi
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  echo "installing wasm-pack $WASM_PACK_VERSION (several minutes)"
  cargo install wasm-pack --version "=$WASM_PACK_VERSION" --force
fi

# npm ci again only when the lock file changed since the last install.
lock_hash=$(sha256sum www/package-lock.json | cut -d' ' -f1)
stamp=www/node_modules/.talos-planner-setup
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  (cd www && npm ci --no-audit --no-fund)
  echo "$lock_hash" >"$stamp"
fi

if [ "${TALOS_PLANNER_SKIP_BROWSER:-0}" != 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium chromium-driver
  fi
fi
