"""Did grading change the kit? A hash of every file of the kit's data, code and masters (and of the
submissions) before and after a batch.

The sandbox should make a change impossible; this check does not trust it. Any difference is
reported loudly by the grade command and the run is marked untrustworthy (the submissions' code may
have changed what the grader itself uses). The grader writes no bytecode while it checks, so its own
imports cannot cause a false alarm.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Integrity:
    roots: list[str] = field(default_factory=list)  # what was checked
    files: int = 0  # how many files were compared
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def trustworthy(self) -> bool:
        return not (self.changed or self.added or self.removed)

    def lines(self) -> list[str]:
        if self.trustworthy:
            return [f"Integrity: the {self.files} files of {', '.join(self.roots)} are unchanged."]
        out = ["WARNING: grading changed files it must never change, so this run cannot be trusted:"]
        for label, paths in (("changed", self.changed), ("created", self.added), ("deleted", self.removed)):
            shown = paths[:10]
            out += [f"  {label}: {p}" for p in shown]
            if len(paths) > len(shown):
                out.append(f"  ... and {len(paths) - len(shown)} more {label}")
        out.append("Restore the kit (git checkout -- data/ src/ notebooks/, or reinstall it), check the rows graded "
                   "without a sandbox, and grade again.")
        return out


def snapshot(roots: list[Path]) -> dict[str, str]:
    """path -> sha256 of every file under the roots (a file root is hashed itself); links by their target."""
    out: dict[str, str] = {}
    for root in roots:
        root = Path(root)
        if root.is_file():
            out[str(root)] = _digest(root)
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                out[str(path)] = "link:" + os.readlink(path) if path.is_symlink() else _digest(path)
    return out


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    return h.hexdigest()


def compare(roots: list[Path], before: dict[str, str], after: dict[str, str]) -> Integrity:
    return Integrity(
        roots=[str(r) for r in roots],
        files=len(before),
        changed=sorted(p for p in before.keys() & after.keys() if before[p] != after[p]),
        added=sorted(after.keys() - before.keys()),
        removed=sorted(before.keys() - after.keys()),
    )


__all__ = ["Integrity", "compare", "snapshot"]
