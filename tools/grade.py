"""Grade a folder of submitted exercise notebooks with otter-grader: a gradebook and a summary per exercise.

Usage: python tools/grade.py SUBMISSIONS [--set NN-topic] [--out _build/grades] [--timeout 180] [--jobs N]

- ``SUBMISSIONS`` holds one entry per student: ``<student>.ipynb``, or a folder ``<student>/`` with one
  notebook in it (the layout of an LMS or nbgitpuller collection).
- The set graded is ``--set``, or else the one most submissions name in their metadata
  (``otter.assignment_name``, written by ``tools/exercise_sets.py``).
- Each notebook is graded by ``otter run`` (no container) in its own process group, killed after
  ``--timeout`` seconds; ``--jobs`` (default: the machine's cores) notebooks run at once.
- A submission that cannot be graded - not a notebook, another set's notebook, an infinite loop, a crash -
  gets one row per exercise that says why; the run itself never stops on it.

Writes ``OUT/gradebook.csv`` (student, file, exercise, points, max_points, kind, feedback),
``OUT/summary.csv`` (per exercise: share correct, mean points, the most common named mistake) and
``OUT/results/<student>.json`` (otter's results, in the format Gradescope reads).
"""
from __future__ import annotations

import argparse
import collections
import concurrent.futures
import csv
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import exercise_sets  # noqa: E402  (a sibling tool, not a package)

GRADEBOOK_COLUMNS = ["student", "file", "exercise", "points", "max_points", "kind", "feedback"]
SUMMARY_COLUMNS = ["exercise", "max_points", "graded", "share_correct", "mean_points", "most_common_mistake",
                   "mistake_count", "not_answered"]
FEEDBACK = re.compile(r"AssertionError: \[([\w-]+)\] (.*)", re.S)


@dataclass(frozen=True)
class Submission:
    student: str
    path: pathlib.Path | None  # the notebook, or None when the entry holds none
    problem: str = ""  # why it cannot be graded, found before running it


def collect(folder: pathlib.Path) -> list[Submission]:
    """One submission per entry of ``folder`` (hidden files aside), in a stable order."""
    found = []
    for entry in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if entry.is_dir():
            notebooks = sorted(entry.rglob("*.ipynb"))
            notebooks = [n for n in notebooks if ".ipynb_checkpoints" not in n.parts]
            if len(notebooks) != 1:
                found.append(Submission(entry.name, None, f"the folder holds {len(notebooks)} notebooks, not one"))
                continue
            found.append(Submission(entry.name, notebooks[0]))
        else:
            found.append(Submission(entry.stem, entry))
    return found


def assignment_of(path: pathlib.Path) -> tuple[str | None, str]:
    """(the set a notebook names, "") or (None, why it is not a notebook)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # any unreadable file: say what the reader said
        return None, f"not a Jupyter notebook ({type(error).__name__}: {str(error).splitlines()[0][:120]})"
    return nb.metadata.get("otter", {}).get("assignment_name"), ""


# ------------------------------------------------------------------------------------------- one notebook
def _execution_errors(notebook) -> list[str]:
    errors = []
    for number, cell in enumerate(notebook.cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {number} raised {output['ename']}: {str(output['evalue'])[:100]}")
    return errors


def grade_one(autograder: pathlib.Path, notebook: pathlib.Path, results_dir: pathlib.Path, student: str) -> dict:
    """Grade one notebook in this process (run by the worker); returns per-exercise scores and feedback."""
    import contextlib

    from otter.run import main as otter_run

    with contextlib.redirect_stdout(sys.stderr):
        results = otter_run(str(notebook), autograder=str(autograder), output_dir=str(results_dir), no_logo=True)
    produced = results_dir / "results.json"
    if produced.exists():
        produced.replace(results_dir / f"{student}.json")
    errors = _execution_errors(results.notebook) if results.notebook is not None else []
    exercises = {}
    for name, result in results.results.items():
        failed = [r for r in result.test_case_results if not r.passed]
        kind, message = "correct", "Correct."
        if failed:
            found = FEEDBACK.search(failed[0].message)
            kind, message = (found.group(1), found.group(2).strip()) if found else ("error", failed[0].message)
        exercises[name] = {"points": result.score, "max_points": result.possible, "kind": kind, "feedback": message}
    return {"exercises": exercises, "errors": errors}


def _run_worker(autograder, notebook, results_dir, student, timeout) -> dict:
    """Grade one notebook in a child process group, bounded by ``timeout`` seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        command = [sys.executable, __file__, "--worker", str(autograder), str(notebook), str(results_dir),
                   student, out.name]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and the kernel it started
            process.communicate()
            return {"problem": f"grading stopped after {timeout:g} s: the notebook did not finish "
                               "(an infinite loop, or a very slow cell)"}
        text = pathlib.Path(out.name).read_text(encoding="utf-8")
        if process.returncode or not text:
            last = (stderr or "").strip().splitlines()[-1:] or ["no message"]
            reason = last[0]
            if "Received submission for assignment" in reason:
                reason = reason.split(": ", 1)[-1]
            return {"problem": f"could not be graded: {reason[:200]}"}
        return json.loads(text)


