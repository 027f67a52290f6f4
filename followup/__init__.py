"""followup: the calculators, case data and exercise checks of the course
"Following up a business vs following up a project".

One concept per module; import what you need from it, e.g.::

    from followup.schedule import critical_path_method
    from followup.risk import action_priority
"""

from followup.errors import (
    AnswerError,
    DataError,
    FollowupError,
    RatingError,
    ResourceError,
    ScheduleError,
    SimulationError,
)

__version__ = "0.1.0"

__all__ = [
    "AnswerError",
    "DataError",
    "FollowupError",
    "RatingError",
    "ResourceError",
    "ScheduleError",
    "SimulationError",
]
