"""Lesson 02's explorers: the survey explorer and the margin-of-error widget.

Both are plain functions of their control values (survey_view, moe_view) that return a
View; the Explorer subclasses only wire ipywidgets controls to them.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd

from ..analysis import opinion as op
from ..datasets import load_dataset
from ..plots import ENTITY_COLORS, HOUSE_STYLE, LINESTYLES, MARKERS, OKABE_ITO, Figure, describe_trend, figure_png, new_figure, render
from ..sources import caption_text, split_ids
from .base import Explorer, View

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


def pollsters() -> list[str]:
    """Short pollster names in the order the data list them."""
    return list(dict.fromkeys(op.labelled()["pollster_short"]))


def questions(pollster: str) -> list[str]:
    """The question labels one pollster asked, in data order."""
    frame = op.labelled()
    return list(dict.fromkeys(frame.loc[frame["pollster_short"] == pollster, "question_label"]))


def year_range(pollster: str | None = None) -> tuple[int, int]:
    frame = op.labelled()
    if pollster:
        frame = frame[frame["pollster_short"] == pollster]
    years = frame["field_start"].dropna().dt.year
    if years.empty:  # a pollster whose waves are all undated: offer the whole range
        return year_range()
    return int(years.min()), int(years.max())


def survey_rows(pollster: str, question: str, period: tuple[int, int], *, show_inexact: bool = True, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One figure per wave and option, with the wave's n and 95% interval (none where n is not stated).

    Undated waves are kept (the bar chart shows them apart); the period filter applies to dated waves.
    frame: op.labelled(), when the caller has it already.
    """
    frame = op.labelled() if frame is None else frame
    rows = frame[(frame["pollster_short"] == pollster) & (frame["question_label"] == question)]
    rows = rows[rows["share_pct"].notna()]
    rows = op.one_figure_per_option(rows)
    if not show_inexact:
        rows = rows[rows["exact"]]
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


