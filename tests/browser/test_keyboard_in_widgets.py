"""Keys pressed in a widget control go to the control, not to JupyterLab's notebook shortcuts.

By default JupyterLab's command-mode shortcuts (arrows, J/K, A, B, M, Y, D D ...) fire while a
widget menu or radio button has the focus: ArrowDown moved to the next cell instead of changing
the menu, and a letter could change or delete a cell. The kit's lab settings (unionstate.lab)
keep those shortcuts out of cell outputs.
"""

from __future__ import annotations

import pytest

from notebook_page import open_and_run

pytestmark = pytest.mark.browser


def active_cell(page) -> int:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")


def test_arrow_keys_and_letters_stay_in_the_dropdown(browser, lab):
    nb, _ = open_and_run(browser, lab, "00-start-here.ipynb")
    try:
        page = nb.page
        explorer = page.locator(".unionstate-explorer").first
        explorer.scroll_into_view_if_needed()
        select = explorer.locator("select").first
        select.focus()
        before_value = select.input_value()
        before_cell = active_cell(page)
        cells_before = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length")
        output = explorer.locator(".unionstate-explorer-output")
        before_html = output.inner_html()
        page.keyboard.press("ArrowDown")
        page.wait_for_function("([el, old]) => el.innerHTML !== old", arg=[output.element_handle(), before_html], timeout=30_000)
        assert select.input_value() != before_value, "ArrowDown did not change the dropdown"
        assert active_cell(page) == before_cell, "ArrowDown moved the notebook to another cell"
        for key in ("m", "a", "b", "d", "d"):
            page.keyboard.press(key)
        page.wait_for_timeout(500)
        cells_after = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length")
        kinds = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.map(w => w.model.type)")
        assert cells_after == cells_before, "letters typed into the dropdown added or deleted cells"
        assert kinds[before_cell] == "code", "a letter typed into the dropdown changed the cell type"
        # Outside the outputs the notebook's own shortcuts still work.
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Escape")
        start = active_cell(page)
        page.keyboard.press("ArrowDown")
        assert active_cell(page) == start + 1, "ArrowDown in command mode no longer moves between cells"
    finally:
        nb.close()
