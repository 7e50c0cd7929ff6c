"""Canvas and Moodle gradebook files (grading/lms.py): the documented formats, rosters, matching, round trips,
and the grade command writing them with the class report."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unionstate.exercises.model import Exercise, Quiz, for_lesson
from unionstate.exercises.status import Status
from unionstate.grading.errors import GradingError
from unionstate.grading.lms import CANVAS_IDENTITY, LmsOptions, feedback_text, match, read_roster, write_lms_files
from unionstate.grading.score import GradedSubmission, ItemGrade

CORPUS = Path(__file__).parent / "corpus" / "00"
BOM = b"\xef\xbb\xbf"
ASSIGNMENT = "Lesson 00: start here"


def _grade(student: str, right: set[str], status: str = "ok", graded: bool = True) -> GradedSubmission:
    items = []
    for it in for_lesson("00"):
        kind = "quiz" if isinstance(it, Quiz) else "exercise" if isinstance(it, Exercise) else "reflection"
        if not graded:
            items.append(ItemGrade(it.id, it.title, kind, 0, it.points, Status.NOT_GRADED if kind == "exercise" else Status.UNANSWERED))
        else:
            ok = it.id in right
            items.append(ItemGrade(it.id, it.title, kind, it.points if ok else 0, it.points, Status.CORRECT if ok else Status.INCORRECT,
                                   hint="" if ok else "HINT-TEXT-NEVER-IN-LMS"))
    return GradedSubmission(student, f"{student}.ipynb", status, "", items=items)


ALL = {"00.days_between", "00.headline_kind", "00.usable_shares"}


@pytest.fixture
def graded():
    return [
        _grade("marksfull_101", ALL),  # a Canvas download name: Canvas ID 101
        _grade("Ana Half_555", {"00.days_between", "00.usable_shares"}),  # a Moodle download name: matched by full name
        _grade("olga@example.org", {"00.usable_shares"}),  # named by an --ids mapping: matched by email
        _grade("stranger", {"00.days_between"}),  # not in the roster
        _grade("corrupt", set(), status="invalid", graded=False),  # could not be graded: no grade is written
    ]


def _write(path: Path, text: str, bom: bool = True, encoding: str = "utf-8") -> Path:
    path.write_bytes((BOM if bom else b"") + text.encode(encoding))
    return path


CANVAS_EXPORT = """Student,ID,SIS User ID,SIS Login ID,Section,Lesson 00: start here (4242),Week 1 quiz (31),Current Score,Unposted Current Score,Final Score
,,,,,Manual Posting,,,,
    Points Possible,,,,,3,10,(read only),(read only),(read only)
