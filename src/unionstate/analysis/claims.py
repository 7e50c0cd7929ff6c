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

# The verdict scale of the curated data (data-sources/union/README.md), with the meaning the kit gives
# each label. A curators' verdict may add a qualifier in brackets: "partly supported (overstated)".
VERDICT_SCALE = {
    "supported": "The evidence confirms the claim as worded (a fair rounding included).",
    "partly supported": "Part of the claim holds, or its direction holds but its size, date or wording goes too far.",
    "unsupported": "No evidence for the claim was found, or the evidence contradicts it.",
    "misleading": "The facts may be right, but the way they are used gives a wrong impression (missing context, an unfair comparison).",
    "not checkable with these data": "The claim is about facts, but the kit's data cannot settle it: the figures that exist come from interested parties or cover only part of the population.",
    "opinion": "A judgement or prediction: it can be fair or unfair, but not true or false, so it gets no factual verdict.",
    "context": "Background the curators add to the claims; not a sentence of the article, so it gets no verdict on the article.",
}
VERDICTS = list(VERDICT_SCALE)

# The four kinds of sentence a fact-checker sorts first (exercise 05.1).
SENTENCE_KINDS = ("fact", "opinion", "prediction", "quotation")
# The kinds the kit gives the rows of article_claims: a characterisation ("lives mainly on", "feared by most",
# "a clear majority") says in evaluative words something records can show, so it is checked like a fact;
# context is a row that is not a sentence of the article. The data type no claim as a prediction.
KINDS = ("fact", "characterisation", "quotation", "opinion", "prediction", "context")
_QUOTATION_TYPES = ("quote", "attribution")  # 'attribution' reports what someone said: did they say it?

# The article's words for a share, as numbers. "mainly" is read as "more than half", the threshold a figure must
# pass; that is one of two readings of a translated word (READINGS["C16"] shows the verdict under both).
SHARE_WORDS = {"three quarters": 3 / 4, "half": 1 / 2, "mainly": 1 / 2}

# Where the kit's kind differs from what the curators' claim_type suggests, and why.
KIND_NOTES = {
    "C17": (
        "The curators type it 'characterisation / opinion'. The kit checks it as a characterisation: 'quite loyal to Russia' "
        "describes Kolesnikova's stated positions towards Russia, which her recorded statements can confirm or contradict, "
        "and the curators' own verdict judges it against those statements. The evaluative word 'loyal' is what the "
        "statements do not bear out."
    ),
}


@dataclass(frozen=True)
class RubricLine:
    """One line of the written verdict rubric: the verdict it gives and the rule that decides it."""

    line: str  # "F2"
    verdict: str  # a label of VERDICT_SCALE
    applies_to: str  # "facts and characterisations", "quotations and attributions", "opinions and predictions", "context"
    rule: str


# The written rubric (data/README.md, lesson plan 05 and notebook 05 print it from here).
QUOTATION_RULE = (
    "A quotation or an attribution (the article reports that someone said something) is checked for whether that person "
    "said it, in those words, when the article says; not for whether what they said is true, which is a second, separate "
    "check. The same standard applies to every quotation (C02 and C10 alike)."
)
CHARACTERISATION_RULE = (
    "A characterisation in evaluative words ('lives mainly on', 'feared by most', 'a clear majority', 'quite loyal') is "
    "checked as a fact when it names something records can show (a share, what people say they want, how people voted, "
    "what a person said); its evaluative word can keep it from 'supported'. Where the verdict hangs on one word of the "
    "English translation, the card shows the verdict under each reasonable reading."
)
_FACTS, _QUOTES, _OPINIONS, _CONTEXT = "facts and characterisations", "quotations and attributions", "opinions and predictions", "context"
RUBRIC = (
    RubricLine("F1", "supported", _FACTS,
               "The records confirm the claim as worded: the event, date or list is in them, and a stated figure is within the "
               "rounding its wording implies ('about 13 percent' for a share that rounds to 13). A check resting on a single secondary source gets "
               "the qualifier 'light check'."),
    RubricLine("F2", "partly supported", _FACTS,
               "The core or the direction of the claim holds, but its size, date, scope or one of its words goes beyond the "
               "records; the qualifier says how ('overstated')."),
    RubricLine("F3", "unsupported", _FACTS, "No record supports the claim, or the records contradict its core."),
    RubricLine("F4", "misleading", _FACTS,
               "The facts are right, but the claim uses them so that they give a wrong impression: missing context, an "
               "unfair comparison."),
    RubricLine("F5", "not checkable with these data", _FACTS,
               "The claim is about facts, but no figure in the data can settle it: the figures that exist come from "
               "interested parties or cover only part of the population, and the data hold no independent, representative "
               "measure. The verdict says nothing about whether the claim is true; the card says what evidence would settle it."),
    RubricLine("Q1", "supported", _QUOTES,
               "A source documents that the person said these words (or the same words in the language they spoke), on the "
               "occasion the article gives."),
    RubricLine("Q2", "partly supported", _QUOTES,
               "A source documents the sense, but not the exact words or not the occasion."),
    RubricLine("Q3", "unsupported", _QUOTES, "No source documents the statement, or a source shows the person said something else."),
    RubricLine("Q4", "misleading", _QUOTES, "The words were said, but the quotation changes their sense (cut from their context)."),
    RubricLine("O1", "opinion", _OPINIONS,
               "A judgement or a prediction: fair or unfair, well or badly argued, but not true or false, so it gets no factual "
               "verdict. The card says what it rests on."),
    RubricLine("K1", "context", _CONTEXT, "Not a sentence of the article but background the curators add: no verdict on the article."),
)
_GROUP = {"fact": _FACTS, "characterisation": _FACTS, "quotation": _QUOTES, "opinion": _OPINIONS, "prediction": _OPINIONS, "context": _CONTEXT}


