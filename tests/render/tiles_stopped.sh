#!/usr/bin/env bash
# A tiles run stopped by SIGTERM removes what it was drawing into — the
# folder OUT.tmpPID, or the tile file OUT.pmtiles.tmpPID-tiles of a PMTiles
# archive — and leaves no output, exiting 128 + 15.
# Usage: tiles_stopped.sh INCIMAP tests/render/fixtures
set -euo pipefail
bin=$1 fixtures=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-stopped-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# stop_midway OUT PATTERN: draws zoom 12 over the Sahel with the basemap
# (long enough to be stopped midway) into OUT, stops it with SIGTERM once a
# non-empty file matching PATTERN (what the run writes first) appears.
stop_midway() {
  local out=$1 pattern=$2
  "$bin" tiles -q --input "$fixtures/incidents.geojson" --bbox -12,9,16,25 --maxzoom 12 --threads 1 \
    --yes --out "$work/$out" </dev/null 2>"$work/stderr" &
  pid=$!
  # Wait for the first tiles (at most 120 s).
  for _ in $(seq 1200); do
    if compgen -G "$work/$pattern" >/dev/null && [ -s "$(compgen -G "$work/$pattern" | head -n1)" ]; then break; fi
    kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be stopped: $(cat "$work/stderr")"
    sleep 0.1
  done
  compgen -G "$work/$pattern" >/dev/null || fail "no temporary $pattern appeared"
  kill -TERM "$pid"
  set +e
  wait "$pid"; rc=$?
  set -e
  pid=
  [ $rc -eq 143 ] || fail "the stopped run exited $rc: $(cat "$work/stderr")"
  grep -q "incimap tiles: stopped by SIGTERM; what was unfinished is removed" "$work/stderr" \
    || fail "stderr: $(cat "$work/stderr")"
  leftover=$(cd "$work" && ls -d "$out"* 2>/dev/null || true)
  [ -z "$leftover" ] || fail "left behind: $leftover"
}

stop_midway sahel 'sahel.tmp*/*/*/*.png'
echo "ok: SIGTERM mid-run removes the temporary tile folder and exits 143"
stop_midway sahel.pmtiles 'sahel.pmtiles.tmp*-tiles'
echo "ok: SIGTERM mid-run removes the PMTiles archive's temporary tile file and exits 143"
