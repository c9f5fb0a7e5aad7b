#!/usr/bin/env bash
# Copies the front-end libraries installed from the npm registry (package-lock.json) into
# static/vendor/, where Django's static files find them. static/vendor/ is not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
nm=node_modules
out=static/vendor
rm -rf "$out.tmp" && mkdir -p "$out.tmp"/{bootstrap,bootstrap-icons,htmx,chartjs,figtree}
cp "$nm/bootstrap/dist/css/bootstrap.min.css" "$nm/bootstrap/dist/css/bootstrap.min.css.map" "$out.tmp/bootstrap/"
cp "$nm/bootstrap/dist/js/bootstrap.bundle.min.js" "$nm/bootstrap/dist/js/bootstrap.bundle.min.js.map" "$out.tmp/bootstrap/"
cp "$nm/bootstrap-icons/font/bootstrap-icons.min.css" "$out.tmp/bootstrap-icons/"
cp -r "$nm/bootstrap-icons/font/fonts" "$out.tmp/bootstrap-icons/"
cp "$nm/htmx.org/dist/htmx.min.js" "$out.tmp/htmx/"
cp "$nm/chart.js/dist/chart.umd.min.js" "$nm/chart.js/dist/chart.umd.min.js.map" "$out.tmp/chartjs/"
for w in 400 600 700; do cp "$nm/@fontsource/figtree/latin-$w.css" "$out.tmp/figtree/"; done
mkdir -p "$out.tmp/figtree/files"
cp "$nm"/@fontsource/figtree/files/figtree-latin-{400,600,700}-normal.woff2 "$out.tmp/figtree/files/"
cp "$nm"/@fontsource/figtree/files/figtree-latin-{400,600,700}-normal.woff "$out.tmp/figtree/files/"
rm -rf "$out" && mv "$out.tmp" "$out"
