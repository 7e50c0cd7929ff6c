"""Lesson 02's explorers: the survey explorer and the margin-of-error widget.

Both are plain functions of their control values (survey_view, moe_view) that return a
View; the Explorer subclasses only wire ipywidgets controls to them.
"""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache

import ipywidgets as widgets
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.transforms import offset_copy

from ..analysis import opinion as op
from ..datasets import load_dataset
from ..plots import ENTITY_COLORS, LINESTYLES, MARKERS, OKABE_ITO, describe_trend
from ..sources import caption_text, split_ids
from ..tables import table_html
from .base import Explorer, View
from .live import BarPool, ChartSet, LinePool, LiveChart, TextPool

LINES, BARS = "lines", "bars"
MAX_BAR_WAVES = 6  # more groups of bars than this stop being readable
# Colours for options that are not Russia or the EU (those keep the house colours).
OTHER_COLORS = [OKABE_ITO[c] for c in ("orange", "green", "sky", "purple", "black")] + ["#7F7F7F"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++"]
# Timeline events worth marking on an opinion trend (found by a phrase of their text).
EVENT_PHRASES = {
    "Treaty on the Eurasian Economic Union signed": "EAEU treaty signed",
    "integration package": "Sochi talks, roadmaps not signed",
    "Presidential election": "Presidential election",
}


# --- data for the explorer --------------------------------------------------------------


@lru_cache(maxsize=1)
def labelled() -> pd.DataFrame:
    """op.labelled(), computed once: the data do not change while a notebook runs, and labelling every
    row takes longer than drawing a chart. Callers filter it and never change it."""
    return op.labelled()


@lru_cache(maxsize=1)
def chart_room() -> dict:
    """The most a survey chart can have to show, over every pollster's every question: answer options,
    dated points (one figure per wave and option), bars (options x waves, at most MAX_BAR_WAVES waves)
    and the widest option label."""
    frame = labelled()
    rows = frame[frame["share_pct"].notna()].drop_duplicates(["pollster_short", "question_label", "survey_id", "option"])
    by_question = rows.groupby(["pollster_short", "question_label"], sort=False)
    options = by_question["option"].nunique()
    waves = by_question["survey_id"].nunique().clip(upper=MAX_BAR_WAVES)
    dated = rows[rows["date"].notna()].groupby(["pollster_short", "question_label"], sort=False).size()
    return {"options": int(options.max()), "points": int(dated.max()), "bars": int((options * waves).max()),
            "widest_option": max(rows["option"], key=lambda o: max(len(x) for x in _wrapped_option(o).split("\n")))}


def pollsters() -> list[str]:
    """Short pollster names in the order the data list them."""
    return list(dict.fromkeys(labelled()["pollster_short"]))


def questions(pollster: str) -> list[str]:
    """The question labels one pollster asked, in data order."""
    frame = labelled()
    return list(dict.fromkeys(frame.loc[frame["pollster_short"] == pollster, "question_label"]))


def year_range(pollster: str | None = None) -> tuple[int, int]:
    frame = labelled()
    if pollster:
        frame = frame[frame["pollster_short"] == pollster]
    years = frame["field_start"].dropna().dt.year
    if years.empty:  # a pollster whose waves are all undated: offer the whole range
        return year_range()
    return int(years.min()), int(years.max())


def survey_rows(pollster: str, question: str, period: tuple[int, int], *, show_inexact: bool = True, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One figure per wave and option, with the wave's n and 95% interval (none where n is not stated).

    Undated waves are kept (the bar chart shows them apart); the period filter applies to dated waves.
    frame: labelled(), when the caller has it already.
    """
    rows = _question_rows(pollster, question, show_inexact) if frame is None or frame is labelled() else _figures(frame, pollster, question, show_inexact)
    years = rows["field_start"].dt.year
    in_period = rows["field_start"].isna() | ((years >= period[0]) & (years <= period[1]))
    rows = rows[in_period].copy()
    lows, highs, margins = [], [], []
    for share, n, exact in zip(rows["share_pct"], rows["sample_size"], rows["exact"]):
        ci = op.confidence_interval(share, None if pd.isna(n) else int(n)) if exact else None
        lows.append(ci[0] if ci else np.nan)
        highs.append(ci[1] if ci else np.nan)
        margins.append(op.moe_pct(share, int(n)) if ci else np.nan)
    rows["ci_low"], rows["ci_high"], rows["moe"] = lows, highs, margins
    return rows


def _figures(frame: pd.DataFrame, pollster: str, question: str, show_inexact: bool) -> pd.DataFrame:
    rows = frame[(frame["pollster_short"] == pollster) & (frame["question_label"] == question)]
    rows = op.one_figure_per_option(rows[rows["share_pct"].notna()])
    return rows if show_inexact else rows[rows["exact"]]


@lru_cache(maxsize=64)
def _question_rows(pollster: str, question: str, show_inexact: bool) -> pd.DataFrame:
    """One figure per wave and option of one question, every year (computed once: the period only filters it)."""
    return _figures(labelled(), pollster, question, show_inexact)


def _value_text(share: float, qualifier: str) -> str:
    """'12.8', '≥20' for a lower bound, '≈51' for a rounded or approximate figure."""
    if qualifier == op.EXACT:
        return f"{share:.1f}"
    if qualifier.startswith("lower bound"):
        return f"≥{share:g}"
    return f"≈{share:g}"


def option_color(option: str, index: int) -> str:
    """Russia and the EU keep their house colours; other options take the remaining palette."""
    text = option.lower()
    has_russia = "russia" in text
    has_eu = "eu" in text.split() or "european union" in text or "the eu" in text
    if has_russia and not has_eu:
        return ENTITY_COLORS["Russia"]
    if has_eu and not has_russia:
        return ENTITY_COLORS["EU"]
    return OTHER_COLORS[index % len(OTHER_COLORS)]


def _label_positions(dated: pd.DataFrame, gap: float, ymax: float) -> dict:
    """Heights for the value labels, each as close to its point as possible without overlapping
    a label of the same or a nearby wave (labels sit to the right of their point)."""
    dates = sorted(dated["date"].unique())
    if not dates:
        return {}
    span = max((dates[-1] - dates[0]) / pd.Timedelta(days=1), 365.0)
    near = pd.Timedelta(days=span * 0.06)  # about the width of a label on the chart
    placed: list[tuple[pd.Timestamp, float]] = []
    pos = {}
    for idx, row in dated.sort_values(["date", "share_pct"]).iterrows():
        y = row["share_pct"]
        neighbours = [py for px, py in placed if abs(px - row["date"]) <= near]
        for step in range(0, 12):  # y, y+gap, y-gap, y+2gap, ...
            candidate = y + gap * ((step + 1) // 2) * (1 if step % 2 else -1) if step else y
            if gap * 0.5 <= candidate <= ymax - gap * 0.5 and all(abs(candidate - py) >= gap for py in neighbours):
                y = candidate
                break
        pos[idx] = y
        placed.append((row["date"], y))
    return pos


@lru_cache(maxsize=256)
def _method(survey_id: str):
    return op.survey_method(survey_id, load_dataset("surveys"))


def method_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The method of every wave shown: fieldwork, mode, n, population, stated margin, sources."""
    out = []
    for survey_id, group in rows.groupby("survey_id", sort=False):
        m = _method(survey_id)
        n = m.sample_size
        out.append(
            {
                "wave": group["wave"].iloc[0],
                "survey": survey_id,
                "fieldwork": m.fieldwork,
                "mode": m.mode,
                "n": f"{n:,}" if n else "not stated",
                "population": m.population,
                "stated margin": f"±{m.stated_moe_pct:g} pp" if m.stated_moe_pct is not None else "not stated",
                "95% interval": f"drawn (±{op.moe_pct(50, n):.1f} pp at most)" if n else "none: n not stated",
                "sources": "; ".join(dict.fromkeys(s for cell in group["source_id"] for s in split_ids(cell))),
                "date": group["date"].iloc[0],
            }
        )
    table = pd.DataFrame(out)
    if table.empty:
        return table
    return table.sort_values("date", na_position="last", kind="stable").drop(columns="date").reset_index(drop=True)


def _timeline_events(period: tuple[int, int]) -> pd.DataFrame:
    timeline = load_dataset("union_timeline")
    picked = []
    for phrase, label in EVENT_PHRASES.items():
        hit = timeline[timeline["event"].str.contains(phrase, regex=False)]
        if not hit.empty:
            row = hit.iloc[0]
            if period[0] <= row["date"].year <= period[1]:
                picked.append({"date": row["date"], "label": label, "source_id": row["source_id"]})
    return pd.DataFrame(picked, columns=["date", "label", "source_id"])


# --- the charts -------------------------------------------------------------------------


NO_EVENTS = pd.DataFrame(columns=["date", "label", "source_id"])


def _wrapped_option(option: str) -> str:
    return "\n".join(textwrap.wrap(option, 30)) or option


class SurveyLinesChart(LiveChart):
    """One line per answer option over the fieldwork dates, a value label at every point, timeline events."""

    size = (9.0, 5.2)

    def build(self) -> None:
        room = chart_room()
        n_options, n_points = room["options"], room["points"]
        ax = self.ax = self.fig.subplots()
        self.title = ax.set_title("\n".join(["A title of two lines"] * 2), loc="left")
        ax.set_xlabel("Fieldwork (middle of the survey period)")
        ax.set_ylabel("Share of respondents (%)")
        self.exact = LinePool(ax, n_options, linewidth=1.8, markersize=6)
        self.rough = LinePool(ax, n_options, linestyle="none", markersize=7, markerfacecolor="white", markeredgewidth=1.5)
        self.caps = LinePool(ax, n_options, linestyle="none", marker="_", markersize=8, alpha=0.8)
        self.intervals = [ax.add_collection(LineCollection([], linewidths=1.2, alpha=0.8)) for _ in range(n_options)]
        style = dict(textcoords=offset_copy(ax.transData, fig=self.fig, x=7, y=0, units="points"), fontsize=8, color="#222222",
                     va="center", ha="left", bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.75))
        self.values = TextPool(ax, n_points, **style)
        self.moved = TextPool(ax, n_points, arrowprops=dict(arrowstyle="-", color="#888888", lw=0.6, shrinkA=0, shrinkB=3), **style)
        n_events = len(EVENT_PHRASES)
        self.event_lines = [ax.axvline(0, color="#555555", linestyle=":", linewidth=1) for _ in range(n_events)]
        self.event_labels = TextPool(ax, n_events, xycoords=("data", "axes fraction"), xytext=(-3, 0), textcoords="offset points",
                                     fontsize=8, color="#444444", rotation=90, va="bottom", ha="right")
        locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlim(pd.Timestamp("2008-01-01"), pd.Timestamp("2022-12-31"))
        ax.set_ylim(0, 100)
        self._legend([_wrapped_option(room["widest_option"])] * n_options, self.exact.lines[:n_options])

    def _legend(self, labels, handles) -> None:
        if labels:
            self.ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=min(3, len(labels)), frameon=False)
        elif self.ax.get_legend() is not None:
            self.ax.get_legend().remove()

    def update(self, rows: pd.DataFrame, title: str, events: pd.DataFrame) -> None:
        ax = self.ax
        self.title.set_text(_title_lines(title, self.fig, self.title.axes))
        dated = rows[rows["date"].notna()].sort_values("date")
        options = list(dict.fromkeys(dated["option"]))
        top = float(np.nanmax(np.r_[dated["share_pct"].to_numpy(float), dated["ci_high"].to_numpy(float)])) if len(dated) else 50
        ymax = min(100, top + 10)
        label_pos = _label_positions(dated, gap=ymax * 0.045, ymax=ymax)
        exact_lines, rough_lines, caps = self.exact.take(len(options)), self.rough.take(len(options)), self.caps.take(len(options))
        for i, interval in enumerate(self.intervals):
            interval.set_visible(i < len(options))
        plain, moved = [], []
        for i, option in enumerate(options):
            color, marker, style = option_color(option, i), MARKERS[i % len(MARKERS)], LINESTYLES[i % len(LINESTYLES)]
            these = dated[dated["option"] == option]
            exact = these[these["exact"]]
            line = exact_lines[i]
            line.set_data(exact["date"].to_numpy(), exact["share_pct"].to_numpy(float))
            line.set(color=color, marker=marker, linestyle=style, label=option)
            with_ci = exact[exact["moe"].notna()]
            x = mdates.date2num(with_ci["date"])
            lows, highs = (with_ci["share_pct"] - with_ci["moe"]).to_numpy(float), (with_ci["share_pct"] + with_ci["moe"]).to_numpy(float)
            self.intervals[i].set_segments([[(a, lo), (a, hi)] for a, lo, hi in zip(x, lows, highs)])
            self.intervals[i].set_color(color)
            caps[i].set_data(np.r_[x, x], np.r_[lows, highs])
            caps[i].set_color(color)
            rough = these[~these["exact"]]
            rough_lines[i].set_data(rough["date"].to_numpy(), rough["share_pct"].to_numpy(float))
            rough_lines[i].set(marker=marker, markeredgecolor=color)
            for idx, r in these.iterrows():
                (moved if abs(label_pos[idx] - r["share_pct"]) > ymax * 0.02 else plain).append((r, label_pos[idx]))
        for pool, items in ((self.values, plain), (self.moved, moved)):
            for text, (r, y) in zip(pool.take(len(items)), items):
                point = (mdates.date2num(r["date"]), r["share_pct"])
                text.xy = point
                text.xyann = (point[0], y)
                text.set_text(_value_text(r["share_pct"], r["value_qualifier"]))
        ax.set_ylim(0, ymax)
        events = events.reset_index(drop=True)
        for i, line in enumerate(self.event_lines):
            line.set_visible(i < len(events))
            if i < len(events):
                line.set_xdata([mdates.date2num(events.at[i, "date"])] * 2)
        for text, (_, event) in zip(self.event_labels.take(len(events)), events.iterrows()):
            text.xy = (mdates.date2num(event["date"]), 0.02)
            text.set_text(event["label"])
        if len(dated):
            span = dated["date"].max() - dated["date"].min()
            pad = max(span * 0.06, pd.Timedelta(days=45))
            ax.set_xlim(dated["date"].min() - pad, dated["date"].max() + pad * 1.6)
        self._legend([_wrapped_option(o) for o in options], exact_lines)


