# Sourced by the tests that make stores of their own in the test cluster
# (under with_database.sh): needs $bin (incimap), $tests (the tests
# folder), $work (a scratch folder) and INCIMAP_TEST_PG_HOST/_STATE.
# new_store prints the PG: string of a new store made by `store init`;
# drop_stores drops every store it made (the list is kept in $work, as
# new_store runs in a subshell).
host=$INCIMAP_TEST_PG_HOST
fail() { echo "FAIL: $*" >&2; exit 1; }
db_of() { local db=${1#PG:dbname=}; echo "${db%% *}"; }
query() { psql -X -At -h "$host" -U incimap_test -d "$(db_of "$1")" -c "$2"; }
new_store() {
  local store
  store=$("$tests/pg/cluster.sh" database "$INCIMAP_TEST_PG_STATE" 2>/dev/null)
  db_of "$store" >> "$work/databases"
  "$bin" store init -q "$store"
  echo "$store"
}
drop_stores() {
  local db
  [ -f "$work/databases" ] || return 0
  while read -r db; do
    psql -X -q -h "$host" -U incimap_test -d postgres \
      -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done < "$work/databases"
}
