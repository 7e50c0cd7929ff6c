"""Answers given by clicking (quizzes, claim-card verdicts), kept so a restart loses nothing.

Two copies: an output of the widget's cell with the MIME type ANSWER_MIME, which JupyterLab
updates from the kernel and saves with the notebook (the grader reads it), and
.unionstate/answers.json next to the notebook, from which a widget restores the student's
choice after a kernel restart and "Run All".
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..exercises.records import ANSWER_MIME, record_bundle
from ..paths import atomic_write

__all__ = ["ANSWER_MIME", "STORE", "load_answers", "record_bundle", "save_answer"]  # the record format lives in exercises.records

STORE = Path(".unionstate") / "answers.json"


def load_answers() -> tuple[dict, str]:
    """Saved answers by key, and a warning sentence if the file could not be read."""
    if not STORE.exists():
        return {}, ""
    try:
        data = json.loads(STORE.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data, ""
    except (OSError, ValueError) as exc:
        return {}, f"(Your saved answers in {STORE} could not be read: {exc}. Answer again to record your choice.)"


def save_answer(key: str, value: dict) -> None:
    """Store one answer; an unreadable file is kept aside under a new name, never overwritten."""
    data, problem = load_answers()
    if problem and STORE.exists():
        STORE.rename(STORE.with_name(f"answers.unreadable-{int(time.time())}.json"))
    data[key] = {**value, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    atomic_write(STORE, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False))
