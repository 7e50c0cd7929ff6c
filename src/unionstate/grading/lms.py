"""Gradebook files for Canvas and Moodle, and the roster that names the students in them.

Canvas (Grades > Import) reads the CSV its own export writes (Canvas's GradebookImporter, checked in
its source): a header whose first cell contains "Student" and second "ID", optionally "SIS User ID"
and "SIS Login ID", then "Section" as the last identity column; then one column per assignment,
named "Title (assignment id)" (a bare title is matched by name, or creates a new assignment); an
optional second row whose first cell contains "Points Possible". A student is found by the Canvas
ID column first, then by SIS User ID or SIS Login ID, then by name ("Last, First" or the full name).
Comma or semicolon separators; a UTF-8 byte-order mark is accepted (Canvas's export writes one when
the instructor turns it on, for Excel). An empty grade changes nothing in Canvas.

Moodle (Grades > Import > CSV file) reads any CSV with a header row: the instructor picks the
separator and the encoding, then maps one column to identify the user (email address, ID number,
username or user id) and the others to grade items or to "feedback for" an item (Moodle's
gradeimport_csv, checked in its source). A UTF-8 byte-order mark is removed on reading. Two things
to know, both from that source: an identifier Moodle does not know stops the whole import, so rows
are written only for students whose identifier is known; and an empty grade means "no grade", which
replaces a grade already there.

The kit writes both files as UTF-8 with a byte-order mark (so Excel shows names with accents), comma
separated, one row per student: every student of the roster (with --roster), a student without a
submission with an empty grade (or 0 with --missing-zero), and in the Canvas file also the
submissions the roster does not know (Canvas lets the instructor match or skip them on import). The
grade is the kit's total: exercises, quizzes and the written answers graded so far.

The roster is the CSV the LMS exports: Canvas's gradebook export (Grades > Export) or Moodle's grade
export (Grades > Export > Plain text file), or any CSV with a name and an identifier column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises.status import Status
from ..paths import atomic_write
from .errors import GradingError
from .score import GradedSubmission

BOM = "\ufeff"
CANVAS_FILE = "canvas-gradebook.csv"
MOODLE_FILE = "moodle-grades.csv"
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "    Points Possible"  # as Canvas's export writes it (the importer looks for the words)
MOODLE_IDS = {"email": "Email address", "idnumber": "ID number", "username": "Username"}  # Moodle's own column names
FORMATS = ("canvas", "moodle")

# Roster columns, by what they hold; names compared without case, spaces or punctuation.
_COLUMNS = {
    "sortable": ["student", "studentname", "name", "fullname", "sortablename"],
    "first": ["firstname", "givenname", "first"],
    "last": ["lastname", "surname", "familyname", "last"],
    "canvas_id": ["id", "canvasid", "canvasuserid", "userid"],
    "sis_user_id": ["sisuserid"],
    "sis_login_id": ["sisloginid", "loginid"],
    "section": ["section", "sections"],
    "email": ["emailaddress", "email", "emailadresse", "mail"],
    "idnumber": ["idnumber", "studentid", "studentnumber", "matriculationnumber"],
    "username": ["username", "user", "login"],
}


def _squash(text: str) -> str:
    """Letters and digits only, without case or accents: 'Petrova, Ana' -> 'petrovaana' (Canvas's download names)."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def _same(text: str) -> str:
    return " ".join((text or "").split()).casefold()


# --- the roster ---------------------------------------------------------------------------------


@dataclass
class RosterStudent:
    name: str  # "Ana Petrova"
    sortable: str  # "Petrova, Ana" (Canvas's Student column)
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    email: str = ""
    idnumber: str = ""
    username: str = ""
    line: int = 0
    cells: dict[str, str] = field(default_factory=dict)  # every column of the row, by header

    def identifier(self, mode: str) -> str:
        return {"email": self.email, "idnumber": self.idnumber, "username": self.username}[mode]


@dataclass
class Roster:
    path: Path
    kind: str  # "canvas", "moodle" or "csv"
    students: list[RosterStudent]
    columns: list[str]  # the header, as in the file
    assignments: dict[str, str] = field(default_factory=dict)  # Canvas: assignment title -> id, from "Title (id)" columns

    def has(self, what: str) -> bool:
        return any(getattr(s, what) for s in self.students)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GradingError(f"The roster {path} cannot be read ({exc.strerror or exc}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GradingError(f"The roster {path} is not UTF-8 text. Export it again from your LMS, or save it from your spreadsheet as 'CSV UTF-8'.") from None


def _separator(text: str) -> str:
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    best, most = ",", 0
    for sep in (",", ";", "\t"):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if counts and counts[0] > most and len(set(counts)) == 1:
            best, most = sep, counts[0]
    return best


def _kind(header: list[str]) -> str:
    if len(header) > 3 and "Student" in header[0] and "ID" in header[1] and any("Section" in h for h in header[1:7]):
        return "canvas"
    if len(header) > 4 and "LastName" in header[0] and "FirstName" in header[1] and "ID" in header[2]:
        return "canvas"
    keys = {_squash(h) for h in header}
    if {"firstname", "lastname"} <= keys and ({"emailaddress", "idnumber", "username"} & keys):
        return "moodle"
    return "csv"


def _skip_canvas_row(row: list[str]) -> bool:
    first = row[0] if row else ""
    if "Points Possible" in first:
        return True
    if all(re.fullmatch(r"\s*(Muted|Manual Posting.*|\(read only\))?\s*", c or "", flags=re.I) for c in row):
        return True
    return _same(first) == "student, test"  # Canvas's test student (Student View)


def read_roster(path: str | Path) -> Roster:
    """The students of an LMS export (or a plain CSV); GradingError with one sentence when it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise GradingError(f"The roster {path} does not exist.")
    text = _decode(path)
    if not text.strip():
        raise GradingError(f"The roster {path} is empty. Export the gradebook from your LMS (Canvas: Grades > Export; Moodle: Grades > Export > Plain text file).")
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_separator(text)))
    except csv.Error as exc:
        raise GradingError(f"The roster {path} is not a readable CSV file ({exc}). Export it again from your LMS.") from None
    header = [h.strip() for h in rows[0]]
    kind = _kind(header)
    where: dict[str, int] = {}
    for what, names in _COLUMNS.items():
        for i, h in enumerate(header):
            if _squash(h) in names and what not in where:
                if what == "canvas_id" and kind != "canvas":
                    continue  # a bare "ID" is Canvas's user id only in a Canvas export
                where[what] = i
    if kind == "canvas" and "LastName" in header[0]:
        where["last"], where["first"] = 0, 1
        where.pop("sortable", None)
    if kind == "csv" and "canvas_id" not in where and any(_squash(h) == "id" for h in header):
        where["idnumber"] = next(i for i, h in enumerate(header) if _squash(h) == "id")
    has_name = "sortable" in where or ("first" in where and "last" in where)
    has_id = any(k in where for k in ("canvas_id", "sis_user_id", "sis_login_id", "email", "idnumber", "username"))
    if not has_name and not has_id:
        raise GradingError(
            f"The roster {path} has no column naming the students (it has: {', '.join(h for h in header if h)[:300]}). "
            "Use your LMS's gradebook export, or a CSV with a name column and an email, ID number or username column."
        )
    assignments = {}
    if kind == "canvas":
        for h in header:
            m = re.fullmatch(r"(.+?)\s*\((\d+)\)", h)
            if m:
                assignments[m.group(1).strip()] = m.group(2)
    students, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        if not any((c or "").strip() for c in row):
            continue
        if kind == "canvas" and _skip_canvas_row(row):
            continue

        def cell(what: str) -> str:
            i = where.get(what)
            return row[i].strip() if i is not None and i < len(row) else ""

        first, last, sortable = cell("first"), cell("last"), cell("sortable")
        if first or last:
            name = " ".join(p for p in (first, last) if p)
            sortable = sortable or (f"{last}, {first}" if last and first else name)
        elif "," in sortable:
            last, _, first = sortable.partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
        else:
            name = sortable
        s = RosterStudent(name=name, sortable=sortable, canvas_id=cell("canvas_id"), sis_user_id=cell("sis_user_id"), sis_login_id=cell("sis_login_id"),
                          section=cell("section"), email=cell("email"), idnumber=cell("idnumber"), username=cell("username"), line=line,
                          cells={h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h})
        key = s.canvas_id or s.email.casefold() or s.idnumber or s.username.casefold() or _same(s.sortable)
        if not key or key in seen:
            continue  # an empty line, or a student listed twice (Canvas repeats no one; a hand-made roster may)
        seen.add(key)
        students.append(s)
    if not students:
        raise GradingError(f"The roster {path} lists no students (only a header{' and Canvas rows without students' if kind == 'canvas' else ''}).")
    return Roster(path, kind, students, header, assignments)


# --- matching submissions to the roster ---------------------------------------------------------

CANVAS_ID = re.compile(r"(?P<name>[a-z0-9]+)_(?P<uid>\d+)")  # collect.py's id for Canvas downloads: name_userid
MOODLE_ID = re.compile(r"(?P<name>.+?)_(?P<pid>\d+)")  # collect.py's id for Moodle downloads: "Full Name_participant"


@dataclass
class Matching:
    rows: list[tuple[RosterStudent, GradedSubmission | None]]  # in roster order
    unmatched: list[tuple[GradedSubmission, str]]  # submissions the roster does not know, and why
    notes: list[str] = field(default_factory=list)


def _candidates(student: str) -> list[tuple[str, str]]:
    """(field group, value) to look up, most specific first."""
    out = []
    m = CANVAS_ID.fullmatch(student)
    if m:
        out.append(("canvas_id", m.group("uid")))
    out.append(("ids", _same(student)))
    m = MOODLE_ID.fullmatch(student)
    if m:
        out.append(("names", _same(m.group("name"))))
    out.append(("names", _same(student)))
    if CANVAS_ID.fullmatch(student):
        out.append(("squashed", _squash(CANVAS_ID.fullmatch(student).group("name"))))
    out.append(("squashed", _squash(MOODLE_ID.fullmatch(student).group("name") if MOODLE_ID.fullmatch(student) else student)))
    return out


def match(roster: Roster, graded: list[GradedSubmission]) -> Matching:
    index: dict[tuple[str, str], list[int]] = {}

    def add(group: str, value: str, k: int) -> None:
        if value:
            ks = index.setdefault((group, value), [])
            if k not in ks:
                ks.append(k)

    for k, s in enumerate(roster.students):
        add("canvas_id", s.canvas_id, k)
        for v in (s.canvas_id, s.sis_user_id, s.sis_login_id, s.email, s.idnumber, s.username):
            add("ids", _same(v), k)
        for v in (s.name, s.sortable):
            add("names", _same(v), k)
            add("squashed", _squash(v), k)
    chosen: dict[int, GradedSubmission] = {}
    unmatched, notes = [], []
    for g in graded:
        found, why = None, "not in the roster (no ID, SIS ID, email, username or name matches)"
        for group, value in _candidates(g.student):
            hits = index.get((group, value), [])
            if len(hits) == 1:
                found = hits[0]
                break
            if len(hits) > 1:
                why = f"matches {len(hits)} students of the roster ({', '.join(roster.students[h].name for h in hits[:3])}): give it an id with --ids"
                break
        if found is None:
            unmatched.append((g, why))
            continue
        if found in chosen:
            other = chosen[found]
            keep, drop = (g, other) if _points(g) > _points(other) else (other, g)
            chosen[found] = keep
            unmatched.append((drop, f"{roster.students[found].name} has another submission ({keep.student}), which counts (more points)"))
            notes.append(f"Two submissions match {roster.students[found].name}: {keep.student} and {drop.student}; the LMS files use {keep.student}. Check which file is theirs.")
            continue
        chosen[found] = g
    return Matching([(s, chosen.get(k)) for k, s in enumerate(roster.students)], unmatched, notes)


# --- the grade of a submission ------------------------------------------------------------------


def _points(g: GradedSubmission) -> float:
    return g.auto_points + g.quiz_points + (g.manual_points or 0)


def gradable(g: GradedSubmission) -> bool:
    """False when nothing in the submission could be graded (an unreadable file, the wrong lesson)."""
    return not any(i.status == Status.NOT_GRADED for i in g.items)


def written_pending(g: GradedSubmission) -> bool:
    return any(i.kind == "reflection" and i.points is None for i in g.items)


def fmt_points(value: float) -> str:
    value = round(float(value), 2)
    return f"{value:g}" if value else "0"


def feedback_text(lesson: str, g: GradedSubmission) -> str:
    """A short text for the LMS: points per part and per item. Never an expected value, a hint or a hidden test."""
    def part(kind: str) -> tuple[float, int]:
        items = [i for i in g.items if i.kind == kind]
        return sum(i.points or 0 for i in items), sum(i.max_points for i in items)

    ex, ex_max = part("exercise")
    qz, qz_max = part("quiz")
    wr, wr_max = part("reflection")
    pieces = [f"Lesson {lesson}: {fmt_points(_points(g))} of {g.max_points} points.", f"Exercises {fmt_points(ex)}/{ex_max}"]
    if qz_max:
        pieces[-1] += f", quizzes {fmt_points(qz)}/{qz_max}"
    if wr_max:
        pieces[-1] += f", written answers {'to be graded' if written_pending(g) else fmt_points(wr) + '/' + str(wr_max)}"
    pieces[-1] += "."
    per_item = ", ".join(f"{i.id.split('.', 1)[-1]} {'-' if i.points is None else fmt_points(i.points)}/{i.max_points}" for i in g.items)
    pieces.append(f"Per item: {per_item}.")
    if g.status != "ok":
        pieces.append(f"Grading note: {g.status} (see your feedback page).")
    return " ".join(pieces)


# --- writing ------------------------------------------------------------------------------------


@dataclass
class LmsOptions:
    formats: tuple[str, ...] = FORMATS
    roster: Roster | None = None
    moodle_id: str = "email"
    missing_zero: bool = False
    assignment_name: str = ""  # default: "Lesson NN: title"
    assignment_id: str = ""  # Canvas's assignment id (the number in the assignment's address)

    def validate(self) -> None:
        """GradingError (one sentence) for options that cannot work; called before grading starts."""
        if self.moodle_id not in MOODLE_IDS:
            raise GradingError(f"--moodle-id must be one of {', '.join(MOODLE_IDS)}.")
        if self.assignment_id and not str(self.assignment_id).isdigit():
            raise GradingError(f"--assignment-id {self.assignment_id!r} is not a number: use the number at the end of the assignment's address in Canvas.")
        r = self.roster
        if r is not None and "moodle" in self.formats and not r.has(self.moodle_id):
            fits = ", ".join(k for k in MOODLE_IDS if r.has(k)) or "none fits this roster"
            raise GradingError(f"The roster {r.path} has no {MOODLE_IDS[self.moodle_id]} column with values, which --moodle-id {self.moodle_id} "
                               f"needs. Choose another --moodle-id ({fits}), or export the roster with that field.")


@dataclass
class LmsFiles:
    written: dict[str, Path]
    rows: int  # students in the files (roster students, or submissions without a roster)
    missing: list[RosterStudent]  # roster students without a submission
    unmatched: list[tuple[str, str]]  # submissions the roster does not know: (student, why)
    not_graded: list[str]  # submissions that could not be graded: no grade written
    pending: int  # students whose written answers are still to be graded (counted as 0 so far)
    left_out_of_moodle: list[str]  # students without a known identifier for Moodle
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for fmt, path in self.written.items():
            out.append(f"  {fmt + ' gradebook:':<18}{path}")
        if self.missing:
            shown = ", ".join(s.name or s.email or s.canvas_id for s in self.missing[:8]) + (f" and {len(self.missing) - 8} more" if len(self.missing) > 8 else "")
            out.append(f"Roster students without a submission ({len(self.missing)}): {shown}.")
        if self.unmatched:
            out.append(f"Submissions not in the roster ({len(self.unmatched)}):")
            out += [f"  {student}: {why}" for student, why in self.unmatched[:20]]
            if len(self.unmatched) > 20:
                out.append(f"  and {len(self.unmatched) - 20} more (see class-report/index.html)")
        if self.not_graded:
            out.append(f"No grade written for {len(self.not_graded)} submission(s) that could not be graded: {', '.join(self.not_graded[:8])}.")
        if self.left_out_of_moodle:
            out.append(f"Not in the Moodle file, identifier unknown ({len(self.left_out_of_moodle)}): {', '.join(self.left_out_of_moodle[:8])}"
                       + (" ..." if len(self.left_out_of_moodle) > 8 else "") + ".")
        if self.pending:
            out.append(f"{self.pending} student(s) have written answers still to be graded: their LMS grade counts them as 0 until you run "
                       "merge-manual and then `kit.py lms` again.")
        out += [f"Note: {n}" for n in self.notes]
        return out


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return BOM + buf.getvalue()


def _name_guess(student: str) -> str:
    m = MOODLE_ID.fullmatch(student)
    return m.group("name") if m else student


def canvas_header(name: str, assignment_id: str) -> str:
    return f"{name} ({assignment_id})" if assignment_id else name


def write_lms_files(lesson: str, title: str, graded: list[GradedSubmission], out: Path, options: LmsOptions) -> LmsFiles:
    options.validate()
    name = options.assignment_name or f"Lesson {lesson}: {title}"
    roster = options.roster
    assignment_id = options.assignment_id or (roster.assignments.get(name, "") if roster else "")
    max_points = max((g.max_points for g in graded), default=0)
    notes: list[str] = []

    def grade_of(g: GradedSubmission | None) -> str:
        if g is None:
            return "0" if options.missing_zero else ""
        return fmt_points(_points(g)) if gradable(g) else ""

    if roster:
        matching = match(roster, graded)
        pairs = matching.rows
        unmatched = [(g.student, why) for g, why in matching.unmatched]
        extra = [g for g, _ in matching.unmatched]
        notes += matching.notes
    else:
        pairs, unmatched, extra = [], [], list(graded)
    missing = [s for s, g in pairs if g is None]
    files: dict[str, Path] = {}

    if "canvas" in options.formats:
        rows = [CANVAS_IDENTITY + [canvas_header(name, assignment_id)], [POINTS_POSSIBLE, "", "", "", "", str(max_points)]]
        for s, g in pairs:
            rows.append([s.sortable or s.name, s.canvas_id, s.sis_user_id, s.sis_login_id, s.section, grade_of(g)])
        for g in extra:
            m = CANVAS_ID.fullmatch(g.student)
            rows.append([_name_guess(m.group("name") if m else g.student), m.group("uid") if m else "", "", "", "", grade_of(g)])
        files["canvas"] = out / CANVAS_FILE
        atomic_write(files["canvas"], _csv(rows))
        if not roster:
            with_id = sum(1 for g in extra if CANVAS_ID.fullmatch(g.student))
            notes.append(f"No roster: the Canvas file has {len(extra)} row(s) named from the submissions' file names ({with_id} with a Canvas ID from a "
                         "Canvas download). Canvas finds a student by ID, then SIS User ID or SIS Login ID, then by name: rows it cannot place are "
                         "listed on its import page. Pass --roster (Canvas: Grades > Export) to fill ID, SIS User ID, SIS Login ID and Section.")
        if not assignment_id:
            notes.append(f"Canvas: no assignment id given, so the column is named {name!r}; Canvas adds it to the assignment of that name, or "
                         "creates a new one. Pass --assignment-id (the number in the assignment's address) to put the grades into an existing one.")

    left_out_of_moodle: list[str] = []
    if "moodle" in options.formats:
        label = MOODLE_IDS[options.moodle_id]
        rows = [[label, name, "Feedback"]]
        if roster:
            for s, g in pairs:
                ident = s.identifier(options.moodle_id)
                if not ident:
                    left_out_of_moodle.append(s.name)
                    continue
                feedback = feedback_text(lesson, g) if g is not None and gradable(g) else ("No submission was received." if g is None else "Your file could not be graded: see your feedback page.")
                rows.append([ident, grade_of(g), feedback])
            left_out_of_moodle += [g.student for g in extra]
        else:
            for g in graded:
                ident = g.student if (options.moodle_id != "email" or "@" in g.student) and not MOODLE_ID.fullmatch(g.student) else ""
                if not ident:
                    left_out_of_moodle.append(g.student)
                    continue
                rows.append([ident, grade_of(g), feedback_text(lesson, g) if gradable(g) else "Your file could not be graded: see your feedback page."])
            notes.append(f"No roster: the Moodle file identifies students by the names the kit found ({label}); Moodle stops the whole import at the "
                         "first identifier it does not know. Pass --roster (Moodle: Grades > Export > Plain text file) to fill them in.")
        files["moodle"] = out / MOODLE_FILE
        atomic_write(files["moodle"], _csv(rows))
        if missing and not options.missing_zero and roster:
            notes.append("Moodle: the rows of students without a submission have an empty grade, which in Moodle means 'no grade' and replaces a grade "
                         "already entered. Delete those rows first if you entered some grades by hand, or use --missing-zero.")
    not_graded = [g.student for g in graded if not gradable(g)]
    return LmsFiles(files, len(pairs) if roster else len(graded), missing, unmatched, not_graded, sum(1 for g in graded if written_pending(g)),
                    left_out_of_moodle, notes)


__all__ = ["CANVAS_FILE", "CANVAS_IDENTITY", "FORMATS", "LmsFiles", "LmsOptions", "MOODLE_FILE", "MOODLE_IDS", "Roster", "RosterStudent",
           "feedback_text", "match", "read_roster", "write_lms_files"]
