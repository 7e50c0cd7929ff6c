"""Lesson 04's gas explorer: the price Belarus paid Gazprom against Gazprom's average price in Europe.

gas_gap_view() is a plain function of the control values (tested without a
browser); GasGapExplorer only wires the controls to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..analysis import energy as ea
from ..datasets import load_dataset
from ..plots import HOUSE_STYLE, LINESTYLES, MARKERS, color_for, render
from ..sources import source, split_ids
from .base import Explorer, View

MEASURES = {"USD per 1000 m³": "usd", "% of the European price": "pct"}
UNIT = "USD per 1000 m³"
DISPUTE_COLOR = "#555555"


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


def gas_gap_view(measure: str = "usd", include_part_year: bool = False, years: tuple[int, int] = (2004, 2021), mark_disputes: bool = True) -> View:
    """Prices, the gap and the dispute years, for one setting of the controls."""
    energy = load_dataset("energy_prices")
    timeline = load_dataset("union_timeline")
    first, last = int(years[0]), int(years[1])
    full = not include_part_year
    by = ea.price_rows(energy, ea.BELARUS, full_year_only=full)
    eu = ea.price_rows(energy, ea.EUROPE, full_year_only=full)
    gap = ea.gas_price_gap(energy, include_part_year=include_part_year)
    by, eu, gap = (t[(t["year"] >= first) & (t["year"] <= last)] for t in (by, eu, gap))
    disputes = ea.dispute_events(timeline)
    disputes = disputes[(disputes["year"] >= first) & (disputes["year"] <= last)] if mark_disputes else disputes.iloc[0:0]

    column, ylabel = ("gap_usd", f"Gap, {UNIT}") if measure == "usd" else ("gap_pct", "Gap, % of the European price")
    fig, (top, bottom) = _two_panels()
    for rows, label, who, i in ((by, "Belarus: price paid to Gazprom", "Belarus", 0), (eu, "Gazprom's average price in Europe", "EU", 1)):
        color = color_for(who)
        # Reindexed to every year so the line breaks where a year is missing instead of implying values.
        line = rows.set_index("year")["price"].reindex(range(first, last + 1))
        top.plot(line.index, line.to_numpy(), color=color, marker=MARKERS[i], linestyle=LINESTYLES[i], label=label)
        part = rows[~rows["full_year"]]
        if len(part):
            top.plot(part["year"], part["price"], linestyle="none", marker=MARKERS[i], markersize=11, markerfacecolor="white", color=color)
    if include_part_year and (len(by[~by["full_year"]]) or len(eu[~eu["full_year"]])):
        top.plot([], [], linestyle="none", marker="o", markerfacecolor="white", color="#333333", label="part-year value (hollow)")
    top.set_ylabel(f"Price, {UNIT}")

    for comparison, hatch, alpha in (("full year", None, 0.95), ("part year", "///", 0.45)):
        rows = gap[gap["comparison"] == comparison]
        if rows.empty:
            continue
        bars = bottom.bar(rows["year"], rows[column], width=0.7, color=color_for("Other"), alpha=alpha, hatch=hatch, edgecolor="#333333", label=f"gap, {comparison} comparison")
        bottom.bar_label(bars, labels=[_fmt(v) for v in rows[column]], padding=2, fontsize=9)
    bottom.axhline(0, color="#333333", linewidth=0.8)
    bottom.set_ylabel(ylabel)
    bottom.set_xlabel("Year")
    if not gap.empty:
        low, high = min(0, gap[column].min()), max(0, gap[column].max())
        bottom.set_ylim(low - 0.15 * (high - low), high + 0.2 * (high - low))

    for _, event in disputes.drop_duplicates("year").iterrows():
        for ax in (top, bottom):
            ax.axvline(event["year"], color=DISPUTE_COLOR, linestyle=":", linewidth=1.2)
        top.annotate(f"dispute {event['year']}", xy=(event["year"], 1.0), xycoords=("data", "axes fraction"), rotation=90,
                     xytext=(-2, 0), textcoords="offset points", va="top", ha="right", fontsize=8.5, color=DISPUTE_COLOR)
    top.set_xlim(first - 0.8, last + 0.8)
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    # One legend under the chart, so it never covers data or the dispute labels.
    handles, labels = [], []
    for ax in (top, bottom):
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    bottom.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=2, frameon=False)

    # The caption names the price sources; each dispute's sources are listed with it below the chart
    # (a caption naming all of them would be long and slow to lay out on every redraw).
    ids = [s for cell in list(by["source_id"]) + list(eu["source_id"]) for s in split_ids(cell)]
    summary = _summary(by, eu, gap, column, disputes, include_part_year, first, last)
    note = "Dispute dates: union timeline (sources listed under the chart)." if len(disputes) else ""
    figure = render(fig, alt="Two-panel chart. " + summary, sources=list(dict.fromkeys(ids)) or list(disputes["source_id"]) or None, note=note)
    return View(summary=summary, figure=figure, table_html=_table(gap), details_html=_details(disputes, _forecast_note(energy, first, last)))


def _two_panels():
    """Prices above, the gap below, sharing the year axis, in the house style."""
    with plt.rc_context(HOUSE_STYLE):
        fig, (top, bottom) = plt.subplots(2, 1, sharex=True, height_ratios=[3, 2], figsize=(9, 6.6), layout="constrained")
    top.set_title("Gas: what Belarus paid and what Gazprom charged in Europe", loc="left")
    return fig, (top, bottom)


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
    shown = shown.round(1)
    shown["source_id"] = shown["source_id"].str.replace(";", "; ")  # lets a long list wrap in a narrow notebook
    return f'<div style="overflow-x:auto">{shown.to_html(index=False, border=0)}</div>'


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
        first, last = _year_bounds(load_dataset("energy_prices"), load_dataset("union_timeline"))
        controls = {
            "measure": widgets.ToggleButtons(options=list(MEASURES.items()), value="usd", description="Gap in:", style={"button_width": "190px"}),
            "include_part_year": widgets.Checkbox(value=False, description="Include part-year comparisons", indent=False),
            "years": widgets.IntRangeSlider(value=(first, last), min=first, max=last, step=1, description="Years:", continuous_update=False,
                                            layout=widgets.Layout(width="60%")),
            "mark_disputes": widgets.Checkbox(value=True, description="Mark dispute years", indent=False),
        }
        super().__init__(controls)

    def view(self, **values) -> View:
        return gas_gap_view(**values)


def explore_gas_prices() -> GasGapExplorer:
    """The gas price gap explorer of lesson 04."""
    return GasGapExplorer()


__all__ = ["GasGapExplorer", "explore_gas_prices", "gas_gap_view"]
