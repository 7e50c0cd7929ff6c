"""Lessons for the hub tests: a copy of masters, an instructor's update to one of them, a student's answer.

Shared by the hub tests and benchmarks/hub_capacity.py. The answer is the master's own solution
(read with the browser tests' helpers), so it stays right whatever the lesson's data say.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat

from unionstate import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from typed_answers import solution_cell, with_solution  # noqa: E402

LESSON = "00-start-here.ipynb"
ANSWER_ID = "ex00_days_between_answer"  # the answer cell of exercise 00.days_between
UPDATE_NOTE = "Update for the hub test: this sentence was added after the lessons were handed out."


def copy_masters(folder: Path, names: list[str] | None = None) -> Path:
    """A snapshot of the masters (all, or the named ones): others edit them while tests run."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or [p.name for p in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]:
        shutil.copy2(paths.NOTEBOOKS / name, folder / name)
    return folder


def update_lesson(masters: Path, name: str = LESSON) -> None:
    """The instructor's update: a sentence added to the lesson's first Markdown cell."""
    nb = nbformat.read(masters / name, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source = cell.source.rstrip("\n") + "\n\n" + UPDATE_NOTE
    nbformat.write(nb, masters / name)


def the_answer(masters: Path = paths.NOTEBOOKS) -> str:
    """The answer cell's text as a student who got it right writes it."""
    return with_solution(solution_cell(LESSON, ANSWER_ID, masters))


def answer_in(nb: dict | nbformat.NotebookNode) -> str:
    """The source of the answer cell in a notebook (JSON as read from disk or the Contents API)."""
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == ANSWER_ID:
            src = cell["source"]
            return "".join(src) if isinstance(src, list) else src
    raise AssertionError(f"no cell with grade_id {ANSWER_ID}")


def answered(nb: nbformat.NotebookNode, answer: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == ANSWER_ID:
            cell.source = answer
            return nb
    raise AssertionError(f"no cell with grade_id {ANSWER_ID}")


def has_update(nb: dict | nbformat.NotebookNode) -> bool:
    return any(UPDATE_NOTE in ("".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in nb["cells"])
