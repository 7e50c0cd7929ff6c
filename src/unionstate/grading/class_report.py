"""The class report: one HTML page beside the gradebook, with charts (alt text on each) and two tables as CSV.

    class-report/index.html          what to revisit, item statistics, quiz options, wrong answers, scores
    class-report/items.csv           one row per auto-graded item (the statistics of insight.py)
    class-report/wrong-answers.csv   the most frequent wrong answers per item
    class-report/*.png               facility vs discrimination, score distribution, wrong answers per item

Written atomically, like every file of the grader. It is for the instructor: it shows students' wrong
answers (never who gave them) and nothing of the hidden tests.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from matplotlib.patches import Rectangle

from ..exercises.feedback import inline_code
from ..paths import atomic_write
from ..plots import OKABE_ITO, new_figure, render
from .insight import DISCRIMINATION_MIN, FACILITY_HIGH, FACILITY_LOW, ClassInsight, ItemWrongAnswers, _rel
from .lms import LmsFiles

FOLDER = "class-report"
BLUE, ORANGE = OKABE_ITO["blue"], OKABE_ITO["orange"]

STYLE = """body{font-family:system-ui,sans-serif;max-width:66rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
.flag{background:#fff6d6;border-left:4px solid #6b4e00;padding:.2rem .5rem;margin:.2rem 0}figure{margin:1rem 0}img{max-width:100%;height:auto}
figcaption{font-size:.9em;color:#333}ol.revisit li{margin:.3rem 0}code{background:#f2f2f2;padding:0 .2rem}"""


def _esc(text) -> str:
    return html.escape(str(text))


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f} %"


def _mpl(text: str, width: int = 48) -> str:
    """Text safe for a matplotlib label: no mathtext, not too long."""
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("$", r"\$")


def _short(item_id: str) -> str:
    return item_id.split(".", 1)[-1]


# --- charts -------------------------------------------------------------------------------------


def _label_offsets(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Offsets (in points) that keep the labels of nearby items from printing over each other."""
    placed: list[tuple[float, float, int]] = []
    out = []
    for x, y in points:
        dy = 4
        while any(abs(x - px) < 0.16 and abs(y - py) < 0.09 and dy == pdy for px, py, pdy in placed):
            dy -= 11
        placed.append((x, y, dy))
        out.append((5, dy))
    return out


def facility_chart(ci: ClassInsight):
    fig, ax = new_figure(f"Lesson {ci.lesson}: facility and discrimination of each item", xlabel="facility (share who got it right)",
                         ylabel="discrimination D (upper − lower group)", size=(8, 5.2))
    ax.add_patch(Rectangle((FACILITY_LOW, DISCRIMINATION_MIN), FACILITY_HIGH - FACILITY_LOW, 1.05 - DISCRIMINATION_MIN, color="#e6f4ee", zorder=0,
                           label="usual ranges (facility 0.2–0.9, D ≥ 0.2)"))
    for x in (FACILITY_LOW, FACILITY_HIGH):
        ax.axvline(x, color="#777", lw=0.8, ls="--")
    ax.axhline(DISCRIMINATION_MIN, color="#777", lw=0.8, ls="--")
    ax.axhline(0, color="#444", lw=0.8)
    shown = sorted((s for s in ci.items if s.discrimination is not None), key=lambda s: (-s.discrimination, s.facility))
    for kind, color, marker in (("exercise", BLUE, "o"), ("quiz", ORANGE, "s")):
        pts = [s for s in shown if s.kind == kind]
        if pts:
            ax.scatter([s.facility for s in pts], [s.discrimination for s in pts], color=color, marker=marker, s=50, zorder=3, label=f"{kind}s")
    for s, offset in zip(shown, _label_offsets([(s.facility, s.discrimination) for s in shown])):
        ax.annotate(_mpl(_short(s.id), 24), (s.facility, s.discrimination), textcoords="offset points", xytext=offset, fontsize=8.5, va="center")
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-1.05, 1.05)
    ax.legend(loc="lower left", fontsize=9)
    outside = [s for s in shown if not (FACILITY_LOW <= s.facility <= FACILITY_HIGH) or s.discrimination < DISCRIMINATION_MIN]
    alt = (f"Scatter plot of {len(shown)} items of lesson {ci.lesson}: facility (share of the {ci.n} analysed students who got the item right) "
           f"against discrimination (share right in the upper group minus the lower group, {ci.group_size} students each). ")
    if outside:
        alt += "Outside the usual ranges: " + "; ".join(f"{s.id} (facility {s.facility:.2f}, D {s.discrimination:.2f})" for s in outside) + "."
    else:
        alt += "Every item is within the usual ranges."
    if not shown:
        alt = f"No discrimination can be computed for lesson {ci.lesson}: fewer than two students were analysed."
    return render(fig, alt=alt)


def score_chart(ci: ClassInsight):
    fig, ax = new_figure(f"Lesson {ci.lesson}: auto-graded points per student", xlabel="points (exercises and quizzes)", ylabel="students")
    top = int(ci.max_points)
    bins = range(0, top + 2)
    ax.hist(ci.totals, bins=bins, color=BLUE, edgecolor="white", align="left")
    ax.set_xticks(list(bins)[:-1])
    ax.yaxis.get_major_locator().set_params(integer=True)
    mean = sum(ci.totals) / len(ci.totals) if ci.totals else 0.0
    ordered = sorted(ci.totals)
    median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2 if ordered else 0.0
    alt = (f"Histogram of the auto-graded points of the {ci.n} analysed students, from 0 to {top}: mean {mean:.1f}, median {median:g}"
           + (f", lowest {ordered[0]:g}, highest {ordered[-1]:g}." if ordered else "."))
    return render(fig, alt=alt)


def wrong_chart(ci: ClassInsight, w: ItemWrongAnswers):
    answers = w.answers[::-1]
    fig, ax = new_figure(f"{w.id}: most frequent wrong answers", xlabel="students", size=(8, 0.5 * len(answers) + 1.6))
    labels = [_mpl(a.label + (f" [{a.mistake}]" if a.mistake else "")) for a in answers]
    ax.barh(range(len(answers)), [a.count for a in answers], color=ORANGE)
    ax.set_yticks(range(len(answers)), labels)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for y, a in enumerate(answers):
        ax.text(a.count, y, f" {a.count}", va="center", fontsize=9)
    alt = (f"Bar chart of the {len(w.answers)} most frequent wrong answers to {w.id} ({w.wrong} of {ci.n} students answered it wrongly): "
           + "; ".join(f"{a.label}{' (' + a.mistake + ')' if a.mistake else ''}: {a.count}" for a in w.answers) + ".")
    return render(fig, alt=alt)


# --- tables ---------------------------------------------------------------------------------------

ITEM_COLUMNS = ["id", "title", "kind", "points", "n", "facility", "upper", "lower", "discrimination", "point_biserial", "unanswered", "revealed", "flags"]
WRONG_COLUMNS = ["id", "rank", "answer", "students", "share_of_wrong", "share_of_class", "mistake", "check_said"]


def _write_csv(path: Path, columns: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    atomic_write(path, buf.getvalue())


def _r(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def item_rows(ci: ClassInsight) -> list[list]:
    return [[s.id, s.title, s.kind, s.points, s.n, _r(s.facility), _r(s.upper), _r(s.lower), _r(s.discrimination), _r(s.point_biserial),
             _r(s.unanswered), _r(s.revealed), " ".join(s.flags)] for s in ci.items]


def wrong_rows(ci: ClassInsight) -> list[list]:
    return [[w.id, k, a.label, a.count, _r(a.share_of_wrong), _r(a.share_of_class), a.mistake, a.said] for w in ci.wrong_answers for k, a in enumerate(w.answers, 1)]


# --- the page -------------------------------------------------------------------------------------


def _figure(name: str, fig) -> str:
    return f'<figure><img src="{name}" alt="{_esc(fig.alt)}"><figcaption>{_esc(fig.alt)}</figcaption></figure>'


def _items_table(ci: ClassInsight) -> str:
    head = ("<tr><th scope='col'>item</th><th scope='col'>kind</th><th scope='col'>points</th><th scope='col'>facility</th>"
            "<th scope='col'>D (upper − lower)</th><th scope='col'>r (item–rest)</th><th scope='col'>unanswered</th><th scope='col'>revealed</th>"
            "<th scope='col'>what the figures say</th></tr>")
    body = ""
    for s in ci.items:
        flags = "".join(f'<div class="flag">{_esc(f)}</div>' for f in s.flags) or "within the usual ranges"
        body += (f"<tr><th scope='row'>{_esc(s.id)}<br><small>{_esc(s.title)}</small></th><td>{s.kind}</td><td class='num'>{s.points}</td>"
                 f"<td class='num'>{_num(s.facility)}</td><td class='num'>{_num(s.discrimination)}</td><td class='num'>{_num(s.point_biserial)}</td>"
                 f"<td class='num'>{_pct(s.unanswered)}</td><td class='num'>{_pct(s.revealed)}</td><td>{flags}</td></tr>")
    return (f"<div class='scroll'><table><caption>Item statistics of the {ci.n} analysed students (upper and lower groups: "
            f"{ci.group_size} students each)</caption><thead>{head}</thead><tbody>{body}</tbody></table></div>")


def _quiz_tables(ci: ClassInsight) -> str:
    parts = []
    for s in ci.items:
        if not s.options:
            continue
        rows = "".join(
            f"<tr><th scope='row'>{_esc(o.letter)}{' (key)' if o.correct else ''}</th><td>{_esc(o.text)}</td><td class='num'>{_pct(o.everyone)}</td>"
            f"<td class='num'>{_pct(o.upper)}</td><td class='num'>{_pct(o.lower)}</td></tr>" for o in s.options
        )
        parts.append(f"<div class='scroll'><table><caption>{_esc(s.id)} {_esc(s.title)}: share choosing each option</caption>"
                     "<thead><tr><th scope='col'>option</th><th scope='col'>text</th><th scope='col'>everyone</th><th scope='col'>upper group</th>"
                     f"<th scope='col'>lower group</th></tr></thead><tbody>{rows}</tbody></table></div>")
    return "".join(parts) or "<p>This lesson has no quizzes.</p>"


def _plan_link(w: ItemWrongAnswers) -> str:
    p = w.pointer
    if p.path is None:
        return "<p>This lesson has no lesson plan; start from the notebook's text and the exercise's hints.</p>"
    href = p.path.resolve().as_uri()
    label = f" (exercise {p.label} in the notebook)" if p.label else ""
    text = f"<p>Lesson plan{_esc(label)}: <a href='{href}'>{_esc(_rel(p.path))}</a>, sections “Common misconceptions” and “Discussion prompts”."
    if p.misconceptions:
        text += " Its misconceptions that mention this item: " + "; ".join(f"“{_esc(m)}”" for m in p.misconceptions)
    return text + "</p>"


def _wrong_section(ci: ClassInsight, out: Path) -> str:
    parts = []
    for w in ci.wrong_answers:
        head = f"<h3 id='wrong-{_esc(_short(w.id))}'>{_esc(w.id)} {_esc(w.title)}</h3>"
        if not w.answers:
            parts.append(head + f"<p>No wrong answers ({_pct(ci.item(w.id).unanswered)} left it unanswered).</p>")
            continue
        rows = "".join(
            f"<tr><th scope='row'>{_esc(a.label)}</th><td class='num'>{a.count}</td><td class='num'>{_pct(a.share_of_wrong)}</td>"
            f"<td>{_esc(a.mistake) or '–'}</td><td>{inline_code(_esc(a.said)) or '–'}</td></tr>" for a in w.answers
        )
        others = f"<p>{w.others} other wrong answer(s), each less frequent.</p>" if w.others else ""
        chart = ""
        if len(w.answers) > 1:  # one kind of wrong answer needs no chart: the table says it all
            fig = wrong_chart(ci, w)
            name = f"wrong-{re.sub(r'[^a-z0-9_]+', '_', _short(w.id))}.png"
            atomic_write(out / name, fig.png)
            chart = _figure(name, fig)
        parts.append(
            head + f"<p>{w.wrong} of {ci.n} students gave a wrong answer.</p>"
            "<div class='scroll'><table><thead><tr><th scope='col'>wrong answer</th><th scope='col'>students</th><th scope='col'>share of wrong answers</th>"
            f"<th scope='col'>named mistake</th><th scope='col'>what the check said</th></tr></thead><tbody>{rows}</tbody></table></div>"
            + others + chart + _plan_link(w)
        )
    return "".join(parts)


def _lms_section(lms: LmsFiles | None) -> str:
    if lms is None:
        return ""
    files = "".join(f"<li>{_esc(k)}: <code>{_esc(v.name)}</code></li>" for k, v in lms.written.items())
    lines = "".join(f"<li>{_esc(line.strip())}</li>" for line in lms.lines() if not line.startswith("  ") or ":" in line and "gradebook:" not in line)
    unmatched = "".join(f"<li>{_esc(s)}: {_esc(why)}</li>" for s, why in lms.unmatched)
    return ("<h2 id='lms'>LMS gradebook files</h2>" + (f"<ul>{files}</ul>" if files else "<p>None written.</p>")
            + (f"<ul>{lines}</ul>" if lines else "") + (f"<h3>Submissions not in the roster</h3><ul>{unmatched}</ul>" if unmatched else "")
            + "<p>How to import them: see the instructor guide, “Canvas and Moodle”.</p>")


def write_class_report(ci: ClassInsight, out: Path, lms: LmsFiles | None = None) -> Path:
    """Write the class report into out/class-report/; returns the page's path."""
    folder = Path(out) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "items.csv", ITEM_COLUMNS, item_rows(ci))
    _write_csv(folder / "wrong-answers.csv", WRONG_COLUMNS, wrong_rows(ci))
    fac = facility_chart(ci)
    atomic_write(folder / "facility-discrimination.png", fac.png)
    dist = score_chart(ci)
    atomic_write(folder / "score-distribution.png", dist.png)
    mean = sum(ci.totals) / len(ci.totals) if ci.totals else 0.0
    left = "".join(f"<li>{_esc(s)}: {_esc(why)}</li>" for s, why in ci.left_out)
    revisit = "".join(f"<li>{inline_code(_esc(line))}</li>" for line in ci.revisit())
    small = (f"<p class='flag'>With {ci.n} students the groups have {ci.group_size} student(s) each, so D moves in steps of "
             f"{1 / ci.group_size:.2f}: read the figures as rough.</p>") if 0 < ci.group_size < 10 else ""
    body = (
        f"<h1>Lesson {_esc(ci.lesson)}: {_esc(ci.title)}: class report</h1>"
        f"<p>{ci.submissions} submission(s); {ci.n} analysed, {len(ci.left_out)} left out (below). Mean auto-graded points of those analysed: "
        f"{mean:.1f} of {ci.max_points}. How to read the figures: the instructor guide, “Reading the class report”.</p>"
        f"<h2 id='revisit'>What to revisit in the next class</h2><ol class='revisit'>{revisit}</ol>"
        f"<h2 id='items'>Items</h2>{small}{_items_table(ci)}{_figure('facility-discrimination.png', fac)}"
        f"<h2 id='quizzes'>Quiz options by group</h2><p>A wrong option that draws more of the upper group than of the lower group is worth a second look.</p>{_quiz_tables(ci)}"
        f"<h2 id='wrong'>Wrong answers</h2><p>Equal answers are counted together, numbers within the exercise's tolerance too; tables, series, charts and "
        f"functions by what the check found wrong. Written answers are in <code>manual-grading.html</code>.</p>{_wrong_section(ci, folder)}"
        f"<h2 id='scores'>Score distribution</h2>{_figure('score-distribution.png', dist)}"
        + _lms_section(lms)
        + "<h2 id='left-out'>Left out of the statistics</h2>" + (f"<ul>{left}</ul>" if left else "<p>Nobody.</p>")
    )
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Lesson {_esc(ci.lesson)} class report</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>")
    path = folder / "index.html"
    atomic_write(path, page)
    return path


__all__ = ["FOLDER", "facility_chart", "item_rows", "score_chart", "write_class_report", "wrong_chart", "wrong_rows"]
