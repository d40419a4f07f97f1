#!/usr/bin/env bash
# Writes the folder of finished outputs that the client tests open: the
# example reports ingested into a store, exported, aggregated per region,
# tiled and mapped.
# Usage: make_output_folder.sh INCIMAP ARTICLES OUT
set -euo pipefail
bin=$1 articles=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
store=$out/incidents.gpkg
"$bin" ingest -q --store "$store" "$articles"
"$bin" export -q --store "$store" --out "$out/incidents.geojson"
"$bin" aggregate -q --store "$store" --by admin1 --out "$out/admin1.geojson"
"$bin" tiles -q --store "$store" --out "$out/tiles"
"$bin" tiles -q --store "$store" --out "$out/incidents.mbtiles"
"$bin" map -q --store "$store" --out "$out/report.png"
echo "outputs in $out:"
ls -1 "$out"
