"""Property-based fuzzing of every public function of the computing modules of ``followup``.

Each target draws bad and odd inputs (tests/fuzz_strategies.py) and calls one function under a
time bound. A call passes when it raises a documented error (``followup.errors.FollowupError``) or
returns a result meeting the function's invariants (EF = ES + d, total float >= free float,
levelled schedules feasible, probabilities in [0, 1], finite outputs ...).

``tests/test_fuzz_library.py`` runs every target with a few examples (part of ``make test``);
``make fuzz`` runs this file as a script, many examples per target, and prints the counts::

    python tests/fuzz_library.py --examples 250
"""

from __future__ import annotations

import argparse
import collections
import functools
import math
import resource
import signal
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz_strategies as fs  # noqa: E402

from followup import forecast, levelling, montecarlo, progress, psplib, pulse, resources, risk, schedule, screening  # noqa: E402,E501
from followup import forecast_plots, gantt, resource_plots, risk_plots  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from followup.errors import FollowupError  # noqa: E402

#: Seconds one call may take (the library refuses large sizes before any work, so this is generous).
TIME_BOUND = 5.0
TOL = 1e-6


class OverBound(BaseException):
    """Raised by the alarm when a call runs past TIME_BOUND (BaseException: no library code catches it)."""


def _alarm(signum, frame):
    raise OverBound()


@dataclass(frozen=True)
class Target:
    name: str
    cases: st.SearchStrategy  # draws (function, args, kwargs)
    check: Callable  # check(result, args, kwargs) -> None, asserts the invariants
    share: float = 1.0  # of the examples per target (drawing a figure is slow)


def _finite(values, what="output"):
    array = np.asarray(values, dtype=float)
    assert np.all(np.isfinite(array)), f"{what} not finite: {array}"


def _share(value, what="probability"):
    assert 0 <= value <= 1, f"{what} {value} outside [0, 1]"


# --------------------------------------------------------------------------- invariants
def check_schedule(result, args, kwargs):
    t = result.table
    for c in ("early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float"):
        _finite(t[c], c)
    d = t["duration"].to_numpy(float)
    assert np.allclose(t["early_finish"], t["early_start"] + d), "EF != ES + d"
    assert np.allclose(t["late_finish"], t["late_start"] + d), "LF != LS + d"
    assert np.allclose(t["total_float"], t["late_start"] - t["early_start"]), "TF != LS - ES"
    assert (t["early_start"] >= -TOL).all(), "ES < 0"
    assert math.isclose(result.duration, float(t["early_finish"].max())), "duration != max EF"
    if kwargs.get("finish") is None:
        scale = max(1.0, abs(result.duration)) * 1e-9
        assert (t["total_float"] >= t["free_float"] - scale).all(), "TF < FF"
        assert (t["free_float"] >= -scale).all(), "FF < 0"
        assert t["critical"].any(), "no critical activity"
    result.critical_paths  # noqa: B018 - must not raise anything undocumented


def check_levelled(result, args, kwargs):
    acts, links, dem, caps = args
    ok, why = levelling.is_feasible(result, acts, links, dem, caps)
    assert ok, f"levelled schedule infeasible: {why[:2]}"
    assert result.makespan >= result.cpm_duration - TOL, "makespan below the critical path"
    _finite(result.table[["start", "finish"]].to_numpy(), "starts")


def check_feasible(result, args, kwargs):
    ok, violations = result
    assert isinstance(ok, bool) and ok == (not violations)


def check_smoothed(result, args, kwargs):
    sched = args[0]
    t = result.table
    assert (t["start"] >= t["early_start"]).all(), "moved before its early start"
    assert result.finish == max(sched.duration, sched.finish), "finish moved"
    assert (t["start"] + t["duration"] <= result.finish).all(), "ends after the finish"
    _finite([result.peak_before, result.peak_after, result.sum_squares_after])


def check_profile(result, args, kwargs):
    _finite(result.to_numpy(), "usage")
    assert (result.to_numpy() >= -TOL).all(), "negative usage"


def check_table_finite(columns):
    def check(result, args, kwargs):
        for c in columns:
            _finite(result[c].to_numpy(dtype=float), c)
    return check


def check_standby(result, args, kwargs):
    _finite(result.table["cost"], "cost")
    assert math.isfinite(result.total) and result.total >= 0


def check_simulation(result, args, kwargs):
    _finite(result.finish_times, "finish times")
    assert (result.finish_times >= -TOL).all()
    for v in result.criticality_index:
        _share(v, "criticality index")
    _share(result.probability_finish_by(result.planned_duration))
    assert math.isfinite(result.percentile(80))


