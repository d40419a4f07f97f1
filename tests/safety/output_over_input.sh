#!/usr/bin/env bash
# output_over_input.sh INCIMAP TESTS_DIR WORK_DIR: every command that writes
# files, run with each of its outputs pointed at each of its inputs, at a
# store it does not read, at a FIFO, at /dev/null, at a symbolic link to an
# input and at a symbolic link to a new file. After every run each input
# must be byte-identical (sha256); the exit code and the message must be
# the ones the case expects (a refusal names the output and the input it
# would have destroyed; a FIFO is written into and stays a FIFO; a link
# stays a link and its target is written).
set -euo pipefail
bin=$1 tests=$2 work=$3
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

rm -rf "$work"
mkdir -p "$work/in" "$work/cache" "$work/data"
export XDG_CACHE_HOME="$work/cache" INCIMAP_DATA_DIR="$work/data"
cd "$work"

# The inputs: a store, the same store under an MBTiles name, an event
# table, a report, a batch, a style, a GeoJSON of incidents; and a store
# no command here reads.
in=$work/in
cp "$tests/store/fixtures/acled_current.csv" "$in/events.csv"
"$bin" import -q --store "$in/store.gpkg" "$in/events.csv" >/dev/null
cp "$in/store.gpkg" "$in/store.mbtiles"
cp "$in/store.gpkg" "$work/other.gpkg"
cp "$tests/ingest/reports/djibo-post-a.txt" "$in/report.txt"
printf '{"id":"b1","text":"Gunmen attacked Djibo on 3 March 2024, killing four soldiers.","published":"2024-03-05"}\n' \
  >"$in/batch.jsonl"
