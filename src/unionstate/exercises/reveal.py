"""Results that give an exercise away appear only after it is answered; exercise charts wait to be drawn.

A notebook often shows, right after an exercise, a table or sentence that contains its answer
(the package computing the same figure, an explorer that prints it). Students are told to use
Run All, so such a cell would hand them the answer before they try. Wrap it:

    reveal("02.union_share", shares, what="The table of the four answer options")

    with reveal("02.merger_total", what="The four options and the two merger options together"):
        print(shares.to_string())                        # printed output is held back the same way
        print(f"Both merger options: {opinion.merger_share('BAW_2019_12'):.1f}%")

- In the student's kernel the object (or the printed output) appears once that exercise is
  correct in this session; until then one line says what will appear here and why it waits
  ("The table of shares will appear here once 02.union_share is correct (shown before, it would
  give the answer away). Check your answer, then run this cell again.").
  Running the cell again after a correct check shows it.
- A student who has seen the exercise's last hint and is still stuck may look anyway: the
  placeholder then tells them to add `now=True` to the call and run the cell again. That shows
  the result and writes a reveal record into the notebook (exercises/records.py); the grader
  notes "revealed" beside that exercise. Before the last hint `now=True` only says how many
  hints are left.
- In strict mode (the master notebooks under nbval, `kit.py build`, graders) everything shows.

show_your_chart() is the same idea for the chart a student draws in an exercise: while the
figure has no data it shows a one-line placeholder instead of an empty 0-1 axes, and its alt
text describes the chart actually drawn, never one that is not there.
"""

from __future__ import annotations

import html
import os
from typing import Any

from .feedback import status_box
from .model import Exercise, get
from .records import reveal_bundle
from .session import Notice, hints_shown, mark_revealed, status_of, strict_mode
from .status import Status

_NOTHING = object()


class Placeholder:
    """One line shown where a result or a chart will appear (text for every front end, a grey box in JupyterLab)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return status_box(Status.UNANSWERED, html.escape(self.text).replace("`", "")).replace(
            "unionstate-feedback", "unionstate-feedback unionstate-placeholder", 1
        )


class Text:
    """Preformatted text (what print() would show), for reveal() of a string."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def reveal_all() -> bool:
    """UNIONSTATE_REVEAL_ALL=1: show every gated result (an instructor projecting a student copy; browser tests)."""
    return os.environ.get("UNIONSTATE_REVEAL_ALL", "").strip().lower() in ("1", "true", "yes")


def _allowed(exercise_id: str) -> bool:
    return strict_mode() or reveal_all() or status_of(exercise_id) == Status.CORRECT


def _waiting_text(exercise: Exercise, what: str, now: bool) -> str:
    left = len(exercise.hints) - hints_shown(exercise.id)
    waits = f"{what} will appear here once {exercise.id} is correct (shown before, it would give the answer away). Check your answer, then run this cell again."
    if left <= 0:
        return waits + " Stuck after the last hint? Add now=True to the reveal(...) call in this cell and run it: your notebook will note that you looked."
    if now:
        plural = "hint" if left == 1 else "hints"
        return f"{what} will appear once {exercise.id} is correct or you have seen its last hint ({left} more {plural}: try another answer in its check)."
    return waits


def _gate(exercise_id: str, what: str, now: bool) -> tuple[bool, Any]:
    """(show it?, what to display instead). Records a reveal when the student asks after the last hint."""
    try:
        exercise = get(exercise_id)
    except KeyError:
        return True, Notice(f"reveal(): there is no exercise called {exercise_id!r}; the result is shown.")
    if not isinstance(exercise, Exercise):
        return True, Notice(f"reveal(): {exercise_id!r} is a {exercise.kind}, not an auto-checked exercise; the result is shown.")
    if _allowed(exercise_id):
        return True, None
    if now and hints_shown(exercise_id) >= len(exercise.hints):
        mark_revealed(exercise_id)
        return True, "record"
    return False, Placeholder(_waiting_text(exercise, what, now))


