"""Names and terms, read from lessons/glossary.md (the one place spellings are decided)."""

from __future__ import annotations

import pandas as pd

from . import paths


def _table(heading: str) -> pd.DataFrame:
    """The Markdown table under a '## heading' of the glossary."""
    text = (paths.LESSONS / "glossary.md").read_text(encoding="utf-8")
    lines = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].splitlines()
    rows = [line.strip().strip("|").split("|") for line in lines if line.startswith("|")]
    header = [h.strip() for h in rows[0]]
    body = [[c.strip() for c in r] for r in rows[2:]]
    return pd.DataFrame(body, columns=header)


def names(kind: str | None = None) -> pd.DataFrame:
    """People, places and institutions with their Belarusian, Russian and English forms."""
    table = _table("Names").set_index("term")
    return table if kind is None else table[table["kind"] == kind]


def terms() -> pd.DataFrame:
    return _table("Terms").set_index("term")
