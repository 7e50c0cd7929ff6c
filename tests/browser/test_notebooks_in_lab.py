"""Every student notebook, run once in JupyterLab in Chromium as a student sees it.

For each lesson (parametrized over the master notebooks, so a new lesson is picked up
automatically) the notebook is opened in the session's one JupyterLab page, its outputs
cleared and Run All done once; every test below then uses that same run, in this order:

- no error output anywhere; every widget renders;
- every control of every explorer changes the explorer's output, from the explorer's starting
  state (the control is put back after each change; one explorer per notebook is driven by
  keyboard only);
- every quiz says "Not yet" to a wrong option (chosen by keyboard only in the first quiz) and
  "Correct" to the right one and records the answer in the saved notebook;
- one exercise's check cell reacts to a wrong answer, a wrong kind of answer and the solution;
- keys pressed in an explorer's dropdown change the dropdown, not the notebook;
- then, on three screens (1366x900, 1024x768 and 200 % zoom; the page is resized, the notebook
  is not run again): axe-core finds no WCAG 2 A/AA violation in the kit's outputs (JupyterLab's
  own are listed in the report, not failed); no two quiz options overlap and no explorer's image,
  control or text runs out of its output area; screenshots of the whole notebook.

Screenshots, the axe reports and the layout findings: test-artifacts/browser/ (the paths are
printed at the end of the run).
"""

from __future__ import annotations

import json
import re
import time

import pytest

from accessibility_audit import describe, report_lines, run_axe, save_report
from lab_server import artifact, axe_problem, master_names, note_artifact, slug
from layout_checks import grouped, layout_findings
from notebook_page import PANEL, WIDGET_MIME, NotebookPage, output_text, problems_in_outputs
from screen_sizes import SIZES, ScreenSize, jpeg_size, reset_size, screenshot_pieces, set_size, show_all_cells, window_cells_again
from typed_answers import answers_for
from widget_driving import (
    REDRAW_TIMEOUT_MS,
    arm,
    change_control,
    choose_and_check,
    choose_and_check_by_keyboard,
    control_state,
    explorer_controls,
    fingerprint,
    quiz_id,
    quiz_letters,
    restore_control,
    start_keyboard_walk,
    wait_redraw,
)

pytestmark = pytest.mark.browser

ANSWER_MIME = "application/vnd.unionstate.answer+json"
FEEDBACK_WAIT_MS = 30_000
DRIVING_VIEWPORT = (1280, 2000)  # tall, so that a whole explorer fits in an element screenshot


@pytest.fixture(scope="module", params=master_names())
def notebook(request, lab, lab_page, timings):
    """The student copy of one lesson, opened in the session's JupyterLab page, outputs cleared, Run All done."""
    name = request.param
    if name in lab.release_problems:
        pytest.fail(f"The kit could not make the student copy of {name}: {lab.release_problems[name]}", pytrace=False)
    nb = NotebookPage(None, lab, name, page=lab_page)
    try:
        seen = {"open_s": nb.open()}
        window_cells_again(nb.page)  # the checks on three screens of the notebook before laid every cell out
        reset_size(nb.page, *DRIVING_VIEWPORT)  # as JupyterLab starts: scale 1, the file browser open
        nb.clear_outputs()
        seen["run_all_s"] = nb.run_all()
    except Exception as exc:
        report = nb.failure_report()
        nb.close()
        lab_page.goto("about:blank")  # the next notebook loads JupyterLab afresh
        pytest.fail(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}\n{report}", pytrace=False)
    nb.timings = timings.setdefault(name, {})
    nb.timings.update(seen)
    nb.surveys = {}
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
    shown = nb.all_dom_problems()
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
    assert nb.page_errors == [], f"{nb.name}: JavaScript errors in the page: {nb.page_errors[:3]}"


