"""Published textbook networks, with their published duration and critical path.

Every number asserted here is re-derived by hand in the comments, so the test does
not rest on the citation alone.
"""

import pandas as pd

from followup.schedule import critical_path_method, links_from_predecessors


def test_hillier_lieberman_reliable_construction():
    """Reliable Construction Co. (building a plant): 14 activities, 44 weeks.

    F. S. Hillier & G. J. Lieberman, *Introduction to Operations Research*, McGraw-Hill,
    chapter "Project Management with PERT/CPM", the chapter's running example (its
    activity-list table; chapter, table and page numbers differ between editions, so
    none is quoted here: the numbers below are re-derived instead). Published result: project duration 44 weeks, critical path
    START-A-B-C-E-F-J-L-N-FINISH; slacks D, G, H, M = 4, I = 2, K = 1, others 0.

    Forward pass (weeks): A 0-2, B 2-6, C 6-16, D 16-22, E 16-20, F 20-25, G 22-29,
    H max(20, 29) = 29-38, I 16-23, J max(25, 23) = 25-33, K 33-37, L 33-38,
    M 38-40, N max(37, 38) = 38-44 -> 44 weeks.
    Backward pass from 44: N 38-44, M 42-44, L 33-38, K 34-38, J 25-33, I 18-25,
    H 33-42, G 26-33, F 20-25, E min(20, 33) - 4 = 16, D 20-26, C min(20, 16, 18) - 10 = 6,
    B 2, A 0. Slack = LS - ES: D 4, G 4, H 4, M 4, I 2, K 1, rest 0.
    """
    activities = pd.DataFrame(
        [
            ("A", "Excavate", 2, ""),
            ("B", "Lay the foundation", 4, "A"),
            ("C", "Put up the rough wall", 10, "B"),
            ("D", "Put up the roof", 6, "C"),
            ("E", "Install the exterior plumbing", 4, "C"),
            ("F", "Install the interior plumbing", 5, "E"),
            ("G", "Put up the exterior siding", 7, "D"),
            ("H", "Do the exterior painting", 9, "E; G"),
            ("I", "Do the electrical work", 7, "C"),
            ("J", "Put up the wallboard", 8, "F; I"),
            ("K", "Install the flooring", 4, "J"),
            ("L", "Do the interior painting", 5, "J"),
            ("M", "Install the exterior fixtures", 2, "H"),
            ("N", "Install the interior fixtures", 6, "K; L"),
        ],
        columns=["id", "name", "duration", "predecessors"],
    )
    # The book draws START and FINISH nodes: zero-length milestones here.
    activities = pd.concat(
        [
            pd.DataFrame([("START", "Start", 0, "")], columns=activities.columns),
            activities.assign(predecessors=activities["predecessors"].replace("", "START")),
            pd.DataFrame([("FINISH", "Finish", 0, "M; N")], columns=activities.columns),
        ],
        ignore_index=True,
    )
    sched = critical_path_method(activities, links_from_predecessors(activities))
    assert sched.duration == 44
    assert sched.critical_paths == [["START", "A", "B", "C", "E", "F", "J", "L", "N", "FINISH"]]
    slack = sched.table["total_float"]
    assert slack[["D", "G", "H", "M"]].tolist() == [4, 4, 4, 4]
    assert slack["I"] == 2 and slack["K"] == 1
    assert (slack[["A", "B", "C", "E", "F", "J", "L", "N"]] == 0).all()
    assert sched.table.loc["H", ["early_start", "late_start"]].tolist() == [29, 33]


