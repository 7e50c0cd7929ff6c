"""reveal(): a result that gives an exercise away waits until the exercise is correct; show_your_chart(): a
placeholder until the student has drawn something, and alt text that describes only what is drawn."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from unionstate.exercises import records, session
from unionstate.exercises.model import get
from unionstate.exercises.reveal import Placeholder, Text, reveal, show_your_chart
from unionstate.exercises.status import Status
from unionstate.plots import Figure, new_figure

EX = "02.union_share"


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("UNIONSTATE_REVEAL_ALL", raising=False)
    for state in (session._status, session._wrong_answers, session._hints_shown):
        state.clear()
    session._revealed.clear()
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    yield shown
    plt.close("all")


def test_the_result_waits_until_the_exercise_is_correct(interactive):
    shown = interactive
    reveal(EX, "the table", what="The table of shares")
    assert isinstance(shown[-1], Placeholder)
    assert "The table of shares will appear here once 02.union_share is correct (shown before, it would give the answer away)" in shown[-1].text
    assert "now=True" not in shown[-1].text  # not offered before the last hint
    assert "the table" not in repr(shown[-1]) and 'role="status"' in shown[-1]._repr_html_()
    session.check(EX, get(EX).checker.value)  # a right answer
    reveal(EX, "the table", what="The table of shares")
    assert isinstance(shown[-1], Text) and shown[-1].text == "the table"


def test_strict_mode_shows_everything(interactive, monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "1")
    reveal(EX, "the table", what="The table of shares")
    assert isinstance(interactive[-1], Text)


def test_an_instructor_can_show_everything_without_strict_checks(interactive, monkeypatch):
    monkeypatch.setenv("UNIONSTATE_REVEAL_ALL", "1")
    reveal(EX, "the table", what="The table of shares")
    assert isinstance(interactive[-1], Text)
    session.check(EX, 1.0)  # checks stay kind: no exception


def test_asking_to_see_it_needs_the_last_hint_and_is_recorded(interactive):
    shown = interactive
    exercise = get(EX)
    reveal(EX, "the table", what="The table of shares", now=True)
    assert isinstance(shown[-1], Placeholder) and f"{len(exercise.hints)} more hints" in shown[-1].text
    for n, wrong in enumerate([1.0, 2.0, 3.0, 4.0][: len(exercise.hints)], 1):
        session.check(EX, wrong)
        assert session.hints_shown(EX) == n
    reveal(EX, "the table", what="The table of shares")
    assert "Add now=True" in shown[-1].text  # offered once the last hint has been seen
    reveal(EX, "the table", what="The table of shares", now=True)
    assert isinstance(shown[-2], Text)
    record = shown[-1][records.ANSWER_MIME]
    assert record == {"reveal": EX, "what": "The table of shares"}
    assert records.reveals({"cells": [{"outputs": [{"data": shown[-1]}]}]}, "02") == {EX: "The table of shares"}
    assert session.was_revealed(EX)


def test_printed_output_waits_too(interactive, capsys):
    with reveal(EX, what="The four options"):
        print("union state 12.8")
        value = 42
    assert value == 42  # the block runs; only its output waits
    assert "12.8" not in capsys.readouterr().out
    assert isinstance(interactive[-1], Placeholder)
    session._status[EX] = Status.CORRECT
    with reveal(EX, what="The four options"):
        print("union state 12.8")
    assert "union state 12.8" in capsys.readouterr().out


def test_an_unknown_exercise_shows_the_result_with_a_notice(interactive):
    reveal("02.no_such_exercise", "x", what="Something")
    assert isinstance(interactive[0], Text)
    assert "no exercise called" in repr(interactive[1])
    with pytest.raises(ValueError, match="what="):
        reveal(EX, "x", what=" ")


def test_an_empty_exercise_chart_is_a_placeholder_without_alt_text(interactive):
    fig, ax = new_figure("")
    show_your_chart(fig, alt="a line chart of two shares")
    assert isinstance(interactive[-1], Placeholder) and "<img" not in interactive[-1]._repr_html_()
    assert "once you have drawn it" in interactive[-1].text


def test_a_drawn_chart_is_described_as_drawn(interactive):
    fig, ax = new_figure("")
    ax.plot([2019, 2020], [1.0, 2.0], label="EAEU")
    show_your_chart(fig, alt="a line chart of two shares")
    shown = interactive[-1]
    assert isinstance(shown, Figure)
    assert shown.alt.startswith("Your chart (no title yet): 1 line (EAEU).") and "The task asks for: a line chart of two shares" in shown.alt
    fig, ax = new_figure("Bars")
    ax.bar(["a", "b"], [1, 2], label="x")
    show_your_chart(fig, alt="bars")
    assert "“Bars”: 1 set of bars (x)" in interactive[-1].alt
