# Shared by scripts/demo, scripts/test and the bench scripts: locate the
# project, install what it needs on a Debian 12 machine, build it.
set -euo pipefail

INCIMAP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build, the tests and the benchmarks need.
INCIMAP_APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libcurl4-openssl-dev libcairo2-dev libxml2-dev zlib1g-dev libicu-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libprotozero-dev catch2
  python3
  postgresql postgresql-15-postgis-3
  libsqlite3-dev fonts-dejavu-core chromium poppler-utils python3-gdal python3-mapnik python3-qgis
  clang libclang-rt-14-dev
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "incimap setup: need root or sudo to run: $*" >&2; return 1
  fi
}

# Installs only the packages that are missing, so a second run is quick.
install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "incimap setup: installing ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The web page's Leaflet files come from npm (package.json, package-lock.json)
# and are embedded into the binary at build time; the tests read PMTiles
# archives with the format's reference reader, npm's pmtiles, and vector
# tiles with Mapbox's @mapbox/vector-tile and pbf; the vector tile benchmark
# runs geojson-vt and vt-pbf.
install_node_packages() {
  [ -f "$INCIMAP_ROOT/node_modules/leaflet/dist/leaflet.js" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/pmtiles/package.json" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/supercluster/dist/supercluster.min.js" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/world-atlas/countries-110m.json" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/topojson-client/dist/topojson-client.min.js" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/maplibre-gl/dist/maplibre-gl.js" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/@mapbox/vector-tile/package.json" ] \
    && [ -f "$INCIMAP_ROOT/node_modules/geojson-vt/package.json" ] && return 0
  command -v npm >/dev/null 2>&1 || install_packages npm
  echo "incimap setup: installing the web page's npm packages" >&2
  (cd "$INCIMAP_ROOT" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }) >&2
}

# Compiled objects are shared through ccache between checkouts and build
# folders: paths inside the checkout are hashed relative to it.
export CCACHE_BASEDIR="$INCIMAP_ROOT"
export CCACHE_NOHASHDIR=true

# build_incimap BUILD_DIR BUILD_TYPE: configure once, then build incrementally.
build_incimap() {
  local dir=$1 type=$2
  cmake -S "$INCIMAP_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" >&2
  cmake --build "$dir" --parallel "$(nproc)" >&2
}

# incimap_for_bench: prints the path of the incimap a benchmark runs:
# INCIMAP_BENCH_BIN when set, else a Release build in build-bench (built
# here, incrementally).
incimap_for_bench() {
  if [ -n "${INCIMAP_BENCH_BIN:-}" ]; then
    echo "$INCIMAP_BENCH_BIN"
    return
  fi
  cmake -S "$INCIMAP_ROOT" -B "$INCIMAP_ROOT/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$INCIMAP_ROOT/build-bench" --parallel "$(nproc)" --target incimap >&2
  echo "$INCIMAP_ROOT/build-bench/incimap"
}

# build_fuzz_targets BUILD_DIR: the libFuzzer targets (tests/fuzz/), built
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer in a tree of
# their own (INCIMAP_FUZZ); the programs land in BUILD_DIR/fuzz/.
build_fuzz_targets() {
  local dir=$1
  cmake -S "$INCIMAP_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DINCIMAP_FUZZ=ON \
    -DINCIMAP_BUILD_TESTS=OFF -DINCIMAP_BUILD_BENCH=OFF >&2
  cmake --build "$dir" --parallel "$(nproc)" --target incimap_fuzz_targets >&2
}
