"""Instant-feedback questions for the "Check your understanding" sections.

A quiz renders as plain HTML with a small inline script, so it gives feedback on the published page with no
kernel and no third-party script (unlike quiz packages that fetch MathJax from a CDN). Its HTML is
deterministic (ids derive from the question text), so nbval can compare stored and fresh outputs.

Example
-------
>>> q = quiz(
...     MultipleChoice("Which float can an activity use without delaying any successor?", [
...         Choice("Total float", why="Total float protects only the project finish."),
...         Choice("Free float", correct=True, why="Free float leaves every successor's early start intact."),
...     ]),
...     Numeric("ES = 4 and duration = 3. What is EF (days)?", answer=7, why="EF = ES + duration."),
... )
>>> "Free float" in q._repr_html_()
True
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass, field

from followup.errors import FollowupError


@dataclass(frozen=True)
class Choice:
    """One option of a multiple-choice question, with the explanation shown when it is picked."""

    text: str
    correct: bool = False
    why: str = ""


@dataclass(frozen=True)
class MultipleChoice:
    """A question with one or more correct options among `choices`."""

    prompt: str
    choices: list[Choice] = field(default_factory=list)

    def __post_init__(self):
        if len(self.choices) < 2:
            raise FollowupError(f"question {self.prompt!r} has {len(self.choices)} choice(s); give at least two")
        if not any(c.correct for c in self.choices):
            raise FollowupError(f"question {self.prompt!r} has no correct choice; mark one with correct=True")


@dataclass(frozen=True)
class Numeric:
    """A question answered with a number, accepted within `tolerance` (absolute) of `answer`.

    `also` lists other answers accepted with the same tolerance, for a question a careful reader can
    fairly read two ways (e.g. "8.7 times as much" and "7.7 times more"); `why` should name both readings.
    """

    prompt: str
    answer: float
    tolerance: float = 0.0
    unit: str = ""
    why: str = ""
    also: tuple = ()

    def __post_init__(self):
        answers = [self.answer, *self.also]
        if not all(math.isfinite(float(a)) for a in answers) or self.tolerance < 0:
            raise FollowupError(
                f"question {self.prompt!r}: answer (and every value in also) must be a finite number and "
                f"tolerance >= 0 (got answer={self.answer!r}, also={self.also!r}, tolerance={self.tolerance!r})"
            )


_SCRIPT = """
<script>
(function () {
  var root = document.getElementById("%(qid)s");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  root.querySelectorAll("fieldset").forEach(function (fs) {
    var out = fs.querySelector(".fu-quiz-feedback");
    function say(ok, why) {
      out.textContent = (ok ? "\\u2714 Correct. " : "\\u2718 Not quite. ") + why;
      out.className = "fu-quiz-feedback " + (ok ? "fu-ok" : "fu-no");
    }
    fs.querySelectorAll("input[type=radio]").forEach(function (r) {
      r.addEventListener("change", function () { say(r.dataset.correct === "1", r.dataset.why); });
    });
    var num = fs.querySelector("input[type=number]");
    if (num) {
      fs.querySelector("button").addEventListener("click", function () {
        var v = parseFloat(num.value);
        if (isNaN(v)) { out.textContent = "Type a number first."; out.className = "fu-quiz-feedback"; return; }
        var a = parseFloat(num.dataset.answer), tol = parseFloat(num.dataset.tol);
        var accepted = [a].concat((num.dataset.also || "").split(" ").filter(Boolean).map(parseFloat));
        var ok = accepted.some(function (x) { return Math.abs(v - x) <= tol + 1e-9 * Math.max(1, Math.abs(x)); });
        say(ok, ok ? num.dataset.why : (v > a ? "Too high. " : "Too low. ") + "Check your working and try again.");
      });
    }
  });
})();
</script>
"""

_STYLE = """
<style>
/* Colours from the theme's variables (pydata-sphinx-theme), so the quiz follows its light and dark modes; the
   fallbacks serve Jupyter, which has no such variables. */
