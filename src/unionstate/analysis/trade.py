"""Belarus's goods trade by partner, the EAEU's weight, mirror statistics and Klaipėda transit.

Lesson 03 (notebook, exercises, explorer) and the capstone's claim cards (lesson 05)
call these functions, so each number the kit states about trade is computed once.

Rules taken from data/trade (README and SOURCES.md section F):
- the partner series is the IMF DOTS one (source_id IMF_DOTS_BLR, Belarus-reported,
  2000-2020); the few Belstat press rows in the same file carry other source ids and
  are kept apart, never added in;
- "EU" in DOTS rows is the EU27 without the UK in every year;
- the EAEU group is built from eaeu_members (every member except Belarus); the union
  exists from 2015, so earlier years are "the four countries that later formed it";
- Russia-reported mirror rows before 2012 are patchy;
- Klaipėda: only rows with qualifier 'exact' enter a calculation.
"""

from __future__ import annotations

import pandas as pd

from ..datasets import load_dataset

DOTS_SOURCE = "IMF_DOTS_BLR"  # the consistent partner series; press rows are not part of it
WORLD = "World total"
REPORTER = "Belarus"  # the country whose trade the series describes
FLOWS = ("exports", "imports", "turnover", "balance")
EAEU = "EAEU"
EU = "EU"
MIRROR_RELIABLE_FROM = {"Russia": 2012}  # data/README.md, trade caveat 2: earlier Russian rows are patchy
EXACT = "exact"


# --- groups ------------------------------------------------------------------------------


def eaeu_members() -> list[str]:
    """The five EAEU member states, in the order of the eaeu_members dataset."""
    return load_dataset("eaeu_members")["country"].tolist()


def eaeu_partners() -> list[str]:
    """Belarus's partners inside the EAEU: every member except Belarus itself."""
    return [country for country in eaeu_members() if country != REPORTER]


def group_label(name: str) -> str:
    """How a partner or group is named in charts and menus (groups say what they contain)."""
    if name == EAEU:
        return f"EAEU (sum of {', '.join(eaeu_partners())})"
    if name == EU:
        return "EU (EU27 without UK, all years)"
    return name


def members_of(name: str) -> list[str]:
    """The partner rows that make up a partner or group name."""
    return eaeu_partners() if name == EAEU else [name]


# --- the DOTS partner series -------------------------------------------------------------


