"""Tools for lesson authors: keep a master notebook consistent with the registry.

    python3 kit.py build notebooks/02-public-opinion.ipynb

1. finds the exercise, quiz and reflection cells by their content:
   - a code cell calling check("NN.name") is the exercise's check cell;
   - the code cell with ### BEGIN SOLUTION before it is its answer cell;
   - a code cell calling quiz("NN.name") is a quiz cell;
   - a Markdown cell whose first line is <!-- answer: NN.name --> is a reflection's answer cell;
2. writes their nbgrader metadata (grade_id, points, flags) from the registry,
   so points live in one place;
3. checks every registered item of the lesson is in the notebook exactly once;
4. runs the notebook in strict mode and stores the fresh outputs (nbval
   compares them in the test suite, so a changed CSV shows up as a diff).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import nbformat

from .exercises.model import Exercise, Quiz, Reflection, for_lesson, registry
from .release import assigned_names

CHECK_CALL = re.compile(r"""\bcheck(?:_hidden)?\(\s*["'](\d\d\.[a-z][a-z0-9_]*)["']""")
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["'](\d\d\.[a-z][a-z0-9_]*)["']""")
ANSWER_MARK = re.compile(r"<!--\s*answer:\s*(\d\d\.[a-z][a-z0-9_]*)\s*-->")
SCHEMA_VERSION = 3


class AuthoringError(ValueError):
    """The master notebook and the registry disagree."""


def _meta(**kw) -> dict:
    return {"schema_version": SCHEMA_VERSION, **kw}


def lesson_of(path: Path) -> str:
    m = re.match(r"(\d\d)-", path.name)
    if not m:
        raise AuthoringError(f"{path.name}: master notebooks are named NN-slug.ipynb.")
    return m.group(1)


def sync_metadata(nb: nbformat.NotebookNode, lesson: str, name: str) -> list[str]:
    """Write nbgrader metadata for every exercise cell; returns problems found (empty if consistent)."""
    items = registry()
    problems: list[str] = []
    seen: dict[str, list[str]] = {}
    pending_answer = None
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index + 1}"
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "markdown":
            m = ANSWER_MARK.search(cell.source.split("\n", 1)[0])
            if m:
                item = items.get(m.group(1))
                if not isinstance(item, Reflection):
                    problems.append(f"{where}: <!-- answer: {m.group(1)} --> names no registered reflection.")
                    continue
                cell.metadata["nbgrader"] = _meta(grade=True, solution=True, locked=False, task=False, points=item.points, grade_id=item.grade_id)
                seen.setdefault(item.id, []).append("answer")
            continue
        if cell.cell_type != "code":
            continue
        checks = CHECK_CALL.findall(cell.source)
        quizzes = QUIZ_CALL.findall(cell.source)
        if "### BEGIN SOLUTION" in cell.source:
            pending_answer = cell
            continue
        if checks:
            ids = sorted(set(checks))
            if len(ids) > 1:
                problems.append(f"{where}: one check cell checks {', '.join(ids)}; give each exercise its own cell.")
                continue
            item = items.get(ids[0])
            if not isinstance(item, Exercise):
                problems.append(f"{where}: check({ids[0]!r}) names no registered exercise.")
                continue
            cell.metadata["nbgrader"] = _meta(grade=True, solution=False, locked=True, points=item.points, grade_id=item.grade_id)
            seen.setdefault(item.id, []).append("check")
            if pending_answer is None:
                problems.append(f"{where}: the check of {item.id} has no answer cell (### BEGIN SOLUTION) before it.")
            else:
                pending_answer.metadata["nbgrader"] = _meta(grade=False, solution=True, locked=False, grade_id=item.answer_grade_id)
                if not sets_name(pending_answer.source, item.answer):
                    problems.append(f"{where}: the answer cell of {item.id} never sets `{item.answer}`.")
                seen[item.id].append("answer")
                pending_answer = None
        elif quizzes:
            for qid in quizzes:
                item = items.get(qid)
                if not isinstance(item, Quiz):
                    problems.append(f"{where}: quiz({qid!r}) names no registered quiz.")
                    continue
                cell.metadata["nbgrader"] = _meta(grade=False, solution=False, locked=True, grade_id=item.grade_id)
                seen.setdefault(item.id, []).append("quiz")
    if pending_answer is not None:
        problems.append(f"{name}: a cell with ### BEGIN SOLUTION is not followed by a check cell.")
    for item in for_lesson(lesson):
        got = seen.get(item.id, [])
        want = {"exercise": ["check", "answer"], "quiz": ["quiz"], "reflection": ["answer"]}[
            "exercise" if isinstance(item, Exercise) else item.kind
        ]
        if sorted(got) != sorted(want):
            problems.append(f"{name}: {item.id} should appear once ({' + '.join(want)}); found {got or 'nothing'}.")
    for item_id in seen:
        if not item_id.startswith(lesson + "."):
            problems.append(f"{name}: {item_id} belongs to another lesson.")
    nb.metadata["unionstate"] = {"lesson": lesson, "role": "master"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return problems


def sets_name(source: str, name: str) -> bool:
    """Whether a cell assigns (or defines) a top-level name."""
    return name in assigned_names(source) or re.search(rf"^def\s+{re.escape(name)}\b", source, re.M) is not None


def run_strict(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 180) -> None:
    """Run the notebook in strict mode, in place (outputs stored). Only the kernel is strict, not this process."""
    from nbclient import NotebookClient

    # No per-cell timestamps: they would change every stored notebook on every build (and every merge).
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(cwd)}})
    client.execute(env={**os.environ, "UNIONSTATE_STRICT": "1"})


