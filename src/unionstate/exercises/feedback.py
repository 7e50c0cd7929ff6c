"""The message a check cell shows: words first, colour and symbol only as extra cues."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .checkers import CORRECT, ERROR, INCORRECT, INVALID, UNANSWERED, Result

LABELS = {
    CORRECT: ("Correct.", "✓", "#0b6e4f", "#e6f4ee"),
    INCORRECT: ("Not yet.", "✗", "#8a3b00", "#fdf0e6"),
    UNANSWERED: ("Not answered yet.", "…", "#444444", "#f2f2f2"),
    INVALID: ("Check the kind of answer.", "!", "#6b4e00", "#fff6d6"),
    ERROR: ("Your code raised an error.", "!", "#6b4e00", "#fff6d6"),
}


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
        label = LABELS[self.status][0]
        parts = [f"{self.exercise_id} {self.title}: {label}"]
        if self.message:
            parts.append(self.message)
        if self.hint:
            parts.append(f"Hint {self.hint_number} of {self.hint_count}: {self.hint}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        label, symbol, fg, bg = LABELS[self.status]
        esc = html.escape
        body = f"<b>{esc(label)}</b>"
        if self.message:
            body += " " + _inline_code(esc(self.message))
        if self.hint:
            body += f"<br><i>Hint {self.hint_number} of {self.hint_count}:</i> " + _inline_code(esc(self.hint))
        return (
            f'<div class="unionstate-feedback unionstate-{self.status}" role="status" '
            f'style="border-left:4px solid {fg};background:{bg};color:#1a1a1a;padding:6px 10px;margin:2px 0">'
            f'<span aria-hidden="true" style="color:{fg};font-weight:bold">{symbol}</span> '
            f'<span style="color:#555">{esc(self.exercise_id)} {esc(self.title)}</span><br>{body}</div>'
        )


def _inline_code(escaped: str) -> str:
    """Render `code` spans of an already escaped message."""
    parts = escaped.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def build(exercise, result: Result, hint_number: int) -> Feedback:
    """Feedback for a result; hints appear only when the answer is wrong, one more with each new wrong answer."""
    hints = list(exercise.hints)
    show_hint = result.status in (INCORRECT, ERROR) and hints
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
