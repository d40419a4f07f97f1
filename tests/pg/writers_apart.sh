#!/usr/bin/env bash
# Writers of a PostGIS store keep apart only where they meet. A session
# holds the lock of one merge cell (store/write_locks.hpp) with its
# transaction open: a writer of an event in that cell waits for it, while
# a writer of an event elsewhere commits meanwhile. Then two writers of two
# reports of one event, both held at that event's cell until both wait
# there, end with one incident of two reports.
# Runs under with_database.sh. Usage: writers_apart.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1
tests=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-apart-XXXXXX")
source "$tests/pg/stores.sh"
holder=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  drop_stores
  rm -rf "$work"
}
trap cleanup EXIT

# hold STORE NAME: a session of its own takes the lock NAME and keeps its
# transaction open until release.
hold() {
  mkfifo "$work/hold"
  psql -X -q -h "$host" -U incimap_test -d "$(db_of "$1")" < "$work/hold" > /dev/null &
  holder=$!
  exec 3> "$work/hold"
  echo "BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('$2', 0));" >&3
  until_count "$1" "granted" 1 "the session never took the lock $2"
}
release() {
  echo "COMMIT;" >&3
  exec 3>&-
  wait "$holder"
  holder=
  rm -f "$work/hold"
}
# until_count STORE GRANTED N WHY [ERRORS]: waits until N advisory locks
# are held (GRANTED "granted") or waited for ("NOT granted"); fails with
# WHY and the file ERRORS when that never happens.
until_count() {
  local i
  for i in $(seq 1 600); do
    [ "$(query "$1" "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND $2")" -ge "$3" ] && return 0
    sleep 0.1
  done
  fail "$4${5:+: $(cat "$5")}"
}

header="event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
# row ID LATITUDE LONGITUDE: a clash on 5 January 2024 at that point.
row() {
  printf '%s\n%s,2024-01-05,2024,1,Political violence,Battles,Armed clash,Test Group,,2,Military Forces of Niger (2023-),,1,12,,562,Western Africa,Niger,Tillaberi,,,Test Place %s,%s,%s,1,Test source,Local,"A clash near a well.",2,,1706745600\n' \
    "$header" "$1" "$1" "$2" "$3"
}
# The first at 13.30°N 1.10°E, in the 0.25° cell (4, 53); the second at
# 14.50°N 3.00°E, some 250 km away.
row NIR101 13.30 1.10 > "$work/here.csv"
row NIR102 14.50 3.00 > "$work/elsewhere.csv"

store=$(new_store)
hold "$store" "incimap cell|2024-01-05|battles|4|53"
"$bin" import -q --lock-timeout 300 --store "$store" "$work/here.csv" > /dev/null 2> "$work/here.err" &
here=$!
until_count "$store" "NOT granted" 1 "the writer of the held cell did not wait for it" "$work/here.err"
"$bin" import -q --lock-timeout 60 --store "$store" "$work/elsewhere.csv" > /dev/null \
  || fail "the writer elsewhere did not get through while the cell was held"
[ "$(query "$store" "SELECT string_agg(event_id_cnty, ',') FROM incidents")" = NIR102 ] \
  || fail "while the cell is held, the store should hold only the event elsewhere"
kill -0 "$here" 2>/dev/null || fail "the writer of the held cell ended while the cell was held"
release
wait "$here" || fail "the writer of the held cell failed: $(cat "$work/here.err")"
[ "$(query "$store" "SELECT string_agg(event_id_cnty, ',' ORDER BY event_id_cnty) FROM incidents")" = NIR101,NIR102 ] \
  || fail "once the cell is free, both events should be stored"
echo "ok: a writer elsewhere commits while a writer of a held cell waits"

# Where the reader puts the killing of villagers in Menaka: its cell.
scratch=$(new_store)
"$bin" ingest -q --store "$scratch" "$tests/pg/reports/menaka-village-a.txt"
cell=$(query "$scratch" "SELECT 'incimap cell|' || event_date || '|' || lower(event_type) || '|' ||
                                floor(longitude / 0.25) || '|' || floor(latitude / 0.25) FROM incidents")
[ -n "$cell" ] || fail "the Menaka report gave no incident"

store=$(new_store)
hold "$store" "$cell"
pids=()
for report in menaka-village-a menaka-village-b; do
  "$bin" ingest -q --lock-timeout 300 --store "$store" "$tests/pg/reports/$report.txt" 2>> "$work/menaka.err" &
  pids+=($!)
done
until_count "$store" "NOT granted" 2 "the two writers of the Menaka killing did not both wait at its cell" "$work/menaka.err"
[ "$(query "$store" "SELECT COUNT(*) FROM incidents")" -eq 0 ] || fail "a writer wrote past the held cell"
release
for pid in "${pids[@]}"; do wait "$pid" || fail "a writer of the Menaka killing failed: $(cat "$work/menaka.err")"; done
[ "$(query "$store" "SELECT COUNT(*) || ' incident, ' || SUM(sources) || ' reports' FROM incidents")" = "1 incident, 2 reports" ] \
  || fail "two writers of one event should make one incident of two reports: $(query "$store" "SELECT id, sources, location FROM incidents")"
[ "$(query "$store" "SELECT COUNT(*) FROM incident_sources")" -eq 2 ] || fail "both reports should be linked"
echo "ok: two writers of one event, held at its cell together, merge into one incident"
echo "writers apart ok"
