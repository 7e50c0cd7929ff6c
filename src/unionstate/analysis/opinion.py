"""Opinion surveys: survey method, shares by answer option, sampling error.

Lesson 02 (the survey explorer, exercises) and the capstone's claim cards call these.
Two rules hold throughout:
- only rows with value_qualifier == "exact" go into a calculation; lower bounds,
  rounded and text-only figures are returned separately, labelled as what they are;
- when several sources report the same survey, the same figure is counted once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..datasets import load_dataset
from ..sources import reliability_rank, split_ids

EXACT = "exact"
Z95 = 1.96  # two-sided 95% confidence

# Short pollster names for menus and captions (the data spell them out in full).
POLLSTERS = {
    "Belarusian Analytical Workshop": "BAW",
    "IISEPS": "IISEPS",
    "Chatham House": "Chatham House",
    "EDB": "EDB",
    "MGIMO": "MGIMO",
    "VTsIOM": "VTsIOM",
}

# Sources phrase the same question in slightly different words. Questions listed
# together here are treated as one question (the data README and surveys.csv say
# they are); every other question keeps its own text.
_RELATIONS_BAW = (
    "Preferred form of Belarus-Russia relations (wording reported by belarusfeed for BAW: "
    "'How would you like to see relations between Belarus and Russia')"
)
QUESTION_LABELS = {
    _RELATIONS_BAW: "Preferred form of relations with Russia (four options)",
    "In which union of states would it be better for the people of Belarus to live: the European Union or a union with Russia?":
        "Where would Belarusians live better: EU or union with Russia?",
    "In what union of states would it be better for the people of Belarus to live in - the EU or Russia?":
        "Where would Belarusians live better: EU or union with Russia?",
    "In your opinion, in which union of states would it be better for the people of Belarus to live - in the European Union or in the union with Russia?":
        "Where would Belarusians live better: EU or union with Russia?",
    "In which union would Belarusian society live better - with the EU or with Russia?":
        "Live better with the EU or with Russia ('definitely' / 'rather' answers)",
    "What should Belarus be? (options incl. independent state / stronger union state / part of Russia / EU member) - wording paraphrased by source":
        "What should Belarus be?",
    "If a referendum on joining the EU were held today, how would you vote?": "Referendum on joining the EU",
    "If a referendum on unification with Russia into one state were held today, how would you vote?":
        "Referendum on unification with Russia into one state",
    "Attitude to Russia's actions in Ukraine": "Attitude to Russia's actions in Ukraine",
    "Attitude to direct participation of Belarus in the war": "Belarus taking part in the war",
    "If you had to choose between integration with Russia and joining the European Union, what choice would you make?":
        "Either-or: integration with Russia or joining the EU?",
    "Choice between union with Russia and joining the EU (wording per Belarus Digest)":
        "Either-or: integration with Russia or joining the EU?",
    "Choice between unification with Russia and joining the EU": "Either-or: integration with Russia or joining the EU?",
    "If a referendum on the integration of Belarus and Russia was held today, what would be your choice?":
        "Referendum on integration of Belarus and Russia",
    "If a referendum on Russia-Belarus unification took place today, how would you vote? (wording per Angus Reid relay)":
        "Referendum on unification (wording as relayed by Angus Reid)",
    "Referendum on unifying Belarus and Russia (wording not given)": "Referendum on unifying Belarus and Russia (wording not given)",
    "If there was a referendum on Belarus joining the EU, how would you vote?": "Referendum on joining the EU",
    "Which variant of Belarus-Russia relations do you consider the best? (sum of the first two, pro-integration variants)":
        "Best variant of relations (pro-integration variants combined)",
    "Which alliance(s) should Belarus be in? (wording paraphrased by press reports)": "Which alliance(s) should Belarus be in?",
    "Do you support Russia's military actions in Ukraine?": "Support for Russia's military actions in Ukraine",
    "Support for Belarus's participation/membership in the Eurasian Economic Union (EDB Integration Barometer indicator)":
        "Support for Belarus's EAEU membership",
    "What relations with Russia do you consider most appropriate for Belarus?": "Most appropriate relations with Russia",
    "Attitude to unification of Belarus with Russia (wording not given)": "Attitude to unification with Russia",
}

# The same answer, worded differently by different outlets. surveys.csv says the Aug 2019
# BAW wave used "the same answer scale as Dec 2019"; the other merges are word-for-word synonyms.
OPTION_LABELS = {
    "fully independent states, friendly relations, open border, no visas or customs": "independent states, open border",
    "independent but friendly countries, open border, no visas or customs": "independent states, open border",
    "remain independent, open borders, friendly relations with Russia": "independent states, open border",
    "independent but friendly states (remaining wording truncated in retrieved text)": "independent states, open border",
    "like relations with other countries: closed border, customs and visa controls": "like other countries: closed border, visas",
    "closed borders, visas and customs": "like other countries: closed border, visas",
    "unify into a union state": "union state",
    "unite into a single union state": "union state",
    "unite in a 'union of two states'": "union state",
    "Belarus joins Russia": "Belarus joins Russia",
    "Belarus joins Russia as a subject of the federation": "Belarus joins Russia",
    "Belarus becomes part of the Russian Federation": "Belarus joins Russia",
    "don't know / hard to say": "undecided / don't know",
    "undecided": "undecided / don't know",
    "union with Russia": "union with Russia",
    "integration with Russia": "integration with Russia",
    "unification with Russia": "integration with Russia",
    "positive (supports participation)": "supports EAEU participation / membership",
    "positive (supports membership)": "supports EAEU participation / membership",
}
# In the either-or question the press wrote "union with Russia" for the same answer.
_EITHER_OR = "Either-or: integration with Russia or joining the EU?"

RELATIONS = "Preferred form of relations with Russia (four options)"
UNION_STATE, JOINS_RUSSIA = "union state", "Belarus joins Russia"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# --- names ------------------------------------------------------------------------------


def pollster_short(pollster: str) -> str:
    """'Belarusian Analytical Workshop (BAW, A. Vardomatsky)' -> 'BAW'."""
    for key, short in POLLSTERS.items():
        if key in pollster:
            return short
    return pollster.split(" (")[0]


def question_label(question: str) -> str:
    """The short label of a question; questions that are one and the same share a label."""
    return QUESTION_LABELS.get(question, question)


def option_label(answer_option: str, question: str = "") -> str:
    """The answer option under one name across outlets and waves."""
    label = OPTION_LABELS.get(answer_option, answer_option)
    if question_label(question) == _EITHER_OR and label == "union with Russia":
        return "integration with Russia"
    return label


# --- survey method ----------------------------------------------------------------------


def _date_text(ts, precision) -> str:
    if ts is None or pd.isna(ts):
        return ""
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return f"{MONTHS[ts.month - 1]} {ts.year}"
    return f"{ts.day} {MONTHS[ts.month - 1]} {ts.year}"


def fieldwork_text(start, end, start_precision, end_precision) -> str:
    """'18-31 Dec 2019', 'Sep 2020', '2015', or 'not stated' (en dashes)."""
    if start is None or pd.isna(start):
        return "not stated"
    a, b = _date_text(start, start_precision), _date_text(end, end_precision)
    if not b or a == b:
        return a
    if start_precision == end_precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start_precision == end_precision == "month" and start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return f"{a}–{b}"


def wave_label(start, precision, survey_id: str) -> str:
    """A wave's name on a chart: 'Dec 2019', '2015', or 'no date (survey id)'."""
    if start is None or pd.isna(start):
        return f"no date ({survey_id})"
    return _date_text(start, "month" if precision == "day" else precision)


