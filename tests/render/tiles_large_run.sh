#!/usr/bin/env bash
# A tiles run of more than 100,000 tiles says how many before it starts and
# asks: off a terminal it stops, writing nothing, unless --yes is given; on
# a terminal it asks y/N.
# Usage: tiles_large_run.sh INCIMAP tests/render/fixtures
set -euo pipefail
bin=$1 fixtures=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-large-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
input=$fixtures/incidents.geojson

# The Sahel at zoom 14: millions of tiles.
set +e
err=$("$bin" tiles --input "$input" --bbox -12,9,16,25 --maxzoom 14 --out "$work/sahel" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "a run of millions of tiles without --yes exited $rc: $err"
[[ $err == *"zooms 0-14 over -12.0000,9.0000,16.0000,25.0000 make up to "*" tiles (about "*" GB"*"give --yes to draw them"* ]] \
  || fail "the refusal does not state the estimate: $err"
tiles=$(grep -oE 'up to [0-9,]+ tiles' <<<"$err" | tr -dc 0-9)
[ "$tiles" -gt 1000000 ] || fail "estimated only $tiles tiles for the Sahel at zoom 14"
[ -z "$(ls -A "$work")" ] || fail "a refused run wrote: $(ls -A "$work")"
echo "ok: millions of tiles without --yes stop before anything is written, naming the estimate"

# With --yes a large run goes ahead; without a basemap only the tiles near
# the incidents are drawn, so this one is quick.
"$bin" tiles -q --input "$input" --no-basemap --bbox -180,-85,180,85 --maxzoom 9 --yes --out "$work/world" </dev/null \
  || fail "a large run with --yes did not go through"
[ -f "$work/world/tiles.json" ] || fail "the run with --yes wrote no TileJSON"
echo "ok: with --yes the run goes ahead"

# Below the threshold nothing is asked.
"$bin" tiles -q --input "$input" --maxzoom 3 --out "$work/small" </dev/null || fail "a small run asked"
echo "ok: a small run is not asked about"

if command -v script >/dev/null 2>&1; then
  set +e
  err=$(echo n | script -qec "'$bin' tiles --input '$input' --bbox -12,9,16,25 --maxzoom 14 --out '$work/asked'" /dev/null 2>&1); rc=$?
  set -e
  [ $rc -eq 1 ] || fail "answering n on a terminal exited $rc: $err"
  [[ $err == *"Draw them? [y/N]"* && $err == *"nothing drawn"* ]] || fail "the terminal question: $err"
  [ ! -e "$work/asked" ] && ! ls "$work" | grep -q 'asked.tmp' || fail "answering n left files"
  echo "ok: on a terminal the estimate comes with a y/N question"
fi
