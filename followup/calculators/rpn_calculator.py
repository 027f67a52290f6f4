"""The RPN / Action Priority calculator of chapter 4: rate failure modes, watch the ranking.

The reader rates each failure mode of a risk register (severity, occurrence,
detection, 1-10) and sees its RPN, its AIAG-VDA Action Priority and its rank, with
a notice when two risks share an RPN but differ sharply in severity. The Action
Priority of every rating triplet is a finite table: Python ships it as data
(``ap_letters``, :func:`followup.risk.action_priority_letters`) and the page looks it up.
The page ranks the register itself (``rankRegister`` and ``sameRpnDifferentSeverity`` in
``rpn_calculator.mjs``, the twins of :func:`followup.risk.rank_register` and
:func:`followup.risk.same_rpn_different_severity`); Python recomputes the same on every
change (``result``), and ``tests/test_parity.py`` holds the two equal.

Example::

    >>> calc = RpnCalculator.from_case("subsea_tunnel")
    >>> calc.result.ranking["rank"].iloc[0]
    np.int64(1)
    >>> calc.register = [{"risk": "leak", "severity": 11, "occurrence": 2, "detection": 2}]
    >>> calc.error
    "severity of risk 'leak' is 11; ratings are whole numbers from 1 to 10"
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import pandas as pd
import traitlets

from followup.calculators._base import Calculator, json_records
from followup.errors import DataError
from followup.risk import action_priority_letters, rank_register, same_rpn_different_severity

__all__ = ["RpnCalculator", "RpnResult", "rpn_result"]

REGISTER_FIELDS = ("risk", "severity", "occurrence", "detection")
#: the rankings the panel offers (a subset of rank_register's: the case registers carry no costs)
RANK_CHOICES = {"ap": "Action Priority (H > M > L)", "rpn": "RPN (S × O × D)", "severity": "Severity"}
CASES = {"subsea_tunnel": "A subsea tunnel's risks", "pd1_trial": "The PD-1 trial's risks"}


@dataclass(frozen=True)
class RpnResult:
    """What the RPN calculator shows for one set of inputs."""

    ranking: pd.DataFrame  # the register with rpn, action_priority and rank, sorted by rank
    collisions: pd.DataFrame  # pairs with the same RPN and severities min_gap or more apart


def rpn_result(register: list[dict], rank_by: str = "ap", min_gap: Any = 5) -> RpnResult:
    """Rank ``register`` (rows with ``risk`` and the three ratings) and find RPN collisions.

    Cells keep the values given (object columns), so a bad rating is quoted as typed.

    >>> rows = [{"risk": "leak", "severity": 10, "occurrence": 2, "detection": 2},
    ...         {"risk": "scratch", "severity": 2, "occurrence": 5, "detection": 4}]
    >>> rpn_result(rows).collisions[["risk_a", "risk_b", "rpn"]].values.tolist()
    [['leak', 'scratch', 40]]
    """
    if rank_by not in RANK_CHOICES:
        raise DataError(f"rank_by is {rank_by!r}; the calculator ranks by one of {', '.join(map(repr, RANK_CHOICES))}")
    frame = pd.DataFrame(list(register), dtype=object)
    return RpnResult(
        ranking=rank_register(frame, by=rank_by),
        collisions=same_rpn_different_severity(frame, min_gap=min_gap),
    )


class RpnCalculator(Calculator):
    """RPN, Action Priority and ranking of a risk register, live in the browser."""

    _module = "rpn_calculator.mjs"
    _inputs = ("register", "rank_by", "min_gap")

    title = traitlets.Unicode("RPN and Action Priority calculator").tag(sync=True)
    #: rows {risk, severity, occurrence, detection}; any value is accepted, a bad one shows as ``error``
    register = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: "ap" (Action Priority, then severity), "rpn" or "severity"
    rank_by = traitlets.Unicode("ap").tag(sync=True)
    #: severity steps that make two equal RPNs worth a notice
    min_gap = traitlets.Any(5).tag(sync=True)
    #: computed by Python for the page: the Action Priority of every (S, O, D), and the rankings offered
    ap_letters = traitlets.Unicode(action_priority_letters()).tag(sync=True)
    rank_choices = traitlets.Dict(RANK_CHOICES).tag(sync=True)

    @classmethod
    def from_case(cls, case: str = "subsea_tunnel", **kwargs: Any) -> RpnCalculator:
        """The calculator on a case's risk register: ``"subsea_tunnel"`` or ``"pd1_trial"``."""
        if case not in CASES:
            raise DataError(f"no risk register for case {case!r}; use one of {', '.join(map(repr, CASES))}")
        risks = importlib.import_module(f"followup.datasets.{case}").load().risks
        defaults = {"register": json_records(risks[list(REGISTER_FIELDS)]),
                    "title": f"RPN and Action Priority: {CASES[case]}"}
        return cls(**{**defaults, **kwargs})

    def _compute(self) -> RpnResult:
        return rpn_result(self.register, self.rank_by, self.min_gap)

    def _summary(self) -> str:
        top = self.result.ranking.iloc[0] if len(self.result.ranking) else None
        first = "empty register" if top is None else f"first {top['risk']!r} (AP {top['action_priority']}, RPN {top['rpn']})"
        return f"{len(self.result.ranking)} risks ranked by {self.rank_by!r}, {first}, " \
               f"{len(self.result.collisions)} same-RPN pair(s) with severity gap >= {self.min_gap}"
