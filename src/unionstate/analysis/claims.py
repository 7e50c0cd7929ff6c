"""The article's claims, the fact-checkers' verdict scale, and the evidence for each claim.

Lesson 05 (the capstone) and its claim cards call these. The evidence for a claim is
never recomputed here: each card calls the function of the lesson that computed it
(analysis.union for lesson 01, analysis.opinion for 02, analysis.trade for 03,
analysis.debt for 04, analysis.election for the election figures), so a card shows
exactly what that lesson shows, and follows the data when they change.

The claims, their types and the curators' verdicts come from article_claims.csv; the
claims are worded after the English translation of the article (source S00_NTV_2020_09).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..datasets import load_dataset
from ..sources import split_ids
from . import debt, election, opinion, trade, union

ARTICLE = "S00_NTV_2020_09"  # the article itself in the source register
SURVEY = "BAW_2019_12"  # the survey behind claims C12 and C13 (surveys.csv notes)

# The verdict scale of the curated data (data-sources/union/README.md: "supported / partly
# supported / unsupported / misleading / opinion"), with the meaning the kit gives each label.
# A curators' verdict may add a qualifier in brackets: "partly supported (overstated)".
VERDICT_SCALE = {
    "supported": "The evidence confirms the claim as worded (a fair rounding included).",
    "partly supported": "Part of the claim holds, or its direction holds but its size, date or wording goes too far.",
    "unsupported": "No evidence for the claim was found, or the evidence contradicts it.",
    "misleading": "The facts may be right, but the way they are used gives a wrong impression (missing context, an unfair comparison).",
    "not checkable with these data": "The claim is about facts, but the kit's data cannot settle it: every figure comes from an interested party or covers only part of the population.",
    "opinion": "A judgement or prediction: it can be fair or unfair, but not true or false, so it gets no factual verdict.",
    "context": "Background the curators add to the claims; not a sentence of the article, so it gets no verdict on the article.",
}
VERDICTS = list(VERDICT_SCALE)

# The four kinds of sentence a fact-checker sorts first; prediction is the fourth.
KINDS = ("fact", "opinion", "prediction", "quotation")
# The curators' claim_type values, by kind. 'attribution' reports what someone said (a quotation
# to check: did they say it?); 'fact-characterisation' describes a checkable state of affairs.
_QUOTATION_TYPES = ("quote", "attribution")

# The article's words for a share, as numbers ("mainly" read as "more than half").
SHARE_WORDS = {"three quarters": 3 / 4, "half": 1 / 2, "mainly": 1 / 2}


# --- claims and verdicts ------------------------------------------------------------------


def claims(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """article_claims with the verdict split into its label on the scale and its qualifier, and each claim's kind."""
    frame = load_dataset("article_claims") if frame is None else frame.copy()
    parts = frame["verdict"].map(split_verdict)
    frame["verdict_label"] = [p[0] for p in parts]
    frame["verdict_qualifier"] = [p[1] for p in parts]
    frame["kind"] = frame["claim_type"].map(claim_kind)
    return frame


