"""Lesson 01's explorer: the Union State timeline, filtered by category and years.

Events are drawn on a time axis, one lane per category, each marked with its number
in the list under the chart (numbers stay readable where events crowd together: a
label that would touch its neighbour moves to the next free level above or below the
lane, and the lane grows to fit). Choosing an event in the dropdown highlights it and
shows its description, significance and sources.

timeline_view() is a plain function of the control values (tested without a browser);
TimelineExplorer only wires the controls to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection

from ..analysis.union import events_in_period
from ..datasets import load_dataset
from ..plots import MARKERS, OKABE_ITO
from ..sources import UnknownSourceError, source, split_ids
from .base import Explorer, View, data_cache
from .live import ChartSet, LiveChart, TextPool

ALL = "all"

# One colour and one marker shape per category (shape is the second cue; yellow is left out: too pale on white).
CATEGORY_STYLE = {
    "treaty": (OKABE_ITO["blue"], MARKERS[0]),
    "institution": (OKABE_ITO["sky"], MARKERS[1]),
    "economy": (OKABE_ITO["green"], MARKERS[2]),
    "energy": (OKABE_ITO["orange"], MARKERS[3]),
    "politics": (OKABE_ITO["purple"], MARKERS[4]),
    "security": (OKABE_ITO["vermillion"], MARKERS[5]),
    "protest": (OKABE_ITO["black"], MARKERS[6]),
}

# Geometry of the chart, in inches, so label spacing can be computed before drawing.
WIDTH, LEFT, RIGHT = 9.0, 1.15, 0.25
LABEL_FONT = 8.5  # points
LEVEL_STEP = 0.2  # vertical distance between label levels
LABEL_GAP = 0.05  # free space kept between two labels on one level


@data_cache
def timeline() -> pd.DataFrame:
    """The timeline in date order; the row number is the event's key in the explorer."""
    return load_dataset("union_timeline").sort_values("date", kind="stable").reset_index(drop=True)


def categories() -> list[str]:
    return list(timeline()["category"].cat.categories)


def year_bounds() -> tuple[int, int]:
    years = timeline()["date"].dt.year
    return int(years.min()), int(years.max())


