"""Every lesson (00 onwards) has a plan with every section of the lesson standard, and the plan
covers the notebook: each exercise in the answer key, each reflection's rubric, real sources."""

from __future__ import annotations

import re

import pytest

from unionstate import paths
from unionstate.exercises.model import Exercise, Reflection, for_lesson
from unionstate.release import master_notebooks
from unionstate.sources import all_sources

HEADINGS = [
    "## Audience, prerequisites and materials",
    "## Objectives",
    "## Key terms",
    "## Timing",
    "### 45-minute session",
    "### 90-minute session",
    "## Background for the instructor",
    "## Discussion prompts",
    "## Common misconceptions",
    "## Answer key",
    "## Rubrics",
    "## Extensions and further reading",
]
LESSONS = list(master_notebooks(paths.NOTEBOOKS))


def section(text: str, heading: str) -> str:
    start = text.index(heading) + len(heading)
    nxt = re.search(r"^## ", text[start:], re.M)
    return text[start : start + nxt.start()] if nxt else text[start:]


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_plan_has_every_section_in_order(notebook):
    plan = paths.LESSONS / f"{notebook.stem}.md"
    assert plan.exists(), f"lessons/{notebook.stem}.md is missing"
    text = plan.read_text(encoding="utf-8")
    assert text.startswith(f"# Lesson {notebook.name[:2]}"), "the plan starts with '# Lesson NN: ...'"
    positions = []
    for heading in HEADINGS:
        assert re.search(rf"^{re.escape(heading)}\s*$", text, re.M), f"{plan.name}: missing '{heading}'"
        positions.append(re.search(rf"^{re.escape(heading)}\s*$", text, re.M).start())
    assert positions == sorted(positions), f"{plan.name}: sections out of order"
    for heading in ("### 45-minute session", "### 90-minute session"):
        assert "|" in section(text, heading) or "|" in text.split(heading, 1)[1].split("###", 1)[0], f"{plan.name}: {heading} needs a timing table"


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_plan_answer_key_and_rubrics_cover_the_lesson(notebook):
    text = (paths.LESSONS / f"{notebook.stem}.md").read_text(encoding="utf-8")
    key = section(text, "## Answer key")
    rubrics = section(text, "## Rubrics")
    for item in for_lesson(notebook.name[:2]):
        if isinstance(item, Exercise):
            assert item.id in key, f"{notebook.stem}.md: the answer key does not mention {item.id}"
        if isinstance(item, Reflection):
            assert item.id in rubrics, f"{notebook.stem}.md: no rubric for {item.id}"
            for criterion, _ in item.rubric:
                assert criterion.split(":")[0][:30] in rubrics, f"{notebook.stem}.md: rubric of {item.id} lacks '{criterion}'"


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_further_reading_cites_registered_sources(notebook):
    text = (paths.LESSONS / f"{notebook.stem}.md").read_text(encoding="utf-8")
    reading = section(text, "## Extensions and further reading")
    ids = set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9a-z]+)+\b", reading))
    known = all_sources()
    cited = {i for i in ids if i in known}
    assert cited, f"{notebook.stem}.md: further reading should cite sources by their id in data/SOURCES.md"
    unknown = {i for i in ids if i not in known and re.fullmatch(r"S\d*_[A-Z0-9_]+|[A-Z]+_\d{4}[A-Z0-9_]*", i)}
    assert not unknown, f"{notebook.stem}.md: unknown source ids {sorted(unknown)}"


def test_standard_documents_exist():
    for name in ("glossary.md", "instructor-guide.md", "authoring-guide.md", "lesson-standard.md"):
        assert (paths.LESSONS / name).exists(), name
