"""The student's workspace is never overwritten: new lessons are added, changed lessons are announced,
refresh backs up first and carries the answers over."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from unionstate import paths
from unionstate.release import master_notebooks
from unionstate.workspace import MANIFEST, WorkspaceError, refresh, sync

START = "00-start-here.ipynb"


@pytest.fixture
def masters(tmp_path):
    folder = tmp_path / "masters"
    shutil.copytree(paths.NOTEBOOKS, folder)
    return folder


def answer(path, grade_id, source):
    """Type an answer into a student's notebook, as JupyterLab would save it."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    nbformat.write(nb, path)


def change_master(masters, name):
    nb = nbformat.read(masters / name, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("A paragraph added in a new version of the lesson."))
    nbformat.write(nb, masters / name)


def test_first_run_creates_every_lesson(tmp_path, masters):
    ws = tmp_path / "ws"
    report = sync(ws, masters)
    assert report.created == [p.name for p in master_notebooks(masters)]
    assert (ws / MANIFEST).exists()
    student = nbformat.read(ws / START, as_version=4)
    assert student.metadata["unionstate"]["role"] == "student"


def test_rerun_keeps_the_students_notebook_byte_for_byte(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    answer(ws / START, "ex00_days_between_answer", "days_between = 36  # my answer")
    before = (ws / START).read_bytes()
    report = sync(ws, masters)
    assert report.created == [] and START in report.kept
    assert (ws / START).read_bytes() == before


def test_new_lessons_are_added_later(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    new_master = masters / "99-new-lesson.ipynb"
    shutil.copy(masters / START, new_master)
    report = sync(ws, masters)
    assert report.created == ["99-new-lesson.ipynb"]


def test_changed_master_is_announced_never_applied(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    answer(ws / START, "ex00_days_between_answer", "days_between = 36  # my answer")
    before = (ws / START).read_bytes()
    change_master(masters, START)
    report = sync(ws, masters)
    assert report.outdated == [START]
    assert (ws / START).read_bytes() == before
    message = " ".join(report.messages())
    assert "NOT changed" in message and "kit.py refresh 00" in message


def test_refresh_backs_up_and_carries_answers(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    answer(ws / START, "ex00_days_between_answer", "days_between = 36  # my answer")
    answer(ws / START, "ex00_headline_kind_answer", 'headline_kind = "C"')
    before = (ws / START).read_bytes()
    change_master(masters, START)
    report = refresh(ws, "00", masters)
    assert report.backup is not None and report.backup.read_bytes() == before
    assert sorted(report.carried) == ["ex00_days_between_answer", "ex00_headline_kind_answer"]
    new = nbformat.read(ws / START, as_version=4)
    assert new.cells[1].source == "A paragraph added in a new version of the lesson."
    sources = "\n".join(c.source for c in new.cells)
    assert "days_between = 36  # my answer" in sources and 'headline_kind = "C"' in sources
    assert sync(ws, masters).outdated == []  # the workspace now knows it is current


def test_two_refreshes_keep_two_backups(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    first = refresh(ws, "00", masters).backup
    second = refresh(ws, "00", masters).backup
    assert first != second and first.exists() and second.exists()


def test_refresh_of_a_corrupt_notebook_keeps_it(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    (ws / START).write_text("{ this is not a notebook", encoding="utf-8")
    report = refresh(ws, "00", masters)
    assert report.backup.read_text() == "{ this is not a notebook"
    assert "could not be read" in report.problem
    nbformat.read(ws / START, as_version=4)  # a fresh, readable copy


def test_refresh_unknown_lesson(tmp_path, masters):
    with pytest.raises(WorkspaceError, match="There is no lesson '42'"):
        refresh(tmp_path / "ws", "42", masters)


def test_corrupt_manifest_loses_nothing(tmp_path, masters):
    ws = tmp_path / "ws"
    sync(ws, masters)
    answer(ws / START, "ex00_days_between_answer", "days_between = 36")
    before = (ws / START).read_bytes()
    (ws / MANIFEST).write_text("garbage", encoding="utf-8")
    sync(ws, masters)
    assert (ws / START).read_bytes() == before
    assert json.loads((ws / MANIFEST).read_text())  # rebuilt
    assert list((ws / MANIFEST).parent.glob("manifest.unreadable-*.json"))


# --- reference files: the source register and the glossary ----------------------------------


@pytest.fixture
def references(tmp_path):
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "SOURCES.md").write_text("# Sources\n\n| A | one |\n", encoding="utf-8")
    (folder / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    return {"SOURCES.md": folder / "SOURCES.md", "glossary.md": folder / "glossary.md"}


def test_the_workspace_gets_the_source_register_and_the_glossary(tmp_path):
    ws = tmp_path / "ws"
    report = sync(ws, paths.NOTEBOOKS)
    assert sorted(report.references_added) == ["SOURCES.md", "glossary.md"]
    assert (ws / "SOURCES.md").read_bytes() == (paths.ROOT / "data" / "SOURCES.md").read_bytes()
    assert (ws / "glossary.md").read_bytes() == (paths.LESSONS / "glossary.md").read_bytes()
    assert "the source register and the glossary" in " ".join(report.messages())


def test_an_untouched_reference_copy_follows_the_kit(tmp_path, masters, references):
    ws = tmp_path / "ws"
    sync(ws, masters, references)
    references["SOURCES.md"].write_text("# Sources\n\n| A | one |\n| B | two |\n", encoding="utf-8")
    report = sync(ws, masters, references)
    assert report.references_updated == ["SOURCES.md"] and report.references_kept == []
    assert (ws / "SOURCES.md").read_bytes() == references["SOURCES.md"].read_bytes()


def test_a_students_own_reference_file_is_never_replaced(tmp_path, masters, references):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "glossary.md").write_text("my own notes\n", encoding="utf-8")  # there before the kit came
    sync(ws, masters, references)
    (ws / "SOURCES.md").write_text("# Sources\n\n| A | one | my comment |\n", encoding="utf-8")  # edited after
    references["SOURCES.md"].write_text("# Sources, newer\n", encoding="utf-8")
    report = sync(ws, masters, references)
    assert (ws / "glossary.md").read_text(encoding="utf-8") == "my own notes\n"
    assert (ws / "SOURCES.md").read_text(encoding="utf-8") == "# Sources\n\n| A | one | my comment |\n"
    assert sorted(report.references_kept) == ["SOURCES.md", "glossary.md"]
    assert "Kept your SOURCES.md as it is" in " ".join(report.messages())
