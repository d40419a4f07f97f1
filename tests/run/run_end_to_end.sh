#!/usr/bin/env bash
# incimap run on the embedded examples → every output, non-empty and
# readable by GDAL; as many GeoJSON features as stored incidents; the
# incidents of Bamako, Kidal and Tinzaouatine among them; again →
# nothing added; a broken file and a missing one among good reports → named,
# the rest stored, exit 1; -q → silent.
# Usage: run_end_to_end.sh INCIMAP tests/run
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-run-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
features() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$1"; }
stored() { "$bin" list -q --store "$1" --format geojson | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]))'; }

# From another folder: the examples are inside the program.
out=$work/out
err=$(cd "$work" && "$bin" run --out out 2>&1 >/dev/null) || fail "run failed: $err"
echo "$err"
for f in incidents.gpkg incidents.geojson incidents.qml admin1.geojson admin1.qml tiles/tiles.json \
         incidents.mbtiles incidents.mbtiles.json report.png report.pdf index.html config.js \
         assets/incidents.geojson assets/app.js assets/leaflet/leaflet.js; do
    [ -s "$out/$f" ] || fail "$f is missing or empty"
done
ls "$out"/tiles/*/*/*.png > /dev/null || fail "no PNG tile in tiles/"
left=$(find "$out" -name '*.tmp*' -o -name '*.old[0-9]*')
[ -z "$left" ] || fail "temporary files left: $left"
echo "ok: every output written"

n=$(features "$out/incidents.geojson")
[ "$n" -gt 5 ] || fail "only $n incidents from the examples"
[ "$n" = "$(stored "$out/incidents.gpkg")" ] || fail "GeoJSON has $n features, the store $(stored "$out/incidents.gpkg")"
[ "$n" = "$(features "$out/assets/incidents.geojson")" ] || fail "the web page has another count"
docs=$(ls "$here"/../../examples/articles | wc -l)
[[ $err == *"read "*" documents from examples/articles (embedded)"* ]] || fail "summary: $err"
[[ $err == *"skipped examples/articles/2024-10-02-analysis-aes.txt: no incident found"* ]] \
    || fail "the analysis piece is not reported as without incident: $err"
[[ $err == *"$n in the store $out/incidents.gpkg"* || $err == *"$n in the store out/incidents.gpkg"* ]] \
    || fail "the summary does not give the store's count $n: $err"
for f in incidents.gpkg incidents.geojson admin1.geojson report.png report.pdf index.html incidents.mbtiles; do
    [[ $err == *"out/$f "* ]] || fail "the summary does not name $f: $err"
done
echo "ok: $n incidents from $docs example files, the same count in store, GeoJSON and page"

# The incidents the examples are written about, each on its day (or month)
# and within half a degree of the town (GeoNames: Bamako 12.65N 8.00W,
# Kidal 18.44N 1.41E, Tinzaouatine 19.95N 2.97E).
python3 - "$out/incidents.geojson" <<'PY' || fail "an incident of the examples is missing"
import json, sys
incidents = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
wanted = [("Bamako", "2024-09-17", -8.00, 12.65), ("Kidal", "2023-11", 1.41, 18.44),
          ("Tinzaouatine", "2024-07", 2.97, 19.95)]
missing = [name for name, day, lon, lat in wanted
           if not any(f["properties"]["event_date"].startswith(day)
                      and abs(f["geometry"]["coordinates"][0] - lon) < 0.5
                      and abs(f["geometry"]["coordinates"][1] - lat) < 0.5 for f in incidents)]
print("missing:", ", ".join(missing) if missing else "none")
sys.exit(1 if missing else 0)
PY
echo "ok: Bamako 17 September 2024, Kidal November 2023, Tinzaouatine July 2024"

