"""The grader counts the core path and the "Going further" points apart, and notes results a student revealed."""

from __future__ import annotations

import csv

from unionstate.exercises import records
from unionstate.exercises.model import Exercise, for_lesson
from unionstate.grading.compose import Plan
from unionstate.grading.report import feedback_page, gradebook_columns, gradebook_rows, overview
from unionstate.grading.runner import RunResult
from unionstate.grading.score import REVEALED_NOTE, grade


def test_core_and_extension_points_and_reveals(monkeypatch, tmp_path):
    exercises = [e for e in for_lesson("02") if isinstance(e, Exercise)]
    extension, revealed = exercises[3], exercises[0]
    monkeypatch.setattr(extension, "core", False)
    nb = {"cells": [{"outputs": [{"data": records.reveal_bundle(revealed.id, "The table")}]}]}
    plan = Plan(student="ana", file="ana.ipynb", lesson="02", reveals=records.reveals(nb, "02"))
    right = {e.id: e.checker.record(e.checker.reference if hasattr(e.checker, "reference") else e.checker.value, include_hidden=True)
             for e in (extension, revealed)}
    g = grade(plan, RunResult(records=right))
    assert g.extension_points == extension.points
    assert g.core_points == revealed.points
    assert g.revealed == [revealed.id]
    item = next(i for i in g.items if i.id == revealed.id)
    assert item.points == revealed.points and REVEALED_NOTE in item.message  # noted, not penalised: the instructor decides
    row = gradebook_rows("02", [g])[0]
    assert {"core_points", "extension_points", "revealed"} <= set(gradebook_columns("02"))
    assert row["extension_points"] == f"{extension.points:g}" and row["revealed"] == revealed.id
    page = feedback_page("02", "t", g)
    assert "going further" in page and "Core path:" in page and "Revealed" in page
    overview("02", "t", [g], tmp_path)
    with open(tmp_path / "overview" / "items.csv", newline="", encoding="utf-8") as fh:
        items = {r["id"]: r for r in csv.DictReader(fh)}
    assert items[extension.id]["part"] == "going further" and items[revealed.id]["revealed"] == "1"
    assert "going-further sections" in (tmp_path / "overview" / "index.html").read_text(encoding="utf-8")


def test_the_plan_reads_reveal_records_from_the_submission():
    import nbformat

    from unionstate import paths
    from unionstate.grading.compose import build_plan, master_for
    from unionstate.release import read_master, release_notebook

    master = master_for("02", paths.NOTEBOOKS)
    student = release_notebook(read_master(master), name=master.name)
    cell = next(c for c in student.cells if c.cell_type == "code" and "reveal(" in c.source)
    cell.outputs = [nbformat.v4.new_output("display_data", data=records.reveal_bundle("02.union_share", "The source's own words"))]
    plan = build_plan("ana", "ana.ipynb", nbformat.writes(student).encode(), "02", master)
    assert plan.reveals == {"02.union_share": "The source's own words"}
