#!/usr/bin/env python3
"""The outputs in QGIS, headless: incidents.geojson, incidents.gpkg,
admin1.geojson, the XYZ tile folder and incidents.mbtiles open as valid
layers with the feature counts, extents and CRS the files themselves state;
incidents.qml turns the incidents into categories by event type, and
admin1.qml the regions into graduated colours by their count; a QGIS
render of the styled incidents over the regions shows each incident in its
category's colour where it is; the MBTiles renders in the incidents' colours
inside the bounds its TileJSON states, and the XYZ tiles show the density.

Usage: qgis_check.py OUT ARTIFACTS
  OUT        a folder of incimap outputs
  ARTIFACTS  a folder for the rendered images (kept for a person to look at)
Exit 0: all checks passed; 1: a check failed (each failure is printed).
"""
import gc
import json
import math
import os
import sqlite3
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter, namedtuple
from urllib.parse import quote

DEBIAN_PYTHON = "/usr/bin/python3"  # python3-qgis installs into this one

try:
    from qgis.core import (
        QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
        QgsGraduatedSymbolRenderer,
        QgsCoordinateTransform, QgsFillSymbol, QgsMapRendererParallelJob,
        QgsMapSettings, QgsPointXY, QgsProject, QgsRasterLayer, QgsRectangle,
        QgsSingleSymbolRenderer, QgsVectorLayer, QgsWkbTypes)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QImage
