"""A whole class on a real JupyterHub (127.0.0.1 only), as the instructor guide's hub section describes it.

The instructor publishes the lessons (kit.py release --git) and runs kit.py hub-setup; three students get
them with the link: ana and boris through the hub's REST API and nbgitpuller's pull endpoint (what the
link's page calls), chen in headless Chromium (log in, open the link, type an answer, run, save). Then the
instructor changes lesson 00 and publishes again; the students pull again: the answers are still there,
the update arrived, and the file of each student who had changed the lesson is in backups/. Finally
kit.py collect gathers lesson 00 from the three home folders and kit.py grade grades them.

Screenshots go to test-artifacts/hub/.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import subprocess
import sys
import time
import urllib.parse

import pytest

from hub_server import Hub, hub_setup, start_hub
from lessons import ANSWER_ID, LESSON, UPDATE_NOTE, answer_in, copy_masters, has_update, the_answer, update_lesson
from unionstate import paths
from unionstate.hub.publish import release_to_git

ARTIFACTS = paths.ROOT / "test-artifacts" / "hub"
FOLDER = "belarus-russia"
pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]


def kit(*args: str, timeout: float = 600) -> str:
    """A kit command as the instructor types it (python3 kit.py ... runs the same module), in its own process."""
    done = subprocess.run([sys.executable, "-m", "unionstate", *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"kit {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def kit_here(*args: str) -> str:
    """The same command's entry point in this process (saves a Python start for the quick commands)."""
    from unionstate.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert code == 0, f"kit {' '.join(args)} failed:\n{out.getvalue()}\n{err.getvalue()}"
    return out.getvalue()


class HubLab:
    """What the browser suite's NotebookPage needs of a server: its log (for failure reports)."""

    def __init__(self, hub: Hub):
        self.log = hub.log


@pytest.fixture(scope="module")
def browser(hub_requirements):
    from lab_server import launch_browser, playwright_session, requirement_problem

    problem = requirement_problem()
    if problem:
        pytest.fail(f"the hub test drives one student in Chromium, but: {problem}", pytrace=False)
    chromium = launch_browser(playwright_session())  # the process's one Playwright, shared with tests/browser
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def course(hub_requirements, tmp_path_factory):
    root = tmp_path_factory.mktemp("hub")
    masters = copy_masters(root / "masters")
    repo = root / "lessons.git"
    release_to_git(masters, repo)  # (the command line is used for the update below)
    git_config = root / "gitconfig"
    hub_setup(git_config)
    hub = start_hub(root / "hub", git_config=git_config, extra_args=["--LabApp.expose_app_in_browser=True"])  # for the page helpers
    yield {"root": root, "masters": masters, "repo": repo, "hub": hub}
    hub.stop()


def student_file(hub: Hub, user: str) -> dict:
    return hub.user_api(user, "GET", f"/contents/{FOLDER}/{LESSON}?content=1")["content"]


