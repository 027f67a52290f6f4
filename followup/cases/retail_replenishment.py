"""The rules of the retail replenishment case (chapter 1, S1.1): the policies the chain compares.

:mod:`followup.datasets.retail_replenishment` reads the files; this module says which order-up-to
policies the chapter, its exercises and the goal calculator (which ships the table to the page)
compare, on which years, and what the stores' own policy achieved::

    >>> from followup.datasets import retail_replenishment as loader
    >>> case = loader.load()
    >>> weekly = policy_grid(case, review_periods=(7,), safety_factors=(1.0,))
    >>> weekly[["turnover", "stockout_rate"]].round(3).to_dict("records")
    [{'turnover': 58.937, 'stockout_rate': 0.016}]
    >>> kpis = as_is_kpis(case)  # the stores' own policy in 2025
    >>> round(kpis.turnover, 1), round(100 * kpis.stockout_rate, 2)
    (62.2, 2.04)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup import replenishment
from followup.replenishment import InventoryKpis, ReplenishmentRun, inventory_kpis

if TYPE_CHECKING:
    from followup.datasets.retail_replenishment import RetailCase

__all__ = ["EVALUATION_YEAR", "HISTORY_YEAR", "REVIEW_PERIODS", "SAFETY_FACTORS", "as_is_kpis", "policy_grid"]

#: The policies the chapter and its calculator compare: review periods (days) x safety factors.
REVIEW_PERIODS = (1, 3, 7, 14)
SAFETY_FACTORS = tuple(np.round(np.arange(-0.5, 3.01, 0.25), 2).tolist())
HISTORY_YEAR, EVALUATION_YEAR = 2024, 2025  # levels set from 2024's demand, judged on 2025's


def policy_grid(case: RetailCase, review_periods=REVIEW_PERIODS, safety_factors=SAFETY_FACTORS) -> pd.DataFrame:
    """KPIs of every (review period, safety factor) policy: levels set from :data:`HISTORY_YEAR`'s demand,
    simulated on :data:`EVALUATION_YEAR`'s, with each series' lead time and unit cost
    (:func:`followup.replenishment.policy_grid`)."""
    return replenishment.policy_grid(case.demand_matrix(EVALUATION_YEAR), case.demand_matrix(HISTORY_YEAR),
                                     case.per_series("lead_time_days"), case.per_series("unit_cost_cny"),
                                     review_periods, safety_factors)


def as_is_kpis(case: RetailCase, year: int = EVALUATION_YEAR) -> InventoryKpis:
    """The KPIs of the stores' own policy in ``year``, from the recorded sales and stock
    (:func:`followup.replenishment.inventory_kpis`; orders are not recorded, so they count as none)."""
    matrices = {c: case.matrix(c, year).to_numpy(dtype=np.int64) for c in ("demand", "sold", "received",
                                                                           "closing_stock")}
    run = ReplenishmentRun(ordered=np.zeros_like(matrices["sold"]), **matrices)
    return inventory_kpis(run, case.per_series("unit_cost_cny"))
