"""Bring the curated datasets from ../shared/data-sources into data/.

Maintainer tool, run by hand when the curated data change:

    python tools/import_shared_data.py [--shared ../shared/data-sources]

What it does:
- copies every CSV byte for byte into data/<collection>/ (the figures are never
  retyped or reshaped; typing happens in the package's loader);
- parses the three SOURCES.md files (each curator used a different layout) into
  one machine-readable table, data/sources.csv;
- rewrites data/SOURCES.md from that table, and the generated data dictionary
  in data/README.md from data/datapackage.json.

The test suite (tests/test_data_matches_shared.py) proves the copies and the
source table still agree with ../shared when it is present.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unionstate.datasets import write_dictionary  # noqa: E402
from unionstate.sources import SOURCE_FIELDS, write_sources_markdown  # noqa: E402

COLLECTIONS = ("union", "opinion", "trade")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("<br>", " / ")).strip()


def parse_table_sources(text: str, collection: str) -> list[dict]:
    """Rows of the markdown tables whose first cell is a source id."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith("| source_id") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        sid = cells[0]
        if not re.fullmatch(r"[A-Z0-9_]+[a-z]?", sid) or len(cells) < 4:
            continue
        if len(cells) >= 5 and collection == "union":
            url, publisher, date, quote = cells[1], cells[2], cells[3], cells[4]
        else:  # trade: source_id | URL | publisher / date | quote | used for
            url, pub_date, quote = cells[1], cells[2], cells[3]
            publisher, _, date = pub_date.rpartition("; ")
            if not publisher:
                publisher, date = pub_date, ""
            if url.startswith("see section"):
                continue  # a cross reference, the full row is elsewhere
        rows.append(
            dict(
                source_id=sid,
                url=url.split(" ")[0],
                publisher=_clean(publisher),
                date=_clean(date),
                quote=_clean(quote),
                reliability="",
                collection=collection,
            )
        )
    return rows


OPINION_ITEM = re.compile(r"^- \*\*(?P<id>[A-Z0-9_]+)\*\* (?P<rest>.*)$")
DATE_IN_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4}|(?:early |late )?[A-Z][a-z]+\.? \d{1,2}, \d{4}"
    r"|(?:early |late )?(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
    r"|(?:early |late )?\d{4}"
)
RELIABILITY_PREFIXES = [
    ("press relay", "relay"),
    ("relay", "relay"),
    ("primary", "primary"),
    ("official", "primary"),
    ("press", "press"),
    ("advocacy", "advocacy"),
]


def _opinion_reliability(meta: str) -> tuple[str, str]:
    """'(press, forsal.pl, PAP relay; early 2020)' -> ('press', 'forsal.pl, PAP relay')."""
    reliability = ""
    for prefix, tag in RELIABILITY_PREFIXES:
        if meta.startswith(prefix):
            reliability = tag
            break
    head = meta.split(";")[0]
    parts = [p.strip() for p in head.split(",")]
    if parts and parts[0] in ("primary", "press", "relay"):
        parts = parts[1:]
    # drop a trailing date part, it goes to the date column
    while parts and DATE_IN_TEXT.fullmatch(parts[-1]):
        parts = parts[:-1]
    return reliability, ", ".join(parts) or meta


def parse_opinion_sources(text: str) -> list[dict]:
    """The opinion curator wrote '- **ID** (tag, publisher, date). URL' items."""
    rows = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = OPINION_ITEM.match(line)
        if not m:
            continue
        rest = m.group("rest")
        if rest.startswith("—"):  # the article itself: "— n-tv.de, ..., September 2020 (...). URL"
            head = rest.lstrip("— ")
            url = re.search(r"https?://\S+", head).group(0)
            publisher = head.split(" https://")[0].rstrip(". ")
            date, reliability = "2020-09", "primary"
        else:
            paren = re.match(r"\((?P<meta>[^)]*(?:\([^)]*\)[^)]*)*)\)", rest)
            meta = paren.group("meta") if paren else ""
            reliability, publisher = _opinion_reliability(meta)
            date_match = DATE_IN_TEXT.search(meta)
            date = date_match.group(0) if date_match and "date is not shown" not in meta else ""
            urls = re.findall(r"https?://\S+", rest)
            url = urls[0].rstrip(").") if urls else ""
            if publisher == meta and meta.startswith("relay,"):
                publisher = url.split("/")[2]  # only a date in the note: name the site
        quote_lines = []
        for follow in lines[i + 1 : i + 4]:
            if follow.startswith("  "):
                quote_lines.append(follow.strip())
            else:
                break
        rows.append(
            dict(
                source_id=m.group("id"),
                url=url,
                publisher=_clean(publisher),
                date=_clean(date),
                quote=_clean(" ".join(quote_lines))[:600],
                reliability=reliability,
                collection="opinion",
            )
        )
    return rows


