"""Installed size of the learners' environment (binder/requirements.txt), measured the way Binder installs it.

repo2docker (Binder) reads ``binder/``, and because that folder exists it does not install the repository as a
package itself: it runs ``pip install --no-cache-dir -r binder/requirements.txt`` from the repository root, into
its conda environment that already holds JupyterLab, Notebook, Jupyter Server, ipywidgets and JupyterHub's
single-user server; the ``-e .`` line of the file installs ``followup`` (editable, so it finds ``data/``). pip
compiles every module to bytecode as it installs (``.pyc`` files, counted here; ``uv pip install`` does not by
default, which is why uv-installed environments look smaller).

Two figures per git ref, each in a fresh Python 3.11 venv:

* **alone**: what ``binder/requirements.txt`` installs into an empty venv (a learner's own ``pip install -r``);
* **beyond the base**: what it installs on top of repo2docker's base packages (pip wheels of the versions its
  Python 3.11 conda lock pins, ``benchmarks/repo2docker_base_py311.txt``): the distributions it adds or
  replaces, i.e. the size of the image layer it writes (a replaced distribution still costs its new files: the
  old one stays in the layer below).

Usage (from the repository root; needs PyPI; a few minutes per ref on two cores)::

    python3.11 benchmarks/bench_binder_env.py                 # the working tree
    python3.11 benchmarks/bench_binder_env.py main HEAD       # git refs, e.g. before and after
    python3.11 benchmarks/bench_binder_env.py --alone-only main
    python3.11 benchmarks/bench_binder_env.py --alone-only --execute    # and run every notebook in that venv

``--execute`` adds to the "alone" venv what the notebook server brings on Binder (``KERNEL``: the kernel and
nbclient, which repo2docker's base has) and runs every chapter and exercise notebook top to bottom in it.

The pip download cache is used (``pip install`` without ``--no-cache-dir``): it changes the download time, not
what is installed.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
MB = 1e6

#: repo2docker's base environment for Python 3.11, every Python package of its conda lock as a PyPI pin (conda's
#: nodejs and C libraries are not on PyPI and are left out; the file says where the pins come from).
REPO2DOCKER_BASE = ["-r", str(ROOT / "benchmarks" / "repo2docker_base_py311.txt")]

#: What the notebook server brings to run a notebook (on Binder: from repo2docker's base, with JupyterLab).
KERNEL = ["ipykernel", "nbclient"]

# Run by the venv's own python: {distribution: [version, bytes of its installed files]} (RECORD lists the .pyc
# files pip compiled, and the scripts in bin/).
_SIZES = r"""
import importlib.metadata as md, json, os
sizes = {}
for dist in md.distributions():
    total = 0
    for f in dist.files or []:
        path = dist.locate_file(f)
        if os.path.isfile(path) and not os.path.islink(path):
            total += os.path.getsize(path)
    sizes[dist.metadata["Name"].lower().replace("_", "-")] = [dist.version, total]
