#!/usr/bin/env bash
# concurrent_writers.sh INCIMAP TESTS_DIR WORK_DIR: two processes writing one
# output, the second started 0 to 500 ms after the first. Neither result is
# lost: the second waits for the first (and says so), or fails naming the
# output; a run that exits 0 is wholly in the output.
# - two imports into one store, new or existing: both exit 0 and the store
#   holds the rows of both;
# - a writer held open: a second writer gives up after its --lock-timeout,
#   stating a wait of at least that long and the first writer's pid, and
#   goes in once the first has finished;
# - two tiles runs into one folder, and two --update runs into one MBTiles
#   file: both exit 0 and the output is the one the later run draws from
#   scratch.
set -euo pipefail
bin=$1 tests=$2 work=$3
source "$(dirname "${BASH_SOURCE[0]}")/fresh_work_dir.sh"
delays=(0 0.1 0.2 0.3 0.5)

rows() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM incidents").fetchone()[0])' "$1"
}

# both NAME DELAY -- FIRST… -- SECOND…: runs FIRST, then SECOND DELAY seconds
# later; sets code1/code2 and leaves their stderr in NAME.1 and NAME.2.
both() {
  local name=$1 delay=$2
  shift 3
  local first=() second=()
  while [ "$1" != "--" ]; do first+=("$1"); shift; done
  shift
  second=("$@")
  "$bin" "${first[@]}" </dev/null >/dev/null 2>"$name.1" &
  local pid1=$!
  sleep "$delay"
  "$bin" "${second[@]}" </dev/null >/dev/null 2>"$name.2" &
  local pid2=$!
  code1=0 code2=0
  wait "$pid1" || code1=$?
  wait "$pid2" || code2=$?
}

# --- Two imports into one store -------------------------------------------
a=$tests/store/fixtures/acled_current.csv
b=$tests/store/fixtures/acled_oldschema.csv
"$bin" import -q --store alone-a.gpkg "$a"
"$bin" import -q --store alone-b.gpkg "$b"
want=$(($(rows alone-a.gpkg) + $(rows alone-b.gpkg)))
for delay in "${delays[@]}"; do
  for kind in new existing; do
    store=store-$kind-$delay.gpkg
    # An existing store holds a's rows already; importing them again
    # replaces them.
    [ "$kind" = existing ] && cp alone-a.gpkg "$store"
    both "import-$kind-$delay" "$delay" -- import -q --store "$store" "$a" -- import -q --store "$store" "$b"
    if [ "$code1" -ne 0 ] || [ "$code2" -ne 0 ]; then
      fail "imports $delay s apart into a $kind store: exit $code1 and $code2: $(cat "import-$kind-$delay".[12])"
      continue
    fi
    have=$(rows "$store")
    [ "$have" -eq "$want" ] || fail "imports $delay s apart into a $kind store: $have incidents, expected $want"
  done
done

# --- A writer held open ----------------------------------------------------
# An ingest reading its batch from a FIFO holds the store until the FIFO is
# closed.
store=held.gpkg
cp alone-a.gpkg "$store"
mkfifo batch.fifo
"$bin" ingest -q --store "$store" --batch batch.fifo </dev/null >/dev/null 2>held.1 &
holder=$!
exec 3>batch.fifo
for _ in $(seq 600); do  # the holder has the lock once its lock file names it
  [ "$(cat ".$store.lock" 2>/dev/null)" = "$holder" ] && break
  sleep 0.1
done
[ "$(cat ".$store.lock" 2>/dev/null)" = "$holder" ] || fail "the holding ingest never took the lock"

code=0
"$bin" import -q --lock-timeout 1 --store "$store" "$b" </dev/null >/dev/null 2>impatient.err 3>&- || code=$?
[ "$code" -eq 1 ] || fail "a writer past its --lock-timeout: exit $code, expected 1"
grep -Eq "store '$store' is locked: another process \\(pid $holder\\) is writing to it \\(waited [0-9.]+ s\\)" \
  impatient.err || fail "the busy message: $(cat impatient.err)"
waited=$(sed -n 's/.*(waited \([0-9.]*\) s).*/\1/p' impatient.err)
python3 -c 'import sys; sys.exit(float(sys.argv[1]) < 1.0)' "${waited:-0}" \
  || fail "it says it waited ${waited:-nothing} s, less than its --lock-timeout of 1 s"
grep -q "waiting for process $holder, which is writing to the store '$store'" impatient.err \
  || fail "the wait was not announced: $(cat impatient.err)"

# A patient writer waits for the holder and goes in once it has finished.
# (without the FIFO's writing end, which would keep the holder reading)
"$bin" import -q --lock-timeout 120 --store "$store" "$b" </dev/null >/dev/null 2>patient.err 3>&- &
patient=$!
for _ in $(seq 600); do
  grep -q "waiting for process $holder" patient.err && break
  sleep 0.1
done
exec 3>&-  # the batch ends: the holder finishes
code=0
wait "$holder" || code=$?
[ "$code" -eq 0 ] || fail "the holding ingest: exit $code: $(cat held.1)"
code=0
wait "$patient" || code=$?
[ "$code" -eq 0 ] || fail "the patient writer: exit $code: $(cat patient.err)"
[ "$(rows "$store")" -eq "$want" ] || fail "after the patient writer: $(rows "$store") incidents, expected $want"

