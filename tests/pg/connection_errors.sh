#!/usr/bin/env bash
# A store in PostgreSQL that cannot be used says why in one sentence and
# exits 1: a server that is not there, no password or a wrong one (read as
# libpq reads it, from PGPASSFILE), a database without PostGIS, and a
# password written into the connection string, which is refused unread.
# Runs under with_database.sh (INCIMAP_TEST_STORE, INCIMAP_TEST_PG_HOST).
# Usage: connection_errors.sh INCIMAP
set -euo pipefail
bin=$1
host=$INCIMAP_TEST_PG_HOST
work=$(mktemp -d "${TMPDIR:-/tmp}/incimap-pgerr-XXXXXX")
trap 'psql -X -q -h "$host" -U incimap_test -d postgres -c "DROP DATABASE IF EXISTS $plain" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
plain=plain_$$
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_error ARGS… -- SENTENCE: exit 1 and stderr is one line holding SENTENCE.
expect_error() {
  local args=() code=0 err
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  err=$("$bin" "${args[@]}" 2>&1 >/dev/null) || code=$?
  [ "$code" -eq 1 ] || fail "incimap ${args[*]}: exit $code, expected 1: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "incimap ${args[*]}: more than one line: $err"
  [[ $err == *"$1"* ]] || fail "incimap ${args[*]} said: $err"
  last_error=$err
}

expect_error store init "PG:dbname=incidents host=$work/no-server" -- \
  "PG:dbname=incidents host=$work/no-server: cannot reach the database server: No such file or directory"
echo "ok: no server"

export PGPASSFILE=$work/no-such-pgpass
expect_error list --store "PG:dbname=postgres host=$host user=incimap_pw" -- \
  "the database server asks for a password and none was found in ~/.pgpass, PGPASSFILE or a service file"
printf '*:*:*:incimap_pw:not-the-password\n' > "$work/pgpass"
chmod 600 "$work/pgpass"
export PGPASSFILE=$work/pgpass
expect_error list --store "PG:dbname=postgres host=$host user=incimap_pw" -- \
  "the database server refused the password (password authentication failed for user \"incimap_pw\")"
[[ $last_error != *not-the-password* ]] || fail "the password was printed: $last_error"
printf '*:*:*:incimap_pw:right-password\n' > "$work/pgpass"
# The right password connects: what stops init then is the database itself.
expect_error store init "PG:dbname=postgres host=$host user=incimap_pw" -- \
  "the database has no PostGIS extension"
echo "ok: no password, a wrong password, the right one from PGPASSFILE"

psql -X -q -h "$host" -U incimap_test -d postgres -c "CREATE DATABASE $plain TEMPLATE template0"
expect_error store init "PG:dbname=$plain host=$host user=incimap_test" -- \
  "the database has no PostGIS extension; its owner or a superuser adds it with CREATE EXTENSION postgis"
[ "$(psql -X -At -h "$host" -U incimap_test -d "$plain" -c "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] \
  || fail "init made tables in a database without PostGIS"
echo "ok: no PostGIS"

expect_error list --store "PG:dbname=incidents host=$host password=hunter2secret" -- \
  "the store's connection string holds a password, which process lists and logs would show"
[[ $last_error != *hunter2secret* ]] || fail "the password was printed: $last_error"
expect_error list --store "postgresql://ana:hunter2secret@localhost/incidents" -- \
  "the store's connection string holds a password"
[[ $last_error != *hunter2secret* ]] || fail "the password was printed: $last_error"
echo "ok: a password in the connection string is refused and not shown"

# The URI form reaches the same database as the PG: form.
db=${INCIMAP_TEST_STORE#PG:dbname=}
db=${db%% *}
"$bin" store init -q "postgresql:///$db?host=$host&user=incimap_test" || fail "init by URI failed"
[ "$(psql -X -At -h "$host" -U incimap_test -d "$db" -c "SELECT version FROM incimap_schema")" = 1 ] \
  || fail "init by URI made no store"
echo "ok: a postgresql:// URI"
echo "connection errors ok"
