"""What happened to a submission when it was graded: the one list of run statuses.

Each status has the word the gradebook's `status` column shows, a sentence for the student (on the
feedback page) and one for the instructor (in the gradebook's message, the class overview and the
summary printed at the end). A submission can meet several of them (a cell that timed out in a
notebook graded without a sandbox); the `status` column shows the most important one (the order
below) and the `statuses` column all of them.

Points always count what the submission recorded before the event: a loop added after the last
answer costs nothing, but the row says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class RunStatus(str, Enum):
    INVALID = "invalid"
    WRONG_LESSON = "wrong lesson"
    NOT_RUN = "not run"
    CRASHED = "crashed"
    MEMORY_LIMIT = "memory limit"
    NOTEBOOK_TIMEOUT = "notebook timeout"
    CELL_TIMEOUT = "cell timeout"
    OUTPUT_LIMIT = "output limit"
    DUPLICATE = "duplicate"
    NO_SANDBOX = "no sandbox"
    OK = "ok"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> StatusWords:
        return WORDS[self]

    @property
    def abnormal(self) -> bool:
        """Worth a look by the instructor (everything but ok)."""
        return self is not RunStatus.OK


@dataclass(frozen=True)
class StatusWords:
    student: str  # plain words for the feedback page
    instructor: str  # what happened and, where there is something to do, what


WORDS: dict[RunStatus, StatusWords] = {
    RunStatus.OK: StatusWords("Your notebook was graded normally.", "Graded normally."),
    RunStatus.INVALID: StatusWords(
        "Your file could not be read as a notebook, so nothing in it could be graded.",
        "The file could not be read as a notebook; nothing was graded. Ask the student for a new copy.",
    ),
    RunStatus.WRONG_LESSON: StatusWords(
        "The file you submitted belongs to another lesson, so nothing in it could be graded.",
        "The file belongs to another lesson; nothing was graded. Ask the student for the right file.",
    ),
    RunStatus.NOT_RUN: StatusWords(
        "Your notebook could not be run because of a problem on the grader's side; this is not your fault.",
        "The submission was not run: its sandbox could not be set up. Grade it again; if that fails too, see the message.",
    ),
    RunStatus.CRASHED: StatusWords(
        "Your notebook's process stopped before the end (it may have used too much memory or ended itself). "
        "Exercises answered before that point were graded; quiz answers come from your saved notebook and count.",
        "The notebook's process stopped before the end; exercises before that point were graded, quizzes (read from "
        "the saved file) count.",
    ),
    RunStatus.MEMORY_LIMIT: StatusWords(
        "A cell of your notebook tried to use more memory than allowed and was stopped; the rest was still graded.",
        "A cell reached the memory limit (--memory) and was stopped; the rest was graded.",
    ),
    RunStatus.NOTEBOOK_TIMEOUT: StatusWords(
        "Your notebook ran longer than the time allowed for a whole notebook and was stopped; "
        "exercises before that point were graded.",
        "The whole notebook hit its time limit (--timeout), also when run again alone with the limit doubled; "
        "exercises before that point were graded.",
    ),
    RunStatus.CELL_TIMEOUT: StatusWords(
        "A cell of your notebook ran longer than the time allowed for one cell and was stopped; the rest was still graded.",
        "A cell hit the per-cell time limit (--cell-timeout), also when run again alone with the limit doubled; "
        "it was stopped and the rest graded.",
    ),
    RunStatus.OUTPUT_LIMIT: StatusWords(
        "A cell of your notebook printed more text than allowed and was stopped; the rest was still graded.",
        "A cell printed more than the output limit and was stopped; the rest was graded.",
    ),
    RunStatus.DUPLICATE: StatusWords(
        "More than one file was submitted for you, and all of them were graded.",
        "Several files belong to this student; all were graded, this row counts the one chosen by the rule in the message.",
    ),
    RunStatus.NO_SANDBOX: StatusWords(
        "Your notebook was graded without a sandbox.",
        "Graded without a sandbox (--no-sandbox): the submission's code could change files on this machine; "
        "check the integrity result of the run.",
    ),
}

# Most important first: the gradebook's `status` column shows the first that applies.
ORDER: list[RunStatus] = list(RunStatus)


def primary(statuses) -> RunStatus:
    """The status the `status` column shows for a set of statuses (ok when there are none)."""
    present = {RunStatus(s) for s in statuses}
    return next((s for s in ORDER if s in present), RunStatus.OK)


def ordered(statuses) -> list[RunStatus]:
    """The statuses that apply, most important first, without ok when another applies."""
    present = {RunStatus(s) for s in statuses}
    out = [s for s in ORDER if s in present and s is not RunStatus.OK]
    return out or [RunStatus.OK]


TIME_LIMITS = {RunStatus.CELL_TIMEOUT, RunStatus.NOTEBOOK_TIMEOUT}


__all__ = ["ORDER", "RunStatus", "StatusWords", "TIME_LIMITS", "WORDS", "ordered", "primary"]
