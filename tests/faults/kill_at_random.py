#!/usr/bin/python3
"""Kills incimap at random points of ingest, import and tiles --update, many
times over, and checks after every kill that

  - the store opens (with GDAL's own OGR, and with `incimap list`),
  - it holds exactly the incidents of the commands that completed: the count
    before the killed command, or the count after it when the kill came after
    its commit,
  - the same command run again finishes the work: the store then matches a
    reference store built by the same commands without kills, and the tile
    folder matches a reference rendering tile for tile,
  - no tile file is left half-written (every PNG ends with its IEND chunk).

With INCIMAP_TEST_STORE set (tests/pg), the killed commands write that
PostGIS store instead of a GeoPackage; the reference stays a GeoPackage.

Usage: kill_at_random.py INCIMAP WORKDIR [--kills N] [--seed S]
Prints one line per kill and a summary; exits 1 on the first broken promise.
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time

from osgeo import ogr

ogr.UseExceptions()

# Real places of the central Sahel (names as GeoNames spells them) for the
# generated reports and rows.
PLACES = [
    ("Mopti", "Mopti", 14.4843, -4.1828), ("Ségou", "Ségou", 13.4317, -6.2157),
    ("Gao", "Gao", 16.2717, -0.0447), ("Douentza", "Mopti", 15.0019, -2.9498),
    ("Djibo", "Sahel", 14.1022, -1.6306), ("Dori", "Sahel", 14.0354, -0.0345),
    ("Kaya", "Centre-Nord", 13.0917, -1.0844), ("Ouallam", "Tillabéri", 14.3188, 2.0866),
    ("Tillabéri", "Tillabéri", 14.2117, 1.4531), ("Ménaka", "Ménaka", 15.9182, 2.4022),
    ("Bandiagara", "Mopti", 14.3501, -3.6104), ("Niono", "Ségou", 14.2526, -5.9930),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def write_reports(folder, first, count):
    """COUNT short reports, each of a distinct attack (a place and a day)."""
    os.makedirs(folder, exist_ok=True)
    for n in range(first, first + count):
        place, region, _, _ = PLACES[n % len(PLACES)]
        month = 1 + (n // len(PLACES)) % 12
        day = 1 + (n // (len(PLACES) * 12)) % 28
        dead = 2 + n % 9
        with open(os.path.join(folder, f"report-{n:05}.txt"), "w", encoding="utf-8") as f:
            f.write(f"Title: Attack near {place}\nPublished: 2023-{month:02}-{day + 1:02}\n\n"
                    f"Gunmen on motorbikes attacked a market in {place}, {region} region, on "
                    f"{day} {MONTHS[month - 1]} 2023, killing {dead} civilians, local "
                    f"officials said. Report number {n}.\n")


def write_rows(path, first, count):
    """An ACLED-style table of COUNT rows with event ids of their own."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("event_id_cnty,event_date,event_type,sub_event_type,actor1,location,"
                "latitude,longitude,fatalities,notes\n")
        for n in range(first, first + count):
            place, _, lat, lon = PLACES[n % len(PLACES)]
            f.write(f"KILL{n},2023-{1 + n % 12:02}-{1 + n % 28:02},Battles,Armed clash,"
                    f"Unidentified Armed Group,{place},{lat + (n % 97) / 1000:.4f},"
                    f"{lon + (n % 89) / 1000:.4f},{n % 7},Generated row {n}.\n")


def count(store):
    if not store.startswith("PG:") and not os.path.exists(store):
        return 0
    # For update, as QGIS opens a GeoPackage: a writer killed mid-transaction
    # leaves a hot journal only a writable connection may roll back.
    ds = ogr.Open(store, 1)
    layer = ds.GetLayerByName("incidents")
    if layer is None:
        return 0
    listed = layer.GetFeatureCount()  # GeoPackage metadata, what QGIS shows
    result = ds.ExecuteSQL("SELECT COUNT(*) FROM incidents")
    rows = result.GetNextFeature().GetField(0)
    ds.ReleaseResultSet(result)
    ds = None  # closes the file
    if listed != rows:
        fail(f"{store}: the layer says it holds {listed} incidents, its table has {rows}")
    return rows


def run(cmd, timeout=600):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if p.returncode != 0:
        fail(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode(errors='replace')[-800:]}")
    return p.stderr.decode(errors="replace")