cp "$tests/../styles/default.json" "$in/style.json"
cp "$tests/render/fixtures/incidents.geojson" "$in/incidents.geojson"
inputs=("$in"/*)

sums() { sha256sum "${inputs[@]}" "$work/other.gpkg"; }
before=$(sums)

# expect NAME EXIT STDERR_REGEX -- COMMAND…: runs the command, checks its
# exit code and stderr, and that no input changed.
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  local code=0
  "$bin" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null || code=$?
  if [ "$code" -ne "$want" ]; then
    fail "$name: exit $code, expected $want: $(head -c 400 "$work/stderr")"
  elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$work/stderr"; then
    fail "$name: stderr does not match '$pattern': $(head -c 400 "$work/stderr")"
  fi
  if [ "$(sums)" != "$before" ]; then
    fail "$name: an input changed"
    diff <(echo "$before") <(sums) >&2 || true
  fi
}

# A FIFO with a reader that keeps what comes through.
fifo() {
  rm -f "$1" "$1.read"
  mkfifo "$1"
  cat "$1" >"$1.read" &
}
# Ends the reader of FIFO $1, whether or not the command opened it.
close_fifo() {
  exec 3<>"$1"
  exec 3>&-
  wait || true
  [ -p "$1" ] || fail "$1: no longer a FIFO"
}

refused='not writing over'

# One row per writing command: NAME, the extension its output needs, the
# command with OUT where the output goes, and the inputs it reads.
rows=(
  "export|.geojson|export --store $in/store.gpkg --out OUT|$in/store.gpkg"
  "export_gpkg|.gpkg|export --store $in/store.gpkg --format gpkg --out OUT|$in/store.gpkg"
  "export_csv|.csv|export --store $in/store.gpkg --out OUT|$in/store.gpkg"
  "aggregate|.geojson|aggregate --by admin1 --store $in/store.gpkg --out OUT|$in/store.gpkg"
  "import_rejects|.csv|import -q --store $work/scratch.gpkg --rejects OUT $in/events.csv|$in/events.csv"
  "tiles_mbtiles|.mbtiles|tiles -q --store $in/store.mbtiles --maxzoom 2 --style $in/style.json --out OUT|$in/store.mbtiles $in/style.json"
  "map|.png|map -q --input $in/incidents.geojson --style $in/style.json --size 200x150 --out OUT|$in/incidents.geojson $in/style.json"
  "map_pdf|.pdf|map -q --store $in/store.gpkg --size 200x150 --out OUT|$in/store.gpkg"
)

for row in "${rows[@]}"; do
  IFS='|' read -r name ext command row_inputs <<<"$row"
  run() {  # run CASE EXIT REGEX OUTPUT
    rm -f "$work/scratch.gpkg"
    # shellcheck disable=SC2086
    expect "$name.$1" "$2" "$3" -- ${command//OUT/$4}
  }
  # Over each input, under its own name and through a link.
  for input in $row_inputs; do
    base=$(basename "$input")
    # (tiles takes an --out without .mbtiles for a folder: not this row's)
    # (map names the kinds of file it draws before it reads anything: an
    # input of another kind is refused as a name it cannot write)
    if [ "${input##*.}" != "${ext#.}" ] && { [ "$name" = map ] || [ "$name" = map_pdf ]; }; then
      run "over_input_$base" 2 "the file name must end in \.png, \.pdf or \.svg" "$input"
    elif [ "${input##*.}" = "${ext#.}" ] || [ "$name" != tiles_mbtiles ]; then
      run "over_input_$base" 1 "$refused (the store|an input|the style|the --input),? .*$base" "$input"
    fi
    ln -sf "$input" "$work/link$ext"
    run "over_link_to_input_$base" 1 "$refused" "$work/link$ext"
    [ -L "$work/link$ext" ] || fail "$name: the link to $base was replaced"
  done
  # Over a store it does not read.
  cp "$work/other.gpkg" "$work/store-not-read$ext"
  run over_store 1 "store-not-read$ext: $refused a GeoPackage" "$work/store-not-read$ext"
  # Into a FIFO: written into, not replaced.
  fifo "$work/fifo$ext"
  run into_fifo 0 "" "$work/fifo$ext"
  close_fifo "$work/fifo$ext"
  [ -s "$work/fifo$ext.read" ] || fail "$name.into_fifo: nothing came through the FIFO"
  # Into /dev/null (only where the output's kind is not told by its name).
  if [ "$ext" = .geojson ] || [ "$ext" = .csv ]; then
    run into_dev_null 0 "" /dev/null
    [ -c /dev/null ] || fail "$name: /dev/null is no longer a device"
  fi
  # Through a link to a file not made yet: the target is written, the link kept.
  rm -rf "$work/target" && mkdir "$work/target"
  ln -sfn "$work/target/made$ext" "$work/new-link$ext"
  run through_link 0 "" "$work/new-link$ext"
  [ -L "$work/new-link$ext" ] || fail "$name.through_link: the link was replaced"
  [ -s "$work/target/made$ext" ] || fail "$name.through_link: the link's target was not written"
  # --overwrite writes over a store it does not read.
  cp "$work/other.gpkg" "$work/store-not-read$ext"
  rm -f "$work/scratch.gpkg"
  # shellcheck disable=SC2086
  expect "$name.overwrite_store" 0 "" -- ${command//OUT/$work/store-not-read$ext} --overwrite
  cmp -s "$work/other.gpkg" "$work/store-not-read$ext" && fail "$name: --overwrite did not write"
done

# tiles --out X.mbtiles replaces only an MBTiles file incimap wrote.
echo "my notes" >"$work/notes.mbtiles"
expect tiles.over_text_file 1 "notes.mbtiles: not writing over it: it is not an MBTiles file incimap wrote" \
  -- tiles -q --store "$in/store.gpkg" --maxzoom 1 --out "$work/notes.mbtiles"
grep -q "my notes" "$work/notes.mbtiles" || fail "tiles replaced notes.mbtiles"
expect tiles.first 0 "" -- tiles -q --store "$in/store.gpkg" --maxzoom 1 --out "$work/made.mbtiles"
expect tiles.again_over_its_own 0 "" -- tiles -q --store "$in/store.gpkg" --maxzoom 1 --out "$work/made.mbtiles"
# A tile folder that holds the style it is drawn with.
mkdir -p "$work/tilefolder" && cp "$in/style.json" "$work/tilefolder/style.json"
echo '{}' >"$work/tilefolder/tiles.json"
inputs+=("$work/tilefolder/style.json")
before=$(sums)
expect tiles.folder_holding_style 1 "tilefolder: not replacing this folder: it holds the style" \
  -- tiles -q --store "$in/store.gpkg" --maxzoom 1 --style "$work/tilefolder/style.json" --out "$work/tilefolder"

# web --out DIR replaces only the files its record lists.
mkdir -p "$work/site"
echo "<p>my own page</p>" >"$work/site/index.html"
expect web.users_index 1 "site/index.html: not writing over it: incimap did not write it" \
  -- web -q --store "$in/store.gpkg" --out "$work/site"
grep -q "my own page" "$work/site/index.html" || fail "web replaced the user's index.html"
[ ! -e "$work/site/config.js" ] || fail "web wrote config.js before refusing"
rm "$work/site/index.html" && echo "var mine = 1;" >"$work/site/config.js"
expect web.users_config 1 "site/config.js: not writing over it" -- web -q --store "$in/store.gpkg" --out "$work/site"
rm "$work/site/config.js"
expect web.first 0 "" -- web -q --store "$in/store.gpkg" --out "$work/site"
expect web.again_over_its_own 0 "" -- web -q --store "$in/store.gpkg" --out "$work/site"
ln -sfn "$in/store.gpkg" "$work/site/incidents.geojson"
expect web.incidents_link_to_input 1 "$refused the store" -- web -q --store "$in/store.gpkg" --out "$work/site"
cp "$work/other.gpkg" "$work/linked.gpkg"
ln -sfn "$work/linked.gpkg" "$work/site/incidents.geojson"
expect web.incidents_link_to_a_store 1 "$refused a GeoPackage" -- web -q --store "$in/store.gpkg" --out "$work/site"
expect web.overwrite 0 "" -- web -q --store "$in/store.gpkg" --out "$work/site" --overwrite
[ -L "$work/site/incidents.geojson" ] || fail "web replaced the link"
grep -q FeatureCollection "$work/linked.gpkg" || fail "web --overwrite did not write through the link"

# extract writes to standard output: never appended to its own input.
code=0
"$bin" extract -q "$in/report.txt" >>"$in/report.txt" 2>"$work/stderr" || code=$?
[ "$code" -eq 1 ] || fail "extract >> its input: exit $code"
grep -q "standard output is an input, $in/report.txt" "$work/stderr" || fail "extract >> input: $(cat "$work/stderr")"
code=0
"$bin" extract -q --batch "$in/batch.jsonl" >>"$in/batch.jsonl" 2>"$work/stderr" || code=$?
[ "$code" -eq 1 ] || fail "extract --batch >> the batch: exit $code"
[ "$(sums)" = "$before" ] || fail "extract changed its input"
"$bin" extract -q "$in/report.txt" >/dev/null || fail "extract > /dev/null failed"

# run: the package's files are checked before any report is read.
mkdir -p "$work/pkg"
cp "$in/report.txt" "$work/pkg/index.html"
inputs+=("$work/pkg/index.html")
before=$(sums)
expect run.report_as_index 1 "pkg/index.html: $refused an input" \
  -- run -q --out "$work/pkg" --store "$work/pkg-store.gpkg" "$work/pkg/index.html"
[ ! -e "$work/pkg-store.gpkg" ] || fail "run stored reports before refusing an output"
mkdir -p "$work/pkg2" && cp "$work/other.gpkg" "$work/pkg2/incidents.gpkg"
expect run.other_store_in_folder 1 "pkg2/incidents.gpkg: $refused a GeoPackage" \
  -- run -q --out "$work/pkg2" --store "$in/store.gpkg" "$in/report.txt"
cmp -s "$work/other.gpkg" "$work/pkg2/incidents.gpkg" || fail "run replaced a store in its folder"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
