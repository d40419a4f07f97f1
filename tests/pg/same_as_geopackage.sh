#!/usr/bin/env bash
# A store in PostGIS gives what a GeoPackage store of the same incidents
# gives, byte for byte: the same ACLED tables imported and reports ingested
# into both, then list (with a bbox, read by the GiST index), export,
# aggregate, raster and vector tiles and a map drawn from each. The times
# an incident was stored at are the only fields left out: they differ
# between any two runs.
# Runs under with_database.sh (INCIMAP_TEST_STORE). Usage:
# same_as_geopackage.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1
tests=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgsame-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pg=$INCIMAP_TEST_STORE
gpkg=$work/s.gpkg

# Rows that PostgreSQL's bulk insert must carry as they are: quotes,
# apostrophes, backslashes, braces and commas in the text, the word NULL,
# and an event id given twice (the second row updates the first).
odd=$work/odd.csv
head -1 "$tests/store/fixtures/acled_current.csv" > "$odd"
cat >> "$odd" <<'CSV'
NIR70001,2024-05-02,2024,1,Political violence,Battles,Armed clash,"Group ""A"" {north}",,2,Group\B,,1,12,,562,Western Africa,Niger,Tillaberi,,,NULL,14.1235,1.9877,1,"Radio, {local}",Local,"They said ""enough"", then {left} by a\b path; it's NULL.",3,,1714608000
NIR70002,2024-05-03,2024,1,Political violence,Battles,Armed clash,Group C,,2,,,0,20,,562,Western Africa,Niger,Tillaberi,,,Ayorou,14.7311,0.9188,1,Radio,Local,First account.,1,,1714694400
NIR70002,2024-05-03,2024,1,Political violence,Battles,Armed clash,Group C,,2,,,0,20,,562,Western Africa,Niger,Tillaberi,,,Ayorou,14.7311,0.9188,1,Radio,Local,Second account: two dead.,2,,1714694400
CSV

for store in "$pg" "$gpkg"; do
  "$bin" import -q --store "$store" "$tests/store/fixtures/acled_current.csv" \
    "$tests/store/fixtures/acled_oldschema.csv" "$odd" > /dev/null
  "$bin" ingest -q --store "$store" "$tests/ingest/reports/djibo-post-a.txt" \
    "$tests/ingest/reports/djibo-post-b.txt" "$tests/ingest/reports/gao-convoy.txt"
done

pg_db=${pg#PG:dbname=}
pg_query() { psql -X -At -h "$INCIMAP_TEST_PG_HOST" -U incimap_test -d "${pg_db%% *}" -c "$1"; }
[ "$(pg_query "SELECT notes FROM incidents WHERE event_id_cnty = 'NIR70001'")" = \
  'They said "enough", then {left} by a\b path; it'"'"'s NULL.' ] || fail "PostGIS changed a note's text"
[ "$(pg_query "SELECT location IS NOT NULL AND location = 'NULL' FROM incidents
               WHERE event_id_cnty = 'NIR70001'")" = t ] || fail "PostGIS took the word NULL for no value"
[ "$(pg_query "SELECT COUNT(*) || ' ' || MAX(notes) FROM incidents WHERE event_id_cnty = 'NIR70002'")" = \
  '1 Second account: two dead.' ] || fail "an event id given twice in one table is not one updated row"

# comparable FILE: FILE without the times of storing (the columns or
# properties created, updated and ACLED's timestamp), its numbers with 12
# significant digits (PostGIS keeps the 15 GDAL writes, a GeoPackage all 17).
comparable() {
  /usr/bin/python3 - "$1" <<'PY'
import csv, io, json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
times = {"created", "updated", "timestamp"}
def number(match):
    return "%.12g" % float(match.group(0))
def walk(value):
    if isinstance(value, dict):
        return {k: walk(v) for k, v in value.items() if k not in times}
    if isinstance(value, list):
        return [walk(v) for v in value]
    if isinstance(value, float):
        return float("%.12g" % value)
    return value
try:
    print(json.dumps(walk(json.loads(text)), sort_keys=True, indent=1))
except ValueError:
    rows = list(csv.reader(io.StringIO(text)))
    keep = [i for i, name in enumerate(rows[0]) if name not in times] if rows else []
    for row in rows:
        print(",".join(re.sub(r"^-?\d+\.\d{13,}$", number, row[i]) for i in keep if i < len(row)))
PY
}

# same NAME ARGS…: the command's standard output is the same from both stores.
same() {
  local name=$1
  shift
  "$bin" "$@" --store "$gpkg" > "$work/$name.gpkg.raw"
  "$bin" "$@" --store "$pg" > "$work/$name.pg.raw"
  comparable "$work/$name.gpkg.raw" > "$work/$name.gpkg.out"
  comparable "$work/$name.pg.raw" > "$work/$name.pg.out"
  cmp -s "$work/$name.gpkg.out" "$work/$name.pg.out" \
    || { diff -u "$work/$name.gpkg.out" "$work/$name.pg.out" | head -20 >&2; fail "$name differs"; }
  [ -s "$work/$name.gpkg.out" ] || fail "$name is empty"
}
same list list -q
same list_bbox list -q --format csv --bbox -2,13,3,17
same list_filtered list -q --type Battles --since 2016-06-01
same export_geojson export -q --out - --format geojson
echo "ok: list, filtered and by bbox, and export"

for by in admin1 hex:40 month place; do
  same "aggregate_${by%%:*}" aggregate -q --by "$by" --out -
done
echo "ok: aggregate"

# drawn NAME ARGS…: the tiles the command writes into OUT are the same.
drawn() {
  local name=$1
  shift
  "$bin" "$@" --store "$gpkg" --out "$work/$name.gpkg"
  "$bin" "$@" --store "$pg" --out "$work/$name.pg"
  # The TileJSON names the store it was drawn from.
  diff -r -x tiles.json "$work/$name.gpkg" "$work/$name.pg" > /dev/null || fail "$name differs"
  [ -n "$(find "$work/$name.pg" -name '*.p*')" ] || fail "$name drew no tiles"
}
drawn tiles tiles -q --maxzoom 3 --no-basemap
drawn vector tiles -q --vector --maxzoom 3 --no-regions --attributes event_date,event_type,fatalities
echo "ok: raster and vector tiles"
for format in png svg; do
  "$bin" map -q --store "$gpkg" --size 400x300 --out "$work/map.gpkg.$format"
  "$bin" map -q --store "$pg" --size 400x300 --out "$work/map.pg.$format"
  cmp -s "$work/map.gpkg.$format" "$work/map.pg.$format" || fail "the $format map differs"
done
echo "ok: maps"
echo "same as GeoPackage ok"