print(json.dumps(sizes))
"""


def sizes(python: pathlib.Path) -> dict[str, tuple[str, int]]:
    out = subprocess.run([str(python), "-c", _SIZES], check=True, capture_output=True, text=True).stdout
    return {name: (version, size) for name, (version, size) in json.loads(out).items()}


def pyc_bytes(env: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in env.rglob("*.pyc"))


def pip_install(python: pathlib.Path, args: list[str], cwd: pathlib.Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
                          cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"pip install {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def measure(tree: pathlib.Path, work: pathlib.Path, base: list[str], execute: bool = False) -> dict:
    """Install binder/requirements.txt of ``tree`` into a fresh venv (after ``base``, if any); the delta.

    With ``execute``, then run every notebook of ``tree`` in that venv (after installing ``KERNEL``)."""
    env = work / ("env-base" if base else "env-alone")
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    if base:
        pip_install(python, base, tree)
    before = sizes(python)
    pyc_before = pyc_bytes(env)
    seconds = pip_install(python, ["-r", "binder/requirements.txt"], tree)
    after = sizes(python)
    written = {name: size for name, (version, size) in after.items() if before.get(name, (None,))[0] != version}
    result = {"written": written, "total_env": sum(s for _, s in after.values()), "seconds": seconds,
              "pyc": pyc_bytes(env) - pyc_before, "replaced": sorted(n for n in written if n in before)}
    if execute:
        pip_install(python, KERNEL, tree)
        result["executed"] = execute_notebooks(env, tree)
    shutil.rmtree(env)
    return result


def execute_notebooks(env: pathlib.Path, tree: pathlib.Path) -> dict[str, str]:
    """Run each chapter and exercise notebook of ``tree`` with ``env``'s kernel (nothing is saved)."""
    # only this venv's kernel: no kernelspec of the machine or of the user may stand in for it
    isolated = {"JUPYTER_PATH": str(env / "share" / "jupyter"), "JUPYTER_DATA_DIR": str(env / "jupyter-data"),
                "JUPYTER_CONFIG_DIR": str(env / "jupyter-config"), "MPLBACKEND": "Agg"}
    results = {}
    for notebook in sorted([*tree.glob("chapters/*.ipynb"), *tree.glob("exercises/*.ipynb"),
                            *tree.glob("exercises/solutions/*.ipynb")]):
        start = time.perf_counter()
        done = subprocess.run([str(env / "bin" / "jupyter-execute"), notebook.name], cwd=notebook.parent,
                              capture_output=True, text=True, env={**os.environ, **isolated}, timeout=900)
        name = str(notebook.relative_to(tree))
        results[name] = (f"ok in {time.perf_counter() - start:.0f} s" if done.returncode == 0
                         else "FAILED: " + (done.stderr.strip().splitlines() or ["?"])[-1][:300])
    return results


def export(ref: str | None, work: pathlib.Path) -> pathlib.Path:
    """The files of ``ref`` (git archive) or, for None, the working tree itself."""
    if ref is None:
        return ROOT
    tree = work / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", ref], check=True, capture_output=True, cwd=ROOT).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def report(label: str, result: dict) -> None:
    written = result["written"]
    total = sum(written.values())
    print(f"  {label}: {total / MB:,.0f} MB in {len(written)} distributions "
          f"(bytecode files added: {result['pyc'] / MB:,.0f} MB), pip took {result['seconds']:.0f} s")
    for notebook, outcome in result.get("executed", {}).items():
        print(f"    ran {notebook}: {outcome}")
    if result["replaced"]:
        print(f"    replacing base versions of: {', '.join(result['replaced'])}")
    largest = sorted(written.items(), key=lambda item: -item[1])[:15]
    print("    largest: " + ", ".join(f"{name} {size / MB:.1f}" for name, size in largest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("refs", nargs="*", help="git refs to measure (default: the working tree)")
    parser.add_argument("--alone-only", action="store_true", help="skip the measurement on repo2docker's base")
    parser.add_argument("--execute", action="store_true", help="run every notebook in the 'alone' venv")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("run with python3.11: Binder builds the environment on Python 3.11 (binder/runtime.txt)")
    figures = {}
    for ref in args.refs or [None]:
        name = ref or "working tree"
        with tempfile.TemporaryDirectory(prefix="bench-binder-") as tmp:
            work = pathlib.Path(tmp)
            tree = export(ref, work)
            print(f"{name}: pip install -r binder/requirements.txt ({len(_pins(tree))} pins)")
            alone = measure(tree, work, [], execute=args.execute)
            report("alone, into an empty venv", alone)
            figures[name] = [sum(alone["written"].values())]
            if not args.alone_only:
                beyond = measure(tree, work, REPO2DOCKER_BASE)
                report("beyond repo2docker's base (the image layer it adds)", beyond)
                figures[name].append(sum(beyond["written"].values()))
    print("summary (MB): " + "; ".join(f"{name}: alone {v[0] / MB:,.0f}"
                                       + (f", beyond the base {v[1] / MB:,.0f}" if len(v) > 1 else "")
                                       for name, v in figures.items()))


def _pins(tree: pathlib.Path) -> list[str]:
    lines = (tree / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if "==" in line and not line.lstrip().startswith("#")]


if __name__ == "__main__":
    main()
