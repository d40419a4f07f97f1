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

# incidents NAME:LON,LAT… …: for each NAME, NAME.geojson with one incident
# at each point (one Python for all of them).
incidents() {
  python3 - "$@" <<'EOF'
import json, sys
for case in sys.argv[1:]:
    name, points = case.split(":")
    features = []
    for i, point in enumerate(points.split()):
        lon, lat = (float(v) for v in point.split(","))
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"event_id_cnty": f"EDGE{i}", "event_date": "2024-05-01",
                                        "event_type": "Battles", "fatalities": 1}})
    json.dump({"type": "FeatureCollection", "features": features}, open(name + ".geojson", "w"))
EOF
}

# bounds_in_order OUT…: the bounds of each OUT's TileJSON, and of an MBTiles
# file's metadata, are boxes inside Web Mercator's world (one Python for
# all of them).
bounds_in_order() {
  python3 - "$@" <<'EOF' || fail "bounds that are not a box of the world"
import json, sqlite3, sys
boxes = {}
for out in sys.argv[1:]:
    mbtiles = out.endswith(".mbtiles")
    tilejson = out + ".json" if mbtiles else out + "/tiles.json"
    boxes[tilejson] = json.load(open(tilejson))["bounds"]
    if mbtiles:
        value = sqlite3.connect(out).execute("SELECT value FROM metadata WHERE name = 'bounds'").fetchone()[0]
        boxes[out + " (metadata)"] = [float(v) for v in value.split(",")]
bad = False
for what, (w, s, e, n) in boxes.items():
    if not (-180 <= w < e <= 180 and -85.0512 <= s < n <= 85.0512):
        print(f"{what}: bounds {w},{s},{e},{n} are not a box of the world", file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
EOF
}

cases=(
  "south_pole_antimeridian:180,-90"
  "north_pole_west_edge:-180,90"
  "both_corners:180,-90 -180,90"
  "antimeridian_and_sahel:180,10 -1.5,14.2"
)
incidents "${cases[@]}"
drawn=()
[ -z "${INCIMAP_TEST_STORE:-}" ] || "$bin" store init -q "$INCIMAP_TEST_STORE"
for entry in "${cases[@]}"; do
  name=${entry%%:*}
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
    drawn+=("$out")
  done
  code=0
  "$bin" map -q "${source[@]}" --out "$name.png" </dev/null 2>"$name-map.err" || code=$?
  [ "$code" -eq 0 ] || fail "map $name: exit $code: $(cat "$name-map.err")"
  [ -s "$name.png" ] || [ "$code" -ne 0 ] || fail "map $name: no PNG"
done
bounds_in_order "${drawn[@]}"
finish
