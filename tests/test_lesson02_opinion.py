"""Lesson 02: the opinion analysis functions, the survey and margin-of-error explorers, and the lesson's exercises.

Expected values are computed here from the CSV files with plain pandas, independently of
unionstate.analysis.opinion.
"""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from unionstate import paths  # noqa: E402
from unionstate.analysis import opinion as op  # noqa: E402
from unionstate.exercises import evaluate, get  # noqa: E402
from unionstate.exercises.model import Exercise, Quiz, Reflection, for_lesson  # noqa: E402
from unionstate.widgets import surveys as sv  # noqa: E402

LIVE_BETTER = "Where would Belarusians live better: EU or union with Russia?"
EITHER_OR = "Either-or: integration with Russia or joining the EU?"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "opinion" / "opinion_integration.csv", dtype={"field_start": str, "field_end": str})


@pytest.fixture(scope="module")
def raw_surveys() -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "opinion" / "surveys.csv", dtype={"field_start": str, "field_end": str})


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")


def _exact(raw, survey_id, question_start):
    rows = raw[(raw["survey_id"] == survey_id) & raw["question"].str.startswith(question_start) & (raw["value_qualifier"] == "exact")]
    return rows.drop_duplicates("answer_option").set_index("answer_option")["share_pct"]


def _n(raw_surveys, survey_id):
    return int(raw_surveys.loc[raw_surveys["survey_id"] == survey_id, "sample_size"].iloc[0])


# --- analysis: shares, exact rows only ----------------------------------------------------


def test_baw_relations_shares_are_the_exact_figures_each_counted_once(raw):
    want = _exact(raw, "BAW_2019_12", "Preferred form of Belarus-Russia relations")
    got = op.baw_relations_shares("BAW_2019_12")
    assert len(got) == len(want) == 4
    assert sorted(got.round(1)) == sorted(want.round(1))
    assert got[op.UNION_STATE] == want["unify into a union state"]
    assert got[op.JOINS_RUSSIA] == want["Belarus joins Russia"]


def test_merger_share_adds_the_two_merger_options_once(raw):
    want = _exact(raw, "BAW_2019_12", "Preferred form of Belarus-Russia relations")
    expected = want["unify into a union state"] + want["Belarus joins Russia"]
    assert op.merger_share("BAW_2019_12") == pytest.approx(expected, abs=1e-9)
    # summing every row would count each figure twice (two outlets report it)
    all_rows = raw[(raw["survey_id"] == "BAW_2019_12") & raw["answer_option"].isin(["unify into a union state", "Belarus joins Russia"])]
    assert all_rows["share_pct"].sum() > expected + 1


def test_relations_options_keep_one_name_across_waves(raw):
    aug = op.baw_relations_shares("BAW_2019_08")
    want = _exact(raw, "BAW_2019_08", "Preferred form of Belarus-Russia relations")
    assert aug[op.UNION_STATE] == want["unite into a single union state"]
    assert aug[op.JOINS_RUSSIA] == want["Belarus joins Russia as a subject of the federation"]
    assert set(aug.index) == set(op.baw_relations_shares("BAW_2019_12").index)


def test_survey_shares_leave_out_lower_bounds(raw):
    got = op.survey_shares("BAW_2019_12", LIVE_BETTER)
    rows = raw[(raw["survey_id"] == "BAW_2019_12") & raw["question"].str.startswith("In which union of states")]
    exact = rows[rows["value_qualifier"] == "exact"]
    assert sorted(got) == sorted(exact["share_pct"])
    assert len(rows) > len(exact), "the data hold a lower bound for this question that must stay out"


def test_conflicting_exact_figures_prefer_the_pollsters_own_table_and_report_the_other(raw):
    rows = raw[(raw["survey_id"] == "IISEPS_2012_12") & (raw["answer_option"] == "integration with Russia")]
    assert rows["share_pct"].nunique() == 2, "the data keep two versions of this figure"
    own = rows.loc[rows["source_id"] == "S20_IISEPS_2016_03", "share_pct"].iloc[0]
    other = rows.loc[rows["source_id"] != "S20_IISEPS_2016_03"].iloc[0]
    assert op.survey_shares("IISEPS_2012_12", EITHER_OR)["integration with Russia"] == own
    picked = op.one_figure_per_option(op.labelled()[lambda f: (f["survey_id"] == "IISEPS_2012_12") & (f["question_label"] == EITHER_OR)])
    note = picked.loc[picked["option"] == "integration with Russia", "other_reports"].iloc[0]
    assert other["source_id"] in note and f"{other['share_pct']:g}" in note


