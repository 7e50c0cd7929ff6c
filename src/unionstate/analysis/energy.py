"""The gas price Belarus paid Gazprom, compared with Gazprom's average export price to Europe.

energy_prices.csv mixes concepts: contract prices, Belstat average import
prices, prices stated by politicians, part-year figures and a forecast. The
rules here keep the comparison honest:
- Belarus: the indicator 'gas_price_Belarus' (the contract or stated price);
  Europe: 'gazprom_avg_price_Europe' (Gazprom's average, as reported in the press);
- a gap is "full year" only when both prices are for period 'year'; other
  pairs are "part year" and shown only on request, marked as such;
- a forecast is never used as an actual value;
- the implicit subsidy is an estimate: price gap x volume, with the volume's
  own caveats (a planned volume is not a delivered one).
"""

from __future__ import annotations

import pandas as pd

from ..datasets import load_dataset

BELARUS = "gas_price_Belarus"
EUROPE = "gazprom_avg_price_Europe"
FULL_YEAR = "year"
# Words in the timeline's energy events that mark a supply dispute (cut-off, shut-down, halt).
DISPUTE_WORDS = r"\bcuts?\b|\bshuts?\b|\bhalted\b"


def _is_forecast(frame: pd.DataFrame) -> pd.Series:
    text = frame["period"].fillna("") + " " + frame["note"].fillna("")
    return text.str.contains("forecast", case=False)


def price_rows(energy: pd.DataFrame, indicator: str, *, full_year_only: bool = True) -> pd.DataFrame:
    """Numeric, non-forecast rows of one price indicator: year, price, period, source_id, note.

    With full_year_only=False, part-year rows (a quarter, 'start of year') are kept
    for years that have no full-year value, one per year (the first listed).
    """
    rows = energy[(energy["indicator"] == indicator) & energy["year_num"].notna() & energy["value_num"].notna() & ~_is_forecast(energy)]
    rows = rows.assign(year=rows["year_num"].astype(int), price=rows["value_num"], full_year=rows["period"] == FULL_YEAR)
    if full_year_only:
        rows = rows[rows["full_year"]]
    rows = rows.sort_values(["year", "full_year"], ascending=[True, False], kind="stable").drop_duplicates("year")
    return rows[["year", "price", "period", "full_year", "source_id", "note"]].reset_index(drop=True)


def annual_prices(energy: pd.DataFrame | None = None, indicator: str = BELARUS) -> pd.Series:
    """Full-year prices of one indicator (USD per 1000 m3), indexed by year."""
    energy = load_dataset("energy_prices") if energy is None else energy
    rows = price_rows(energy, indicator)
    return pd.Series(rows["price"].to_numpy(), index=pd.Index(rows["year"], name="year"), name=indicator)


def gas_price_gap(energy: pd.DataFrame | None = None, *, include_part_year: bool = False) -> pd.DataFrame:
    """Years with both a Belarus and a European price, and the gap between them.

    Columns: year, belarus_price, belarus_period, europe_price, europe_period,
    gap_usd (Europe minus Belarus, USD per 1000 m3), gap_pct (gap as % of the
    European price), comparison ('full year' / 'part year'), source_id.
    """
    energy = load_dataset("energy_prices") if energy is None else energy
    by = price_rows(energy, BELARUS, full_year_only=not include_part_year)
    eu = price_rows(energy, EUROPE, full_year_only=not include_part_year)
    both = by.merge(eu, on="year", suffixes=("_by", "_eu"))
    out = pd.DataFrame(
        {
            "year": both["year"],
            "belarus_price": both["price_by"],
            "belarus_period": both["period_by"],
            "europe_price": both["price_eu"],
            "europe_period": both["period_eu"],
        }
    )
    out["gap_usd"] = out["europe_price"] - out["belarus_price"]
    out["gap_pct"] = 100 * out["gap_usd"] / out["europe_price"]
    out["comparison"] = ["full year" if a and b else "part year" for a, b in zip(both["full_year_by"], both["full_year_eu"])]
    out["source_id"] = [_join(a, b) for a, b in zip(both["source_id_by"], both["source_id_eu"])]
    return out.reset_index(drop=True)


def _join(*cells: str) -> str:
    ids: list[str] = []
    for cell in cells:
        for sid in str(cell).split(";"):
            if sid.strip() and sid.strip() not in ids:
                ids.append(sid.strip())
    return ";".join(ids)


def largest_gap_year(energy: pd.DataFrame | None = None) -> int:
    """The full-year comparable year with the largest gap in USD per 1000 m3."""
    gap = gas_price_gap(energy)
    return int(gap.loc[gap["gap_usd"].idxmax(), "year"])


def gas_volumes(energy: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gas volumes for Belarus (bcm) by year, with the indicator saying whether planned or delivered."""
    energy = load_dataset("energy_prices") if energy is None else energy
    rows = energy[energy["indicator"].str.startswith("gas_volume_Belarus") & energy["year_num"].notna() & energy["value_num"].notna()]
    rows = rows.assign(year=rows["year_num"].astype(int), volume_bcm=rows["value_num"], planned=rows["indicator"].str.endswith("_planned"))
    return rows[["year", "volume_bcm", "indicator", "planned", "source_id", "note"]].sort_values("year", kind="stable").reset_index(drop=True)


def implicit_subsidy(energy: pd.DataFrame | None = None) -> pd.DataFrame:
    """Estimated implicit subsidy for each full-year comparable year that also has a gas volume.

    subsidy_usd_million = gap (USD per 1000 m3) x volume (bcm): one bcm is a million
    thousand cubic metres, so USD per 1000 m3 times bcm gives USD million.
    This is what Belarus would have paid extra at Gazprom's average European
    price, not a measured transfer: that price includes transport to Europe and
    Europe's market conditions, and a planned volume is not a delivered one.
    """
    energy = load_dataset("energy_prices") if energy is None else energy
    gap = gas_price_gap(energy)
    both = gap.merge(gas_volumes(energy), on="year", suffixes=("", "_volume"))
    both["subsidy_usd_million"] = both["gap_usd"] * both["volume_bcm"]
    both["source_id"] = [_join(a, b) for a, b in zip(both["source_id"], both["source_id_volume"])]
    cols = ["year", "gap_usd", "volume_bcm", "indicator", "planned", "subsidy_usd_million", "source_id"]
    return both[cols].rename(columns={"indicator": "volume_indicator"}).reset_index(drop=True)


def dispute_events(timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """Energy events of the union timeline that were supply disputes (a cut-off, shut-down or halt)."""
    timeline = load_dataset("union_timeline") if timeline is None else timeline
    energy = timeline[(timeline["category"] == "energy") & timeline["event"].str.contains(DISPUTE_WORDS, case=False, regex=True)]
    out = energy[["date", "event", "source_id"]].assign(year=energy["date"].dt.year)
    return out.reset_index(drop=True)


def dispute_years(timeline: pd.DataFrame | None = None) -> list[int]:
    """Distinct years of the energy disputes, in order."""
    return sorted(set(int(y) for y in dispute_events(timeline)["year"]))


__all__ = [
    "BELARUS",
    "EUROPE",
    "annual_prices",
    "dispute_events",
    "dispute_years",
    "gas_price_gap",
    "gas_volumes",
    "implicit_subsidy",
    "largest_gap_year",
    "price_rows",
]
