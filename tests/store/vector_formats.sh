#!/usr/bin/env bash
# export and aggregate write the format the --out extension names, read back
# here with GDAL's Python bindings; an extension incimap does not write, or a
# format this GDAL has no driver for, stops with exit 1 and writes nothing.
# From a GeoPackage, or from the PostGIS database INCIMAP_TEST_STORE names
# (tests/pg). Usage: vector_formats.sh INCIMAP tests/store
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-formats-XXXXXX")
trap 'rm -rf "$work"' EXIT
source "$here/../support/test_store.sh"
store=$(test_store "$work/s.gpkg")
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" import -q --store "$store" "$here/fixtures/acled_current.csv" "$here/fixtures/acled_oldschema.csv" >/dev/null
"$bin" export -q --store "$store" --out "$work/ref.geojson"

for ext in shp kml fgb gpkg csv json; do
  "$bin" export -q --store "$store" --out "$work/out/incidents.$ext" || fail "export to .$ext failed"
done
"$bin" export -q --store "$store" --format acled --out "$work/out/acled.csv"
# A stale spatial index of an earlier Shapefile must not outlive it.
touch "$work/out/incidents.qix"
"$bin" export -q --store "$store" --country ML --out "$work/out/incidents.shp"
[ ! -e "$work/out/incidents.qix" ] || fail "an old .qix stayed beside a new Shapefile"
"$bin" export -q --store "$store" --out "$work/out/incidents.shp"
ls "$work/out" | grep -q tmp && fail "a temporary file or folder stayed behind: $(ls "$work/out")"

/usr/bin/python3 - "$work" <<'PY' || fail "the exports do not read back as written"
import json, sys
from osgeo import ogr
ogr.UseExceptions()
work = sys.argv[1]
ref = {f["properties"]["id"]: f for f in json.load(open(f"{work}/ref.geojson"))["features"]}
assert len(ref) == 16, len(ref)

def read(path, expected_driver, names):
    ds = ogr.Open(path)
    assert ds.GetDriver().GetName() in expected_driver, (path, ds.GetDriver().GetName())
    layer = ds.GetLayerByName("incidents") or ds.GetLayer(0)
    assert layer.GetFeatureCount() == len(ref), (path, layer.GetFeatureCount())
    seen = 0
    for f in layer:
        fid = int(f.GetField("id")) if f.GetFieldIndex("id") >= 0 else f.GetFID()  # GeoPackage: the FID
        want = ref[fid]
        props = want["properties"]
        for name in ("event_date", "location", "fatalities", "event_type", "assoc_actor_1", "actor1"):
            got = f.GetField(names.get(name, name))
            wanted = props[name]
            if name == "event_date" and got is not None:
                got = str(got).replace("/", "-")[:10]  # FlatGeobuf has dates only with a time
            if wanted in (None, ""):
                assert got in (None, ""), (path, fid, name, got)
            else:
                assert str(got) == str(wanted), (path, fid, name, got, wanted)
        g = f.GetGeometryRef()
        if g is not None:
            lon, lat = want["geometry"]["coordinates"]
            assert abs(g.GetX() - lon) < 1e-6 and abs(g.GetY() - lat) < 1e-6, (path, fid)
        else:
            assert path.endswith(".csv"), (path, fid, "no geometry")
        seen += 1
    assert seen == len(ref), (path, seen)

short = {"assoc_actor_1": "assoc_1"}
read(f"{work}/out/incidents.shp", {"ESRI Shapefile"}, short)
read(f"{work}/out/incidents.kml", {"KML", "LIBKML"}, {})
read(f"{work}/out/incidents.fgb", {"FlatGeobuf"}, {})
read(f"{work}/out/incidents.gpkg", {"GPKG"}, {})
read(f"{work}/out/incidents.csv", {"CSV"}, {})
read(f"{work}/out/incidents.json", {"GeoJSON"}, {})

# The Shapefile keeps UTF-8 and says which names it shortened.
shp_ds = ogr.Open(f"{work}/out/incidents.shp")  # the layer lives as long as its dataset
shp = shp_ds.GetLayer(0)
d = shp.GetLayerDefn()
names = [d.GetFieldDefn(i).GetName() for i in range(d.GetFieldCount())]
assert all(len(n) <= 10 for n in names), names
assert len(set(n.lower() for n in names)) == len(names), names
assert {"assoc_1", "assoc_2", "sub_type", "fatal_low", "fatal_high", "geo_prec"} <= set(names), names
assert open(f"{work}/out/incidents.cpg").read().strip().upper() in ("UTF-8", "UTF8")
note = open(f"{work}/out/incidents.fields.txt").read()
assert "assoc_1     assoc_actor_1" in note and "fatal_high  fatalities_high" in note, note
locations = {f.GetField("location") for f in shp}
assert locations == {p["properties"]["location"] for p in ref.values()}, locations
# Shapefile: notes longer than 254 bytes are cut at a character boundary.
shp.ResetReading()
for f in shp:
    notes = f.GetField("notes") or ""
    full = ref[f.GetField("id")]["properties"]["notes"] or ""
    assert full.startswith(notes) and len(notes.encode()) <= 254, (notes, full)
# The ACLED form is still CSV.
assert open(f"{work}/out/acled.csv").readline().startswith("data_id,iso,event_id_cnty,")
PY
echo "ok: export writes .shp, .kml, .fgb, .gpkg, .csv, .json that GDAL reads back with the same incidents"

