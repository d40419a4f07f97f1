#!/usr/bin/env bash
# A store on a full disk: an import that runs out of space fails with a clear
# message naming the store, exit 1, and the store still opens with exactly
# what it held before; exports to the full disk leave no partial file.
# The disk is a 3 MB tmpfs when this process may mount one (root), else the
# same limit comes from the file-size limit (ulimit -f), which makes writes
# fail the same way (EFBIG instead of ENOSPC).
# Usage: full_disk.sh INCIMAP WORKDIR
set -euo pipefail
bin=$1
work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

umount "$work/disk" 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work/disk"
mounted=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=3m incimap-full-disk "$work/disk" 2>/dev/null; then
    mounted=1
    trap 'umount "$work/disk"' EXIT
    echo "disk: 3 MB tmpfs"
    limit=()
else
    echo "disk: no mount allowed here, a 3 MB file-size limit instead"
    limit=(bash -c 'ulimit -f 3072; exec "$@"' limit)
fi
count() {
    /usr/bin/python3 -c 'import sys; from osgeo import ogr; ogr.UseExceptions(); \
ds = ogr.Open(sys.argv[1]); print(ds.GetLayerByName("incidents").GetFeatureCount())' "$1"
}
rows() {  # rows FIRST COUNT → an ACLED-style table on stdout
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
first, n = int(sys.argv[1]), int(sys.argv[2])
print("event_id_cnty,event_date,event_type,sub_event_type,actor1,location,latitude,longitude,fatalities,notes")
for i in range(first, first + n):
    print(f"DISK{i},2023-{1 + i % 12:02}-{1 + i % 28:02},Battles,Armed clash,Unidentified Armed Group,"
          f"Place {i},{11 + (i % 900) / 100:.4f},{-5 + (i % 1000) / 100:.4f},{i % 7},"
          f"A generated row that takes some room in the store: {'x' * 200} {i}.")
PY
}
rows 0 200 > "$work/small.csv"
rows 1000 40000 > "$work/big.csv"
store=$work/disk/s.gpkg

"${limit[@]}" "$bin" import -q --store "$store" --rejects "$work/rejects-small.csv" "$work/small.csv" \
    || fail "the first import does not fit"
[ "$(count "$store")" = 200 ] || fail "the first import stored $(count "$store") incidents, not 200"
echo "ok: 200 incidents on the small disk"

set +e
err=$("${limit[@]}" "$bin" import -q --store "$store" --rejects "$work/rejects-big.csv" "$work/big.csv" 2>&1)
code=$?
set -e
[ "$code" = 1 ] || fail "an import onto a full disk exited $code: $err"
[[ $err == *"$store"* ]] || fail "the message does not name the store: $err"
[[ $err == *[Ff]ull* || $err == *space* || $err == *"too large"* ]] \
    || fail "the message does not say the disk is full: $err"
echo "ok: the import onto a full disk failed clearly: ${err:0:200}"
[ "$(count "$store")" = 200 ] || fail "after the failed import the store holds $(count "$store") incidents, not 200"
"$bin" list -q --store "$store" --format csv > /dev/null || fail "incimap cannot open the store after the failure"
echo "ok: the store still opens with its 200 incidents"

# The disk is freed by the failed import's rollback; fill it with a file.
if [ "$mounted" = 1 ]; then
    dd if=/dev/zero of="$work/disk/filler" bs=64k 2>/dev/null || true
fi
set +e
err=$("${limit[@]}" "$bin" export -q --store "$store" --format geojson --out "$work/disk/export.geojson" 2>&1)
code=$?
set -e
if [ "$mounted" = 1 ]; then
    [ "$code" = 1 ] || fail "an export onto a full disk exited $code: $err"
    [[ $err == *export.geojson* ]] || fail "the message does not name the output: $err"
    [ ! -e "$work/disk/export.geojson" ] || fail "a partial export.geojson was left on the full disk"
    leftovers=$(find "$work/disk" -name '*export*' | wc -l)
    [ "$leftovers" = 0 ] || fail "temporary export files were left behind: $(find "$work/disk" -name '*export*')"
    echo "ok: an export onto the full disk failed clearly and left nothing: ${err:0:160}"
fi
echo "ok: full disk"