class SurveyBarsChart(LiveChart):
    """Bars per wave: one group per answer option, one bar per wave; the height grows with the bars."""

    size = (9.0, 6.0)
    BAR_HEIGHT = 0.34  # inches per bar, as before

    def build(self) -> None:
        room = chart_room()
        self.n_options, self.n_bars = room["options"], room["bars"]
        ax = self.ax = self.fig.subplots()
        self.title = ax.set_title("\n".join(["A title of two lines"] * 2), loc="left")
        ax.set_xlabel("Share of respondents (%)")
        ax.set_ylabel("Answer option")
        self.bars = BarPool(ax, self.n_bars, horizontal=True, linewidth=0.6)
        self.labels = TextPool(ax, self.n_bars, va="center", fontsize=8.5, color="#222222")
        self.intervals = ax.add_collection(LineCollection([], colors="#222222", linewidths=1))
        self.caps = ax.plot([], [], linestyle="none", marker="|", markersize=6, color="#222222")[0]
        ax.grid(axis="y", visible=False)
        ax.set_yticks(range(self.n_options), [_wrapped_option(room["widest_option"])] * self.n_options)
        ax.set_xlim(0, 100)
        ax.legend([self.bars.bars[0]] * MAX_BAR_WAVES, ["Sep 2018"] * MAX_BAR_WAVES, title="Wave", loc="lower right")

    def update(self, rows: pd.DataFrame, title: str) -> None:
        ax = self.ax
        self.title.set_text(_title_lines(title, self.fig, self.title.axes))
        waves = rows.drop_duplicates("survey_id")[["survey_id", "wave", "date"]]
        options = list(rows.groupby("option", sort=False)["share_pct"].max().sort_values(ascending=False, kind="stable").index)  # largest first
        self.set_height(min(10, max(3.6, 1.4 + self.BAR_HEIGHT * len(options) * len(waves))))
        group = 0.8
        bar = group / max(len(waves), 1)
        positions, values, colors, edges, hatches, styles, texts, text_at, segments, handles = [], [], [], [], [], [], [], [], [], []
        for w, (survey_id, label) in enumerate(zip(waves["survey_id"], waves["wave"])):
            these = rows[rows["survey_id"] == survey_id].set_index("option")
            color = OTHER_COLORS[w % len(OTHER_COLORS)] if len(waves) > 1 else OKABE_ITO["blue"]
            first = len(positions)
            for o in [o for o in options if o in these.index]:
                pos = options.index(o) - group / 2 + bar * (w + 0.5)
                value, exact, moe = float(these.at[o, "share_pct"]), bool(these.at[o, "exact"]), these.at[o, "moe"]
                positions.append(pos)
                values.append(value)
                colors.append(color if exact else "white")
                edges.append("#222222" if exact else color)
                styles.append("-" if exact else "--")
                hatches.append(HATCHES[w % len(HATCHES)])
                if not pd.isna(moe):
                    segments.append([(value - moe, pos), (value + moe, pos)])
                texts.append(_value_text(value, these.at[o, "value_qualifier"]))
                text_at.append((value + (0 if pd.isna(moe) else moe) + 1, pos))
            handles.append((first, label))
        self.bars.show(positions, values, thickness=bar * 0.9, colors=colors, edgecolors=edges, hatches=hatches, linestyles=styles)
        for text, words, where in zip(self.labels.take(len(texts)), texts, text_at):
            text.xy = where
            text.set_text(words)
        self.intervals.set_segments(segments)
        ends = [x for segment in segments for x, _ in segment]
        self.caps.set_data(ends, [y for segment in segments for _, y in segment])
        ax.set_yticks(range(len(options)), [_wrapped_option(o) for o in options])
        ax.set_ylim(len(options) - 0.5, -0.5)  # the first option on top
        ax.set_xlim(0, min(100, float(np.nanmax(np.r_[rows["share_pct"].to_numpy(float), rows["ci_high"].to_numpy(float)])) + 12))
        if len(waves) > 1:
            ax.legend([self.bars.bars[i] for i, _ in handles], [label for _, label in handles], title="Wave", loc="lower right")
        elif ax.get_legend() is not None:
            ax.get_legend().remove()


