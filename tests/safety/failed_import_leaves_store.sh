#!/usr/bin/env bash
# failed_import_leaves_store.sh INCIMAP TESTS_DIR WORK_DIR: an import that
# fails, for bad input or because the store refuses a row half-way, says
# which input or store and why, exits 1 and leaves the store as it was:
# the same rows (counted in the store's own tables) and the same incidents
# listed. Rows rejected one by one leave it as it was too, with exit 0. On
# a GeoPackage, or in the PostGIS database INCIMAP_TEST_STORE names
# (tests/pg).
set -euo pipefail
bin=$1 tests=$2 work=$3
source "$(dirname "${BASH_SOURCE[0]}")/fresh_work_dir.sh"
source "$tests/support/test_store.sh"
store=$(test_store "$work/store.gpkg")
current=$tests/store/fixtures/acled_current.csv
older=$tests/store/fixtures/acled_oldschema.csv

"$bin" import -q --store "$store" "$current" >/dev/null
state() {  # the rows of each table, and the incidents listed
  store_sql "$store" "SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM sources),
                             (SELECT count(*) FROM incident_sources)"
  "$bin" list -q --store "$store" --format csv
}
state >before
[ "$(store_rows "$store" incidents)" -eq 8 ] || fail "the fixture gave $(store_rows "$store" incidents) incidents, not 8"

# refused NAME PATTERN -- IMPORT ARGUMENTS…: exit 1, stderr matching
# PATTERN, the store unchanged.
refused() {
  local name=$1 pattern=$2 code=0
  shift 3
  "$bin" import --store "$store" "$@" </dev/null >stdout 2>stderr || code=$?
  if [ "$code" -ne 1 ]; then
    fail "$name: exit $code, expected 1: $(head -c 400 stderr)"
  elif ! grep -Eq -- "$pattern" stderr; then
    fail "$name: stderr does not match '$pattern': $(head -c 400 stderr)"
  fi
  state >after
  cmp -s before after || fail "$name: the store changed: $(diff before after | head -c 600)"
}

head -c 1500 "$tests/render/fixtures/incidents.geojson" >truncated.geojson
printf 'place,when,what\nGao,2024-01-02,clash\n' >no_columns.csv
refused "a truncated GeoJSON" "truncated.geojson: cannot open .*Failed to read GeoJSON" -- truncated.geojson
refused "a table without the needed columns" "no_columns.csv:1: no event_date \\(or date\\) column" -- no_columns.csv
refused "a good table, then a truncated GeoJSON" "truncated.geojson" -- "$older" truncated.geojson
refused "a good table, then a missing one" "no-such-table.csv: no such file" -- "$older" no-such-table.csv

# The store refuses the fifth of the eight rows of a table: none goes in.
if store_is_pg "$store"; then
  store_sql "$store" "CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS
                      \$\$ BEGIN IF NEW.event_id_cnty = 'BFO80005' THEN RAISE EXCEPTION 'row refused';
                      END IF; RETURN NEW; END \$\$;
                      CREATE TRIGGER refuse_row BEFORE INSERT ON incidents
                      FOR EACH ROW EXECUTE FUNCTION refuse_row();"
else
  store_sql "$store" "CREATE TRIGGER refuse_row BEFORE INSERT ON incidents
                      WHEN NEW.event_id_cnty = 'BFO80005' BEGIN SELECT RAISE(ABORT, 'row refused'); END;"
fi
# The message names the input's lines written together with the refused
# row, then the store and its reason, without the SQL statement.
refused "a row the store refuses" \
  "acled_oldschema\\.csv:2: the rows of lines 2 to 9 could not be written into the store: ${store//./\\.}.*row refused" \
  -- "$older"
grep -q "INSERT" stderr && fail "the refused row's message quotes the SQL: $(head -c 400 stderr)"
if store_is_pg "$store"; then
  store_sql "$store" "DROP TRIGGER refuse_row ON incidents"
else
  store_sql "$store" "DROP TRIGGER refuse_row"
fi
"$bin" import -q --store "$store" "$older" >/dev/null || fail "the import once the store takes the row failed"
[ "$(store_rows "$store" incidents)" -eq 16 ] || fail "after the refused import, $(store_rows "$store" incidents) incidents, not 16"
state >before

# Rows rejected one by one: named with their line, exit 0, nothing stored.
code=0
"$bin" import --store "$store" "$tests/hostile/inputs/bad_values.csv" >stdout 2>stderr || code=$?
[ "$code" -eq 0 ] || fail "bad rows: exit $code: $(head -c 400 stderr)"
grep -q "7 rows: 0 imported, 0 updated, 7 rejected" stdout || fail "bad rows: $(cat stdout)"
grep -q "bad_values.csv:5: latitude '91' out of range" stderr || fail "bad rows: $(head -c 400 stderr)"
state >after
cmp -s before after || fail "bad rows: the store changed: $(diff before after | head -c 600)"
finish
