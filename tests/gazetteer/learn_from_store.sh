#!/usr/bin/env bash
# `gazetteer learn`: the villages a store's coded events place, and GeoNames
# lacks, become places every command resolves. In a temporary folder, with
# a data folder of its own. Usage: learn_from_store.sh INCIMAP tests/gazetteer
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-learn-XXXXXX")
trap 'rm -rf "$work"' EXIT
export INCIMAP_DATA_DIR=$work/data
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$work"

if "$bin" geocode Zimtenga-Peulh >/dev/null 2>&1; then fail "the gazetteer knew the hamlet before"; fi

"$bin" import -q --store team.gpkg "$here/data/coded_villages.csv"
said=$("$bin" gazetteer learn --store team.gpkg 2>&1)
[[ $said == *"6 coded events, 5 placed at their own location: 2 places and 0 units the gazetteer lacks (1 name it places already)"* ]] ||
  fail "learn said: $said"
[[ $said == *"installed learned-team.txt into $INCIMAP_DATA_DIR/gazetteer"* ]] || fail "learn said: $said"
echo "ok: two hamlets learned, Djibo already known, the event near Kelbo ignored"

out=$("$bin" geocode Zimtenga-Peulh --format json --limit 1)
[[ $out == *'"name":"Zimtenga-Peulh","country":"BF"'*'"admin1":"Sahel"'*'"latitude":13.9012,"longitude":-1.1277'* ]] ||
  fail "geocode gave: $out"
echo "ok: geocode finds the hamlet where most of its events are"

printf 'On 2 July 2025, gunmen killed three farmers in the village of Tonkobore (Kelbo, Soum).\n' >report.txt
out=$("$bin" extract -q --published 2025-07-04 report.txt)
[[ $out == *'"location":"Tonkobore"'* && $out == *'[-1.0822,13.8731]'* ]] || fail "extract gave: $out"
echo "ok: the reader places a report's village with what the store learned"

"$bin" gazetteer learn -q --store team.gpkg
[ "$("$bin" gazetteer list 2>/dev/null | grep -c learned-team.txt)" = 1 ] || fail "learning again did not replace the dump"
echo "ok: learning again replaces the installed dump"

"$bin" gazetteer learn -q --store team.gpkg --out places.txt
[ "$(wc -l <places.txt)" = 2 ] || fail "--out wrote: $(cat places.txt)"
cut -f2,5,6,7,8,9 places.txt | grep -qx $'Tonkobore\t13.87310\t-1.08220\tP\tPPL\tBF' || fail "--out wrote: $(cat places.txt)"
echo "ok: --out writes GeoNames rows"

if said=$("$bin" gazetteer learn --store team.gpkg --out team.gpkg 2>&1); then fail "--out over the store passed"; fi
[[ $said == *"team.gpkg: not writing over a GeoPackage"*"--overwrite"* ]] || fail "--out over the store said: $said"
"$bin" list -q --store team.gpkg --format csv | grep -q BFO90006 || fail "the store was touched"
echo "ok: --out never writes over the store"

"$bin" gazetteer remove -q learned-team
if "$bin" geocode Tonkobore >/dev/null 2>&1; then fail "remove kept the learned places"; fi
echo "ok: gazetteer remove forgets them"
