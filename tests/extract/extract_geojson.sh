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
# The export's names and forms (core/incident_fields.hpp), then the evidence.
expected = ["iso", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
            "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
            "civilian_targeting", "region", "country", "admin1", "admin2", "admin3", "location",
            "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
            "fatalities", "tags", "iso3", "geonameid", "fatalities_low", "fatalities_high",
            "doc_id", "confidence", "evidence"]
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
    assert isinstance(p["assoc_actor_1"], str) and isinstance(p["notes"], str)
    assert p["notes"] == " ".join(e["text"] for e in p["evidence"] if e["text"])
    for note in p["evidence"]:
        assert set(note) == {"text", "begin", "end"} and note["begin"] < note["end"]
    # ACLED's inter codes come from the actors' kinds, interaction from both.
    if p["actor1"]:
        assert p["inter1"] in range(1, 9), (p["actor1"], p["inter1"])
        codes = sorted(c for c in (p["inter1"], p["inter2"]) if c)
        assert p["interaction"] == (codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10), p
    assert p["disorder_type"], p["event_type"]
print(len(collection["features"]), "features checked")
PY
