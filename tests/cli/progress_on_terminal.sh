#!/usr/bin/env bash
# Progress of long work — downloads, reading reports, drawing tiles — as a
# user sees it: on a terminal (a pseudo-terminal made by script(1)) a line
# redrawn in place, with a bar where the amount of work is known; nothing of
# it when stderr is not a terminal or with -q; a line per document and per
# step with -v.
# Usage: progress_on_terminal.sh path/to/incimap
set -euo pipefail
bin=$1
source "$(dirname "${BASH_SOURCE[0]}")/../support/loopback_server.sh" progress
export INCIMAP_DATA_DIR=$work/data INCIMAP_CACHE_DIR=$work/cache HOME=$work/home
unset XDG_DATA_HOME XDG_CACHE_HOME

fail() { echo "FAIL: $*"; [ -s "$work/said" ] && { echo "--- what it wrote"; cat -v "$work/said"; }; exit 1; }
command -v script >/dev/null || fail "script(1) is missing: install bsdutils"

# on_terminal ARGS…: incimap ARGS with stdin, stdout and stderr on a
# pseudo-terminal; what it wrote goes to $work/said.
on_terminal() {
  local command
  printf -v command '%q ' "$bin" "$@"
  script -qec "$command" /dev/null </dev/null >"$work/said" 2>&1 || fail "incimap $* on a terminal failed"
}
# off_terminal ARGS…: the same with stderr into a file.
off_terminal() { "$bin" "$@" </dev/null >/dev/null 2>"$work/said" || fail "incimap $* failed"; }
said() { grep -qaF -- "$1" "$work/said" || fail "incimap $2: no '$1'"; }
not_said() { ! grep -qaF -- "$1" "$work/said" || fail "incimap $2: '$1' shown"; }
nothing_said() { [ ! -s "$work/said" ] || fail "incimap $1: wrote something"; }
redraw=$'\r'
erase=$'\033[K'

# Reading reports and drawing tiles: the main job.
on_terminal run --out "$work/a"
said "${redraw}reading reports: " "run on a terminal"
said "${redraw}zoom  0 [###" "run on a terminal"
said "$erase" "run on a terminal"
said "outputs:" "run on a terminal"
off_terminal run --out "$work/b"
not_said "$redraw" "run off a terminal"
not_said "$erase" "run off a terminal"
said "outputs:" "run off a terminal"
on_terminal run -q --out "$work/c"
nothing_said "run -q on a terminal"
off_terminal run -v --out "$work/d"
said "examples/articles/2024-09-18-bamako-attacks.txt: stored, 1 added" "run -v"
said "writing $work/d/report.png" "run -v"
not_said "$redraw" "run -v off a terminal"
echo "ok: run (reading reports, tiles)"

# Reading reports into a store of its own.
report=$(cd "$(dirname "$0")/../run/reports" && pwd)/douentza-markup.txt
on_terminal ingest --store "$work/store.gpkg" "$report"
said "${redraw}reading reports: " "ingest on a terminal"
on_terminal ingest -q --store "$work/store.gpkg" "$report"
nothing_said "ingest -q on a terminal"
echo "ok: ingest"

# Tiles alone.
on_terminal tiles --store "$work/a/incidents.gpkg" --out "$work/tiles-tty"
said "${redraw}zoom  0 [###" "tiles on a terminal"
off_terminal tiles --store "$work/a/incidents.gpkg" --out "$work/tiles-file"
not_said "$redraw" "tiles off a terminal"
not_said "[###" "tiles off a terminal"
on_terminal tiles -q --store "$work/a/incidents.gpkg" --out "$work/tiles-quiet"
nothing_said "tiles -q on a terminal"
echo "ok: tiles"

# A download: a dump of an imaginary country from the loopback server.
mkdir -p "$work/served"
printf '990001\tQuorvalla\tQuorvalla\t\t14.5125\t-3.2504\tP\tPPLA\tXX\t\t01\t\t\t\t12400\t\t286\tAfrica/Bamako\t2024-03-02\n' \
  >"$work/served/XX.txt"
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z: z.write(sys.argv[2], "XX.txt")' "$work/served/XX.zip" "$work/served/XX.txt"
start_loopback_server "$work/served"
on_terminal gazetteer fetch XX --force --base-url "http://127.0.0.1:$port/"
said "${redraw}XX.zip: " "gazetteer fetch on a terminal"
said " / 207 B (" "gazetteer fetch on a terminal"
off_terminal gazetteer fetch XX --force --base-url "http://127.0.0.1:$port/"
not_said "$redraw" "gazetteer fetch off a terminal"
not_said " / 207 B (" "gazetteer fetch off a terminal"
said "XX.zip: downloaded" "gazetteer fetch off a terminal"
on_terminal -q gazetteer fetch XX --force --base-url "http://127.0.0.1:$port/"
nothing_said "gazetteer fetch -q on a terminal"
echo "ok: gazetteer fetch"
echo "progress ok"
