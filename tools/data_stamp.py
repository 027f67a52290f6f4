"""Clear the notebooks' execution cache when the data they read has changed (run by `make book`).

Jupyter Book's cache (``.jupyter_cache``) keys each executed notebook on its code cells, not on the files
the code reads: after a data edit, ``make book`` would reuse the old execution and publish the old numbers.
This script keeps, inside the cache folder, the SHA-256 of every data file (``data/``, without the
datasheets and generators) as the last build saw them. When any differs, it deletes the cache, so every
notebook is executed again on the new data, and says which files changed. Any change clears the whole
cache: which notebook reads which file is decided at run time (loaders, exercise checks), so a partial
clearing could miss one; a full re-execution is what a data edit costs.

Usage: python tools/data_stamp.py [CACHE_DIR] [DATA_DIR]    (defaults: .jupyter_cache data)

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> (root / "data").mkdir(); _ = (root / "data" / "a.csv").write_text("x\\n1\\n")
>>> refresh(root / "cache", root / "data")     # first build: nothing cached yet
[]
>>> (root / "cache" / "cached-notebook").mkdir()
>>> _ = (root / "data" / "a.csv").write_text("x\\n2\\n")
>>> refresh(root / "cache", root / "data")
['a.csv']
>>> (root / "cache" / "cached-notebook").exists()
False
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


def refresh(cache_dir: Path, data_dir: Path) -> list[str]:
    """Delete ``cache_dir`` if any data file changed since the recorded build; record the current digests.

    Returns the changed, added or removed files (empty: the cache is still valid, or there was none).
    """
    cache_dir, data_dir = Path(cache_dir), Path(data_dir)
    now = digests(data_dir)
    before = read_stamp(cache_dir / STAMP)
    changed = sorted(name for name in now.keys() | before.keys() if now.get(name) != before.get(name))
    had_cache = cache_dir.is_dir() and any(p.name != STAMP for p in cache_dir.iterdir())
    if not had_cache:
        changed = []  # nothing cached: nothing stale
    if changed:
        shutil.rmtree(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / STAMP).write_text("".join(f"{d}  {n}\n" for n, d in now.items()), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    cache_dir = Path(argv[0] if argv else ".jupyter_cache")
    data_dir = Path(argv[1] if len(argv) > 1 else "data")
    changed = refresh(cache_dir, data_dir)
    if changed:
        shown = ", ".join(f"{data_dir.as_posix()}/{name}" for name in changed[:5])
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        print(f"data changed since the cached execution ({shown}{more}): cleared {cache_dir}, "
              f"every notebook is executed again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
