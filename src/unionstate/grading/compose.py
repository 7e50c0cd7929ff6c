"""Turn a submitted notebook into a run plan.

The plan follows the master notebook's order. It runs:
- the student's answer cells (matched by nbgrader grade_id, else by cell id); a missing answer cell is
  replaced by the student stub, so the rest still runs and the exercise counts as unanswered;
- the student's version of every other code cell the master has (a deleted one is restored from the master);
- cells the student added, after the cell they followed.
It never runs check cells or quiz cells: points are decided outside the student's process, so editing,
deleting or redefining checks changes nothing. After each answer cell the runner records the answer
variable; hidden test cases run then, at grading time only.

Quiz answers and reveal records are read from the submission's saved outputs (exercises.records); written
answers from its Markdown cells.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..exercises.model import Exercise, Quiz, Reflection, by_grade_id, parse_grade_id
from ..exercises.records import claim_verdicts, quiz_answers, reveals
from ..release import read_master, release_notebook


@dataclass
class PlanCell:
    source: str
    origin: str  # "student", "master" (restored), "stub" (answer missing), "added" (student's own cell)
    label: str  # how messages refer to it: "cell 7"


@dataclass
class Plan:
    student: str
    file: str
    lesson: str
    cells: list[PlanCell] = field(default_factory=list)
    collect_after: dict[int, list[str]] = field(default_factory=dict)  # plan index -> exercise ids
    quiz_answers: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    clicked_notes: str = ""  # other answers recorded by widgets (claim-card verdicts), for the person grading
    reveals: dict[str, str] = field(default_factory=dict)  # exercises whose result the student asked to see first (records.reveals)
    notes: list[str] = field(default_factory=list)
    status: str = ""  # set when the file cannot be graded: "invalid" or "wrong_lesson"
    message: str = ""

    def collect_ids(self) -> set[str]:
        return {e for ids in self.collect_after.values() for e in ids}


@dataclass
class MasterCell:
    id: str
    kind: str  # "answer", "check", "quiz", "reflection", "plain", "markdown"
    source: str
    stub: str
    item_id: str = ""
    grade_id: str = ""


@lru_cache(maxsize=16)
def master_layout(master_path: str) -> tuple[MasterCell, ...]:
    """The master's cells with their roles, and the student stub of each answer cell."""
    path = Path(master_path)
    master = read_master(path)
    student = release_notebook(master, name=path.name)
    stubs = {c.id: c.source for c in student.cells}
    items = by_grade_id()
    layout = []
    for cell in master.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id", "")
        item = items.get(gid.removesuffix("_answer")) if gid else None
        if cell.cell_type == "markdown":
            kind = "reflection" if isinstance(item, Reflection) and meta.get("solution") else "markdown"
        elif meta.get("solution") and isinstance(item, Exercise):
            kind = "answer"
        elif meta.get("grade") and isinstance(item, Exercise):
            kind = "check"
        elif isinstance(item, Quiz):
            kind = "quiz"
        else:
            kind = "plain"
        layout.append(MasterCell(cell.id, kind, cell.source, stubs.get(cell.id, cell.source), item.id if item else "", gid))
    return tuple(layout)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def parse_submission(data: bytes) -> tuple[dict | None, str]:
    """The notebook as a dict, or None and a plain reason."""
    if not data.strip():
        return None, "The file is empty."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "The file is not a text file, so it is not a notebook (was another file uploaded?)."
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"The file is not valid notebook JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). It may have been cut off or edited outside Jupyter."
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "The file is JSON but not a Jupyter notebook (it has no list of cells)."
    if not nb["cells"]:
        return None, "The notebook has no cells."
    if not all(isinstance(c, dict) and "cell_type" in c for c in nb["cells"]):
        return None, "The notebook's cells are damaged (a cell has no type)."
    return nb, ""


def _lessons_named(nb: dict) -> set[str]:
    """Lessons a submission's grade ids belong to (ex02_x -> 02)."""
    out = set()
    for cell in nb["cells"]:
        parsed = parse_grade_id(str((cell.get("metadata") or {}).get("nbgrader", {}).get("grade_id", "")))
        if parsed:
            out.add(parsed[1][:2])
    return out


def clicked_notes(nb: dict) -> str:
    """Verdicts recorded on claim cards (lesson 05, read by exercises.records), as text for the manual-grading sheet."""
    parts = []
    for claim, v in sorted(claim_verdicts(nb).items()):
        if isinstance(v, dict):
            parts.append(f"{claim}: {str(v.get('verdict', ''))[:40]} ({str(v.get('justification', ''))[:300]})")
    return ("Claim-card verdicts: " + "; ".join(parts)) if parts else ""


