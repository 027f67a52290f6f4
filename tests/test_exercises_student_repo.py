"""`make student-repo`: the students' repository holds no worked solution, expected answer or hidden test.

Every solution cell of every exercise source, and every expected answer in the forms a page would print
it, is searched for in every file of the generated repository.
"""
import pathlib
import subprocess
import sys

import nbformat
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import exercise_sets  # noqa: E402
import sample_submissions  # noqa: E402
import student_edition  # noqa: E402

URL = "https://github.com/example-org/course-students"
#: Answers a chapter prints, found by this test and reported to the chapter's author; none today (chapter 2's
#: staffing example no longer works exercise 5's peak). Add (set, exercise, file) while a chapter is being changed.
KNOWN_LEAKS: set[tuple[str, int, str]] = set()
#: Vendored third-party files: their digits are not the book's.
VENDORED = ("data/", "assets/")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return student_edition.write_repository(tmp_path_factory.mktemp("students") / "course", URL)


@pytest.fixture(scope="module")
def texts(repo):
    """Every text in the repository: files as text, notebooks as their cells' sources and outputs."""
    found = {}
    for path in repo.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            parts = [c.source for c in nb.cells]
            parts += [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                      + str(o.get("data", {}).get("text/html", "")) for c in nb.cells for o in c.get("outputs", [])]
            found[path.relative_to(repo).as_posix()] = "\n".join(parts)
        else:
            try:
                found[path.relative_to(repo).as_posix()] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return found


def test_only_the_students_files(repo):
    top = sorted(p.name for p in repo.iterdir())
    assert {"chapters", "exercises", "data", "followup", "_config.yml", "_toc.yml", "requirements.txt",
            "binder", "README.md"} <= set(top)
    for absent in ("tests", "tools", "instructors", "exercises/solutions", "exercises/source", "benchmarks"):
        assert not (repo / absent).exists(), absent
    assert sorted(p.name for p in (repo / "exercises").glob("*.ipynb")) == sorted(
        s.learners.name for s in exercise_sets.discover())


def test_no_solution_cell(texts):
    leaks = []
    for exercise_set in exercise_sets.discover():
        for cell in nbformat.read(exercise_set.source, as_version=4).cells:
            if exercise_sets.TAG_SOLUTION in cell.metadata.get("tags", []) and len(cell.source.strip()) >= 25:
                leaks += [(exercise_set.id, cell.source[:60], name) for name, text in texts.items()
                          if cell.source.strip() in text]
    assert not leaks, leaks


def test_no_expected_answer(texts):
    leaks = []
    for exercise_set in exercise_sets.discover():
        for number, key in sample_submissions.answer_key(exercise_set.module).items():
            for form in sample_submissions.printed_forms(key.expected):
                leaks += [(exercise_set.id, number, name) for name, text in texts.items()
                          if form in text and not name.startswith(VENDORED)]
    assert set(leaks) - KNOWN_LEAKS == set(), sorted(set(leaks) - KNOWN_LEAKS)
    assert KNOWN_LEAKS <= set(leaks), f"fixed, remove from KNOWN_LEAKS: {sorted(KNOWN_LEAKS - set(leaks))}"


def test_no_hidden_test_or_grader(texts):
    for name, text in texts.items():
        assert "test_case(" not in text and "hidden=True" not in text, name
        assert "otter.test_files" not in text and "exercise_sets" not in text, name


def test_its_launch_buttons_and_binder_are_the_students(repo):
    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["url"] == URL
    toc = (repo / "_toc.yml").read_text(encoding="utf-8")
    assert "solutions/" not in toc and "instructors/" not in toc
    full = set((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    students = (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert set(students) <= full and "-e ." in students
    assert not any(line.lower().startswith(("otter-grader", "nbgitpuller")) for line in students)
    for name in ("runtime.txt", "requirements.txt"):  # Binder reads binder/: the learners' runtime, same pins
        assert (repo / "binder" / name).read_text(encoding="utf-8") == (ROOT / "binder" / name).read_text(encoding="utf-8")


@pytest.mark.slow
def test_it_builds_its_own_site(repo):
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run([str(jupyter_book), "build", "--builder", "html", "-W", "-n", "--keep-going", "."],
                           cwd=repo, capture_output=True, text=True, timeout=1500)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert (repo / "_build" / "html" / "exercises" / "02-time.html").exists()
