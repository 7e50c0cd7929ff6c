"""Multiple-choice quizzes answered by clicking.

The chosen answer is recorded in the notebook (what the grader reads) and in the
workspace (so a restart loses nothing): see store.py.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from ..exercises.feedback import status_box
from ..exercises.model import Quiz, get
from ..exercises.records import ANSWER_MIME, judge, quiz_bundle
from ..exercises.session import Notice, record_status, strict_mode
from ..exercises.status import Status
from .store import load_answers, save_answer
from .style import kit_assets

__all__ = ["ANSWER_MIME", "QuizWidget", "judge", "quiz"]  # ANSWER_MIME and judge live in exercises.records


def _record_bundle(q: Quiz, letter: str | None) -> dict:
    return quiz_bundle(q.id, letter)


def _feedback_html(q: Quiz, status: Status | str, message: str) -> str:
    if status == Status.UNANSWERED:
        return status_box(status, html.escape(message))
    return status_box(status, f"<b>{html.escape(Status(status).headline)}</b> {html.escape(message)}")


class QuizWidget(widgets.VBox):
    def __init__(self, q: Quiz, *, initial: str | None = None, note: str = ""):
        self.quiz = q
        self.question = widgets.HTML(f"<b>Quiz {html.escape(q.id)} ({q.points} point{'s' if q.points != 1 else ''}).</b> {html.escape(q.question)}")
        self.choices = widgets.RadioButtons(
            options=[(f"{letter}. {text}", letter) for letter, text in q.options.items()],
            value=initial,
            description="Your answer:",
            layout=widgets.Layout(width="auto"),
            style={"description_width": "initial"},
        )
        self.button = widgets.Button(description="Check answer", button_style="primary", tooltip="Check your answer and record it")
        self.feedback = widgets.HTML(_feedback_html(q, Status.UNANSWERED, note or "Choose an option, then press “Check answer”."))
        self.button.on_click(lambda _: self.submit())
        self._handle = None
        super().__init__([self.question, self.choices, self.button, self.feedback, *kit_assets()])  # kit_assets: the kit's CSS (options wrap)
        self.add_class("unionstate-widget")
        self.add_class("unionstate-quiz")
        self.add_class("unionstate-quiz-" + q.id.replace(".", "-"))  # a stable hook for tests and styles

    def submit(self) -> str:
        letter = self.choices.value
        status, message = judge(self.quiz, letter)
        self.feedback.value = _feedback_html(self.quiz, status, message)
        if letter is not None:
            record_status(self.quiz.id, status)
            if self._handle is not None:
                self._handle.update(_record_bundle(self.quiz, letter), raw=True)
            try:
                save_answer(self.quiz.id, {"answer": letter})
            except OSError as exc:
                self.feedback.value += f"<div>(Could not save a copy of your answer: {html.escape(str(exc))}. It is still recorded in this notebook.)</div>"
        return status

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        options = " ".join(f"{k}. {v}" for k, v in self.quiz.options.items())
        bundle["text/plain"] = f"Quiz {self.quiz.id}: {self.quiz.question} {options}"
        return bundle


def quiz(quiz_id: str) -> QuizWidget | None:
    """Show a quiz; the student's last recorded choice (if any) is restored."""
    try:
        q = get(quiz_id)
    except KeyError:
        display(Notice(f"There is no quiz called {quiz_id!r}. Check the spelling in this cell."))
        return None
    if not isinstance(q, Quiz):
        display(Notice(f"{quiz_id!r} is not a quiz."))
        return None
    saved, note = ({}, "") if strict_mode() else load_answers()
    initial = saved.get(q.id, {}).get("answer") if isinstance(saved.get(q.id), dict) else None
    if initial not in q.options:
        initial = None
    widget = QuizWidget(q, initial=initial, note=note)
    display(widget)
    widget._handle = display(_record_bundle(q, initial), raw=True, display_id=True)
    if initial is not None:
        widget.submit()
    return None
