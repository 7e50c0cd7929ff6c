"""Every exercise, quiz and reflection the kit registers is well formed, and its feedback never gives the answer away."""

from __future__ import annotations

import pandas as pd
import pytest

from unionstate.exercises import evaluate
from unionstate.exercises.checkers import ChoiceCheck, FunctionCheck
from unionstate.exercises.feedback import build
from unionstate.exercises.model import ID_PATTERN, Exercise, Quiz, Reflection, registry
from unionstate.exercises.records import judge

ITEMS = registry()
EXERCISES = [i for i in ITEMS.values() if isinstance(i, Exercise)]
QUIZZES = [i for i in ITEMS.values() if isinstance(i, Quiz)]
REFLECTIONS = [i for i in ITEMS.values() if isinstance(i, Reflection)]

WRONG_INPUTS = [None, "not a number", "", True, -12345.678, 0, pd.Series([1.0, 2.0]), pd.DataFrame({"wrong": [1]}), [1, 2], lambda *a, **k: -1]
# (exercise id, index in WRONG_INPUTS) of an input that is in fact right for that exercise, with the reason.
# Empty today: a checker that accepts any of these inputs is broken.
KNOWN_RIGHT: dict[tuple[str, int], str] = {}


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")


def test_ids_points_and_grade_ids_are_unique_and_well_formed():
    grade_ids = [i.grade_id for i in ITEMS.values()]
    assert len(grade_ids) == len(set(grade_ids))
    for item in ITEMS.values():
        assert ID_PATTERN.fullmatch(item.id), item.id
        assert item.points >= 1, item.id
        assert item.title.strip(), item.id


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_exercise_is_well_formed(ex):
    assert 1 <= len(ex.hints) <= 3, f"{ex.id}: 1 to 3 graded hints"
    assert all(h.strip() for h in ex.hints)
    assert ex.task.strip() and ex.answer.isidentifier()
    if isinstance(ex.checker, ChoiceCheck):
        expected = set(ex.checker.answer) if ex.checker.multi else {ex.checker.answer}
        assert expected <= set(ex.checker.options), ex.id
        assert set(ex.checker.explanations) == set(ex.checker.options), f"{ex.id}: explain every option"
        for letter in expected:
            assert not ex.checker.explanations[letter].lower().startswith(("right", "correct")), f"{ex.id}: the feedback already says Correct"
    if isinstance(ex.checker, FunctionCheck):
        assert any(c.hidden for c in ex.checker.cases), f"{ex.id}: a function exercise needs hidden cases"
        assert any(not c.hidden for c in ex.checker.cases), f"{ex.id}: and at least one public case"
        assert all(c.shows for c in ex.checker.cases if not c.hidden), f"{ex.id}: public cases say how they are called"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_expected_answer_is_computable_and_hints_do_not_reveal_it(ex):
    forms = ex.checker.expected_forms()  # computes the expected value from data/
    for hint in ex.hints + [ex.task]:
        for form in forms:
            if len(form) >= 3:
                assert form not in hint, f"{ex.id}: hint or task reveals {form!r}"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_wrong_answers_get_feedback_without_the_expected_value(ex):
    forms = [f for f in ex.checker.expected_forms() if len(f) >= 2]
    for index, value in enumerate(WRONG_INPUTS + [...]):
        for hidden in (False, True):
            result = evaluate(ex, value, hidden_tests=hidden)
            if (ex.id, index) in KNOWN_RIGHT:
                assert result.status == "correct", f"{ex.id}: {value!r} is listed as right ({KNOWN_RIGHT[(ex.id, index)]}) but judged {result.status}"
                continue
            assert result.status != "correct", f"{ex.id}: the checker accepts the wrong answer {value!r} (hidden tests: {hidden})"
            assert result.status in ("incorrect", "invalid", "unanswered", "error")
            text = build(ex, result, 3).text()
            for form in forms:
                assert form not in text.replace(ex.id, ""), f"{ex.id}: feedback for {value!r} reveals {form!r}: {text}"
            if result.status != "incorrect":
                assert result.message, f"{ex.id}: {result.status} for {value!r} without a sentence"


