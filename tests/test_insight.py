"""Item analysis and wrong answers (grading/insight.py), checked against a hand computation on a small class,
the class report page (grading/class_report.py), and a generated class of 300 graded results."""

from __future__ import annotations

import math
import random
import re
from html.parser import HTMLParser

import pytest

from unionstate.exercises.checkers import NumberCheck
from unionstate.exercises.model import Exercise, Quiz, for_lesson, get
from unionstate.exercises.status import Status
from unionstate.grading.class_report import write_class_report
from unionstate.grading.insight import ItemStats, OptionShare, _flags, analyse, group_size
from unionstate.grading.score import GradedSubmission, ItemGrade, compact_record

A, B, Q = "00.days_between", "00.headline_kind", "00.two_reports"  # 1 point each; Q is a quiz, key B
S = "00.figure_source"  # right for every student who counts: a constant item, so no ranking changes


def _item(item_id: str, status: Status, record: dict | None = None, answer: str = "", revealed: bool = False) -> ItemGrade:
    it = get(item_id)
    kind = "quiz" if isinstance(it, Quiz) else "exercise"
    points = it.points if status == Status.CORRECT else 0
    g = ItemGrade(item_id, it.title, kind, points, it.points, status, answer=answer, record=record)
    if revealed:
        g.revealed = True  # set by the grader from a reveal record (ItemGrade.revealed comes with the engine lane's reveal())
    return g


def _student(name: str, items: list[ItemGrade], status: str = "ok") -> GradedSubmission:
    return GradedSubmission(name, f"{name}.ipynb", status, "", items=items)


OK, WRONG, NONE = Status.CORRECT, Status.INCORRECT, Status.UNANSWERED


def _num(x):
    return {"type": "number", "value": x}


def small_class() -> list[GradedSubmission]:
    """Eight students who count, one empty and one unreadable submission (both left out).

    student  A  B  Q (letter)   total
    s1       1  1  0 (A)        2
    s2       1  1  0 (A)        2
    s3       1  0  1 (B)        2      s3 asked to see A's result before answering
    s4       0  1  0 (C)        1
    s5       1  0  0 (C)        1
    s6       0  0  1 (B)        1
    s7       0  0  1 (B)        1
    s8       -  0  0 (C)        0      A unanswered
    """
    r = {"s4": _num(30), "s6": _num(30), "s7": {"type": "string", "value": "thirty"}}
    rows = {
        "s1": (OK, OK, "A"), "s2": (OK, OK, "A"), "s3": (OK, WRONG, "B"), "s4": (WRONG, OK, "C"),
        "s5": (OK, WRONG, "C"), "s6": (WRONG, WRONG, "B"), "s7": (WRONG, WRONG, "B"), "s8": (NONE, WRONG, "C"),
    }
    out = []
    for name, (a, b, letter) in rows.items():
        out.append(_student(name, [
            _item(A, a, r.get(name), revealed=name == "s3"),
            _item(B, b, {"type": "string", "value": "X"} if b == WRONG else None),
            _item(Q, OK if letter == "B" else WRONG, answer=letter),
            _item(S, OK),
        ]))
    out.append(_student("s9_empty", [_item(A, NONE), _item(B, NONE), _item(Q, NONE), _item(S, NONE)]))
    out.append(_student("s10_corrupt", [_item(A, Status.NOT_GRADED), _item(B, Status.NOT_GRADED), _item(Q, NONE), _item(S, NONE)], status="invalid"))
    return out


@pytest.fixture(scope="module")
def ci():
    return analyse("00", "start here", small_class())


def test_who_is_analysed_and_the_groups(ci):
    assert ci.n == 8 and ci.submissions == 10
    assert dict(ci.left_out) == {"s9_empty": "no auto-graded item answered", "s10_corrupt": "could not be graded (invalid)"}
    # 27 % of 8 = 2.16 -> 2 students per group. Ranked by total, ties by name: s1 s2 s3 (3), s4 s5 s6 s7 (2), s8 (1).
    assert ci.group_size == 2
    assert ci.analysed[:2] == ["s1", "s2"] and ci.analysed[-2:] == ["s7", "s8"]
    assert ci.totals == [3, 3, 3, 2, 2, 2, 2, 1]  # with S, right for all
    assert [group_size(n) for n in (0, 1, 2, 10, 150, 300)] == [0, 0, 1, 3, 41, 81]  # 2.7 -> 3; 40.5 -> 41 (halves up); 81.0