def dots_trade(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """The IMF DOTS rows only, with turnover (exports + imports) and balance (exports - imports)."""
    trade = load_dataset("trade_partners") if trade is None else trade
    rows = trade[trade["source_id"] == DOTS_SOURCE].copy()
    rows["turnover_usd_m"] = rows["exports_usd_m"] + rows["imports_usd_m"]
    rows["balance_usd_m"] = rows["exports_usd_m"] - rows["imports_usd_m"]
    return rows.reset_index(drop=True)


def partners(trade: pd.DataFrame | None = None) -> list[str]:
    """Single partners of the DOTS series (not the world total), in file order."""
    return [p for p in dots_trade(trade)["partner"].drop_duplicates() if p != WORLD]


def flows(name: str, trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exports, imports, turnover and balance (USD million) by year for a partner or group.

    A group's value for a year is the sum of its members; a year where a member's row is
    missing gives NaN rather than a sum that silently leaves a country out.
    """
    rows = dots_trade(trade)
    members = members_of(name)
    if name != WORLD and not set(members) <= set(rows["partner"]):
        missing = sorted(set(members) - set(rows["partner"]))
        raise ValueError(f"No DOTS rows for {', '.join(missing)}.")
    picked = rows[rows["partner"].isin(members)]
    columns = [f"{flow}_usd_m" for flow in FLOWS]
    summed = picked.groupby("year")[columns].sum()
    complete = picked.groupby("year")["partner"].nunique() == len(members)
    summed[~complete] = float("nan")
    summed.columns = list(FLOWS)
    return summed


def share_of_total(name: str, flow: str = "turnover", trade: pd.DataFrame | None = None) -> pd.Series:
    """A partner's or group's share (%) of Belarus's total exports, imports or turnover, by year."""
    if flow not in ("exports", "imports", "turnover"):
        raise ValueError(f"A share of the total exists for exports, imports or turnover, not for {flow!r}.")
    share = 100 * flows(name, trade)[flow] / flows(WORLD, trade)[flow]
    share.name = f"{name} share of {flow} (%)"
    return share


def eaeu_share(trade: pd.DataFrame, year: int, flow: str = "turnover") -> float:
    """Share (%) of Belarus's exports, imports or turnover with its EAEU partners in one year."""
    return float(share_of_total(EAEU, flow, trade).loc[year])


def eaeu_turnover_share(year: int) -> float:
    """The EAEU partners' share (%) of Belarus's goods turnover in one year (the article's 'half')."""
    return eaeu_share(load_dataset("trade_partners"), year)


def russia_turnover_share(year: int) -> float:
    """Russia's share (%) of Belarus's total goods turnover in one year."""
    return float(share_of_total("Russia").loc[year])


def russia_share_of_eaeu(year: int, flow: str = "turnover") -> float:
    """Russia's share (%) of Belarus's trade with its EAEU partners in one year."""
    return float(100 * flows("Russia")[flow].loc[year] / flows(EAEU)[flow].loc[year])


def eaeu_share_series(start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Per year: the EAEU partners' and Russia's shares (%) of turnover, exports and imports."""
    table = pd.DataFrame(
        {
            "EAEU turnover": share_of_total(EAEU, "turnover"),
            "EAEU exports": share_of_total(EAEU, "exports"),
            "EAEU imports": share_of_total(EAEU, "imports"),
            "Russia turnover": share_of_total("Russia", "turnover"),
            "Russia share of EAEU turnover": 100 * flows("Russia")["turnover"] / flows(EAEU)["turnover"],
        }
    )
    table.index.name = "year"
    return table.loc[start:end]


def largest_deficit_year(partner: str = "Russia") -> int:
    """The year of Belarus's largest trade deficit (most negative balance) with a partner."""
    return int(flows(partner)["balance"].idxmin())


# --- published figures next to the computed ones ----------------------------------------

# Partner names of the published-shares file that mean the same as a DOTS partner or group.
_COMPARABLE = {"Russia": "Russia", "EAEU": EAEU, "EU27 (excl. UK)": EU, "Ukraine": "Ukraine", "China": "China",
               "Germany": "Germany", "Poland": "Poland", "United Kingdom": "United Kingdom"}


def published_vs_computed() -> pd.DataFrame:
    """Every published share (trade_shares) next to the share computed from DOTS, where one can be.

    No computed value: the year is after the DOTS series ends (the series break after 2020),
    or the partner is defined differently (Belstat's 'EU' is the EU of that year, with the UK).
    """
    published = load_dataset("trade_shares")
    dots_years = set(dots_trade()["year"])
    computed, why = [], []
    for row in published.itertuples():
        name = _COMPARABLE.get(row.partner)
        if row.year not in dots_years:
            computed.append(float("nan"))
            why.append("after the DOTS series ends (2020)")
        elif name is None:
            computed.append(float("nan"))
            why.append("partner group not defined as in the DOTS rows")
        else:
            computed.append(round(float(share_of_total(name, row.flow).loc[row.year]), 1))
            why.append("")
    out = published[["year", "partner", "flow", "period", "share_pct", "qualifier", "source_id"]].copy()
    out = out.rename(columns={"share_pct": "published_pct"})
    out["computed_from_dots_pct"] = computed
    out["why_no_computed_value"] = why
    return out


# --- mirror statistics -------------------------------------------------------------------


def mirror_comparison(reporter: str = "Russia") -> pd.DataFrame:
    """Belarus-reported trade with a partner next to the partner's own figures, by year.

    gap_pct = (partner-reported - Belarus-reported) / Belarus-reported * 100, for each direction:
    Belarus's exports are the partner's imports and the other way round. `reliable` is False
    for years the README marks as patchy (Russia before 2012) or where a figure is missing.
    """
    mirror = load_dataset("trade_mirror")
    theirs = mirror[(mirror["reporter"] == reporter) & (mirror["partner"] == REPORTER)].set_index("year")
    ours = flows(reporter)
    table = pd.DataFrame(
        {
            "belarus_exports_usd_m": ours["exports"],
            "partner_imports_usd_m": theirs["reporter_imports_from_partner_usd_m"],
            "belarus_imports_usd_m": ours["imports"],
            "partner_exports_usd_m": theirs["reporter_exports_to_partner_usd_m"],
        }
    ).loc[ours.index]  # only years of the Belarus-reported series
    table["exports_gap_pct"] = 100 * (table["partner_imports_usd_m"] - table["belarus_exports_usd_m"]) / table["belarus_exports_usd_m"]
    table["imports_gap_pct"] = 100 * (table["partner_exports_usd_m"] - table["belarus_imports_usd_m"]) / table["belarus_imports_usd_m"]
    first_good = MIRROR_RELIABLE_FROM.get(reporter, table.index.min())
    table["reliable"] = (table.index >= first_good) & table.notna().all(axis=1)
    table.index.name = "year"
    return table


def mirror_gap(year: int, reporter: str = "Russia", direction: str = "exports") -> float:
    """One mirror gap (%): direction 'exports' compares Belarus's exports with the partner's imports."""
    return float(mirror_comparison(reporter).loc[year, f"{direction}_gap_pct"])


def reported_turnover(partner: str = "Russia") -> pd.DataFrame:
    """Turnover figures quoted by each side (trade_turnover_reported), with DOTS turnover where it exists."""
    quoted = load_dataset("trade_turnover_reported")
    quoted = quoted[quoted["partner"] == partner].copy()
    dots = flows(partner)["turnover"]
    quoted["dots_turnover_usd_m"] = [round(float(dots[y]), 1) if (p == "full year" and y in dots.index) else float("nan") for y, p in zip(quoted["year"], quoted["period"])]
    return quoted[["year", "period", "turnover_usd_m", "qualifier", "reporting_side", "dots_turnover_usd_m", "source_id"]].reset_index(drop=True)


# --- the EAEU's members: Russia's weight ------------------------------------------------


def eaeu_weights() -> pd.DataFrame:
    """Each member's population and GDP (World Bank, from eaeu_members) and its share (%) of the union's."""
    members = load_dataset("eaeu_members")
    table = members[["country", "joined", "membership_type", "population", "gdp_usd_current", "population_year", "gdp_year", "source_id"]].copy()
    table["population_share_pct"] = 100 * table["population"] / table["population"].sum()
    table["gdp_share_pct"] = 100 * table["gdp_usd_current"] / table["gdp_usd_current"].sum()
    return table


def russia_gdp_share() -> float:
    """Russia's share (%) of the EAEU members' combined GDP (the year given in eaeu_members)."""
    weights = eaeu_weights().set_index("country")
    return float(weights.loc["Russia", "gdp_share_pct"])


def eaeu_in_force() -> pd.Timestamp:
    """The date the EAEU treaty came into force, from eaeu_facts (all sources agree on it)."""
    facts = load_dataset("eaeu_facts")
    dates = facts.loc[facts["event"] == "eaeu_in_force", "date"].unique()
    if len(dates) != 1:
        raise ValueError("The sources disagree on the EAEU's entry into force; look at eaeu_facts.")
    return pd.Timestamp(dates[0])


# --- Klaipėda ------------------------------------------------------------------------------


def _klaipeda(metric: str, exact_only: bool = True) -> pd.DataFrame:
    rows = load_dataset("klaipeda_transit")
    rows = rows[rows["metric"] == metric]
    if exact_only:
        rows = rows[rows["qualifier"] == EXACT]
    return rows.reset_index(drop=True)


def klaipeda_throughput(exact_only: bool = False) -> pd.DataFrame:
    """The port's total throughput (Mt) per year: the exact figure where there is one, else the hedged one."""
    rows = _klaipeda("port_total_throughput", exact_only=exact_only)
    rows = rows.assign(is_exact=rows["qualifier"] == EXACT).sort_values(["year", "is_exact"])
    best = rows.groupby("year").tail(1).sort_values("year")
    return best[["year", "value", "qualifier", "source_id"]].rename(columns={"value": "port_total_mt"}).reset_index(drop=True)


def klaipeda_computed_shares() -> pd.DataFrame:
    """Belarusian cargo as a share (%) of the port's throughput, from tonnes, for years where both are exact.

    Where two exact cargo figures conflict (2020: two reports), each gets its own row.
    """
    cargo = _klaipeda("belarusian_cargo")
    totals = klaipeda_throughput(exact_only=True)
    both = cargo.merge(totals, on="year", suffixes=("_cargo", "_total"))
    out = pd.DataFrame(
        {
            "year": both["year"],
            "belarusian_cargo_mt": both["value"],
            "port_total_mt": both["port_total_mt"],
            "computed_share_pct": 100 * both["value"] / both["port_total_mt"],
            "cargo_source_id": both["source_id_cargo"],
            "total_source_id": both["source_id_total"],
        }
    )
    return out.sort_values(["year", "belarusian_cargo_mt"]).reset_index(drop=True)


def klaipeda_reported_shares() -> pd.DataFrame:
    """Belarusian shares of the port's throughput as the sources state them, with their qualifiers."""
    rows = _klaipeda("belarusian_cargo_share_of_port", exact_only=False)
    return rows[["year", "period", "value", "qualifier", "source_id"]].rename(columns={"value": "reported_share_pct"})


def klaipeda_share_evidence() -> pd.DataFrame:
    """Computed and reported Belarusian shares in one table, one row per figure, for display and claim cards."""
    computed = klaipeda_computed_shares()
    rows = [
        {"year": r.year, "kind": "computed from tonnes", "share_pct": round(r.computed_share_pct, 1), "qualifier": EXACT,
         "period": "full year", "basis": f"{r.belarusian_cargo_mt:g} Mt of {r.port_total_mt:.1f} Mt",
         "source_id": "; ".join(dict.fromkeys([r.cargo_source_id, r.total_source_id]))}
        for r in computed.itertuples()
    ]
    rows += [
        {"year": r.year, "kind": "reported", "share_pct": r.reported_share_pct, "qualifier": r.qualifier, "period": r.period,
         "basis": "as stated", "source_id": r.source_id}
        for r in klaipeda_reported_shares().itertuples()
    ]
    return pd.DataFrame(rows).sort_values(["year", "kind"], kind="stable").reset_index(drop=True)


def klaipeda_belarusian_share(year: int) -> dict[str, list[float]]:
    """For a claim card: the computed shares (exact tonnes) and the reported shares of one year."""
    computed = klaipeda_computed_shares()
    reported = klaipeda_reported_shares()
    return {
        "computed": [float(v) for v in computed.loc[computed["year"] == year, "computed_share_pct"]],
        "reported": [float(v) for v in reported.loc[reported["year"] == year, "reported_share_pct"]],
    }


def potash_transit_end() -> pd.Series:
    """The klaipeda_events row that dates the end of the Lithuanian Railways-Belaruskali transport agreement."""
    events = load_dataset("klaipeda_events")
    return events[events["event"] == "potash_transit_ended"].iloc[0]


__all__ = [
    "DOTS_SOURCE",
    "EAEU",
    "EU",
    "FLOWS",
    "WORLD",
    "dots_trade",
    "eaeu_in_force",
    "eaeu_members",
    "eaeu_partners",
    "eaeu_share",
    "eaeu_share_series",
    "eaeu_turnover_share",
    "eaeu_weights",
    "flows",
    "group_label",
    "klaipeda_belarusian_share",
    "klaipeda_computed_shares",
    "klaipeda_reported_shares",
    "klaipeda_share_evidence",
    "klaipeda_throughput",
    "largest_deficit_year",
    "members_of",
    "mirror_comparison",
    "mirror_gap",
    "partners",
    "potash_transit_end",
    "published_vs_computed",
    "reported_turnover",
    "russia_gdp_share",
    "russia_share_of_eaeu",
    "russia_turnover_share",
    "share_of_total",
]
