"""Start JupyterLab on the student's workspace, opened at the first lesson."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .workspace import sync

FIRST_NOTEBOOK = "00-start-here.ipynb"

# Settings every student gets: no news pop-up over the notebook, no update check.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
OUTSIDE_OUTPUTS = ":not(.jp-OutputArea-output *)"


def widget_safe_shortcuts(prefix: Path | None = None) -> list[dict]:
    """Notebook command-mode shortcuts that ignore keys pressed inside a cell's output.

    JupyterLab's command-mode keys (arrows, J/K, A, B, M, Y, D D ...) also fire while a widget
    control (a menu, a radio button) has the focus: the arrow keys then move to the next cell
    instead of changing the control, and a letter typed into a menu can change or delete a cell.
    Each such default without a Ctrl/Alt modifier is switched off and declared again for focus
    outside the outputs.
    """
    schema = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "notebook-extension" / "tracker.json"
    try:
        defaults = json.loads(schema.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", [])
    except (OSError, ValueError):
        return []
    out = []
    for shortcut in defaults:
        keys = " ".join(shortcut.get("keys", []))
        if shortcut.get("selector") != COMMAND_MODE or shortcut.get("disabled") or not keys.strip():
            continue  # (a default with no keys is a placeholder for users to fill in: leave it alone)
        if any(mod in keys.split() for mod in ("Accel", "Ctrl", "Alt", "Meta", "Cmd")):
            continue  # Ctrl+Enter and friends do not clash with a menu or a radio button: keep them working everywhere
        out.append({**shortcut, "disabled": True})
        out.append({**shortcut, "selector": COMMAND_MODE + OUTSIDE_OUTPUTS})
    return out


def lab_overrides(prefix: Path | None = None) -> dict:
    shortcuts = widget_safe_shortcuts(prefix)
    extra = {"@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": shortcuts}} if shortcuts else {}
    return {**LAB_OVERRIDES, **extra}


# Instructor tools that a test install brings along; students should not see them in the kit's lab.
DISABLED_EXTENSIONS = {"@jupyter/nbgrader": True}


def write_page_config(prefix: Path | None = None) -> Path:
    """<prefix>/etc/jupyter/labconfig/page_config.json: switch off the nbgrader menus for students."""
    folder = Path(prefix or sys.prefix) / "etc" / "jupyter" / "labconfig"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "page_config.json"
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError:
        current = {}
    disabled = {**current.get("disabledExtensions", {}), **DISABLED_EXTENSIONS}
    if current.get("disabledExtensions") != disabled:
        path.write_text(json.dumps({**current, "disabledExtensions": disabled}, indent=2), encoding="utf-8")
    return path


def write_lab_overrides(prefix: Path | None = None) -> Path:
    """JupyterLab reads <prefix>/share/jupyter/lab/settings/overrides.json for its defaults."""
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "overrides.json"
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            current = {}
    write_page_config(prefix)
    merged = {**current, **lab_overrides(prefix)}
    if merged != current:
        path.write_text(json.dumps(merged, indent=2), encoding="utf-8")
    return path


def lab_command(ws: Path, *, port: int | None = None, open_browser: bool = True, token: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ws}"]
    if (ws / FIRST_NOTEBOOK).exists():
        cmd.append(f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}")
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root; JupyterLab refuses otherwise
    return cmd


def run_lab(ws: Path, *, port: int | None = None, open_browser: bool = True, token: str | None = None) -> None:
    """Sync the workspace, report what changed, then replace this process by JupyterLab."""
    report = sync(ws)
    print(f"Your workspace: {ws}")
    for line in report.messages():
        print("  " + line)
    write_lab_overrides()
    cmd = lab_command(ws, port=port, open_browser=open_browser, token=token)
    print("Starting JupyterLab (stop it with Ctrl+C, twice)...", flush=True)
    os.chdir(ws)
    os.execv(cmd[0], cmd)