def test_facility_discrimination_and_point_biserial_by_hand(ci):
    a, b, q = ci.item(A), ci.item(B), ci.item(Q)
    # Facility: A right for s1 s2 s3 s5 = 4/8; B for s1 s2 s4 = 3/8; Q for s3 s6 s7 = 3/8.
    assert (a.facility, b.facility, q.facility) == (4 / 8, 3 / 8, 3 / 8)
    # Upper group s1 s2, lower group s7 s8.
    # A: upper 1, 1 -> 1.0; lower 0, 0 -> 0.0; D = 1.0.   B: upper 1.0, lower 0.0; D = 1.0.
    # Q: upper 0, 0 -> 0.0; lower s7 right, s8 not -> 0.5; D = -0.5.
    assert (a.upper, a.lower, a.discrimination) == (1.0, 0.0, 1.0)
    assert (b.upper, b.lower, b.discrimination) == (1.0, 0.0, 1.0)
    assert (q.upper, q.lower, q.discrimination) == (0.0, 0.5, -0.5)
    # Point-biserial with the rest score (total minus the item).
    # B: x = 1 1 0 1 0 0 0 0, rest = 1 1 2 0 1 1 1 0; sum x = 3, sum rest = 7, sum x*rest = 2, sum rest^2 = 9.
    #    Sxy = 2 - 8 * (3/8) * (7/8) = -0.625; Sxx = 3 - 8 * (3/8)^2 = 1.875; Syy = 9 - 8 * (7/8)^2 = 2.875.
    assert b.point_biserial == pytest.approx(-0.625 / math.sqrt(1.875 * 2.875))
    # Q: x = 0 0 1 0 0 1 1 0, rest = 2 2 1 1 1 0 0 0; sum x*rest = 1, sum rest = 7, sum rest^2 = 11.
    #    Sxy = 1 - 8 * (3/8) * (7/8) = -1.625; Sxx = 1.875; Syy = 11 - 6.125 = 4.875.
    assert q.point_biserial == pytest.approx(-1.625 / math.sqrt(1.875 * 4.875))
    # A: x = 1 1 1 0 1 0 0 0, rest = 1 1 1 1 0 1 1 0; sum x*rest = 3 = 8 * (4/8) * (6/8): no correlation at all.
    assert a.point_biserial == pytest.approx(0.0)
    # Unanswered: s8 left A open (1/8); revealed: s3 asked to see A's result (1/8).
    assert (a.unanswered, a.revealed, b.unanswered, b.revealed) == (1 / 8, 1 / 8, 0.0, 0.0)


def test_quiz_options_by_group_and_flags(ci):
    q = ci.item(Q)
    shares = {o.letter: (o.everyone, o.upper, o.lower, o.correct) for o in q.options}
    # A: s1 s2 (both upper); B: s3 s6 s7 (s7 lower); C: s4 s5 s8 (s8 lower); D: nobody.
    assert shares == {"A": (2 / 8, 1.0, 0.0, False), "B": (3 / 8, 0.0, 0.5, True), "C": (3 / 8, 0.0, 0.5, False), "D": (0.0, 0.0, 0.0, False)}
    flags = " ".join(q.flags)
    assert "Reversed (D = -0.50)" in flags and "Option A (wrong) drew more of the upper group (100 %) than of the lower group (0 %)" in flags
    assert sum(f.startswith("Option") for f in q.flags) == 1  # C drew the lower group, as a distractor should; D drew nobody
    assert ci.item(A).flags == []  # facility 0.5, D 1.0: within the rules of thumb


def _stats(facility, d, options=()):
    return ItemStats("00.x", "x", "exercise", 1, 20, facility, None, None, d, None, 0.0, 0.0, list(options))


