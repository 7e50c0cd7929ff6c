"""What the check test types into an answer cell: a wrong answer, a wrong kind of answer, the solution.

The solution is read from the master notebook (the lines between the nbgrader
solution markers), in the copy of the masters the workspace was made from;
wrong answers are chosen from the exercise's own checker in the registry, so
they stay wrong whatever the lesson's data say.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from unionstate import paths
from unionstate.exercises.checkers import BooleanCheck, ChoiceCheck, NumberCheck
from unionstate.exercises.model import Exercise, by_grade_id

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# Checkers whose answer is one value: the kind of exercise the test prefers (a number, a letter, yes/no).
VALUE_CHECKERS = (NumberCheck, ChoiceCheck, BooleanCheck)


@dataclass
class TypedAnswers:
    exercise: Exercise
    answer_grade_id: str
    wrong: str  # the answer cell's text with a wrong value
    wrong_kind: str  # ... with a value of the wrong type (text for a number, a number for a letter)
    right: str  # ... with the master's solution


def master_cells(name: str, masters: Path = paths.NOTEBOOKS) -> list[dict]:
    return json.loads((masters / name).read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def solution_cell(name: str, answer_grade_id: str, masters: Path = paths.NOTEBOOKS) -> str:
    for cell in master_cells(name, masters):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == answer_grade_id:
            return _source(cell)
    raise AssertionError(f"the master notebooks/{name} has no cell with grade_id {answer_grade_id!r}")


def with_solution(source: str) -> str:
    """The answer cell as a student who found the solution writes it: the markers' lines go, the rest stays."""
    return "\n".join(line for line in source.split("\n") if line.strip() not in (BEGIN, END))


def with_value(source: str, variable: str, literal: str) -> str:
    """The answer cell with the (first) solution block replaced by `variable = literal`."""
    lines = source.split("\n")
    begin = next(i for i, line in enumerate(lines) if line.strip() == BEGIN)
    end = next(i for i, line in enumerate(lines) if line.strip() == END and i > begin)
    indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
    kept = [line for line in lines[:begin] + [f"{indent}{variable} = {literal}"] + lines[end + 1 :] if line.strip() not in (BEGIN, END)]
    return "\n".join(kept)


def _is(exercise: Exercise, literal: str, status: str) -> bool:
    """Whether the registry judges this literal value as `status` (it picks wrong answers; the browser must show the verdict)."""
    from unionstate.exercises import evaluate

    return evaluate(exercise, eval(literal)).status == status  # noqa: S307 - our own literals


def wrong_literals(exercise: Exercise) -> tuple[str, str]:
    """(a wrong value, a value of the wrong type) for an exercise, as Python source."""
    checker = exercise.checker
    if isinstance(checker, NumberCheck):
        value = checker.value
        far = 1000 + 10 * abs(value)  # far outside any tolerance, and not a fraction/percentage mix-up
        wrong = str(int(round(value + far))) if checker.integer else repr(round(value + far, 1))
        wrong_kind = repr(wrong)  # the same number in quotes: text, not a number
    elif isinstance(checker, ChoiceCheck):
        expected = set(checker.answer) if checker.multi else {checker.answer}
        wrong = repr(next(letter for letter in checker.options if letter not in expected))
        wrong_kind = "42"  # a number for a letter
    elif isinstance(checker, BooleanCheck):
        wrong = repr(not checker.value)
        wrong_kind = repr("yes")  # the word in quotes
    else:  # tables, series, functions, charts: any wrong value is also the wrong kind
        wrong, wrong_kind = "None", repr("my answer")
    if not (_is(exercise, wrong, "incorrect") or _is(exercise, wrong, "invalid")):
        raise AssertionError(f"{exercise.id}: the registry does not judge {wrong} wrong; the test needs another wrong value")
    if not _is(exercise, wrong_kind, "invalid"):
        raise AssertionError(f"{exercise.id}: the registry does not judge {wrong_kind} a wrong kind of answer")
    return wrong, wrong_kind


def answers_for(name: str, answer_grade_ids: list[str], masters: Path = paths.NOTEBOOKS) -> TypedAnswers:
    """Typed answers for one exercise of a notebook, preferring one whose answer is a single value."""
    exercises = by_grade_id()
    candidates = [(gid, exercises.get(gid.removesuffix("_answer"))) for gid in answer_grade_ids]
    candidates = [(gid, ex) for gid, ex in candidates if isinstance(ex, Exercise)]
    if not candidates:
        raise AssertionError(f"{name} has no auto-checked exercise (no answer cell with a registered grade_id)")
    candidates.sort(key=lambda pair: not isinstance(pair[1].checker, VALUE_CHECKERS))
    gid, exercise = candidates[0]
    master = solution_cell(name, gid, masters)
    wrong, wrong_kind = wrong_literals(exercise)
    return TypedAnswers(
        exercise=exercise,
        answer_grade_id=gid,
        wrong=with_value(master, exercise.answer, wrong),
        wrong_kind=with_value(master, exercise.answer, wrong_kind),
        right=with_solution(master),
    )
