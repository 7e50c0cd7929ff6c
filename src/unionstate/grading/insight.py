"""What a graded class tells the instructor: item statistics and the wrong answers students gave.

`analyse(lesson, title, graded)` takes the grader's results (a list of GradedSubmission) and returns a
ClassInsight; nothing here reads notebooks or writes files (class_report.py draws the page, lms.py
writes the LMS files).

Who is analysed. Submissions that could not be graded at all (an unreadable file, the wrong lesson)
and submissions without a single answered auto-graded item (the student copy handed back as it was)
carry no information about the items, so they are left out and listed; everyone else counts, with
an item they did not answer scored 0.

Item statistics (classical test theory, per auto-graded exercise and quiz; all-or-nothing items):

- facility p: the mean share of the item's points the class got (the share who got it right);
- discrimination D: p in the upper group minus p in the lower group, the groups being the 27 % of
  students with the highest and the lowest auto-graded totals (Kelley 1939; ties at the boundary are
  broken by student id, so the result is reproducible);
- point-biserial r: the correlation of the item's score with the rest of the total (the total without
  this item, so an item is not correlated with itself: the "corrected" item-total correlation);
- the share that left it unanswered (or never reached it) and the share that asked to see its result
  before answering (ItemGrade.revealed, which the grader sets from the notebook's reveal records;
  0 where the grader does not know reveals);
- for quizzes, each option's share in the whole class and in the upper and lower groups.

Flags use the usual rules of thumb (the instructor guide gives them with their sources): facility above
0.9 or below 0.2, discrimination below 0.2 (Ebel: 0.2-0.29 marginal, below 0.2 poor), a wrong quiz
option that attracts more of the upper group than of the lower group.

Wrong answers: per item, the answers the check did not accept, grouped (equal values together;
numbers within the exercise's tolerance together; tables, series, charts and functions, which are
rarely equal, by what the check found wrong), most frequent first, each with the named mistake when
the checker can name one (`checker.diagnose(record) -> Mistake | None`; checkers without it name
none). Written answers are not analysed: they go to the manual-grading sheet.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..exercises.answers import describe_type
from ..exercises.checkers import ChoiceCheck, NumberCheck
from ..exercises.model import Exercise, Quiz, for_lesson
from ..exercises.status import Status
from .score import GradedSubmission, ItemGrade

GROUP_SHARE = 0.27  # Kelley's upper and lower groups
FACILITY_LOW, FACILITY_HIGH = 0.2, 0.9
DISCRIMINATION_MIN = 0.2
TOP_WRONG = 5  # wrong answers listed per item; the rest are counted together

WRONG = (Status.INCORRECT, Status.INVALID, Status.ERROR)
NOT_ANSWERED = (Status.UNANSWERED, Status.NOT_REACHED)


# --- results ------------------------------------------------------------------------------------


@dataclass
class OptionShare:
    letter: str
    text: str
    correct: bool
    everyone: float  # share of the analysed students who chose it
    upper: float | None
    lower: float | None


@dataclass
class ItemStats:
    id: str
    title: str
    kind: str  # exercise or quiz
    points: int
    n: int
    facility: float
    upper: float | None  # facility in the upper group
    lower: float | None
    discrimination: float | None  # upper - lower; None without two groups
    point_biserial: float | None  # None when the item or the rest score does not vary
    unanswered: float
    revealed: float
    options: list[OptionShare] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class WrongAnswer:
    label: str  # the answer, as the instructor reads it
    count: int
    share_of_wrong: float
    share_of_class: float
    mistake: str = ""  # the checker's name for it ("fraction instead of percent"), if it knows one
    said: str = ""  # what the check told the student


@dataclass
class PlanPointer:
    path: Path | None  # the lesson plan, when the lesson has one
    label: str = ""  # the item's number in the notebook ("02.2"), from the plan's answer key
    misconceptions: list[str] = field(default_factory=list)  # headlines of the plan's misconceptions that mention the item


@dataclass
class ItemWrongAnswers:
    id: str
    title: str
    kind: str
    wrong: int  # students with a wrong answer
    answers: list[WrongAnswer]  # the TOP_WRONG most frequent
    others: int  # students whose wrong answer is in none of the listed groups
    pointer: PlanPointer

    @property
    def top(self) -> WrongAnswer | None:
        return self.answers[0] if self.answers else None


@dataclass
class ClassInsight:
    lesson: str
    title: str
    submissions: int
    analysed: list[str]  # student ids, highest total first
    left_out: list[tuple[str, str]]  # (student, why)
    group_size: int
    max_points: int  # auto-graded points (exercises and quizzes)
    totals: list[float]  # auto-graded total of each analysed student, in the order of `analysed`
    items: list[ItemStats]
    wrong_answers: list[ItemWrongAnswers]
    plan: Path | None

    @property
    def n(self) -> int:
        return len(self.analysed)

    def item(self, item_id: str) -> ItemStats:
        return next(i for i in self.items if i.id == item_id)

    def wrong_for(self, item_id: str) -> ItemWrongAnswers | None:
        return next((w for w in self.wrong_answers if w.id == item_id), None)

    def by_difficulty(self) -> list[ItemStats]:
        """Hardest first (lowest facility; then lowest discrimination, then the lesson's order)."""
        order = {i.id: k for k, i in enumerate(self.items)}
        return sorted(self.items, key=lambda i: (i.facility, i.discrimination if i.discrimination is not None else 1, order[i.id]))

    def revisit(self) -> list[str]:
        """The five lines printed at the end of the grade command: what to revisit in the next class."""
        return revisit_lines(self)


# --- who is analysed ------------------------------------------------------------------------------


def _auto(g: GradedSubmission, ids: set[str]) -> list[ItemGrade]:
    return [i for i in g.items if i.id in ids]


def _left_out_reason(g: GradedSubmission, ids: set[str]) -> str:
    auto = _auto(g, ids)
    if any(i.status == Status.NOT_GRADED for i in auto):
        return f"could not be graded ({g.status})"
    if not any(i.status not in (*NOT_ANSWERED, Status.NOT_GRADED) for i in auto):
        return "no auto-graded item answered"
    return ""


def _total(g: GradedSubmission, ids: set[str]) -> float:
    return sum(i.points or 0 for i in _auto(g, ids))


# --- statistics -----------------------------------------------------------------------------------


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def group_size(n: int) -> int:
    """27 % of n, rounded to the nearest whole number (halves up); 0 when two groups cannot be told apart."""
    if n < 2:
        return 0
    return max(1, math.floor(GROUP_SHARE * n + 0.5))


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _flags(s: ItemStats) -> list[str]:
    out = []
    if s.n == 0:
        return out
    if s.facility >= 1:
        out.append("Everyone got it right, so it cannot tell students apart (fine as a warm-up).")
    elif s.facility <= 0:
        out.append("Nobody got it right: check that the task is clear and was taught, then look at its wrong answers.")
    else:
        if s.facility > FACILITY_HIGH:
            out.append(f"Very easy: {_pct(s.facility)} got it right; it hardly tells students apart (fine as a warm-up).")
        if s.facility < FACILITY_LOW:
            out.append(f"Very hard: only {_pct(s.facility)} got it right; check that the task is clear and was taught, then look at its wrong answers.")
        if s.discrimination is not None and s.discrimination < 0:
            out.append(f"Reversed (D = {s.discrimination:.2f}): students with low totals did better on it than students with high totals; check the task and its expected answer.")
        elif s.discrimination is not None and s.discrimination < DISCRIMINATION_MIN:
            out.append(f"Weak discrimination (D = {s.discrimination:.2f}): students with high and low totals did about equally well on it.")
    for o in s.options:
        if not o.correct and o.upper is not None and o.lower is not None and o.upper > o.lower:
            out.append(f"Option {o.letter} (wrong) drew more of the upper group ({_pct(o.upper)}) than of the lower group ({_pct(o.lower)}): read it again; it may be defensible or its wording may mislead.")
    return out


def _item_stats(item, grades: list[ItemGrade], totals: list[float], upper: list[int], lower: list[int]) -> ItemStats:
    n = len(grades)
    scores = [(g.points or 0) / item.points if item.points else 0.0 for g in grades]
    points = [g.points or 0 for g in grades]
    rest = [t - p for t, p in zip(totals, points)]
    up = _mean([scores[k] for k in upper]) if upper else None
    low = _mean([scores[k] for k in lower]) if lower else None
    options = []
    if isinstance(item, Quiz):
        for letter, text in item.options.items():
            chose = [1.0 if g.answer == letter else 0.0 for g in grades]
            options.append(OptionShare(letter, text, letter == item.answer, _mean(chose),
                                       _mean([chose[k] for k in upper]) if upper else None, _mean([chose[k] for k in lower]) if lower else None))
    s = ItemStats(
        id=item.id, title=item.title, kind="quiz" if isinstance(item, Quiz) else "exercise", points=item.points, n=n,
        facility=_mean(scores), upper=up, lower=low, discrimination=(up - low) if upper and lower else None,
        point_biserial=_pearson(scores, rest),
        unanswered=_mean([1.0 if g.status in NOT_ANSWERED else 0.0 for g in grades]),
        revealed=_mean([1.0 if getattr(g, "revealed", False) else 0.0 for g in grades]),  # ItemGrade.revealed: the engine lane's reveal records
        options=options,
    )
    s.flags = _flags(s)
    return s


# --- wrong answers --------------------------------------------------------------------------------


def _number(g: ItemGrade) -> float | None:
    r = g.record or {}
    if r.get("type") == "number" and not r.get("nan") and isinstance(r.get("value"), (int, float)):
        return float(r["value"])
    return None


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _cluster_numbers(values: list[tuple[float, ItemGrade]], tol: float) -> list[list[tuple[float, ItemGrade]]]:
    """Groups of answers within `tol` of a centre: the value with most answers near it first, then the next.

    The values stay sorted, so each count is two binary searches (a class of 300 distinct numbers is quick)."""
    left = sorted(values, key=lambda v: v[0])
    groups = []
    while left:
        xs = [v[0] for v in left]

        def span(c: float) -> tuple[int, int]:
            eps = tol + 1e-9 * max(1.0, abs(c))
            return bisect.bisect_left(xs, c - eps), bisect.bisect_right(xs, c + eps)

        centre = max(xs, key=lambda c: ((lambda a, b: b - a)(*span(c)), -abs(c)))
        a, b = span(centre)
        groups.append(left[a:b])
        left = left[:a] + left[b:]
    return groups


def _said(g: ItemGrade) -> str:
    """What the check told the student, whole (its first sentence alone can mislead: "The data are right. Now ...")."""
    text = " ".join((g.message or "").split())
    return text if len(text) <= 160 else text[:159] + "…"


def _label_for(item, g: ItemGrade) -> tuple[str, str]:
    """(group key, label) of a non-numeric wrong answer."""
    r = g.record or {}
    kind = r.get("type")
    checker = getattr(item, "checker", None)
    if kind == "string" and isinstance(checker, ChoiceCheck):
        letters = sorted({t.strip("()[].").upper() for t in re.split(r"[,;\s]+", str(r.get("value", ""))) if t.strip("()[].")})
        if letters and all(t in checker.options for t in letters) and (checker.multi or len(letters) == 1):
            if len(letters) == 1:
                return f"option:{letters[0]}", f"option {letters[0]}: {checker.options[letters[0]]}"[:160]
            return "options:" + ",".join(letters), f"options {', '.join(letters)}"
    if kind == "string":
        text = str(r.get("value", ""))
        return "s:" + " ".join(text.split()).casefold(), f"the text {text.strip()[:60]!r}"
    if kind == "bool":
        return f"b:{r.get('value')}", str(r.get("value"))
    if kind == "none":
        return "none", "None"
    if kind == "number" and r.get("nan"):
        return "nan", "NaN"
    if kind in ("datetime", "timedelta"):
        return f"{kind}:{json.dumps(r.get('value'), default=str)}", f"{'the date' if kind == 'datetime' else 'the time span'} {r.get('value')}"
    if not r:
        said = _said(g) or "the answer could not be read"
        return "unreadable:" + said, f"an answer that could not be read ({said})"
    summary = r.get("summary") or describe_type(r)
    said = _said(g)
    return f"{kind}:{said}", f"{summary}: {said}" if said else summary


def _mistake(item, grade: ItemGrade) -> str:
    """The checker's name for a wrong answer (engine lane's Checker.diagnose), or '' when it knows none."""
    checker = getattr(item, "checker", None)
    diagnose = getattr(checker, "diagnose", None)
    record = grade.record if isinstance(item, Exercise) else ({"type": "string", "value": grade.answer} if grade.answer else None)
    if not callable(diagnose) or not record or "digest" in record:
        return ""
    try:
        found = diagnose(record)
    except Exception:  # a checker that cannot read an odd record names nothing; the report goes on
        return ""
    return str(getattr(found, "name", "") or "")


def _wrong_answers(item, grades: list[ItemGrade], n: int, pointer: PlanPointer) -> ItemWrongAnswers:
    if isinstance(item, Quiz):
        wrong = [g for g in grades if g.status in WRONG and g.answer]
        by_letter: dict[str, list[ItemGrade]] = {}
        for g in wrong:
            by_letter.setdefault(g.answer, []).append(g)
        groups = [(f"option {letter}: {item.options.get(letter, '')}"[:160], gs) for letter, gs in by_letter.items()]
    else:
        wrong = [g for g in grades if g.status in WRONG]
        tol = float(item.checker.tolerance) if isinstance(item.checker, NumberCheck) else 0.0
        numbers = [(x, g) for g in wrong if (x := _number(g)) is not None]
        groups = []
        for cluster in _cluster_numbers(numbers, tol):
            values = [v for v, _ in cluster]
            counts: dict[float, int] = {}
            for v in values:
                counts[v] = counts.get(v, 0) + 1
            typical = max(counts, key=lambda v: (counts[v], -abs(v)))
            label = _fmt(typical) if min(values) == max(values) else f"{_fmt(typical)} (answers from {_fmt(min(values))} to {_fmt(max(values))})"
            groups.append((label, [g for _, g in sorted(cluster, key=lambda v: v[0] != typical)]))
        keyed: dict[str, tuple[str, list[ItemGrade]]] = {}
        for g in wrong:
            if _number(g) is None:
                key, label = _label_for(item, g)
                keyed.setdefault(key, (label, []))[1].append(g)
        groups += list(keyed.values())
    groups.sort(key=lambda lg: (-len(lg[1]), lg[0]))
    total = len(wrong)
    answers = [
        WrongAnswer(label, len(gs), len(gs) / total if total else 0.0, len(gs) / n if n else 0.0, _mistake(item, gs[0]), _said(gs[0]))
        for label, gs in groups[:TOP_WRONG]
    ]
    return ItemWrongAnswers(item.id, item.title, "quiz" if isinstance(item, Quiz) else "exercise", total, answers,
                            sum(len(gs) for _, gs in groups[TOP_WRONG:]), pointer)


# --- the lesson plan ------------------------------------------------------------------------------


def lesson_plan(lesson: str) -> Path | None:
    matches = sorted(paths.LESSONS.glob(f"{lesson}-*.md"))
    return matches[0] if matches else None


def _sections(text: str) -> dict[str, str]:
    out, name, lines = {}, "", []
    for line in text.splitlines():
        if line.startswith("## "):
            out[name] = "\n".join(lines)
            name, lines = line[3:].strip(), []
        else:
            lines.append(line)
    out[name] = "\n".join(lines)
    return out


def _mentions(text: str, tokens: list[str]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(t)}(?![\d])", text) for t in tokens if t)


def plan_pointers(lesson: str) -> dict[str, PlanPointer]:
    """Per item: the lesson plan, the item's number in the notebook and the plan's misconceptions that mention it."""
    path = lesson_plan(lesson)
    items = [i for i in for_lesson(lesson) if isinstance(i, (Exercise, Quiz))]
    if path is None:
        return {i.id: PlanPointer(None) for i in items}
    sections = _sections(path.read_text(encoding="utf-8"))
    labels = {}
    for line in sections.get("Answer key", "").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"\d{2}\.[a-z0-9_]+", cells[0]):
            m = re.match(r"\d{2}\.\d+", cells[1])
            labels[cells[0]] = m.group(0) if m else ""
    bullets, current = [], []
    for line in sections.get("Common misconceptions", "").splitlines():
        if line.startswith("- "):
            if current:
                bullets.append(" ".join(current))
            current = [line[2:].strip()]
        elif line.strip() and current:
            current.append(line.strip())
    if current:
        bullets.append(" ".join(current))
    out = {}
    for i in items:
        label = labels.get(i.id, "")
        mentioned = []
        for b in bullets:
            if _mentions(b, [i.id, label]):
                head = re.match(r"\*\*(.+?)\*\*", b)
                mentioned.append((head.group(1) if head else b).strip().strip("\"“”"))
        out[i.id] = PlanPointer(path, label, mentioned)
    return out


