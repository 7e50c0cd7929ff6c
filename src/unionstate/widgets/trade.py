"""Lesson 03's explorers: Belarus's trade by partner or group, and Klaipėda transit.

trade_view() and klaipeda_view() are plain functions of the control values (tested
without a browser); TradeExplorer and KlaipedaExplorer only wire controls to them.
All numbers come from unionstate.analysis.trade.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from matplotlib.patches import Patch

from ..analysis import trade as T
from ..plots import PALETTE, color_for, describe_trend
from ..sources import caption_text
from ..tables import table_html
from .base import Explorer, View, data_cache
from .live import BarPool, ChartSet, LiveChart

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


eaeu_in_force = data_cache(T.eaeu_in_force)
eaeu_partners = data_cache(T.eaeu_partners)
klaipeda_throughput = data_cache(T.klaipeda_throughput)
klaipeda_share_evidence = data_cache(T.klaipeda_share_evidence)
potash_transit_end = data_cache(T.potash_transit_end)
dataset = data_cache(T.load_dataset)


@data_cache
def partner_options() -> list[tuple[str, str]]:
    """(menu label, key) for every partner and group: the EAEU group first, then single partners."""
    keys = [T.EAEU] + T.partners()
    return [(T.group_label(key), key) for key in keys]


def _colour(key: str) -> str:
    if key in ("Russia", T.EAEU, T.EU, "China", "Ukraine", "Belarus"):
        return color_for(key)
    others = [k for _, k in partner_options() if k not in ("Russia", T.EAEU, T.EU, "China", "Ukraine")]
    return PALETTE[(others.index(key) + 4) % len(PALETTE)] if key in others else PALETTE[0]


@data_cache
def _values(key: str, flow: str, share: bool) -> tuple[pd.Series, str, bool]:
    """The series to draw, its unit, and whether the share was asked for but does not exist (balance)."""
    if share and flow != "balance":
        return T.share_of_total(key, flow), "%", False
    return T.flows(key)[flow], "USD million", share and flow == "balance"


def _table(series: pd.Series, unit: str) -> str:
    row = " ".join(f'<td style="white-space:nowrap">{v:,.1f}</td>' if v == v else "<td>n/a</td>" for v in series.values)
    head = " ".join(f"<th>{int(y)}</th>" for y in series.index)
    # One row of figures, one column per year: wider than a laptop's notebook, so it scrolls in a box the keyboard reaches.
    return (
        f'<div class="unionstate-table" role="region" tabindex="0" aria-label="The figures of the chart, {html.escape(unit, quote=True)} by year" '
        f'style="overflow-x:auto;max-width:100%;font-size:0.85em"><table><thead><tr><th>year</th>{head}</tr></thead>'
        f"<tbody><tr><th>{html.escape(unit)}</th>{row}</tr></tbody></table></div>"
    )


class TradeChart(LiveChart):
    """One partner's (or group's) flow over the years, with the article's 'half' and the EAEU's start marked."""

    size = (8.0, 4.2)

    def build(self) -> None:
        ax = self.ax = self.fig.subplots()
        self.title = ax.set_title(f"Belarus's {TITLE_WORDS['balance']} {T.EAEU}, share of its total", loc="left")
        ax.set_xlabel("Year")
        ax.set_ylabel("Share of Belarus's total turnover (%)")
        self.series = ax.plot([], [], marker="o", linestyle="-")[0]
        self.half = ax.axhline(HALF, color="#555555", linestyle=":", linewidth=1.2, label="half of the total")
        self.zero = ax.axhline(0, color="#555555", linewidth=1)
        in_force = eaeu_in_force()
        self.in_force = ax.axvline(in_force.year, color="#555555", linestyle="--", linewidth=1,
                                   label=f"EAEU treaty in force ({in_force.day} {in_force:%b %Y})")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(1999, 2021)
        ax.set_ylim(-99999, 99999)  # room for the widest tick labels (USD million, negative balances)

    def update(self, partner: str, flow: str, series: pd.Series, in_share: bool, start: int, end: int) -> None:
        ax = self.ax
        self.title.set_text(f"Belarus's {TITLE_WORDS[flow]} {partner}" + (", share of its total" if in_share else ""))
        ax.set_ylabel("Share of Belarus's total {flow} (%)" if in_share else f"{FLOW_LABELS[flow]} (USD million)")
        self.series.set_data(series.index.to_numpy(), series.to_numpy(dtype=float))
        self.series.set(color=_colour(partner), label=T.group_label(partner))
        self.half.set_visible(in_share)
        self.zero.set_visible(flow == "balance")
        in_force = eaeu_in_force()
        self.in_force.set_visible(partner in [T.EAEU] + eaeu_partners() and start <= in_force.year <= end)
        ax.autoscale(True)  # build() set limits for the layout: here the data decide
        ax.relim(visible_only=True)
        ax.autoscale_view()
        if in_share:
            ax.set_ylim(0, max(100 if series.max() > HALF * 0.6 else series.max() * 1.3, 1))
        shown = [line for line in (self.series, self.half, self.in_force) if line.get_visible()]
        ax.legend(shown, [line.get_label() for line in shown], loc="best", fontsize=9)


def trade_view(partner: str = T.EAEU, flow: str = "turnover", start: int = 2000, end: int = 2020, share: bool = True,
               *, charts: ChartSet | None = None) -> View:
    """What the trade explorer shows for a partner or group, a flow, a year range and a measure.

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    if flow not in FLOW_LABELS:
        raise ValueError(f"flow must be one of {', '.join(FLOW_LABELS)}")
    start, end = min(start, end), max(start, end)
    series, unit, no_share = _values(partner, flow, share)
    series = series.loc[start:end].dropna()
    label = T.group_label(partner)
    in_share = unit == "%"
    in_force = eaeu_in_force()
    note = DOTS_NOTE.format(partners=", ".join(eaeu_partners()), start=in_force.year)
    words = f"Belarus's {FLOW_WORDS[flow]} {label}" + (", as a share of its total" if in_share else "")
    trend = describe_trend(words, list(series.index), list(series.values), unit="%" if in_share else "USD million")
    alt = f"Line chart, {start}-{end}. {trend}"
    summary = trend
    if no_share:
        summary = "A balance is not a share of a total, so the chart shows USD million. " + summary
    if partner == T.EAEU and start < in_force.year:
        summary += f" Before {in_force.year} the EAEU did not exist yet: those years show the same countries."
    chart = (charts if charts is not None else ChartSet()).get(TradeChart)
    figure = chart.render(alt=alt, caption=f"{caption_text(T.DOTS_SOURCE)} {note}", partner=partner, flow=flow, series=series,
                          in_share=in_share, start=start, end=end)
    return View(summary=summary, figure=figure, table_html=_table(series, "%" if in_share else "USD million"))


