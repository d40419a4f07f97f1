#!/bin/bash
# check_includes_test.sh SRC_DIR: the layering check fails, naming the file,
# the line and the header, on a tree laid out like SRC_DIR whose files break
# its README's table, and passes on one that keeps it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${1:?usage: check_includes_test.sh SRC_DIR}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cp "$src/README.md" "$tree/"
for dir in core adapters text sources gazetteer extract store render job cli; do mkdir -p "$tree/$dir"; done
printf '#include "core/error.hpp"\n#include "gazetteer/place.hpp"\n#include <vector>\n' > "$tree/store/allowed.cpp"
printf '#include "core/error.hpp"\n#include <gdal.h>\n' > "$tree/adapters/gdal.cpp"
"$here/check_includes.sh" "$tree" 2> "$tree.err" || fail "a tree that keeps the rules fails: $(cat "$tree.err")"

printf '#include "store/merge.hpp"\n\n#include "render/tile.hpp"\n' > "$tree/store/upward.cpp"
printf '#include <ogr_api.h>\n' > "$tree/render/c_library.cpp"
printf '#include "cli/command.hpp"\n' > "$tree/core/cli_from_core.hpp"
if "$here/check_includes.sh" "$tree" 2> "$tree.err"; then fail "includes against the rules pass"; fi
grep -q '^store/upward.cpp:3: store/ may not include render/tile.hpp' "$tree.err" || fail "store/ → render/ not named: $(cat "$tree.err")"
grep -q '^render/c_library.cpp:1: only adapters/ includes <ogr_api.h>' "$tree.err" || fail "a C header outside adapters/ not named: $(cat "$tree.err")"
grep -q '^core/cli_from_core.hpp:1: core/ may not include cli/command.hpp' "$tree.err" || fail "core/ → cli/ not named: $(cat "$tree.err")"
[ "$(wc -l < "$tree.err")" -eq 3 ] || fail "more than the three bad includes named: $(cat "$tree.err")"
rm -f "$tree.err"
echo "ok"