def check_overlap(result, args, kwargs):
    _finite(result.overlap, "overlap")
    assert (result.overlap >= 0).all()
    _share(result.probability)


def check_probability(result, args, kwargs):
    _share(result)


def check_rpn(result, args, kwargs):
    values = np.atleast_1d(np.asarray(result, dtype=float))
    assert ((values >= 1) & (values <= 1000) & (values == np.round(values))).all(), f"rpn {values}"


def check_ap(result, args, kwargs):
    values = np.atleast_1d(np.asarray(result, dtype=object))
    assert all(v in ("H", "M", "L") for v in values), f"AP {values}"


def check_emv(result, args, kwargs):
    _finite(np.atleast_1d(np.asarray(result, dtype=float)), "EMV")


def check_ranked(result, args, kwargs):
    assert list(result["rank"]) == sorted(result["rank"]), "ranks out of order"
    assert (result["rank"] >= 1).all()


def check_finite_number(result, args, kwargs):
    assert math.isfinite(float(result)), f"not finite: {result}"


def check_count(result, args, kwargs):
    assert isinstance(result, int) and result >= 0, f"not a count: {result!r}"


def check_errors(result, args, kwargs):
    _finite(result.percentage_errors, "errors")
    assert math.isfinite(result.mape) and result.mape >= 0 and math.isfinite(result.peak_error)


def check_largest_remainder(result, args, kwargs):
    weights, seats = args
    assert all(isinstance(s, int) and s >= 0 for s in result), f"shares {result}"
    if len(result):
        assert sum(result) == seats, "shares do not add up to the seats"


def check_allocation(result, args, kwargs):
    fleet = args[1]
    assert (result["vehicles"] >= 0).all()
    assert (result.groupby("period", sort=False)["vehicles"].sum() == fleet).all(), "a period misses vehicles"


def check_utilisation(result, args, kwargs):
    u = result["utilisation"].dropna()
    assert ((u >= 0) & (u <= 1 + TOL)).all()
    _finite(result[["served", "unmet", "capacity"]].to_numpy(), "served")


def check_pulse(result, args, kwargs):
    _finite(result.allocation[["served", "unmet"]].to_numpy())
    assert math.isfinite(result.totals["cost"]) and result.totals["moves"] >= 0


def check_instance(result, args, kwargs):
    assert (result.activities["duration"] >= 0).all()
    assert (result.demands.to_numpy() >= 0).all()
    assert all(v >= 0 for v in result.capacities.values())
    assert len(set(result.capacities)) == result.demands.shape[1]


def check_confusion(result, args, kwargs):
    assert min(result.tp, result.fp, result.tn, result.fn) >= 0
    assert result.total == len(np.atleast_1d(np.asarray(args[0], dtype=object)))


def check_measures(result, args, kwargs):
    values = np.array(list(result.values()) if isinstance(result, dict) else
                      result[["precision", "recall", "false_positive_rate", "accuracy"]].to_numpy(), dtype=float)
    values = values[~np.isnan(values)]
    assert ((values >= 0) & (values <= 1)).all()


def check_burndown(result, args, kwargs):
    _finite(result["planned_remaining"], "remaining")
    assert (np.diff(result["planned_completed"]) >= -TOL).all(), "completed work decreases"
    assert (result["planned_remaining"] >= -TOL).all()


def check_any(result, args, kwargs):
    pass


# --------------------------------------------------------------------------- cases
def case(function, *args, **kwargs):
    return function, args, kwargs


@st.composite
def cpm_cases(draw):
    acts = draw(fs.activities())
    finish = draw(st.one_of(st.none(), st.none(), fs.numbers))
    return case(schedule.critical_path_method, acts, draw(fs.links(acts)), finish=finish)


@st.composite
def network_with_resources(draw):
    acts = draw(fs.activities(max_size=4))
    return acts, draw(fs.links(acts)), draw(fs.demands(acts)), draw(fs.capacities())


@st.composite
def sgs_cases(draw):
    acts, links, dem, caps = draw(network_with_resources())
    priority = draw(st.one_of(st.sampled_from(levelling.PRIORITY_RULES), st.sampled_from(["xyz", 3, None])))
    return case(levelling.serial_sgs, acts, links, dem, caps, priority=priority)


