"""The command line: friendly errors (no tracebacks) and the commands students and instructors use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from unionstate import paths
from unionstate.lab import LAB_OVERRIDES, lab_command, write_lab_overrides


def kit(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "unionstate", *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=120)


def test_validate_data():
    from unionstate.datasets import list_datasets

    result = kit("validate-data")
    assert result.returncode == 0 and f"All {len(list_datasets())} datasets match" in result.stdout


def test_cite():
    result = kit("cite", "WB_GDP", "S_BBC_2007")
    assert result.returncode == 0 and "[WB_GDP]" in result.stdout and "[S_BBC_2007]" in result.stdout


def test_unknown_source_is_an_error_sentence_not_a_traceback():
    result = kit("cite", "NOPE_1")
    assert result.returncode == 2
    assert result.stderr.startswith("error: No source with id 'NOPE_1'") and "Traceback" not in result.stderr


def test_refresh_unknown_lesson(tmp_path):
    result = kit("refresh", "42", "--workspace", str(tmp_path))
    assert result.returncode == 2 and "There is no lesson '42'" in result.stderr


def test_sync_then_refresh(tmp_path):
    ws = tmp_path / "ws"
    first = kit("sync", "--workspace", str(ws))
    assert first.returncode == 0 and "Created your copies of: 00-start-here.ipynb" in first.stdout
    second = kit("sync", "--workspace", str(ws))
    assert "Kept your notebooks as they are" in second.stdout
    refreshed = kit("refresh", "00", "--workspace", str(ws))
    assert refreshed.returncode == 0 and "Your previous file is saved as" in refreshed.stdout


def test_release_into_a_folder(tmp_path):
    result = kit("release", "--out", str(tmp_path / "rel"))
    assert result.returncode == 0 and (tmp_path / "rel" / "00-start-here.ipynb").exists()
    again = kit("release", "--out", str(tmp_path / "rel"))
    assert again.returncode == 2 and "--force" in again.stderr


def test_broken_data_is_reported_in_one_sentence(tmp_path):
    import shutil

    shutil.copytree(paths.ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "opinion" / "surveys.csv").unlink()
    result = kit("validate-data", env={"UNIONSTATE_DATA": str(tmp_path / "data")})
    assert result.returncode == 2 and "surveys.csv is missing" in result.stderr and "Traceback" not in result.stderr


def test_lab_command_opens_the_first_lesson(tmp_path):
    (tmp_path / "00-start-here.ipynb").write_text("{}")
    cmd = lab_command(tmp_path, port=9999, open_browser=False, token="t")
    assert "--LabApp.default_url=/lab/tree/00-start-here.ipynb" in cmd
    assert f"--ServerApp.root_dir={tmp_path}" in cmd and "--no-browser" in cmd
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)


def test_lab_overrides_turn_the_news_off_and_keep_shortcuts_out_of_widgets(tmp_path):
    import json
    import sys

    schema = tmp_path / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "notebook-extension"
    schema.mkdir(parents=True)
    real = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "notebook-extension" / "tracker.json"
    (schema / "tracker.json").write_text(real.read_text())
    data = json.loads(write_lab_overrides(tmp_path).read_text())
    assert data["@jupyterlab/apputils-extension:notification"] == LAB_OVERRIDES["@jupyterlab/apputils-extension:notification"]
    shortcuts = data["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    down = [s for s in shortcuts if s["command"] == "notebook:move-cursor-down" and s["keys"] == ["ArrowDown"]]
    assert [s.get("disabled", False) for s in down] == [True, False]
    assert down[1]["selector"].endswith(":not(.jp-OutputArea-output *)")
    page_config = json.loads((tmp_path / "etc" / "jupyter" / "labconfig" / "page_config.json").read_text())
    assert page_config["disabledExtensions"]["@jupyter/nbgrader"] is True
