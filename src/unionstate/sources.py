"""The source registry: every source id with its URL, publisher and date.

data/sources.csv is the one place the provenance lives; data/SOURCES.md is
generated from it (write_sources_markdown) and a test keeps the two in sync.
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
            _damaged(path, f"line 1 (header), column '{missing[0]}': this column is missing")
        rows = {}
        for row in reader:
            if None in row or any(row.get(f) is None for f in SOURCE_FIELDS):  # too many or too few cells
                _damaged(path, f"line {reader.line_num}: the row does not have one cell per column")
            rows[row["source_id"]] = Source(**{f: row[f] for f in SOURCE_FIELDS})
        return rows


def _damaged(path: str, where: str) -> None:
    """A damaged sources.csv: the data loader's own check names the problem where it can, else this sentence."""
    from .datasets import DataError, list_datasets, load_dataset

    if Path(path) == sources_path() and "sources" in list_datasets():
        load_dataset("sources")  # raises the DataError naming file, line and column
    raise DataError(f"{path}, {where}. Fix the file, or restore the original with: git checkout -- data/sources.csv", file=path)


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
        raise UnknownSourceError(f"No source with id '{source_id}' in data/sources.csv.{hint}") from None


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
        "In notebooks: `unionstate.cite(\"ID\")` prints the citation of any id.",
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
