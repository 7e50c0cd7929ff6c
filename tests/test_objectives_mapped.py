"""Every objective of a lesson is assessed: the plan maps each one to exercises, quizzes or reflections.

The lesson plan's "## Objectives" section holds a table `| Objective | Assessed by |` with one row per
objective of the notebook's opening ("After this notebook you can"), and in "Assessed by" the ids
(`NN.name`) of the registered items that assess it.
"""

from __future__ import annotations

import json
import re

import pytest

from unionstate import paths
from unionstate.exercises.model import for_lesson

LESSONS = sorted(p.name[:2] for p in paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
ID = re.compile(r"\b(\d{2}\.[a-z][a-z0-9_]*)\b")


def plan_for(lesson: str):
    (plan,) = (paths.ROOT / "lessons").glob(f"{lesson}-*.md")
    return plan


def objectives_section(text: str) -> str:
    m = re.search(r"^## Objectives\s*$(.*?)^## ", text, re.M | re.S)
    assert m, "the plan has no '## Objectives' section"
    return m.group(1)


def mapping_rows(section: str) -> list[tuple[str, str]]:
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    assert lines, "the Objectives section has no table `| Objective | Assessed by |`"
    header = [c.strip().lower() for c in lines[0].strip("|").split("|")]
    assert header[:2] == ["objective", "assessed by"], f"the table's header is {header}, not | Objective | Assessed by |"
    rows = []
    for line in lines[2:]:  # after the |---| line
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cells[0], cells[1] if len(cells) > 1 else ""))
    return rows


def notebook_objectives(lesson: str) -> list[str]:
    (nb_path,) = paths.NOTEBOOKS.glob(f"{lesson}-*.ipynb")
    cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
    text = "".join(cells[0]["source"])
    m = re.search(r"\*\*After this notebook you can\*\*\s*\n((?:\s*- .*\n?)+)", text)
    assert m, f"{nb_path.name}: the opening has no 'After this notebook you can' list"
    return [line.strip()[2:] for line in m.group(1).splitlines() if line.strip().startswith("- ")]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_objective_is_assessed_by_registered_items(lesson):
    rows = mapping_rows(objectives_section(plan_for(lesson).read_text(encoding="utf-8")))
    objectives = notebook_objectives(lesson)
    assert len(rows) == len(objectives), (
        f"lesson {lesson}: the plan maps {len(rows)} objective(s), the notebook's opening lists {len(objectives)}"
    )
    known = {item.id for item in for_lesson(lesson)}
    for objective, assessed in rows:
        ids = ID.findall(assessed)
        assert ids, f"lesson {lesson}: the objective {objective!r} is assessed by nothing"
        unknown = [i for i in ids if i not in known]
        assert not unknown, f"lesson {lesson}: {objective!r} names {unknown}, which lesson {lesson}'s registry does not have"
