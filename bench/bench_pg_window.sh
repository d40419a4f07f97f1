#!/usr/bin/env bash
# Tiles of a town from a PostGIS store of 100,000 incidents and from one of
# BIG (default 10,000,000): `incimap tiles --bbox TOWN --minzoom 8 --maxzoom
# 12`, which reads only the window of the store its tiles are drawn from (a
# bbox query on the GiST index). Both stores hold the same SMALL synthetic
# ACLED-style rows over Mali, Burkina Faso and Niger (make_synthetic_acled.py,
# imported with `incimap import`); the big one has BIG - SMALL more, copies
# of them moved 30 degrees east and 5 to 30 degrees south, far from the
# town, written by the server itself (INSERT … SELECT over generate_series:
# importing ten million rows through the client would take the better part
# of an hour here). So the town's window holds the same incidents in both,
# and what differs is the size of the store around it. The tiles drawn from
# both are checked to be the same. Prints the median wall and CPU time of
# three runs on each store (after one untimed run each) and the ratio of
# the medians; then, for comparison, one run on each store that reads
# every incident (no --maxzoom).
# Runs against a throwaway cluster on a Unix socket (tests/pg/cluster.sh).
#
# usage: bench/bench_pg_window.sh [BIG] [SMALL]   (default 10000000 100000)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
big=${1:-10000000}
small=${2:-100000}
install_packages "${INCIMAP_APT_PACKAGES[@]}" time bc
incimap=$(incimap_for_bench)
export incimap big small
export bench=$INCIMAP_ROOT/bench cluster=$INCIMAP_ROOT/tests/pg/cluster.sh
"$cluster" run bash -c '
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgwindow-XXXXXX")
trap "rm -rf \"$work\"" EXIT
host=$(cat "$INCIMAP_PG_STATE")
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -U incimap_test -d "$1" -c "$2"; }
dbname() { local n=${1#PG:dbname=}; echo "${n%% *}"; }

python3 "$bench/make_synthetic_acled.py" "$small" "$work/events.csv" > /dev/null
small_store=$("$cluster" database "$INCIMAP_PG_STATE")
big_store=$("$cluster" database "$INCIMAP_PG_STATE")
for store in "$small_store" "$big_store"; do
  "$incimap" store init -q "$store"
  "$incimap" import -q --store "$store" "$work/events.csv" > /dev/null
done
echo "imported $small rows into each store"

# The other rows of the big store: copies of the imported ones, each copy
# moved to a place of its own east and south of the Sahel.
columns=$(psql -X -At -h "$host" -U incimap_test -d "$(dbname "$big_store")" -c \
  "SELECT string_agg(quote_ident(column_name), '\'', '\'' ORDER BY ordinal_position) FROM information_schema.columns
   WHERE table_name = '\''incidents'\'' AND column_name NOT IN
   ('\''id'\'', '\''event_id_cnty'\'', '\''latitude'\'', '\''longitude'\'', '\''geom'\'', '\''created'\'', '\''updated'\'')")
copies=$(( (big - small + small - 1) / small ))
start=$(date +%s)
for ((k = 1; k <= copies; k++)); do
  rows=$(( big - small - (k - 1) * small ))
  (( rows > small )) && rows=$small
  sql "$(dbname "$big_store")" "
    INSERT INTO incidents ($columns, event_id_cnty, latitude, longitude, geom, created, updated)
    SELECT $columns, event_id_cnty || '\''-$k'\'', latitude - 5 - ($k % 6) * 5, longitude + 30 + ($k / 6 % 3) * 25,
           ST_SetSRID(ST_MakePoint(longitude + 30 + ($k / 6 % 3) * 25, latitude - 5 - ($k % 6) * 5), 4326), now(), now()
    FROM incidents WHERE id <= $small ORDER BY id LIMIT $rows"
  (( k % 10 == 0 )) && echo "  $(( small + k * small )) rows in the big store ($(( $(date +%s) - start )) s)"
done
sql "$(dbname "$big_store")" "VACUUM ANALYZE incidents"
sql "$(dbname "$small_store")" "VACUUM ANALYZE incidents"
sql "$(dbname "$big_store")" "CHECKPOINT"
echo "big store: $(psql -X -At -h "$host" -U incimap_test -d "$(dbname "$big_store")" -c "SELECT count(*) FROM incidents") rows, made in $(( $(date +%s) - start )) s"

# The town: a box of 0.2 by 0.15 degrees around the place of the first row.
read -r lat lon < <(python3 -c "import csv,sys; r=next(csv.DictReader(open(sys.argv[1]))); print(r[\"latitude\"], r[\"longitude\"])" "$work/events.csv")
town=$(python3 -c "import sys; a,o=float(sys.argv[1]),float(sys.argv[2]); print(f\"{o-0.1:.4f},{a-0.075:.4f},{o+0.1:.4f},{a+0.075:.4f}\")" "$lat" "$lon")
echo "town: --bbox $town"

# measure NAME STORE RUN: "wall cpu" of one run, in seconds.
measure() {
  rm -rf "$work/$1"
  /usr/bin/time -f "%e %U %S" -o "$work/$1.time" "$incimap" tiles -v --store "$2" --bbox "$town" --minzoom 8 \
    --maxzoom 12 --out "$work/$1" 2> "$work/$1.log"
  awk "{ printf \"%.2f %.2f\n\", \$1, \$2 + \$3 }" "$work/$1.time"
}
median() { sort -n | sed -n 2p; }
printf "%12s  %5s  %8s  %8s\n" incidents run "wall s" "cpu s"
for name in small big; do
  store=${name}_store
  : > "$work/$name.walls"; : > "$work/$name.cpus"
  measure "$name" "${!store}" > /dev/null  # a first run, not timed: the same caches for both
  for run in 1 2 3; do
    read -r wall cpu < <(measure "$name" "${!store}")
    echo "$wall" >> "$work/$name.walls"; echo "$cpu" >> "$work/$name.cpus"
    rows=$([ $name = small ] && echo "$small" || echo "$big")
    printf "%12s  %5s  %8s  %8s\n" "$rows" "$run" "$wall" "$cpu"
  done
  grep -o "read .* window" "$work/$name.log" | sed "s/^/  $name: /"
done
diff -r -x tiles.json -x .incimap-tiles "$work/small" "$work/big" > /dev/null \
  || { echo "the tiles from the two stores differ" >&2; exit 1; }
echo "the same $(find "$work/big" -name "*.png" | wc -l) tiles from both stores"
ws=$(median < "$work/small.walls"); wb=$(median < "$work/big.walls")
cs=$(median < "$work/small.cpus"); cb=$(median < "$work/big.cpus")
echo "median wall: $ws s ($small) vs $wb s ($big): $(echo "scale=2; $wb / $ws" | bc) x"
echo "median cpu:  $cs s ($small) vs $cb s ($big): $(echo "scale=2; $cb / $cs" | bc) x"

# For comparison, one run reading every incident, as tiles did before the
# window: without --maxzoom, which is then chosen from their spread.
for name in small big; do
  store=${name}_store
  rm -rf "$work/every"
  /usr/bin/time -f "%e %U %S" -o "$work/every.time" "$incimap" tiles -v --store "${!store}" --bbox "$town" \
    --minzoom 8 --out "$work/every" 2> "$work/every.log"
  echo "every incident of the $name store: $(awk "{ printf \"%.2f s wall, %.2f s cpu\", \$1, \$2 + \$3 }" \
    "$work/every.time"), $(grep -o "maximum zoom [0-9]*" "$work/every.log"), $(grep -o "wrote [0-9,]* tiles" "$work/every.log")"
done
'
