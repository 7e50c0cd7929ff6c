"""Lesson 04's debt view: Belarus's debt by creditor, and Russia's share under each definition.

debt_view() is a plain function of the control values (tested without a
browser); DebtExplorer only wires the controls to it.
"""

from __future__ import annotations

import html
import re
import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt

from ..analysis import debt as da
from ..plots import HOUSE_STYLE, color_for, render
from ..sources import source, split_ids
from .base import Explorer, View

RUSSIA_COLOR = color_for("Russia")
OTHER_COLOR = color_for("Other")
FADED = "#D9D9D9"


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(text, width))


def definition_options() -> list[tuple[str, str]]:
    """(menu label, key) for every definition the data allow."""
    return [(s.label, s.key) for s in da.share_table()]


def debt_view(definition: str = "alone_2018", show_claim: bool = True) -> View:
    """The creditor breakdown for one definition, beside Russia's share under every definition."""
    table = da.share_table()
    by_key = {s.key: s for s in table}
    if definition not in by_key:
        raise ValueError(f"unknown definition {definition!r}; choose one of {', '.join(by_key)}")
    chosen = by_key[definition]
    claimed = da.claimed_share_pct()

    with plt.rc_context(HOUSE_STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.8), width_ratios=[1, 1.15], layout="constrained")
    fig.suptitle(f"Who is owed Belarus's debt: {chosen.label}", x=0.01, ha="left", fontsize=13, fontweight="bold")

    names = [_wrap(c) for c, _, _ in chosen.breakdown][::-1]
    values = [v for _, v, _ in chosen.breakdown][::-1]
    counted = [r for _, _, r in chosen.breakdown][::-1]
    bars = left.barh(names, values, color=[RUSSIA_COLOR if c else OTHER_COLOR for c in counted],
                     hatch=["//" if c else "" for c in counted], edgecolor="#333333")
    left.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=3, fontsize=9)
    left.set_xlim(0, 100)
    left.set_xlabel(f"Share of {_short_measure(chosen.debt_measure)} (%)")
    left.set_title("By creditor (hatched: counted as 'Russia')", loc="left", fontsize=11)

    labels = [_wrap(s.label, 32) for s in table][::-1]
    shares = [s.share_pct for s in table][::-1]
    chosen_flags = [s.key == definition for s in table][::-1]
    bars = right.barh(labels, shares, color=[RUSSIA_COLOR if c else FADED for c in chosen_flags],
                      hatch=["//" if c else "" for c in chosen_flags], edgecolor="#333333")
    for text in right.bar_label(bars, labels=[f"{v:.1f}%" for v in shares], padding=3, fontsize=9):
        text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})  # readable where the claim line crosses
        text.set_zorder(5)
    if show_claim:
        right.axvline(claimed, color="#000000", linestyle="--", linewidth=1.5, zorder=4)
        right.annotate(f"article:\n'about {claimed:g} percent'", xy=(claimed, 0.02), xycoords=("data", "axes fraction"),
                       xytext=(4, 0), textcoords="offset points", ha="left", va="bottom", fontsize=9)
    right.set_xlim(0, 100)
    right.set_xlabel("Russia's share (%), each with its own denominator")
    right.set_title("Russia's share under every definition", loc="left", fontsize=11)

    summary = _summary(chosen, claimed, show_claim)
    figure = render(fig, alt="Two bar charts. " + summary, sources=split_ids(chosen.source_id))
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
        super().__init__(controls)

    def view(self, **values) -> View:
        return debt_view(**values)


def explore_debt(start: str = "alone_2018") -> DebtExplorer:
    """The debt view of lesson 04."""
    return DebtExplorer(start)


__all__ = ["DebtExplorer", "debt_view", "definition_options", "explore_debt"]