class TradeExplorer(Explorer):
    title = "Trade explorer: Belarus's goods trade by partner, 2000-2020 (IMF DOTS)"

    def __init__(self, partner: str = T.EAEU, flow: str = "turnover", share: bool = True):
        years = sorted(T.dots_trade()["year"].unique())
        controls = {
            "partner": widgets.Dropdown(options=partner_options(), value=partner, description="Partner:", layout=widgets.Layout(width="38em")),
            "flow": widgets.ToggleButtons(options=[(v, k) for k, v in FLOW_LABELS.items()], value=flow, description="Flow:"),
            "years": widgets.IntRangeSlider(value=(int(years[0]), int(years[-1])), min=int(years[0]), max=int(years[-1]), step=1, description="Years:", continuous_update=True, layout=widgets.Layout(width="32em")),
            "measure": widgets.ToggleButtons(options=list(MEASURES.items()), value="share" if share else "usd", description="Show:"),
        }
        self.charts = ChartSet()
        super().__init__(controls)

    def view(self, partner: str, flow: str, years: tuple[int, int], measure: str) -> View:
        return trade_view(partner, flow, years[0], years[1], share=measure == "share", charts=self.charts)


def explore_trade(partner: str = T.EAEU, flow: str = "turnover", share: bool = True) -> TradeExplorer:
    """The trade explorer, starting on a partner or group (default: the EAEU partners)."""
    return TradeExplorer(partner, flow, share)


# --- Klaipėda ------------------------------------------------------------------------------

KLAIPEDA_SHOW = {"Port throughput (Mt)": "throughput", "Belarusian share (%)": "share"}


