"""Bounded property-based fuzzing of every public computing function (the cases live in fuzz_library.py).

Each function gets a few generated bad or odd inputs (profile ``library-fuzz-quick``, the default, so
``make test`` stays fast); ``make fuzz`` runs thousands. A call must raise a documented error
(``FollowupError``) or return a result meeting the function's invariants, within the time bound.
Set ``FOLLOWUP_FUZZ_PROFILE=library-fuzz`` for a longer run under pytest.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_library import TARGETS, run_case

settings.register_profile("library-fuzz-quick", max_examples=6, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("library-fuzz", max_examples=300, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
PROFILE = settings.get_profile(os.environ.get("FOLLOWUP_FUZZ_PROFILE", "library-fuzz-quick"))


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_documented_error_or_invariants_hold(target):
    @settings(PROFILE, max_examples=max(1, round(PROFILE.max_examples * target.share)))
    @given(target.cases)
    def check(drawn):
        outcome, detail = run_case(target, drawn)
        function, args, kwargs = drawn
        assert outcome in ("ok", "documented"), f"{outcome}: {detail}\nargs={args!r}\nkwargs={kwargs!r}"

    check()


def test_every_public_computing_function_is_fuzzed():
    import followup.forecast, followup.levelling, followup.montecarlo, followup.progress, followup.psplib  # noqa: E401
    import followup.pulse, followup.resources, followup.risk, followup.schedule, followup.screening  # noqa: E401
    import followup.forecast_plots, followup.gantt, followup.resource_plots, followup.risk_plots  # noqa: E401
    fuzzed = {t.name for t in TARGETS}
    # constants, result classes and argument-free tables are not inputs to fuzz
    skipped = {"schedule.LINK_TYPES", "schedule.Schedule", "levelling.LevelledSchedule", "levelling.SmoothedSchedule",
               "levelling.PRIORITY_RULES", "resources.StandbyCost", "resources.usage_steps",
               "montecarlo.DISTRIBUTIONS", "montecarlo.MonteCarloResult", "montecarlo.OverlapResult",
               "montecarlo.probability_of_overlap", "risk.ACTION_PRIORITY_TABLE", "risk.AP_LEVELS",
               "risk.DETECTION_BANDS", "risk.OCCURRENCE_BANDS", "risk.SEVERITY_BANDS", "risk.Contingency",
               "risk.action_priority_table", "risk.rating_combinations", "risk.rpn_collisions",
               "risk.rpn_distinct_values", "forecast.ForecastErrors", "pulse.PulseScenario",
               "psplib.PsplibInstance", "screening.Confusion", "gantt.OKABE_ITO"}
    for module in ("schedule", "levelling", "resources", "montecarlo", "risk", "forecast", "pulse", "psplib",
                   "screening", "progress", "gantt", "forecast_plots", "resource_plots", "risk_plots"):
        for name in getattr(followup, module).__all__:
            assert f"{module}.{name}" in fuzzed | skipped, f"{module}.{name} is public but not fuzzed"