def _title_lines(title: str, fig, ax=None) -> str:
    """A chart title wrapped to the room it has: from the axes' left edge (where a loc="left" title starts)
    to the figure's right edge (13 pt bold: about 0.65 em a character). Wrapped to the whole figure's
    width, a title over bars with long labels ran past the picture's right edge and was cut off."""
    inches = fig.get_size_inches()[0] * (1 - (ax.get_position().x0 if ax is not None else 0))
    width = int(inches * 72 / (13 * 0.65))
    return "\n".join(textwrap.wrap(title, width)[:2])


def survey_view(pollster: str, question: str, period: tuple[int, int], chart: str = LINES, show_inexact: bool = True, events: bool = False,
                *, charts: ChartSet | None = None) -> View:
    """What the survey explorer shows for one choice of pollster, question, period and chart.

    charts: the explorer's persistent charts (fresh ones are drawn when None)."""
    charts = charts if charts is not None else ChartSet()
    everything = labelled()
    asked_here = list(dict.fromkeys(everything.loc[everything["pollster_short"] == pollster, "question_label"]))
    if question not in asked_here:
        question = asked_here[0]
    period = (int(period[0]), int(period[1]))
    rows = survey_rows(pollster, question, period, show_inexact=show_inexact, frame=everything)
    asked = everything[(everything["pollster_short"] == pollster) & (everything["question_label"] == question)]
    text_only = asked[asked["share_pct"].isna()]
    notes: list[str] = []
    if not text_only.empty:
        for r in text_only.itertuples():
            notes.append(f"{r.survey_id}, '{r.answer_option}': the source gives no number, only {r.value_qualifier.removeprefix('text only: ')} ({r.source_id}).")
    undated = rows[rows["date"].isna()]
    title = f"{pollster}: {question}"
    if chart == LINES:
        shown = rows[rows["date"].notna()]
        if not undated.empty:
            ids = ", ".join(dict.fromkeys(undated["survey_id"]))
            notes.append(f"Not on the time axis: {ids} has no fieldwork date in the retrieved sources. Choose “Bars per wave” to see it.")
        event_rows = _timeline_events(period) if events else NO_EVENTS
        if shown.empty:
            summary = f"{pollster}, “{question}”: no dated wave with a figure between {period[0]} and {period[1]}. Widen the period or choose “Bars per wave”."
            return View(summary=summary, details_html=_details(rows, notes))
        draw = (charts.get(SurveyLinesChart), dict(rows=shown, title=title, events=event_rows))
    else:
        shown = rows
        dated = shown[shown["date"].notna()].sort_values("date")
        dated_ids = list(dated["survey_id"].drop_duplicates())
        undated_ids = list(undated["survey_id"].drop_duplicates())
        room = max(MAX_BAR_WAVES - len(undated_ids), 1)
        if len(dated_ids) > room:
            notes.append(f"{len(dated_ids) - room} earlier wave(s) left out so the bars stay readable: narrow the period to see them.")
            dated_ids = dated_ids[-room:]
        shown = shown[shown["survey_id"].isin(dated_ids + undated_ids)]
        # Dated waves in time order, then the undated ones: bars are categories, not a time axis.
        shown = pd.concat([shown[shown["date"].notna()].sort_values("date", kind="stable"), shown[shown["date"].isna()]])
        if shown.empty:
            summary = f"{pollster}, “{question}”: no wave with a figure between {period[0]} and {period[1]}. Widen the period."
            return View(summary=summary, details_html=_details(rows, notes))
        if not shown[shown["date"].isna()].empty:
            notes.append("Waves without a fieldwork date are shown as bars only, never on a time axis.")
        draw = (charts.get(SurveyBarsChart), dict(rows=shown, title=title))
        event_rows = NO_EVENTS
    if (~shown["exact"]).any():
        notes.append("Dashed, open bars and open markers, and values written “≥” or “≈”, are lower bounds or rounded figures as the source gave them: shown for context, never used in a calculation, and drawn without an interval.")
    ids = list(dict.fromkeys(s for cell in shown["source_id"] for s in split_ids(cell)))
    ids += [s for cell in event_rows["source_id"] for s in split_ids(cell) if s not in ids]
    summary = _summary(pollster, question, shown, chart)
    live, setting = draw
    figure = live.render(alt=f"{'Line' if chart == LINES else 'Bar'} chart. {summary}", caption=caption_text(ids), **setting)
    return View(summary=summary, figure=figure, details_html=_details(shown, notes))


