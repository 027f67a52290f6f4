"""tools/data_stamp.py: `make book` re-executes the notebooks when anything they read changed (a data file,
the library's Python, the calculators' ES modules and CSS, the pinned environment), and only then."""
import doctest
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("data_stamp", ROOT / "tools" / "data_stamp.py")
data_stamp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data_stamp)

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
#: what a build leaves: an executed notebook in the cache, the pages Sphinx read
BUILT = (".jupyter_cache/executed-notebook", "_build/.doctrees/environment.pickle")


def make_variable(name: str) -> str:
    return MAKEFILE.split(f"\n{name} = ", 1)[1].split("\n", 1)[0]


def stamp_command() -> list[str]:
    """The Makefile's DATA_STAMP command, run with this interpreter."""
    words = shlex.split(make_variable("DATA_STAMP").replace("$(EXECUTION_INPUTS)", make_variable("EXECUTION_INPUTS")))
    assert words[0] == "$(BIN)/python"
    return [sys.executable, *words[1:]]


# ---------------------------------------------------------------- refresh() on a small tree
@pytest.fixture
def book(tmp_path, monkeypatch):
    """A data folder, a library and an execution cache holding one executed notebook, recorded by a build."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "case").mkdir(parents=True)
    (tmp_path / "data" / "case" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "data" / "case" / "DATASHEET.md").write_text("about a\n", encoding="utf-8")
    (tmp_path / "data" / "case" / "generate.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "lib" / "calculators").mkdir(parents=True)
    (tmp_path / "lib" / "rules.py").write_text("LIMIT = 10\n", encoding="utf-8")
    (tmp_path / "lib" / "calculators" / "calc.mjs").write_text("// draws\nexport default {};\n", encoding="utf-8")
    (tmp_path / "lib" / "calculators" / "calc.css").write_text(".x { color: red; }\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("pandas==2.2.3\n", encoding="utf-8")
    inputs = [Path("data"), Path("lib"), Path("requirements.txt")]
    cache, doctrees = Path(".jupyter_cache"), Path("_build/.doctrees")
    assert data_stamp.refresh(cache, inputs, [doctrees]) == []
    (cache / "executed").mkdir()
    doctrees.mkdir(parents=True)
    (doctrees / "environment.pickle").write_bytes(b"pages read from the old inputs")
    return inputs, cache, doctrees


def test_an_unchanged_tree_keeps_the_cache(book):
    inputs, cache, doctrees = book
    assert data_stamp.refresh(cache, inputs, [doctrees]) == []
    assert (cache / "executed").is_dir() and doctrees.is_dir()


@pytest.mark.parametrize(("edit", "changed"), [
    (lambda: Path("data/case/a.csv").write_text("x\n2\n", encoding="utf-8"), "data/case/a.csv"),  # one value
    (lambda: Path("data/case/b.csv").write_text("y\n", encoding="utf-8"), "data/case/b.csv"),  # a new file
    (lambda: Path("data/case/a.csv").unlink(), "data/case/a.csv"),  # a removed file
    (lambda: Path("lib/rules.py").write_text("LIMIT = 11\n", encoding="utf-8"), "lib/rules.py"),  # a rule
    (lambda: Path("lib/calculators/calc.mjs").write_text("// draws it\nexport default {};\n", encoding="utf-8"),
     "lib/calculators/calc.mjs"),  # a comment of an ES module: it is embedded in the stored widget state
    (lambda: Path("lib/calculators/calc.css").write_text(".x { color: blue; }\n", encoding="utf-8"),
     "lib/calculators/calc.css"),
    (lambda: Path("requirements.txt").write_text("pandas==2.2.4\n", encoding="utf-8"), "requirements.txt"),
])
def test_a_change_of_what_the_notebooks_read_clears_the_cache_and_the_doctrees(book, edit, changed):
    inputs, cache, doctrees = book
    edit()
    assert data_stamp.refresh(cache, inputs, [doctrees]) == [changed]
    assert not (cache / "executed").exists() and (cache / data_stamp.STAMP).is_file()
    assert not doctrees.exists()  # Sphinx would otherwise keep the pages it read before the change
    assert data_stamp.refresh(cache, inputs, [doctrees]) == []  # recorded: the next build keeps what it executes


@pytest.mark.parametrize("edit", [
    lambda: Path("data/case/DATASHEET.md").write_text("about a, revised\n", encoding="utf-8"),
    lambda: Path("data/case/generate.py").write_text("X = 2\n", encoding="utf-8"),  # not run: its files unchanged
    lambda: (Path("lib/__pycache__").mkdir(), Path("lib/__pycache__/rules.cpython-311.pyc").write_bytes(b"\0")),
    lambda: Path("lib/.rules.py.swp").write_bytes(b"an editor's swap file"),
])
def test_what_no_notebook_reads_does_not_re_execute(book, edit):
    inputs, cache, doctrees = book
    edit()
    assert data_stamp.refresh(cache, inputs, [doctrees]) == [] and (cache / "executed").is_dir()


def test_stale_doctrees_are_cleared_even_when_the_execution_cache_is_empty(book):
    inputs, cache, doctrees = book
    shutil.rmtree(cache / "executed")  # e.g. a build that re-used the doctrees and executed nothing
    Path("data/case/a.csv").write_text("x\n4\n", encoding="utf-8")
    assert data_stamp.refresh(cache, inputs, [doctrees]) == ["data/case/a.csv"] and not doctrees.exists()


def test_a_cache_without_record_is_cleared(book):
    inputs, cache, _ = book
    (cache / data_stamp.STAMP).unlink()  # a cache from before the record existed: what it read is unknown
    assert len(data_stamp.refresh(cache, inputs)) == 5 and not (cache / "executed").exists()


def test_the_message_names_the_changed_file_and_what_was_cleared(book, capsys):
    inputs, cache, doctrees = book
    Path("lib/calculators/calc.mjs").write_text("// redrawn\n", encoding="utf-8")
    assert data_stamp.main(["--cache", str(cache), "--clear", str(doctrees), *map(str, inputs)]) == 0
    out = capsys.readouterr().out
    assert "lib/calculators/calc.mjs" in out and doctrees.as_posix() in out and "executed again" in out
    with pytest.raises(SystemExit):
        data_stamp.main([])  # usage


# ---------------------------------------------------------------- the Makefile's command on a copy of the repository
@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A copy of the repository's sources (not the worktree: edits here must not touch it)."""
    copy = tmp_path_factory.mktemp("clone") / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "_build", "_build_student", ".jupyter_cache", "__pycache__", ".pytest_cache",
        ".hypothesis", "node_modules", "*.egg-info"))
    return copy


