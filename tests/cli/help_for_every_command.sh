#!/usr/bin/env bash
# Every command listed by `incimap --help`, and every subcommand of those,
# has a manual page with examples, reachable both as `incimap help CMD [SUB]`
# and `incimap CMD [SUB] --help`.
set -euo pipefail
bin=$1
# subcommands_in HELP-TEXT: the names its "Subcommands:" section lists.
subcommands_in() { awk 'tolower($0) ~ /^subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}' <<<"$1"; }
commands=$(subcommands_in "$("$bin" --help)")
[ -n "$commands" ] || { echo "no commands listed by --help"; exit 1; }
# has_manual WORDS…: `incimap help WORDS` and `incimap WORDS --help` show a
# manual with an example of `incimap WORDS`.
has_manual() {
  local form out
  for form in "help $*" "$* --help"; do
    out=$("$bin" $form) || { echo "incimap $form failed"; exit 1; }
    grep -q "Examples:" <<<"$out" || { echo "incimap $form has no examples"; exit 1; }
    grep -q "incimap $*" <<<"$out" || { echo "incimap $form shows no example of $*"; exit 1; }
  done
  echo "ok: $*"
}
for c in $commands; do
  [ "$c" = help ] && continue
  has_manual "$c"
  # and its own subcommands (incimap help gazetteer fetch)
  for s in $(subcommands_in "$("$bin" help "$c")"); do
    has_manual "$c" "$s"
  done
done
"$bin" help no-such-command 2>/dev/null && { echo "unknown help topic accepted"; exit 1; }
rc=0; "$bin" --no-such-option 2>/dev/null || rc=$?
[ $rc -eq 2 ] || { echo "unknown option: exit code $rc, not 2"; exit 1; }
echo "help ok"