def claim(claim_id: str, frame: pd.DataFrame | None = None) -> pd.Series:
    """One row of claims() by its id ('C04')."""
    table = claims(frame)
    rows = table[table["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"No claim {claim_id!r} in article_claims.csv (ids run {table['claim_id'].iloc[0]} to {table['claim_id'].iloc[-1]}).")
    return rows.iloc[0]


def split_verdict(verdict: str) -> tuple[str, str]:
    """'partly supported (overstated)' -> ('partly supported', 'overstated'); the label must be on the scale."""
    m = re.fullmatch(r"\s*([^()]+?)\s*(?:\((.+)\))?\s*", str(verdict))
    label = m.group(1).strip().lower() if m else ""
    qualifier = (m.group(2) or "").strip() if m else ""
    head, _, rest = label.partition(",")
    if label not in VERDICT_SCALE and head.strip() in VERDICT_SCALE and not qualifier:
        label, qualifier = head.strip(), rest.strip()  # 'context, not an article claim'
    if label not in VERDICT_SCALE:
        raise ValueError(f"{verdict!r} is not on the verdict scale ({', '.join(VERDICTS)}).")
    return label, qualifier


def claim_kind(claim_type: str) -> str:
    """The kind of sentence behind a curators' claim_type: fact, opinion or quotation.

    Types naming an opinion ('opinion', 'characterisation / opinion') are opinions; 'quote' and
    'attribution' are quotations; every other type ('fact-...', 'survey') is a checkable fact.
    The data type no claim as a prediction (the headline's prediction is typed 'opinion').
    """
    text = str(claim_type).strip().lower()
    if "opinion" in text:
        return "opinion"
    if text in _QUOTATION_TYPES:
        return "quotation"
    return "fact"


def verdict_counts(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many claims got each verdict, by label on the scale and qualifier (labels in scale order, unused ones at 0)."""
    table = claims(frame)
    counts = table.groupby(["verdict_label", "verdict_qualifier"]).size().rename("claims").reset_index()
    missing = [v for v in VERDICTS if v not in set(counts["verdict_label"])]
    counts = pd.concat([counts, pd.DataFrame({"verdict_label": missing, "verdict_qualifier": "", "claims": 0})], ignore_index=True)
    counts["_order"] = counts["verdict_label"].map(VERDICTS.index)
    counts = counts.sort_values(["_order", "verdict_qualifier"]).drop(columns="_order").reset_index(drop=True)
    return counts


def claimed_figure(claim_id: str, frame: pd.DataFrame | None = None) -> float | None:
    """The share (percent) a claim states, read from its wording; None when it states none.

    'about 70 percent' -> 70; 'three quarters' -> 75; 'half' -> 50; 'mainly' -> 50 (read as
    'more than half', the threshold a figure must pass).
    """
    statement = str(claim(claim_id, frame)["article_statement"]).lower()
    m = re.search(r"(\d+(?:\.\d+)?) percent", statement)
    if m:
        return float(m.group(1))
    for words, share in SHARE_WORDS.items():
        if re.search(rf"\b{words}\b", statement):
            return 100 * share
    return None


def closest_gap(claimed: float, figures) -> float:
    """Percentage points between a claimed share and the figure closest to it (claimed minus that figure).

    Positive: the claim is higher than every reading of the data near it (it overstates);
    negative: it is lower. figures may be a list or a pandas Series; missing values are skipped.
    """
    values = [float(v) for v in figures if v is not None and v == v]
    if not values:
        raise ValueError("There is no figure to compare the claim with.")
    closest = min(values, key=lambda v: abs(claimed - v))
    return claimed - closest


# --- evidence from the data ---------------------------------------------------------------


@dataclass
class Evidence:
    """What the data say about one claim, computed by the lesson that covers it."""

    claim_id: str
    lesson: str  # where the kit computes this: "lesson 04"
    finding: str  # one to three sentences with the numbers, attributed
    table: pd.DataFrame | None = None
    chart: str = ""  # "bars", "line", "election" or "" (no chart)
    chart_value: str = ""  # the table column the chart draws
    chart_label: str = ""  # the table column that names each bar or line
    reference: float | None = None  # the claim's figure, drawn as a line on the chart
    reference_label: str = ""
    unit: str = ""  # axis label of the chart's values
    highlight: tuple[str, ...] = ()  # bars that hold the figure the claim is about
    source_ids: list[str] = field(default_factory=list)  # the sources of the rows used
    not_in_data: str = ""  # what the data cannot show about the claim ('' when they cover it)


def _ids(cells) -> list[str]:
    return list(dict.fromkeys(i for cell in cells for i in split_ids(cell)))


def _day(ts) -> str:
    return f"{pd.Timestamp(ts).day} {pd.Timestamp(ts):%B %Y}"


def _events(*fragments: str, timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """Timeline rows whose event text contains any of the fragments (case-insensitive), in date order."""
    t = load_dataset("union_timeline") if timeline is None else timeline
    pattern = "|".join(re.escape(f) for f in fragments)
    rows = t[t["event"].str.contains(pattern, case=False, regex=True)]
    return rows.sort_values("date")[["date", "event", "source_id"]].reset_index(drop=True)


def _timeline_evidence(claim_id: str, rows: pd.DataFrame, finding: str, not_in_data: str = "") -> Evidence:
    return Evidence(claim_id, "lesson 01's union timeline", finding, table=rows, source_ids=_ids(rows["source_id"]), not_in_data=not_in_data)


def _c01() -> Evidence:
    treaties = union.union_treaties()
    first = treaties.iloc[0]
    finding = (
        f"The union timeline lists {len(treaties)} treaty events between Russia and Belarus alone up to "
        f"{treaties['date'].dt.year.max()}. The first: {first['event']} ({_day(first['date'])}); the Union State treaty "
        f"was signed on {_day(union.event_date(union.SIGNING))}."
    )
    return Evidence("C01", "lesson 01", finding, table=treaties[["date", "event", "source_id"]], source_ids=_ids(treaties["source_id"]))


def _c02() -> Evidence:
    rows = _events("unification was possible", "merger into Russia impossible")
    finding = (
        f"The timeline records {len(rows)} statements by Lukashenko with the same sense: on {_day(rows['date'].iloc[0])} "
        f"and on {_day(rows['date'].iloc[-1])}."
    )
    return _timeline_evidence("C02", rows, finding, "The quoted sentence itself (its exact wording and date) is not in the data.")


def _c03() -> Evidence:
    rows = _events("currency", "ruble", "emission centre")
    provisions = union.promised_vs_delivered()
    currency = provisions[provisions["topic"].str.contains("currency", case=False)].iloc[0]
    finding = (
        f"The timeline has {len(rows)} events on a common currency from {rows['date'].dt.year.min()} to {rows['date'].dt.year.max()}; "
        f"the 1999 treaty's provision '{currency['topic']}' (Art. {currency['article']}) is '{currency['status_2020']}' in 2020."
    )
    ids = _ids(list(rows["source_id"]) + [currency["status_source_id"]])
    return Evidence("C03", "lesson 01", finding, table=rows, source_ids=ids)


def _c04() -> Evidence:
    shares = debt.share_frame()
    claimed = debt.claimed_share_pct()
    top = shares.loc[shares["share_pct"].idxmax()]
    total = shares[shares["debt_measure"].str.startswith("total public debt")]
    finding = (
        f"Under the {len(shares)} definitions the data allow, Russia's share of Belarus's debt lies between "
        f"{shares['share_pct'].min():.1f}% and {top['share_pct']:.1f}%. The highest ({top['label']}; {top['source_id']}) is "
        f"{claimed - top['share_pct']:.1f} percentage points below the article's {claimed:g}%. Against total public debt, "
        f"the article's own word, the estimates are {total['share_pct'].min():.1f}% to {total['share_pct'].max():.1f}%."
    )
    table = shares[["label", "debt_measure", "share_pct", "basis", "source_id"]].round({"share_pct": 1})
    return Evidence(
        "C04", "lesson 04", finding, table=table, chart="bars", chart_value="share_pct", chart_label="label",
        reference=claimed, reference_label=f"article: about {claimed:g}%", unit="Russia's share (%), each with its own denominator",
        source_ids=_ids(shares["source_id"]),
    )


def _c05() -> Evidence:
    rows = _events("gas price for 2020", "working visit to Sochi")
    finding = (
        f"The timeline records the gas-price talks of {_day(rows['date'].iloc[0])} and the loan announced at Sochi on "
        f"{_day(rows['date'].iloc[-1])}, partly to refinance old debt."
    )
    return _timeline_evidence("C05", rows, finding, "What Peskov said was at stake in Sochi is only in the curators' sources, not in a dataset.")


def _c06() -> Evidence:
    rows = _events("refinanc")
    finding = f"The timeline has {len(rows)} events on refinancing Belarus's debt to Russia, from {_day(rows['date'].iloc[0])} to {_day(rows['date'].iloc[-1])}."
    return _timeline_evidence("C06", rows, finding)


def _c07() -> Evidence:
    rows = _events("reserve of Russian law-enforcement")
    finding = f"The timeline records Putin's statement about a reserve of law-enforcement officers on {_day(rows['date'].iloc[0])}."
    return _timeline_evidence("C07", rows, finding)


def _c08() -> Evidence:
    t = load_dataset("union_timeline")
    rows = union.events_in_period(t, 2018, 2019)
    rows = rows[rows["category"].astype(str).isin(["politics", "economy", "protest"])][["date", "event", "source_id"]].reset_index(drop=True)
    finding = (
        f"The timeline lists {len(rows)} political, economic and protest events in 2018-2019, from "
        f"{_day(rows['date'].iloc[0])} to {_day(rows['date'].iloc[-1])}."
    )
    return _timeline_evidence("C08", rows, finding)


def _c09() -> Evidence:
    rows = _events("Constitutional referendum")
    finding = f"The timeline records a constitutional referendum on {_day(rows['date'].iloc[0])}, after the article appeared."
    return _timeline_evidence("C09", rows, finding, "Lukashenko's 2020 statements about a constitutional reform are not in a dataset; the curators cite them.")


def _c10() -> Evidence:
    rows = _events("working visit")
    finding = f"The timeline calls the meeting of {_day(rows['date'].iloc[0])} a working visit."
    return _timeline_evidence("C10", rows, finding, "The data cannot show how Peskov worded it; only the curators' sources can.")


def _c11() -> Evidence:

    table = election.comparison_table()
    official = table.iloc[0]
    others = table[~table["kind"].str.startswith("official")]
    election_day = union.event_date("Presidential election")
    sochi = union.event_date(union.SOCHI_2020)
    finding = (
        f"{union.days_election_to_sochi()} days passed between the election ({_day(election_day)}) and the Sochi meeting ({_day(sochi)}). "
        f"The CEC's final result credits Lukashenko with {official['Lukashenko_pct']:g}% ({official['source_id']}). Figures of other "
        f"kinds give him between {others['Lukashenko_pct'].min():g}% and {others['Lukashenko_pct'].max():g}%: they measure different "
        f"things among different people, so they are shown side by side, not compared as if they were counts."
    )
    return Evidence(
        "C11", "lesson 00 (the dates) and this lesson (the election figures)", finding,
        table=table[["kind", "Lukashenko_pct", "Tsikhanouskaya_pct", "value_qualifier", "covers", "source_id"]],
        chart="election", unit="Share (%)", source_ids=_ids(table["source_id"]),
    )


def _baw_evidence(claim_id: str) -> Evidence:
    shares = opinion.baw_relations_shares(SURVEY)
    method = opinion.survey_method(SURVEY)
    claimed = claimed_figure(claim_id)
    table = shares.rename("share_pct").reset_index()
    if claim_id == "C12":
        finding = (
            f"BAW ({method.fieldwork}, {method.mode}, n = {method.sample_size}): {shares[opinion.UNION_STATE]:g}% chose a union state; "
            f"another {shares[opinion.JOINS_RUSSIA]:g}% chose Belarus joining Russia (together {opinion.merger_share(SURVEY):g}%)."
        )
    else:
        finding = (
            f"BAW ({method.fieldwork}, n = {method.sample_size}): {shares['independent states, open border']:g}% chose fully "
            f"independent states with friendly relations, an open border and no visa or customs controls."
        )
    rows = opinion.labelled(opinion.exact_rows())
    asked = rows[(rows["survey_id"] == SURVEY) & (rows["question_label"] == opinion.RELATIONS)]
    ids = _ids(asked["source_id"]) + [method.source_id]
    return Evidence(
        claim_id, "lesson 02", finding, table=table, chart="bars", chart_value="share_pct", chart_label="option",
        reference=claimed, reference_label=f"article: {claimed:g}%", unit="Share of respondents (%)", source_ids=list(dict.fromkeys(ids)),
        highlight=(opinion.UNION_STATE,) if claim_id == "C12" else ("independent states, open border",),
    )



def _c14() -> Evidence:
    members = trade.eaeu_members()
    statement = str(claim("C14")["article_statement"])
    listed = [name.strip() for name in re.search(r"\((.+)\)", statement).group(1).split(",")]
    same = set(listed) == set(members)
    table = load_dataset("eaeu_members")[["country", "joined", "joined_source_id"]].rename(columns={"joined_source_id": "source_id"})
    finding = (
        f"eaeu_members lists {len(members)} member states: {', '.join(members)}; the union came into force on "
        f"{_day(trade.eaeu_in_force())}. The article's list {'names the same' if same else 'differs from these'} {len(listed)} countries."
    )
    return Evidence("C14", "lesson 03", finding, table=table, source_ids=_ids(table["source_id"]))


def _c15() -> Evidence:
    series = trade.eaeu_share_series()
    last = int(series.index.max())
    finding = (
        f"IMF DOTS data (Belarus-reported goods trade): the EAEU partners' share of Belarus's turnover was "
        f"{series.loc[last - 1, 'EAEU turnover']:.1f}% in {last - 1} and {series.loc[last, 'EAEU turnover']:.1f}% in {last}; "
        f"Russia alone {series.loc[last - 1, 'Russia turnover']:.1f}% in {last - 1}."
    )
    table = series[["EAEU turnover", "Russia turnover"]].round(1).rename(columns={"EAEU turnover": "EAEU partners", "Russia turnover": "Russia alone"}).reset_index()
    long = table.melt(id_vars="year", var_name="series", value_name="share_pct")
    return Evidence(
        "C15", "lesson 03", finding, table=long, chart="line", chart_value="share_pct", chart_label="series",
        reference=claimed_figure("C15"), reference_label="article: half", unit="Share of goods turnover (%)",
        source_ids=[trade.DOTS_SOURCE],
    )


def _c16() -> Evidence:
    shares = trade.klaipeda_share_evidence()
    computed = shares[shares["kind"] == "computed from tonnes"]
    finding = (
        f"Computed from tonnes, Belarusian cargo was {computed['share_pct'].min():g}% to {computed['share_pct'].max():g}% of "
        f"Klaipėda's throughput ({computed['year'].min()}-{computed['year'].max()}); the shares the sources report run from "
        f"{shares.loc[shares['kind'] == 'reported', 'share_pct'].min():g}% to {shares.loc[shares['kind'] == 'reported', 'share_pct'].max():g}%. "
        f"'Mainly' would need more than half."
    )
    names = [
        f"{y} computed ({b})" if k == "computed from tonnes"
        else f"{y} reported" + ("" if p == "full year" else ", part year") + ("" if q == "exact" else f" ({q})")
        for y, k, q, b, p in zip(shares["year"], shares["kind"], shares["qualifier"], shares["basis"], shares["period"])
    ]
    table = shares.assign(figure=names)
    table = table[["figure", "share_pct", "period", "basis", "source_id"]]
    return Evidence(
        "C16", "lesson 03", finding, table=table, chart="bars", chart_value="share_pct", chart_label="figure",
        reference=claimed_figure("C16"), reference_label="'mainly': more than half", unit="Belarusian share of the port's cargo (%)",
        source_ids=_ids(shares["source_id"].str.replace(" ", "")),
    )


def _c17() -> Evidence:
    rows = _events("Kolesnikova")
    finding = f"The timeline records Kolesnikova's statement of {_day(rows['date'].iloc[0])} on relations with Russia."
    return _timeline_evidence("C17", rows, finding, "'Quite loyal' is a characterisation: no dataset measures loyalty.")


def _c18() -> Evidence:
    return Evidence(
        "C18", "lesson 00", "The data hold no evidence for or against this claim.",
        not_in_data="This is the headline's judgement about what is at stake, with a prediction in it. No dataset can show it true or false.",
    )


def _c19() -> Evidence:
    rows = _events("working visit to Sochi")
    finding = f"The timeline records the meeting on {_day(rows['date'].iloc[0])}: {rows['event'].iloc[0]}."
    return _timeline_evidence("C19", rows, finding)


EVIDENCE: dict[str, Callable[[], Evidence]] = {
    "C01": _c01, "C02": _c02, "C03": _c03, "C04": _c04, "C05": _c05, "C06": _c06, "C07": _c07,
    "C08": _c08, "C09": _c09, "C10": _c10, "C11": _c11, "C12": lambda: _baw_evidence("C12"),
    "C13": lambda: _baw_evidence("C13"), "C14": _c14, "C15": _c15, "C16": _c16, "C17": _c17,
    "C18": _c18, "C19": _c19,
}


def evidence(claim_id: str) -> Evidence:
    """The evidence for one claim, computed now from data/. A claim the kit has no evidence for says so."""
    claim(claim_id)  # an unknown id raises a clear KeyError
    builder = EVIDENCE.get(claim_id)
    if builder is None:
        return Evidence(claim_id, "", "The kit has no evidence from the data for this claim.", not_in_data="Only the curators' sources speak to it.")
    return builder()


def numeric_claims() -> pd.DataFrame:
    """The claims that state a share, next to the data: the claimed figure, the figures the lessons compute, and the gap.

    One row per claim: claimed_pct, lowest_pct / highest_pct (the range of the data's readings),
    closest_pct and gap_points (claimed minus the closest reading; positive: the claim is higher).
    Readings are exact figures only (Klaipėda's "about" and "just over" shares are left out).
    """
    series = trade.eaeu_share_series()
    recent = list(series.index[-2:])  # the last two years of the DOTS series, the years before the article
    klaipeda = trade.klaipeda_share_evidence()
    relations = opinion.baw_relations_shares(SURVEY)
    readings = {
        "C04": list(debt.share_frame()["share_pct"]),
        "C12": [float(relations[opinion.UNION_STATE]), opinion.merger_share(SURVEY)],
        "C13": [float(relations["independent states, open border"])],
        "C15": [float(series.loc[y, column]) for column in ("EAEU turnover", "Russia turnover") for y in recent],
        "C16": list(klaipeda.loc[klaipeda["qualifier"] == "exact", "share_pct"]),
    }
    lessons = {"C04": "lesson 04", "C12": "lesson 02", "C13": "lesson 02", "C15": "lesson 03", "C16": "lesson 03"}
    table = claims()
    rows = []
    for cid, figures in readings.items():
        claimed = claimed_figure(cid, table)
        gap = closest_gap(claimed, figures)
        rows.append(
            {
                "claim_id": cid,
                "article_statement": table.loc[table["claim_id"] == cid, "article_statement"].iloc[0],
                "claimed_pct": claimed,
                "lowest_pct": round(min(figures), 1),
                "highest_pct": round(max(figures), 1),
                "closest_pct": round(claimed - gap, 1),
                "gap_points": round(gap, 1),
                "computed_in": lessons[cid],
            }
        )
    return pd.DataFrame(rows)


__all__ = [
    "ARTICLE",
    "Evidence",
    "KINDS",
    "VERDICTS",
    "VERDICT_SCALE",
    "claim",
    "claim_kind",
    "claimed_figure",
    "claims",
    "closest_gap",
    "evidence",
    "numeric_claims",
    "split_verdict",
    "verdict_counts",
]