def build_notebook(path: Path, *, execute: bool = True) -> list[str]:
    """Sync metadata, check consistency, run and store outputs. Returns messages; raises AuthoringError on problems."""
    nb = nbformat.read(path, as_version=4)
    lesson = lesson_of(path)
    problems = sync_metadata(nb, lesson, path.name)
    if problems:
        raise AuthoringError("\n".join(problems))
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    changes, nb = nbformat.validator.normalize(nb)  # adds missing cell ids
    nb = nbformat.from_dict(nb)
    messages = [f"{path.name}: metadata in sync with the registry ({len(for_lesson(lesson))} items)."]
    if execute:
        for cell in nb.cells:
            cell.metadata.pop("execution", None)  # timestamps of an earlier build
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        try:
            run_strict(nb, path.parent)
        except Exception as exc:
            raise AuthoringError(f"{path.name}: running the notebook in strict mode failed:\n{exc}") from None
        messages.append(f"{path.name}: ran in strict mode; outputs stored.")
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return messages


# --- the answer key -----------------------------------------------------------------------

KEY_COLUMNS = ["id", "kind", "points", "case", "hidden", "expected", "tolerance"]


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "None"
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.4f}" if abs(value) < 1 else f"{value:.2f}"


def _fmt_arg(arg) -> str:
    from .exercises.checkers import Data

    if isinstance(arg, Data):
        return arg.name
    if hasattr(arg, "tolist") and not isinstance(arg, (int, float)):  # a pandas Series or numpy array
        return f"{type(arg).__name__} {arg.tolist()}"
    return repr(arg)


def _fmt_record(record: dict) -> str:
    """A reference result in words, for the instructor (values shown, unlike student feedback)."""
    kind = record.get("type")
    if kind == "number":
        return _fmt_number(record.get("value"))
    if kind == "none":
        return "None"
    if kind in ("string", "bool"):
        return str(record.get("value"))
    if kind == "frame":
        rows, cols = record["shape"]
        if cols <= 3 and 0 < rows <= 12 and record.get("rows"):
            return "; ".join(": ".join(_fmt_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v) for v in row) for row in record["rows"])
        return f"a table of {rows} row{'s' if rows != 1 else ''} ({', '.join(map(str, record['columns']))})"
    if kind == "series":
        return ", ".join(f"{i}: {_fmt_number(v) if isinstance(v, (int, float)) else v}" for i, v in zip(record["index"], record["values"]))
    if kind in ("list", "array"):
        values = [i.get("value") for i in record["items"]] if kind == "list" else record["values"]
        return "[" + ", ".join(_fmt_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v) for v in values) + "]"
    from .exercises.answers import describe_type

    return describe_type(record)


