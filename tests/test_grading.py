"""The grade command's parts: collecting from folders and LMS zips, instructor mistakes, the run plan,
the runner's limits, the reports (never revealing answers) and the manual-score merge."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from grading_helpers import kit

from unionstate import paths
from unionstate.exercises.model import Exercise, for_lesson
from unionstate.grading import sandbox as sb
from unionstate.grading.api import grade_folder
from unionstate.grading.collect import collect, student_from_path
from unionstate.grading.compose import build_plan, master_for, parse_submission
from unionstate.grading.errors import GradingError
from unionstate.grading.report import manual_sheet
from unionstate.grading.runner import Limits, run_all
from unionstate.grading.score import grade

CORPUS = Path(__file__).parent / "corpus" / "00"
MASTER = master_for("00", paths.NOTEBOOKS)


# --- student ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, student",
    [
        ("Ana Petrova_12345_assignsubmission_file_/00-start-here.ipynb", "Ana Petrova_12345"),
        ("petrovaana_12345_67890_00-start-here.ipynb", "petrovaana_12345"),
        ("petrovaana_LATE_12345_67890_00-start-here.ipynb", "petrovaana_12345"),
        ("ana/00-start-here.ipynb", "ana"),
        ("ana.ipynb", "ana"),
        ("ana-00-start-here.ipynb", "ana"),
        ("00-start-here.ipynb", "00-start-here"),
    ],
)
def test_student_ids_from_lms_names(path, student):
    assert student_from_path(PurePosixPath(path), "00-start-here") == student


def test_collect_a_moodle_zip(tmp_path):
    archive = tmp_path / "moodle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(CORPUS / "full_marks.ipynb", "Ana Petrova_12345_assignsubmission_file_/00-start-here.ipynb")
        zf.write(CORPUS / "half.ipynb", "Boris Ivanov_23456_assignsubmission_file_/00-start-here.ipynb")
        zf.writestr("__MACOSX/._junk.ipynb", "junk")
        zf.writestr("Boris Ivanov_23456_assignsubmission_file_/.ipynb_checkpoints/00-start-here-checkpoint.ipynb", "old")
    subs = collect(archive, "00-start-here")
    assert [s.student for s in subs] == ["Ana Petrova_12345", "Boris Ivanov_23456"]
    assert subs[0].data == (CORPUS / "full_marks.ipynb").read_bytes()


def test_mapping_file_names_students(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "half.ipynb", folder / "submission1.ipynb")
    mapping = tmp_path / "ids.csv"
    mapping.write_text("file,student\nsubmission1.ipynb,s-001\n", encoding="utf-8")
    assert [s.student for s in collect(folder, "00-start-here", mapping)] == ["s-001"]
    mapping.write_text("name,id\n", encoding="utf-8")
    with pytest.raises(GradingError, match="needs the columns 'file' and 'student'"):
        collect(folder, "00-start-here", mapping)


def test_instructor_mistakes_are_one_sentence(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GradingError, match="No .ipynb files in"):
        collect(empty, "00-start-here")
    bad_zip = tmp_path / "broken.zip"
    bad_zip.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(GradingError, match="cannot be read as a zip file"):
        collect(bad_zip, "00-start-here")
    with pytest.raises(GradingError, match="does not exist"):
        collect(tmp_path / "nowhere", "00-start-here")
    with pytest.raises(GradingError, match="There is no lesson '42'"):
        master_for("42", paths.NOTEBOOKS)


def test_cli_reports_instructor_mistakes_without_traceback(tmp_path):
    (tmp_path / "in").mkdir()
    result = kit("grade", str(tmp_path / "in"), "--lesson", "00", "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.startswith("error: No .ipynb files") and "Traceback" not in result.stderr
    result = kit("grade", str(CORPUS), "--lesson", "99")
    assert result.returncode == 2 and "There is no lesson '99'" in result.stderr


# --- plans -------------------------------------------------------------------------------------


def test_unreadable_files_get_a_plain_reason():
    assert parse_submission(b"")[1] == "The file is empty."
    assert "not valid notebook JSON" in parse_submission(b"{ nope")[1]
    assert "not a text file" in parse_submission(b"\xff\xfe\x00\x01")[1]
    assert "not a Jupyter notebook" in parse_submission(b'{"a": 1}')[1]
    assert parse_submission(b'{"cells": []}')[1] == "The notebook has no cells."
    old_format = parse_submission(b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": []}], "metadata": {}}')[1]
    assert old_format.startswith("The file is an old notebook format (nbformat 3)") and "open it in JupyterLab 4 and save it" in old_format


def test_plan_never_runs_check_or_quiz_cells_and_restores_deleted_cells():
    nb = nbformat.read(CORPUS / "full_marks.ipynb", as_version=4)
    setup = nb.cells[2]
    nb.cells.remove(setup)  # the student deleted the import cell
    plan = build_plan("x", "x.ipynb", nbformat.writes(nb).encode(), "00", MASTER)
    sources = [c.source for c in plan.cells]
    assert not any("check(" in s or "quiz(" in s for s in sources)
    restored = [c for c in plan.cells if c.origin == "master"]
    assert restored and restored[0].source == setup.source
    assert sorted(e for ids in plan.collect_after.values() for e in ids) == sorted(e.id for e in for_lesson("00") if isinstance(e, Exercise))


def test_wrong_lesson_is_reported():
    other = nbformat.read(CORPUS / "empty.ipynb", as_version=4)
    other.metadata["unionstate"]["lesson"] = "03"
    plan = build_plan("x", "x.ipynb", nbformat.writes(other).encode(), "00", MASTER)
    assert plan.status == "wrong lesson" and "lesson 03, not lesson 00" in plan.message


def test_added_cells_run_where_the_student_put_them():
    nb = nbformat.read(CORPUS / "empty.ipynb", as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "ex00_days_between_answer")
    nb.cells[index].source = "days_between = my_helper()"
    nb.cells.insert(index, nbformat.v4.new_code_cell("def my_helper():\n    return 36"))
    plan = build_plan("x", "x.ipynb", nbformat.writes(nb).encode(), "00", MASTER)
    sources = [c.source for c in plan.cells]
    assert sources.index("def my_helper():\n    return 36") < sources.index("days_between = my_helper()")
    results = run_all([plan], Limits(timeout=20, cell_timeout=5), workers=1)
    assert grade(plan, results["x.ipynb"]).auto_points == 1


# --- runner ------------------------------------------------------------------------------------


def _plan_with(source: str):
    """The empty submission with `source` as the answer cell of 00.days_between."""
    nb = nbformat.read(CORPUS / "empty.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ex00_days_between_answer":
            cell.source = source
    return build_plan("probe", "probe.ipynb", nbformat.writes(nb).encode(), "00", MASTER)


SANDBOX = sb.containment_for([CORPUS, paths.NOTEBOOKS], [paths.ROOT])


@pytest.mark.parametrize("containment", [SANDBOX, None], ids=["sandbox", "no sandbox"])
def test_submissions_cannot_reach_the_network(containment):
    plan = _plan_with("import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n    days_between = 'online'\nexcept OSError as e:\n    days_between = 'offline'")
    result = run_all([plan], Limits(timeout=20, cell_timeout=5), workers=1, containment=containment)["probe.ipynb"]
    assert result.network_isolated or containment is None, "the sandbox always has its own empty network namespace"
    if not result.network_isolated:
        pytest.skip("without the sandbox this machine does not allow a new network namespace; the grade command says so in its summary")
    record = result.records["00.days_between"]
    assert record == {"type": "string", "value": "offline"}


@pytest.mark.parametrize("containment", [SANDBOX, None], ids=["sandbox", "no sandbox"])
def test_a_submission_works_in_its_own_folder(containment):
    plan = _plan_with("import os\nopen('written-by-student.txt', 'w').write('x')\ndays_between = os.getcwd() + ' ' + str(os.listdir('.'))")
    result = run_all([plan], Limits(timeout=20, cell_timeout=5), workers=1, containment=containment)["probe.ipynb"]
    workdir, listing = result.records["00.days_between"]["value"].split(" ", 1)
    assert "unionstate-grade-" in workdir and "written-by-student.txt" in listing
    assert not Path(workdir).exists()  # its own folder, gone afterwards (in the sandbox it never was on the disk)


def test_spawned_processes_give_the_same_results_as_forked_ones():
    """Where fork is missing (Windows) each submission runs in a new Python process instead."""
    plans = [build_plan(n, f"{n}.ipynb", (CORPUS / f"{n}.ipynb").read_bytes(), "00", MASTER) for n in ("full_marks", "half", "kernel_death")]
    forked = run_all(plans, Limits(timeout=30, cell_timeout=5), workers=2, containment=SANDBOX)
    spawned = run_all(plans, Limits(timeout=60, cell_timeout=10), workers=2, spawn=True)
    for p in plans:
        assert grade(p, forked[p.file]).auto_points == grade(p, spawned[p.file]).auto_points
        assert forked[p.file].status == spawned[p.file].status


# --- reports and merge ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graded_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("grades")
    grade_folder(CORPUS, "00", out, limits=Limits(timeout=60, cell_timeout=2))
    return out


def test_outputs_are_written(graded_out):
    for name in ("gradebook.csv", "results.json", "manual-grading.csv", "manual-grading.html", "overview/index.html", "overview/success_rate.png", "overview/score_distribution.png", "overview/items.csv"):
        assert (graded_out / name).exists(), name
    assert (graded_out / "overview" / "success_rate.png").read_bytes()[:4] == b"\x89PNG"
    assert len(list((graded_out / "feedback").glob("*.html"))) == len(list(CORPUS.glob("*.ipynb")))
    assert "What happened to the submissions" in (graded_out / "overview" / "index.html").read_text()
    page = (graded_out / "overview" / "index.html").read_text()
    assert 'alt="Bar chart: percentage of the' in page


def test_feedback_pages_never_reveal_expected_values_or_hidden_tests(graded_out):
    forms = [f for e in for_lesson("00") if isinstance(e, Exercise) for f in e.checker.expected_forms()]
    for page in (graded_out / "feedback").glob("*.html"):
        text = page.read_text()
        assert "check_hidden" not in text and "BEGIN" not in text
        if page.stem != "full_marks":
            for form in forms:
                assert f">{form}<" not in text and f" {form} " not in text, f"{page.name} shows {form}"
    wrong = (graded_out / "feedback" / "wrong_types.html").read_text()
    assert "not yet" in wrong and "Hint:" in wrong and "<code>days_between</code>" in wrong


def test_merge_manual_scores(tmp_path):
    lesson = next((p.name for p in sorted((Path(__file__).parent / "corpus").iterdir()) if p.is_dir() and any(r for r in for_lesson(p.name) if r.kind == "reflection")), None)
    if lesson is None:
        pytest.skip("no lesson with a written answer has a corpus yet")
    out, folder = tmp_path / "g", tmp_path / "in"
    folder.mkdir()
    for name in ("full_marks", "half", "empty"):  # written answers, none, and the released copy: enough for the merge
        shutil.copy(Path(__file__).parent / "corpus" / lesson / f"{name}.ipynb", folder / f"{name}.ipynb")
    limits = Limits(timeout=60, cell_timeout=5)
    grade_folder(folder, lesson, out, limits=limits)
    sheet = out / "manual-grading.csv"
    rows = list(csv.DictReader(open(sheet, encoding="utf-8")))
    written = [r for r in rows if r["answer"]]
    assert written and all(r["rubric"] for r in written)
    # A wrong score: nothing is merged, the message names the line.
    bad = [dict(r, score="many") if r is written[0] else r for r in rows]
    _write(sheet, bad)
    failed = kit("merge-manual", str(out))
    line = rows.index(written[0]) + 2  # the header is line 1
    assert failed.returncode == 2 and f"line {line} (" in failed.stderr and "'many' is not a number" in failed.stderr
    assert not (out / "gradebook-final.csv").exists()
    good = [dict(r, score=str(int(r["max_points"])), comment="Well argued.") if r["answer"] else r for r in rows]
    _write(sheet, good)
    merged = kit("merge-manual", str(out))
    assert merged.returncode == 0, merged.stderr
    final = {r["student"]: r for r in csv.DictReader(open(out / "gradebook-final.csv", encoding="utf-8"))}
    original = {r["student"]: r for r in csv.DictReader(open(out / "gradebook.csv", encoding="utf-8"))}
    full = final["full_marks"]
    assert float(full["manual_points"]) > 0 and float(full["total"]) == float(full["auto_points"]) + float(full["quiz_points"]) + float(full["manual_points"])
    assert original["full_marks"]["manual_points"] == ""  # the first gradebook is left as it was
    assert "Well argued." in (out / "feedback" / "full_marks.html").read_text()
    # Grading again keeps the scores already typed into the sheet.
    grade_folder(folder, lesson, out, limits=limits)
    kept = {(r["student"], r["reflection"]): r for r in csv.DictReader(open(sheet, encoding="utf-8"))}
    assert kept[("full_marks", written[0]["reflection"])]["comment"] == "Well argued."


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_results_json_round_trips(graded_out):
    data = json.loads((graded_out / "results.json").read_text())
    assert data["lesson"] == "00" and {s["student"] for s in data["submissions"]} >= {"full_marks", "corrupt"}


def test_results_json_from_another_version_still_loads(graded_out, tmp_path):
    """merge-manual and `kit.py lms` read results.json back: keys another version added are ignored, not fatal."""
    from unionstate.grading.manual import load_results

    data = json.loads((graded_out / "results.json").read_text())
    data["submissions"][0]["added_later"] = "row key"
    data["submissions"][0]["items"][0]["added_later"] = "item key"
    (tmp_path / "results.json").write_text(json.dumps(data))
    lesson, _, graded = load_results(tmp_path)
    assert lesson == "00" and graded[0].student == data["submissions"][0]["student"]
    assert graded[0].items[0].id == data["submissions"][0]["items"][0]["id"] and graded[0].statuses == data["submissions"][0]["statuses"]


def test_manual_sheet_for_lessons_without_reflections(tmp_path):
    path, n = manual_sheet("00", [], tmp_path)
    assert n == 0 and path.read_text().startswith("student,reflection")


def test_claim_card_verdicts_reach_the_manual_sheet(tmp_path):
    from unionstate.grading.compose import clicked_notes
    from unionstate.widgets.store import ANSWER_MIME

    record = {"lesson": "05", "claim_verdicts": {"C04": {"verdict": "partly supported", "justification": "Only 62.7% even with the EFSD (S_OFFICELIFE_2019b)."}}}
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {ANSWER_MIME: record}}]}]}
    text = clicked_notes(nb)
    assert text.startswith("Claim-card verdicts: C04: partly supported (Only 62.7%")
    assert clicked_notes({"cells": [{"cell_type": "code", "outputs": [{"data": {ANSWER_MIME: "garbage"}}]}]}) == ""