def method_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The method of every wave shown: fieldwork, mode, n, population, stated margin, sources."""
    out = []
    surveys = load_dataset("surveys")
    for survey_id, group in rows.groupby("survey_id", sort=False):
        m = op.survey_method(survey_id, surveys)
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


def _lines_chart(rows: pd.DataFrame, title: str, events: pd.DataFrame):
    dated = rows[rows["date"].notna()].sort_values("date")
    fig, ax = new_figure(title, xlabel="Fieldwork (middle of the survey period)", ylabel="Share of respondents (%)", size=(9, 5))
    fig.set_layout_engine("none")  # the PNG is cropped to its contents anyway; skipping the layout pass redraws faster
    options = list(dict.fromkeys(dated["option"]))
    top = float(np.nanmax(np.r_[dated["share_pct"].to_numpy(float), dated["ci_high"].to_numpy(float)])) if len(dated) else 50
    ymax = min(100, top + 10)
    label_pos = _label_positions(dated, gap=ymax * 0.045, ymax=ymax)
    right_of = mtransforms.offset_copy(ax.transData, fig=fig, x=7, y=0, units="points")  # labels sit beside their point
    for i, option in enumerate(options):
        color, marker, style = option_color(option, i), MARKERS[i % len(MARKERS)], LINESTYLES[i % len(LINESTYLES)]
        these = dated[dated["option"] == option]
        exact = these[these["exact"]]
        ax.plot(exact["date"], exact["share_pct"], color=color, marker=marker, linestyle=style, linewidth=1.8, markersize=6, label=option)
        with_ci = exact[exact["moe"].notna()]
        if len(with_ci):
            ax.errorbar(with_ci["date"], with_ci["share_pct"], yerr=with_ci["moe"], fmt="none", ecolor=color, elinewidth=1.2, capsize=4, alpha=0.8)
        rough = these[~these["exact"]]
        if len(rough):
            ax.plot(rough["date"], rough["share_pct"], linestyle="none", marker=marker, markersize=7, markerfacecolor="white", markeredgecolor=color, markeredgewidth=1.5)
        for idx, r in these.iterrows():
            moved = abs(label_pos[idx] - r["share_pct"]) > ymax * 0.02
            ax.annotate(
                _value_text(r["share_pct"], r["value_qualifier"]), (r["date"], r["share_pct"]), xytext=(r["date"], label_pos[idx]),
                textcoords=right_of, fontsize=8, color="#222222", va="center", ha="left",
                bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.75),
                arrowprops=dict(arrowstyle="-", color="#888888", lw=0.6, shrinkA=0, shrinkB=3) if moved else None,
            )
    ax.set_ylim(0, ymax)
    for _, event in events.iterrows():
        ax.axvline(event["date"], color="#555555", linestyle=":", linewidth=1)
        ax.annotate(event["label"], (event["date"], 0.02), xycoords=("data", "axes fraction"), xytext=(-3, 0), textcoords="offset points",
                    fontsize=8, color="#444444", rotation=90, va="bottom", ha="right")
    if len(dated):
        span = dated["date"].max() - dated["date"].min()
        pad = max(span * 0.06, pd.Timedelta(days=45))
        ax.set_xlim(dated["date"].min() - pad, dated["date"].max() + pad * 1.6)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if options:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=min(3, len(options)), frameon=False)
    return fig


def _bars_chart(rows: pd.DataFrame, title: str):
    waves = rows.drop_duplicates("survey_id")[["survey_id", "wave", "date"]]
    options = list(rows.groupby("option", sort=False)["share_pct"].max().sort_values(ascending=False, kind="stable").index)  # largest first
    height = min(10, max(3.6, 1.4 + 0.34 * len(options) * len(waves)))
    fig, ax = new_figure(title, xlabel="Share of respondents (%)", ylabel="Answer option", size=(9, height))
    fig.set_layout_engine("none")  # as in _lines_chart
    group = 0.8
    bar = group / max(len(waves), 1)
    for w, (survey_id, label) in enumerate(zip(waves["survey_id"], waves["wave"])):
        these = rows[rows["survey_id"] == survey_id].set_index("option")
        ys = [o for o in options if o in these.index]
        pos = [options.index(o) - group / 2 + bar * (w + 0.5) for o in ys]
        vals = [float(these.at[o, "share_pct"]) for o in ys]
        color = OTHER_COLORS[w % len(OTHER_COLORS)] if len(waves) > 1 else OKABE_ITO["blue"]
        bars = ax.barh(pos, vals, height=bar * 0.9, color=color, edgecolor="#222222", linewidth=0.6, hatch=HATCHES[w % len(HATCHES)], label=label)
        for patch, o in zip(bars.patches, ys):
            if not these.at[o, "exact"]:
                patch.set_facecolor("white")
                patch.set_edgecolor(color)
                patch.set_linestyle("--")
        err = [these.at[o, "moe"] for o in ys]
        if any(not pd.isna(e) for e in err):
            ax.errorbar(vals, pos, xerr=[0 if pd.isna(e) else e for e in err], fmt="none", ecolor="#222222", elinewidth=1, capsize=3)
        for p, v, o in zip(pos, vals, ys):
            end = v + (0 if pd.isna(these.at[o, "moe"]) else these.at[o, "moe"])
            ax.text(end + 1, p, _value_text(v, these.at[o, "value_qualifier"]), va="center", fontsize=8.5, color="#222222")
    ax.set_yticks(range(len(options)))
    ax.set_yticklabels(options)
    ax.invert_yaxis()
    ax.set_xlim(0, min(100, float(np.nanmax(np.r_[rows["share_pct"].to_numpy(float), rows["ci_high"].to_numpy(float)])) + 12))
    ax.grid(axis="y", visible=False)
    if len(waves) > 1:
        ax.legend(title="Wave", loc="lower right")
    return fig


def survey_view(pollster: str, question: str, period: tuple[int, int], chart: str = LINES, show_inexact: bool = True, events: bool = False) -> View:
    """What the survey explorer shows for one choice of pollster, question, period and chart."""
    everything = op.labelled()
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
        event_rows = _timeline_events(period) if events else pd.DataFrame(columns=["date", "label", "source_id"])
        if shown.empty:
            summary = f"{pollster}, “{question}”: no dated wave with a figure between {period[0]} and {period[1]}. Widen the period or choose “Bars per wave”."
            return View(summary=summary, details_html=_details(rows, notes))
        fig = _lines_chart(shown, title, event_rows)
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
        fig = _bars_chart(shown, title)
        event_rows = pd.DataFrame(columns=["date", "label", "source_id"])
    if (~shown["exact"]).any():
        notes.append("Dashed, open bars and open markers, and values written “≥” or “≈”, are lower bounds or rounded figures as the source gave them: shown for context, never used in a calculation, and drawn without an interval.")
    ids = list(dict.fromkeys(s for cell in shown["source_id"] for s in split_ids(cell)))
    ids += [s for cell in event_rows["source_id"] for s in split_ids(cell) if s not in ids]
    summary = _summary(pollster, question, shown, chart)
    figure = render(fig, alt=f"{'Line' if chart == LINES else 'Bar'} chart. {summary}", sources=ids)
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
            exact = dated[(dated["option"] == option) & dated["exact"]]
            if len(exact) > 1:
                parts.append(describe_trend(f"“{option}”", exact["wave"], exact["share_pct"], unit="%"))
            elif len(exact) == 1:
                parts.append(f"“{option}”: {exact['share_pct'].iloc[0]:.1f}% in {exact['wave'].iloc[0]}.")
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


def _details(rows: pd.DataFrame, notes: list[str]) -> str:
    table = method_table(rows) if len(rows) else pd.DataFrame()
    parts = ["<b>How these surveys were done</b>"]
    if not table.empty:
        parts.append(f'<div style="overflow-x:auto;font-size:0.9em">{table.to_html(index=False, escape=True, border=0)}</div>')
    conflicts = rows[rows["other_reports"].fillna("") != ""] if "other_reports" in rows else rows.iloc[0:0]
    for r in conflicts.itertuples():
        notes.append(f"{r.wave}, “{r.option}”: shown {r.share_pct:g} from {r.source_id}; other reports: {r.other_reports}.")
    if notes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    return "".join(parts)


# --- margin of error --------------------------------------------------------------------


def moe_view(n: int, p_pct: int, show_stated: bool = True) -> View:
    """The 95% interval for a share p (percent) from n respondents, and how the margin shrinks as n grows."""
    m = op.moe_pct(p_pct, n)
    low, high = op.confidence_interval(p_pct, n)
    worst = op.moe_pct(50, n)
    with plt.rc_context(HOUSE_STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained", gridspec_kw={"width_ratios": [1, 1.5]})
    left.set_title(f"The 95% interval around {p_pct}%", loc="left")
    left.errorbar([p_pct], [0], xerr=[m], fmt="o", color=OKABE_ITO["blue"], ecolor=OKABE_ITO["blue"], capsize=8, elinewidth=3, markersize=8)
    left.axvspan(low, high, color=OKABE_ITO["sky"], alpha=0.25)
    left.annotate(f"{p_pct}%", (p_pct, 0), xytext=(0, 12), textcoords="offset points", ha="center", fontsize=10, fontweight="bold")
    left.annotate(f"{low:.1f}", (low, 0), xytext=(0, -18), textcoords="offset points", ha="right", fontsize=9)
    left.annotate(f"{high:.1f}", (high, 0), xytext=(0, -18), textcoords="offset points", ha="left", fontsize=9)
    left.set_xlim(max(0, p_pct - 15), min(100, p_pct + 15))  # a fixed 30-point window, so a shrinking interval shows
    left.set_ylim(-1, 1)
    left.set_yticks([])
    left.set_xlabel("Share of respondents (%)")
    left.grid(axis="y", visible=False)

    ns = np.arange(100, 5001, 10)
    curve = [op.moe_pct(p_pct, int(k)) for k in ns]
    worst_curve = [op.moe_pct(50, int(k)) for k in ns]
    right.set_title("Margin of error and sample size", loc="left")
    right.plot(ns, curve, color=OKABE_ITO["blue"], linewidth=2, label=f"p = {p_pct}%")
    if p_pct != 50:
        right.plot(ns, worst_curve, color=OKABE_ITO["orange"], linestyle="--", linewidth=1.6, label="p = 50% (largest margin)")
    right.plot([n], [m], marker="o", color=OKABE_ITO["blue"], markersize=8, linestyle="none")
    right_side = n < 3500  # keep the label inside the axes near the right edge
    right.annotate(f"n = {n:,}: ±{m:.1f}", (n, m), xytext=(8 if right_side else -8, -14), textcoords="offset points", fontsize=9,
                   fontweight="bold", ha="left" if right_side else "right")
    sources: list[str] = []
    stated = op.stated_vs_computed_moe()
    if show_stated:
        right.plot(stated["n"], stated["stated_moe_pct"], linestyle="none", marker="D", markersize=6, markerfacecolor="white",
                   markeredgecolor=OKABE_ITO["vermillion"], markeredgewidth=1.6, label="margin a pollster stated")
        sources = list(dict.fromkeys(stated["source_id"]))
    right.set_xlim(0, 5000)
    right.set_ylim(0, max(max(worst_curve), max(curve)) * 1.05)
    right.set_xlabel("Sample size n (respondents)")
    right.set_ylabel("Margin of error (± percentage points)")
    right.legend(loc="upper right")
    summary = (
        f"With n = {n:,} and p = {p_pct}%, the 95% margin of error is ±{m:.1f} percentage points: "
        f"the interval runs from {low:.1f}% to {high:.1f}%. For this n the largest margin (at p = 50%) is ±{worst:.1f}."
        f" Doubling n to {2 * n:,} would give ±{op.moe_pct(p_pct, 2 * n):.1f}."
    )
    if show_stated:
        summary += " Diamonds: the margins pollsters stated for their own n (" + "; ".join(
            f"{r.survey_id} ±{r.stated_moe_pct:g} at n = {r.n:,}" for r in stated.itertuples()) + ")."
    caption = "Calculated with 1.96 × √(p(1−p)/n), the formula for a simple random sample."
    if sources:
        caption += " Stated margins: " + caption_text(sources)
    png = figure_png(fig)
    plt.close(fig)
    figure = Figure(png, f"Two charts. {summary}", caption)
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
        period = widgets.IntRangeSlider(value=start, min=lo, max=hi, step=1, description="Period:", continuous_update=False, readout=False,
                                        layout=widgets.Layout(width="420px"))
        self._period_text = widgets.HTML()
        chart_toggle = widgets.ToggleButtons(options=[("Lines over time", LINES), ("Bars per wave", BARS)], value=chart, description="Chart:")
        inexact = widgets.Checkbox(value=True, description="Show lower bounds and rounded figures", indent=False)
        events = widgets.Checkbox(value=False, description="Mark events from the timeline", indent=False)
        self._updating = False
        # Registered before the base class's observers, so the question menu is updated first.
        pollster_menu.observe(self._pollster_changed, names="value")
        controls = {"pollster": pollster_menu, "question": question_menu, "period": period, "chart": chart_toggle, "show_inexact": inexact, "events": events}
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

    def _on_change(self, change) -> None:
        if not self._updating:
            self.refresh()

    def view(self, **values) -> View:
        start, end = values["period"]
        self._period_text.value = f"{start}–{end}"
        return survey_view(**values)


class MarginOfErrorExplorer(Explorer):
    title = "Margin of error: move n and p"

    def __init__(self, n: int = 1000, p_pct: int = 50):
        n_slider = widgets.IntSlider(value=n, min=100, max=5000, step=1, description="n:", continuous_update=False,
                                     layout=widgets.Layout(width="60%"))
        p_slider = widgets.IntSlider(value=p_pct, min=1, max=99, step=1, description="p (%):", continuous_update=False,
                                     layout=widgets.Layout(width="60%"))
        stated = widgets.Checkbox(value=True, description="Show the margins pollsters stated", indent=False)
        super().__init__({"n": n_slider, "p_pct": p_slider, "show_stated": stated})

    def view(self, **values) -> View:
        return moe_view(**values)


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
