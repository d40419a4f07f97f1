#!/usr/bin/env python3
"""Vector tiles of `incimap tiles --vector` in QGIS (3.22, headless, Debian's
python3-qgis): the MBTiles file and the folder of .pbf open as vector tile
layers, and a render of their layer `incidents` with a red marker shows red
at each fixture incident's pixel and almost nowhere else. (QGIS 3.22 has no
PMTiles reader; QGIS 3.30 and later open the archive as well.)

Usage: vector_tiles_qgis.py INCIMAP FIXTURES   (exit 77: no QGIS, skipped)
"""
import json
import math
import os
import subprocess
import sys
import tempfile

DEBIAN_PYTHON = "/usr/bin/python3"  # python3-qgis installs into this one
try:
    from qgis.core import (
        QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings,
        QgsMarkerSymbol, QgsRectangle, QgsVectorTileBasicRenderer, QgsVectorTileBasicRendererStyle,
        QgsVectorTileLayer, QgsWkbTypes)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
except ImportError:
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.path.exists(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    print("no QGIS: skipped")
    sys.exit(77)

WIDTH, HEIGHT = 600, 400
RADIUS = 6378137


def mercator(lon, lat):
    return math.radians(lon) * RADIUS, math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * RADIUS


def red(image, x, y):
    c = QColor(image.pixel(x, y))
    return c.red() > 200 and c.green() < 80 and c.blue() < 80


def check(uri, incidents):
    layer = QgsVectorTileLayer(uri, "incidents")
    assert layer.isValid(), "QGIS cannot open " + uri
    style = QgsVectorTileBasicRendererStyle("points", "incidents", QgsWkbTypes.PointGeometry)
    style.setSymbol(QgsMarkerSymbol.createSimple({"color": "255,0,0", "size": "3", "outline_style": "no"}))
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles([style])
    layer.setRenderer(renderer)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    (x0, y0), (x1, y1) = mercator(-9, 11), mercator(3, 19)
    settings.setExtent(QgsRectangle(x0, y0, x1, y1))
    settings.setOutputSize(QSize(WIDTH, HEIGHT))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image, extent = job.renderedImage(), settings.visibleExtent()
    for f in incidents:
        x, y = mercator(*f["geometry"]["coordinates"])
        px = int((x - extent.xMinimum()) / extent.width() * WIDTH)
        py = int((extent.yMaximum() - y) / extent.height() * HEIGHT)
        assert red(image, px, py), "%s: incident %s not drawn at %d,%d" % (uri, f["id"], px, py)
    reds = sum(red(image, x, y) for x in range(WIDTH) for y in range(HEIGHT))
    assert reds < len(incidents) * 200, "%s: %d red pixels for %d markers" % (uri, reds, len(incidents))
    print("%s: %d incidents drawn where they are (%d red pixels)" % (uri, len(incidents), reds))


def main():
    incimap, fixtures = sys.argv[1:3]
    geojson = os.path.join(fixtures, "incidents.geojson")
    incidents = json.load(open(geojson))["features"]
    app = QgsApplication([], False)
    app.initQgis()
    with tempfile.TemporaryDirectory() as tmp:
        for out in ("incidents.mbtiles", "xyz"):
            subprocess.run([incimap, "tiles", "-q", "--vector", "--input", geojson, "--maxzoom", "8",
                            "--out", os.path.join(tmp, out)], check=True)
        check("type=mbtiles&url=" + os.path.join(tmp, "incidents.mbtiles"), incidents)
        check("type=xyz&url=file://" + tmp + "/xyz/%7Bz%7D/%7Bx%7D/%7By%7D.pbf&zmax=8", incidents)
    app.exitQgis()
    print("vector tiles in QGIS ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