# --- the analysis ---------------------------------------------------------------------------------


def analyse(lesson: str, title: str, graded: list[GradedSubmission]) -> ClassInsight:
    items = [i for i in for_lesson(lesson) if isinstance(i, (Exercise, Quiz))]
    ids = {i.id for i in items}
    left_out, kept = [], []
    for g in graded:
        why = _left_out_reason(g, ids)
        if why:
            left_out.append((g.student, why))
        else:
            kept.append(g)
    kept.sort(key=lambda g: (-_total(g, ids), g.student.casefold()))
    n = len(kept)
    totals = [_total(g, ids) for g in kept]
    k = group_size(n)
    upper, lower = list(range(k)), list(range(n - k, n)) if k else []
    pointers = plan_pointers(lesson)
    stats, wrong = [], []
    for item in items:
        grades = [next((x for x in g.items if x.id == item.id), None) or ItemGrade(item.id, item.title, item.kind, 0, item.points, Status.UNANSWERED) for g in kept]
        stats.append(_item_stats(item, grades, totals, upper, lower))
        wrong.append(_wrong_answers(item, grades, n, pointers.get(item.id, PlanPointer(None))))
    return ClassInsight(lesson, title, len(graded), [g.student for g in kept], left_out, k, sum(i.points for i in items), totals, stats, wrong,
                        lesson_plan(lesson))


