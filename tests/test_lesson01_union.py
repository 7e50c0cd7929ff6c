"""Lesson 01: the Union State analysis functions, the timeline explorer and the lesson's exercises.

Expected values are computed here from the CSV files with plain pandas/csv code,
independently of unionstate.analysis.union.
"""

from __future__ import annotations

import csv
import itertools
from datetime import date

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from unionstate import load_dataset, paths  # noqa: E402
from unionstate.analysis import union  # noqa: E402
from unionstate.exercises import evaluate, get  # noqa: E402
from unionstate.exercises.model import Exercise, Quiz, Reflection, for_lesson  # noqa: E402
from unionstate.widgets import timeline as tl  # noqa: E402


def _csv(relative: str) -> list[dict]:
    with open(paths.data_dir() / relative, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def rows():
    return _csv("union/union_state_timeline.csv")


@pytest.fixture(scope="module")
def provision_rows():
    return _csv("union/treaty_provisions.csv")


# --- analysis: computed independently from the CSV ---------------------------------------


def test_union_treaties_are_the_bilateral_treaty_rows_of_the_1990s(rows):
    expected = [
        (r["date"], r["source_id"])
        for r in rows
        if r["category"] == "treaty" and r["date"] < "2000" and "Commonwealth of Independent States" not in r["event"]
    ]
    got = union.union_treaties()
    assert [(d.strftime("%Y-%m-%d"), s) for d, s in zip(got["date"], got["source_id"])] == sorted(expected)
    assert list(got.columns) == ["date", "event", "actors", "source_id"]


def test_union_treaties_can_stop_at_another_year(rows):
    got = union.union_treaties(until=1997)
    assert {d.year for d in got["date"]} <= {1996, 1997}
    assert len(got) == sum(1 for r in rows if r["category"] == "treaty" and "1992" <= r["date"] < "1998")


def test_events_in_period_matches_a_plain_filter(rows):
    timeline = load_dataset("union_timeline")
    for start, end, category in [(1996, 1999, "treaty"), (2018, 2021, "politics"), (2000, 2001, "protest"), (1991, 2024, "energy")]:
        expected = sorted(r["event"] for r in rows if start <= int(r["date"][:4]) <= end and r["category"] == category)
        got = union.events_in_period(timeline, start, end, category)
        assert sorted(got["event"]) == expected
        assert list(got["date"]) == sorted(got["date"])
    assert len(union.events_in_period(timeline, 2020, 2020)) == sum(1 for r in rows if r["date"].startswith("2020"))


def test_events_per_year_counts_every_category_with_events(rows):
    got = union.events_per_year(load_dataset("union_timeline"), 2018, 2021)
    for year in range(2018, 2022):
        for category in {r["category"] for r in rows}:
            n = sum(1 for r in rows if r["date"].startswith(str(year)) and r["category"] == category)
            if category in got.columns:
                assert got.loc[year, category] == n
            else:
                assert all(not r["date"].startswith(str(y)) or r["category"] != category for y in range(2018, 2022) for r in rows)
    assert list(got.index) == [2018, 2019, 2020, 2021]


def test_years_since_signing_uses_the_treaty_and_sochi_dates(rows):
    signing = next(date.fromisoformat(r["date"]) for r in rows if "Establishment" in r["event"])
    sochi = next(date.fromisoformat(r["date"]) for r in rows if "working visit to Sochi" in r["event"])
    assert union.years_since_signing() == pytest.approx((sochi - signing).days / 365.25)
    assert union.years_since_signing("2020-12-31") == pytest.approx((date(2020, 12, 31) - signing).days / 365.25)


def test_event_date_refuses_an_ambiguous_phrase():
    with pytest.raises(ValueError, match="exactly one"):
        union.event_date("Union State")


def test_status_counts_and_share_implemented(provision_rows):
    frame = pd.DataFrame(provision_rows)
    counts = frame["status_2020"].value_counts()
    got = union.provision_status_counts()
    assert got.to_dict() == counts.to_dict()
    assert got.sum() == len(provision_rows)
    promises = frame[~frame["status_2020"].str.startswith("n.a.")]
    done = promises["status_2020"].isin(["implemented", "implemented (formally)"]).sum()
    assert union.share_implemented() == pytest.approx(100 * done / len(promises))


def test_promised_vs_delivered_lists_every_provision_once(provision_rows):
    table = union.promised_vs_delivered()
    assert sorted(table["topic"]) == sorted(r["topic"] for r in provision_rows)
    by_topic = dict(zip(table["topic"], table["delivered"]))
    for r in provision_rows:
        if r["status_2020"].startswith("n.a."):
            assert by_topic[r["topic"]] == "not a promise"
        elif r["status_2020"].startswith("implemented"):
            assert by_topic[r["topic"]] == "implemented"
        else:
            assert by_topic[r["topic"]] == r["status_2020"]
    assert union.delivery_counts().sum() == len(provision_rows)


def test_unverified_articles(provision_rows):
    expected = sorted(r["topic"] for r in provision_rows if "not verified" in r["article"])
    assert sorted(union.unverified_articles()["topic"]) == expected


# --- the explorer's view function: each control changes what is shown --------------------


def _table_rows(view) -> int:
    return view.table_html.count("<tr") - 1  # minus the header row


def test_category_control_filters_the_events(rows):
    everything = tl.timeline_view(tl.ALL, (1991, 2024))
    assert _table_rows(everything) == len(rows)
    for category in ("treaty", "energy", "protest"):
        view = tl.timeline_view(category, (1991, 2024))
        assert _table_rows(view) == sum(1 for r in rows if r["category"] == category)
        assert f"'{category}' events" in view.summary
        assert view.figure is not None and view.figure.png != everything.figure.png


def test_year_control_narrows_the_period(rows):
    wide = tl.timeline_view(tl.ALL, (1991, 2024))
    narrow = tl.timeline_view(tl.ALL, (2018, 2021))
    assert _table_rows(narrow) == sum(1 for r in rows if "2018" <= r["date"][:4] <= "2021")
    assert "from 2018 to 2021" in narrow.summary and narrow.summary != wide.summary
    assert tl.timeline_view(tl.ALL, (2021, 2018)).summary == narrow.summary  # a reversed range reads the same


def test_event_control_shows_description_significance_and_sources(rows):
    events = tl.filtered_events("energy", (2004, 2011))
    first, second = events.index[0], events.index[1]
    a = tl.timeline_view("energy", (2004, 2011), first)
    b = tl.timeline_view("energy", (2004, 2011), second)
    assert a.details_html != b.details_html and a.summary != b.summary
    row = next(r for r in rows if r["event"] == events.loc[second, "event"])
    assert "Significance" in b.details_html and "Sources:" in b.details_html
    for sid in row["source_id"].split(";"):
        assert f"[{sid.strip()}]" in b.details_html
    assert tl.timeline_view("energy", (2004, 2011), None).details_html == ""


def test_an_empty_selection_gets_a_sentence():
    view = tl.timeline_view("protest", (2000, 2001))
    assert view.figure is None and "no 'protest' events" in view.summary


def test_dates_known_only_to_the_month_are_not_shown_as_days():
    events = tl.filtered_events(tl.ALL, (2019, 2019))
    month_rows = events[events["date_precision"].str.startswith("month")]
    assert len(month_rows)
    for key in month_rows.index:
        details = tl.timeline_view(tl.ALL, (2019, 2019), key).details_html
        assert "(month)" in details and "date precision" in details


def test_number_labels_never_overlap_and_stay_inside_the_figure():
    checked = 0
    for category in [tl.ALL, "treaty", "politics", "energy", "economy"]:
        for years in [(1991, 2024), (1996, 2000), (2018, 2021), (2020, 2020)]:
            events = tl.filtered_events(category, years)
            if events.empty:
                continue
            lanes = tl.categories() if category == tl.ALL else [category]
            fig = tl.timeline_figure(events, lanes, years, events.index[-1])
            try:
                fig.canvas.draw()
                renderer = fig.canvas.get_renderer()
                labels = [t for t in fig.axes[0].texts if isinstance(t, Annotation) and t.get_visible()]  # hidden: unused pool members
                assert sorted(int(t.get_text()) for t in labels) == list(range(1, len(events) + 1))
                boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in labels]
                width, height = fig.canvas.get_width_height()
                for a, b in itertools.combinations(boxes, 2):
                    assert not a.overlaps(b), (category, years)
                for box in boxes:
                    assert 0 <= box.x0 and box.x1 <= width and 0 <= box.y0 and box.y1 <= height, (category, years)
            finally:
                plt.close(fig)
            checked += 1
    assert checked >= 15


