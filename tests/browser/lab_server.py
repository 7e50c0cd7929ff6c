"""What the browser tests need, and a JupyterLab on a temporary student workspace.

Shared by the browser tests (tests/browser) and benchmarks/browser_timings.py.
Playwright is not imported here, so this module imports on machines without it
(the tests then skip with one sentence, see requirement_problem()).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from unionstate import paths
from unionstate.release import master_notebooks

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = paths.ROOT / "test-artifacts" / "browser"
HERE = Path(__file__).resolve().parent
# axe-core from npm, pinned in tests/browser/package.json; installed into tests/browser/node_modules
# by `python3 kit.py setup --test` and by .ci/run (KIT_AXE_CORE names another axe.min.js).
AXE_CORE = HERE / "node_modules" / "axe-core" / "axe.min.js"

NO_CHROMIUM = "Chromium is not installed: run `sudo apt-get install chromium` (Debian/Ubuntu) to run the browser tests."
NO_PLAYWRIGHT = (
    "Playwright for Python is not installed: run `python3 kit.py setup --test` (it installs the test tools; "
    "no `playwright install` is needed, the tests use the system Chromium) to run the browser tests."
)

NO_AXE = (
    "axe-core is not installed: run `npm install --prefix tests/browser` (or `python3 kit.py setup --test`, "
    "which does it when npm is available) to run the accessibility audit."
)

START_TIMEOUT_S = 90  # generous: CI machines are slow


# --- what the suite needs --------------------------------------------------------------


def chromium_path() -> str | None:
    """Debian's Chromium (KIT_CHROMIUM names another executable, e.g. Ubuntu's chromium-browser)."""
    wanted = os.environ.get("KIT_CHROMIUM")
    if wanted:
        return wanted if os.path.exists(wanted) else None
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


def requirement_problem() -> str | None:
    """One sentence saying what is missing to run the browser tests, or None."""
    if chromium_path() is None:
        return NO_CHROMIUM
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return NO_PLAYWRIGHT
    return None


def axe_core_path() -> Path | None:
    wanted = os.environ.get("KIT_AXE_CORE")
    path = Path(wanted) if wanted else AXE_CORE
    return path if path.is_file() else None


def axe_problem() -> str | None:
    """One sentence saying what is missing to run the axe-core audit, or None."""
    return NO_AXE if axe_core_path() is None else None


def require_axe() -> None:
    """Called where the audit is not skipped (so in CI): without axe-core the test fails with one sentence."""
    problem = axe_problem()
    if problem:
        import pytest

        pytest.fail(f"KIT_REQUIRE_BROWSER=1 is set, so the accessibility audit must run, but: {problem}", pytrace=False)


def browser_required() -> bool:
    """CI sets KIT_REQUIRE_BROWSER=1: a missing browser is then a failure, not a skip."""
    return os.environ.get("KIT_REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes")


def master_names() -> list[str]:
    """File names of every lesson's master: the student notebooks the workspace will hold."""
    return [p.name for p in master_notebooks(paths.NOTEBOOKS)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_playwright = None


def playwright_session():
    """One Playwright per test process, shared by the browser and hub suites. Its sync API marks an
    event loop as running in the main thread, so a second sync_playwright().start() in the same process
    fails ("Sync API inside the asyncio loop"): both suites launch their Chromium from this one."""
    global _playwright
    if _playwright is None:
        import atexit

        from playwright.sync_api import sync_playwright

        _playwright = sync_playwright().start()
        atexit.register(_playwright.stop)
    return _playwright


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


# Lines for the end of the test run: where the screenshots and reports of this run are.
ARTIFACT_NOTES: list[str] = []


def note_artifact(line: str) -> None:
    ARTIFACT_NOTES.append(line)


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


# --- the student workspace and its JupyterLab ------------------------------------------


def snapshot_masters(folder: Path) -> Path:
    """Copy the masters as they are now: other people edit them while the suite runs, and the
    workspace and the solutions the tests type must come from the same version."""
    folder.mkdir(parents=True, exist_ok=True)
    for master in master_notebooks(paths.NOTEBOOKS):
        shutil.copy2(master, folder / master.name)
    return folder


def make_workspace(ws: Path, masters: Path) -> dict[str, str]:
    """Release every master into ws with the kit's own sync(); returns {notebook: problem} for
    masters that could not be released (each is then synced on its own, so one broken lesson
    does not hide the others)."""
    from unionstate.workspace import sync

    try:
        sync(ws, masters=masters)
        return {}
    except ValueError:  # ReleaseError (a solution would leak), or a master that is not valid JSON
        pass
    problems = {}
    for master in master_notebooks(masters):
        if (ws / master.name).exists():
            continue
        with tempfile.TemporaryDirectory() as single:
            shutil.copy2(master, Path(single) / master.name)
            try:
                sync(ws, masters=Path(single))
            except ValueError as exc:
                problems[master.name] = f"{type(exc).__name__}: {exc}"
    return problems


def lab_environment(home: Path, *, news_off: bool = True) -> dict[str, str]:
    """The environment of a JupyterLab that sees nothing of this machine's Jupyter set-up.

    news_off writes the user setting that keeps the "Jupyter news" pop-up away (the kit's own
    lab command sets the same default through overrides.json; test_lab_command checks that).
    The test process runs in strict mode (root conftest.py); a student's kernel does not, so
    UNIONSTATE_STRICT is removed, and MPLBACKEND too (the kernel must use its inline backend)."""
    settings = home / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    if news_off:
        notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notification.parent.mkdir(parents=True, exist_ok=True)
        notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("UNIONSTATE_STRICT", "MPLBACKEND", "NBGRADER_EXECUTION")}
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        IPYTHONDIR=str(home / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_for_status(base: str, token: str, proc: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_S) -> float:
    """Poll /api/status until the server answers; returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode} before answering; its log:\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"JupyterLab did not answer {base}/api/status within {timeout} s; its log:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """Terminate (JupyterLab then shuts its kernels down), and kill only if it does not exit."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@dataclass
class LabServer:
    """A JupyterLab on a temporary student workspace, started as a subprocess."""

    workspace: Path
    home: Path
    token: str = "kit-browser-tests"
    port: int = 0
    proc: subprocess.Popen | None = None
    startup_s: float = 0.0
    masters: Path = paths.NOTEBOOKS  # the masters the workspace was made from
    release_problems: dict[str, str] = field(default_factory=dict)
    # UNIONSTATE_REVEAL_ALL=1 in the kernels: results gated behind an exercise (reveal()) show after Run
    # All, so every explorer can be driven and audited; the placeholders are checked apart (the test
    # unsets it in one kernel, see test_notebooks_in_lab.test_unanswered_placeholders...).
    reveal_all: bool = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.home / "jupyterlab.log"

    def start(self) -> "LabServer":
        from unionstate.lab import write_lab_overrides

        write_lab_overrides()  # the settings every student gets (keyboard-safe widgets, no news pop-up)
        self.port = self.port or free_port()
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            f"--ServerApp.root_dir={self.workspace}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.port={self.port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            # window.jupyterapp: the tests read the notebook's model (execution counts, outputs)
            # instead of the DOM, which JupyterLab only keeps for cells near the viewport.
            "--LabApp.expose_app_in_browser=True",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        with open(self.log, "wb") as out:
            env = lab_environment(self.home)
            if self.reveal_all:
                env["UNIONSTATE_REVEAL_ALL"] = "1"
            self.proc = subprocess.Popen(cmd, cwd=self.workspace, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            self.startup_s = wait_for_status(self.base, self.token, self.proc, self.log)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"


def start_lab(root: Path) -> LabServer:
    """Masters copied to root/masters, the workspace made from them in root/workspace, Jupyter's
    own folders in root/jupyter; the server is started."""
    ws, home = root / "workspace", root / "jupyter"
    home.mkdir(parents=True, exist_ok=True)
    masters = snapshot_masters(root / "masters")
    problems = make_workspace(ws, masters)
    server = LabServer(workspace=ws, home=home, masters=masters, release_problems=problems)
    return server.start()
