#!/usr/bin/env bash
# `incimap ingest URL…` with one URL of the batch failing in each way (404,
# 500 for ever, an image): the other reports are still stored, the exit
# status is 1, and stderr names the URL that failed and why.
# Usage: report_url_batch.sh path/to/incimap
set -euo pipefail
bin=$1
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" url-batch

mkdir -p "$work/served"
cp "$tests/ingest/reports/gao-convoy.txt" "$tests/ingest/reports/djibo-post-a.txt" "$work/served/"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$work/served/map"
printf 'image/png' >"$work/served/map.content-type"

start_loopback_server "$work/served"
base=http://127.0.0.1:$port/

# ingest_with_failing BAD_URL WHY: two good reports around BAD_URL.
ingest_with_failing() {
  local bad=$1 why=$2 store=$work/$RANDOM.gpkg code=0
  "$bin" ingest --store "$store" "${base}gao-convoy.txt" "$bad" "${base}djibo-post-a.txt" \
    >/dev/null 2>"$work/err" || code=$?
  [ "$code" -eq 1 ] || fail "$bad: exit $code, expected 1"
  grep -qF -- "$bad" "$work/err" || fail "the failed URL $bad is not named"
  grep -qF -- "$why" "$work/err" || fail "$bad: stderr lacks '$why'"
  grep -qF "2 documents read, 0 skipped as already ingested, 1 failed; incidents: 2 added" "$work/err" \
    || fail "$bad: the other reports did not go through"
  echo "ok: $why fails alone"
}

ingest_with_failing "${base}missing.txt" "HTTP 404 Not Found"
ingest_with_failing "${base}fail=99/gao-convoy.txt" "HTTP 500 Internal Server Error"
ingest_with_failing "${base}map" "sent image/png, not a report"

# 500 is retried (ingest allows 2 retries), 404 and the image are not.
[ "$(grep -c '^/fail=99/gao-convoy.txt' "$work/requests.log")" -eq 3 ] || fail "500 was not tried 3 times"
[ "$(grep -c '^/missing.txt' "$work/requests.log")" -eq 1 ] || fail "404 was retried"
[ "$(grep -c '^/map' "$work/requests.log")" -eq 1 ] || fail "the image was fetched again"
echo "ok: only the 500 was retried"
