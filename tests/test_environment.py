"""One environment for local use, CI and Binder: everything pinned, the same file everywhere."""
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[0-9][^\s;]*$")


def requirement_lines():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_every_requirement_is_pinned_and_the_library_installed_from_the_repository():
    lines = requirement_lines()
    loose = [line for line in lines if line != "-e ." and not PIN.match(line)]
    assert not loose, f"requirements.txt lines without an exact '==' pin: {loose}; run `make lock`"
    assert lines.count("-e .") == 1, "requirements.txt must install followup itself with one '-e .' line"


def test_library_dependencies_are_in_the_pinned_set():
    pinned = {PIN.match(line).group(1).lower().replace("_", "-") for line in requirement_lines() if line != "-e ."}
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    missing = [d for d in declared if re.split(r"[<>=!~ \[]", d)[0].lower().replace("_", "-") not in pinned]
    assert not missing, f"pyproject.toml dependencies not pinned in requirements.txt: {missing}"


def test_binder_uses_the_python_ci_tests():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == "python-3.11", f"runtime.txt says {runtime!r}; Binder must build the Python CI tests"
    assert sys.version_info[:2] == (3, 11), "the tests run on Python 3.11, the version Binder is pinned to"


def test_make_and_ci_install_from_the_same_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -r requirements.txt" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make .*\btest$", ci, re.M), ".ci/run must run the README's test command, make test"
