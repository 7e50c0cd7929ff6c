#!/usr/bin/env python3
"""The kit's entry point. Needs only Python 3.10 or newer; everything else it installs itself.

    python3 kit.py lab     set up (first time only) and open JupyterLab on the first lesson
    python3 kit.py test    set up with the test tools (first time only) and run every test

Any other command is passed to the kit, e.g.  python3 kit.py refresh 02,
python3 kit.py release,  python3 kit.py grade submissions.zip --lesson 02.
Run  python3 kit.py --help  for the list.

Set-up creates an isolated environment in .venv/ (KIT_VENV overrides the place)
and installs the kit into it with uv (fast) or, if uv cannot be had, with pip.
It only installs again when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

MIN_PYTHON = (3, 10)
ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("KIT_VENV", ROOT / ".venv"))
STAMP = VENV / "kit-installed.json"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"[kit] {message}", flush=True)


def fail(message: str) -> NoReturn:
    print(f"[kit] {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(cmd: list[str], **kw) -> int:
    return subprocess.call([str(c) for c in cmd], **kw)


def wanted_stamp(extras: set[str]) -> dict:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return {"pyproject_sha256": digest, "python": list(sys.version_info[:2]), "extras": sorted(extras)}


def previous_extras() -> set[str]:
    """Extras a former set-up installed, even for an older pyproject.toml (a new set-up keeps them)."""
    try:
        return set(json.loads(STAMP.read_text()).get("extras", []))
    except (OSError, ValueError):
        return set()


def installed_extras() -> set[str] | None:
    """Extras installed for this same pyproject.toml and Python; None if set-up is needed."""
    if not PY.exists() or not STAMP.exists():
        return None
    try:
        have = json.loads(STAMP.read_text())
    except ValueError:
        return None
    want = wanted_stamp(set())
    if have.get("pyproject_sha256") != want["pyproject_sha256"] or have.get("python") != want["python"]:
        return None
    return set(have.get("extras", []))


def find_uv() -> str | None:
    for candidate in (shutil.which("uv"), BIN / "uv"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def create_venv() -> None:
    uv = shutil.which("uv")
    say(f"creating an isolated Python environment in {VENV} ...")
    if uv and run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, VENV]) == 0:
        return
    import venv

    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)


def install(extras: set[str]) -> None:
    start = time.time()
    extras = extras | previous_extras()  # `lab` after a change must not drop the test tools `test` installed
    if not PY.exists():
        create_venv()
    target = f"{ROOT}[{','.join(sorted(extras))}]" if extras else str(ROOT)
    uv = find_uv()
    if uv is None:
        say("installing the installer uv (a few seconds) ...")
        if run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv"]) == 0:
            uv = find_uv()
    if uv is not None:
        say(f"installing the kit and its packages with uv{' (with ' + ', '.join(sorted(extras)) + ')' if extras else ''} ...")
        code = run([uv, "pip", "install", "--quiet", "--python", PY, "-e", target])
    else:
        say("uv is not available; installing with pip (this takes a minute or two) ...")
        code = run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target])
    if code != 0:
        fail(
            "installing the packages failed; the messages above say why (most often: no internet connection). "
            "Fix that and run the same command again. If it keeps failing, delete the .venv folder first."
        )
    STAMP.write_text(json.dumps(wanted_stamp(extras)))
    say(f"set-up done in {time.time() - start:.0f} s.")


AXE_FOLDER = ROOT / "tests" / "browser"  # its package.json pins axe-core; npm installs it into node_modules there


def axe_versions() -> tuple[str | None, str | None]:
    """(the pinned axe-core version, the installed one or None)."""
    try:
        pinned = json.loads((AXE_FOLDER / "package.json").read_text())["dependencies"]["axe-core"]
    except (OSError, ValueError, KeyError):
        return None, None
    try:
        installed = json.loads((AXE_FOLDER / "node_modules" / "axe-core" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        installed = None
    return pinned, installed


def install_axe(*, again: bool = False) -> None:
    """axe-core from npm, for the browser tests' accessibility audit: installed once (and again when
    the pin changes); afterwards the tests need no network. Without npm or a network only that audit
    is skipped (with a sentence saying so), so a failure here stops nothing. A failed try is not
    repeated by every `kit.py test` (offline, npm can take a minute to give up); `kit.py setup --test`
    tries again."""
    pinned, installed = axe_versions()
    if pinned is None or installed == pinned:
        return
    tried = VENV / "kit-axe-tried.txt"
    if not again and tried.exists() and tried.read_text().strip() == pinned:
        return
    if VENV.exists():
        tried.write_text(pinned)
    npm = shutil.which("npm")
    if npm is None:
        say("npm is not installed, so neither is axe-core: the browser tests' accessibility audit will be skipped.")
        return
    say(f"installing axe-core {pinned} for the browser tests' accessibility audit (npm) ...")
    try:
        code = run([npm, "ci", "--prefix", AXE_FOLDER, "--no-audit", "--no-fund", "--loglevel=error"], timeout=300)
    except subprocess.TimeoutExpired:
        code = None
    if code != 0:
        say("npm could not install axe-core (the messages above say why); the accessibility audit will be skipped "
            "until `npm ci --prefix tests/browser` works.")


def ensure(extras: set[str], *, again: bool = False) -> None:
    """Install only when something changed: a new pyproject.toml, another Python, or new extras."""
    have = installed_extras()
    if have is None or not extras <= have:
        install(extras)
        again = True  # a new set-up tries npm again too
    if "test" in extras:
        install_axe(again=again)


def hand_over(cmd: list) -> int:
    """Replace this process by cmd (so Ctrl+C reaches it directly); on Windows, wait for it."""
    cmd = [str(c) for c in cmd]
    if os.name == "nt":
        return subprocess.call(cmd)
    os.execv(cmd[0], cmd)
    return 0  # not reached


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        fail(f"this kit needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version.split()[0]}. Install a newer Python and run the command with it.")
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        if PY.exists():
            run([PY, "-m", "unionstate", "--help"])
        return 0
    command, rest = argv[0], argv[1:]
    if command == "test":
        ensure({"test"})
        os.chdir(ROOT)
        return hand_over([PY, "-m", "pytest", *rest])
    if command == "setup":
        ensure({extra for flag, extra in (("--test", "test"), ("--hub", "hub")) if flag in rest}, again=True)
        return 0
    ensure(set())
    return hand_over([PY, "-m", "unionstate", command, *rest])


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
