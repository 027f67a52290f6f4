"""tools/code_lines.py: which lines of a built chapter page count as visible, glue or assert code."""

import doctest
import importlib.util
import pathlib

REPO = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("code_lines", REPO / "tools" / "code_lines.py")
code_lines = importlib.util.module_from_spec(spec)
spec.loader.exec_module(code_lines)

PAGE = """<html><body>
<div class="cell docutils container"><div class="cell_input docutils container"><pre>import x

x.run()
keep(a=1,
     b=2)
assert x.ok</pre></div></div>
<div class="cell tag_remove-input docutils container"><div class="cell_output">42</div></div>
<div class="cell tag_hide-input docutils container"><details class="hide above-input"><summary>Show</summary>
<div class="cell_input docutils container"><pre>plot()
plot_more()</pre></div></details></div>
</body></html>"""


def test_measure_counts_visible_glue_collapsed_and_removed(tmp_path):
    page = tmp_path / "02-time.html"
    page.write_text(PAGE, encoding="utf-8")
    assert code_lines.measure(page) == {"cells": 1, "lines": 5, "glue/assert": 3, "collapsed": 2, "removed": 1}


def test_glue_helper_definition_and_attribute_calls_count():
    code = "def keep(**v):\n    glue(**v)\n\nmyst_nb.glue('x', 1)\ny = keep(a=1)\n"
    # the definition and the bare call count; an assignment that also glues does not
    assert sorted(code_lines.glue_or_assert_lines(code)) == [1, 2, 4]
    assert code_lines.glue_or_assert_lines("%matplotlib inline") == set()


def test_no_site_is_reported(tmp_path, capsys):
    assert code_lines.main(["--site", str(tmp_path)]) == 1
    assert "build the site first" in capsys.readouterr().err


def test_docstring_example():
    assert doctest.testmod(code_lines).failed == 0
