"""Russia's share of Belarus's debt, under each definition the sources allow.

The article says "Russia accounts for about 70 percent of the Belarusian public
debt" (claim C04). No source in data/ gives that figure; the share depends on
which debt is the denominator (external public debt, external state debt under
the IMF SDDS, total public debt incl. domestic debt) and on who counts as
"Russia" (the Russian government alone, or also the Russia-funded EFSD). Every
share here says which definition it uses and which source ids it rests on, so
lesson 04 and the capstone's claim cards show the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..datasets import load_dataset

CLAIM_ID = "C04"  # the article's "about 70 percent" in article_claims.csv

RUSSIA = "Russia"
EFSD = "Eurasian Fund for Stabilization and Development (EFSD)"
# Who counts as "Russia" when shares are computed from creditor amounts.
COUNTED_AS_RUSSIA = {"Russia alone": (RUSSIA,), "Russia incl. EFSD": (RUSSIA, EFSD)}
DEFINITIONS = ("Russia alone", "Russia incl. EFSD", "as reported")

TOTAL = "external_public_debt_total"
BY_CREDITOR = "external_public_debt_by_creditor"


def _on(debt: pd.DataFrame, as_of) -> pd.DataFrame:
    return debt[debt["as_of_date"] == pd.Timestamp(as_of)]


def _usd_bn(row: pd.Series) -> float:
    """Amounts come in USD million or USD billion; shares need one unit."""
    unit = str(row["unit"])
    if unit == "USD billion":
        return float(row["value"])
    if unit == "USD million":
        return float(row["value"]) / 1000
    raise ValueError(f"{row['indicator']} on {row['as_of_date']:%Y-%m-%d} is in {unit!r}, not a USD amount")


def russia_share(debt: pd.DataFrame, as_of, definition: str) -> float | None:
    """Russia's share (percent) of Belarus's external public debt on the date as_of.

    definition:
    - "Russia alone": the amount owed to Russia / the external public debt total, x 100;
    - "Russia incl. EFSD": (Russia + EFSD amounts) / the total, x 100;
    - "as reported": the share a source itself reports for a creditor named "Russia..."
      (share_basis 'reported'), whatever that source counted as Russia.
    Returns None when the data have no such figure for that date: a missing
    figure is not a zero, and it must not be filled from another definition.
    """
    rows = _on(debt, as_of)
    if definition == "as reported":
        reported = rows[(rows["share_basis"] == "reported") & rows["creditor"].str.startswith("Russia", na=False)]
        return float(reported["share_pct"].iloc[0]) if len(reported) else None
    if definition not in COUNTED_AS_RUSSIA:
        raise ValueError(f"Unknown definition {definition!r}: use one of {', '.join(DEFINITIONS)}.")
    names = COUNTED_AS_RUSSIA[definition]
    total = rows[rows["indicator"] == TOTAL]
    owed = rows[(rows["indicator"] == BY_CREDITOR) & rows["creditor"].isin(names)]
    if total.empty or len(owed) < len(names):
        return None
    return 100 * sum(_usd_bn(r) for _, r in owed.iterrows()) / _usd_bn(total.iloc[0])


def _ids(rows: pd.DataFrame) -> str:
    """The distinct source ids of some rows, in order, ';'-joined."""
    seen: list[str] = []
    for cell in rows["source_id"]:
        for sid in str(cell).split(";"):
            if sid.strip() and sid.strip() not in seen:
                seen.append(sid.strip())
    return ";".join(seen)


def _row(debt: pd.DataFrame, as_of: str, indicator: str, creditor: str | None = None) -> pd.Series:
    rows = _on(debt, as_of)
    rows = rows[rows["indicator"] == indicator]
    if creditor is not None:
        rows = rows[rows["creditor"] == creditor]
    if len(rows) != 1:
        raise LookupError(f"expected one {indicator} row ({creditor or 'any creditor'}) on {as_of}, found {len(rows)}")
    return rows.iloc[0]


def external_share_of_public_debt(debt: pd.DataFrame, as_of: str = "2020-08-01") -> tuple[float, str]:
    """Share (percent) of external debt in total public debt, from MinFin's debt-to-GDP split.

    The row's definition text gives 'external X% + domestic Y% of GDP'; the two
    parts are rounded, so the share uses their sum (not the rounded total) as
    the denominator, which keeps external + domestic at 100 percent.
    """
    row = _row(debt, as_of, "public_debt_to_GDP")
    m = re.search(r"external ([\d.]+)% \+ domestic ([\d.]+)%", row["debt_definition"])
    if not m:
        raise LookupError(f"the public_debt_to_GDP row of {as_of} does not give an external/domestic split")
    external, domestic = float(m.group(1)), float(m.group(2))
    return 100 * external / (external + domestic), row["source_id"]


@dataclass(frozen=True)
class ShareUnderDefinition:
    """One answer to "what share of Belarus's debt is Russia's?", with what it measures."""

    key: str
    label: str  # short, for menus and chart labels
    as_of: str  # ISO date (the later one where two dates are combined)
    debt_measure: str  # the denominator
    counted_as_russia: str  # the numerator
    share_pct: float
    basis: str  # "computed from amounts", "reported by the source", "estimate mixing sources"
    source_id: str
    caveat: str
    breakdown: tuple[tuple[str, float, bool], ...]  # (creditor, share %, counted as Russia)


def _share_2018(debt: pd.DataFrame, definition: str) -> ShareUnderDefinition:
    day = "2018-12-31"
    rows = _on(debt, day)
    total = _usd_bn(_row(debt, day, TOTAL))
    creditors = rows[rows["indicator"] == BY_CREDITOR]
    names = COUNTED_AS_RUSSIA[definition]
    breakdown = tuple((r["creditor"], 100 * _usd_bn(r) / total, r["creditor"] in names) for _, r in creditors.iterrows())
    used = pd.concat([rows[rows["indicator"] == TOTAL], creditors[creditors["creditor"].isin(names)]])
    efsd = definition == "Russia incl. EFSD"
    return ShareUnderDefinition(
        key="efsd_2018" if efsd else "alone_2018",
        label=f"{definition}, end-2018",
        as_of=day,
        debt_measure="external public debt (Belarus MinFin data, via Officelife)",
        counted_as_russia="Russia and the Russia-funded EFSD" if efsd else "the Russian state only",
        share_pct=russia_share(debt, day, definition),
        basis="computed from amounts",
        source_id=_ids(used),
        caveat=(
            "The EFSD is a multilateral fund that the source describes as funded mainly by Russia; counting it as 'Russia' is a choice."
            if efsd
            else "Russian state banks and the Russia-funded EFSD are not counted."
        ),
        breakdown=breakdown,
    )


def _reported(debt: pd.DataFrame, day: str, key: str, label: str, caveat: str, measure: str) -> ShareUnderDefinition:
    rows = _on(debt, day)
    row = rows[(rows["share_basis"] == "reported") & rows["creditor"].str.startswith("Russia", na=False)].iloc[0]
    others = rows[(rows["share_basis"] == "reported") & rows["share_pct"].notna() & (rows["creditor"] != "all") & (rows.index != row.name)]
    if day == "2018-12-31":  # Officelife's own split: China and Western creditors are reported beside 'Russia incl. EFSD'
        others = others[others["creditor"] != EFSD]
    breakdown = [(row["creditor"], float(row["share_pct"]), True)] + [(r["creditor"], float(r["share_pct"]), False) for _, r in others.iterrows()]
    rest = 100 - sum(b[1] for b in breakdown)
    if rest > 0.5:
        breakdown.append(("others (not broken down)", rest, False))
    return ShareUnderDefinition(
        key=key,
        label=label,
        as_of=day,
        debt_measure=measure,
        counted_as_russia=f"whatever the source counted as '{row['creditor']}'",
        share_pct=float(row["share_pct"]),
        basis="reported by the source",
        source_id=_ids(pd.DataFrame([row])),
        caveat=caveat,
        breakdown=tuple(breakdown),
    )


def share_table(debt: pd.DataFrame | None = None) -> list[ShareUnderDefinition]:
    """Russia's share under every definition the data allow, oldest date first within each kind."""
    debt = load_dataset("debt") if debt is None else debt
    out = [_share_2018(debt, "Russia alone"), _share_2018(debt, "Russia incl. EFSD")]
    out.append(
        _reported(
            debt, "2018-12-31", "efsd_2018_reported", "Russia incl. EFSD, end-2018, as reported",
            "Officelife's own rounding of the same end-2018 data; it counts the EFSD as Russia.",
            "external public debt (Belarus MinFin data, via Officelife)",
        )
    )
    out.append(
        _reported(
            debt, "2020-07-01", "reported_2020", "As reported, mid-2020",
            "The source (ZIK, citing DW) does not say whether the EFSD is counted as Russia.",
            "external public debt",
        )
    )
    out.append(
        _reported(
            debt, "2009-10-01", "reported_2009", "As reported, Oct 2009",
            "Quoted by a low-quality host (an aggregator citing the First Deputy Finance Minister); verify before relying on it.",
            "external public (state) debt, Belarus MinFin",
        )
    )
    # Two estimates that mix sources: they answer the article's wording ("public debt") more closely.
    owed = _row(debt, "2019-12-31", "debt_owed_to_Russia")
    sdds = _row(debt, "2020-01-01", "external_state_debt_total_SDDS")
    share = 100 * _usd_bn(owed) / _usd_bn(sdds)
    out.append(
        ShareUnderDefinition(
            key="wb_sdds_2020", label="World Bank claims / SDDS debt, start of 2020", as_of="2020-01-01",
            debt_measure="external state debt incl. guaranteed loans (IMF SDDS definition)",
            counted_as_russia="Russia's bilateral sovereign claims (World Bank data)",
            share_pct=share, basis="estimate mixing sources", source_id=_ids(pd.DataFrame([owed, sdds])),
            caveat="Numerator (World Bank, end-2019) and denominator (Belarus MinFin, SDDS, 1 Jan 2020) come from different sources and definitions.",
            breakdown=((owed["creditor"], share, True), ("rest of external state debt", 100 - share, False)),
        )
    )
    external_pct, vz_ids = external_share_of_public_debt(debt)
    mid2020 = russia_share(debt, "2020-07-01", "as reported")
    share = mid2020 * external_pct / 100
    zik = _row(debt, "2020-07-01", "external_public_debt_share", "Russia")
    out.append(
        ShareUnderDefinition(
            key="total_public_2020", label="Share of total public debt, mid-2020 (estimate)", as_of="2020-08-01",
            debt_measure="total public debt (external + domestic)",
            counted_as_russia="Russia as reported for 1 July 2020",
            share_pct=share, basis="estimate mixing sources", source_id=_ids(pd.DataFrame([zik])) + ";" + vz_ids,
            caveat="Russia's reported share of external debt (1 July 2020) times the external part of total public debt (1 Aug 2020, from debt-to-GDP ratios).",
            breakdown=(
                ("Russia (as reported)", share, True),
                ("other external creditors", external_pct - share, False),
                ("domestic creditors", 100 - external_pct, False),
            ),
        )
    )
    owed = _row(debt, "2020-12-31", "debt_owed_to_Russia")
    total = _row(debt, "2020-12-01", "public_debt_total")
    share = 100 * _usd_bn(owed) / _usd_bn(total)
    out.append(
        ShareUnderDefinition(
            key="wb_total_2020", label="World Bank claims / total public debt, end-2020", as_of="2020-12-31",
            debt_measure="total public debt (external + domestic), USD",
            counted_as_russia="Russia's bilateral sovereign claims (World Bank data)",
            share_pct=share, basis="estimate mixing sources", source_id=_ids(pd.DataFrame([owed, total])),
            caveat="Numerator (World Bank, 31 Dec 2020) and denominator (total public debt on 1 Dec 2020, TASS-based report) differ in source and date.",
            breakdown=((owed["creditor"], share, True), ("everyone else, incl. domestic creditors", 100 - share, False)),
        )
    )
    return out


def share_frame(debt: pd.DataFrame | None = None) -> pd.DataFrame:
    """share_table as a DataFrame (one row per definition), for notebooks and claim cards."""
    rows = [{k: v for k, v in s.__dict__.items() if k != "breakdown"} for s in share_table(debt)]
    return pd.DataFrame(rows)


def claimed_share_pct(claims: pd.DataFrame | None = None) -> float:
    """The article's figure for Russia's share, read from its wording in article_claims (C04)."""
    claims = load_dataset("article_claims") if claims is None else claims
    statement = claims.loc[claims["claim_id"] == CLAIM_ID, "article_statement"].iloc[0]
    m = re.search(r"about (\d+(?:\.\d+)?) percent", statement)
    if not m:
        raise LookupError(f"claim {CLAIM_ID} does not state a percentage: {statement!r}")
    return float(m.group(1))


__all__ = [
    "CLAIM_ID",
    "DEFINITIONS",
    "EFSD",
    "ShareUnderDefinition",
    "claimed_share_pct",
    "external_share_of_public_debt",
    "russia_share",
    "share_frame",
    "share_table",
]
