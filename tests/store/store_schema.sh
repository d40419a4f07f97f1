#!/usr/bin/env bash
# `incimap store init` and `store upgrade`: the schema a store is made with
# (unique indexes that make a doubled report or ACLED row impossible, the
# merge and spatial indexes, the version), a second init that changes
# nothing, a store newer than the program refused, an older one upgraded
# only on request. The store is a GeoPackage in a temporary folder, or the
# PostGIS database INCIMAP_TEST_STORE names (tests/pg).
# Usage: store_schema.sh INCIMAP tests/store
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-schema-XXXXXX")
trap 'rm -rf "$work"' EXIT
store=${INCIMAP_TEST_STORE:-$work/s.gpkg}
fail() { echo "FAIL: $*" >&2; exit 1; }

# sql STATEMENT: runs it in the store; prints the first column of each row.
sql() {
  /usr/bin/python3 - "$store" "$1" <<'PY'
import sys
from osgeo import ogr
ogr.UseExceptions()
ds = ogr.Open(sys.argv[1], update=1)
result = ds.ExecuteSQL(sys.argv[2])
if result is not None:
    for row in result:
        print(row.GetField(0))
    ds.ReleaseResultSet(result)
PY
}
is_gpkg() { [[ $store != PG:* && $store != postgresql:* ]]; }
indexes() {
  if is_gpkg; then sql "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"
  else sql "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"; fi
}
drop_table() {
  if ! is_gpkg; then sql "DROP TABLE $1" > /dev/null; return; fi
  /usr/bin/python3 - "$store" "$1" <<'PY'
import sys
from osgeo import ogr
ogr.UseExceptions()
ds = ogr.Open(sys.argv[1], update=1)
for i in range(ds.GetLayerCount()):
    if ds.GetLayer(i).GetName() == sys.argv[2]:
        ds.DeleteLayer(i)
        break
PY
}
# run EXPECTED-EXIT ARGS…: the command's stderr in $err.
run() {
  local want=$1 code=0
  shift
  err=$("$bin" "$@" 2>&1 >/dev/null) || code=$?
  [ "$code" -eq "$want" ] || fail "incimap $*: exit $code, expected $want: $err"
}

run 0 store init "$store"
[[ $err == "made the store '$store' (schema version 1)" ]] || fail "init said: $err"
[ "$(sql "SELECT version FROM incimap_schema")" = 1 ] || fail "no schema version 1 recorded"
names=$(indexes)
for index in sources_content_hash_unique incident_sources_pair incidents_event_id_unique \
             incidents_day_position incidents_place_day; do
  grep -qx "$index" <<<"$names" || fail "init made no index $index: $names"
done
if is_gpkg; then
  [ "$(sql "SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = 'incidents' AND extension_name = 'gpkg_rtree_index'")" = 1 ] \
    || fail "no R-tree on the incidents"
else
  [ "$(sql "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'incidents' AND indexdef LIKE '%USING gist (geom)%'")" = 1 ] \
    || fail "no GiST index on the incidents' geometry"
fi
echo "ok: init makes the tables, the unique, merge and spatial indexes, and version 1"

run 0 store init "$store"
[[ $err == "the store '$store' already has schema version 1; nothing changed" ]] || fail "second init said: $err"
echo "ok: a second init changes nothing"

sql "INSERT INTO sources (content_hash) VALUES ('same-text')" > /dev/null
if sql "INSERT INTO sources (content_hash) VALUES ('same-text')" > /dev/null 2>&1; then
  fail "the store took a second source with the same content hash"
fi
sql "INSERT INTO incidents (event_id_cnty) VALUES ('XX1')" > /dev/null
if sql "INSERT INTO incidents (event_id_cnty) VALUES ('XX1')" > /dev/null 2>&1; then
  fail "the store took a second incident with the same event id"
fi
sql "DELETE FROM incidents" > /dev/null
sql "DELETE FROM sources" > /dev/null
echo "ok: a doubled report or event id is refused by the database itself"

run 0 import -q --store "$store" "$here/fixtures/acled_current.csv"
sql "UPDATE incimap_schema SET version = 99" > /dev/null
for command in list init upgrade; do
  case $command in
    list) run 1 list --store "$store" ;;
    *) run 1 store "$command" "$store" ;;
  esac
  [[ $err == *"the store's schema is version 99, newer than this incimap knows (1); use a newer incimap"* ]] \
    || fail "incimap $command on a newer store said: $err"
done
sql "UPDATE incimap_schema SET version = 1" > /dev/null
echo "ok: a store newer than the program is refused"

# A store made before versions were kept: no version table, plain indexes.
make_version_0() {
  drop_table incimap_schema
  for index in sources_content_hash_unique incident_sources_pair incidents_event_id_unique; do
    sql "DROP INDEX $index" > /dev/null
  done
}
make_version_0
run 0 list --store "$store"
run 1 store init "$store"
[[ $err == *"the store's schema is version 0, older than this incimap's (1); 'incimap store upgrade' brings it up to date"* ]] \
  || fail "init of an older store said: $err"
run 1 store init "$store"
[[ $err == *"schema is version 0"* ]] || fail "init of an older store upgraded it: $err"
echo "ok: an older store is read as it is, and init does not upgrade it"

sql "INSERT INTO sources (content_hash) VALUES ('twice')" > /dev/null
sql "INSERT INTO sources (content_hash) VALUES ('twice')" > /dev/null
run 1 store upgrade "$store"
[[ $err == *"table 'sources' holds two rows with the same content_hash"* ]] || fail "upgrade over doubled rows said: $err"
run 1 store init "$store"
[[ $err == *"schema is version 0"* ]] || fail "the failed upgrade left a version behind: $err"
echo "ok: upgrade refuses rows the unique indexes forbid, and leaves the store as it was"

sql "DELETE FROM sources WHERE content_hash = 'twice'" > /dev/null
run 0 store upgrade "$store"
[[ $err == "upgraded the store '$store' from schema version 0 to 1" ]] || fail "upgrade said: $err"
names=$(indexes)
for index in sources_content_hash_unique incident_sources_pair incidents_event_id_unique; do
  grep -qx "$index" <<<"$names" || fail "upgrade made no index $index"
done
run 0 store upgrade "$store"
[[ $err == "the store '$store' already has schema version 1; nothing changed" ]] || fail "second upgrade said: $err"
out=$("$bin" import -q --store "$store" "$here/fixtures/acled_current.csv")
[[ $out == "8 rows: 0 imported, 8 updated, 0 rejected"* ]] || fail "import into the upgraded store said: $out"
echo "ok: upgrade brings an older store to version 1, once"

run 1 store upgrade "$work/none.gpkg"
[[ $err == *"none.gpkg: no incident store here; 'incimap store init' makes one"* ]] || fail "upgrade of nothing said: $err"
[ ! -e "$work/none.gpkg" ] || fail "upgrade made a file"
echo "store schema ok"
