"""RPN, risk-register ranking, what RPN hides, expected monetary value and contingency."""

import itertools
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.errors import DataError, FollowupError, RatingError
from followup.risk import (
    Contingency,
    contingency_reserve,
    expected_monetary_value,
    rank_register,
    rating_combinations,
    rpn,
    rpn_collisions,
    rpn_distinct_values,
    same_rpn_different_severity,
)


@pytest.fixture
def register():
    return pd.DataFrame({
        "risk": ["rock burst", "water ingress", "fault-zone collapse", "TBM jamming", "harmful gas"],
        "severity": [9, 10, 8, 6, 3],
        "occurrence": [2, 4, 3, 5, 7],
        "detection": [5, 4, 6, 4, 8],
        "probability": [0.05, 0.2, 0.1, 0.25, 0.4],
        "impact": [40e6, 25e6, 30e6, 8e6, 1e6],
    })


# ---- rpn -------------------------------------------------------------------------------------------------

def test_rpn_scalar_is_the_product():
    assert rpn(7, 4, 3) == 84
    assert isinstance(rpn(7, 4, 3), int)
    assert rpn(10, 10, 10) == 1000 and rpn(1, 1, 1) == 1


def test_rpn_accepts_whole_floats_and_numpy_integers():
    assert rpn(7.0, np.int64(4), np.float64(3.0)) == 84


@pytest.mark.parametrize("bad, message", [
    (11, "severity is 11; ratings are whole numbers from 1 to 10"),
    (0, "severity is 0; ratings"),
    (-3, "severity is -3; ratings"),
    (7.5, "severity is 7.5; ratings"),
    (True, r"severity is True \(a yes/no value\)"),
    (float("nan"), r"severity is missing \(NaN\)"),
    (float("inf"), "severity is inf"),
    ("7", r"severity is '7' \(text\)"),
    (None, "severity is missing"),
])
def test_rpn_rejects_bad_severity(bad, message):
    with pytest.raises(RatingError, match=message):
        rpn(bad, 2, 2)


def test_rpn_names_occurrence_and_detection_too():
    with pytest.raises(RatingError, match="^occurrence is 12;"):
        rpn(5, 12, 2)
    with pytest.raises(RatingError, match="^detection is 0.5;"):
        rpn(5, 2, 0.5)


def test_rating_error_is_a_value_error():
    with pytest.raises(ValueError):
        rpn(5, 2, 11)


def test_rpn_on_arrays_and_series():
    out = rpn(np.array([1, 2, 10]), np.array([1, 3, 10]), 2)
    assert isinstance(out, np.ndarray) and out.tolist() == [2, 12, 200]
    series = rpn(pd.Series([9, 3], index=["x", "y"]), pd.Series([2, 6], index=["x", "y"]), 5)
    assert series.name == "rpn" and series.to_dict() == {"x": 90, "y": 90}


def test_rpn_array_error_names_the_row():
    with pytest.raises(RatingError, match=r"occurrence of row 2 is 7.5"):
        rpn([5, 5, 5], [1, 2, 7.5], 3)
    with pytest.raises(RatingError, match=r"severity of row 'b' is True"):
        rpn(pd.Series([3, True], index=["a", "b"], dtype=object), 2, 2)
    with pytest.raises(RatingError, match=r"detection of row 1 is 'x'"):
        rpn([3, 3], [2, 2], np.array([4, "x"], dtype=object))


def test_rpn_rejects_boolean_arrays_and_mismatched_lengths():
    with pytest.raises(RatingError, match="severity of row 0 is True"):
        rpn(np.array([True, False]), 1, 1)
    with pytest.raises(RatingError, match="different lengths"):
        rpn([1, 2], [1, 2, 3], 1)


@given(st.integers(1, 10), st.integers(1, 10), st.integers(1, 10))
def test_rpn_vectorised_equals_scalar(s, o, d):
    assert rpn(np.array([s]), np.array([o]), np.array([d]))[0] == rpn(s, o, d) == s * o * d


# ---- what RPN hides --------------------------------------------------------------------------------------

def test_there_are_120_distinct_rpn_values():
    products = {s * o * d for s, o, d in itertools.product(range(1, 11), repeat=3)}
    values = rpn_distinct_values()
    assert len(values) == len(products) == 120
    assert values.tolist() == sorted(products)
    assert 11 not in values and 1000 in values


