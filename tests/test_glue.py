"""followup.glue.keep: the chapters' one helper for passing values to their prose."""
from unittest import mock

import numpy as np

from followup.glue import keep


def test_keep_glues_plain_values_without_display():
    with mock.patch("myst_nb.glue") as glue:
        keep(n_days=np.int64(3), share=np.float64(0.25), label="618")
    calls = {c.args[0]: c for c in glue.call_args_list}
    assert set(calls) == {"n_days", "share", "label"}
    assert type(calls["n_days"].args[1]) is int and calls["n_days"].args[1] == 3
    assert type(calls["share"].args[1]) is float and calls["label"].args[1] == "618"
    assert all(c.kwargs == {"display": False} for c in calls.values())
