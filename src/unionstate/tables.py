"""The one way the kit shows a table to students: readable on a laptop, by keyboard and without HTML.

    from unionstate import show_table
    show_table(load_dataset("union_timeline").head(10), caption="The first ten events")

What pandas' own display does not do, and show_table does:
- text is left-aligned and wraps inside its column, never cut at 50 characters;
- a missing value is an empty cell (or a word you choose: missing="not stated"), never NaN or NaT;
- dates are dates ("2019-12-18"), without a time of 00:00:00;
- a long list of source ids shows the first two and "+3 more"; the full list is in the cell's
  tooltip and read out to screen readers;
- the table sits in a box that scrolls sideways when it is wider than the notebook, and the box can
  be reached and scrolled with the keyboard (tabindex=0, role="region", named by its caption);
- a plain-text version for front ends without HTML (and for nbval to compare).

Every style is inline, so the table reads the same without the widgets' CSS (a saved notebook, a
viewer without a kernel). table_html() gives the same HTML for a widget to embed.
"""

from __future__ import annotations

import html
from typing import Mapping

import numpy as np
import pandas as pd
from IPython.display import display

from .sources import split_ids

MAX_ROWS = 60  # like pandas: a longer table shows its first rows and says how many there are
MAX_IDS = 2  # source ids shown in a cell before "+N more"
WRAP_AT = 32  # a text column with a longer value wraps; shorter ones stay on one line
SOURCE_COLUMNS = ("source_id", "source_ids", "sources")

_TABLE_STYLE = "border-collapse:collapse;font-size:0.9em;line-height:1.35;margin:0;table-layout:auto"
_CELL = "padding:3px 8px;vertical-align:top;border-bottom:1px solid #e0e0e0"
_HIDDEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"


def _is_source_column(name) -> bool:
    text = str(name).lower()
    return text in SOURCE_COLUMNS or text.endswith("source_id") or text.endswith("source_ids")


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are not missing
        return False


def _decimals(values: pd.Series) -> int:
    """As few decimals as show every value exactly (at most 6), and at least one: a float column stays visibly a float."""
    finite = values[np.isfinite(values.to_numpy(dtype=float))]
    for places in range(1, 7):
        if np.allclose(finite.round(places), finite, rtol=0, atol=1e-9):
            return places
    return 6


def _date_format(values: pd.Series) -> str:
    stamps = values.dropna()
    with_time = bool(len(stamps)) and bool((stamps.dt.normalize() != stamps).any())
    return "%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d"


class _Column:
    """How one column is shown: its kind (number, date, text, sources) and its cells as text."""

    def __init__(self, name, values: pd.Series, missing: str):
        self.name, self.missing = name, missing
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if pd.api.types.is_bool_dtype(values):
            self.kind = "text"
            self.cells = [missing if _missing(v) else str(bool(v)) for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values):
            self.kind = "date"
            fmt = _date_format(values)
            self.cells = [missing if _missing(v) else v.strftime(fmt) for v in values]
        elif pd.api.types.is_integer_dtype(values):
            self.kind = "number"
            self.cells = [missing if _missing(v) else str(int(v)) for v in values]
        elif pd.api.types.is_float_dtype(values):
            self.kind = "number"
            places = _decimals(values.dropna()) if values.notna().any() else 1
            self.cells = [missing if _missing(v) else f"{float(v):.{places}f}" for v in values]
        else:
            self.kind = "sources" if _is_source_column(name) else "url" if str(name).lower().endswith("url") else "text"
            self.cells = [missing if _missing(v) else _text(v) for v in values]
        self.wraps = self.kind in ("text", "url") and any(len(c) > WRAP_AT for c in self.cells)

    @property
    def align(self) -> str:
        return "right" if self.kind == "number" else "left"

    def style(self) -> str:
        if self.wraps:
            longest = max(len(c) for c in self.cells)
            wrap = "anywhere" if self.kind == "url" else "break-word"  # a URL has no spaces to break at
            return f"text-align:left;white-space:normal;overflow-wrap:{wrap};min-width:{min(longest, 22) // 2 + 6}em;max-width:34em"
        return f"text-align:{self.align};white-space:nowrap"


def _text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def _source_cell(text: str) -> str:
    ids = split_ids(text)
    if len(ids) <= MAX_IDS:
        return html.escape("; ".join(ids) if ids else text)
    full = "; ".join(ids)
    shown = "; ".join(ids[:MAX_IDS])
    return (f'<span title="{html.escape(full, quote=True)}">{html.escape(shown)} <i aria-hidden="true">+{len(ids) - MAX_IDS} more</i></span>'
            f'<span style="{_HIDDEN}">; {html.escape("; ".join(ids[MAX_IDS:]))}</span>')