def _summary(pollster: str, question: str, rows: pd.DataFrame, chart: str) -> str:
    waves = rows.drop_duplicates("survey_id")
    with_n = waves["sample_size"].notna().sum()
    without_n = len(waves) - with_n
    head = f"{pollster}, “{question}”: {len(waves)} wave{'s' if len(waves) != 1 else ''}"
    dated = rows[rows["date"].notna()].sort_values("date")
    if len(dated):
        first, last = dated["wave"].iloc[0], dated["wave"].iloc[-1]
        head += f" ({first} to {last})" if first != last else f" ({first})"
    parts = [head + "."]
    if chart == LINES:
        for option in dict.fromkeys(dated["option"]):
            these = dated[dated["option"] == option]
            exact, rough = these[these["exact"]], these[~these["exact"]]
            # The trend uses exact figures only; a lower bound or a rounded figure is named with its qualifier.
            label = f"“{option}”" + (" (exact figures only)" if len(rough) and len(exact) else "")
            if len(exact) > 1:
                parts.append(describe_trend(label, exact["wave"], exact["share_pct"], unit="%"))
            elif len(exact) == 1:
                parts.append(f"{label}: {exact['share_pct'].iloc[0]:.1f}% in {exact['wave'].iloc[0]}.")
            if len(rough):
                readings = "; ".join(f"{_value_text(r.share_pct, r.value_qualifier)}% in {r.wave} ({_qualifier_words(r.value_qualifier)})"
                                     for r in rough.itertuples())
                parts.append(f"{'Not exact' if len(exact) else f'“{option}”, not exact'}: {readings}.")
    else:
        latest = (dated if len(dated) else rows).drop_duplicates("survey_id").iloc[-1]
        these = rows[rows["survey_id"] == latest["survey_id"]]
        if len(these):
            top = these.loc[these["share_pct"].idxmax()]
            how = "" if top["exact"] else f", {top['value_qualifier']}"
            parts.append(f"In {latest['wave']} the largest figure is “{top['option']}”: {_value_text(top['share_pct'], top['value_qualifier'])}%{how}.")
    if with_n:
        parts.append(f"95% intervals are drawn for the {with_n} wave{'s' if with_n != 1 else ''} whose sample size is stated.")
    if without_n:
        parts.append(f"{without_n} wave{'s' if without_n != 1 else ''} state{'s' if without_n == 1 else ''} no sample size, so no interval is drawn there.")
    return " ".join(parts)


