"""The hub tests' fixtures. Without JupyterHub, nbgitpuller, git or configurable-http-proxy the tests
marked `hub` are skipped with one sentence saying how to get them; with KIT_REQUIRE_HUB=1 (.ci/run) they fail."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))  # lab_server, notebook_page, typed_answers

from hub_server import hub_required, requirement_problem  # noqa: E402


def pytest_collection_modifyitems(config, items):
    from lab_server import browser_required
    from lab_server import requirement_problem as browser_problem

    hub_missing = None if hub_required() else requirement_problem()
    browser_missing = None if browser_required() else browser_problem()
    for item in items:
        if hub_missing and item.get_closest_marker("hub"):
            item.add_marker(pytest.mark.skip(reason=hub_missing))
        elif browser_missing and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=browser_missing))


@pytest.fixture(scope="session")
def hub_requirements():
    """Reached only when the hub tests are not skipped: a missing requirement is then a failure (CI)."""
    problem = requirement_problem()
    if problem:
        pytest.fail(f"KIT_REQUIRE_HUB=1 is set, so the hub tests must run, but: {problem}", pytrace=False)
