"""What the instructor gets: gradebook CSV, feedback pages, class overview, manual-grading sheet.

Every file is written atomically (to a temporary name, then renamed), so an interrupted run never
leaves half a gradebook. Nothing here ever shows an expected value or hidden-test code: the
messages come from the checkers, which are tested never to reveal them.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
from pathlib import Path

from ..exercises.feedback import inline_code
from ..exercises.model import Exercise, Quiz, Reflection, for_lesson
from ..exercises.status import Status
from ..paths import atomic_write
from ..plots import new_figure, render
from .score import GradedSubmission

STATUS_WORDS = {s.value: s.instructor_word for s in Status}  # item statuses, in the instructor's words
MANUAL_SHEET = "manual-grading.csv"


def safe_name(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", student).strip("_") or "student"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def gradebook_columns(lesson: str) -> list[str]:
    items = for_lesson(lesson)
    return (
        ["student", "file", "status"]
        + [i.id for i in items if isinstance(i, (Exercise, Quiz))]
        + [i.id for i in items if isinstance(i, Reflection)]
        + ["auto_points", "quiz_points", "manual_points", "total", "max_points", "core_points", "extension_points", "revealed", "message"]
    )


def gradebook_rows(lesson: str, graded: list[GradedSubmission]) -> list[dict]:
    rows = []
    for g in graded:
        row = {"student": g.student, "file": g.file, "status": g.status, "message": g.message}
        for item in g.items:
            row[item.id] = _num(item.points)
        manual = g.manual_points
        row.update(
            auto_points=_num(g.auto_points),
            quiz_points=_num(g.quiz_points),
            manual_points=_num(manual),
            total=_num(g.auto_points + g.quiz_points + (manual or 0)),
            max_points=str(g.max_points),
            core_points=_num(g.core_points),
            extension_points=_num(g.extension_points),
            revealed=" ".join(g.revealed),
        )
        rows.append(row)
    return rows


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(path, buf.getvalue())


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}}
.passed{{background:#e6f4ee}}.notyet{{background:#fdf0e6}}.pending{{background:#f2f2f2}}</style></head><body>{body}</body></html>"""


def _parts_line(g: GradedSubmission) -> str:
    """Core and 'going further' points apart, when the lesson has extensions."""
    if all(i.core for i in g.items):
        return ""
    core_max = sum(i.max_points for i in g.items if i.core)
    return f"<p>Core path: {_num(g.core_points)} of {core_max}; going further: {_num(g.extension_points)} of {g.max_points - core_max}.</p>"


def feedback_page(lesson: str, title: str, g: GradedSubmission) -> str:
    esc = html.escape
    rows = []
    for item in g.items:
        css = "passed" if item.status == Status.CORRECT else "pending" if item.status == Status.TO_GRADE else "notyet"
        detail = inline_code(esc(item.message))
        if item.hint:
            detail += f"<br><i>Hint:</i> {inline_code(esc(item.hint))}"
        if item.kind == "quiz" and item.answer:
            detail = f"You chose {esc(item.answer)}. " + detail
        points = "pending" if item.points is None else _num(item.points)
        kind = esc(item.kind) + ("" if item.core else " (going further)")
        rows.append(
            f'<tr class="{css}"><td>{esc(item.id)}</td><td>{esc(item.title)}</td><td>{kind}</td>'
            f"<td>{points} / {item.max_points}</td><td>{esc(STATUS_WORDS.get(item.status, item.status))}</td><td>{detail}</td></tr>"
        )
    manual = g.manual_points
    total = g.auto_points + g.quiz_points + (manual or 0)
    pending = " (written answers still to be graded)" if manual is None and any(i.kind == "reflection" and i.points is None for i in g.items) else ""
    body = (
        f"<h1>Lesson {esc(lesson)}: {esc(title)}</h1><p><b>{esc(g.student)}</b> ({esc(g.file)})</p>"
        f"<p>Points: <b>{_num(total)}</b> of {g.max_points}{pending}.</p>"
        + _parts_line(g)
        + (f"<p>Note: {esc(g.message)}</p>" if g.message else "")
        + "<table><thead><tr><th>id</th><th>exercise</th><th>kind</th><th>points</th><th>result</th><th>feedback</th></tr></thead>"
        + f"<tbody>{''.join(rows)}</tbody></table>"
        "<p>Feedback never shows the expected answers. Open your notebook again, read the hint, and try once more.</p>"
    )
    return PAGE.format(title=esc(f"Feedback: {g.student}"), body=body)


