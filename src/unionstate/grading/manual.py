"""Merge the instructor's rubric scores for the written answers into the gradebook.

The grade command writes results.json (every item of every submission) and manual-grading.csv
(the written answers, with empty score and comment columns). After filling those columns:

    python3 kit.py merge-manual grades/

checks every score (a number between 0 and the reflection's points), then writes
gradebook-final.csv and refreshes the feedback pages with the scores and comments. The original
gradebook.csv is left as it was; nothing is written if any score is wrong.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, fields
from pathlib import Path

from .errors import GradingError
from .report import MANUAL_SHEET, atomic_write, feedback_page, gradebook_columns, gradebook_rows, safe_name, write_csv
from .score import GradedSubmission, ItemGrade

RESULTS = "results.json"


def save_results(out: Path, lesson: str, title: str, graded: list[GradedSubmission], extra: dict | None = None) -> None:
    """results.json: every row (for merge-manual) and, in `extra`, what else the run found (integrity, sandbox)."""
    data = {"lesson": lesson, "title": title, "submissions": [asdict(g) for g in graded], **(extra or {})}
    atomic_write(out / RESULTS, json.dumps(data, indent=1, ensure_ascii=False, default=str))


def _known(cls, values: dict):
    """A dataclass from a results.json entry, ignoring keys it does not know (a file written by another version)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def load_results(out: Path) -> tuple[str, str, list[GradedSubmission]]:
    path = out / RESULTS
    if not path.exists():
        raise GradingError(f"{path} is missing: run the grade command with --out {out} first.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graded = [_known(GradedSubmission, {**g, "items": [_known(ItemGrade, i) for i in g["items"]]}) for g in data["submissions"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise GradingError(f"{path} cannot be read ({exc}); run the grade command again.") from None
    return data["lesson"], data["title"], graded


def merge(out: Path) -> tuple[Path, int, int]:
    """Apply the sheet; returns (final gradebook, scores applied, answers still ungraded)."""
    lesson, title, graded = load_results(out)
    sheet = out / MANUAL_SHEET
    if not sheet.exists():
        raise GradingError(f"{sheet} is missing: it is written by the grade command.")
    try:
        with open(sheet, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise GradingError(f"{sheet} cannot be read as CSV ({exc}). Save it as CSV (UTF-8) from your spreadsheet.") from None
    if rows and not {"student", "reflection", "score"} <= set(rows[0]):
        raise GradingError(f"{sheet} lacks the columns student, reflection and score. Keep the columns the grade command wrote.")
    by_student = {g.student: g for g in graded}
    problems, applied, pending = [], 0, 0
    updates: list[tuple[ItemGrade, float, str]] = []
    for line, row in enumerate(rows, start=2):
        student, refl = (row.get("student") or "").strip(), (row.get("reflection") or "").strip()
        g = by_student.get(student)
        if g is None:
            problems.append(f"line {line}: unknown student {student!r}")
            continue
        item = next((i for i in g.items if i.id == refl and i.kind == "reflection"), None)
        if item is None:
            problems.append(f"line {line}: {refl!r} is not a written answer of lesson {lesson}")
            continue
        text = (row.get("score") or "").strip().replace(",", ".")
        if not text:
            pending += 1
            continue
        try:
            score = float(text)
        except ValueError:
            problems.append(f"line {line} ({student}, {refl}): the score {text!r} is not a number")
            continue
        if not 0 <= score <= item.max_points:
            problems.append(f"line {line} ({student}, {refl}): the score {score:g} is outside 0 to {item.max_points}")
            continue
        updates.append((item, score, (row.get("comment") or "").strip()))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise GradingError(f"Nothing was merged, because {sheet.name} has problems: {shown}. Fix them and run merge-manual again.")
    for item, score, comment in updates:
        item.points, item.status, item.message = score, "graded", comment or "Graded by your instructor."
        applied += 1
    final = out / "gradebook-final.csv"
    write_csv(final, gradebook_columns(lesson), gradebook_rows(lesson, graded))
    for g in graded:
        atomic_write(out / "feedback" / f"{safe_name(g.student)}.html", feedback_page(lesson, title, g))
    save_results(out, lesson, title, graded)
    return final, applied, pending
