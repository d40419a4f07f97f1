#!/usr/bin/env python3
"""The MapLibre page in a real browser: `incimap tiles --vector` and `incimap
web --renderer maplibre` write a site, `incimap serve` serves it on
127.0.0.1, headless Chromium draws it with WebGL (SwiftShader). The page
must come up without script errors and request vector tiles, and each
fixture incident must show in its event type's colour at the pixel where
its longitude and latitude fall in the view the page is opened at
(#at=LON,LAT,ZOOM), computed here with Web Mercator as MapLibre's 512-pixel
tiles lay it out. Once for a folder of .pbf, once for a PMTiles archive,
which the page reads in byte ranges. Then the page's filters, given in
the fragment as a link carries them (&type=…, &from=…&to=…): only the
incidents that pass are drawn, and the others' colours are gone from their
pixels.

Chromium is driven through its DevTools protocol over a pipe, so that the
test waits for the page to say it is ready (MapLibre decodes tiles in web
workers, which the one-shot --screenshot does not wait for).

Usage: maplibre_in_chromium.py INCIMAP FIXTURES   (exit 77: no Chromium, skipped)
"""
import base64
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_in_chromium import LAND, OKABE_ITO, decode_png  # noqa: E402

WIDTH, HEIGHT, PANEL = 1000, 700, 310  # the window; the panel on the right
CENTER, ZOOM = (-3.0, 15.0), 5.0


class Browser:
    """Headless Chromium spoken to over --remote-debugging-pipe (fds 3, 4)."""

    def __init__(self, profile):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        self.process = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--remote-debugging-pipe", "--user-data-dir=" + profile],
            close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id, self.session = b"", 0, None

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 20)
                assert chunk, "Chromium closed the pipe"
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, "%s: %s" % (method, reply["error"])
                return reply["result"]

    def open(self, url):
        self.session = None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1,
                  mobile=False)
        self.call("Page.navigate", url=url)

    def page_state(self):
        result = self.call("Runtime.evaluate", returnByValue=True,
                           expression="document.body ? JSON.stringify(document.body.dataset) : '{}'")
        return json.loads(result["result"].get("value") or "{}")

    def screenshot(self):
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self):
        self.process.kill()
        self.process.wait()


def pixel_of(lon, lat):
    """Where MapLibre puts a position in the map's canvas at CENTER, ZOOM."""
    def world(lo, la):
        return ((lo + 180) / 360,
                (1 - math.log(math.tan(math.radians(la)) + 1 / math.cos(math.radians(la))) / math.pi) / 2)
    size = 512 * 2 ** ZOOM
    (x, y), (cx, cy) = world(lon, lat), world(*CENTER)
    return (WIDTH - PANEL) / 2 + (x - cx) * size, HEIGHT / 2 + (y - cy) * size


def colour_near(png, x, y, rgb, reach=3, tolerance=10):
    """Whether a pixel within REACH of x, y has the colour RGB, drawn opaque
    or at the clusters' opacity of 0.85 over the land."""
    width, height, channels, rows = png
    blended = tuple(round(0.85 * c + 0.15 * l) for c, l in zip(rgb, LAND))
    for py in range(int(y) - reach, int(y) + reach + 1):
        for px in range(int(x) - reach, int(x) + reach + 1):
            if 0 <= px < width and 0 <= py < height:
                at = rows[py][px * channels:px * channels + 3]
                if any(all(abs(at[k] - want[k]) <= tolerance for k in range(3)) for want in (rgb, blended)):
                    return True
    return False


def wait_ready(browser):
    deadline, state = time.monotonic() + 90, {}
    while time.monotonic() < deadline:
        state = browser.page_state()
        if state.get("state") == "ready" or "errors" in state:
            break
        time.sleep(0.25)
    assert "errors" not in state, "script errors: " + state["errors"]
    assert state.get("state") == "ready", "the map never became idle"
    return state


