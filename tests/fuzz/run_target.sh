#!/usr/bin/env bash
# run_target.sh PROGRAM SOURCE_DIR WORK_DIR SECONDS: runs one libFuzzer
# program for SECONDS from its seed corpus (SOURCE_DIR/corpus/NAME) and past
# crash inputs (SOURCE_DIR/regressions/NAME), which it runs first. New
# inputs go to WORK_DIR/corpus/NAME, a crashing input to
# WORK_DIR/crash-NAME-*. Exits non-zero on a crash, a leak, a timeout or a
# sanitizer report; prints libFuzzer's final statistics. INCIMAP_FUZZ_SEED
# fixes libFuzzer's random seed (unset or 0: a new one each run).
set -euo pipefail
program=$1 source=$2 work=$3 seconds=$4
name=$(basename "$program")
mkdir -p "$work/corpus/$name"
inputs=("$work/corpus/$name" "$source/corpus/$name")
[ -d "$source/regressions/$name" ] && inputs+=("$source/regressions/$name")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$program" -seed="${INCIMAP_FUZZ_SEED:-0}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="$work/crash-$name-" "${inputs[@]}"