@st.composite
def levelling_cases(draw):
    acts, links, dem, caps = draw(network_with_resources())
    return case(levelling.level_resources, acts, links, dem, caps,
                method=draw(st.sampled_from(["single", "forward-backward", "sampling", "bogus"])),
                iterations=draw(fs.iterations), seed=draw(fs.seeds))


@st.composite
def feasible_cases(draw):
    acts, links, dem, caps = draw(network_with_resources())
    ids = list(acts["id"]) if "id" in acts.columns and acts["id"].ndim == 1 else []
    starts = {i: draw(fs.numbers) for i in ids if draw(st.integers(0, 6))}
    return case(levelling.is_feasible, starts, acts, links, dem, caps)


@st.composite
def smoothing_cases(draw):
    acts = draw(fs.activities(max_size=4))
    links = draw(fs.links(acts))
    try:
        sched = schedule.critical_path_method(acts, links, finish=draw(st.one_of(st.none(), st.integers(-2, 20))))
    except Exception:  # noqa: BLE001 - a network the CPM refuses: smooth something else that is wrong
        sched = draw(st.sampled_from([None, "schedule"]))
    dem = draw(fs.demands(acts, resources=("R",)))
    if draw(st.integers(0, 5)) == 0:
        dem = dem.to_dict()
    return case(levelling.smooth_resources, sched, dem, resource=draw(fs.mostly(st.just("R"), st.just("Q"), 8)),
                within=draw(fs.mostly(st.sampled_from(["free", "total"]), st.just("all"), 8)),
                objective=draw(fs.mostly(st.sampled_from(["squares", "peak"]), st.just("max"), 8)),
                max_passes=draw(fs.mostly(st.integers(0, 5), odds=8)))


@st.composite
def profile_cases(draw):
    n = draw(st.integers(0, 4))
    ids = list("ABCD")[:n]
    table = pd.DataFrame({"duration": draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)),
                          "early_start": draw(st.lists(st.integers(-3, 8), min_size=n, max_size=n))}, index=ids)
    dem = pd.DataFrame({"R": draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))}, index=ids)
    if draw(st.booleans()):
        table = fs._mutate(draw, table, ["duration", "early_start"], fs.mostly(st.floats(-3, 8), odds=2))
    elif draw(st.booleans()):
        dem = fs._mutate(draw, dem, ["R"])
    period = draw(fs.mostly(st.sampled_from([1, 2, 0.5, 7]),
                            st.sampled_from([1e-9, 0, -1, float("nan"), True, "1", 1e-300])))
    return case(resources.usage_profile, table, dem, period=period,
                how=draw(fs.mostly(st.sampled_from(["peak", "mean"]), st.just("x"), 8)))


@st.composite
def over_allocation_cases(draw):
    n = draw(st.integers(0, 4))
    profile = pd.DataFrame({"R": draw(st.lists(fs.numbers, min_size=n, max_size=n))},
                           index=pd.Index(range(n), name="period_start"))
    return case(resources.over_allocation, profile, draw(fs.capacities(("R",))))


@st.composite
def conflicts_cases(draw):
    n = draw(st.integers(0, 4))
    col = lambda el: draw(st.lists(el, min_size=n, max_size=n))  # noqa: E731
    bookings = pd.DataFrame({"resource": col(st.sampled_from(["R", "S"])), "start": col(fs.numbers),
                             "finish": col(fs.numbers), "units": col(st.one_of(st.integers(0, 2), fs.numbers)),
                             "id": col(fs.ids)})
    if draw(st.booleans()):
        bookings = bookings.infer_objects()
    return case(resources.conflicts, bookings, draw(fs.capacities()))


@st.composite
def standby_cases(draw):
    rates = draw(st.one_of(st.dictionaries(st.sampled_from(["crane", "crew"]), fs.numbers, max_size=2),
                           st.sampled_from([None, "x", []])))
    delay = draw(st.one_of(fs.numbers, st.dictionaries(st.sampled_from(["crane", "crew"]), fs.numbers)))
    return case(resources.standby_cost, delay, rates)


three_point = st.one_of(fs.numbers, st.tuples(fs.numbers, fs.numbers, fs.numbers),
                        st.tuples(st.integers(0, 3), st.integers(3, 5), st.integers(5, 9)),
                        st.sampled_from([("1", "2", "3"), (1, 2), [1, 2, 3], np.array([1.0, 2.0])]))


