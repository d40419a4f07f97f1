#!/usr/bin/env bash
# Runs CMD with INCIMAP_TEST_STORE set to a new, empty PostGIS database of
# the test cluster (cluster.sh) and INCIMAP_TEST_PG_HOST to the cluster's
# socket folder (INCIMAP_TEST_PG_STATE: the cluster's STATE, for more
# databases), and drops the database afterwards, whatever CMD's outcome.
# Usage: with_database.sh STATE CMD…
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
state=$1
shift
[ -f "$state" ] || { echo "with_database.sh: no test cluster ($state); cluster.sh start makes one" >&2; exit 1; }
INCIMAP_TEST_STORE=$("$here/cluster.sh" database "$state")
export INCIMAP_TEST_STORE
dir=$(cat "$state")
export INCIMAP_TEST_PG_HOST=$dir INCIMAP_TEST_PG_STATE=$state
name=${INCIMAP_TEST_STORE#PG:dbname=}
name=${name%% *}
drop() {
  psql -X -q -h "$dir" -U incimap_test -d postgres \
    -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
}
trap drop EXIT
"$@"
