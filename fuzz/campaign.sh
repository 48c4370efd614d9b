#!/usr/bin/env bash
# The long fuzz campaign (the CI runs the short fuzz/smoke.sh instead):
#   bash fuzz/campaign.sh [SECONDS_PER_TARGET=600] [TARGET ...]
# Builds the targets with AddressSanitizer and debug assertions (integer overflow
# panics), then runs each one, one after the other, for SECONDS_PER_TARGET from its
# seeds plus the local corpus, and appends one line of figures per target to
# fuzz/campaign.log: runs, seconds, coverage (edges), features, corpus entries,
# and the outcome. A crash leaves its input in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")"
SECS="${1:-600}"
shift || true
cargo +nightly fuzz build -s address -a || exit 1
TARGETS="${*:-$(cargo +nightly fuzz list)}"
BIN="target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"
fail=0
for t in $TARGETS; do
    mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t"
    log="artifacts/$t/campaign.log"
    start=$(date +%s)
    "$BIN/$t" "corpus/$t" "seeds/$t" -max_total_time="$SECS" -rss_limit_mb=2048 \
        -timeout=20 -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
        >"$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | cut -d' ' -f2)
    corp=$(grep -o 'corp: [0-9]*' <<<"$last" | cut -d' ' -f2)
    if [ $rc = 0 ]; then outcome=clean; else outcome="FAILED rc=$rc (fuzz/$log)"; fail=1; fi
    line="$(date -u +%FT%TZ) $t: ${runs:-?} runs in ${secs}s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, $outcome"
    echo "$line" | tee -a campaign.log
done
exit $fail
