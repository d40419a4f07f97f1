#!/usr/bin/env bash
# incidents_at_the_edges.sh INCIMAP WORK_DIR: incidents at a pole, on the
# antimeridian or at a corner of the world are drawn: tiles (a folder and
# MBTiles) with bounds in order, west below east and south below north,
# inside what Web Mercator shows, and a map of them, with no extent the
# user never gave in any message. With INCIMAP_TEST_STORE set (tests/pg),
# each case's incidents are imported into that PostGIS store, emptied
# before, and drawn from it.
set -euo pipefail
bin=$1 work=$2
source "$(dirname "${BASH_SOURCE[0]}")/../support/test_store.sh"
source "$(dirname "${BASH_SOURCE[0]}")/fresh_work_dir.sh"

# incidents NAME LON,LAT…: a GeoJSON of one incident at each point.
incidents() {
  local name=$1
  shift
  python3 - "$name" "$@" <<'EOF'
import json, sys
features = []
for i, point in enumerate(sys.argv[2:]):
    lon, lat = (float(v) for v in point.split(","))
    features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                     "properties": {"event_id_cnty": f"EDGE{i}", "event_date": "2024-05-01",
                                    "event_type": "Battles", "fatalities": 1}})
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
EOF
}

# in_order NAME W S E N: the bounds are a box inside Web Mercator's world.
in_order() {
  python3 - "$@" <<'EOF' || fail "$1: bounds $2,$3,$4,$5 are not a box of the world"
import sys
w, s, e, n = (float(v) for v in sys.argv[2:])
sys.exit(0 if -180 <= w < e <= 180 and -85.0512 <= s < n <= 85.0512 else 1)
EOF
}

cases=(
  "south_pole_antimeridian 180,-90"
  "north_pole_west_edge -180,90"
  "both_corners 180,-90 -180,90"
  "antimeridian_and_sahel 180,10 -1.5,14.2"
)
[ -z "${INCIMAP_TEST_STORE:-}" ] || "$bin" store init -q "$INCIMAP_TEST_STORE"
for entry in "${cases[@]}"; do
  read -r name points <<<"$entry"
  # shellcheck disable=SC2086
  incidents "$name.geojson" $points
  source=(--input "$name.geojson")
  if [ -n "${INCIMAP_TEST_STORE:-}" ]; then
    store_sql "$INCIMAP_TEST_STORE" "DELETE FROM incidents"
    "$bin" import -q --store "$INCIMAP_TEST_STORE" "$name.geojson" >/dev/null
    source=(--store "$INCIMAP_TEST_STORE")
  fi
  for out in "$name-tiles" "$name.mbtiles"; do
    code=0
    "$bin" tiles -q "${source[@]}" --maxzoom 3 --out "$out" </dev/null 2>"$out.err" || code=$?
    if [ "$code" -ne 0 ]; then
      fail "tiles $name into $out: exit $code: $(cat "$out.err")"
      continue
    fi
    tilejson=$([ "${out%.mbtiles}" != "$out" ] && echo "$out.json" || echo "$out/tiles.json")
    read -r w s e n < <(python3 -c 'import json, sys; print(*json.load(open(sys.argv[1]))["bounds"])' "$tilejson")
    in_order "$tilejson" "$w" "$s" "$e" "$n"
    if [ "${out%.mbtiles}" != "$out" ]; then
      bounds=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM metadata WHERE name = \"bounds\"").fetchone()[0])' "$out")
      in_order "$out (metadata)" ${bounds//,/ }
    fi
  done
  code=0
  "$bin" map -q "${source[@]}" --out "$name.png" </dev/null 2>"$name-map.err" || code=$?
  [ "$code" -eq 0 ] || fail "map $name: exit $code: $(cat "$name-map.err")"
  [ -s "$name.png" ] || [ "$code" -ne 0 ] || fail "map $name: no PNG"
done

finish
