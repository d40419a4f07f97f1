#!/usr/bin/env bash
# Refits the place ranker's weights on the tuning split of the shared ACLED
# notes and writes them to src/extract/place_ranker.tsv; then rebuild and
# score both splits with bench/eval_extract.
#
#   bench/fit_place_ranker.sh [DATA_DIR]     (default ../shared/data/events)
#
# The features depend on the weights in force (places resolved with
# confidence become anchors for the others), so the fit is run twice, the
# first time from the prior.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
install_packages "${INCIMAP_APT_PACKAGES[@]}" python3-numpy
install_node_packages
data=${1:-$INCIMAP_ROOT/../shared/data/events}
tuning=("$data/acled_bf_1997-2020.csv" "$data/acled_bf_sample.csv" "$data/acled_sahel_2020-05.csv")
build="$INCIMAP_ROOT/build-test"
weights="$INCIMAP_ROOT/src/extract/place_ranker.tsv"
features=$(mktemp --suffix=.tsv)
trap 'rm -f "$features"' EXIT
cp "$INCIMAP_ROOT/bench/place_ranker_prior.tsv" "$weights"
for round in 1 2; do
  build_incimap "$build" RelWithDebInfo
  echo "== round $round: features of the tuning split" >&2
  "$build/bench/eval_extract" --features "$features" "${tuning[@]}" >/dev/null
  /usr/bin/python3 "$INCIMAP_ROOT/bench/fit_place_ranker.py" "$features" --prior "$INCIMAP_ROOT/bench/place_ranker_prior.tsv" \
    --current "$weights" --out "$weights"
done
build_incimap "$build" RelWithDebInfo