def _fmt_x(x) -> str:
    text = str(x)
    return text[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d[T ]00:00:00", text) else text


def _key_rows(item) -> list[dict]:
    from .exercises import checkers as ck

    base = {"id": item.id, "points": item.points, "case": "", "hidden": False, "tolerance": None}
    if isinstance(item, Quiz):
        return [{**base, "kind": "quiz", "expected": item.answer}]
    if isinstance(item, Reflection):
        return [{**base, "kind": "reflection", "expected": "written answer: rubric in the lesson plan"}]
    checker = item.checker
    base["kind"] = item.kind
    if isinstance(checker, ck.NumberCheck):
        return [{**base, "expected": _fmt_number(checker.value), "tolerance": checker.tolerance}]
    if isinstance(checker, ck.ChoiceCheck):
        letters = sorted(checker.answer) if checker.multi else [checker.answer]
        return [{**base, "expected": ", ".join(letters)}]
    if isinstance(checker, ck.BooleanCheck):
        return [{**base, "expected": str(checker.value)}]
    if isinstance(checker, ck.FunctionCheck):
        rows = []
        for i, case in enumerate(checker.cases):
            call = case.shows or f"{item.answer}({', '.join([_fmt_arg(a) for a in case.args] + [f'{k}={_fmt_arg(v)}' for k, v in case.kwargs.items()])})"
            rows.append({**base, "case": call, "hidden": case.hidden, "expected": _fmt_record(checker._expected[i]), "tolerance": checker.tolerance})
        return rows
    if isinstance(checker, (ck.SeriesCheck, ck.TableCheck)):
        return [{**base, "expected": _fmt_record(checker.want), "tolerance": checker.tolerance}]
    if isinstance(checker, ck.ChartCheck):
        rows = []
        for series in checker.want:
            points = ", ".join(f"{_fmt_x(x)}: {_fmt_number(y) if y is not None else 'None'}" for x, y in zip(series.x, series.y))
            rows.append({**base, "case": series.label or f"{checker.mark}s", "expected": f"{len(series.x)} points ({points})", "tolerance": checker.tolerance})
        return rows
    return [{**base, "expected": ", ".join(checker.expected_forms()[:3])}]


@functools.lru_cache(maxsize=1)
def _answer_key_class():
    import pandas as pd

    class AnswerKey(pd.DataFrame):
        """A DataFrame that shows its text in full (an answer key cut off at 50 characters is no key)."""

        @property
        def _constructor(self):
            return AnswerKey

        def _repr_html_(self):
            with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
                return super()._repr_html_()

        def __repr__(self):
            with pd.option_context("display.max_colwidth", None, "display.max_rows", None, "display.max_columns", None, "display.width", 250):
                return super().__repr__()

    return AnswerKey


def answer_key(lesson: str):
    """The expected result of every item of a lesson, computed now from the registry (and so from data/).

    One row per exercise, quiz and reflection; a function exercise has one row per test case (with
    the reference result and whether the case is hidden), a chart one row per expected series.
    Instructor-only: it shows what student feedback never shows."""
    import pandas as pd

    rows = [row for item in for_lesson(lesson) for row in _key_rows(item)]
    if not rows:
        raise AuthoringError(f"Lesson {lesson!r} has no registered items.")
    frame = pd.DataFrame(rows, columns=KEY_COLUMNS)
    frame["tolerance"] = frame["tolerance"].astype(object).where(frame["tolerance"].notna(), "")
    return _answer_key_class()(frame)
