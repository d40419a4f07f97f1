#!/usr/bin/env bash
# tiles --bbox with --maxzoom reads only the window of the store its tiles
# are drawn from, and draws what it draws from every incident, byte for
# byte: the same run without --maxzoom (which reads every incident, to
# choose the deepest zoom from their spread) at the zoom it chose is the
# reference. The store holds a town's incidents, some beyond the box whose
# circles and names reach into its tiles, one farther off with a name long
# enough to reach in were it named, and incidents in other countries. A
# map and a web page over the box read the incidents inside it.
# On a GeoPackage, or in the PostGIS database INCIMAP_TEST_STORE names
# (tests/pg). Usage: tiles_window.sh INCIMAP
set -euo pipefail
bin=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-window-XXXXXX")
trap 'rm -rf "$work"' EXIT
store=${INCIMAP_TEST_STORE:-$work/s.gpkg}
fail() { echo "FAIL: $*" >&2; exit 1; }

# The town's box is -0.10,16.20,0.10,16.35.
/usr/bin/python3 - "$work/incidents.csv" <<'PY'
import csv, sys
columns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp"]
types = [("Political violence", "Battles", "Armed clash"),
         ("Demonstrations", "Protests", "Peaceful protest"),
         ("Political violence", "Violence against civilians", "Attack")]
rows = []
def add(lat, lon, location, dead, country="Mali", iso=466):
    n = len(rows) + 1
    disorder, kind, sub = types[n % len(types)]
    rows.append([f"TWN{n}", f"2024-03-{n % 28 + 1:02d}", 2024, 1, disorder, kind, sub, "Group North", "", 2,
                 "Group South", "", 3, 23, "", iso, "Western Africa", country, "Gao", "", "", location,
                 lat, lon, 1, "Town Monitor", "Local", f"Test incident {n}.", dead, "", 1709251200 + n])
# In the box: a grid of quarters, the dead of some shown larger.
for i in range(6):
    for j in range(5):
        add(round(16.25 + 0.004 * j, 4), round(-0.02 + 0.005 * i, 4), f"Quarter {i}{j}", (i * 5 + j) % 7 * 6)
# Beyond the box, within the tiles at the lowest zoom or a circle's reach.
add(16.36, 0.0, "Just north of the box", 100)
add(16.27, 0.11, "Just east of the box", 20)
add(16.19, -0.11, "Just south-west of the box with a long name that runs on", 3)
add(16.27, -0.9, "West of the box, named with a name long enough to reach far into the town's tiles were it named at all", 1)
# Elsewhere.
add(14.35, -3.6, "Elsewhere in Mali", 4)
add(13.5, 2.1, "Niamey", 2, "Niger", 562)
add(13.31, 12.61, "Diffa", 6, "Niger", 562)
with open(sys.argv[1], "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
PY
"$bin" import -q --store "$store" "$work/incidents.csv" > /dev/null

box=-0.10,16.20,0.10,16.35
"$bin" tiles -v --store "$store" --bbox "$box" --minzoom 10 --out "$work/all" 2> "$work/all.log" \
  || { cat "$work/all.log" >&2; fail "tiles without --maxzoom failed"; }
grep -q "read every incident of the store" "$work/all.log" || { cat "$work/all.log" >&2; fail "without --maxzoom not every incident was read"; }
zoom=$(sed -n 's/.*maximum zoom \([0-9]*\):.*/\1/p' "$work/all.log")
[ -n "$zoom" ] || { cat "$work/all.log" >&2; fail "no maximum zoom was chosen"; }

"$bin" tiles -v --store "$store" --bbox "$box" --minzoom 10 --maxzoom "$zoom" --out "$work/window" \
  2> "$work/window.log" || { cat "$work/window.log" >&2; fail "tiles with --maxzoom failed"; }
# The town's 30, the three just beyond the box; not the one farther west
# nor those elsewhere.
grep -q "read 33 incidents in the window" "$work/window.log" \
  || { cat "$work/window.log" >&2; fail "the window read other incidents than the 33 near the box"; }
echo "ok: the window holds the incidents near the box only"

diff -r -x .incimap-tiles "$work/all" "$work/window" > /dev/null || fail "tiles from the window differ from tiles from every incident"
[ "$(find "$work/window" -name '*.png' | wc -l)" -gt 20 ] || fail "too few tiles drawn"
grep -q '"description": "30 incidents from store' "$work/window/tiles.json" \
  || { cat "$work/window/tiles.json" >&2; fail "the TileJSON does not count the 30 incidents in the box"; }
echo "ok: the same tiles and TileJSON as from every incident"

# A file given with --input is read whole (its columns are typed from
# every row), and draws the same tiles.
"$bin" export -q --store "$store" --format geojson --out "$work/incidents.geojson"
"$bin" tiles -v --input "$work/incidents.geojson" --bbox "$box" --minzoom 10 --maxzoom "$zoom" \
  --out "$work/file" 2> "$work/file.log" || { cat "$work/file.log" >&2; fail "tiles of --input failed"; }
grep -q "read every incident of .*incidents.geojson: an --input file is read whole" "$work/file.log" \
  || { cat "$work/file.log" >&2; fail "an --input file was not read whole"; }
echo "ok: an --input file is read whole"

# Vector tiles without regions read the window too, with the same tiles.
"$bin" tiles -v --vector --no-regions --store "$store" --bbox "$box" --minzoom 10 --out "$work/vall" \
  2> "$work/vall.log" || { cat "$work/vall.log" >&2; fail "vector tiles without --maxzoom failed"; }
vzoom=$(sed -n 's/.*maximum zoom \([0-9]*\):.*/\1/p' "$work/vall.log")
"$bin" tiles -v --vector --no-regions --store "$store" --bbox "$box" --minzoom 10 --maxzoom "$vzoom" \
  --out "$work/vwindow" 2> "$work/vwindow.log" || { cat "$work/vwindow.log" >&2; fail "vector tiles failed"; }
grep -q "read 3[0-9] incidents in the window" "$work/vwindow.log" \
  || { cat "$work/vwindow.log" >&2; fail "vector tiles did not read a window"; }
diff -r -x .incimap-tiles "$work/vall" "$work/vwindow" > /dev/null || fail "vector tiles from the window differ"
echo "ok: vector tiles"
# A map and a web page over --bbox read the incidents inside it only.
"$bin" map --store "$store" --bbox "$box" --size 400x300 --out "$work/town.png" 2> "$work/map.log" \
  || { cat "$work/map.log" >&2; fail "map --bbox failed"; }
grep -q "wrote .*town.png: 30 incidents" "$work/map.log" || { cat "$work/map.log" >&2; fail "map read more than the box"; }
"$bin" web --store "$store" --bbox "$box" --out "$work/site" 2> "$work/web.log" \
  || { cat "$work/web.log" >&2; fail "web --bbox failed"; }
grep -q "index.html with 30 incidents" "$work/web.log" || { cat "$work/web.log" >&2; fail "web read more than the box"; }
echo "ok: map and web read the box"
echo "tiles window ok"
