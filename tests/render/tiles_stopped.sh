#!/usr/bin/env bash
# A tiles run stopped by SIGTERM removes the folder it was drawing into
# (OUT.tmpPID) and leaves no output, exiting 128 + 15.
# Usage: tiles_stopped.sh INCIMAP tests/render/fixtures
set -euo pipefail
bin=$1 fixtures=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-stopped-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Zoom 12 over the Sahel with the basemap: long enough to be stopped midway.
"$bin" tiles -q --input "$fixtures/incidents.geojson" --bbox -12,9,16,25 --maxzoom 12 --threads 1 \
  --yes --out "$work/sahel" </dev/null 2>"$work/stderr" &
pid=$!
# Wait for the first tiles in the temporary folder (at most 120 s).
for _ in $(seq 1200); do
  if compgen -G "$work/sahel.tmp*/*/*/*.png" >/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be stopped: $(cat "$work/stderr")"
  sleep 0.1
done
compgen -G "$work/sahel.tmp*" >/dev/null || fail "no temporary folder appeared"
kill -TERM "$pid"
set +e
wait "$pid"; rc=$?
set -e
pid=
[ $rc -eq 143 ] || fail "the stopped run exited $rc: $(cat "$work/stderr")"
grep -q "incimap tiles: stopped by SIGTERM; what was unfinished is removed" "$work/stderr" \
  || fail "stderr: $(cat "$work/stderr")"
leftover=$(cd "$work" && ls -d sahel* 2>/dev/null || true)
[ -z "$leftover" ] || fail "left behind: $leftover"
echo "ok: SIGTERM mid-run removes the temporary tile folder and exits 143"
