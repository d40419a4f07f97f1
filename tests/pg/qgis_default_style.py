#!/usr/bin/env python3
"""QGIS opens the incidents of a PostGIS store with the incident style as
the layer's default: `incimap store init` records styles/incidents.qml in
the database's layer_styles table, where QGIS looks for it, and QGIS, not
incimap, reads it back and applies it (categories by event type).

Runs under with_database.sh (INCIMAP_TEST_STORE, INCIMAP_TEST_PG_HOST).
Usage: qgis_default_style.py INCIMAP TESTS_DIR"""
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsCategorizedSymbolRenderer, QgsVectorLayer  # noqa: E402

incimap, tests = sys.argv[1], sys.argv[2]
store = os.environ["INCIMAP_TEST_STORE"]
subprocess.run([incimap, "store", "init", "-q", store], check=True)
subprocess.run([incimap, "import", "-q", "--store", store,
                os.path.join(tests, "store", "fixtures", "acled_current.csv")],
               check=True, stdout=subprocess.DEVNULL)

settings = dict(part.split("=", 1) for part in store[len("PG:"):].split())
uri = (f"dbname='{settings['dbname']}' host='{settings['host']}' user='{settings['user']}' "
       "table=\"public\".\"incidents\" (geom) key='id'")
QgsApplication.setPrefixPath("/usr", True)
application = QgsApplication([], False)
application.initQgis()
failures = []
layer = QgsVectorLayer(uri, "incidents", "postgres")
if not layer.isValid():
    failures.append(f"QGIS cannot open the layer: {layer.error().summary()}")
else:
    if layer.featureCount() != 8:
        failures.append(f"QGIS sees {layer.featureCount()} incidents, not 8")
    message, loaded = layer.loadDefaultStyle()
    if not loaded:
        failures.append(f"QGIS found no default style: {message}")
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        failures.append(f"the default style is not by category: {type(renderer).__name__}")
    else:
        values = {category.value() for category in renderer.categories()}
        wanted = {"Battles", "Explosions/Remote violence", "Violence against civilians",
                  "Protests", "Riots", "Strategic developments"}
        if renderer.classAttribute() != "event_type" or not wanted <= values:
            failures.append(f"categories by {renderer.classAttribute()}: {sorted(values)}")
del layer
application.exitQgis()
for failure in failures:
    print("FAIL:", failure, file=sys.stderr)
if failures:
    sys.exit(1)
print("ok: QGIS opens the PostGIS layer with the incident style as its default")
