#!/usr/bin/env bash
# `incimap ingest --timeout 3` with a URL whose server trickles the body in
# (2 bytes every half second) and one whose server never answers, between
# two good reports: each slow URL is given up after 3 s, named with the
# limit, not retried past it; the good reports are stored; the exit status
# is 1; and the whole run takes seconds, not the minutes retries would.
# Usage: url_time_limit.sh path/to/incimap
set -euo pipefail
bin=$1
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" url-time-limit

mkdir -p "$work/served"
cp "$tests/ingest/reports/gao-convoy.txt" "$tests/ingest/reports/djibo-post-a.txt" "$work/served/"
start_loopback_server "$work/served"
base=http://127.0.0.1:$port/
trickling=${base}trickle=9/djibo-post-a.txt
silent=${base}mute=9/djibo-post-a.txt

code=0
SECONDS=0
"$bin" ingest --timeout 3 --store "$work/store.gpkg" "${base}gao-convoy.txt" "$trickling" \
  "$silent" "${base}djibo-post-a.txt" >/dev/null 2>"$work/err" || code=$?
taken=$SECONDS
[ "$code" -eq 1 ] || fail "exit $code, expected 1"
for url in "$trickling" "$silent"; do
  grep -qF -- "timed out: $url took longer than the 3 s allowed for one URL" "$work/err" \
    || fail "$url is not named with the limit"
done
grep -q "gave up after" "$work/err" && fail "a URL was tried again after its time ran out"
grep -qF "2 documents read, 0 skipped as already ingested, 2 failed" "$work/err" \
  || fail "the good reports did not go through"
[ "$taken" -le 10 ] || fail "took ${taken} s for two URLs of 3 s each"
echo "ok: both slow URLs given up after 3 s each, named with the limit (${taken} s in all)"