class _HeldBack:
    """The context-manager form: output printed or displayed inside the block waits like an object would."""

    def __init__(self, exercise_id: str, what: str, now: bool):
        self.exercise_id, self.what, self.now = exercise_id, what, now
        self._capture = None
        self._instead = None

    def __enter__(self):
        show, self._instead = _gate(self.exercise_id, self.what, self.now)
        if not show:
            from IPython.utils.capture import capture_output

            self._capture = capture_output()
            self._capture.__enter__()
        elif self._instead is not None:
            _show_note(self._instead, self.exercise_id, self.what)
        return self

    def __exit__(self, *exc):
        if self._capture is not None:
            self._capture.__exit__(*exc)  # the held-back output is dropped
            from IPython.display import display

            display(self._instead)
        return False


def _show_note(instead: Any, exercise_id: str, what: str) -> None:
    from IPython.display import display

    if instead == "record":
        display(reveal_bundle(exercise_id, what), raw=True)
    else:
        display(instead)


def reveal(exercise_id: str, obj: Any = _NOTHING, *, what: str, now: bool = False):
    """Show `obj` once exercise `exercise_id` is correct in this session (always in strict mode).

    what: what will appear, as the start of a sentence ("The table of shares").
    Without obj, returns a context manager that holds back what the block prints or displays.
    """
    if not what or not what.strip():
        raise ValueError("reveal() needs what=...: say in a few words what will appear here.")
    what = what.strip()
    if obj is _NOTHING:
        return _HeldBack(exercise_id, what, now)
    from IPython.display import display

    show, instead = _gate(exercise_id, what, now)
    if show:
        display(Text(obj) if isinstance(obj, str) else obj)
        if instead is not None:
            _show_note(instead, exercise_id, what)
    else:
        display(instead)
    return None


# --- the chart a student draws ---------------------------------------------------------------


def _drawn(fig) -> list[str]:
    """What the figure's axes hold, in words ('2 lines (Belarus, Europe)'); empty when nothing is drawn."""
    parts = []
    for ax in fig.axes:
        lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 0]
        bars = [c for c in ax.containers if len(c) > 0]
        patches = [p for p in ax.patches] if not bars else []
        labels = [str(a.get_label()) for a in lines + bars if not str(a.get_label()).startswith("_")]
        named = f" ({', '.join(labels)})" if labels else ""
        if lines:
            parts.append(f"{len(lines)} line{'s' if len(lines) != 1 else ''}{named if not bars else ''}")
        if bars:
            parts.append(f"{len(bars)} set{'s' if len(bars) != 1 else ''} of bars{named}")
        elif patches:
            parts.append(f"{len(patches)} shapes")
        if ax.collections and not lines and not bars:
            parts.append(f"{len(ax.collections)} groups of points")
    return parts


def show_your_chart(fig, *, alt: str, sources=None, note: str = "") -> None:
    """Show the chart a student drew in an exercise, or a placeholder while it has no data yet.

    alt: what the finished chart should show (the task); the alt text says what is actually drawn
    and then that. An empty figure is closed and replaced by one line of text, so no image (and
    no alt text) claims a chart that is not there."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    from ..plots import show

    drawn = _drawn(fig) if fig is not None and hasattr(fig, "axes") else []
    if not drawn:
        if fig is not None and hasattr(fig, "axes"):
            plt.close(fig)
        display(Placeholder("Your chart appears here once you have drawn it in the answer cell above (the check reads its data, not its picture)."))
        return
    ax = fig.axes[0]
    title = ax.get_title() or ax.get_title(loc="left")
    described = f"Your chart{f' “{title}”' if title else ' (no title yet)'}: {'; '.join(drawn)}. The task asks for: {alt.strip()}"
    show(fig, alt=described, sources=sources, note=note)


__all__ = ["Placeholder", "reveal", "show_your_chart"]
