#!/usr/bin/env bash
# Many writers of one PostGIS store: REPORTS synthetic reports of attacks
# spread over 21 towns and the days of a year (make_place_reports.py),
# ingested by 1, 2 and 4 writers at once into a store made by `store init`
# in a throwaway cluster (tests/pg/cluster.sh). Each writer runs `incimap
# ingest` on its share of the reports, CHUNK reports a command, one command
# after the other, as a feed reader would. Prints the wall time until every
# writer is done, the reports ingested a second, and the speedup against one
# writer; then checks that the stores hold the same incidents.
#
# With INCIMAP_BENCH_BEFORE naming another incimap (say one whose writers
# take one store-wide lock), the same runs are made with it too.
#
# usage: bench/bench_pg_writers.sh [REPORTS] [CHUNK]    (default 240 20)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
reports=${1:-240}
chunk=${2:-20}
install_packages "${INCIMAP_APT_PACKAGES[@]}" bc
incimap=$(incimap_for_bench)
before=${INCIMAP_BENCH_BEFORE:-}
export incimap before reports chunk
export bench=$INCIMAP_ROOT/bench cluster=$INCIMAP_ROOT/tests/pg/cluster.sh
"$cluster" run bash -c '
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgwriters-XXXXXX")
trap "rm -rf \"$work\"" EXIT
python3 "$bench/make_place_reports.py" "$reports" "$work/reports"
mapfile -t files < <(ls "$work/reports"/*.txt)
# writer BIN STORE W N: ingests the reports I with I % N = W, CHUNK a command.
writer() {
  local bin=$1 store=$2 w=$3 n=$4 i mine=()
  for ((i = w; i < ${#files[@]}; i += n)); do mine+=("${files[i]}"); done
  for ((i = 0; i < ${#mine[@]}; i += chunk)); do
    "$bin" ingest -q --lock-timeout 600 --store "$store" "${mine[@]:i:chunk}"
  done
}
# run NAME BIN N: one store, N writers; prints the line of figures.
run() {
  local name=$1 bin=$2 n=$3 store start end pids=() w
  store=$("$cluster" database "$INCIMAP_PG_STATE" 2>/dev/null)
  "$bin" store init -q "$store"
  start=$(date +%s.%N)
  for ((w = 0; w < n; w++)); do writer "$bin" "$store" "$w" "$n" & pids+=($!); done
  for w in "${pids[@]}"; do wait "$w"; done
  end=$(date +%s.%N)
  local db=${store#PG:dbname=}
  psql -X -At -h "$(cat "$INCIMAP_PG_STATE")" -U incimap_test -d "${db%% *}" \
    -c "SELECT event_date, location, fatalities FROM incidents ORDER BY 1, 2, 3" > "$work/$name-$n.rows"
  local wall rate
  wall=$(echo "$end - $start" | bc)
  rate=$(echo "scale=1; $reports / $wall" | bc)
  [ "$n" -eq 1 ] && echo "$wall" > "$work/$name.one"
  printf "%-8s  %7s  %8.2f  %9s  %7sx\n" "$name" "$n" "$wall" "$rate" \
    "$(echo "scale=2; $(cat "$work/$name.one") / $wall" | bc)"
  cmp -s "$work/$name-1.rows" "$work/$name-$n.rows" || { echo "$name: $n writers made another store than one" >&2; exit 1; }
}
echo "$reports reports, $chunk a command, $(nproc) CPU cores"
printf "%-8s  %7s  %8s  %9s  %8s\n" incimap writers "wall s" reports/s speedup
for n in 1 2 4; do run after "$incimap" "$n"; done
if [ -n "$before" ]; then
  for n in 1 2 4; do run before "$before" "$n"; done
fi
'
