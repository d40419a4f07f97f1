#!/usr/bin/env bash
# `gazetteer learn`: the villages a store's coded events place, and GeoNames
# lacks, become places every command resolves. In a temporary folder, with
# a data folder of its own; the store a GeoPackage, or the PostGIS database
# INCIMAP_TEST_STORE names (tests/pg). Usage: learn_from_store.sh INCIMAP tests/gazetteer
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-learn-XXXXXX")
trap 'rm -rf "$work"' EXIT
export INCIMAP_DATA_DIR=$work/data
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$here/../support/test_store.sh"
store=$(test_store team.gpkg)
learned=learned-team  # the installed dump is named after the store
store_is_pg "$store" && learned=learned-postgis
cd "$work"

if "$bin" geocode Zimtenga-Peulh >/dev/null 2>&1; then fail "the gazetteer knew the hamlet before"; fi

"$bin" import -q --store "$store" "$here/data/coded_villages.csv"
said=$("$bin" gazetteer learn --store "$store" 2>&1)
[[ $said == *"6 coded events, 5 placed at their own location: 2 places and 0 units the gazetteer lacks (1 name it places already)"* ]] ||
  fail "learn said: $said"
[[ $said == *"installed $learned.txt into $INCIMAP_DATA_DIR/gazetteer"* ]] || fail "learn said: $said"
echo "ok: two hamlets learned, Djibo already known, the event near Kelbo ignored"

out=$("$bin" geocode Zimtenga-Peulh --format json --limit 1)
[[ $out == *'"name":"Zimtenga-Peulh","country":"BF"'*'"admin1":"Sahel"'*'"latitude":13.9012,"longitude":-1.1277'* ]] ||
  fail "geocode gave: $out"
echo "ok: geocode finds the hamlet where most of its events are"

printf 'On 2 July 2025, gunmen killed three farmers in the village of Tonkobore (Kelbo, Soum).\n' >report.txt
out=$("$bin" extract -q --published 2025-07-04 report.txt)
[[ $out == *'"location":"Tonkobore"'* && $out == *'[-1.0822,13.8731]'* ]] || fail "extract gave: $out"
echo "ok: the reader places a report's village with what the store learned"

"$bin" gazetteer learn -q --store "$store"
[ "$("$bin" gazetteer list 2>/dev/null | grep -c "$learned.txt")" = 1 ] || fail "learning again did not replace the dump"
echo "ok: learning again replaces the installed dump"

"$bin" gazetteer learn -q --store "$store" --out places.txt
[ "$(wc -l <places.txt)" = 2 ] || fail "--out wrote: $(cat places.txt)"
cut -f2,5,6,7,8,9 places.txt | grep -qx $'Tonkobore\t13.87310\t-1.08220\tP\tPPL\tBF' || fail "--out wrote: $(cat places.txt)"
echo "ok: --out writes GeoNames rows"

if ! store_is_pg "$store"; then
  if said=$("$bin" gazetteer learn --store "$store" --out team.gpkg 2>&1); then fail "--out over the store passed"; fi
  [[ $said == *"team.gpkg: not writing over a GeoPackage"*"--overwrite"* ]] || fail "--out over the store said: $said"
  "$bin" list -q --store "$store" --format csv | grep -q BFO90006 || fail "the store was touched"
  echo "ok: --out never writes over the store"
fi

"$bin" gazetteer remove -q "$learned"
if "$bin" geocode Tonkobore >/dev/null 2>&1; then fail "remove kept the learned places"; fi
echo "ok: gazetteer remove forgets them"
