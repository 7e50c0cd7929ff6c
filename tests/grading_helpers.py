"""Helpers shared by the grading tests (test_grading*.py): reading gradebooks, hashing folders,
comparing a gradebook with a corpus's expected.csv."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def kit(*args, env=None) -> subprocess.CompletedProcess:
    """`python -m unionstate ARGS` in a new process, as an instructor runs the kit."""
    return subprocess.run([sys.executable, "-m", "unionstate", *args], capture_output=True, text=True, timeout=900, env=env)


def read(path: Path) -> dict[str, dict]:
    """A gradebook (or expected.csv) by student."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["student"]: row for row in csv.DictReader(fh)}


def digest(root: Path) -> dict[str, str]:
    """sha256 of every file under a folder (or of one file), by path relative to it."""
    root = Path(root)
    if root.is_file():
        return {root.name: hashlib.sha256(root.read_bytes()).hexdigest()}
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def check_against_expected(got: dict[str, dict], want: dict[str, dict], what: str) -> None:
    assert set(got) == set(want), f"{what}: every submission gets exactly one row"
    for student, row in want.items():
        actual = got[student]
        assert (actual["status"], actual["auto_points"], actual["quiz_points"]) == (row["status"], row["auto_points"], row["quiz_points"]), (
            f"{what}, {student} ({row['why']}): got status {actual['status']}, {actual['auto_points']} + {actual['quiz_points']} points; "
            f"expected {row['status']}, {row['auto_points']} + {row['quiz_points']}. Message: {actual['message']}"
        )
        if actual["status"] != "ok":
            assert actual["message"], f"{student}: a row that is not ok says why"


def expected_points(lesson: str, student: str) -> str:
    """The auto-graded points a corpus submission gets (tests/corpus/NN/expected.csv), as the gradebook
    writes them: tests that grade corpus files take their points from there, not typed again."""
    return read(CORPUS / lesson / "expected.csv")[student]["auto_points"]


FRESH_GRADE = """
import gc, json, sys
from pathlib import Path
from unionstate.grading.api import grade_folder
from unionstate.grading.runner import Limits
subs, out, garbage = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if garbage:  # another student's notebook text left as uncollected garbage, as an earlier batch could leave it
    gc.disable()
    cycle = {"notebook": Path(garbage).read_text(encoding="utf-8")}
    cycle["self"] = cycle
    del cycle
summary = grade_folder(subs, "00", out, limits=Limits(timeout=60, cell_timeout=5))
print(json.dumps({"sandbox": summary.sandbox, "trustworthy": summary.trustworthy, "integrity": summary.integrity.lines()}))
"""


def grade_in_a_fresh_process(subs: Path, out: Path, garbage: Path | None = None) -> dict:
    """grade_folder for lesson 00 in a new Python, as `kit.py grade` runs it. The grader forks its helper
    from the calling process, so in-process calls from this long test session would hand submissions
    whatever the session holds (browser pages, other tests' notebooks): not what an instructor's grade
    command holds, and not what these tests are about."""
    result = subprocess.run([sys.executable, "-c", FRESH_GRADE, str(subs), str(out), str(garbage or "")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])