def rubric() -> pd.DataFrame:
    """The verdict rubric as a table: line, verdict, what it applies to, rule."""
    return pd.DataFrame([vars(r) for r in RUBRIC]).set_index("line")


def rubric_markdown() -> str:
    """The rubric as Markdown: the two rules, then one table row per line (data/README.md and lesson plan 05 carry it; a test compares)."""
    lines = [f"**Quotations and attributions.** {QUOTATION_RULE}", "", f"**Characterisations.** {CHARACTERISATION_RULE}", "",
             "| line | verdict | applies to | rule |", "|---|---|---|---|"]
    lines += [f"| {r.line} | {r.verdict} | {r.applies_to} | {r.rule} |" for r in RUBRIC]
    return "\n".join(lines)


def allowed_verdicts(kind: str) -> list[str]:
    """The verdict labels the rubric allows for a kind of claim (an opinion gets no factual verdict)."""
    group = _GROUP.get(kind)
    return [r.verdict for r in RUBRIC if r.applies_to == group]


def rubric_line(kind: str, verdict_label: str) -> RubricLine:
    """The rubric line that gives this verdict to this kind of claim; ValueError when the rubric has none."""
    for line in RUBRIC:
        if line.applies_to == _GROUP.get(kind) and line.verdict == verdict_label:
            return line
    raise ValueError(verdict_problem(kind, verdict_label) or f"No rubric line for {kind!r} and {verdict_label!r}.")


def verdict_problem(kind: str, verdict: str) -> str | None:
    """Why a verdict does not fit a claim of this kind under the rubric, or None when it fits."""
    try:
        label, _ = split_verdict(verdict)
    except ValueError as exc:
        return str(exc)
    if kind not in _GROUP:
        return f"{kind!r} is not a kind of claim ({', '.join(KINDS)})."
    allowed = allowed_verdicts(kind)
    if label not in allowed:
        return f"A claim of kind {kind!r} cannot be {label!r}: the rubric allows {', '.join(repr(v) for v in allowed)} for {_GROUP[kind]}."
    return None


@dataclass(frozen=True)
class Reading:
    """One reasonable reading of the word a verdict hangs on, and the verdict under it."""

    word: str  # the article's word (in the English translation)
    reading: str
    verdict: str  # a label on the scale, perhaps with a qualifier
    why: str
    closest: Callable[[], float | None] | None = None  # the figure of the data this reading turns on (computed now)


# Where a verdict hangs on one word. The kit works from an English translation of a German article and the
# German sentences are not in its sources, so each reading is an assumption: the card shows them all.
TRANSLATION_CAVEAT = (
    "The kit reads an English translation of a German article; the German sentence is not in the kit's sources, so "
    "which reading the author meant is an assumption. A fact-checker would check the original wording."
)


