"""Values a chapter computes, passed to its prose (``{glue:text}`name```) by myst-nb's ``glue``.

Every number in a chapter's prose is computed in its notebook; this is the one helper the chapters use to hand
those numbers to the text, so the cells that only pass values on can be hidden from the page.

>>> import numpy as np
>>> keep(n_days=np.int64(3), share=0.25)   # glued as plain 3 and 0.25, nothing displayed
"""
from __future__ import annotations

import numpy as np


def keep(**values) -> None:
    """Glue each keyword's value under its name, without displaying it.

    NumPy scalars are glued as plain Python numbers, because ``{glue:text}`` cannot format ``np.float64(...)``.
    """
    from myst_nb import glue  # imported here: the rest of the library does not need Jupyter Book

    for name, value in values.items():
        glue(name, value.item() if isinstance(value, np.generic) else value, display=False)
