"""The README's lab command itself: `python3 kit.py lab` starts JupyterLab on the student's
workspace, serves lesson 00 with the kit's settings (no news pop-up), and a second run keeps the
notebook the student edited (it says so and leaves the file as it was; it is stopped once it hands
over to JupyterLab: starting JupyterLab is the same as in the first run).

kit.py runs with this test's Python (the one of .venv): kit.py rebuilds .venv when
the Python version differs, and the test must not do that. It sets .venv up only
if pyproject.toml changed since the last set-up, as it does for a student.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import urllib.request

import pytest

from lab_server import artifact, free_port, lab_environment, stop, tail, wait_for_status
from unionstate import paths

pytestmark = pytest.mark.browser

FIRST = "00-start-here.ipynb"
TOKEN = "kit-lab-command-test"
FIRST_START_S = 600  # the first run may have to set .venv up (pyproject.toml changed)
TYPED = "'my answer, typed in the browser'"


def kit_lab(workspace, home, port, log_path) -> subprocess.Popen:
    cmd = [sys.executable, str(paths.ROOT / "kit.py"), "lab", "--no-browser", "--port", str(port), "--token", TOKEN, "--workspace", str(workspace)]
    # No news setting of our own: the kit's overrides.json must keep the pop-up away.
    env = lab_environment(home, news_off=False)
    with open(log_path, "ab") as log:
        return subprocess.Popen(cmd, cwd=paths.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for_line(log_path, text: str, after: int, proc, timeout: float) -> None:
    """Until the log (from character `after` on) holds `text`; fails if the process ends first."""
    deadline = time.monotonic() + timeout
    while text not in log_path.read_text(encoding="utf-8")[after:]:
        if proc.poll() is not None:
            raise AssertionError(f"kit.py lab exited with code {proc.returncode} before printing {text!r}:\n{tail(log_path)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"kit.py lab did not print {text!r} within {timeout} s:\n{tail(log_path)}")
        time.sleep(0.2)


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.read()


def answer_cell(notebook_file) -> tuple[int, str]:
    """(index, source) of the first answer cell of a student notebook."""
    cells = json.loads(notebook_file.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").endswith("_answer"):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return index, source
    raise AssertionError(f"{notebook_file.name} has no answer cell")


def test_lab_command_serves_lesson_00_and_keeps_the_students_edited_notebook(browser, tmp_path):
    from playwright.sync_api import expect

    workspace, home, log_path = tmp_path / "workspace", tmp_path / "jupyter", tmp_path / "kit-lab.log"
    home.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    # First run: a new student.
    proc = kit_lab(workspace, home, port, log_path)
    try:
        wait_for_status(base, TOKEN, proc, log_path, timeout=FIRST_START_S)
        status, body = get(f"{base}/lab?token={TOKEN}")
        assert status == 200 and b"JupyterLab" in body
        status, body = get(f"{base}/api/contents/{FIRST}?token={TOKEN}&content=0")
        assert status == 200 and json.loads(body)["type"] == "notebook"
        assert "Created your copies of:" in log_path.read_text(encoding="utf-8")
        # The kit's overrides.json is what keeps the "Jupyter news" question away: this server applies it.
        status, body = get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={TOKEN}")
        defaults = {k: v.get("default") for k, v in json.loads(body)["schema"]["properties"].items()}
        assert (defaults.get("fetchNews"), defaults.get("checkForUpdates")) == ("false", False), (
            f"the lab's notification defaults are {defaults}: the kit's overrides.json did not take effect")

        index, source = answer_cell(workspace / FIRST)
        edited = source.replace(" = ...", f" = {TYPED}", 1) if " = ..." in source else source + f"\nnote = {TYPED}"
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        # The kit's default URL opens the first lesson.
        page.goto(f"{base}/?token={TOKEN}")
        tab = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
        expect(tab).to_have_text(FIRST, timeout=60_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        page.screenshot(path=str(artifact("lab-command-00-opened.png")))

        # The student types an answer and saves.
        cell = page.locator(f".jp-Notebook .jp-Cell[data-windowed-list-index='{index}']")
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.type(edited)
        page.keyboard.press("Control+s")
        expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0, timeout=20_000)
        deadline = time.monotonic() + 20
        while TYPED not in (workspace / FIRST).read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        cell.screenshot(path=str(artifact("lab-command-00-edited.png")))
        # And after all that time in the lab, no news question was shown either.
        news = page.locator(".Toastify__toast").filter(has_text="Jupyter news")
        assert news.count() == 0, "JupyterLab asks about Jupyter news: the kit's overrides.json did not take effect"
        context.close()
    finally:
        stop(proc)
    saved = (workspace / FIRST).read_bytes()
    cells = json.loads(saved)["cells"]
    assert "".join(cells[index]["source"]) == edited, "the answer typed in the browser is not in the saved notebook"
    digest = hashlib.sha256(saved).hexdigest()

    # Second run: the same student comes back.
    first_log = log_path.read_text(encoding="utf-8")
    proc = kit_lab(workspace, home, port, log_path)
    try:
        wait_for_line(log_path, "Starting JupyterLab", len(first_log), proc, FIRST_START_S)
    finally:
        stop(proc)
    second_log = log_path.read_text(encoding="utf-8")[len(first_log):]
    assert hashlib.sha256((workspace / FIRST).read_bytes()).hexdigest() == digest, "the second run changed the student's notebook"
    kept = [line for line in second_log.splitlines() if "Kept your notebooks as they are:" in line]
    assert kept and FIRST in kept[0], f"the second run does not say it kept {FIRST}; it said:\n{tail(log_path)}"
    assert "Created your copies of:" not in second_log or FIRST not in second_log.split("Created your copies of:")[1].splitlines()[0]