def test_hendrickson_nine_activity_project():
    """Nine-activity site-work project: duration 30 days, critical path A-C-F-I.

    C. Hendrickson, *Project Management for Construction*, 2nd ed. (Carnegie Mellon
    University, online edition 2008), chapter 10 "Fundamental Scheduling Procedures",
    Table 10-1 "Precedence Relations and Durations for a Nine Activity Project Example"
    (activity list checked against a public copy of the table); the duration and
    critical path are the ones the chapter's scheduling calculations arrive at.

    Forward pass (days): A 0-4, B 0-3, C 4-12, D 4-11, E max(3, 12) = 12-21,
    F 12-24, G max(11, 21) = 21-23, H 21-26, I max(24, 23) = 24-30 -> 30.
    Backward pass from 30: I 24-30, H 25-30, G 22-24, F 12-24, E min(22, 25) - 9 = 13,
    D min(22, 25) - 7 = 15, C min(13, 12) - 8 = 4, B min(13, 12) - 3 = 9, A min(4, 15) - 4 = 0.
    Total float: A 0, B 9, C 0, D 11, E 1, F 0, G 1, H 4, I 0.
    Free float: B 12 - 3 = 9, D 21 - 11 = 10, E 21 - 21 = 0, G 24 - 23 = 1, H 30 - 26 = 4.
    """
    activities = pd.DataFrame(
        [
            ("A", "Site clearing", "", 4),
            ("B", "Removal of trees", "", 3),
            ("C", "General excavation", "A", 8),
            ("D", "Grading general area", "A", 7),
            ("E", "Excavation for trenches", "B, C", 9),
            ("F", "Placing formwork and reinforcement for concrete", "B, C", 12),
            ("G", "Installing sewer lines", "D, E", 2),
            ("H", "Installing other utilities", "D, E", 5),
            ("I", "Pouring concrete", "F, G", 6),
        ],
        columns=["id", "name", "predecessors", "duration"],
    )
    sched = critical_path_method(activities, links_from_predecessors(activities))
    assert sched.duration == 30
    assert sched.critical_paths == [["A", "C", "F", "I"]]
    table = sched.table
    assert table["total_float"].tolist() == [0, 9, 0, 11, 1, 0, 1, 4, 0]
    assert table["free_float"].tolist() == [0, 9, 0, 10, 0, 0, 1, 4, 0]


def test_pdm_example_with_ss_ff_lags_and_a_lead():
    """A hand-worked precedence-diagram (PDM) network with every link type.

    Not taken from a book: the link semantics are the standard PDM ones (Moder,
    Phillips & Davis, *Project Management with CPM, PERT and Precedence
    Diagramming*, 3rd ed., 1983, ch. 4), and each date is derived below.

    Trench work: excavate E(10), lay pipe P(8), backfill B(6), test T(3), hand over H(4):
      E -> P  SS +2 : ES_P >= ES_E + 2 = 2            -> P 2-10
      P -> B  FF +2 : EF_B >= EF_P + 2 = 12           -> B 6-12
      E -> T  FS -1 : ES_T >= EF_E - 1 = 9            -> T 9-12
      B -> H  FS  0 : ES_H >= 12
      T -> H  SF+14 : EF_H >= ES_T + 14 = 23 -> ES_H >= 19 -> H 19-23
    Duration = max EF = 23 (H, pushed by the SF link).
    Backward from 23: H 19-23; T: LS_T <= LF_H - 14 = 9 and LF_T <= 23 -> LS_T = 9 (TF 0);
    B: LF_B <= LS_H = 19 -> 13-19 (TF 7); P: LF_P <= LF_B - 2 = 17 -> 9-17 (TF 7);
    E: LS_E <= LS_P - 2 = 7, LF_E <= LS_T + 1 = 10 -> LS_E = min(7, 0) = 0 (TF 0).
    Free float: E min(ES_P - 2 - ES_E = 0, ES_T + 1 - EF_E = 0) = 0;
    P: EF_B - 2 - EF_P = 0; B: ES_H - EF_B = 7; T: EF_H - 14 - ES_T = 0; H: 23 - 23 = 0.
    Critical path: E -> T -> H.
    """
    activities = pd.DataFrame(
        {"id": ["E", "P", "B", "T", "H"], "duration": [10, 8, 6, 3, 4]}
    )
    links = pd.DataFrame(
        [("E", "P", "SS", 2), ("P", "B", "FF", 2), ("E", "T", "FS", -1), ("B", "H", "FS", 0), ("T", "H", "SF", 14)],
        columns=["predecessor", "successor", "type", "lag"],
    )
    sched = critical_path_method(activities, links)
    table = sched.table
    assert sched.duration == 23
    assert table["early_start"].tolist() == [0, 2, 6, 9, 19]
    assert table["late_start"].tolist() == [0, 9, 13, 9, 19]
    assert table["total_float"].tolist() == [0, 7, 7, 0, 0]
    assert table["free_float"].tolist() == [0, 0, 7, 0, 0]
    assert sched.critical_paths == [["E", "T", "H"]]