def test_collisions_count_every_combination_once():
    table = rpn_collisions()
    brute = Counter(s * o * d for s, o, d in itertools.product(range(1, 11), repeat=3))
    assert table["rpn"].tolist() == sorted(brute)
    assert dict(zip(table["rpn"], table["combinations"])) == dict(brute)
    assert table["combinations"].sum() == 1000
    assert table["combinations"].max() == max(brute.values())


def test_collisions_show_mixed_priorities_and_severities():
    row = rpn_collisions().set_index("rpn").loc[100]
    assert row["min_severity"] == 1 and row["max_severity"] == 10
    assert row["priorities"] == "H/M/L"
    assert rpn_collisions().set_index("rpn").loc[1, "priorities"] == "L"


def test_rating_combinations_covers_the_cube():
    combos = rating_combinations()
    assert len(combos) == 1000 and combos["id"].is_unique
    assert combos.set_index("id").loc["S10-O1-D1", "rpn"] == 10


def test_same_rpn_different_severity_in_a_register():
    register = pd.DataFrame({"risk": ["leak", "scratch", "delay", "noise"],
                             "severity": [10, 2, 5, 1], "occurrence": [2, 5, 3, 10], "detection": [2, 4, 2, 4]})
    pairs = same_rpn_different_severity(register, min_gap=5)
    assert pairs[["risk_a", "risk_b", "rpn", "severity_gap"]].values.tolist() == [
        ["leak", "noise", 40, 9], ["leak", "scratch", 40, 8]]
    assert pairs["priority_a"].tolist() == ["L", "L"]
    assert len(same_rpn_different_severity(register, min_gap=9)) == 1
    assert len(same_rpn_different_severity(register, min_gap=1)) == 3 + 0  # leak-noise, leak-scratch, scratch-noise


def test_same_rpn_pairs_over_all_combinations_are_symmetric_free_and_correct():
    pairs = same_rpn_different_severity(rating_combinations(), min_gap=9)
    assert (pairs["severity_a"] == 10).all() and (pairs["severity_b"] == 1).all()
    combos = rating_combinations()
    s10 = Counter(combos.loc[combos.severity == 10, "rpn"])
    s1 = Counter(combos.loc[combos.severity == 1, "rpn"])
    assert len(pairs) == sum(s10[v] * s1[v] for v in s10)


@pytest.mark.parametrize("gap", [0, 10, 2.5, True])
def test_same_rpn_rejects_bad_gap(gap):
    with pytest.raises(FollowupError, match="min_gap"):
        same_rpn_different_severity(pd.DataFrame({"severity": [1], "occurrence": [1], "detection": [1]}),
                                    min_gap=gap)


# ---- rank_register ---------------------------------------------------------------------------------------

def test_rank_by_rpn(register):
    ranked = rank_register(register)
    assert ranked["rpn"].tolist() == sorted(ranked["rpn"], reverse=True)
    # RPN puts the nuisance first (3 x 7 x 8 = 168) above water ingress (10 x 4 x 4 = 160) ...
    assert ranked["risk"].tolist()[:2] == ["harmful gas", "water ingress"]
    assert ranked.iloc[0]["rpn"] == 168 and ranked.iloc[0]["action_priority"] == "L"
    assert ranked["rank"].tolist() == [1, 2, 3, 4, 5]
    assert {"rpn", "action_priority", "emv", "rank"} <= set(ranked.columns)
    assert list(register.columns) == ["risk", "severity", "occurrence", "detection", "probability", "impact"]


def test_rank_by_ap_puts_high_priority_first(register):
    ranked = rank_register(register, by="ap")
    # ... while Action Priority puts it last.
    assert ranked.iloc[-1]["risk"] == "harmful gas"
    levels = ranked["action_priority"].tolist()
    assert levels == sorted(levels, key="HML".index)
    assert ranked.iloc[0]["risk"] == "water ingress"   # S10 O4 D4 -> H
    assert ranked.set_index("risk").loc["rock burst", "action_priority"] == "M"


def test_rank_by_severity_and_emv(register):
    assert rank_register(register, by="severity")["risk"].tolist()[:2] == ["water ingress", "rock burst"]
    by_emv = rank_register(register, by="emv")
    assert by_emv["emv"].tolist() == sorted(by_emv["emv"], reverse=True)
    assert by_emv.iloc[0]["risk"] == "water ingress" and by_emv.iloc[0]["emv"] == pytest.approx(5e6)


def test_ties_break_on_severity_and_identical_rows_share_a_rank():
    register = pd.DataFrame({"id": ["a", "b", "c", "d"], "severity": [3, 9, 9, 2],
                             "occurrence": [6, 2, 2, 1], "detection": [5, 5, 5, 1]})
    ranked = rank_register(register)
    assert ranked["id"].tolist() == ["b", "c", "a", "d"]
    assert ranked["rank"].tolist() == [1, 1, 3, 4]