def _back_to_start(nb, index: int, k: int, n: int, before: dict, start: str):
    """Control n back as it was and the explorer showing `start` again; if that cannot be done with
    the control (another control followed it, say), the explorer's cell is run again. Returns the
    explorer's locator and whether the cell was run again."""
    explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
    try:
        if restore_control(nb.page, explorer, n, before) and fingerprint(explorer) == start:
            return explorer, False
    except Exception:  # a control that failed to change may fail to go back too: run the cell again
        pass
    nb.run_cell(index)
    nb.wait_widgets_rendered(index)
    return nb.cell(index).locator(".unionstate-explorer").nth(k), True


def test_every_explorer_control_changes_the_output(notebook, timings):
    """Each control of each explorer, changed once from the explorer's starting state, redraws the
    output; the control is then put back and the explorer must show its start again before the next
    control (or its cell is run again). The first explorer is used with the keyboard only: Tab from
    its title to the control, keys to change it."""
    nb = notebook
    explorers = widgets_of(nb, "unionstate-explorer")
    assert explorers, f"{nb.name}: no explorer (every lesson has at least one)"
    failures, done, reran = [], [], 0
    for number, (index, k) in enumerate(explorers, start=1):
        explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
        controls = explorer_controls(explorer)
        assert controls, f"{nb.name}, cell {index + 1}: explorer {number} has no control"
        name = f"{stem(nb)}-explorer{number}"
        explorer.screenshot(path=shot(f"{name}-0-start"))
        start = fingerprint(explorer)
        keyboard_only = number == 1
        for n, control in enumerate(controls):
            label = f"explorer {number} (cell {index + 1}), {control['kind']} {control['label']!r}"
            before = control_state(explorer, n)
            try:
                if keyboard_only:
                    start_keyboard_walk(explorer)
                what, redraw = change_control(nb.page, explorer, n, keyboard_only=keyboard_only)
            except Exception as exc:  # report every control, not only the first that fails
                failures.append(f"{label}: {exc}")
            else:
                if redraw["changed"]:
                    done.append(f"{label}: {what}: redrawn in {redraw['ms']:.0f} ms")
                    timings.setdefault(nb.name, {}).setdefault("redraw_ms", []).append(round(redraw["ms"], 1))
                    explorer.screenshot(path=shot(f"{name}-{n + 1}-{slug(control['kind'] + '-' + control['label'])}"))
                else:
                    if not redraw.get("answered"):
                        why = f"no answer within {REDRAW_TIMEOUT_MS / 1000:g} s"
                    elif redraw.get("sent") == 0:
                        why = "the control sent nothing to the kernel"
                    else:
                        why = "the explorer answered, with the same output"
                    failures.append(f"{label}: {what}: the output did not change ({why})")
            explorer, again = _back_to_start(nb, index, k, n, before, start)
            reran += again
    timings.setdefault(nb.name, {})["explorer_cells_run_again"] = reran
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
    """One exercise's answer cell gets a wrong answer (typed key by key into the editor), a wrong kind of
    answer and the solution (both pasted: typing long text key by key only takes time); after each,
    the answer cell and the check cell are run and the check's feedback must say the right thing."""
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
    for number, (step, text, expected) in enumerate(steps):
        nb.type_into(answer_index, text, paste=number > 0)  # typed key by key once, then pasted
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


JS_ACTIVE_CELL = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
JS_CELL_TYPES = "() => window.jupyterapp.shell.currentWidget.content.widgets.map((w) => w.model.type)"