def test_trend_from_one_table_matches_a_pandas_pivot(raw):
    rows = raw[(raw["source_id"] == "S20_IISEPS_2016_03") & raw["question"].str.startswith("If you had to choose") & (raw["value_qualifier"] == "exact")]
    want = rows.pivot_table(index="field_start", columns="answer_option", values="share_pct")
    got = op.trend("IISEPS", EITHER_OR, source_id="S20_IISEPS_2016_03")
    assert [d.strftime("%Y-%m-%d") if len(s) == 10 else d.strftime("%Y-%m") for d, s in zip(got.index, want.index)] == list(want.index)
    for option in want.columns:
        assert list(got[option]) == list(want[option])


def test_undated_waves_never_get_a_place_in_time(raw):
    undated = set(raw.loc[raw["field_start"].isna(), "survey_id"])
    assert "BAW_UNDATED_MAR_APR" in undated
    labelled = op.labelled()
    assert labelled.loc[labelled["survey_id"].isin(undated), "date"].isna().all()
    assert labelled.loc[~labelled["survey_id"].isin(undated), "date"].notna().all()
    table = op.trend("BAW", op.RELATIONS)
    assert len(table) == raw.loc[raw["question"].str.startswith("Preferred form") & raw["field_start"].notna(), "survey_id"].nunique()


def test_every_question_in_the_data_has_a_short_label(raw):
    missing = sorted(set(raw["question"]) - set(op.QUESTION_LABELS))
    assert not missing, f"add a label to QUESTION_LABELS for: {missing}"


def test_survey_method_is_the_surveys_row(raw_surveys):
    row = raw_surveys[raw_surveys["survey_id"] == "BAW_2019_12"].iloc[0]
    m = op.survey_method("BAW_2019_12")
    assert m.sample_size == int(row["sample_size"]) and m.stated_moe_pct == row["moe_pct"] and m.mode == row["mode"]
    assert m.field_start.strftime("%Y-%m-%d") == row["field_start"] and m.field_end.strftime("%Y-%m-%d") == row["field_end"]
    assert op.sample_size("BAW_2019_09") is None  # not stated: None, never zero
    with pytest.raises(KeyError):
        op.survey_method("NO_SUCH_SURVEY")


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        ("2019-12-18", "2019-12-31", ("day", "day"), "18–31 Dec 2019"),
        ("2020-11-26", "2020-12-16", ("day", "day"), "26 Nov 2020–16 Dec 2020"),
        ("2019-08-01", "2019-08-01", ("month", "month"), "Aug 2019"),
        ("2015-01-01", "2015-01-01", ("year", "year"), "2015"),
    ],
)
def test_fieldwork_text(start, end, precision, expected):
    assert op.fieldwork_text(pd.Timestamp(start), pd.Timestamp(end), *precision) == expected
    assert op.fieldwork_text(pd.NaT, pd.NaT, None, None) == "not stated"


def test_month_and_year_dates_sit_in_the_middle_of_their_period():
    assert op.wave_midpoint(pd.Timestamp("2019-08-01"), pd.Timestamp("2019-08-01"), "month", "month") == pd.Timestamp("2019-08-16")
    assert op.wave_midpoint(pd.Timestamp("2019-12-18"), pd.Timestamp("2019-12-30"), "day", "day") == pd.Timestamp("2019-12-24")
    assert op.wave_midpoint(pd.Timestamp("2015-01-01"), pd.Timestamp("2015-01-01"), "year", "year").month == 7
    assert pd.isna(op.wave_midpoint(pd.NaT, pd.NaT, None, None))


# --- sampling error ---------------------------------------------------------------------


def test_margin_of_error_formula_and_its_properties():
    assert op.margin_of_error(0.5, 1000) == pytest.approx(1.96 * math.sqrt(0.25 / 1000))
    assert op.margin_of_error(0.3, 2500, z=2.576) == pytest.approx(2.576 * math.sqrt(0.21 / 2500))
    assert op.margin_of_error(0.2, 400) == pytest.approx(op.margin_of_error(0.8, 400))  # symmetric in p and 1-p
    assert op.margin_of_error(0.2, 1600) == pytest.approx(op.margin_of_error(0.2, 400) / 2)  # 4 x n halves it
    assert op.margin_of_error(0.5, 1000) > op.margin_of_error(0.1, 1000)  # largest at one half
    for bad in [(0.5, 0), (1.5, 100), (-0.1, 100)]:
        with pytest.raises(ValueError):
            op.margin_of_error(*bad)


