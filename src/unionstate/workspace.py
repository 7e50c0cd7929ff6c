"""The student's workspace: their own copies of the lessons, never overwritten.

- sync(): first run creates a student copy of every lesson; later runs add new
  lessons. A copy the student already has is never touched. When its master
  has changed since, sync says so and how to refresh.
- refresh(): saves the student's file to backups/ first, writes the new
  version, and carries the student's answers over into it.
- reference files: the workspace also gets SOURCES.md (the source register) and
  glossary.md, which the notebooks point to. A missing one is copied; one the kit
  copied earlier is brought up to date only while it is byte for byte what the kit
  wrote (its hash is in the manifest), so nothing a student typed into it is ever
  replaced; an edited or foreign file of that name is kept and the report says so.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import paths
from .paths import atomic_write
from .release import ReleaseError, master_notebooks, release_file, sha256_of

MANIFEST = Path(".unionstate") / "manifest.json"
BACKUPS = "backups"


def reference_files() -> dict[str, Path]:
    """Files every workspace gets beside the notebooks: name in the workspace -> the kit's file."""
    return {"SOURCES.md": paths.data_dir() / "SOURCES.md", "glossary.md": paths.LESSONS / "glossary.md"}


class WorkspaceError(RuntimeError):
    """Something about the workspace needs the user's attention."""


def default_workspace() -> Path:
    return Path(os.environ.get("UNIONSTATE_WORKSPACE", paths.ROOT / "workspace"))


def _read_manifest(ws: Path) -> dict:
    path = ws / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        # The manifest only remembers which master each copy came from; losing it loses no work.
        path.rename(path.with_name(f"manifest.unreadable-{int(time.time())}.json"))
        return {}


def _write_manifest(ws: Path, manifest: dict) -> None:
    (ws / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(ws / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    references_added: list[str] = field(default_factory=list)
    references_updated: list[str] = field(default_factory=list)
    references_kept: list[str] = field(default_factory=list)  # the student's own version, different from the kit's

    def messages(self) -> list[str]:
        out = []
        if self.references_added or self.references_updated:
            names = ", ".join(self.references_added + self.references_updated)
            out.append(f"Reference files for the lessons: {names} (the source register and the glossary).")
        for name in self.references_kept:
            out.append(f"Kept your {name} as it is: it differs from the kit's. To get the kit's current one, rename yours and start the lab again.")
        if self.created:
            out.append(f"Created your copies of: {', '.join(self.created)}.")
        if self.kept:
            out.append(f"Kept your notebooks as they are: {', '.join(self.kept)}.")
        for name in self.outdated:
            lesson = name[:2]
            out.append(
                f"A newer version of {name} is available. Your notebook was NOT changed. To switch to the new version, run "
                f"`python3 kit.py refresh {lesson}`: your current file is saved in {BACKUPS}/ first and your answers are copied into the new version."
            )
        return out


def sync(ws: Path, masters: Path | None = None, references: dict[str, Path] | None = None) -> SyncReport:
    """Create missing student copies; never overwrite an existing one. Then the reference files (see the module's docstring)."""
    masters = masters or paths.NOTEBOOKS
    ws.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(ws)
    report = SyncReport()
    for master in master_notebooks(masters):
        target = ws / master.name
        master_hash = sha256_of(master)
        if target.exists():
            report.kept.append(master.name)
            known = manifest.get(master.name, {}).get("master_sha256")
            if known and known != master_hash:
                report.outdated.append(master.name)
            elif not known:
                manifest[master.name] = {"master_sha256": master_hash, "created": _now()}
            continue
        atomic_write(target, release_file(master))
        manifest[master.name] = {"master_sha256": master_hash, "created": _now()}
        report.created.append(master.name)
    _sync_references(ws, reference_files() if references is None else references, manifest, report)
    _write_manifest(ws, manifest)
    return report


def _sync_references(ws: Path, references: dict[str, Path], manifest: dict, report: SyncReport) -> None:
    copies = manifest.setdefault("reference_files", {})
    for name, kit_file in references.items():
        if not kit_file.exists():
            continue
        data = kit_file.read_bytes()
        kit_hash = sha256_of(data)
        target = ws / name
        if not target.exists():
            atomic_write(target, data)
            copies[name] = kit_hash
            report.references_added.append(name)
            continue
        current = sha256_of(target)
        if current == kit_hash:
            copies[name] = kit_hash
        elif current == copies.get(name):  # exactly the copy the kit wrote: nobody changed it
            atomic_write(target, data)
            copies[name] = kit_hash
            report.references_updated.append(name)
        else:
            report.references_kept.append(name)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def backup(path: Path, source: Path | None = None) -> Path:
    """Copy a file into backups/ under a new, unused name; returns the copy.

    source: copy this file's content instead, named after path (git's merge driver gets the
    student's version as a temporary file)."""
    folder = path.parent / BACKUPS
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}.{stamp}-{n}{path.suffix}"
    shutil.copy2(source or path, target)
    return target


def _answer_sources(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Student-editable answer cells by nbgrader grade_id."""
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id"):
            out[meta["grade_id"]] = cell.source
    return out


def carry_answers(old: nbformat.NotebookNode, new: nbformat.NotebookNode) -> list[str]:
    """Copy the student's answers into the new version (cells matched by grade_id); returns the ids carried."""
    answers = _answer_sources(old)
    fresh = _answer_sources(new)
    carried = []
    for cell in new.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers and cell.metadata.get("nbgrader", {}).get("solution") and answers[gid] != fresh.get(gid):
            cell.source = answers[gid]
            carried.append(gid)
    return carried


@dataclass
class RefreshReport:
    notebook: str
    backup: Path | None
    carried: list[str]
    problem: str = ""

    def messages(self) -> list[str]:
        out = [f"{self.notebook} is now the newest version."]
        if self.backup:
            out.append(f"Your previous file is saved as {self.backup}.")
        if self.carried:
            out.append(f"Copied your answers for {len(self.carried)} exercise(s) into the new version: {', '.join(self.carried)}.")
        if self.problem:
            out.append(self.problem)
        return out


def refresh(ws: Path, lesson: str, masters: Path | None = None) -> RefreshReport:
    """Replace a student copy by the newest version, after backing it up and carrying its answers over."""
    masters = masters or paths.NOTEBOOKS
    matches = [m for m in master_notebooks(masters) if m.name.startswith(f"{lesson}-") or m.stem == lesson]
    if not matches:
        known = ", ".join(m.name[:2] for m in master_notebooks(masters))
        raise WorkspaceError(f"There is no lesson {lesson!r}. Lessons: {known}.")
    master = matches[0]
    target = ws / master.name
    new = nbformat.reads(release_file(master), as_version=4)
    saved, carried, problem = None, [], ""
    if target.exists():
        saved = backup(target)
        try:
            old = nbformat.read(target, as_version=4)
            carried = carry_answers(old, new)
        except Exception as exc:  # unreadable: it is backed up, answers cannot be carried
            problem = f"Your old file could not be read as a notebook ({type(exc).__name__}), so no answers were copied; it is safe in {saved}."
    atomic_write(target, nbformat.writes(new) + "\n")
    manifest = _read_manifest(ws)
    manifest[master.name] = {"master_sha256": sha256_of(master), "created": _now()}
    _write_manifest(ws, manifest)
    return RefreshReport(master.name, saved, carried, problem)


__all__ = ["ReleaseError", "WorkspaceError", "backup", "carry_answers", "default_workspace", "refresh", "sync"]