def test_keys_in_a_dropdown_stay_in_the_dropdown(notebook):
    """By default JupyterLab's command-mode shortcuts (arrows, J/K, A, B, M, Y, D D ...) fire while a
    widget menu has the focus: ArrowDown moved to the next cell instead of changing the menu, and a
    letter could change or delete a cell. The kit's lab settings (unionstate.lab) keep those
    shortcuts out of cell outputs; outside them they still work."""
    nb, page = notebook, notebook.page
    found = None
    for index, k in widgets_of(nb, "unionstate-explorer"):
        explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
        if explorer.locator("select").count():
            found = (index, explorer)
            break
    if found is None:
        pytest.skip(f"{nb.name}: no explorer with a dropdown, so nothing to check here")
    index, explorer = found
    select = explorer.locator("select").first
    select.scroll_into_view_if_needed()
    select.focus()
    before_value, before_cell, before_types = select.input_value(), page.evaluate(JS_ACTIVE_CELL), page.evaluate(JS_CELL_TYPES)
    at_end = select.evaluate("(s) => s.selectedIndex === s.options.length - 1")
    key = "ArrowUp" if at_end else "ArrowDown"
    arm(explorer)
    page.keyboard.press(key)
    redraw = wait_redraw(page)
    assert select.input_value() != before_value, f"{key} did not change the dropdown"
    assert redraw["changed"], f"{key} changed the dropdown, but the explorer did not redraw"
    assert page.evaluate(JS_ACTIVE_CELL) == before_cell, f"{key} moved the notebook to another cell"
    arm(explorer)
    for letter in ("m", "a", "b", "d", "d"):  # (keys are handled at once: a shortcut would have acted by now)
        page.keyboard.press(letter)
    wait_redraw(page)  # the letters may pick another option: then wait for the kernel's answer
    after_types = page.evaluate(JS_CELL_TYPES)
    assert len(after_types) == len(before_types), "letters typed into the dropdown added or deleted cells"
    assert after_types == before_types, "a letter typed into the dropdown changed a cell's type"
    if select.input_value() != before_value:  # the explorer as Run All left it, for the checks on three screens
        arm(explorer)
        select.select_option(before_value)
        wait_redraw(page)
    # Outside the outputs the notebook's own shortcuts still work.
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    start = page.evaluate(JS_ACTIVE_CELL)
    page.keyboard.press("ArrowDown")
    assert page.evaluate(JS_ACTIVE_CELL) == start + 1, "ArrowDown in command mode no longer moves between cells"


# --- three screens ---------------------------------------------------------------------------


def survey(nb, size: ScreenSize) -> dict:
    """Layout findings, the axe result and screenshots of the notebook on one screen, taken once
    (the tests of that screen share them); an error in one part is kept for the test of that part."""
    if size.label in nb.surveys:
        return nb.surveys[size.label]
    page, result, seconds = nb.page, {}, {}
    start = time.monotonic()
    show_all_cells(page)
    set_size(page, size)
    seconds["resize"] = time.monotonic() - start
    for part, take in (
        ("layout", lambda: layout_findings(page)),
        ("axe", lambda: None if axe_problem() else run_axe(page, whole_page=size == SIZES[0])),
        ("screenshots", lambda: screenshot_pieces(page, stem(nb), size)),
    ):
        start = time.monotonic()
        try:
            result[part] = take()
        except Exception as exc:
            result[part] = exc
        seconds[part] = time.monotonic() - start
    nb.surveys[size.label] = result
    nb.timings.setdefault("survey_s", {})[size.label] = {k: round(v, 2) for k, v in seconds.items()}
    shots = result["screenshots"]
    if not isinstance(shots, Exception):
        note_artifact(f"{nb.name} at {size} ({size.what}): {len(shots)} screenshot(s) {shots[0].parent}/{shots[0].name[:-6]}*.jpg")
    return result


def _part(nb, size: ScreenSize, part: str):
    value = survey(nb, size)[part]
    if isinstance(value, Exception):
        raise value
    return value


