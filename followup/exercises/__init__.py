"""Automatic checks of the exercise sets, one module per chapter (time, resources, risk)."""