@pytest.mark.parametrize("q", QUIZZES, ids=lambda q: q.id)
def test_quiz_is_well_formed(q):
    assert q.answer in q.options
    assert set(q.explanations) == set(q.options), f"{q.id}: explain every option"
    assert judge(q, q.answer)[0] == "correct"
    for letter in q.options:
        if letter != q.answer:
            status, message = judge(q, letter)
            assert status == "incorrect" and message
            assert q.options[q.answer] not in message, f"{q.id}: a wrong option's explanation gives the answer away"


@pytest.mark.parametrize("r", REFLECTIONS, ids=lambda r: r.id)
def test_reflection_rubric_adds_up(r):
    assert r.prompt.strip()
    assert r.rubric, f"{r.id}: a rubric is needed"
    assert sum(points for _, points in r.rubric) == r.points, f"{r.id}: rubric points must add up to {r.points}"


def test_each_lesson_with_a_plan_meets_the_standard():
    """LESSON_STANDARD: at least 6 auto-checked exercises (mixed kinds), a quiz and a reflection per lesson 01-05."""
    lessons = sorted({i.lesson for i in ITEMS.values()} - {"00"})
    for lesson in lessons:
        exs = [e for e in EXERCISES if e.lesson == lesson]
        kinds = {e.kind for e in exs}
        assert len(exs) >= 6, f"lesson {lesson}: {len(exs)} auto-checked exercises"
        assert {"function", "chart", "choice"} <= kinds, f"lesson {lesson}: kinds {kinds}"
        assert any(q.lesson == lesson for q in QUIZZES), f"lesson {lesson}: no quiz"
        assert any(r.lesson == lesson for r in REFLECTIONS), f"lesson {lesson}: no reflection"


# --- known mistakes and the kind of answer ---------------------------------------------------

from unionstate.exercises.checkers import Mistake, NumberCheck  # noqa: E402

WITH_MISTAKES = [e for e in EXERCISES if getattr(e.checker, "mistakes", None)]


@pytest.mark.parametrize("ex", WITH_MISTAKES, ids=lambda e: e.id)
def test_each_known_mistake_is_recognised_and_never_right(ex):
    forms = [f for f in ex.checker.expected_forms() if len(f) >= 2]
    for mistake in ex.checker.mistakes:
        assert isinstance(mistake, Mistake) and 2 <= len(mistake.name) <= 40 and mistake.message.strip()
        if isinstance(ex.checker, NumberCheck):
            value = mistake.wrong_value
        else:
            value = mistake.reference
        result = evaluate(ex, value)
        assert result.status == "incorrect", f"{ex.id}: the mistake {mistake.name!r} is judged {result.status}"
        assert result.mistake is not None and result.mistake.message == mistake.message, f"{ex.id}: {mistake.name!r} not recognised ({result})"
        fb = build(ex, result, 1)
        assert not fb.hint, f"{ex.id}: a recognised mistake uses up a hint"
        for form in forms:
            assert form not in mistake.message, f"{ex.id}: the message of {mistake.name!r} reveals {form!r}"


WRONG_KINDS = ["some text", [1, 2], {"a": 1}]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_the_wrong_kind_of_answer_gets_check_the_kind_and_no_hint(ex):
    values = list(WRONG_KINDS)
    if isinstance(ex.checker, NumberCheck) and ex.checker.integer:
        values.append(ex.checker.value + 0.5)  # a decimal for a whole number (2012.5 for a year)
    if isinstance(ex.checker, FunctionCheck):
        values += [lambda *a, **k: "text", lambda *a, **k: [1.0, 2.0]]
    for value in values:
        result = evaluate(ex, value)
        if isinstance(ex.checker, FunctionCheck) and callable(value):
            want = ex.checker._expected[next(i for i, c in enumerate(ex.checker.cases) if not c.hidden)]
            if want.get("type") in ("list", "array", "string"):
                continue  # a list or text is the right kind for this function
        assert result.status == "invalid", f"{ex.id}: {value!r} is judged {result.status}: {result.message}"
        assert not build(ex, result, 1).hint, f"{ex.id}: the wrong kind of answer uses up a hint"
