"""Lesson 00: its exercises and quiz, checked against the data with plain csv code (independently of
unionstate.analysis), and the named mistakes of its numeric exercise (each gets its own message and
uses up no hint)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from unionstate import paths
from unionstate.exercises import check, evaluate, get, session
from unionstate.exercises.feedback import build
from unionstate.exercises.model import Exercise, Quiz, for_lesson


def _csv(relative: str) -> list[dict]:
    with open(paths.data_dir() / relative, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    session._status.clear()
    session._wrong_answers.clear()
    session._hints_shown.clear()


@pytest.fixture(scope="module")
def days() -> int:
    rows = _csv("union/union_state_timeline.csv")
    (election,) = [r["date"] for r in rows if "Presidential election" in r["event"] and r["date"].startswith("2020")]
    (sochi,) = [r["date"] for r in rows if "working visit to Sochi" in r["event"]]
    return (date.fromisoformat(sochi) - date.fromisoformat(election)).days


def test_lesson_00_has_the_sourcing_exercise_and_no_copy_a_number_quiz():
    ids = [item.id for item in for_lesson("00")]
    assert ids == ["00.figure_source", "00.two_reports", "00.days_between", "00.headline_kind"]
    assert all(item.core for item in for_lesson("00"))
    assert "00.usable_shares" not in ids  # replaced: it asked for a column name printed in the explorer


def test_days_between_is_computed_from_the_timeline(days):
    ex = get("00.days_between")
    assert evaluate(ex, days).status == "correct"
    assert evaluate(ex, days - 2).status == "incorrect"


@pytest.mark.parametrize(
    "offset, name",
    [(1, "counting both ends"), (-1, "reversed sign"), (None, "a month assumed")],
)
def test_days_between_named_mistakes_get_their_message_and_use_no_hint(days, offset, name):
    ex = get("00.days_between")
    values = [30, 31] if offset is None else [days + 1 if offset == 1 else -days]
    for value in values:
        result = evaluate(ex, value)
        assert result.status == "incorrect" and result.mistake is not None and result.mistake.name == name, (value, result)
        feedback = build(ex, result, 1)
        assert result.mistake.message in feedback.text() and feedback.hint == "" and feedback.hint_number == 0
        assert str(days) not in feedback.text(), "a mistake's message never gives the expected value"
        check(ex.id, value)
        assert session.hints_shown(ex.id) == 0, f"{value}: a named mistake used up a hint"
    check(ex.id, 1000)  # an unknown wrong answer still gets the first hint
    assert session.hints_shown(ex.id) == 1


def test_days_between_first_hint_does_not_ask_for_rows_the_cell_already_found():
    first = get("00.days_between").hints[0]
    assert "election_date" in first and "sochi_date" in first
    assert "str.contains" not in first


def test_figure_source_key_follows_the_register():
    claims = {r["claim_id"]: r for r in _csv("union/article_claims.csv")}
    source_id = claims["C12"]["source_id"]
    assert ";" not in source_id  # one source: the exercise asks about its publisher
    register = {r["source_id"]: r for r in _csv("sources.csv")}
    publisher = register[source_id]["publisher"]
    # The key (B: a pollster's survey, as a news site reported it) holds only while the register says
    # the publisher is reporting someone else's survey.
    assert "reporting" in publisher and "survey" in publisher
    assert "n-tv" not in publisher.lower()
    ex = get("00.figure_source")
    assert isinstance(ex, Exercise) and ex.checker.answer == "B"
    for letter in "ACD":
        result = evaluate(ex, letter)
        assert result.status == "incorrect" and result.message == ex.checker.explanations[letter]
    assert evaluate(ex, "b").status == "correct"
    assert evaluate(ex, 2).status == "invalid"


def test_two_reports_quiz_key_follows_the_data():
    rows = [r for r in _csv("opinion/opinion_integration.csv") if r["survey_id"] == "BAW_2019_09" and r["answer_option"] == "union with Russia"]
    assert len(rows) == 2 and len({r["source_id"] for r in rows}) == 2  # two sources report one figure
    (exact,) = [float(r["share_pct"]) for r in rows if r["value_qualifier"] == "exact"]
    (floor,) = [float(r["share_pct"]) for r in rows if r["value_qualifier"].startswith("lower bound")]
    # The key (B: they agree, one is a floor) holds only while the floor is not above the exact figure
    # and the exact figure is "slightly over" it.
    assert floor <= exact < floor + 1
    q = get("00.two_reports")
    assert isinstance(q, Quiz) and q.answer == "B"
    assert set(q.explanations) == set(q.options)
