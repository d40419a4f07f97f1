#!/usr/bin/env bash
# Vector tiles of `incimap tiles --vector`, decoded by readers that are not
# incimap's: Mapbox's @mapbox/vector-tile (npm, in Node) for the .pbf folder
# and the PMTiles archive, GDAL's MVT driver (through Python's osgeo) for the
# MBTiles file. Every incident is where it is within half a unit of the
# tile's extent, with its attributes; a dense input stays under 500 KB a
# tile; options that cannot go together exit 2 saying why.
set -euo pipefail
bin=$1 fixtures=$2 source_dir=$3
command -v node >/dev/null || { echo "node is not installed (scripts/lib.sh installs it)"; exit 77; }
[ -f "$source_dir/node_modules/@mapbox/vector-tile/package.json" ] \
  || { echo "the @mapbox/vector-tile npm package is missing: run npm ci in $source_dir"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-vector-XXXXXX")
trap 'rm -rf "$work"' EXIT
reader=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/vector_tiles_reader.mjs
incidents=$fixtures/incidents.geojson
fail() { echo "FAIL: $*"; exit 1; }

for out in xyz incidents.pmtiles incidents.mbtiles; do
  "$bin" tiles -q --vector --input "$incidents" --maxzoom 8 --out "$work/$out"
done
for zoom in 0 4 8; do
  node "$reader" incidents "$incidents" "$work/xyz" $zoom
done
node "$reader" incidents "$incidents" "$work/incidents.pmtiles" 8
for zoom in 3 8; do
  node "$reader" regions "$incidents" "$work/xyz" $zoom
done
grep -q '"vector_layers"' "$work/xyz/tiles.json" || fail "no vector_layers in tiles.json"

"$bin" tiles -q --vector --no-regions --attributes event_date,event_type,fatalities --input "$incidents" --maxzoom 6 --out "$work/few"
[ ! -e "$work/few/6" ] || ! grep -rlq admin1 "$work/few/6" || fail "--no-regions wrote the admin1 layer"
node "$reader" incidents "$incidents" "$work/few" 6 event_date,event_type,fatalities

# GDAL reads the MBTiles file as vector tiles: the layer's fields from the
# metadata's vector_layers, and each incident at its place.
/usr/bin/python3 - "$work/incidents.mbtiles" "$incidents" <<'PY'
import json, math, sys
from osgeo import gdal
gdal.UseExceptions()
gdal_file, geojson = sys.argv[1:]
ds = gdal.OpenEx(gdal_file, gdal.OF_VECTOR, open_options=["ZOOM_LEVEL=8"])
assert ds.GetMetadataItem("format") == "pbf", ds.GetMetadata()
layer = ds.GetLayerByName("incidents")
defn = layer.GetLayerDefn()
types = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetTypeName() for i in range(defn.GetFieldCount())}
assert types.get("event_type") == "String" and types.get("fatalities") in ("Real", "Integer", "Integer64"), types
half_unit = 2 * math.pi * 6378137 / 2 ** 8 / 4096 / 2  # metres
expected = {f["properties"]["event_id_cnty"]: f for f in json.load(open(geojson))["features"]}
seen = 0
for feature in layer:
    want = expected[feature.GetField("event_id_cnty")]
    lon, lat = want["geometry"]["coordinates"]
    x = math.radians(lon) * 6378137
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 6378137
    p = feature.GetGeometryRef()
    assert abs(p.GetX() - x) <= half_unit and abs(p.GetY() - y) <= half_unit, (want["id"], p.ExportToWkt(), x, y)
    assert feature.GetField("event_type") == want["properties"]["event_type"]
    assert feature.GetField("fatalities") == want["properties"]["fatalities"]
    seen += 1
assert seen == len(expected), f"{seen} features, {len(expected)} incidents"
print(f"GDAL: {seen} incidents at zoom 8 within {half_unit:.1f} m")
PY

# 30,000 incidents with long notes within a few kilometres: every zoom would
# hold megabytes; the tiles merge incidents into clusters instead.
python3 - "$work/dense.geojson" <<'PY'
import json, random, sys
random.seed(3)
note = "Residents described a long exchange of fire near the market, the closure of the main road and people leaving for the neighbouring villages. " * 2
features = [{"type": "Feature", "id": i + 1,
             "geometry": {"type": "Point", "coordinates": [-8.0 + random.random() * 0.05, 12.6 + random.random() * 0.05]},
             "properties": {"id": i + 1, "event_id_cnty": "D%d" % i, "event_date": "2024-01-01",
                            "event_type": random.choice(["Battles", "Riots", "Protests"]), "fatalities": 2, "notes": note}}
            for i in range(30000)]
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
PY
"$bin" tiles -q --vector --input "$work/dense.geojson" --maxzoom 12 --out "$work/dense"
node "$reader" limit "$work/dense" 30000 512000

# Options that do not go together.
expect_usage() {
  local want=$1; shift
  set +e
  "$bin" tiles -q --input "$incidents" --out "$work/bad" "$@" 2>"$work/err"
  local code=$?
  set -e
  [ $code -eq 2 ] || fail "$* exited $code, expected 2"
  grep -qF -- "$want" "$work/err" || fail "$*: expected '$want' in: $(cat "$work/err")"
  [ ! -e "$work/bad" ] || fail "$* left $work/bad behind"
}
expect_usage "--attributes 'casualties' is not an incident field" --vector --attributes event_type,casualties
expect_usage "--attributes chooses what vector tiles carry: add --vector" --attributes event_type
expect_usage "vector tiles are written whole: drop --update" --vector --update
expect_usage "--scale and --tile-size size raster tiles" --vector --scale 2

# Vector tiles over an MBTiles file of raster tiles replace it whole, and
# its manifest goes: a later raster --update redraws everything rather than
# a few PNG tiles among vector ones.
"$bin" tiles -q --input "$incidents" --maxzoom 3 --out "$work/mixed.mbtiles"
[ -f "$work/mixed.mbtiles.incimap-tiles" ] || fail "no manifest beside the raster MBTiles"
"$bin" tiles -q --vector --input "$incidents" --maxzoom 3 --out "$work/mixed.mbtiles"
[ ! -e "$work/mixed.mbtiles.incimap-tiles" ] || fail "the raster tiles' manifest outlived them"
"$bin" tiles --update --input "$incidents" --maxzoom 3 --out "$work/mixed.mbtiles" 2>"$work/err"
grep -q "redrew every tile: no manifest" "$work/err" || fail "the update did not redraw everything: $(cat "$work/err")"

# The MapLibre page draws vector tiles only.
"$bin" tiles -q --input "$incidents" --maxzoom 3 --out "$work/site/raster"
set +e
"$bin" web -q --renderer maplibre --input "$incidents" --tiles raster --out "$work/site" 2>"$work/err"
code=$?
set -e
[ $code -eq 2 ] || fail "web --renderer maplibre over raster tiles exited $code, expected 2"
grep -qF -- "--tiles 'raster/{z}/{x}/{y}.png' are not vector tiles" "$work/err" || fail "unexpected: $(cat "$work/err")"
[ ! -e "$work/site/index.html" ] || fail "a page was written over raster tiles"
echo "vector tiles ok"