def run_stamp(repo: Path) -> str:
    """Run DATA_STAMP in ``repo`` as `make book` does; return what it printed."""
    return subprocess.run(stamp_command(), cwd=repo, capture_output=True, text=True, check=True).stdout


def build(repo: Path) -> str:
    """What `make book` does to the caches: the stamp, then a build leaves its cache and doctrees."""
    said = run_stamp(repo)
    for path in BUILT:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).touch()
    return said


def cleared(repo: Path) -> bool:
    return not any((repo / path).exists() for path in BUILT)


def stamp(repo: Path) -> str:
    return (repo / ".jupyter_cache" / data_stamp.STAMP).read_text(encoding="utf-8")


def test_a_fresh_clone_builds_without_clearing_and_records_every_input(repository):
    for folder in (".jupyter_cache", "_build"):  # a fresh clone has neither
        shutil.rmtree(repository / folder, ignore_errors=True)
    assert build(repository) == ""  # nothing built yet: nothing to clear, nothing said
    recorded = data_stamp.read_stamp(repository / ".jupyter_cache" / data_stamp.STAMP)
    for name in ("data/pipeline/activities.csv", "data/pipeline/MANIFEST.sha256", "followup/schedule.py",
                 "followup/cases/pipeline.py", "followup/calculators/cpm.mjs",
                 "followup/calculators/calculators.css", "followup/calculators/goal_calculator.css",
                 "requirements.txt"):
        assert name in recorded, name
    assert not [n for n in recorded if n.endswith((".md", "generate.py", ".pyc"))]


def test_on_a_copy_an_unchanged_tree_keeps_its_cache(repository):
    build(repository)
    before = stamp(repository)
    assert build(repository) == "" and stamp(repository) == before
    build(repository)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "followup"], cwd=repository, check=True)  # bytecode
    assert build(repository) == "" and stamp(repository) == before
    assert all((repository / path).exists() for path in BUILT)


EDITS = {  # one small edit of each kind of input (text -> text), written to survive other edits of the files
    # a comment of an ES module: the module is embedded in the stored widget state of the pages
    "followup/calculators/cpm.mjs": lambda text: re.sub(r"^// ", "// (reworded) ", text, count=1, flags=re.M),
    # a constant of a Python rule (the first limit of bounds.py, one more)
    "followup/bounds.py": lambda text: re.sub(r"^(MAX_\w+ = )", r"\g<1>1 + ", text, count=1, flags=re.M),
    # one value of a dataset (the route survey's duration, one day more)
    "data/pipeline/activities.csv": lambda text: re.sub(
        r"^(SURV(?:,[^,]*){3},)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", text, count=1, flags=re.M),
}


@pytest.mark.parametrize("path", list(EDITS))
def test_on_a_copy_an_edit_changes_the_stamp_and_clears_the_cache(repository, path):
    build(repository)
    before = data_stamp.read_stamp(repository / ".jupyter_cache" / data_stamp.STAMP)
    file = repository / path
    text = file.read_text(encoding="utf-8")
    edited = EDITS[path](text)
    assert edited != text, f"the edit of {path} no longer applies: change EDITS"
    file.write_text(edited, encoding="utf-8")
    said = run_stamp(repository)
    assert f"({path})" in said and "executed again" in said, said
    assert cleared(repository)  # the build that follows executes every notebook and reads every page again
    after = data_stamp.read_stamp(repository / ".jupyter_cache" / data_stamp.STAMP)
    assert after[path] != before[path]
    assert {n: d for n, d in after.items() if n != path} == {n: d for n, d in before.items() if n != path}
    build(repository)
    assert run_stamp(repository) == "" and not cleared(repository)  # recorded: the next build keeps its cache


def test_the_make_targets_that_build_run_it_on_both_editions():
    words = stamp_command()[1:]
    assert words[:2] == ["tools/data_stamp.py", "--cache"]
    assert make_variable("EXECUTION_INPUTS").split() == ["data", "followup", "requirements.txt"]
    for target in ("book:", "book-student:"):
        recipe = MAKEFILE.split(f"\n{target}", 1)[1].split("\n\n", 1)[0]
        assert "$(DATA_STAMP)" in recipe, target
    clean = MAKEFILE.split("\nclean:", 1)[1].split("\n\n", 1)[0]
    assert ".jupyter_cache" in clean.split()  # make clean removes the stamp with the cache


def test_the_stamp_is_ignored_by_git():
    """The stamp lives in the execution cache, which git ignores: nothing a build writes is committed."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".jupyter_cache/" in ignored
    if shutil.which("git") and (ROOT / ".git").exists():
        probe = subprocess.run(["git", "check-ignore", "-q", f".jupyter_cache/{data_stamp.STAMP}"], cwd=ROOT)
        assert probe.returncode == 0


def test_docstring_examples_run():
    assert doctest.testmod(data_stamp).failed == 0
