"""How each kind of answer is judged.

A checker has two halves:
- record(value): runs where the student's value lives (their kernel, or the
  grading process) and turns it into a JSON-safe record (answers.normalize);
  a function answer is called on the test cases here.
- evaluate(record): decides, anywhere, from the record alone.

Messages explain what is wrong with the student's answer in plain words. They
never contain the expected value: tests/test_exercise_engine.py checks every
checker against a list of wrong answers, tests/test_registry.py every registered
exercise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from .answers import describe_type, normalize
from .status import Status

CORRECT, INCORRECT, UNANSWERED, INVALID, ERROR = Status.CORRECT, Status.INCORRECT, Status.UNANSWERED, Status.INVALID, Status.ERROR


@dataclass
class Result:
    status: Status
    message: str = ""
    record: dict | None = field(default=None, repr=False)  # the answer record judged (set by session.evaluate)
    mistake: "Mistake | None" = None  # a known wrong answer recognised: its own message, and no hint is used up

    @property
    def passed(self) -> bool:
        return self.status == CORRECT


@dataclass
class Mistake:
    """A known wrong answer: recognised, it gets its own message instead of the next hint.

    name: a short stable label ("double counting", "reversed sign", "wrong year", "rounded figure").
    message: what the student reads; it names the mistake and how to fix it, never the expected value.
    For a NumberCheck, `value` is the number the mistake gives (a number, or a function computing it
    from data/, like `expected`), matched within `tolerance` (default: the checker's).
    For a FunctionCheck, `reference` is an implementation of the mistake: a student function whose
    results on the public cases equal the mistake's is that mistake.
    """

    name: str
    message: str
    value: float | Callable[[], float] | None = None
    tolerance: float | None = None
    reference: Callable | None = None

    @cached_property
    def wrong_value(self) -> float | None:
        if self.value is None:
            return None
        return float(self.value() if callable(self.value) else self.value)


def _builtin(name: str, message: str) -> Mistake:
    return Mistake(name, message)


FRACTION = _builtin("fraction instead of percent", "Your answer looks like a fraction between 0 and 1, but the task asks for a percentage (0 to 100): multiply by 100.")
TIMES_100 = _builtin("percent of a percent", "Your answer looks 100 times too large: did you multiply by 100 twice?")
REVERSED = _builtin("reversed sign", "Your answer has the right size but the opposite sign: check which figure you subtract from which.")
ROUNDED = _builtin("rounded figure", "Your answer looks rounded. Give the figure as the calculation gives it, without rounding it first.")


def _common(record: dict, answer_name: str) -> Result | None:
    """Answers that mean 'nothing here yet', shared by every checker."""
    kind = record.get("type")
    if kind == "ellipsis":
        return Result(UNANSWERED, f"Replace the `...` after `{answer_name} =` with your answer, run that cell, then run this one.")
    if kind == "missing":
        return Result(UNANSWERED, f"There is no variable `{answer_name}` yet. Run the cell above where you set it (or check its spelling), then run this one.")
    if kind == "timeout":  # recorded by the grader when evaluating the answer took too long
        return Result(ERROR, record.get("message") or "Evaluating your answer took too long.")
    return None


class Checker:
    kind = "value"

    def record(self, value: Any, *, include_hidden: bool = False) -> dict:
        return normalize(value)

    def diagnose(self, record: dict) -> Mistake | None:
        """The known mistake a wrong answer's record shows, if any (never called for a right answer)."""
        return None

    def evaluate(self, record: dict, answer_name: str, *, include_hidden: bool = False) -> Result:
        raise NotImplementedError

    def expected_forms(self) -> list[str]:
        """Ways the expected answer could be written; feedback must contain none of them."""
        return []


# --- numbers -----------------------------------------------------------------------------


def _number_forms(x: float) -> list[str]:
    forms = {f"{x:.1f}", f"{x:.2f}", f"{x:g}"}
    if float(x).is_integer():
        forms.add(str(int(x)))
    return sorted(f for f in forms if len(f.replace("-", "").replace(".", "")) >= 2)


def _as_number(record: dict, answer_name: str, what: str = "a number") -> tuple[float | None, Result | None]:
    """The number in a record, or a plain sentence saying why there is none."""
    kind = record.get("type")
    if kind == "number":
        if record.get("nan"):
            return None, Result(INVALID, "Your answer is NaN ('not a number'). That usually means a filter matched no rows or the data has a gap there: look at the rows you selected.")
        return record["value"], None
    if kind == "none":
        return None, Result(INVALID, f"`{answer_name}` is None, not {what}. This happens when you store the result of print() or of a function that has no `return`.")
    if kind == "bool":
        return None, Result(INVALID, f"`{answer_name}` is {record['value']}, a yes/no value; the task asks for {what}.")
    if kind == "string":
        text = record["value"].strip().rstrip("%").replace(",", ".").strip()
        try:
            float(text)
        except ValueError:
            return None, Result(INVALID, f"`{answer_name}` is text (a string), but the task asks for {what}.")
        return None, Result(INVALID, f"`{answer_name}` is text in quotes, not {what}: remove the quotes (and any % sign) so Python sees a number.")
    if kind == "series":
        if record.get("length") == 1:
            return None, Result(INVALID, f"`{answer_name}` is a pandas Series holding one value. Take the number out of it with `.item()`, for example `{answer_name} = {answer_name}.item()`.")
        return None, Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for one number. Filter further until one row is left, then use `.item()`.")
    if kind == "frame":
        if record.get("shape") == [1, 1]:
            return None, Result(INVALID, f"`{answer_name}` is a one-cell table (DataFrame). Take the number out with `.iloc[0, 0]`.")
        return None, Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for one number. Select one column and one row.")
    if kind in ("list", "array"):
        return None, Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for a single number.")
    if kind == "timedelta":
        return None, Result(INVALID, f"`{answer_name}` is a time span (Timedelta), not a plain number. Its `.days` gives the number of days.")
    if kind == "datetime":
        return None, Result(INVALID, f"`{answer_name}` is a date; the task asks for {what}.")
    return None, Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for {what}.")


@dataclass
class NumberCheck(Checker):
    """A single number, compared within a tolerance.

    percent: the expected value is a percentage (0-100); a fraction (0-1) of the
    right size gets a message about the scale instead of a plain 'not yet'.
    integer: the answer must be a whole number (a year, a count).
    """

    expected: Callable[[], float]
    tolerance: float = 0.05
    percent: bool = False
    integer: bool = False
    unit: str = ""
    mistakes: list[Mistake] = field(default_factory=list)  # known wrong answers of this exercise
    kind = "value"

    @cached_property
    def value(self) -> float:
        return float(self.expected())

    def _accepts(self, number: float) -> bool:
        return abs(number - self.value) <= self.tolerance + 1e-9 * abs(self.value)

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        what = "a whole number" if self.integer else "a number"
        number, problem = _as_number(record, answer_name, what)
        if problem:
            return problem
        if self.integer and not float(number).is_integer():
            return Result(INVALID, f"`{answer_name}` is {number:g}, not a whole number; the task asks for {('a ' + self.unit) if self.unit else 'a whole number'}.")
        if self._accepts(number):
            return Result(CORRECT)
        mistake = self.diagnose(record)
        if mistake:
            return Result(INCORRECT, mistake.message, mistake=mistake)
        return Result(INCORRECT)

    def diagnose(self, record):
        if record.get("type") != "number" or record.get("value") is None:
            return None
        number, v = float(record["value"]), self.value
        for m in self.mistakes:
            if m.wrong_value is not None and abs(number - m.wrong_value) <= (self.tolerance if m.tolerance is None else m.tolerance) + 1e-9 * abs(m.wrong_value):
                return m
        if self.percent and abs(number * 100 - v) <= self.tolerance:
            return FRACTION
        if self.percent and abs(number / 100 - v) <= self.tolerance / 100 and abs(v) > 100:
            return TIMES_100
        if abs(v) > self.tolerance and abs(number + v) <= self.tolerance + 1e-9 * abs(v):
            return REVERSED
        if not self.integer and not v.is_integer():
            for digits in (0, 1):
                rounded = round(v, digits)
                if abs(number - rounded) < 1e-9 and not self._accepts(rounded) and rounded != 0:
                    return ROUNDED
        return None

    def expected_forms(self):
        return _number_forms(self.value)


# --- choices -----------------------------------------------------------------------------


@dataclass
class ChoiceCheck(Checker):
    """A multiple-choice answer given as the option's letter in quotes ('B').

    With multi=True the answer is several letters ('A, C' or ['A', 'C']).
    Every option has an explanation; a wrong choice gets the explanation of
    the option chosen, never the right letter.
    """

    options: dict[str, str]
    answer: str | frozenset
    explanations: dict[str, str] = field(default_factory=dict)
    multi: bool = False
    kind = "choice"

    def _letters(self, record: dict) -> set[str] | None:
        texts: list[str]
        if record.get("type") == "string":
            texts = re.split(r"[,;\s]+", record["value"].strip()) if self.multi else [record["value"]]
        elif self.multi and record.get("type") == "list" and all(i.get("type") == "string" for i in record["items"]):
            texts = [i["value"] for i in record["items"]]
        else:
            return None
        letters = set()
        for text in texts:
            t = text.strip().strip("()[].").strip()
            if not t:
                continue
            if t.upper() in self.options:
                letters.add(t.upper())
                continue
            by_text = [k for k, v in self.options.items() if v.strip().casefold() == text.strip().casefold()]
            if not by_text:
                return set()
            letters.add(by_text[0])
        return letters

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        letters = self._letters(record)
        choices = ", ".join(self.options)
        if letters is None:
            how = "the letters of your choices in quotes, like 'X, Y'" if self.multi else "the letter of your choice in quotes, like 'X'"
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}. Write {how}, where X is one of {choices}.")
        if not letters:
            if record.get("type") == "string" and not record["value"].strip():
                return Result(INVALID, f"`{answer_name}` is empty text. Write the letter of an option ({choices}) between the quotes.")
            return Result(INVALID, f"That is not one of the options. Write the letter of an option ({choices}) in quotes.")
        if not self.multi and len(letters) != 1:
            return Result(INVALID, "Choose exactly one option.")
        expected = set(self.answer) if self.multi else {self.answer}
        if letters == expected:
            return Result(CORRECT, " ".join(self.explanations.get(letter, "") for letter in sorted(letters)).strip())
        if self.multi:
            wrong = sorted(letters - expected)
            if wrong:
                return Result(INCORRECT, self.explanations.get(wrong[0], f"Option {wrong[0]} does not fit."))
            return Result(INCORRECT, "Each option you chose fits, but at least one more option also fits.")
        (letter,) = letters
        return Result(INCORRECT, self.explanations.get(letter, ""))

    def expected_forms(self):
        expected = set(self.answer) if self.multi else {self.answer}
        return [self.options[letter] for letter in expected]