@st.composite
def simulation_cases(draw):
    acts = draw(fs.activities(max_size=4, extra=("low", "mode", "high")))
    return case(montecarlo.simulate_schedule, acts, draw(fs.links(acts)),
                distribution=draw(fs.mostly(st.sampled_from(["triangular", "pert", "PERT"]), st.just("normal"), 8)),
                iterations=draw(fs.iterations), seed=draw(fs.seeds))


@st.composite
def overlap_cases(draw):
    function = draw(st.sampled_from([montecarlo.simulate_overlap, montecarlo.probability_of_overlap]))
    return case(function, draw(three_point), draw(three_point), draw(three_point), draw(three_point),
                buffer=draw(fs.numbers), iterations=draw(fs.iterations), seed=draw(fs.seeds))


@st.composite
def estimate_cases(draw):
    low, mode, high = sorted(draw(st.lists(st.floats(0, 20), min_size=3, max_size=3)))
    values = [low, mode, high]
    if draw(st.booleans()):
        values[draw(st.integers(0, 2))] = draw(fs.numbers)
    return case(montecarlo.ThreePointEstimate, *values,
                distribution=draw(fs.mostly(st.sampled_from(["triangular", "pert"]), st.just("x"), 8)))


@st.composite
def rating_cases(draw, function):
    if draw(st.booleans()):
        return case(function, draw(fs.ratings), draw(fs.ratings), draw(fs.ratings))
    a, b = draw(fs.series_pair(fs.ratings))
    c = draw(st.one_of(fs.ratings, st.just(a), st.just(b)))
    return case(function, a, b, c)


@st.composite
def register(draw, costs=False):
    n = draw(st.integers(0, 4))
    col = lambda el: draw(st.lists(el, min_size=n, max_size=n))  # noqa: E731
    good = st.integers(1, 10)
    frame = pd.DataFrame({"risk": [f"risk {k}" for k in range(n)], "severity": col(good), "occurrence": col(good),
                          "detection": col(good)})
    if costs or draw(st.booleans()):
        frame["probability"] = col(st.floats(0, 1))
        frame["impact"] = col(st.integers(-10**6, 10**7))
    if draw(st.booleans()):
        frame = fs._mutate(draw, frame, list(frame.columns))
    return frame


@st.composite
def rank_cases(draw):
    return case(risk.rank_register, draw(register()), by=draw(st.sampled_from(["rpn", "ap", "severity", "emv", "x"])))


@st.composite
def same_rpn_cases(draw):
    return case(risk.same_rpn_different_severity, draw(register()), min_gap=draw(st.one_of(st.integers(0, 10),
                                                                                           fs.ODD_SCALARS)))


@st.composite
def emv_cases(draw):
    if draw(st.booleans()):
        return case(risk.expected_monetary_value, draw(fs.probabilities), draw(fs.numbers))
    p, i = draw(fs.series_pair(st.one_of(fs.probabilities, fs.numbers)))
    return case(risk.expected_monetary_value, p, i)


@st.composite
def contingency_cases(draw):
    return case(risk.contingency_reserve, draw(register(costs=True)))


@st.composite
def seasonal_cases(draw):
    return case(forecast.seasonal_naive, draw(fs.dated_history()), draw(fs.forecast_dates),
                growth=draw(st.one_of(st.floats(0.5, 2), fs.ODD_SCALARS)))


@st.composite
def growth_cases(draw):
    return case(forecast.same_period_growth, draw(fs.dated_history()),
                draw(st.sampled_from(["2025-06-15", "2025-06-16", "x", None, 3])),
                draw(st.sampled_from(["2025-06-16", "2025-06-15", "2025-06-14", "2125-06-16", None])))


@st.composite
def errors_cases(draw):
    a, f = draw(fs.series_pair(st.one_of(st.floats(1, 100), fs.numbers)))
    return case(forecast.forecast_errors, a, f)


@st.composite
def scalar_cases(draw, function, names, kw=()):
    args = [draw(fs.numbers) for _ in names]
    kwargs = {k: draw(fs.numbers) for k in kw if draw(st.booleans())}
    return case(function, *args, **kwargs)


@st.composite
def largest_remainder_cases(draw):
    return case(pulse.largest_remainder, draw(st.one_of(st.lists(fs.numbers, max_size=5), fs.ODD_SCALARS)),
                draw(fs.small_counts))


