#!/usr/bin/env bash
# `incimap gazetteer fetch` end to end, against the loopback test server
# serving a small zipped dump of an imaginary country XX: download, install,
# geocode from it, the cache, --force, failures of some names, removal.
# Usage: gazetteer_fetch.sh path/to/incimap
set -euo pipefail
bin=$1
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" fetch

# Nothing of the user's own folders is read or written.
export INCIMAP_DATA_DIR=$work/data INCIMAP_CACHE_DIR=$work/cache HOME=$work/home
unset XDG_DATA_HOME XDG_CACHE_HOME

fail() { echo "FAIL: $*"; for f in out err; do [ -s "$work/$f" ] && { echo "--- $f"; cat "$work/$f"; }; done; exit 1; }

# run EXPECTED_EXIT incimap-arguments…: output goes to $work/out and $work/err
run() {
  local expected=$1; shift
  local code=0
  "$bin" "$@" >"$work/out" 2>"$work/err" || code=$?
  [ "$code" -eq "$expected" ] || fail "incimap $*: exit $code, expected $expected"
}
stderr_has() { grep -qF -- "$1" "$work/err" || fail "stderr lacks: $1"; }
stdout_has() { grep -qF -- "$1" "$work/out" || fail "stdout lacks: $1"; }
requests() { grep -c "$1" "$work/requests.log" || true; }

# The dump: three places of XX in the 19 GeoNames columns, zipped with a
# readme beside it as on download.geonames.org.
mkdir -p "$work/served"
python3 - "$work/served/XX.zip" <<'PY'
import sys, zipfile
rows = [
    [990001, "Quorvalla", "Quorvalla", "Korvala,Qorvalla", 14.5125, -3.2504, "P", "PPLA", "XX", "", "01", "", "", "", 12400, "", 286, "Africa/Bamako", "2024-03-02"],
    [990002, "Belindoum", "Belindoum", "", 15.0310, -2.8791, "P", "PPL", "XX", "", "01", "", "", "", 830, "", 270, "Africa/Bamako", "2024-03-02"],
    [990003, "Oued Tassarine", "Oued Tassarine", "", 15.2201, -2.6012, "H", "WAD", "XX", "", "02", "", "", "", 0, "", 301, "Africa/Bamako", "2024-03-02"],
]
text = "".join("\t".join(str(v) for v in row) + "\n" for row in rows)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("readme.txt", "Imaginary country XX for incimap's tests.\n")
    z.writestr("XX.txt", text)
PY

start_loopback_server "$work/served"
base=http://127.0.0.1:$port/

# Download and install.
run 0 gazetteer fetch XX --base-url "$base"
stderr_has "XX.zip: downloaded"
stderr_has "XX.zip: installed 3 rows"
cmp -s "$work/served/XX.zip" "$work/cache/geonames/XX.zip" || fail "cached XX.zip differs from the served one"
[ ! -e "$work/cache/geonames/XX.zip.part" ] || fail "XX.zip.part left behind"
run 0 gazetteer list
stdout_has "XX.zip"
echo "ok: fetch, install, list"

# The installed dump answers geocoding.
if "$bin" --help | grep -q '^  geocode'; then
  run 0 geocode Quorvalla
  stdout_has "14.51"
  stdout_has "-3.25"
  echo "ok: geocode from the fetched dump"
fi

# A second fetch uses the cache; --force downloads again.
run 0 gazetteer fetch XX --base-url "$base"
stderr_has "not downloaded again"
[ "$(requests /XX.zip)" -eq 1 ] || fail "the cached dump was downloaded again"
run 0 gazetteer fetch xx --force --base-url "$base"
[ "$(requests /XX.zip)" -eq 2 ] || fail "--force did not download again"
echo "ok: cache and --force"

# Quiet means nothing on stderr.
run 0 -q gazetteer fetch XX --force --base-url "$base"
[ ! -s "$work/err" ] || fail "-q still wrote to stderr"
echo "ok: -q"

# One missing name fails, the others still go through, a summary says which.
run 1 gazetteer fetch YY XX --force --base-url "$base"
stderr_has "HTTP 404 Not Found for ${base}YY.zip"
stderr_has "XX.zip: installed"
stderr_has "1 of 2 dumps failed: YY"
[ ! -e "$work/cache/geonames/YY.zip" ] && [ ! -e "$work/cache/geonames/YY.zip.part" ] \
  || fail "a file was left for the missing dump"
echo "ok: a missing dump"

# Server errors are retried; a server that is down fails clearly.
run 0 gazetteer fetch XX --force --retries 2 --base-url "${base}fail=1/"
stderr_has "XX.zip: downloaded"
run 1 gazetteer fetch XX --force --retries 0 --base-url "${base}status=503/"
stderr_has "HTTP 503 Service Unavailable for ${base}status=503/XX.zip"
refused=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run 1 gazetteer fetch XX --force --retries 0 --base-url "http://127.0.0.1:$refused/"
stderr_has "connection refused: http://127.0.0.1:$refused/XX.zip"
echo "ok: retries and failures"

# A body that is not a dump is not kept in the cache.
printf 'not a zip archive\n' >"$work/served/ZZ.zip"
run 1 gazetteer fetch ZZ --base-url "$base"
[ ! -e "$work/cache/geonames/ZZ.zip" ] || fail "an unusable ZZ.zip stayed in the cache"
echo "ok: an unusable download"

# --cache puts downloads elsewhere.
run 0 gazetteer fetch XX --cache "$work/elsewhere" --base-url "$base"
[ -f "$work/elsewhere/XX.zip" ] || fail "--cache was not used"
echo "ok: --cache"

# Removal.
run 0 gazetteer remove XX
run 0 gazetteer list
! grep -q "XX.zip" "$work/out" || fail "XX.zip still listed after remove"
run 1 gazetteer remove XX
stderr_has "no installed dump named 'XX'"
echo "ok: remove"
echo "gazetteer fetch ok"
