"""Find the submissions and whose each one is.

Accepted inputs: a folder (files, or one sub-folder per student) or a zip of the same, including the
archives Moodle and Canvas produce. The student id comes from the file name:

- Moodle: "Ana Petrova_12345_assignsubmission_file_/02-public-opinion.ipynb" -> "Ana Petrova_12345"
- Canvas: "petrovaana_LATE_12345_67890_02-public-opinion.ipynb"              -> "petrovaana_12345"
- a sub-folder per student: "ana/02-public-opinion.ipynb"                    -> "ana"
- plain files: "ana.ipynb", "ana-02-public-opinion.ipynb"                    -> "ana"

A mapping file (CSV with columns file,student) overrides the names. Files are read once, into memory;
the originals are never opened for writing.

Several files for one student (a student who uploaded twice) are all graded; the gradebook keeps one
row per student, chosen by this rule (choose_per_student):

1. the file the mapping file names for that student, if it names exactly one of them;
2. Canvas names: the higher upload number (Canvas numbers uploaded files in order; its zip dates are
   the download time, so they say nothing);
3. the newest date: the zip entry's date (Moodle's older zip writer stores the time the file was
   uploaded; an LMS that stores the download time gives equal dates, and the rule goes on) or, in a
   folder, the file's modification time;
4. the same date: the last file name in alphabetical order.

Files that are not notebooks are listed as ignored, or, when an LMS folder or name says whose they
are and that student sent no notebook, graded as unreadable with a sentence saying what to do.
"""

from __future__ import annotations

import csv
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import GradingError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a bigger "notebook" is not graded, it is reported
MOODLE = re.compile(r"^(?P<student>.+?_\d+)_assign(?:submission|feedback)_[a-z]+_?$")
CANVAS = re.compile(r"^(?P<name>[a-z0-9]+)_(?:LATE_)?(?P<uid>\d+)_(?P<upload>\d+)_(?P<rest>.+)$")


@dataclass
class Submission:
    student: str
    name: str  # the file's path inside the folder or zip, for messages
    data: bytes
    problem: str = ""  # set when the file could not even be read
    submitted_at: float | None = None  # the zip entry's date or the file's modification time (seconds since 1970)
    dated_by: str = ""  # where submitted_at comes from: "zip entry date", "file modification time"
    named_in_mapping: bool = False  # the mapping file gave this file its student id


@dataclass
class Batch:
    submissions: list[Submission]  # every file to grade, several per student included
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, why it is not graded)


@dataclass
class Choice:
    """Which of a student's files the gradebook row counts."""

    kept: Submission
    others: list[Submission]
    rule: str  # the rule that decided, in words


def student_from_path(path: PurePosixPath, lesson_stem: str) -> str:
    """The student id a file name implies (see the module docstring)."""
    for part in path.parts[:-1]:
        m = MOODLE.match(part)
        if m:
            return m.group("student")
    m = CANVAS.match(path.name)
    if m:
        return f"{m.group('name')}_{m.group('uid')}"
    if len(path.parts) > 1:
        return path.parts[-2]
    stem = path.stem
    for suffix in (f"-{lesson_stem}", f"_{lesson_stem}", f" {lesson_stem}", lesson_stem):
        if stem.endswith(suffix) and stem != suffix:
            return stem[: -len(suffix)].strip("-_ ")
    return stem


def _is_junk(path: PurePosixPath) -> bool:
    return any(p.startswith((".", "__MACOSX")) or p == ".ipynb_checkpoints" for p in path.parts)


def _is_notebook(path: PurePosixPath) -> bool:
    return path.suffix.lower() == ".ipynb"


def _lms_owned(path: PurePosixPath) -> bool:
    """Does the path itself say whose file it is (a Moodle folder, a Canvas name, a folder per student)?"""
    return len(path.parts) > 1 or bool(CANVAS.match(path.name))


NOT_A_NOTEBOOK = {
    ".zip": "it is a zip archive, not a notebook: unpack it and grade the .ipynb inside, or ask the student for the notebook",
    ".pdf": "it is a PDF (an exported notebook?), which cannot be graded: ask the student for the .ipynb file",
    ".html": "it is an HTML page (an exported notebook?), which cannot be graded: ask the student for the .ipynb file",
    ".py": "it is a Python script, not a notebook: ask the student for the .ipynb file",
}


def not_a_notebook(path: PurePosixPath) -> str:
    return NOT_A_NOTEBOOK.get(path.suffix.lower(), f"it is not a notebook (a {path.suffix or 'nameless'} file, not .ipynb): ask the student for the .ipynb file")


def _read_mapping(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    if not path.exists():
        raise GradingError(f"The mapping file {path} does not exist.")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"file", "student"} <= set(reader.fieldnames):
            raise GradingError(f"The mapping file {path} needs the columns 'file' and 'student' (it has: {', '.join(reader.fieldnames or [])}).")
        return {row["file"].strip(): row["student"].strip() for row in reader if row["file"].strip()}


TOO_BIG = f"the file is larger than {MAX_FILE_BYTES // 2**20} MB, so it is not a notebook the kit made (was another file uploaded?)"


