#!/usr/bin/env bash
# `incimap run --store PG:…`: the main job with its store in PostGIS writes
# the same map folder as with its own GeoPackage, less the GeoPackage: the
# GeoJSON, the page's incidents and the database hold the same incidents,
# and a second run over the same reports stores nothing.
# Runs under with_database.sh (INCIMAP_TEST_STORE). Usage: run_into_postgis.sh INCIMAP
set -euo pipefail
bin=$1
store=$INCIMAP_TEST_STORE
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgrun-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
features() { /usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$1"; }
stored() { "$bin" list -q --store "$store" --format geojson > "$work/stored.geojson"; features "$work/stored.geojson"; }

"$bin" store init -q "$store"
err=$(cd "$work" && "$bin" run --store "$store" --out out 2>&1 >/dev/null) || fail "run failed: $err"
for f in incidents.geojson incidents.qml admin1.geojson tiles/tiles.json incidents.mbtiles \
         report.png report.pdf index.html assets/incidents.geojson; do
  [ -s "$work/out/$f" ] || fail "$f is missing or empty"
done
n=$(features "$work/out/incidents.geojson")
[ "$n" -gt 5 ] || fail "only $n incidents from the examples"
[ "$n" = "$(stored)" ] || fail "GeoJSON has $n features, the database $(stored)"
[ "$n" = "$(features "$work/out/assets/incidents.geojson")" ] || fail "the web page has another count"
[[ $err == *"$n in the store $store"* ]] || fail "the summary does not give the database's count $n: $err"
echo "ok: run with its store in PostGIS: $n incidents in the database, the GeoJSON and the page"

err=$(cd "$work" && "$bin" run --store "$store" --out out 2>&1 >/dev/null) || fail "second run failed: $err"
[ "$n" = "$(stored)" ] || fail "the second run changed the database"
echo "run into PostGIS ok"
