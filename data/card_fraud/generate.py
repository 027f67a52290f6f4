"""Rebuild data/card_fraud/transactions.csv byte for byte.

    python data/card_fraud/generate.py            # rewrite the files beside this script
    python data/card_fraud/generate.py --out DIR  # write them into DIR instead

Synthetic: one day of card transactions screened by a fraud model, calibrated to S4.1 of the
article (see DATASHEET.md for every parameter and its reasoning).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.datasets.card_fraud import CHANNELS, FILE, TRANSACTIONS  # noqa: E402

SEED = 20_241_101
N_TRANSACTIONS = 48_000
N_FRAUD = 168  # 0.35 % of the day: card fraud is rare even among screened transactions

# Share of transactions per local hour: quiet nights, lunch and evening peaks (genuine) versus a
# flatter profile with a night bump (fraud rings test and cash out stolen cards while owners sleep).
HOURLY_GENUINE = np.array([0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.9, 2.0, 3.5, 4.5, 5.2, 6.0,
                           7.0, 6.3, 5.4, 5.2, 5.4, 6.0, 7.2, 8.0, 7.8, 6.6, 4.3, 2.4])
HOURLY_FRAUD = np.array([4.0, 4.5, 4.8, 4.6, 3.8, 3.0, 2.6, 3.0, 3.6, 4.0, 4.2, 4.4,
                         4.6, 4.4, 4.2, 4.2, 4.4, 4.6, 4.8, 5.0, 5.0, 4.8, 4.4, 4.2])

CHANNEL_GENUINE = np.array([0.40, 0.22, 0.30, 0.08])
CHANNEL_FRAUD = np.array([0.28, 0.04, 0.58, 0.10])  # card-not-present dominates card fraud

# Merchant category mix per channel (genuine, fraud); ATMs only dispense cash.
CATEGORY_MIX = {
    "pos_chip": ({"grocery": 0.30, "restaurant": 0.20, "fuel": 0.14, "retail": 0.22, "electronics": 0.05,
                  "jewellery": 0.02, "travel": 0.02, "wholesale": 0.05},
                 {"grocery": 0.05, "restaurant": 0.03, "fuel": 0.04, "retail": 0.13, "electronics": 0.20,
                  "jewellery": 0.20, "travel": 0.02, "wholesale": 0.33}),
    "pos_contactless": ({"grocery": 0.42, "restaurant": 0.30, "fuel": 0.08, "retail": 0.20},
                        {"grocery": 0.30, "restaurant": 0.15, "fuel": 0.15, "retail": 0.40}),
    "online": ({"retail": 0.38, "electronics": 0.14, "travel": 0.16, "online_gaming": 0.14, "restaurant": 0.18},
               {"retail": 0.18, "electronics": 0.32, "travel": 0.14, "online_gaming": 0.32, "restaurant": 0.04}),
    "atm": ({"atm_cash": 1.0}, {"atm_cash": 1.0}),
}

# Median genuine amount per category (CNY) and the log-normal spread.
MEDIAN_AMOUNT = {"grocery": 85, "restaurant": 110, "fuel": 320, "retail": 180, "electronics": 1_300,
                 "jewellery": 3_800, "travel": 1_600, "online_gaming": 90, "wholesale": 2_600, "atm_cash": 1_000}
SIGMA_AMOUNT = 0.85
FRAUD_AMOUNT_FACTOR = 2.6  # fraudsters spend more per transaction before the card is blocked
ROUND_CASH_OUT_SHARE = 0.45  # cash-out through colluding merchants uses round sums

# Score model: log-odds from features everyone can see, plus what the model learnt about fraud
# (FRAUD_SHIFT) and noise. Tuned so that the 0.3 % false-positive threshold catches about seven frauds in ten.
BASE_LOGIT = -5.6
NIGHT_EFFECT = 0.9
CHANNEL_EFFECT = {"pos_chip": 0.0, "pos_contactless": -0.6, "online": 0.7, "atm": 0.4}
CATEGORY_EFFECT = {"grocery": -0.4, "restaurant": -0.3, "fuel": -0.1, "retail": 0.0, "electronics": 0.6,
                   "jewellery": 0.7, "travel": 0.3, "online_gaming": 0.5, "wholesale": 0.6, "atm_cash": 0.3}
AMOUNT_EFFECT = 0.45  # per unit of log(amount / category median)
FRAUD_SHIFT = 2.8
NOISE_SD = 1.05


def _draw(rng: np.random.Generator, n: int, fraud: bool) -> pd.DataFrame:
    k = 1 if fraud else 0
    hourly = HOURLY_FRAUD if fraud else HOURLY_GENUINE
    hour = rng.choice(24, size=n, p=hourly / hourly.sum())
    channel = rng.choice(CHANNELS, size=n, p=CHANNEL_FRAUD if fraud else CHANNEL_GENUINE)
    category = np.empty(n, dtype=object)
    for name in CHANNELS:
        mask = channel == name
        mix = CATEGORY_MIX[name][k]
        category[mask] = rng.choice(list(mix), size=int(mask.sum()), p=np.array(list(mix.values())))
    median = np.array([MEDIAN_AMOUNT[c] for c in category], dtype=float)
    amount = median * np.exp(rng.normal(0.0, SIGMA_AMOUNT, n)) * (FRAUD_AMOUNT_FACTOR if fraud else 1.0)
    cash = category == "atm_cash"
    amount[cash] = np.clip(np.round(amount[cash] / 100) * 100, 100, 20_000)  # ATMs pay out hundreds
    if fraud:
        rounded = rng.random(n) < ROUND_CASH_OUT_SHARE
        amount[rounded & ~cash] = np.ceil(amount[rounded & ~cash] / 1_000) * 1_000 - 1
    amount = np.clip(np.round(amount, 2), 1.0, 200_000.0)
    logit = (BASE_LOGIT
             + NIGHT_EFFECT * (hour < 6)
             + np.array([CHANNEL_EFFECT[c] for c in channel])
             + np.array([CATEGORY_EFFECT[c] for c in category])
             + AMOUNT_EFFECT * np.log(amount / median)
             + FRAUD_SHIFT * k
             + rng.normal(0.0, NOISE_SD, n))
    score = np.round(1.0 / (1.0 + np.exp(-logit)), 4)
    minute = rng.integers(0, 3600, n)  # order within the hour
    return pd.DataFrame({"hour": hour, "_second": hour * 3600 + minute, "channel": channel,
                         "merchant_category": category, "amount_cny": amount, "score": score,
                         "is_fraud": np.full(n, fraud)})


def transactions(seed: int = SEED) -> pd.DataFrame:
    """The day's transactions, in time order."""
    rng = np.random.default_rng(seed)
    day = pd.concat([_draw(rng, N_TRANSACTIONS - N_FRAUD, False), _draw(rng, N_FRAUD, True)],
                    ignore_index=True)
    day = day.sort_values(["_second", "score"], kind="stable").reset_index(drop=True)
    day.insert(0, "txn_id", [f"T{i:06d}" for i in range(1, len(day) + 1)])
    day["hour"] = day["hour"].astype("int64")
    day["merchant_category"] = day["merchant_category"].astype(str)
    return day[[c.name for c in TRANSACTIONS]]


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    return {FILE: (transactions(), {"amount_cny": ".2f", "score": ".4f"})}


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
