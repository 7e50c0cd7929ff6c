"""Master notebook -> student notebook.

One small transformation per concern (as in nbgrader's preprocessors):
- solution regions become prompts that keep "Run All" working;
- hidden-test regions are removed;
- Markdown answer cells get their placeholder;
- instructor-only cells are dropped;
- outputs, execution counts and foreign metadata are cleared;
- a final scan proves no solution or hidden-test text is left anywhere.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
import textwrap
from pathlib import Path

import nbformat

from .exercises.model import PLACEHOLDER, Reflection, by_grade_id

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
INSTRUCTOR_TAG = "instructor-only"
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
PROMPT = "# Your answer: replace the ... (three dots) with your answer."
FUNCTION_PROMPT = "# Your code: replace the ... (three dots) with the body of the function."
KEEP_CELL_METADATA = ("nbgrader", "tags", "editable", "deletable", "jupyter")
NBGRADER_KEYS = ("grade", "solution", "locked", "points", "grade_id", "schema_version", "task")


class ReleaseError(ValueError):
    """A master notebook cannot be turned into a student notebook."""


def _regions(lines: list[str], begin: str, end: str, where: str) -> list[tuple[int, int]]:
    """(start, stop) line indices of each begin/end region, markers included."""
    regions, start = [], None
    for i, line in enumerate(lines):
        s = line.strip()
        if s == begin:
            if start is not None:
                raise ReleaseError(f"{where}: '{begin}' twice without '{end}' between them.")
            start = i
        elif s == end:
            if start is None:
                raise ReleaseError(f"{where}: '{end}' without a '{begin}' before it.")
            regions.append((start, i))
            start = None
    if start is not None:
        raise ReleaseError(f"{where}: '{begin}' is never closed by '{end}'.")
    return regions


def assigned_names(code: str) -> list[str]:
    """Top-level names a solution assigns, in order: they get `name = ...` stubs."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []

    def add(target):
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:
                add(t)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for t in node.targets:
                add(t)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return names


def stub_for(solution_lines: list[str], indent: str) -> list[str]:
    """What replaces a solution region in the student copy."""
    body = "\n".join(solution_lines)
    if indent:  # inside a function body
        has_return = any(line.strip().startswith("return") for line in solution_lines)
        return [indent + FUNCTION_PROMPT, indent + ("return ..." if has_return else "...")]
    names = assigned_names(body)
    if names:
        return [PROMPT] + [f"{name} = ..." for name in names]
    return [PROMPT, "..."]


def clear_solutions(source: str, where: str) -> tuple[str, list[str]]:
    """Replace every solution region; returns the new source and the removed lines."""
    lines = source.split("\n")
    removed: list[str] = []
    for start, stop in reversed(_regions(lines, BEGIN_SOLUTION, END_SOLUTION, where)):
        inner = lines[start + 1 : stop]
        indent = re.match(r"\s*", lines[start]).group(0)
        removed += inner
        lines[start : stop + 1] = stub_for(inner, indent)
    return "\n".join(lines), removed


def remove_hidden_tests(source: str, where: str) -> tuple[str, list[str]]:
    lines = source.split("\n")
    removed: list[str] = []
    for start, stop in reversed(_regions(lines, BEGIN_HIDDEN, END_HIDDEN, where)):
        removed += lines[start + 1 : stop]
        del lines[start : stop + 1]
    return "\n".join(lines).rstrip("\n"), removed


def _clean_cell_metadata(cell) -> None:
    meta = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
    if "nbgrader" in meta:
        meta["nbgrader"] = {k: v for k, v in meta["nbgrader"].items() if k in NBGRADER_KEYS}
        if meta["nbgrader"].get("locked"):
            meta["editable"], meta["deletable"] = False, False  # JupyterLab keeps check cells read-only
    if "tags" in meta:
        meta["tags"] = [t for t in meta["tags"] if t != INSTRUCTOR_TAG]
        if not meta["tags"]:
            del meta["tags"]
    cell.metadata = nbformat.NotebookNode(meta)


def sha256_of(path_or_bytes: Path | bytes) -> str:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return hashlib.sha256(data).hexdigest()


def release_notebook(master: nbformat.NotebookNode, *, name: str = "notebook") -> nbformat.NotebookNode:
    """The student version of a master notebook (the master is not changed)."""
    nb = copy.deepcopy(master)
    reflections = {item.grade_id: item for item in by_grade_id().values() if isinstance(item, Reflection)}
    secret: list[str] = []
    cells = []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index + 1}"
        if INSTRUCTOR_TAG in cell.metadata.get("tags", []):
            secret += cell.source.split("\n")
            continue
        grade_meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code":
            cell.source, removed = clear_solutions(cell.source, where)
            secret += removed
            cell.source, removed = remove_hidden_tests(cell.source, where)
            secret += removed
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and grade_meta.get("solution"):
            secret += cell.source.split("\n")
            item = reflections.get(grade_meta.get("grade_id", ""))
            cell.source = item.placeholder if item else PLACEHOLDER
        elif cell.cell_type == "markdown" and BEGIN_SOLUTION in cell.source:
            cell.source, removed = clear_solutions(cell.source, where)
            cell.source = cell.source.replace(PROMPT + "\n...", PLACEHOLDER)
            secret += removed
        _clean_cell_metadata(cell)
        cells.append(cell)
    nb.cells = cells
    meta = nb.metadata
    nb.metadata = nbformat.NotebookNode({k: meta[k] for k in ("kernelspec", "language_info") if k in meta})
    lesson = meta.get("unionstate", {}).get("lesson")
    nb.metadata["unionstate"] = {"role": "student", "lesson": lesson, "master_sha256": sha256_of(nbformat.writes(master).encode())}
    assert_no_leak(nb, secret, name)
    return nb


def _all_strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _all_strings(k) + _all_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _all_strings(v)]
    return []


def leaked_lines(nb: nbformat.NotebookNode, secret: list[str]) -> list[str]:
    """Solution or hidden-test lines (and markers) still present anywhere in the notebook."""
    text = "\n".join(_all_strings(json.loads(nbformat.writes(nb))))
    found = [m for m in MARKERS if m in text]
    for line in secret:
        s = line.strip()
        # Short or generic lines ('else:', 'return x', '...') can legitimately appear in student cells.
        if len(s) >= 12 and not s.startswith("#") and s in text:
            found.append(s)
    return found


def assert_no_leak(nb: nbformat.NotebookNode, secret: list[str], name: str) -> None:
    leaks = leaked_lines(nb, secret)
    if leaks:
        raise ReleaseError(
            f"{name}: the student version would still contain solution or hidden-test text: {leaks[0]!r}"
            f"{f' (and {len(leaks) - 1} more)' if len(leaks) > 1 else ''}. Make that line unique to the solution, or move it out."
        )


def read_master(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:
        raise ReleaseError(f"{path}: cannot be read as a notebook ({exc}).") from None


def release_file(master_path: Path) -> str:
    """The student notebook for a master file, as JSON text."""
    nb = release_notebook(read_master(master_path), name=master_path.name)
    return nbformat.writes(nb) + "\n"


def master_notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def release_folder(masters: Path, out: Path, *, force: bool = False) -> list[Path]:
    """Write student versions of every master into out/. Existing files are kept unless force."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for master in master_notebooks(masters):
        target = out / master.name
        if target.exists() and not force:
            raise ReleaseError(f"{target} exists already. Release into an empty folder, or pass --force to replace the released copies.")
        text = release_file(master)
        tmp = target.with_suffix(".ipynb.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written
