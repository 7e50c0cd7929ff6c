"""Master -> student: prompts replace solutions, nothing secret is left anywhere in the file."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from unionstate import paths
from unionstate.release import (
    ReleaseError,
    clear_solutions,
    leaked_lines,
    master_notebooks,
    read_master,
    release_folder,
    release_notebook,
    remove_hidden_tests,
    stub_for,
)

MASTERS = master_notebooks(paths.NOTEBOOKS)


def solution_and_hidden_lines(nb) -> list[str]:
    """Every line between the markers, and every line of Markdown answer and instructor cells."""
    out = []
    for cell in nb.cells:
        lines = cell.source.split("\n")
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            out += lines
        if "instructor-only" in cell.metadata.get("tags", []):
            out += lines
        inside = False
        for line in lines:
            s = line.strip()
            if s in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
                inside = True
            elif s in ("### END SOLUTION", "### END HIDDEN TESTS"):
                inside = False
            elif inside:
                out.append(line)
    return out


@pytest.mark.parametrize("master_path", MASTERS, ids=lambda p: p.name)
def test_student_version_has_no_solution_text_anywhere(master_path):
    master = read_master(master_path)
    student = release_notebook(master, name=master_path.name)
    secret = [s.strip() for s in solution_and_hidden_lines(master) if len(s.strip()) >= 12 and not s.strip().startswith("#")]
    text = json.dumps(json.loads(nbformat.writes(student)))  # every field, metadata included
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS"):
        assert marker not in text
    for line in secret:
        assert json.dumps(line)[1:-1] not in text, f"{master_path.name}: solution line left in the student version: {line!r}"


@pytest.mark.parametrize("master_path", MASTERS, ids=lambda p: p.name)
def test_student_version_is_clean(master_path):
    master = read_master(master_path)
    student = release_notebook(master, name=master_path.name)
    assert len(student.cells) == len([c for c in master.cells if "instructor-only" not in c.metadata.get("tags", [])])
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        assert set(cell.metadata) <= {"nbgrader", "tags", "editable", "deletable", "jupyter"}
        if cell.metadata.get("nbgrader", {}).get("locked"):
            assert cell.metadata["editable"] is False
    assert set(student.metadata) == {"kernelspec", "language_info", "unionstate"}
    assert student.metadata["unionstate"]["role"] == "student"
    # the cells keep their ids, so graders can match a submission to the master
    assert [c.id for c in student.cells] == [c.id for c in master.cells if "instructor-only" not in c.metadata.get("tags", [])]
    nbformat.validate(student)


@pytest.mark.parametrize("master_path", MASTERS, ids=lambda p: p.name)
def test_student_answer_cells_still_set_the_answer_variable(master_path):
    """So an unanswered check says 'Not answered yet' (the variable is ...), not 'no variable yet'."""
    from unionstate.authoring import sets_name
    from unionstate.exercises.model import by_grade_id

    items = by_grade_id()
    student = release_notebook(read_master(master_path), name=master_path.name)
    answer_cells = [c for c in student.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]
    for cell in answer_cells:
        exercise = items[cell.metadata["nbgrader"]["grade_id"].removesuffix("_answer")]
        assert sets_name(cell.source, exercise.answer), f"{master_path.name}: the student cell of {exercise.id} does not set {exercise.answer}"


def test_stubs():
    assert stub_for(["share = trade.loc[2019, 'x']", "share = round(share, 1)"], "") == [
        "# Your answer: replace the ... (three dots) with your answer.",
        "share = ...",
    ]
    assert stub_for(["a, b = 1, 2"], "") [1:] == ["a = ...", "b = ..."]
    assert stub_for(["    return z * p"], "    ") == ["    # Your code: replace the ... (three dots) with the body of the function.", "    return ..."]
    assert stub_for(["ax.plot(x, y)", "ax.set_title('t')"], "")[1:] == ["..."]


def test_function_stub_runs_and_returns_ellipsis():
    source = "def f(p, n):\n    '''doc'''\n    ### BEGIN SOLUTION\n    q = p * n\n    return q\n    ### END SOLUTION"
    new, removed = clear_solutions(source, "test")
    namespace = {}
    exec(new, namespace)
    assert namespace["f"](1, 2) is Ellipsis
    assert removed == ["    q = p * n", "    return q"]


def test_unbalanced_markers_are_reported():
    with pytest.raises(ReleaseError, match="never closed"):
        clear_solutions("### BEGIN SOLUTION\nx = 1", "nb, cell 3")
    with pytest.raises(ReleaseError, match="without a"):
        clear_solutions("x = 1\n### END SOLUTION", "nb, cell 3")
    with pytest.raises(ReleaseError, match="twice"):
        remove_hidden_tests("### BEGIN HIDDEN TESTS\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS", "nb")


def test_hidden_tests_and_instructor_cells_are_removed():
    nb = new_notebook()
    nb.cells = [
        new_code_cell("answer = 1  # visible"),
        new_code_cell("check('00.days_between')\n### BEGIN HIDDEN TESTS\ncheck_hidden('00.days_between')\n### END HIDDEN TESTS"),
        new_markdown_cell("Secret teaching note for instructors only", metadata={"tags": ["instructor-only"]}),
        new_markdown_cell("<!-- answer: 00.x -->\nA model answer that students must not see", metadata={"nbgrader": {"solution": True, "grade": True, "grade_id": "refl00_x"}}),
    ]
    student = release_notebook(nb, name="t")
    text = nbformat.writes(student)
    assert "check_hidden" not in text and "Secret teaching" not in text and "model answer that" not in text
    assert student.cells[1].source == "check('00.days_between')"
    assert student.cells[2].source.startswith("*Write your answer here")


def test_leak_scan_catches_a_solution_line_left_in_metadata():
    nb = new_notebook()
    nb.cells = [new_code_cell("x = 1", metadata={"note": "union_share = baw.share_pct.iloc[0]"})]
    assert leaked_lines(nb, ["union_share = baw.share_pct.iloc[0]"]) == ["union_share = baw.share_pct.iloc[0]"]


def test_release_folder_never_replaces_without_force(tmp_path):
    written = release_folder(paths.NOTEBOOKS, tmp_path)
    assert [p.name for p in written] == [p.name for p in MASTERS]
    first = written[0]
    first.write_text(first.read_text() + " ", encoding="utf-8")
    with pytest.raises(ReleaseError, match="exists already"):
        release_folder(paths.NOTEBOOKS, tmp_path)
    assert first.read_text().endswith(" ")
    release_folder(paths.NOTEBOOKS, tmp_path, force=True)
    assert not first.read_text().endswith(" ")
