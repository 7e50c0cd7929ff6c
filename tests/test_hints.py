"""Hints (and the explanations of choices and quizzes) guide without giving the code or the value.

Each hint is compared with the master notebook's solution of its lesson:
- no solution line of 20 or more characters may appear in a hint;
- nor the solution's key expression (the value of its last statement, e.g. the formula a function
  returns), when it has 10 or more characters;
both compared with all whitespace removed and quotes made alike, so `z*math.sqrt(p*(1-p)/n)` is found
as well as `z * math.sqrt(p * (1 - p) / n)`;
- nor a piece of code (a `code span` of 20 or more characters) that computes what one of the
  solution's statements computes, with other variable names or without its keyword arguments:
  `float(100 * part / whole)` is the solution's `return float(100 * with_eaeu / with_world)` renamed
  (a call on plain names, such as `ax.set_xticks(years)`, only names a method and is allowed). A worked example on different
  data differs in its constants, columns or methods, and passes.
Nor may a hint state an expected value (as a whole number of 3 or more significant digits, in any
of its printed forms).
"""

from __future__ import annotations

import ast
import copy
import re
import textwrap

import nbformat
import pytest

from unionstate import paths
from unionstate.exercises import checkers as ck
from unionstate.exercises.model import Exercise, Quiz, for_lesson, parse_grade_id
from unionstate.release import BEGIN_SOLUTION, END_SOLUTION, master_notebooks

MIN_LINE = 20
MIN_KEY = 10


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).replace('"', "'")


def solutions(master) -> dict[str, list[str]]:
    """Exercise id -> the lines of its solution region(s) in the master."""
    nb = nbformat.read(master, as_version=4)
    out: dict[str, list[str]] = {}
    for cell in nb.cells:
        parsed = parse_grade_id(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
        if not parsed or not parsed[2]:
            continue
        lines, inside = [], False
        for line in cell.source.split("\n"):
            if line.strip() == BEGIN_SOLUTION:
                inside = True
            elif line.strip() == END_SOLUTION:
                inside = False
            elif inside:
                lines.append(line)
        out[parsed[1]] = lines
    return out


def key_expression(lines: list[str]) -> str:
    """The value of the solution's last statement (what it returns or assigns last), as source."""
    body = textwrap.dedent("\n".join(lines))
    try:
        tree = ast.parse(body)
    except SyntaxError:  # a solution inside a function body (it returns): parse it as one
        tree = ast.parse("def _f():\n" + textwrap.indent(body, "    ")).body[0]
    last = tree.body[-1] if tree.body else None
    value = getattr(last, "value", None)
    return ast.unparse(value) if value is not None else ""


class _Anonymous(ast.NodeTransformer):
    """Variable names become one placeholder and keyword arguments go: what is left is the code's shape."""

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id="_", ctx=node.ctx), node)

    def visit_Call(self, node):
        self.generic_visit(node)
        node.keywords = []
        return node


def _shape(node) -> str:
    return ast.dump(_Anonymous().visit(copy.deepcopy(node)), annotate_fields=False)


def _parse(code: str):
    code = textwrap.dedent(code)
    for wrap in (code, "def _f():\n" + textwrap.indent(code, "    ")):
        try:
            return ast.parse(wrap)
        except SyntaxError:
            continue
    return None


def _naming_a_method(node) -> bool:
    """`ax.set_xticks(years)`: a call on plain names or constants names a method; it is no solution."""
    return isinstance(node, ast.Call) and all(isinstance(a, (ast.Name, ast.Constant)) for a in node.args)


def solution_shapes(lines: list[str]) -> set[str]:
    """The shapes of what each statement of the solution computes (the value assigned, returned or called)."""
    tree = _parse("\n".join(lines))
    if tree is None:
        return set()
    values = [getattr(n, "value", None) for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign, ast.Return, ast.Expr))]
    return {_shape(v) for v in values if v is not None and not isinstance(v, (ast.Name, ast.Constant)) and not _naming_a_method(v)}