def test_rank_register_errors(register):
    with pytest.raises(DataError, match=r"no column 'detection'.*found: 'risk', 'severity'"):
        rank_register(register.drop(columns="detection"))
    bad = register.assign(severity=[9, 11, 8, 6, 3])
    with pytest.raises(RatingError, match="severity of risk 'water ingress' is 11; ratings are whole numbers"):
        rank_register(bad)
    with pytest.raises(FollowupError, match="by='cost'"):
        rank_register(register, by="cost")
    with pytest.raises(DataError, match="no column 'probability', 'impact'"):
        rank_register(register.drop(columns=["probability", "impact"]), by="emv")
    with pytest.raises(DataError, match="lists risk 'rock burst' twice"):
        rank_register(pd.concat([register, register.iloc[:1]]))
    with pytest.raises(DataError, match="must be a pandas DataFrame"):
        rank_register([{"severity": 1}])


def test_rank_register_names_rows_by_id_or_index():
    with pytest.raises(RatingError, match="occurrence of id 'R2' is 0"):
        rank_register(pd.DataFrame({"id": ["R1", "R2"], "severity": [2, 2], "occurrence": [1, 0],
                                    "detection": [1, 1]}))
    with pytest.raises(RatingError, match="detection of row 'y' is missing"):
        rank_register(pd.DataFrame({"severity": [2, 2], "occurrence": [1, 1], "detection": [1, None]},
                                   index=["x", "y"]))


# ---- EMV and contingency ---------------------------------------------------------------------------------

def test_emv_scalar_and_arrays():
    assert expected_monetary_value(0.2, 5_000_000) == 1_000_000.0
    assert expected_monetary_value(0, 9e9) == 0.0 and expected_monetary_value(1, 7) == 7.0
    assert expected_monetary_value([0.1, 0.5], [100, 300]).tolist() == [10.0, 150.0]
    series = expected_monetary_value(pd.Series([0.1, 0.5], index=["a", "b"]), 1000)
    assert series.name == "emv" and series.to_dict() == {"a": 100.0, "b": 500.0}
    assert expected_monetary_value(0.5, -200) == -100.0  # an opportunity


@pytest.mark.parametrize("p, shown", [(1.5, "1.5"), (-0.1, "-0.1"), (30, "30"), (float("nan"), "missing"),
                                      ("0.3", "'0.3'"), (True, "True")])
def test_emv_rejects_bad_probability(p, shown):
    with pytest.raises(FollowupError, match=f"probability is {shown}.*number from 0 to 1"):
        expected_monetary_value(p, 100)


def test_emv_rejects_bad_impact_and_lengths():
    with pytest.raises(FollowupError, match="impact of row 1 is inf"):
        expected_monetary_value([0.1, 0.2], [1.0, float("inf")])
    with pytest.raises(FollowupError, match="different lengths"):
        expected_monetary_value([0.1, 0.2], [1.0, 2.0, 3.0])


def test_contingency_reserve(register):
    reserve = contingency_reserve(register)
    assert isinstance(reserve, Contingency)
    assert reserve.per_risk["rock burst"] == pytest.approx(2e6)
    assert reserve.total == pytest.approx(2e6 + 5e6 + 3e6 + 2e6 + 0.4e6)
    assert reserve.per_risk.index.name == "risk"


def test_contingency_reserve_custom_columns_and_errors(register):
    renamed = register.rename(columns={"probability": "p", "impact": "cost_cny"})
    assert contingency_reserve(renamed, probability="p", impact="cost_cny").total == pytest.approx(12.4e6)
    with pytest.raises(DataError, match="no column 'probability'"):
        contingency_reserve(renamed)
    with pytest.raises(FollowupError, match="probability of risk 'TBM jamming' is 25"):
        contingency_reserve(register.assign(probability=[0.05, 0.2, 0.1, 25, 0.4]))


# ---- figures ----------------------------------------------------------------------------------------------

def _drawn(fig):
    import io
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def test_rpn_histogram_figure():
    from followup.risk_plots import plot_rpn_histogram
    fig = plot_rpn_histogram()
    ax = fig.axes[0]
    stems = ax.collections[0].get_segments()
    assert len(stems) == 120
    assert sorted(s[1][1] for s in stems) == sorted(rpn_collisions()["combinations"])
    assert "120 distinct values" in ax.get_title() and "1,000" in ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert _drawn(fig).startswith(b"\x89PNG")


