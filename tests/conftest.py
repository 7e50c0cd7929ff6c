"""Suite-wide option `--quick`: the contributor's loop (`python3 kit.py test --quick`).

It leaves out the browser and hub suites (not even collected, so Playwright and JupyterHub are not
imported) and every test marked `full` (nbgrader's comparison beyond one lesson). The full run
(`python3 kit.py test`, what CI runs) keeps everything.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FULL_ONLY_FOLDERS = (TESTS / "browser", TESTS / "hub")


def pytest_addoption(parser):
    parser.addoption("--quick", action="store_true", default=False,
                     help="the quick loop: leave out the browser and hub suites and the tests marked `full`")


def pytest_ignore_collect(collection_path, config):
    if config.getoption("--quick") and any(collection_path == folder or folder in collection_path.parents for folder in FULL_ONLY_FOLDERS):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--quick"):
        return
    dropped = [item for item in items if item.get_closest_marker("full")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("full")]
