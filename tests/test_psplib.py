"""Tests of the PSPLIB reader on the j30/j120 sets in data/psplib/ and on malformed copies."""

from pathlib import Path

import pandas as pd
import pytest

from followup.errors import DataError
from followup.psplib import read_optimum, read_sm

REPO_ROOT = Path(__file__).resolve().parents[1]
PSPLIB = REPO_ROOT / "data" / "psplib"  # j30 and 60 of j120, committed (data/psplib/README.md)


def test_j301_1_matches_the_file():
    inst = read_sm(PSPLIB / "j30" / "j301_1.sm")
    assert inst.name == "j301_1"
    assert inst.mpm_time == 38 and inst.horizon == 158
    assert inst.capacities == {"R1": 12, "R2": 13, "R3": 4, "R4": 12}
    assert list(inst.activities.columns) == ["id", "duration"]
    assert inst.activities["id"].tolist() == [str(i) for i in range(1, 33)]
    assert inst.activities.set_index("id").loc["2", "duration"] == 8
    assert inst.demands.loc["3"].tolist() == [10, 0, 0, 0]
    assert inst.demands.loc["20", "R2"] == 10
    # job 1 -> 2, 3, 4; job 32 has no successors; 48 links in all
    assert inst.links.query("predecessor == '1'")["successor"].tolist() == ["2", "3", "4"]
    assert (inst.links["predecessor"] == "32").sum() == 0
    assert len(inst.links) == 48
    assert set(inst.links["type"]) == {"FS"} and set(inst.links["lag"]) == {0}


@pytest.mark.parametrize("subset, n_jobs", [("j30", 32), ("j120", 122)])
def test_every_instance_reads_with_dummy_source_and_sink(subset, n_jobs):
    files = sorted((PSPLIB / subset).glob("*.sm"))
    assert len(files) == {"j30": 480, "j120": 60}[subset]
    for f in files[::7]:
        inst = read_sm(f)
        assert len(inst.activities) == n_jobs
        assert inst.activities["duration"].iloc[[0, -1]].tolist() == [0, 0]
        assert (inst.demands.max() <= pd.Series(inst.capacities)).all()
        assert inst.horizon == inst.activities["duration"].sum()


def test_optimum_tables():
    j30 = read_optimum(PSPLIB / "j30" / "optimum" / "optimum.csv")
    assert len(j30) == 480
    assert j30.iloc[0].tolist() == ["j301_1", 43, 43]
    assert (j30["lower"] == j30["upper"]).all()
    j120 = read_optimum(PSPLIB / "j120" / "optimum" / "optimum.csv")
    assert len(j120) == 600
    assert j120.iloc[0].tolist() == ["j1201_1", 104, 105]
    assert j120.set_index("problem").loc["j12019_5", "upper"] == 103
    assert pd.isna(j120.set_index("problem").loc["j12019_5", "lower"])


SMALL = """\
************************************************************************
jobs (incl. supersource/sink ):  3
horizon                       :  4
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      1      0        4        0        4
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          1           3
   3        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     4       2    1
  3      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    3    1
************************************************************************
"""


def _write(tmp_path, text, name="tiny.sm"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_small_hand_file(tmp_path):
    inst = read_sm(_write(tmp_path, SMALL))
    assert inst.capacities == {"R1": 3, "R2": 1}
    assert inst.demands.loc["2"].tolist() == [2, 1]
    assert inst.links[["predecessor", "successor"]].values.tolist() == [["1", "2"], ["2", "3"]]
    assert inst.mpm_time == 4


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("   2        1          1           3", "   2        1          2           3", "line 12"),
        ("  2      1     4       2    1", "  2      1     4       x    1", "line 19"),
        ("  2      1     4       2    1", "  2      1     4       2", "line 19"),
        ("  2      1     4       2    1", "  2      2     4       2    1", "single-mode"),
        ("    3    1\n", "    3\n", "capacities"),
        ("    1      1      0        4        0        4", "    1      1      0", "MPM-Time"),
        ("horizon                       :  4", "horizon                       :  x", "line 3"),
        ("jobs (incl. supersource/sink ):  3", "jobs (incl. supersource/sink ):  4", "announces 4"),
        ("   2        1          1           3", "   2        1          1           9", "successor"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, old, new, message):
    assert old in SMALL
    with pytest.raises(DataError, match="tiny.sm") as err:
        read_sm(_write(tmp_path, SMALL.replace(old, new)))
    assert message in str(err.value)


def test_truncated_file(tmp_path):
    text = SMALL.split("RESOURCEAVAILABILITIES")[0]
    with pytest.raises(DataError, match=r"tiny\.sm line \d+: file ends without RESOURCEAVAILABILITIES"):
        read_sm(_write(tmp_path, text))


def test_missing_files(tmp_path):
    with pytest.raises(DataError, match="no such PSPLIB file"):
        read_sm(tmp_path / "absent.sm")
    with pytest.raises(DataError, match="no such optimum table"):
        read_optimum(tmp_path / "absent.csv")


@pytest.mark.parametrize(
    "text, message",
    [
        ("name,value\nx.sm,3\n", "line 1: header"),
        ("problem,optimum\nx.sm,3\ny.sm,abc\n", "line 3"),
        ("problem,optimum\nx.sm,9..3\n", "upper < lower"),
    ],
)
def test_malformed_optimum(tmp_path, text, message):
    with pytest.raises(DataError, match=message):
        read_optimum(_write(tmp_path, text, "optimum.csv"))


def test_optimum_intervals(tmp_path):
    table = read_optimum(_write(tmp_path, "problem,optimum\na.sm,7\nb.sm,5..6\nc.sm,..9\n", "optimum.csv"))
    assert table["problem"].tolist() == ["a", "b", "c"]
    assert table["upper"].tolist() == [7, 6, 9]
    assert table["lower"].iloc[:2].tolist() == [7, 5] and pd.isna(table["lower"].iloc[2])
