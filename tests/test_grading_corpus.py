"""The grading corpus: every sample submission of every lesson gets the score it must get,
the batch never aborts, a rerun gives the same gradebook, and no submission file is touched."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from unionstate import paths

CORPUS = Path(__file__).parent / "corpus"
LESSONS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and (p / "expected.csv").exists())


def grade(folder: Path, lesson: str, out: Path) -> subprocess.CompletedProcess:
    # Generous limits for a loaded CI machine: the master notebooks themselves take up to ~10 s there.
    cmd = [sys.executable, "-m", "unionstate", "grade", str(folder), "--lesson", lesson, "--out", str(out), "--timeout", "25", "--cell-timeout", "3", "--quiet"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def read(path: Path) -> dict[str, dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["student"]: row for row in csv.DictReader(fh)}


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_every_lesson_has_a_corpus():
    lessons = {p.name[:2] for p in paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")}
    assert lessons <= set(LESSONS), f"no corpus for lesson(s) {sorted(lessons - set(LESSONS))}: run python tests/corpus/build_corpus.py"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_corpus_scores(lesson, tmp_path):
    folder = CORPUS / lesson
    before = digest(folder)
    first = grade(folder, lesson, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    got = read(tmp_path / "first" / "gradebook.csv")
    want = read(folder / "expected.csv")
    assert set(got) == set(want), "every submission gets exactly one row"
    for student, row in want.items():
        actual = got[student]
        assert (actual["status"], actual["auto_points"], actual["quiz_points"]) == (row["status"], row["auto_points"], row["quiz_points"]), (
            f"lesson {lesson}, {student} ({row['why']}): got status {actual['status']}, {actual['auto_points']} + {actual['quiz_points']} points; "
            f"expected {row['status']}, {row['auto_points']} + {row['quiz_points']}. Message: {actual['message']}"
        )
        if actual["status"] != "ok":
            assert actual["message"], f"{student}: a non-ok row says why"
    # The students' files are never modified.
    assert digest(folder) == before


@pytest.mark.slow
def test_a_rerun_gives_the_same_gradebook(tmp_path):
    folder = CORPUS / "00"
    first, second = grade(folder, "00", tmp_path / "first"), grade(folder, "00", tmp_path / "second")
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "first" / "gradebook.csv").read_text() == (tmp_path / "second" / "gradebook.csv").read_text()
