#!/usr/bin/env bash
# endless_inputs.sh INCIMAP WORK_DIR: inputs that never end a line (a device
# that reads no end) stop every reader at its limit, quickly and in bounded
# memory, with a message naming the input and the limit; inputs that are no
# file say what they are.
set -uo pipefail
bin=$1 work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/cache" "$work/data"
export XDG_CACHE_HOME="$work/cache" INCIMAP_DATA_DIR="$work/data"

# run NAME EXPECTED_EXIT PATTERN CMD...: runs CMD under 20 s and 2 GB of
# address space; its exit code and stderr must be as expected.
run() {
  local name=$1 expected=$2 pattern=$3
  shift 3
  local code=0
  (ulimit -v 2000000; timeout 20 "$@") >"$work/$name.out" 2>"$work/$name.err" || code=$?
  [ "$code" -ne 124 ] || fail "$name: still running after 20 s"
  [ "$code" -eq "$expected" ] || fail "$name: exit $code, expected $expected: $(head -c 600 "$work/$name.err")"
  grep -Eq "$pattern" "$work/$name.err" || fail "$name: stderr does not match '$pattern': $(head -c 600 "$work/$name.err")"
}

run extract_batch 1 "/dev/zero:1: line longer than 64 MiB \(the limit of a line\)" \
  "$bin" extract --batch /dev/zero
run ingest_batch 1 "/dev/zero:1: line longer than 64 MiB \(the limit of a line\)" \
  "$bin" ingest --store "$work/ingested.gpkg" --batch /dev/zero
run extract_device 1 "/dev/zero: more than 64 MiB read \(the limit of a document\)" \
  "$bin" extract /dev/zero
run extract_stdin 1 "more than 64 MiB read \(the limit of a document\)" \
  sh -c 'exec "$0" extract - < /dev/zero' "$bin"
run import_stdin 1 "standard input:1: line longer than 16 MiB \(the limit of a line of a table\)" \
  sh -c 'exec "$0" import --store "$1" - < /dev/zero' "$bin" "$work/store.gpkg"
run geocode_batch 1 "/dev/zero:1: line longer than 64 KiB \(the limit of a line\)" \
  "$bin" geocode --batch /dev/zero

# Inputs that are no file.
mkdir "$work/folder.csv"
run import_folder 1 "folder.csv: is a directory" "$bin" import --store "$work/store.gpkg" "$work/folder.csv"
mkfifo "$work/pipe.txt"
(printf 'Published: 2024-09-17\n\nGunmen attacked Djibo on Sunday and killed five soldiers.\n' >"$work/pipe.txt" &)
run extract_fifo 0 "" "$bin" extract "$work/pipe.txt"
grep -q "Djibo" "$work/extract_fifo.out" || fail "a report read through a FIFO gave: $(cat "$work/extract_fifo.out")"
echo "ok"
