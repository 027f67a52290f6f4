"""'Check your understanding' quizzes answer on the static page, with no kernel."""
import pytest

pytestmark = pytest.mark.browser


def quiz_pages(built_site):
    return [built_site.url_of(p) for p in built_site.pages if built_site.soup(p).select_one(".fu-quiz")]


def test_quizzes_give_feedback_in_the_page(built_site, page_log):
    pages = quiz_pages(built_site)
    assert pages, "no page shows a followup.quiz; the chapters' 'Check your understanding' sections should"
    for url in pages:
        log = page_log(url)
        for fieldset in log.page.locator(".fu-quiz fieldset").all():
            feedback = fieldset.locator(".fu-quiz-feedback")
            radios = fieldset.locator("input[type=radio]")
            if radios.count():
                wrong = fieldset.locator("input[data-correct='0']").first
                wrong.check()
                assert feedback.inner_text().startswith("\u2718 Not quite"), f"{url}: no feedback on a wrong choice"
                fieldset.locator("input[data-correct='1']").first.check()
                assert feedback.inner_text().startswith("\u2714 Correct"), f"{url}: no feedback on the right choice"
            else:
                box = fieldset.locator("input[type=number]")
                box.fill(str(float(box.get_attribute("data-answer"))))
                fieldset.locator("button").click()
                assert feedback.inner_text().startswith("\u2714 Correct"), f"{url}: the right number is refused"
                for other in (box.get_attribute("data-also") or "").split():
                    box.fill(other)
                    fieldset.locator("button").click()
                    assert feedback.inner_text().startswith("\u2714 Correct"), f"{url}: a fair reading is refused"
        assert not log.offsite(), f"{url}: requests left the site: {log.offsite()}"