@dataclass
class BooleanCheck(Checker):
    """A yes/no answer written as True or False."""

    expected: Callable[[], bool] | bool
    kind = "choice"

    @cached_property
    def value(self) -> bool:
        return bool(self.expected() if callable(self.expected) else self.expected)

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        kind = record.get("type")
        if kind == "string" and record["value"].strip().lower() in ("true", "false", "yes", "no"):
            return Result(INVALID, f"`{answer_name}` is the word {record['value']!r} in quotes. Write True or False without quotes.")
        if kind == "number" and record.get("value") in (0, 1):
            return Result(INVALID, f"`{answer_name}` is the number {record['value']:g}. Write True or False.")
        if kind != "bool":
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}. Write True or False (no quotes).")
        return Result(CORRECT if record["value"] == self.value else INCORRECT)


# --- comparing records (function results, series, tables) --------------------------------


def _close(a: Any, b: Any, tol: float) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= tol + 1e-9 * abs(b)
    if a is None and b is None:
        return True
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


def compare_records(got: dict, want: dict, tol: float = 1e-6, *, ignore_order: bool = False) -> tuple[bool, str]:
    """Whether two records hold the same answer; the reason names a difference without giving the expected values."""
    gk, wk = got.get("type"), want.get("type")
    if wk == "number":
        if gk != "number" or got.get("nan"):
            return False, f"it is {describe_type(got)}, not a number"
        return (_close(got["value"], want["value"], tol), "the number is not right")
    if wk in ("string", "bool", "none"):
        if gk != wk:
            return False, f"it is {describe_type(got)}"
        return (_close(got.get("value"), want.get("value"), tol), "the value is not right")
    if wk == "series":
        if gk != "series":
            return False, f"it is {describe_type(got)}, not a pandas Series"
        if got["length"] != want["length"]:
            return False, f"it has {got['length']} values, not {want['length']}"
        if [str(i) for i in got["index"]] != [str(i) for i in want["index"]]:
            return False, "its index (the labels) is not right"
        bad = [str(i) for i, a, b in zip(want["index"], got["values"], want["values"]) if not _close(a, b, tol)]
        return (not bad, f"the value for {bad[0]} is not right" if bad else "")
    if wk == "frame":
        if gk != "frame":
            return False, f"it is {describe_type(got)}, not a DataFrame"
        missing = [c for c in want["columns"] if c not in got["columns"]]
        if missing:
            return False, f"the column(s) {', '.join(missing)} are missing"
        if got["shape"][0] != want["shape"][0]:
            return False, f"it has {got['shape'][0]} rows, not {want['shape'][0]}"
        idx = [got["columns"].index(c) for c in want["columns"]]
        got_rows = [[row[i] for i in idx] for row in got["rows"]]
        want_rows = want["rows"]
        if ignore_order:
            got_rows, want_rows = sorted(got_rows, key=repr), sorted(want_rows, key=repr)
        for n, (a, b) in enumerate(zip(got_rows, want_rows)):
            if not all(_close(x, y, tol) for x, y in zip(a, b)):
                return False, f"row {n + 1} is not right" if not ignore_order else "some rows are not right"
        return True, ""
    if wk in ("list", "array"):
        if gk not in ("list", "array", "series"):
            return False, f"it is {describe_type(got)}"
        gv = [i.get("value") for i in got["items"]] if gk == "list" else got["values"]
        wv = [i.get("value") for i in want["items"]] if wk == "list" else want["values"]
        if ignore_order:
            gv, wv = sorted(gv, key=repr), sorted(wv, key=repr)
        if len(gv) != len(wv):
            return False, f"it has {len(gv)} items, not {len(wv)}"
        return (all(_close(a, b, tol) for a, b in zip(gv, wv)), "some items are not right")
    return (got == want, "the value is not right")


