"""Without Chromium the browser tests skip with one sentence saying how to enable them; in CI
(KIT_REQUIRE_BROWSER=1) they fail instead. Checked by running the suite's smallest test file in a
separate pytest with the browser made unfindable (KIT_CHROMIUM pointing nowhere)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lab_server import NO_CHROMIUM

HERE = Path(__file__).resolve().parent


def run_suite(tmp_path, **env) -> subprocess.CompletedProcess:
    settings = {k: v for k, v in os.environ.items() if k != "KIT_REQUIRE_BROWSER"}
    settings.update(KIT_CHROMIUM=str(tmp_path / "no-chromium-here"), **env)
    cmd = [sys.executable, "-m", "pytest", str(HERE / "test_lab_command.py"), "-q", "-rs", "-p", "no:cacheprovider"]
    return subprocess.run(cmd, capture_output=True, text=True, env=settings, cwd=HERE.parents[1], timeout=300)


def test_missing_chromium_skips_with_one_sentence(tmp_path):
    result = run_suite(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert NO_CHROMIUM in result.stdout and "sudo apt-get install chromium" in NO_CHROMIUM


def test_missing_chromium_fails_in_ci(tmp_path):
    result = run_suite(tmp_path, KIT_REQUIRE_BROWSER="1")
    assert result.returncode != 0
    assert "KIT_REQUIRE_BROWSER=1 is set, so the browser tests must run, but: " + NO_CHROMIUM in result.stdout
