#!/usr/bin/env bash
# `make fuzz`: builds the fuzz targets and runs each for FUZZ_SECONDS, starting from its seed
# corpus, then prints executions and crashes per target. New inputs go to target/fuzz-corpus/
# (kept between runs, never committed); a crash input is written under tests/fuzz/artifacts/:
# fix the bug, then commit the input under tests/fuzz/regressions/<target>/ so `cargo test`
# replays it.
#
# cargo-fuzz needs nightly-only compiler flags (-Zsanitizer); RUSTC_BOOTSTRAP=1 lets the stable
# compiler accept them, as no nightly toolchain can be installed here.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
sanitizer=${FUZZ_SANITIZER:-address}
targets=${FUZZ_TARGETS:-tagger loader timeml fragment input exchange}
export RUSTC_BOOTSTRAP=1
flags=(--fuzz-dir tests/fuzz --release --debug-assertions --sanitizer "$sanitizer")

cargo fuzz build "${flags[@]}"
summary=()
failed=0
for t in $targets; do
    mkdir -p "target/fuzz-corpus/$t"
    log="target/fuzz-$t.log"
    echo "fuzzing $t for ${seconds}s (log: $log)"
    status=0
    # The first directory receives new inputs; the seeds are only read.
    cargo fuzz run "${flags[@]}" "$t" "target/fuzz-corpus/$t" "tests/fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
    # A crash stops libFuzzer before its final stats: count from its last progress line.
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tr -d '#' | tail -1 || true)
    crashes=$(grep -c 'Test unit written to' "$log" || true)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="? (exit $status, see $log)"; fi
    [ "$status" -eq 0 ] || failed=1
    summary+=("$(printf '%-9s %12s executions  %s crashes' "$t" "${execs:-?}" "$crashes")")
    grep -h 'Test unit written to' "$log" || true
done
echo
echo "fuzz summary (${seconds}s per target, sanitizer: $sanitizer):"
printf '  %s\n' "${summary[@]}"
exit "$failed"