def dataset_sources(text: str) -> list[dict]:
    """Section A of the trade SOURCES.md: data files, described in prose."""
    rows = []
    dots = "https://github.com/SamLeBlanc/Direction-of-Trade-Map/tree/a0b40afbac7cefc59a4b35c1ebe541ac546aafad/data/DOTS"
    for sid, reporter in re.findall(r"^\| (IMF_DOTS_[A-Z]+) \| `[^`]+` \| `[^`]+` \| ([^|]+) \|", text, re.M):
        rows.append(
            dict(
                source_id=sid,
                url=dots,
                publisher=f"IMF Direction of Trade Statistics, reporter {reporter.strip()} (third-party copy on GitHub)",
                date="downloaded on or before 2022-02-02",
                quote="Exports, FOB to Partner Countries / Imports, CIF from Partner Countries; US Dollars, Millions",
                reliability="primary",
                collection="trade",
            )
        )
    rows.append(
        dict(
            source_id="WB_GDP",
            url="https://github.com/datasets/gdp/blob/1cdcd2eb2364edd9da24bcbe134c1a9e0fb4c693/data/gdp.csv",
            publisher="World Bank WDI NY.GDP.MKTP.CD, GDP (current US$), via Datahub core/gdp",
            date="2024-10-21",
            quote="Country, regional and world GDP in current US Dollars ($). The data is sourced from the World Bank",
            reliability="primary",
            collection="trade",
        )
    )
    rows.append(
        dict(
            source_id="WB_POP",
            url="https://github.com/datasets/population/blob/425fc447a53a26c767a15a7de60c4cc2478a0595/data/population.csv",
            publisher="World Bank WDI SP.POP.TOTL, Population, total, via Datahub core/population",
            date="2026-03-06",
            quote="Population figures for countries, regions (e.g. Asia) and the world. Data comes originally from World Bank",
            reliability="primary",
            collection="trade",
        )
    )
    return rows


def build_sources(shared: Path) -> list[dict]:
    rows = parse_table_sources((shared / "union" / "SOURCES.md").read_text(), "union")
    trade_text = (shared / "trade" / "SOURCES.md").read_text()
    rows += dataset_sources(trade_text)
    rows += parse_table_sources(trade_text, "trade")
    rows += parse_opinion_sources((shared / "opinion" / "SOURCES.md").read_text())
    by_id: dict[str, dict] = {}
    for row in rows:
        # One id can be listed twice in a file (e.g. a cross-reference); keep the fuller row.
        old = by_id.get(row["source_id"])
        if old is None or len(row["quote"]) > len(old["quote"]):
            by_id[row["source_id"]] = row
    return sorted(by_id.values(), key=lambda r: (r["collection"], r["source_id"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data-sources")
    args = parser.parse_args(argv)
    data = ROOT / "data"
    for collection in COLLECTIONS:
        (data / collection).mkdir(parents=True, exist_ok=True)
        for csv_path in sorted((args.shared / collection).glob("*.csv")):
            shutil.copyfile(csv_path, data / collection / csv_path.name)
    sources = build_sources(args.shared)
    with open(data / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=SOURCE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sources)
    write_sources_markdown(data / "sources.csv", data / "SOURCES.md")
    write_dictionary(data / "README.md")
    print(f"copied CSVs and wrote {len(sources)} sources to {data}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
