#!/usr/bin/env python3
"""Reference images of `incimap map`: a small fixed store (burkina.csv,
fourteen made-up incidents in Burkina Faso, five of them in and around
Djibo) drawn at country scale (--country BF), at region scale (--admin1
Est, with its inset) and at town scale (a frame of 40 by 25 km around
Djibo) must look like the PNGs committed beside it. Fonts and antialiasing move a few pixels from one
build to another, so the comparison is by statistics of the per-pixel
differences, not by bytes: the mean difference over all channels at most
MEAN_LIMIT (of 255), and at most CHANGED_LIMIT of the pixels differing by
more than CHANGED_BY in some channel. The references differ from each
other by far more, which shows the measure can fail.

Usage: golden_maps.py INCIMAP GOLDEN_DIR WORK [--regenerate]
  --regenerate  write the references into GOLDEN_DIR instead (after a
                deliberate change of the maps' look: scripts/golden-maps)
Exit 0: the maps match (or were written); 1: one does not.
"""
import os
import subprocess
import sys

DEBIAN_PYTHON = "/usr/bin/python3"  # where python3-gdal and python3-numpy are
try:
    import numpy
    from osgeo import gdal
except ImportError as error:
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) \
            and os.path.exists(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit(f"FAIL: numpy and GDAL's Python bindings are needed ({error})")

MEAN_LIMIT = 0.5
CHANGED_BY = 48
CHANGED_LIMIT = 0.001
MAPS = {
    "bf_country.png": ["--country", "BF"],
    "bf_est.png": ["--admin1", "Est"],
    "bf_djibo_town.png": ["--bbox", "-1.80,14.00,-1.44,14.22"],
}


def pixels(path):
    dataset = gdal.Open(path)
    if dataset is None:
        sys.exit(f"FAIL: {path} cannot be read as an image")
    return dataset.ReadAsArray().astype(numpy.int16)  # bands, rows, columns


def difference(a, b):
    """(mean difference, share of pixels changed) between two images, or
    None when their sizes differ."""
    if a.shape != b.shape:
        return None
    diff = numpy.abs(a - b)
    changed = (diff.max(axis=0) > CHANGED_BY).mean()
    return float(diff.mean()), float(changed)


def matches(stats):
    return stats is not None and stats[0] <= MEAN_LIMIT and stats[1] <= CHANGED_LIMIT


def main(incimap, golden, work, regenerate):
    os.makedirs(work, exist_ok=True)
    # A GeoPackage, or the PostGIS database of tests/pg: the same maps.
    store = os.environ.get("INCIMAP_TEST_STORE") or os.path.join(work, "golden.gpkg")
    if os.path.exists(store):
        os.remove(store)
    subprocess.run([incimap, "-q", "import", os.path.join(golden, "burkina.csv"), "--store", store],
                   check=True)
    failures = 0
    for name, framing in MAPS.items():
        out = os.path.join(golden if regenerate else work, name)
        subprocess.run([incimap, "-q", "map", "--store", store, *framing, "--size", "800x600", "--dpi", "96",
                        "--out", out], check=True)
        if regenerate:
            print(f"wrote {out}")
            continue
        stats = difference(pixels(out), pixels(os.path.join(golden, name)))
        ok = matches(stats)
        failures += 0 if ok else 1
        shown = "sizes differ" if stats is None else \
            f"mean difference {stats[0]:.2f}/255, {stats[1] * 100:.2f} % of pixels changed"
        print(f"{'ok' if ok else 'FAIL'}: {name} against its reference: {shown} ({out})")
    if not regenerate:
        names = list(MAPS)
        for first, second in zip(names, names[1:]):
            other = difference(pixels(os.path.join(golden, first)), pixels(os.path.join(golden, second)))
            ok = not matches(other)
            failures += 0 if ok else 1
            print(f"{'ok' if ok else 'FAIL'}: {first} and {second} do not pass for each other "
                  f"(mean difference {other[0]:.2f}/255, {other[1] * 100:.1f} % changed)")
    return 1 if failures else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--regenerate"]
    if len(args) != 3:
        sys.exit(__doc__)
    sys.exit(main(*args, regenerate="--regenerate" in sys.argv[1:]))
