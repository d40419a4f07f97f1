#!/usr/bin/env bash
# A PostGIS store's writer cut off in the middle of writing: its connection
# ended by the server (pg_terminate_backend from another session, as when an
# administrator stops it or the server restarts), or the writer killed
# (kill -9). Each time the store is whole: it holds exactly what it held
# before (counted with queries), `incimap list` reads it, and the same
# command run again completes the work. A cut-off writer exits 1 naming the
# store. Runs under tests/pg/with_database.sh.
# Usage: writer_cut_off.sh INCIMAP TESTS_DIR
set -euo pipefail
bin=$1 tests=$2
store=$INCIMAP_TEST_STORE
source "$tests/support/test_store.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-cut-off-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A table long enough to be caught while it is written: 40,000 rows.
python3 - "$work/long.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("event_id_cnty,event_date,event_type,sub_event_type,actor1,location,latitude,longitude,"
            "fatalities,notes\n")
    for n in range(40000):
        f.write(f"CUT{n},2023-{1 + n % 12:02}-{1 + n % 28:02},Battles,Armed clash,"
                f"Unidentified Armed Group,Gao,{16 + (n % 97) / 1000:.4f},{(n % 89) / 1000:.4f},"
                f"{n % 7},Row {n} of a long table.\n")
PY
"$bin" import -q --store "$store" "$tests/store/fixtures/acled_current.csv" >/dev/null
"$bin" ingest -q --store "$store" "$tests/ingest/reports/gao-convoy.txt"
counts() {
  echo "$(store_rows "$store" incidents) incidents, $(store_rows "$store" sources) sources," \
    "$(store_rows "$store" incident_sources) links"
}
before=$(counts)

# writers WHAT PID: polls until a client of this database other than ours
# has written in its transaction, then WHAT: "terminate" ends its session
# in the same query (no time for it to commit in between), "seen" only
# says so. Prints t when done; nothing when PID ended first.
writers() {
  local act=$1 result
  [ "$act" = terminate ] && act="pg_terminate_backend(pid)" || act=true
  for _ in $(seq 1000); do
    result=$(store_sql "$store" "SELECT $act FROM pg_stat_activity WHERE datname = current_database()
                               AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                               AND backend_xid IS NOT NULL LIMIT 1")
    [ "$result" = t ] && { echo t; return; }
    kill -0 "$2" 2>/dev/null || return 0
    sleep 0.02
  done
}

# The server ends the import's connection while it writes the rows.
"$bin" import -q --store "$store" "$work/long.csv" >/dev/null 2>"$work/err" &
pid=$!
[ "$(writers terminate "$pid")" = t ] || fail "the import ended before it was seen writing: $(cat "$work/err")"
code=0
wait "$pid" || code=$?
[ "$code" -eq 1 ] || fail "the import cut off by the server: exit $code, expected 1: $(cat "$work/err")"
grep -Fq "$store" "$work/err" || fail "the import cut off by the server does not name the store: $(cat "$work/err")"
[ "$(counts)" = "$before" ] || fail "the import cut off by the server left $(counts), before: $before"
"$bin" list -q --store "$store" --format csv >/dev/null || fail "list after the cut-off import"
echo "ok: an import whose connection the server ends exits 1 naming the store, which holds what it held"

# The import killed while it writes the rows.
"$bin" import -q --store "$store" "$work/long.csv" >/dev/null 2>"$work/err" &
pid=$!
[ "$(writers seen "$pid")" = t ] || fail "the import ended before it was seen writing: $(cat "$work/err")"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
for _ in $(seq 100); do  # the server notices the lost client and rolls back
  [ -z "$(store_sql "$store" "SELECT pid FROM pg_stat_activity WHERE datname = current_database()
                              AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                              AND backend_xid IS NOT NULL")" ] && break
  sleep 0.1
done
[ "$(counts)" = "$before" ] || fail "the killed import left $(counts), before: $before"
echo "ok: an import killed while writing leaves the store as it was"

# Once more, to its end.
"$bin" import -q --store "$store" "$work/long.csv" >/dev/null
[ "$(store_rows "$store" incidents)" -eq $((40000 + ${before%% *})) ] \
  || fail "the import run again: $(counts), before: $before"
echo "ok: run again, the import completes the store"

# The server ends an ingest's connection while it waits to write its first
# report: another session holds the sources table, so that the ingest is
# caught in its write whatever its speed.
reports=("$tests"/pg/reports/*.txt)
before=$(counts)
PGAPPNAME=holder psql -X -q "${store#PG:}" >/dev/null 2>"$work/holder.err" <<'SQL' &
BEGIN;
LOCK TABLE sources IN EXCLUSIVE MODE;
SELECT pg_sleep(300);
SQL
holder=$!
waiting() {  # the client of this database waiting for a lock (not autovacuum)
  store_sql "$store" "SELECT pid FROM pg_stat_activity WHERE datname = current_database()
                      AND backend_type = 'client backend' AND wait_event_type = 'Lock' LIMIT 1"
}
held=
for _ in $(seq 600); do
  held=$(store_sql "$store" "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                             WHERE c.relname = 'sources' AND l.mode = 'ExclusiveLock' AND l.granted
                             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")
  [ "$held" != 0 ] && break
  kill -0 "$holder" 2>/dev/null || break
  sleep 0.1
done
[ "$held" != 0 ] || fail "the other session did not lock the sources table: $(cat "$work/holder.err")"
"$bin" ingest -q --store "$store" "${reports[@]}" 2>"$work/err" &
pid=$!
backend=
for _ in $(seq 600); do
  backend=$(waiting)
  [ -n "$backend" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
[ -n "$backend" ] || fail "the ingest was never seen waiting to write: $(cat "$work/err")"
[ "$(store_sql "$store" "SELECT pg_terminate_backend($backend)")" = t ] || fail "pg_terminate_backend($backend) failed"
code=0
wait "$pid" || code=$?
store_sql "$store" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = 'holder'" >/dev/null
wait "$holder" 2>/dev/null || true
[ "$code" -eq 1 ] || fail "the ingest cut off by the server: exit $code, expected 1: $(cat "$work/err")"
grep -Fq "$store" "$work/err" || fail "the ingest cut off by the server does not name the store: $(cat "$work/err")"
# It stops at the report it was storing: one message, not one a report.
[ "$(grep -c "the store failed, so the run stops here" "$work/err")" -eq 1 ] \
  || fail "the ingest cut off by the server did not stop once: $(cat "$work/err")"
[ "$(grep -c "$store" "$work/err")" -eq 1 ] \
  || fail "the ingest cut off by the server went on with other reports: $(cat "$work/err")"
[ "$(counts)" = "$before" ] || fail "the ingest cut off by the server left $(counts), before: $before"
"$bin" ingest -q --store "$store" "${reports[@]}" 2>"$work/err" || fail "the ingest run again: $(cat "$work/err")"
[ "$(store_rows "$store" sources)" -eq $(( $(echo "$before" | cut -d' ' -f3) + ${#reports[@]} )) ] \
  || fail "the ingest run again: $(counts), before: $before, ${#reports[@]} reports"
echo "ok: an ingest cut off by the server exits 1 naming the store, which holds what it held; run again, it completes"
