#!/usr/bin/env python3
"""Mapnik's side of the tile benchmark (bench/bench_tiles.sh): renders the
given XYZ tiles of a CSV of incidents (bench/bench_tiles_generate.py) with a
style like bench/bench_tiles_style.json — a disc of radius 4 px per incident,
coloured by event type — and writes them as DIR/{z}/{x}/{y}.png. The tiles
come from a list (one "z/x/y" a line: the tiles incimap wrote), so both
programs draw the same tiles. Rendering is spread over worker processes,
each with its own map, as Mapnik's generate_tiles.py does.

Usage: bench_tiles_mapnik.py CSV TILE_LIST OUT_DIR [PROCESSES]
"""
import math
import multiprocessing
import os
import sys

import mapnik

COLOURS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#56B4E9",
    "Strategic developments": "#009E73",
}
OTHER = "#666666"
RADIUS = 4
HALF_WORLD = 20037508.342789244

_map = None


def disc_rule(colour, expression=None):
    rule = mapnik.Rule()
    if expression is None:
        rule.set_else(True)
    else:
        rule.filter = mapnik.Expression(expression)
    marker = mapnik.MarkersSymbolizer()
    marker.width = mapnik.Expression(str(2 * RADIUS))
    marker.height = mapnik.Expression(str(2 * RADIUS))
    marker.fill = mapnik.Color(colour)
    marker.stroke_width = 0
    marker.allow_overlap = True
    marker.ignore_placement = True
    rule.symbols.append(marker)
    return rule


def make_map(csv_path):
    m = mapnik.Map(256, 256, "epsg:3857")
    m.buffer_size = 2 * RADIUS  # discs across a tile edge show on both sides
    style = mapnik.Style()
    for name, colour in COLOURS.items():
        style.rules.append(disc_rule(colour, "[event_type] = '%s'" % name))
    style.rules.append(disc_rule(OTHER))
    m.append_style("incidents", style)
    layer = mapnik.Layer("incidents", "epsg:4326")
    size_mb = os.path.getsize(csv_path) // 1000000 + 1
    layer.datasource = mapnik.CSV(file=csv_path, filesize_max=size_mb)
    layer.styles.append("incidents")
    m.layers.append(layer)
    return m


def start_worker(csv_path):
    global _map
    _map = make_map(csv_path)


def tile_box(z, x, y):
    span = 2 * HALF_WORLD / (1 << z)
    return mapnik.Box2d(-HALF_WORLD + x * span, HALF_WORLD - (y + 1) * span,
                        -HALF_WORLD + (x + 1) * span, HALF_WORLD - y * span)


def render(job):
    tiles, out = job
    image = mapnik.Image(256, 256)
    for z, x, y in tiles:
        _map.zoom_to_box(tile_box(z, x, y))
        image.clear()
        mapnik.render(_map, image)
        folder = os.path.join(out, str(z), str(x))
        os.makedirs(folder, exist_ok=True)
        image.save(os.path.join(folder, "%d.png" % y), "png")
    return len(tiles)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    csv_path, tile_list, out = sys.argv[1:4]
    processes = int(sys.argv[4]) if len(sys.argv) > 4 else os.cpu_count()
    with open(tile_list) as f:
        tiles = [tuple(int(v) for v in line.split("/")) for line in f if line.strip()]
    chunk = max(1, min(64, math.ceil(len(tiles) / (processes * 8))))
    jobs = [(tiles[i:i + chunk], out) for i in range(0, len(tiles), chunk)]
    with multiprocessing.Pool(processes, start_worker, (csv_path,)) as pool:
        done = sum(pool.imap_unordered(render, jobs))
    print("mapnik %s: %d tiles" % (mapnik.mapnik_version_string(), done))


if __name__ == "__main__":
    main()
