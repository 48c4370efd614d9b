#!/usr/bin/env bash
# Tests of the ecc200 WASM package (run bindings/wasm/build.sh first):
# Node tests of the API (both builds), then the headless-Chromium test of the demo page
# with a fake camera fed by a simulated frame.
# Usage: (cd bindings/wasm && bash test.sh)
set -euo pipefail
cd "$(dirname "$0")"
# Node 20 needs explicit file names
node --test tests/*.test.mjs
node tests/browser.mjs