def build_plan(student: str, file: str, data: bytes, lesson: str, master_path: Path) -> Plan:
    plan = Plan(student=student, file=file, lesson=lesson)
    nb, problem = parse_submission(data)
    if nb is None:
        plan.status, plan.message = "invalid", problem
        return plan
    claimed = ((nb.get("metadata") or {}).get("unionstate") or {}).get("lesson")
    named = _lessons_named(nb)
    if (claimed and claimed != lesson) or (named and lesson not in named):
        other = claimed or ", ".join(sorted(named))
        plan.status, plan.message = "wrong_lesson", f"This notebook is lesson {other}, not lesson {lesson}. Was the wrong file submitted?"
        return plan

    layout = master_layout(str(master_path))
    by_id = {c.get("id"): c for c in nb["cells"] if c.get("id")}
    by_gid = {}
    for c in nb["cells"]:
        gid = (c.get("metadata") or {}).get("nbgrader", {}).get("grade_id")
        if gid:
            by_gid[gid] = c
    master_ids = {m.id for m in layout}
    master_gids = {m.grade_id for m in layout if m.grade_id}

    # Cells the student added follow the last cell they share with the master.
    added_after: dict[str | None, list[dict]] = {}
    anchor = None
    for c in nb["cells"]:
        gid = (c.get("metadata") or {}).get("nbgrader", {}).get("grade_id")
        if c.get("id") in master_ids or gid in master_gids:
            anchor = c.get("id") if c.get("id") in master_ids else next((m.id for m in layout if m.grade_id == gid), anchor)
        elif c.get("cell_type") == "code" and _source(c).strip():
            added_after.setdefault(anchor, []).append(c)

    def add(source: str, origin: str, label: str) -> None:
        plan.cells.append(PlanCell(source, origin, label))

    for n, c in enumerate(added_after.get(None, []), 1):
        add(_source(c), "added", f"your added cell {n} (at the top)")
    matched_any = False
    for position, m in enumerate(layout, 1):
        first_line = next((line.strip() for line in m.source.splitlines() if line.strip() and not line.strip().startswith("#")), "")
        label = f"the answer cell of {m.item_id}" if m.kind == "answer" else f"cell {position} (`{first_line[:40]}`)"
        if m.kind == "answer":
            cell = by_gid.get(m.grade_id) or by_id.get(m.id)
            if cell is not None and cell.get("cell_type") == "code":
                add(_source(cell), "student", label)
                matched_any = True
            else:
                add(m.stub, "stub", label)
                plan.notes.append(f"The answer cell of {m.item_id} was not found (deleted?); it counts as not answered.")
            plan.collect_after.setdefault(len(plan.cells) - 1, []).append(m.item_id)
        elif m.kind == "reflection":
            cell = by_gid.get(m.grade_id) or by_id.get(m.id)
            text = _source(cell).strip() if cell is not None else ""
            placeholder = m.stub.strip()
            plan.reflections[m.item_id] = "" if text == placeholder else text
        elif m.kind == "plain":
            cell = by_id.get(m.id)
            if cell is not None and cell.get("cell_type") == "code":
                add(_source(cell), "student", label)
                matched_any = True
            else:
                add(m.source, "master", label)
        # check and quiz cells never run: grading decides outside the student's process
        for c in added_after.get(m.id, []):
            add(_source(c), "added", f"your cell added after {label}")
    if not matched_any and not named and not claimed:
        plan.notes.append(f"None of the notebook's cells match lesson {lesson}; was it copied into a new notebook? Answers were looked for anyway.")
    plan.quiz_answers = quiz_answers(nb, lesson)
    plan.clicked_notes = clicked_notes(nb)
    plan.reveals = reveals(nb, lesson)
    return plan


def master_for(lesson: str, notebooks: Path) -> Path:
    matches = sorted(notebooks.glob(f"{lesson}-*.ipynb"))
    if not matches:
        from .errors import GradingError

        known = ", ".join(p.name[:2] for p in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")))
        raise GradingError(f"There is no lesson {lesson!r}. Lessons: {known}.")
    return matches[0]


__all__ = ["Plan", "PlanCell", "build_plan", "master_for", "master_layout", "parse_submission", "quiz_answers"]