@st.composite
def demand_table(draw):
    periods = draw(st.integers(0, 3))
    regions = ["E", "W", "N"][: draw(st.integers(1, 3))]
    rows = [(p, r, draw(st.one_of(st.integers(0, 100), fs.numbers))) for p in range(periods) for r in regions]
    if rows and draw(st.integers(0, 6)) == 0:
        rows.append(rows[0])
    if rows and draw(st.integers(0, 6)) == 0:
        rows.pop()
    return pd.DataFrame(rows, columns=["period", "region", "demand"])


@st.composite
def fleet_cases(draw):
    return case(pulse.allocate_fleet, draw(demand_table()), draw(st.one_of(st.integers(0, 20), fs.ODD_SCALARS)),
                min_per_region=draw(fs.small_counts))


@st.composite
def allocation_table(draw):
    d = draw(demand_table())
    d["vehicles"] = pd.Series(draw(st.lists(st.one_of(st.integers(0, 9), fs.numbers), min_size=len(d),
                                            max_size=len(d))), dtype=object)
    return d


@st.composite
def utilisation_cases(draw):
    return case(pulse.utilisation, draw(allocation_table()), capacity_per_vehicle=draw(fs.numbers))


@st.composite
def redeployment_cases(draw):
    return case(pulse.redeployment_cost, draw(allocation_table()), draw(fs.numbers))


@st.composite
def peak_share_cases(draw):
    return case(pulse.peak_share, draw(allocation_table()), draw(st.sampled_from(["E", "W", "Q", None])))


@st.composite
def pulse_cases(draw):
    base = draw(st.one_of(st.dictionaries(st.sampled_from(["E", "W", "N"]), fs.numbers, min_size=1),
                          st.sampled_from([None, {}, [1, 2]])))
    return case(pulse.pulse_scenario, base, draw(fs.numbers), draw(st.sampled_from(["E", "W", "Q"])),
                draw(fs.probabilities), draw(st.one_of(st.integers(1, 50), fs.ODD_SCALARS)), draw(fs.numbers),
                draw(fs.numbers))


@functools.cache
def _scratch() -> Path:
    """One temporary folder per run for the generated PSPLIB files."""
    return Path(tempfile.mkdtemp(prefix="followup-fuzz-"))


def read_sm_text(text: str):
    """read_sm of a file holding ``text`` (the case keeps the text, so a failure report shows it)."""
    path = _scratch() / "fuzz.sm"
    path.write_text(text, encoding="ascii", errors="replace")
    return psplib.read_sm(path)


@st.composite
def sm_cases(draw):
    return case(read_sm_text, draw(fs.sm_file()))


@st.composite
def optimum_cases(draw):
    path = _scratch() / "optimum.csv"
    rows = draw(st.lists(st.sampled_from(["j301_1.sm,43", "j301_2.sm,104..105", "j1201_1.sm,..103", "x,5..3",
                                          "a,b,c", "", "j,99999999999999999999", "j,"]), max_size=4))
    path.write_text("\n".join([draw(st.sampled_from(["problem,optimum", "name,value"])), *rows]))
    return case(psplib.read_optimum, path)


@st.composite
def screening_cases(draw, function):
    s, y = draw(fs.series_pair(st.one_of(st.floats(0, 1), fs.numbers)))
    if draw(st.booleans()):
        n = len(y)
        y = pd.Series(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)),
                      index=y.index if isinstance(y, pd.Series) else None)
    if function is screening.measures_by_threshold:
        return case(function, s, y, draw(st.one_of(st.lists(fs.numbers, max_size=4), fs.ODD_SCALARS)))
    if function is screening.threshold_for_fpr:
        return case(function, s, y, draw(fs.probabilities))
    return case(function, s, y, draw(fs.numbers))


@st.composite
def burndown_cases(draw):
    acts = draw(fs.activities(max_size=4, extra=("hours",)))
    try:
        sched = schedule.critical_path_method(acts, draw(fs.links(acts)))
    except Exception:  # noqa: BLE001 - a network the CPM refuses (its own target reports how)
        sched = draw(st.sampled_from([None, acts]))
    actual = draw(st.one_of(st.none(), st.builds(lambda d: pd.Series(d, dtype=object),
                                                 st.dictionaries(fs.numbers.filter(lambda v: isinstance(v, int)),
                                                                 fs.numbers, max_size=3))))
    return case(progress.burndown, sched, by=draw(st.sampled_from(["early", "late", "x"])),
                work=draw(st.sampled_from(["duration", "hours", "cost"])),
                periods=draw(st.one_of(st.none(), fs.numbers, st.lists(fs.numbers, max_size=4))), actual=actual)