def _entries(source: Path) -> list[tuple[PurePosixPath, bytes, str, float | None, str]]:
    """(relative path, bytes, problem, date, where the date comes from) of every file under a folder or in a zip."""
    out = []
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            rel = PurePosixPath(p.relative_to(source).as_posix())
            if p.is_file() and not _is_junk(rel):
                stat = p.stat()
                if not _is_notebook(rel):
                    out.append((rel, b"", not_a_notebook(rel), stat.st_mtime, "file modification time"))
                elif stat.st_size > MAX_FILE_BYTES:
                    out.append((rel, b"", TOO_BIG, stat.st_mtime, "file modification time"))
                else:
                    out.append((rel, p.read_bytes(), "", stat.st_mtime, "file modification time"))
        return out
    if source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
        try:
            with zipfile.ZipFile(source) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename):
                    rel = PurePosixPath(info.filename)
                    if info.is_dir() or _is_junk(rel):
                        continue
                    try:
                        date = time.mktime((*info.date_time, 0, 0, -1))
                    except (OverflowError, ValueError):
                        date = None
                    if not _is_notebook(rel):
                        out.append((rel, b"", not_a_notebook(rel), date, "zip entry date"))
                        continue
                    if info.file_size > MAX_FILE_BYTES:
                        out.append((rel, b"", TOO_BIG, date, "zip entry date"))
                        continue
                    try:
                        out.append((rel, zf.read(info), "", date, "zip entry date"))
                    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # one damaged member: report it, go on
                        out.append((rel, b"", f"it could not be extracted from the zip ({exc}): download the zip again", date, "zip entry date"))
        except zipfile.BadZipFile as exc:
            raise GradingError(f"{source} cannot be read as a zip file ({exc}). Download it again from your LMS, or unpack it and pass the folder.") from None
        return out
    raise GradingError(f"{source} is neither a folder nor a zip file.")


def collect_batch(source: Path, lesson_stem: str, mapping: Path | None = None) -> Batch:
    """Every file to grade with its student id, and the files left out; raises GradingError for an unusable input."""
    if not source.exists():
        raise GradingError(f"{source} does not exist.")
    names = _read_mapping(mapping)
    entries = _entries(source)
    subs, ignored = [], []
    for rel, data, problem, date, dated_by in entries:
        named = names.get(rel.as_posix()) or names.get(rel.name)
        student = named or student_from_path(rel, lesson_stem)
        subs.append(Submission(student, rel.as_posix(), data, problem, date, dated_by, bool(named)))
    with_notebook = {s.student for s in subs if _is_notebook(PurePosixPath(s.name))}
    if not with_notebook:
        raise GradingError(f"No .ipynb files in {source}. Check the path (a folder or a zip of submitted notebooks).")
    kept = []
    for s in subs:
        path = PurePosixPath(s.name)
        if _is_notebook(path):
            kept.append(s)
        elif s.student in with_notebook:
            ignored.append((s.name, f"{s.student} also sent a notebook; {not_a_notebook(path)}"))
        elif _lms_owned(path) or s.named_in_mapping:
            kept.append(s)  # that student's only file: a row saying why it cannot be graded
        else:
            ignored.append((s.name, not_a_notebook(path)))
    # one row for a student who sent only other files, however many
    seen_other: set[str] = set()
    rows = []
    for s in kept:
        if not _is_notebook(PurePosixPath(s.name)):
            if s.student in seen_other:
                ignored.append((s.name, not_a_notebook(PurePosixPath(s.name))))
                continue
            seen_other.add(s.student)
        rows.append(s)
    return Batch(sorted(rows, key=lambda s: (s.student.casefold(), s.name)), ignored)


def collect(source: Path, lesson_stem: str, mapping: Path | None = None) -> list[Submission]:
    """Every file to grade with its student id (several per student included)."""
    return collect_batch(source, lesson_stem, mapping).submissions


def _canvas_upload(sub: Submission) -> int | None:
    m = CANVAS.match(PurePosixPath(sub.name).name)
    return int(m.group("upload")) if m else None


def choose_per_student(subs: list[Submission]) -> dict[str, Choice]:
    """The file each student's row counts (see the module docstring for the rule)."""
    groups: dict[str, list[Submission]] = {}
    for s in subs:
        groups.setdefault(s.student, []).append(s)
    out = {}
    for student, files in groups.items():
        if len(files) == 1:
            out[student] = Choice(files[0], [], "")
            continue
        named = [f for f in files if f.named_in_mapping]
        uploads = [_canvas_upload(f) for f in files]
        dates = [f.submitted_at for f in files]
        if len(named) == 1:
            kept, rule = named[0], "the file the mapping file (--ids) names for this student"
        elif all(u is not None for u in uploads) and len(set(uploads)) == len(uploads):
            kept, rule = max(files, key=_canvas_upload), "the last upload (Canvas numbers uploads in order)"
        elif all(d is not None for d in dates) and len(set(dates)) > 1:
            newest = max(dates)
            latest = [f for f in files if f.submitted_at == newest]
            kept = max(latest, key=lambda f: f.name)
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest))
            rule = f"the newest file by its {kept.dated_by} ({when})"
        else:
            kept, rule = max(files, key=lambda f: f.name), "the last file name in alphabetical order (the files carry no usable date)"
        out[student] = Choice(kept, [f for f in files if f is not kept], rule)
    return out
