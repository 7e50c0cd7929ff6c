"""Lesson 03's explorers: Belarus's trade by partner or group, and Klaipėda transit.

trade_view() and klaipeda_view() are plain functions of the control values (tested
without a browser); TradeExplorer and KlaipedaExplorer only wire controls to them.
All numbers come from unionstate.analysis.trade.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..analysis import trade as T
from ..plots import PALETTE, color_for, describe_trend, new_figure, render
from .base import Explorer, View

FLOW_LABELS = {"exports": "Exports", "imports": "Imports", "turnover": "Turnover", "balance": "Balance"}
FLOW_WORDS = {
    "exports": "exports to",
    "imports": "imports from",
    "turnover": "turnover (exports + imports) with",
    "balance": "trade balance (exports - imports) with",
}
TITLE_WORDS = {"exports": "exports to", "imports": "imports from", "turnover": "turnover with", "balance": "trade balance with"}
MEASURES = {"USD million": "usd", "Share of total (%)": "share"}
HALF = 50  # the article's "half", drawn as a reference line on share charts
DOTS_NOTE = (
    "Goods trade reported by Belarus, USD million, current prices. 'EU' = EU27 without the UK in every year (IMF DOTS). "
    "EAEU = sum of {partners}; the union exists from {start}."
)


def partner_options() -> list[tuple[str, str]]:
    """(menu label, key) for every partner and group: the EAEU group first, then single partners."""
    keys = [T.EAEU] + T.partners()
    return [(T.group_label(key), key) for key in keys]


def _colour(key: str) -> str:
    if key in ("Russia", T.EAEU, T.EU, "China", "Ukraine", "Belarus"):
        return color_for(key)
    others = [k for _, k in partner_options() if k not in ("Russia", T.EAEU, T.EU, "China", "Ukraine")]
    return PALETTE[(others.index(key) + 4) % len(PALETTE)] if key in others else PALETTE[0]


def _values(key: str, flow: str, share: bool) -> tuple[pd.Series, str, bool]:
    """The series to draw, its unit, and whether the share was asked for but does not exist (balance)."""
    if share and flow != "balance":
        return T.share_of_total(key, flow), "%", False
    return T.flows(key)[flow], "USD million", share and flow == "balance"


def _table(series: pd.Series, unit: str) -> str:
    row = " ".join(f"<td>{v:,.1f}</td>" if v == v else "<td>n/a</td>" for v in series.values)
    head = " ".join(f"<th>{int(y)}</th>" for y in series.index)
    return (
        f'<div style="overflow-x:auto;font-size:0.85em"><table><thead><tr><th>year</th>{head}</tr></thead>'
        f"<tbody><tr><th>{html.escape(unit)}</th>{row}</tr></tbody></table></div>"
    )


def trade_view(partner: str = T.EAEU, flow: str = "turnover", start: int = 2000, end: int = 2020, share: bool = True) -> View:
    """What the trade explorer shows for a partner or group, a flow, a year range and a measure."""
    if flow not in FLOW_LABELS:
        raise ValueError(f"flow must be one of {', '.join(FLOW_LABELS)}")
    start, end = min(start, end), max(start, end)
    series, unit, no_share = _values(partner, flow, share)
    series = series.loc[start:end].dropna()
    label = T.group_label(partner)
    in_share = unit == "%"
    title = f"Belarus's {TITLE_WORDS[flow]} {partner}" + (", share of its total" if in_share else "")
    ylabel = f"Share of Belarus's total {flow} (%)" if in_share else f"{FLOW_LABELS[flow]} (USD million)"
    fig, ax = new_figure(title, xlabel="Year", ylabel=ylabel, size=(8, 4.2))
    ax.plot(series.index, series.values, marker="o", linestyle="-", color=_colour(partner), label=label)
    if in_share:
        ax.axhline(HALF, color="#555555", linestyle=":", linewidth=1.2, label="half of the total")
        ax.set_ylim(0, max(100 if series.max() > HALF * 0.6 else series.max() * 1.3, 1))
    if flow == "balance":
        ax.axhline(0, color="#555555", linewidth=1)
    in_force = T.eaeu_in_force()
    if partner in [T.EAEU] + T.eaeu_partners() and start <= in_force.year <= end:
        ax.axvline(in_force.year, color="#555555", linestyle="--", linewidth=1, label=f"EAEU treaty in force ({in_force.day} {in_force:%b %Y})")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="best", fontsize=9)
    note = DOTS_NOTE.format(partners=", ".join(T.eaeu_partners()), start=in_force.year)
    words = f"Belarus's {FLOW_WORDS[flow]} {label}" + (", as a share of its total" if in_share else "")
    trend = describe_trend(words, list(series.index), list(series.values), unit="%" if in_share else "USD million")
    alt = f"Line chart, {start}-{end}. {trend}"
    summary = trend
    if no_share:
        summary = "A balance is not a share of a total, so the chart shows USD million. " + summary
    if partner == T.EAEU and start < in_force.year:
        summary += f" Before {in_force.year} the EAEU did not exist yet: those years show the same countries."
    figure = render(fig, alt=alt, sources=T.DOTS_SOURCE, note=note)
    return View(summary=summary, figure=figure, table_html=_table(series, "%" if in_share else "USD million"))


class TradeExplorer(Explorer):
    title = "Trade explorer: Belarus's goods trade by partner, 2000-2020 (IMF DOTS)"

    def __init__(self, partner: str = T.EAEU, flow: str = "turnover", share: bool = True):
        years = sorted(T.dots_trade()["year"].unique())
        controls = {
            "partner": widgets.Dropdown(options=partner_options(), value=partner, description="Partner:", layout=widgets.Layout(width="38em")),
            "flow": widgets.ToggleButtons(options=[(v, k) for k, v in FLOW_LABELS.items()], value=flow, description="Flow:"),
            "years": widgets.IntRangeSlider(value=(int(years[0]), int(years[-1])), min=int(years[0]), max=int(years[-1]), step=1, description="Years:", continuous_update=False, layout=widgets.Layout(width="32em")),
            "measure": widgets.ToggleButtons(options=list(MEASURES.items()), value="share" if share else "usd", description="Show:"),
        }
        super().__init__(controls)

    def view(self, partner: str, flow: str, years: tuple[int, int], measure: str) -> View:
        return trade_view(partner, flow, years[0], years[1], share=measure == "share")


def explore_trade(partner: str = T.EAEU, flow: str = "turnover", share: bool = True) -> TradeExplorer:
    """The trade explorer, starting on a partner or group (default: the EAEU partners)."""
    return TradeExplorer(partner, flow, share)


# --- Klaipėda ------------------------------------------------------------------------------

KLAIPEDA_SHOW = {"Port throughput (Mt)": "throughput", "Belarusian share (%)": "share"}


def _small(table_html: str) -> str:
    return f'<div style="overflow-x:auto;font-size:0.85em">{table_html}</div>'


def _events_html() -> str:
    events = T.load_dataset("klaipeda_events")
    rows = "".join(
        f"<li>{html.escape(str(r.date)[:10] if r.date_precision == 'day' else str(r.date)[:7])}: {html.escape(r.description)} [{html.escape(r.source_id)}]</li>"
        for r in events.itertuples()
    )
    return f"<b>End of potash transit (klaipeda_events):</b><ul>{rows}</ul>"


def _throughput_view(approximate: bool) -> View:
    totals = T.klaipeda_throughput(exact_only=not approximate)
    cargo = T.load_dataset("klaipeda_transit")
    cargo = cargo[(cargo["metric"] == "belarusian_cargo") & (cargo["period"] == "full year")]  # the ambiguous 2013 period is not a calendar year
    if not approximate:
        cargo = cargo[cargo["qualifier"] == T.EXACT]
    end = T.potash_transit_end()
    fig, ax = new_figure("Port of Klaipėda: total throughput and Belarusian cargo", xlabel="Year", ylabel="Million tonnes", size=(8, 4.2))
    exact = totals["qualifier"] == T.EXACT
    ax.bar(totals.loc[exact, "year"], totals.loc[exact, "port_total_mt"], color=PALETTE[4], label="Port total (exact)")
    if (~exact).any():
        ax.bar(totals.loc[~exact, "year"], totals.loc[~exact, "port_total_mt"], color="white", edgecolor=PALETTE[4], hatch="//", label="Port total (approximate)")
    exact_cargo = cargo["qualifier"] == T.EXACT
    ax.plot(cargo.loc[exact_cargo, "year"], cargo.loc[exact_cargo, "value"], linestyle="none", marker="D", markersize=7, color=color_for("Belarus"), label="Belarusian cargo (exact reports)")
    if (~exact_cargo).any():
        ax.plot(cargo.loc[~exact_cargo, "year"], cargo.loc[~exact_cargo, "value"], linestyle="none", marker="D", markersize=7, markerfacecolor="white", color=color_for("Belarus"), label="Belarusian cargo (approximate)")
    ax.axvline(end["date"].year - 0.5, color="#555555", linestyle="--", linewidth=1, label=f"potash transit ended ({end['date'].day} {end['date']:%b %Y})")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=9)
    sources = list(totals["source_id"]) + list(cargo["source_id"]) + [end["source_id"]]
    first, last = totals.iloc[0], totals.iloc[-1]
    peak = totals.loc[totals["port_total_mt"].idxmax()]
    summary = (
        f"The port handled {first.port_total_mt:.1f} Mt in {first.year} ({first.qualifier}) and {last.port_total_mt:.1f} Mt in {last.year} ({last.qualifier}); "
        f"the most was {peak.port_total_mt:.1f} Mt in {peak.year}. Belarusian cargo: "
        + "; ".join(f"{r.value:g} Mt in {r.year} ({r.qualifier}, {r.source_id})" for r in cargo.itertuples())
        + f". Potash transit ended on {end['date'].day} {end['date']:%B %Y}."
    )
    figure = render(fig, alt="Bar chart of the port's yearly throughput with diamonds for Belarusian cargo. " + summary, sources=sources,
                    note="Port totals exclude the Būtingė oil terminal.")
    table = _small(totals.rename(columns={"port_total_mt": "port total (Mt)"}).to_html(index=False, border=0, float_format=lambda v: f"{v:.2f}"))
    return View(summary=summary, figure=figure, table_html=table, details_html=_events_html())


def _share_view(approximate: bool) -> View:
    evidence = T.klaipeda_share_evidence()
    if not approximate:
        evidence = evidence[evidence["qualifier"] == T.EXACT]
    evidence = evidence.reset_index(drop=True)
    labels = [
        f"{r.year} " + (f"computed ({r.basis})" if r.kind == "computed from tonnes" else "reported")
        + ("" if r.qualifier == T.EXACT else f" ('{r.qualifier}')") + ("" if r.period == "full year" else " *")
        for r in evidence.itertuples()
    ]
    fig, ax = new_figure("Belarusian cargo as a share of Klaipėda's throughput", xlabel="Share of the port's throughput (%)", ylabel="", size=(8, 0.5 * len(evidence) + 2.2))
    computed = (evidence["kind"] == "computed from tonnes").to_numpy()
    positions = list(range(len(evidence)))[::-1]
    for is_computed, colour, hatch, name in ((True, color_for("Belarus"), "", "computed from tonnes"), (False, PALETTE[4], "//", "as reported")):
        idx = [i for i in range(len(evidence)) if computed[i] == is_computed]
        bars = ax.barh([positions[i] for i in idx], evidence.loc[idx, "share_pct"], color=colour, hatch=hatch, edgecolor="white" if is_computed else "#333333", label=name)
        ax.bar_label(bars, labels=[f"{v:g}%" for v in evidence.loc[idx, "share_pct"]], padding=3, fontsize=9)
    ax.set_yticks(positions, labels)
    ax.axvline(HALF, color="#555555", linestyle=":", linewidth=1.2, label="half of the throughput")
    ax.set_xlim(0, 100)
    ax.legend(loc="lower right", fontsize=9)
    summary = (
        "Belarusian cargo as a share of the port's throughput: "
        + "; ".join(f"{r.share_pct:g}% in {r.year} ({r.kind}, {r.qualifier})" for r in evidence.itertuples())
        + f". Every figure is {'below' if evidence['share_pct'].max() < HALF else 'not always below'} half."
    )
    note = "* = part of a year or an unclear period." if (evidence["period"] != "full year").any() else ""
    figure = render(fig, alt="Horizontal bar chart. " + summary, sources=list(evidence["source_id"]), note=note)
    table = _small(evidence.to_html(index=False, border=0))
    return View(summary=summary, figure=figure, table_html=table, details_html=_events_html())


def klaipeda_view(show: str = "share", approximate: bool = True) -> View:
    """Klaipėda evidence: the port's throughput with Belarusian tonnes, or the Belarusian share (computed and reported)."""
    if show not in KLAIPEDA_SHOW.values():
        raise ValueError(f"show must be one of {', '.join(KLAIPEDA_SHOW.values())}")
    return _throughput_view(approximate) if show == "throughput" else _share_view(approximate)


class KlaipedaExplorer(Explorer):
    title = "Klaipėda: how much of the port's cargo was Belarusian?"

    def __init__(self, show: str = "share", approximate: bool = True):
        controls = {
            "show": widgets.ToggleButtons(options=list(KLAIPEDA_SHOW.items()), value=show, description="Show:", style={"button_width": "13em"}),
            "approximate": widgets.Checkbox(value=approximate, description="Include approximate figures ('about', 'just over', 'around' ...)", indent=False, layout=widgets.Layout(width="32em")),
        }
        super().__init__(controls)

    def view(self, show: str, approximate: bool) -> View:
        return klaipeda_view(show, approximate)


def explore_klaipeda(show: str = "share", approximate: bool = True) -> KlaipedaExplorer:
    """The Klaipėda explorer: computed and reported Belarusian shares, or throughput in tonnes."""
    return KlaipedaExplorer(show, approximate)


__all__ = ["KlaipedaExplorer", "TradeExplorer", "explore_klaipeda", "explore_trade", "klaipeda_view", "partner_options", "trade_view"]
