"""Loaders of the case datasets in ``data/<case>/``.

One module per case; each has ``load(data_dir=None)`` that reads the case's
CSV files, checks them against the schema its ``DATASHEET.md`` describes, and
raises :class:`followup.errors.DataError` naming file, column and data row on
a missing, truncated or mis-typed file. ``data_dir`` defaults to the
repository's ``data/<case>/``; pass another folder to load a regenerated copy::

    from followup.datasets import pipeline
    case = pipeline.load()

The shared reading/writing helpers are in :mod:`followup.datasets._validate`.
"""

__all__ = [
    "card_fraud",
    "chip_war_room",
    "dealership_4s",
    "fleet_pulse",
    "hualong_crane",
    "npd_launch",
    "order_peak_618",
    "pd1_trial",
    "pipeline",
    "retail_replenishment",
    "subsea_tunnel",
]
