#!/usr/bin/env bash
# A throwaway PostgreSQL cluster with PostGIS for the tests: made with initdb
# in a temporary folder, listening only on a Unix socket in that folder (no
# TCP port, no system service), run as an unprivileged user when started by
# root (Debian's postgres package creates the user `postgres`).
#
#   cluster.sh start STATE      make and start a cluster; its folder is written to STATE
#   cluster.sh stop STATE       stop it and remove its folder (and STATE)
#   cluster.sh database STATE   a new empty database with PostGIS; prints its PG: string
#   cluster.sh run CMD…         start, run CMD with INCIMAP_PG_STATE set, always stop
#
# The cluster's superuser is `incimap_test` (local connections: trust); the
# role `incimap_pw` must give the password `right-password` (for the tests
# of a wrong password). A template database `incimap_template` holds the
# PostGIS extension so that each test's database is a quick copy.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "cluster.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

psql_in() {
  local dir=$1 db=$2
  shift 2
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U incimap_test -d "$db" "$@"
}

start() {
  local state=$1 dir
  stop "$state"  # one a killed run left behind
  dir=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pg-XXXXXX")
  echo "$dir" > "$state"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; chmod 755 "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U incimap_test --auth-local=trust --auth-host=reject \
    -E UTF8 --locale=C.UTF-8 --no-sync > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # The password test's role authenticates; every other local role is trusted.
  as_owner sh -c "printf 'local all incimap_pw scram-sha-256\n' | cat - '$dir/data/pg_hba.conf' > '$dir/hba' && mv '$dir/hba' '$dir/data/pg_hba.conf'"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" start > /dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  psql_in "$dir" postgres -c "CREATE DATABASE incimap_template" \
    -c "CREATE ROLE incimap_pw LOGIN PASSWORD 'right-password'"
  psql_in "$dir" incimap_template -c "CREATE EXTENSION postgis"
}

stop() {
  local state=$1 dir
  [ -f "$state" ] || return 0
  dir=$(cat "$state")
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$state"
}

database() {
  local state=$1 dir name
  dir=$(cat "$state")
  name=t_$$_${RANDOM}${RANDOM}
  psql_in "$dir" postgres -c "CREATE DATABASE $name TEMPLATE incimap_template" >&2
  echo "PG:dbname=$name host=$dir user=incimap_test"
}

case ${1:-} in
  start) start "$2" ;;
  stop) stop "$2" ;;
  database) database "$2" ;;
  run)
    shift
    state=$(mktemp "${TMPDIR:-/tmp}/incimap-pg-state-XXXXXX")
    trap 'stop "$state"' EXIT
    start "$state"
    INCIMAP_PG_STATE=$state "$@"
    ;;
  *) echo "usage: cluster.sh start|stop|database STATE, or cluster.sh run CMD..." >&2; exit 2 ;;
esac
