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
