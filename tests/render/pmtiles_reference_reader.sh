#!/usr/bin/env bash
# A PMTiles archive written by `incimap tiles` reads back with the format's
# reference reader (npm `pmtiles`, in Node): from the file, and through
# `incimap serve` with HTTP range requests, as from a static host. Its tiles
# are those of the XYZ folder written from the same incidents. Then an
# archive of some 15,000 tiles, whose directory needs leaves. With
# INCIMAP_TEST_STORE set (tests/pg), the incidents are imported into that
# PostGIS store and the archive and folder drawn from it; the big archive,
# which tests the format alone, is then left out.
set -euo pipefail
bin=$1 fixtures=$2 source_dir=$3
command -v node >/dev/null || { echo "node is not installed (scripts/lib.sh installs it)"; exit 77; }
[ -f "$source_dir/node_modules/pmtiles/package.json" ] \
  || { echo "the pmtiles npm package is missing: run npm ci in $source_dir"; exit 77; }
# $work, and server_pid stopped on exit.
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" pmtiles
reader=$tests/render/pmtiles_reference_reader.mjs
bbox=-9,11,3,19
mkdir "$work/site"
source=(--input "$fixtures/incidents.geojson")
if [ -n "${INCIMAP_TEST_STORE:-}" ]; then
  "$bin" import -q --store "$INCIMAP_TEST_STORE" "$fixtures/incidents.geojson" >/dev/null
  source=(--store "$INCIMAP_TEST_STORE")
fi
"$bin" tiles -q "${source[@]}" --bbox $bbox --maxzoom 6 --out "$work/site/incidents.pmtiles"
"$bin" tiles -q "${source[@]}" --bbox $bbox --maxzoom 6 --out "$work/xyz"
node "$reader" "$work/site/incidents.pmtiles" "$work/xyz" 0 6 $bbox

"$bin" serve "$work/site" --port 0 2>"$work/serve.log" &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "incimap serve did not say its port"; cat "$work/serve.log"; exit 1; }
node "$reader" "http://127.0.0.1:$port/incidents.pmtiles" "$work/xyz" 0 6 $bbox
grep -q ' 206 ' "$work/serve.log" || { echo "no range request in the server's log"; cat "$work/serve.log"; exit 1; }
if [ -n "${INCIMAP_TEST_STORE:-}" ]; then
  echo "pmtiles from the PostGIS store ok"
  exit 0
fi

# One incident in each tile of a 110 by 110 block at zoom 10, each placed
# differently in its tile: 15,000 different tiles, too many entries for the
# root directory alone.
python3 - "$work/grid.geojson" <<'PY'
import json, random, sys
random.seed(7)
size = 360 / 1024  # degrees of a tile at zoom 10
features = []
for i in range(110):
    for j in range(110):
        lon = 0.05 + (i + 0.2 + 0.6 * random.random()) * size
        lat = -18 + (j + 0.2 + 0.6 * random.random()) * size * 0.99
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"event_id_cnty": "G%d-%d" % (i, j), "event_date": "2024-01-01",
                                        "event_type": "Battles", "fatalities": 1}})
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
PY
grid=0,-18.5,39,20.5
"$bin" tiles -q --input "$work/grid.geojson" --no-basemap --bbox $grid --maxzoom 10 --out "$work/grid.pmtiles"
"$bin" tiles -q --input "$work/grid.geojson" --no-basemap --bbox $grid --maxzoom 10 --out "$work/grid"
node "$reader" "$work/grid.pmtiles" "$work/grid" 0 10 $grid leaves
echo "pmtiles ok"