@pytest.mark.parametrize(
    "facility, d, starts",
    [
        (0.5, 0.25, []),
        (0.95, 0.25, ["Very easy: 95 %"]),
        (0.9, 0.2, []),  # the rules say above 0.9, below 0.2: the boundaries themselves pass
        (0.2, 0.2, []),
        (0.1, 0.4, ["Very hard: only 10 %"]),
        (0.5, 0.1, ["Weak discrimination (D = 0.10)"]),
        (0.5, -0.1, ["Reversed (D = -0.10)"]),
        (0.15, 0.0, ["Very hard: only 15 %", "Weak discrimination (D = 0.00)"]),
        (1.0, 0.0, ["Everyone got it right"]),
        (0.0, 0.0, ["Nobody got it right"]),
    ],
)
def test_the_rules_of_thumb_flag_what_they_should(facility, d, starts):
    flags = _flags(_stats(facility, d))
    assert len(flags) == len(starts) and all(f.startswith(s) for f, s in zip(flags, starts)), flags


def test_a_distractor_that_draws_the_upper_group_is_flagged():
    options = [OptionShare("A", "a", True, 0.6, 0.8, 0.4), OptionShare("B", "b", False, 0.2, 0.2, 0.1), OptionShare("C", "c", False, 0.2, 0.0, 0.5),
               OptionShare("D", "d", False, 0.1, 0.1, 0.1)]  # D draws both groups alike: not flagged
    flags = _flags(_stats(0.6, 0.4, options))
    assert len(flags) == 1 and flags[0].startswith("Option B (wrong) drew more of the upper group (20 %) than of the lower group (10 %)")


def test_wrong_answers_grouped_and_counted(ci):
    a = ci.wrong_for(A)
    # Wrong answers to A: 30 (s4, s6) and the text 'thirty' (s7); s8's unanswered item is not a wrong answer.
    assert a.wrong == 3 and [(w.label, w.count) for w in a.answers] == [("30", 2), ("the text 'thirty'", 1)]
    assert a.answers[0].share_of_wrong == pytest.approx(2 / 3) and a.answers[0].share_of_class == pytest.approx(2 / 8)
    q = ci.wrong_for(Q)
    assert [(w.label, w.count) for w in q.answers] == [("option C: Neither can be trusted, so the survey's figure cannot be used at all", 3), ("option A: The two sources contradict each other, so one of them must be wrong", 2)]


def test_numbers_within_the_tolerance_are_one_answer():
    item = get("02.union_share")
    assert isinstance(item.checker, NumberCheck) and item.checker.tolerance == pytest.approx(0.05)
    values = [0.128, 0.128, 12.0, 12.04, 12.2, 25.6]  # 12.0 and 12.04 are 0.04 apart (within 0.05); 12.2 is not
    rows = [_student(f"u{k}", [ItemGrade(item.id, item.title, "exercise", 0, item.points, WRONG, record=_num(v))]) for k, v in enumerate(values)]
    w = analyse("02", "public opinion", rows).wrong_for(item.id)
    assert [(a.label, a.count) for a in w.answers] == [("0.128", 2), ("12 (answers from 12 to 12.04)", 2), ("12.2", 1), ("25.6", 1)]


class _Named:
    def __init__(self, name):
        self.name = name


def test_named_mistakes_come_from_the_checker_when_it_knows_them(monkeypatch):
    item = get("02.union_share")

    class Diagnosing(NumberCheck):
        def diagnose(self, record):
            return _Named("fraction instead of percent") if record.get("value", 99) < 1 else None

    class Broken(NumberCheck):
        def diagnose(self, record):
            raise KeyError("value")

    rows = [_student(f"u{k}", [ItemGrade(item.id, item.title, "exercise", 0, item.points, WRONG, record=_num(v))]) for k, v in enumerate([0.128, 0.128, 30.0])]
    for checker, want in ((Diagnosing(expected=item.checker.expected, tolerance=0.05, percent=True), ["fraction instead of percent", ""]),
                          (Broken(expected=item.checker.expected, tolerance=0.05), ["", ""])):
        monkeypatch.setattr(item, "checker", checker)
        ci = analyse("02", "public opinion", rows)
        assert [a.mistake for a in ci.wrong_for(item.id).answers] == want
    monkeypatch.setattr(item, "checker", NumberCheck(expected=item.checker.expected, tolerance=0.05))
    monkeypatch.setattr(NumberCheck, "diagnose", None, raising=False)  # a checker without diagnose (main before the engine lane)
    assert [a.mistake for a in analyse("02", "public opinion", rows).wrong_for(item.id).answers] == ["", ""]


