#!/usr/bin/env bash
# An MBTiles file written by `incimap tiles` reads back with GDAL's MBTiles
# driver: its metadata and its extent are the ones incimap wrote.
set -euo pipefail
bin=$1 fixtures=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" tiles -q --input "$fixtures/incidents.geojson" --bbox -9,11,3,19 --maxzoom 6 \
  --out "$dir/incidents.mbtiles"
info=$(gdalinfo "$dir/incidents.mbtiles")
expect() { grep -qE "$1" <<<"$info" || { echo "gdalinfo lacks: $1"; echo "$info"; exit 1; }; }
expect '^Driver: MBTiles/MBTiles'
expect '^  name=incimap default$'
expect '^  format=png$'
expect '^  minzoom=0$'
expect '^  maxzoom=6$'
expect '^  bounds=-9,11,3,19$'
expect '^  description=11 incidents from .*Empty tiles are not written'
expect '^  attribution=Incidents: Armed Conflict Location &amp; Event Data .ACLED.; acleddata.com. Made with Natural Earth.$'
# GDAL shows the bounds written, at the resolution of zoom 6.
expect '^Upper Left .*\( *9d 0'"'"' 0\.00"W, 19d 0'"'"' 0\.00"N\)'
expect 'Pixel Size = \(2445\.98'
[ -f "$dir/incidents.mbtiles.json" ] || { echo "no TileJSON beside the file"; exit 1; }
echo "mbtiles ok"