def test_interval_needs_n_and_stays_within_0_and_100():
    assert op.confidence_interval(40, None) is None and op.moe_pct(40, None) is None
    low, high = op.confidence_interval(12.8, 1061)
    m = 196 * math.sqrt(0.128 * 0.872 / 1061)
    assert (low, high) == pytest.approx((12.8 - m, 12.8 + m))
    assert op.confidence_interval(0.5, 30)[0] == 0.0


def test_compare_shares_uses_both_variances(raw, raw_surveys):
    a = _exact(raw, "BAW_2019_12", "In which union of states")["union with Russia"]
    b = _exact(raw, "BAW_2020_11", "In your opinion")["union with Russia"]
    na, nb = _n(raw_surveys, "BAW_2019_12"), _n(raw_surveys, "BAW_2020_11")
    d = op.compare_shares(a, na, b, nb)
    margin = 196 * math.sqrt(a / 100 * (1 - a / 100) / na + b / 100 * (1 - b / 100) / nb)
    assert d.margin == pytest.approx(margin) and d.difference == pytest.approx(b - a)
    assert d.margin > max(op.moe_pct(a, na), op.moe_pct(b, nb))
    assert d.beyond_sampling_error == (abs(b - a) > margin) == op.differ_beyond_error(a, na, b, nb)
    assert op.differ_beyond_error(30, 1000, 50, 1000) and not op.differ_beyond_error(30, 1000, 31, 1000)


def test_stated_vs_computed_lists_every_survey_that_states_both(raw_surveys):
    both = raw_surveys[raw_surveys["sample_size"].notna() & raw_surveys["moe_pct"].notna()]
    table = op.stated_vs_computed_moe()
    assert list(table["survey_id"]) == list(both["survey_id"])
    for row in table.itertuples():
        assert row.worst_case_moe_pct == pytest.approx(196 * math.sqrt(0.25 / row.n), abs=0.005)


def test_side_by_side_keeps_lower_bounds_labelled(raw):
    table = op.side_by_side([("CH_2020_09", "Which alliance(s) should Belarus be in?")])
    rows = raw[raw["survey_id"] == "CH_2020_09"]
    assert len(table) == rows["answer_option"].nunique()
    assert set(table["value_qualifier"]) == set(rows["value_qualifier"])


# --- the survey explorer ----------------------------------------------------------------


def test_menus_follow_the_data(raw):
    assert sv.pollsters()[0] == "BAW" and {"IISEPS", "Chatham House"} <= set(sv.pollsters())
    years = pd.to_numeric(raw["field_start"].dropna().str[:4])
    assert sv.year_range() == (years.min(), years.max())
    assert LIVE_BETTER in sv.questions("BAW") and EITHER_OR in sv.questions("IISEPS")
    assert sv.year_range("MGIMO") == sv.year_range()  # no dated wave: the whole range


def test_intervals_only_where_n_is_stated_and_the_figure_exact(raw_surveys):
    rows = sv.survey_rows("BAW", LIVE_BETTER, (2018, 2022))
    stated = set(raw_surveys.loc[raw_surveys["sample_size"].notna(), "survey_id"])
    with_ci = rows[rows["moe"].notna()]
    assert len(with_ci) and set(with_ci["survey_id"]) <= stated and with_ci["exact"].all()
    without = rows[rows["moe"].isna()]
    assert (~without["survey_id"].isin(stated) | ~without["exact"]).all()
    exact_only = sv.survey_rows("BAW", LIVE_BETTER, (2018, 2022), show_inexact=False)
    assert exact_only["exact"].all() and len(exact_only) < len(rows)


def test_view_says_where_no_interval_can_be_drawn():
    view = sv.survey_view("BAW", LIVE_BETTER, (2018, 2022))
    rows = sv.survey_rows("BAW", LIVE_BETTER, (2018, 2022)).drop_duplicates("survey_id")
    missing = rows["sample_size"].isna().sum()
    assert missing and f"{missing} waves state no sample size" in view.summary
    assert view.details_html.count("none: n not stated") == missing
    assert "not stated" in view.details_html and view.figure is not None and view.figure.caption.startswith("Source")


