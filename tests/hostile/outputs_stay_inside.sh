#!/usr/bin/env bash
# outputs_stay_inside.sh INCIMAP HOSTILE_DIR WORK_DIR: a report whose text
# carries <script> and "onerror= markup goes through ingest, export (GeoJSON
# with its .qml), web and tiles; incidents whose ids hold "../" and a --tiles
# path with ".." go to web and tiles. Checks that the markup stays data
# (never in the page itself, only shown with textContent; the .qml is
# well-formed and free of it), that every file written is inside the output
# folder, and that no temporary file is left behind. The store is a
# GeoPackage in the output folder, or the PostGIS database INCIMAP_TEST_STORE
# names (tests/pg).
set -euo pipefail
bin=$1 inputs=$2/inputs work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/out" "$work/cwd" "$work/cache" "$work/data"
export XDG_CACHE_HOME="$work/cache" INCIMAP_DATA_DIR="$work/data"
cd "$work/cwd"
out="$work/out"
source "$2/../support/test_store.sh"
store=$(test_store "$out/incidents.gpkg")

"$bin" ingest -q --store "$store" "$inputs/script_report.txt" || fail "ingest of the script report failed"
"$bin" export -q --store "$store" --out "$out/incidents.geojson" || fail "export failed"
"$bin" web -q --store "$store" --out "$out/site" --title '</script><script>alert(3)</script>' \
  || fail "web failed"
"$bin" tiles -q --store "$store" --maxzoom 4 --out "$out/site/tiles" || fail "tiles failed"

python3 - "$out" <<'PY' || fail "markup from the report is not inert"
import json, pathlib, sys, xml.dom.minidom
out = pathlib.Path(sys.argv[1])
exported = json.loads((out / "incidents.geojson").read_text())
text = json.dumps(exported)
assert "onerror=alert(1)" in text and "<script>alert(document.cookie)" in text, \
    "the export should keep the report's words as data"
qml = (out / "incidents.qml").read_text()
xml.dom.minidom.parseString(qml)  # well-formed
assert "onerror" not in qml and "<script" not in qml, "report text in the .qml"
site = out / "site"
page = (site / "index.html").read_text()
assert "alert(" not in page, "data inside index.html"
config = (site / "config.js").read_text()
prefix = "window.INCIMAP_CONFIG = "
assert config.startswith(prefix) and config.rstrip().endswith(";")
json.loads(config[len(prefix):].rstrip().rstrip(";"))  # plain JSON, no code
app = (site / "assets" / "app.js").read_text()
for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
    assert sink not in app, f"app.js uses {sink}"
PY

# Incidents with "../" in their ids, and a tiles path that climbs out of
# --out (refused: the page could not reach it).
cat > "$work/cwd/dotdot.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "../../../escaped", "geometry": {"type": "Point", "coordinates": [-1.6255, 14.0994]},
  "properties": {"event_date": "2024-09-17", "event_type": "Battles", "fatalities": 3, "location": "../../x"}},
 {"type": "Feature", "id": "..", "geometry": {"type": "Point", "coordinates": [-0.0345, 14.0354]},
  "properties": {"event_date": "2024-09-18", "event_type": "Riots", "fatalities": 0, "location": "/etc/passwd"}}]}
JSON
"$bin" tiles -q --input dotdot.geojson --maxzoom 3 --out "$out/dotdot/tiles" || fail "tiles of dotdot.geojson failed"
"$bin" tiles -q --update --input dotdot.geojson --maxzoom 3 --out "$out/dotdot/tiles" || fail "tiles --update failed"
"$bin" web -q --input dotdot.geojson --out "$out/dotdot/site" || fail "web of dotdot.geojson failed"
code=0
err=$("$bin" web -q --input dotdot.geojson --tiles ../../../../escaped --out "$out/dotdot/site2" 2>&1) || code=$?
[ "$code" -eq 2 ] || fail "web --tiles ../../../../escaped gave exit $code"
[[ $err == *"--tiles '../../../../escaped': must be inside --out"* ]] || fail "web --tiles ..: $err"
[ ! -e "$out/dotdot/site2" ] || fail "web --tiles .. left a folder behind"

rm -f "$work/cwd/dotdot.geojson"
outside=$(find "$work" -path "$out" -prune -o -path "$work/cache" -prune -o -path "$work/data" -prune \
  -o -mindepth 1 ! -type d -print)
[ -z "$outside" ] || fail "written outside the output folder: $outside"
[ ! -e "$work/../escaped" ] || fail "a file escaped the work folder"
leftover=$(find "$out" -name '*.tmp*' -o -name '*.part' -o -name '*-journal')
[ -z "$leftover" ] || fail "temporary files left: $leftover"
echo "hostile markup stayed inert and every output stayed in $out"
