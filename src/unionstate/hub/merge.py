"""git's merge driver for lesson notebooks: a pull that brings a new version of a lesson the student
has worked on does what `kit.py refresh` does on a laptop.

git runs it (as `python -m unionstate.hub.merge %O %A %B %P`, configured by `kit.py hub-setup`, named
in the published branch's .gitattributes) only when both the student and the new release changed the
same notebook. nbgitpuller has by then committed the student's version; the driver

1. saves the student's version (%A) as backups/<lesson>.<time>.ipynb beside the lesson (never replaced);
2. writes the new version (%B) into %A with the student's answer cells copied in (matched by grade_id,
   as refresh does), and exits 0, so the merge completes and the student opens the new version.

If the new version cannot be read, the driver leaves the student's file as it is and exits 1 (git then
reports a conflict and nbgitpuller an error; nothing is lost). If the student's file cannot be read as
a notebook, it is in backups/ and the new version is written without answers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from ..workspace import backup, carry_answers


def merge_notebook(ours: Path, theirs: Path, path: Path) -> list[str]:
    """Back up `ours` (named after `path`), then write the new version `theirs` with its answers into `ours`."""
    saved = backup(path, source=ours)
    if path.exists():  # git's temporary copy is private (0600): give the backup the lesson file's own mode
        saved.chmod(path.stat().st_mode & 0o777)
    try:
        new = nbformat.reads(theirs.read_text(encoding="utf-8"), as_version=4)
    except Exception as exc:  # the release is broken: keep the student's file, let git report the conflict
        raise RuntimeError(f"the new version of {path} cannot be read ({type(exc).__name__}); your file is unchanged") from None
    messages = [f"{path.name} has a new version. Your file is saved as {saved}."]
    try:
        carried = carry_answers(nbformat.read(ours, as_version=4), new)
    except Exception as exc:
        carried = []
        messages.append(f"Your file could not be read as a notebook ({type(exc).__name__}), so no answers were copied; it is safe in {saved}.")
    if carried:
        messages.append(f"Copied your answers for {len(carried)} exercise(s) into the new version: {', '.join(carried)}.")
    ours.write_text(nbformat.writes(new) + "\n", encoding="utf-8")
    return messages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 4:
        print("usage: python -m unionstate.hub.merge BASE OURS THEIRS PATH (git's %O %A %B %P)", file=sys.stderr)
        return 2
    _base, ours, theirs, path = args
    try:
        for line in merge_notebook(Path(ours), Path(theirs), Path(path)):
            print(f"unionstate: {line}")
    except (OSError, RuntimeError) as exc:
        print(f"unionstate: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - git runs it
    sys.exit(main())
