"""`python3 kit.py test --quick` leaves out exactly the browser and hub suites and the tests marked `full`."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import importlib.util

ROOT = Path(__file__).resolve().parents[1]
# Loaded by its path: `import conftest` may find tests/browser/conftest.py first (the hub suite puts that
# folder on sys.path).
_spec = importlib.util.spec_from_file_location("kit_tests_conftest", ROOT / "tests" / "conftest.py")
conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conftest)


def config(quick: bool):
    deselected = []
    return SimpleNamespace(getoption=lambda name: quick if name == "--quick" else None,
                           hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items)),
                           deselected=deselected)


def test_the_quick_loop_does_not_collect_the_browser_and_hub_suites():
    for path in (ROOT / "tests/browser", ROOT / "tests/browser/test_notebooks_in_lab.py", ROOT / "tests/hub/test_collect.py"):
        assert conftest.pytest_ignore_collect(path, config(quick=True)) is True, path
        assert conftest.pytest_ignore_collect(path, config(quick=False)) is None, path
    for path in (ROOT / "tests/test_grading.py", ROOT / "tests/corpus", ROOT / "tests/test_browserlike.py"):
        assert conftest.pytest_ignore_collect(path, config(quick=True)) is None, path


def test_the_quick_loop_deselects_the_tests_marked_full():
    def item(full: bool):
        return SimpleNamespace(get_closest_marker=lambda name: object() if full and name == "full" else None)

    quick_items, full_items = [item(False), item(True), item(False)], [item(False), item(True)]
    quick = config(quick=True)
    conftest.pytest_collection_modifyitems(quick, quick_items)
    assert len(quick_items) == 2 and len(quick.deselected) == 1
    conftest.pytest_collection_modifyitems(config(quick=False), full_items)
    assert len(full_items) == 2


def test_nbgrader_is_compared_on_one_lesson_in_the_quick_loop_and_on_all_in_the_full_run():
    import test_nbgrader as module

    assert any(m.name == "full" for m in module.test_generate_assignment_accepts_every_master.pytestmark)
    (parametrize,) = [m for m in module.test_autograde_totals_equal_the_grade_command.pytestmark if m.name == "parametrize"]
    marked = {param.values[0]: {m.name for m in param.marks} for param in parametrize.args[1]}
    assert {lesson for lesson, marks in marked.items() if "full" not in marks} == {"00"}
    assert set(marked) == {"00", "02"}
