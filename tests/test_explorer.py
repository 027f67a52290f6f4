"""The slider instrument: deterministic, escaped, labelled, bounded, and refusing malformed tables."""
import json

import pandas as pd
import pytest

from followup.errors import FollowupError
from followup.explorer import MAX_ROWS, explorer

ROWS = pd.DataFrame({"recall": ["90 %", "80 %", "70 %"], "threshold": ["0.1", "0.2", "0.3"],
                     "note": ["a <b>", "c", "</script>"]})


def test_html_is_deterministic_and_starts_on_the_middle_row():
    one = explorer(ROWS, control="threshold", title="T")._repr_html_()
    assert one == explorer(ROWS, control="threshold", title="T")._repr_html_()
    assert 'value="1"' in one and '<output for=' in one and ">0.2</output>" in one
    assert '<td data-col="1">80 %</td>' in one  # the control first, then the other columns in order


def test_every_row_is_carried_and_text_is_escaped():
    page = explorer(ROWS, control="threshold", title="T", start=0)._repr_html_()
    data = page.split('<script type="application/json">')[1].split("</script>")[0]
    assert json.loads(data.replace("<\\/", "</")) == [["0.1", "90 %", "a <b>"], ["0.2", "80 %", "c"],
                                                      ["0.3", "70 %", "</script>"]]
    assert "a &lt;b&gt;" in page
    assert page.count("</script>") == 2  # the data block and the code, no early close


def test_the_slider_is_labelled():
    page = explorer(ROWS, control="threshold", title="T")._repr_html_()
    xid = page.split('class="fu-explorer" id="')[1].split('"')[0]
    assert f'<label for="{xid}-in">threshold:' in page and f'id="{xid}-in" type="range"' in page


@pytest.mark.parametrize("make, words", [
    (lambda: explorer([1, 2], control="a", title="T"), "DataFrame"),
    (lambda: explorer(ROWS.iloc[:1], control="threshold", title="T"), "2 to"),
    (lambda: explorer(pd.DataFrame({"a": range(MAX_ROWS + 1), "b": 0}), control="a", title="T"), "2 to"),
    (lambda: explorer(ROWS, control="thresold", title="T"), "not a column"),
    (lambda: explorer(ROWS[["threshold"]], control="threshold", title="T"), "besides the control"),
    (lambda: explorer(ROWS, control="threshold", title="T", start=3), "start must be"),
])
def test_malformed_explorers_are_refused_with_a_reason(make, words):
    with pytest.raises(FollowupError, match=words):
        make()
