#!/usr/bin/env bash
# GDAL's own tools read every output: ogrinfo lists each vector file (every
# .geojson and .gpkg in the folder and below) with as many features as an
# independent reader counts (Python's json for GeoJSON, SQLite for GeoPackage
# tables); gdalinfo opens the MBTiles with the zoom range and bounds its
# TileJSON states, a tile PNG at the TileJSON's tile size, and the report map
# as PNG and PDF.
# Usage: gdal_tools.sh OUT
set -euo pipefail
out=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -d "$out" ] || fail "$out: no output folder (the setup test writes it)"
for tool in ogrinfo gdalinfo; do
  command -v "$tool" >/dev/null || fail "$tool not found: install gdal-bin"
done

# feature_count INFO LAYER: the "Feature Count" ogrinfo reports for LAYER.
feature_count() {
  awk -v layer="$2" '/^Layer name: / { current = substr($0, 13) }
    /^Feature Count: / && current == layer { print $3 }' <<<"$1"
}

# json_value FILE EXPRESSION: a value of a JSON document, read by Python.
json_value() {
  python3 -c 'import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2], {"doc": doc}))' "$1" "$2"
}

vectors=0
while IFS= read -r -d '' file; do
  info=$(ogrinfo -so -al "$file" 2>&1) || fail "ogrinfo cannot read $file: $info"
  grep -q "using driver \`GeoJSON' successful" <<<"$info" || fail "$file: not read as GeoJSON: $info"
  layer=$(basename "$file" .geojson)
  got=$(feature_count "$info" "$layer")
  want=$(json_value "$file" 'len(doc["features"])')
  [ "$got" = "$want" ] || fail "$file: ogrinfo counts '$got' features in layer $layer, the file holds $want"
  echo "ok: ogrinfo reads $file: $got features"
  vectors=$((vectors + 1))
done < <(find "$out" -name '*.geojson' -print0 | sort -z)
while IFS= read -r -d '' file; do
  info=$(ogrinfo -so -al "$file" 2>&1) || fail "ogrinfo cannot read $file: $info"
  grep -q "using driver \`GPKG' successful" <<<"$info" || fail "$file: not read as GeoPackage: $info"
  layers=$(python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for (name,) in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type IN (\"features\", \"attributes\")"):
    print(name, db.execute(f"SELECT count(*) FROM \"{name}\"").fetchone()[0])' "$file")
  [ -n "$layers" ] || fail "$file: gpkg_contents lists no tables"
  while read -r layer want; do
    got=$(feature_count "$info" "$layer")
    [ "$got" = "$want" ] || fail "$file: ogrinfo counts '$got' features in layer $layer, SQLite $want"
    echo "ok: ogrinfo reads $file layer $layer: $got features"
  done <<<"$layers"
  vectors=$((vectors + 1))
done < <(find "$out" -name '*.gpkg' -print0 | sort -z)
[ -f "$out/incidents.geojson" ] && [ -f "$out/incidents.gpkg" ] && [ -f "$out/admin1.geojson" ] \
  || fail "$out lacks incidents.geojson, incidents.gpkg or admin1.geojson"
incidents=$(json_value "$out/incidents.geojson" 'len(doc["features"])')
stored=$(feature_count "$(ogrinfo -so -al "$out/incidents.gpkg")" incidents)
[ "$incidents" = "$stored" ] || fail "incidents.geojson holds $incidents incidents, incidents.gpkg $stored"

mbtiles=$out/incidents.mbtiles
[ -f "$mbtiles" ] || fail "$mbtiles is missing"
[ -f "$mbtiles.json" ] || fail "$mbtiles.json (its TileJSON) is missing"
info=$(gdalinfo "$mbtiles" 2>&1) || fail "gdalinfo cannot read $mbtiles: $info"
expect() { grep -qE "$1" <<<"$info" || fail "gdalinfo $2 lacks '$1': $info"; }
expect '^Driver: MBTiles/MBTiles' "$mbtiles"
expect 'ID\["EPSG",3857\]' "$mbtiles"
expect '^  format=png$' "$mbtiles"
for key in minzoom maxzoom; do
  expect "^  $key=$(json_value "$mbtiles.json" "doc['$key']")\$" "$mbtiles"
done
bounds=$(json_value "$mbtiles.json" '",".join(f"{v:.6f}" for v in doc["bounds"])')
written=$(sed -n 's/^  bounds=//p' <<<"$info")
python3 - "$bounds" "$written" <<'PY' || fail "$mbtiles: bounds $written, its TileJSON says $bounds"
import sys
a, b = ([float(v) for v in s.split(",")] for s in sys.argv[1:])
sys.exit(0 if all(abs(x - y) < 1e-6 for x, y in zip(a, b)) else 1)
PY
echo "ok: gdalinfo reads $mbtiles: zooms and bounds of its TileJSON"

tiles=$out/tiles
[ -f "$tiles/tiles.json" ] || fail "$tiles/tiles.json is missing"
size=$(json_value "$tiles/tiles.json" 'doc.get("tile_size", 256)')
maxzoom=$(json_value "$tiles/tiles.json" 'doc["maxzoom"]')
tile=$(find "$tiles/$maxzoom" -name '*.png' | sort | head -n 1)
[ -n "$tile" ] || fail "$tiles/$maxzoom holds no tile"
info=$(gdalinfo "$tile" 2>&1) || fail "gdalinfo cannot read $tile: $info"
expect '^Driver: PNG/Portable Network Graphics' "$tile"
expect "^Size is $size, $size\$" "$tile"
expect '^Band 4 .*ColorInterp=Alpha' "$tile"
echo "ok: gdalinfo reads $tile: ${size}x$size RGBA"

# The report map, as PNG and as PDF: one map, so one size.
sizes=()
for report in "$out/report.png" "$out/report.pdf"; do
  info=$(gdalinfo "$report" 2>&1) || fail "gdalinfo cannot read $report: $info"
  case $report in
    *.png) expect '^Driver: PNG/' "$report" ;;
    *.pdf) expect '^Driver: PDF/' "$report" ;;
  esac
  sizes+=("$(sed -n 's/^Size is //p' <<<"$info")")
  echo "ok: gdalinfo reads $report: ${sizes[-1]}"
done
[ "${sizes[0]}" = "${sizes[1]}" ] || fail "report.png is ${sizes[0]}, report.pdf ${sizes[1]}"
echo "GDAL's tools read $vectors vector files, the MBTiles, a tile and the report map"
