#!/usr/bin/env bash
# Builds the language server's WebAssembly package into editors/language-server/pkg/
# (git-ignored): the same crate as the page's package, but WITH the `hcl` feature, so
# the server reads Terraform files too (and without `secrets`, which it does not use), and for node (`--target nodejs`,
# CommonJS, which the server can re-require to get a fresh instance after a trap).
# It uses its own target directory, so it never races the page's build (which
# writes the same cdylib path with other features). Skips when pkg/ is newer than
# its sources; FORCE=1 rebuilds. wasm-opt comes from www's npm dependencies (binaryen),
# as in www/scripts/build-package.sh, so wasm-pack downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PATH="$PWD/www/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=editors/language-server/pkg
wasm=$out/talos_planner_bg.wasm
if [ "${FORCE:-0}" != 1 ] && [ -f "$wasm" ] && [ -f "$out/talos_planner.d.ts" ] &&
  [ -z "$(find src pkg-templates examples Cargo.toml Cargo.lock editors/language-server/scripts/build.sh -newer "$wasm" -print -quit)" ]; then
  echo "$out is up to date"
  exit 0
fi
if ! command -v wasm-opt >/dev/null; then
  echo "wasm-opt is missing: run scripts/setup.sh (it installs www's npm dependencies)" >&2
  exit 1
fi
CARGO_TARGET_DIR="$PWD/target/editors" \
  wasm-pack --quiet build --target nodejs --profile wasm-release --out-dir "$out" --no-pack \
  -- --no-default-features --features hcl,editor
# The glue require()s the crate's JavaScript snippets (src/wasm/build.js), which are ES
# modules; node before 20.19 (and editors' embedded node) cannot require one, so they are
# rewritten as CommonJS: `export function f` becomes `function f`, exported at the end.
find "$out/snippets" -name '*.js' -exec node -e '
  const fs = require("fs");
  for (const file of process.argv.slice(1)) {
    const names = [];
    const body = fs.readFileSync(file, "utf8").replace(/^export function (\w+)/gm, (_, name) => {
      names.push(name);
      return `function ${name}`;
    });
    if (/^\s*(export|import)\b/m.test(body)) throw new Error(`${file}: only "export function" is rewritten`);
    fs.writeFileSync(file, `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`);
  }' {} +
ls "$wasm" "$out/talos_planner.js" "$out/talos_planner.d.ts" >/dev/null
