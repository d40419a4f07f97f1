#!/usr/bin/env bash
# document_all_or_nothing.sh INCIMAP TESTS_DIR WORK_DIR: a report whose
# evidence cannot be written leaves nothing in the store (no incident, no
# source), so a later run ingests it instead of skipping it as already
# ingested. The failure is induced twice: a trigger that refuses rows of
# incident_sources, and a store whose incident_sources table is gone. On a
# GeoPackage, or in the PostGIS database INCIMAP_TEST_STORE names (tests/pg).
set -euo pipefail
bin=$1 tests=$2 work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/cache" "$work/data"
export XDG_CACHE_HOME="$work/cache" INCIMAP_DATA_DIR="$work/data"
reports=$tests/ingest/reports
source "$tests/support/test_store.sh"
store=$(test_store "$work/store.gpkg")
rows() { store_rows "$store" "$1"; }

"$bin" ingest -q --store "$store" "$reports/gao-convoy.txt" || fail "first ingest failed"
incidents=$(rows incidents) sources=$(rows sources) links=$(rows incident_sources)
[ "$incidents" -gt 0 ] || fail "the first report gave no incident"

# Evidence refused: the report fails and leaves nothing.
if store_is_pg "$store"; then
  store_sql "$store" "CREATE FUNCTION refuse_evidence() RETURNS trigger LANGUAGE plpgsql AS
                      \$\$ BEGIN RAISE EXCEPTION 'evidence refused'; END \$\$;
                      CREATE TRIGGER refuse_evidence BEFORE INSERT ON incident_sources
                      FOR EACH ROW EXECUTE FUNCTION refuse_evidence();"
else
  store_sql "$store" "CREATE TRIGGER refuse_evidence BEFORE INSERT ON incident_sources
                      BEGIN SELECT RAISE(ABORT, 'evidence refused'); END;"
fi
code=0
"$bin" ingest --store "$store" "$reports/djibo-post-a.txt" 2>"$work/stderr" || code=$?
[ "$code" -eq 1 ] || fail "ingest with evidence refused: exit $code, expected 1"
grep -q "djibo-post-a.txt" "$work/stderr" || fail "the failed report is not named: $(cat "$work/stderr")"
grep -q "1 failed; incidents: 0 added" "$work/stderr" || fail "counts: $(cat "$work/stderr")"
[ "$(rows incidents)" -eq "$incidents" ] || fail "a failed report left incidents"
[ "$(rows sources)" -eq "$sources" ] || fail "a failed report left its source"
[ "$(rows incident_sources)" -eq "$links" ] || fail "a failed report left evidence"

# Once the fault is gone the report goes in: it was not ingested before.
if store_is_pg "$store"; then
  store_sql "$store" "DROP TRIGGER refuse_evidence ON incident_sources"
else
  store_sql "$store" "DROP TRIGGER refuse_evidence"
fi
"$bin" ingest --store "$store" "$reports/djibo-post-a.txt" 2>"$work/stderr" || fail "re-run failed: $(cat "$work/stderr")"
grep -q "0 skipped as already ingested, 0 failed; incidents: [1-9]" "$work/stderr" \
  || fail "re-run did not ingest the report: $(cat "$work/stderr")"

# A store without incident_sources: the same, all or nothing.
incidents=$(rows incidents) sources=$(rows sources)
store_sql "$store" "DROP TABLE incident_sources"
code=0
"$bin" ingest --store "$store" "$reports/djibo-post-b.txt" 2>"$work/stderr" || code=$?
[ "$code" -eq 1 ] || fail "ingest without incident_sources: exit $code, expected 1: $(cat "$work/stderr")"
[ "$(rows incidents)" -eq "$incidents" ] || fail "a failed report left incidents (no incident_sources)"
[ "$(rows sources)" -eq "$sources" ] || fail "a failed report left its source (no incident_sources)"
echo "ok"
