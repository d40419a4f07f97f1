#!/usr/bin/env bash
# run_large_tiles.sh INCIMAP WORK_DIR: `run` over incidents that call for
# millions of tiles (pairs 50 m apart across Mali: zoom 14 over the
# country) asks first as `tiles` does: off a terminal, without --yes, it
# stops before drawing with exit 2 and the estimate; with --yes, SIGTERM
# while it draws removes the unfinished tiles and exits 143. The store is a
# GeoPackage, or the PostGIS database INCIMAP_TEST_STORE names (tests/pg).
set -euo pipefail
bin=$1 work=$2
source "$(dirname "${BASH_SOURCE[0]}")/../support/test_store.sh"
source "$(dirname "${BASH_SOURCE[0]}")/fresh_work_dir.sh"
store=$(test_store store.gpkg)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true' EXIT

python3 - <<'EOF'
import csv
with open("pairs.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["event_id_cnty", "event_date", "event_type", "country", "latitude", "longitude", "fatalities"])
    n = 0
    for i in range(6):
        for j in range(4):
            lat, lon = 11.0 + i * 2.5, -11.0 + j * 3.5
            for d in (0.0, 0.0005):
                n += 1
                w.writerow([f"MLI{n:05d}", "2024-03-01", "Battles", "Mali", lat + d, lon, 1])
EOF
"$bin" import -q --store "$store" pairs.csv

code=0
"$bin" run -q --store "$store" --out pkg </dev/null 2>stderr || code=$?
[ "$code" -eq 2 ] || fail "run without --yes: exit $code, expected 2: $(cat stderr)"
grep -Eq "zooms 0-14 over .* make up to [0-9,]+ tiles .*; give --yes to draw them" stderr \
  || fail "run without --yes: $(cat stderr)"
compgen -G "pkg/tiles*" >/dev/null && fail "run without --yes drew tiles: $(ls pkg)"
[ -f pkg/incidents.geojson ] || fail "the files before the tiles were not written"

"$bin" run -q --yes --store "$store" --out pkg </dev/null 2>stderr &
pid=$!
for _ in $(seq 1200); do  # the first tiles in the temporary folder (at most 120 s)
  compgen -G "pkg/tiles.tmp*/*/*/*.png" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { fail "the run ended before it could be stopped: $(cat stderr)"; break; }
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null || true
code=0
wait "$pid" || code=$?
pid=
[ "$code" -eq 143 ] || fail "run stopped by SIGTERM: exit $code: $(cat stderr)"
grep -q "incimap run: stopped by SIGTERM; what was unfinished is removed" stderr || fail "stderr: $(cat stderr)"
leftover=$(ls -A pkg | grep -E '^tiles|\.tmp|\.lock$' || true)
[ -z "$leftover" ] || fail "left behind: $leftover"
finish
