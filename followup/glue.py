"""Values a notebook computes, passed to its prose (``{glue:text}`name```): myst-nb's ``glue``, without myst-nb.

Every number in a chapter's prose is computed in its notebook; ``keep`` is the one helper the chapters use to hand
those numbers to the text, so the cells that only pass values on can be hidden from the page. Running a notebook
needs none of Jupyter Book: a glued value is only a display output marked for myst-nb, which reads it when the
book is built. So this module writes that output itself, and the learners' environment (``binder/``) does not
carry myst-nb, Sphinx and docutils.

In a notebook cell: ``keep(n_days=np.int64(3), share=0.25)`` glues plain 3 and 0.25 and displays nothing;
the prose then says ``{glue:text}`n_days``` (outside a kernel IPython's ``display`` only prints).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from IPython.core.formatters import format_display_data
from IPython.display import display as publish

#: The prefix of a hidden glued value's MIME types; myst-nb reads it back (``myst_nb.ext.glue.GLUE_PREFIX``).
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value: Any, display: bool = True) -> None:
    """Record ``value``'s display forms under ``name`` in the cell's outputs, for ``{glue:...}`` in the prose.

    Twin of ``myst_nb.glue`` (``myst_nb/ext/glue/__init__.py``, myst-nb 1.x): the same MIME bundle and
    ``{"scrapbook": {"name": ..., "mime_prefix": ...}}`` metadata, so the book build reads the value as if
    myst-nb had glued it; ``display=False`` hides it from the page. Parity: ``tests/test_glue.py``.
    """
    bundle, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=prefix)
    publish({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


def keep(**values) -> None:
    """Glue each keyword's value under its name, without displaying it.

    NumPy scalars are glued as plain Python numbers, because ``{glue:text}`` cannot format ``np.float64(...)``.
    """
    for name, value in values.items():
        glue(name, value.item() if isinstance(value, np.generic) else value, display=False)
