#!/usr/bin/env bash
# A report map keeps its text as text: the SVG names the towns of the
# gazetteer in <text> elements in their font (a map of Burkina Faso names
# Ouagadougou and Bobo-Dioulasso; at town scale the villages around Djibo),
# the PDF's text can be selected
# (pdftotext reads it), and the credit line names ACLED only when one of
# its rows is inside the frame. A style's GeoPackage of points is named
# too, and an empty source is an error naming the file.
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Two incidents written for this test: one report placed at Ouagadougou,
# one ACLED row at Dakar, outside a frame of Burkina Faso.
cat >"$dir/two.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"event_date": "2024-03-02", "event_type": "Protests", "fatalities": 0},
 "geometry": {"type": "Point", "coordinates": [-1.53, 12.37]}},
{"type": "Feature", "properties": {"event_id_cnty": "TST900", "event_date": "2024-03-03", "event_type": "Riots", "fatalities": 0},
 "geometry": {"type": "Point", "coordinates": [-17.44, 14.69]}}]}
JSON
fail() { echo "$1"; exit 1; }
burkina=-5.6,9.3,2.5,15.2
"$bin" map -q --input "$dir/two.geojson" --bbox $burkina --out "$dir/bf.svg"
grep -qE '<text [^>]*font-family="DejaVu Sans[^>]*>Ouagadougou</text>' "$dir/bf.svg" \
  || fail "the SVG does not name Ouagadougou in a <text> of DejaVu Sans"
grep -qE '<text [^>]*>Bobo-Dioulasso</text>' "$dir/bf.svg" || fail "the SVG does not name Bobo-Dioulasso"
grep -qE '<text [^>]*>[^<]*Made with Natural Earth' "$dir/bf.svg" || fail "no credit line in <text>"
grep -q 'GeoNames' "$dir/bf.svg" || fail "towns drawn, GeoNames not credited"
grep -q 'Armed Conflict Location' "$dir/bf.svg" && fail "ACLED credited though its only row is outside the frame"
grep -q '<symbol' "$dir/bf.svg" && fail "glyph outlines left in the SVG"

# At town scale the villages around are named, and a town and its
# incidents share one label.
cat >"$dir/djibo.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"event_date": "2024-05-02", "event_type": "Battles", "fatalities": 3, "location": "Djibo"},
 "geometry": {"type": "Point", "coordinates": [-1.628, 14.101]}},
{"type": "Feature", "properties": {"event_date": "2024-05-09", "event_type": "Riots", "fatalities": 0, "location": "Djibo"},
 "geometry": {"type": "Point", "coordinates": [-1.622, 14.098]}}]}
JSON
"$bin" map -q --input "$dir/djibo.geojson" --bbox -1.80,14.00,-1.44,14.22 --size 800x600 --dpi 96 --out "$dir/djibo.svg"
[ "$(grep -cE '<text [^>]*>Djibo</text>' "$dir/djibo.svg")" = 1 ] || fail "Djibo is not named exactly once at town scale"
grep -qE '<text [^>]*>Badinogou</text>' "$dir/djibo.svg" || fail "the town-scale map does not name the village of Badinogou"
"$bin" map -q --input "$dir/djibo.geojson" --bbox $burkina --out "$dir/djibo-country.svg"
grep -qE '<text [^>]*>Badinogou</text>' "$dir/djibo-country.svg" && fail "a country map names a village"

# A country covered with clusters end to end is still named, over them:
# 30 incidents every 0.42 degrees across Burkina Faso leave no spot free
# of circles for its name, only spots free of other text.
python3 - "$dir/crowded.geojson" <<'PY'
import json, sys
features, lat = [], 9.9
while lat < 14.9:
    lon = -5.0
    while lon < 2.0:
        features += [{"type": "Feature", "properties": {"event_date": "2024-01-01", "event_type": "Battles"},
                      "geometry": {"type": "Point", "coordinates": [round(lon + 0.001 * i, 4), round(lat, 4)]}}
                     for i in range(30)]
        lon += 0.42
    lat += 0.42
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
PY
"$bin" map -q --input "$dir/crowded.geojson" --bbox $burkina --out "$dir/crowded.svg"
python3 - "$dir/crowded.svg" <<'PY' || fail "a country covered with clusters is not named above them"
import sys
svg = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if 0 <= svg.rfind(">30</text>") < svg.find(">Burkina Faso</text>") else 1)
PY

"$bin" map -q --input "$dir/two.geojson" --bbox -18,9,3,16 --out "$dir/west.svg"
grep -qE '<text [^>]*>Incidents: Armed Conflict Location &amp; Event Data \(ACLED\); acleddata.com' "$dir/west.svg" \
  || fail "ACLED's row is drawn, ACLED is not credited in its words"

"$bin" map -q --input "$dir/two.geojson" --bbox $burkina --out "$dir/bf.pdf"
pdftotext "$dir/bf.pdf" - | grep -q Ouagadougou || fail "pdftotext does not find Ouagadougou in the PDF"
# A style's own sources: a GeoPackage of points named on the map; an
# empty GeoJSON is an error naming it, not a layer drawing nothing.
cat >"$dir/bases.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"label": "Camp Nord"}, "geometry": {"type": "Point", "coordinates": [-1.0, 14.0]}}]}
JSON
ogr2ogr -f GPKG "$dir/bases.gpkg" "$dir/bases.geojson"
cat >"$dir/style.json" <<'JSON'
{"layers": [
 {"id": "bases", "type": "circle", "source": "bases.gpkg", "paint": {"circle-radius": 4, "circle-color": "#000000"}},
 {"id": "base-names", "type": "symbol", "source": "bases.gpkg",
  "layout": {"text-field": ["get", "label"], "text-anchor": "left", "text-offset": [6, 0]}},
 {"id": "dots", "type": "circle", "source": "incidents", "paint": {"circle-radius": 5}}]}
JSON
"$bin" map -q --input "$dir/two.geojson" --style "$dir/style.json" --bbox $burkina --out "$dir/bases.svg"
grep -qE '<text [^>]*>Camp Nord</text>' "$dir/bases.svg" || fail "the GeoPackage's point is not named"
echo '{"type": "FeatureCollection", "features": []}' >"$dir/bases.geojson"
sed 's/bases.gpkg/bases.geojson/' "$dir/style.json" >"$dir/empty.json"
set +e
err=$("$bin" map -q --input "$dir/two.geojson" --style "$dir/empty.json" --bbox $burkina --out "$dir/empty.svg" 2>&1)
code=$?
set -e
[ $code = 1 ] || fail "an empty source: exit $code, not 1"
[[ $err == *"bases.geojson"*"nothing to draw"* ]] || fail "an empty source is not named: $err"
[ -e "$dir/empty.svg" ] && fail "a map was written from a style with an empty source"
# A filter on a column the file lacks names the column and what it has.
set +e
err=$("$bin" map -q --input "$dir/two.geojson" --country BF --out "$dir/nocountry.svg" 2>&1)
code=$?
set -e
[ $code = 1 ] || fail "--country on a file without iso: exit $code, not 1"
[[ $err == *"two.geojson: no column 'iso' to filter on (its columns: event_id_cnty, event_date, event_type, fatalities)"* ]] ||
  fail "--country on a file without iso said: $err"
[ -e "$dir/nocountry.svg" ] && fail "a map was written though its filter could not run"
echo "map text ok"
