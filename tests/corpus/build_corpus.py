"""Build the grading corpus: sample submissions per lesson, with the scores they must get.

    python tests/corpus/build_corpus.py            # every lesson
    python tests/corpus/build_corpus.py 02 03      # some lessons

Each lesson's folder gets notebooks made from its student version (as a student would receive it),
filled in differently, and expected.csv. The expected points are derived here from the registry's
points and the way each submission was made, not by running the grader; the expected status is the
run status (grading/statuses.py) the way it was made must give.

tests/corpus/kill/ holds the kill path, on lesson 00 only (tests/test_grading_kill.py grades it at short
limits): loops that ignore the cell limit or every signal they can, and a memory bomb, beside a
correct notebook. The lesson folders keep one endless loop in a cell (loop_in_a_cell), which the
cell limit stops.

Run it again when a master notebook or the registry changes (tests/test_grading_corpus.py will say so).
"""

from __future__ import annotations

import copy
import csv
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from unionstate.exercises.model import Exercise, Quiz, Reflection, for_lesson  # noqa: E402
from unionstate.release import master_notebooks, read_master, release_notebook  # noqa: E402
from unionstate.widgets.quizzes import ANSWER_MIME  # noqa: E402

HERE = Path(__file__).resolve().parent

UNSTOPPABLE = """while True:
    try:
        while True:
            pass
    except BaseException:
        pass"""


def _answer_cells(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata.get("nbgrader", {}).get("grade_id", ""): c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def _quiz_output(quiz_id: str, letter: str) -> dict:
    return nbformat.v4.new_output("display_data", data={"text/plain": f"Recorded answer for quiz {quiz_id}: {letter}", ANSWER_MIME: {"quiz": quiz_id, "answer": letter}})


class Builder:
    def __init__(self, master_path: Path):
        self.name = master_path.name
        self.lesson = master_path.name[:2]
        self.master = read_master(master_path)
        self.student = release_notebook(self.master, name=master_path.name)
        items = for_lesson(self.lesson)
        self.exercises = [i for i in items if isinstance(i, Exercise)]
        self.quizzes = [i for i in items if isinstance(i, Quiz)]
        self.reflections = [i for i in items if isinstance(i, Reflection)]
        self.solutions = {gid: c.source for gid, c in _answer_cells(self.master).items() if gid.endswith("_answer")}

    def fresh(self):
        return copy.deepcopy(self.student)

    def answer(self, nb, exercise: Exercise, source: str | None = None) -> None:
        cell = _answer_cells(nb)[exercise.answer_grade_id]
        cell.source = self.solutions[exercise.answer_grade_id] if source is None else source

    def quiz(self, nb, quiz: Quiz, letter: str) -> None:
        cell = _answer_cells(nb)[quiz.grade_id]
        cell.outputs = [_quiz_output(quiz.id, letter)]
        cell.execution_count = 1

    def write_reflections(self, nb) -> None:
        for r in self.reflections:
            _answer_cells(nb)[r.grade_id].source = f"My reflection on {r.title}: the sources disagree, and here is why I weigh them as I do."

    def full(self):
        nb = self.fresh()
        for ex in self.exercises:
            self.answer(nb, ex)
        for q in self.quizzes:
            self.quiz(nb, q, q.answer)
        self.write_reflections(nb)
        return nb

    def wrong_letter(self, q: Quiz) -> str:
        return next(letter for letter in q.options if letter != q.answer)

    def wrong_value_source(self, ex: Exercise) -> str:
        return f"{ex.answer} = -987.6"

    def before_first_answer(self, nb) -> int:
        """Where a hostile cell goes: after the imports, just before the first answer cell."""
        return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))


def _writer(out: Path):
    """An emptied corpus folder, and save(): writes a submission and records its expected row."""
    out.mkdir(exist_ok=True)
    for old in out.glob("*.ipynb"):
        old.unlink()
    expected: list[dict] = []

    def save(student: str, nb, status: str, auto: float, quiz: float, why: str) -> None:
        nbformat.write(nb, out / f"{student}.ipynb")
        expected.append({"student": student, "status": status, "auto_points": f"{auto:g}", "quiz_points": f"{quiz:g}", "why": why})

    return save, expected


