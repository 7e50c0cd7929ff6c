"""Decide the points, in the grader's own process, from the answers the submission's process recorded.

Nothing the notebook printed or displayed counts: only the recorded values, judged by the same
checkers that give students their feedback (with the hidden test cases included).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..exercises.answers import describe_type
from ..exercises.checkers import Result
from ..exercises.feedback import build
from ..exercises.model import Exercise, Quiz, Reflection, for_lesson
from ..exercises.records import judge
from ..exercises.status import Status
from .compose import Plan
from .runner import RunResult

REVEALED_NOTE = "(Revealed: the notebook records that you asked to see this exercise's result before answering it.)"
VALID_RECORD_TYPES = {
    "ellipsis", "none", "bool", "number", "string", "series", "frame", "array", "list", "dict", "chart",
    "function", "other", "missing", "timeout", "timedelta", "datetime",
}


@dataclass
class ItemGrade:
    id: str
    title: str
    kind: str  # exercise, quiz, reflection
    points: float | None  # None: to be graded by a person
    max_points: int
    status: Status  # one of exercises.status.Status
    message: str = ""
    hint: str = ""
    record: dict | None = None  # a wrong answer as recorded (compact_record), for the class report; never shown to students
    answer: str = ""  # quiz letter or written text
    core: bool = True  # False: an item of a "Going further" section
    revealed: bool = False  # the student asked to see its giveaway result before answering (a reveal record)


@dataclass
class GradedSubmission:
    student: str
    file: str
    status: str
    message: str
    items: list[ItemGrade] = field(default_factory=list)
    seconds: float = 0.0
    clicked_notes: str = ""  # e.g. claim-card verdicts, shown beside the written answers

    def _sum(self, kind: str) -> float:
        return sum(i.points or 0 for i in self.items if i.kind == kind)

    @property
    def auto_points(self) -> float:
        return self._sum("exercise")

    @property
    def quiz_points(self) -> float:
        return self._sum("quiz")

    @property
    def manual_points(self) -> float | None:
        manual = [i for i in self.items if i.kind == "reflection"]
        if any(i.points is None for i in manual):
            return None
        return sum(i.points for i in manual)

    @property
    def max_points(self) -> int:
        return sum(i.max_points for i in self.items)

    def _part(self, core: bool) -> float:
        return sum(i.points or 0 for i in self.items if i.core == core)

    @property
    def core_points(self) -> float:
        """Points of the core path (written answers count once graded)."""
        return self._part(True)

    @property
    def extension_points(self) -> float:
        return self._part(False)

    @property
    def revealed(self) -> list[str]:
        return [i.id for i in self.items if i.revealed]


def _valid(record: object) -> bool:
    return isinstance(record, dict) and record.get("type") in VALID_RECORD_TYPES


RECORD_KEEP_CHARS = 4000  # a longer record (a big table, a chart) is kept as its kind and a digest


def compact_record(record: dict) -> dict:
    """The record itself when it is small; else its kind, a short description and a digest (equal answers, equal digests)."""
    text = json.dumps(record, sort_keys=True, default=str)
    if len(text) <= RECORD_KEEP_CHARS:
        return record
    return {"type": record.get("type"), "summary": describe_type(record), "digest": hashlib.sha1(text.encode()).hexdigest()[:16]}


def grade(plan: Plan, run: RunResult | None) -> GradedSubmission:
    lesson = plan.lesson
    if plan.status:
        status, message = plan.status, plan.message
    else:
        status = run.status if run else "crashed"
        message = run.message if run else "The submission was not run."
        if status == "ok" and run.cell_errors:
            shown = "; ".join(run.cell_errors[:3])
            more = f" (and {len(run.cell_errors) - 3} more)" if len(run.cell_errors) > 3 else ""
            message = f"{len(run.cell_errors)} cell(s) stopped with an error: {shown}{more}."
    notes = " ".join(plan.notes)
    out = GradedSubmission(
        plan.student, plan.file, status, " ".join(m for m in (message, notes) if m), seconds=run.seconds if run else 0.0, clicked_notes=plan.clicked_notes
    )
    collected = plan.collect_ids()
    for item in for_lesson(lesson):
        if isinstance(item, Exercise):
            graded = _exercise(item, plan, run, collected)
            if item.id in plan.reveals and not plan.status:
                graded.revealed = True
                graded.message = " ".join(m for m in (graded.message, REVEALED_NOTE) if m)
            out.items.append(graded)
        elif isinstance(item, Quiz):
            letter = plan.quiz_answers.get(item.id)
            state, explanation = judge(item, letter)
            out.items.append(
                ItemGrade(item.id, item.title, "quiz", item.points if state == Status.CORRECT else 0, item.points, state if letter else Status.UNANSWERED,
                          explanation if letter else "No answer was recorded for this quiz.", answer=letter or "")
            )
        elif isinstance(item, Reflection):
            text = plan.reflections.get(item.id, "") if not plan.status else ""
            out.items.append(ItemGrade(item.id, item.title, "reflection", None if text else 0, item.points, Status.TO_GRADE if text else Status.UNANSWERED,
                                       "" if text else "No written answer.", answer=text))
        out.items[-1].core = item.core
    return out


def _exercise(ex: Exercise, plan: Plan, run: RunResult | None, collected: set[str]) -> ItemGrade:
    def item(result: Result, record: dict | None = None) -> ItemGrade:
        fb = build(ex, result, 1)
        hint = fb.hint or (ex.hints[0] if result.status == Status.INVALID and ex.hints else "")  # a first hint helps here too
        kept = compact_record(record) if record is not None and not fb.passed else None
        return ItemGrade(ex.id, ex.title, "exercise", ex.points if fb.passed else 0, ex.points, result.status, fb.message, hint, record=kept)

    if plan.status or run is None:
        return ItemGrade(ex.id, ex.title, "exercise", 0, ex.points, Status.NOT_GRADED, "The notebook could not be graded (see the message above).")
    if ex.id not in run.records:
        if ex.id in collected and run.status != "ok":
            return ItemGrade(ex.id, ex.title, "exercise", 0, ex.points, Status.NOT_REACHED, "The notebook stopped before this exercise.")
        return item(Result(Status.UNANSWERED, f"No answer was found for `{ex.answer}`."))
    record = run.records[ex.id]
    if not _valid(record):
        return item(Result(Status.INVALID, "The answer could not be read."))
    try:
        result = ex.checker.evaluate(record, ex.answer, include_hidden=True)
    except Exception as exc:  # a malformed record must not stop the batch
        result = Result(Status.INVALID, f"The answer could not be checked ({type(exc).__name__}).")
    return item(result, record)


__all__ = ["REVEALED_NOTE", "GradedSubmission", "ItemGrade", "grade"]
