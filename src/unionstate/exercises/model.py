"""What an exercise is, and the one registry that holds them all.

Each lesson declares its auto-checked exercises, quizzes and free-text
reflections in src/unionstate/exercises/lessonNN.py. Notebooks refer to them
by id ("02.union_share"); nbgrader cell metadata is derived from them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .checkers import Checker, ChoiceCheck

PLACEHOLDER = "*Write your answer here, in place of this line.*"  # a written answer's cell in the student copy
ID_PATTERN = re.compile(r"(?P<lesson>\d{2})\.(?P<name>[a-z][a-z0-9_]*)")


GRADE_ID_PATTERN = re.compile(r"(?P<kind>ex|quiz|refl)(?P<lesson>\d{2})_(?P<name>[a-z][a-z0-9_]*?)(?P<answer>_answer)?")
GRADE_ID_KINDS = {"ex": "exercise", "quiz": "quiz", "refl": "reflection"}


def _grade_id(prefix: str, exercise_id: str) -> str:
    m = ID_PATTERN.fullmatch(exercise_id)
    if not m:
        raise ValueError(f"Exercise id {exercise_id!r} must look like '02.union_share' (lesson number, dot, snake_case name).")
    return f"{prefix}{m['lesson']}_{m['name']}"


def parse_grade_id(grade_id: str) -> tuple[str, str, bool] | None:
    """The inverse of the grade ids built here: 'ex02_union_share_answer' -> ('exercise', '02.union_share', True).

    None for a grade id the kit did not write. (An item whose own name ends in '_answer' cannot be
    told from its answer cell, so register() refuses such names.)"""
    m = GRADE_ID_PATTERN.fullmatch(grade_id or "")
    if not m:
        return None
    return GRADE_ID_KINDS[m["kind"]], f"{m['lesson']}.{m['name']}", bool(m["answer"])


@dataclass
class Exercise:
    """An auto-checked exercise: the student stores an answer in a variable, check() judges it."""

    id: str
    title: str
    task: str
    answer: str  # the variable the student fills in
    checker: "Checker"
    hints: list[str]
    points: int = 1
    success: str = ""  # said after "Correct." (context, what the result means)
    core: bool = True  # False: part of a "Going further" section (an extension), not the lesson's core path
    # Source tables the task asks the student to read, so they may show the answer before it is given:
    # a snippet of the showing cell's code -> why it is shown (tests/test_no_giveaway.py prints these).
    reads_from: dict[str, str] = field(default_factory=dict)

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    @property
    def kind(self) -> str:
        return self.checker.kind

    @property
    def grade_id(self) -> str:
        return _grade_id("ex", self.id)

    @property
    def answer_grade_id(self) -> str:
        return self.grade_id + "_answer"


@dataclass
class Quiz:
    """A multiple-choice question answered by clicking (a widget); the answer is recorded in the notebook."""

    id: str
    title: str
    question: str
    options: dict[str, str]  # letter -> option text
    answer: str  # the correct letter
    explanations: dict[str, str]  # letter -> why this option is right or wrong
    points: int = 1
    core: bool = True

    kind = "quiz"

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    @property
    def checker(self) -> "ChoiceCheck":
        """The same checker a choice exercise has: judges the clicked letter (records.judge)."""
        from .checkers import ChoiceCheck

        return ChoiceCheck(options=self.options, answer=self.answer, explanations=self.explanations)

    @property
    def grade_id(self) -> str:
        return _grade_id("quiz", self.id)


@dataclass
class Reflection:
    """A free-text answer in a Markdown cell, graded by a person with the rubric in the lesson plan."""

    id: str
    title: str
    prompt: str
    points: int
    rubric: list[tuple[str, int]] = field(default_factory=list)  # (criterion, points)
    placeholder: str = PLACEHOLDER
    words: str = "150-250"
    core: bool = True

    kind = "reflection"

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    @property
    def grade_id(self) -> str:
        return _grade_id("refl", self.id)


Item = Exercise | Quiz | Reflection

_REGISTRY: dict[str, Item] = {}
_loaded = False


def register(*items: Item) -> None:
    """Called by the lesson modules; ids must be unique across the kit."""
    for item in items:
        _grade_id("x", item.id)  # validates the id's form
        if item.id.endswith("_answer"):
            raise ValueError(f"Exercise id {item.id!r}: names ending in '_answer' are reserved for answer cells.")
        if item.id in _REGISTRY and _REGISTRY[item.id] is not item:
            raise ValueError(f"Exercise id {item.id!r} is registered twice.")
        _REGISTRY[item.id] = item


def _load_lessons() -> None:
    global _loaded
    if _loaded:
        return
    from . import __path__ as pkg_path

    for info in sorted(pkgutil.iter_modules(pkg_path), key=lambda i: i.name):
        if info.name.startswith("lesson"):
            importlib.import_module(f"{__package__}.{info.name}")
    _loaded = True


def registry() -> dict[str, Item]:
    """Every exercise, quiz and reflection of the kit, by id."""
    _load_lessons()
    return dict(_REGISTRY)


def get(item_id: str) -> Item:
    _load_lessons()
    return _REGISTRY[item_id]


def for_lesson(lesson: str) -> list[Item]:
    """Items of one lesson ('02'), in the order they were registered."""
    _load_lessons()
    return [item for item in _REGISTRY.values() if item.lesson == lesson]


def by_grade_id() -> dict[str, Item]:
    _load_lessons()
    return {item.grade_id: item for item in _REGISTRY.values()}