@st.composite
def link_offsets_cases(draw):
    acts = draw(fs.activities())
    try:
        sched = schedule.critical_path_method(acts, draw(fs.links(acts)))
        links, durations = sched.links, sched.table["duration"]
    except Exception:  # noqa: BLE001 - a network the CPM refuses (its own target reports how)
        links, durations = pd.DataFrame({"predecessor": [], "successor": [], "type": [], "lag": []}), pd.Series([])
    return case(schedule.link_offsets, links, durations)


@st.composite
def predecessors_cases(draw):
    acts = draw(fs.activities())
    n = len(acts)
    cells = draw(st.lists(st.one_of(st.sampled_from(["", "A", "A SS+2", "road to", "road to -1", "B FF-1; A",
                                                     "A FS+99999999999999999999", "Z", "A XX+1", None]),
                                    st.text(alphabet="AB +-1;, SF", max_size=30)), min_size=n, max_size=n))
    acts["predecessors"] = pd.Series(cells, dtype=object, index=acts.index)
    return case(schedule.links_from_predecessors, acts)


def check_figure(result, args, kwargs):
    assert isinstance(result, Figure) and result.axes, "no figure drawn"


def _or_odd(draw, valid):
    return valid if draw(st.integers(0, 3)) else draw(fs.ODD_SCALARS)


@st.composite
def gantt_cases(draw):
    acts = draw(fs.activities(max_size=4))
    try:
        sched = schedule.critical_path_method(acts, draw(fs.links(acts)),
                                              finish=draw(st.one_of(st.none(), st.integers(0, 12))))
    except Exception:  # noqa: BLE001 - a network the CPM refuses (its own target reports how)
        sched = None
    return case(gantt.plot_gantt, sched, label=draw(fs.mostly(st.sampled_from(["name", "id"]), st.just("x"), 8)),
                ax=draw(fs.mostly(st.none(), st.sampled_from(["ax", 1]), 8)))


@st.composite
def burndown_plot_cases(draw):
    function, args, kwargs = draw(burndown_cases())
    try:
        series = progress.burndown(*args, **kwargs)
        if draw(st.booleans()):
            series = fs._mutate(draw, series, list(series.columns))
    except Exception:  # noqa: BLE001 - refused by burndown (its own target reports how)
        series = draw(fs.ODD_SCALARS)
    return case(gantt.plot_burndown, series, burn_up=draw(st.booleans()))


@st.composite
def histogram_cases(draw):
    function, args, kwargs = draw(profile_cases())
    try:
        profile = resources.usage_profile(*args, **kwargs)
    except Exception:  # noqa: BLE001 - refused by usage_profile (its own target reports how)
        profile = draw(fs.ODD_SCALARS)
    caps = draw(st.one_of(st.none(), fs.capacities(("R",))))
    return case(resource_plots.plot_usage_histogram, profile, caps)


@st.composite
def fleet_plot_cases(draw):
    return case(resource_plots.plot_fleet_allocation, draw(allocation_table()),
                peak_region=draw(st.sampled_from([None, "E", "Q"])))


@st.composite
def matrix_cases(draw):
    frame = draw(register())
    try:
        frame = risk.rank_register(frame)
    except Exception:  # noqa: BLE001 - refused by rank_register (its own target reports how)
        frame = frame.assign(action_priority=draw(st.sampled_from(["H", "Q", None])))
    return case(risk_plots.plot_risk_matrix, frame, label=draw(st.sampled_from([None, "risk", "x"])))


@st.composite
def tradeoff_cases(draw):
    function, args, kwargs = draw(screening_cases(screening.measures_by_threshold))
    try:
        table = screening.measures_by_threshold(*args, **kwargs)
        if draw(st.booleans()):
            table = fs._mutate(draw, table, ["threshold", "recall", "false_positive_rate"])
    except Exception:  # noqa: BLE001 - refused by measures_by_threshold (its own target reports how)
        table = draw(fs.ODD_SCALARS)
    return case(risk_plots.plot_threshold_tradeoff, table, max_fpr=draw(st.one_of(st.none(), fs.probabilities)),
                threshold=draw(st.one_of(st.none(), fs.numbers)))


@st.composite
def rpn_histogram_cases(draw):
    table = draw(st.sampled_from([None, "table", pd.DataFrame({"rpn": [1, 2], "combinations": [1, "x"]}),
                                  pd.DataFrame({"rpn": [1, 2], "combinations": [1, 3]})]))
    return case(risk_plots.plot_rpn_histogram, table)


