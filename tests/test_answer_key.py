"""The instructor's answer key comes from the registry (authoring.answer_key), and every lesson plan's
"## Answer key" agrees with it for the figures the plan states.

How a plan's key is read (one table row per item: | id | where | expected result |):
- a number exercise: the first number of the expected result is the expected value, within the
  checker's tolerance or the rounding of the stated figure;
- a choice exercise: the letter(s) it starts with; a True/False exercise: the word it starts with;
- a function, table or chart exercise: every number stated (outside `code`, [source ids] and
  identifiers) is one of the reference results (or a row count of one), or one of the arguments of
  the test calls, or an x or y value of the expected chart; a figure that is none of these fails;
- quizzes: `NN.quiz_id **L**` in the text, or a table row `| quiz NN.quiz_id | where | L ... |`.
"""

from __future__ import annotations

import re

import pytest

from unionstate import paths
from unionstate.authoring import answer_key
from unionstate.exercises import checkers as ck
from unionstate.exercises.model import Exercise, Quiz, for_lesson, get
from unionstate.release import master_notebooks

PLANS = [(p.name[:2], paths.LESSONS / f"{p.stem}.md") for p in master_notebooks(paths.NOTEBOOKS) if (paths.LESSONS / f"{p.stem}.md").exists()]
NUMBER = re.compile(r"(?<![\d.])(-?)(\d+(?:\.\d+)?)")


def key_section(text: str) -> str:
    start = text.index("## Answer key")
    nxt = re.search(r"^## ", text[start + 3 :], re.M)
    return text[start : start + 3 + nxt.start()] if nxt else text[start:]


def key_rows(section: str) -> dict[str, str]:
    """Item id -> the expected-result cell of its table row."""
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3:
            m = re.fullmatch(r"(?:quiz\s+)?(\d\d\.[a-z][a-z0-9_]*)", cells[0])
            if m:
                rows[m.group(1)] = " | ".join(cells[2:])
    return rows


def stated_numbers(text: str) -> list[tuple[float, int]]:
    """(value, decimals) of each number stated in prose, ignoring code, source ids and identifiers."""
    text = re.sub(r"`[^`]*`", " ", text.replace("−", "-"))
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(?:sections?|Exercise)\s+[\d.]+", " ", text)
    text = re.sub(r"\b\w*_\w*\b|\b\d\d\.[a-z]\w*", " ", text)
    out = []
    for m in NUMBER.finditer(text):
        sign = m.group(1)
        if sign and m.start() > 0 and text[m.start() - 1].isdigit():
            sign = ""  # a range like 2018-2021
        digits = m.group(2)
        out.append((float(sign + digits), len(digits.split(".")[1]) if "." in digits else 0))
    return out


def _close(stated: float, decimals: int, value: float, tolerance: float = 0.0) -> bool:
    return abs(stated - value) <= max(tolerance, 0.5 * 10 ** -decimals) + 1e-6


def _numbers_in(obj) -> list[float]:
    """Every number in an argument or a result record (years of dates included)."""
    if isinstance(obj, bool):
        return []
    if isinstance(obj, (int, float)):
        return [float(obj)]
    if isinstance(obj, str):
        return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", obj)]
    if isinstance(obj, dict):
        found = []
        if obj.get("type") == "frame":
            found.append(float(obj["shape"][0]))
        for key, value in obj.items():
            if key not in ("type", "shape", "columns", "dtypes"):
                found += _numbers_in(value)
        return found
    if isinstance(obj, (list, tuple)):
        return [n for v in obj for n in _numbers_in(v)]
    if hasattr(obj, "tolist"):
        return _numbers_in(obj.tolist())
    return []


def allowed_numbers(ex: Exercise) -> list[float]:
    checker = ex.checker
    if isinstance(checker, ck.FunctionCheck):
        allowed = _numbers_in(list(checker._expected.values()))
        for case in checker.cases:
            allowed += _numbers_in(list(case.args)) + _numbers_in(list(case.kwargs.values()))
        return allowed
    if isinstance(checker, ck.ChartCheck):
        return [n for s in checker.want for n in _numbers_in(list(s.x)) + _numbers_in(list(s.y))]
    return _numbers_in(checker.want)