# --- functions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Data:
    """A placeholder argument: the named dataset, loaded fresh for each call."""

    name: str


@dataclass
class Case:
    """One call of a student's function. Hidden cases run only when grading (and in the master notebook)."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    hidden: bool = False
    shows: str = ""  # how the call is shown to students, e.g. "margin_of_error(0.128, 1061)"

    def resolve(self) -> tuple[tuple, dict]:
        from ..datasets import load_dataset

        def one(a):
            return load_dataset(a.name) if isinstance(a, Data) else a

        return tuple(one(a) for a in self.args), {k: one(v) for k, v in self.kwargs.items()}


@dataclass
class FunctionCheck(Checker):
    """A function the student writes, called on public cases (and hidden ones when grading)."""

    cases: list[Case]
    reference: Callable
    tolerance: float = 1e-6
    ignore_order: bool = False
    mistakes: list[Mistake] = field(default_factory=list)  # known wrong implementations (Mistake.reference)
    kind = "function"

    def _cases(self, include_hidden: bool) -> list[tuple[int, Case]]:
        return [(i, c) for i, c in enumerate(self.cases) if include_hidden or not c.hidden]

    def record(self, value, *, include_hidden=False):
        if value is Ellipsis or not callable(value) or _is_chart_like(value):
            return normalize(value)
        results = []
        for i, case in self._cases(include_hidden):
            args, kwargs = case.resolve()
            try:
                out = value(*args, **kwargs)
            except Exception as exc:  # the student's code failed: report it, do not crash
                results.append({"case": i, "ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]})
            else:
                results.append({"case": i, "ok": True, "value": normalize(out)})
        return {"type": "function", "name": getattr(value, "__name__", "function"), "results": results}

    @cached_property
    def _expected(self) -> dict[int, dict]:
        out = {}
        for i, case in enumerate(self.cases):
            args, kwargs = case.resolve()
            out[i] = normalize(self.reference(*args, **kwargs))
        return out

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        if record.get("type") != "function":
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}, not a function. Define it with `def {answer_name}(...):` and run that cell.")
        by_case = {r["case"]: r for r in record["results"]}
        wanted = self._cases(include_hidden)
        if any(i not in by_case for i, _ in wanted):
            return Result(INVALID, "Some test calls of your function were not recorded. Run the cell that defines it again.")
        if all(by_case[i].get("ok") and by_case[i]["value"].get("type") == "ellipsis" for i, _ in wanted):
            return Result(UNANSWERED, f"Your function `{answer_name}` still returns `...`. Replace the `...` in its body with your code.")
        for i, case in wanted:
            res = by_case[i]
            call = case.shows or f"{answer_name}(...)"
            if not res["ok"]:
                if case.hidden:
                    return Result(INCORRECT, "Your function stops with an error for other inputs the grader tries. Make sure it works for any values of its arguments.")
                return Result(ERROR, f"Calling `{call}` raised {res['error']}")
            got, want = res["value"], self._expected[i]
            if got.get("type") == "none" and want.get("type") != "none":
                if case.hidden:
                    return Result(INVALID, "Your function returns None for other inputs the grader tries: does every path through it end with `return`?")
                return Result(INVALID, f"`{call}` returned None: did you forget `return`?")
            if want.get("type") != "none" and not _same_kind(got, want):  # a value where None is right is a wrong result, not a wrong kind
                if case.hidden:
                    return Result(INVALID, f"For other inputs the grader tries, your function returns {describe_type(got)}; it should return {_kind_phrase(want)}.")
                return Result(INVALID, f"`{call}` returns {describe_type(got)}; the function should return {_kind_phrase(want)}.")
            ok, why = compare_records(got, want, self.tolerance, ignore_order=self.ignore_order)
            if not ok:
                if case.hidden:
                    return Result(INCORRECT, "Your function gives the right result for the example(s) shown, but not for other inputs the grader tries. Make sure it uses its arguments instead of fixed values.")
                mistake = self.diagnose(record)
                if mistake:
                    return Result(INCORRECT, mistake.message, mistake=mistake)
                if want.get("type") == "number":
                    return Result(INCORRECT, f"`{call}` returns {_short_number(got.get('value'))}, which is not the expected number.")
                return Result(INCORRECT, f"`{call}` does not give the expected result yet: {why}.")
        return Result(CORRECT)

    @cached_property
    def _mistake_results(self) -> list[tuple[Mistake, dict[int, dict]]]:
        out = []
        for m in self.mistakes:
            results = {}
            for i, case in self._cases(False):
                args, kwargs = case.resolve()
                results[i] = normalize(m.reference(*args, **kwargs))
            out.append((m, results))
        return out

    def diagnose(self, record):
        if record.get("type") != "function":
            return None
        by_case = {r["case"]: r for r in record.get("results", [])}
        public = [i for i, _ in self._cases(False)]
        if not public or any(not by_case.get(i, {}).get("ok") for i in public):
            return None
        got = {i: by_case[i]["value"] for i in public}
        for m, results in self._mistake_results:
            if all(compare_records(got[i], results[i], self.tolerance, ignore_order=self.ignore_order)[0] for i in public):
                return m
        numbers = [(got[i], self._expected[i]) for i in public if self._expected[i].get("type") == "number" and got[i].get("type") == "number"]
        if len(numbers) == len(public) and any(abs(w["value"] or 0) > self.tolerance for _, w in numbers):
            if all(g["value"] is not None and w["value"] is not None and abs(g["value"] + w["value"]) <= self.tolerance + 1e-9 * abs(w["value"]) for g, w in numbers):
                return REVERSED
        return None

    def expected_forms(self):
        forms = []
        for i, case in enumerate(self.cases):
            want = self._expected[i]
            if want.get("type") == "number" and want.get("value") is not None:
                forms += _number_forms(want["value"])
        return forms


_KIND_GROUPS = {"number": "number", "string": "string", "bool": "bool", "series": "series", "frame": "frame",
                "list": "sequence", "array": "sequence", "none": "none", "datetime": "datetime", "timedelta": "timedelta"}


def _same_kind(got: dict, want: dict) -> bool:
    """Whether a function's result is the kind of value the reference returns (a list may stand for a Series of values)."""
    g, w = _KIND_GROUPS.get(got.get("type"), got.get("type")), _KIND_GROUPS.get(want.get("type"), want.get("type"))
    if w == "sequence":
        return g in ("sequence", "series")
    return g == w


