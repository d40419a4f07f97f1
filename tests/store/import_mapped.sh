#!/usr/bin/env bash
# `incimap import --map-file`: a table with other column names and codes of
# its own goes into the store; rows whose code has no ACLED event type are
# rejected with it. Then the GDELT 1.0 table of the shared reference data
# with examples/gdelt1.map, when that data is there. On GeoPackages, or in
# the PostGIS database INCIMAP_TEST_STORE names (tests/pg; without the GDELT
# part). Usage: import_mapped.sh INCIMAP TESTS_STORE_DIR EXAMPLES_DIR SHARED_EVENTS_DIR
set -euo pipefail
bin=$1 here=$2 examples=$3 shared=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$here/../support/test_store.sh"
store=$(test_store "$work/s.gpkg")

out=$("$bin" import --store "$store" --map-file "$here/fixtures/news_events.map" \
      --rejects "$work/rejects.csv" "$here/fixtures/news_events.csv" 2>&1)
echo "$out"
echo "$out" | grep -q "4 rows: 3 imported, 0 updated, 1 rejected" || fail "counts: $out"
grep -q "unknown event_type '04'" "$work/rejects.csv" || fail "rejects: $(cat "$work/rejects.csv")"
"$bin" export -q --store "$store" --format acled --out "$work/a.csv"
python3 - "$work/a.csv" <<'PY'
import csv, sys
rows = {r["event_id_cnty"]: r for r in csv.DictReader(open(sys.argv[1]))}
assert set(rows) == {"N1", "N2", "N4"}, rows.keys()
assert rows["N1"]["event_date"] == "1987-04-12" and rows["N1"]["event_type"] == "Battles"
assert rows["N2"]["iso"] == "854" and rows["N2"]["event_type"] == "Protests"
assert rows["N4"]["iso"] == "562" and rows["N4"]["geo_precision"] == "3"
PY
# The same with --map on the command line, and a bad entry.
"$bin" import -q --store "$(test_store "$work/t.gpkg")" --map event_date=Day,event_type=Code,latitude=Lat,longitude=Lon \
  --map 'event_type[19]=Battles' "$here/fixtures/news_events.csv" || fail "--map"
if "$bin" import -q --store "$(test_store "$work/u.gpkg")" --map when=Day "$here/fixtures/news_events.csv" 2> "$work/err"; then
  fail "an unknown field was accepted"
fi
grep -q "'when' is not a field" "$work/err" || fail "message: $(cat "$work/err")"

gdelt="$shared/gdelt1_sahel_1979-1997.csv"
if store_is_pg "$store"; then
  echo "the GDELT part runs on a GeoPackage only"
elif [ -f "$gdelt" ]; then
  out=$("$bin" import --store "$work/g.gpkg" --map-file "$examples/gdelt1.map" "$gdelt" 2>&1)
  echo "$out" | tail -1
  echo "$out" | grep -Eq "[0-9]+ rows: [1-9][0-9]* imported" || fail "GDELT: $out"
else
  echo "no $gdelt: the GDELT part is skipped"
fi
echo "mapped imports work"
