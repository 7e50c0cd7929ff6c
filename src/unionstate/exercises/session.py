"""The kernel runtime: check answers in a notebook, kindly; fail loudly only in strict mode.

In a check cell:

    check("02.union_share")        # looks up the variable the exercise names
    check("02.union_share", x)     # or judges the value you pass

Interactive use never raises on a wrong answer, so "Run All" keeps going.
Strict mode (UNIONSTATE_STRICT=1, or any nbgrader run) raises ExerciseNotPassed, so tests and
graders see a failure.

This module holds the session's state (the last status of each item, the wrong answers seen,
which hint each exercise is at); everything else of the engine is stateless.
"""

from __future__ import annotations

import html
import os
import sys
from typing import Any

from .checkers import ERROR, INCORRECT, INVALID, Result
from .feedback import build, status_box
from .model import Exercise, Quiz, Reflection, for_lesson, get
from .status import NOT_RUN_YET, Status, as_status

_MISSING = object()

# This kernel's history: the last status of each exercise, and the wrong answers seen (a new
# wrong answer unlocks the next hint, the same one does not).
_status: dict[str, Status] = {}
_wrong_answers: dict[str, list[str]] = {}
_hints_shown: dict[str, int] = {}  # the highest hint number each exercise has shown
_revealed: set[str] = set()  # exercises whose giveaway result the student asked to see before answering


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
        return status_box(Status.INVALID, html.escape(self.text))


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
    """Judge a value for an exercise (no display, no state). value=_MISSING means 'not defined'.

    The answer is normalised once; the record judged comes back on the result (result.record)."""
    if value is _MISSING:
        record = {"type": "missing"}
    else:
        record = exercise.checker.record(value, include_hidden=hidden_tests)
    result = exercise.checker.evaluate(record, exercise.answer, include_hidden=hidden_tests)
    result.record = record
    return result


def fingerprint(record: dict | None) -> str:
    """What identifies a wrong answer for choosing the hint: its record (for a function, its results)."""
    if not record:
        return ""
    if record.get("type") == "function":  # behaviour, not code: the same wrong results are the same answer
        return repr(sorted((r.get("case"), r.get("ok"), repr(r.get("value")), r.get("error")) for r in record.get("results", [])))[:2000]
    return repr(record)[:2000]


def _hint_number(exercise_id: str, result: Result) -> int:
    if result.status not in (INCORRECT, ERROR) or result.mistake is not None:
        return 0  # right, the wrong kind of answer, or a known mistake with its own message: no hint used up
    seen = _wrong_answers.setdefault(exercise_id, [])
    key = fingerprint(result.record)
    if key not in seen:
        seen.append(key)
    return seen.index(key) + 1


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
    feedback = build(exercise, result, _hint_number(exercise.id, result))
    _status[exercise.id] = as_status(result.status)
    _hints_shown[exercise.id] = max(_hints_shown.get(exercise.id, 0), feedback.hint_number)
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


def record_status(item_id: str, status: Status | str) -> None:
    """Quizzes report here so progress() can show them."""
    _status[item_id] = as_status(status)


def status_of(item_id: str) -> Status | None:
    """The last status this session saw for an item (None: not checked yet)."""
    return _status.get(item_id)


def hints_shown(exercise_id: str) -> int:
    """How many of an exercise's hints this session has shown."""
    return _hints_shown.get(exercise_id, 0)


def mark_revealed(exercise_id: str) -> None:
    _revealed.add(exercise_id)


def was_revealed(exercise_id: str) -> bool:
    return exercise_id in _revealed


CORE_PART, EXTENSION_PART = "core", "going further"


class Progress:
    """rows: (id, title, kind, points, status words, part), part being "core" or "going further"."""

    def __init__(self, lesson: str, rows: list[tuple[str, str, str, int, str, str]]):
        self.lesson, self.rows = lesson, rows

    def _tally(self, part: str) -> tuple[int, int, int, int]:
        auto = [r for r in self.rows if r[2] in ("exercise", "quiz") and r[5] == part]
        correct = [r for r in auto if r[4].startswith(Status.CORRECT.student_word)]
        return len(correct), len(auto), sum(r[3] for r in correct), sum(r[3] for r in auto)

    def summary(self) -> str:
        done, n, got, total = self._tally(CORE_PART)
        extension = any(r[5] == EXTENSION_PART for r in self.rows)
        if not extension:
            return f"Lesson {self.lesson}: {done} of {n} checked exercises and quizzes correct ({got} of {total} points) in this session."
        x_done, x_n, x_got, x_total = self._tally(EXTENSION_PART)
        return (
            f"Lesson {self.lesson}, core: {done} of {n} checked exercises and quizzes correct ({got} of {total} points); "
            f"going further: {x_done} of {x_n} ({x_got} of {x_total} points), in this session."
        )

    def __repr__(self) -> str:
        lines = [self.summary()]
        lines += [f"  {r[0]:<28} {r[1][:40]:<40} {r[3]} pt  {r[4]}{'  (going further)' if r[5] == EXTENSION_PART else ''}" for r in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = any(r[5] == EXTENSION_PART for r in self.rows)  # the part column only where a lesson has extensions
        body = "".join(
            f"<tr><td><code>{esc(r[0])}</code></td><td>{esc(r[1])}</td><td>{esc(r[2])}</td>"
            + (f"<td>{esc(r[5])}</td>" if parts else "")
            + f"<td>{r[3]}</td><td>{esc(r[4])}</td></tr>"
            for r in self.rows
        )
        return (
            # A wide table scrolls inside a region the keyboard can reach (WCAG: scrollable-region-focusable).
            f"<div><p>{esc(self.summary())}</p>"
            f"<div class=\"unionstate-table\" role=\"region\" tabindex=\"0\" aria-label=\"Progress in lesson {esc(self.lesson)}\" style=\"overflow-x:auto;max-width:100%\">"
            f"<table><thead><tr><th>id</th><th>exercise</th><th>kind</th>{'<th>part</th>' if parts else ''}"
            f"<th>points</th><th>status</th></tr></thead><tbody>{body}</tbody></table></div></div>"
        )


def progress(lesson: str) -> Progress:
    """Which exercises of a lesson are done, as far as this session has checked them: the core and the extensions apart."""
    rows = []
    for item in for_lesson(lesson):
        part = CORE_PART if item.core else EXTENSION_PART
        if isinstance(item, Reflection):
            rows.append((item.id, item.title, "reflection", item.points, Status.TO_GRADE.plain_word, part))
            continue
        kind = "quiz" if isinstance(item, Quiz) else "exercise"
        status = _status.get(item.id)
        words = status.student_word if status else NOT_RUN_YET
        if item.id in _revealed:
            words += " (you asked to see its result first)"
        rows.append((item.id, item.title, kind, item.points, words, part))
    return Progress(lesson, rows)


__all__ = [
    "ExerciseNotPassed",
    "Notice",
    "Progress",
    "check",
    "check_hidden",
    "evaluate",
    "fingerprint",
    "progress",
    "record_status",
    "status_of",
    "strict_mode",
]
