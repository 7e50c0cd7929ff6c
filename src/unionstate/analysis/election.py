"""The 9 August 2020 presidential election: the official result next to figures of other kinds.

Lesson 05 (the context of "a month after the controversial presidential elections",
the election chart exercise, claim card C11) calls these functions.

election_2020.csv keeps every figure with its `result_type`. The types are different
kinds of measurement of different populations (data/README.md, opinion caveat 6):
an official count of all votes, an exit poll, a sum of polling-station protocols at
the stations one platform covered, a modelled national estimate, and what survey
respondents later said they had voted. So the functions here label each figure with
its kind and show figures side by side; none of them averages or subtracts figures
of different kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..datasets import load_dataset
from ..sources import reliability_rank, split_ids

LUKASHENKO = "Alexander Lukashenko"
TSIKHANOUSKAYA = "Sviatlana Tsikhanouskaya"
CANDIDATES = (LUKASHENKO, TSIKHANOUSKAYA)
TURNOUT = "turnout (share of registered voters)"
EXACT = "exact"


@dataclass(frozen=True)
class ResultKind:
    """What one result_type is: a short label and the kind of measurement behind it."""

    label: str
    measures: str


# The kit's wording for each result_type of the data (who counted what, among whom).
RESULT_KINDS = {
    "official_final": ResultKind("official (CEC, final)", "official count of the votes cast at all polling stations, as the Central Election Commission announced it"),
    "official_preliminary": ResultKind("official (CEC, preliminary)", "the Central Election Commission's first announcement, before all votes were counted"),
    "exit_poll_state_accredited": ResultKind("state-accredited exit poll", "voters interviewed as they left polling stations by an institute the state accredited; its method is not given"),
    "alternative_count_protocol_subset": ResultKind("partial protocol count (Golos)", "official polling-station protocols added up, only at the stations the platforms covered: not a national figure"),
    "alternative_count_participation": ResultKind("platform registrations (Golos)", "how many voters registered their vote on the platforms: a self-selected count of people, not a vote share"),
    "alternative_estimate_model": ResultKind("model estimate (Golos and partners)", "a national estimate modelled afterwards from protocols and platform data"),
    "survey_vote_recall": ResultKind("survey recall (Chatham House)", "how respondents of an online survey of urban internet users said, weeks later, they had voted: not an election result"),
}
RESULT_ORDER = list(RESULT_KINDS)


def type_label(result_type: str) -> str:
    """'official_final' -> 'official (CEC, final)'; an unknown type keeps its name."""
    kind = RESULT_KINDS.get(str(result_type))
    return kind.label if kind else str(result_type)


def result_kinds() -> pd.DataFrame:
    """One row per result_type: the kit's label and what kind of measurement it is."""
    return pd.DataFrame([{"result_type": t, "label": k.label, "measures": k.measures} for t, k in RESULT_KINDS.items()])



def _resolve_coverage(frame: pd.DataFrame) -> pd.Series:
    """Coverage cells that say 'as above' or 'same subset as above' take the first full description of their result set."""
    refers_back = frame["coverage"].fillna("").str.contains("as above")
    first = frame[~refers_back].drop_duplicates("result_id").set_index("result_id")["coverage"]
    return frame["coverage"].where(~refers_back, frame["result_id"].map(first))


