#!/usr/bin/env bash
# One table of figures: lint+plan natively and in the WASM package under node (cold: the
# first 100 calls after instantiation; warm: after tier-up) for 5, 100, 1,000 and 10,000
# nodes, with their ratios to native, the gzipped .wasm and page bundle sizes, and the language
# server's change-to-diagnostics latency. Builds what it measures; run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
www/scripts/build-package.sh >/dev/null
# The page's bundle imports the Terraform and secrets packages too (fetched on demand).
www/scripts/build-package.sh hcl >/dev/null
www/scripts/build-package.sh secrets >/dev/null
(cd www && npx vite build --logLevel warn)
native=$(cargo bench --quiet --bench measure 2>/dev/null | tail -n 1)
lsp=""
if [ -f editors/language-server/scripts/latency.mjs ]; then
  editors/language-server/scripts/build.sh >/dev/null
  lsp=$(node editors/language-server/scripts/latency.mjs --median-only)
fi
node scripts/measure.mjs "$native" "$lsp"
