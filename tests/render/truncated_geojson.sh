#!/usr/bin/env bash
# A GeoJSON of incidents cut short is refused by every command that draws
# from one: exit 1, the file named with the line and column where it ends,
# and no output left behind.
# Usage: truncated_geojson.sh INCIMAP tests/render/fixtures
set -euo pipefail
bin=$1 fixtures=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-truncated-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The fixture up to the middle of its third feature's coordinates.
python3 - "$fixtures/incidents.geojson" "$work/cut.geojson" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
third = text.index('"coordinates"', text.index('"coordinates"', text.index('"coordinates"') + 1) + 1)
open(sys.argv[2], "w", encoding="utf-8").write(text[:third + 20])
PY
line=$(wc -l <"$work/cut.geojson")
line=$((line + 1))

check() {
  local out=$1; shift
  set +e
  "$bin" "$@" --input "$work/cut.geojson" --out "$work/$out" 2>"$work/stderr"
  local rc=$?
  set -e
  [ "$rc" = 1 ] || fail "$1 exited $rc, not 1: $(cat "$work/stderr")"
  grep -q "cut.geojson:$line: column [0-9]*: not GeoJSON: .*unexpected end of input" "$work/stderr" ||
    fail "$1 did not name the file, line $line and column: $(cat "$work/stderr")"
  [ ! -e "$work/$out" ] || fail "$1 left $out behind"
  compgen -G "$work/$out.tmp*" >/dev/null && fail "$1 left a temporary $out behind"
  return 0
}
check vector tiles -q --vector --maxzoom 3
check tiles.pmtiles tiles -q --vector --no-regions --maxzoom 3
check raster tiles -q --maxzoom 1
check map.png map -q
check site web -q
echo "ok"
