"""Lesson 04's gas explorer: the price Belarus paid Gazprom against Gazprom's average price in Europe.

gas_gap_view() is a plain function of the control values (tested without a
browser); GasGapExplorer only wires the controls to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..analysis import energy as ea
from ..datasets import load_dataset
from ..plots import LINESTYLES, MARKERS, color_for
from ..sources import caption_text, source, split_ids
from ..tables import table_html
from .base import Explorer, View, data_cache
from .live import BarPool, ChartSet, LiveChart, TextPool

MEASURES = {"USD per 1000 m³": "usd", "% of the European price": "pct"}
UNIT = "USD per 1000 m³"
DISPUTE_COLOR = "#555555"


dataset = data_cache(load_dataset)


@data_cache
def price_rows(indicator: str, full_year_only: bool) -> pd.DataFrame:
    return ea.price_rows(dataset("energy_prices"), indicator, full_year_only=full_year_only)


@data_cache
def price_gap(include_part_year: bool) -> pd.DataFrame:
    return ea.gas_price_gap(dataset("energy_prices"), include_part_year=include_part_year)


@data_cache
def dispute_events() -> pd.DataFrame:
    return ea.dispute_events(dataset("union_timeline"))


def _year_bounds(energy: pd.DataFrame, timeline: pd.DataFrame) -> tuple[int, int]:
    years = [int(y) for y in energy.loc[energy["indicator"].isin([ea.BELARUS, ea.EUROPE]), "year_num"].dropna()]
    years += ea.dispute_years(timeline)
    return min(years), max(years)


def _fmt(x: float) -> str:
    return f"{x:,.1f}"


def _forecast_note(energy: pd.DataFrame, first: int, last: int) -> str:
    rows = energy[(energy["indicator"] == ea.EUROPE) & energy["period"].str.contains("forecast", case=False)]
    notes = [
        f"{r['year']}: {r['value']} {r['unit']} ({r['period']})"
        for _, r in rows.iterrows()
        if str(r["year"])[:4].isdigit() and first <= int(str(r["year"])[:4]) <= last
    ]
    if not notes:
        return ""
    return "Not plotted, because a forecast is not an actual price: Gazprom's European price " + "; ".join(notes) + "."


LINE_LABELS = (("Belarus: price paid to Gazprom", "Belarus"), ("Gazprom's average price in Europe", "EU"))
COMPARISONS = (("full year", None, 0.95), ("part year", "///", 0.45))
YLABELS = {"usd": f"Gap,\n{UNIT}", "pct": "Gap, % of the\nEuropean price"}


class GasChart(LiveChart):
    """Prices above, the gap below (bars, one per comparable year), dispute years marked on both."""

    size = (9.0, 6.6)

    def build(self) -> None:
        energy, timeline = dataset("energy_prices"), dataset("union_timeline")
        self.bounds = _year_bounds(energy, timeline)
        n_years = self.bounds[1] - self.bounds[0] + 1
        n_disputes = len(ea.dispute_years(timeline))
        top, bottom = self.fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        self.top, self.bottom = top, bottom
        top.set_title("Gas: what Belarus paid and what Gazprom charged in Europe", loc="left")
        self.lines, self.part_marks = [], []
        for i, (label, who) in enumerate(LINE_LABELS):
            color = color_for(who)
            self.lines.append(top.plot([], [], color=color, marker=MARKERS[i], linestyle=LINESTYLES[i], label=label)[0])
            self.part_marks.append(top.plot([], [], linestyle="none", marker=MARKERS[i], markersize=11, markerfacecolor="white", color=color)[0])
        self.part_key = top.plot([], [], linestyle="none", marker="o", markerfacecolor="white", color="#333333", label="part-year value (hollow)")[0]
        self.bars = {}
        for comparison, hatch, alpha in COMPARISONS:
            self.bars[comparison] = BarPool(bottom, n_years, horizontal=False, label_size=9, label_pad=2)
        bottom.axhline(0, color="#333333", linewidth=0.8)
        self.dispute_lines = [(top.axvline(0, color=DISPUTE_COLOR, linestyle=":", linewidth=1.2),
                               bottom.axvline(0, color=DISPUTE_COLOR, linestyle=":", linewidth=1.2)) for _ in range(n_disputes)]
        self.dispute_labels = TextPool(top, n_disputes, xycoords=("data", "axes fraction"), rotation=90, xytext=(-2, 0),
                                       textcoords="offset points", va="top", ha="right", fontsize=8.5, color=DISPUTE_COLOR)
        top.set_ylabel(f"Price,\n{UNIT}")
        bottom.set_ylabel(max(YLABELS.values(), key=len))
        bottom.set_xlabel("Year")
        bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
        top.set_xlim(self.bounds[0] - 0.8, self.bounds[1] + 0.8)
        self._legend(with_part_year=True, full=True, part=True)  # the most entries a setting can have: room below the chart

    def _legend(self, *, with_part_year: bool, full: bool, part: bool) -> None:
        handles = self.lines + ([self.part_key] if with_part_year else [])
        labels = [h.get_label() for h in handles]
        for comparison, hatch, alpha in COMPARISONS:
            if (full if comparison == "full year" else part):
                handles.append(Patch(facecolor=color_for("Other"), alpha=alpha, hatch=hatch, edgecolor="#333333"))
                labels.append(f"gap, {comparison} comparison")
        # One legend under the chart, so it never covers data or the dispute labels.
        self.bottom.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=2, frameon=False)

    def update(self, *, by, eu, gap, column, disputes, first, last, include_part_year) -> None:
        for line, marks, rows in zip(self.lines, self.part_marks, (by, eu)):
            # Reindexed to every year so the line breaks where a year is missing instead of implying values.
            series = rows.set_index("year")["price"].reindex(range(first, last + 1))
            line.set_data(series.index.to_numpy(), series.to_numpy(dtype=float))
            part = rows[~rows["full_year"]]
            marks.set_data(part["year"].to_numpy(), part["price"].to_numpy(dtype=float))
        with_part = bool(include_part_year and (len(by[~by["full_year"]]) or len(eu[~eu["full_year"]])))
        shown = {}
        for comparison, hatch, alpha in COMPARISONS:
            rows = gap[gap["comparison"] == comparison]
            shown[comparison] = not rows.empty
            n = len(rows)
            self.bars[comparison].show(rows["year"].to_numpy(), rows[column].to_numpy(dtype=float), thickness=0.7,
                                       colors=[color_for("Other")] * n, hatches=[hatch] * n, edgecolors=["#333333"] * n,
                                       alphas=[alpha] * n, labels=[_fmt(v) for v in rows[column]])
        self.bottom.set_ylabel(YLABELS["usd" if column == "gap_usd" else "pct"])
        if gap.empty:
            self.bottom.set_ylim(-0.055, 0.055)  # matplotlib's view of an empty axes around the zero line
        else:
            low, high = min(0, gap[column].min()), max(0, gap[column].max())
            self.bottom.set_ylim(low - 0.15 * (high - low), high + 0.2 * (high - low))
        years = list(disputes.drop_duplicates("year")["year"])
        for (upper, lower), year in zip(self.dispute_lines, years + [None] * len(self.dispute_lines)):
            for line in (upper, lower):
                line.set_visible(year is not None)
                if year is not None:
                    line.set_xdata([year, year])
        for label, year in zip(self.dispute_labels.take(len(years)), years):
            label.xy = (year, 1.0)
            label.set_text(f"dispute {year}")
        self.top.set_xlim(first - 0.8, last + 0.8)
        self.top.set_autoscaley_on(True)
        self.top.relim(visible_only=True)
        self.top.autoscale_view(scalex=False)
        self._legend(with_part_year=with_part, full=shown["full year"], part=shown["part year"])


def gas_gap_view(measure: str = "usd", include_part_year: bool = False, years: tuple[int, int] = (2004, 2021), mark_disputes: bool = True,
                 *, charts: ChartSet | None = None) -> View:
    """Prices, the gap and the dispute years, for one setting of the controls.

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    energy = dataset("energy_prices")
    first, last = int(years[0]), int(years[1])
    full = not include_part_year
    by = price_rows(ea.BELARUS, full)
    eu = price_rows(ea.EUROPE, full)
    gap = price_gap(bool(include_part_year))
    by, eu, gap = (t[(t["year"] >= first) & (t["year"] <= last)] for t in (by, eu, gap))
    disputes = dispute_events()
    disputes = disputes[(disputes["year"] >= first) & (disputes["year"] <= last)] if mark_disputes else disputes.iloc[0:0]
    column = "gap_usd" if measure == "usd" else "gap_pct"

    # The caption names the price sources; each dispute's sources are listed with it below the chart.
    ids = list(dict.fromkeys(s for cell in list(by["source_id"]) + list(eu["source_id"]) for s in split_ids(cell)))
    ids = ids or [s for cell in disputes["source_id"] for s in split_ids(cell)]
    summary = _summary(by, eu, gap, column, disputes, include_part_year, first, last)
    note = "Dispute dates: union timeline (sources listed under the chart)." if len(disputes) else ""
    caption = (caption_text(list(dict.fromkeys(ids))) + (f" {note}" if note else "")) if ids else note
    figure = (charts or ChartSet()).get(GasChart).render(alt="Two-panel chart. " + summary, caption=caption, by=by, eu=eu, gap=gap, column=column, disputes=disputes,
                          first=first, last=last, include_part_year=include_part_year)
    return View(summary=summary, figure=figure, table_html=_table(gap), details_html=_details(disputes, _forecast_note(energy, first, last)))


