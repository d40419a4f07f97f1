# Sourced by the safety tests after they set `work`: a fresh WORK folder as
# the current one, with caches and data of its own, and fail(), which
# records a failure and goes on (the test ends with finish).
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
finish() {
  [ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
  echo "ok"
}

rm -rf "$work"
mkdir -p "$work/cache" "$work/data"
export XDG_CACHE_HOME="$work/cache" INCIMAP_DATA_DIR="$work/data"
cd "$work"
