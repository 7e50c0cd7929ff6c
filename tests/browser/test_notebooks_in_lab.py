"""Every student notebook, run in JupyterLab in Chromium as a student sees it.

For each lesson (parametrized over the master notebooks, so a new lesson is
picked up automatically): clear outputs and Run All; no error output anywhere;
every widget renders; every explorer control changes the explorer's output
(one explorer per notebook driven by keyboard only); every quiz says "Not yet"
to a wrong option (chosen by keyboard only in the first quiz) and "Correct" to
the right one and records the answer in the saved notebook; one exercise's
check cell reacts to a wrong answer, a wrong kind of answer and the solution.
Screenshots: test-artifacts/browser/.
"""

from __future__ import annotations

import json

import pytest

from lab_server import artifact, master_names, slug
from notebook_page import open_and_run, problems_in_outputs
from typed_answers import answers_for
from widget_driving import (
    change_control,
    choose_and_check,
    choose_and_check_by_keyboard,
    explorer_controls,
    quiz_id,
    quiz_letters,
    REDRAW_TIMEOUT_MS,
    start_keyboard_walk,
)

pytestmark = pytest.mark.browser

ANSWER_MIME = "application/vnd.unionstate.answer+json"
FEEDBACK_WAIT_MS = 20_000


@pytest.fixture(scope="module", params=master_names())
def notebook(request, lab, browser, timings):
    """The student copy of one lesson, opened in its own page, outputs cleared, Run All done."""
    name = request.param
    if name in lab.release_problems:
        pytest.fail(f"The kit could not make the student copy of {name}: {lab.release_problems[name]}", pytrace=False)
    nb, seen = open_and_run(browser, lab, name)
    timings.setdefault(name, {}).update(seen)
    yield nb
    nb.close()


def shot(name: str) -> str:
    return str(artifact(f"{name}.png"))


def stem(nb) -> str:
    return slug(nb.name.removesuffix(".ipynb"))


def widgets_of(nb, css_class: str) -> list[tuple[int, int]]:
    """(cell index, n-th in that cell) of every widget with this CSS class, in notebook order."""
    found = []
    for index in nb.widget_cells():
        nb.wait_widgets_rendered(index)
        count = nb.cell(index).locator(f".{css_class}").count()
        found += [(index, k) for k in range(count)]
    return found


def test_run_all_without_errors_and_every_widget_renders(notebook):
    nb = notebook
    cells = nb.cells()
    not_run = [c["index"] + 1 for c in cells if c["type"] == "code" and not c["execution_count"] and "".join(c["source"]).strip()]
    assert not_run == [], f"{nb.name}: cells {not_run} did not run"
    assert problems_in_outputs(cells) == [], f"{nb.name}: error or stderr output after Run All"
    shown = []
    for cell in cells:
        if cell["type"] == "code" and cell["outputs"]:
            shown += nb.dom_problems(cell["index"])
    assert shown == [], f"{nb.name}: the browser shows errors"
    widget_cells = nb.widget_cells()
    assert widget_cells, f"{nb.name}: no widget was displayed"
    for index in widget_cells:
        nb.wait_widgets_rendered(index)
        cell = nb.cell(index)
        for css_class in ("unionstate-explorer", "unionstate-quiz"):
            widgets = cell.locator(f".{css_class}")
            for k in range(widgets.count()):
                widgets.nth(k).scroll_into_view_if_needed()
                assert widgets.nth(k).is_visible(), f"{nb.name}, cell {index + 1}: {css_class} number {k + 1} is not visible"
    assert widgets_of(nb, "unionstate-explorer"), f"{nb.name}: no explorer (every lesson has at least one)"
    assert widgets_of(nb, "unionstate-quiz"), f"{nb.name}: no quiz (every lesson has at least one)"
    nb.screenshot_notebook(stem(nb))
    assert nb.page_errors == [], f"{nb.name}: JavaScript errors in the page: {nb.page_errors[:3]}"


def test_every_explorer_control_changes_the_output(notebook, timings):
    """Each control of each explorer, changed once from the explorer's starting state (its cell is run
    again before each control), redraws the output. The first explorer is used with the keyboard
    only: Tab from its title to the control, keys to change it."""
    nb = notebook
    explorers = widgets_of(nb, "unionstate-explorer")
    assert explorers, f"{nb.name}: no explorer (every lesson has at least one)"
    failures, done = [], []
    for number, (index, k) in enumerate(explorers, start=1):
        explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
        controls = explorer_controls(explorer)
        assert controls, f"{nb.name}, cell {index + 1}: explorer {number} has no control"
        name = f"{stem(nb)}-explorer{number}"
        explorer.screenshot(path=shot(f"{name}-0-start"))
        keyboard_only = number == 1
        for n, control in enumerate(controls, start=1):
            label = f"explorer {number} (cell {index + 1}), {control['kind']} {control['label']!r}"
            try:
                if n > 1:  # back to the starting state: a control may do nothing after another one changed
                    nb.run_cell(index)
                    nb.wait_widgets_rendered(index)
                    explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
                if keyboard_only:
                    start_keyboard_walk(explorer)
                what, redraw = change_control(nb.page, explorer, n - 1, keyboard_only=keyboard_only)
            except Exception as exc:  # report every control, not only the first that fails
                failures.append(f"{label}: {exc}")
                continue
            if not redraw["changed"]:
                why = "the explorer answered, with the same output" if redraw.get("answered") else f"no answer within {REDRAW_TIMEOUT_MS / 1000:g} s"
                failures.append(f"{label}: {what}: the output did not change ({why})")
                continue
            done.append(f"{label}: {what}: redrawn in {redraw['ms']:.0f} ms")
            timings.setdefault(nb.name, {}).setdefault("redraw_ms", []).append(round(redraw["ms"], 1))
            explorer.screenshot(path=shot(f"{name}-{n}-{slug(control['kind'] + '-' + control['label'])}"))
    print("\n".join(done))
    assert failures == [], f"{nb.name}: controls that did not redraw their explorer:\n" + "\n".join(failures) + "\nworked:\n" + "\n".join(done)