def _kind_phrase(record: dict) -> str:
    return {"number": "a number", "string": "text", "bool": "True or False", "series": "a pandas Series", "frame": "a table (a pandas DataFrame)",
            "list": "a list", "array": "a list", "datetime": "a date", "timedelta": "a time span"}.get(record.get("type"), "another kind of value")


def _short_number(value) -> str:
    return "NaN" if value is None else f"{value:.6g}"


def _is_chart_like(value) -> bool:
    return (type(value).__module__ or "").startswith("matplotlib.")


# --- series and tables -------------------------------------------------------------------


@dataclass
class SeriesCheck(Checker):
    """A pandas Series, e.g. a share per year. Index labels and values must match."""

    expected: Callable[[], Any]
    tolerance: float = 0.05
    kind = "value"

    @cached_property
    def want(self) -> dict:
        return normalize(self.expected())

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        if record.get("type") == "frame" and record["shape"][1] == 1:
            return Result(INVALID, f"`{answer_name}` is a one-column DataFrame; the task asks for a Series. Select the column with `df['column']` (single brackets).")
        if record.get("type") != "series":
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for a pandas Series.")
        ok, why = compare_records(record, self.want, self.tolerance)
        return Result(CORRECT) if ok else Result(INCORRECT, f"Your Series: {why}.")

    def expected_forms(self):
        return [f for v in self.want["values"] if isinstance(v, float) for f in _number_forms(v)][:50]


