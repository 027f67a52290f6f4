"""Assertions shared by the tests of the exercise checks (``from _feedback_checks import rejected``)."""
from followup.checks import Feedback


def rejected(feedback: Feedback, *fragments: str) -> None:
    """The answer was refused, and the message carries each of ``fragments``."""
    assert not feedback.correct, str(feedback)
    for fragment in fragments:
        assert fragment in feedback.message, f"{fragment!r} not in {feedback.message!r}"
