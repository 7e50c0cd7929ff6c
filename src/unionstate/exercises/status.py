"""The one status vocabulary: what a checked item can be, in the student's and the instructor's words.

Every part of the kit that names a status (check feedback, quizzes, claim cards, progress(),
the grader's gradebook and feedback pages) takes its words and colours from here, so a status
is spelled once. `Status` is a str enum: `Status.CORRECT == "correct"`, and it is written to
JSON and CSV as its plain value.
"""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    UNANSWERED = "unanswered"
    INVALID = "invalid"
    ERROR = "error"
    SAVED = "saved"  # a clicked answer that a person grades (a claim-card verdict)
    TO_GRADE = "to grade"  # a written answer waiting for the instructor
    NOT_REACHED = "not reached"  # the graded notebook stopped before this item
    NOT_GRADED = "not graded"  # the submission could not be graded at all

    def __str__(self) -> str:  # f-strings, csv and print show the plain value on every Python version
        return self.value

    __format__ = str.__format__

    @property
    def headline(self) -> str:
        """The first words of the student's feedback box."""
        return _WORDS[self][0]

    @property
    def symbol(self) -> str:
        return _WORDS[self][1]

    @property
    def plain_word(self) -> str:
        """The student's word for the status ('not yet')."""
        return _WORDS[self][2]

    @property
    def student_word(self) -> str:
        """How progress() names the status, with its symbol ('✗ not yet')."""
        return f"{self.symbol} {self.plain_word}"

    @property
    def instructor_word(self) -> str:
        """How the gradebook's feedback pages and the class overview name the status."""
        return _WORDS[self][3]

    @property
    def colors(self) -> tuple[str, str]:
        """(border and symbol colour, background): AA contrast with the #1a1a1a body text."""
        return _COLORS[_WORDS[self][4]]

    @property
    def passed(self) -> bool:
        return self is Status.CORRECT


_COLORS = {
    "green": ("#0b6e4f", "#e6f4ee"),
    "orange": ("#8a3b00", "#fdf0e6"),
    "grey": ("#444444", "#f2f2f2"),
    "amber": ("#6b4e00", "#fff6d6"),
}

# status: (headline, symbol, student's word, instructor's word, colour)
_WORDS = {
    Status.CORRECT: ("Correct.", "✓", "correct", "passed", "green"),
    Status.INCORRECT: ("Not yet.", "✗", "not yet", "not yet", "orange"),
    Status.UNANSWERED: ("Not answered yet.", "…", "not answered", "not answered", "grey"),
    Status.INVALID: ("Check the kind of answer.", "!", "check the kind of answer", "not yet (wrong kind of answer)", "amber"),
    Status.ERROR: ("Your code raised an error.", "!", "not yet (error)", "not yet (error)", "amber"),
    Status.SAVED: ("Saved.", "✓", "saved", "saved, to be graded by your instructor", "green"),
    Status.TO_GRADE: ("To be graded.", "…", "written answer, graded by your teacher", "to be graded by your instructor", "grey"),
    Status.NOT_REACHED: ("Not reached.", "…", "not reached", "not reached (the notebook stopped earlier)", "grey"),
    Status.NOT_GRADED: ("Not graded.", "…", "not graded", "not graded", "grey"),
}
NOT_RUN_YET = "… not run yet"  # progress(): an item this session has not checked


def as_status(value: str | Status) -> Status:
    """A status from its value ('correct'); unknown words raise ValueError."""
    return value if isinstance(value, Status) else Status(value)


__all__ = ["NOT_RUN_YET", "Status", "as_status"]