# A note longer than a Shapefile field holds is cut at a character boundary
# (two-byte letters straddle byte 254), and the note beside it says so.
/usr/bin/python3 -c '
import json, sys
note = "Récit " + "é" * 400
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature",
    "geometry": {"type": "Point", "coordinates": [-8.0, 12.6]},
    "properties": {"event_id_cnty": "MLI999", "event_date": "2024-01-02", "event_type": "Battles",
                   "sub_event_type": "Armed clash", "actor1": "A", "country": "Mali", "location": "Bamako",
                   "latitude": 12.6, "longitude": -8.0, "fatalities": 1, "notes": note}}]}, open(sys.argv[1], "w"))
' "$work/long.geojson"
"$bin" import -q --store "$work/long.gpkg" "$work/long.geojson" >/dev/null
"$bin" export -q --store "$work/long.gpkg" --out "$work/long/long.shp"
/usr/bin/python3 - "$work/long/long.shp" <<'PY' || fail "a long note is not cut at a character boundary"
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
notes = ds.GetLayer(0).GetNextFeature().GetField("notes")
assert notes == "Récit " + "é" * 123, (len(notes.encode()), notes[-4:])
PY
grep -q "(1 cut)" "$work/long/long.fields.txt" || fail "the field note does not count the cut text: $(cat "$work/long/long.fields.txt")"
echo "ok: a Shapefile cuts long texts at a character boundary and says so"

for ext in shp gpkg fgb kml csv; do
  "$bin" aggregate -q --store "$store" --by admin1 --out "$work/agg/admin1.$ext" || fail "aggregate to .$ext failed"
done
"$bin" aggregate -q --store "$store" --by admin1 --out "$work/agg/admin1.geojson"
"$bin" aggregate -q --store "$store" --by month --out "$work/agg/months.shp"
/usr/bin/python3 - "$work" <<'PY' || fail "the aggregations do not read back as written"
import json, sys
from osgeo import ogr
ogr.UseExceptions()
work = sys.argv[1]
ref = json.load(open(f"{work}/agg/admin1.geojson"))["features"]
want = sorted((f["properties"]["admin1"] or "", f["properties"]["count"], f["properties"]["fatalities"]) for f in ref)
for ext in ("shp", "gpkg", "fgb", "kml", "csv"):
    ds = ogr.Open(f"{work}/agg/admin1.{ext}")
    layer = ds.GetLayer(0)
    got = sorted((f.GetField("admin1") or "", int(f.GetField("count")), int(f.GetField("fatalities"))) for f in layer)
    assert got == want, (ext, got, want)
    layer.ResetReading()
    polygons = [f for f in layer if f.GetGeometryRef() is not None]
    assert polygons and all("POLYGON" in f.GetGeometryRef().GetGeometryName() for f in polygons), ext
months_ds = ogr.Open(f"{work}/agg/months.shp")
months = months_ds.GetLayer(0)
d = months.GetLayerDefn()
names = [d.GetFieldDefn(i).GetName() for i in range(d.GetFieldCount())]
assert "per_start" in names and "top_type" in names, names
assert months.GetGeomType() == ogr.wkbPoint
PY
echo "ok: aggregate writes .shp, .gpkg, .fgb, .kml, .csv that GDAL reads back with the same counts"

set +e
err=$("$bin" export --store "$store" --out "$work/bad/incidents.xyz" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] || fail "export to .xyz exited $rc"
[[ $err == *"incidents.xyz"* && $err == *"'.xyz' is not a format incimap writes"* && $err == *"Shapefile (.shp)"* && $err == *"GeoJSON (.geojson, .json)"* ]] \
  || fail "export to .xyz said: $err"
[ ! -e "$work/bad" ] || fail "a refused export made files: $(ls -R "$work/bad")"
set +e
err=$("$bin" aggregate --store "$store" --by admin1 --out "$work/bad/a.xyz" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && [[ $err == *"a.xyz"*"KML (.kml)"* ]] || fail "aggregate to .xyz exited $rc: $err"
[ ! -e "$work/bad" ] || fail "a refused aggregate made files"
echo "ok: an unknown extension stops with exit 1, naming the file and the formats incimap writes"

set +e
err=$("$bin" export --store "$store" --format geojson --out "$work/bad/x.shp" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && [[ $err == *"--format geojson writes GeoJSON, but the extension of --out"*"x.shp"*"Shapefile"* ]] \
  || fail "GeoJSON under .shp: exit $rc: $err"
echo "ok: --format that contradicts the extension is refused"

if /usr/bin/python3 -c 'from osgeo import ogr; import sys; sys.exit(0 if ogr.GetDriverByName("Parquet") else 1)'; then
  "$bin" export -q --store "$store" --out "$work/out/incidents.parquet"
  /usr/bin/python3 -c 'from osgeo import ogr; import sys; ds = ogr.Open(sys.argv[1]); assert ds.GetLayer(0).GetFeatureCount() == 16' "$work/out/incidents.parquet" \
    || fail "the GeoParquet export does not read back"
  echo "ok: GeoParquet"
else
  set +e
  err=$("$bin" export --store "$store" --out "$work/bad/x.parquet" 2>&1); rc=$?
  set -e
  [ $rc -eq 1 ] && [[ $err == *"x.parquet"*"has no GeoParquet driver"* ]] || fail "parquet without a driver: exit $rc: $err"
  [ ! -e "$work/bad" ] || fail "a refused GeoParquet export made files"
  echo "ok: GeoParquet is refused by name where GDAL has no driver for it"
fi
