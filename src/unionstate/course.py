"""The course's lesson map, read from the master notebooks so it never drifts."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from . import paths


@dataclass
class Lesson:
    number: str
    slug: str
    title: str
    notebook: str
    plan: str


def _title(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def lessons() -> list[Lesson]:
    out = []
    for path in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        number, slug = path.stem.split("-", 1)
        plan = paths.LESSONS / f"{path.stem}.md"
        out.append(Lesson(number, slug, _title(path), path.name, plan.name if plan.exists() else ""))
    return out


class LessonMap:
    def __init__(self, items: list[Lesson]):
        self.items = items

    def __repr__(self) -> str:
        return "\n".join(f"{l.number}  {l.title}  ({l.notebook})" for l in self.items)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{l.number}</td><td>{html.escape(l.title)}</td><td><a href='{html.escape(l.notebook)}'>{html.escape(l.notebook)}</a></td></tr>"
            for l in self.items
        )
        return f"<table><thead><tr><th>#</th><th>lesson</th><th>notebook</th></tr></thead><tbody>{rows}</tbody></table>"


def lesson_map() -> LessonMap:
    """The lessons of the course in order, with their notebooks (links open them in JupyterLab)."""
    return LessonMap(lessons())
