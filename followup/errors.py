"""Exceptions of the followup library.

Every error is a ``ValueError`` subclass, so callers that already catch
``ValueError`` keep working, and its message names the offending id, column
or value and says how to fix it.
"""


class FollowupError(ValueError):
    """Base class of every error the library raises on bad input."""


class ScheduleError(FollowupError):
    """An activity network that cannot be scheduled (cycle, unknown id, bad duration, ...)."""


class RatingError(FollowupError):
    """A severity, occurrence or detection rating outside the integers 1-10."""


class ResourceError(FollowupError):
    """A resource demand, capacity or allocation that cannot be honoured."""


class SimulationError(FollowupError):
    """A Monte Carlo input that cannot be sampled (e.g. min > mode)."""


class DataError(FollowupError):
    """A dataset file that is missing, truncated or does not match its datasheet."""


class AnswerError(FollowupError):
    """An exercise answer of the wrong shape (e.g. text where a number is expected)."""


class OrganisationError(FollowupError):
    """An organisation, flow or pay input that cannot be computed (e.g. a team of 0, a negative wait)."""


class MathError(FollowupError):
    """A TeX formula of the book that cannot be converted to MathML (unknown command, unbalanced braces, ...)."""
