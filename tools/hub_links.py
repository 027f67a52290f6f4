"""nbgitpuller links, one per chapter and exercise set of the table of contents, for a class on JupyterHub.

A link makes the hub clone (or update, merging without overwriting the learner's changes) the students'
repository into the learner's home, then open the page's notebook in JupyterLab.

Usage: python tools/hub_links.py HUB_URL [--repo URL] [--branch main] [--out FILE]
   (`make links HUB=https://hub.example.edu [REPO=...] [BRANCH=...]`)

>>> pull_link("https://hub.example.edu", "https://github.com/o/r", "main", "exercises/02-time.ipynb")
'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fr&branch=main&urlpath=lab%2Ftree%2Fr%2Fexercises%2F02-time.ipynb'
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import urllib.parse

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import student_edition  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]


def pull_link(hub: str, repo: str, branch: str, path: str) -> str:
    """The nbgitpuller link that opens ``path`` of ``repo`` (cloned into a folder named as the repo)."""
    hub = hub.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise SystemExit(f"HUB must be the hub's address, e.g. https://hub.example.edu (got {hub!r})")
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{path}"})
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def notebook_pages(toc: dict) -> list[tuple[str, str]]:
    """(caption, path) of every notebook page of the students' edition, in the order of the toc."""
    pages = []
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            file = str(entry.get("file", ""))
            if (ROOT / f"{file}.ipynb").exists():
                pages.append((part.get("caption", ""), f"{file}.ipynb"))
    return pages


def links_markdown(hub: str, repo: str | None = None, branch: str = "main") -> str:
    toc, config = student_edition.students_config(repo)
    repo = config["repository"]["url"]
    lines = [f"# nbgitpuller links for {hub}", "", f"Repository: {repo} (branch {branch})", ""]
    caption = None
    for part, path in notebook_pages(toc):
        if part != caption:
            lines += ["", f"## {part}", ""]
            caption = part
        lines.append(f"- [{path}]({pull_link(hub, repo, branch, path)})")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("hub")
    parser.add_argument("--repo", help="the students' repository (default: the full one + '-students')")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--out", type=pathlib.Path)
    args = parser.parse_args(argv)
    text = links_markdown(args.hub, args.repo, args.branch)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"{text.count('git-pull?')} links written to {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