@pytest.mark.axe
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_axe_finds_no_violation_in_the_kits_outputs(notebook, size):
    nb = notebook
    result = dict(_part(nb, size, "axe"))
    result["whole_page"] = size == SIZES[0]
    lines = report_lines(nb.name, str(size), result)
    paths = save_report(stem(nb), str(size), result, lines)
    kit = [n for n in result["nodes"] if n["kit"]]
    lab_own = len(result["nodes"]) - len(kit)
    note_artifact(f"axe, {nb.name} at {size}: {len(kit)} in the kit's outputs"
                  + (f", {lab_own} JupyterLab's own" if result["whole_page"] else "") + f": {paths[1]}")
    print("\n".join(lines))
    assert kit == [], (f"{nb.name} at {size}: axe-core finds {len(kit)} WCAG 2 A/AA violation(s) in the kit's outputs "
                       f"(report: {paths[1]}):\n" + "\n".join(lines))


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_quiz_options_and_explorers_fit_on_the_screen(notebook, size):
    nb = notebook
    findings = _part(nb, size, "layout")
    lines = grouped(findings)
    path = artifact(f"layout-{stem(nb)}-{size}.json")
    path.write_text(json.dumps(findings, indent=1), encoding="utf-8")
    if findings:
        note_artifact(f"layout, {nb.name} at {size}: {len(lines)} problem(s): {path}")
    assert lines == [], f"{nb.name} at {size} ({size.what}): the kit's widgets do not fit:\n" + "\n".join(lines)


def test_screenshots_of_the_notebook_on_every_screen(notebook):
    """The pieces of every screen were written, as JPEG images as wide as that screen's window in CSS
    pixels (683 at 200 % zoom: the zoom took effect)."""
    nb = notebook
    for size in SIZES:
        shots = _part(nb, size, "screenshots")
        assert shots, f"{nb.name} at {size}: no screenshot was written"
        widths = {jpeg_size(p)[0] for p in shots}
        assert widths == {size.width}, f"{nb.name} at {size}: screenshots {widths} px wide, expected {size.width}"


# --- results that wait for an answer ---------------------------------------------------------

GATE = re.compile(r"""\breveal\(\s*["'](\d\d\.[A-Za-z0-9_]+)["']""")
WAITS = "will appear here once {id} is correct"
CHART_WAITS = "Your chart appears here once you have drawn it"
JS_UNSET_REVEAL_ALL = f"""async () => {{
  const kernel = {PANEL}.sessionContext.session.kernel;
  const code = "import os; os.environ.pop('UNIONSTATE_REVEAL_ALL', None)";
  await kernel.requestExecute({{code, silent: true, store_history: false}}).done;
}}"""


def _placeholder_problems(nb, index: int, expected: str) -> list[str]:
    """What is wrong with a cell that should show one placeholder line (and no chart) instead of its result."""
    where = f"cell {index + 1}"
    cell_json = nb.cells()[index]
    outputs = cell_json["outputs"]
    problems = [f"{where}: error or stderr output: {p}" for p in problems_in_outputs([cell_json])]
    plain = " ".join(output_text(o) for o in outputs)
    if expected not in plain:
        problems.append(f"{where}: the placeholder text {expected!r} is not in the output (it shows {plain[:200]!r})")
    if any(mime.startswith("image/") or mime == WIDGET_MIME for o in outputs for mime in o.get("data", {})):
        problems.append(f"{where}: a chart, image or widget is shown while the result waits")
    cell = nb.cell(index)
    box = cell.locator(".jp-OutputArea .unionstate-placeholder")
    calls = max(1, len(GATE.findall("".join(cell_json["source"]))))  # one box per waiting reveal(); nested ones show one
    if not 1 <= box.count() <= calls or not all(box.nth(k).is_visible() for k in range(box.count())):
        problems.append(f"{where}: {box.count()} placeholder box(es) shown in the browser, expected 1 to {calls}, visible")
    elif expected not in box.first.inner_text():
        problems.append(f"{where}: the placeholder box says {box.first.inner_text()!r}")
    unnamed = cell.locator(".jp-OutputArea img:not([alt]), .jp-OutputArea img[alt='']").count()
    if unnamed:
        problems.append(f"{where}: {unnamed} image(s) without alt text")
    return problems


def _scaffold_drawn(nb, index: int) -> bool:
    """An exercise chart whose scaffold already draws part of it (e.g. 04's Belarus line): show_your_chart
    then shows that chart with alt text beginning "Your chart", not the placeholder line."""
    return any(output_text(o).startswith("[Chart] Your chart") for o in nb.cells()[index]["outputs"])


