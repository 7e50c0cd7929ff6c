"""Find the submissions and whose each one is.

Accepted inputs: a folder (files, or one sub-folder per student) or a zip of the same, including the
archives Moodle and Canvas produce. The student id comes from the file name:

- Moodle: "Ana Petrova_12345_assignsubmission_file_/02-public-opinion.ipynb" -> "Ana Petrova_12345"
- Canvas: "petrovaana_LATE_12345_67890_02-public-opinion.ipynb"              -> "petrovaana_12345"
- a sub-folder per student: "ana/02-public-opinion.ipynb"                    -> "ana"
- plain files: "ana.ipynb", "ana-02-public-opinion.ipynb"                    -> "ana"

A mapping file (CSV with columns file,student) overrides the names. Files are read once, into memory;
the originals are never opened for writing.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import GradingError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a bigger "notebook" is not graded, it is reported
MOODLE = re.compile(r"^(?P<student>.+?_\d+)_assign(?:submission|feedback)_[a-z]+_?$")
CANVAS = re.compile(r"^(?P<name>[a-z0-9]+)_(?:LATE_)?(?P<uid>\d+)_\d+_(?P<rest>.+)$")


@dataclass
class Submission:
    student: str
    name: str  # the file's path inside the folder or zip, for messages
    data: bytes
    problem: str = ""  # set when the file could not even be read


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


def _entries(source: Path) -> list[tuple[PurePosixPath, bytes, str]]:
    """(relative path, bytes, problem) of every .ipynb under a folder or in a zip."""
    out = []
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            rel = PurePosixPath(p.relative_to(source).as_posix())
            if p.is_file() and p.suffix == ".ipynb" and not _is_junk(rel):
                if p.stat().st_size > MAX_FILE_BYTES:
                    out.append((rel, b"", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB"))
                else:
                    out.append((rel, p.read_bytes(), ""))
        return out
    if source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
        try:
            with zipfile.ZipFile(source) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename):
                    rel = PurePosixPath(info.filename)
                    if info.is_dir() or rel.suffix != ".ipynb" or _is_junk(rel):
                        continue
                    if info.file_size > MAX_FILE_BYTES:
                        out.append((rel, b"", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB"))
                        continue
                    try:
                        out.append((rel, zf.read(info), ""))
                    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:  # one damaged member: report it, go on
                        out.append((rel, b"", f"it could not be extracted from the zip ({exc})"))
        except zipfile.BadZipFile as exc:
            raise GradingError(f"{source} cannot be read as a zip file ({exc}). Download it again from your LMS, or unpack it and pass the folder.") from None
        return out
    raise GradingError(f"{source} is neither a folder nor a zip file.")


def collect(source: Path, lesson_stem: str, mapping: Path | None = None) -> list[Submission]:
    """Every submission with its student id; raises GradingError for an unusable input."""
    if not source.exists():
        raise GradingError(f"{source} does not exist.")
    names = _read_mapping(mapping)
    entries = _entries(source)
    if not entries:
        raise GradingError(f"No .ipynb files in {source}. Check the path (a folder or a zip of submitted notebooks).")
    subs = []
    for rel, data, problem in entries:
        student = names.get(rel.as_posix()) or names.get(rel.name) or student_from_path(rel, lesson_stem)
        subs.append(Submission(student=student, name=rel.as_posix(), data=data, problem=problem))
    seen: dict[str, list[str]] = {}
    for s in subs:
        seen.setdefault(s.student, []).append(s.name)
    dupes = {k: v for k, v in seen.items() if len(v) > 1}
    if dupes:
        listing = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(dupes.items()))
        raise GradingError(
            f"Several files belong to the same student id ({listing}). Keep one file per student, "
            f"or give each file its id in a mapping file (--ids mapping.csv with columns file,student)."
        )
    return sorted(subs, key=lambda s: s.student.casefold())
