"""The browser suite's fixtures: one Chromium, one JupyterLab (on a temporary student workspace)
and one JupyterLab page per session; each notebook is opened in that page in turn.

Without Chromium or Playwright the browser tests are skipped with one sentence
saying how to enable them; without axe-core (npm) only the accessibility audit is
skipped, with one sentence too. With KIT_REQUIRE_BROWSER=1 (set by .ci/run) a
missing requirement is a failure instead. Screenshots, reports and the measured
times go to test-artifacts/browser/; their paths are printed at the end of the run.
"""

from __future__ import annotations

import json

import pytest

from lab_server import ARTIFACT_NOTES, ARTIFACTS, axe_problem, browser_required, launch_browser, playwright_session, require_axe, requirement_problem, start_lab


def pytest_collection_modifyitems(config, items):
    if browser_required():
        return
    problem, no_axe = requirement_problem(), axe_problem()
    for item in items:
        if problem and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=problem))
        elif no_axe and item.get_closest_marker("axe"):
            item.add_marker(pytest.mark.skip(reason=no_axe))


def pytest_terminal_summary(terminalreporter):
    if ARTIFACT_NOTES:
        terminalreporter.section("browser tests: screenshots and reports")
        for line in ARTIFACT_NOTES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser_requirements():
    """Reached only when the tests are not skipped: a missing requirement is then a failure (CI)."""
    problem = requirement_problem()
    if problem:
        pytest.fail(f"KIT_REQUIRE_BROWSER=1 is set, so the browser tests must run, but: {problem}", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # not emptied: another test run may be writing there too


@pytest.fixture(autouse=True)
def axe_requirement(request):
    if request.node.get_closest_marker("axe"):
        request.getfixturevalue("browser_requirements")  # a missing browser is said first
        require_axe()


@pytest.fixture(scope="session")
def browser(browser_requirements):
    chromium = launch_browser(playwright_session())
    yield chromium
    _close_quietly(chromium)  # the Playwright itself stops when the process ends (lab_server.playwright_session)


@pytest.fixture(scope="session")
def lab(browser_requirements, tmp_path_factory):
    """JupyterLab on a fresh student workspace made by the kit's own sync() from every master."""
    server = start_lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab_page(browser, lab):
    """One browser page for the session, in which each notebook is opened in turn: loading JupyterLab
    itself takes longer than opening a notebook in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 2000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    _close_quietly(context)


def _close_quietly(thing) -> None:
    """Closing at the very end of the session, after every test has run: the grading tests fork the
    test process, and a forked child's exit can take Playwright's connection down with it, so the
    browser may already be gone; that is not a result of any test."""
    try:
        thing.close()
    except Exception as exc:  # noqa: BLE001 - playwright's TargetClosedError, or no event loop left
        print(f"[browser tests] closing at the end of the session: {type(exc).__name__}: {exc}")


@pytest.fixture(scope="session")
def timings(browser_requirements):
    """Times seen while testing (not asserted: benchmarks/browser_timings.py measures properly)."""
    seen: dict = {}
    yield seen
    if seen:
        (ARTIFACTS / "timings.json").write_text(json.dumps(seen, indent=1), encoding="utf-8")
