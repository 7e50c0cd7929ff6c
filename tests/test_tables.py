"""show_table: the one way the kit shows a table (readable, keyboard-reachable, with a plain-text version),
and sources(), the source register as such a table."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from unionstate import load_dataset, show_table, sources
from unionstate.sources import UnknownSourceError, all_sources, sources_frame
from unionstate.tables import MAX_IDS, Table, table_html

LONG = "Medvedev, at the Union State Council of Ministers, says Russia is ready to go further with the treaty"


def _cells(markup: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", markup)]


def _cell_styles(markup: str) -> list[str]:
    return re.findall(r'<td style="([^"]*)"', markup)


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-12-18", "2020-09-14"]),
            "event": [LONG, "Sochi"],
            "share_pct": [12.8, np.nan],
            "note": [np.nan, "rounded"],
            "source_id": ["S01;S02;S03;S04", "S05"],
        }
    )


def test_text_is_never_cut_and_long_text_wraps_left_aligned(frame):
    markup = table_html(frame)
    assert LONG in _cells(markup)
    event_style = _cell_styles(markup)[1]
    assert "text-align:left" in event_style and "white-space:normal" in event_style
    assert "text-align:right" in _cell_styles(markup)[2]  # numbers stay right-aligned


def test_missing_values_are_empty_or_a_word_never_nan(frame):
    cells = _cells(table_html(frame))
    assert "nan" not in " ".join(cells).lower() and "NaT" not in " ".join(cells)
    assert cells[3] == "" and cells[7] == ""  # the empty note and the empty share
    worded = _cells(table_html(frame, missing={"note": "none", "share_pct": "not stated"}))
    assert worded[3] == "none" and worded[7] == "not stated"
    assert "nan" not in Table(frame).text().lower()


def test_dates_have_no_midnight_time(frame):
    markup = table_html(frame)
    assert "2019-12-18" in _cells(markup) and "00:00:00" not in markup
    timed = pd.DataFrame({"when": pd.to_datetime(["2020-08-09 20:00"])})
    assert _cells(table_html(timed)) == ["2020-08-09 20:00"]


def test_long_source_lists_are_shortened_with_the_full_list_kept(frame):
    markup = table_html(frame)
    assert f"S01; S02 <i aria-hidden=\"true\">+{4 - MAX_IDS} more</i>" in markup
    assert 'title="S01; S02; S03; S04"' in markup  # on hover
    assert "; S03; S04" in _cells(markup)[4]  # and read out by a screen reader
    assert "S01;S02;S03;S04" in Table(frame).text()  # plain text keeps the whole list


def test_the_scroll_box_is_named_and_reachable_by_keyboard(frame):
    markup = table_html(frame, caption="Two events")
    box = re.match(r"<div ([^>]*)>", markup).group(1)
    assert 'role="region"' in box and 'tabindex="0"' in box and 'aria-label="Two events"' in box and "overflow-x:auto" in box
    unnamed = re.match(r"<div ([^>]*)>", table_html(frame)).group(1)
    assert 'aria-label="Table of 2 rows: date, event, share_pct, note, source_id"' in unnamed


def test_numbers_keep_their_decimals_and_a_meaningful_index_is_shown():
    markup = table_html(pd.DataFrame({"share": [12.8, 40.0], "n": [1000, 1061]}))
    assert _cells(markup) == ["12.8", "1000", "40.0", "1061"]
    indexed = table_html(pd.Series([1.5, 2.25], index=pd.Index([2019, 2020], name="year"), name="gap"))
    assert '<th scope="row"' in indexed and ">2019</th>" in indexed and _cells(indexed) == ["1.50", "2.25"]


def test_plain_text_fallback_and_escaping():
    table = Table(pd.DataFrame({"quote": ["<b>bold</b> & more"]}))
    bundle = table._repr_mimebundle_()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in bundle["text/html"]
    assert "<b>bold</b> & more" in bundle["text/plain"]


def test_long_tables_say_how_many_rows_they_have():
    table = Table(pd.DataFrame({"i": range(100)}), max_rows=10)
    assert "Showing the first 10 of 100 rows." in table.html() and "Showing the first 10 of 100 rows." in table.text()
    assert len(_cells(table.html())) == 10


@pytest.fixture
def displayed(monkeypatch):
    """What display() publishes, in a plain IPython shell."""
    from IPython.core.interactiveshell import InteractiveShell

    captured: list[dict] = []
    monkeypatch.setattr(InteractiveShell.instance().display_pub, "publish", lambda data, **kw: captured.append(data))
    return captured


def test_show_table_displays_html_and_text(displayed):
    captured = displayed
    show_table(load_dataset("union_timeline").head(3), caption="Three events")
    assert captured and "Three events" in captured[0]["text/html"] and "Three events" in captured[0]["text/plain"]


def test_a_wrong_argument_gets_a_sentence():
    with pytest.raises(TypeError, match="needs a pandas DataFrame or Series, not list"):
        Table([1, 2, 3])


# --- the source register for students ---------------------------------------------------------


def test_sources_frame_lists_every_source_and_filters():
    everything = sources_frame()
    assert list(everything["source_id"]) == sorted(all_sources())
    one = sources_frame("S08_RP_2020_01")
    assert list(one["source_id"]) == ["S08_RP_2020_01"]
    assert list(sources_frame("LRT_2020_09_08;S08_RP_2020_01")["source_id"]) == ["LRT_2020_09_08", "S08_RP_2020_01"]
    found = sources_frame(search="golos")
    assert len(found) and all("golos" in " ".join(r).casefold() for r in found[["source_id", "publisher", "quote"]].itertuples(index=False))
    assert set(sources_frame(collection="trade")["collection"]) == {"trade"}


def test_an_unknown_id_points_to_what_the_student_has():
    with pytest.raises(UnknownSourceError) as info:
        sources_frame("LRT_2020_09_09")
    message = str(info.value)
    assert "Did you mean LRT_2020_09_08" in message and "sources()" in message and "SOURCES.md in your workspace" in message
    assert "data/" not in message


def test_sources_shows_the_register_as_a_table(displayed):
    sources(search="golos")
    markup = html.unescape(displayed[-1]["text/html"])
    assert "matching 'golos'" in markup and 'role="region"' in markup and "S66_SPUTNIK_GOLOS_2020" in markup
    assert '<a href="https://' in markup  # the URL can be opened
