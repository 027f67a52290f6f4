"""followup.glue: the chapters' one helper for passing values to their prose, and its twin, myst-nb's glue.

``followup.glue.glue`` writes the display output ``myst_nb.glue`` writes, so notebooks run without myst-nb (the
learners' environment) and the book build still reads every glued value. The parity tests compare what both
publish through IPython's display machinery; myst-nb is in the full environment (requirements.txt), which
builds the book. No notebook glues a figure (every glued output is text/plain), so figures are not compared.
"""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from followup.glue import GLUE_PREFIX, glue, keep

VALUES = {"an_int": 3, "a_float": 0.1234567, "a_big_float": 1.5e9, "a_str": "618", "a_cny": "CNY 1,234",
          "a_bool": True, "a_list": [1, 2.5], "a_frame": pd.DataFrame({"activity": ["A", "B"], "float": [0, 2.5]}),
          "a_series": pd.Series([0.25, 0.5], index=["x", "y"], name="share")}


@pytest.fixture
def published():
    """What display() publishes, in an IPython shell as in a kernel: a list of (data, metadata)."""
    shell = InteractiveShell.instance()
    outputs = []
    real = shell.display_pub.publish
    shell.display_pub.publish = lambda data, metadata=None, **kwargs: outputs.append((data, metadata))
    yield outputs
    shell.display_pub.publish = real
    InteractiveShell.clear_instance()


@pytest.mark.parametrize("display", [True, False])
@pytest.mark.parametrize("name", VALUES)
def test_glue_publishes_what_myst_nb_glue_publishes(published, name, display):
    myst_nb = pytest.importorskip("myst_nb", reason="myst-nb is in the full environment (requirements.txt)")
    glue(name, VALUES[name], display=display)
    myst_nb.glue(name, VALUES[name], display=display)
    ours, theirs = published
    assert ours == theirs
    assert ours[1]["scrapbook"] == {"name": name, "mime_prefix": "" if display else GLUE_PREFIX}


def test_the_prefix_is_myst_nbs():
    pytest.importorskip("myst_nb", reason="myst-nb is in the full environment (requirements.txt)")
    from myst_nb.ext.glue import GLUE_PREFIX as MYST_NB_PREFIX

    assert GLUE_PREFIX == MYST_NB_PREFIX


def test_the_book_build_reads_what_keep_glued(published):
    """myst-nb's own reader of a notebook's glue outputs finds keep's values, as plain numbers."""
    pytest.importorskip("myst_nb", reason="myst-nb is in the full environment (requirements.txt)")
    from myst_nb.ext.glue import extract_glue_data_cell
    from nbformat import from_dict

    keep(n_days=np.int64(3), share=np.float64(0.25), label="618")
    cell = from_dict({"cell_type": "code", "outputs": [
        {"output_type": "display_data", "data": data, "metadata": metadata} for data, metadata in published]})
    read = {key: value["data"] for key, value in extract_glue_data_cell(cell)}
    assert read == {"n_days": {"text/plain": "3"}, "share": {"text/plain": "0.25"}, "label": {"text/plain": "'618'"}}


def test_keep_glues_plain_values_without_display(published):
    keep(n_days=np.int64(3), share=np.float64(0.25), label="618")
    assert [meta["scrapbook"]["name"] for _, meta in published] == ["n_days", "share", "label"]
    assert all(meta["scrapbook"]["mime_prefix"] == GLUE_PREFIX for _, meta in published)
    assert published[0][0] == {GLUE_PREFIX + "text/plain": "3"}  # not "np.int64(3)"
    assert published[1][0] == {GLUE_PREFIX + "text/plain": "0.25"}


def test_running_a_notebook_does_not_need_myst_nb():
    code = "import sys, followup.glue; print(sorted({'myst_nb', 'sphinx', 'docutils'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "[]", f"followup.glue imports the book builder: {loaded}"
