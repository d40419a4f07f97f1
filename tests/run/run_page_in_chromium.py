#!/usr/bin/env python3
"""The web page of `incimap run` in a real browser. `incimap run` writes the
package of the example reports plus one report whose title, URL and text
carry markup; `incimap serve` serves it on 127.0.0.1; headless Chromium,
driven over the DevTools protocol on a pipe, loads index.html. The tiles
must load, a click on the marked-up incident must open its popup with the
markup shown as text (nothing in it runs), there must be no console error
(no script error, no failed request but the 404 of a tile left out because
it is empty), and the screenshot is kept as SHOT.

Usage: run_page_in_chromium.py INCIMAP SOURCE_DIR TEST_DIR SHOT
(exit 77: no Chromium, skipped)
"""
import base64
import json
import math
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time


EMPTY_TILE = re.compile(r"/tiles/\d+/\d+/\d+(@2x)?\.png$")


class DevTools:
    """Chrome DevTools protocol over --remote-debugging-pipe (fd 3 in,
    fd 4 out, messages ended by NUL)."""

    def __init__(self, browser, profile):
        self.to_browser_r, self.to_browser_w = os.pipe()
        self.from_browser_r, self.from_browser_w = os.pipe()
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "about:blank"]
        self.proc = subprocess.Popen(
            ["bash", "-c", 'exec "$@" 3<&%d 4>&%d' % (self.to_browser_r, self.from_browser_w), "chromium"]
            + args, pass_fds=(self.to_browser_r, self.from_browser_w),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self.to_browser_r)
        os.close(self.from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.from_browser_r], [], [], left)
            if ready:
                chunk = os.read(self.from_browser_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, browser_level=False, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session and not browser_level:
            message["sessionId"] = self.session
        os.write(self.to_browser_w, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("%s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def wait_for(self, expression, what, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError("timed out waiting for " + what)

    def open_page(self, url, width, height, domains=("Runtime", "Log", "Page")):
        """Opens URL in a new tab of WIDTH x HEIGHT CSS pixels, which later
        calls talk to; DOMAINS report their events (errors() reads them)."""
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser_level=True)
        self.session = self.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
                                 browser_level=True)["sessionId"]
        for domain in domains:
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.navigate", {"url": url})

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path):
        """The tab as it is now, as a PNG file at PATH."""
        image = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(image))

    def errors(self):
        """Script errors and failed requests, but for missing tiles: empty
        tiles are not written, and the page draws a 404 tile as empty."""
        found = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                found.append(p["exceptionDetails"].get("text", "exception"))
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") == "error":
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p["entry"].get("level") == "error":
                if EMPTY_TILE.search(p["entry"].get("url", "")) and "404" in p["entry"].get("text", ""):
                    continue
                found.append(p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
        return found

    def close(self):
        try:
            self.call("Browser.close", browser_level=True, timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_browser_w)
        os.close(self.from_browser_r)


class Served:
    """`incimap serve FOLDER` on 127.0.0.1 and a headless Chromium to look at
    it, for a `with` block: `url` is the folder's address, `tools` the
    DevTools; both stop at the end of the block, and `log` then holds what
    the server wrote."""

    def __init__(self, incimap, folder, browser, profile):
        self.command = [incimap, "serve", folder, "--port", "0"]
        self.browser, self.profile = browser, profile
        self.server = self.tools = None
        self.log = ""

    def __enter__(self):
        self.server = subprocess.Popen(self.command, stderr=subprocess.PIPE, text=True)
        try:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", self.server.stderr.readline())
            assert match, "serve did not say where it listens"
            self.url = "http://127.0.0.1:%s/" % match.group(1)
            self.tools = DevTools(self.browser, self.profile)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exception):
        if self.tools:
            self.tools.close()
        self.server.terminate()
        self.log = self.server.communicate(timeout=10)[1]


def screen_point(tile, lon, lat):
    """Where LON, LAT is on the screen, from a loaded tile's z/x/y and box."""
    z, x, y = tile["z"], tile["x"], tile["y"]
    size = tile["width"]
    world = size * 2 ** z
    px = (lon + 180) / 360 * world
    s = math.sin(math.radians(lat))
    py = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * world
    return tile["left"] + px - x * size, tile["top"] + py - y * size


TILE_BOXES = r"""Array.from(document.querySelectorAll('img.leaflet-tile-loaded'))
  .map(function (img) {
    const m = /\/(\d+)\/(\d+)\/(\d+)(@2x)?\.png$/.exec(img.src);
    const r = img.getBoundingClientRect();
    return m && { z: +m[1], x: +m[2], y: +m[3], left: r.left, top: r.top, width: r.width };
  }).filter(Boolean)"""


def main():
    incimap, source_dir, test_dir, shot = sys.argv[1:5]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium: skipped")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([incimap, "run", "-q", "--out", out, os.path.join(source_dir, "examples", "articles"),
                        os.path.join(test_dir, "reports", "douentza-markup.txt")], check=True)
        features = json.load(open(os.path.join(out, "assets", "incidents.geojson"), encoding="utf-8"))["features"]
        marked = [f for f in features if "<script>" in (f["properties"].get("notes") or "")]
        assert len(marked) == 1, "expected one incident with markup in its notes, got %d" % len(marked)
        lon, lat = marked[0]["geometry"]["coordinates"]

        with Served(incimap, out, browser, os.path.join(tmp, "profile")) as served:
            tools = served.tools
            tools.open_page(served.url + "index.html", 1000, 700)
            tools.wait_for("document.body && /^(ready|no-incidents)$/.test(document.body.dataset.state || '')",
                           "the page's incidents")
            state = tools.evaluate("document.body.dataset.state")
            assert state == "ready", "the page says " + state
            shown = tools.evaluate("document.body.dataset.incidents")
            assert shown == str(len(features)), "the page shows %s of %d incidents" % (shown, len(features))
            tiles = tools.wait_for("(%s).length > 0 && (%s)" % (TILE_BOXES, TILE_BOXES), "tiles to load")
            print(len(tiles), "tiles loaded, zoom", tiles[0]["z"])

            x, y = screen_point(tiles[0], lon, lat)
            print("clicking the marked-up incident at %.0f,%.0f" % (x, y))
            under = tools.evaluate("(function () { const e = document.elementFromPoint(%f, %f);"
                                   " return e && e.tagName; })()" % (x, y))
            assert under == "CANVAS", "the incident is not on the map's canvas but under " + str(under)
            tools.click(x, y)
            popup = tools.wait_for("(function () { const p = document.querySelector('.leaflet-popup-content');"
                                   " return p && p.innerHTML; })()", "the popup to open", seconds=20)
            assert "&lt;script&gt;" in popup, "the report's text is not shown as text: " + popup
            assert "<b>" not in popup and "<script" not in popup, "markup from the data became HTML: " + popup
            assert not tools.evaluate("document.querySelector('.leaflet-popup-content img, "
                                      ".leaflet-popup-content script, a[href^=\"javascript:\"]') !== null")
            assert tools.evaluate("document.body.dataset.pwned") is None, "markup from the data ran"
            time.sleep(0.5)
            tools.screenshot(shot)
            print("screenshot:", shot)
            page_errors = tools.evaluate("document.body.dataset.errors")
            assert page_errors is None, "script errors on the page: " + page_errors
            errors = tools.errors()
            assert not errors, "console errors: " + " | ".join(errors)
        served = [l for l in served.log.splitlines() if re.match(r"GET /tiles/\d+/\d+/\d+\.png 200 ", l)]
        print(len(served), "tiles served")
        assert served, "the browser fetched no tile from the server"
    print("run's web page ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
