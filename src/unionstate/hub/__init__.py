"""The kit on a JupyterHub: install for every user, hand out lessons with one link, collect for grading.

- install.py: `kit.py hub-setup`, run once in the hub's user environment: the kit's JupyterLab
  settings for every user, and the git merge driver that gives nbgitpuller pulls the laptop's
  guarantees (a changed lesson backs up the student's file first and carries their answers over).
- publish.py: `kit.py release --git REPO` writes the student notebooks as a commit on a branch that
  nbgitpuller pulls; `kit.py hub-link` prints the one link students open.
- merge.py: that merge driver (git runs it when a student and a new release both changed a notebook).
- collect.py: `kit.py collect` copies one lesson's notebooks out of the users' home folders into a
  submissions folder for `kit.py grade`.
"""

from __future__ import annotations


class HubError(ValueError):
    """Something about the hub set-up, a release repository or a collection needs the user's attention."""


__all__ = ["HubError"]