.fu-quiz { color: var(--pst-color-text-base, inherit); }
.fu-quiz fieldset { border: 1px solid var(--pst-color-border, #bbb); border-radius: 6px; margin: 0.8em 0;
  padding: 0.6em 1em; min-width: 0; }
/* A floated legend is laid out inside the box, so a question of several lines stays below the border (a
   legend in its usual place sits on the border, which then runs through a long question's text). */
.fu-quiz legend { font-size: 1rem; font-weight: 600; padding: 0; float: left; width: 100%; margin: 0 0 0.3em; }
.fu-quiz legend + * { clear: both; }
/* Radio buttons drawn from the theme's colours: the browser's own dark-mode radios are dark grey on the dark
   page, hard to see. */
.fu-quiz input[type=radio] { appearance: none; width: 1em; height: 1em; margin: 0 0.4em -0.12em 0;
  border: 2px solid var(--pst-color-text-muted, #555); border-radius: 50%; background: transparent; }
.fu-quiz input[type=radio]:checked { border-color: var(--pst-color-primary, #0a5fa8);
  background: radial-gradient(var(--pst-color-primary, #0a5fa8) 45%, transparent 50%); }
.fu-quiz input[type=radio]:focus-visible { outline: 3px solid var(--pst-color-primary, #0a5fa8); outline-offset: 1px; }
.fu-quiz label { display: block; margin: 0.25em 0; cursor: pointer; }
.fu-quiz input[type=number] { max-width: 100%; }
.fu-quiz .fu-quiz-feedback { margin: 0.5em 0 0; min-height: 1.2em; }
.fu-quiz .fu-ok { color: var(--pst-color-success, #1a6b2f); }
.fu-quiz .fu-no { color: var(--pst-color-danger, #a3241a); }
/* On the site, _static/book.css keeps this output off the theme's light card in dark mode. */
html[data-theme="dark"] .fu-quiz { color-scheme: dark; }
</style>
"""


def _id(text: str) -> str:
    return "fuq-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Quiz:
    """A titled group of questions; displays itself as HTML in Jupyter and in the built book."""

    questions: tuple
    title: str = "Check your understanding"

    def _repr_html_(self) -> str:
        qid = _id(self.title + "".join(q.prompt for q in self.questions))
        parts = [_STYLE, f'<div class="fu-quiz" id="{qid}">']
        for n, q in enumerate(self.questions, start=1):
            fid = f"{qid}-{n}"
            parts.append(f'<fieldset id="{fid}"><legend>{n}. {html.escape(q.prompt)}</legend>')
            if isinstance(q, MultipleChoice):
                for k, c in enumerate(q.choices):
                    parts.append(
                        f'<label><input type="radio" name="{fid}" data-correct="{int(c.correct)}" '
                        f'data-why="{_attr(c.why)}"> {html.escape(c.text)}</label>'
                    )
            else:
                unit = f" {html.escape(q.unit)}" if q.unit else ""
                also = f' data-also="{" ".join(repr(float(x)) for x in q.also)}"' if q.also else ""
                parts.append(
                    f'<label for="{fid}-in">Your answer{unit}:</label> '
                    f'<input id="{fid}-in" type="number" step="any" data-answer="{float(q.answer)!r}" '
                    f'data-tol="{float(q.tolerance)!r}"{also} data-why="{_attr(q.why)}"> '
                    f'<button type="button">Check</button>'
                )
            parts.append('<p class="fu-quiz-feedback" role="status" aria-live="polite"></p></fieldset>')
        parts.append("</div>")
        parts.append(_SCRIPT % {"qid": qid})
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"Quiz({self.title!r}, {len(self.questions)} questions)"


def quiz(*questions: MultipleChoice | Numeric, title: str = "Check your understanding") -> Quiz:
    """Group questions into a quiz; display the result as a cell's last expression."""
    for q in questions:
        if not isinstance(q, (MultipleChoice, Numeric)):
            raise FollowupError(f"quiz() takes MultipleChoice or Numeric questions, got {type(q).__name__}")
    if not questions:
        raise FollowupError("quiz() needs at least one question")
    return Quiz(tuple(questions), title)
