"""One student notebook open in JupyterLab, driven like a student does: menus, clicks, keys.

JupyterLab 4 keeps a long notebook "windowed": cells far from the viewport are
not laid out (or, in its "full" windowing mode, not in the DOM at all). Every
cell is therefore reached through the notebook's own model (window.jupyterapp,
exposed by the test server) and scrollToItem(), and found by its
data-windowed-list-index. Run state and outputs are read from the model, which
holds every cell whether it is rendered or not.
"""

from __future__ import annotations

import time
from pathlib import Path

from lab_server import START_TIMEOUT_S, LabServer, artifact, tail

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = "application/vnd.jupyter.stderr"
RUN_ALL_TIMEOUT_MS = 180_000  # Run All of the slowest lesson takes about 20 s here

# The notebook panel of this page (one notebook per page).
PANEL = "window.jupyterapp.shell.currentWidget"

JS_CELLS = f"""() => {{
  const panel = {PANEL};
  const cells = panel.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {{
    const cell = cells.get(i);
    const json = cell.toJSON();
    out.push({{index: i, type: cell.type, grade_id: ((json.metadata || {{}}).nbgrader || {{}}).grade_id || null,
              source: json.source, execution_count: json.execution_count ?? null, outputs: json.outputs || []}});
  }}
  return out;
}}"""

JS_ALL_RUN = f"""() => {{
  const panel = {PANEL};
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    const cell = cells.get(i);
    // JupyterLab does not run an empty code cell (a student's scratch cell): it keeps no count.
    if (cell.type === 'code' && !cell.executionCount && cell.sharedModel.getSource().trim() !== '') return false;
  }}
  return true;
}}"""

JS_ALL_CLEARED = f"""() => {{
  const cells = {PANEL}.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    const cell = cells.get(i);
    if (cell.type === 'code' && (cell.outputs.length > 0 || cell.executionCount)) return false;
  }}
  return true;
}}"""

JS_KERNEL_IDLE = f"""() => {{
  const panel = {PANEL};
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && !panel.sessionContext.pendingInput;
}}"""


# Close every document in the main area without asking (a notebook with unsaved changes would
# open a "Save your work?" dialog). Its kernel is shut down on the server without waiting for it to
# exit (that can take seconds) unless `wait`: the next notebook opens meanwhile. (A page about to be
# closed waits: closing it could cut the request off.)
JS_CLOSE_ALL = """async (wait) => {
  const app = window.jupyterapp;
  const stopping = [];
  for (const widget of Array.from(app.shell.widgets('main'))) {
    const session = widget.sessionContext && widget.sessionContext.session;
    if (session) stopping.push(app.serviceManager.sessions.shutdown(session.id).catch(() => null));
    widget.dispose();
  }
  if (wait) await Promise.all(stopping);
}"""


# Error and stderr outputs and failed widgets of every cell, by their text (textContent does not need
# the cell laid out); null if some cells are not in the page.
JS_DOM_PROBLEMS = f"""([stderr]) => {{
  const panel = {PANEL};
  const cells = panel.content.node.querySelectorAll('.jp-Cell[data-windowed-list-index]');
  if (cells.length !== panel.content.model.cells.length) return null;
  const found = [];
  cells.forEach((cell) => {{
    const n = Number(cell.dataset.windowedListIndex) + 1;
    cell.querySelectorAll(`.jp-OutputArea-output[data-mime-type="${{stderr}}"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]`)
      .forEach((o) => found.push(`cell ${{n}}: ${{o.textContent.slice(0, 400)}}`));
    cell.querySelectorAll('.jp-OutputArea-output').forEach((o) => {{
      if (o.textContent.includes('Error displaying widget')) found.push(`cell ${{n}}: ${{o.textContent.slice(0, 400)}}`);
    }});
  }});
  return found;
}}"""