def test_risk_matrix_distinguishes_priorities_without_colour(register):
    from followup.risk_plots import plot_risk_matrix
    ranked = rank_register(register, by="ap")
    fig = plot_risk_matrix(ranked)
    ax = fig.axes[0]
    key = " ".join(column.texts[0].get_text() for column in fig.axes[1:])   # the key's two columns
    assert all(name in key.replace("\n      ", " ") for name in register["risk"])
    assert {t.get_text() for t in ax.texts} >= {"1", "2", "3", "4", "5"}   # no id column: numbered
    legend = ax.get_legend()
    markers = [(h.get_marker(), h.get_markerfacecolor()) for h in legend.legend_handles]
    assert len({m for m, _ in markers}) == 3            # three marker shapes, not just three colours
    assert [t.get_text() for t in legend.get_texts()] == ["H (high)", "M (medium)", "L (low)"]
    assert ax.get_xlabel().startswith("occurrence") and ax.get_ylabel().startswith("severity")
    assert _drawn(fig).startswith(b"\x89PNG")


def test_risk_matrix_fits_a_page_with_legible_text(register):
    from followup.risk_plots import plot_risk_matrix
    fig = plot_risk_matrix(rank_register(register))
    width, height = fig.get_size_inches()
    assert width <= 7 and height <= 8            # shown near natural size in a book column, not shrunk
    assert [len(column.texts) for column in fig.axes[1:]] == [1, 1]   # key below, in two columns
    assert min(column.texts[0].get_fontsize() for column in fig.axes[1:]) >= 10
    assert min(t.get_fontsize() for t in fig.axes[0].texts) >= 9
    assert "Risk matrix" in fig.axes[0].get_title()
    key_top = max(column.get_position().y1 for column in fig.axes[1:])
    assert key_top <= fig.axes[0].get_position().y0   # the key sits below the matrix
    assert tuple(plot_risk_matrix(rank_register(register), figsize=(5, 4)).get_size_inches()) == (5, 4)


def test_risk_matrix_spreads_risks_on_the_same_cell():
    from followup.risk_plots import plot_risk_matrix
    twins = rank_register(pd.DataFrame({"id": ["a", "b"], "severity": [5, 5], "occurrence": [4, 4],
                                        "detection": [2, 9]}))
    fig = plot_risk_matrix(twins)
    assert len(fig.axes) == 1                     # no name column: no key
    ax = fig.axes[0]
    positions = {t.get_text(): t.xy for t in ax.texts if t.get_text() in ("a", "b")}
    assert positions["a"] != positions["b"]


def test_threshold_tradeoff_figure():
    from followup.risk_plots import plot_threshold_tradeoff
    from followup.screening import measures_by_threshold
    rng = np.random.default_rng(1)
    labels = rng.random(2000) < 0.05
    scores = np.where(labels, rng.beta(5, 2, 2000), rng.beta(2, 5, 2000))
    fig = plot_threshold_tradeoff(measures_by_threshold(scores, labels, np.linspace(0, 1, 51)), max_fpr=0.003,
                                  threshold=0.62)
    lines = fig.axes[0].get_lines() + fig.axes[1].get_lines()
    curves = [line for line in lines if not line.get_label().startswith("chosen")]   # the vertical marker aside
    assert len(lines) == 5 and len({line.get_linestyle() for line in curves}) == 4   # styles, not colour only
    legend = " ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "0.3 %" in legend and "chosen threshold 0.62" in legend
    assert fig.axes[1].get_ylim() == pytest.approx((0, 3.0))
    assert "%" in fig.axes[1].get_ylabel() and fig.axes[0].get_title()
    assert _drawn(fig).startswith(b"\x89PNG")


def test_figures_reject_tables_without_their_columns():
    from followup.risk_plots import plot_risk_matrix, plot_rpn_histogram, plot_threshold_tradeoff
    with pytest.raises(DataError, match="no column 'action_priority'"):
        plot_risk_matrix(pd.DataFrame({"severity": [1], "occurrence": [1]}))
    with pytest.raises(DataError, match="no column 'recall'"):
        plot_threshold_tradeoff(pd.DataFrame({"threshold": [0.5]}))
    with pytest.raises(DataError, match="must be a pandas DataFrame"):
        plot_rpn_histogram([1, 2])
    with pytest.raises(DataError, match="no column 'code' to label"):
        plot_risk_matrix(pd.DataFrame({"severity": [1], "occurrence": [1], "action_priority": ["L"]}), label="code")
