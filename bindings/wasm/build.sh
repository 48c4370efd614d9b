#!/usr/bin/env bash
# Builds the ecc200 WASM package twice (simd128 and scalar fallback), runs wasm-bindgen
# for the browser (www/pkg/{simd,scalar}) and for Node (pkg-node/{simd,scalar}),
# checks that the two builds really differ (SIMD instructions present / absent) and
# prints their sizes. Installs what is missing: the wasm32 target, wasm-bindgen-cli of
# the pinned version, the npm dev tools (playwright-core, wabt, zxing-wasm).
# Usage: bash bindings/wasm/build.sh   (from anywhere)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

# the wasm-bindgen version pinned in bindings/wasm/Cargo.toml
WB=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$HERE/Cargo.toml")
[ -n "$WB" ] || { echo "build.sh: no pinned wasm-bindgen version in Cargo.toml" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB"; then
  cargo install wasm-bindgen-cli --version "$WB" --locked || cargo install wasm-bindgen-cli --version "$WB"
fi
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/wabt" ] || [ ! -d "$HERE/node_modules/zxing-wasm" ]; then
  (cd "$HERE" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
fi

# release without debug info (the root profile keeps line tables for native profiling)
export CARGO_PROFILE_RELEASE_DEBUG=0
# simd128: the flags come from .cargo/config.toml
cargo build --release --target wasm32-unknown-unknown -p ecc200-wasm
SIMD_WASM="$ROOT/target/wasm32-unknown-unknown/release/ecc200_wasm.wasm"
# scalar fallback: override the config's rustflags (an empty value would be ignored by
# cargo and the config's +simd128 kept), separate target directory
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-simd128" \
  cargo build --release --target wasm32-unknown-unknown -p ecc200-wasm --target-dir "$ROOT/target/wasm-scalar"
SCALAR_WASM="$ROOT/target/wasm-scalar/wasm32-unknown-unknown/release/ecc200_wasm.wasm"

node "$HERE/tools/wasm-simd-count.mjs" --expect-simd "$SIMD_WASM"
node "$HERE/tools/wasm-simd-count.mjs" --expect-scalar "$SCALAR_WASM"

rm -rf "$HERE/www/pkg" "$HERE/pkg-node"
for v in simd scalar; do
  if [ $v = simd ]; then W=$SIMD_WASM; else W=$SCALAR_WASM; fi
  wasm-bindgen --target web --out-dir "$HERE/www/pkg/$v" "$W"
  wasm-bindgen --target nodejs --out-dir "$HERE/pkg-node/$v" "$W"
  # the Node glue is CommonJS; bindings/wasm/package.json says "type": "module"
  echo '{ "type": "commonjs" }' > "$HERE/pkg-node/$v/package.json"
done

echo "sizes (wasm-bindgen output, raw / gzip -9):"
for f in "$HERE"/www/pkg/*/ecc200_wasm_bg.wasm "$HERE"/www/pkg/simd/ecc200_wasm.js; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  awk -v n="${f#"$HERE"/www/pkg/}" -v r="$raw" -v g="$gz" 'BEGIN { printf "  %-28s %7.1f KB raw  %7.1f KB gzip\n", n, r / 1024, g / 1024 }'
done
