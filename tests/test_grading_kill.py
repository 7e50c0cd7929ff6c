"""The kill path, once, at short limits: an endless loop, loops that ignore SIGTERM and SIGINT or every
signal they can and swallow the limit's exception, and a memory bomb are all stopped, each row says
how, the rest of each notebook is graded, and the correct notebook beside them gets full marks.

The lesson corpora keep only an endless loop in a cell (the cell limit stops it); waiting out a whole
notebook limit is tested here, once, on lesson 00. The limits are short, but no result depends on the
machine's speed: both time limits count CPU time (the real-time limit, three times the notebook's, is
far away when a cell limit must act); the loops that only the notebook limit can stop run until it
does, whatever the speed (their earlier cells need well under a second of CPU time), and a notebook
that hits a limit is run again alone with doubled limits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from grading_helpers import CORPUS, check_against_expected, read

from unionstate.grading.api import grade_folder
from unionstate.grading.runner import Limits

KILL = CORPUS / "kill"


CELL_LIMIT = ["full_marks", "endless_loop", "ignores_sigterm", "memory_bomb"]
NOTEBOOK_LIMIT = ["unstoppable_loop", "ignores_signals"]


def _grade(names: list[str], limits: Limits, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(KILL / f"{name}.ipynb", folder / f"{name}.ipynb")
    summary = grade_folder(folder, "00", tmp_path / "out", limits=limits)
    assert summary.sandbox != "none" and summary.trustworthy
    rows = read(tmp_path / "out" / "gradebook.csv")
    check_against_expected(rows, {k: v for k, v in read(KILL / "expected.csv").items() if k in names}, "kill path")
    for student, row in rows.items():
        if row["status"] in ("cell timeout", "notebook timeout"):
            assert row["retried"] == "yes" and "run again alone" in row["message"], f"{student}: a time limit is only final after a retry"
    assert {g.student for g in summary.look_at} == {s for s, r in rows.items() if r["status"] != "ok"}, "every abnormal row is listed to look at"
    return rows


@pytest.mark.slow
def test_loops_and_memory_bombs_are_stopped_by_the_cell_limits(tmp_path):
    # The notebook limit is far away, so that only the cell limits (CPU time, memory) can stop these.
    rows = _grade(CELL_LIMIT, Limits(timeout=120, cell_timeout=1, memory_mb=512), tmp_path)
    assert "used more than 2 seconds of computing time" in rows["endless_loop"]["message"]  # the retry's doubled limit
    assert "memory limit of 512 MB" in rows["memory_bomb"]["message"]
    page = (tmp_path / "out" / "feedback" / "ignores_sigterm.html").read_text()
    assert "ran longer than the time allowed for one cell" in page, "the student reads what happened in plain words"


@pytest.mark.slow
def test_loops_that_cannot_be_interrupted_are_killed_at_the_notebook_limit(tmp_path):
    rows = _grade(NOTEBOOK_LIMIT, Limits(timeout=2, cell_timeout=1), tmp_path)
    for student in NOTEBOOK_LIMIT:  # the kernel stops them at the CPU limit, or the grader at the real-time limit: the retry's
        message = rows[student]["message"]
        assert "time limit of 4 seconds of computing time for the whole notebook" in message or "after 12 seconds of real time" in message
    page = (tmp_path / "out" / "feedback" / "ignores_signals.html").read_text()
    assert "ran longer than the time allowed for a whole notebook" in page
    assert "What happened to the submissions" in (tmp_path / "out" / "overview" / "index.html").read_text()
