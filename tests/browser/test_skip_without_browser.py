"""Without Chromium the browser tests skip with one sentence saying how to enable them; in CI
(KIT_REQUIRE_BROWSER=1) they fail instead. Without axe-core (npm) only the accessibility audit is
skipped, with its own sentence; in CI it fails. Checked by running browser test files in separate
pytest processes, all at once (each spends most of its time importing), with Chromium or axe-core
made unfindable (KIT_CHROMIUM, KIT_AXE_CORE pointing nowhere); the audit's CI failure (which
would need a notebook run first) is checked in this process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lab_server import AXE_CORE, NO_AXE, NO_CHROMIUM, chromium_path, master_names, require_axe
from screen_sizes import SIZES

HERE = Path(__file__).resolve().parent


def start_suite(tmp_path, name: str, *args: str, **env) -> tuple[subprocess.Popen, Path]:
    """A pytest of test_lab_command.py (or of `args`) with Chromium made unfindable (unless env says otherwise)."""
    settings = {k: v for k, v in os.environ.items() if k not in ("KIT_REQUIRE_BROWSER", "KIT_AXE_CORE")}
    settings.update({"KIT_CHROMIUM": str(tmp_path / "no-chromium-here"), **env})
    cmd = [sys.executable, "-m", "pytest", *(args or [str(HERE / "test_lab_command.py")]), "-q", "-rs", "-p", "no:cacheprovider"]
    out = tmp_path / f"{name}.txt"
    with open(out, "wb") as log:
        return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=settings, cwd=HERE.parents[1]), out


def finish(started: tuple[subprocess.Popen, Path], timeout: float = 600) -> tuple[int, str]:
    proc, out = started
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
        raise
    return code, out.read_text(encoding="utf-8", errors="replace")


def test_missing_chromium_or_axe_core_skips_with_one_sentence_and_fails_in_ci(tmp_path):
    here = start_suite(tmp_path, "developer")
    ci = start_suite(tmp_path, "ci", KIT_REQUIRE_BROWSER="1")
    # Chromium there, axe-core not: only the audit is skipped (before any notebook is opened).
    no_axe = start_suite(tmp_path, "no-axe", str(HERE / "test_notebooks_in_lab.py"), "-k", "axe",
                         KIT_CHROMIUM=chromium_path() or "/usr/bin/chromium", KIT_AXE_CORE=str(tmp_path / "no-axe-here.js"))
    code, output = finish(here)
    ci_code, ci_output = finish(ci)
    axe_code, axe_output = finish(no_axe)
    assert code == 0, output
    assert "1 skipped" in output
    assert NO_CHROMIUM in output and "sudo apt-get install chromium" in NO_CHROMIUM
    assert ci_code != 0, ci_output
    assert "KIT_REQUIRE_BROWSER=1 is set, so the browser tests must run, but: " + NO_CHROMIUM in ci_output
    audits = len(master_names()) * len(SIZES)
    assert axe_code == 0 and f"{audits} skipped" in axe_output, axe_output
    assert NO_AXE in axe_output and "npm install --prefix tests/browser" in NO_AXE


def test_missing_axe_core_fails_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_AXE_CORE", str(tmp_path / "no-axe-here.js"))
    with pytest.raises(pytest.fail.Exception, match=re.escape("the accessibility audit must run, but: " + NO_AXE)):
        require_axe()
    monkeypatch.setenv("KIT_AXE_CORE", str(AXE_CORE))
    if AXE_CORE.exists():
        require_axe()  # no failure once it is installed
