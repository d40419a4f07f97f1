#!/usr/bin/env python3
"""The five-minute tour's web page, as a reader of the README makes it: the
tour's `incimap tiles` and `incimap export` commands, run as the README
writes them on the store of the main job, and its ten-line Leaflet snippet
saved as the page, with Leaflet from the copy the main job wrote, as the
README says (nothing from a CDN). Served by `incimap serve` on 127.0.0.1 and
loaded in headless Chromium, the tiles must load, every incident must get
its (invisible) marker, a click on one must open a popup showing its notes
as text, and there must be no console error (no script error, no failed
request but the 404 of a tile left out because it is empty, and of the
favicon the browser asks for by itself).

Usage: readme_leaflet_snippet.py INCIMAP README OUT SHOT
  OUT   the folder `incimap run` wrote (the tour's output/)
  SHOT  where the screenshot is kept
(exit 77: no Chromium, skipped)
"""
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LOCAL_LEAFLET = "leaflet/leaflet."  # the copy `cp -r output/assets/leaflet site/` makes


def browser_tools():
    """DevTools and the helpers of the run page's browser test."""
    spec = importlib.util.spec_from_file_location(
        "run_page_in_chromium", os.path.join(HERE, "..", "run", "run_page_in_chromium.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def block_after(readme, heading, language):
    """The lines of the first ```LANGUAGE block after the paragraph that
    opens with HEADING."""
    start = readme.index(heading)
    match = re.compile(r"^```%s\n(.*?)^```" % language, re.S | re.M).search(readme, start)
    assert match, "no %s block after %r in the README" % (language, heading)
    return match.group(1).splitlines()


def main():
    incimap, readme_path, out, shot = sys.argv[1:5]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium: skipped")
        return 77
    readme = open(readme_path, encoding="utf-8").read()
    commands = block_after(readme, "**Make tiles**", "sh")
    snippet = block_after(readme, "**Embed them in a page**", "html")
    assert len(snippet) == 10, "the Leaflet snippet is %d lines, the README says ten" % len(snippet)
    assert sum(line.count(LOCAL_LEAFLET) for line in snippet) == 2, "the snippet does not load the local Leaflet"
    assert not any("://" in line for line in snippet), "the snippet loads something from elsewhere"
    assert "cp -r output/assets/leaflet site/" in readme, "the README does not say where Leaflet comes from"

    with tempfile.TemporaryDirectory() as tmp:
        # The tour's commands, on the main job's store, into a site of our own.
        for line in commands:
            words = [w.replace("output/", out + "/").replace("site/", tmp + "/site/")
                     for w in shlex.split(line)]
            assert words[0] == "incimap", "not an incimap command: " + line
            subprocess.run([incimap, "-q"] + words[1:], check=True)
            print("ran:", line)
        site = os.path.join(tmp, "site")
        tilejson = json.load(open(os.path.join(site, "tiles", "tiles.json"), encoding="utf-8"))
        native = re.search(r"maxNativeZoom: (\d+)", "\n".join(snippet))
        assert native and int(native.group(1)) == tilejson["maxzoom"], \
            "maxNativeZoom %s, the tiles go to zoom %d" % (native and native.group(1), tilejson["maxzoom"])
        features = json.load(open(os.path.join(site, "incidents.geojson"), encoding="utf-8"))["features"]
        assert features, "the tour's export holds no incident"

        shutil.copytree(os.path.join(out, "assets", "leaflet"), os.path.join(site, "leaflet"))
        page = "\n".join(snippet) + "\n"
        with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as f:
            f.write(page)

        tools_module = browser_tools()
        with tools_module.Served(incimap, site, browser, os.path.join(tmp, "profile")) as served:
            tools = served.tools
            tools.open_page(served.url + "index.html", 900, 600)

            tiles = tools.wait_for("(%s).length > 0 && (%s)" % (tools_module.TILE_BOXES, tools_module.TILE_BOXES),
                                   "tiles to load")
            print(len(tiles), "tiles loaded, zoom", tiles[0]["z"])
            markers = tools.wait_for("document.querySelectorAll('path.leaflet-interactive').length",
                                     "the incidents' markers")
            assert markers == len(features), "%d markers for %d incidents" % (markers, len(features))

            # The incident nearest the middle of the map, clicked where its tile puts it.
            width, height = tools.evaluate("[innerWidth, document.getElementById('map').offsetHeight]")
            positions = [(tools_module.screen_point(tiles[0], *f["geometry"]["coordinates"]), f) for f in features]
            (x, y), chosen = min(positions, key=lambda p: (p[0][0] - width / 2) ** 2 + (p[0][1] - height / 2) ** 2)
            assert 0 <= x < width and 0 <= y < height, "the incidents are off the map's view"
            tools.click(x, y)
            shown = tools.wait_for("(function () { const p = document.querySelector('.leaflet-popup-content p');"
                                   " return p && p.textContent; })()", "the popup to open", seconds=20)
            want = chosen["properties"].get("notes") or chosen["properties"]["location"]
            assert shown == want, "the popup shows %r, the incident's notes are %r" % (shown, want)
            print("popup:", shown[:60])
            time.sleep(0.5)
            tools.screenshot(shot)
            print("screenshot:", shot)
            # The browser asks for /favicon.ico by itself; ten lines of HTML have none.
            errors = [e for e in tools.errors() if not e.endswith("/favicon.ico")]
            assert not errors, "console errors: " + " | ".join(errors)
    print("the README's Leaflet snippet works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
