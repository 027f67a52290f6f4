"""followup.sphinx_mathml: TeX becomes MathML at build time, and a formula it cannot convert fails the build."""

import doctest
import json
import pathlib
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

import followup.sphinx_mathml as sphinx_mathml
from followup.errors import MathError

REPO = pathlib.Path(__file__).resolve().parents[1]
SOURCES = ("intro.md", "chapters", "exercises", "instructors")
FONT = REPO / "assets" / "site" / "_static" / "offline" / "math" / "noto-sans-math-book.woff2"


@pytest.fixture(scope="module")
def font() -> frozenset[str]:
    """The characters of the site's maths font subset (what _config.yml's mathml_font names)."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(code) for code in TTFont(FONT).getBestCmap())


def book_formulas() -> list[tuple[str, str, bool]]:
    """(file, TeX, display) of every formula in the book's markdown, found as MyST's dollarmath finds them."""
    parser = MarkdownIt().use(dollarmath_plugin)
    found = []
    for source in SOURCES:
        path = REPO / source
        for file in sorted([path] if path.is_file() else [*path.rglob("*.md"), *path.rglob("*.ipynb")]):
            if ".ipynb_checkpoints" in file.parts:
                continue
            if file.suffix == ".ipynb":
                cells = json.loads(file.read_text(encoding="utf-8"))["cells"]
                texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
            else:
                texts = [file.read_text(encoding="utf-8")]
            for text in texts:
                for token in _walk(parser.parse(text)):
                    if token.type in ("math_inline", "math_block"):
                        found.append((file.relative_to(REPO).as_posix(), token.content, token.type == "math_block"))
    return found


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def test_the_book_has_maths_in_chapters_one_and_two():
    files = {file for file, _, _ in book_formulas()}
    assert {"chapters/01-goals.ipynb", "chapters/02-time.ipynb"} <= files


@pytest.mark.parametrize("file, tex, display", book_formulas())
def test_every_formula_of_the_book_converts(file, tex, display, font):
    mathml = sphinx_mathml.tex_to_mathml(tex, display, font)
    assert mathml.startswith("<math") and mathml.endswith("</math>")
    assert ('display="block"' in mathml) == display
    # no TeX left outside the alttext attribute: every command became MathML
    assert "\\" not in mathml.split(">", 1)[1]


def test_operators_are_operators_and_display_limits_go_below():
    assert "<mo>±</mo>" in sphinx_mathml.tex_to_mathml(r"\bar p \pm 3")
    display = sphinx_mathml.tex_to_mathml(r"\min_{s \in S} x_s", display=True)
    inline = sphinx_mathml.tex_to_mathml(r"\min_{s \in S} x_s")
    assert display.count("<munder>") == 1 and "<msub><mo>min" not in display
    assert "<msub><mo>min</mo>" in inline


def test_accents_are_drawn_with_characters_of_the_maths_font(font):
    for tex in (r"\bar p", r"\dot x", r"\ddot x", r"\check x", r"\breve x", r"\acute x", r"\hat x", r"\vec v"):
        mathml = sphinx_mathml.tex_to_mathml(tex, font=font)  # raises if the font lacks a character
        assert mathml.count("<mover") == 1, mathml
    assert '<mover accent="true"><mi>p</mi><mo>\u0304</mo></mover>' in sphinx_mathml.tex_to_mathml(r"\bar p")


def test_special_characters_are_escaped_once():
    mathml = sphinx_mathml.tex_to_mathml(r"a < b \quad \text{R&D}")
    assert "<mo>&lt;</mo>" in mathml and "R&amp;D" in mathml


@pytest.mark.parametrize(
    "tex, says",
    [
        (r"x = \foo{y}", "unsupported TeX command '\\\\foo'"),
        (r"\frac{1}", "<mfrac> with 1 argument"),
        (r"{x + y", "'{' never closed"),
        (r"x + y}", "a '}' without its '{'"),
        (r"a & b", "'&' outside an alignment"),
        (r"\left( x", "ExtraLeftOrMissingRightError"),
    ],
)
def test_a_formula_it_cannot_convert_is_an_error_naming_it(tex, says):
    with pytest.raises(MathError) as raised:
        sphinx_mathml.tex_to_mathml(tex)
    assert says in str(raised.value) and repr(tex) in str(raised.value)


def test_a_character_the_maths_font_lacks_is_an_error_naming_it(font):
    assert "𝑥" in font and "∈" in font  # the italic x of <mi>x</mi>, an operator
    with pytest.raises(MathError, match=r"lacks U\+2135 ALEF SYMBOL of the formula '\\\\aleph_0'"):
        sphinx_mathml.tex_to_mathml(r"\aleph_0", font=font)


def test_drawn_characters_are_the_italic_forms_of_one_letter_identifiers():
    math = sphinx_mathml.ET.fromstring(sphinx_mathml.tex_to_mathml(r"h + \alpha_{\text{max}} \leq \mathbf{x}"))
    assert sphinx_mathml.drawn_characters(math) == {"ℎ", "+", "𝛼", "≤", "𝐱"}


def test_the_config_names_the_font_the_stylesheet_declares():
    config = (REPO / "_config.yml").read_text(encoding="utf-8")
    css = (FONT.parent / "math.css").read_text(encoding="utf-8")
    assert f"mathml_font: {FONT.relative_to(REPO).as_posix()}" in config and f'url("{FONT.name}")' in css


def test_an_alignment_may_use_ampersands_and_one_it_cannot_read_is_refused():
    mathml = sphinx_mathml.tex_to_mathml(r"\begin{split} a &= b \\ c &= d \end{split}", display=True)
    assert "<mtable" in mathml and "&amp;" not in mathml.split(">", 1)[1]
    with pytest.raises(MathError, match="outside an alignment"):
        sphinx_mathml.tex_to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", display=True)


def _build(tmp_path: pathlib.Path, pages: dict[str, str]) -> pathlib.Path:
    """A strict (-W) Sphinx HTML build of ``pages`` (name -> reStructuredText) with the extension loaded."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['followup.sphinx_mathml']\nhtml_math_renderer = 'mathml'\n"
        "mathml_css = 'offline/math/math.css'\n",
        encoding="utf-8",
    )
    toctree = "\n".join(f"   {name}" for name in pages if name != "index")
    (src / "index.rst").write_text(f"Book\n====\n\n.. toctree::\n\n{toctree}\n\n{pages.get('index', '')}\n", encoding="utf-8")
    for name, body in pages.items():
        if name != "index":
            (src / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "html"
    # its own process: a second Sphinx application in this one re-registers nodes (itself a warning)
    build = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(src), str(out)],
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    if build.returncode:
        raise BuildFailed(build.stderr)
    return out


class BuildFailed(Exception):
    """The strict build stopped; its message is the build's error output."""


def test_a_strict_build_writes_mathml_and_loads_no_maths_script(tmp_path):
    out = _build(tmp_path, {"maths": "Inline :math:`\\bar d \\pm s_d`.\n\n.. math::\n   :label: stock\n\n   S = \\bar d\\,(R + L)\n",
                            "plain": "No maths here."})
    maths = (out / "maths.html").read_text(encoding="utf-8")
    plain = (out / "plain.html").read_text(encoding="utf-8")
    assert maths.count("<math") == 2 and '<math display="block"' in maths
    assert '<span class="eqno">(1)' in maths
    assert "mathjax" not in maths.lower() and "mathjax" not in plain.lower()
    assert "offline/math/math.css" in maths and "offline/math/math.css" not in plain


def test_a_strict_build_fails_naming_the_formula_it_cannot_convert(tmp_path):
    with pytest.raises(BuildFailed) as raised:
        _build(tmp_path, {"maths": "Broken :math:`x = \\foo{y}` here."})
    assert "maths.rst" in str(raised.value) and "'x = \\\\foo{y}'" in str(raised.value)


def test_docstring_examples():
    assert doctest.testmod(sphinx_mathml).failed == 0