def renamed_code(text: str, shapes: set[str]) -> list[str]:
    found = []
    for span in re.findall(r"`([^`]+)`", text):
        if len(span.strip()) < MIN_LINE:
            continue
        tree = _parse(span)
        exprs = [getattr(stmt, "value", None) for stmt in (tree.body if tree else [])]
        if any(e is not None and _shape(e) in shapes for e in exprs):
            found.append(span)
    return found


def leaks(text: str, lines: list[str], *, key: bool = True) -> list[str]:
    flat = squeeze(text)
    found = [line.strip() for line in lines if len(line.strip()) >= MIN_LINE and not line.strip().startswith("#") and squeeze(line) in flat]
    key = key_expression(lines) if key else ""
    if len(squeeze(key)) >= MIN_KEY and squeeze(key) in flat:
        found.append(key)
    return found


def guidance(item) -> list[tuple[str, str, str]]:
    """(where, text, what the student sees already) of everything that guides a student on one item.

    An option's explanation may repeat what the option itself says (the options are shown)."""
    if isinstance(item, Quiz):
        return [(f"explanation {k}", v, item.options[k]) for k, v in item.explanations.items()]
    out = [(f"hint {n}", h, "") for n, h in enumerate(item.hints, 1)]
    if isinstance(item.checker, ck.ChoiceCheck):
        out += [(f"explanation {k}", v, item.checker.options[k]) for k, v in item.checker.explanations.items()]
    out += [(f"mistake {m.name!r}", m.message, "") for m in getattr(item.checker, "mistakes", [])]
    return out


def value_forms(lesson: str) -> dict[str, set[str]]:
    forms = {}
    for ex in for_lesson(lesson):
        if isinstance(ex, Exercise) and isinstance(ex.checker, (ck.NumberCheck, ck.FunctionCheck)):
            forms[ex.id] = {f for f in ex.checker.expected_forms() if len(f.replace("-", "").replace(".", "").lstrip("0")) >= 3}
    return forms


def problems_of(lesson: str, master) -> list[str]:
    sols = solutions(master)
    all_lines = [line for lines in sols.values() for line in lines]
    forms = value_forms(lesson)
    problems = []
    for item in for_lesson(lesson):
        if not isinstance(item, (Exercise, Quiz)):
            continue
        own = sols.get(item.id, [])
        for where, text, shown in guidance(item):
            for leak in leaks(text, own) or leaks(text, all_lines, key=False):
                problems.append(f"{item.id}, {where}: contains solution code `{leak}`")
            for leak in renamed_code(text, solution_shapes(own)):
                problems.append(f"{item.id}, {where}: contains the solution's code with other names `{leak}`")
            for ex_id, ex_forms in forms.items():
                for form in ex_forms:
                    if form in shown:
                        continue
                    if re.search(rf"(?<![\w.]){re.escape(form)}(?![\w]|\.\d)", text):
                        problems.append(f"{item.id}, {where}: states {form}, the expected value of {ex_id}")
    return problems


@pytest.mark.parametrize("master", master_notebooks(paths.NOTEBOOKS), ids=lambda p: p.name)
def test_hints_never_give_the_solution_code_or_the_value(master):
    problems = problems_of(master.name[:2], master)
    assert not problems, f"{master.name}:\n- " + "\n- ".join(problems) + (
        "\nA hint names the method and where to look; where code helps, give a worked example on different data."
    )


def test_the_comparison_finds_code_written_differently():
    lines = ["    return z * math.sqrt(p * (1 - p) / n)"]
    assert key_expression(lines) == "z * math.sqrt(p * (1 - p) / n)"
    assert leaks("Use `z*math.sqrt(p*(1-p)/n)`.", lines)
    assert leaks('x = df.loc[df["a"] == 1, "b"].iloc[0]', ["x = df.loc[df['a'] == 1, 'b'].iloc[0]"])
    assert not leaks("Use math.sqrt on the share times one minus the share, divided by n.", lines)
    shapes = solution_shapes(["    return float(100 * with_eaeu / with_world)"])
    assert renamed_code("Return `float(100 * eaeu_turnover / world_turnover)`.", shapes)
    assert not renamed_code("For example `round(100 * 30 / 120, 1)` gives 25.0.", shapes)
