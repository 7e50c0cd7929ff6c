"""The exercise engine: what an exercise is, how answers are judged, and the notebook's check().

The package face; the parts live in their own modules:

- model      what an exercise, quiz and reflection is; the one registry (lessonNN.py fill it)
- checkers   how each kind of answer is judged (record where the value lives, evaluate anywhere)
- answers    any Python value -> a JSON-safe answer record
- status     the one status vocabulary, in the student's and the instructor's words
- feedback   the message a check shows; the one feedback box (status_box)
- records    the answer records a notebook carries for the grader (quiz answers, verdicts, reveals)
- session    the kernel runtime: check(), check_hidden(), progress(), hint state, strict mode

In a check cell:

    check("02.union_share")        # looks up the variable the exercise names
"""

from __future__ import annotations

from .feedback import Feedback
from .model import Exercise, Quiz, Reflection, for_lesson, get, registry
from .session import (
    ExerciseNotPassed,
    Notice,
    Progress,
    check,
    check_hidden,
    evaluate,
    progress,
    record_status,
    strict_mode,
)
from .status import Status

__all__ = [
    "Exercise",
    "ExerciseNotPassed",
    "Feedback",
    "Notice",
    "Progress",
    "Quiz",
    "Reflection",
    "Status",
    "check",
    "check_hidden",
    "evaluate",
    "for_lesson",
    "get",
    "progress",
    "record_status",
    "registry",
    "strict_mode",
]
