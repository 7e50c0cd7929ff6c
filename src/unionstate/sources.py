"""The source registry: every source id with its URL, publisher and date.

data/sources.csv is the one place the provenance lives; data/SOURCES.md is
generated from it (write_sources_markdown) and a test keeps the two in sync.

Students have the register where they work: sources() shows it as a table in the
notebook (all of it, some ids, or the rows matching a word), and their workspace holds
a copy of SOURCES.md (workspace.py). Messages point there, not to the kit's data/ folder,
which a student's workspace does not have.
"""

from __future__ import annotations

import csv
import difflib
import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import paths

SOURCE_FIELDS = ["source_id", "url", "publisher", "date", "quote", "reliability", "collection"]


class UnknownSourceError(KeyError):
    """A source id that data/sources.csv does not list."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


@dataclass(frozen=True)
class Source:
    source_id: str
    url: str
    publisher: str
    date: str
    quote: str
    reliability: str
    collection: str

    def citation(self) -> str:
        """One line: publisher, date, URL."""
        date = self.date or "n.d."
        return f"{self.publisher} ({date}). {self.url} [{self.source_id}]"

    def short(self) -> str:
        """Publisher and date, for chart captions."""
        publisher = self.publisher.split(" (")[0].split(", citing")[0]
        return f"{publisher} ({self.date or 'n.d.'})"

    def _repr_html_(self) -> str:
        esc = html.escape
        return (
            f"<div><b>{esc(self.source_id)}</b>: {esc(self.publisher)}, {esc(self.date or 'n.d.')}. "
            f'<a href="{esc(self.url)}" target="_blank" rel="noopener">{esc(self.url)}</a>'
            f"<br><i>“{esc(self.quote)}”</i></div>"
        )


def split_ids(cell: object) -> list[str]:
    """A source_id cell may hold several ids separated by ';'."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


# Where a source stands, best first: the producer of a figure, the press reporting it, a relay, advocacy.
RELIABILITY_ORDER = {"primary": 0, "press": 1, "relay": 2, "advocacy": 3}


def reliability_rank(ids: str) -> int:
    """The best reliability among a cell's source ids (0 = primary); 9 when none is tagged."""
    table = all_sources()
    ranks = [RELIABILITY_ORDER.get(table[s].reliability, 9) for s in split_ids(ids) if s in table]
    return min(ranks, default=9)


