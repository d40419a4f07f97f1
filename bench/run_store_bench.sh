#!/usr/bin/env bash
# Builds incimap (Release), makes a synthetic ACLED-style CSV and runs the
# store benchmark on it. usage: bench/run_store_bench.sh [ROWS] [RUNS]
# ROWS defaults to 100000 (a few minutes); the README figures use 1000000.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
rows=${1:-100000}
runs=${2:-3}
install_packages "${INCIMAP_APT_PACKAGES[@]}"
build_incimap "$INCIMAP_ROOT/build-bench" Release
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "generating $rows rows…" >&2
python3 "$INCIMAP_ROOT/bench/make_synthetic_acled.py" "$rows" "$work/events.csv"
"$INCIMAP_ROOT/build-bench/bench/bench_store" "$work/events.csv" --runs "$runs" \
  --incimap "$INCIMAP_ROOT/build-bench/incimap" --work "$work/run"
