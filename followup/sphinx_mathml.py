"""Sphinx extension of the book: TeX maths becomes MathML when the book is built, so pages ship no maths script.

Sphinx's default renderer writes the TeX source into the page and lets MathJax typeset it in the browser: on
a chapter page that was the largest download after the theme (the MathJax script and its fonts). This
extension registers the HTML maths renderer ``mathml``: every ``$...$``, ``$$...$$`` and ``{math}`` formula is
converted with `latex2mathml <https://pypi.org/project/latex2mathml/>`_ (pure Python) when the page is
written, and the page carries the MathML, which browsers draw natively (MathML Core: Chromium 109+, Firefox,
Safari) and screen readers read as maths. The only file a maths page loads for it is a small stylesheet
(``mathml_css``) that names a self-hosted maths font, so formulas look the same on every system.

A formula latex2mathml cannot convert faithfully (an unknown command, unbalanced braces, a ``\\frac`` with
one argument, ``&`` outside an alignment) is a build warning naming the formula and the page, so the strict
build (``-W``) fails instead of publishing raw TeX.

The font is a subset (``assets/refresh.sh``); with ``mathml_font`` set, a formula that draws a character the
subset lacks is a build warning too, naming the character and the formula.

Loaded by name from ``sphinx.config.extensions`` in ``_config.yml``, with ``html_math_renderer: mathml``.

>>> tex_to_mathml(r"\\bar p \\pm 3")
'<math alttext="\\\\bar p \\\\pm 3"><mrow><mover accent="true"><mi>p</mi><mo>̄</mo></mover><mo>±</mo><mn>3</mn></mrow></math>'
"""
from __future__ import annotations

import html
import pathlib
import re
import unicodedata
import xml.etree.ElementTree as ET

from docutils import nodes

from followup.errors import MathError