def overview(lesson: str, title: str, graded: list[GradedSubmission], out: Path) -> None:
    """Per-item success rates and the score distribution: a table, two charts (PNG) and a page."""
    items = [i for i in for_lesson(lesson) if not isinstance(i, Reflection)]
    n = len(graded)
    stats = []
    for item in items:
        grades = [next((x for x in g.items if x.id == item.id), None) for g in graded]
        answered = [x for x in grades if x and x.status not in (Status.UNANSWERED, Status.NOT_REACHED, Status.NOT_GRADED)]
        correct = [x for x in grades if x and x.status == Status.CORRECT]
        stats.append(
            {
                "id": item.id,
                "title": item.title,
                "kind": "quiz" if isinstance(item, Quiz) else item.kind,
                "part": "core" if item.core else "going further",
                "points": item.points,
                "answered_pct": round(100 * len(answered) / n, 1) if n else 0,
                "correct_pct": round(100 * len(correct) / n, 1) if n else 0,
                "revealed": sum(1 for x in grades if x and x.revealed),
            }
        )
    write_csv(out / "overview" / "items.csv", ["id", "title", "kind", "part", "points", "answered_pct", "correct_pct", "revealed"], stats)
    statuses: dict[str, int] = {}
    for g in graded:
        statuses[g.status] = statuses.get(g.status, 0) + 1

    fig, ax = new_figure(f"Lesson {lesson}: share of students who got each item right", xlabel="students correct (%)", size=(8, 0.45 * len(stats) + 1.5))
    labels = [s["id"] for s in stats][::-1]
    values = [s["correct_pct"] for s in stats][::-1]
    ax.barh(labels, values, color="#0072B2")
    ax.set_xlim(0, 100)
    for y, v in enumerate(values):
        ax.text(v + 1, y, f"{v:g}%", va="center", fontsize=9)
    weakest = min(stats, key=lambda s: s["correct_pct"]) if stats else None
    alt = f"Bar chart: percentage of the {n} submissions that got each item right." + (
        f" Lowest: {weakest['id']} ({weakest['correct_pct']:g}%)." if weakest else ""
    )
    success = render(fig, alt=alt)
    atomic_write(out / "overview" / "success_rate.png", success.png)

    totals = [g.auto_points + g.quiz_points for g in graded]
    max_auto = max((sum(i.max_points for i in g.items if i.kind != "reflection") for g in graded), default=0)
    fig, ax = new_figure(f"Lesson {lesson}: auto-graded points per submission", xlabel="points (exercises and quizzes)", ylabel="submissions")
    bins = range(0, int(max_auto) + 2)
    ax.hist(totals, bins=bins, color="#E69F00", edgecolor="white", align="left")
    ax.set_xticks(list(bins)[:-1])
    ax.yaxis.get_major_locator().set_params(integer=True)  # counts of submissions are whole numbers
    mean = sum(totals) / len(totals) if totals else 0
    dist = render(fig, alt=f"Histogram of auto-graded points of {n} submissions, from 0 to {max_auto}; mean {mean:.1f}.")
    atomic_write(out / "overview" / "score_distribution.png", dist.png)

    esc = html.escape
    table = "".join(
        f"<tr><td>{esc(s['id'])}</td><td>{esc(s['title'])}</td><td>{esc(s['kind'])}</td><td>{esc(s['part'])}</td><td>{s['points']}</td>"
        f"<td>{s['answered_pct']:g}%</td><td>{s['correct_pct']:g}%</td><td>{s['revealed']}</td></tr>"
        for s in stats
    )
    parts = ""
    if any(s["part"] != "core" for s in stats) and n:
        core_mean = sum(g.core_points for g in graded) / n
        ext_mean = sum(g.extension_points for g in graded) / n
        parts = f"<p>Mean points of the core path: {core_mean:.1f}; of the going-further sections: {ext_mean:.1f}.</p>"
    status_text = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    body = (
        f"<h1>Lesson {esc(lesson)}: {esc(title)}: class overview</h1>"
        f"<p>{n} submissions ({esc(status_text)}). Mean auto-graded points: {mean:.1f} of {max_auto}.</p>{parts}"
        f'<figure><img src="success_rate.png" alt="{esc(success.alt)}" style="max-width:100%"><figcaption>{esc(success.alt)}</figcaption></figure>'
        f'<figure><img src="score_distribution.png" alt="{esc(dist.alt)}" style="max-width:100%"><figcaption>{esc(dist.alt)}</figcaption></figure>'
        "<table><thead><tr><th>id</th><th>item</th><th>kind</th><th>part</th><th>points</th><th>answered</th><th>correct</th><th>revealed</th></tr></thead>"
        f"<tbody>{table}</tbody></table>"
    )
    atomic_write(out / "overview" / "index.html", PAGE.format(title=esc(f"Lesson {lesson} overview"), body=body))