def build_lesson(master_path: Path) -> list[dict]:
    b = Builder(master_path)
    out = HERE / b.lesson
    save, expected = _writer(out)
    ex_points = [e.points for e in b.exercises]
    full_auto, full_quiz = sum(ex_points), sum(q.points for q in b.quizzes)

    save("full_marks", b.full(), "ok", full_auto, full_quiz, "every answer from the master, every quiz right")

    nb = b.fresh()
    half = (len(b.exercises) + 1) // 2
    for ex in b.exercises[:half]:
        b.answer(nb, ex)
    for n, q in enumerate(b.quizzes):
        b.quiz(nb, q, q.answer if n == 0 else b.wrong_letter(q))
    save("half", nb, "ok", sum(ex_points[:half]), b.quizzes[0].points if b.quizzes else 0, "first half answered, first quiz right")

    save("empty", b.fresh(), "ok", 0, 0, "the student version as released")

    nb = b.fresh()
    for ex in b.exercises:
        b.answer(nb, ex, f'{ex.answer} = "twelve"' if ex.kind != "function" else f"{ex.answer} = 5")
    save("wrong_types", nb, "ok", 0, 0, "text for numbers, a number for functions")

    nb = b.full()
    b.answer(nb, b.exercises[0], "while True:\n    pass")
    save("loop_in_a_cell", nb, "cell timeout", full_auto - ex_points[0], full_quiz, "an endless loop in the first answer: the cell is stopped, the rest graded")

    nb = b.full()
    nb.cells.insert(1, nbformat.v4.new_code_cell("hog = bytearray(64 * 1024**3)"))
    save("memory_hog", nb, "memory limit", full_auto, full_quiz, "asks for 64 GB: MemoryError in that cell, everything else graded")

    middle = len(b.exercises) // 2
    nb = b.full()
    b.answer(nb, b.exercises[middle], "import os\nos.kill(os.getpid(), 9)")
    save("kernel_death", nb, "crashed", sum(ex_points[:middle]), full_quiz, "kills its own process in the middle answer")

    nb = b.fresh()
    for ex in b.exercises:
        b.answer(nb, ex, b.wrong_value_source(ex))
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code":
            c.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "Correct.", "text/html": "<b>Correct.</b>"})]
            c.execution_count = 1
    for q in b.quizzes:
        cell = _answer_cells(nb)[q.grade_id]
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={ANSWER_MIME: {"quiz": q.id + "_forged", "answer": q.answer}, "text/plain": "x"}),
            nbformat.v4.new_output("display_data", data={ANSWER_MIME: {"quiz": q.id, "answer": "Z"}, "text/plain": "x"}),
        ]
    save("forged_output", nb, "ok", 0, 0, "wrong answers, 'Correct.' pasted into every check output, forged quiz records")

    nb = b.fresh()
    for ex in b.exercises:
        b.answer(nb, ex, b.wrong_value_source(ex))
    nb.cells.insert(b.before_first_answer(nb), nbformat.v4.new_code_cell("def check(*args, **kwargs):\n    print('Correct.')\ncheck_hidden = check"))
    save("redefined_check", nb, "ok", 0, 0, "wrong answers and a check() that always prints Correct")

    nb = b.fresh()
    for ex in b.exercises:
        b.answer(nb, ex, b.wrong_value_source(ex))
    checks = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    for c in checks[1:]:
        c.source = "pass"
    nb.cells.remove(checks[0])
    nb.cells.insert(
        b.before_first_answer(nb),
        nbformat.v4.new_code_cell(
            "from unionstate.exercises import model, checkers\n"
            "for item in model.registry().values():\n"
            "    item.points = 100\n"
            "    if hasattr(item, 'checker'):\n"
            "        item.checker.expected = lambda: -987.6\n"
            "checkers.NumberCheck.evaluate = lambda self, *a, **k: checkers.Result('correct')\n"
            "model._REGISTRY.clear()"
        ),
    )
    save("edited_cells", nb, "ok", 0, 0, "wrong answers, check cells emptied or deleted, the registry rewritten in the notebook")

    nb = b.full()
    nb.cells.insert(1, nbformat.v4.new_code_cell("for i in range(200000):\n    print('flood', i)"))
    save("output_flood", nb, "output limit", full_auto, full_quiz, "prints 200,000 lines first: that cell is stopped at the output limit, the rest graded")

    text = nbformat.writes(b.full())
    (out / "corrupt.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    expected.append({"student": "corrupt", "status": "invalid", "auto_points": "0", "quiz_points": "0", "why": "cut off in the middle"})
    (out / "not_a_notebook.ipynb").write_text("year,partner,share\n2019,Russia,49\n", encoding="utf-8")
    expected.append({"student": "not_a_notebook", "status": "invalid", "auto_points": "0", "quiz_points": "0", "why": "a CSV file renamed .ipynb"})
    (out / "empty_file.ipynb").write_text("", encoding="utf-8")
    expected.append({"student": "empty_file", "status": "invalid", "auto_points": "0", "quiz_points": "0", "why": "an empty file"})
    (out / "no_cells.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    expected.append({"student": "no_cells", "status": "invalid", "auto_points": "0", "quiz_points": "0", "why": "a notebook without cells"})

    _write_expected(out, expected)
    return expected


def _write_expected(out: Path, expected: list[dict]) -> None:
    with open(out / "expected.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["student", "status", "auto_points", "quiz_points", "why"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(expected, key=lambda r: r["student"]))


IGNORES_SIGNALS = """import signal
for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGALRM", "SIGPROF", "SIGVTALRM", "SIGXCPU", "SIGUSR1"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
while True:
    try:
        while True:
            pass
    except BaseException:
        pass"""

IGNORES_TERM = """import signal
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass"""

MEMORY_BOMB = """blocks = []
while True:
    blocks.append(bytearray(64 * 2**20))"""


def build_kill(master_path: Path) -> list[dict]:
    """Lesson 00's kill path: every way a submission can refuse to stop, beside a correct notebook."""
    b = Builder(master_path)
    out = HERE / "kill"
    save, expected = _writer(out)
    ex_points = [e.points for e in b.exercises]
    full_auto, full_quiz = sum(ex_points), sum(q.points for q in b.quizzes)

    save("full_marks", b.full(), "ok", full_auto, full_quiz, "every answer right, graded beside the rest at the same short limits")
    nb = b.full()
    b.answer(nb, b.exercises[0], "while True:\n    pass")
    save("endless_loop", nb, "cell timeout", full_auto - ex_points[0], full_quiz, "an endless loop in the first answer: the cell limit stops it, the rest graded")
    nb = b.full()
    b.answer(nb, b.exercises[0], IGNORES_TERM)
    save("ignores_sigterm", nb, "cell timeout", full_auto - ex_points[0], full_quiz, "ignores SIGTERM and SIGINT and loops in the first answer: the cell limit stops it")
    nb = b.full()
    b.answer(nb, b.exercises[-1], UNSTOPPABLE)
    save("unstoppable_loop", nb, "notebook timeout", full_auto - ex_points[-1], full_quiz, "a loop that swallows the cell limit's exception, in the last answer: killed at the notebook limit")
    nb = b.full()
    b.answer(nb, b.exercises[-1], IGNORES_SIGNALS)
    save("ignores_signals", nb, "notebook timeout", full_auto - ex_points[-1], full_quiz, "ignores every signal it may and swallows exceptions, in the last answer: killed at the notebook limit")
    nb = b.full()
    nb.cells.insert(1, nbformat.v4.new_code_cell(MEMORY_BOMB))
    save("memory_bomb", nb, "memory limit", full_auto, full_quiz, "allocates 64 MB blocks until the memory limit stops that cell; the rest graded")
    _write_expected(out, expected)
    return expected


def main(argv: list[str]) -> int:
    masters = master_notebooks(ROOT / "notebooks")
    chosen = [m for m in masters if not argv or m.name[:2] in argv]
    for master in chosen:
        rows = build_lesson(master)
        print(f"{master.name}: {len(rows)} submissions in tests/corpus/{master.name[:2]}/")
        if master.name.startswith("00-"):
            rows = build_kill(master)
            print(f"{master.name}: {len(rows)} submissions in tests/corpus/kill/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
