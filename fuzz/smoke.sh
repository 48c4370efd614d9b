#!/usr/bin/env bash
# Builds the fuzz targets and runs each one for FUZZ_SECONDS (default 20) from its seeds
# (fuzz/seeds/<target>) plus any local corpus (fuzz/corpus/<target>, gitignored).
# Fails on the first crash, leak, timeout or out-of-memory. Needs a nightly toolchain
# and cargo-fuzz; without them it says so and exits 0 unless FUZZ_REQUIRED=1.
set -euo pipefail
cd "$(dirname "$0")"
SECS="${FUZZ_SECONDS:-20}"
if ! rustup toolchain list 2>/dev/null | grep -q nightly || ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz/smoke.sh: nightly toolchain or cargo-fuzz missing; skipped"
    [ "${FUZZ_REQUIRED:-0}" = 1 ] && exit 1
    exit 0
fi
[ -d seeds ] || ./make_seeds.sh
cargo +nightly fuzz build -s none
TARGETS=$(cargo +nightly fuzz list)
BIN="target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"
mkdir -p artifacts
fail=0
for t in $TARGETS; do
    mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t"
    log="artifacts/$t/smoke.log"
    if "$BIN/$t" "corpus/$t" "seeds/$t" -max_total_time="$SECS" -rss_limit_mb=2048 \
        -timeout=20 -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
        >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz $t: ok, $runs runs in ${SECS}s, $cov"
    else
        echo "fuzz $t: FAILED (see fuzz/$log)"
        grep -m1 -A6 'panicked\|ERROR' "$log" || tail -20 "$log"
        fail=1
    fi
done
exit $fail
