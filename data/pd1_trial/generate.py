"""Rebuild every file of data/pd1_trial/ byte for byte.

    python data/pd1_trial/generate.py            # rewrite the files beside this script
    python data/pd1_trial/generate.py --out DIR  # write them into DIR instead

Synthetic: a phase-3 trial of a fictional anti-PD-1 antibody that adds a 2,000-patient safety cohort
after an immune-related adverse-event signal, calibrated to S4.3 of the article (USD 380 million;
clinical holds of 18-24 months). DATASHEET.md gives every parameter and its reasoning.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.datasets.pd1_trial import (  # noqa: E402
    ADVERSE_EVENTS, COSTS, DECISIONS, ENROLMENT, IRAE_CATEGORIES, PHASES, RISKS,
)

SEED = 20_190_301

# --- the activity network (months) -------------------------------------------------------------------
# id, phase, scope, duration, predecessors in the original plan, predecessors once the cohort is added
PHASE_ROWS = [
    ("A", "Protocol, IND and ethics approvals", "baseline", 5, "", ""),
    ("B", "Selection and activation of 150 main-cohort sites", "baseline", 8, "A", "A"),
    ("C", "Main-cohort enrolment (900 patients, 2:1 anti-PD-1 : chemotherapy)", "baseline", 18, "B SS+3", "B SS+3"),
    ("D", "Treatment and event-driven follow-up for the primary endpoint", "baseline", 20, "C", "C"),
    ("E", "Database lock and primary analysis", "baseline", 3, "D", "D; K"),
    ("F", "Clinical study report and BLA submission", "baseline", 5, "E", "E"),
    ("H", "DMC review, FDA Type A meeting and safety protocol amendment", "safety_followup", 6, "", "C SS+16"),
    ("I", "Activation of 200 safety-cohort sites", "safety_followup", 6, "", "H"),
    ("J", "Safety-cohort enrolment (2,000 patients, single arm)", "safety_followup", 14, "", "I SS+2"),
    ("K", "12-month safety follow-up of the last safety-cohort patient", "safety_followup", 12, "", "J"),
]
# Early starts that follow from the network (checked by the tests with the CPM of followup.schedule).
MAIN_ENROLMENT = (8, 26)       # C: months 9..26
SAFETY_ENROLMENT = (32, 46)    # J: months 33..46
SAFETY_SITES_OPEN = (30, 58)   # I starts .. K finishes: the safety cohort's site-months
DELAY_MONTHS = 12              # F finishes at month 66 instead of 54

MAIN_PATIENTS, MAIN_SITES, SAFETY_PATIENTS, SAFETY_SITES = 900, 150, 2_000, 200
INTERIM_MONTH = 24

# --- immune-related adverse events --------------------------------------------------------------------
# Any-grade rate per patient and the split of the worst grade (CTCAE 1..5), anti-PD-1 monotherapy in a
# lung-cancer population; chemotherapy rows are investigator-attributed events with the same terms.
IRAE_ANTI_PD1 = {
    "pneumonitis":    (0.055, (0.30, 0.33, 0.27, 0.04, 0.06)),
    "colitis":        (0.025, (0.20, 0.40, 0.34, 0.05, 0.01)),
    "hepatitis":      (0.020, (0.20, 0.30, 0.40, 0.09, 0.01)),
    "endocrinopathy": (0.120, (0.40, 0.55, 0.04, 0.01, 0.00)),
    "dermatitis":     (0.160, (0.65, 0.30, 0.05, 0.00, 0.00)),
    "nephritis":      (0.010, (0.30, 0.40, 0.25, 0.04, 0.01)),
    "myocarditis":    (0.004, (0.10, 0.20, 0.30, 0.15, 0.25)),
}
IRAE_CHEMO = {
    "pneumonitis":    (0.010, (0.40, 0.40, 0.17, 0.02, 0.01)),
    "colitis":        (0.005, (0.40, 0.40, 0.20, 0.00, 0.00)),
    "hepatitis":      (0.010, (0.50, 0.30, 0.20, 0.00, 0.00)),
    "endocrinopathy": (0.015, (0.60, 0.40, 0.00, 0.00, 0.00)),
    "dermatitis":     (0.040, (0.80, 0.20, 0.00, 0.00, 0.00)),
    "nephritis":      (0.005, (0.50, 0.40, 0.10, 0.00, 0.00)),
    "myocarditis":    (0.0005, (0.00, 0.50, 0.50, 0.00, 0.00)),
}
LATE_SHARE = 0.35  # share of a category's events that first appear after the interim data cut

# --- costs (USD) --------------------------------------------------------------------------------------
BURN = [  # what a month of delay or hold costs the programme
    ("delay", "Main trial kept running: CRO fees, 150 sites, follow-up of 900 patients", 6_500_000),
    ("delay", "Programme team and overheads (clinical, regulatory, biostatistics, medical affairs)", 5_500_000),
    ("delay", "Drug supply: manufacturing campaigns held, stability testing, storage", 4_000_000),
]
SAFETY_ITEMS = [
    ("FU-01", "patients", "Treatment and safety visits per added patient (drug, labs, imaging, site fees)",
     "patient", SAFETY_PATIENTS, 58_000),
    ("FU-02", "patients", "irAE work-up and management (endocrine panels, chest CT, steroids, admissions)",
     "patient", SAFETY_PATIENTS, 7_000),
    ("SITE-01", "sites", "Activation of a safety-cohort site (start-up fee, ethics, contract)",
     "site", SAFETY_SITES, 60_000),
    ("SITE-02", "sites", "Site management fee while the safety cohort runs",
     "site-month", SAFETY_SITES * (SAFETY_SITES_OPEN[1] - SAFETY_SITES_OPEN[0]), 2_000),
    ("MON-01", "monitoring", "Monitoring visits and source-data verification per added patient",
     "patient", SAFETY_PATIENTS, 12_000),
    ("MON-02", "monitoring", "Data monitoring committee and irAE adjudication committee",
     "month", SAFETY_SITES_OPEN[1] - SAFETY_SITES_OPEN[0], 100_000),
    ("DATA-01", "data", "Data management and pharmacovigilance per added patient",
     "patient", SAFETY_PATIENTS, 4_000),
]
RESTART_ITEMS = [  # after a clinical hold is lifted
    ("RST-01", "restart", "Complete response to the hold: safety analyses, consultants, FDA meetings",
     "lump sum", 1, 4_000_000),
    ("RST-02", "restart", "Reactivation of a main-cohort site: re-consent, retraining, ethics re-approval",
     "site", MAIN_SITES, 30_000),
]
HOLD_MONTHS = (18, 24)  # S4.3: a clinical hold delays the project 18-24 months


def phases() -> pd.DataFrame:
    frame = pd.DataFrame(PHASE_ROWS, columns=[c.name for c in PHASES])
    return frame.replace({"predecessors_baseline": {"": None}, "predecessors_revised": {"": None}})


def _ramp(first_month: int, last_month: int, sites: int, ramp_months: int) -> np.ndarray:
    """Sites open each month: activation spreads over ``ramp_months``, then all sites stay open."""
    k = np.arange(1, last_month - first_month + 1)
    return np.minimum(sites, np.ceil(sites * k / ramp_months)).astype(int)


def enrolment(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for cohort, (start, finish), patients, sites, ramp in (
            ("main", MAIN_ENROLMENT, MAIN_PATIENTS, MAIN_SITES, 6),
            ("safety_followup", SAFETY_ENROLMENT, SAFETY_PATIENTS, SAFETY_SITES, 4)):
        open_sites = _ramp(start, finish, sites, ramp)
        # Patients arrive in proportion to open sites, with month-to-month noise.
        weights = open_sites * rng.gamma(20.0, 1 / 20.0, len(open_sites))
        counts = rng.multinomial(patients, weights / weights.sum())
        rows += [(start + 1 + i, cohort, int(s), int(n)) for i, (s, n) in enumerate(zip(open_sites, counts))]
    return pd.DataFrame(rows, columns=[c.name for c in ENROLMENT])


def _grades(rng, at_risk: int, rates: dict, scale: float = 1.0) -> dict:
    out = {}
    for category in IRAE_CATEGORIES:
        rate, split = rates[category]
        probs = np.array(split) * rate * scale
        out[category] = rng.multinomial(at_risk, np.r_[probs, 1.0 - probs.sum()])[:5]
    return out


def adverse_events(rng: np.random.Generator, enrolled: pd.DataFrame) -> pd.DataFrame:
    main = enrolled[enrolled["cohort"] == "main"]
    by_interim = int(main.loc[main["month"] <= INTERIM_MONTH, "patients_enrolled"].sum())
    at_risk = {"interim": {"anti_pd1": round(by_interim * 2 / 3)},
               "final": {"anti_pd1": MAIN_PATIENTS * 2 // 3, "chemotherapy": MAIN_PATIENTS // 3}}
    at_risk["interim"]["chemotherapy"] = by_interim - at_risk["interim"]["anti_pd1"]
    rows = []
    for arm, rates in (("anti_pd1", IRAE_ANTI_PD1), ("chemotherapy", IRAE_CHEMO)):
        interim = _grades(rng, at_risk["interim"][arm], rates, 1.0 - LATE_SHARE)
        # Final = interim events + late-onset events and events of patients enrolled after the cut.
        later = _grades(rng, at_risk["final"][arm] - at_risk["interim"][arm], rates)
        late = _grades(rng, at_risk["interim"][arm], rates, LATE_SHARE)
        for category in IRAE_CATEGORIES:
            for grade in range(5):
                rows.append(("interim_m24", "main", arm, at_risk["interim"][arm], category, grade + 1,
                             int(interim[category][grade])))
                rows.append(("final", "main", arm, at_risk["final"][arm], category, grade + 1,
                             int(interim[category][grade] + later[category][grade] + late[category][grade])))
    safety = _grades(rng, SAFETY_PATIENTS, IRAE_ANTI_PD1)
    rows += [("final", "safety_followup", "anti_pd1", SAFETY_PATIENTS, category, grade + 1,
              int(safety[category][grade])) for category in IRAE_CATEGORIES for grade in range(5)]
    frame = pd.DataFrame(rows, columns=[c.name for c in ADVERSE_EVENTS])
    order = {cut: i for i, cut in enumerate(("interim_m24", "final"))}
    return frame.sort_values(["data_cut", "cohort", "arm", "irae_category", "grade"],
                             key=lambda s: s.map(order) if s.name == "data_cut" else s,
                             kind="stable").reset_index(drop=True)


def decisions() -> pd.DataFrame:
    rows = [
        ("D1", INTERIM_MONTH, "Interim safety data cut of the main cohort",
         "grade 3-5 pneumonitis rate in the anti-PD-1 arm (% of treated patients)", 1.5),
        ("D2", INTERIM_MONTH + 2, "DMC recommends continuing the trial with an expanded safety database", None, None),
        ("D3", INTERIM_MONTH + 5, "FDA Type A meeting: a 2,000-patient safety cohort with 12 months of follow-up "
                                  "is required before filing", None, None),
        ("D4", INTERIM_MONTH + 6, "Protocol amendment approved; safety-cohort site activation starts", None, None),
    ]
    return pd.DataFrame(rows, columns=[c.name for c in DECISIONS])


def _burn_items(prefix: str, months: int) -> list[tuple]:
    return [(f"{prefix}-{i:02d}", category, item, "month", months, rate)
            for i, (category, item, rate) in enumerate(BURN, start=1)]


def costs() -> pd.DataFrame:
    rows = [("safety_followup", *item) for item in SAFETY_ITEMS + _burn_items("DLY", DELAY_MONTHS)]
    for months in HOLD_MONTHS:
        rows += [(f"clinical_hold_{months}", *item) for item in _burn_items("HLD", months) + RESTART_ITEMS]
    return pd.DataFrame(rows, columns=[c.name for c in COSTS])


def risks(cost_table: pd.DataFrame) -> pd.DataFrame:
    total = (cost_table["quantity"] * cost_table["unit_cost_usd"]).groupby(cost_table["scenario"]).sum()
    burn = sum(rate for _, _, rate in BURN)  # a month of slip costs the monthly burn
    rows = [
        ("R1", "clinical hold after a further fatal irAE", "regulatory",
         "another grade 5 pneumonitis or myocarditis in the safety cohort", 10, 3, 4, 0.10,
         int(total["clinical_hold_18"]),
         "weekly irAE review, steroid algorithm training at every site, pre-agreed FDA communication plan"),
        ("R2", "slow safety-cohort enrolment", "operational",
         "fewer than 0.6 patients per site-month at the new sites", 5, 6, 3, 0.35, 3 * burn,
         "back-up sites pre-qualified; enrolment tracked weekly against the plan"),
        ("R3", "longer follow-up for late endocrinopathies", "regulatory",
         "FDA asks for 18 instead of 12 months of follow-up", 6, 4, 5, 0.20, 6 * burn,
         "agree the follow-up length in writing at the Type A meeting"),
        ("R4", "site activation delays abroad", "operational",
         "import licences and ethics reviews in new countries", 4, 5, 3, 0.30, 2 * burn,
         "start contracts in parallel with the amendment; regional CRO"),
        ("R5", "database lock slips", "operational",
         "source-data verification finds missing irAE grading", 5, 4, 6, 0.15, int(1.5 * burn),
         "central monitoring of irAE grading; rolling data cleaning"),
        ("R6", "drug supply shortfall", "supply",
         "batch failure at the contract manufacturer", 7, 2, 4, 0.05, 40_000_000,
         "second filling line qualified; 3 months of safety stock"),
        ("R7", "competitor approval in the same indication", "market",
         "a rival PD-1 is approved first and patients choose it", 6, 5, 2, 0.30, 3 * burn,
         "add sites in regions without the competitor's drug"),
        ("R8", "myocarditis signal", "safety",
         "a cluster of immune myocarditis with fatal outcome", 10, 2, 5, 0.04, int(total["clinical_hold_24"]),
         "troponin screening in the first 12 weeks of treatment"),
    ]
    return pd.DataFrame(rows, columns=[c.name for c in RISKS])


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    enrolled = enrolment(rng)
    cost_table = costs()
    return {
        "phases.csv": (phases(), {}),
        "enrolment.csv": (enrolled, {}),
        "adverse_events.csv": (adverse_events(rng, enrolled), {}),
        "decisions.csv": (decisions(), {"threshold_pct": ".1f"}),
        "costs.csv": (cost_table, {}),
        "risks.csv": (risks(cost_table), {"probability": ".2f"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