def wave_midpoint(start, end, start_precision, end_precision):
    """Where a wave sits on a time axis: the middle of its fieldwork (NaT when undated).

    A month-precise date stands for the whole month and a year-precise one for the
    whole year, so they are placed mid-month and mid-year.
    """
    if start is None or pd.isna(start):
        return pd.NaT
    end = start if end is None or pd.isna(end) else end

    def span(ts, precision):
        if precision == "year":
            return pd.Timestamp(ts.year, 1, 1), pd.Timestamp(ts.year, 12, 31)
        if precision == "month":
            first = pd.Timestamp(ts.year, ts.month, 1)
            return first, first + pd.offsets.MonthEnd(0)
        return pd.Timestamp(ts), pd.Timestamp(ts)

    lo, _ = span(start, start_precision)
    _, hi = span(end, end_precision)
    return (lo + (hi - lo) / 2).normalize()


@dataclass(frozen=True)
class SurveyMethod:
    """How one survey was done, as surveys.csv records it (None where the source did not say)."""

    survey_id: str
    pollster: str
    mode: str
    sample_size: int | None
    population: str
    stated_moe_pct: float | None
    field_start: pd.Timestamp | None
    field_end: pd.Timestamp | None
    fieldwork: str  # readable dates, e.g. "18–31 Dec 2019"
    source_id: str
    notes: str

    @property
    def pollster_short(self) -> str:
        return pollster_short(self.pollster)