def _external_max() -> float:
    shares = debt.share_frame()
    return float(shares.loc[shares["debt_measure"].str.startswith("external"), "share_pct"].max())


def _total_max() -> float:
    shares = debt.share_frame()
    return float(shares.loc[shares["debt_measure"].str.startswith("total public debt"), "share_pct"].max())


def _klaipeda_max() -> float:
    shares = trade.klaipeda_share_evidence()
    return float(shares.loc[shares["qualifier"] == "exact", "share_pct"].max())


READINGS: dict[str, tuple[Reading, ...]] = {
    "C04": (
        Reading("public debt", "external public debt, counting the Russia-funded EFSD as Russia (the reading closest to the claim)",
                "partly supported (overstated)", "Even the highest share under this reading is below 'about 70 percent'.", _external_max),
        Reading("public debt", "total public debt, external and domestic (the English words' plain sense)",
                "partly supported (overstated)", "The estimates are further below the claim, and they divide figures from different sources and dates.", _total_max),
    ),
    "C16": (
        Reading("mainly", "more than half of the port's cargo",
                "partly supported (overstated)", "Every share in the data is well below half; Belarusian cargo is still a large part of the port's traffic.", _klaipeda_max),
        Reading("mainly", "above all: Belarusian transit is the port's most important single source of cargo (as the German 'vor allem' could mean, if that is the word)",
                "not checkable with these data", "A third of all cargo from one country fits this reading, but the data do not rank the port's other cargo flows; the port's cargo by country of origin would settle it.", _klaipeda_max),
    ),
    "C21": (
        Reading("feared", "most Belarusians do not want the integration (a union state or joining Russia)",
                "supported", "In BAW's December 2019 survey only a small minority chose a union state or joining Russia.", lambda: opinion.merger_share(SURVEY)),
        Reading("feared", "most Belarusians are afraid of it (an emotion)",
                "not checkable with these data", "The surveys in the data ask what people want, not what they fear."),
    ),
}
# Where the quoted words themselves passed through translation (a check of the original wording decides).
WORDING_NOTES = {
    "C10": (
        "Peskov spoke Russian; the article quotes him in German, and the kit reads an English translation of that. The "
        "curators' source is a Serbian report ('radna poseta', working visit). A fact-checker looks for Peskov's own words "
        "before deciding whether 'just' is his."
    ),
    "C02": (
        "Lukashenko spoke Russian; the kit reads an English translation of the German article's quotation. The curators' "
        "sources give the sense in other words ('20-25 years ago', 'a new generation'), not these words."
    ),
}


def readings(claim_id: str) -> pd.DataFrame:
    """The verdict under each reasonable reading of the word the claim hangs on (empty when it hangs on none).

    figure_pct is the figure of the data the reading turns on: the highest share under that reading (C04, C16),
    or the share that wants a merger (C21)."""
    rows = []
    for r in READINGS.get(claim_id, ()):
        closest = r.closest() if r.closest else None
        rows.append({"word": r.word, "reading": r.reading, "figure_pct": None if closest is None else round(closest, 1),
                     "verdict": r.verdict, "why": r.why})
    return pd.DataFrame(rows, columns=["word", "reading", "figure_pct", "verdict", "why"])


# --- claims and verdicts ------------------------------------------------------------------