def _events_html() -> str:
    events = dataset("klaipeda_events")
    rows = "".join(
        f"<li>{html.escape(str(r.date)[:10] if r.date_precision == 'day' else str(r.date)[:7])}: {html.escape(r.description)} [{html.escape(r.source_id)}]</li>"
        for r in events.itertuples()
    )
    return f"<b>End of potash transit (klaipeda_events):</b><ul>{rows}</ul>"


class KlaipedaThroughputChart(LiveChart):
    """The port's yearly throughput (bars, exact or approximate) with diamonds for the Belarusian cargo."""

    size = (8.0, 4.4)

    def build(self) -> None:
        totals = klaipeda_throughput(exact_only=False)
        n = len(totals)
        ax = self.ax = self.fig.subplots()
        ax.set_title("Port of Klaipėda: total throughput and Belarusian cargo", loc="left")
        ax.set_xlabel("Year")
        ax.set_ylabel("Million tonnes")
        self.exact = BarPool(ax, n, horizontal=False)
        self.rough = BarPool(ax, n, horizontal=False)
        self.cargo = ax.plot([], [], linestyle="none", marker="D", markersize=7, color=color_for("Belarus"), label="Belarusian cargo (exact reports)")[0]
        self.rough_cargo = ax.plot([], [], linestyle="none", marker="D", markersize=7, markerfacecolor="white", color=color_for("Belarus"),
                                   label="Belarusian cargo (approximate)")[0]
        end = potash_transit_end()
        self.end = ax.axvline(end["date"].year - 0.5, color="#555555", linestyle="--", linewidth=1,
                              label=f"potash transit ended ({end['date'].day} {end['date']:%b %Y})")
        ax.xaxis.get_major_locator().set_params(integer=True)
        self.keys = {"exact": Patch(color=PALETTE[4], label="Port total (exact)"),
                     "rough": Patch(facecolor="white", edgecolor=PALETTE[4], hatch="//", label="Port total (approximate)")}
        self._legend([self.keys["exact"], self.keys["rough"], self.cargo, self.rough_cargo, self.end])

    def _legend(self, handles) -> None:
        self.ax.legend(handles, [h.get_label() for h in handles], loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=9)

    def update(self, totals: pd.DataFrame, cargo: pd.DataFrame) -> None:
        exact = (totals["qualifier"] == T.EXACT).to_numpy()
        for pool, rows, style in ((self.exact, totals[exact], dict(colors=PALETTE[4], edgecolors="none", hatches=None)),
                                  (self.rough, totals[~exact], dict(colors="white", edgecolors=PALETTE[4], hatches="//"))):
            n = len(rows)
            pool.show(rows["year"].to_numpy(), rows["port_total_mt"].to_numpy(dtype=float), thickness=0.8,
                      colors=[style["colors"]] * n, edgecolors=[style["edgecolors"]] * n, hatches=[style["hatches"]] * n)
        exact_cargo = (cargo["qualifier"] == T.EXACT).to_numpy()
        self.cargo.set_data(cargo.loc[exact_cargo, "year"].to_numpy(), cargo.loc[exact_cargo, "value"].to_numpy(dtype=float))
        self.rough_cargo.set_data(cargo.loc[~exact_cargo, "year"].to_numpy(), cargo.loc[~exact_cargo, "value"].to_numpy(dtype=float))
        self.rough_cargo.set_visible(bool((~exact_cargo).any()))
        self.ax.autoscale(True)
        self.ax.relim(visible_only=True)
        self.ax.autoscale_view()
        handles = [self.keys["exact"]] + ([self.keys["rough"]] if (~exact).any() else []) + [self.cargo]
        handles += ([self.rough_cargo] if (~exact_cargo).any() else []) + [self.end]
        self._legend(handles)