def _summary(by, eu, gap, column, disputes, include_part_year, first, last) -> str:
    unit = f" {UNIT}" if column == "gap_usd" else "% of the European price"
    parts = [f"{first}-{last}:"]
    if gap.empty:
        parts.append("no year in this range has both prices" + ("." if include_part_year else " for the full year; tick 'Include part-year comparisons' or widen the range."))
    else:
        full = gap[gap["comparison"] == "full year"]
        if len(full):
            top = full.loc[full[column].idxmax()]
            parts.append(
                f"{len(full)} full-year comparable year(s) ({', '.join(str(y) for y in full['year'])}); the gap is largest in "
                f"{int(top['year'])}: {_fmt(top[column])}{unit} (Belarus {_fmt(top['belarus_price'])}, Europe {_fmt(top['europe_price'])} {UNIT})."
            )
        part = gap[gap["comparison"] == "part year"]
        for _, r in part.iterrows():
            word = "more" if r["gap_usd"] < 0 else "less"
            parts.append(
                f"Part-year comparison {int(r['year'])} (Belarus: {r['belarus_period']}, Europe: {r['europe_period']}): "
                f"Belarus paid {word} than the European price, gap {_fmt(r[column])}{unit}."
            )
    if len(disputes):
        parts.append(f"Dispute years marked: {', '.join(str(y) for y in sorted(set(disputes['year'])))}.")
    return " ".join(parts)


