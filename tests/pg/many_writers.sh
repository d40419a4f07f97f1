#!/usr/bin/env bash
# Many writers of one PostGIS store at once end with exactly what one writer
# makes. Four processes ingest overlapping batches of reports (the same
# events worded differently, each batch in its own order) while four import
# the same ACLED-layout table; the store then holds, row for row, what a
# single writer doing the same work leaves: each event once, each report
# once, each ACLED row once. Then the same with three writers killed
# (kill -9) at random moments: what committed is whole (no incident without
# its reports, no report without its incident, the table all or nothing),
# and running the work once more completes it to the same store.
# Runs under with_database.sh. Usage: many_writers.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1
tests=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-writers-XXXXXX")
source "$tests/pg/stores.sh"
cleanup() {
  drop_stores
  rm -rf "$work"
}
trap cleanup EXIT

# An ACLED-layout table of twelve events of its own.
table=$work/events.csv
echo "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp" > "$table"
for i in $(seq 1 12); do
  printf 'NIR%d,2024-01-%02d,2024,1,Political violence,Battles,Armed clash,Test Group %d,,2,Military Forces of Niger (2023-),,1,12,,562,Western Africa,Niger,Tillaberi,,,Test Place %d,%s,%s,1,Test source,Local,"Test event %d: two sides fought near a well.",%d,,1706745600\n' \
    "$i" "$i" "$i" "$i" "$(awk -v i="$i" 'BEGIN { printf "%.4f", 13 + i / 10 }')" \
    "$(awk -v i="$i" 'BEGIN { printf "%.4f", 1 + i / 10 }')" "$i" "$((i % 4))" >> "$table"
done
reports=("$tests"/pg/reports/*.txt)
# batch N: the reports from the Nth on, wrapping round, less the last one.
batch() {
  local n=$1 count=${#reports[@]} i
  for ((i = 0; i < count - 1; i++)); do echo "${reports[(n + i) % count]}"; done
}

# The store as rows to compare: incidents without their ids and times,
# the reports of each, and how many reports and links there are.
snapshot() {
  query "$1" "SELECT event_id_cnty, event_date, event_type, location, country, sources,
                     fatalities_low, fatalities_high, round(latitude::numeric, 5), round(longitude::numeric, 5)
              FROM incidents ORDER BY 2, 4, 1, 7, 8"
  query "$1" "SELECT i.event_date, i.location, i.fatalities_low, s.url, l.fatalities
              FROM incident_sources l JOIN incidents i ON i.id = l.incident_id
              JOIN sources s ON s.id = l.source_id ORDER BY 1, 2, 3, 4"
  query "$1" "SELECT (SELECT COUNT(*) FROM sources) || ' sources, ' ||
                     (SELECT COUNT(*) FROM incident_sources) || ' links'"
}

single=$(new_store)
"$bin" ingest -q --store "$single" "${reports[@]}"
"$bin" import -q --store "$single" "$table" > /dev/null
snapshot "$single" > "$work/single.txt"
[ "$(query "$single" "SELECT COUNT(*) FROM incidents")" -eq 16 ] || fail "the single writer's store: $(cat "$work/single.txt")"

# writers STORE: starts the eight writers, their pids in $pids.
writers() {
  pids=()
  for n in 0 1 2 3; do
    mapfile -t files < <(batch "$n")
    "$bin" ingest -q --lock-timeout 300 --store "$1" "${files[@]}" 2>>"$work/writers.err" &
    pids+=($!)
    "$bin" import -q --lock-timeout 300 --store "$1" "$table" >/dev/null 2>>"$work/writers.err" &
    pids+=($!)
  done
}

many=$(new_store)
writers "$many"
for pid in "${pids[@]}"; do
  wait "$pid" || fail "a writer failed: $(cat "$work/writers.err")"
done
snapshot "$many" > "$work/many.txt"
diff -u "$work/single.txt" "$work/many.txt" || fail "eight writers at once made another store than one writer"
echo "ok: eight writers at once make what one writer makes"

killed=$(new_store)
: > "$work/writers.err"
writers "$killed"
victims=$(printf '%s\n' "${pids[@]}" | shuf -n 3)
for pid in $victims; do
  sleep "0.$((RANDOM % 8))"
  kill -9 "$pid" 2>/dev/null || true
done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
whole() {
  [ "$(query "$1" "SELECT COUNT(*) FROM incidents i WHERE event_id_cnty IS NULL AND NOT EXISTS
                   (SELECT 1 FROM incident_sources l WHERE l.incident_id = i.id)")" -eq 0 ] \
    || fail "a report's incident was left without its report"
  [ "$(query "$1" "SELECT COUNT(*) FROM sources s WHERE NOT EXISTS
                   (SELECT 1 FROM incident_sources l WHERE l.source_id = s.id)")" -eq 0 ] \
    || fail "a report was left without its incident"
  [ "$(query "$1" "SELECT COUNT(*) FROM incident_sources l WHERE NOT EXISTS
                   (SELECT 1 FROM incidents i WHERE i.id = l.incident_id)")" -eq 0 ] \
    || fail "a link to no incident was left"
  local rows
  rows=$(query "$1" "SELECT COUNT(*) FROM incidents WHERE event_id_cnty IS NOT NULL")
  [ "$rows" -eq 0 ] || [ "$rows" -eq 12 ] || fail "an import was left half-done: $rows of 12 rows"
}
whole "$killed"
echo "ok: writers killed at random leave only whole work behind"
"$bin" ingest -q --store "$killed" "${reports[@]}"
"$bin" import -q --store "$killed" "$table" > /dev/null
snapshot "$killed" > "$work/killed.txt"
diff -u "$work/single.txt" "$work/killed.txt" || fail "after the killed writers, the work done again made another store"
echo "ok: done again, the work completes the store as one writer makes it"
echo "many writers ok"