def _qualifier_words(qualifier: str) -> str:
    """"lower bound ('slightly over 63')" -> "lower bound: 'slightly over 63'"."""
    head, _, rest = qualifier.partition(" (")
    return f"{head}: {rest.removesuffix(')')}" if rest else head


def _details(rows: pd.DataFrame, notes: list[str]) -> str:
    table = method_table(rows) if len(rows) else pd.DataFrame()
    parts = ["<b>How these surveys were done</b>"]
    if not table.empty:
        parts.append(table_html(table, label="How these surveys were done: one row per wave"))
    conflicts = rows[rows["other_reports"].fillna("") != ""] if "other_reports" in rows else rows.iloc[0:0]
    for r in conflicts.itertuples():
        notes.append(f"{r.wave}, “{r.option}”: shown {r.share_pct:g} from {r.source_id}; other reports: {r.other_reports}.")
    if notes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    return "".join(parts)


# --- margin of error --------------------------------------------------------------------


MOE_NS = np.arange(100, 5001, 10)


class MoeChart(LiveChart):
    """Left: the 95% interval around p; right: the margin against the sample size."""

    size = (9.4, 3.6)

    def build(self) -> None:
        left, right = self.fig.subplots(1, 2, width_ratios=[1, 1.5])
        self.left, self.right = left, right
        blue = OKABE_ITO["blue"]
        self.span = left.axvspan(0, 1, color=OKABE_ITO["sky"], alpha=0.25)
        self.interval = left.plot([0, 1], [0, 0], color=blue, linewidth=3, solid_capstyle="butt")[0]
        self.caps = left.plot([0, 1], [0, 0], linestyle="none", marker="|", markersize=16, markeredgewidth=3, color=blue)[0]
        self.point = left.plot([0], [0], marker="o", markersize=8, color=blue, linestyle="none")[0]
        self.p_text = left.annotate("", (0, 0), xytext=(0, 12), textcoords="offset points", ha="center", fontsize=10, fontweight="bold")
        self.low_text = left.annotate("", (0, 0), xytext=(0, -18), textcoords="offset points", ha="right", fontsize=9)
        self.high_text = left.annotate("", (0, 0), xytext=(0, -18), textcoords="offset points", ha="left", fontsize=9)
        left.set_xlim(30, 100)  # room for the widest tick labels at both edges (p moves the window)
        left.set_ylim(-1, 1)
        left.set_yticks([])
        left.set_xlabel("Share of respondents (%)")
        left.grid(axis="y", visible=False)
        left.set_title("The 95% interval around 50%", loc="left")
        self.curve = right.plot(MOE_NS, MOE_NS * 0.0, color=blue, linewidth=2, label="p")[0]
        self.worst = right.plot(MOE_NS, [op.moe_pct(50, int(k)) for k in MOE_NS], color=OKABE_ITO["orange"], linestyle="--",
                                linewidth=1.6, label="p = 50% (largest margin)")[0]
        # The point and its label sit above every other artist of the panel but the legend, which they never reach.
        self.here = right.plot([0], [0], marker="o", color=blue, markersize=8, linestyle="none", zorder=4)[0]
        self.here_text = right.annotate("", (0, 0), xytext=(8, -14), textcoords="offset points", fontsize=9, fontweight="bold", zorder=4.5)
        stated = op.stated_vs_computed_moe()
        self.stated = right.plot(stated["n"], stated["stated_moe_pct"], linestyle="none", marker="D", markersize=6, markerfacecolor="white",
                                 markeredgecolor=OKABE_ITO["vermillion"], markeredgewidth=1.6, label="margin a pollster stated")[0]
        right.set_title("Margin of error and sample size", loc="left")
        right.set_xlim(0, 5000)
        right.set_xlabel("Sample size n (respondents)")
        right.set_ylabel("Margin of error\n(± percentage points)")
        right.legend([self.curve, self.worst, self.stated], ["p = 99%", self.worst.get_label(), self.stated.get_label()], loc="upper right")
        # While n is dragged only the left panel and the point with its label change: those are blitted.
        self.moving = [left, self.here, self.here_text]

    def same_background(self, before: dict, now: dict) -> bool:
        return before["p_pct"] == now["p_pct"] and before["show_stated"] == now["show_stated"]

    def update(self, n: int, p_pct: int, show_stated: bool) -> None:
        m = op.moe_pct(p_pct, n)
        low, high = op.confidence_interval(p_pct, n)
        self.left.set_title(f"The 95% interval around {p_pct}%", loc="left")
        self.span.set_x(low)
        self.span.set_width(high - low)
        self.interval.set_data([p_pct - m, p_pct + m], [0, 0])
        self.caps.set_data([p_pct - m, p_pct + m], [0, 0])
        self.point.set_data([p_pct], [0])
        for text, x, words in ((self.p_text, p_pct, f"{p_pct}%"), (self.low_text, low, f"{low:.1f}"), (self.high_text, high, f"{high:.1f}")):
            text.xy = (x, 0)
            text.set_text(words)
        self.left.set_xlim(max(0, p_pct - 15), min(100, p_pct + 15))  # a fixed 30-point window, so a shrinking interval shows
        curve = np.array([op.moe_pct(p_pct, int(k)) for k in MOE_NS])
        self.curve.set_ydata(curve)
        self.curve.set_label(f"p = {p_pct}%")
        self.worst.set_visible(p_pct != 50)
        self.here.set_data([n], [m])
        right_side = n < 3500  # keep the label inside the axes near the right edge
        self.here_text.xy = (n, m)
        self.here_text.xyann = (8 if right_side else -8, -14)
        self.here_text.set_ha("left" if right_side else "right")
        self.here_text.set_text(f"n = {n:,}: ±{m:.1f}")
        self.stated.set_visible(show_stated)
        self.right.set_ylim(0, max(self.worst.get_ydata().max(), curve.max()) * 1.05)
        shown = [line for line in (self.curve, self.worst, self.stated) if line.get_visible()]
        self.right.legend(shown, [line.get_label() for line in shown], loc="upper right")


