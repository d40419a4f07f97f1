#!/usr/bin/env bash
# Aggregation of a big store: `incimap aggregate --by admin1`, `grid:0.5`
# and `hex:25` over ROWS synthetic ACLED-style incidents
# (make_synthetic_acled.py: 5,000 places over Mali, Burkina Faso and
# Niger), in a GeoPackage and in PostGIS (a throwaway cluster on a Unix
# socket, tests/pg/cluster.sh). For each, three ways:
#   summed      incimap as it runs: the database sums the incidents of each
#               place and type (one GROUP BY), incimap makes the groups;
#   one by one  the same command with an --actor term that every incident
#               passes, which makes incimap read the incidents one by one;
#   SQL         the peer: the database alone counting grid cells
#               (ogr2ogr -sql … GROUP BY floor(longitude / 0.5), … into
#               GeoJSON; no cell polygons, no regions, no hexagons).
# Prints the wall and CPU time (client user + system) of each, the median of
# three runs after one untimed run, and the ratios.
#
# usage: bench/bench_aggregate.sh [ROWS]   (default 1000000)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
rows=${1:-1000000}
install_packages "${INCIMAP_APT_PACKAGES[@]}" time bc
incimap=$(incimap_for_bench)
export incimap rows
export bench=$INCIMAP_ROOT/bench cluster=$INCIMAP_ROOT/tests/pg/cluster.sh
"$cluster" run bash -c '
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-aggregate-XXXXXX")
trap "rm -rf \"$work\"" EXIT
# median3 NAME CMD…: "wall cpu" of CMD, medians of three runs after one.
median3() {
  local name=$1
  shift
  "$@" > /dev/null
  for i in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$work/$name.$i" "$@" > /dev/null
  done
  cat "$work/$name".[123] | awk "{ print \$1, \$2 + \$3 }" | sort -n -k1 | sed -n 2p |
    awk "{ w = \$1 } END { printf \"%.2f \", w }"
  cat "$work/$name".[123] | awk "{ print \$2 + \$3 }" | sort -n | sed -n 2p |
    awk "{ printf \"%.2f\n\", \$1 }"
}
python3 "$bench/make_synthetic_acled.py" "$rows" "$work/events.csv" > /dev/null
gpkg=$work/store.gpkg
pg=$("$cluster" database "$INCIMAP_PG_STATE")
"$incimap" store init -q "$pg"
"$incimap" import -q --store "$gpkg" "$work/events.csv"
"$incimap" import -q --store "$pg" "$work/events.csv"
sql="SELECT floor(longitude / 0.5) AS x, floor(latitude / 0.5) AS y, COUNT(*) AS n, SUM(fatalities) AS dead FROM incidents GROUP BY floor(longitude / 0.5), floor(latitude / 0.5)"
printf "%-8s %-8s %-11s %8s %8s\n" store by way "wall s" "cpu s"
for store in gpkg pg; do
  location=${!store}
  for by in admin1 grid:0.5 hex:25; do
    read -r w1 c1 < <(median3 "$store-summed" "$incimap" aggregate -q --store "$location" --by "$by" --out -)
    read -r w2 c2 < <(median3 "$store-read" "$incimap" aggregate -q --store "$location" --by "$by" --actor a --out -)
    printf "%-8s %-8s %-11s %8s %8s\n" "$store" "$by" summed "$w1" "$c1" "$store" "$by" "one by one" "$w2" "$c2"
    echo "  summed / one by one: $(echo "scale=3; $w1 / $w2" | bc) x wall, $(echo "scale=3; $c1 / $c2" | bc) x CPU"
  done
  if [ "$store" = gpkg ]; then
    read -r w3 c3 < <(median3 "$store-sql" ogr2ogr -f GeoJSON /vsistdout/ "$gpkg" -sql "$sql")
  else
    read -r w3 c3 < <(median3 "$store-sql" ogr2ogr -f GeoJSON /vsistdout/ "$pg" -sql "$sql")
  fi
  read -r w1 c1 < <(median3 "$store-summed-grid" "$incimap" aggregate -q --store "$location" --by grid:0.5 --out -)
  printf "%-8s %-8s %-11s %8s %8s\n" "$store" grid:0.5 "SQL alone" "$w3" "$c3"
  echo "  incimap grid:0.5 / SQL alone: $(echo "scale=3; $w1 / $w3" | bc) x wall"
done
'
