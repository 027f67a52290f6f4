"""tools/data_stamp.py: `make book` re-executes the notebooks when a data file changed, and only then."""
import doctest
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("data_stamp", ROOT / "tools" / "data_stamp.py")
data_stamp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data_stamp)


@pytest.fixture
def book(tmp_path):
    """A data folder and an execution cache holding one executed notebook, recorded by a first build."""
    data, cache = tmp_path / "data", tmp_path / ".jupyter_cache"
    doctrees = tmp_path / "_build" / ".doctrees"
    (data / "case").mkdir(parents=True)
    (data / "case" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (data / "case" / "DATASHEET.md").write_text("about a\n", encoding="utf-8")
    assert data_stamp.refresh(cache, data, [doctrees]) == []
    (cache / "executed").mkdir()
    doctrees.mkdir(parents=True)
    (doctrees / "environment.pickle").write_bytes(b"pages read from the old data")
    return data, cache, doctrees


def test_unchanged_data_keeps_the_cache(book):
    data, cache, doctrees = book
    assert data_stamp.refresh(cache, data, [doctrees]) == []
    assert (cache / "executed").is_dir() and doctrees.is_dir()


@pytest.mark.parametrize("edit", [
    lambda data: (data / "case" / "a.csv").write_text("x\n2\n", encoding="utf-8"),  # one value
    lambda data: (data / "case" / "b.csv").write_text("y\n", encoding="utf-8"),  # a new file
    lambda data: (data / "case" / "a.csv").unlink(),  # a removed file
])
def test_a_data_change_clears_the_cache_and_the_doctrees(book, edit):
    data, cache, doctrees = book
    edit(data)
    assert data_stamp.refresh(cache, data, [doctrees]) != []
    assert not (cache / "executed").exists() and (cache / data_stamp.STAMP).is_file()
    assert not doctrees.exists()  # Sphinx would otherwise keep the pages it read before the change
    assert data_stamp.refresh(cache, data, [doctrees]) == []  # recorded: the next build keeps what it executes


def test_stale_doctrees_are_cleared_even_when_the_execution_cache_is_empty(book):
    data, cache, doctrees = book
    shutil.rmtree(cache / "executed")  # e.g. a build that re-used the doctrees and executed nothing
    (data / "case" / "a.csv").write_text("x\n4\n", encoding="utf-8")
    assert data_stamp.refresh(cache, data, [doctrees]) == ["case/a.csv"] and not doctrees.exists()


def test_datasheet_edits_do_not_re_execute(book):
    data, cache, doctrees = book
    (data / "case" / "DATASHEET.md").write_text("about a, revised\n", encoding="utf-8")
    assert data_stamp.refresh(cache, data, [doctrees]) == [] and (cache / "executed").is_dir()


def test_a_cache_without_record_is_cleared(book):
    data, cache, _ = book
    (cache / data_stamp.STAMP).unlink()  # a cache from before the record existed: its data is unknown
    assert data_stamp.refresh(cache, data) == ["case/a.csv"] and not (cache / "executed").exists()


def test_the_message_names_the_changed_file_and_what_was_cleared(book, capsys):
    data, cache, doctrees = book
    (data / "case" / "a.csv").write_text("x\n3\n", encoding="utf-8")
    assert data_stamp.main([str(data), str(cache), str(doctrees)]) == 0
    out = capsys.readouterr().out
    assert "case/a.csv" in out and doctrees.as_posix() in out
    assert data_stamp.main([]) == 2  # usage


def test_the_make_targets_that_build_run_it_on_both_editions():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = makefile.split("\nDATA_STAMP = ", 1)[1].split("\n", 1)[0]
    assert stamp.split()[1:] == ["tools/data_stamp.py", "data", ".jupyter_cache", "_build/.doctrees",
                                 "_build/jupyter_execute", "_build_student/_build"]
    for target in ("book:", "book-student:"):
        recipe = makefile.split(f"\n{target}", 1)[1].split("\n\n", 1)[0]
        assert "$(DATA_STAMP)" in recipe, target


def test_docstring_examples_run():
    assert doctest.testmod(data_stamp).failed == 0
