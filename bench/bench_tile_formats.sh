#!/usr/bin/env bash
# The same tiles written three ways by `incimap tiles`: an XYZ folder, an
# MBTiles file and a PMTiles archive, from synthetic incidents over the
# Sahel (bench/bench_tiles_generate.py) with the default style and its
# basemap, zooms 0..MAXZOOM. Each run RUNS times; prints the median wall and
# CPU time, the bytes written (the folder's as its files' sizes and as the
# disk blocks they take) and the PMTiles packing (tiles, distinct tiles,
# directory entries) and the archive's bytes over the MBTiles file's.
# Every run writes into a folder of its own (see bench_vector_tiles.sh: a
# folder of tiles created just after the last one was deleted costs ext4
# a scan past the freed inodes).
#
# usage: bench/bench_tile_formats.sh [ROWS] [RUNS] [MAXZOOM]   (defaults 100000 3 9)
#        INCIMAP_BENCH_BIN=PATH uses that incimap instead of building build-bench.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
rows=${1:-100000}
runs=${2:-3}
max_zoom=${3:-9}
install_packages time python3
incimap=$(incimap_for_bench)
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-bench-formats-XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$INCIMAP_ROOT/bench/bench_tiles_generate.py" "$rows" "$work/incidents.csv"
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$rows incidents, zooms 0-$max_zoom over the Sahel, default style with its basemap, $runs runs each"
printf '%-10s %9s %9s %12s %12s %8s\n' format wall_s cpu_s bytes disk_bytes files
for out in tiles tiles.mbtiles tiles.pmtiles; do
  : >"$work/times"
  for ((r = 0; r < runs; ++r)); do
    mkdir -p "$work/run$r"
    /usr/bin/time -o "$work/time" -f "%e %U %S" "$incimap" tiles --input "$work/incidents.csv" \
      --bbox -12.8,9.0,16.1,25.1 --maxzoom "$max_zoom" --yes --out "$work/run$r/$out" 2>"$work/stderr"
    awk '{print $1, $2 + $3}' "$work/time" >>"$work/times"
  done
  median() { sort -n -k"$1" "$work/times" | awk -v c="$1" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
  last=$work/run$((runs - 1))/$out
  if [ -d "$last" ]; then
    bytes=$(find "$last" -name '*.png' -printf '%s\n' | awk '{s += $1} END {print s}')
    files=$(find "$last" -name '*.png' | wc -l)
  else
    bytes=$(stat -c %s "$last")
    files=1
  fi
  disk=$(du -s --block-size=1 "$last" | cut -f1)
  printf '%-10s %9s %9s %12s %12s %8s\n' "${out#tiles.}" "$(median 1)" "$(median 2)" "$bytes" "$disk" "$files"
  grep -h '^PMTiles:' "$work/stderr" || true
  [ "$out" = tiles.mbtiles ] && mbtiles_bytes=$bytes
  if [ "$out" = tiles.pmtiles ] && [ -n "${mbtiles_bytes:-}" ]; then
    awk -v p="$bytes" -v m="$mbtiles_bytes" 'BEGIN {printf "PMTiles archive / MBTiles file: %.3f of the bytes\n", p / m}'
  fi
done
