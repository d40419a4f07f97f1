#!/usr/bin/env python3
"""The web page in a real browser: `incimap tiles` and `incimap web` write a
site, `incimap serve` serves it on 127.0.0.1, headless Chromium loads it.
The page must come up without script errors, request tiles, load the
eleven fixture incidents, show their texts as text (one carries HTML and a
javascript: link) and its screenshot must show the event-type colours;
then the same with the tiles as one PMTiles archive, which the page reads
in byte ranges. With INCIMAP_TEST_STORE set (tests/pg), the incidents are
imported into that PostGIS store and the tile folder and page drawn from
it (the PMTiles archive is not drawn again there).

Usage: web_in_chromium.py INCIMAP FIXTURES   (exit 77: no Chromium, skipped)
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

OKABE_ITO = {  # the default style's colours of the fixture's event types
    "Battles": (0xD5, 0x5E, 0x00),
    "Explosions/Remote violence": (0xE6, 0x9F, 0x00),
    "Violence against civilians": (0xCC, 0x79, 0xA7),
    "Strategic developments": (0x00, 0x9E, 0x73),
}


def decode_png(data):
    """Pixels of an 8-bit, non-interlaced RGB or RGBA PNG as (w, h, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG kind"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + pred) & 255
        rows.append(row)
        previous = row
    return width, height, channels, rows


LAND = (0xF4, 0xF1, 0xEA)  # the basemap's land colour


def count_colour(png, rgb, max_x, tolerance=8):
    """Pixels left of max_x (the map, not the panel) of that colour, drawn
    opaque (the page's markers) or at the clusters' opacity of 0.85 over the land
    (the tiles'), if any."""
    width, height, channels, rows = png
    blended = tuple(round(0.85 * c + 0.15 * l) for c, l in zip(rgb, LAND))
    n = 0
    for row in rows:
        for x in range(0, min(width, max_x) * channels, channels):
            for want in (rgb, blended):
                if all(abs(row[x + k] - want[k]) <= tolerance for k in range(3)):
                    n += 1
                    break
    return n


def chromium(args, profile):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--user-data-dir=" + profile, "--virtual-time-budget=8000"] + args,
        capture_output=True, text=False, timeout=120)


def check_site(incimap, source, tmp, tiles):
    """Writes tiles (a folder or a PMTiles archive) and the page into a site
    from SOURCE (--input FILE or --store STORE), serves it and looks at it in
    Chromium; returns the server's log."""
    site = os.path.join(tmp, "site-" + tiles.replace(".", "-"))
    subprocess.run([incimap, "tiles", "-q", *source, "--maxzoom", "7",
                    "--out", os.path.join(site, tiles)], check=True)
    subprocess.run([incimap, "web", "-q", *source, "--tiles", tiles, "--out", site],
                   check=True)
    server = subprocess.Popen([incimap, "serve", site, "--port", "0"], stderr=subprocess.PIPE,
                              text=True)
    try:
        first = server.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, "serve did not say where it listens: " + first
        url = "http://127.0.0.1:%s/" % match.group(1)
        profile = os.path.join(tmp, "profile")

        dom = chromium(["--dump-dom", url], profile).stdout.decode("utf-8", "replace")
        body = re.search(r"<body[^>]*>", dom)
        assert body, "no body in the page"
        attributes = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(0)))
        print(tiles, "page state:", attributes)
        assert "errors" not in attributes, "script errors: " + attributes["errors"]
        assert attributes.get("state") == "ready", "the page did not load its incidents"
        assert attributes.get("incidents") == "11", "expected the 11 fixture incidents"
        assert int(attributes.get("tiles-requested", "0")) > 0, "no tiles requested"

        if tiles == "tiles":
            # The incident whose texts carry markup: its popup shows them as
            # text, and nothing in them runs.
            # (Its id: the event's own from a file, the store's from a store.)
            with open(os.path.join(site, "incidents.geojson"), encoding="utf-8") as f:
                marked = [feature["id"] for feature in json.load(f)["features"]
                          if feature["properties"].get("event_id_cnty") == "TST011"]
            assert len(marked) == 1, "the page's incidents hold TST011 %d times" % len(marked)
            dom = chromium(["--dump-dom", url + "#open=" + str(marked[0])], profile).stdout.decode("utf-8", "replace")
            assert 'class="popup"' in dom, "the popup did not open"
            assert "data-pwned" not in dom, "markup from the data ran in the page"
            assert "&lt;img src=x onerror=" in dom, "the evidence is not shown as text"
            assert "&lt;b&gt;Unknown&lt;/b&gt; group" in dom, "the actor is not shown as text"
            assert 'href="javascript:' not in dom, "a javascript: source became a link"

        shot = os.path.join(tmp, "shot.png")
        chromium(["--window-size=1000,700", "--screenshot=" + shot, url], profile)
        png = decode_png(open(shot, "rb").read())
        for name, rgb in OKABE_ITO.items():
            # The panel with the legend is on the right, from x = 690.
            n = count_colour(png, rgb, 680)
            print("%-28s %5d px on the map" % (name, n))
            assert n >= 20, name + " is missing from the map in the screenshot"
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[1]
    assert any(l.startswith("GET /incidents.geojson 200") for l in log.splitlines())
    return log


def main():
    incimap, fixtures = sys.argv[1], sys.argv[2]
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("no chromium: skipped")
        return 77
    incidents = os.path.join(fixtures, "incidents.geojson")
    source = ["--input", incidents]
    store = os.environ.get("INCIMAP_TEST_STORE")
    if store:
        subprocess.run([incimap, "import", "-q", "--store", store, incidents], check=True)
        source = ["--store", store]
    with tempfile.TemporaryDirectory() as tmp:
        log = check_site(incimap, source, tmp, "tiles")
        tiles_served = [l for l in log.splitlines() if re.match(r"GET /tiles/\d+/\d+/\d+\.png 200 ", l)]
        print(len(tiles_served), "tiles served")
        assert tiles_served, "the browser fetched no tile from the server"
        if store:
            print("web page from the PostGIS store ok")
            return 0

        # The same tiles as one PMTiles archive, read by the page in byte
        # ranges through the pmtiles package's Leaflet layer.
        log = check_site(incimap, source, tmp, "incidents.pmtiles")
        ranges = [l for l in log.splitlines() if re.match(r"GET /incidents\.pmtiles 206 ", l)]
        print(len(ranges), "ranges of the archive served")
        assert ranges, "the browser read no range of the PMTiles archive"
    print("web page ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