ogrinfo -ro -so "$out/incidents.gpkg" > /dev/null || fail "ogrinfo cannot read incidents.gpkg"
ogrinfo -ro -so "$out/incidents.geojson" > /dev/null || fail "ogrinfo cannot read incidents.geojson"
ogrinfo -ro -so "$out/admin1.geojson" > /dev/null || fail "ogrinfo cannot read admin1.geojson"
gdalinfo "$out/incidents.mbtiles" > /dev/null || fail "gdalinfo cannot read incidents.mbtiles"
gdalinfo "$out/report.png" > /dev/null || fail "gdalinfo cannot read report.png"
head -c 5 "$out/report.pdf" | grep -q '%PDF-' || fail "report.pdf is no PDF"
echo "ok: GDAL reads the outputs"
# The report map names the capitals among its towns (the incidents are in
# Mali: Bamako), as text, and credits GeoNames for them.
report_text=$(pdftotext "$out/report.pdf" -) || fail "pdftotext cannot read report.pdf"
[[ $report_text == *Bamako* ]] || fail "report.pdf does not name Bamako"
[[ $report_text == *"GeoNames"* ]] || fail "report.pdf does not credit GeoNames"
echo "ok: the report map names Bamako and credits GeoNames"

before=$(stat -c %Y "$out/incidents.gpkg")
err=$("$bin" run --out "$out" 2>&1 >/dev/null) || fail "second run failed: $err"
[[ $err == *" 0 with incidents, "* && $err == *"incidents: "*" 0 added, 0 merged"* ]] \
    || fail "the second run stored something: $err"
[[ $err == *"skipped examples/articles/2024-09-18-bamako-attacks.txt: duplicate content"* ]] \
    || fail "a report read again is not named as duplicate: $err"
[ "$n" = "$(features "$out/incidents.geojson")" ] || fail "the second run changed the GeoJSON"
[ "$n" = "$(stored "$out/incidents.gpkg")" ] || fail "the second run changed the store"
echo "ok: running again adds nothing"

set +e
err=$("$bin" run --out "$work/mixed" "$here/reports/broken-feed.xml" "$work/no-such-report.txt" \
      "$here/../../examples/articles/2024-09-18-bamako-attacks.txt" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 1 ] || fail "bad inputs among good ones gave exit $code: $err"
[[ $err == *"broken-feed.xml"*"unreadable"* ]] || fail "the broken feed is not named unreadable: $err"
[[ $err == *"skipped $work/no-such-report.txt: unreadable"* ]] || fail "the missing file is not named: $err"
m=$(features "$work/mixed/incidents.geojson")
[ "$m" -ge 1 ] && [ "$m" = "$(stored "$work/mixed/incidents.gpkg")" ] \
    || fail "the good report was not stored beside the bad ones ($m incidents)"
[ -s "$work/mixed/index.html" ] || fail "no web page after a bad input"
echo "ok: bad inputs named, the rest went through, exit 1"

mkdir "$work/folder"
cp "$here/reports/broken-feed.xml" "$here/../../examples/articles/2023-11-15-kidal-taken.txt" "$work/folder/"
set +e
err=$("$bin" run --out "$work/from-folder" "$work/folder" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 1 ] || fail "a broken file in a folder gave exit $code: $err"
[[ $err == *"skipped $work/folder/broken-feed.xml"*"unreadable"* ]] || fail "the broken file in the folder is not named: $err"
[ "$(features "$work/from-folder/incidents.geojson")" -ge 1 ] || fail "the good file of the folder was not stored"
echo "ok: a broken file in a folder is named, the others stored, exit 1"

touch "$work/a-file"
set +e
err=$("$bin" run --out "$work/a-file" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 2 ] || fail "--out on a file gave exit $code"
[[ $err == *"--out '$work/a-file' is a file; give a folder for the outputs"* ]] || fail "said: $err"
echo "ok: --out on a file is a usage error"

err=$("$bin" run -q --out "$out" 2>&1) || fail "-q run failed: $err"
[ -z "$err" ] || fail "-q still printed: $err"
set +e
err=$("$bin" run -q --out "$out" "$work/no-such-report.txt" 2>&1)
set -e
[ "$err" = "incimap run: $work/no-such-report.txt: no such file or folder" ] \
    || fail "-q did not name the bad input alone: $err"
echo "ok: -q prints nothing but the inputs that could not be read"