@dataclass
class TableCheck(Checker):
    """A DataFrame with named columns. Row order matters unless ignore_order."""

    expected: Callable[[], Any]
    columns: list[str]
    tolerance: float = 0.05
    ignore_order: bool = True
    kind = "value"

    @cached_property
    def want(self) -> dict:
        frame = self.expected()
        return normalize(frame[self.columns].reset_index(drop=True))

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        if record.get("type") != "frame":
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for a table (a pandas DataFrame) with the columns {', '.join(self.columns)}.")
        ok, why = compare_records(record, self.want, self.tolerance, ignore_order=self.ignore_order)
        return Result(CORRECT) if ok else Result(INCORRECT, f"Your table: {why}.")


# --- charts ------------------------------------------------------------------------------


@dataclass
class Series:
    """One expected line or set of bars: x values and y values, optionally a label that must appear."""

    x: list
    y: list
    label: str | None = None


@dataclass
class ChartCheck(Checker):
    """A chart judged by its data, not its pixels.

    expected() returns a list of Series. The student's chart must draw each of
    them (as lines or as bars, per `mark`), have a title and axis labels, a
    legend when there are several series, and, with caption=True, a source
    caption added with unionstate.add_caption.
    """

    expected: Callable[[], list[Series]]
    mark: str = "line"  # "line" or "bar"
    tolerance: float = 0.05
    caption: bool = True
    kind = "chart"

    @cached_property
    def want(self) -> list[Series]:
        return self.expected()

    def _drawn(self, ax: dict) -> list[tuple[str, list, list]]:
        if self.mark == "line":
            return [(line["label"], line["x"], line["y"]) for line in ax["lines"]]
        drawn = []
        for bars in ax["bars"]:
            xs = [t if t else p for t, p in zip(bars.get("ticklabels", []), bars["positions"])] or bars["positions"]
            drawn.append((bars["label"], xs, bars["heights"]))
        return drawn

    def evaluate(self, record, answer_name, *, include_hidden=False):
        common = _common(record, answer_name)
        if common:
            return common
        if record.get("type") != "chart":
            return Result(INVALID, f"`{answer_name}` is {describe_type(record)}; the task asks for the chart's axes (the `ax` from `fig, ax = ...`).")
        if not record["axes"]:
            return Result(INCORRECT, "The figure has no axes yet.")
        ax = record["axes"][0]
        drawn = self._drawn(ax)
        noun = "lines" if self.mark == "line" else "sets of bars"
        if not drawn:
            return Result(UNANSWERED if not (ax["lines"] or ax["bars"]) else INCORRECT, f"The chart has no {noun} yet.")
        if len(drawn) != len(self.want):
            return Result(INCORRECT, f"The chart has {len(drawn)} {noun}; the task asks for {len(self.want)}.")
        remaining = list(drawn)
        for series in self.want:
            match = next((d for d in remaining if _same_series(d, series, self.tolerance)), None)
            if match is None:
                near = next((d for d in remaining if len(d[1]) == len(series.x)), None)
                if near is None:
                    return Result(INCORRECT, f"One of your {noun} does not have the right number of points: check the years (or categories) you selected.")
                return Result(INCORRECT, f"The values of one of your {noun} do not match the data: check the filter and the calculation.")
            remaining.remove(match)
            if series.label and not any(series.label.casefold() in (text or "").casefold() for text in [match[0]] + ax["legend"]):
                return Result(INCORRECT, f"Give each of your {noun} a label (label=...) and show a legend, so readers can tell them apart.")
        if not ax["title"].strip():
            return Result(INCORRECT, "The data are right. Now give the chart a title: `ax.set_title(...)`.")
        if not ax["xlabel"].strip() or not ax["ylabel"].strip():
            return Result(INCORRECT, "The data are right. Now label both axes, with units: `ax.set_xlabel(...)` and `ax.set_ylabel(...)`.")
        if len(self.want) > 1 and not ax["legend"]:
            return Result(INCORRECT, "The data are right. Add a legend so readers can tell the series apart: `ax.legend()`.")
        if self.caption and not record.get("caption"):
            return Result(INCORRECT, "The data are right. Add a caption naming the source: `add_caption(fig, 'SOURCE_ID')` with the source id from the data.")
        return Result(CORRECT)


def _same_series(drawn: tuple[str, list, list], want: Series, tol: float) -> bool:
    _, xs, ys = drawn
    if len(xs) != len(want.x) or len(ys) != len(want.y):
        return False
    pairs_got = {_key(x): y for x, y in zip(xs, ys)}
    for x, y in zip(want.x, want.y):
        k = _key(x)
        if k not in pairs_got:
            return False
        got = pairs_got[k]
        if got is None or y is None:
            if not (got is None and y is None):
                return False
        elif abs(float(got) - float(y)) > tol + 1e-9 * abs(float(y)):
            return False
    return True


def _key(x: Any) -> str:
    """x values compare as text: 2019, 2019.0, '2019' and '2019.0' (an automatic tick label) are the same year."""
    if isinstance(x, str):
        x = x.strip().replace("\u2212", "-")  # matplotlib writes minus signs as U+2212
        if re.fullmatch(r"\d{4}-01-01T00:00:00", x):
            x = x[:4]
        try:
            number = float(x)
        except ValueError:
            return x
        x = number
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x).strip()

