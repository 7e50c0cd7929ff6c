"""The message a check cell shows: words first, colour and symbol only as extra cues."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .checkers import CORRECT, ERROR, INCORRECT, Result
from .status import Status, as_status


def status_box(status: Status | str, body_html: str, *, title_html: str = "") -> str:
    """The one feedback box of the kit (checks, quizzes, claim cards, notices).

    body_html must be escaped already. Words carry the meaning; the symbol (hidden from screen
    readers) and the colours are extra cues. role="status" makes screen readers announce it.
    """
    st = as_status(status)
    fg, bg = st.colors
    title = f'<span style="color:#555">{title_html}</span><br>' if title_html else ""
    return (
        f'<div class="unionstate-feedback unionstate-{st.value.replace(" ", "-")}" role="status" '
        f'style="border-left:4px solid {fg};background:{bg};color:#1a1a1a;padding:6px 10px;margin:2px 0">'
        f'<span aria-hidden="true" style="color:{fg};font-weight:bold">{st.symbol}</span> {title}{body_html}</div>'
    )


def inline_code(escaped: str) -> str:
    """Render the `code` spans of an already escaped message as <code>."""
    parts = escaped.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


@dataclass
class Feedback:
    exercise_id: str
    title: str
    status: str
    message: str = ""
    hint: str = ""
    hint_number: int = 0
    hint_count: int = 0
    points: int = 0

    @property
    def passed(self) -> bool:
        return self.status == CORRECT

    def text(self) -> str:
        label = as_status(self.status).headline
        parts = [f"{self.exercise_id} {self.title}: {label}"]
        if self.message:
            parts.append(self.message)
        if self.hint:
            parts.append(f"Hint {self.hint_number} of {self.hint_count}: {self.hint}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        esc = html.escape
        body = f"<b>{esc(as_status(self.status).headline)}</b>"
        if self.message:
            body += " " + inline_code(esc(self.message))
        if self.hint:
            body += f"<br><i>Hint {self.hint_number} of {self.hint_count}:</i> " + inline_code(esc(self.hint))
        return status_box(self.status, body, title_html=f"{esc(self.exercise_id)} {esc(self.title)}")


def build(exercise, result: Result, hint_number: int) -> Feedback:
    """Feedback for a result; hints appear only when the answer is wrong, one more with each new wrong answer.

    A recognised mistake (result.mistake) shows its own message and no hint, so it uses none up."""
    hints = list(exercise.hints)
    show_hint = result.status in (INCORRECT, ERROR) and hints and result.mistake is None  # a named mistake is its own hint
    n = min(max(hint_number, 1), len(hints)) if show_hint else 0
    message = result.message
    if result.status == CORRECT:
        message = " ".join(m for m in (result.message, exercise.success) if m)
    return Feedback(
        exercise_id=exercise.id,
        title=exercise.title,
        status=result.status,
        message=message,
        hint=hints[n - 1] if n else "",
        hint_number=n,
        hint_count=len(hints),
        points=exercise.points if result.status == CORRECT else 0,
    )
