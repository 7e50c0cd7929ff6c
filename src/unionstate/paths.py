"""Where the kit's folders are.

The package is installed in editable mode from a clone, so the data, notebooks
and lesson plans sit next to src/. UNIONSTATE_DATA overrides the data folder
(tests use it to load deliberately broken copies).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = ROOT / "lessons"


def data_dir() -> Path:
    override = os.environ.get("UNIONSTATE_DATA")
    return Path(override) if override else ROOT / "data"


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write a file so that a reader never sees half of it: to a temporary name beside it, then rename.

    An interrupted run leaves the old file (or none), never a truncated one. Text is written as
    UTF-8 without newline translation."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(content, bytes):
        tmp.write_bytes(content)
    else:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    os.replace(tmp, path)
