"""The batch always finishes and is fair: several files for one student are all graded and one row
counts by a stated rule (the mapping file overrides it); files that are not notebooks are named with
what to do; a submission that hits a time limit is run again alone with doubled limits before it is
marked, so a slow but correct notebook keeps its points.

The slow cells here are slow relative to the limit in a way that does not depend on the machine's
speed: one burns 1.5 times the cell limit in CPU time (measured by the cell itself), one sleeps past the
real time a notebook may take but not past the retry's."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from grading_helpers import CORPUS, expected_points, read

from unionstate.grading.api import grade_folder
from unionstate.grading.collect import Submission, choose_per_student, collect_batch
from unionstate.grading.runner import Limits

STEM = "00-start-here"
FULL, HALF = CORPUS / "00" / "full_marks.ipynb", CORPUS / "00" / "half.ipynb"
FULL_POINTS, HALF_POINTS = expected_points("00", "full_marks"), expected_points("00", "half")
HALF_QUIZ = int(read(CORPUS / "00" / "expected.csv")["half"]["quiz_points"])


def _sub(name: str, at: float | None = None, named: bool = False, student: str = "ana") -> Submission:
    return Submission(student, name, b"", submitted_at=at, dated_by="zip entry date", named_in_mapping=named)


def test_the_rule_for_several_files_of_one_student():
    newest = choose_per_student([_sub("a/first.ipynb", 100.0), _sub("a/second.ipynb", 200.0)])["ana"]
    assert newest.kept.name == "a/second.ipynb" and newest.rule.startswith("the newest file by its zip entry date")
    assert [o.name for o in newest.others] == ["a/first.ipynb"]
    named = choose_per_student([_sub("old.ipynb", 100.0, named=True), _sub("new.ipynb", 200.0)])["ana"]
    assert named.kept.name == "old.ipynb" and "mapping file" in named.rule
    canvas = choose_per_student([_sub("petrovaana_12345_900_00-start-here.ipynb", 5.0), _sub("petrovaana_12345_1200_00-start-here-1.ipynb", 5.0)])["ana"]
    assert canvas.kept.name == "petrovaana_12345_1200_00-start-here-1.ipynb" and "Canvas numbers uploads" in canvas.rule
    tie = choose_per_student([_sub("b.ipynb", 5.0), _sub("c.ipynb", 5.0)])["ana"]
    assert tie.kept.name == "c.ipynb" and "alphabetical" in tie.rule
    single = choose_per_student([_sub("x.ipynb")])["ana"]
    assert single.others == [] and single.rule == ""


def test_a_moodle_zip_with_two_uploads_keeps_the_later_one_by_its_entry_date(tmp_path):
    archive = tmp_path / "moodle.zip"
    folder = "Ana Petrova_12345_assignsubmission_file_"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"{folder}/00-start-here.ipynb", (2026, 11, 30, 9, 0, 0)), HALF.read_bytes())
        zf.writestr(zipfile.ZipInfo(f"{folder}/00-start-here (1).ipynb", (2026, 11, 30, 17, 30, 0)), FULL.read_bytes())
    batch = collect_batch(archive, STEM)
    choice = choose_per_student(batch.submissions)["Ana Petrova_12345"]
    assert choice.kept.name.endswith("(1).ipynb") and "zip entry date (2026-11-30 17:30)" in choice.rule


@pytest.mark.slow
def test_duplicates_are_all_graded_and_one_row_per_student_counts(tmp_path):
    folder = tmp_path / "in"
    (folder / "ana").mkdir(parents=True)
    shutil.copy(HALF, folder / "ana.ipynb")
    shutil.copy(FULL, folder / "ana" / f"{STEM}.ipynb")
    hour_ago = time.time() - 3600
    os.utime(folder / "ana.ipynb", (hour_ago, hour_ago))
    shutil.copy(HALF, folder / "boris.ipynb")
    summary = grade_folder(folder, "00", tmp_path / "out")
    rows = read(tmp_path / "out" / "gradebook.csv")
    assert set(rows) == {"ana", "boris"}, "one row per student, and the batch finished"
    ana = rows["ana"]
    assert (ana["status"], ana["file"], ana["auto_points"]) == ("duplicate", f"ana/{STEM}.ipynb", FULL_POINTS)
    assert "2 files belong to this student; all were graded" in ana["message"] and f"Also graded: ana.ipynb (ok, {int(HALF_POINTS) + HALF_QUIZ} points)" in ana["message"]
    assert "the newest file by its file modification time" in ana["message"]
    assert [g.file for g in summary.superseded] == ["ana.ipynb"] and rows["boris"]["status"] == "ok"
    assert "this page is for" in (tmp_path / "out" / "feedback" / "ana.html").read_text().lower()
    # The mapping file overrides the rule: it names the older file for ana.
    mapping = tmp_path / "ids.csv"
    mapping.write_text("file,student\nana.ipynb,ana\n", encoding="utf-8")
    grade_folder(folder, "00", tmp_path / "out2", ids=mapping)
    ana = read(tmp_path / "out2" / "gradebook.csv")["ana"]
    assert (ana["file"], ana["auto_points"]) == ("ana.ipynb", HALF_POINTS) and "mapping file (--ids)" in ana["message"]


def test_files_that_are_not_notebooks_are_named_with_what_to_do(tmp_path):
    moodle = tmp_path / "in" / "Boris Ivanov_23456_assignsubmission_file_"
    moodle.mkdir(parents=True)
    (moodle / "lesson.pdf").write_bytes(b"%PDF-1.4")
    shutil.copy(HALF, tmp_path / "in" / "ana.IPYNB")  # an upper-case suffix is still a notebook
    (tmp_path / "in" / "notes.txt").write_text("my notes")
    batch = collect_batch(tmp_path / "in", STEM)
    by_student = {s.student: s for s in batch.submissions}
    assert set(by_student) == {"ana", "Boris Ivanov_23456"}
    assert by_student["Boris Ivanov_23456"].problem.startswith("it is a PDF (an exported notebook?), which cannot be graded: ask the student for the .ipynb file")
    assert batch.ignored == [("notes.txt", "it is not a notebook (a .txt file, not .ipynb): ask the student for the .ipynb file")]


def _with_answer(source_days: str, name: str, folder: Path) -> None:
    nb = nbformat.read(FULL, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ex00_days_between_answer":
            cell.source = source_days + "\n" + cell.source
    nbformat.write(nb, folder / f"{name}.ipynb")


BURN = "import time\nstart = time.process_time()\nwhile time.process_time() - start < 1.5:  # 1.5 s of CPU: over a 1 s cell limit, under 2 s\n    pass"
SLEEP = "import time\ntime.sleep(16)  # computes nothing: over the 12 s of real time a 4 s notebook limit allows, under the retry's 24 s"


@pytest.mark.slow
def test_a_slow_but_correct_notebook_is_retried_alone_and_keeps_its_points(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _with_answer(BURN, "slow_cell", folder)
    _with_answer(SLEEP, "slow_notebook", folder)
    shutil.copy(FULL, folder / "quick.ipynb")
    summary = grade_folder(folder, "00", tmp_path / "out", limits=Limits(timeout=4, cell_timeout=1))
    rows = read(tmp_path / "out" / "gradebook.csv")
    for student in ("slow_cell", "slow_notebook"):
        row = rows[student]
        assert (row["status"], row["auto_points"], row["quiz_points"], row["retried"]) == ("ok", FULL_POINTS, "1", "yes"), row["message"]
        assert "while graded beside other submissions, so it was run again alone with its time limits doubled" in row["message"]
    assert rows["quick"]["retried"] == "" and rows["quick"]["auto_points"] == FULL_POINTS
    assert {g.student for g in summary.look_at} == {"slow_cell", "slow_notebook"}, "a retried row is one to look at"
    page = (tmp_path / "out" / "feedback" / "slow_cell.html").read_text()
    assert "run again on its own with twice the time" in page



def test_the_instructor_guide_explains_every_status():
    from unionstate import paths
    from unionstate.grading.statuses import RunStatus

    guide = (paths.ROOT / "lessons" / "instructor-guide.md").read_text(encoding="utf-8")
    table = guide[guide.index("### Run statuses"):guide.index("### The sandbox")]
    missing = [s.value for s in RunStatus if f"| `{s.value}` |" not in table]
    assert not missing, f"lessons/instructor-guide.md does not explain the status(es) {missing}"
