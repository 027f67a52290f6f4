"""The quiz HTML: deterministic, escaped, accessible, and refusing malformed questions."""
import pytest

from followup.errors import FollowupError
from followup.quiz import Choice, MultipleChoice, Numeric, quiz


def sample():
    return quiz(
        MultipleChoice("Which float protects successors?", [
            Choice("Total float", why="Total float protects the finish only."),
            Choice("Free <float>", correct=True, why='Successors\' "early start" stays.'),
        ]),
        Numeric("EF when ES = 4, duration = 3?", answer=7, tolerance=0.5, unit="days", why="EF = ES + d."),
    )


def test_html_is_deterministic_for_nbval():
    assert sample()._repr_html_() == sample()._repr_html_()
    assert "0x" not in repr(sample())


def test_text_is_escaped_and_feedback_is_carried_in_attributes():
    page = sample()._repr_html_()
    assert "Free &lt;float&gt;" in page
    assert 'data-why="Successors&#x27; &quot;early start&quot; stays."' in page
    assert 'data-correct="1"' in page and 'data-correct="0"' in page
    assert 'data-answer="7.0"' in page and 'data-tol="0.5"' in page


def test_every_input_has_a_label_and_feedback_is_announced():
    page = sample()._repr_html_()
    assert page.count("<label") == 3
    assert page.count('role="status"') == 2
    assert "<legend>1. Which float protects successors?</legend>" in page


def test_distinct_quizzes_get_distinct_ids():
    other = quiz(Numeric("Another?", answer=1))
    assert other._repr_html_().split('id="')[1][:14] != sample()._repr_html_().split('id="')[1][:14]


@pytest.mark.parametrize("make, words", [
    (lambda: MultipleChoice("Q?", [Choice("only one", correct=True)]), "at least two"),
    (lambda: MultipleChoice("Q?", [Choice("a"), Choice("b")]), "no correct choice"),
    (lambda: Numeric("Q?", answer=float("nan")), "finite"),
    (lambda: Numeric("Q?", answer=1, tolerance=-1), "tolerance"),
    (lambda: quiz(), "at least one"),
    (lambda: quiz("not a question"), "str"),
])
def test_malformed_questions_are_refused_with_a_message(make, words):
    with pytest.raises(FollowupError, match=words):
        make()


def test_a_second_fair_reading_is_carried_and_checked():
    page = quiz(Numeric("How many times?", answer=8.7, also=(7.7,), tolerance=0.1))._repr_html_()
    assert 'data-answer="8.7" data-tol="0.1" data-also="7.7"' in page
    assert "accepted.some" in page
    with pytest.raises(FollowupError, match="also"):
        Numeric("Q?", answer=1, also=(float("inf"),))