def test_label_levels_keep_a_gap_on_each_level():
    xs = [0.0, 0.1, 0.2, 0.3, 1.5, 1.55]
    widths = [0.3] * len(xs)
    levels = tl.label_levels(xs, widths)
    for level in set(levels):
        on_level = [x for x, v in zip(xs, levels) if v == level]
        assert all(b - a >= 0.3 + tl.LABEL_GAP for a, b in zip(on_level, on_level[1:]))


# --- the widget wiring (no browser) --------------------------------------------------------


def test_explorer_controls_update_the_event_list_and_the_display():
    explorer = tl.explore_timeline()
    category, years, event = explorer.controls["category"], explorer.controls["years"], explorer.controls["event"]
    assert len(event.options) == len(load_dataset("union_timeline"))

    before = explorer.display_area.value
    category.value = "energy"
    keys = [key for _, key in event.options]
    assert set(keys) == set(tl.filtered_events("energy").index)
    assert event.value == keys[0] and explorer.display_area.value != before

    years.value = (2004, 2011)
    assert [key for _, key in event.options] == list(tl.filtered_events("energy", (2004, 2011)).index)

    chosen = event.options[2][1]
    event.value = chosen
    assert explorer.last_view.details_html == tl.timeline_view("energy", (2004, 2011), chosen).details_html

    years.value = (2000, 2011)  # the chosen event is still in the selection: it stays chosen
    assert event.value == chosen

    category.value = "protest"
    years.value = (2000, 2001)
    assert event.options == () and event.value is None
    assert "no 'protest' events" in explorer.last_view.summary and explorer.last_view.figure is None


