# Sourced by shell tests that talk to the loopback test server
# (http_test_server.py on 127.0.0.1). Sets $tests (the tests folder) and
# $work (a fresh folder removed on exit, with the server stopped), keeps
# incimap's page cache in $work/cache and defines fail.
# Usage: source tests/support/loopback_server.sh NAME
#        start_loopback_server FOLDER   → serves FOLDER; sets $port
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-$1-XXXXXX")
server_pid=
stop_loopback_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_loopback_server EXIT

# Pages are cached under $work, not in the user's cache.
export INCIMAP_CACHE_DIR=$work/cache
unset XDG_CACHE_HOME

# fail WHY: the test fails, showing what incimap wrote to $work/err. Tests
# that keep other output redefine it.
fail() { echo "FAIL: $*"; [ -s "$work/err" ] && { echo "--- stderr"; cat "$work/err"; }; exit 1; }

start_loopback_server() {
  python3 "$tests/support/http_test_server.py" "$1" --log "$work/requests.log" >"$work/port" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(head -n1 "$work/port")
  [ -n "$port" ] || fail "the loopback server did not start"
}