except ImportError as error:
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) \
            and os.path.exists(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit(f"FAIL: QGIS cannot be imported in {sys.executable} ({error}): "
             "install Debian's python3-qgis (scripts/test installs it)")

ACLED_EVENT_TYPES = {
    "Battles", "Explosions/Remote violence", "Violence against civilians",
    "Protests", "Riots", "Strategic developments"}
BACKGROUND = (255, 255, 255)
REGION_FILL = (228, 228, 220)
MAP_WIDTH, MAP_DPI = 1200, 150
NEAR_PX = 6            # an incident's colour must show this close to its position
COLOUR_TOLERANCE = 10  # per channel, for antialiasing and rounding
WEB_MERCATOR_HALF = math.pi * 6378137


class Checks:
    """Collects failures so that one run reports all of them."""

    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        print(f"{'ok' if condition else 'FAIL'}: {message}")
        if not condition:
            self.failures.append(message)
        return condition


def read_json(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def gpkg_count(path, table):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        db.close()


QmlStyle = namedtuple("QmlStyle", "kind attribute categories")


def qml_style(path):
    """The renderer type, the attribute and {category value: (r, g, b, symbol
    opacity)} as the .qml file states them, read without QGIS."""
    renderer = ElementTree.parse(path).getroot().find("renderer-v2")
    symbols = {s.get("name"): s for s in renderer.find("symbols")}
    categories = {}
    for category in renderer.find("categories"):
        symbol = symbols[category.get("symbol")]
        colour = next(o.get("value") for o in symbol.find("layer").iter("Option")
                      if o.get("name") == "color")
        r, g, b = (int(v) for v in colour.split(",")[:3])
        categories[category.get("value")] = (r, g, b, float(symbol.get("alpha", "1")))
    return QmlStyle(renderer.get("type"), renderer.get("attr"), categories)


def event_types(incidents):
    return {f["properties"]["event_type"] for f in incidents}


def lonlat_extent(incidents):
    xs = [f["geometry"]["coordinates"][0] for f in incidents]
    ys = [f["geometry"]["coordinates"][1] for f in incidents]
    return min(xs), min(ys), max(xs), max(ys)


def corners(rectangle):
    return (rectangle.xMinimum(), rectangle.yMinimum(), rectangle.xMaximum(), rectangle.yMaximum())


class Mercator:
    """Longitude/latitude to EPSG:3857 metres."""

    def __init__(self, project):
        self.transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                                QgsCoordinateReferenceSystem("EPSG:3857"), project)

    def point(self, lon, lat):
        return self.transform.transform(QgsPointXY(lon, lat))

    def rectangle(self, west, south, east, north):
        sw, ne = self.point(west, south), self.point(east, north)
        return QgsRectangle(sw.x(), sw.y(), ne.x(), ne.y())


class Picture:
    """A rendered map: its pixels, and where map points fall on it."""

    def __init__(self, settings, image):
        self.settings = settings
        self.image = image.convertToFormat(QImage.Format_RGB32)
        self.width, self.height = self.image.width(), self.image.height()
        self.stride = self.image.bytesPerLine()
        self.data = bytes(self.image.constBits().asarray(self.image.sizeInBytes()))

    def bgr(self, x, y):
        i = y * self.stride + 4 * x
        return self.data[i:i + 3]

    def at(self, point):
        p = self.settings.mapToPixel().transform(point)
        return round(p.x()), round(p.y())

    def positions(self, colours, x0=0, y0=0, x1=None, y1=None):
        """Pixels in [x0, x1) × [y0, y1) whose colour is in colours."""
        x1 = self.width if x1 is None else min(x1, self.width)
        y1 = self.height if y1 is None else min(y1, self.height)
        return [(x, y) for y in range(max(0, y0), y1) for x in range(max(0, x0), x1)
                if self.bgr(x, y) in colours]


def render(project, layers, extent, size, dpi=96):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setTransformContext(project.transformContext())
    settings.setBackgroundColor(QColor(*BACKGROUND))
    settings.setOutputSize(size)
    settings.setOutputDpi(dpi)
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    errors = [f"{e.layerID}: {e.message}" for e in job.errors()]
    return Picture(job.mapSettings(), job.renderedImage()), errors


def near_colours(colour, alpha, backdrops=(BACKGROUND, REGION_FILL)):
    """The pixel values (as b, g, r bytes) that show colour: opaque, or drawn
    at alpha over one of the backdrops, give or take COLOUR_TOLERANCE."""
    shown = [colour] + [tuple(round(alpha * c + (1 - alpha) * k) for c, k in zip(colour, backdrop))
                        for backdrop in backdrops]
    steps = range(-COLOUR_TOLERANCE, COLOUR_TOLERANCE + 1)
    return {bytes((b + db, g + dg, r + dr)) for r, g, b in shown
            for dr in steps for dg in steps for db in steps
            if all(0 <= v <= 255 for v in (r + dr, g + dg, b + db))}


def save(checks, picture, artifacts, name):
    path = os.path.join(artifacts, name)
    checks.expect(picture.image.save(path), f"map image saved: {path}")


def open_vector(checks, source, name, want_count, want_geometry):
    layer = QgsVectorLayer(source, name, "ogr")
    if not checks.expect(layer.isValid(), f"QGIS opens {source} as a valid vector layer"):
        return None
    checks.expect(layer.featureCount() == want_count,
                  f"{name}: QGIS counts {layer.featureCount()} features, the file holds {want_count}")
    checks.expect(layer.crs().authid() == "EPSG:4326",
                  f"{name}: CRS {layer.crs().authid() or '(none)'}, expected EPSG:4326")
    geometry = QgsWkbTypes.geometryDisplayString(layer.geometryType())
    checks.expect(geometry == QgsWkbTypes.geometryDisplayString(want_geometry),
                  f"{name}: {geometry} geometries")
    return layer


def check_vectors(checks, paths, incidents, regions):
    """The three vector outputs; returns the incidents and regions layers."""
    geojson = open_vector(checks, paths["incidents.geojson"], "incidents.geojson",
                          len(incidents), QgsWkbTypes.PointGeometry)
    open_vector(checks, paths["incidents.gpkg"] + "|layername=incidents", "incidents.gpkg",
                gpkg_count(paths["incidents.gpkg"], "incidents"), QgsWkbTypes.PointGeometry)
    admin1 = open_vector(checks, paths["admin1.geojson"], "admin1.geojson",
                         len(regions), QgsWkbTypes.PolygonGeometry)
    if geojson is not None:
        want = lonlat_extent(incidents)
        got = corners(geojson.extent())
        checks.expect(all(abs(a - b) < 1e-6 for a, b in zip(got, want)),
                      f"incidents.geojson: QGIS extent {got} is the incidents' {want} (longitude first)")
    return geojson, admin1


def styled_renderer(checks, layer, qml, kind, attribute):
    """LAYER's renderer once QGIS has loaded the style QML into it, when it
    is a KIND on ATTRIBUTE; else None (and the failure said)."""
    name = os.path.basename(qml)
    message, loaded = layer.loadNamedStyle(qml)
    checks.expect(loaded, f"QGIS loads {name} into the layer {layer.name()} {message}".rstrip())
    renderer = layer.renderer()
    if checks.expect(isinstance(renderer, kind) and renderer.classAttribute() == attribute,
                     f"{name}: the layer {layer.name()} is a {kind.__name__} on {attribute} "
                     f"(renderer {renderer.type() if renderer else None})"):
        return renderer
    return None


def check_style(checks, layer, qml, style, incidents):
    """incidents.qml applied to the incidents layer: categories by event type
    in the file's colours. Returns whether the layer is now so styled."""
    kind, attribute, categories = style
    checks.expect(kind == "categorizedSymbol" and attribute == "event_type",
                  f"incidents.qml is a categorized style on event_type ({kind} on {attribute})")
    checks.expect(ACLED_EVENT_TYPES <= set(categories),
                  f"incidents.qml has a category for each ACLED event type "
                  f"(missing: {sorted(ACLED_EVENT_TYPES - set(categories)) or 'none'})")
    unstyled = sorted(event_types(incidents) - set(categories))
    checks.expect(not unstyled, f"each event type of the incidents has its category (not: {unstyled or 'none'})")
    if layer is None:
        return False
    renderer = styled_renderer(checks, layer, qml, QgsCategorizedSymbolRenderer, "event_type")
    if renderer is None:
        return False
    in_qgis = {c.value(): c.symbol().color() for c in renderer.categories()}
    checks.expect(set(in_qgis) == set(categories), f"QGIS holds the style's categories: {sorted(in_qgis)}")
    for value, (r, g, b, _) in categories.items():
        colour = in_qgis.get(value)
        checks.expect(colour is not None and colour.getRgb()[:3] == (r, g, b),
                      f"category '{value or 'other'}' is drawn in {r},{g},{b}")
    return True


def check_region_style(checks, paths, regions):
    """admin1.qml, beside admin1.geojson, colours the regions by `count`:
    QGIS loads it into a graduated renderer whose ranges cover every count
    the file holds."""
    layer = QgsVectorLayer(paths["admin1.geojson"], "admin1 styled", "ogr")
    if not layer.isValid():
        return  # open_vector said so
    renderer = styled_renderer(checks, layer, paths["admin1.qml"], QgsGraduatedSymbolRenderer, "count")
    if renderer is None:
        return
    counts = [f["properties"]["count"] for f in regions if f["geometry"] is not None]
    uncovered = [c for c in counts if renderer.rangeForValue(c) is None]
    checks.expect(counts and not uncovered,
                  f"every region's count falls in a class of admin1.qml (not: {uncovered[:5] or 'none'})")
    zero = renderer.rangeForValue(0)
    checks.expect(zero is not None and zero.upperValue() == 0,
                  "regions without incidents have a class of their own")


def check_incident_map(checks, project, layers, view, incidents, colours_of, artifacts):
    """The styled incidents over the regions: each incident in its event
    type's colour where it is."""
    size = QSize(MAP_WIDTH, round(MAP_WIDTH * view.height() / view.width()))
    picture, errors = render(project, layers, view, size, MAP_DPI)
    save(checks, picture, artifacts, "qgis_incidents.png")
    checks.expect(not errors, f"QGIS renders the incidents without errors {errors or ''}".rstrip())
    mercator = Mercator(project)
    missing = []
    for feature in incidents:
        properties = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        x, y = picture.at(mercator.point(lon, lat))
        if not picture.positions(colours_of(properties["event_type"]),
                                 x - NEAR_PX, y - NEAR_PX, x + NEAR_PX + 1, y + NEAR_PX + 1):
            missing.append(f"{properties.get('location')} ({properties['event_type']}, {lon},{lat})")
    checks.expect(not missing, "QGIS map: every incident is drawn in its event type's colour where it is"
                  + (f"; not: {', '.join(missing)}" if missing else ""))


def tile_grid_view(view, zoom, tile_size):
    """view grown to whole pixels of the tiles at zoom, and its size in
    those pixels: tiles then render one to one, without resampling."""
    res = 2 * WEB_MERCATOR_HALF / tile_size / 2 ** zoom
    x0 = -WEB_MERCATOR_HALF + math.floor((view.xMinimum() + WEB_MERCATOR_HALF) / res) * res
    x1 = -WEB_MERCATOR_HALF + math.ceil((view.xMaximum() + WEB_MERCATOR_HALF) / res) * res
    y0 = WEB_MERCATOR_HALF - math.ceil((WEB_MERCATOR_HALF - view.yMinimum()) / res) * res
    y1 = WEB_MERCATOR_HALF - math.floor((WEB_MERCATOR_HALF - view.yMaximum()) / res) * res
    return QgsRectangle(x0, y0, x1, y1), QSize(round((x1 - x0) / res), round((y1 - y0) / res))


def open_tiles(checks, paths, tilejson):
    url = "file://" + os.path.abspath(paths["tiles"]) + "/{z}/{x}/{y}.png"
    source = (f"type=xyz&url={quote(url, safe='/:')}"
              f"&zmin={tilejson.get('minzoom', 0)}&zmax={tilejson['maxzoom']}")
    xyz = QgsRasterLayer(source, "XYZ tiles", "wms")
    mbtiles = QgsRasterLayer(paths["incidents.mbtiles"], "incidents.mbtiles", "gdal")
    checks.expect(xyz.isValid(), f"QGIS opens the XYZ tiles as a valid layer ({source})")
    checks.expect(mbtiles.isValid(), f"QGIS opens {paths['incidents.mbtiles']} as a valid layer")
    for layer in (xyz, mbtiles):
        if layer.isValid():
            checks.expect(layer.crs().authid() == "EPSG:3857",
                          f"{layer.name()}: CRS {layer.crs().authid() or '(none)'}, expected EPSG:3857")
    return xyz, mbtiles


def check_tiles(checks, project, paths, incidents, colours_of, artifacts):
    """Both tile outputs in QGIS: the MBTiles' extent is its TileJSON's
    bounds; rendered at their highest zoom, the MBTiles shows the incidents'
    colours only inside those bounds, and the XYZ folder (the density beneath
    the web page) its blues."""
    tilejson = read_json(paths["tiles/tiles.json"])
    xyz, mbtiles = open_tiles(checks, paths, tilejson)
    mercator = Mercator(project)
    bounds = mercator.rectangle(*read_json(paths["incidents.mbtiles.json"])["bounds"])
    zoom, tile_size = tilejson["maxzoom"], tilejson.get("tile_size", 256)
    if mbtiles.isValid():
        slack = 2 * WEB_MERCATOR_HALF / tile_size / 2 ** zoom  # one pixel at maxzoom
        checks.expect(all(abs(a - b) <= slack for a, b in zip(corners(mbtiles.extent()), corners(bounds))),
                      f"incidents.mbtiles: extent {mbtiles.extent().toString(0)} is its TileJSON's "
                      f"bounds {bounds.toString(0)}")
    view = QgsRectangle(bounds)
    view.grow(max(view.width(), view.height()) * 0.1)
    view, size = tile_grid_view(view, zoom, tile_size)
    colours = set().union(*(colours_of(t) for t in event_types(incidents)))
    counts = Counter(f["properties"]["event_type"] for f in incidents)
    commonest = counts.most_common(1)[0][0]
    for layer, name in ((xyz, "qgis_xyz_tiles.png"), (mbtiles, "qgis_mbtiles.png")):
        if not layer.isValid():
            continue
        picture, errors = render(project, [layer], view, size)
        save(checks, picture, artifacts, name)
        checks.expect(not errors, f"QGIS renders {layer.name()} without errors {errors or ''}".rstrip())
        x0, y1 = picture.at(QgsPointXY(bounds.xMinimum(), bounds.yMinimum()))
        x1, y0 = picture.at(QgsPointXY(bounds.xMaximum(), bounds.yMaximum()))
        # One pixel of slack: symbols reach the bounds, antialiasing rounds outwards.
        x0, y0, x1, y1 = x0 - 1, y0 - 1, x1 + 1, y1 + 1
        if layer is xyz:
            # The folder is the density beneath the page: blues, no symbols.
            blue = sum(1 for y in range(max(0, y0), min(picture.height, y1 + 1))
                       for x in range(max(0, x0), min(picture.width, x1 + 1))
                       if picture.bgr(x, y)[0] >= picture.bgr(x, y)[2] + 40)
            checks.expect(blue >= 20, f"{layer.name()} in QGIS: {blue} pixels of the density's blues")
            continue
        inside = len(picture.positions(colours, x0, y0, x1 + 1, y1 + 1))
        everywhere = len(picture.positions(colours))
        checks.expect(inside >= 20, f"{layer.name()} in QGIS: {inside} pixels in the incidents' colours")
        # Clusters take one colour, so only the commonest type surely shows.
        shown = len(picture.positions(colours_of(commonest), x0, y0, x1 + 1, y1 + 1))
        checks.expect(shown >= 20, f"{layer.name()} in QGIS: {shown} pixels in the colour of {commonest}, "
                      "the commonest event type")
        checks.expect(everywhere == inside, f"{layer.name()} in QGIS: {everywhere - inside} pixels in the "
                      "incidents' colours outside the bounds of the TileJSON")



def check_outputs(checks, out, artifacts):
    project = QgsProject.instance()
    names = ("incidents.geojson", "incidents.qml", "incidents.gpkg", "admin1.geojson", "admin1.qml",
             "incidents.mbtiles", "incidents.mbtiles.json", "tiles/tiles.json")
    paths = {name: os.path.join(out, name) for name in names}
    paths["tiles"] = os.path.join(out, "tiles")
    absent = [paths[name] for name in names if not os.path.isfile(paths[name])]
    if not checks.expect(not absent, f"{out} holds the outputs (lacks: {', '.join(absent) or 'none'})"):
        return
    incidents = read_json(paths["incidents.geojson"])["features"]
    regions = read_json(paths["admin1.geojson"])["features"]
    if not checks.expect(incidents, f"incidents.geojson holds {len(incidents)} incidents"):
        return
    geojson, admin1 = check_vectors(checks, paths, incidents, regions)
    check_region_style(checks, paths, regions)
    style = qml_style(paths["incidents.qml"])
    shown = {}

    def colours_of(event_type):
        if event_type not in shown:
            r, g, b, alpha = style.categories.get(event_type, style.categories.get("", (0, 0, 0, 1)))
            shown[event_type] = near_colours((r, g, b), alpha)
        return shown[event_type]

    if check_style(checks, geojson, paths["incidents.qml"], style, incidents) and admin1 is not None:
        admin1.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
            {"color": ",".join(map(str, REGION_FILL)), "outline_color": "160,160,160",
             "outline_width": "0.2"})))
        view = Mercator(project).rectangle(*lonlat_extent(incidents))
        view.grow(max(view.width(), view.height()) * 0.1)
        check_incident_map(checks, project, [geojson, admin1], view, incidents, colours_of, artifacts)
    check_tiles(checks, project, paths, incidents, colours_of, artifacts)


def main(out, artifacts):
    started = time.monotonic()
    os.makedirs(artifacts, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QgsApplication.setPrefixPath("/usr", True)
    application = QgsApplication([], False)
    application.initQgis()
    checks = Checks()
    try:
        check_outputs(checks, out, artifacts)
    finally:
        # Layers must go before QGIS does, or Python frees them too late.
        gc.collect()
        application.exitQgis()
    elapsed = time.monotonic() - started
    if checks.failures:
        print(f"{len(checks.failures)} QGIS checks failed ({elapsed:.1f} s)")
        return 1
    print(f"QGIS reads every output ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