MANUAL_COLUMNS = ["student", "reflection", "max_points", "score", "comment", "rubric", "answer", "also_recorded"]


def _read_sheet(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def manual_sheet(lesson: str, graded: list[GradedSubmission], out: Path) -> tuple[Path, int]:
    """The written answers beside their rubric, with empty score/comment columns for the instructor.

    Rerunning the grader keeps every score and comment already typed into an existing sheet (the old
    sheet is also copied to a backup first)."""
    reflections = {r.id: r for r in for_lesson(lesson) if isinstance(r, Reflection)}
    path = out / MANUAL_SHEET
    kept: dict[tuple[str, str], dict] = {}
    if path.exists():
        try:
            old_rows = _read_sheet(path)
        except (OSError, csv.Error, UnicodeDecodeError):
            old_rows = []
        if any((r.get("score") or "").strip() or (r.get("comment") or "").strip() for r in old_rows):
            atomic_write(path.with_name(f"manual-grading.backup-{os.getpid()}.csv"), path.read_bytes())
        kept = {(r.get("student", ""), r.get("reflection", "")): r for r in old_rows}
    rows = []
    for g in graded:
        for item in g.items:
            if item.kind != "reflection":
                continue
            r = reflections[item.id]
            old = kept.get((g.student, item.id), {})
            rubric = "; ".join(f"{c} ({p} pt)" for c, p in r.rubric)
            rows.append(
                {
                    "student": g.student,
                    "reflection": item.id,
                    "max_points": item.max_points,
                    "score": old.get("score", "") if item.answer else old.get("score", "0") or "0",
                    "comment": old.get("comment", "") if item.answer else old.get("comment", "") or "No written answer.",
                    "rubric": rubric,
                    "answer": item.answer,
                    "also_recorded": g.clicked_notes,
                }
            )
    write_csv(path, MANUAL_COLUMNS, rows)
    # The same sheet as a page, easier to read than a spreadsheet cell.
    esc = html.escape
    blocks = "".join(
        f"<section><h2>{esc(r['student'])}: {esc(r['reflection'])} (max {r['max_points']})</h2>"
        f"<p><i>Rubric:</i> {esc(r['rubric'])}</p><blockquote>{esc(r['answer']) or '<i>No written answer.</i>'}</blockquote>"
        + (f"<p><i>{esc(r['also_recorded'])}</i></p>" if r["also_recorded"] else "")
        + "</section>"
        for r in rows
    )
    atomic_write(out / "manual-grading.html", PAGE.format(title="Written answers", body=f"<h1>Lesson {esc(lesson)}: written answers</h1>{blocks}"))
    return path, len(rows)


def write_all(lesson: str, title: str, graded: list[GradedSubmission], out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "gradebook.csv", gradebook_columns(lesson), gradebook_rows(lesson, graded))
    for g in graded:
        atomic_write(out / "feedback" / f"{safe_name(g.student)}.html", feedback_page(lesson, title, g))
    overview(lesson, title, graded, out)
    sheet, _ = manual_sheet(lesson, graded, out)
    return {"gradebook": out / "gradebook.csv", "feedback": out / "feedback", "overview": out / "overview" / "index.html", "manual": sheet}
