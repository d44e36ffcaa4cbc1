#!/usr/bin/env bash
# The README's main command: builds the WebAssembly package and the planner page, then
# serves the page (static files only: everything runs in the browser) on localhost.
# PORT (default 8080) and HOST (default 127.0.0.1) choose where.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.d/10-rust.sh
TALOS_PLANNER_SKIP_BROWSER=1 bash scripts/setup.d/30-web.sh
www/scripts/build-package.sh
www/scripts/build-package.sh hcl
www/scripts/build-package.sh secrets # the Machine configs section's worker package
cd www
npx vite build --logLevel warn
port=${PORT:-8080}
host=${HOST:-127.0.0.1}
echo
echo "talos-planner is served at http://$host:$port/ (Ctrl-C stops it)"
echo
exec npx vite preview --host "$host" --port "$port" --strictPort