def filtered_events(category: str = ALL, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events of a category (ALL: every category) within the years, numbered 1.. in date order (column 'no')."""
    t = timeline()
    start, end = years or year_bounds()
    events = events_in_period(t, start, end, None if category == ALL else category).copy()
    events.insert(0, "no", range(1, len(events) + 1))
    return events


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _date_text(row) -> str:
    """The date as precise as the source allows: '2019-09 (month)' rather than a made-up day."""
    precision = str(row["date_precision"] or "day")
    kind = precision.split(" ")[0]
    if kind == "month":
        return row["date"].strftime("%Y-%m") + " (month)"
    if kind == "season":
        return row["date"].strftime("%Y-%m") + " (season)"
    return row["date"].strftime("%Y-%m-%d")


def event_options(category: str = ALL, years: tuple[int, int] | None = None) -> list[tuple[str, int]]:
    """Dropdown entries (label, key) for the events the filter keeps."""
    return [(f"{row.no}. {_date_text(row)}: {_short(row.event, 70)}", int(key)) for key, row in filtered_events(category, years).iterrows()]


# --- label layout ------------------------------------------------------------------------


def label_width(text: str) -> float:
    """Width of a number label in inches (digits are about 0.6 em wide), with its box padding."""
    return len(text) * 0.6 * LABEL_FONT / 72 + 0.08


def label_levels(positions: list[float], widths: list[float]) -> list[int]:
    """A level for each label so that labels on one level never touch.

    positions: label centres (inches, in date order); widths: label widths (inches).
    Level 0 is just above the marker, 1 just below, 2 above that, and so on: each label
    takes the lowest level whose last label ends far enough to the left.
    """
    right_edge: list[float] = []  # per level: right edge of its last label
    levels = []
    for x, w in zip(positions, widths):
        left = x - w / 2
        for level, edge in enumerate(right_edge):
            if left >= edge + LABEL_GAP:
                break
        else:
            level = len(right_edge)
            right_edge.append(float("-inf"))
        right_edge[level] = x + w / 2
        levels.append(level)
    return levels


def level_offset(level: int) -> float:
    """Vertical offset (inches) of a label level from its lane: +1, -1, +2, -2 ... steps."""
    step = level // 2 + 1
    return step * LEVEL_STEP * (1 if level % 2 == 0 else -1)


# --- the chart ---------------------------------------------------------------------------


def _x_limits(start: int, end: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(start, 1, 1) - pd.Timedelta(days=45), pd.Timestamp(end, 12, 31) + pd.Timedelta(days=45)


class TimelineChart(LiveChart):
    """The timeline chart: one lane per category, numbered markers, the selected event ringed.

    Its geometry is computed here in inches (no layout engine): the label room on the left and the
    margins stay fixed; the height follows the lanes and the label levels a selection needs."""

    layout = None

    def initial_size(self) -> tuple[float, float]:
        return (WIDTH, 3.0)

    def build(self) -> None:
        every = timeline()
        ax = self.ax = self.fig.add_axes((LEFT / WIDTH, 0.2, (WIDTH - LEFT - RIGHT) / WIDTH, 0.7))
        lanes = categories()
        self.lane_lines = [ax.axhline(0, color="#bbbbbb", linewidth=0.8, zorder=0) for _ in lanes]
        self.markers = {}
        for lane in lanes:
            color, marker = CATEGORY_STYLE.get(lane, ("#555555", "o"))
            self.markers[lane] = ax.scatter([], [], s=42, color=color, marker=marker, edgecolors="white", linewidths=0.6, zorder=3, label=lane)
        self.stems = ax.add_collection(LineCollection([], colors="#777777", linewidths=0.6, zorder=2))
        self.numbers = TextPool(ax, len(every), ha="center", va="center", fontsize=LABEL_FONT, color="#1a1a1a", zorder=4,
                                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#1a1a1a", "linewidth": 0.6})
        self.ring = ax.scatter([], [], s=190, facecolors="none", edgecolors="#1a1a1a", linewidths=1.6, zorder=5)
        ax.grid(True, axis="x", alpha=0.3)
        ax.grid(False, axis="y")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        self.title = ax.set_title("", loc="left")
        ax.set_xlabel("Date (numbers: the event list below the chart)")

    def update(self, events: pd.DataFrame, lanes: list[str], years: tuple[int, int], selected: int | None = None) -> None:
        ax = self.ax
        start, end = years
        x0, x1 = _x_limits(start, end)
        plot_width = WIDTH - LEFT - RIGHT
        span = (x1 - x0).days

        def inches(d: pd.Timestamp) -> float:
            return (d - x0).days / span * plot_width

        # Levels per lane, and the height each lane needs for them.
        layout: dict[str, list[int]] = {}
        for lane in lanes:
            rows = events[events["category"] == lane]
            texts = [str(n) for n in rows["no"]]
            layout[lane] = label_levels([inches(d) for d in rows["date"]], [label_width(t) for t in texts])
        lane_heights = []
        for lane in lanes:
            levels = layout[lane]
            above = max([level_offset(v) for v in levels if v % 2 == 0], default=LEVEL_STEP)
            below = -min([level_offset(v) for v in levels if v % 2 == 1], default=-LEVEL_STEP)
            lane_heights.append((above + 0.12, below + 0.12))  # room for half a label above the top level

        top_margin, bottom_margin = 0.45, 0.5
        plot_height = sum(a + b for a, b in lane_heights)
        height = plot_height + top_margin + bottom_margin
        self.fig.set_size_inches(WIDTH, height)
        ax.set_position((LEFT / WIDTH, bottom_margin / height, plot_width / WIDTH, plot_height / height))
        # y in inches from the bottom of the plot; the first lane at the top.
        centres, y = {}, plot_height
        for lane, (above, below) in zip(lanes, lane_heights):
            centres[lane] = y - above
            y -= above + below
        ax.set_ylim(0, plot_height)
        ax.set_xlim(x0, x1)
        for i, line in enumerate(self.lane_lines):
            line.set_visible(i < len(lanes))
            if i < len(lanes):
                line.set_ydata([centres[lanes[i]]] * 2)
        ax.set_yticks([centres[lane] for lane in lanes], lanes)

        stems, numbers, ring = [], [], []
        for lane, markers in self.markers.items():
            markers.set_visible(lane in lanes)
            if lane not in lanes:
                continue
            rows = events[events["category"] == lane]
            yc = centres[lane]
            xs = mdates.date2num(rows["date"])
            markers.set_offsets(np.column_stack([xs, np.full(len(rows), yc)]) if len(rows) else np.empty((0, 2)))
            color = CATEGORY_STYLE.get(lane, ("#555555",))[0]
            for (key, row), x, level in zip(rows.iterrows(), xs, layout[lane]):
                ly = yc + level_offset(level)
                stems.append([(x, yc), (x, ly)])
                numbers.append((str(row["no"]), x, ly, color, key == selected))
                if key == selected:
                    ring.append((x, yc))
        self.stems.set_segments(stems)
        for text, (words, x, ly, color, chosen) in zip(self.numbers.take(len(numbers)), numbers):
            text.xy = text.xyann = (x, ly)
            text.set_text(words)
            text.set_fontweight("bold" if chosen else "normal")
            box = text.get_bbox_patch()
            box.set_facecolor("#ffe9a8" if chosen else "white")
            box.set_edgecolor("#1a1a1a" if chosen else color)
            box.set_linewidth(1.2 if chosen else 0.6)
        self.ring.set_offsets(np.array(ring) if ring else np.empty((0, 2)))
        what = "all categories" if len(lanes) > 1 else f"'{lanes[0]}' events"
        self.title.set_text(f"Union State timeline: {what}, {start}–{end}" if start != end else f"Union State timeline: {what}, {start}")


def timeline_figure(events: pd.DataFrame, lanes: list[str], years: tuple[int, int], selected: int | None = None):
    """A fresh timeline chart for these events, drawn: its matplotlib figure."""
    chart = TimelineChart()
    chart.draw(events=events, lanes=lanes, years=years, selected=selected)
    return chart.fig


# --- the explorer's view -----------------------------------------------------------------


def _sources_html(cell) -> str:
    items = []
    for sid in split_ids(cell):
        try:
            s = source(sid)
        except UnknownSourceError:
            items.append(f"<li>{html.escape(sid)} (not in the source register)</li>")
            continue
        url = html.escape(s.url, quote=True)
        items.append(
            f'<li>{html.escape(s.publisher)}, {html.escape(s.date or "n.d.")}. '
            f'<a href="{url}" target="_blank" rel="noopener">{html.escape(_short(s.url, 80))}</a> [{html.escape(sid)}]</li>'
        )
    return "<ul style='margin:2px 0 0 0'>" + "".join(items) + "</ul>"


def event_details(row) -> str:
    """Description, significance and source citations of one event, as HTML."""
    esc = html.escape
    precision = str(row["date_precision"] or "day")
    note = f" <span style='color:#555'>(date precision: {esc(precision)})</span>" if precision != "day" else ""
    return (
        f"<div style='border-left:4px solid {CATEGORY_STYLE.get(row['category'], ('#555',))[0]};padding:4px 10px;margin-top:6px'>"
        f"<b>No. {row['no']} · {esc(_date_text(row))}</b>{note} · category: {esc(str(row['category']))}<br>"
        f"{esc(row['event'])}<br>"
        f"<i>Actors:</i> {esc(str(row['actors'] or '(not given)'))}<br>"
        f"<i>Significance (the curators' note):</i> {esc(str(row['significance'] or '(none)'))}<br>"
        f"<i>Sources:</i>{_sources_html(row['source_id'])}</div>"
    )


def _table_html(events: pd.DataFrame, selected: int | None) -> str:
    esc = html.escape
    rows = []
    for key, row in events.iterrows():
        style = " style='background:#ffe9a8;font-weight:bold'" if key == selected else ""
        rows.append(
            f"<tr{style}><td>{row['no']}</td><td style='white-space:nowrap;text-align:left'>{esc(_date_text(row))}</td>"
            f"<td style='text-align:left'>{esc(str(row['category']))}</td><td style='text-align:left'>{esc(row['event'])}</td></tr>"
        )
    return (
        "<div class='unionstate-table' role='region' tabindex='0' aria-label='The events shown, numbered as in the chart' "
        "style='max-height:240px;overflow:auto;max-width:100%;margin-top:4px'><table class='dataframe' style='font-size:0.9em;line-height:1.35'>"
        "<thead><tr>" + "".join(f"<th style='text-align:left'>{h}</th>" for h in ("No.", "date", "category", "event")) + "</tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></div>"
    )


def timeline_view(category: str = ALL, years: tuple[int, int] | None = None, event: int | None = None, *,
                  charts: ChartSet | None = None) -> View:
    """What the explorer shows for a category (or ALL), a year range and a selected event (its key, or None).

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    start, end = years or year_bounds()
    if start > end:
        start, end = end, start
    events = filtered_events(category, (start, end))
    what = "events" if category == ALL else f"'{category}' events"
    if events.empty:
        return View(summary=f"There are no {what} in the timeline from {start} to {end}. Widen the years or choose another category.")
    lanes = categories() if category == ALL else [category]
    selected = event if event in events.index else None
    per_year = events["date"].dt.year.value_counts()
    busiest = per_year[per_year == per_year.max()].index.sort_values()
    busiest_text = ", ".join(str(y) for y in busiest)
    summary = (
        f"{len(events)} {what} from {start} to {end}; the most in {busiest_text} ({per_year.max()} event{'s' if per_year.max() != 1 else ''}"
        f"{' each' if len(busiest) > 1 else ''})."
    )
    details = ""
    if selected is not None:
        row = events.loc[selected]
        summary += f" Selected: No. {row['no']}, {_date_text(row)}: {row['event']}"
        details = event_details(row)
    alt = (
        f"Timeline chart of {len(events)} {what} from {start} to {end}, one row per category, each event a numbered marker; "
        "the numbers refer to the list below the chart."
    )
    n_sources = len({sid for cell in events["source_id"] for sid in split_ids(cell)})
    caption = (f"Data: the kit's Union State timeline (union_timeline); these events cite {n_sources} sources, listed with each event "
               "and in the register sources() (the file SOURCES.md in your workspace).")
    chart = (charts if charts is not None else ChartSet()).get(TimelineChart)
    figure = chart.render(alt=alt, caption=caption, events=events, lanes=lanes, years=(start, end), selected=selected)
    return View(summary=summary, figure=figure, table_html=_table_html(events, selected), details_html=details)


class TimelineExplorer(Explorer):
    title = "Union State timeline explorer"

    def __init__(self, category: str = ALL, years: tuple[int, int] | None = None):
        low, high = year_bounds()
        years = years or (low, high)
        cat = widgets.Dropdown(
            options=[("all categories", ALL)] + [(c, c) for c in categories()], value=category, description="Category:"
        )
        span = widgets.IntRangeSlider(
            value=years, min=low, max=high, step=1, description="Years:", continuous_update=True, layout=widgets.Layout(width="60%")
        )
        options = event_options(category, years)
        event = widgets.Dropdown(
            options=options, value=options[0][1] if options else None, description="Event:", layout=widgets.Layout(width="95%")
        )
        self._syncing = False
        self.charts = ChartSet()
        super().__init__({"category": cat, "years": span, "event": event}, layout_controls=[widgets.HBox([cat, span]), event])

    def _on_change(self, change) -> None:
        if self._syncing:
            return
        if change["owner"] is not self.controls["event"]:
            self._sync_events()
        self.request_refresh()

    def _sync_events(self) -> None:
        """Offer the events the filter keeps; keep the chosen one if it is still there, else take the first."""
        dropdown = self.controls["event"]
        options = event_options(self.controls["category"].value, tuple(self.controls["years"].value))
        keys = [key for _, key in options]
        keep = dropdown.value if dropdown.value in keys else (keys[0] if keys else None)
        self._syncing = True
        try:
            dropdown.options = options
            dropdown.value = keep
        finally:
            self._syncing = False

    def view(self, category: str, years: tuple[int, int], event: int | None) -> View:
        return timeline_view(category, tuple(years), event, charts=self.charts)


def explore_timeline(category: str = ALL, years: tuple[int, int] | None = None) -> TimelineExplorer:
    """The timeline explorer, optionally opened on one category and a year range."""
    return TimelineExplorer(category, years)


__all__ = [
    "ALL",
    "TimelineExplorer",
    "event_details",
    "event_options",
    "explore_timeline",
    "filtered_events",
    "label_levels",
    "timeline_figure",
    "timeline_view",
]