def moe_view(n: int, p_pct: int, show_stated: bool = True, *, charts: ChartSet | None = None) -> View:
    """The 95% interval for a share p (percent) from n respondents, and how the margin shrinks as n grows.

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    m = op.moe_pct(p_pct, n)
    low, high = op.confidence_interval(p_pct, n)
    worst = op.moe_pct(50, n)
    stated = op.stated_vs_computed_moe()
    summary = (
        f"With n = {n:,} and p = {p_pct}%, the 95% margin of error is ±{m:.1f} percentage points: "
        f"the interval runs from {low:.1f}% to {high:.1f}%. For this n the largest margin (at p = 50%) is ±{worst:.1f}."
        f" Doubling n to {2 * n:,} would give ±{op.moe_pct(p_pct, 2 * n):.1f}."
    )
    caption = "Calculated with 1.96 × √(p(1−p)/n), the formula for a simple random sample."
    if show_stated:
        summary += " Diamonds: the margins pollsters stated for their own n (" + "; ".join(
            f"{r.survey_id} ±{r.stated_moe_pct:g} at n = {r.n:,}" for r in stated.itertuples()) + ")."
        caption += " Stated margins: " + caption_text(list(dict.fromkeys(stated["source_id"])))
    chart = (charts if charts is not None else ChartSet()).get(MoeChart)
    figure = chart.render(alt=f"Two charts. {summary}", caption=caption, n=int(n), p_pct=int(p_pct), show_stated=show_stated)
    return View(summary=summary, figure=figure)


# --- the widgets ------------------------------------------------------------------------


class SurveyExplorer(Explorer):
    title = "Survey explorer: pick a pollster, a question and a period"

    def __init__(self, pollster: str = "BAW", question: str | None = None, chart: str = LINES):
        lo, hi = year_range()
        start = year_range(pollster)
        pollster_menu = widgets.Dropdown(options=pollsters(), value=pollster, description="Pollster:")
        question_menu = widgets.Dropdown(options=questions(pollster), value=question or questions(pollster)[0], description="Question:",
                                         layout=widgets.Layout(width="95%"))
        # The slider's own readout is too narrow for "2008–2016", so the years are shown beside it.
        period = widgets.IntRangeSlider(value=start, min=lo, max=hi, step=1, description="Period:", continuous_update=True, readout=False,
                                        layout=widgets.Layout(width="420px"))
        self._period_text = widgets.HTML(self._years_text(start))
        period.observe(lambda change: setattr(self._period_text, "value", self._years_text(change["new"])), names="value")
        chart_toggle = widgets.ToggleButtons(options=[("Lines over time", LINES), ("Bars per wave", BARS)], value=chart, description="Chart:")
        inexact = widgets.Checkbox(value=True, description="Show lower bounds and rounded figures", indent=False)
        events = widgets.Checkbox(value=False, description="Mark events from the timeline", indent=False)
        self._updating = False
        # Registered before the base class's observers, so the question menu is updated first.
        pollster_menu.observe(self._pollster_changed, names="value")
        controls = {"pollster": pollster_menu, "question": question_menu, "period": period, "chart": chart_toggle, "show_inexact": inexact, "events": events}
        self.charts = ChartSet()
        super().__init__(controls, layout_controls=[pollster_menu, question_menu, widgets.HBox([period, self._period_text]), chart_toggle,
                                                    widgets.HBox([inexact, events])])

    def _pollster_changed(self, change) -> None:
        self._updating = True
        try:
            self.controls["question"].options = questions(change["new"])
            self.controls["question"].value = questions(change["new"])[0]
            self.controls["period"].value = year_range(change["new"])
        finally:
            self._updating = False

    @staticmethod
    def _years_text(years) -> str:
        return f"{years[0]}–{years[1]}"

    def _on_change(self, change) -> None:
        if not self._updating:
            self.request_refresh()

    def view(self, **values) -> View:
        return survey_view(**values, charts=self.charts)


class MarginOfErrorExplorer(Explorer):
    title = "Margin of error: move n and p"

    def __init__(self, n: int = 1000, p_pct: int = 50):
        n_slider = widgets.IntSlider(value=n, min=100, max=5000, step=1, description="n:", tooltip="Sample size n (respondents)",
                                     continuous_update=True, layout=widgets.Layout(width="60%"))
        p_slider = widgets.IntSlider(value=p_pct, min=1, max=99, step=1, description="p (%):", tooltip="Share p (%)",
                                     continuous_update=True, layout=widgets.Layout(width="60%"))
        stated = widgets.Checkbox(value=True, description="Show the margins pollsters stated", indent=False)
        self.charts = ChartSet()
        super().__init__({"n": n_slider, "p_pct": p_slider, "show_stated": stated})

    def view(self, **values) -> View:
        return moe_view(**values, charts=self.charts)


def explore_surveys(pollster: str = "BAW", question: str | None = None, chart: str = LINES) -> SurveyExplorer:
    """The survey explorer, opened on a pollster (and optionally a question label)."""
    return SurveyExplorer(pollster, question, chart)


def explore_margin_of_error(n: int = 1000, p_pct: int = 50) -> MarginOfErrorExplorer:
    """The margin-of-error widget, starting at a sample size n and a share p in whole percent."""
    return MarginOfErrorExplorer(int(n), int(round(p_pct)))


__all__ = [
    "MarginOfErrorExplorer",
    "SurveyExplorer",
    "explore_margin_of_error",
    "explore_surveys",
    "method_table",
    "moe_view",
    "pollsters",
    "questions",
    "survey_rows",
    "survey_view",
    "year_range",
]