def output_text(output: dict) -> str:
    """The readable text of one nbformat output (stream text, text/plain, error name)."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return "".join(text) if isinstance(text, list) else text
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    plain = output.get("data", {}).get("text/plain", "")
    return "".join(plain) if isinstance(plain, list) else plain


def problems_in_outputs(cells: list[dict]) -> list[str]:
    """Error outputs and stderr streams, from the notebook model (every cell, rendered or not)."""
    found = []
    for cell in cells:
        for output in cell["outputs"]:
            if output.get("output_type") == "error" or (output.get("output_type") == "stream" and output.get("name") == "stderr"):
                found.append(f"cell {cell['index'] + 1}: {output_text(output)[:400]}")
    return found


class NotebookPage:
    """One student notebook in a browser page, with its own kernel.

    Without `page` the notebook gets a page of its own (a new browser context). With `page`
    (a JupyterLab already loaded in it) the notebook is opened in that page, after the one
    open there is closed: loading JupyterLab itself is the slowest part of opening a page.

    The default window is tall (2000 px) so that a whole explorer (controls, chart, caption) fits in it:
    an element screenshot shows only what JupyterLab's notebook scroller shows."""

    def __init__(self, browser, server: LabServer, name: str, *, viewport=(1280, 2000), page=None):
        self.server, self.name = server, name
        self.owns_page = page is None
        if page is None:
            self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            self.page = self.context.new_page()
            self.page.set_default_timeout(30_000)
        else:
            self.context, self.page = page.context, page
        self.page_errors: list[str] = []  # uncaught JavaScript errors of the page while this notebook is open
        self._on_error = lambda exc: self.page_errors.append(str(exc))
        self.page.on("pageerror", self._on_error)

    def failure_report(self) -> str:
        """What the page and the server showed when a wait ran out: kernel state, dialogs, page errors, the lab's log."""
        try:
            self.page.screenshot(path=str(artifact(f"{Path(self.name).stem}-FAILED.png")))
            state = self.page.evaluate(
                f"""() => {{ const p = {PANEL}; const s = p && p.sessionContext;
                  return {{kernel: s && s.session && s.session.kernel ? s.session.kernel.status : 'no kernel',
                          dialogs: Array.from(document.querySelectorAll('.jp-Dialog')).map(d => d.innerText.slice(0, 300))}}; }}"""
            )
        except Exception as exc:  # the page itself may be gone
            state = f"(page not readable: {exc})"
        return (f"page state: {state}; page errors: {self.page_errors[-3:]}\n"
                f"screenshot: {Path(self.name).stem}-FAILED.png; last lines of the JupyterLab log:\n{tail(self.server.log, 25)}")

    # opening, clearing, running

    def open(self) -> float:
        """Open the notebook and wait for an idle kernel; returns the seconds it took."""
        start = time.monotonic()
        if self.page.evaluate("() => !!window.jupyterapp"):
            self.page.evaluate(JS_CLOSE_ALL, False)
            self.page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", self.name)
        else:
            self.page.goto(self.server.url(self.name))
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=START_TIMEOUT_S * 1000)
        self.page.wait_for_function(
            f"(name) => {{ const p = {PANEL}; return !!p && !!p.context && p.context.path === name && p.context.isReady; }}",
            arg=self.name, timeout=START_TIMEOUT_S * 1000,
        )
        self.wait_idle(START_TIMEOUT_S * 1000)
        return time.monotonic() - start

    def menu(self, menu: str, item: str) -> None:
        self.page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
        self.page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()

    def clear_outputs(self) -> None:
        """Edit > Clear Outputs of All Cells (stale outputs would satisfy the waits too early)."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(JS_ALL_CLEARED, timeout=30_000, polling=100)

    def run_all(self) -> float:
        """Run > Run All Cells; returns seconds from the click until every code cell has run and the kernel is idle."""
        self.page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
        item = self.page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')")
        item.wait_for()
        start = time.monotonic()
        item.click()
        self.page.wait_for_function(JS_ALL_RUN, timeout=RUN_ALL_TIMEOUT_MS, polling=50)
        return time.monotonic() - start

    def wait_idle(self, timeout_ms: int = 60_000) -> None:
        self.page.wait_for_function(JS_KERNEL_IDLE, timeout=timeout_ms, polling=50)

    # the model

    def cells(self) -> list[dict]:
        """Every cell as nbformat JSON (index, type, grade_id, source, execution_count, outputs)."""
        return self.page.evaluate(JS_CELLS)

    def source(self, index: int) -> str:
        return self.page.evaluate(f"(i) => {PANEL}.content.model.cells.get(i).sharedModel.getSource()", index)

    def execution_count(self, index: int):
        return self.page.evaluate(f"(i) => {PANEL}.content.model.cells.get(i).executionCount", index)

    def index_of(self, grade_id: str) -> int:
        for cell in self.cells():
            if cell["grade_id"] == grade_id:
                return cell["index"]
        raise AssertionError(f"{self.name} has no cell with nbgrader grade_id {grade_id!r}")

    # cells in the DOM

    def cell(self, index: int):
        """The cell's element, scrolled into view (JupyterLab renders only cells near the viewport)."""
        self.page.evaluate(f"(i) => {PANEL}.content.scrollToItem(i, 'start')", index)
        locator = self.page.locator(f".jp-Notebook .jp-Cell[data-windowed-list-index='{index}']")
        locator.wait_for(state="attached")
        locator.scroll_into_view_if_needed()
        return locator

    def widget_cells(self) -> list[int]:
        """Indices of the code cells whose outputs include a widget."""
        return [c["index"] for c in self.cells() if any(WIDGET_MIME in o.get("data", {}) for o in c["outputs"])]

    def wait_widgets_rendered(self, index: int, timeout_s: float = 60) -> None:
        """Every widget output of the cell has a rendered view; fails with what the output shows instead."""
        expected = sum(1 for o in self.cells()[index]["outputs"] if WIDGET_MIME in o.get("data", {}))
        cell = self.cell(index)
        deadline = time.monotonic() + timeout_s
        while True:
            # ipywidgets renders a view straight into the output element (no data-mime-type attribute).
            rendered = cell.locator(".jp-OutputArea-output > .jupyter-widgets").count()
            broken = [t for t in cell.locator(".jp-OutputArea-output").all_inner_texts() if "Error displaying widget" in t]
            if broken:
                raise AssertionError(f"{self.name}, cell {index + 1}: {broken[0][:300]}")
            if rendered >= expected:
                return
            if time.monotonic() > deadline:
                shown = cell.locator(".jp-OutputArea-output").all_inner_texts()
                raise AssertionError(f"{self.name}, cell {index + 1}: {rendered} of {expected} widget(s) rendered; the outputs show: {shown}")
            self.page.wait_for_timeout(100)

    def all_dom_problems(self) -> list[str]:
        """dom_problems() of every cell, read in one go when every cell is in the page (JupyterLab's
        default windowing keeps them all there, only not laid out); otherwise cell by cell."""
        found = self.page.evaluate(JS_DOM_PROBLEMS, [STDERR_MIME])
        if found is None:  # some cells are not in the page: scroll to each
            found = []
            for cell in self.cells():
                if cell["type"] == "code" and cell["outputs"]:
                    found += self.dom_problems(cell["index"])
        return found

    def dom_problems(self, index: int) -> list[str]:
        """Error and stderr outputs, and widgets that failed, as the browser shows them in one cell."""
        cell = self.cell(index)
        found = []
        for selector in (f".jp-OutputArea-output[data-mime-type='{STDERR_MIME}']", ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"):
            found += [f"cell {index + 1}: {text[:400]}" for text in cell.locator(selector).all_inner_texts()]
        found += [f"cell {index + 1}: {t[:400]}" for t in cell.locator(".jp-OutputArea-output").all_inner_texts() if "Error displaying widget" in t]
        return found

    # typing and running one cell

    def type_into(self, index: int, text: str, *, paste: bool = False) -> None:
        """Replace a cell's text as a student does: click the editor, select all, type (or, with
        `paste`, insert it in one piece as a paste does: quicker for long text).

        CodeMirror indents new lines by itself, so text with indented lines is always inserted
        in one piece instead of key by key."""
        cell = self.cell(index)
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Control+a")
        if paste or any(line[:1].isspace() for line in text.splitlines()):
            self.page.keyboard.insert_text(text)
        else:
            self.page.keyboard.type(text)
        got = self.source(index)
        assert got == text, f"{self.name}, cell {index + 1}: the editor holds {got!r} after typing {text!r}"

    def run_cell(self, index: int, timeout_ms: int = 60_000) -> None:
        """Run one cell with Ctrl+Enter (from its editor if it has the focus, else from its prompt)."""
        before = self.execution_count(index)
        cell = self.cell(index)
        editing = cell.evaluate("(el) => el.contains(document.activeElement) && !!document.activeElement.closest('.cm-editor')")
        if not editing:
            cell.locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Control+Enter")
        self.page.wait_for_function(
            f"([i, before]) => {{ const c = {PANEL}.content.model.cells.get(i); return !!c.executionCount && c.executionCount !== before; }}",
            arg=[index, before], timeout=timeout_ms, polling=50,
        )
        self.wait_idle(timeout_ms)

    # screenshots

    def screenshot_cell(self, index: int, stem: str) -> Path:
        path = artifact(f"{stem}.png")
        self.cell(index).screenshot(path=str(path))
        return path

    # saving and closing

    def save(self) -> None:
        """Ctrl+S, then wait until JupyterLab reports the file saved."""
        self.page.keyboard.press("Control+s")
        self.page.wait_for_function(f"() => !{PANEL}.context.model.dirty", timeout=30_000, polling=100)

    def close(self) -> None:
        """Shut this notebook's kernel down and close it (and its page, if it has one of its own)."""
        self.page.remove_listener("pageerror", self._on_error)
        try:
            self.page.evaluate(JS_CLOSE_ALL, self.owns_page)
        except Exception:  # a broken page: the server's own shutdown stops the kernel later
            pass
        if self.owns_page:
            self.context.close()


def open_and_run(browser, server: LabServer, name: str) -> tuple[NotebookPage, dict]:
    """Open a notebook, clear its outputs, Run All, wait until every code cell has run; returns the page and timings."""
    nb = NotebookPage(browser, server, name)
    try:
        timings = {"open_s": nb.open()}
        nb.clear_outputs()
        timings["run_all_s"] = nb.run_all()
    except Exception as exc:
        report = nb.failure_report()
        nb.close()
        raise AssertionError(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}\n{report}") from exc
    return nb, timings
