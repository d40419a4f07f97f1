#!/usr/bin/env bash
# `incimap map` writes each format so that the usual tools open it: the PDF
# with poppler's pdfinfo (900x700 px at 150 dpi: a 6 x 4.67 inch page; --paper
# A4 --landscape: an A4 page on its side), the PNG
# and SVG by their signatures.
set -euo pipefail
bin=$1 fixtures=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for f in png pdf svg; do
  "$bin" map -q --input "$fixtures/incidents.geojson" --crs EPSG:32630 --size 900x700 \
    --out "$dir/map.$f"
done
pdfinfo "$dir/map.pdf" | grep -q '^Pages: *1$' || { echo "pdfinfo does not see one page"; exit 1; }
pdfinfo "$dir/map.pdf" | grep -qE '^Page size: *432 x 336 pts' || { echo "wrong page size"; pdfinfo "$dir/map.pdf"; exit 1; }
# A4 sideways: 297 x 210 mm is 841.9 x 595.3 pt, to a pixel at 150 dpi.
"$bin" map -q --input "$fixtures/incidents.geojson" --paper A4 --landscape --out "$dir/a4.pdf"
pdfinfo "$dir/a4.pdf" | grep -qE '^Page size: *84[12]\.[0-9]* x 59[56]\.?[0-9]* pts' || { echo "not an A4 landscape page"; pdfinfo "$dir/a4.pdf"; exit 1; }
[ "$(head -c 8 "$dir/map.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "not a PNG"; exit 1; }
grep -q '<svg' "$dir/map.svg" || { echo "not an SVG"; exit 1; }
ls "$dir" | grep -q tmp && { echo "temporary files left behind"; exit 1; }
echo "map formats ok"