def open_link(page, link: str, timeout_s: float) -> None:
    page.goto(link, timeout=timeout_s * 1000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
    page.wait_for_function(
        "(name) => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!p && !!p.context && p.context.path.endsWith(name) && p.context.isReady; }",
        arg=LESSON, timeout=timeout_s * 1000,
    )


def test_a_class_gets_answers_updates_and_grades_on_jupyterhub(course, browser):
    from hub_server import START_TIMEOUT_S
    from notebook_page import NotebookPage

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    hub, repo, masters, root = course["hub"], course["repo"], course["masters"], course["root"]
    timings: dict[str, float] = {}
    answer = the_answer(masters)
    link = kit_here("hub-link", "--hub", hub.url, "--repo", str(repo)).strip()
    assert link.startswith(f"{hub.url}/hub/user-redirect/git-pull?")

    # the class logs in at once; ana and boris pull the lessons as the link's page pulls them
    for user, seconds in hub.start_servers(["ana", "boris", "chen"]).items():
        timings[f"{user} server start s"] = seconds
    for user in ("ana", "boris"):
        hub.git_pull(user, str(repo), FOLDER)
        listing = {f["name"] for f in hub.user_api(user, "GET", f"/contents/{FOLDER}")["content"]}
        assert {p.name for p in masters.glob("[0-9][0-9]-*.ipynb")} <= listing
    # hub-setup's settings reach every user's JupyterLab: no news pop-up, no nbgrader menus
    status, raw = hub.request("GET", f"{hub.url}/user/ana/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert status == 200, raw[:300]
    assert json.loads(raw)["schema"]["properties"]["fetchNews"]["default"] == "false"
    status, page_html = hub.request("GET", f"{hub.url}/user/ana/lab")
    config = re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page_html, re.S)
    assert status == 200 and config, page_html[:300]
    assert "@jupyter/nbgrader" in json.loads(config.group(1))["disabledExtensions"]

    nb = student_file(hub, "ana")
    assert answer_in(nb) != answer  # a fresh student copy
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == ANSWER_ID:
            cell["source"] = answer
    hub.user_api("ana", "PUT", f"/contents/{FOLDER}/{LESSON}", {"type": "notebook", "format": "json", "content": nb})

    # chen: logs in with the hub's login form (her server is running), opens the link, answers in JupyterLab, runs, saves
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    start = time.monotonic()
    page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(urllib.parse.urlsplit(link).path + '?' + urllib.parse.urlsplit(link).query)}")
    page.fill("#username_input", "chen")
    page.fill("#password_input", "any password: DummyAuthenticator")
    page.screenshot(path=str(ARTIFACTS / "1-login.png"))
    page.click("#login_submit")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=START_TIMEOUT_S * 1000)
    open_link(page, link, START_TIMEOUT_S)  # (already there; also checks the notebook is ready)
    timings["chen login to lesson open s"] = time.monotonic() - start
    nbpage = NotebookPage.__new__(NotebookPage)  # the browser suite's helpers, on this page
    nbpage.server, nbpage.name, nbpage.context, nbpage.page, nbpage.page_errors = HubLab(hub), LESSON, context, page, []
    nbpage.wait_idle(START_TIMEOUT_S * 1000)
    index = nbpage.index_of(ANSWER_ID)
    nbpage.type_into(index, answer)
    start = time.monotonic()
    nbpage.run_all()
    timings["chen Run All s"] = time.monotonic() - start
    check = nbpage.cell(index + 1)
    assert "Correct" in check.inner_text(), check.inner_text()[:500]
    nbpage.save()
    check.screenshot(path=str(ARTIFACTS / "2-chen-answered.png"))
    assert answer_in(student_file(hub, "chen")) == answer

    # the instructor updates lesson 00 and publishes again
    update_lesson(masters)
    assert "changed: 00-start-here.ipynb" in kit_here("release", "--git", str(repo), "--masters", str(masters))

    for user in ("ana", "boris"):
        log = "".join(e.get("output", "") for e in hub.git_pull(user, str(repo), FOLDER))
        now = student_file(hub, user)
        assert has_update(now), log
        if user == "ana":
            assert answer_in(now) == answer, log
            assert "unionstate: 00-start-here.ipynb has a new version" in log
        else:
            assert answer_in(now) != answer
    backups = lambda user: sorted((hub.root / "home" / user / FOLDER / "backups").glob("00-start-here.*.ipynb"))  # noqa: E731
    assert len(backups("ana")) == 1 and backups("boris") == []  # boris changed nothing: nothing to back up
    assert answer_in(json.loads(backups("ana")[0].read_text())) == answer

    start = time.monotonic()
    open_link(page, link, START_TIMEOUT_S)  # chen opens the same link again
    timings["chen update pull s"] = time.monotonic() - start
    assert nbpage.source(index) == answer  # the answer, in the new version JupyterLab shows
    first_md = next(c for c in nbpage.cells() if c["type"] == "markdown")
    assert UPDATE_NOTE in "".join(first_md["source"])
    page.evaluate("() => window.jupyterapp.shell.currentWidget.content.scrollToItem(0, 'start')")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "3-chen-after-update.png"))
    nbpage.cell(index).screenshot(path=str(ARTIFACTS / "4-chen-answer-kept.png"))
    assert len(backups("chen")) == 1
    context.close()

    # the instructor collects lesson 00 from the home folders and grades it
    subs, grades = root / "submissions-00", root / "grades-00"
    printed = kit_here("collect", "--lesson", "00", "--homes", f"{hub.root}/home/{{user}}/{FOLDER}", "--out", str(subs))
    assert "from 3 of 3 user(s)" in printed, printed
    start = time.monotonic()
    kit("grade", str(subs), "--lesson", "00", "--out", str(grades), "--quiet")
    timings["grade 3 submissions s"] = time.monotonic() - start
    with open(grades / "gradebook.csv", newline="", encoding="utf-8") as fh:
        book = {row["student"]: row for row in csv.DictReader(fh)}
    assert set(book) == {"ana", "boris", "chen"}
    points = {user: float(book[user]["00.days_between"] or 0) for user in book}
    assert points["ana"] > 0 and points["chen"] > 0 and points["boris"] == 0, book
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=1), encoding="utf-8")
