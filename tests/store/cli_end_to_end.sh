#!/usr/bin/env bash
# import → list → export → aggregate → import again, on the fixtures, in a
# temporary folder, or in the PostGIS database INCIMAP_TEST_STORE names
# (tests/pg). Usage: cli_end_to_end.sh INCIMAP tests/store
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-store-XXXXXX")
trap 'rm -rf "$work"' EXIT
store=${INCIMAP_TEST_STORE:-$work/s.gpkg}
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$bin" import --store "$store" "$here/fixtures/acled_current.csv" "$here/fixtures/acled_oldschema.csv")
[ "$out" = "16 rows: 16 imported, 0 updated, 0 rejected (store $store)" ] || fail "import said: $out"
echo "ok: import counts"

out=$("$bin" import -q --store "$store" "$here/fixtures/acled_current.csv")
[[ $out == "8 rows: 0 imported, 8 updated, 0 rejected"* ]] || fail "re-import said: $out"
echo "ok: re-import updates"

ogrinfo -ro -so "$store" incidents | grep -q "Feature Count: 16" || fail "ogrinfo does not see 16 incidents"
ogrinfo -ro -so "$store" incidents | grep -q "FID Column = id" || fail "no id column"
/usr/bin/python3 - "$store" <<'PY' || fail "the store's layout is not the documented one"
import sys
from osgeo import ogr
ogr.UseExceptions()
ds = ogr.Open(sys.argv[1])
def fields(name):
    layer = ds.GetLayerByName(name)
    d = layer.GetLayerDefn()
    return layer, {layer.GetFIDColumn()} | {d.GetFieldDefn(i).GetName() for i in range(d.GetFieldCount())}
incidents, names = fields("incidents")
assert incidents.GetGeomType() == ogr.wkbPoint, incidents.GetGeomType()
assert incidents.GetSpatialRef().GetAuthorityCode(None) == "4326"
wanted = {"id", "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
          "actor1", "actor2", "assoc_actor_1", "location", "latitude", "longitude", "geonameid",
          "country", "iso", "admin1", "geo_precision", "fatalities", "fatalities_low",
          "fatalities_high", "notes", "source", "confidence", "sources", "created", "updated"}
assert wanted <= names, wanted - names
if ds.GetDriver().GetName() == "GPKG":
    index = ds.ExecuteSQL("SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = 'incidents' "
                          "AND extension_name = 'gpkg_rtree_index'")
else:
    index = ds.ExecuteSQL("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'incidents' "
                          "AND indexdef LIKE '%USING gist%'")
assert index.GetNextFeature().GetField(0) == 1, "no spatial index"
ds.ReleaseResultSet(index)
_, names = fields("sources")
assert {"id", "url", "title", "published", "fetched", "content_hash"} <= names, names
_, names = fields("incident_sources")
assert {"incident_id", "source_id", "evidence", "fatalities"} <= names, names
PY
echo "ok: GDAL reads the store"
echo "ok: incidents are points in EPSG:4326 with a spatial index, the documented fields and tables"

"$bin" list -q --store "$store" --country ML --since 2016-01-01 > "$work/list.txt"
diff -u "$here/expected/list_mali.txt" "$work/list.txt" || fail "list table differs"
echo "ok: list table"

out=$("$bin" list -q --store "$store" --format csv --actor "x' OR '1'='1")
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "a hostile --actor matched rows"
out=$("$bin" list -q --store "$store" --format csv --admin1 "Kidal'; DELETE FROM incidents; --")
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "a hostile --admin1 matched rows"
ogrinfo -ro -so "$store" incidents | grep -q "Feature Count: 16" || fail "the store changed"
echo "ok: hostile filter values"

"$bin" export -q --store "$store" --out "$work/out/incidents.geojson"
[ -f "$work/out/incidents.qml" ] || fail "no QGIS style beside the GeoJSON"
python3 - "$work/out" <<'PY'
import json, sys, xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1] + "/incidents.geojson", encoding="utf-8"))
assert d["type"] == "FeatureCollection" and len(d["features"]) == 16
for f in d["features"]:
    lon, lat = f["geometry"]["coordinates"]
    p = f["properties"]
    assert abs(lon - p["longitude"]) < 1e-6 and abs(lat - p["latitude"]) < 1e-6, f
    assert isinstance(f["id"], int) and isinstance(p["fatalities"], int)
root = ET.parse(sys.argv[1] + "/incidents.qml").getroot()
assert root.tag == "qgis"
categories = {c.get("value") for c in root.iter("category")}
assert {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"} <= categories, categories
PY
echo "ok: GeoJSON export and its style"

for by in admin1 hex:40 month; do
  "$bin" aggregate -q --store "$store" --by "$by" --out "$work/agg.geojson"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=sum(f["properties"]["count"] for f in d["features"]); assert n == 16, n' "$work/agg.geojson" \
    || fail "aggregate --by $by does not add up to 16"
done
echo "ok: aggregate totals"

"$bin" export -q --store "$store" --out "$work/all.csv"
out=$("$bin" import --store "$work/copy.gpkg" "$work/all.csv")
[[ $out == "16 rows: 16 imported, 0 updated, 0 rejected"* ]] || fail "CSV round trip said: $out"
"$bin" list -q --store "$work/copy.gpkg" --country ML --since 2016-01-01 | diff -u "$here/expected/list_mali.txt" - \
  || fail "the CSV round trip changed the incidents"
echo "ok: CSV round trip"

printf 'event_date,event_type,latitude,longitude\n2024-01-01,Battles,14,1\n2024-02-30,Battles,14,1\n2024-01-02,Picnic,14,1\n' > "$work/bad.csv"
out=$("$bin" import -q --store "$store" --rejects "$work/rejects.csv" "$work/bad.csv")
[[ $out == "3 rows: 1 imported, 0 updated, 2 rejected"* ]] || fail "rejects import said: $out"
[ "$(wc -l < "$work/rejects.csv")" -eq 3 ] || fail "the rejects file should hold a header and 2 rows"
grep -q "^3,event_date '2024-02-30' is not a valid date," "$work/rejects.csv" || fail "rejects file: $(cat "$work/rejects.csv")"
echo "ok: rejects file"
printf 'date,type,place,country,deaths\n2024-04-02,Battles,Djibo,BF,7\n' > "$work/places.csv"
"$bin" import -q --store "$work/places.gpkg" "$work/places.csv" > /dev/null
line=$("$bin" list -q --store "$work/places.gpkg" --format csv | sed -n 2p)
[[ $line == *",Djibo,14.0994,-1.62554,1,"*",2361177,BF,"* ]] || fail "Djibo was not placed by the gazetteer: $line"
echo "ok: a place name without coordinates is placed with the embedded gazetteer"
printf 'date,type,place_name,killed\n2024-05-06,Violence against civilians,Djibo,3\n' > "$work/villages.csv"
out=$("$bin" import --store "$work/villages.gpkg" --country BF "$work/villages.csv")
[[ $out == "1 row: 1 imported, 0 updated, 0 rejected"* ]] || fail "--country import said: $out"
line=$("$bin" list -q --store "$work/villages.gpkg" --country BF --format csv | sed -n 2p)
[[ $line == *",Djibo,14.0994,-1.62554,1,"*",2361177,BF,"* ]] || fail "--country BF did not place Djibo: $line"
echo "ok: a table of place names alone is placed in the country --country gives"
echo "end to end ok"
