#!/usr/bin/env bash
# The tile benchmark in one run: synthetic incidents over the Sahel
# (bench/bench_tiles_generate.py), then
#   1. incimap's renderer alone on zooms 0..MAXZOOM (build-bench/bench/bench_tiles:
#      tiles kept in memory; tiles/s, ms per non-empty and per sparse tile,
#      peak memory);
#   2. the same tiles written to disk by three programs, on zooms 0..PEER_MAXZOOM
#      of the same extent, each run RUNS times (median wall and CPU time, peak
#      memory of the largest process):
#        incimap tiles  --input CSV --style bench/bench_tiles_style.json
#        GDAL           gdal_rasterize (discs of the same radius at PEER_MAXZOOM,
#                       into EPSG:3857) | gdaldem color-relief | gdal2tiles.py --xyz
#        Mapnik         bench/bench_tiles_mapnik.py, on the tiles incimap wrote
#   All three use every core; the ratios are peer / incimap.
#
# usage: bench/bench_tiles.sh [ROWS] [RUNS] [MAXZOOM] [PEER_MAXZOOM]
#        (defaults 1000000 3 12 8). INCIMAP_BENCH_CSV=FILE reuses a generated file;
#        INCIMAP_BENCH_PEERS_ONLY=1 runs part 2 alone; INCIMAP_BENCH_NO_MAPNIK=1
#        leaves Mapnik out of part 2 (its runs are the slowest).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
rows=${1:-1000000}
runs=${2:-3}
max_zoom=${3:-12}
peer_max_zoom=${4:-8}
bbox=(-12.8 9.0 16.1 25.1)  # the extent bench_tiles renders
system_python=/usr/bin/python3  # Debian's, which has GDAL's and Mapnik's modules
install_packages "${INCIMAP_APT_PACKAGES[@]}" time  # GNU time: peak memory of each program
cmake -S "$INCIMAP_ROOT" -B "$INCIMAP_ROOT/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
cmake --build "$INCIMAP_ROOT/build-bench" --parallel "$(nproc)" --target incimap bench_tiles >&2
bench="$INCIMAP_ROOT/bench"
incimap="$INCIMAP_ROOT/build-bench/incimap"
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-bench-tiles-XXXXXX")
trap 'rm -rf "$work"' EXIT

csv=${INCIMAP_BENCH_CSV:-$work/incidents.csv}
if [ ! -f "$csv" ]; then
  echo "generating $rows incidents…" >&2
  python3 "$bench/bench_tiles_generate.py" "$rows" "$csv"
fi
csv=$(realpath "$csv")
# incimap and Mapnik read the CSV themselves (incimap with its own CSV
# reader); GDAL reads it as points through this OGR VRT, over OGR's CSV
# driver.
cat >"$work/incidents.vrt" <<EOF
<OGRVRTDataSource>
  <OGRVRTLayer name="incidents">
    <SrcDataSource>$csv</SrcDataSource>
    <SrcLayer>$(basename "$csv" .csv)</SrcLayer>
    <GeometryType>wkbPoint</GeometryType>
    <LayerSRS>EPSG:4326</LayerSRS>
    <GeometryField encoding="PointFromColumns" x="longitude" y="latitude"/>
  </OGRVRTLayer>
</OGRVRTDataSource>
EOF
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# 1. The renderer alone, all zooms (INCIMAP_BENCH_PEERS_ONLY=1 skips it).
if [ -z "${INCIMAP_BENCH_PEERS_ONLY:-}" ]; then
  "$INCIMAP_ROOT/build-bench/bench/bench_tiles" "$csv" --maxzoom "$max_zoom" \
    --runs "$runs" --style "$bench/bench_tiles_style.json"
  echo
fi

# 2. Three programs writing the same tiles.
# measure NAME COMMAND…: runs it, appends "wall cpu max_rss_kb" to $work/NAME.times.
measure() {
  local name=$1
  shift
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null
  awk '{print $1, $2 + $3, $4}' "$work/time.txt" >>"$work/$name.times"
}

# The EPSG:3857 grid of the tiles covering the extent at PEER_MAXZOOM:
# "xmin ymin xmax ymax resolution" in metres.
grid=$("$system_python" - "$peer_max_zoom" "${bbox[@]}" <<'EOF'
import math, sys
z = int(sys.argv[1]); west, south, east, north = map(float, sys.argv[2:6])
half = 20037508.342789244
n = 1 << z
def column(lon): return math.floor((lon + 180) / 360 * n)
def row(lat):
    r = math.radians(lat)
    return math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
span = 2 * half / n
print(-half + column(west) * span, half - (row(south) + 1) * span,
      -half + (column(east) + 1) * span, half - row(north) * span, span / 256)
EOF
)
read -r gxmin gymin gxmax gymax resolution <<<"$grid"
radius_m=$(awk -v r="$resolution" 'BEGIN {printf "%.3f", 4 * r}')

