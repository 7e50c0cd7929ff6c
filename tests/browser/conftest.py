"""The browser suite's fixtures: one Chromium and one JupyterLab (on a temporary student workspace) per session.

Without Chromium or Playwright the browser tests are skipped with one sentence
saying how to enable them; with KIT_REQUIRE_BROWSER=1 (set by .ci/run) they fail.
Screenshots and the measured times go to test-artifacts/browser/.
"""

from __future__ import annotations

import json

import pytest

from lab_server import ARTIFACTS, browser_required, launch_browser, requirement_problem, start_lab


def pytest_collection_modifyitems(config, items):
    problem = requirement_problem()
    if problem is None or browser_required():
        return
    skip = pytest.mark.skip(reason=problem)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_requirements():
    """Reached only when the tests are not skipped: a missing requirement is then a failure (CI)."""
    problem = requirement_problem()
    if problem:
        pytest.fail(f"KIT_REQUIRE_BROWSER=1 is set, so the browser tests must run, but: {problem}", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # not emptied: another test run may be writing there too


@pytest.fixture(scope="session")
def browser(browser_requirements):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = launch_browser(playwright)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def lab(browser_requirements, tmp_path_factory):
    """JupyterLab on a fresh student workspace made by the kit's own sync() from every master."""
    server = start_lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def timings(browser_requirements):
    """Times seen while testing (not asserted: benchmarks/browser_timings.py measures properly)."""
    seen: dict = {}
    yield seen
    if seen:
        (ARTIFACTS / "timings.json").write_text(json.dumps(seen, indent=1), encoding="utf-8")