def claims(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """article_claims with the verdict split into its label on the scale and its qualifier, and each claim's kind."""
    frame = load_dataset("article_claims") if frame is None else frame.copy()
    parts = frame["verdict"].map(split_verdict)
    frame["verdict_label"] = [p[0] for p in parts]
    frame["verdict_qualifier"] = [p[1] for p in parts]
    frame["kind"] = frame["claim_type"].map(claim_kind)
    frame["rubric_line"] = [_line_or_blank(k, v) for k, v in zip(frame["kind"], frame["verdict_label"])]
    return frame


def _line_or_blank(kind: str, label: str) -> str:
    try:
        return rubric_line(kind, label).line
    except ValueError:
        return ""  # inconsistent with the rubric: tests/test_lesson05_claims.py names it


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
    """The kind of claim behind a curators' claim_type: fact, characterisation, quotation, opinion or context.

    'context ...' rows are not sentences of the article; 'quote' and 'attribution' are quotations; types naming a
    characterisation are characterisations (checked like facts: see CHARACTERISATION_RULE and KIND_NOTES for C17);
    other types naming an opinion are opinions; every other type ('fact-...', 'survey') is a fact. The data type no
    claim as a prediction (the headline's prediction is typed 'opinion').
    """
    text = str(claim_type).strip().lower()
    if text.startswith("context"):
        return "context"
    if text in _QUOTATION_TYPES:
        return "quotation"
    if "characterisation" in text:
        return "characterisation"
    if "opinion" in text:
        return "opinion"
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
    rows_from: str = ""  # the dataset (and the kit's function) the evidence rows come from
    would_settle: str = ""  # for a claim the data cannot settle: the evidence that would


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
    return Evidence(claim_id, "lesson 01's union timeline", finding, table=rows, source_ids=_ids(rows["source_id"]), not_in_data=not_in_data,
                    rows_from="union_timeline")


def _c01() -> Evidence:
    treaties = union.union_treaties()
    first = treaties.iloc[0]
    finding = (
        f"The union timeline lists {len(treaties)} treaty events between Russia and Belarus alone up to "
        f"{treaties['date'].dt.year.max()}. The first: {first['event']} ({_day(first['date'])}); the Union State treaty "
        f"was signed on {_day(union.event_date(union.SIGNING))}."
    )
    return Evidence("C01", "lesson 01", finding, table=treaties[["date", "event", "source_id"]], source_ids=_ids(treaties["source_id"]),
                    rows_from="union_timeline (union.union_treaties)")


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
    return Evidence("C03", "lesson 01", finding, table=rows, source_ids=ids, rows_from="union_timeline and treaty_provisions")


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
        source_ids=_ids(shares["source_id"]), rows_from="debt (debt.share_frame)",
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
        chart="election", unit="Share (%)", source_ids=_ids(table["source_id"]), rows_from="election_2020 (election.comparison_table)",
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
        rows_from=f"opinion ({SURVEY}, opinion.baw_relations_shares)",
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
    return Evidence("C14", "lesson 03", finding, table=table, source_ids=_ids(table["source_id"]), rows_from="eaeu_members")


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
        source_ids=[trade.DOTS_SOURCE], rows_from="trade_partners (IMF DOTS, trade.eaeu_share_series)",
    )


def _c16() -> Evidence:
    shares = trade.klaipeda_share_evidence()
    computed = shares[shares["kind"] == "computed from tonnes"]
    finding = (
        f"Computed from tonnes, Belarusian cargo was {computed['share_pct'].min():g}% to {computed['share_pct'].max():g}% of "
        f"Klaipėda's throughput ({computed['year'].min()}-{computed['year'].max()}); the shares the sources report run from "
        f"{shares.loc[shares['kind'] == 'reported', 'share_pct'].min():g}% to {shares.loc[shares['kind'] == 'reported', 'share_pct'].max():g}%. "
        f"Read as 'more than half', 'mainly' would need more than half; read as 'above all', it would need a ranking of the "
        f"port's cargo flows, which the data do not have."
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
        reference=claimed_figure("C16"), reference_label="'mainly' read as more than half", unit="Belarusian share of the port's cargo (%)",
        source_ids=_ids(shares["source_id"].str.replace(" ", "")), rows_from="klaipeda_transit (trade.klaipeda_share_evidence)",
    )


def _c17() -> Evidence:
    rows = _events("Kolesnikova")
    finding = f"The timeline records Kolesnikova's statement of {_day(rows['date'].iloc[0])} on relations with Russia."
    return _timeline_evidence("C17", rows, finding, "'Quite loyal' is a characterisation: no dataset measures loyalty.")


def _c18() -> Evidence:
    return Evidence(
        "C18", "lesson 00", "The data hold no evidence for or against this claim.",
        not_in_data="This is the headline's judgement about what is at stake, with a prediction in it. No dataset can show it true or false; "
        "what it rests on is the timeline of pressure and support in 2018-2020 (lesson 01).",
    )


def _c19() -> Evidence:
    rows = _events("working visit to Sochi")
    finding = (
        f"The timeline records the meeting on {_day(rows['date'].iloc[0])}: {rows['event'].iloc[0]}. The article was written "
        f"before it, so this row is background for C05, C06 and C11, not a claim of the article."
    )
    return _timeline_evidence("C19", rows, finding)