def _table(gap: pd.DataFrame) -> str:
    if gap.empty:
        return ""
    shown = gap.rename(
        columns={
            "belarus_price": "Belarus, USD/1000 m³",
            "belarus_period": "Belarus period",
            "europe_price": "Europe, USD/1000 m³",
            "europe_period": "Europe period",
            "gap_usd": "gap, USD/1000 m³",
            "gap_pct": "gap, % of Europe",
        }
    )
    return table_html(shown.round(1), index=False, label="The gas price gap, one row per comparable year")


def _details(disputes: pd.DataFrame, forecast: str) -> str:
    items = "".join(
        f"<li>{event['date']:%d %b %Y}: {html.escape(event['event'])} "
        f"<small>[{html.escape('; '.join(source(s).short() for s in split_ids(event['source_id'])))}]</small></li>"
        for _, event in disputes.iterrows()
    )
    out = f"<p><b>Disputes</b> (union timeline, energy events with a cut-off, shut-down or halt):</p><ul>{items}</ul>" if items else ""
    return out + (f"<p>{html.escape(forecast)}</p>" if forecast else "")


class GasGapExplorer(Explorer):
    title = "Gas price gap explorer"

    def __init__(self):
        first, last = _year_bounds(dataset("energy_prices"), dataset("union_timeline"))
        controls = {
            "measure": widgets.ToggleButtons(options=list(MEASURES.items()), value="usd", description="Gap in:", style={"button_width": "190px"}),
            "include_part_year": widgets.Checkbox(value=False, description="Include part-year comparisons", indent=False),
            "years": widgets.IntRangeSlider(value=(first, last), min=first, max=last, step=1, description="Years:", continuous_update=True,
                                            layout=widgets.Layout(width="60%")),
            "mark_disputes": widgets.Checkbox(value=True, description="Mark dispute years", indent=False),
        }
        self.charts = ChartSet()
        super().__init__(controls)

    def view(self, **values) -> View:
        return gas_gap_view(**values, charts=self.charts)


def explore_gas_prices() -> GasGapExplorer:
    """The gas price gap explorer of lesson 04."""
    return GasGapExplorer()


__all__ = ["GasGapExplorer", "explore_gas_prices", "gas_gap_view"]
