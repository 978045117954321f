#!/usr/bin/env bash
# Lighthouse 13 (npm) against the release build, served with precompressed
# brotli files as a static host serves them (tests/lighthouse.rs): prints
# the mobile and desktop scores and the metrics behind them. Installs what is
# missing first (trunk and friends, Chromium, brotli, lighthouse).
#
# Numbers move with the machine's load: run it with nothing else running.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/tool-env.sh

bash scripts/install-tools.sh web browser lighthouse
cargo fetch --locked
trunk build --release
cargo test --locked -p envelope-web --test lighthouse -- --ignored --nocapture --test-threads 1