def sources_path() -> Path:
    return paths.data_dir() / "sources.csv"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Source]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [f for f in SOURCE_FIELDS if f not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: the source table lacks the column(s) {', '.join(missing)}.")
        return {row["source_id"]: Source(**{f: row[f] for f in SOURCE_FIELDS}) for row in reader}


def all_sources() -> dict[str, Source]:
    """Every source, keyed by id."""
    return _load(str(sources_path()))


def source(source_id: str) -> Source:
    """Look up one source id; an unknown id gets a suggestion."""
    table = all_sources()
    try:
        return table[source_id.strip()]
    except KeyError:
        close = difflib.get_close_matches(source_id.strip(), table, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownSourceError(f"No source with id '{source_id}' in the kit's source register.{hint} "
                                 "sources() lists every id; so does SOURCES.md in your workspace.") from None


REGISTER_COLUMNS = ["source_id", "publisher", "date", "url", "quote"]


def sources_frame(ids: str | Iterable[str] | None = None, *, search: str = "", collection: str = "") -> "pd.DataFrame":
    """The register as a DataFrame (source_id, publisher, date, url, quote, reliability, collection).

    ids: one id, a ';'-separated cell or a list (an unknown id raises UnknownSourceError with a suggestion);
    search: keep the sources whose id, publisher or quote contain this text (any case);
    collection: 'union', 'opinion' or 'trade'."""
    import pandas as pd

    table = all_sources()
    if ids is not None:
        id_list = split_ids(ids) if isinstance(ids, str) else [i for cell in ids for i in split_ids(cell)]
        chosen = [source(i) for i in dict.fromkeys(id_list)]
    else:
        chosen = sorted(table.values(), key=lambda s: s.source_id)
    frame = pd.DataFrame([{f: getattr(s, f) for f in SOURCE_FIELDS} for s in chosen], columns=SOURCE_FIELDS)
    if collection:
        frame = frame[frame["collection"] == collection]
    if search:
        needle = search.casefold()
        hit = frame[["source_id", "publisher", "quote"]].apply(lambda col: col.str.casefold().str.contains(needle, regex=False))
        frame = frame[hit.any(axis=1)]
    return frame.reset_index(drop=True)


def sources(ids: str | Iterable[str] | None = None, *, search: str = "", collection: str = "") -> None:
    """Show the source register as a table: every source, the ids given, or those matching `search`.

        sources()                     # all of them
        sources("S08_RP_2020_01")     # one id (or a ';'-separated cell, or a list)
        sources(search="Golos")       # ids, publishers and quotes containing a word
    """
    from .tables import show_table

    frame = sources_frame(ids, search=search, collection=collection)
    what = "matching " + repr(search) if search else ("asked for" if ids is not None else "in the kit's register")
    caption = f"{len(frame)} source{'s' if len(frame) != 1 else ''} {what} (the same as SOURCES.md in your workspace)"
    if frame.empty:
        caption = f"No source {what}: try another word, or sources() for the whole register."
    show_table(frame[REGISTER_COLUMNS], caption=caption, missing={"date": "n.d."}, max_rows=len(frame) or 1)


def cite(ids: str | Iterable[str]) -> str:
    """A formatted citation for one id, a ';'-separated cell, or a list of ids."""
    id_list = split_ids(ids) if isinstance(ids, str) else [i for cell in ids for i in split_ids(cell)]
    return "\n".join(source(i).citation() for i in dict.fromkeys(id_list))


def caption_text(ids: str | Iterable[str]) -> str:
    """'Source: A (date); B (date).' for a chart caption."""
    id_list = split_ids(ids) if isinstance(ids, str) else [i for cell in ids for i in split_ids(cell)]
    shorts = list(dict.fromkeys(source(i).short() for i in dict.fromkeys(id_list)))
    label = "Source" if len(shorts) == 1 else "Sources"
    return f"{label}: " + "; ".join(shorts) + "."


def write_sources_markdown(csv_path: Path, md_path: Path) -> None:
    """Render data/SOURCES.md from data/sources.csv."""
    table = _load.__wrapped__(str(csv_path))
    titles = {"union": "Union State, debt, energy, article claims", "opinion": "Opinion surveys and the 2020 election", "trade": "Trade, EAEU and Klaipėda"}
    lines = [
        "# Sources",
        "",
        "Generated from `sources.csv` by `python tools/import_shared_data.py`; do not edit by hand.",
        "Every `source_id` used in the CSV files is listed with its URL, publisher and date, and a short",
        "verbatim quote that supports the figures (English glosses in square brackets were written by the",
        "curators). Reliability, where the curators tagged it: *primary* (the pollster, ministry or statistical",
        "office itself), *press* (a news outlet reporting it), *relay* (a secondary page, aggregator or blog).",
        "In notebooks: `unionstate.cite(\"ID\")` prints the citation of any id, and `unionstate.sources()` shows",
        "this register as a table (`sources(\"ID\")` for some ids, `sources(search=\"word\")` to search it).",
        "",
    ]
    for collection, title in titles.items():
        lines += [f"## {title}", "", "| source_id | publisher | date | URL | quote |", "|---|---|---|---|---|"]
        for src in sorted((s for s in table.values() if s.collection == collection), key=lambda s: s.source_id):
            quote = src.quote.replace("|", "\\|")
            rel = f" ({src.reliability})" if src.reliability else ""
            lines.append(f"| {src.source_id} | {src.publisher}{rel} | {src.date or 'n.d.'} | {src.url} | {quote} |")
        lines.append("")
    md_path.write_text("\n".join(lines), encoding="utf-8")
