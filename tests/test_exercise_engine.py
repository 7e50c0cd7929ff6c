"""The exercise engine on synthetic exercises: every kind of answer gets a status and a plain sentence."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from unionstate import exercises
from unionstate.exercises import session
from unionstate.exercises import ExerciseNotPassed, check, check_hidden, evaluate, progress
from unionstate.exercises.answers import normalize
from unionstate.exercises.checkers import (
    Mistake,
    BooleanCheck,
    Case,
    ChartCheck,
    ChoiceCheck,
    Data,
    FunctionCheck,
    NumberCheck,
    Series,
    SeriesCheck,
    TableCheck,
    compare_records,
)
from unionstate.exercises.feedback import build
from unionstate.exercises.model import Exercise

# Every kind of wrong input a student can produce, per the issue: text for a number,
# a Series for a float, None, a DataFrame with the wrong columns, and more.
BAD_INPUTS = [
    ...,
    None,
    "12.8",
    "twelve",
    "",
    True,
    float("nan"),
    pd.Series([12.8]),
    pd.Series([1.0, 2.0]),
    pd.DataFrame({"x": [1.0]}),
    pd.DataFrame({"wrong": [1, 2], "columns": [3, 4]}),
    [12.8],
    (1, 2),
    {"a": 1},
    np.array([1.0, 2.0]),
    pd.Timestamp("2020-01-01"),
    pd.Timedelta(days=3),
    lambda x: x,
    object(),
    plt.figure,
]


def make(checker, answer="answer", hints=("General hint.", "Specific hint.")):
    return Exercise(id="99.synthetic", title="Synthetic", task="t", answer=answer, checker=checker, hints=list(hints))


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    session._status.clear()
    session._wrong_answers.clear()
    yield
    plt.close("all")


def _expected_forms_absent(exercise, value):
    result = evaluate(exercise, value)
    text = build(exercise, result, 3).text()
    for form in exercise.checker.expected_forms():
        assert form not in text, f"feedback for {value!r} reveals {form!r}: {text}"
    return result


NUMBER = NumberCheck(expected=lambda: 46.745, tolerance=0.05, percent=True)
CHECKERS = {
    "number": NUMBER,
    "choice": ChoiceCheck(options={"A": "one", "B": "two"}, answer="B", explanations={"A": "Not one.", "B": "Two it is."}),
    "boolean": BooleanCheck(expected=False),
    "series": SeriesCheck(expected=lambda: pd.Series([46.7, 51.3], index=[2019, 2020])),
    "table": TableCheck(expected=lambda: pd.DataFrame({"year": [2019], "share": [46.7]}), columns=["year", "share"]),
    "function": FunctionCheck(cases=[Case((2,), shows="f(2)"), Case((3,), hidden=True)], reference=lambda x: x * 23.3725),
    "chart": ChartCheck(expected=lambda: [Series([2019, 2020], [46.7, 51.3], "EAEU")]),
}


@pytest.mark.parametrize("kind", list(CHECKERS))
@pytest.mark.parametrize("value", BAD_INPUTS, ids=lambda v: type(v).__name__)
def test_every_bad_input_gets_a_sentence_never_a_traceback_or_the_answer(kind, value):
    exercise = make(CHECKERS[kind])
    result = _expected_forms_absent(exercise, value)
    assert result.status != "correct"
    if result.status in ("invalid", "unanswered", "error"):
        assert result.message and result.message[0].isupper() or result.message.startswith("`"), result


def test_number_correct_within_tolerance_and_types():
    ex = make(NUMBER)
    for ok in (46.745, 46.7, np.float64(46.79), np.array(46.745)):
        assert evaluate(ex, ok).status == "correct"
    assert evaluate(ex, 46.6).status == "incorrect"


def test_number_scale_confusion_is_explained_without_the_value():
    ex = make(NUMBER)
    r = evaluate(ex, 0.46745)
    assert r.status == "incorrect" and "percentage" in r.message and "46" not in r.message
    assert r.mistake.name == "fraction instead of percent"


def test_known_mistakes_are_named_and_use_no_hint():
    double = Mistake("double counting", "Each figure appears twice in the table: count it once.", value=lambda: 2 * 46.745)
    ex = make(NumberCheck(expected=lambda: 46.745, tolerance=0.05, percent=True, mistakes=[double]), hints=("H1.", "H2.", "H3."))
    assert ex.checker.diagnose(normalize(93.49)) is double
    for value, name in [(93.49, "double counting"), (-46.745, "reversed sign"), (47, "rounded figure"), (0.46745, "fraction instead of percent")]:
        result = evaluate(ex, value)
        assert result.status == "incorrect" and result.mistake.name == name, (value, result)
        fb = build(ex, result, 1)
        assert fb.hint == "" and fb.hint_number == 0 and result.mistake.message in fb.text()
        for form in ex.checker.expected_forms():
            assert form not in fb.text()
    assert evaluate(ex, 12.0).mistake is None  # an unknown wrong answer gets the next hint
    assert ex.checker.diagnose(normalize("text")) is None


def test_a_diagnosed_mistake_does_not_use_up_a_hint():
    ex_id = "02.merger_total"
    check(ex_id, 1.0)  # unknown wrong answer: hint 1
    assert session.hints_shown(ex_id) == 1
    check(ex_id, -exercises.get(ex_id).checker.value)  # the reversed sign is a known mistake
    assert session.hints_shown(ex_id) == 1
    assert session._status[ex_id] == "incorrect"
    check(ex_id, 2.0)  # the next unknown wrong answer gets hint 2, not 3
    assert session.hints_shown(ex_id) == 2


def test_function_mistakes_and_reversed_sign():
    unsigned = Mistake("unsigned gap", "Your gap has no sign: keep claimed minus figure.", reference=lambda x: abs(x * 23.3725))
    ex = make(FunctionCheck(cases=[Case((-2,), shows="f(-2)"), Case((3,), hidden=True)], reference=lambda x: x * 23.3725, mistakes=[unsigned]), answer="f")
    assert evaluate(ex, lambda x: abs(x) * 23.3725).mistake is unsigned
    assert evaluate(ex, lambda x: -x * 23.3725).mistake.name in ("reversed sign", "unsigned gap")
    plain = evaluate(ex, lambda x: x + 1)
    assert plain.mistake is None and "`f(-2)` returns -1, which is not the expected number" in plain.message
    assert "not right yet: the number is not right" not in plain.message


WRONG_KINDS = {"text": lambda *a, **k: "46.7", "list": lambda *a, **k: [46.7], "None": lambda *a, **k: None, "bool": lambda *a, **k: True}


@pytest.mark.parametrize("kind", list(WRONG_KINDS))
def test_a_function_returning_the_wrong_kind_is_told_so_and_uses_no_hint(kind):
    ex = make(CHECKERS["function"], answer="f")
    result = evaluate(ex, WRONG_KINDS[kind])
    assert result.status == "invalid", (kind, result)
    assert "f(2)" in result.message and build(ex, result, 1).hint == ""


def test_number_messages_for_common_types():
    ex = make(NUMBER, answer="share")
    assert "remove the quotes" in evaluate(ex, "46.7").message
    assert ".item()" in evaluate(ex, pd.Series([46.7])).message
    assert "None" in evaluate(ex, None).message
    assert evaluate(ex, ...).status == "unanswered"
    assert evaluate(ex).status == "unanswered"  # variable never defined
    assert "`share` yet" in evaluate(ex).message


def test_integer_answers():
    ex = make(NumberCheck(expected=lambda: 2019, tolerance=0, integer=True, unit="year"))
    assert evaluate(ex, 2019).status == "correct"
    assert evaluate(ex, 2019.0).status == "correct"
    decimal = evaluate(ex, 2019.5)
    assert decimal.status == "invalid" and "not a whole number" in decimal.message  # the kind of answer, not a wrong year
    assert evaluate(ex, 2018).status == "incorrect"


def test_choice_accepts_letters_and_option_text():
    ex = make(CHECKERS["choice"])
    for ok in ("B", "b", " (B) ", "B.", "two", "TWO"):
        assert evaluate(ex, ok).status == "correct", ok
    wrong = evaluate(ex, "A")
    assert wrong.status == "incorrect" and wrong.message == "Not one."
    assert evaluate(ex, "C").status == "invalid"
    assert "letter" in evaluate(ex, 2).message


def test_multi_choice():
    ex = make(ChoiceCheck(options={"A": "a", "B": "b", "C": "c"}, answer=frozenset("AC"), explanations={"A": "yes a", "B": "no b", "C": "yes c"}, multi=True))
    assert evaluate(ex, "A, C").status == "correct"
    assert evaluate(ex, ["c", "a"]).status == "correct"
    assert evaluate(ex, "A").message.startswith("Each option you chose fits")
    assert evaluate(ex, "A B").message == "no b"


def test_boolean_explains_quoted_words():
    ex = make(CHECKERS["boolean"])
    assert evaluate(ex, False).status == "correct"
    assert evaluate(ex, np.bool_(False)).status == "correct"
    assert evaluate(ex, True).status == "incorrect"
    assert "without quotes" in evaluate(ex, "False").message
    assert evaluate(ex, 1).status == "invalid"


def test_function_public_cases_show_the_call_hidden_cases_do_not():
    ex = make(CHECKERS["function"], answer="f")
    assert evaluate(ex, lambda x: x * 23.3725).status == "correct"
    assert evaluate(ex, lambda x: x * 23.3725, hidden_tests=True).status == "correct"
    # right for the public case only: passes interactively, fails on hidden tests
    def cheat(x):
        return 46.745
    assert evaluate(ex, cheat).status == "correct"
    hidden = evaluate(ex, cheat, hidden_tests=True)
    assert hidden.status == "incorrect" and "other inputs" in hidden.message and "3" not in hidden.message
    wrong = evaluate(ex, lambda x: 0)
    assert wrong.status == "incorrect" and "`f(2)`" in wrong.message
    def no_return(x):
        x * 2
    assert "did you forget `return`?" in evaluate(ex, no_return).message
    def broken(x):
        return 1 / 0
    err = evaluate(ex, broken)
    assert err.status == "error" and "ZeroDivisionError" in err.message
    def stub(x):
        return ...
    assert evaluate(ex, stub).status == "unanswered"
    assert "not a function" in evaluate(ex, 5).message


def test_function_whose_right_answer_is_none():
    ex = make(FunctionCheck(cases=[Case((1,), shows="f(1)"), Case((-1,), hidden=True)], reference=lambda x: x if x > 0 else None), answer="f")
    assert evaluate(ex, lambda x: x if x > 0 else None, hidden_tests=True).status == "correct"
    assert evaluate(ex, lambda x: x, hidden_tests=True).status == "incorrect"
    assert "forget `return`" in evaluate(ex, lambda x: None).message


def test_function_cases_get_fresh_datasets():
    seen = []

    def mutate(frame):
        seen.append(len(frame))
        frame.loc[:, "country"] = "changed"  # a careless student function edits its input
        return 0

    ex = make(FunctionCheck(cases=[Case((Data("eaeu_members"),)), Case((Data("eaeu_members"),))], reference=lambda f: int((f["country"] == "changed").sum())))
    assert evaluate(ex, mutate).status == "correct"  # the second call (and the reference) saw untouched data
    assert seen == [5, 5]


def test_series_and_table_checks():
    ex = make(CHECKERS["series"], answer="s")
    assert evaluate(ex, pd.Series([46.72, 51.31], index=[2019, 2020])).status == "correct"
    assert "index" in evaluate(ex, pd.Series([46.7, 51.3], index=[2018, 2019])).message
    assert "value for 2020" in evaluate(ex, pd.Series([46.7, 50.0], index=[2019, 2020])).message
    assert "single brackets" in evaluate(ex, pd.DataFrame({"s": [46.7, 51.3]})).message
    tab = make(CHECKERS["table"], answer="t")
    assert evaluate(tab, pd.DataFrame({"share": [46.7], "year": [2019], "extra": [1]})).status == "correct"
    assert "missing" in evaluate(tab, pd.DataFrame({"year": [2019]})).message


def _chart(label="EAEU", title="T", caption=True, ys=(46.7, 51.3)):
    from unionstate.plots import add_caption

    fig, ax = plt.subplots()
    ax.plot([2019, 2020], list(ys), label=label)
    ax.set_title(title)
    ax.set_xlabel("Year")
    ax.set_ylabel("%")
    if not label.startswith("_"):
        ax.legend()
    if caption:
        add_caption(fig, "IMF_DOTS_BLR")
    return ax


def test_chart_check_reads_data_titles_and_caption():
    ex = make(CHECKERS["chart"], answer="ax")
    assert evaluate(ex, _chart()).status == "correct"
    assert evaluate(ex, _chart().figure).status == "correct"  # a Figure works too
    assert "title" in evaluate(ex, _chart(title="")).message
    assert "caption" in evaluate(ex, _chart(caption=False)).message
    assert "do not match" in evaluate(ex, _chart(ys=(1.0, 2.0))).message
    assert "label" in evaluate(ex, _chart(label="_nolegend_")).message
    fig, ax = plt.subplots()
    assert evaluate(ex, ax).status == "unanswered"


def test_chart_check_counts_lines_in_plain_words():
    ex = make(ChartCheck(expected=lambda: [Series([2019, 2020], [1.0, 2.0], "a"), Series([2019, 2020], [3.0, 4.0], "b")], caption=False))
    fig, ax = plt.subplots()
    ax.plot([2019, 2020], [1.0, 2.0], label="a")
    assert "The chart has 1 line; the task asks for 2 lines." in evaluate(ex, ax).message


def test_bar_chart_with_categories():
    ex = make(ChartCheck(expected=lambda: [Series(["Russia", "EU"], [49.0, 18.0])], mark="bar", caption=False))
    fig, ax = plt.subplots()
    ax.bar(["Russia", "EU"], [49.0, 18.0])
    ax.set_title("t"); ax.set_xlabel("partner"); ax.set_ylabel("%")
    assert evaluate(ex, ax).status == "correct"
    fig, ax = plt.subplots()
    ax.bar([0, 1], [49.0, 18.0]); ax.set_xticks([0, 1], ["Russia", "EU"])
    ax.set_title("t"); ax.set_xlabel("partner"); ax.set_ylabel("%")
    assert evaluate(ex, ax).status == "correct"


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_chart_dates_read_the_same_at_every_datetime_resolution(unit):
    # pandas 2 stores dates in nanoseconds, pandas 3 often in seconds; numpy's .item() turns a
    # nanosecond datetime64 into a bare integer, which once made a right date chart "not yet".
    ex = make(ChartCheck(expected=lambda: [Series(["2008-12-02T00:00:00", "2016-03-01T00:00:00"], [1.0, 2.0])],
                         mark="line", caption=False))
    fig, ax = plt.subplots()
    ax.plot(pd.to_datetime(["2008-12-02", "2016-03-01"]).as_unit(unit), [1.0, 2.0], label="x")
    ax.set_title("t"); ax.set_xlabel("fieldwork"); ax.set_ylabel("%")
    assert evaluate(ex, ax).status == "correct"
    assert normalize(np.datetime64("2020-01-31T00:00:00.000000000")) == {"type": "datetime", "value": "2020-01-31T00:00:00"}
    assert normalize(np.timedelta64(2, "D"))["days"] == 2
    assert normalize(np.datetime64("NaT", "ns")) == {"type": "none"}


def test_normalize_is_json_safe():
    import json

    for value in BAD_INPUTS + [pd.DataFrame({"d": pd.to_datetime(["2020-01-01"]), "x": [pd.NA]})]:
        json.dumps(normalize(value))


def test_compare_records_does_not_reveal_values():
    ok, why = compare_records(normalize(pd.Series([1.0], index=["a"])), normalize(pd.Series([2.0], index=["a"])))
    assert not ok and "2" not in why


def test_hints_advance_only_on_new_wrong_answers(capsys):
    ex_id = "00.days_between"
    shown = []
    for value in (40, 40, 41, 42, 43):
        check(ex_id, value)
        shown.append(session._wrong_answers[ex_id].index(session.fingerprint(evaluate(exercises.get(ex_id), value).record)) + 1)
    assert shown == [1, 1, 2, 3, 4]  # the feedback caps the number at the hints available
    fb = build(exercises.get(ex_id), evaluate(exercises.get(ex_id), 43), 4)
    assert fb.hint_number == len(exercises.get(ex_id).hints)


def test_a_rewritten_function_with_the_same_wrong_results_keeps_its_hint():
    ex_id = "02.margin_of_error"

    def first(p, n, z=1.96):
        return p / n

    def second(p, n, z=1.96):  # other code, same wrong results: no new hint
        share = p
        return share / n

    def third(p, n, z=1.96):  # other results: the next hint
        return p * n

    for f in (first, second, third):
        check(ex_id, f)
    assert len(session._wrong_answers[ex_id]) == 2


def test_each_answer_is_normalised_once(monkeypatch):
    from unionstate.exercises import answers, checkers

    calls = []
    real = answers.normalize
    counting = lambda v: calls.append(v) or real(v)  # noqa: E731
    monkeypatch.setattr(checkers, "normalize", counting)
    monkeypatch.setattr(answers, "normalize", counting)
    check("00.days_between", 30)
    assert len(calls) == 1, "the answer is normalised once: the hint is chosen from the record the check judged"


def test_check_looks_up_the_variable_in_the_callers_namespace(capsys):
    namespace = {"check": check}
    exec("check('00.days_between')", namespace)
    assert session._status["00.days_between"] == "unanswered"
    namespace["days_between"] = "36"
    exec("check('00.days_between')", namespace)
    assert session._status["00.days_between"] == "invalid"


def test_check_never_raises_interactively_and_raises_in_strict_mode(monkeypatch):
    check("00.days_between", -1)  # wrong: shows feedback, no exception
    check("00.no_such_exercise", 1)  # unknown id: a notice, no exception
    monkeypatch.setenv("UNIONSTATE_STRICT", "1")
    with pytest.raises(ExerciseNotPassed, match="Not yet"):
        check("00.days_between", -1)
    with pytest.raises(ExerciseNotPassed, match="no exercise called"):
        check("00.no_such_exercise", 1)
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(ExerciseNotPassed):
        check("00.days_between", ...)


def test_check_hidden_uses_the_namespace_too():
    namespace = {"check_hidden": check_hidden, "days_between": -1}
    exec("check_hidden('00.days_between')", namespace)
    assert session._status["00.days_between"] == "incorrect"


def test_feedback_html_is_accessible_and_escaped():
    ex = make(NUMBER, answer="x<script>")
    fb = build(ex, evaluate(ex, "a"), 1)
    html = fb._repr_html_()
    assert 'role="status"' in html and "<script>" not in html
    assert "Check the kind of answer." in fb.text()


def test_progress_reports_session_status():
    check("00.days_between", 35)
    report = progress("00")
    rows = {r[0]: r[4] for r in report.rows}
    assert rows["00.days_between"].startswith("✗ not yet")
    assert rows["00.headline_kind"] == "… not run yet"
    assert f"0 of {len(exercises.for_lesson('00'))}" in report.summary() and "<table>" in report._repr_html_()


def test_nan_number_record():
    assert normalize(float("nan")) == {"type": "number", "value": None, "nan": True}
    assert math.isnan(float("nan"))


def test_progress_reports_the_core_and_the_extensions_apart(monkeypatch):
    from unionstate.exercises.model import for_lesson

    items = for_lesson("02")
    extension = next(i for i in items if i.kind == "function")
    monkeypatch.setattr(extension, "core", False)
    check(extension.id, exercises.get(extension.id).checker.reference)
    check("02.union_share", 1.0)
    report = progress("02")
    summary = report.summary()
    further = [i for i in items if not i.core and i.kind != "reflection"]  # checked items only
    assert "core: 0 of" in summary and f"going further: 1 of {len(further)} ({extension.points} of {sum(i.points for i in further)} points)" in summary
    row = next(r for r in report.rows if r[0] == extension.id)
    assert row[5] == "going further" and "(going further)" in repr(report) and "<th>part</th>" in report._repr_html_()