@st.composite
def decision_window_cases(draw):
    n = draw(st.integers(1, 6))
    delays = pd.Series(draw(st.lists(st.integers(0, 200), min_size=n, max_size=n)),
                       index=draw(st.lists(st.integers(0, 400), min_size=n, max_size=n, unique=True)))
    if draw(st.booleans()):
        delays = fs._mutate(draw, delays.to_frame("delay"), ["delay"])["delay"]
    delays = draw(fs.mostly(st.just(delays), st.sampled_from([None, [0, 1], pd.Series(dtype=float)]), 8))
    return case(gantt.plot_decision_window, delays, known_day=draw(st.one_of(st.none(), fs.numbers)),
                last_day=draw(st.one_of(st.none(), fs.numbers)))


@st.composite
def event_window_cases(draw):
    windows = {}
    for year in range(draw(st.integers(0, 3))):
        n = draw(st.integers(1, 5))
        frame = pd.DataFrame({"date": pd.date_range(f"{2021 + year}-06-01", periods=n),
                              "orders": draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n))})
        if draw(st.booleans()):
            frame = fs._mutate(draw, frame, ["orders", "date"])
        windows[2021 + year] = frame
    return case(forecast_plots.plot_event_windows, draw(fs.mostly(st.just(windows), fs.ODD_SCALARS, 8)),
                scale=draw(fs.mostly(st.just(1000), fs.ODD_SCALARS, 4)))


TARGETS = [
    Target("schedule.critical_path_method", cpm_cases(), check_schedule),
    Target("schedule.link_offsets", link_offsets_cases(), lambda r, a, k: _finite(r, "offsets")),
    Target("schedule.links_from_predecessors", predecessors_cases(), check_table_finite(["lag"])),
    Target("levelling.serial_sgs", sgs_cases(), check_levelled),
    Target("levelling.level_resources", levelling_cases(), check_levelled),
    Target("levelling.is_feasible", feasible_cases(), check_feasible),
    Target("levelling.smooth_resources", smoothing_cases(), check_smoothed),
    Target("resources.usage_profile", profile_cases(), check_profile),
    Target("resources.over_allocation", over_allocation_cases(), check_table_finite(["excess"])),
    Target("resources.conflicts", conflicts_cases(), check_table_finite(["overlap", "excess"])),
    Target("resources.standby_cost", standby_cases(), check_standby),
    Target("montecarlo.ThreePointEstimate", estimate_cases(), lambda r, a, k: check_finite_number(r.mean, a, k)),
    Target("montecarlo.simulate_schedule", simulation_cases(), check_simulation),
    Target("montecarlo.simulate_overlap", overlap_cases(),
           lambda r, a, k: check_overlap(r, a, k) if not isinstance(r, float) else _share(r)),
    Target("risk.rpn", rating_cases(risk.rpn), check_rpn),
    Target("risk.action_priority", rating_cases(risk.action_priority), check_ap),
    Target("risk.rank_register", rank_cases(), check_ranked),
    Target("risk.same_rpn_different_severity", same_rpn_cases(), check_any),
    Target("risk.expected_monetary_value", emv_cases(), check_emv),
    Target("risk.contingency_reserve", contingency_cases(), lambda r, a, k: check_finite_number(r.total, a, k)),
    Target("forecast.seasonal_naive", seasonal_cases(), lambda r, a, k: _finite(r, "forecast")),
    Target("forecast.same_period_growth", growth_cases(), check_finite_number),
    Target("forecast.forecast_errors", errors_cases(), check_errors),
    Target("forecast.shift_capacity", scalar_cases(forecast.shift_capacity, "abc", kw=("absence_rate",)),
           check_finite_number),
    Target("forecast.staff_needed", scalar_cases(forecast.staff_needed, "abcd"), check_count),
    Target("forecast.catch_up_days", scalar_cases(forecast.catch_up_days, "abc"), check_count),
    Target("pulse.largest_remainder", largest_remainder_cases(), check_largest_remainder),
    Target("pulse.allocate_fleet", fleet_cases(), check_allocation),
    Target("pulse.utilisation", utilisation_cases(), check_utilisation),
    Target("pulse.redeployment_cost", redeployment_cases(), check_table_finite(["cost"])),
    Target("pulse.peak_share", peak_share_cases(), check_any),
    Target("pulse.pulse_scenario", pulse_cases(), check_pulse),
    Target("psplib.read_sm", sm_cases(), check_instance),
    Target("psplib.read_optimum", optimum_cases(), check_any),
    Target("screening.confusion_at_threshold", screening_cases(screening.confusion_at_threshold), check_confusion),
    Target("screening.screening_measures", screening_cases(screening.screening_measures), check_measures),
    Target("screening.measures_by_threshold", screening_cases(screening.measures_by_threshold), check_measures),
    Target("screening.threshold_for_fpr", screening_cases(screening.threshold_for_fpr), check_finite_number),
    Target("progress.burndown", burndown_cases(), check_burndown),
    Target("gantt.plot_gantt", gantt_cases(), check_figure, 0.1),
    Target("gantt.plot_burndown", burndown_plot_cases(), check_figure, 0.1),
    Target("resource_plots.plot_usage_histogram", histogram_cases(), check_figure, 0.1),
    Target("resource_plots.plot_fleet_allocation", fleet_plot_cases(), check_figure, 0.1),
    Target("risk_plots.plot_risk_matrix", matrix_cases(), check_figure, 0.1),
    Target("risk_plots.plot_threshold_tradeoff", tradeoff_cases(), check_figure, 0.1),
    Target("risk_plots.plot_rpn_histogram", rpn_histogram_cases(), check_figure, 0.05),
    Target("gantt.plot_decision_window", decision_window_cases(), check_figure, 0.1),
    Target("forecast_plots.plot_event_windows", event_window_cases(), check_figure, 0.1),
]


