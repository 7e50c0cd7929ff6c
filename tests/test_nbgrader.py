"""The master notebooks work with nbgrader 0.9 unchanged, and nbgrader's autograde gives the same
auto-graded totals as the kit's grade command on the sample corpus."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from unionstate import paths
from unionstate.grading import nbgrader_course
from unionstate.release import master_notebooks

pytest.importorskip("nbgrader", reason="nbgrader is part of the test extras: python3 kit.py test installs it")

CORPUS = Path(__file__).parent / "corpus"
HONEST = ["full_marks", "half", "empty", "wrong_types", "forged_output", "edited_cells"]
# One lesson with a real mix of exercise kinds, and the start notebook.
COMPARED = ["00", "02"]


@pytest.mark.slow
def test_generate_assignment_accepts_every_master(tmp_path):
    for master in master_notebooks(paths.NOTEBOOKS):
        root = tmp_path / master.stem
        root.mkdir()
        assignment = nbgrader_course.make_course(root, master)
        result = nbgrader_course.generate(root, assignment)
        assert result.returncode == 0, f"{master.name}: nbgrader generate_assignment failed:\n{result.stderr[-3000:]}"
        released = root / "release" / assignment / master.name
        text = released.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text


@pytest.mark.slow
@pytest.mark.parametrize("lesson", [l for l in COMPARED if (CORPUS / l).is_dir()])
def test_autograde_totals_equal_the_grade_command(lesson, tmp_path):
    master = next(p for p in master_notebooks(paths.NOTEBOOKS) if p.name.startswith(lesson))
    root = tmp_path / "course"
    root.mkdir()
    assignment = nbgrader_course.make_course(root, master, timeout=120)
    assert nbgrader_course.generate(root, assignment).returncode == 0
    names = HONEST + ["redefined_check"]
    for name in names:
        nbgrader_course.submit(root, assignment, master.name, name, (CORPUS / lesson / f"{name}.ipynb").read_bytes())
    nbgrader_course.autograde(root, assignment)
    theirs = nbgrader_course.auto_scores(root, assignment, master.name)

    subs = tmp_path / "subs"
    subs.mkdir()
    for name in names:
        (subs / f"{name}.ipynb").write_bytes((CORPUS / lesson / f"{name}.ipynb").read_bytes())
    out = tmp_path / "kit"
    result = subprocess.run([sys.executable, "-m", "unionstate", "grade", str(subs), "--lesson", lesson, "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as fh:
        ours = {r["student"]: float(r["auto_points"]) for r in csv.DictReader(fh)}

    for name in HONEST:
        assert theirs.get(name) == ours[name], f"lesson {lesson}, {name}: nbgrader {theirs.get(name)} vs kit {ours[name]}"
    # nbgrader runs the checks in the student's kernel, so a redefined check() fools it; the kit does not run checks there.
    assert ours["redefined_check"] == 0
    if not theirs.get("redefined_check", 0) > 0:
        # Documentation of nbgrader 0.9, not a requirement: when nbgrader stops being fooled, this says so without failing.
        pytest.xfail(f"lesson {lesson}: nbgrader 0.9 gave a redefined check() points; this version gave {theirs.get('redefined_check', 0)}")
