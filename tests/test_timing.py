"""The lesson timing estimate (`kit.py timing`): its arithmetic, its Going further sections, and the 45-minute core."""

from __future__ import annotations

import nbformat
import pytest

from unionstate import paths
from unionstate.cli import main
from unionstate.release import master_notebooks
from unionstate.timing import RATES, lesson_sections, notebook_sections, rates_text, section_problems

MASTERS = master_notebooks(paths.NOTEBOOKS)
# Lessons whose core already fits a 45-minute seminar. The per-lesson work adds each lesson here once
# its "Going further" sections are marked; the test then keeps it at 45 minutes or less.
CORE_FITS = ["00"]
CORE_LIMIT = 45


def _cell(kind: str, source: str, grade_id: str = ""):
    cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id}
    return cell


def synthetic():
    words = " ".join(["word"] * 290)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _cell("md", "# 99 · A synthetic lesson\n\n" + words),  # 4 + 290 = 294 words ("99 · A synthetic lesson" is 4 words)
        _cell("code", "union_share = ...", "ex02_union_share_answer"),  # an answer cell: not counted
        _cell("code", 'check("02.union_share")', "ex02_union_share"),  # number: 4
        _cell("code", 'quiz("02.moe_quadruple")', "quiz02_moe_quadruple"),  # quiz: 2
        _cell("code", "explore_surveys()"),  # explorer: 3
        _cell("md", "## 2. Back in the core\n\nfive more words here"),  # 9 words
        _cell("md", "*Write here.*", "refl02_trust_polls"),  # reflection: 10, and 2 words
        _cell("md", "## Going further: margins\n\n" + " ".join(["w"] * 146)),  # 3 + 146 = 149 words
        _cell("code", 'check("02.margin_of_error")', "ex02_margin_of_error"),  # function: 8
        _cell("md", "### A subsection stays in the extension"),  # 6 words
        _cell("code", 'check("02.iiseps_chart")', "ex02_iiseps_chart"),  # chart: 8
        _cell("md", "## Going further\n\none"),  # a second extension: 3 words
    ]
    return nb


def test_the_arithmetic_on_a_synthetic_notebook():
    core, first, second = notebook_sections(synthetic())
    assert core.name == "core" and first.name == "Going further: margins" and second.name == "Going further"
    assert core.words == 294 + 9 + 2
    assert core.counts == {"number": 1, "choice": 0, "function": 0, "chart": 0, "quiz": 1, "reflection": 1, "explorer": 1}
    assert core.minutes == pytest.approx(305 / 150 + 5 + 2 + 20 + 3)
    assert core.items == ["02.union_share", "02.moe_quadruple", "02.trust_polls"]
    assert first.words == 149 + 6 and first.counts["function"] == 1 and first.counts["chart"] == 1
    assert first.minutes == pytest.approx(155 / 150 + 10 + 10)
    assert second.minutes == pytest.approx(3 / 150)
    assert core.describe().startswith("33 min = prose 305 words (2.0 min) + 1 number exercise (5 min) + 1 quiz (2 min)")


def test_the_command_states_its_rates_and_prints_each_lesson(capsys):
    assert main(["timing", "00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(rates_text()) and f"prose {RATES['words_per_minute']} words per minute" in out
    assert "Lesson 00 (00-start-here.ipynb)" in out and "core" in out and " min = prose " in out
    assert main(["timing", "77"]) == 2


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.name)
def test_registry_core_flags_match_the_notebook_sections(master):
    assert not section_problems(master), "\n".join(section_problems(master))


@pytest.mark.parametrize("lesson", CORE_FITS)
def test_the_core_path_fits_a_45_minute_seminar(lesson):
    master = next(m for m in MASTERS if m.name.startswith(lesson))
    core = next(s for s in lesson_sections(master) if s.is_core)
    assert core.minutes <= CORE_LIMIT, f"{master.name}: the core path takes {core.describe()}; move material into 'Going further' sections"