def timed(cmd):
    start = time.monotonic()
    run(cmd)
    return time.monotonic() - start


def killed(cmd, delay):
    """Runs CMD and kills it after DELAY seconds; True when the kill landed."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        p.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return True


def tile_digest(folder):
    """{relative path: sha1} of every PNG; checks each is complete."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            if not name.endswith(".png"):
                continue
            data = open(path, "rb").read()
            if not data.startswith(b"\x89PNG\r\n\x1a\n") or not data.endswith(b"IEND\xaeB`\x82"):
                fail(f"tile {rel} is incomplete ({len(data)} bytes)")
            out[rel] = hashlib.sha1(data).hexdigest()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("incimap")
    ap.add_argument("work")
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20241117)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    bin_ = os.path.abspath(args.incimap)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # The steps: batches of reports to ingest and tables to import, in turns.
    # Each batch is new work; a step is killed once, then run to the end.
    steps = []
    for i in range(args.kills):
        kind = ("ingest", "import", "tiles")[i % 3]
        if kind == "ingest":
            folder = os.path.join(work, f"reports-{i:03}")
            write_reports(folder, i * 12, 12)
            steps.append((kind, folder))
        elif kind == "import":
            path = os.path.join(work, f"rows-{i:03}.csv")
            write_rows(path, i * 400, 400)
            steps.append((kind, path))
        else:
            steps.append((kind, None))

    def command(kind, what, store, tiles):
        if kind == "ingest":
            return [bin_, "ingest", "-q", "--store", store, what]
        if kind == "import":
            return [bin_, "import", "--store", store, "--rejects",
                    os.path.join(work, "rejects.csv"), what]
        return [bin_, "tiles", "-q", "--update", "--store", store, "--maxzoom", "7",
                "--threads", "2", "--out", tiles]

    # The reference: every step run to its end, no kills; its time per step
    # bounds the random kill delays.
    ref_store, ref_tiles = os.path.join(work, "ref.gpkg"), os.path.join(work, "ref-tiles")
    expected, durations = [], []
    for kind, what in steps:
        durations.append(timed(command(kind, what, ref_store, ref_tiles)))
        expected.append(count(ref_store))

    store = os.environ.get("INCIMAP_TEST_STORE") or os.path.join(work, "s.gpkg")
    tiles = os.path.join(work, "tiles")
    landed = after_commit = 0
    for i, (kind, what) in enumerate(steps):
        before = count(store)
        delay = rng.uniform(0.0, durations[i] * 1.1)
        hit = killed(command(kind, what, store, tiles), delay)
        landed += hit
        now = count(store)  # also proves the store opens
        if now not in (before, expected[i]):
            fail(f"kill {i + 1} ({kind} after {delay * 1000:.0f} ms): the store holds {now} "
                 f"incidents, expected {before} (before) or {expected[i]} (after)")
        after_commit += hit and now == expected[i] and before != now
        if kind == "tiles":
            tile_digest(tiles)  # nothing half-written, even right after the kill
        said = run(command(kind, what, store, tiles))
        left = [n for n in os.listdir(work) if n.startswith(".s.gpkg.new-") or ".tmp" in n
                or ".old" in n]
        left += [os.path.join(r, n) for r, _, files in os.walk(tiles) for n in files
                 if ".tmp" in n]
        if left:
            fail(f"temporary files of a killed process are left behind: {left[:5]}")
        if count(store) != expected[i]:
            fail(f"step {i + 1} ({kind}) run again: {count(store)} incidents, expected {expected[i]}; "
                 f"it said: {said[-600:]}")
        run([bin_, "list", "-q", "--store", store, "--format", "csv"])
        print(f"kill {i + 1:3}: {kind:6} after {delay * 1000:6.0f} ms "
              f"({'killed' if hit else 'finished first'}), store {before} → {now} → {expected[i]}")

    mine, ref = tile_digest(tiles), tile_digest(ref_tiles)
    if mine != ref:
        differ = sorted(k for k in set(mine) | set(ref) if mine.get(k) != ref.get(k))
        fail(f"{len(differ)} tiles differ from a rendering without kills, e.g. {differ[:5]}")
    print(f"ok: {args.kills} runs, {landed} killed mid-way ({after_commit} after their commit); "
          f"the store always opened with the incidents of the completed commands, the next run "
          f"finished the work, and {len(mine)} tiles match a rendering without kills")


if __name__ == "__main__":
    main()
