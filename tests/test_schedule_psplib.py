"""CPM length of every PSPLIB j30 and j120 instance in data/psplib/ equals the MPM-Time in its header.

PSPLIB (Kolisch & Sprecher, European Journal of Operational Research 96(1), 1997,
205-216) states in each file the critical-path length of the network with
resources ignored: 540 independent checks of the forward pass (480 j30, 60 j120).
"""

from pathlib import Path

import pytest

from followup.psplib import read_sm
from followup.schedule import critical_path_method

REPO_ROOT = Path(__file__).resolve().parents[1]
PSPLIB = REPO_ROOT / "data" / "psplib"  # committed (data/psplib/README.md)


@pytest.mark.parametrize("subset, count", [("j30", 480), ("j120", 60)])
def test_cpm_length_equals_mpm_time(subset, count):
    files = sorted((PSPLIB / subset).glob("*.sm"))
    assert len(files) == count
    wrong = []
    for path in files:
        instance = read_sm(path)
        sched = critical_path_method(instance.activities, instance.links)
        if sched.duration != instance.mpm_time:
            wrong.append((instance.name, sched.duration, instance.mpm_time))
        # The dummy sink ends the project, so it is always critical with zero float.
        sink = instance.activities["id"].iloc[-1]
        assert sched.table.loc[sink, "total_float"] == 0, instance.name
        assert (sched.table["total_float"] >= 0).all(), instance.name
    assert wrong == [], f"CPM length != MPM-Time for (name, ours, file): {wrong[:5]}"
