"""How long a lesson takes, estimated from its notebook: the core path and each "Going further" extension.

    python3 kit.py timing          # every lesson
    python3 kit.py timing 02       # one lesson

The estimate is computed from the student copy (what a student reads and does), with the rates
in RATES: words of Markdown prose at a reading speed, plus stated minutes per exercise (by kind),
quiz, reflection and explorer. It is an estimate for planning a seminar, not a measurement.

Sections: a Markdown cell whose first line starts with "## Going further" begins an extension
(its title is the rest of that line); everything up to the next "## " heading that does not
start with "Going further" belongs to it. Everything else is the core path. An item's section
must match its registry flag (`core=False` for items in an extension); section_problems() says
where they disagree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path


from .exercises.model import Exercise, Quiz, Reflection, get, parse_grade_id

# The one table of rates (minutes; prose in words per minute). They follow the lower end of the
# content audit's assumptions for a self-paced undergraduate with basic pandas (reading about 150 words
# a minute, 5-8 min per coding exercise, 2-3 per quiz, 20-30 per reflection); functions and charts
# get more than a computed number because the walk saw non-programmers take longest there.
RATES = {
    "words_per_minute": 150,
    "number": 5,  # compute a value with pandas (NumberCheck, and table/series answers)
    "choice": 2,  # choose an option, or True/False
    "function": 10,  # write a small function (scaffolded)
    "chart": 10,  # draw a chart whose data the check reads (scaffolded)
    "quiz": 2,
    "reflection": 20,
    "explorer": 3,  # use an explorer to answer its question
}
CORE = "core"
EXTENSION_MARK = re.compile(r"^##\s+Going further\b[:\s–-]*(?P<title>.*)$", re.I)
EXPLORER_CALL = re.compile(r"\b(?:explore_[a-z_]+|claim_cards)\(")  # the explorers (lesson 05's claim cards are one)
KIND_OF_CHECKER = {"value": "number", "choice": "choice", "function": "function", "chart": "chart"}
COUNTED = ["number", "choice", "function", "chart", "quiz", "reflection", "explorer"]
NOUNS = {k: (f"{k} exercise", f"{k} exercises") for k in ("number", "choice", "function", "chart")} | {
    "quiz": ("quiz", "quizzes"), "reflection": ("reflection", "reflections"), "explorer": ("explorer", "explorers")}


@dataclass
class Section:
    name: str  # "core", or the title of a Going further section
    words: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in COUNTED})
    items: list[str] = field(default_factory=list)  # registry ids in this section

    @property
    def reading_minutes(self) -> float:
        return self.words / RATES["words_per_minute"]

    @property
    def activity_minutes(self) -> int:
        return sum(RATES[k] * n for k, n in self.counts.items())

    @property
    def minutes(self) -> float:
        return self.reading_minutes + self.activity_minutes

    @property
    def is_core(self) -> bool:
        return self.name == CORE

    def describe(self) -> str:
        parts = [f"prose {self.words:,} words ({self.reading_minutes:.1f} min)"]
        for kind in COUNTED:
            n = self.counts[kind]
            if n:
                noun = NOUNS[kind][n != 1]
                parts.append(f"{n} {noun} ({RATES[kind] * n} min)")
        return f"{math.ceil(self.minutes - 1e-9)} min = " + " + ".join(parts)


def _words(markdown: str) -> int:
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " x ", text)  # a formula reads as a word or two, not as its symbols
    return len(re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", text))


def _item_kind(grade_id: str) -> tuple[str, str] | None:
    """(counted kind, item id) for the one cell that stands for an item (its check, quiz or reflection cell)."""
    parsed = parse_grade_id(grade_id)
    if not parsed or parsed[2]:
        return None  # not an item, or an answer cell (the check cell counts the exercise)
    kind, item_id, _ = parsed
    try:
        item = get(item_id)
    except KeyError:
        return None
    if isinstance(item, Exercise):
        return KIND_OF_CHECKER.get(item.kind, "number"), item_id
    if isinstance(item, Quiz):
        return "quiz", item_id
    if isinstance(item, Reflection):
        return "reflection", item_id
    return None


def notebook_sections(nb) -> list[Section]:
    """The core and each Going further section of a (student) notebook, with what it holds."""
    core = Section(CORE)
    sections = [core]
    current = core
    for cell in nb.cells:
        first = cell.source.lstrip().split("\n", 1)[0].strip() if cell.cell_type == "markdown" else ""
        if cell.cell_type == "markdown" and first.startswith("## "):
            m = EXTENSION_MARK.match(first)
            if m:
                current = Section(f"Going further: {m['title'].strip()}" if m["title"].strip() else "Going further")
                sections.append(current)
            else:
                current = core
        found = _item_kind(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
        if cell.cell_type == "markdown":
            current.words += _words(cell.source)
        elif EXPLORER_CALL.search(cell.source) and not cell.source.lstrip().startswith(("from ", "import ")):
            current.counts["explorer"] += 1
        if found:
            kind, item_id = found
            current.counts[kind] += 1
            current.items.append(item_id)
    return sections


def lesson_sections(master: Path) -> list[Section]:
    """The sections of a lesson, from the student copy of its master (what students read)."""
    from .release import read_master, release_notebook

    return notebook_sections(release_notebook(read_master(master), name=master.name))


def section_problems(master: Path) -> list[str]:
    """Items whose registry flag (core=True/False) disagrees with the notebook section they sit in."""
    problems = []
    for section in lesson_sections(master):
        for item_id in section.items:
            item = get(item_id)
            if item.core != section.is_core:
                where = "a Going further section" if not section.is_core else "the core path"
                problems.append(f"{item_id} sits in {where} of {master.name} but is registered with core={item.core}.")
    return problems


def rates_text() -> str:
    r = RATES
    return (
        f"Rates: prose {r['words_per_minute']} words per minute; exercises: number {r['number']} min, choice {r['choice']}, "
        f"function {r['function']}, chart {r['chart']}; quiz {r['quiz']}; reflection {r['reflection']}; explorer {r['explorer']}."
    )


def report(masters: list[Path]) -> str:
    lines = [rates_text()]
    for master in masters:
        sections = lesson_sections(master)
        lines.append(f"Lesson {master.name[:2]} ({master.name})")
        for s in sections:
            if s.is_core or s.words or s.items:
                lines.append(f"  {s.name:<30} {s.describe()}")
        total = sum(s.minutes for s in sections)
        if len(sections) > 1:
            lines.append(f"  {'all of it':<30} {math.ceil(total - 1e-9)} min")
    return "\n".join(lines)


def core_minutes(master: Path) -> float:
    return next(s for s in lesson_sections(master) if s.is_core).minutes


__all__ = ["RATES", "Section", "core_minutes", "lesson_sections", "notebook_sections", "rates_text", "report", "section_problems"]
