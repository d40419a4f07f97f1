#!/usr/bin/env bash
# inputs_told_truly.sh INCIMAP TESTS_DIR WORK_DIR: an input that is a
# folder, a FIFO or /dev/zero, given wherever a command reads a file, gets
# a message that says what it is (no "no such file", no library's
# "no message", no internal error) and exit 1, without hanging; a binary
# file that starts with '{' is no batch of hundreds of skipped lines with
# exit 0; a query of 100 KB is not echoed back whole.
set -euo pipefail
bin=$1 tests=$2 work=$3
source "$(dirname "${BASH_SOURCE[0]}")/fresh_work_dir.sh"
mkdir folder
mkfifo fifo
incidents=$tests/render/fixtures/incidents.geojson
report=$tests/ingest/reports/gao-convoy.txt
"$bin" import -q --store store.gpkg "$tests/store/fixtures/acled_current.csv"

# expect NAME EXIT REGEX -- COMMAND…: exit code and stderr (within 30 s: a
# FIFO nobody writes to must not be waited on).
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  local code=0
  timeout 30 "$bin" "$@" </dev/null >stdout 2>stderr || code=$?
  if [ "$code" -ne "$want" ]; then
    fail "$name: exit $code, expected $want: $(head -c 400 stderr)"
  elif ! grep -Eq -- "$pattern" stderr; then
    fail "$name: stderr does not match '$pattern': $(head -c 400 stderr)"
  elif grep -Eqi "no such file|no message from GDAL|internal error|basic_filebuf" stderr; then
    fail "$name: a misleading message: $(head -c 400 stderr)"
  fi
}

for kind in folder fifo /dev/zero; do
  case $kind in
    folder) what="is a directory" ;;
    fifo) what="is a FIFO" ;;
    /dev/zero) what="is a character device" ;;
  esac
  label=${kind##*/}
  incidents_what="$what, not a file of incidents"
  [ "$kind" = folder ] && incidents_what="is a directory holding no vector data GDAL reads"
  expect "tiles --input $label" 1 "$kind: $incidents_what" \
    -- tiles --input "$kind" --out "never-$label"
  expect "list --store $label" 1 "$kind: $what, not a store" -- list --store "$kind"
  expect "import --store $label" 1 "$kind: $what, not a store" \
    -- import --store "$kind" "$tests/store/fixtures/acled_current.csv"
done
expect "map --input folder" 1 "folder: is a directory" -- map --input folder --out never.png
for kind in folder /dev/zero; do
  label=${kind##*/}
  case $kind in
    folder) what="is a directory, not a style file" ;;
    /dev/zero) what="more than 16 MiB read, the limit for a style file: an input that reads no end" ;;
  esac
  expect "--style $label" 1 "$kind: $what" -- tiles --input "$incidents" --style "$kind" --out "never-$label"
  case $kind in
    folder) what="is a directory, not an actor dictionary" ;;
    /dev/zero) what="more than 64 MiB read, the limit for an actor dictionary" ;;
  esac
  expect "--actors $label" 1 "$kind: $what" -- ingest --store store.gpkg --actors "$kind" "$report"
done
expect "geocode --batch folder" 1 "folder: is a directory" -- geocode --batch folder
expect "ingest --batch folder" 1 "folder: is a directory" -- ingest --store store.gpkg --batch folder

# A binary file that starts with '{': read as a batch, it stops at once.
python3 -c 'import sys; sys.stdout.buffer.write(b"{" + bytes(range(256)) * 200)' >photo.bin
expect "ingest a binary file" 1 "photo.bin:[0-9]+: binary data \\(a NUL byte at column [0-9]+\\), not JSON Lines" \
  -- ingest --store store.gpkg photo.bin
[ "$(grep -c 'line skipped' stderr || true)" -le 1 ] || fail "ingest a binary file: $(grep -c 'line skipped' stderr) lines skipped"
expect "extract a binary file" 1 "binary data" -- extract photo.bin
# Text of no JSON after a '{': ten bad lines and it stops.
{ echo '{ a list of things'; for i in $(seq 500); do echo "{ thing $i"; done; } >braces.txt
expect "ingest --batch of no JSON" 1 "braces.txt:10: 10 lines in a row are no documents \\(lines 1-10\\)" \
  -- ingest --store store.gpkg --batch braces.txt
[ "$(grep -c 'line skipped' stderr || true)" -le 10 ] || fail "ingest --batch of no JSON: more than 10 lines reported"

# A query of 100 KB that matches nothing: quoted in part, with its size.
query=$(python3 -c 'print("Zq" * 50000)')
expect "geocode a 100 KB query" 1 "no place matches 'ZqZq[Zq]*…' \\(100000 bytes\\)" -- geocode "$query"
[ "$(wc -c <stderr)" -lt 1000 ] || fail "geocode a 100 KB query: $(wc -c <stderr) bytes of message"

finish
