"""`make links`: one nbgitpuller link per chapter and exercise set of the students' edition, none to solutions."""
import doctest
import pathlib
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import hub_links  # noqa: E402

HUB, REPO = "https://hub.example.edu", "https://github.com/example-org/course-students"


def test_one_link_per_notebook_page_of_the_students_edition():
    text = hub_links.links_markdown(HUB, REPO)
    links = [line.split("](", 1)[1].rstrip(")") for line in text.splitlines() if line.startswith("- [")]
    paths = [urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["urlpath"][0] for link in links]
    expected = sorted(str(p.relative_to(ROOT)) for folder in ("chapters", "exercises")
                      for p in (ROOT / folder).glob("*.ipynb"))
    assert sorted(p.removeprefix("lab/tree/course-students/") for p in paths) == expected
    for link in links:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        assert link.startswith(f"{HUB}/hub/user-redirect/git-pull?") and query["repo"] == [REPO]
    assert "solutions" not in text and "instructors" not in text


def test_a_hub_that_is_not_an_address_is_refused():
    try:
        hub_links.pull_link("hub.example.edu", REPO, "main", "x.ipynb")
    except SystemExit as error:
        assert "https://hub.example.edu" in str(error)
    else:
        raise AssertionError("a hub without a scheme was accepted")


def test_docstring_example():
    assert doctest.testmod(hub_links).failed == 0
