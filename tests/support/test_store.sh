# Sourced by the behaviour tests that write a store, so that one script tests
# both backends: under tests/pg/with_database.sh INCIMAP_TEST_STORE names a
# PostGIS database, otherwise the test's GeoPackage is used.
#   test_store DEFAULT        prints INCIMAP_TEST_STORE, or DEFAULT
#   store_is_pg STORE         true for a PG: connection string
#   store_sql STORE SQL       runs SQL in the store; prints the rows, one a
#                             line, columns separated by |
#   store_rows STORE TABLE    the number of rows of TABLE
test_store() { echo "${INCIMAP_TEST_STORE:-$1}"; }
store_is_pg() { [[ $1 == PG:* ]]; }
store_sql() {
  if store_is_pg "$1"; then
    psql -X -q -At -v ON_ERROR_STOP=1 "${1#PG:}" -c "$2"
  else
    python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
sql = sys.argv[2]
if sql.lstrip().upper().startswith("SELECT"):
    for row in c.execute(sql):
        print("|".join("" if v is None else str(v) for v in row))
else:
    c.executescript(sql)
c.commit()' "$1" "$2"
  fi
}
store_rows() { store_sql "$1" "SELECT count(*) FROM $2"; }
