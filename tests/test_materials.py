"""Material requirements from a schedule and the just-in-time order plan."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.errors import ResourceError
from followup.materials import material_requirement, order_plan
from followup.schedule import critical_path_method


def cpm():
    acts = pd.DataFrame({"id": ["FDN", "COL", "SLAB", "DONE"], "duration": [4, 6, 3, 0]})
    links = pd.DataFrame({"predecessor": ["FDN", "COL", "SLAB"], "successor": ["COL", "SLAB", "DONE"]})
    return critical_path_method(acts, links)


def test_requirement_spreads_each_quantity_over_its_activity():
    bill = pd.DataFrame({"rebar_t": [8.0, 12.0, 6.0], "cement_t": [40.0, 0.0, 30.0]}, index=["FDN", "COL", "SLAB"])
    need = material_requirement(cpm(), bill, period=1)
    assert need.index.tolist() == list(range(13))
    assert need["rebar_t"].tolist() == [2.0] * 4 + [2.0] * 6 + [2.0] * 3
    assert need["cement_t"].tolist() == [10.0] * 4 + [0.0] * 6 + [10.0] * 3
    weekly = material_requirement(cpm(), bill, period=5)
    # days 0-4: 4 days of footings (8 t) + 1 day of columns (2 t)
    assert weekly["rebar_t"].tolist() == pytest.approx([10.0, 10.0, 6.0])
    assert weekly["cement_t"].tolist() == pytest.approx([40.0, 0.0, 30.0])


def test_late_start_plan_moves_the_need():
    acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [2, 6, 2]})
    links = pd.DataFrame({"predecessor": ["A", "B"], "successor": ["C", "C"]})
    bill = pd.DataFrame({"cement_t": [4.0]}, index=["A"])
    early = material_requirement(critical_path_method(acts, links), bill)
    late = material_requirement(critical_path_method(acts, links), bill, start_col="late_start")
    assert early["cement_t"].tolist()[:6] == [2, 2, 0, 0, 0, 0]
    assert late["cement_t"].tolist()[:6] == [0, 0, 0, 0, 2, 2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 15), st.integers(0, 500)), min_size=1, max_size=8),
       st.integers(1, 10))
def test_requirement_conserves_every_quantity(rows, period):
    ids = [f"A{k}" for k in range(len(rows))]
    table = pd.DataFrame({"early_start": [r[0] for r in rows], "duration": [r[1] for r in rows]}, index=ids)
    bill = pd.DataFrame({"rebar_t": [float(r[2]) for r in rows]}, index=ids)
    need = material_requirement(table, bill, period=period)
    assert need["rebar_t"].sum() == pytest.approx(bill["rebar_t"].sum())
    assert (need["rebar_t"] >= -1e-9).all()


def test_order_plan_orders_each_lot_a_lead_time_ahead():
    bill = pd.DataFrame({"rebar_t": [8.0, 12.0, 6.0], "cement_t": [40.0, 0.0, 30.0]}, index=["FDN", "COL", "SLAB"])
    need = material_requirement(cpm(), bill, period=5)
    plan = order_plan(need, {"rebar_t": 14, "cement_t": 3})
    rebar = plan[plan["material"] == "rebar_t"]
    assert rebar["order_by"].tolist() == [-14, -9, -4]
    assert rebar["cumulative"].iloc[-1] == pytest.approx(26.0)
    cement = plan[plan["material"] == "cement_t"]
    assert cement["need_from"].tolist() == [0, 10]  # no cement in the period of the columns
    assert cement["order_by"].tolist() == [-3, 7]


@pytest.mark.parametrize(
    ("bill", "message"),
    [
        (pd.DataFrame({"rebar_t": [1.0]}, index=["ROOF"]), "activity 'ROOF', which is not in the schedule"),
        (pd.DataFrame({"rebar_t": [-1.0]}, index=["FDN"]), "material 'rebar_t' for activity 'FDN' is -1.0"),
        (pd.DataFrame({"rebar_t": ["lots"]}, index=["FDN"]), "is 'lots'; quantities must be numbers"),
        (pd.DataFrame({"rebar_t": [5.0]}, index=["DONE"]), "activity 'DONE' has duration 0"),
    ],
)
def test_bad_quantities_are_named(bill, message):
    with pytest.raises(ResourceError, match=message):
        material_requirement(cpm(), bill)


def test_bad_arguments_are_named():
    with pytest.raises(ResourceError, match="quantities must be a DataFrame"):
        material_requirement(cpm(), {"FDN": 3})
    need = material_requirement(cpm(), pd.DataFrame({"rebar_t": [8.0], "cement_t": [1.0]}, index=["FDN"]))
    with pytest.raises(ResourceError, match="no entry for material 'cement_t'"):
        order_plan(need, {"rebar_t": 3})
    with pytest.raises(ResourceError, match="lead_time of material 'rebar_t' is -2"):
        order_plan(need, -2)
    with pytest.raises(ResourceError, match="requirement must be the DataFrame"):
        order_plan([1, 2], 3)
    with pytest.raises(ResourceError, match="period must be a positive number"):
        material_requirement(cpm(), pd.DataFrame({"rebar_t": [8.0]}, index=["FDN"]), period=0)


def test_docstring_example_runs():
    import doctest

    import followup.materials

    result = doctest.testmod(followup.materials)
    assert result.attempted > 0 and result.failed == 0


def test_order_plan_chart_draws_both_curves_and_names_bad_input():
    from followup.material_plots import plot_order_plan

    bill = pd.DataFrame({"rebar_t": [8.0, 12.0, 6.0]}, index=["FDN", "COL", "SLAB"])
    plan = order_plan(material_requirement(cpm(), bill, period=5), 14)
    fig = plot_order_plan(plan, "rebar_t", unit="t")
    ordered, needed = fig.axes[0].get_lines()
    assert ordered.get_ydata()[-1] == needed.get_ydata()[-1] == pytest.approx(26.0)
    # the needed curve is the ordered one moved right by the lead time
    assert [x - 14 for x in needed.get_xdata()[:-1]] == list(ordered.get_xdata()[:-1])
    with pytest.raises(ResourceError, match="material 'cement_t' is not in the plan"):
        plot_order_plan(plan, "cement_t")
    with pytest.raises(ResourceError, match="plan must be the DataFrame returned by order_plan"):
        plot_order_plan(pd.DataFrame({"x": [1]}), "rebar_t")


def test_order_plan_chart_docstring_example_runs():
    import doctest

    import followup.material_plots

    assert doctest.testmod(followup.material_plots).failed == 0
