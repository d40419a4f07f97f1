#!/usr/bin/env bash
# The first write into an empty database makes the store's tables in one
# transaction, as `store init` does: when making them fails half-way (here
# an event trigger refuses the table `incidents`, made after the others,
# standing in for a writer killed between two tables), the database holds
# none of them, and the next write, once the cause is gone, makes them all.
# Runs under with_database.sh (INCIMAP_TEST_STORE). Usage: first_write_whole.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1 tests=$2
store=$INCIMAP_TEST_STORE
source "$tests/support/test_store.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
tables() {
  store_sql "$store" "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
                      WHERE table_schema = 'public' AND table_name IN ('incidents', 'sources', 'incident_sources')"
}
report=$tests/ingest/reports/gao-convoy.txt

work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgfirst-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
store_sql "$store" "CREATE FUNCTION no_incidents() RETURNS event_trigger LANGUAGE plpgsql AS \$\$
                      BEGIN IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
                                       WHERE object_identity = 'public.incidents')
                      THEN RAISE EXCEPTION 'no incidents table here'; END IF; END \$\$;
                    CREATE EVENT TRIGGER no_incidents ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
                      EXECUTE FUNCTION no_incidents();"
code=0
"$bin" ingest -q --store "$store" "$report" 2>err || code=$?
[ "$code" -eq 1 ] || fail "ingest with the incidents table impossible: exit $code, expected 1: $(cat err)"
grep -Fq "$store" err || fail "the failed first write does not name the store: $(cat err)"
[ -z "$(tables)" ] || fail "a failed first write left the tables $(tables)"
echo "ok: a first write that fails half-way leaves no table"

store_sql "$store" "DROP EVENT TRIGGER no_incidents"
"$bin" ingest -q --store "$store" "$report" 2>err || fail "ingest once the cause is gone: $(cat err)"
[ "$(tables)" = "incident_sources,incidents,sources" ] || fail "the tables after a first write: $(tables)"
[ "$(store_rows "$store" sources)" -eq 1 ] || fail "the report is not stored: $(store_rows "$store" sources) sources"
echo "ok: the next first write makes every table"
