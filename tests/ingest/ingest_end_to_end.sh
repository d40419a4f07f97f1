#!/usr/bin/env bash
# ingest two reports of one attack → one incident; again → nothing; another
# report beside a missing file → stored, exit 1; list shows them.
# The store is a GeoPackage in a temporary folder, or the PostGIS database
# INCIMAP_TEST_STORE names (tests/pg).
# Usage: ingest_end_to_end.sh INCIMAP tests/ingest
set -euo pipefail
bin=$1
here=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-ingest-XXXXXX")
trap 'rm -rf "$work"' EXIT
store=${INCIMAP_TEST_STORE:-$work/s.gpkg}
reports=$here/reports
fail() { echo "FAIL: $*" >&2; exit 1; }

err=$("$bin" ingest --store "$store" "$reports/djibo-post-a.txt" "$reports/djibo-post-b.txt" 2>&1 >/dev/null) \
    || fail "first ingest failed: $err"
[[ $err == *"2 documents read, 0 skipped as already ingested, 0 failed; incidents: 1 added, 1 merged, 0 below confidence (store $store)"* ]] \
    || fail "first ingest said: $err"
echo "ok: two reports of one attack, one incident"

err=$("$bin" ingest --store "$store" "$reports/djibo-post-b.txt" "$reports/djibo-post-a.txt" 2>&1 >/dev/null) \
    || fail "second ingest failed: $err"
[[ $err == *"2 documents read, 2 skipped as already ingested, 0 failed; incidents: 0 added, 0 merged"* ]] \
    || fail "second ingest said: $err"
echo "ok: ingesting again adds nothing"

set +e
err=$("$bin" ingest --store "$store" "$reports/no-such-report.txt" "$reports/gao-convoy.txt" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 1 ] || fail "a missing input gave exit $code: $err"
[[ $err == *"no-such-report.txt"* ]] || fail "the missing input is not named: $err"
[[ $err == *"1 document read, 0 skipped as already ingested, 1 failed; incidents: 1 added"* ]] \
    || fail "third ingest said: $err"
echo "ok: a missing input fails alone"

"$bin" list -q --store "$store" > "$work/list.txt"
diff -u "$here/expected/list.txt" "$work/list.txt" || fail "list differs"
"$bin" list -q --store "$store" --format geojson > "$work/list.geojson"
python3 - "$work/list.geojson" <<'PY'
import json, sys
features = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
by_place = {f["properties"]["location"]: f["properties"] for f in features}
assert sorted(by_place) == ["Djibo", "Gao"], by_place.keys()
djibo = by_place["Djibo"]
assert djibo["sources"] == 2, djibo
assert djibo["fatalities"] == 12, djibo
assert (djibo["fatalities_low"], djibo["fatalities_high"]) == (12, 20), djibo
assert by_place["Gao"]["sources"] == 1
PY
echo "ok: list shows the merged incident and the new one"

out=$("$bin" ingest -q --store "$store" --batch /dev/null 2>&1) || fail "an empty batch failed: $out"
[ -z "$out" ] || fail "-q still printed: $out"
echo "ok: -q prints nothing"