# --- what to revisit ------------------------------------------------------------------------------


def _answer_phrase(w: ItemWrongAnswers | None) -> str:
    top = w.top if w else None
    if top is None:
        return "no wrong answer was recorded (students left it unanswered)"
    named = f", {top.mistake}" if top.mistake else ""
    return f"most common wrong answer {top.label} ({top.count} student{'s' if top.count != 1 else ''}{named})"


def revisit_lines(ci: ClassInsight) -> list[str]:
    """Exactly five lines: the two hardest items with their most common wrong answer, the mistakes the checks
    named, the items whose statistics say 'look at the question', and where the lesson plan helps."""
    if ci.n == 0:
        reason = "; ".join(sorted({why for _, why in ci.left_out})) or "no submissions"
        return [f"Revisit first: nothing to analyse ({reason}).", "Then: -", "Named mistakes: -", "Check the question: -",
                "Lesson plan: -"]
    hard = ci.by_difficulty()
    lines = []
    for rank, s in enumerate(hard[:2]):
        lead = "Revisit first" if rank == 0 else "Then"
        lines.append(f"{lead}: {s.id} ({s.title}), {_pct(s.facility)} of {ci.n} right; {_answer_phrase(ci.wrong_for(s.id))}.")
    while len(lines) < 2:
        lines.append("Then: no other auto-graded item.")
    named: dict[str, tuple[int, list[str]]] = {}
    for w in ci.wrong_answers:
        for a in w.answers:
            if a.mistake:
                count, ids = named.get(a.mistake, (0, []))
                named[a.mistake] = (count + a.count, ids + ([w.id] if w.id not in ids else []))
    if named:
        top = sorted(named.items(), key=lambda kv: -kv[1][0])[:3]
        lines.append("Named mistakes: " + "; ".join(f"{name} {count}x ({', '.join(ids)})" for name, (count, ids) in top) + ".")
    else:
        repeated = max((w for w in ci.wrong_answers if w.top), key=lambda w: w.top.count, default=None)
        lines.append("Named mistakes: none recognised by the checks" + (f"; the most repeated wrong answer is {repeated.top.label} in {repeated.id} ({repeated.top.count} students)." if repeated else "."))
    flagged = [s for s in ci.items if any(f.startswith(("Reversed", "Weak discrimination", "Option")) for f in s.flags)]
    if flagged:
        lines.append("Check the question: " + "; ".join(f"{s.id} ({_short_flag(s)})" for s in flagged[:3]) + (f"; and {len(flagged) - 3} more" if len(flagged) > 3 else "") + ".")
    else:
        lines.append("Check the question: no item with weak or reversed discrimination or a misleading quiz option.")
    first = hard[0]
    pointer = ci.wrong_for(first.id).pointer if ci.wrong_for(first.id) else PlanPointer(None)
    if pointer.path is not None:
        rel = _rel(pointer.path)
        also = f" (it mentions {first.id}: {'; '.join(pointer.misconceptions[:2])})" if pointer.misconceptions else ""
        lines.append(f"Lesson plan: {rel}, 'Common misconceptions'{also} and 'Discussion prompts'.")
    else:
        lines.append(f"Lesson plan: lesson {ci.lesson} has none; its notebook's text and hints for {first.id} are the place to start.")
    return lines


def _short_flag(s: ItemStats) -> str:
    for f in s.flags:
        if f.startswith("Reversed"):
            return f"reversed, D = {s.discrimination:.2f}"
        if f.startswith("Weak"):
            return f"weak discrimination, D = {s.discrimination:.2f}"
        if f.startswith("Option"):
            return f.split(" drew")[0].lower() + " draws the upper group"
    return s.flags[0] if s.flags else ""


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


__all__ = ["ClassInsight", "ItemStats", "ItemWrongAnswers", "OptionShare", "PlanPointer", "WrongAnswer", "analyse", "group_size",
           "lesson_plan", "plan_pointers", "revisit_lines"]
