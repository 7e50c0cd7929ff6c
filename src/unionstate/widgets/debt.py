"""Lesson 04's debt view: Belarus's debt by creditor, and Russia's share under each definition.

debt_view() is a plain function of the control values (tested without a
browser); DebtExplorer only wires the controls to it.
"""

from __future__ import annotations

import html
import re
import textwrap

import ipywidgets as widgets

from ..analysis import debt as da
from ..plots import color_for
from ..sources import caption_text, source, split_ids
from .base import Explorer, View, data_cache
from .live import BarPool, ChartSet, LiveChart

RUSSIA_COLOR = color_for("Russia")
OTHER_COLOR = color_for("Other")
FADED = "#D9D9D9"


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(text, width))


share_table = data_cache(da.share_table)
claimed_share_pct = data_cache(da.claimed_share_pct)


def definition_options() -> list[tuple[str, str]]:
    """(menu label, key) for every definition the data allow."""
    return [(s.label, s.key) for s in share_table()]


class DebtChart(LiveChart):
    """Two panels: the creditors under one definition, and Russia's share under every definition."""

    size = (9.6, 4.8)

    def build(self) -> None:
        self.table = share_table()
        self.claimed = claimed_share_pct()
        left, right = self.fig.subplots(1, 2, width_ratios=[1, 1.2])
        self.left, self.right = left, right
        self.n_creditors = max(len(s.breakdown) for s in self.table)
        box = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}  # readable where the claim line crosses
        self.creditors = BarPool(left, self.n_creditors, horizontal=True, label_box=box)
        self.definitions = BarPool(right, len(self.table), horizontal=True, label_box=box)
        self.claim_line = right.axvline(self.claimed, color="#000000", linestyle="--", linewidth=1.5, zorder=4)
        self.claim_text = right.annotate(f"article:\n'about {self.claimed:g} percent'", xy=(self.claimed, 0.02),
                                         xycoords=("data", "axes fraction"), xytext=(4, 0), textcoords="offset points",
                                         ha="left", va="bottom", fontsize=9)
        for ax in (left, right):
            ax.set_xlim(0, 100)
        left.set_title("By creditor (hatched: counted as 'Russia')", loc="left", fontsize=11)
        right.set_title("Russia's share, by definition", loc="left", fontsize=11)
        right.set_xlabel("Russia's share (%),\neach with its own denominator")
        right.set_yticks(range(len(self.table)), [_wrap(s.label, 30) for s in self.table][::-1])
        right.set_ylim(-0.6, len(self.table) - 0.4)
        # Room for the widest creditor names, the longest axis label and title any definition has.
        names = sorted({_wrap(c) for s in self.table for c, _, _ in s.breakdown}, key=lambda t: max(len(x) for x in t.split("\n")))
        left.set_yticks(range(self.n_creditors), (names[::-1] * self.n_creditors)[: self.n_creditors])
        left.set_xlabel(max((self._xlabel(s) for s in self.table), key=len))
        self.title = self.fig.suptitle(max((self._title(s) for s in self.table), key=len), x=0.01, ha="left", fontsize=13, fontweight="bold")

    @staticmethod
    def _title(chosen: da.ShareUnderDefinition) -> str:
        return f"Who is owed Belarus's debt: {chosen.label}"

    @staticmethod
    def _xlabel(chosen: da.ShareUnderDefinition) -> str:
        return f"Share of {_short_measure(chosen.debt_measure)} (%)"

    def update(self, definition: str, show_claim: bool) -> None:
        chosen = next(s for s in self.table if s.key == definition)
        self.title.set_text(self._title(chosen))
        names = [_wrap(c) for c, _, _ in chosen.breakdown][::-1]
        values = [v for _, v, _ in chosen.breakdown][::-1]
        counted = [r for _, _, r in chosen.breakdown][::-1]
        self.creditors.show(range(len(values)), values, thickness=0.8, colors=[RUSSIA_COLOR if c else OTHER_COLOR for c in counted],
                            hatches=["//" if c else "" for c in counted], edgecolors=["#333333"] * len(values),
                            labels=[f"{v:.1f}%" for v in values])
        self.left.set_yticks(range(len(values)), names)
        self.left.set_ylim(-0.6, len(values) - 0.4)
        self.left.set_xlabel(self._xlabel(chosen))
        shares = [s.share_pct for s in self.table][::-1]
        flags = [s.key == definition for s in self.table][::-1]
        self.definitions.show(range(len(shares)), shares, thickness=0.8, colors=[RUSSIA_COLOR if c else FADED for c in flags],
                              hatches=["//" if c else "" for c in flags], edgecolors=["#333333"] * len(shares),
                              labels=[f"{v:.1f}%" for v in shares])
        self.claim_line.set_visible(show_claim)
        self.claim_text.set_visible(show_claim)


def debt_view(definition: str = "alone_2018", show_claim: bool = True, *, charts: ChartSet | None = None) -> View:
    """The creditor breakdown for one definition, beside Russia's share under every definition.

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    table = share_table()
    by_key = {s.key: s for s in table}
    if definition not in by_key:
        raise ValueError(f"unknown definition {definition!r}; choose one of {', '.join(by_key)}")
    chosen = by_key[definition]
    claimed = claimed_share_pct()
    summary = _summary(chosen, claimed, show_claim)
    figure = (charts or ChartSet()).get(DebtChart).render(alt="Two bar charts. " + summary, caption=caption_text(split_ids(chosen.source_id)),
                          definition=definition, show_claim=show_claim)
    return View(summary=summary, figure=figure, details_html=_details(chosen))


def _short_measure(measure: str) -> str:
    """'external public (state) debt, Belarus MinFin' -> 'external public debt'."""
    return re.sub(r"\s*\([^)]*\)", "", measure).split(",")[0].strip()


def _summary(chosen: da.ShareUnderDefinition, claimed: float, show_claim: bool) -> str:
    text = (
        f"{chosen.label}: Russia's share is {chosen.share_pct:.1f}% of {_short_measure(chosen.debt_measure)} "
        f"({chosen.basis}; counted as Russia: {chosen.counted_as_russia})."
    )
    if show_claim:
        diff = claimed - chosen.share_pct
        text += f" That is {abs(diff):.1f} percentage points {'below' if diff > 0 else 'above'} the article's 'about {claimed:g} percent'."
    return text


def _details(chosen: da.ShareUnderDefinition) -> str:
    cites = "".join(f"<li>{html.escape(source(s).citation())}</li>" for s in split_ids(chosen.source_id))
    return (
        f"<p><b>Denominator:</b> {html.escape(chosen.debt_measure)}. <b>Date:</b> {html.escape(chosen.as_of)}. "
        f"<b>Caveat:</b> {html.escape(chosen.caveat)}</p><p><b>Sources:</b></p><ul>{cites}</ul>"
    )


class DebtExplorer(Explorer):
    title = "Debt by creditor: who counts as 'Russia'?"

    def __init__(self, start: str = "alone_2018"):
        controls = {
            "definition": widgets.Dropdown(options=definition_options(), value=start, description="Definition:",
                                           style={"description_width": "initial"}, layout=widgets.Layout(width="70%")),
            "show_claim": widgets.Checkbox(value=True, description="Show the article's 'about 70 percent'", indent=False),
        }
        self.charts = ChartSet()
        super().__init__(controls)

    def view(self, **values) -> View:
        return debt_view(**values, charts=self.charts)


def explore_debt(start: str = "alone_2018") -> DebtExplorer:
    """The debt view of lesson 04."""
    return DebtExplorer(start)


__all__ = ["DebtExplorer", "debt_view", "definition_options", "explore_debt"]
