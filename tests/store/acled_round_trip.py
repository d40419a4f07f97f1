#!/usr/bin/env python3
"""ACLED tables go into a store and come back out of `incimap export
--format acled` as they went in, column by column.

Usage: acled_round_trip.py INCIMAP [--show N] [--skip-absent] FILE_OR_FOLDER...

Every `acled_*.csv` of a folder is taken. Each file is imported into a
store of its own; the export is matched with the file by event_id_cnty, or
by the row's content when it has none (the last row of an id wins, as in
the store), and every column ACLED defines
(those the export writes) is compared. Values are compared as ACLED means
them: dates as days ("03 December 2020" as 2020-12-03), numbers
as numbers, associated actors as lists. Only these may differ:

- a cell the file leaves empty that the export fills: event_id_cnty
  (incimap's id of the row's content), iso and year (from the country and
  the date), timestamp (when the store changed the row), time_precision
  (1, a day), inter1, inter2 and interaction (from the actors' kinds, as
  ACLED's codebook derives them), and the position
  the gazetteer gave a row without coordinates, with its geo_precision;
- event_type and sub_event_type of a row in the pre-2020 codebook (a table
  without sub_event_type, or an event type that is not one of today's six),
  which import maps onto today's types.

A row without coordinates that the gazetteer cannot place is rejected by
the import; such rows are counted apart ("not placed"), as a matter of
geocoding rather than of columns. Prints, per file, the rows imported and
the mismatches per column (counts only, so that tables kept for scoring are
never shown row by row; --show N prints the first N mismatched values).
Exits 1 on any mismatch or other rejected row, 77 when --skip-absent is
given and no file is there.
"""
import csv
import datetime
import os
import subprocess
import sys
import tempfile

csv.field_size_limit(1 << 24)

DERIVED_WHEN_EMPTY = {"event_id_cnty", "iso", "year", "timestamp", "time_precision", "inter1", "inter2",
                      "interaction"}
PLACED_WHEN_EMPTY = {"latitude", "longitude", "geo_precision"}
ACTOR_LISTS = {"assoc_actor_1", "assoc_actor_2"}
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments"}
# The pre-2020 names of today's columns.
OLD_NAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
# A row without coordinates that the gazetteer cannot place is rejected:
# a matter of geocoding, counted apart from the columns.
UNPLACED = ("not found in the gazetteer", "no coordinates")


def day(text):
    text = text.strip()
    for form in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%y"):
        try:
            return datetime.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            pass
    return text


def same(column, a, b):
    a, b = a.strip(), b.strip()
    if column == "event_date":
        return day(a) == day(b)
    if column in ACTOR_LISTS:
        return [x.strip() for x in a.split(";") if x.strip()] == [x.strip() for x in b.split(";") if x.strip()]
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


# Rows without event_id_cnty are stored under an id of their content; they
# are matched with the export by these columns.
CONTENT = ("event_date", "location", "admin1", "admin2", "admin3", "actor1", "actor2",
           "fatalities", "source", "notes", "timestamp")


def key_of(row):
    if row.get("event_id_cnty", "").strip():
        return row["event_id_cnty"].strip()
    return tuple(day(row.get(c, "")) if c == "event_date" else row.get(c, "").strip() for c in CONTENT)


def files_of(arguments):
    for argument in arguments:
        if os.path.isdir(argument):
            for name in sorted(os.listdir(argument)):
                if name.startswith("acled_") and name.endswith(".csv"):
                    yield os.path.join(argument, name)
        elif os.path.exists(argument):
            yield argument


def round_trip(incimap, path, show, tmp):
    # A GeoPackage per table, or the one PostGIS database of tests/pg (the
    # tables' event ids differ, and only the table's own ids are compared).
    store = os.environ.get("INCIMAP_TEST_STORE") or os.path.join(tmp, os.path.basename(path) + ".gpkg")
    out = os.path.join(tmp, os.path.basename(path) + ".out.csv")
    imported = subprocess.run([incimap, "import", "--format", "acled", "--store", store,
                               "--rejects", out + ".rejects", path],
                              capture_output=True, text=True)
    if imported.returncode != 0:
        print("%s: import failed: %s" % (path, imported.stderr.strip()))
        return False
    subprocess.run([incimap, "-q", "export", "--format", "acled", "--store", store, "--out", out],
                   check=True)
    with open(path, encoding="utf-8", newline="") as f:
        given = list(csv.DictReader(f))
    with open(out, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        exported = {}
        exported_rows = 0
        for row in reader:
            exported_rows += 1
            exported[row["event_id_cnty"]] = row
            exported[key_of(dict(row, event_id_cnty=""))] = row
        acled_columns = reader.fieldnames
    rejected, unplaced = set(), set()
    if os.path.exists(out + ".rejects"):
        with open(out + ".rejects", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                placing = any(words in row.get("reason", "") for words in UNPLACED)
                (unplaced if placing else rejected).add(key_of(row))
    header = list(given[0].keys()) if given else []
    compared = [c for c in header if OLD_NAMES.get(c, c) in acled_columns]
    ignored = [c for c in header if OLD_NAMES.get(c, c) not in acled_columns]
    old_codebook = "sub_event_type" not in header
    last = {}
    for row in given:
        last[key_of(row)] = row
    mismatches = {c: 0 for c in compared}
    shown = 0
    missing = 0
    for event_id, row in last.items():
        if event_id in rejected or event_id in unplaced:
            continue
        back = exported.get(event_id)
        if back is None:
            missing += 1
            continue
        placed = not row.get("latitude", "").strip()
        for column in compared:
            a, b = row[column], back[OLD_NAMES.get(column, column)]
            if not a.strip() and (column in DERIVED_WHEN_EMPTY or (placed and column in PLACED_WHEN_EMPTY)):
                continue
            if placed and column in PLACED_WHEN_EMPTY:
                continue
            if (old_codebook or row["event_type"].strip() not in EVENT_TYPES) and \
                    column in ("event_type", "sub_event_type"):
                continue
            if not same(OLD_NAMES.get(column, column), a, b):
                mismatches[column] += 1
                if shown < show:
                    print("  %s %s: %r came back as %r" % (row.get("event_id_cnty") or "(no id)", column, a, b))
                    shown += 1
    bad = {c: n for c, n in mismatches.items() if n}
    print("%s: %d rows, %d incidents, %d rejected, %d not placed, %d exported; %d ACLED columns compared%s; "
          "not ACLED's: %s; mismatches: %s%s" % (
              os.path.basename(path), len(given), len(last), len(rejected & set(last)),
              len(unplaced & set(last)), exported_rows,
              len(compared), " (pre-2020 codebook: event types mapped)" if old_codebook else "",
              ", ".join(ignored) or "none", bad or "none",
              "; %d ids missing from the export" % missing if missing else ""))
    return not bad and not missing and not (rejected & set(last))


def main():
    arguments = sys.argv[1:]
    incimap = arguments.pop(0)
    show = 0
    skip_absent = False
    while arguments and arguments[0].startswith("--"):
        option = arguments.pop(0)
        if option == "--show":
            show = int(arguments.pop(0))
        elif option == "--skip-absent":
            skip_absent = True
    files = list(files_of(arguments))
    if not files:
        print("no ACLED tables in %s: skipped" % ", ".join(arguments))
        return 77 if skip_absent else 1
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            ok = round_trip(incimap, path, show, tmp) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