"Marks, Full",101,S-101,fmarks,Seminar A,,8,80,80,80
"Half, Ana",102,S-102,ahalf,Seminar A,,7,70,70,70
"Olsen, Olga",103,S-103,olga@example.org,Seminar B,,,,,
"Absent, Bob",104,S-104,babsent,Seminar B,,9,90,90,90
"Student, Test",999,,,Seminar A,,,,,
"""

MOODLE_EXPORT = """First name,Last name,ID number,Institution,Department,Email address,Assignment: Lesson 00 (Real),Last downloaded from this course
Full,Marks,M-1,Uni,Pol,fmarks@example.org,-,1767225600
Ana,Half,M-2,Uni,Pol,ahalf@example.org,-,1767225600
Olga,Olsen,M-3,Uni,Pol,olga@example.org,-,1767225600
Bob,Absent,,Uni,Pol,babsent@example.org,-,1767225600
"""


def _rows(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_a_canvas_export_is_read_as_a_roster(tmp_path):
    r = read_roster(_write(tmp_path / "canvas.csv", CANVAS_EXPORT))
    assert r.kind == "canvas"
    # The Manual Posting row, the Points Possible row and the test student are not students.
    assert [(s.name, s.sortable, s.canvas_id, s.sis_user_id, s.sis_login_id, s.section) for s in r.students] == [
        ("Full Marks", "Marks, Full", "101", "S-101", "fmarks", "Seminar A"),
        ("Ana Half", "Half, Ana", "102", "S-102", "ahalf", "Seminar A"),
        ("Olga Olsen", "Olsen, Olga", "103", "S-103", "olga@example.org", "Seminar B"),
        ("Bob Absent", "Absent, Bob", "104", "S-104", "babsent", "Seminar B"),
    ]
    assert r.assignments == {"Lesson 00: start here": "4242", "Week 1 quiz": "31"}
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(csv.reader(io.StringIO(CANVAS_EXPORT)))  # Canvas can export with semicolons
    semicolons = read_roster(_write(tmp_path / "semi.csv", buf.getvalue(), bom=False))
    assert semicolons.kind == "canvas" and [s.sortable for s in semicolons.students] == [s.sortable for s in r.students]


def test_canvas_file_follows_the_import_format_and_reads_back(tmp_path, graded):
    roster = read_roster(_write(tmp_path / "canvas.csv", CANVAS_EXPORT))
    files = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("canvas",), roster=roster))
    raw, rows = _rows(files.written["canvas"])
    assert raw.startswith(BOM) and b"\r\n" in raw and raw.count(b"\r\n") == len(rows)
    header = rows[0]
    # Canvas's importer: first cell contains "Student", second "ID", then SIS User ID, SIS Login ID, and Section last.
    assert header == CANVAS_IDENTITY + ["Lesson 00: start here (4242)"]  # the id comes from the roster's column of that name
    assert "Student" in header[0] and "ID" in header[1] and header[2] == "SIS User ID" and header[3] == "SIS Login ID" and "Section" in header[4]
    assert "Points Possible" in rows[1][0] and rows[1][1:] == ["", "", "", "", "3"]
    body = {r[0]: r for r in rows[2:]}
    assert body["Marks, Full"] == ["Marks, Full", "101", "S-101", "fmarks", "Seminar A", "3"]
    assert body["Half, Ana"][5] == "2" and body["Olsen, Olga"][5] == "1"
    assert body["Absent, Bob"][5] == ""  # no submission: empty, which changes nothing in Canvas
    assert body["stranger"][1:] == ["", "", "", "", "1"]  # not in the roster: listed, Canvas lets you match it on import
    assert body["corrupt"][5] == ""  # could not be graded: no grade
    assert dict(files.unmatched).keys() == {"stranger", "corrupt"} and [s.name for s in files.missing] == ["Bob Absent"]
    # Round trip: the file read as a Canvas gradebook gives the same points for the same students.
    back = read_roster(files.written["canvas"])
    assert back.kind == "canvas" and back.assignments == {"Lesson 00: start here": "4242"}
    points = {s.canvas_id: s.cells["Lesson 00: start here (4242)"] for s in back.students if s.canvas_id}
    want = {"101": graded[0], "102": graded[1], "103": graded[2]}
    assert {k: float(v) for k, v in points.items() if v} == {k: g.auto_points + g.quiz_points for k, g in want.items()}
    zero = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("canvas",), roster=roster, missing_zero=True))
    assert {r[0]: r[5] for r in _rows(zero.written["canvas"])[1][2:]}["Absent, Bob"] == "0"


def test_canvas_file_without_a_roster_says_what_to_match(tmp_path, graded):
    files = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("canvas",), assignment_id="77"))
    _, rows = _rows(files.written["canvas"])
    assert rows[0][-1] == "Lesson 00: start here (77)"
    body = {r[0]: r for r in rows[2:]}
    assert body["marksfull"][1] == "101" and body["Ana Half"][1] == "" and body["olga@example.org"][5] == "1"
    assert any("No roster" in n and "--roster" in n for n in files.notes)


def test_moodle_file_has_one_identifier_the_grade_and_a_feedback_column(tmp_path, graded):
    roster = read_roster(_write(tmp_path / "moodle.csv", MOODLE_EXPORT))
    assert roster.kind == "moodle"
    files = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("moodle",), roster=roster))
    raw, rows = _rows(files.written["moodle"])
    assert raw.startswith(BOM) and rows[0] == ["Email address", ASSIGNMENT, "Feedback"]
    body = {r[0]: r for r in rows[1:]}
    assert set(body) == {"fmarks@example.org", "ahalf@example.org", "olga@example.org", "babsent@example.org"}  # only known identifiers
    assert [body[k][1] for k in ("fmarks@example.org", "ahalf@example.org", "olga@example.org", "babsent@example.org")] == ["3", "2", "1", ""]
    assert body["babsent@example.org"][2] == "No submission was received."
    full = body["fmarks@example.org"][2]
    assert full.startswith("Lesson 00: 3 of 3 points.") and "days_between 1/1" in full and "usable_shares 1/1" in full
    # Nothing but points: never a hint, an expected value or a hidden test.
    forms = [f for it in for_lesson("00") if isinstance(it, Exercise) for f in it.checker.expected_forms()]
    for r in rows[1:]:
        assert "HINT-TEXT" not in r[2] and "hidden" not in r[2].lower() and not any(f" {f} " in f" {r[2]} " for f in forms)
    assert {"stranger", "corrupt"} <= set(files.left_out_of_moodle)  # an unknown identifier would stop Moodle's whole import
    # Round trip through the roster reader: the same points per identifier.
    back = read_roster(files.written["moodle"])
    assert {s.email: s.cells[ASSIGNMENT] for s in back.students} == {k: v[1] for k, v in body.items()}
    by_number = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("moodle",), roster=roster, moodle_id="idnumber", missing_zero=True))
    _, rows = _rows(by_number.written["moodle"])
    assert rows[0][0] == "ID number" and {r[0]: r[1] for r in rows[1:]} == {"M-1": "3", "M-2": "2", "M-3": "1"}
    assert "Bob Absent" in by_number.left_out_of_moodle  # no ID number in the roster


def test_moodle_without_a_roster_writes_only_identifiers_it_can_trust(tmp_path, graded):
    files = write_lms_files("00", "start here", graded, tmp_path, LmsOptions(formats=("moodle",)))
    _, rows = _rows(files.written["moodle"])
    assert [r[0] for r in rows[1:]] == ["olga@example.org"]
    assert set(files.left_out_of_moodle) == {"marksfull_101", "Ana Half_555", "stranger", "corrupt"}


def test_matching_reports_ambiguous_names_and_two_files_for_one_student(tmp_path):
    roster = read_roster(_write(tmp_path / "r.csv", "Name,Email\nAna Half,a1@example.org\nAna Half,a2@example.org\nBo Lee,bo@example.org\n"))
    assert roster.kind == "csv"
    m = match(roster, [_grade("Ana Half_5", ALL), _grade("bo@example.org", set()), _grade("Bo Lee_9", {"00.days_between"})])
    why = dict((g.student, w) for g, w in m.unmatched)
    assert why["Ana Half_5"].startswith("matches 2 students of the roster")
    assert [(s.email, g.student if g else None) for s, g in m.rows] == [("a1@example.org", None), ("a2@example.org", None), ("bo@example.org", "Bo Lee_9")]
    assert "more points" in why["bo@example.org"] and any("Two submissions match Bo Lee" in n for n in m.notes)


@pytest.mark.parametrize(
    "content, words",
    [
        ("Student,ID,Section\n\"Petrová, Ana\",1,A\n".encode("cp1252"), "save it from your spreadsheet as 'CSV UTF-8'"),
        (b"Colour,Size\nred,3\n", "has no column naming the students"),
        (b"", "is empty"),
        (b"Student,ID,SIS Login ID,Section\n    Points Possible,,,\n", "lists no students"),
    ],
)
def test_a_roster_that_cannot_be_used_gets_one_sentence(tmp_path, content, words):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(GradingError, match="roster") as err:
        read_roster(path)
    assert words in str(err.value)


def test_options_that_cannot_work_are_refused_before_grading(tmp_path):
    roster = read_roster(_write(tmp_path / "canvas.csv", CANVAS_EXPORT))
    with pytest.raises(GradingError, match="no Username column"):
        LmsOptions(roster=roster, moodle_id="username").validate()
    with pytest.raises(GradingError, match="not a number"):
        LmsOptions(assignment_id="abc").validate()


def test_the_roster_decides_which_files_by_default(tmp_path):
    from unionstate.grading.after_grading import auto_formats

    assert auto_formats(None, "email") == ("canvas", "moodle")
    assert auto_formats(read_roster(_write(tmp_path / "c.csv", CANVAS_EXPORT)), "email") == ("canvas",)
    assert auto_formats(read_roster(_write(tmp_path / "m.csv", MOODLE_EXPORT)), "email") == ("moodle",)
    plain = read_roster(_write(tmp_path / "p.csv", "Name,Email\nAna Half,a@example.org\n"))
    assert auto_formats(plain, "email") == ("canvas", "moodle") and auto_formats(plain, "username") == ("canvas",)


def test_feedback_text_counts_written_answers_as_pending():
    g = _grade("x", ALL)
    g.items.append(ItemGrade("00.fake_reflection", "r", "reflection", None, 4, Status.TO_GRADE))
    text = feedback_text("00", g)
    assert "written answers to be graded" in text and "fake_reflection -/4" in text


# --- the grade command ----------------------------------------------------------------------------


def kit(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "unionstate", *args], capture_output=True, text=True, timeout=timeout)


def test_grade_writes_the_lms_files_and_the_class_report(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    names = {"full_marks": "marksfull_101_9001", "half": "halfana_102_9002", "wrong_types": "olsenolga_103_9003", "corrupt": "strangerx_555_9004"}
    for kind, name in names.items():
        shutil.copy(CORPUS / f"{kind}.ipynb", subs / f"{name}_00-start-here.ipynb")
    roster = _write(tmp_path / "canvas.csv", CANVAS_EXPORT)
    out = tmp_path / "grades"
    done = kit("grade", str(subs), "--lesson", "00", "--out", str(out), "--roster", str(roster), "--timeout", "20", "--quiet")  # a Canvas roster: the Canvas file
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    k = lines.index("What to revisit in the next class:")
    assert len(lines[k + 1:]) == 5 and lines[k + 1].startswith("  Revisit first: 00.")
    assert (out / "class-report" / "index.html").exists() and not (out / "moodle-grades.csv").exists()
    assert "Roster students without a submission (1): Bob Absent." in done.stdout
    assert "strangerx_555" in done.stdout  # a submission not in the roster is listed
    _, rows = _rows(out / "canvas-gradebook.csv")
    assert {r[1]: r[5] for r in rows[2:] if r[1]} == {"101": "3", "102": "2", "103": "0", "104": "", "555": ""}
    # After merge-manual (or any time): the LMS files again, from results.json.
    moodle = _write(tmp_path / "moodle.csv", MOODLE_EXPORT)
    again = kit("lms", str(out), "--lms", "moodle", "--roster", str(moodle), "--missing-zero")
    assert again.returncode == 0, again.stderr
    _, rows = _rows(out / "moodle-grades.csv")
    assert {r[0]: r[1] for r in rows[1:]} == {"fmarks@example.org": "3", "ahalf@example.org": "2", "olga@example.org": "0", "babsent@example.org": "0"}


def test_grade_refuses_a_bad_roster_before_grading(tmp_path):
    bad = tmp_path / "roster.csv"
    bad.write_bytes(b"Colour,Size\nred,3\n")
    out = tmp_path / "grades"
    done = kit("grade", str(CORPUS), "--lesson", "00", "--out", str(out), "--roster", str(bad), timeout=120)
    assert done.returncode == 2 and "has no column naming the students" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()  # nothing graded, nothing written