def test_revisit_names_the_hardest_item_and_its_most_common_wrong_answer(ci):
    lines = ci.revisit()
    assert len(lines) == 5
    # B and Q both have facility 3/8; Q discriminates worse (D -0.5 against 1.0), so it comes first.
    assert lines[0].startswith("Revisit first: 00.two_reports (Two reports of one survey figure), 38 % of 8 right")
    assert "most common wrong answer option C: Neither can be trusted, so the survey's figure cannot be used at all (3 students)" in lines[0]
    assert lines[1].startswith("Then: 00.headline_kind") and "the text 'X' (5 students)" in lines[1]
    assert lines[3].startswith("Check the question: 00.two_reports (reversed, D = -0.50)")
    assert lines[4].startswith("Lesson plan: lessons/00-start-here.md, 'Common misconceptions' (it mentions 00.two_reports")


def test_lesson_plan_pointers_name_the_misconceptions_that_mention_an_item():
    def items():  # everything right but 02.merger_total
        return [_item(i.id, OK) if i.id != "02.merger_total" else _item(i.id, WRONG, _num(33.0)) for i in for_lesson("02") if not i.kind == "reflection"]

    ci = analyse("02", "public opinion", [_student("u1", items()), _student("u2", items())])
    p = ci.wrong_for("02.merger_total").pointer
    assert p.path is not None and p.path.name == "02-public-opinion.md" and p.label == "02.2"
    assert "Add up all rows." in p.misconceptions  # the plan: "summing every row double-counts (exercise 02.2's second hint)"
    assert "Lesson plan: lessons/02-public-opinion.md, 'Common misconceptions' (it mentions 02.merger_total" in ci.revisit()[4]


def test_compact_records_keep_small_answers_and_digest_big_ones():
    small = _num(12.8)
    assert compact_record(small) is small
    big = {"type": "frame", "shape": [3000, 2], "columns": ["a", "b"], "values": [[i, i] for i in range(3000)]}
    c = compact_record(big)
    assert c["type"] == "frame" and "3000 rows" in c["summary"] and len(c["digest"]) == 16 and "values" not in c
    assert compact_record(dict(big))["digest"] == c["digest"]
    assert compact_record(dict(big, shape=[3000, 3]))["digest"] != c["digest"]


# --- the page ---------------------------------------------------------------------------------


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.lang = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        if tag == "html":
            self.lang = a.get("lang")


def test_class_report_page_has_every_chart_with_alt_text(ci, tmp_path):
    page = write_class_report(ci, tmp_path)
    text = page.read_text(encoding="utf-8")
    parser = _Images()
    parser.feed(text)
    assert parser.lang == "en"
    srcs = {i["src"] for i in parser.images}
    assert {"facility-discrimination.png", "score-distribution.png", "wrong-days_between.png", "wrong-two_reports.png"} <= srcs
    for img in parser.images:
        assert len(img.get("alt", "")) > 40, img
        assert (page.parent / img["src"]).read_bytes()[:4] == b"\x89PNG"
    fac = next(i for i in parser.images if i["src"] == "facility-discrimination.png")["alt"]
    assert "00.two_reports (facility 0.38, D -0.50)" in fac  # outside the usual ranges, named in the alt text
    assert "Revisit first: 00.two_reports" in text and "s10_corrupt: could not be graded" in text
    assert (page.parent / "items.csv").read_text().splitlines()[0].startswith("id,title,kind,points,n,facility")
    wrong = (page.parent / "wrong-answers.csv").read_text().splitlines()
    assert any(row.startswith("00.days_between,1,30,2,") for row in wrong[1:])


