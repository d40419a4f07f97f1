#!/usr/bin/env python3
"""The web page as readers meet it, in headless Chromium driven over the
DevTools protocol: on a desktop (1200x800), in a 700x450 <iframe> of an
article and on a phone (400x800). The panel starts open on the desktop and
closed in the other two, and opens and closes with its buttons (and
Escape); the
filters (type, fatalities, actor, country, month) change the count, and
the markers drawn add up to it; the ACLED credit shows while ACLED rows do;
a click on a cluster zooms into its incidents, or lists them when they are
all at one place; a link with the page's #fragment restores the view and
the filters; embedded, the map lets the wheel scroll the article until it
is clicked. Fourteen incidents written below: four close together near
Ouagadougou, three at one spot at Gao, six apart, one of them from an
article (no ACLED row), and one undated article.

The page also looks as its references do (golden/page_*.png): the map at
country scale and at town scale over Ouagadougou, panel closed, compared
by statistics of the per-pixel differences as the report maps are
(golden_maps.py), with a looser bound for the browser's text.

Usage: web_page_views.py INCIMAP [--regenerate]   (exit 77: no Chromium, skipped)
  --regenerate  write the page's references instead (scripts/golden-maps)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "run"))
import run_page_in_chromium as browser_test  # noqa: E402  (DevTools, Served)
import golden_maps  # noqa: E402  (pixels, difference)
GOLDEN = os.path.join(HERE, "golden")
# name: (latitude, longitude, zoom) of the view, 1200x800, panel closed
PAGE_VIEWS = {"page_country.png": (13.4, -1.2, 6), "page_town.png": (12.37, -1.51, 10)}
PAGE_MEAN_LIMIT = 1.0       # of 255, over all channels
PAGE_CHANGED_LIMIT = 0.005  # share of pixels changed by more than golden_maps.CHANGED_BY
ACLED = "Armed Conflict Location & Event Data (ACLED)"  # the credit ACLED's terms ask for

# id, lon, lat, date, type, actor1, country, fatalities, ACLED row
INCIDENTS = [
    ("OUA1", -1.52, 12.37, "2024-01-04", "Battles", "Sahel Test Brigade", "Burkina Faso", 12, True),
    ("OUA2", -1.47, 12.40, "2024-01-19", "Battles", "Village guard", "Burkina Faso", 0, True),
    ("OUA3", -1.55, 12.33, "2024-02-07", "Violence against civilians", "Unknown gunmen", "Burkina Faso", 5, True),
    ("OUA4", -1.49, 12.35, "2024-03-15", "Explosions/Remote violence", "Unknown gunmen", "Burkina Faso", 1, True),
    ("GAO1", -0.04, 16.27, "2024-02-02", "Battles", "Sahel Test Brigade", "Mali", 3, True),
    ("GAO2", -0.04, 16.27, "2024-02-10", "Violence against civilians", "Unknown gunmen", "Mali", 0, True),
    ("GAO3", -0.04, 16.27, "2024-02-26", "Explosions/Remote violence", "Village guard", "Mali", 20, True),
    ("BKO1", -8.00, 12.64, "2024-01-11", "Battles", "Village guard", "Mali", 2, True),
    ("TBU1", -3.00, 16.77, "2024-03-03", "Explosions/Remote violence", "Sahel Test Brigade", "Mali", 7, True),
    ("MPT1", -4.20, 14.49, "2024-03-22", "Violence against civilians", "Unknown gunmen", "Mali", 15, True),
    ("NIM1", 2.11, 13.51, "2024-01-27", "Protests", "Students", "Niger", 0, True),
    ("DOR1", -0.03, 14.03, "2024-02-14", "Protests", "Traders", "Burkina Faso", 0, True),
    ("AGZ1", 7.99, 16.97, "2024-03-30", "Riots", "Traders", "Niger", 0, False),
    ("NOD1", 5.00, 14.50, None, "Riots", "Traders", "Niger", 0, False),  # undated: shown with all dates
]


def fixture(path):
    features = []
    for n, (ident, lon, lat, date, kind, actor, country, killed, acled) in enumerate(INCIDENTS):
        properties = {"event_type": kind, "actor1": actor, "country": country,
                      "fatalities": killed, "location": ident.title(), "notes": "Made up for the page's test."}
        if date:
            properties["event_date"] = date
        if acled:
            properties.update({"event_id_cnty": ident, "source": "Test Wire"})
        else:
            properties["source"] = "https://news.example.org/" + ident.lower()
        features.append({"type": "Feature", "id": n + 1, "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)


# In the page's document (DOC: 'document' or an iframe's).
def state(doc):
    return """(function (d) {
      const w = d.defaultView, b = d.body, panel = d.getElementById('panel').getBoundingClientRect();
      const counts = Array.from(d.querySelectorAll('.incident-cluster [data-count]')).map(e => +e.dataset.count);
      return { ready: b.dataset.state, errors: b.dataset.errors || null, panel: b.dataset.panel,
               panelBox: [panel.left, panel.top, panel.right, panel.bottom], width: w.innerWidth, height: w.innerHeight,
               toggleShown: d.getElementById('panel-toggle').offsetParent !== null,
               shown: +b.dataset.shown, drawn: counts.reduce((a, c) => a + c, 0) + +b.dataset.singles,
               clusters: counts, zoom: w.incimapPage.map.getZoom(), hash: w.location.hash,
               credit: d.querySelector('.leaflet-control-attribution').textContent, world: b.dataset.world };
    })(%s)""" % doc


def choose(doc, element, value):
    """Sets a filter as a reader does and says what the page shows then."""
    return """(function (d) {
      const e = d.getElementById(%s);
      e.value = %s;
      e.dispatchEvent(new Event(e.type === 'range' ? 'input' : 'change'));
      return (%s);
    })(%s)""" % (json.dumps(element), json.dumps(value), state("d"), doc)


def click_element(tools, selector, doc="document", offset=(0, 0)):
    box = tools.evaluate("(function () { const r = %s.querySelector(%s).getBoundingClientRect();"
                         " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % (doc, json.dumps(selector)))
    tools.click(box[0] + offset[0], box[1] + offset[1])


def wait_ready(tools, doc="document"):
    tools.wait_for("(function () { try { return %s.body.dataset.state === 'ready'; } catch (e) { return false; } })()"
                   % doc, "the page's incidents")
    s = tools.evaluate(state(doc))
    assert not s["errors"], "script errors: " + s["errors"]
    return s


def check_filters(tools, doc):
    """Each filter narrows the count; the drawn markers add up to it."""
    for element, value, want in [("type", "Battles", 4), ("type", "", 14), ("fatalities", "10", 3),
                                 ("fatalities", "0", 14), ("actor", "brigade", 3), ("actor", "", 14),
                                 ("country", "Niger", 3)]:
        s = tools.evaluate(choose(doc, element, value))
        assert s["shown"] == want and s["drawn"] == want, \
            "%s=%r: %d shown, %d drawn, %d expected" % (element, value, s["shown"], s["drawn"], want)
        assert str(want) + " of 14 incidents" in tools.evaluate(doc + ".getElementById('summary').textContent")
    assert ACLED in s["credit"], "ACLED rows shown without ACLED's credit: " + s["credit"]
    s = tools.evaluate(choose(doc, "type", "Riots"))
    assert s["shown"] == 2 and ACLED not in s["credit"], "credit for ACLED with no ACLED row: " + s["credit"]
    tools.evaluate(choose(doc, "type", ""))
    s = tools.evaluate(choose(doc, "country", ""))
    assert s["shown"] == 14 and ACLED in s["credit"]


def desktop(tools, url):
    tools.open_page(url, 1200, 800)
    s = wait_ready(tools)
    print("desktop:", {k: s[k] for k in ("panel", "panelBox", "zoom", "clusters", "world")})
    assert s["panel"] == "open" and not s["toggleShown"], "the panel should start open at 1200 px"
    left, top, right, bottom = s["panelBox"]
    assert (right - left) * (bottom - top) <= 0.25 * 1200 * 800, "the panel covers more than a quarter of the map"
    assert s["world"] == "drawn", "no world basemap: %s" % s["world"]
    click_element(tools, "#panel-close")
    s = tools.evaluate(state("document"))
    assert s["panel"] == "closed" and s["toggleShown"], "the panel did not close"
    click_element(tools, "#panel-toggle")
    assert tools.evaluate(state("document"))["panel"] == "open", "the panel did not open again"

    check_filters(tools, "document")
    # The month slider: February alone, then played from January on.
    s = tools.evaluate(choose("document", "month", "1"))
    assert s["shown"] == 5 and s["drawn"] == 5, "February: %d shown, %d drawn" % (s["shown"], s["drawn"])
    assert "from=2024-02-01" in s["hash"] and "to=2024-02-29" in s["hash"], s["hash"]
    click_element(tools, "#all-dates")
    click_element(tools, "#play")
    first = tools.evaluate("[document.getElementById('month-name').textContent, +document.body.dataset.shown]")
    assert first == ["2024-01", 4], "play starts with January's 4 incidents, not %r" % first
    tools.wait_for("document.getElementById('month-name').textContent === '2024-02'", "the next month", seconds=20)
    click_element(tools, "#play")  # pauses
    paused = tools.evaluate("[document.getElementById('month-name').textContent, +document.body.dataset.shown,"
                            " 'playing' in document.body.dataset]")
    assert paused in (["2024-02", 5, False], ["2024-03", 4, False]), "paused at %r" % paused
    click_element(tools, "#all-dates")

    # A cluster of incidents close together opens into them.
    s = tools.evaluate(state("document"))
    assert 4 in s["clusters"], "the four incidents near Ouagadougou are not one cluster: %r" % s["clusters"]
    before = s["zoom"]
    cluster = tools.evaluate("(function () { const e = Array.from(document.querySelectorAll('.incident-cluster'))"
                             ".find(e => e.firstChild.dataset.count === '4'); e.id = 'chosen';"
                             " return incimapPage.leaves(e.dataset.cluster); })()")
    assert sorted(cluster) == ["OUA1", "OUA2", "OUA3", "OUA4"], "the cluster holds %r" % cluster
    click_element(tools, "#chosen")
    tools.wait_for("incimapPage.map.getZoom() > %d && !incimapPage.map._animatingZoom" % before,
                   "the map to zoom into the cluster", seconds=20)
    s = tools.evaluate(state("document"))
    in_view = tools.evaluate("incimapPage.inView()")
    print("cluster clicked: zoom %d -> %d, in view %r, drawn %r" % (before, s["zoom"], in_view, s["clusters"]))
    assert set(cluster) <= set(in_view), "the cluster's incidents are not all in view"
    assert s["drawn"] == len(in_view) and 4 not in s["clusters"], "the cluster did not open"

    # Three incidents at one place: no zoom parts them, a click lists them.
    tools.evaluate("void incimapPage.map.setView([16.27, -0.04], 6, { animate: false })")
    tools.evaluate("Array.from(document.querySelectorAll('.incident-cluster'))"
                   ".find(e => e.firstChild.dataset.count === '3').id = 'gao'")
    click_element(tools, "#gao")
    items = tools.wait_for("document.querySelectorAll('.cluster-list li').length", "the list of the cluster")
    assert items == 3, "%d incidents listed at Gao" % items

    # A link restores the view and the filters.
    tools.evaluate(choose("document", "type", "Battles"))
    tools.evaluate("void incimapPage.map.setView([14.2, -1.1], 7, { animate: false })")
    link = tools.evaluate("location.href")
    print("link:", link)
    tools.open_page(link, 1200, 800)
    s = wait_ready(tools)
    center = tools.evaluate("[incimapPage.map.getCenter().lat, incimapPage.map.getCenter().lng]")
    assert s["zoom"] == 7 and abs(center[0] - 14.2) < 1e-3 and abs(center[1] + 1.1) < 1e-3, \
        "the link shows zoom %d at %r" % (s["zoom"], center)
    assert tools.evaluate("document.getElementById('type').value") == "Battles" and s["shown"] == 4, \
        "the link did not restore the filters"


def embedded(tools, base, tmp_site):
    with open(os.path.join(tmp_site, "article.html"), "w", encoding="utf-8") as f:
        f.write("<!doctype html><title>Article</title><link rel=\"icon\" href=\"data:,\"><p>An article with the map:</p>"
                "<iframe src=\"index.html\" width=\"700\" height=\"450\" style=\"border:0\"></iframe>\n")
    tools.open_page(base + "article.html", 1000, 700)
    doc = "document.querySelector('iframe').contentDocument"
    s = wait_ready(tools, doc)
    print("iframe:", {k: s[k] for k in ("panel", "width", "height", "zoom", "clusters")})
    assert (s["width"], s["height"]) == (700, 450)
    assert s["panel"] == "closed" and s["toggleShown"], "the panel should start closed in a 700x450 frame"
    assert s["drawn"] == 14, "%d of 14 incidents drawn in the frame" % s["drawn"]
    offset = tools.evaluate("(function () { const r = document.querySelector('iframe').getBoundingClientRect();"
                            " return [r.left, r.top]; })()")
    # The wheel scrolls the article until the map is clicked.
    wheel = "document.querySelector('iframe').contentWindow.incimapPage.map.scrollWheelZoom.enabled()"
    assert tools.evaluate(wheel) is False, "the embedded map catches the article's scrolling"
    tools.click(offset[0] + 100, offset[1] + 400)
    assert tools.evaluate(wheel) is True, "a click on the embedded map does not let the wheel zoom it"
    click_element(tools, "#panel-toggle", doc, offset)
    s = tools.evaluate(state(doc))
    left, top, right, bottom = s["panelBox"]
    assert s["panel"] == "open" and right <= 700 and bottom <= 450, "the panel does not fit the frame: %r" % s["panelBox"]
    check_filters(tools, doc)


def phone(tools, url):
    tools.open_page(url, 400, 800)
    s = wait_ready(tools)
    print("phone:", {k: s[k] for k in ("panel", "zoom", "clusters")})
    assert s["panel"] == "closed" and s["toggleShown"], "the panel should start closed at 400 px"
    assert s["drawn"] == 14
    click_element(tools, "#panel-toggle")
    s = tools.evaluate(state("document"))
    left, top, right, bottom = s["panelBox"]
    assert s["panel"] == "open" and left >= 0 and right <= 400, "the panel does not fit the phone: %r" % s["panelBox"]
    s = tools.evaluate(choose("document", "country", "Mali"))
    assert s["shown"] == 6 and s["drawn"] == 6, "Mali: %d shown, %d drawn" % (s["shown"], s["drawn"])
    # Escape, from within the panel, closes it too.
    tools.evaluate("document.getElementById('country').focus()")
    for kind in ("keyDown", "keyUp"):
        tools.call("Input.dispatchKeyEvent", {"type": kind, "key": "Escape", "code": "Escape",
                                              "windowsVirtualKeyCode": 27})
    assert tools.evaluate(state("document"))["panel"] == "closed", "Escape did not close the panel"


def golden_views(tools, url, work, regenerate):
    """The page at each of PAGE_VIEWS against its reference; returns the
    names that differ."""
    differing = []
    for name, (lat, lon, zoom) in PAGE_VIEWS.items():
        tools.open_page(url, 1200, 800)
        wait_ready(tools)
        click_element(tools, "#panel-close")
        tools.evaluate("void incimapPage.map.setView([%f, %f], %d, { animate: false })" % (lat, lon, zoom))
        tools.wait_for("(%s).length > 0 && !incimapPage.map._animatingZoom" % browser_test.TILE_BOXES,
                       "tiles at zoom %d" % zoom)
        tools.wait_for("Array.from(document.querySelectorAll('img.leaflet-tile'))"
                       ".every(img => img.complete)", "every tile to load")
        time.sleep(1.0)  # fades and the cluster layer settle
        shot = os.path.join(GOLDEN if regenerate else work, name)
        tools.screenshot(shot)
        if regenerate:
            print("wrote", shot)
            continue
        stats = golden_maps.difference(golden_maps.pixels(shot), golden_maps.pixels(os.path.join(GOLDEN, name)))
        ok = stats is not None and stats[0] <= PAGE_MEAN_LIMIT and stats[1] <= PAGE_CHANGED_LIMIT
        print("%s: %s against its reference: %s" % ("ok" if ok else "FAIL", name, "sizes differ" if stats is None else
              "mean difference %.2f/255, %.2f %% of pixels changed" % (stats[0], stats[1] * 100)))
        if not ok:
            differing.append(name)
    if not regenerate:
        names = list(PAGE_VIEWS)
        other = golden_maps.difference(golden_maps.pixels(os.path.join(GOLDEN, names[0])),
                                       golden_maps.pixels(os.path.join(GOLDEN, names[1])))
        assert other[0] > PAGE_MEAN_LIMIT or other[1] > PAGE_CHANGED_LIMIT, \
            "the two page references pass for each other: the measure cannot fail"
    return differing


def main():
    incimap = sys.argv[1]
    regenerate = "--regenerate" in sys.argv[2:]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium: skipped")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        incidents = os.path.join(tmp, "incidents.geojson")
        fixture(incidents)
        site = os.path.join(tmp, "site")
        subprocess.run([incimap, "tiles", "-q", "--input", incidents, "--style", "density", "--maxzoom", "6",
                        "--out", os.path.join(site, "tiles")], check=True)
        subprocess.run([incimap, "web", "-q", "--input", incidents, "--style", "density", "--out", site],
                       check=True)
        with browser_test.Served(incimap, site, browser, os.path.join(tmp, "profile")) as served:
            differing = golden_views(served.tools, served.url + "index.html", tmp, regenerate)
            assert not differing, "the page does not look as its references: " + ", ".join(differing)
            if regenerate:
                return 0
            desktop(served.tools, served.url + "index.html")
            embedded(served.tools, served.url, site)
            phone(served.tools, served.url + "index.html")
            errors = served.tools.errors()
            assert not errors, "console errors: " + " | ".join(errors)
    print("web page views ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
