#!/bin/bash
# check_includes.sh SRC_DIR: fails when a file under SRC_DIR includes a
# header of a folder its own folder may not call. The rules are the table of
# SRC_DIR/README.md — the folders named in a row's "may call" column, plus
# the folder itself — so the README and the check cannot drift apart. The C
# libraries' headers belong to adapters/, ICU's to text/.
set -u
src=${1:?usage: check_includes.sh SRC_DIR}
src=$(cd "$src" && pwd) || exit 2
readme=$src/README.md
[ -f "$readme" ] || { echo "check_includes: no $readme" >&2; exit 2; }
cd "$src" || exit 2
find . -mindepth 2 \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sed 's|^\./||' | sort |
  xargs grep -nE '^[[:space:]]*#[[:space:]]*include' /dev/null |
  awk -v readme="$readme" '
    BEGIN {
      # Rows "| `store/` | owns … | core, adapters, … |".
      while ((getline row < readme) > 0) {
        if (row !~ /^\| `[a-z]+\/` \|/)
          continue
        split(row, cells, "|")
        folder = cells[2]; gsub(/[ `\/]/, "", folder)
        known[folder] = 1
        may[folder, folder] = 1
        list[folder] = ""
        n = split(cells[4], words, /[^a-z]+/)
        for (i = 1; i <= n; i++)
          if (words[i] != "") { may[folder, words[i]] = 1; list[folder] = list[folder] " " words[i] }
      }
      if (length(known) == 0) { print "check_includes: no layering table in " readme > "/dev/stderr"; fatal = 2; exit }
    }
    {
      # path:line:#include ...
      path = $0; sub(/:.*/, "", path)
      rest = substr($0, length(path) + 2)
      line = rest; sub(/:.*/, "", line)
      include = substr(rest, length(line) + 2)
      from = path; sub(/\/.*/, "", from)
      if (!(from in known)) {
        if (!(from in reported)) print path ": folder " from "/ is not in the table of " readme > "/dev/stderr"
        reported[from] = 1; bad = 1; next
      }
      header = include
      sub(/^[ \t]*#[ \t]*include[ \t]*[<"]/, "", header); sub(/[">].*/, "", header)
      if (include ~ /"/) {
        to = header; sub(/\/.*/, "", to)
        if (to == header || !(to in known))
          next  # a header beside the file, or not a folder of the table
        if (!((from, to) in may)) {
          print path ":" line ": " from "/ may not include " header " (" from "/ may call:" list[from] ")" > "/dev/stderr"
          bad = 1
        }
      } else if (header ~ /^(gdal.*|ogr.*|cpl_.*|geos_c|proj|cairo.*|sqlite3)\.h$|^(curl|libxml)\//) {
        if (from != "adapters") { print path ":" line ": only adapters/ includes <" header ">" > "/dev/stderr"; bad = 1 }
      } else if (header ~ /^unicode\//) {
        if (from != "text") { print path ":" line ": only text/ includes <" header ">" > "/dev/stderr"; bad = 1 }
      }
    }
    END { exit fatal ? fatal : bad ? 1 : 0 }'
status=("${PIPESTATUS[@]}")
exit "${status[${#status[@]} - 1]}"
