#!/usr/bin/env bash
# Runs every test of ecc200 on a fresh machine: installs what is missing (apt packages,
# the wasm32 target, wasm-bindgen-cli, a Python virtual environment with the peers
# zxing-cpp and pylibdmtx, npm playwright-core, Debian's Chromium), then:
#   formatting and lints; Rust unit, integration, property and doc tests (benches run
#   once in test mode); the Python package (built with maturin) and its pytest suite,
#   including interoperability with zxing-cpp and libdmtx; the WASM package with Node
#   tests and a headless-Chromium camera test; a short fuzz smoke run when nightly exists.
# Usage: bash scripts/test.sh            (ECC200_SKIP_FUZZ=1 skips the fuzz smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TERM_COLOR=never
export PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n=== %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

step "setup: system packages"
need_apt=()
have zint || need_apt+=(zint)
have dmtxwrite || need_apt+=(dmtx-utils)
ldconfig -p 2>/dev/null | grep -q libdmtx || need_apt+=(libdmtx0b)
have chromium || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && have apt-get; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "cannot install ${need_apt[*]} (not root or no apt-get)" >&2
    exit 1
  fi
fi

step "rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "rust: tests (unit, integration, property, doc; benches run once)"
cargo test --workspace --all-targets
cargo test --doc

if [ -f bindings/python/pyproject.toml ]; then
  step "python: build the wheel and run pytest"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q "maturin>=1.5,<2" pytest numpy pillow zxing-cpp pylibdmtx "dask[distributed]"
  rm -rf target/wheels
  .venv/bin/maturin build --release -q -m bindings/python/Cargo.toml -o target/wheels
  .venv/bin/pip install -q --force-reinstall --no-deps target/wheels/ecc200-*.whl
  (cd bindings/python/tests && "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider .)
fi

if [ -f bindings/wasm/build.sh ]; then
  step "wasm: build, Node tests, headless Chromium camera test"
  bash bindings/wasm/build.sh
  (cd bindings/wasm && bash test.sh)
fi

if [ "${ECC200_SKIP_FUZZ:-0}" != 1 ] && [ -f fuzz/Cargo.toml ] && rustup toolchain list 2>/dev/null | grep -q nightly; then
  step "fuzz: smoke run"
  cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked
  FUZZ_SECONDS="${FUZZ_SECONDS:-20}" bash fuzz/smoke.sh
fi

step "all tests done"
