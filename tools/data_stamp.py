"""Make the next book build re-execute the notebooks when anything they read has changed (`make book`).

Two caches would otherwise publish old outputs: Jupyter Book's execution cache (``.jupyter_cache``) keys
each notebook on its code cells, not on what the code reads, and Sphinx's pickled environment
(``_build/.doctrees``) keeps every page it has read until its source file changes. What a notebook reads
besides its own code is named by the build (``EXECUTION_INPUTS`` in the Makefile): the data files
(``data/``), the library (``followup/``: its Python modules - case rules, plotting functions - and the
calculators' ES modules and CSS, which are embedded in the stored widget state) and the pinned environment
(``requirements.txt``). This script keeps, inside the execution cache (ignored by git, removed by
``make clean``), the SHA-256 of every file of those inputs as the last build saw them. When any differs,
it deletes the execution cache and the other build folders named (the doctrees of both editions), so
every notebook is read and executed again, and says which files changed.

Not hashed, because no notebook reads them: datasheets and readmes (``*.md``), a dataset's generator
(``generate.py``: the notebooks read the files it wrote), bytecode (``__pycache__``) and hidden files
(editors' swap files, ``.ipynb_checkpoints``).

Any change clears everything: which notebook reads which file or module is decided at run time (loaders,
exercise checks, imports inside the library), so a partial clearing could miss one and publish old numbers;
a full re-execution is what an edit of the library or the data costs.

Usage: python tools/data_stamp.py --cache CACHE_DIR [--clear DIR ...] INPUT [INPUT ...]
       (make book: --cache .jupyter_cache --clear _build/.doctrees ... data followup requirements.txt)

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> (root / "data").mkdir(); _ = (root / "data" / "a.csv").write_text("x\\n1\\n")
>>> refresh(root / "cache", [root / "data"], [root / "doctrees"])     # first build: nothing cached yet
[]
>>> (root / "cache" / "cached-notebook").mkdir(); (root / "doctrees").mkdir()
>>> _ = (root / "data" / "a.csv").write_text("x\\n2\\n")
>>> changed = refresh(root / "cache", [root / "data"], [root / "doctrees"])
>>> [Path(name).relative_to(root).as_posix() for name in changed]
['data/a.csv']
>>> (root / "cache" / "cached-notebook").exists(), (root / "doctrees").exists()
(False, False)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

STAMP = "inputs.sha256"
SKIPPED_SUFFIXES = {".md", ".pyc"}  # datasheets and readmes; bytecode, rebuilt from the modules
SKIPPED_NAMES = {"generate.py", "__pycache__"}  # a generator: the notebooks read the files it wrote


def _hashed(relative: Path) -> bool:
    """Whether a file (its path inside an input folder) may be read by a notebook: see the docstring."""
    return not (relative.suffix in SKIPPED_SUFFIXES or SKIPPED_NAMES.intersection(relative.parts)
                or any(part.startswith(".") for part in relative.parts))


def digests(inputs: list[Path]) -> dict[str, str]:
    """``{path: SHA-256}`` of every file the notebooks may read under ``inputs`` (folders or files).

    Paths are written as given (the Makefile gives them relative to the repository); a missing input
    contributes nothing, so its removal shows as a change.
    """
    files = []
    for entry in map(Path, inputs):
        if entry.is_file():
            files.append(entry)
        elif entry.is_dir():
            files += (p for p in entry.rglob("*") if p.is_file() and _hashed(p.relative_to(entry)))
    return {path.as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(files)}


def read_stamp(path: Path) -> dict[str, str]:
    """The digests recorded by the last build (``sha256sum`` format), empty when there is no record."""
    if not path.is_file():
        return {}
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if "  " in line)
    return {name: digest for digest, name in pairs}


def refresh(cache_dir: Path, inputs: list[Path], others: list[Path] = ()) -> list[str]:
    """Delete ``cache_dir`` and ``others`` if any file of ``inputs`` changed since the recorded build;
    record the current digests in ``cache_dir``.

    Returns the changed, added or removed files (empty: the cache is still valid, or there was none).
    """
    cache_dir = Path(cache_dir)
    now = digests(inputs)
    before = read_stamp(cache_dir / STAMP)
    changed = sorted(name for name in now.keys() | before.keys() if now.get(name) != before.get(name))
    folders = [cache_dir, *map(Path, others)]
    if not any(f.is_dir() and any(p.name != STAMP for p in f.iterdir()) for f in folders):
        changed = []  # nothing built yet (a fresh clone): nothing stale
    if changed:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / STAMP).write_text("".join(f"{d}  {n}\n" for n, d in now.items()), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0],
                                     usage=__doc__.split("Usage: ", 1)[1].split("\n", 1)[0])
    parser.add_argument("--cache", type=Path, required=True, help="the execution cache folder")
    parser.add_argument("--clear", type=Path, action="append", default=[],
                        help="another build folder to delete with it (repeat)")
    parser.add_argument("inputs", type=Path, nargs="+", help="what the notebooks read: folders or files")
    args = parser.parse_args(argv)
    changed = refresh(args.cache, args.inputs, args.clear)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        cleared = ", ".join(p.as_posix() for p in [args.cache, *args.clear])
        print(f"what the notebooks read changed since the last build ({shown}): cleared {cleared}; every "
              f"notebook is read and executed again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
