"""Check answers in a notebook, kindly; fail loudly only in strict mode.

In a check cell:

    check("02.union_share")        # looks up the variable the exercise names
    check("02.union_share", x)     # or judges the value you pass

Interactive use never raises on a wrong answer, so "Run All" keeps going.
Strict mode (UNIONSTATE_STRICT=1, or any nbgrader run) raises
ExerciseNotPassed, so tests and graders see a failure.
"""

from __future__ import annotations

import html
import os
import sys
from typing import Any

from .checkers import CORRECT, INCORRECT, ERROR, INVALID, UNANSWERED, Result
from .feedback import Feedback, build
from .model import Exercise, Quiz, Reflection, for_lesson, get, registry

_MISSING = object()

# This kernel's history: the last status of each exercise, and the wrong
# answers seen (a new wrong answer unlocks the next hint, the same one does not).
_status: dict[str, str] = {}
_wrong_answers: dict[str, list] = {}


class ExerciseNotPassed(AssertionError):
    """Raised in strict mode when an answer is not correct."""


def strict_mode() -> bool:
    """True under tests and graders: UNIONSTATE_STRICT=1, or nbgrader's autograde/validate."""
    flag = os.environ.get("UNIONSTATE_STRICT", "").strip().lower()
    return flag in ("1", "true", "yes") or bool(os.environ.get("NBGRADER_EXECUTION"))


class Notice:
    """A plain message shown in place of feedback (unknown exercise id, misuse)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f'<div role="status" style="border-left:4px solid #6b4e00;background:#fff6d6;padding:6px 10px">{html.escape(self.text)}</div>'


def _exercise(exercise_id: str) -> Exercise | Notice:
    try:
        item = get(exercise_id)
    except KeyError:
        lesson = str(exercise_id).split(".")[0]
        known = [i.id for i in for_lesson(lesson) if isinstance(i, Exercise)]
        listing = f" Exercises of lesson {lesson}: {', '.join(known)}." if known else ""
        return Notice(f"There is no exercise called {exercise_id!r}. Check the spelling in this cell.{listing}")
    if not isinstance(item, Exercise):
        return Notice(f"{exercise_id!r} is a {item.kind}, not an auto-checked exercise: answer it with its widget or in its Markdown cell.")
    return item


def evaluate(exercise: Exercise, value: Any = _MISSING, *, hidden_tests: bool = False) -> Result:
    """Judge a value for an exercise (no display, no state). value=_MISSING means 'not defined'."""
    if value is _MISSING:
        record = {"type": "missing"}
    else:
        record = exercise.checker.record(value, include_hidden=hidden_tests)
    return exercise.checker.evaluate(record, exercise.answer, include_hidden=hidden_tests)


def _hint_number(exercise_id: str, result: Result, value: Any) -> int:
    if result.status not in (INCORRECT, ERROR):
        return 0
    seen = _wrong_answers.setdefault(exercise_id, [])
    key = _fingerprint(value)
    if key not in seen:
        seen.append(key)
    return seen.index(key) + 1


def _fingerprint(value: Any) -> str:
    try:
        from .answers import normalize

        return repr(normalize(value))[:2000] if not callable(value) else getattr(value, "__code__", value).__repr__()
    except Exception:  # a fingerprint is only for choosing the hint
        return repr(type(value))


def check(exercise_id: str, value: Any = _MISSING, *, hidden_tests: bool = False) -> None:
    """Show feedback for an exercise. Without a value, the exercise's variable is looked up."""
    from IPython.display import display

    exercise = _exercise(exercise_id)
    if isinstance(exercise, Notice):
        display(exercise)
        if strict_mode():
            raise ExerciseNotPassed(exercise.text)
        return
    if value is _MISSING:
        caller = sys._getframe(1).f_globals
        value = caller.get(exercise.answer, _MISSING)
    try:
        result = evaluate(exercise, value, hidden_tests=hidden_tests)
    except Exception as exc:  # a check must never leave a student with a traceback
        result = Result(INVALID, f"This answer could not be checked ({type(exc).__name__}: {exc}). Look at the kind of value you stored in `{exercise.answer}`.")
    feedback = build(exercise, result, _hint_number(exercise.id, result, value))
    _status[exercise.id] = result.status
    display(feedback)
    if strict_mode() and not feedback.passed:
        raise ExerciseNotPassed(feedback.text())


def check_hidden(exercise_id: str, value: Any = _MISSING) -> None:
    """Run the exercise's hidden test cases too (used in master notebooks between HIDDEN TESTS markers)."""
    if value is _MISSING:
        exercise = _exercise(exercise_id)
        if isinstance(exercise, Exercise):
            value = sys._getframe(1).f_globals.get(exercise.answer, _MISSING)
    check(exercise_id, value, hidden_tests=True)


def record_status(item_id: str, status: str) -> None:
    """Quizzes report here so progress() can show them."""
    _status[item_id] = status


STATUS_WORDS = {
    CORRECT: "✓ correct",
    INCORRECT: "✗ not yet",
    ERROR: "✗ not yet (error)",
    INVALID: "! check the kind of answer",
    UNANSWERED: "… not answered",
}


class Progress:
    def __init__(self, lesson: str, rows: list[tuple[str, str, str, int, str]]):
        self.lesson, self.rows = lesson, rows

    def summary(self) -> str:
        auto = [r for r in self.rows if r[2] in ("exercise", "quiz")]
        done = sum(1 for r in auto if r[4] == STATUS_WORDS[CORRECT])
        got = sum(r[3] for r in auto if r[4] == STATUS_WORDS[CORRECT])
        total = sum(r[3] for r in auto)
        return f"Lesson {self.lesson}: {done} of {len(auto)} checked exercises and quizzes correct ({got} of {total} points) in this session."

    def __repr__(self) -> str:
        lines = [self.summary()]
        lines += [f"  {r[0]:<28} {r[1][:40]:<40} {r[3]} pt  {r[4]}" for r in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(f"<tr><td><code>{esc(r[0])}</code></td><td>{esc(r[1])}</td><td>{esc(r[2])}</td><td>{r[3]}</td><td>{esc(r[4])}</td></tr>" for r in self.rows)
        return (
            f"<div><p>{esc(self.summary())}</p><table><thead><tr><th>id</th><th>exercise</th><th>kind</th>"
            f"<th>points</th><th>status</th></tr></thead><tbody>{body}</tbody></table></div>"
        )


def progress(lesson: str) -> Progress:
    """Which exercises of a lesson are done, as far as this session has checked them."""
    rows = []
    for item in for_lesson(lesson):
        if isinstance(item, Reflection):
            rows.append((item.id, item.title, "reflection", item.points, "written answer, graded by your teacher"))
            continue
        kind = "quiz" if isinstance(item, Quiz) else "exercise"
        status = _status.get(item.id)
        rows.append((item.id, item.title, kind, item.points, STATUS_WORDS.get(status, "… not run yet")))
    return Progress(lesson, rows)


__all__ = [
    "Exercise",
    "ExerciseNotPassed",
    "Feedback",
    "Quiz",
    "Reflection",
    "check",
    "check_hidden",
    "evaluate",
    "get",
    "progress",
    "registry",
    "strict_mode",
]