def results(election: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every row of election_2020 with its kind of measurement spelled out (columns type_label, measures).

    A coverage cell that only refers back ('as above') is replaced by the description it refers to.
    """
    frame = load_dataset("election_2020") if election is None else election.copy()
    frame["result_type"] = frame["result_type"].astype(str)
    frame["coverage"] = _resolve_coverage(frame)
    frame["type_label"] = frame["result_type"].map(type_label)
    frame["measures"] = frame["result_type"].map(lambda t: RESULT_KINDS[t].measures if t in RESULT_KINDS else "")
    return frame


def candidate_shares(candidate: str = LUKASHENKO, election: pd.DataFrame | None = None) -> pd.DataFrame:
    """One figure per result set (result_id) for a candidate (or for the turnout), in the kit's order of kinds.

    Several sources report some result sets. An exact figure wins over a rounded one, then
    the more reliable source (primary > press > relay > advocacy), then the first row of the
    file; a different figure from another source is listed in `other_reports`, never dropped.
    """
    frame = results(election)
    rows = frame[frame["item"] == candidate]
    if rows.empty:
        raise KeyError(f"No figures for {candidate!r} in election_2020.")
    ranked = rows.assign(
        _inexact=rows["value_qualifier"] != EXACT,
        _reliability=rows["source_id"].map(reliability_rank),
        _order=range(len(rows)),
    ).sort_values(["result_id", "_inexact", "_reliability", "_order"], kind="stable")
    best = ranked.drop_duplicates("result_id")
    others = []
    for r in best.itertuples():
        differing = ranked[(ranked["result_id"] == r.result_id) & (ranked.index != r.Index) & (ranked["share_pct"] != r.share_pct)]
        others.append("; ".join(f"{o.source_id} gives {o.share_pct:g}" for o in differing.itertuples()))
    out = best.assign(other_reports=others)
    out = out.assign(_kind=out["result_type"].map(lambda t: RESULT_ORDER.index(t) if t in RESULT_ORDER else len(RESULT_ORDER)))
    out = out.sort_values(["_kind", "_order"], kind="stable")
    columns = ["result_id", "result_type", "type_label", "reference_date", "item", "share_pct", "value_qualifier", "coverage", "source_id", "other_reports"]
    return out[columns].reset_index(drop=True)


def comparison_table(election: pd.DataFrame | None = None) -> pd.DataFrame:
    """Lukashenko's and Tsikhanouskaya's shares in each result set, side by side, with what each figure measures.

    A cell is empty where a result set has no figure for that candidate (the data do not hold one).
    """
    frame = results(election)
    shares = {c: candidate_shares(c, frame).set_index("result_id") for c in CANDIDATES}
    ids = list(dict.fromkeys(list(shares[LUKASHENKO].index) + list(shares[TSIKHANOUSKAYA].index)))
    rows = []
    for rid in ids:
        first = next(shares[c].loc[rid] for c in CANDIDATES if rid in shares[c].index)
        sources = [s for c in CANDIDATES if rid in shares[c].index for s in split_ids(shares[c].loc[rid, "source_id"])]
        qualifiers = {shares[c].loc[rid, "value_qualifier"] for c in CANDIDATES if rid in shares[c].index}
        rows.append(
            {
                "result_id": rid,
                "kind": first["type_label"],
                "Lukashenko_pct": shares[LUKASHENKO].loc[rid, "share_pct"] if rid in shares[LUKASHENKO].index else float("nan"),
                "Tsikhanouskaya_pct": shares[TSIKHANOUSKAYA].loc[rid, "share_pct"] if rid in shares[TSIKHANOUSKAYA].index else float("nan"),
                "value_qualifier": "; ".join(sorted(qualifiers)),
                "covers": first["coverage"],
                "measures": RESULT_KINDS[first["result_type"]].measures if first["result_type"] in RESULT_KINDS else "",
                "source_id": ";".join(dict.fromkeys(sources)),
            }
        )
    return pd.DataFrame(rows)


def official_turnout(election: pd.DataFrame | None = None) -> pd.DataFrame:
    """The CEC's turnout figures (preliminary and final), every source's figure kept: two reports disagree."""
    frame = results(election)
    rows = frame[(frame["item"] == TURNOUT) & frame["result_type"].str.startswith("official")]
    return rows[["result_id", "type_label", "reference_date", "share_pct", "votes", "source_id", "note"]].reset_index(drop=True)


def official_share(candidate: str = LUKASHENKO, election: pd.DataFrame | None = None) -> float:
    """The candidate's share in the CEC's final result (percent of votes cast)."""
    shares = candidate_shares(candidate, election)
    return float(shares.loc[shares["result_type"] == "official_final", "share_pct"].iloc[0])


__all__ = [
    "CANDIDATES",
    "LUKASHENKO",
    "RESULT_KINDS",
    "RESULT_ORDER",
    "ResultKind",
    "TSIKHANOUSKAYA",
    "candidate_shares",
    "comparison_table",
    "official_share",
    "official_turnout",
    "result_kinds",
    "results",
    "type_label",
]
