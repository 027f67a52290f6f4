"""Loader of ``data/card_fraud/``: one day of card transactions with fraud labels and a model score (S4.1).

The file is synthetic (see ``data/card_fraud/DATASHEET.md``): 48,000 transactions of one day, 0.35 %
of them fraud, each with the score (0-1) of a screening model. A chapter uses it to show why the
article's "accuracy 92 %" says little when fraud is rare, and to find the threshold that keeps false
positives within the 0.3 % the article names::

    from followup.datasets import card_fraud
    txns = card_fraud.load()
    txns["is_fraud"].mean()        # about 0.0035
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, read_csv_checked, regenerate_command

CASE = "card_fraud"
FILE = "transactions.csv"

CHANNELS = ("pos_chip", "pos_contactless", "online", "atm")
MERCHANT_CATEGORIES = (
    "grocery", "restaurant", "fuel", "retail", "electronics", "jewellery",
    "travel", "online_gaming", "wholesale", "atm_cash",
)

TRANSACTIONS = (
    Column("txn_id", "str", description="transaction id, in time order", pattern=r"T\d{6}", unique=True),
    Column("hour", "int", unit="h", min=0, max=23, description="local hour of the authorisation request"),
    Column("channel", "str", choices=CHANNELS,
           description="how the card was used: chip or contactless at a POS terminal, card-not-present online, ATM"),
    Column("merchant_category", "str", choices=MERCHANT_CATEGORIES,
           description="merchant category (a coarse grouping of merchant category codes)"),
    Column("amount_cny", "float", unit="CNY", min=0.01, max=200_000, description="transaction amount"),
    Column("score", "float", min=0.0, max=1.0,
           description="fraud score of the screening model; higher means more likely fraud"),
    Column("is_fraud", "bool",
           description="true if the transaction was later confirmed as fraud (chargeback or investigation)"),
)

#: Every file of the case and its schema.
FILES = {FILE: TRANSACTIONS}


def load(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The day's transactions as a DataFrame with the columns of :data:`TRANSACTIONS`.

    ``data_dir`` defaults to the repository's ``data/card_fraud/``. Raises
    :class:`~followup.errors.DataError` naming file, column and data row when the file is
    missing, truncated or holds a value of the wrong type or range.

    >>> txns = load()
    >>> len(txns), int(txns["is_fraud"].sum())
    (48000, 168)
    """
    folder = case_dir(CASE, data_dir)
    fix = regenerate_command(CASE, folder, data_dir)
    return read_csv_checked(folder / FILE, TRANSACTIONS, regenerate=fix)
