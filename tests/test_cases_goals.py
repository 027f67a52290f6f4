"""The rules of chapter 1's cases (followup/cases/retail_replenishment.py, npd_launch.py) give, since they moved
out of the loaders, exactly the tables the loaders' methods gave: the digests below were taken from
``RetailCase.policy_grid()``, ``RetailCase.as_is_kpis()`` and ``NpdCase.change_cost()`` before the move."""

import hashlib

import pandas as pd

from followup.cases.npd_launch import design_change_cost
from followup.cases.retail_replenishment import REVIEW_PERIODS, SAFETY_FACTORS, as_is_kpis, policy_grid
from followup.datasets import npd_launch, retail_replenishment

RETAIL = retail_replenishment.load()
NPD = npd_launch.load()


def digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv().encode()).hexdigest()


def test_policy_grid_is_the_table_the_loader_gave():
    grid = policy_grid(RETAIL)
    assert grid.shape == (len(REVIEW_PERIODS) * len(SAFETY_FACTORS), 6) == (60, 6)
    assert digest(grid) == "283c1831cc5457f16e185b72634b9a18fa27fc6fd60d4cb48a39f961cecf5fc1"
    assert digest(policy_grid(RETAIL, (7,), (1.0,))) == (
        "17b124f61b6012f8dd7de667d30abdda546b104d7ee67aca44742b027cf59d5e")


def test_as_is_kpis_are_the_figures_the_loader_gave():
    kpis = as_is_kpis(RETAIL)
    assert (kpis.turnover, kpis.stockout_rate, kpis.fill_rate) == (
        62.18031369255292, 0.0204337899543379, 0.9843867899904613)
    assert kpis.average_stock_cost == 35495.39506849315 and kpis.days_of_inventory == 5.870025066208608


def test_design_change_cost_is_the_table_the_loader_gave():
    cost = design_change_cost(NPD)
    assert digest(cost) == "34ff462c9a7508866a30fae54c7a47ed7ac96e533f4d875a95958f93d7e9cd29"
    assert cost["total"].tolist() == [1_058_000, 4_003_000, 6_758_000, 9_067_000, 9_692_000]


def test_loaders_only_load():
    for method in ("policy_grid", "as_is_kpis"):
        assert not hasattr(RETAIL, method)
    assert not hasattr(NPD, "change_cost")


def test_docstring_examples_run():
    import doctest

    from followup.cases import npd_launch as npd_rules
    from followup.cases import retail_replenishment as retail_rules
    for module in (retail_rules, npd_rules):
        result = doctest.testmod(module)
        assert result.attempted >= 2 and result.failed == 0
