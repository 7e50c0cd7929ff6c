"""Without Chromium the browser tests skip with one sentence saying how to enable them; in CI
(KIT_REQUIRE_BROWSER=1) they fail instead. Without axe-core (npm) only the accessibility audit is
skipped, with its own sentence; in CI it fails.

Checked by running browser test files in a pytest of their own, with Chromium or axe-core made
unfindable (KIT_CHROMIUM, KIT_AXE_CORE pointing nowhere). The inner pytest runs in this process
(pytester): a separate one spends its time importing (about 10 s each, over 30 s on a busy
machine). The audit's CI failure, which would need a notebook run first, is checked directly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lab_server import AXE_CORE, NO_AXE, NO_CHROMIUM, chromium_path, master_names, require_axe
from screen_sizes import SIZES

HERE = Path(__file__).resolve().parent


def run_suite(pytester, monkeypatch, *args: str, **env):
    """An inner pytest of test_lab_command.py (or of `args`) with Chromium made unfindable (unless env says otherwise)."""
    monkeypatch.delenv("KIT_REQUIRE_BROWSER", raising=False)
    monkeypatch.delenv("KIT_AXE_CORE", raising=False)
    monkeypatch.setenv("KIT_CHROMIUM", str(pytester.path / "no-chromium-here"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = pytester.runpytest_inprocess(*(args or [str(HERE / "test_lab_command.py")]), "-q", "-rs", "-p", "no:cacheprovider")
    return result.ret, "\n".join(result.outlines + result.errlines)


def test_missing_chromium_skips_with_one_sentence(pytester, monkeypatch):
    code, output = run_suite(pytester, monkeypatch)
    assert code == 0, output
    assert "1 skipped" in output
    assert NO_CHROMIUM in output and "sudo apt-get install chromium" in NO_CHROMIUM


def test_missing_chromium_fails_in_ci(pytester, monkeypatch):
    code, output = run_suite(pytester, monkeypatch, KIT_REQUIRE_BROWSER="1")
    assert code != 0, output
    assert "KIT_REQUIRE_BROWSER=1 is set, so the browser tests must run, but: " + NO_CHROMIUM in output


def test_missing_axe_core_skips_only_the_audit_with_one_sentence(pytester, monkeypatch):
    """Chromium there, axe-core not: the audits are skipped when collected, before any notebook is opened."""
    code, output = run_suite(pytester, monkeypatch, str(HERE / "test_notebooks_in_lab.py"), "-k", "axe",
                             KIT_CHROMIUM=chromium_path() or "/usr/bin/chromium", KIT_AXE_CORE=str(pytester.path / "no-axe-here.js"))
    audits = len(master_names()) * len(SIZES)
    assert code == 0 and f"{audits} skipped" in output, output
    assert NO_AXE in output and "npm install --prefix tests/browser" in NO_AXE


def test_missing_axe_core_fails_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_AXE_CORE", str(tmp_path / "no-axe-here.js"))
    with pytest.raises(pytest.fail.Exception, match=re.escape("the accessibility audit must run, but: " + NO_AXE)):
        require_axe()
    monkeypatch.setenv("KIT_AXE_CORE", str(AXE_CORE))
    if AXE_CORE.exists():
        require_axe()  # no failure once it is installed
