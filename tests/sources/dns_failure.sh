#!/usr/bin/env bash
# A host name that does not resolve, between two reports on disk: the URL is
# named with the reason, it is not retried (a name that does not resolve now
# will not a second later), the two reports are stored, the exit status is 1,
# and it all takes well under the connect timeout.
# The command runs in a network namespace of its own with no interface up
# (unshare --net), so the resolver fails locally and no query leaves the
# machine. Where namespaces are not allowed the test is skipped (exit 77).
# Usage: dns_failure.sh path/to/incimap
set -euo pipefail
bin=$1
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-dns-XXXXXX")
trap 'rm -rf "$work"' EXIT
export INCIMAP_CACHE_DIR=$work/cache
unset XDG_CACHE_HOME

if ! unshare --net true 2>/dev/null; then
  echo "SKIP: network namespaces are not available here (unshare --net)"
  exit 77
fi
fail() { echo "FAIL: $*"; [ -s "$work/err" ] && { echo "--- stderr"; cat "$work/err"; }; exit 1; }

cp "$tests/ingest/reports/gao-convoy.txt" "$tests/ingest/reports/djibo-post-a.txt" "$work/"
url=http://reports.example.invalid/kidal.html
code=0
start=$(date +%s)
unshare --net -- "$bin" ingest --store "$work/store.gpkg" "$work/gao-convoy.txt" "$url" \
  "$work/djibo-post-a.txt" >/dev/null 2>"$work/err" || code=$?
seconds=$(( $(date +%s) - start ))
[ "$code" -eq 1 ] || fail "exit $code, expected 1"
grep -qF "$url: cannot resolve the host of $url" "$work/err" || fail "the URL and the reason are not named"
grep -q "gave up after" "$work/err" && fail "the lookup was retried"
grep -qF "2 documents read, 0 skipped as already ingested, 1 failed; incidents: 2 added" "$work/err" \
  || fail "the reports on disk did not go through"
[ "$seconds" -lt 30 ] || fail "took ${seconds} s: the lookup was waited for or retried"
echo "ok: $url fails alone, named, not retried"
