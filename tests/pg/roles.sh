#!/usr/bin/env bash
# The roles of the README: a writer, granted what the README grants, ingests
# reports and imports tables into a store the owner made with `store init`;
# an analyst, granted only SELECT, lists, exports and draws from it, and a
# write of the analyst's is refused in one sentence, leaving the store as
# it was. Runs under with_database.sh. Usage: roles.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1
tests=$2
host=$INCIMAP_TEST_PG_HOST
owner=$INCIMAP_TEST_STORE
db=${owner#PG:dbname=}
db=${db%% *}
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-roles-XXXXXX")
writer=writer_$$ analyst=analyst_$$
cleanup() {
  psql -X -q -h "$host" -U incimap_test -d "$db" \
    -c "DROP OWNED BY $writer, $analyst" >/dev/null 2>&1 || true
  psql -X -q -h "$host" -U incimap_test -d postgres \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS $writer" \
    -c "DROP ROLE IF EXISTS $analyst" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" store init -q "$owner"
# The README's statements, with the role names of this test.
sed -n '/^```sql grants$/,/^```$/p' "$tests/../README.md" | sed '1d;$d' \
  | sed "s/incimap_writer/$writer/g; s/incimap_analyst/$analyst/g" > "$work/grants.sql"
grep -q "GRANT" "$work/grants.sql" || fail "the README has no GRANT statements"
psql -X -q -v ON_ERROR_STOP=1 -h "$host" -U incimap_test -d "$db" \
  -c "CREATE ROLE $writer LOGIN" -c "CREATE ROLE $analyst LOGIN" -f "$work/grants.sql"

as_writer="PG:dbname=$db host=$host user=$writer"
as_analyst="PG:dbname=$db host=$host user=$analyst"
"$bin" import -q --store "$as_writer" "$tests/store/fixtures/acled_current.csv" > /dev/null \
  || fail "the writer cannot import"
"$bin" ingest -q --store "$as_writer" "$tests/ingest/reports/djibo-post-a.txt" \
  "$tests/ingest/reports/djibo-post-b.txt" || fail "the writer cannot ingest"
"$bin" list -q --store "$owner" --format csv > "$work/owner.csv"
"$bin" list -q --store "$as_analyst" --format csv > "$work/analyst.csv"
grep -q "Djibo" "$work/owner.csv" || fail "the writer's report is not in the store"
cmp -s "$work/owner.csv" "$work/analyst.csv" || fail "the analyst does not see what the owner sees"
"$bin" export -q --store "$as_analyst" --out "$work/all.geojson" || fail "the analyst cannot export"
"$bin" map -q --store "$as_analyst" --size 300x200 --out "$work/map.png" || fail "the analyst cannot draw a map"
echo "ok: the writer writes, the analyst reads, exports and draws"

code=0
err=$("$bin" import -q --store "$as_analyst" "$tests/store/fixtures/acled_oldschema.csv" 2>&1 >/dev/null) || code=$?
[ "$code" -eq 1 ] || fail "an analyst's import: exit $code: $err"
[[ $err == *"the database role may read the store but not write it"* ]] || fail "an analyst's import said: $err"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "more than one line: $err"
"$bin" list -q --store "$owner" --format csv | cmp -s "$work/owner.csv" - || fail "the refused import changed the store"
echo "ok: an analyst's write is refused in one sentence"
echo "roles ok"