def test_undated_wave_is_never_on_the_time_axis():
    lines = sv.survey_view("BAW", op.RELATIONS, (2018, 2022), "lines")
    assert "BAW_UNDATED_MAR_APR" in lines.details_html and "Not on the time axis" in lines.details_html
    bars = sv.survey_view("BAW", op.RELATIONS, (2018, 2022), "bars")
    assert "no date (BAW_UNDATED_MAR_APR)" in bars.details_html


def test_lines_chart_labels_every_point_and_marks_rough_figures():
    rows = sv.survey_rows("BAW", LIVE_BETTER, (2018, 2022))
    chart = sv.SurveyLinesChart()
    chart.draw(rows=rows[rows["date"].notna()], title="t", events=sv.NO_EVENTS)
    ax = chart.fig.axes[0]
    texts = [t.get_text() for t in ax.texts if t.get_visible() and t.get_text()]  # hidden: unused pool members
    assert len(texts) == rows["date"].notna().sum()
    assert any(t.startswith("≥") for t in texts)  # the lower bounds are written as such
    exact = rows[rows["exact"] & rows["date"].notna()]
    assert {f"{v:.1f}" for v in exact["share_pct"]} <= set(texts)


def test_every_control_changes_the_view():
    base = dict(pollster="IISEPS", question=EITHER_OR, period=(2008, 2020), chart="lines", show_inexact=True, events=False)
    first = sv.survey_view(**base)
    changes = {
        "pollster": "BAW",
        "question": "Referendum on joining the EU",
        "period": (2012, 2016),
        "chart": "bars",
        "show_inexact": False,
        "events": True,
    }
    for name, value in changes.items():
        other = sv.survey_view(**{**base, name: value})
        assert (other.summary, other.figure.png, other.details_html) != (first.summary, first.figure.png, first.details_html), name


def test_a_question_of_another_pollster_falls_back_to_this_pollsters_first():
    view = sv.survey_view("Chatham House", EITHER_OR, (2020, 2022), "bars")
    assert "Chatham House" in view.summary and sv.questions("Chatham House")[0] in view.summary


def test_text_only_figures_are_reported_not_drawn():
    view = sv.survey_view("VTsIOM", sv.questions("VTsIOM")[0], (2021, 2021))
    assert view.figure is None and "gives no number" in view.details_html


def test_explorer_widget_updates_its_question_menu_and_redraws():
    ex = sv.SurveyExplorer("BAW", LIVE_BETTER)
    first = ex.last_view.summary
    ex.controls["pollster"].value = "IISEPS"
    assert list(ex.controls["question"].options) == sv.questions("IISEPS")
    assert ex.controls["period"].value == sv.year_range("IISEPS")
    assert ex.last_view.summary != first and ex.last_view.summary.startswith("IISEPS")
    before = ex.last_view.summary
    ex.controls["period"].value = (2012, 2016)
    assert ex.last_view.summary != before


# --- the margin-of-error widget ---------------------------------------------------------


def test_moe_view_states_the_interval_it_draws():
    view = sv.moe_view(1061, 13, show_stated=False)
    m = 196 * math.sqrt(0.13 * 0.87 / 1061)
    assert f"±{m:.1f} percentage points" in view.summary
    assert f"from {13 - m:.1f}% to {13 + m:.1f}%" in view.summary
    assert "Diamonds" not in view.summary and view.figure.alt


def test_moe_widget_responds_to_each_control():
    ex = sv.MarginOfErrorExplorer(1000, 50)
    seen = {ex.last_view.summary}
    for name, value in [("n", 4000), ("p_pct", 20), ("show_stated", False)]:
        ex.controls[name].value = value
        assert ex.last_view.summary not in seen, name
        seen.add(ex.last_view.summary)


# --- the exercises ----------------------------------------------------------------------


def test_lesson_has_the_items_the_issue_asks_for():
    items = for_lesson("02")
    exercises = [i for i in items if isinstance(i, Exercise)]
    assert len(exercises) >= 6
    assert {"value", "function", "chart", "choice"} <= {e.kind for e in exercises}
    assert any(isinstance(i, Quiz) for i in items)
    assert [i.id for i in items if isinstance(i, Reflection)] == ["02.trust_polls"]


def test_union_share_accepts_the_data_and_explains_a_fraction(raw):
    share = _exact(raw, "BAW_2019_12", "Preferred form")["unify into a union state"]
    ex = get("02.union_share")
    assert evaluate(ex, share).status == "correct"
    assert "percentage" in evaluate(ex, share / 100).message
    assert evaluate(ex, 13).status == "incorrect"  # the article's rounding is not the survey's figure