class KlaipedaShareChart(LiveChart):
    """The Belarusian share of the port's throughput: one bar per figure, computed or as reported."""

    size = (8.0, 6.0)

    def build(self) -> None:
        evidence = klaipeda_share_evidence()
        n = len(evidence)
        ax = self.ax = self.fig.subplots()
        # Two lines: the axes start right of the long bar labels, and on one line the title ran past the picture's edge.
        ax.set_title("Belarusian cargo as a share of\nKlaipėda's throughput", loc="left")
        ax.set_xlabel("Share of the port's throughput (%)")
        self.pools = {True: BarPool(ax, n, horizontal=True), False: BarPool(ax, n, horizontal=True)}
        self.half = ax.axvline(HALF, color="#555555", linestyle=":", linewidth=1.2, label="half of the throughput")
        ax.set_xlim(0, 100)
        ax.set_yticks(range(n), _share_labels(evidence))
        self.keys = {True: Patch(facecolor=color_for("Belarus"), edgecolor="white", label="computed from tonnes"),
                     False: Patch(facecolor=PALETTE[4], hatch="//", edgecolor="#333333", label="as reported")}
        self._legend(True, True)

    def initial_size(self) -> tuple[float, float]:
        return (self.size[0], _share_height(len(klaipeda_share_evidence())))

    def _legend(self, computed: bool, reported: bool) -> None:
        handles = [self.keys[k] for k, on in ((True, computed), (False, reported)) if on] + [self.half]
        self.ax.legend(handles, [h.get_label() for h in handles], loc="lower right", fontsize=9)

    def update(self, evidence: pd.DataFrame) -> None:
        self.set_height(_share_height(len(evidence)))
        computed = (evidence["kind"] == "computed from tonnes").to_numpy()
        positions = list(range(len(evidence)))[::-1]
        for is_computed, colour, hatch, edge in ((True, color_for("Belarus"), "", "white"), (False, PALETTE[4], "//", "#333333")):
            idx = [i for i in range(len(evidence)) if computed[i] == is_computed]
            values = evidence.loc[idx, "share_pct"].to_numpy(dtype=float)
            self.pools[is_computed].show([positions[i] for i in idx], values, thickness=0.8, colors=[colour] * len(idx),
                                         hatches=[hatch] * len(idx), edgecolors=[edge] * len(idx), labels=[f"{v:g}%" for v in values])
        self.ax.set_yticks(positions, _share_labels(evidence))
        self.ax.set_ylim(-0.6, len(evidence) - 0.4)
        self._legend(bool(computed.any()), bool((~computed).any()))


def _share_labels(evidence: pd.DataFrame) -> list[str]:
    return [
        f"{r.year} " + (f"computed ({r.basis})" if r.kind == "computed from tonnes" else "reported")
        + ("" if r.qualifier == T.EXACT else f" ('{r.qualifier}')") + ("" if r.period == "full year" else " *")
        for r in evidence.itertuples()
    ]


def _share_height(n: int) -> float:
    return 0.5 * n + 2.2


def _throughput_view(approximate: bool, charts: ChartSet) -> View:
    totals = klaipeda_throughput(exact_only=not approximate)
    cargo = dataset("klaipeda_transit")
    cargo = cargo[(cargo["metric"] == "belarusian_cargo") & (cargo["period"] == "full year")]  # the ambiguous 2013 period is not a calendar year
    if not approximate:
        cargo = cargo[cargo["qualifier"] == T.EXACT]
    end = potash_transit_end()
    sources = list(totals["source_id"]) + list(cargo["source_id"]) + [end["source_id"]]
    first, last = totals.iloc[0], totals.iloc[-1]
    peak = totals.loc[totals["port_total_mt"].idxmax()]
    summary = (
        f"The port handled {first.port_total_mt:.1f} Mt in {first.year} ({first.qualifier}) and {last.port_total_mt:.1f} Mt in {last.year} ({last.qualifier}); "
        f"the most was {peak.port_total_mt:.1f} Mt in {peak.year}. Belarusian cargo: "
        + "; ".join(f"{r.value:g} Mt in {r.year} ({r.qualifier}, {r.source_id})" for r in cargo.itertuples())
        + f". Potash transit ended on {end['date'].day} {end['date']:%B %Y}."
    )
    figure = charts.get(KlaipedaThroughputChart).render(
        alt="Bar chart of the port's yearly throughput with diamonds for Belarusian cargo. " + summary,
        caption=caption_text(sources) + " Port totals exclude the Būtingė oil terminal.", totals=totals, cargo=cargo)
    table = table_html(totals.rename(columns={"port_total_mt": "port total (Mt)"}).round(2), index=False, label="The port's throughput by year")
    return View(summary=summary, figure=figure, table_html=table, details_html=_events_html())