# --- Two tiles runs into one output ----------------------------------------
# Two inputs with different incidents: the first six and the last five of
# the fixture.
python3 - "$tests/render/fixtures/incidents.geojson" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for name, part in (("west.geojson", d["features"][:6]), ("east.geojson", d["features"][6:])):
    json.dump({"type": "FeatureCollection", "features": part}, open(name, "w"))
EOF
common=(--bbox -12,9,4,25 --minzoom 0 --maxzoom 6 --threads 1)

# The tiles of a folder or an MBTiles file: one line per tile, with its hash.
tile_list() {
  python3 - "$1" <<'EOF'
import hashlib, os, sqlite3, sys
out = sys.argv[1]
if out.endswith(".mbtiles"):
    rows = sqlite3.connect(out).execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
    lines = [f"{z}/{x}/{y} {hashlib.sha256(d).hexdigest()}" for z, x, y, d in rows]
else:
    lines = []
    for root, _, files in os.walk(out):
        for f in files:
            if f.endswith(".png"):
                p = os.path.join(root, f)
                lines.append(f"{os.path.relpath(p, out)} {hashlib.sha256(open(p, 'rb').read()).hexdigest()}")
print("\n".join(sorted(lines)))
EOF
}
for side in west east; do
  "$bin" tiles -q --input "$side.geojson" "${common[@]}" --out "fresh-$side" </dev/null
  "$bin" tiles -q --input "$side.geojson" "${common[@]}" --out "fresh-$side.mbtiles" </dev/null
done
[ "$(tile_list fresh-west)" != "$(tile_list fresh-east)" ] || fail "the two inputs draw the same tiles"

# check_last NAME OUT FRESH_SUFFIX: both runs exited 0, and OUT holds the
# tiles of the run that went last: the one that waited, else the later one.
check_last() {
  local name=$1 out=$2 suffix=$3
  if [ "$code1" -ne 0 ] || [ "$code2" -ne 0 ]; then
    fail "$name: exit $code1 and $code2: $(cat "$name".[12])"
    return
  fi
  local last=east
  grep -q "waiting for" "$name.1" && last=west
  grep -q "waiting for" "$name.1" && grep -q "waiting for" "$name.2" && fail "$name: both waited"
  [ "$(tile_list "$out")" = "$(tile_list "fresh-$last$suffix")" ] \
    || fail "$name: the output is not what the $last run draws"
  grep -q "$last.geojson" "$out$([ -z "$suffix" ] && echo /tiles.json || echo .json)" \
    || fail "$name: the TileJSON does not describe the $last run"
}

for delay in "${delays[@]}"; do
  out=folder-$delay
  both "tiles-$delay" "$delay" -- tiles -q --input west.geojson "${common[@]}" --out "$out" \
    -- tiles -q --input east.geojson "${common[@]}" --out "$out"
  check_last "tiles-$delay" "$out" ""

  out=update-$delay.mbtiles
  cp fresh-west.mbtiles "$out"
  cp fresh-west.mbtiles.incimap-tiles "$out.incimap-tiles"
  both "update-$delay" "$delay" -- tiles -q --update --input west.geojson "${common[@]}" --out "$out" \
    -- tiles -q --update --input east.geojson "${common[@]}" --out "$out"
  check_last "update-$delay" "$out" ".mbtiles"
done
# --- Two web pages into one folder ------------------------------------------
# Both pages exit 0, the later one is the folder's, and its record lists
# every file of it.
for delay in "${delays[@]}"; do
  out=page-$delay
  both "web-$delay" "$delay" -- web -q --input west.geojson --title West --out "$out" \
    -- web -q --input east.geojson --title East --out "$out"
  if [ "$code1" -ne 0 ] || [ "$code2" -ne 0 ]; then
    fail "pages $delay s apart: exit $code1 and $code2: $(cat "web-$delay".[12])"
    continue
  fi
  last=East
  grep -q "waiting for" "web-$delay.1" && last=West
  grep -q "$last" "$out/config.js" || fail "pages $delay s apart: config.js is not the $last page's"
  for file in index.html config.js incidents.geojson; do
    grep -q "$file" "$out/.incimap-files" || fail "pages $delay s apart: $file is not in the folder's record"
  done
done
# A page writer waits for the process holding the folder, then gives up
# after its --lock-timeout saying so.
python3 -c '
import fcntl, os, sys, time
fd = os.open("." + sys.argv[1] + ".lock", os.O_CREAT | os.O_RDWR, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, str(os.getpid()).encode())
open(sys.argv[1] + ".held", "w").close()
time.sleep(8)
' page-held &
holder=$!
for _ in $(seq 100); do [ -e page-held.held ] && break; sleep 0.1; done
code=0
"$bin" web -q --lock-timeout 1 --input east.geojson --out page-held </dev/null >/dev/null 2>page-held.err || code=$?
[ "$code" -eq 1 ] || fail "a page writer past its --lock-timeout: exit $code, expected 1"
grep -Eq "web page 'page-held' is locked: another process \(pid $holder\) is writing to it \(waited [0-9.]+ s\)" \
  page-held.err || fail "the busy page message: $(cat page-held.err)"
[ ! -e page-held/index.html ] || fail "a page was written while another process held the folder"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
rm -f .page-held.lock page-held.held

leftover=$(ls -A | grep -E '\.lock$|\.tmp[0-9]|\.old[0-9]' || true)
[ -z "$leftover" ] || fail "left behind: $leftover"

finish
