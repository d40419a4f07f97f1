#!/usr/bin/env bash
# Vector tiles of the same synthetic incidents over the Sahel
# (bench/bench_tiles_generate.py: id, event_type, fatalities, event_date),
# zooms 0..MAXZOOM, every tile written to a folder of uncompressed .pbf, by
#   incimap      incimap tiles --vector
#   gdal         ogr2ogr -f MVT (GDAL's own writer, Debian's GDAL)
#   geojson-vt   geojson-vt + vt-pbf in Node (bench_vector_tiles_geojsonvt.mjs)
# Each RUNS times under GNU time; prints the median wall and CPU time (user +
# system, all threads), the tiles, their bytes and the largest, and each
# peer's CPU over incimap's.
#
# Every run writes into a folder of its own, and the folders are deleted
# only at the end: ext4 does not hand out an inode within 5 s (35 s while
# its block is unwritten) of its deletion, and each file created soon after
# thousands were deleted scans past them, which doubled the system time of
# 3,000 tiles when each run deleted the last one's output just before.
#
# usage: bench/bench_vector_tiles.sh [ROWS] [RUNS] [MAXZOOM]   (defaults 100000 3 10)
#        INCIMAP_BENCH_BIN=PATH uses that incimap instead of building build-bench.
#        BENCH_GDAL_ROWS=N gives GDAL's writer only the first N incidents (for
#        sizes where it would take hours) and prints its CPU time times
#        ROWS/N as well, marked as extrapolated.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
rows=${1:-100000}
runs=${2:-3}
max_zoom=${3:-10}
install_packages time python3 gdal-bin nodejs
install_node_packages
incimap=$(incimap_for_bench)
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-bench-vector-XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$INCIMAP_ROOT/bench/bench_tiles_generate.py" "$rows" "$work/incidents.csv"
# The same points as GeoJSON for the peers, properties with their types.
gdal_rows=${BENCH_GDAL_ROWS:-$rows}
python3 - "$work/incidents.csv" "$work/incidents.geojson" "$gdal_rows" "$work/gdal.geojson" <<'PY'
import csv, json, sys
with open(sys.argv[1]) as f:
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(r["longitude"]), float(r["latitude"])]},
                 "properties": {"id": int(r["id"]), "event_type": r["event_type"], "fatalities": int(r["fatalities"]),
                                "event_date": r["event_date"]}} for r in csv.DictReader(f)]
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[2], "w"))
json.dump({"type": "FeatureCollection", "features": features[:int(sys.argv[3])]}, open(sys.argv[4], "w"))
PY

run_incimap() {
  "$incimap" tiles -q --vector --no-regions --input "$work/incidents.geojson" --attributes id,event_type,fatalities,event_date \
    --maxzoom "$max_zoom" --out "$1"
}
run_gdal() {
  ogr2ogr -f MVT "$1" "$work/gdal.geojson" -nln incidents -dsco MINZOOM=0 -dsco MAXZOOM="$max_zoom" \
    -dsco COMPRESS=NO -dsco FORMAT=DIRECTORY
}
run_geojsonvt() {
  (cd "$INCIMAP_ROOT" && node --max-old-space-size=16384 bench/bench_vector_tiles_geojsonvt.mjs "$work/incidents.geojson" "$max_zoom" "$1")
}

echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$rows incidents, zooms 0-$max_zoom over the Sahel, 4 attributes, $runs runs each"
[ "$gdal_rows" = "$rows" ] || echo "gdal is given the first $gdal_rows incidents only"
printf '%-11s %9s %9s %8s %12s %10s %9s\n' tiler wall_s cpu_s tiles bytes largest cpu_ratio
base_cpu=
for tiler in incimap gdal geojsonvt; do
  : >"$work/times"
  for ((r = 0; r < runs; ++r)); do
    out=$work/out-$tiler-$r
    /usr/bin/time -o "$work/time" -f "%e %U %S" bash -c "$(declare -f run_$tiler); work=$work incimap=$incimap \
      max_zoom=$max_zoom INCIMAP_ROOT=$INCIMAP_ROOT run_$tiler $out" 2>"$work/stderr" \
      || { cat "$work/stderr"; exit 1; }
    awk '{print $1, $2 + $3}' "$work/time" >>"$work/times"
  done
  median() { sort -n -k"$1" "$work/times" | awk -v c="$1" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
  wall=$(median 1) cpu=$(median 2)
  read -r tiles bytes largest < <(find "$out" -name '*.pbf' -printf '%s\n' |
    awk '{n++; s += $1; if ($1 > m) m = $1} END {print n, s, m}')
  [ -n "$base_cpu" ] || base_cpu=$cpu
  printf '%-11s %9.2f %9.2f %8d %12d %10d %8.1fx\n' "$tiler" "$wall" "$cpu" "$tiles" "$bytes" "$largest" \
    "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN {print (b > 0 ? a / b : 0)}')"
  if [ "$tiler" = gdal ] && [ "$gdal_rows" != "$rows" ]; then
    cpu=$(awk -v c="$cpu" -v n="$gdal_rows" -v r="$rows" 'BEGIN {print c * r / n}')
    printf '%-11s %9s %9.2f %8s %12s %10s %8.1fx  (extrapolated: x %d/%d)\n' gdal-all - "$cpu" - - - \
      "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN {print (b > 0 ? a / b : 0)}')" "$rows" "$gdal_rows"
  fi
done
