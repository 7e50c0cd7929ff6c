"""House style for charts: a palette safe for colour blindness, captions that
name the sources, and figures shown with alt text a screen reader can read.

    fig, ax = new_figure("Belarus trade with Russia", xlabel="Year", ylabel="USD million")
    ax.plot(...)
    show(fig, sources="IMF_DOTS_BLR", alt="Line chart: ...")
"""

from __future__ import annotations

import base64
import html
import io
import os
from typing import Iterable

import matplotlib
import matplotlib.pyplot as plt

from .sources import caption_text

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common
# forms of colour blindness. Ordered so the first colours contrast most.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())

# The same actor keeps the same colour in every lesson.
ENTITY_COLORS = {
    "Russia": OKABE_ITO["vermillion"],
    "EAEU": OKABE_ITO["orange"],
    "EU": OKABE_ITO["blue"],
    "Belarus": OKABE_ITO["green"],
    "China": OKABE_ITO["purple"],
    "Ukraine": OKABE_ITO["sky"],
    "Other": "#7F7F7F",
}
# Line styles and markers as a second cue, so no meaning rests on colour alone.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", "-.", ":"]

HOUSE_STYLE = {
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


def color_for(name: str, index: int = 0) -> str:
    """The house colour of an actor, or the palette colour at index."""
    return ENTITY_COLORS.get(name, PALETTE[index % len(PALETTE)])


def new_figure(title: str, *, xlabel: str = "", ylabel: str = "", size: tuple[float, float] = (8, 4.5)):
    """A figure and axes in the house style, with title and axis labels set."""
    with plt.rc_context(HOUSE_STYLE):
        fig, ax = plt.subplots(figsize=size, layout="constrained")
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def style_axes(ax) -> None:
    """Apply the house look to axes a student made with plt.subplots()."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, alpha=0.3)


def add_caption(fig, sources: str | Iterable[str], note: str = "", *, most: int | None = None) -> str:
    """Write 'Source: ...' (and an optional note) under the figure; returns the text.

    most: name at most this many sources and count the rest (see sources.caption_text); say in
    `note` where the full list is (for example, the table under the chart)."""
    text = caption_text(sources, most=most) + (f" {note}" if note else "")
    artist = fig.text(0.0, -0.02, text, ha="left", va="top", fontsize=8.5, color="#333333", wrap=True, transform=fig.transFigure)
    fig._unionstate_caption = text  # read back by render() and by chart checks
    fig._unionstate_caption_artist = artist
    return text


def figure_png(fig) -> bytes:
    if os.environ.get("UNIONSTATE_GRADING") == "1":
        return b""  # nobody looks at charts while a submission is graded; their data is checked instead
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


class Figure:
    """A rendered chart: PNG with alt text and caption for JupyterLab, a text summary elsewhere."""

    def __init__(self, png: bytes, alt: str, caption: str):
        self.png, self.alt, self.caption = png, alt, caption

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        fig_html = (
            f'<figure style="margin:0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" style="max-width:100%">'
            f'<figcaption style="font-size:0.85em;color:#333">{html.escape(self.caption)}</figcaption></figure>'
        )
        text = f"[Chart] {self.alt}\n{self.caption}".strip()
        return {"text/html": fig_html, "text/plain": text}

    def __repr__(self) -> str:
        return f"[Chart] {self.alt}"


def render(fig, *, alt: str, sources: str | Iterable[str] | None = None, note: str = "") -> Figure:
    """Turn a matplotlib figure into a Figure (captioned, with alt text) and close it."""
    if not alt or not alt.strip():
        raise ValueError("Every chart needs alt text: describe what it shows in one or two sentences.")
    caption = getattr(fig, "_unionstate_caption", "")
    if sources is not None and not caption:
        caption = add_caption(fig, sources, note)
    artist = getattr(fig, "_unionstate_caption_artist", None)
    if artist is not None:
        artist.set_visible(False)  # the page shows the caption as text under the image, once
    png = figure_png(fig)
    plt.close(fig)
    return Figure(png, alt.strip(), caption)


def show(fig, *, alt: str, sources: str | Iterable[str] | None = None, note: str = "") -> None:
    """Display a figure with its caption and alt text (and close it, so it is not shown twice)."""
    from IPython.display import display

    display(render(fig, alt=alt, sources=sources, note=note))


def describe_trend(label: str, xs: Iterable, ys: Iterable, unit: str = "") -> str:
    """One sentence for a screen reader: first and last value, minimum and maximum."""
    pairs = [(x, y) for x, y in zip(xs, ys) if y == y]  # drop NaN
    if not pairs:
        return f"{label}: no data."
    (x0, y0), (x1, y1) = pairs[0], pairs[-1]
    lo = min(pairs, key=lambda p: p[1])
    hi = max(pairs, key=lambda p: p[1])
    u = (unit if unit == "%" else f" {unit}") if unit else ""
    return (
        f"{label}: {_fmt(y0)}{u} in {x0}, {_fmt(y1)}{u} in {x1}; "
        f"lowest {_fmt(lo[1])}{u} ({lo[0]}), highest {_fmt(hi[1])}{u} ({hi[0]})."
    )


def _fmt(value: float) -> str:
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