def check_drawn(png, features, shown):
    """Each incident whose id is in SHOWN in its colour at its pixel, each
    other one's colour absent from its pixel."""
    for f in features:
        rgb = OKABE_ITO.get(f["properties"]["event_type"])
        if rgb is None:
            continue
        x, y = pixel_of(*f["geometry"]["coordinates"])
        ok = colour_near(png, x, y, rgb)
        want = f["properties"]["event_id_cnty"] in shown
        print("%-8s %-28s at %4.0f,%4.0f: %s" % (f["properties"]["event_id_cnty"], f["properties"]["event_type"],
                                                  x, y, "drawn" if ok else "not drawn"))
        assert ok == want, "%s is %s" % (f["properties"]["event_id_cnty"],
                                         "not drawn in its colour where it is" if want else "drawn though filtered out")


def check_filters(browser, port, features):
    """The page opened with filters in its link draws only what passes them."""
    def passing(test):
        return {f["properties"]["event_id_cnty"] for f in features if test(f["properties"])}
    for fragment, shown in (("&type=Battles", passing(lambda p: p["event_type"] == "Battles")),
                            ("&from=2024-02-01&to=2024-02-29",
                             passing(lambda p: p["event_date"].startswith("2024-02"))),
                            ("&country=Niger&fatalities=5",
                             passing(lambda p: p["country"] == "Niger" and p["fatalities"] >= 5))):
        browser.open("http://127.0.0.1:%s/#at=%s,%s,%s%s" % (port, CENTER[0], CENTER[1], ZOOM, fragment))
        state = wait_ready(browser)
        print(fragment, "page state:", state)
        assert state.get("rendered") == str(len(shown)), "expected %d incidents drawn with %s" % (len(shown), fragment)
        check_drawn(decode_png(browser.screenshot()), features, shown)


def check_site(incimap, incidents, tmp, tiles, filters=False):
    site = os.path.join(tmp, "site-" + tiles.replace(".", "-"))
    subprocess.run([incimap, "tiles", "-q", "--vector", "--input", incidents, "--maxzoom", "8",
                    "--out", os.path.join(site, tiles)], check=True)
    subprocess.run([incimap, "web", "-q", "--renderer", "maplibre", "--input", incidents, "--tiles", tiles,
                    "--out", site], check=True)
    server = subprocess.Popen([incimap, "serve", site, "--port", "0"], stderr=subprocess.PIPE, text=True)
    browser = Browser(os.path.join(tmp, "profile-" + tiles))
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stderr.readline())
        assert match, "serve did not say where it listens"
        browser.open("http://127.0.0.1:%s/#at=%s,%s,%s" % (match.group(1), CENTER[0], CENTER[1], ZOOM))
        state = wait_ready(browser)
        print(tiles, "page state:", state)
        assert int(state.get("tilesRequested", "0")) > 0, "no tiles requested"
        assert state.get("rendered") == "11", "expected the 11 fixture incidents on the map"
        features = json.load(open(incidents))["features"]
        check_drawn(decode_png(browser.screenshot()), features, {f["properties"]["event_id_cnty"] for f in features})
        if filters:
            check_filters(browser, match.group(1), features)
    finally:
        browser.close()
        server.terminate()
        log = server.communicate(timeout=10)[1]
    return log


def main():
    incimap, fixtures = sys.argv[1:3]
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("no chromium: skipped")
        return 77
    incidents = os.path.join(fixtures, "incidents.geojson")
    # A folder of .pbf, then a PMTiles archive read in byte ranges.
    sites = (("vector", r"GET /vector/\d+/\d+/\d+\.pbf 200 "), ("incidents.pmtiles", r"GET /incidents\.pmtiles 206 "))
    with tempfile.TemporaryDirectory() as tmp:
        for tiles, request in sites:
            log = check_site(incimap, incidents, tmp, tiles, filters=tiles == "vector")
            assert re.search(request, log), "no " + request + " served"
    print("maplibre page ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
