#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): writes sw.js into the build's staging
# directory from assets/service-worker.js, listing every file of the build
# (so that the page loads offline after one visit) and naming the cache after
# a hash of their contents (so that each build has its own cache and the
# service worker changes, and so updates itself, whenever any file does).
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
template="${TRUNK_SOURCE_DIR:-$PWD}/assets/service-worker.js"
cd "$staging"
# The two scripts of our own ship without their full-line comments (trunk
# minifies only the wasm-bindgen glue): 0.6 KB brotli. Both are plain code
# with no multi-line strings, so a line starting with // is a comment.
strip_comments='/^[[:space:]]*\/\//d'
sed -i "$strip_comments" boot.js
mapfile -t files < <(find . -type f ! -name sw.js ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort)
version=$(for f in "${files[@]}"; do printf '%s\n' "$f"; sha256sum <"$f"; done | sha256sum | cut -c1-16)
list=$(printf '"%s",' "${files[@]}")
sed -e "s|^const VERSION = \"unbuilt\";|const VERSION = \"$version\";|" \
  -e "s|^const FILES = \[\];|const FILES = [${list%,}];|" -e "$strip_comments" "$template" >sw.js
grep -q "const VERSION = \"$version\";" sw.js
