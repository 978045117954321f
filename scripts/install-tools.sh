#!/usr/bin/env bash
# Installs what building and testing Envelope needs, skipping whatever is
# already present at the right version. Nothing here downloads from GitHub
# releases: every tool comes from crates.io, npm or Debian.
#
# Usage: scripts/install-tools.sh [web] [browser]
#   web      wasm32 target, rust-src, trunk, wasm-bindgen CLI (version from Cargo.lock), wasm-opt
#   browser  Debian chromium + chromium-driver for the browser tests,
#            brotli for the bundle size, and npm axe-core (the accessibility
#            audit the browser tests run in the page)
#   lighthouse  npm lighthouse (scripts/lighthouse.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_NPM_VERSION=132.0.0
LIGHTHOUSE_NPM_VERSION=13
AXE_NPM_VERSION=4
TOOLS_DIR="${ENVELOPE_TOOLS_DIR:-$HOME/.cache/envelope-tools}"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '[install-tools] %s\n' "$*" >&2; }

# The wasm-bindgen CLI must match the library version locked in Cargo.lock exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock
}

# npm, from Debian, for the tools that come from npm.
need_npm() {
  if ! command -v npm >/dev/null; then
    log "installing Debian npm (to install $1)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq npm >&2
  fi
}

install_web() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  # The web build rebuilds the standard library from its source
  # (scripts/web-std.sh).
  if ! rustup component list --installed | grep -q '^rust-src'; then
    log "adding rust component rust-src"
    rustup component add rust-src
  fi
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (about 11 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
  local wbg
  wbg="$(locked_wasm_bindgen_version)"
  if [ -z "$wbg" ]; then log "no wasm-bindgen in Cargo.lock (run cargo generate-lockfile)"; exit 1; fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$\| $wbg "; then
    log "installing wasm-bindgen-cli $wbg (about 3 minutes)"
    # Without --locked: the combination checked to build on this toolchain.
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
  # Trunk.toml pins this exact version (version_132): trunk runs offline and
  # fails on another one rather than downloading it.
  if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_NPM_VERSION%%.*}\b"; then
    need_npm "binaryen's wasm-opt"
    log "installing wasm-opt (npm binaryen@$BINARYEN_NPM_VERSION) into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_NPM_VERSION" >&2
  fi
}

install_lighthouse() {
  if ! "$TOOLS_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | grep -q "^${LIGHTHOUSE_NPM_VERSION}\."; then
    need_npm lighthouse
    log "installing npm lighthouse@$LIGHTHOUSE_NPM_VERSION into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_NPM_VERSION" >&2
  fi
}

install_browser() {
  # brotli measures the bundle the way browsers download it (test.sh's
  # "bundle size" step); small, so it comes with the browser.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
    || ! command -v brotli >/dev/null; then
    log "installing Debian chromium, chromium-driver and brotli"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium chromium-driver brotli >&2
  fi
  # tests/audit.rs injects this file into the page (never from a CDN).
  local axe="$TOOLS_DIR/node_modules/axe-core"
  if ! grep -q "\"version\": \"${AXE_NPM_VERSION}\." "$axe/package.json" 2>/dev/null || [ ! -f "$axe/axe.min.js" ]; then
    need_npm axe-core
    log "installing npm axe-core@$AXE_NPM_VERSION into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "axe-core@$AXE_NPM_VERSION" >&2
  fi
}

for what in "$@"; do
  case "$what" in
    web) install_web ;;
    browser) install_browser ;;
    lighthouse) install_lighthouse ;;
    *) log "unknown part '$what' (expected web, browser or lighthouse)"; exit 2 ;;
  esac
done
