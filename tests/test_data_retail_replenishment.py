"""The retail replenishment case (S1.1, S1.3): schema, the figures DATASHEET.md quotes, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pytest
from _dataset_checks import broken_copy, expect_bad_cell, expect_data_error, row_label

from followup.control_chart import p_chart
from followup.datasets import retail_replenishment
from followup.errors import DataError
from followup.replenishment import inventory_kpis, simulate_periodic_review

CASE = retail_replenishment.load()


def test_shape_of_the_case():
    assert len(CASE.stores) == 3 and len(CASE.skus) == 24 and len(CASE.policy) == 72
    assert len(CASE.daily) == 52_632 and CASE.daily["date"].nunique() == 731
    assert CASE.demand_matrix(2025).shape == (365, 72)


def test_sales_and_stock_are_the_as_is_policy_simulated_on_the_demand():
    policy = CASE.policy
    run = simulate_periodic_review(CASE.demand_matrix(), policy["order_up_to"].to_numpy(),
                                   int(policy["review_period_days"].iloc[0]), CASE.per_series("lead_time_days"))
    assert (run.sold == CASE.matrix("sold").to_numpy()).all()
    assert (run.closing_stock == CASE.matrix("closing_stock").to_numpy()).all()


def test_as_is_kpis_of_2025():
    d, s = CASE.matrix("demand", 2025).to_numpy(), CASE.matrix("sold", 2025).to_numpy()
    stock, cost = CASE.matrix("closing_stock", 2025).to_numpy(), CASE.per_series("unit_cost_cny")
    assert round(100 * (d > s).mean(), 2) == 2.04
    assert round(100 * s.sum() / d.sum(), 1) == 98.4
    assert round((s * cost).sum() / (stock * cost).sum(axis=1).mean(), 1) == 62.2


def test_kpis_agree_with_the_library_definitions():
    year = slice(366, None)  # 2025
    run = simulate_periodic_review(CASE.demand_matrix(), CASE.policy["order_up_to"].to_numpy(), 7,
                                   CASE.per_series("lead_time_days"))
    sliced = type(run)(*(getattr(run, f)[year] for f in ("demand", "sold", "received", "ordered", "closing_stock")))
    kpis = inventory_kpis(sliced, CASE.per_series("unit_cost_cny"))
    assert round(100 * kpis.stockout_rate, 2) == 2.04 and round(kpis.turnover, 1) == 62.2


def test_the_promotion_empties_the_shelves():
    promo = CASE.promotions.iloc[0]
    d = CASE.daily
    window = d[(d["sku"] == promo["sku"]) & d["date"].between(promo["start_date"], promo["end_date"])]
    assert round(100 * (window["demand"] > window["sold"]).mean(), 1) == 42.9
    assert round(100 * window["sold"].sum() / window["demand"].sum(), 1) == 65.3


def test_the_complaint_kpi_signals_once():
    service = CASE.service_monthly
    chart = p_chart(service["resolved_48h"], service["complaints"], baseline=slice(0, 12), index=service["month"])
    assert round(100 * chart["centre"].iloc[0], 1) == 88.9
    assert [m.strftime("%Y-%m") for m in chart.index[chart["signal"]]] == ["2025-09"]


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("daily.csv", 5, "sold", "9999", "demanded"),
    ("daily.csv", 100, "closing_stock", "7", "previous closing stock"),
    ("daily.csv", 3, "sku", "SKU99", "not a sku in skus.csv"),
    ("skus.csv", 2, "category", "toys", "'toys' is not one of"),
    ("service_monthly.csv", 4, "resolved_48h", "99999", "more complaints resolved than received"),
])
def test_bad_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("retail_replenishment", tmp_path, name, row, column, value, reason)


def test_missing_series_day_is_named(tmp_path):
    def drop_row(text):
        lines = text.split("\n")
        return "\n".join(lines[:200] + lines[201:])

    folder = broken_copy("retail_replenishment", tmp_path, "daily.csv", drop_row)
    expect_data_error(retail_replenishment.load, folder, "daily.csv", "has 730 days, expected 731")


def test_matrix_refuses_unknown_columns_and_years():
    with pytest.raises(DataError, match="no daily column"):
        CASE.matrix("price")
    with pytest.raises(DataError, match="no day in 2030"):
        CASE.matrix("demand", 2030)


def test_row_label_wording():
    assert row_label(1) == "data row 1 (spreadsheet line 2)"
