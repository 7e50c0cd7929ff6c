"""The Union State of Russia and Belarus: the treaty timeline and the 1999 treaty's provisions.

Used by lesson 01 (notebook, exercises, timeline explorer) and by the capstone's
claim cards (lesson 05): C01 "officially aspired to since the 1990s", C02 the
"two generations" quotation, C03 the "much-discussed" common currency.

Every function takes the loaded DataFrame (or loads it when none is given), so a
notebook can pass a copy it has filtered, and tests can pass a small frame.
"""

from __future__ import annotations

import pandas as pd

from ..datasets import load_dataset
from ..sources import split_ids

# The event that made the Union State (timeline row of 8 Dec 1999) and the meeting the article is about.
SIGNING = "Treaty on the Establishment (Creation) of the Union State signed"
SOCHI_2020 = "working visit to Sochi"

# Implementation status of a treaty provision, grouped into what a reader asks: was the promise kept?
# 'n.a.' rows are principles or procedures (sovereign equality, amendments), not promises of something to build.
DELIVERY = {
    "implemented (formally)": "implemented",
    "implemented": "implemented",
    "partly": "partly",
    "not implemented": "not implemented",
    "unclear": "unclear",
    "n.a.": "not a promise",
    "n.a. (principle)": "not a promise",
}
DELIVERY_ORDER = ["implemented", "partly", "not implemented", "unclear", "not a promise"]


def _timeline(timeline: pd.DataFrame | None) -> pd.DataFrame:
    return load_dataset("union_timeline") if timeline is None else timeline


def _provisions(provisions: pd.DataFrame | None) -> pd.DataFrame:
    return load_dataset("treaty_provisions") if provisions is None else provisions


# --- the timeline ------------------------------------------------------------------------


def event_date(fragment: str, timeline: pd.DataFrame | None = None) -> pd.Timestamp:
    """The date of the one timeline event whose text contains `fragment`."""
    t = _timeline(timeline)
    rows = t[t["event"].str.contains(fragment, regex=False)]
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} timeline events contain {fragment!r}; expected exactly one. Use a longer phrase.")
    return rows["date"].iloc[0]


def days_election_to_sochi() -> int:
    """Days from the 2020 presidential election to the Sochi meeting (the article's 'a month after')."""
    return int((event_date("working visit to Sochi") - event_date("Presidential election")).days)


def events_in_period(timeline: pd.DataFrame, start: int, end: int, category: str | None = None) -> pd.DataFrame:
    """Events from the year `start` to the year `end` (both included), of one category (None: all), in date order."""
    years = timeline["date"].dt.year
    keep = (years >= start) & (years <= end)
    if category is not None:
        keep &= timeline["category"] == category
    return timeline[keep].sort_values("date", kind="stable")


def parties(actors: object) -> list[str]:
    """The ';'-separated entries of an actors cell."""
    return split_ids(actors)  # same cell format as source ids: 'A; B; C'


def union_treaties(timeline: pd.DataFrame | None = None, until: int = 1999) -> pd.DataFrame:
    """Treaty events up to the year `until` between Russia and Belarus alone: the evidence for claim C01.

    Multilateral agreements are left out: the curators list every state of such an
    agreement as an actor ('Belarus; Russia; Ukraine' for the CIS in 1991), so a treaty
    row naming three or more actors is not a step of the two states' union.
    """
    t = _timeline(timeline)
    treaties = t[(t["category"] == "treaty") & (t["date"].dt.year <= until)]
    bilateral = treaties["actors"].map(lambda cell: len(parties(cell)) < 3)
    return treaties.loc[bilateral, ["date", "event", "actors", "source_id"]].sort_values("date").reset_index(drop=True)


def events_per_year(timeline: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Number of events per year (rows) and category (columns, only those with events), start to end."""
    period = events_in_period(timeline, start, end)
    counts = pd.crosstab(period["date"].dt.year, period["category"].astype(str))
    counts = counts.reindex(range(start, end + 1), fill_value=0)
    order = [c for c in timeline["category"].cat.categories if c in counts.columns] if hasattr(timeline["category"], "cat") else list(counts.columns)
    counts = counts[order]
    counts.index.name, counts.columns.name = "year", "category"
    return counts


def years_since_signing(until: str | pd.Timestamp | None = None, timeline: pd.DataFrame | None = None) -> float:
    """Years (days / 365.25) from the signing of the Union State treaty to `until` (default: the 2020 Sochi meeting)."""
    t = _timeline(timeline)
    end = event_date(SOCHI_2020, t) if until is None else pd.Timestamp(until)
    return (end - event_date(SIGNING, t)).days / 365.25


# --- the 1999 treaty: promised and delivered ----------------------------------------------


def provision_status_counts(provisions: pd.DataFrame | None = None) -> pd.Series:
    """How many provisions have each implementation status in 2020 (statuses in the data's order, empty ones left out)."""
    p = _provisions(provisions)
    counts = p["status_2020"].value_counts(sort=False)
    return counts[counts > 0].rename("provisions")


def promised_vs_delivered(provisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per provision: what was promised and whether it was delivered by 2020, grouped as in DELIVERY_ORDER."""
    p = _provisions(provisions)
    table = p[["topic", "article", "status_2020", "status_evidence", "status_source_id", "confidence"]].copy()
    table["delivered"] = pd.Categorical(table["status_2020"].astype(str).map(DELIVERY), categories=DELIVERY_ORDER)
    table = table.sort_values("delivered", kind="stable").reset_index(drop=True)
    return table[["delivered", "topic", "article", "status_2020", "status_evidence", "status_source_id", "confidence"]]


def delivery_counts(provisions: pd.DataFrame | None = None) -> pd.Series:
    """Provisions per delivery group (implemented, partly, not implemented, unclear, not a promise)."""
    return promised_vs_delivered(provisions)["delivered"].value_counts(sort=False).reindex(DELIVERY_ORDER).rename("provisions")


def share_implemented(provisions: pd.DataFrame | None = None) -> float:
    """Percentage of the treaty's promises (rows that are not 'n.a.') implemented, at least formally, by 2020."""
    counts = delivery_counts(provisions)
    promises = counts.drop("not a promise").sum()
    return float(100 * counts["implemented"] / promises)


def unverified_articles(provisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Provisions whose article number the curators could not confirm in the treaty text (see the data README)."""
    p = _provisions(provisions)
    return p[p["article"].fillna("").str.contains("not verified")][["article", "topic", "text_source_id"]].reset_index(drop=True)


__all__ = [
    "DELIVERY",
    "DELIVERY_ORDER",
    "delivery_counts",
    "event_date",
    "events_in_period",
    "events_per_year",
    "parties",
    "promised_vs_delivered",
    "provision_status_counts",
    "share_implemented",
    "union_treaties",
    "unverified_articles",
    "years_since_signing",
]
