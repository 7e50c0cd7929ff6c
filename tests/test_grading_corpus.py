"""The grading corpus: every sample submission of every lesson gets the score and the run status it
must get, the batch never aborts, a rerun gives the same grades, and no submission file is touched.

Graded in this process through the API (grading.api.grade_folder), with the sandbox on: the grader
forks a helper from the test process, and every process it forks ends in os._exit without returning
into pytest, so forking here is safe and saves an interpreter start and a warm-up per lesson. The
end-to-end command (`kit.py grade` in a subprocess, as an instructor runs it) is tested in
test_grading_sandbox.py.

The limits are short for the endless loop in loop_in_a_cell, yet no score depends on the machine's
speed: the cell limit counts CPU time, which a busy machine does not use up (the heaviest cell of any
master takes under 1 s of CPU), and a submission that hits a limit is run again alone with doubled
limits before it is marked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grading_helpers import CORPUS, check_against_expected, digest, read

from unionstate import paths
from unionstate.grading.api import grade_folder
from unionstate.grading.runner import Limits

LESSONS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name.isdigit() and (p / "expected.csv").exists())
LIMITS = Limits(timeout=60, cell_timeout=2)


def test_every_lesson_has_a_corpus():
    lessons = {p.name[:2] for p in paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")}
    assert lessons <= set(LESSONS), f"no corpus for lesson(s) {sorted(lessons - set(LESSONS))}: run python tests/corpus/build_corpus.py"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_corpus_scores(lesson, tmp_path):
    folder = CORPUS / lesson
    before = digest(folder)
    summary = grade_folder(folder, lesson, tmp_path / "first", limits=LIMITS)
    assert summary.sandbox != "none" and summary.trustworthy, summary.integrity.lines()
    check_against_expected(read(tmp_path / "first" / "gradebook.csv"), read(folder / "expected.csv"), f"lesson {lesson}")
    # The students' files are never modified.
    assert digest(folder) == before


def grades(path: Path) -> dict[str, tuple]:
    """What a rerun must reproduce: status and points of every row (messages may add 'it was retried')."""
    rows = read(path)
    return {s: tuple(v for k, v in r.items() if k not in ("message", "retried")) for s, r in rows.items()}


@pytest.mark.slow
def test_a_rerun_gives_the_same_gradebook(tmp_path):
    folder = CORPUS / "00"
    grade_folder(folder, "00", tmp_path / "first", limits=LIMITS)
    grade_folder(folder, "00", tmp_path / "second", limits=LIMITS)
    assert grades(tmp_path / "first" / "gradebook.csv") == grades(tmp_path / "second" / "gradebook.csv")
