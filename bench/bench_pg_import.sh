#!/usr/bin/env bash
# Import into PostGIS: `incimap import` of N synthetic ACLED-style rows
# (make_synthetic_acled.py) into a store made by `incimap store init`,
# against `ogr2ogr -f PostgreSQL` of the same CSV into an empty database
# of the same cluster (points from the latitude and longitude columns,
# types detected, COPY). Both run against a throwaway cluster on a Unix
# socket (tests/pg/cluster.sh). Prints, for each tool, the client's CPU time
# (user + system) and the wall time, which includes the server's work,
# then incimap's ratio to ogr2ogr.
#
# usage: bench/bench_pg_import.sh [SIZES]    (default "100000")
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
sizes=${1:-100000}
install_packages "${INCIMAP_APT_PACKAGES[@]}" time bc
incimap=$(incimap_for_bench)
export incimap sizes
export bench=$INCIMAP_ROOT/bench cluster=$INCIMAP_ROOT/tests/pg/cluster.sh
"$cluster" run bash -c '
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgbench-XXXXXX")
trap "rm -rf \"$work\"" EXIT
# measure NAME CMD…: "cpu wall" of CMD, in seconds.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%U %S %e" -o "$work/$name.time" "$@" > /dev/null
  awk "{ printf \"%.2f %.2f\n\", \$1 + \$2, \$3 }" "$work/$name.time"
}
printf "%10s  %-8s  %9s  %9s\n" rows tool "cpu s" "wall s"
for n in $sizes; do
  python3 "$bench/make_synthetic_acled.py" "$n" "$work/events.csv" > /dev/null
  ours=$("$cluster" database "$INCIMAP_PG_STATE")
  theirs=$("$cluster" database "$INCIMAP_PG_STATE")
  "$incimap" store init -q "$ours"
  read -r cpu1 wall1 < <(measure incimap "$incimap" import -q --store "$ours" "$work/events.csv")
  read -r cpu2 wall2 < <(measure ogr2ogr ogr2ogr -f PostgreSQL "$theirs" "$work/events.csv" \
    -nln incidents -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude \
    -oo AUTODETECT_TYPE=YES --config PG_USE_COPY YES)
  printf "%10s  %-8s  %9s  %9s\n" "$n" incimap "$cpu1" "$wall1" "$n" ogr2ogr "$cpu2" "$wall2"
  echo "$n rows: incimap / ogr2ogr = $(echo "scale=2; $cpu1 / $cpu2" | bc) x CPU, $(echo "scale=2; $wall1 / $wall2" | bc) x wall"
done
'
