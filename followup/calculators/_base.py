"""What the calculators share: module bundling, the error trait, a stable repr.

A calculator is an ``anywidget.AnyWidget`` whose ES module draws (and, for what a
reader types freely, computes) in the browser, so it keeps working on the static site
with no kernel. The widget
front end loads ``_esm`` from the notebook's stored state through a blob URL,
where a relative ``import`` cannot resolve; so the sources stay split into small
modules (``panel.mjs``, ``cpm.mjs``, ...) for reading and for Node, and
:func:`bundle_module` inlines their relative imports into one module string.

Python stays the reference: a subclass lists its input traits in ``_inputs``
and implements ``_compute``, which must return the result or raise a
:class:`followup.errors.FollowupError`; the result lands in ``result`` (kept
when a later input is invalid, as the panel keeps the last valid result) and
the message in ``error``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import pandas as pd
import traitlets

from followup.errors import FollowupError

__all__ = ["Calculator", "bundle_module", "json_records"]

HERE = Path(__file__).resolve().parent

# `import { a, b } from "./name.mjs";` on one line: the only import form the sources use.
_IMPORT = re.compile(r'^import\s*\{[^}]*\}\s*from\s*"\./([\w-]+\.mjs)";?\s*$', re.MULTILINE)


def bundle_module(entry: str | Path) -> str:
    """Return the ES module ``entry`` with its relative imports inlined, each module once.

    Inlined modules keep their ``export`` keywords, so the bundle also exports
    the shared compute functions (the parity harness imports them from it).

    Example::

        >>> src = bundle_module(HERE / "rpn_calculator.mjs")
        >>> "import {" in src
        False
    """
    seen: set[str] = set()

    def inline(path: Path) -> str:
        seen.add(path.name)
        text = path.read_text(encoding="utf-8")

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in seen:
                return ""
            return f"// ---- {name} ----\n{inline(path.parent / name)}\n// ---- end {name} ----"

        return _IMPORT.sub(replace, text)

    return inline(Path(entry))


class Calculator(anywidget.AnyWidget):
    """Base of the calculators: subclasses set ``_module`` (file name of their ES module)."""

    _module: ClassVar[str]
    _inputs: ClassVar[tuple[str, ...]] = ()
    _css = HERE / "calculators.css"

    #: plain-language message of the last invalid input ("" when the inputs are valid)
    error = traitlets.Unicode("").tag(sync=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "_module" in cls.__dict__:
            cls._esm = bundle_module(HERE / cls._module)
        super().__init_subclass__(**kwargs)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._result: Any = None
        self._refresh()
        self.observe(lambda _change: self._refresh(), names=list(self._inputs))

    def _compute(self) -> Any:
        raise NotImplementedError

    def _refresh(self) -> None:
        # The observer never raises: a bad input becomes a message, the last valid result stays.
        try:
            result = self._compute()
        except FollowupError as exc:
            self.error = str(exc)
        else:
            self._result = result
            self.error = ""

    @property
    def result(self) -> Any:
        """The library's result for the current inputs (the last valid one while ``error`` is set)."""
        return self._result

    @property
    def stale(self) -> bool:
        """True when ``result`` belongs to earlier inputs because the current ones are invalid."""
        return bool(self.error)

    def __repr__(self) -> str:
        state = f"error={self.error!r}" if self.error else self._summary()
        return f"{type(self).__name__}({state})"

    def _summary(self) -> str:
        raise NotImplementedError


def json_records(frame: pd.DataFrame) -> list[dict]:
    """A DataFrame as JSON-ready rows for a trait: numpy scalars as Python numbers, NaN as None.

    >>> json_records(pd.DataFrame({"id": ["A"], "duration": [3.0], "note": [float("nan")]}))
    [{'id': 'A', 'duration': 3.0, 'note': None}]
    """
    def plain(value: Any) -> Any:
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