# --- a generated class of 300 graded results --------------------------------------------------


def generated_class(n: int = 300, seed: int = 7) -> list[GradedSubmission]:
    """n results of lesson 02 with abilities spread out: abler students get more items right."""
    rng = random.Random(seed)
    items = [i for i in for_lesson("02") if isinstance(i, (Exercise, Quiz))]
    out = []
    for k in range(n):
        ability = rng.random()
        grades = []
        for j, item in enumerate(items):
            p_right = min(0.95, max(0.05, ability - 0.3 + j * 0.05))
            roll = rng.random()
            if roll < 0.08:
                grades.append(ItemGrade(item.id, item.title, "quiz" if isinstance(item, Quiz) else "exercise", 0, item.points, NONE))
            elif roll < 0.08 + (1 - 0.08) * p_right:
                grades.append(ItemGrade(item.id, item.title, "quiz" if isinstance(item, Quiz) else "exercise", item.points, item.points, OK, answer=item.answer if isinstance(item, Quiz) else ""))
            elif isinstance(item, Quiz):
                grades.append(ItemGrade(item.id, item.title, "quiz", 0, item.points, WRONG, answer=rng.choice([o for o in item.options if o != item.answer])))
            else:
                grades.append(ItemGrade(item.id, item.title, "exercise", 0, item.points, WRONG, record=_num(rng.choice([0.128, 33.0, -2.0, 16.0, 1.6]))))
        out.append(_student(f"gen{k:03d}", grades))
    return out


def test_a_generated_class_of_300_is_analysed_and_reported(tmp_path):
    graded = generated_class()
    ci = analyse("02", "public opinion", graded)
    assert ci.n == 300 - sum(1 for g in graded if all(i.status == NONE for i in g.items))
    generated = [i for i in for_lesson("02") if isinstance(i, (Exercise, Quiz))]  # every item the class above answers
    assert ci.group_size == group_size(ci.n) and len(ci.items) == len(generated)
    # Abilities drive the answers, so every item discriminates positively in a class this size.
    assert all(s.discrimination > 0 and s.point_biserial > 0 for s in ci.items)
    page = write_class_report(ci, tmp_path)
    assert re.search(r"Revisit first: 02\.\w+ \(.+\), \d+ % of \d+ right; most common wrong answer ", page.read_text(encoding="utf-8"))


def test_the_grader_keeps_the_record_of_a_wrong_answer_for_the_report():
    """score.grade keeps the record of a wrong answer (not of a right one): the class report groups them."""
    import json
    from pathlib import Path

    from unionstate import paths
    from unionstate.grading.compose import build_plan, master_for
    from unionstate.grading.runner import RunResult
    from unionstate.grading.score import grade

    data = (Path(__file__).parent / "corpus" / "00" / "half.ipynb").read_bytes()
    plan = build_plan("s", "s.ipynb", data, "00", master_for("00", paths.NOTEBOOKS))
    right = get("00.days_between").checker.value
    wrong = {"type": "number", "value": right + 100}
    item = next(i for i in grade(plan, RunResult(records={"00.days_between": wrong})).items if i.id == "00.days_between")
    assert item.status == Status.INCORRECT and item.record == wrong
    json.dumps(item.record)  # it goes into results.json
    item = next(i for i in grade(plan, RunResult(records={"00.days_between": {"type": "number", "value": right}})).items if i.id == "00.days_between")
    assert item.status == Status.CORRECT and item.record is None  # a right answer needs no record


def test_choice_answers_are_shown_as_their_options():
    item = get("02.article_omits")  # several letters may be right: the answer is text like "A, C"
    rows = [_student(f"c{k}", [ItemGrade(item.id, item.title, "exercise", 0, item.points, WRONG, record={"type": "string", "value": v})])
            for k, v in enumerate(["D", "d", "A, D", "D,A", "Z"])]
    w = analyse("02", "public opinion", rows).wrong_for(item.id)
    assert [(a.label, a.count) for a in w.answers] == [(f"option D: {item.checker.options['D']}", 2), ("options A, D", 2), ("the text 'Z'", 1)]
