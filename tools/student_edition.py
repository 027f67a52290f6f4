"""The students' edition: the book without worked solutions, instructor notes or grader - as a site, or as
a repository of its own.

The full edition's `_config.yml` and `_toc.yml` stay the single source; this script derives the
students' pair from them (drops every toc entry of an instructors' page, excludes those files from the
build, and points the repository, Binder and hub buttons at the students' repository), so the two
editions cannot drift apart.

Usage:
  python tools/student_edition.py OUTPUT_DIR
      the students' _config.yml and _toc.yml (build with --config/--toc from OUTPUT_DIR), as `make book-student`
  python tools/student_edition.py --repo DIR [--repo-url URL]
      the students' repository in DIR (`make student-repo DIR=...`): chapters, learners' notebooks, data,
      library, front matter, its own Binder environment; `jupyter-book build DIR` builds its site
"""
import argparse
import pathlib
import shutil
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
#: Pages and files for instructors only (worked solutions, their source, the notes for teaching).
INSTRUCTORS_ONLY = ("exercises/solutions/", "exercises/source/", "instructors/")
#: What the students' repository holds (paths relative to the repository root); nothing else is copied.
STUDENT_FILES = ("chapters", "exercises", "data", "followup", "assets", "intro.md", "references.bib",
                 "pyproject.toml", "binder", "_static", "LICENSE", "LICENSE-CONTENT", "CITATION.cff")
#: Packages the instructors need (grading) and the learners do not: left out of the students' Binder.
INSTRUCTOR_PACKAGES = ("otter-grader", "nbgitpuller", "dill", "fica", "ipylab", "jupytext", "pydantic",
                       "pydantic-core", "python-frontmatter", "python-on-whales", "typing-inspection",
                       "annotated-types", "wrapt")
MARKER = ".students-edition"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", "_build")


def instructors_only(path: str) -> bool:
    return str(path).startswith(INSTRUCTORS_ONLY)


def without_instructor_pages(entries: list[dict]) -> list[dict]:
    """Return toc entries with every instructors' page (and any part left empty) removed."""
    kept = []
    for entry in entries:
        if instructors_only(entry.get("file", "")):
            continue
        entry = dict(entry)
        for key in ("parts", "chapters", "sections"):
            if key in entry:
                entry[key] = without_instructor_pages(entry[key])
                if not entry[key]:
                    entry = None
                    break
        if entry is not None:
            kept.append(entry)
    return kept


def students_repository_url(config: dict) -> str:
    """The students' repository: the full edition's, with ``-students`` appended, unless given."""
    return config["repository"]["url"].rstrip("/") + "-students"


def students_config(repo_url: str | None = None) -> tuple[dict, dict]:
    """(toc, config) of the students' edition, derived from the full edition's."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    toc["parts"] = without_instructor_pages(toc["parts"])
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = config["title"] + " (students' edition)"
    patterns = config.setdefault("exclude_patterns", [])
    patterns += [p + "**" for p in INSTRUCTORS_ONLY if p + "**" not in patterns]
    # Launch buttons (Binder, hub, repository) open the students' repository, never the one with solutions.
    config["repository"]["url"] = repo_url or students_repository_url(config)
    return toc, config


def _dump(path: pathlib.Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_config(out: pathlib.Path, repo_url: str | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    toc, config = students_config(repo_url)
    _dump(out / "_toc.yml", toc)
    _dump(out / "_config.yml", config)


def students_requirements() -> str:
    """The full edition's pinned requirements without the instructors' tools (the students' Binder)."""
    kept = []
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name = line.split("==")[0].strip().lower().replace("_", "-")
        if name not in INSTRUCTOR_PACKAGES:
            kept.append(line)
    return "\n".join(kept) + "\n"


STUDENT_README = """# {title}

The students' edition: the chapters, the exercise notebooks (with their automatic checks), the case data
and the `followup` library. Worked solutions are kept by your instructor.

- Read online, or open a notebook in Binder or your hub from the rocket button of any page (Binder installs
  the learners' environment in `binder/`: the library and what the notebooks import, the same pins).
- Locally (Python 3.11): `python -m venv .venv && .venv/bin/pip install -r requirements.txt`, then
  `.venv/bin/jupyter lab`; build the site with `.venv/bin/jupyter-book build .`.
- In an exercise notebook, replace the `...` of each `answer_k = ...` with your answer and run the check
  below it: it says whether your answer is right and, for the usual mistakes, what went wrong.
"""


def write_repository(out: pathlib.Path, repo_url: str | None = None) -> pathlib.Path:
    """Write the students' repository into ``out`` (emptied first) and return it."""
    if out.exists() and any(out.iterdir()):
        # Only a folder this script wrote is replaced: nothing else is ever deleted.
        if not (out / MARKER).exists() or (out / ".git").exists():
            raise SystemExit(f"{out} is not empty and not a students' edition written by this script (or is a git "
                             "repository): give an empty or new folder, then copy the files into your clone")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by tools/student_edition.py --repo; rewritten on the next run\n",
                              encoding="utf-8")
    for name in STUDENT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=SKIP)
        elif source.exists():
            shutil.copy2(source, out / name)
    for folder in INSTRUCTORS_ONLY:
        shutil.rmtree(out / folder, ignore_errors=True)
    toc, config = students_config(repo_url)
    config["exclude_patterns"] = [p for p in config["exclude_patterns"]
                                  if p not in ("tests/**", "benchmarks/**")] + ["README.md"]
    _dump(out / "_toc.yml", toc)
    _dump(out / "_config.yml", config)
    (out / "requirements.txt").write_text(students_requirements(), encoding="utf-8")
    (out / "README.md").write_text(STUDENT_README.format(title=config["title"]), encoding="utf-8")
    (out / ".gitignore").write_text("_build/\n.jupyter_cache/\n.venv/\n*.egg-info/\n__pycache__/\n",
                                    encoding="utf-8")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", nargs="?", default="_build_student", help="folder of the students' config/toc")
    parser.add_argument("--repo", type=pathlib.Path, help="write the students' repository into this folder")
    parser.add_argument("--repo-url", help="the students' repository URL (default: the full one + '-students')")
    args = parser.parse_args(argv)
    if args.repo:
        out = write_repository(args.repo.resolve(), args.repo_url)
        print(f"students' repository written to {out}/ (build its site: jupyter-book build {out})")
    else:
        write_config(pathlib.Path(args.out), args.repo_url)
        print(f"students' edition configuration written to {args.out}/")


if __name__ == "__main__":
    main(sys.argv[1:])