def _clean(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def survey_method(survey_id: str, surveys: pd.DataFrame | None = None) -> SurveyMethod:
    """Mode, n, population, fieldwork dates, stated margin of error and source of one survey.

    surveys: the loaded 'surveys' dataset, when the caller already has it (saves reloading it).
    """
    surveys = load_dataset("surveys") if surveys is None else surveys
    rows = surveys[surveys["survey_id"] == survey_id]
    if rows.empty:
        raise KeyError(f"No survey {survey_id!r} in surveys.csv.")
    r = rows.iloc[0]
    n = _clean(r["sample_size"])
    moe = _clean(r["moe_pct"])
    return SurveyMethod(
        survey_id=survey_id,
        pollster=r["pollster"],
        mode=_clean(r["mode"]) or "not stated",
        sample_size=int(n) if n is not None else None,
        population=_clean(r["population"]) or "not stated",
        stated_moe_pct=float(moe) if moe is not None else None,
        field_start=_clean(r["field_start"]),
        field_end=_clean(r["field_end"]),
        fieldwork=fieldwork_text(r["field_start"], r["field_end"], r["field_start_precision"], r["field_end_precision"]),
        source_id=r["source_id"],
        notes=_clean(r["notes"]) or "",
    )


def sample_size(survey_id: str) -> int | None:
    """The survey's n, or None when the retrieved sources do not state it."""
    return survey_method(survey_id).sample_size


# --- sampling error ---------------------------------------------------------------------


def margin_of_error(p: float, n: int, z: float = Z95) -> float:
    """Margin of error of a share p (a fraction, 0-1) from a simple random sample of n.

    z * sqrt(p(1-p)/n): the half-width of the confidence interval (z = 1.96 for 95%).
    """
    if n is None or n <= 0:
        raise ValueError("The sample size n must be a positive number.")
    if not 0 <= p <= 1:
        raise ValueError("p is a fraction between 0 and 1 (12.8% is 0.128).")
    return z * math.sqrt(p * (1 - p) / n)


def moe_pct(share_pct: float, n: int | None, z: float = Z95) -> float | None:
    """Margin of error in percentage points for a share given in percent; None when n is unknown."""
    if n is None or pd.isna(n):
        return None
    return 100 * margin_of_error(share_pct / 100, int(n), z)


def confidence_interval(share_pct: float, n: int | None, z: float = Z95) -> tuple[float, float] | None:
    """(low, high) in percent, cut at 0 and 100; None when n is unknown (no interval can be drawn)."""
    m = moe_pct(share_pct, n, z)
    if m is None:
        return None
    return max(0.0, share_pct - m), min(100.0, share_pct + m)


@dataclass(frozen=True)
class Difference:
    """Two shares from independent samples: their gap and the sampling error of that gap."""

    share_a: float
    share_b: float
    difference: float  # b - a, percentage points
    margin: float  # 95% margin of error of the difference, percentage points

    @property
    def beyond_sampling_error(self) -> bool:
        return abs(self.difference) > self.margin


def compare_shares(share_a: float, n_a: int, share_b: float, n_b: int, z: float = Z95) -> Difference:
    """Whether two shares (percent) from independent samples differ by more than sampling error.

    The margin of a difference is z * sqrt(pa(1-pa)/na + pb(1-pb)/nb): wider than either
    survey's own margin, because both numbers carry sampling error.
    """
    pa, pb = share_a / 100, share_b / 100
    margin = 100 * z * math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    return Difference(share_a, share_b, share_b - share_a, margin)


def differ_beyond_error(share_a: float, n_a: int, share_b: float, n_b: int, z: float = Z95) -> bool:
    """True when two shares (percent) differ by more than the 95% margin of their difference."""
    return compare_shares(share_a, n_a, share_b, n_b, z).beyond_sampling_error


def stated_vs_computed_moe() -> pd.DataFrame:
    """Surveys whose source states both n and a margin of error, next to the simple-random-sample
    worst case (p = 50%) for that n. A stated margin above the worst case suggests the pollster
    allowed for its sample design; the sources do not say how each margin was computed."""
    surveys = load_dataset("surveys")
    rows = surveys[surveys["sample_size"].notna() & surveys["moe_pct"].notna()]
    out = pd.DataFrame(
        {
            "survey_id": rows["survey_id"],
            "pollster": rows["pollster"].map(pollster_short),
            "mode": rows["mode"],
            "n": rows["sample_size"].astype(int),
            "stated_moe_pct": rows["moe_pct"],
            "worst_case_moe_pct": [round(moe_pct(50, int(n)), 2) for n in rows["sample_size"]],
            "source_id": rows["source_id"],
        }
    )
    return out.reset_index(drop=True)


# --- shares -----------------------------------------------------------------------------


def exact_rows(opinion: pd.DataFrame | None = None) -> pd.DataFrame:
    """Only the rows whose figure the source gave exactly: the ones calculations may use."""
    opinion = load_dataset("opinion") if opinion is None else opinion
    return opinion[opinion["value_qualifier"] == EXACT]



def labelled(opinion: pd.DataFrame | None = None) -> pd.DataFrame:
    """The opinion rows with short pollster, question and option labels, and each wave's place in time."""
    frame = load_dataset("opinion") if opinion is None else opinion.copy()
    frame["pollster_short"] = frame["pollster"].map(pollster_short)
    frame["question_label"] = frame["question"].map(question_label)
    frame["option"] = [option_label(o, q) for o, q in zip(frame["answer_option"], frame["question"])]
    frame["wave"] = [wave_label(s, p, sid) for s, p, sid in zip(frame["field_start"], frame["field_start_precision"], frame["survey_id"])]
    frame["date"] = [
        wave_midpoint(s, e, sp, ep)
        for s, e, sp, ep in zip(frame["field_start"], frame["field_end"], frame["field_start_precision"], frame["field_end_precision"])
    ]
    frame["exact"] = frame["value_qualifier"] == EXACT
    frame["reliability"] = frame["source_id"].map(reliability_rank)
    return frame


def one_figure_per_option(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per survey, question and option.

    An exact figure wins over a lower bound or a rounded one. Among exact figures that
    disagree, the most reliable source wins (primary > press > relay). The other
    reports are listed in `other_reports`, so a conflict is shown, never hidden.
    """
    keys = ["survey_id", "question_label", "option"]
    ranked = frame.assign(_inexact=~frame["exact"]).sort_values(["_inexact", "reliability"], kind="stable")
    best = ranked.drop_duplicates(keys)
    out = frame.loc[sorted(best.index)].copy()  # in the data's order
    out["other_reports"] = ""
    rest = ranked.drop(index=best.index)
    if len(rest):
        chosen = best.set_index(keys)["share_pct"]
        where = {tuple(k): i for k, i in zip(best[keys].itertuples(index=False), best.index)}
        for r in rest.itertuples():
            key = (r.survey_id, r.question_label, r.option)
            if pd.isna(r.share_pct) or r.share_pct == chosen[key]:
                continue  # the same figure again, or no figure at all
            note = f"{r.source_id} gives {r.share_pct:g}" + ("" if r.exact else f" ({r.value_qualifier})")
            i = where[key]
            out.at[i, "other_reports"] = f"{out.at[i, 'other_reports']}; {note}" if out.at[i, "other_reports"] else note
    return out.drop(columns="_inexact", errors="ignore")


def survey_shares(survey_id: str, question: str) -> pd.Series:
    """Share (percent) per answer option for one survey and question (its text or label), exact rows only.

    A figure repeated by several outlets is counted once; the index holds the option labels.
    """
    frame = labelled(exact_rows())
    rows = frame[(frame["survey_id"] == survey_id) & ((frame["question"] == question) | (frame["question_label"] == question))]
    if rows.empty:
        raise KeyError(f"No exact figures for {question!r} in survey {survey_id!r}.")
    rows = one_figure_per_option(rows)
    return pd.Series(rows["share_pct"].to_numpy(), index=pd.Index(rows["option"], name="option"), name=survey_id)


def baw_relations_shares(survey_id: str = "BAW_2019_12") -> pd.Series:
    """BAW's four-option question on relations with Russia: option -> share (percent), exact rows only.

    The options are named 'independent states, open border', 'like other countries: closed
    border, visas', 'union state' and 'Belarus joins Russia' in every wave.
    """
    return survey_shares(survey_id, RELATIONS)


def merger_share(survey_id: str = "BAW_2019_12") -> float:
    """Share choosing either merger option of BAW's relations question: a union state, or Belarus joining Russia."""
    shares = baw_relations_shares(survey_id)
    return round(float(shares[UNION_STATE] + shares[JOINS_RUSSIA]), 1)


def side_by_side(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """Several surveys' answers next to each other: one row per option, with each survey's method.

    pairs are (survey_id, question text or label). Lower bounds and rounded figures stay in,
    with their value_qualifier, so a reader sees them for what they are.
    """
    frame = labelled()
    parts = []
    for survey_id, question in pairs:
        rows = frame[(frame["survey_id"] == survey_id) & ((frame["question"] == question) | (frame["question_label"] == question))]
        if rows.empty:
            raise KeyError(f"No figures for {question!r} in survey {survey_id!r}.")
        rows = one_figure_per_option(rows[rows["share_pct"].notna()])
        method = survey_method(survey_id)
        parts.append(
            pd.DataFrame(
                {
                    "survey": f"{method.pollster_short}, {method.fieldwork}",
                    "mode": method.mode,
                    "question": rows["question_label"],
                    "option": rows["option"],
                    "share_pct": rows["share_pct"],
                    "value_qualifier": rows["value_qualifier"],
                    "source_id": rows["source_id"],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def trend(pollster: str, question: str, *, source_id: str | None = None) -> pd.DataFrame:
    """A question's dated waves as a table: one row per wave, one column per option (exact figures only).

    pollster is the short name ('IISEPS'); question the label or full text; source_id keeps
    only one source's rows (a series drawn from one table is internally consistent).
    Undated waves are left out: they have no place on a time axis.
    """
    frame = labelled(exact_rows())
    rows = frame[(frame["pollster_short"] == pollster) & ((frame["question"] == question) | (frame["question_label"] == question))]
    if source_id is not None:
        rows = rows[rows["source_id"].map(lambda cell: source_id in split_ids(cell))]
    rows = one_figure_per_option(rows[rows["field_start"].notna()])
    table = rows.pivot_table(index="field_start", columns="option", values="share_pct", aggfunc="first", sort=True)
    table.columns.name = None
    return table


__all__ = [
    "Difference",
    "EXACT",
    "JOINS_RUSSIA",
    "RELATIONS",
    "SurveyMethod",
    "UNION_STATE",
    "Z95",
    "baw_relations_shares",
    "compare_shares",
    "confidence_interval",
    "differ_beyond_error",
    "exact_rows",
    "fieldwork_text",
    "labelled",
    "margin_of_error",
    "merger_share",
    "moe_pct",
    "one_figure_per_option",
    "option_label",
    "pollster_short",
    "question_label",
    "sample_size",
    "side_by_side",
    "stated_vs_computed_moe",
    "survey_method",
    "survey_shares",
    "trend",
    "wave_label",
    "wave_midpoint",
]
