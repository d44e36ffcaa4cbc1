#!/usr/bin/env bash
# The planner page: type-checks and bundles www/ (Vite), then drives the built page in
# headless Chromium (playwright-core with Debian's chromium) from a loopback static
# server. Screenshots land in test-output/web/.
set -euo pipefail
cd "$(dirname "$0")/../.."
www/scripts/build-package.sh
www/scripts/build-package.sh hcl # the Terraform reader, fetched by the page on demand
www/scripts/build-package.sh secrets # the Machine configs section's worker package
cd www
npx tsc --noEmit -p tsconfig.json
npx vite build --logLevel warn
node ../www/scripts/budgets.mjs --page
node --test --test-reporter=spec tests/web/
echo "screenshots: $(cd .. && ls test-output/web/*.png | tr '\n' ' ')"
