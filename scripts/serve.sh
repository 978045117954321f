#!/usr/bin/env bash
# Builds the web app and serves it on http://127.0.0.1:8080 (README's first
# command). Installs what is missing first: the wasm32 target, trunk,
# wasm-bindgen and wasm-opt (scripts/install-tools.sh web).
#
# Extra arguments go to `trunk serve`, e.g. `scripts/serve.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/tool-env.sh

echo "==> installing missing tools"
bash scripts/install-tools.sh web
echo "==> fetching crates (trunk builds offline)"
cargo fetch --locked
(. scripts/web-std.sh && web_std_fetch)
echo "==> building and serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release "$@"