def _c20() -> Evidence:
    table = election.comparison_table()
    official = table.iloc[0]
    others = table[~table["kind"].str.startswith("official")]
    exit_label = election.type_label("exit_poll_state_accredited")
    exit_poll = table[table["kind"] == exit_label]
    outside = others[others["kind"] != exit_label]
    finding = (
        f"The only national count in the data is the CEC's: Lukashenko {official['Lukashenko_pct']:g}%, Tsikhanouskaya "
        f"{official['Tsikhanouskaya_pct']:g}% ({official['source_id']}); the state-accredited exit poll gives "
        f"{exit_poll['Tsikhanouskaya_pct'].iloc[0]:g}% for her. The figures collected outside the state give her between "
        f"{outside['Tsikhanouskaya_pct'].min():g}% and {outside['Tsikhanouskaya_pct'].max():g}%, but each comes from the Golos "
        f"platforms (which Sputnik calls the opposition's own election monitoring) or covers only part of the population "
        f"(the stations the platforms covered; urban internet users)."
    )
    return Evidence(
        "C20", "this lesson (section 4)", finding,
        table=table[["kind", "Lukashenko_pct", "Tsikhanouskaya_pct", "value_qualifier", "covers", "source_id"]],
        chart="election", unit="Share (%)", source_ids=_ids(table["source_id"]), rows_from="election_2020 (election.comparison_table)",
        not_in_data=(
            "Whether the opposition had 'a clear majority' in September 2020: the data hold no count that is both national and "
            "independent of both sides, and no nationally representative survey of whom Belarusians supported."
        ),
        would_settle=(
            "a nationally representative survey by a pollster independent of both sides (a probability sample of all adults, "
            "not only internet users, asked in person or by phone, with its method published), or a count of the votes observed "
            "by independent observers at all polling stations."
        ),
    )


def _c21() -> Evidence:
    shares = opinion.baw_relations_shares(SURVEY)
    method = opinion.survey_method(SURVEY)
    table = shares.rename("share_pct").reset_index()
    finding = (
        f"BAW ({method.fieldwork}, {method.mode}, n = {method.sample_size}): {shares[opinion.UNION_STATE]:g}% chose a union state "
        f"and {shares[opinion.JOINS_RUSSIA]:g}% Belarus joining Russia (together {opinion.merger_share(SURVEY):g}%); "
        f"{shares['independent states, open border']:g}% chose independent states with friendly relations and an open border. "
        f"The survey asked what people want, not what they fear."
    )
    rows = opinion.labelled(opinion.exact_rows())
    asked = rows[(rows["survey_id"] == SURVEY) & (rows["question_label"] == opinion.RELATIONS)]
    return Evidence(
        "C21", "lesson 02", finding, table=table, chart="bars", chart_value="share_pct", chart_label="option",
        unit="Share of respondents (%)", highlight=(opinion.UNION_STATE, opinion.JOINS_RUSSIA),
        source_ids=list(dict.fromkeys(_ids(asked["source_id"]) + [method.source_id])),
        rows_from=f"opinion ({SURVEY}, opinion.baw_relations_shares)",
        not_in_data="Fear: no survey in the data asks whether people fear integration.",
    )


EVIDENCE: dict[str, Callable[[], Evidence]] = {
    "C01": _c01, "C02": _c02, "C03": _c03, "C04": _c04, "C05": _c05, "C06": _c06, "C07": _c07,
    "C08": _c08, "C09": _c09, "C10": _c10, "C11": _c11, "C12": lambda: _baw_evidence("C12"),
    "C13": lambda: _baw_evidence("C13"), "C14": _c14, "C15": _c15, "C16": _c16, "C17": _c17,
    "C18": _c18, "C19": _c19, "C20": _c20, "C21": _c21,
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
    "CHARACTERISATION_RULE",
    "Evidence",
    "KINDS",
    "KIND_NOTES",
    "QUOTATION_RULE",
    "READINGS",
    "RUBRIC",
    "Reading",
    "RubricLine",
    "SENTENCE_KINDS",
    "TRANSLATION_CAVEAT",
    "VERDICTS",
    "VERDICT_SCALE",
    "WORDING_NOTES",
    "allowed_verdicts",
    "claim",
    "claim_kind",
    "claimed_figure",
    "claims",
    "closest_gap",
    "evidence",
    "numeric_claims",
    "readings",
    "rubric",
    "rubric_line",
    "rubric_markdown",
    "split_verdict",
    "verdict_problem",
    "verdict_counts",
]
