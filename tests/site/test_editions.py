"""The two editions: the full book carries the worked solutions and the instructor notes, the students'
edition none of them (no page, no block, no link)."""
import yaml

SOLUTIONS = "exercises/solutions/"
INSTRUCTORS = "instructors/"


def toc_files(book_dir):
    """Every file named in the book's _toc.yml."""
    found, stack = [], [yaml.safe_load((book_dir / "_toc.yml").read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def full_edition(book_dir) -> bool:
    return any(f.startswith(SOLUTIONS) for f in toc_files(book_dir))


def test_edition_has_solutions_only_if_its_toc_lists_them(book_dir, built_site):
    listed = [f for f in toc_files(book_dir) if f.startswith(SOLUTIONS)]
    built = [built_site.url_of(p) for p in built_site.pages if built_site.url_of(p).startswith(SOLUTIONS)]
    if listed:  # the full edition: one solutions page per exercise set
        exercise_sets = [f for f in toc_files(book_dir) if f.startswith("exercises/") and not f.startswith(SOLUTIONS)]
        assert len(listed) == len(exercise_sets), f"exercise sets {exercise_sets} vs solutions {listed}"
        assert sorted(built) == sorted(f + ".html" for f in listed)
    else:  # the students' edition
        assert built == [], f"the students' edition contains solution pages: {built}"


def test_instructor_notes_in_the_full_edition_only(book_dir, built_site):
    built = sorted(built_site.url_of(p) for p in built_site.pages if built_site.url_of(p).startswith(INSTRUCTORS))
    if not full_edition(book_dir):
        assert built == [], f"the students' edition contains instructor pages: {built}"
        return
    chapters = [f.split("/")[-1] for f in toc_files(book_dir) if f.startswith("chapters/") and f[9:11].isdigit()]
    # Every numbered chapter (1-5 and the synthesis) has its notes, instructors/notes-<its file name>.md.
    assert {c[:2] for c in chapters} >= {"01", "02", "03", "04", "05", "06"}, chapters
    expected = sorted([f"{INSTRUCTORS}teaching.html"] + [f"{INSTRUCTORS}notes-{c}.html" for c in chapters])
    assert built == expected, "every chapter has its notes, and there is a teaching page"
    for page in built_site.pages:
        if built_site.url_of(page).startswith(f"{INSTRUCTORS}notes-"):
            headings = [h.get_text(" ", strip=True) for h in built_site.soup(page).select("h2")]
            for needed in ("Timing", "Which exercises", "Misconceptions", "Discussion", "own data"):
                assert any(needed in h for h in headings), f"{built_site.url_of(page)}: no section '{needed}'"


def test_students_edition_shows_no_solution_anywhere(book_dir, built_site, fail_if):
    if full_edition(book_dir):
        return  # full edition: solutions are expected
    problems = {}
    for page in built_site.pages:
        soup = built_site.soup(page)
        found = [f"solution block {el.get('id', '')!r}" for el in soup.select(".solution")]
        found += [f"link to {a['href']}" for a in soup.find_all("a", href=True)
                  if "solutions/" in a["href"] or INSTRUCTORS in a["href"]]
        problems[built_site.url_of(page)] = found
    fail_if(problems, "the students' edition must not show or link any solution or instructor page")


def test_students_launch_buttons_open_the_students_repository(book_dir, built_site, fail_if):
    if full_edition(book_dir):
        return
    url = yaml.safe_load((book_dir / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    owner_repo = "/".join(url.rstrip("/").split("/")[-2:])  # e.g. org/course-students
    assert owner_repo.endswith("-students"), f"the students' edition's repository is {url}"
    full = owner_repo.removesuffix("-students")
    problems = {}
    for page in built_site.pages:
        hrefs = [a["href"] for a in built_site.soup(page).find_all("a", href=True)]
        problems[built_site.url_of(page)] = [h for h in hrefs if full in h and owner_repo not in h]
    fail_if(problems, "Binder, hub and repository buttons must open the students' repository")


def test_next_from_an_exercise_page_never_opens_an_instructors_page(book_dir, built_site, fail_if):
    """The learners' path ends cleanly: "Next" from any exercise page (the last one too) stays on their side."""
    problems = {}
    for page in built_site.pages:
        url = built_site.url_of(page)
        if not url.startswith("exercises/") or url.startswith(SOLUTIONS):
            continue
        nexts = [a["href"] for a in built_site.soup(page).select("a.right-next")]
        problems[url] = [h for h in nexts if "solutions/" in h or INSTRUCTORS in h]
    assert problems, "no exercise page was built"
    fail_if(problems, "'Next' from an exercise page must not lead to worked solutions or instructor notes")


def test_exercise_pages_say_how_to_answer_and_show_no_error_box_before_an_answer(built_site, fail_if):
    problems = {}
    for page in built_site.pages:
        url = built_site.url_of(page)
        if not url.startswith("exercises/") or url.startswith(SOLUTIONS) or url.count("/") != 1:
            continue
        soup = built_site.soup(page)
        found = []
        # Plain CommonMark (a quote), so JupyterLab shows it as the book does.
        banner = next((q for q in soup.select("blockquote") if "How to answer" in q.get_text()), None)
        if banner is None or "How to answer" not in banner.get_text() or "make lab" not in banner.get_text():
            found.append("no 'How to answer' banner naming Binder/your hub and make lab")
        found += [f"an error box before any answer: {el.get_text(' ', strip=True)[:60]!r}"
                  for el in soup.select(".followup-feedback-not-yet")]
        if not soup.select(".followup-feedback-to-do"):
            found.append("no neutral 'Write your answer above' box under a check")
        problems[url] = found
    assert problems, "no exercise page was built"
    fail_if(problems, "an exercise page says how to answer and shows no red box before anyone answers")