class Table:
    """A DataFrame (or Series) shown the kit's way: HTML for JupyterLab, plain text elsewhere. See the module's docstring."""

    def __init__(self, data: pd.DataFrame | pd.Series, *, caption: str = "", missing: str | Mapping[str, str] = "",
                 index: bool | None = None, max_rows: int = MAX_ROWS, label: str = ""):
        frame = data.to_frame() if isinstance(data, pd.Series) else data
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"show_table needs a pandas DataFrame or Series, not {type(data).__name__}.")
        self.total_rows = len(frame)
        self.frame = frame.head(max_rows)
        self.caption, self.label = caption, label
        # The index is shown when it means something (a name, or labels other than 0, 1, 2 ...).
        self.index = index if index is not None else not (isinstance(frame.index, pd.RangeIndex) and frame.index.name is None)
        words = missing if isinstance(missing, Mapping) else {}
        default = "" if isinstance(missing, Mapping) else missing
        shown = self.frame.reset_index() if self.index else self.frame
        self.index_columns = self.frame.index.nlevels if self.index else 0
        self.columns = [_Column(name, shown.iloc[:, i], words.get(name, default)) for i, name in enumerate(shown.columns)]

    # --- HTML -------------------------------------------------------------------------

    def name(self) -> str:
        """What the scroll box is called for a screen reader: the label, the caption, or its columns."""
        if self.label or self.caption:
            return self.label or self.caption
        names = ", ".join(str(c.name) for c in self.columns[:6]) + (" …" if len(self.columns) > 6 else "")
        return f"Table of {self.total_rows} row{'s' if self.total_rows != 1 else ''}: {names}"

    def html(self) -> str:
        head = "".join(
            f'<th scope="col" style="{_CELL};{c.style()};text-align:{c.align};font-weight:bold;border-bottom:1px solid #999">{html.escape(str(c.name))}</th>'
            for c in self.columns
        )
        rows = []
        for r in range(len(self.frame)):
            cells = []
            for k, c in enumerate(self.columns):
                text = c.cells[r]
                body = html.escape(text)
                if c.kind == "sources" and text != c.missing:
                    body = _source_cell(text)
                elif c.kind == "url" and text.startswith(("http://", "https://")):
                    body = f'<a href="{html.escape(text, quote=True)}" target="_blank" rel="noopener">{body}</a>'

                tag, scope = ("th", ' scope="row"') if k < self.index_columns else ("td", "")
                cells.append(f'<{tag}{scope} style="{_CELL};{c.style()}">{body}</{tag}>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = f'<caption style="caption-side:top;text-align:left;font-weight:bold;padding:2px 0">{html.escape(self.caption)}</caption>' if self.caption else ""
        note = ""
        if self.total_rows > len(self.frame):
            note = f'<p style="margin:2px 0;font-size:0.85em;color:#333">Showing the first {len(self.frame)} of {self.total_rows} rows.</p>'
        return (
            f'<div class="unionstate-table" role="region" tabindex="0" aria-label="{html.escape(self.name(), quote=True)}" '
            f'style="overflow-x:auto;max-width:100%;position:relative">'
            f'<table class="dataframe" style="{_TABLE_STYLE}">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"</div>{note}"
        )

    # --- plain text -------------------------------------------------------------------

    def text(self) -> str:
        shown = pd.DataFrame({str(c.name): c.cells for c in self.columns})
        out = shown.to_string(index=False, max_colwidth=None) if len(self.columns) else "(no columns)"
        if self.caption:
            out = f"{self.caption}\n{out}"
        if self.total_rows > len(self.frame):
            out += f"\nShowing the first {len(self.frame)} of {self.total_rows} rows."
        return out

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.text()}

    def __repr__(self) -> str:
        return self.text()


def table_html(data: pd.DataFrame | pd.Series, **options) -> str:
    """The HTML of show_table(), for a widget or a page to embed."""
    return Table(data, **options).html()


def show_table(data: pd.DataFrame | pd.Series, *, caption: str = "", missing: str | Mapping[str, str] = "", index: bool | None = None,
               max_rows: int = MAX_ROWS, label: str = "") -> None:
    """Display a table the kit's way (see the module's docstring).

    caption: a title shown above the table (and the name a screen reader gives its scroll box);
    missing: what an empty cell says, for every column or per column ({"note": "none"});
    index: show the DataFrame's index (default: only when it is not 0, 1, 2 ...);
    max_rows: show at most this many rows, and say how many there are;
    label: the scroll box's name for a screen reader when there is no caption."""
    display(Table(data, caption=caption, missing=missing, index=index, max_rows=max_rows, label=label))


__all__ = ["MAX_ROWS", "Table", "show_table", "table_html"]