def test_quizzes_say_not_yet_then_correct_and_the_answer_is_saved(notebook):
    """Each quiz: a wrong option gets "Not yet" (the first quiz is used by keyboard only), the right one
    "Correct"; the cell shows the recorded answer, and after Ctrl+S the saved file holds it."""
    from playwright.sync_api import expect
    from unionstate.exercises import get

    nb = notebook
    quizzes = widgets_of(nb, "unionstate-quiz")
    assert quizzes, f"{nb.name}: no quiz (every lesson has at least one)"
    answered = {}
    for number, (index, k) in enumerate(quizzes, start=1):
        cell = nb.cell(index)
        quiz = cell.locator(".unionstate-quiz").nth(k)
        qid = quiz_id(quiz)
        registered = get(qid)
        assert quiz_letters(quiz) == list(registered.options), f"{qid}: the options shown are not the registered ones"
        wrong = next(letter for letter in registered.options if letter != registered.answer)
        if number == 1:  # the first quiz of each notebook is answered (wrongly) with the keyboard only
            choose_and_check_by_keyboard(nb.page, quiz, wrong)
        else:
            choose_and_check(quiz, wrong)
        expect(quiz.locator(".unionstate-feedback")).to_contain_text("Not yet", timeout=FEEDBACK_WAIT_MS)
        quiz.screenshot(path=shot(f"{stem(nb)}-quiz-{slug(qid)}-wrong"))
        choose_and_check(quiz, registered.answer)
        expect(quiz.locator(".unionstate-feedback")).to_contain_text("Correct", timeout=FEEDBACK_WAIT_MS)
        record = f"Recorded answer for quiz {qid}: {registered.answer}"
        expect(cell.locator(".jp-OutputArea-output").filter(has_text=record)).to_have_count(1, timeout=FEEDBACK_WAIT_MS)
        nb.cell(index).screenshot(path=shot(f"{stem(nb)}-quiz-{slug(qid)}-right"))
        answered[qid] = registered.answer
    nb.save()
    saved = json.loads((nb.server.workspace / nb.name).read_text(encoding="utf-8"))
    recorded = {}
    for cell in saved["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(ANSWER_MIME)
            if data and "quiz" in data:  # other clicked answers (claim-card verdicts) are not quizzes
                recorded[data["quiz"]] = data.get("answer")
    assert recorded == answered, f"{nb.name}: the saved notebook records {recorded}, the browser answered {answered}"


def test_check_cell_feedback_for_wrong_wrong_kind_and_right_answers(notebook):
    nb = notebook
    answer_cells = [c["grade_id"] for c in nb.cells() if (c["grade_id"] or "").endswith("_answer")]
    typed = answers_for(nb.name, answer_cells, nb.server.masters)
    answer_index = nb.index_of(typed.answer_grade_id)
    check_index = nb.index_of(typed.exercise.grade_id)
    steps = [
        ("wrong", typed.wrong, ("Not yet", "Check the kind of answer")),
        ("wrong-kind", typed.wrong_kind, ("Check the kind of answer",)),
        ("right", typed.right, ("Correct",)),
    ]
    seen = []
    for step, text, expected in steps:
        nb.type_into(answer_index, text)
        nb.run_cell(answer_index)
        nb.run_cell(check_index)
        feedback = nb.cell(check_index).locator(".unionstate-feedback")
        feedback.wait_for()
        shown = feedback.inner_text()
        seen.append(f"{step}: {shown!r}")
        nb.screenshot_cell(check_index, f"{stem(nb)}-check-{slug(typed.exercise.id)}-{step}")
        assert any(words in shown for words in expected), (
            f"{nb.name}, {typed.exercise.id}: after typing {text!r} the feedback says {shown!r}, expected {' or '.join(expected)}"
        )
    problems = problems_in_outputs([c for c in nb.cells() if c["index"] in (answer_index, check_index)])
    assert problems == [], f"{nb.name}: the answer or check cell shows an error: {problems}\n" + "\n".join(seen)