COMPUTED = "computed from tonnes"


def _share_view(approximate: bool, charts: ChartSet, computed: bool = True, gate: str = "") -> View:
    evidence = klaipeda_share_evidence()
    if not approximate:
        evidence = evidence[evidence["qualifier"] == T.EXACT]
    if not computed:  # an exercise asks for one of these: they wait until it is answered
        evidence = evidence[evidence["kind"] != COMPUTED]
    evidence = evidence.reset_index(drop=True)
    summary = (
        "Belarusian cargo as a share of the port's throughput: "
        + "; ".join(f"{r.share_pct:g}% in {r.year} ({r.kind}, {r.qualifier})" for r in evidence.itertuples())
        + f". Every figure is {'below' if evidence['share_pct'].max() < HALF else 'not always below'} half."
    )
    if not computed:
        summary += (f" The shares computed from tonnes will appear here once {gate} is correct (shown before, they would give its answer away): "
                    "check your answer, then move a control or run this cell again.")
    note = " * = part of a year or an unclear period." if (evidence["period"] != "full year").any() else ""
    figure = charts.get(KlaipedaShareChart).render(alt="Horizontal bar chart. " + summary, caption=caption_text(list(evidence["source_id"])) + note,
                                                   evidence=evidence)
    table = table_html(evidence, index=False, label="Every figure of the Belarusian share, computed or reported")
    return View(summary=summary, figure=figure, table_html=table, details_html=_events_html())


def klaipeda_view(show: str = "share", approximate: bool = True, *, computed: bool = True, gate: str = "", charts: ChartSet | None = None) -> View:
    """Klaipėda evidence: the port's throughput with Belarusian tonnes, or the Belarusian share (computed and reported).

    computed=False leaves out the shares computed from tonnes and says they wait for exercise `gate`;
    charts: the explorer's persistent charts (fresh ones are drawn when None)."""
    if show not in KLAIPEDA_SHOW.values():
        raise ValueError(f"show must be one of {', '.join(KLAIPEDA_SHOW.values())}")
    charts = charts if charts is not None else ChartSet()
    return _throughput_view(approximate, charts) if show == "throughput" else _share_view(approximate, charts, computed, gate)


class KlaipedaExplorer(Explorer):
    """gate: an exercise that asks for a share computed from tonnes. Until it is correct in this session (as
    reveal() decides), the explorer shows everything else and those shares wait; the controls work from the start."""

    title = "Klaipėda: how much of the port's cargo was Belarusian?"

    def __init__(self, show: str = "share", approximate: bool = True, gate: str = ""):
        self.gate = gate
        self._computed_shown = self.computed_shown()
        controls = {
            "show": widgets.ToggleButtons(options=list(KLAIPEDA_SHOW.items()), value=show, description="Show:", style={"button_width": "13em"}),
            "approximate": widgets.Checkbox(value=approximate, description="Include approximate figures ('about', 'just over', 'around' ...)", indent=False, layout=widgets.Layout(width="32em")),
        }
        self.charts = ChartSet()
        super().__init__(controls)

    def computed_shown(self) -> bool:
        from ..exercises.reveal import is_revealed

        return not self.gate or is_revealed(self.gate)

    def refresh(self) -> View:
        shown = self.computed_shown()
        if shown != self._computed_shown:  # the gating exercise became correct: views remembered before are stale
            self._computed_shown = shown
            self._views.clear()
        return super().refresh()

    def view(self, show: str, approximate: bool) -> View:
        return klaipeda_view(show, approximate, computed=self._computed_shown, gate=self.gate, charts=self.charts)


def explore_klaipeda(show: str = "share", approximate: bool = True, *, gate: str = "") -> KlaipedaExplorer:
    """The Klaipėda explorer: computed and reported Belarusian shares, or throughput in tonnes.

    gate: the exercise whose answer is one of the computed shares (they appear once it is correct)."""
    return KlaipedaExplorer(show, approximate, gate)


__all__ = ["KlaipedaExplorer", "TradeExplorer", "explore_klaipeda", "explore_trade", "klaipeda_view", "partner_options", "trade_view"]
