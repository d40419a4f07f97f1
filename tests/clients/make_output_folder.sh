#!/usr/bin/env bash
# Writes the folder of finished outputs that the client tests open, as the
# main job writes it for a new user: `incimap run` on its embedded example
# reports (what scripts/demo runs), into a fresh folder.
# Usage: make_output_folder.sh INCIMAP OUT
set -euo pipefail
bin=$1 out=$2
rm -rf "$out"
"$bin" run --out "$out"
