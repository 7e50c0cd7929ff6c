"""Master notebooks agree with the registry and were built after the last change; their student
versions run top to bottom, unanswered, without an error (under nbval, in a separate run that is
not strict). The masters themselves run under nbval in strict mode as part of the main test run."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import nbformat
import pytest

from unionstate import paths
from unionstate.authoring import sync_metadata
from unionstate.release import master_notebooks, release_folder

MASTERS = master_notebooks(paths.NOTEBOOKS)


@pytest.mark.parametrize("path", MASTERS, ids=lambda p: p.name)
def test_master_metadata_matches_the_registry(path):
    nb = nbformat.read(path, as_version=4)
    synced = copy.deepcopy(nb)
    problems = sync_metadata(synced, path.name[:2], path.name)
    assert not problems, "\n".join(problems)
    for before, after in zip(nb.cells, synced.cells):
        assert before.metadata.get("nbgrader") == after.metadata.get("nbgrader"), (
            f"{path.name}: nbgrader metadata is stale; run `python3 kit.py build notebooks/{path.name}`"
        )


@pytest.mark.parametrize("path", MASTERS, ids=lambda p: p.name)
def test_master_was_run_top_to_bottom_without_warnings(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: outputs are not from one clean run; run kit.py build"
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{path.name}, cell {i + 1}: stored error"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{path.name}, cell {i + 1}: warning output: {out.text[:200]}"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all(getattr(c, "id", None) for c in nb.cells), "cells need stable ids (nbformat 4.5)"


@pytest.mark.parametrize("path", MASTERS, ids=lambda p: p.name)
def test_master_opens_with_title_questions_and_key_points(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    first = nb.cells[0].source
    assert first.startswith(f"# {path.name[:2]} · "), f"{path.name}: the first cell starts with '# NN · Title'"
    for needed in ("Questions", "After this notebook you can", "Time:", "Key points", "Next"):
        assert needed in text, f"{path.name}: missing '{needed}'"
    assert "progress(" in nb.cells[-1].source, f"{path.name}: end with the progress cell"


@pytest.mark.slow
def test_student_versions_run_unanswered_without_error(tmp_path):
    """nbval over every generated student notebook, not strict: unanswered checks just say so."""
    out = tmp_path / "student"
    release_folder(paths.NOTEBOOKS, out)
    env = {**os.environ, "UNIONSTATE_STRICT": "0"}
    cmd = [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q", "-c", os.devnull, "--rootdir", str(out), str(out)]
    result = subprocess.run(cmd, cwd=out, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"student notebooks failed under nbval:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert " passed" in result.stdout
