"""Run All on an unanswered student copy shows no exercise's expected value (reveal after answering).

Every master is released, each student copy is executed unanswered (nbclient, in a temporary folder,
not strict), and every output is searched: text, HTML (with the alt text of images) and the text the
widgets hold (the state nbclient stores, which is what JupyterLab draws). The expected values come from
the registry, so they follow the data:

- NumberCheck: the numbers the check would accept (within its tolerance) and its usual printed
  forms (`expected_forms()`);
- FunctionCheck: the results of the public test calls, in their printed forms;
- ChoiceCheck and BooleanCheck are skipped (the options are shown on purpose), and so are charts,
  tables and series (their values are the source data the student reads).

False positives: a number is matched as a whole number (not inside another number or an identifier
such as S20_IISEPS_2016_03), and only printed numbers with at least 3 significant digits count, so
"36" days, "2.0" points or a count of 4 are never searched; 12.8, 85.5, 2008 and 46.7 are. A year
answer (1996, 2008, 2012) is searched too: the tables a student must read to find it are listed in
the exercise's `reads_from`, with the reason, and this test prints every such exception.
"""

from __future__ import annotations

import html as html_lib
import os
import re

import nbformat
import pytest

from unionstate import paths
from unionstate.exercises import checkers as ck
from unionstate.exercises.model import Exercise, for_lesson
from unionstate.release import master_notebooks, release_folder

MIN_SIGNIFICANT = 3
NUMBER = re.compile(r"(?<![\w.,])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|\.\d)")
MASTERS = master_notebooks(paths.NOTEBOOKS)


def significant(text: str) -> int:
    return len(text.replace("-", "").replace(",", "").replace(".", "").lstrip("0"))


def numbers_in(text: str) -> list[str]:
    return [m.group(0) for m in NUMBER.finditer(text.replace("\u2212", "-")) if significant(m.group(0)) >= MIN_SIGNIFICANT]


class Target:
    """One expected value of one exercise, and how a printed number would give it away."""

    def __init__(self, exercise: Exercise, label: str, forms: list[str], value: float | None = None, tolerance: float = 0.0):
        self.exercise, self.label, self.value, self.tolerance = exercise, label, value, tolerance
        self.forms = {f for f in forms if significant(f) >= MIN_SIGNIFICANT}

    def given_away_by(self, printed: str) -> bool:
        if printed in self.forms or printed.replace(",", "") in self.forms:
            return True
        if self.value is None:
            return False
        number = float(printed.replace(",", ""))
        return abs(number - self.value) <= self.tolerance + 1e-9 * abs(self.value)


def targets(lesson: str) -> list[Target]:
    out = []
    for ex in for_lesson(lesson):
        if not isinstance(ex, Exercise):
            continue
        checker = ex.checker
        if isinstance(checker, ck.NumberCheck):
            out.append(Target(ex, ex.id, checker.expected_forms(), checker.value, checker.tolerance))
        elif isinstance(checker, ck.FunctionCheck):
            for i, case in enumerate(checker.cases):
                want = checker._expected[i]
                if not case.hidden and want.get("type") == "number" and want.get("value") is not None:
                    out.append(Target(ex, f"{ex.id} {case.shows}", ck._number_forms(want["value"])))
    return out


# --- what a student sees after Run All -----------------------------------------------------


def _html_text(markup: str) -> str:
    alts = " ".join(re.findall(r'\balt="([^"]*)"', markup))
    markup = re.sub(r"<style.*?</style>|<script.*?</script>", " ", markup, flags=re.S)
    markup = re.sub(r"data:image/[^\"']+", " ", markup)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", markup) + " " + html_lib.unescape(alts))


def _widget_text(model_id: str, state: dict, seen: set) -> list[str]:
    """The strings a widget and its children show (HTML values, labels, descriptions, options)."""
    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    texts = []
    for key, value in state[model_id].get("state", {}).items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and v.startswith("IPY_MODEL_"):
                texts += _widget_text(v[len("IPY_MODEL_"):], state, seen)
            elif isinstance(v, str) and key in ("value", "description", "placeholder", "tooltip", "_options_labels"):
                texts.append(_html_text(v))
        if key == "outputs":  # an Output widget
            for out in value or []:
                texts.append(_output_text(out, state, seen))
    return texts


def _output_text(out: dict, state: dict, seen: set) -> str:
    parts = []
    if out.get("output_type") == "stream":
        parts.append(out.get("text", ""))
    data = out.get("data", {})
    if "text/html" in data:
        parts.append(_html_text("".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]))
    elif "text/plain" in data:
        parts.append("".join(data["text/plain"]) if isinstance(data["text/plain"], list) else data["text/plain"])
    view = data.get("application/vnd.jupyter.widget-view+json")
    if view:
        parts += _widget_text(view.get("model_id", ""), state, seen)
    return "\n".join(parts)


def shown_cells(nb) -> list[tuple[int, str, str]]:
    """(cell number, cell source, everything its outputs show) for each code cell with outputs."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.get("outputs"):
            cells.append((index + 1, cell.source, "\n".join(_output_text(o, state, set()) for o in cell.outputs)))
    return cells


def giveaways(lesson: str, nb) -> tuple[list[str], list[str]]:
    """(problems, allowed exceptions): each a sentence naming the cell, the exercise and the figure."""
    problems, allowed = [], []
    wanted = targets(lesson)
    for number, source, text in shown_cells(nb):
        printed = set(numbers_in(text))
        for target in wanted:
            hits = sorted(p for p in printed if target.given_away_by(p))
            if not hits:
                continue
            first_line = next((line for line in source.splitlines() if line.strip() and not line.startswith("#")), "")[:70]
            reason = next((why for snippet, why in target.exercise.reads_from.items() if snippet in source), None)
            line = f"cell {number} (`{first_line}`) shows {', '.join(hits)}: the answer of {target.label}"
            (allowed if reason else problems).append(line + (f" (allowed: {reason})" if reason else ""))
    return problems, allowed


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every student copy, executed unanswered, as a student's Run All leaves it."""
    from nbclient import NotebookClient

    folder = tmp_path_factory.mktemp("students")
    release_folder(paths.NOTEBOOKS, folder)
    env = {**os.environ, "UNIONSTATE_STRICT": "0"}
    env.pop("NBGRADER_EXECUTION", None)
    env.pop("UNIONSTATE_REVEAL_ALL", None)
    out = {}
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
        client.execute(env=env)
        out[path.name[:2]] = nb
    return out


@pytest.mark.slow
@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.name)
def test_run_all_on_a_student_copy_shows_no_expected_value(master, executed):
    lesson = master.name[:2]
    problems, allowed = giveaways(lesson, executed[lesson])
    for line in allowed:
        print(f"{master.name}: {line}")
    assert not problems, (
        f"{master.name}, run unanswered, shows answers before they are given:\n- " + "\n- ".join(problems)
        + "\nWrap the cell in reveal('NN.id', ..., what='...') (see lessons/authoring-guide.md), or, if it is a source table the "
        "exercise asks the student to read, list it in the exercise's reads_from with the reason."
    )


def test_the_search_finds_a_printed_answer_and_ignores_identifiers():
    ex = next(e for e in for_lesson("02") if e.id == "02.union_share")
    target = targets("02")[0]
    assert target.exercise is ex
    assert [p for p in numbers_in("union state 12.8% and S20_IISEPS_2016_03, 2.0 points, 36 days, 1,061 people") if target.given_away_by(p)] == ["12.8"]
    assert numbers_in("x 12.84 y") and target.given_away_by("12.84")  # within the tolerance: copying it would pass
    assert not target.given_away_by("128")