def disagreements(lesson: str, text: str) -> list[str]:
    section = key_section(text)
    rows = key_rows(section)
    problems = []
    for item_id, cell in rows.items():
        item = get(item_id)
        if isinstance(item, Quiz):
            letter = re.match(r"\W*([A-E])\b", cell)
            if not letter or letter.group(1) != item.answer:
                problems.append(f"{item_id}: the plan says {cell[:40]!r}, the registry {item.answer}")
            continue
        checker = item.checker
        if isinstance(checker, ck.NumberCheck):
            numbers = stated_numbers(cell)
            if not numbers or not _close(*numbers[0], checker.value, checker.tolerance):
                problems.append(f"{item_id}: the plan states {numbers[0][0] if numbers else 'no number'}, the registry expects {checker.value:.4g}")
        elif isinstance(checker, ck.ChoiceCheck):
            m = re.match(r"\W*([A-E](?:\s*,\s*[A-E])*)\b", cell)
            stated = set(re.findall(r"[A-E]", m.group(1))) if m else set()
            expected = set(checker.answer) if checker.multi else {checker.answer}
            if stated != expected:
                problems.append(f"{item_id}: the plan says {sorted(stated)}, the registry {sorted(expected)}")
        elif isinstance(checker, ck.BooleanCheck):
            if not cell.startswith(str(checker.value)):
                problems.append(f"{item_id}: the plan says {cell[:20]!r}, the registry {checker.value}")
        else:
            allowed = allowed_numbers(item)
            for value, decimals in stated_numbers(cell):
                if not any(_close(abs(value), decimals, abs(a)) for a in allowed):
                    problems.append(f"{item_id}: the plan states {value:g}, which is no result, argument or chart value the registry has")
    for item_id, letter in re.findall(r"(\d\d\.[a-z][a-z0-9_]*)\W{0,3}\*\*([A-E])\*\*", section):
        item = get(item_id)
        if isinstance(item, Quiz) and item.answer != letter:
            problems.append(f"{item_id}: the plan's quiz key says {letter}, the registry {item.answer}")
    return problems


@pytest.mark.parametrize("lesson, plan", PLANS, ids=[p.name for _, p in PLANS])
def test_the_plans_answer_key_agrees_with_the_registry(lesson, plan):
    problems = disagreements(lesson, plan.read_text(encoding="utf-8"))
    assert not problems, f"{plan.name} disagrees with answer_key({lesson!r}):\n" + "\n".join(problems)


@pytest.mark.parametrize("lesson, plan", PLANS, ids=[p.name for _, p in PLANS])
def test_every_numeric_exercise_of_the_plan_is_checked(lesson, plan):
    rows = key_rows(key_section(plan.read_text(encoding="utf-8")))
    numeric = [e.id for e in for_lesson(lesson) if isinstance(e, Exercise) and isinstance(e.checker, ck.NumberCheck)]
    missing = [i for i in numeric if i not in rows]
    assert not missing, f"{plan.name}: the answer key has no table row for {missing}"


def test_a_wrong_figure_in_a_plan_is_caught():
    lesson, plan = PLANS[0]
    text = plan.read_text(encoding="utf-8")
    ex = next(e for e in for_lesson(lesson) if isinstance(e, Exercise) and isinstance(e.checker, ck.NumberCheck))
    row = key_rows(key_section(text))[ex.id]
    first = stated_numbers(row)[0][0]
    broken = text.replace(row, row.replace(f"{first:g}", f"{first + 7:g}", 1), 1)
    assert any(ex.id in p for p in disagreements(lesson, broken))


@pytest.mark.parametrize("lesson", sorted({i.lesson for i in map(get, [x.id for p in master_notebooks(paths.NOTEBOOKS) for x in for_lesson(p.name[:2])])}))
def test_answer_key_covers_every_item(lesson):
    key = answer_key(lesson)
    assert set(key["id"]) == {i.id for i in for_lesson(lesson)}
    assert key["expected"].map(lambda v: bool(str(v).strip())).all()
    for ex in for_lesson(lesson):
        if isinstance(ex, Exercise) and isinstance(ex.checker, ck.FunctionCheck):
            rows = key[key["id"] == ex.id]
            assert len(rows) == len(ex.checker.cases) and rows["hidden"].sum() == sum(c.hidden for c in ex.checker.cases)
