"""`kit.py hub-setup`: run once, as the owner of the hub's user environment, after installing the kit there.

It applies to every user of that environment:
- the kit's JupyterLab settings (lab.write_lab_overrides: the widget-safe keyboard shortcuts, no news
  pop-up or update check, no nbgrader menus for students), in <prefix>/share/jupyter/lab/settings and
  <prefix>/etc/jupyter/labconfig;
- the git merge driver for lesson notebooks (merge.py) in git's system configuration (or the file given),
  so that an nbgitpuller pull backs up a student's changed lesson and carries their answers over.

It first checks that the kit was installed from a clone in editable mode: the notebooks import data and
lessons that sit beside the package in the clone, which a plain `pip install` does not copy.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from .. import paths
from ..lab import write_lab_overrides
from ..release import master_notebooks
from . import HubError
from .publish import MERGE_DRIVER

DRIVER_NAME = "unionstate: back up the student's lesson, copy their answers into the new version"


def driver_command(python: str | None = None) -> str:
    return f"{shlex.quote(python or sys.executable)} -m unionstate.hub.merge %O %A %B %P"


def check_install(root: Path | None = None) -> None:
    root = root or paths.ROOT
    if not (root / "data" / "datapackage.json").exists() or not master_notebooks(root / "notebooks"):
        raise HubError(
            f"The kit's data and lessons are not beside the package (looked in {root}). Install the kit from a clone "
            f"in editable mode, e.g. `git clone <kit repository> /opt/unionstate-kit` and "
            f"`pip install -e '/opt/unionstate-kit[hub]'`: a plain `pip install` copies only the Python package."
        )


def configure_git(git_config: Path | None = None, python: str | None = None) -> str:
    """Name the merge driver in git's system config (needs root) or in the given config file."""
    where = ["--file", str(git_config)] if git_config else ["--system"]
    for key, value in ((f"merge.{MERGE_DRIVER}.name", DRIVER_NAME), (f"merge.{MERGE_DRIVER}.driver", driver_command(python))):
        try:
            done = subprocess.run(["git", "config", *where, key, value], capture_output=True, text=True, timeout=60)
        except FileNotFoundError:
            raise HubError("git is not installed; nbgitpuller needs it too: install git (e.g. `apt-get install git`) and run hub-setup again.") from None
        if done.returncode != 0:
            target = git_config or "git's system configuration (/etc/gitconfig)"
            raise HubError(
                f"Could not write the merge driver into {target}: {done.stderr.strip()}. Run hub-setup as root "
                f"(e.g. in the image's Dockerfile before `USER`), or pass --git-config with a file git reads for every user."
            )
    return str(git_config or "git's system configuration")


def hub_setup(prefix: Path | None = None, git_config: Path | None = None) -> list[str]:
    check_install()
    overrides = write_lab_overrides(prefix)
    page_config = Path(prefix or sys.prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"
    where = configure_git(git_config)
    return [
        f"JupyterLab settings for every user of {prefix or sys.prefix}: {overrides} and {page_config}.",
        f"Merge driver for lesson notebooks ({MERGE_DRIVER}) written to {where}.",
        "Publish the lessons with `kit.py release --git <repo>`, then give students the link from `kit.py hub-link`.",
    ]