def test_explorer_reads_as_a_sentence_without_a_kernel():
    bundle = tl.explore_timeline("treaty")._repr_mimebundle_()
    assert "'treaty' events" in bundle["text/plain"]


# --- the lesson's exercises ------------------------------------------------------------------


def test_lesson_has_the_kinds_of_items_the_standard_asks_for():
    items = for_lesson("01")
    exercises = [i for i in items if isinstance(i, Exercise)]
    assert len(exercises) >= 6
    assert {"value", "function", "chart", "choice"} <= {e.kind for e in exercises}
    assert any(isinstance(i, Quiz) for i in items)
    reflections = [i for i in items if isinstance(i, Reflection)]
    assert reflections and all(sum(p for _, p in r.rubric) == r.points for r in reflections)


def test_hidden_cases_catch_a_function_that_only_fits_the_examples():
    exercise = get("01.events_in_period")
    shown = {(1996, 1999, "treaty"), (2019, 2020, "protest")}

    def fits_examples_only(timeline, start, end, category):
        years = timeline["date"].dt.year
        if (start, end, category) in shown:
            return timeline[(years >= start) & (years <= end) & (timeline["category"] == category)]
        return timeline.head(0)

    assert evaluate(exercise, fits_examples_only).passed
    assert not evaluate(exercise, fits_examples_only, hidden_tests=True).passed


def test_first_union_treaty_is_not_the_cis_agreement(rows):
    cis_year = int(next(r["date"][:4] for r in rows if "Commonwealth of Independent States" in r["event"]))
    exercise = get("01.first_union_treaty")
    assert not evaluate(exercise, cis_year).passed
    bilateral = [int(r["date"][:4]) for r in rows if r["category"] == "treaty" and "Commonwealth" not in r["event"]]
    assert evaluate(exercise, min(bilateral)).passed