def test_merger_total_rejects_the_double_count(raw):
    rows = raw[(raw["survey_id"] == "BAW_2019_12") & raw["answer_option"].isin(["unify into a union state", "Belarus joins Russia"])]
    ex = get("02.merger_total")
    assert evaluate(ex, rows.drop_duplicates("answer_option")["share_pct"].sum()).status == "correct"
    assert evaluate(ex, rows["share_pct"].sum()).status == "incorrect"


def test_margin_of_error_exercise_needs_a_general_function():
    ex = get("02.margin_of_error")

    def right(p, n, z=1.96):
        return z * math.sqrt(p * (1 - p) / n)

    def fixed_z(p, n, z=1.96):
        return 1.96 * math.sqrt(p * (1 - p) / n)

    def in_points(p, n, z=1.96):
        return 100 * z * math.sqrt(p * (1 - p) / n)

    assert evaluate(ex, right, hidden_tests=True).status == "correct"
    assert evaluate(ex, fixed_z).status == "correct"  # the public examples use z = 1.96 ...
    assert evaluate(ex, fixed_z, hidden_tests=True).status == "incorrect"  # ... the hidden ones do not
    assert evaluate(ex, in_points).status == "incorrect"


def test_moe_union_and_waves_differ_follow_the_data(raw, raw_surveys):
    share = _exact(raw, "BAW_2019_12", "Preferred form")["unify into a union state"]
    n = _n(raw_surveys, "BAW_2019_12")
    assert evaluate(get("02.moe_union"), 196 * math.sqrt(share / 100 * (1 - share / 100) / n)).status == "correct"
    a = _exact(raw, "BAW_2019_12", "In which union of states")["union with Russia"]
    b = _exact(raw, "BAW_2020_11", "In your opinion")["union with Russia"]
    nb = _n(raw_surveys, "BAW_2020_11")
    differ = abs(b - a) > 196 * math.sqrt(a / 100 * (1 - a / 100) / n + b / 100 * (1 - b / 100) / nb)
    assert evaluate(get("02.waves_differ"), differ).status == "correct"
    assert evaluate(get("02.waves_differ"), not differ).status == "incorrect"


def _chart(rows, options):
    fig, ax = plt.subplots()
    for option in options:
        line = rows[rows["answer_option"] == option]
        ax.plot(pd.to_datetime(line["field_start"], format="ISO8601"), line["share_pct"], label=option)
    ax.set_title("IISEPS either-or")
    ax.set_xlabel("Fieldwork")
    ax.set_ylabel("Share (%)")
    ax.legend()
    from unionstate import add_caption

    add_caption(fig, "S20_IISEPS_2016_03")
    return fig, ax


def test_chart_exercise_wants_the_one_table_series(raw):
    question = raw["question"].str.startswith("If you had to choose")
    ex = get("02.iiseps_chart")
    own = raw[question & (raw["source_id"] == "S20_IISEPS_2016_03")]
    fig, ax = _chart(own, ["integration with Russia", "joining the EU"])
    assert evaluate(ex, ax).status == "correct"
    plt.close(fig)
    fig, ax = _chart(raw[question & (raw["value_qualifier"] == "exact")], ["integration with Russia", "joining the EU"])
    assert evaluate(ex, ax).status == "incorrect"  # press points from other sources mixed in
    plt.close(fig)
    fig, ax = _chart(own, ["integration with Russia", "joining the EU", "don't know / no answer"])
    assert evaluate(ex, ax).status == "incorrect"
    plt.close(fig)


def test_choice_exercises_and_quizzes_have_their_answers():
    assert evaluate(get("02.article_omits"), "C, A, B").status == "correct"
    assert evaluate(get("02.article_omits"), "A, B, C, D").status == "incorrect"
    assert evaluate(get("02.mode_reach"), "A").status == "correct"
    assert get("02.moe_quadruple").answer == "B"


def test_quiz_on_the_iiseps_peak_matches_the_data(raw):
    rows = raw[raw["question"].str.startswith("If you had to choose") & (raw["answer_option"] == "integration with Russia")]
    rows = rows[(rows["value_qualifier"] == "exact") & rows["field_start"].str[:4].astype(int).between(2008, 2016)]
    peak = rows.loc[rows["share_pct"].idxmax(), "field_start"]
    q = get("02.iiseps_peak")
    month, year = q.options[q.answer].split()
    assert pd.Timestamp(peak).year == int(year) and pd.Timestamp(peak).strftime("%b") == month