# --------------------------------------------------------------------------- running
def run_case(target: Target, drawn) -> tuple[str, str]:
    """Call one case under the time bound: ('ok' | 'documented' | 'undocumented' | 'violation' | 'over', detail)."""
    function, args, kwargs = drawn
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_BOUND)
    began = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = function(*args, **kwargs)
            target.check(result, args, kwargs)
    except OverBound:
        return "over", f"more than {TIME_BOUND:g} s"
    except FollowupError as exc:
        outcome = ("documented", str(exc)) if str(exc) else ("undocumented", "FollowupError without a message")
    except AssertionError as exc:
        outcome = "violation", str(exc)[:300]
    except Exception as exc:  # noqa: BLE001 - classifying every other exception is the point
        outcome = "undocumented", f"{type(exc).__name__}: {str(exc)[:200]}"
    else:
        outcome = "ok", ""
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.perf_counter() - began > TIME_BOUND:
        return "over", f"{time.perf_counter() - began:.1f} s"
    return outcome


def explore(target: Target, examples: int, record: Callable) -> None:
    """Draw ``examples`` cases of ``target`` with Hypothesis and hand each outcome to ``record``."""
    @settings(max_examples=max(1, round(examples * target.share)), database=None, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(target.cases)
    def run(drawn):
        record(target, drawn, *run_case(target, drawn))

    run()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=260, help="examples per target")
    parser.add_argument("--memory-gb", type=float, default=4.0, help="address-space limit, so a blow-up fails fast")
    options = parser.parse_args(argv)
    limit = int(options.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    counts = collections.Counter()
    first_seen: dict[tuple, tuple] = {}

    def record(target, drawn, outcome, detail):
        counts[outcome] += 1
        counts[(target.name, outcome)] += 1
        if outcome not in ("ok", "documented"):
            key = (target.name, outcome, detail.split(":")[0][:60])
            first_seen.setdefault(key, (detail, drawn))

    began = time.perf_counter()
    for target in TARGETS:
        explore(target, options.examples, record)
    outcomes = ("ok", "documented", "undocumented", "violation", "over")
    cases = sum(counts[k] for k in outcomes)
    print(f"{'function':40s} " + " ".join(f"{k:>12s}" for k in outcomes))
    for target in TARGETS:
        print(f"{target.name:40s} " + " ".join(f"{counts[(target.name, k)]:12d}" for k in outcomes))
    for (name, outcome, _), (detail, drawn) in sorted(first_seen.items()):
        function, args, kwargs = drawn
        print(f"  {outcome:12s} {name}: {detail}\n{'':15s}args={str(args)[:300]} kwargs={str(kwargs)[:200]}")
    print(f"fuzz: {cases} cases over {len(TARGETS)} functions in {time.perf_counter() - began:.0f} s: "
          f"{counts['ok']} results, {counts['documented']} documented errors, "
          f"{counts['undocumented']} undocumented exceptions, {counts['violation']} invariant violations, "
          f"{counts['over']} calls over {TIME_BOUND:g} s")
    return 0 if counts["undocumented"] + counts["violation"] + counts["over"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