# -------------------------------------------------------------------------------------------- the class
def grade(folder: pathlib.Path, out: pathlib.Path, only: str | None = None, timeout: float = 180,
          jobs: int | None = None) -> tuple[list[dict], list[dict]]:
    """Grade every submission in ``folder``; write and return (gradebook rows, summary rows)."""
    submissions = collect(folder)
    named = {}
    for s in submissions:
        if s.path is not None and not s.problem:
            named[s.student] = assignment_of(s.path)
    sets = {x.id: x for x in exercise_sets.discover()}
    votes = collections.Counter(name for name, _ in named.values() if name in sets)
    set_id = only or (votes.most_common(1)[0][0] if votes else None)
    if set_id not in sets:
        raise SystemExit(f"no exercise set to grade against: give --set (one of {', '.join(sets)})")
    exercise_set = sets[set_id]
    out.mkdir(parents=True, exist_ok=True)
    results_dir = out / "results"
    results_dir.mkdir(exist_ok=True)
    autograder = exercise_sets.write_grader(exercise_set, out / "grader")

    def outcome(s: Submission) -> dict:
        if s.problem:
            return {"problem": s.problem}
        name, unreadable = named[s.student]
        if unreadable:
            return {"problem": unreadable}
        if name != set_id:
            what = f"the notebook of {name}" if name else "a notebook without the exercise set's metadata"
            return {"problem": f"this is {what}, not of {set_id}: submit exercises/{set_id}.ipynb"}
        with tempfile.TemporaryDirectory() as scratch:  # each worker its own results.json
            result = _run_worker(autograder, s.path, pathlib.Path(scratch), s.student, timeout)
            for produced in pathlib.Path(scratch).glob("*.json"):
                produced.replace(results_dir / produced.name)
        return result

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        outcomes = list(pool.map(outcome, submissions))

    rows = []
    for s, result in zip(submissions, outcomes):
        file = s.path.relative_to(folder).as_posix() if s.path is not None else s.student
        errors = result.get("errors", [])
        for exercise in exercise_set.exercises:
            graded = result.get("exercises", {}).get(exercise.name)
            if graded is None:
                why = result.get("problem") or "the grader returned no result for this exercise"
                rows.append(dict(student=s.student, file=file, exercise=exercise.name, points=0,
                                 max_points=exercise.points, kind="not-graded", feedback=why))
                continue
            feedback = graded["feedback"]
            if graded["kind"] in ("missing", "not-answered") and errors:
                feedback += f" ({'; '.join(errors[:2])})"
            rows.append(dict(student=s.student, file=file, exercise=exercise.name, points=graded["points"],
                             max_points=graded["max_points"], kind=graded["kind"], feedback=feedback))
    summary = summarise(rows, exercise_set)
    _write_csv(out / "gradebook.csv", GRADEBOOK_COLUMNS, rows)
    _write_csv(out / "summary.csv", SUMMARY_COLUMNS, summary)
    return rows, summary


def summarise(rows: list[dict], exercise_set) -> list[dict]:
    """Per exercise: how many were graded, the share correct, and the named mistake made most often."""
    summary = []
    for exercise in exercise_set.exercises:
        mine = [r for r in rows if r["exercise"] == exercise.name and r["kind"] != "not-graded"]
        mistakes = collections.Counter(r["feedback"] for r in mine if r["kind"] == "mistake")
        common, count = mistakes.most_common(1)[0] if mistakes else ("", 0)
        summary.append(dict(
            exercise=exercise.name, max_points=exercise.points, graded=len(mine),
            share_correct=round(sum(r["kind"] == "correct" for r in mine) / len(mine), 3) if mine else "",
            mean_points=round(sum(float(r["points"]) for r in mine) / len(mine), 2) if mine else "",
            most_common_mistake=common, mistake_count=count,
            not_answered=sum(r["kind"] in ("not-answered", "missing") for r in mine)))
    return summary


def _write_csv(path: pathlib.Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        autograder, notebook, results_dir, student, out = argv[1:]
        result = grade_one(pathlib.Path(autograder), pathlib.Path(notebook), pathlib.Path(results_dir), student)
        pathlib.Path(out).write_text(json.dumps(result), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("submissions", type=pathlib.Path)
    parser.add_argument("--set", dest="only", help="the exercise set (NN-topic); default: what most submissions name")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("_build/grades"))
    parser.add_argument("--timeout", type=float, default=180, help="seconds per notebook (default 180)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks graded at once (default: the cores)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"{args.submissions} is not a folder of submissions")
    rows, summary = grade(args.submissions, args.out, args.only, args.timeout, args.jobs)
    students = len({r["student"] for r in rows})
    print(f"graded {students} submissions: {args.out / 'gradebook.csv'}, {args.out / 'summary.csv'}")
    for line in summary:
        print(f"  {line['exercise']}: {line['share_correct'] if line['share_correct'] != '' else '-'} correct"
              + (f"; most common mistake ({line['mistake_count']}x): {line['most_common_mistake'][:90]}"
                 if line["mistake_count"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
