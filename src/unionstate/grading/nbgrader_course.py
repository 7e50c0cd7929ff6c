"""Run nbgrader (0.9) on the kit's master notebooks, unchanged.

Used by the test that proves the masters work with nbgrader and give the same totals as the
grade command, and by the throughput benchmark. Instructors on JupyterHub use nbgrader's own
commands (see lessons/instructor-guide.md); this module does the same steps in a temporary course:

    source/<assignment>/<master>.ipynb      -> nbgrader generate_assignment
    submitted/<student>/<assignment>/...    -> nbgrader autograde
    gradebook.db                            -> the auto-graded points per student
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CONFIG = """c = get_config()
c.CourseDirectory.root = r"{root}"
c.CourseDirectory.course_id = "unionstate-kit"
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
c.ClearSolutions.code_stub = {{"python": "# Your answer: replace the ... (three dots) with your answer.\\n..."}}
"""


def assignment_name(lesson: str) -> str:
    return f"lesson{lesson}"


def make_course(root: Path, master: Path, timeout: int = 30) -> str:
    """A course folder with one assignment (the master); returns the assignment name."""
    lesson = master.name[:2]
    assignment = assignment_name(lesson)
    (root / "source" / assignment).mkdir(parents=True, exist_ok=True)
    shutil.copy(master, root / "source" / assignment / master.name)
    (root / "nbgrader_config.py").write_text(CONFIG.format(root=root, timeout=timeout), encoding="utf-8")
    return assignment


def nbgrader(root: Path, *args: str, timeout: float = 3600) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "nbgrader", *args, "--force", "--log-level=WARN"]
    # nbgrader runs the `alembic` program of its own environment: put that environment's bin first.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    env.pop("UNIONSTATE_STRICT", None)  # nbgrader sets NBGRADER_EXECUTION, which turns strict mode on
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=timeout, env=env)


def generate(root: Path, assignment: str) -> subprocess.CompletedProcess:
    return nbgrader(root, "generate_assignment", assignment)


def submit(root: Path, assignment: str, master_name: str, student: str, data: bytes) -> None:
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / master_name).write_bytes(data)


def autograde(root: Path, assignment: str) -> subprocess.CompletedProcess:
    return nbgrader(root, "autograde", assignment)


def auto_scores(root: Path, assignment: str, master_name: str) -> dict[str, float]:
    """Auto-graded points per student (the sum over the exercises' check cells)."""
    from nbgrader.api import Gradebook, MissingEntry

    notebook = master_name.removesuffix(".ipynb")
    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student in gb.students:
            try:
                nb = gb.find_submission_notebook(notebook, assignment, student.id)
            except MissingEntry:
                continue
            out[student.id] = sum((g.auto_score or 0) for g in nb.grades if g.name.startswith("ex"))
    return out