RENDERER = "mathml"
# Children a MathML element must have (MathML Core 3.1-3.4): fewer means an argument went missing in the TeX.
ARITY = {"mfrac": 2, "mroot": 2, "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3}
# Operators whose limits TeX sets below them in display maths (latex2mathml writes them as subscripts).
LIMIT_OPERATORS = {"min", "max", "lim", "sup", "inf", "liminf", "limsup", "arg min", "arg max", "det", "Pr", "gcd"}
# Environments whose lines latex2mathml aligns (an "&" elsewhere, e.g. in aligned or gather, stays a stray "&").
# Accents latex2mathml writes with spacing characters the maths font lacks (\bar's macron, \dot, \ddot,
# \check, \breve, \acute): the font has their combining forms, drawn as a fixed-width accent, as TeX does.
ACCENTS = {"\u00af": "\u0304", "\u02d9": "\u0307", "\u00a8": "\u0308", "\u02c7": "\u030c", "\u02d8": "\u0306",
           "\u00b4": "\u0301"}
ALIGNMENT = re.compile(r"\\begin\{(align\*?|split|array|cases|smallmatrix|[pbBvV]?matrix)\}")
ESCAPED_BRACE = re.compile(r"\\[{}]")


def _check_braces(tex: str) -> None:
    depth = 0
    for char in ESCAPED_BRACE.sub("", tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            raise MathError(f"a '}}' without its '{{' in the formula {tex!r}: balance its braces")
    if depth:
        raise MathError(f"{depth} '{{' never closed in the formula {tex!r}: balance its braces")


def _tidy(element: ET.Element, tex: str, display: bool) -> None:
    """Unescape latex2mathml's character references, refuse what it could not convert, and fix two habits:
    an operator character written as an identifier (``\\pm`` as ``<mi>``) and limits of ``\\min``-like
    operators set as subscripts in display maths."""
    local = element.tag.rsplit("}", 1)[-1]
    if element.text:
        element.text = html.unescape(element.text)
        text = element.text
        if local != "mtext" and "\\" in text:
            raise MathError(f"unsupported TeX command {text!r} in the formula {tex!r}: write it with commands "
                            "latex2mathml knows (see its README), or as \\text{...}")
        if local == "mi" and text == "&":
            raise MathError(f"'&' outside an alignment environment in the formula {tex!r}: write \\& for the "
                            "sign, or align the lines with split, align or array (latex2mathml reads no aligned)")
        if local == "mi" and len(text) == 1 and unicodedata.category(text) == "Sm":
            element.tag = element.tag.replace("mi", "mo")
    if local in ARITY and len(element) != ARITY[local]:
        raise MathError(f"<{local}> with {len(element)} argument(s) instead of {ARITY[local]} in the formula "
                        f"{tex!r}: a \\frac, \\sqrt[...], _ or ^ lacks an argument")
    if display and local in ("msub", "msubsup") and len(element) and element[0].text in LIMIT_OPERATORS:
        element.tag = element.tag.replace(local, {"msub": "munder", "msubsup": "munderover"}[local])
    for child in element:
        _tidy(child, tex, display)
    if local == "mover" and element[1].tag == "mo" and element[1].text in ACCENTS:  # children unescaped now
        element[1].text = ACCENTS[element[1].text]
        element[1].attrib.pop("stretchy", None)
        element.set("accent", "true")


def _italic(char: str) -> str:
    """The maths italic form a browser draws a one-letter ``<mi>`` in (MathML Core's math-auto transform)."""
    code = ord(char)
    if char == "h":
        return "\u210e"  # the italic h sits in the letter-like block
    for first, last, italic in ((0x41, 0x5A, 0x1D434), (0x61, 0x7A, 0x1D44E), (0x391, 0x3A9, 0x1D6E2),
                                (0x3B1, 0x3C9, 0x1D6FC)):
        if first <= code <= last:
            return chr(italic + code - first)
    return char


def drawn_characters(math: ET.Element) -> set[str]:
    """The characters the browser draws from the maths font for this MathML (``<mtext>`` aside, whose text a
    system font may draw), one-letter identifiers in their italic form.

    >>> sorted(drawn_characters(ET.fromstring("<math><mi>p</mi><mo>=</mo><mtext>total</mtext></math>")))
    ['=', '𝑝']
    """
    drawn = set()
    for element in math.iter():
        text = (element.text or "").strip()
        if not text or element.tag == "mtext":
            continue
        if element.tag == "mi" and len(text) == 1 and element.get("mathvariant") in (None, "italic"):
            text = _italic(text)
        drawn.update(char for char in text if not char.isspace())
    return drawn


def tex_to_mathml(tex: str, display: bool = False, font: frozenset[str] | None = None) -> str:
    """The MathML of one TeX formula (``display``: a formula set on its own line).

    Raises ``MathError``, naming the formula, when it cannot be converted faithfully, or when ``font`` (the
    characters of the maths font) lacks a character the formula draws.

    >>> tex_to_mathml(r"\\frac{1}")
    Traceback (most recent call last):
    ...
    followup.errors.MathError: <mfrac> with 1 argument(s) instead of 2 in the formula '\\\\frac{1}': a \\frac, \\sqrt[...], _ or ^ lacks an argument
    """
    import latex2mathml.converter  # build-only: the learners' runtime never renders maths

    _check_braces(tex)
    try:
        math = latex2mathml.converter.convert_to_element(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml's own exceptions carry no message: name the formula instead
        raise MathError(f"latex2mathml cannot read the formula {tex!r} ({type(error).__name__}): check its "
                        "\\left/\\right pairs, environments and sub/superscripts") from error
    _tidy(math, tex, display)
    missing = sorted(drawn_characters(math) - font) if font is not None else []
    if missing:
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing)
        raise MathError(f"the maths font lacks {names} of the formula {tex!r}: add the code point to RANGES in "
                        "assets/refresh.sh and run it")
    math.attrib.pop("display", None)
    math.attrib.pop("xmlns", None)  # an HTML parser puts <math> in the MathML namespace by itself
    if display:
        math.set("display", "block")
    math.set("alttext", tex.strip())  # the source, for assistive tools that read no MathML
    return ET.tostring(math, encoding="unicode", short_empty_elements=False)


def _render(translator, node: nodes.Element, tex: str, display: bool) -> str:
    """The MathML, or (with a warning naming page, line and formula, which -W turns into a failure) the TeX."""
    try:
        return tex_to_mathml(tex, display, getattr(translator.builder.app, "mathml_font_characters", None))
    except MathError as error:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(f"maths not converted to MathML: {error}", location=node,
                                            type="mathml", subtype="tex")
        return translator.encode(tex)


def visit_math(translator, node: nodes.math) -> None:
    """An inline formula: ``<span class="math">`` around the MathML (the class the theme styles)."""
    translator.body.append(translator.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    translator.body.append(_render(translator, node, node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(translator, node: nodes.math_block) -> None:
    """A display formula (``$$``, ``{math}``, amsmath environments): a ``<div class="math">`` (the theme
    scrolls it sideways on a narrow screen), its equation number and link, one block per paragraph."""
    from sphinx.locale import _
    from sphinx.util.math import get_node_equation_number

    translator.body.append(translator.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        translator.body.append(f'<span class="eqno">({get_node_equation_number(translator, node)})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    # As Sphinx's MathJax renderer: blank lines separate equations; a part with \\ is a split equation.
    parts = [part for part in node.astext().split("\n\n") if part.strip()] if not node["nowrap"] else [node.astext()]
    for part in parts:
        if "\\\\" in part and not ALIGNMENT.search(part):
            part = "\\begin{split}" + part + "\\end{split}"
        translator.body.append(_render(translator, node, part, display=True))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def _is_maths(node) -> bool:
    return isinstance(node, (nodes.math, nodes.math_block))


def add_stylesheet(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Link ``mathml_css`` (the maths font) only on pages that have maths."""
    if app.builder.format != "html" or app.builder.math_renderer_name != RENDERER or not app.config.mathml_css:
        return
    # The page's own doctree, not the maths domain's has_equations, which also counts the pages a toctree
    # includes (so the landing page would link it, as it loaded MathJax before).
    has_maths = doctree is not None and next(doctree.findall(_is_maths), None) is not None
    if app.registry.html_assets_policy == "always" or has_maths:
        app.builder.add_css_file(app.config.mathml_css)  # this page only: the builder resets its list per page


def read_font(app) -> None:
    """Keep the characters of ``mathml_font`` (the font ``mathml_css`` declares), to check each formula's."""
    app.mathml_font_characters = None
    if app.builder.format != "html" or not app.config.mathml_font:
        return
    from fontTools.ttLib import TTFont  # build-only, as is brotli, which reads woff2

    path = pathlib.Path(app.srcdir) / app.config.mathml_font
    app.mathml_font_characters = frozenset(chr(code) for code in TTFont(path).getBestCmap())


def setup(app):
    app.add_config_value("mathml_css", "", "html")
    app.add_config_value("mathml_font", "", "html")  # path from the book's root; "" checks no coverage
    app.connect("builder-inited", read_font)
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("html-page-context", add_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
