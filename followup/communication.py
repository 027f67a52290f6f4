"""Communication channels in a team: n(n-1)/2 pairs, and what routing through team leads saves.

Every pair of people who may need to talk is a channel; a team of n has n(n-1)/2 of them
(Brooks, *The Mythical Man-Month*, ch. 2), so the coordination load grows with the square of the
team while the hands grow linearly. A functional organisation keeps the count down by routing
between departments through their heads; a co-located war room accepts the full count, because
sitting together makes each channel cheap (a question across the desk, not a memo up two levels).

>>> communication_channels(14)
91
>>> channels_through_leads([3, 3, 3, 3, 2])   # five departments talking through their heads
23
"""

from __future__ import annotations

from collections.abc import Sequence

from followup.bounds import require_number
from followup.errors import OrganisationError

__all__ = ["MAX_PEOPLE", "MAX_TEAMS", "channels_through_leads", "communication_channels"]

#: Largest team size accepted (a bound on the caller's input, not on the formula).
MAX_PEOPLE = 100_000
#: Largest number of sub-teams :func:`channels_through_leads` accepts.
MAX_TEAMS = 1_000


def communication_channels(people: int) -> int:
    """The channels n(n-1)/2 among ``people`` who may all talk to each other.

    Twin of ``communicationChannels`` in ``followup/calculators/organisation_calculator.mjs``.

    >>> communication_channels(1), communication_channels(2), communication_channels(10)
    (0, 1, 45)
    """
    n = require_number(people, "people", low=1, high=MAX_PEOPLE, integer=True, unit="people")
    return n * (n - 1) // 2


def channels_through_leads(team_sizes: Sequence[int]) -> int:
    """Channels when people talk freely inside their own team and across teams only through its lead.

    Each team of s has s(s-1)/2 inside channels; the k leads (one per team, counted in its size)
    add k(k-1)/2 among themselves.
    """
    if isinstance(team_sizes, (str, bytes)) or not isinstance(team_sizes, Sequence) or not team_sizes:
        raise OrganisationError("team_sizes must be a non-empty list of team sizes, e.g. [3, 3, 2]")
    if len(team_sizes) > MAX_TEAMS:
        raise OrganisationError(f"team_sizes lists {len(team_sizes):,} teams; give at most {MAX_TEAMS:,}")
    inside = sum(communication_channels(s) for s in team_sizes)
    return inside + communication_channels(len(team_sizes))
