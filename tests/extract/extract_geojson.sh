#!/usr/bin/env bash
# `incimap extract` output is GeoJSON that GDAL reads, with points in
# [longitude, latitude] order inside the Sahel and the documented properties.
# Usage: extract_geojson.sh INCIMAP ARTICLES_DIR
set -euo pipefail
incimap=$1
articles=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$incimap" extract -q "$articles" > "$work/incidents.geojson"
ogrinfo -ro -al -so "$work/incidents.geojson" > "$work/ogrinfo.txt"
grep -q "Geometry: Point" "$work/ogrinfo.txt"
grep -q "Feature Count: [1-9]" "$work/ogrinfo.txt"

python3 - "$work/incidents.geojson" <<'PY'
import json, sys
collection = json.load(open(sys.argv[1]))
assert collection["type"] == "FeatureCollection"
expected = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
            "assoc_actors", "location", "latitude", "longitude", "geonameid", "country", "iso",
            "admin1", "geo_precision", "fatalities", "notes", "doc_id", "source", "confidence"]
for feature in collection["features"]:
    assert feature["type"] == "Feature"
    lon, lat = feature["geometry"]["coordinates"]
    p = feature["properties"]
    assert list(p) == expected, list(p)
    assert (lon, lat) == (p["longitude"], p["latitude"])
    # West Africa: longitudes -26..25 E, latitudes 0..30 N (Bamako swapped
    # would put its latitude at -8).
    assert -26 <= lon <= 25 and 0 <= lat <= 30, (lon, lat, p["location"])
    assert round(lon, 6) == lon and round(lat, 6) == lat
    assert p["time_precision"] in (1, 2, 3) and p["geo_precision"] in (1, 2, 3)
    assert 0 <= p["confidence"] <= 1
    for note in p["notes"]:
        assert set(note) == {"text", "begin", "end"} and note["begin"] < note["end"]
print(len(collection["features"]), "features checked")
PY
