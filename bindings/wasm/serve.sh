#!/usr/bin/env bash
# Builds the WASM package if it is missing, then serves the demo on 127.0.0.1.
# Usage: bash bindings/wasm/serve.sh [port]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ -f "$HERE/www/pkg/simd/ecc200_wasm_bg.wasm" ] || bash "$HERE/build.sh"
exec node "$HERE/serve.mjs" "${1:-8200}"