def _alt_problems(nb, index: int) -> list[str]:
    cell = nb.cell(index)
    images = cell.locator(".jp-OutputArea img")
    problems = [] if images.count() else [f"cell {index + 1}: the drawn part of the chart is not shown"]
    unnamed = cell.locator(".jp-OutputArea img:not([alt]), .jp-OutputArea img[alt='']").count()
    return problems + ([f"cell {index + 1}: {unnamed} image(s) without alt text"] if unnamed else [])


def test_unanswered_results_show_their_placeholder(notebook):
    """A student's kernel (no UNIONSTATE_REVEAL_ALL) holds back every gated result until its exercise is
    right: each cell that calls reveal() for an exercise still unanswered, run again in that kernel,
    shows one placeholder line saying what will appear and when, no chart or widget, nothing without
    alt text; so does every exercise chart not drawn yet (show_your_chart). axe-core checks those
    outputs too. A gated cell of the exercise answered right above shows its result when run again.
    (Runs last on each notebook: the other checks need everything shown.)"""
    nb = notebook
    cells = nb.cells()
    # The check-cell test above answered one exercise right (its answer cell holds the solution now).
    typed = answers_for(nb.name, [c["grade_id"] for c in cells if (c["grade_id"] or "").endswith("_answer")], nb.server.masters)
    solved_cell = nb.index_of(typed.answer_grade_id)
    gated, charts, opened = [], [], []
    for c in cells:
        source = "".join(c["source"]) if c["type"] == "code" else ""
        waiting = [g for g in GATE.findall(source) if g != typed.exercise.id]  # a cell may wait for several exercises
        if waiting:
            gated.append((c["index"], WAITS.format(id=waiting[0])))  # the placeholder names the first one missing
        elif GATE.search(source):
            opened.append(c["index"])  # its exercise is right now: run again, the cell shows its result
        elif "show_your_chart(" in source and c["index"] != solved_cell:
            charts.append((c["index"], CHART_WAITS))
    if not gated and not charts and not opened:
        pytest.skip(f"{nb.name}: no result waits for an answer here")
    nb.page.evaluate(JS_UNSET_REVEAL_ALL)
    # One exercise is answered right here (as the check-cell test does), so this test does not depend on
    # what the tests before it left in the page or the kernel.
    nb.type_into(solved_cell, typed.right, paste=True)
    nb.run_cell(solved_cell)
    check_index = nb.index_of(typed.exercise.grade_id)
    nb.run_cell(check_index)
    feedback = nb.cell(check_index).locator(".unionstate-feedback")
    feedback.wait_for()
    assert "Correct" in feedback.inner_text(), f"{nb.name}: {typed.exercise.id} is no longer right: {feedback.inner_text()!r}"
    for index in sorted([i for i, _ in gated] + opened):
        nb.run_cell(index)
    problems = []
    for index in opened:
        outputs = nb.cells()[index]["outputs"]
        if nb.cell(index).locator(".unionstate-placeholder").count() or not outputs or any(
                WAITS.format(id=typed.exercise.id) in output_text(o) for o in outputs):
            problems.append(f"cell {index + 1}: {typed.exercise.id} is correct, yet the cell does not show its result")
    for index, expected in gated + charts:
        if expected == CHART_WAITS and _scaffold_drawn(nb, index):
            problems += _alt_problems(nb, index)  # the scaffold drew part of the chart: shown, with alt text
            continue
        problems += _placeholder_problems(nb, index, expected)
        nb.screenshot_cell(index, f"{stem(nb)}-placeholder-cell{index + 1}")
    if not axe_problem():
        include = [f".jp-Cell[data-windowed-list-index='{index}'] .jp-OutputArea" for index, _ in gated + charts]
        result = run_axe(nb.page, whole_page=False, include=include)
        problems += [f"axe: {describe(n)}" for n in result["nodes"] if n["kit"]]
    assert problems == [], (f"{nb.name}: results waiting for an answer ({len(gated)} gated, {len(charts)} exercise charts, "
                            f"{len(opened)} shown after the right answer):\n" + "\n".join(problems))
