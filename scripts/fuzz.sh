#!/usr/bin/env bash
# Runs the cargo-fuzz targets on the nightly toolchain, seeded from the examples, the
# hostile-input catalogue and (when present) Talos's merge test vectors.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lint_yaml lint_json lint_hcl render merge)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q '^nightly' || { echo "needs the nightly toolchain" >&2; exit 2; }

seed() {
  local dir=fuzz/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(basename "$f")"; done
}
seed lint_yaml examples/*.yaml tests/hostile/*.yaml
seed lint_json examples/*.json tests/hostile/*.json
seed lint_hcl tests/hcl/*.tf tests/hcl/*.tfvars tests/hostile/*.tf tests/hostile/*.tfvars
seed render examples/*.yaml
patcher=../shared/reference/talos-configpatcher
if [ -d "$patcher" ]; then
  mkdir -p fuzz/corpus/merge
  for d in "$patcher"/*/; do
    base="$d/config.yaml"
    [ -f "$base" ] || continue
    for p in "$d"/*.yaml; do
      [ "$p" = "$base" ] && continue
      { cat "$base"; printf '\n===\n'; cat "$p"; } > "fuzz/corpus/merge/$(basename "$d")-$(basename "$p")"
    done
  done
fi

for t in "${targets[@]}"; do
  echo "== fuzz $t for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 2>&1 | tail -n 25)
done
