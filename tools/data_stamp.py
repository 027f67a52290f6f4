"""Make the next book build re-execute the notebooks when the data they read has changed (`make book`).

Two caches would otherwise publish old numbers after a data edit: Jupyter Book's execution cache
(``.jupyter_cache``) keys each notebook on its code cells, not on the files the code reads, and Sphinx's
pickled environment (``_build/.doctrees``) keeps every page it has read until its source file changes.
This script keeps, inside the execution cache, the SHA-256 of every data file (``data/``, without the
datasheets and generators) as the last build saw them. When any differs, it deletes the execution cache
and the other build folders named (the doctrees of both editions), so every notebook is read and
executed again on the new data, and says which files changed. Any change clears everything: which
notebook reads which file is decided at run time (loaders, exercise checks), so a partial clearing could
miss one; a full re-execution is what a data edit costs.

Usage: python tools/data_stamp.py DATA_DIR CACHE_DIR [OTHER_DIR ...]
       (make book: data .jupyter_cache _build/.doctrees _build/jupyter_execute _build_student/_build)

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> (root / "data").mkdir(); _ = (root / "data" / "a.csv").write_text("x\\n1\\n")
>>> refresh(root / "cache", root / "data", [root / "doctrees"])     # first build: nothing cached yet
[]
>>> (root / "cache" / "cached-notebook").mkdir(); (root / "doctrees").mkdir()
>>> _ = (root / "data" / "a.csv").write_text("x\\n2\\n")
>>> refresh(root / "cache", root / "data", [root / "doctrees"])
['a.csv']
>>> (root / "cache" / "cached-notebook").exists(), (root / "doctrees").exists()
(False, False)
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

STAMP = "data.sha256"
IGNORED = {".md", ".py", ".pyc"}  # datasheets and generators: the notebooks do not read them


def digests(data_dir: Path) -> dict[str, str]:
    """``{path relative to data_dir: SHA-256}`` of every data file under ``data_dir``."""
    return {
        path.relative_to(data_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and path.suffix not in IGNORED and "__pycache__" not in path.parts
    }


def read_stamp(path: Path) -> dict[str, str]:
    """The digests recorded by the last build (``sha256sum`` format), empty when there is no record."""
    if not path.is_file():
        return {}
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if "  " in line)
    return {name: digest for digest, name in pairs}


def refresh(cache_dir: Path, data_dir: Path, others: list[Path] = ()) -> list[str]:
    """Delete ``cache_dir`` and ``others`` if any data file changed since the recorded build; record the
    current digests in ``cache_dir``.

    Returns the changed, added or removed files (empty: the cache is still valid, or there was none).
    """
    cache_dir, data_dir = Path(cache_dir), Path(data_dir)
    now = digests(data_dir)
    before = read_stamp(cache_dir / STAMP)
    changed = sorted(name for name in now.keys() | before.keys() if now.get(name) != before.get(name))
    folders = [cache_dir, *map(Path, others)]
    if not any(f.is_dir() and any(p.name != STAMP for p in f.iterdir()) for f in folders):
        changed = []  # nothing built yet: nothing stale
    if changed:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / STAMP).write_text("".join(f"{d}  {n}\n" for n, d in now.items()), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.split("\n\n>>>", 1)[0], file=sys.stderr)
        return 2
    data_dir, cache_dir, others = Path(argv[0]), Path(argv[1]), [Path(a) for a in argv[2:]]
    changed = refresh(cache_dir, data_dir, others)
    if changed:
        shown = ", ".join(f"{data_dir.as_posix()}/{name}" for name in changed[:5])
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        cleared = ", ".join(p.as_posix() for p in [cache_dir, *others])
        print(f"data changed since the last build ({shown}{more}): cleared {cleared}; every notebook is "
              f"read and executed again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