# Event types as codes 1-7, coloured as in bench_tiles_style.json.
cat >"$work/colours.txt" <<'EOF'
1 213 94 0 255
2 230 159 0 255
3 204 121 167 255
4 0 114 178 255
5 86 180 233 255
6 0 158 115 255
7 102 102 102 255
nv 0 0 0 0
EOF
sql="SELECT ST_Buffer(ST_Transform(geometry, 3857), $radius_m, 4) AS geometry,
  CASE event_type WHEN 'Battles' THEN 1 WHEN 'Explosions/Remote violence' THEN 2
  WHEN 'Violence against civilians' THEN 3 WHEN 'Protests' THEN 4 WHEN 'Riots' THEN 5
  WHEN 'Strategic developments' THEN 6 ELSE 7 END AS code FROM incidents"

gdal_pipeline() {
  rm -rf "$work/gdal" "$work/code.tif" "$work/rgba.vrt"
  gdal_rasterize -q -dialect SQLite -sql "$sql" -a code -ot Byte -a_nodata 0 -init 0 \
    -te "$gxmin" "$gymin" "$gxmax" "$gymax" -tr "$resolution" "$resolution" -a_srs EPSG:3857 \
    -co TILED=YES "$work/incidents.vrt" "$work/code.tif"
  gdaldem color-relief -q -alpha -nearest_color_entry -of VRT "$work/code.tif" \
    "$work/colours.txt" "$work/rgba.vrt"
  "$system_python" /usr/bin/gdal2tiles.py -q --xyz -z "0-$peer_max_zoom" \
    --processes "$(nproc)" --exclude -w none "$work/rgba.vrt" "$work/gdal"
}
export -f gdal_pipeline
export work sql gxmin gymin gxmax gymax resolution peer_max_zoom system_python

count_tiles() { find "$1" -name '*.png' | wc -l; }

echo "zooms 0-$peer_max_zoom written to disk, $runs runs each (load average $(cut -d' ' -f1-3 /proc/loadavg))…" >&2
for ((r = 0; r < runs; ++r)); do
  rm -rf "$work/incimap"
  measure incimap "$incimap" tiles -q --input "$csv" --style "$bench/bench_tiles_style.json" \
    --no-basemap --bbox "$(IFS=,; echo "${bbox[*]}")" --minzoom 0 --maxzoom "$peer_max_zoom" \
    --out "$work/incimap"
  (cd "$work/incimap" && find . -name '*.png' | sed 's|^\./||; s|\.png$||') >"$work/tiles.txt"
  measure gdal bash -c gdal_pipeline
  [ -n "${INCIMAP_BENCH_NO_MAPNIK:-}" ] && continue
  rm -rf "$work/mapnik"
  measure mapnik "$system_python" "$bench/bench_tiles_mapnik.py" "$csv" "$work/tiles.txt" \
    "$work/mapnik" "$(nproc)"
done
peers=(incimap gdal)
[ -z "${INCIMAP_BENCH_NO_MAPNIK:-}" ] && peers+=(mapnik)

# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
tiles_incimap=$(count_tiles "$work/incimap")
tiles_gdal=$(count_tiles "$work/gdal")
tiles_mapnik=$([ -d "$work/mapnik" ] && count_tiles "$work/mapnik" || echo 0)
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\nzooms 0-%s, %s incidents, tiles written to disk, median of %s runs\n' "$peer_max_zoom" \
  "$(($(wc -l <"$csv") - 1))" "$runs"
printf '%-34s %7s %9s %9s %9s %8s %12s %12s\n' program tiles "wall s" "cpu s" tiles/s "peak MB" \
  "wall ratio" "cpu ratio"
wall0=$(median "$work/incimap.times" 1)
cpu0=$(median "$work/incimap.times" 2)
for name in "${peers[@]}"; do
  case $name in
    incimap) label="incimap tiles"; tiles=$tiles_incimap ;;
    gdal) label="gdal_rasterize + gdal2tiles.py"; tiles=$tiles_gdal ;;
    mapnik) label="Mapnik $("$system_python" -c 'import mapnik; print(mapnik.mapnik_version_string())')"; tiles=$tiles_mapnik ;;
  esac
  wall=$(median "$work/$name.times" 1)
  cpu=$(median "$work/$name.times" 2)
  rss=$(median "$work/$name.times" 3)
  awk -v l="$label" -v t="$tiles" -v w="$wall" -v c="$cpu" -v m="$rss" -v w0="$wall0" -v c0="$cpu0" \
    'BEGIN {printf "%-34s %7d %9.2f %9.2f %9.0f %8.0f %11.1fx %11.1fx\n", l, t, w, c, t / w, m / 1024, w / w0, c / c0}'
done
echo "(ratios: the program's time / incimap's; peak MB: the largest single process)"
