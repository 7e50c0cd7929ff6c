"""Lesson 05 (the capstone): claims and verdicts, the evidence on each claim card, the election
figures, the exercises and the claim-card widget.

Expected values are computed here from the CSV files with plain pandas, independently of the
kit's analysis functions, so a test fails when the kit and the data disagree.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from unionstate import paths, quote
from unionstate.analysis import claims as ca
from unionstate.analysis import debt
from unionstate.analysis import election as el
from unionstate.exercises import evaluate, get
from unionstate.exercises import lesson05 as key
from unionstate.sources import all_sources
from unionstate.widgets import claims as cw
from unionstate.widgets import store
from unionstate.widgets.store import ANSWER_MIME

DATA = paths.ROOT / "data"
CLAIMS = pd.read_csv(DATA / "union" / "article_claims.csv")
ELECTION = pd.read_csv(DATA / "opinion" / "election_2020.csv")
TIMELINE = pd.read_csv(DATA / "union" / "union_state_timeline.csv", parse_dates=["date"])
IDS = list(CLAIMS["claim_id"])


def base_label(verdict: str) -> str:
    label = verdict.split("(")[0].strip()
    return label.split(",")[0].strip() if label.startswith("context") else label


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    return tmp_path


# --- claims, kinds, verdicts ---------------------------------------------------------------


def test_every_curators_verdict_is_on_the_scale_with_its_qualifier():
    table = ca.claims()
    assert list(table["claim_id"]) == IDS
    for verdict, label, qualifier in zip(CLAIMS["verdict"], table["verdict_label"], table["verdict_qualifier"]):
        assert label == base_label(verdict) and label in ca.VERDICT_SCALE
        inner = re.search(r"\((.+)\)", verdict) or re.fullmatch(r"context, (.+)", verdict)
        assert qualifier == (inner.group(1) if inner else "")


def test_split_verdict_rejects_labels_off_the_scale():
    assert ca.split_verdict("partly supported (overstated)") == ("partly supported", "overstated")
    assert ca.split_verdict("Misleading") == ("misleading", "")
    with pytest.raises(ValueError, match="verdict scale"):
        ca.split_verdict("mostly true")


def test_claim_kinds_follow_the_curators_types():
    kinds = dict(zip(ca.claims()["claim_id"], ca.claims()["kind"]))
    for cid, claim_type in zip(CLAIMS["claim_id"], CLAIMS["claim_type"]):
        if claim_type.startswith("context"):
            assert kinds[cid] == "context", cid
        elif claim_type in ("quote", "attribution"):
            assert kinds[cid] == "quotation", cid
        elif "characterisation" in claim_type:
            assert kinds[cid] == "characterisation", cid
        elif "opinion" in claim_type:
            assert kinds[cid] == "opinion", cid
        else:
            assert kinds[cid] == "fact", cid
    assert set(kinds.values()) <= set(ca.KINDS)
    # C17: the curators type it 'characterisation / opinion' but give it a factual verdict; the kit says why it checks it
    assert kinds["C17"] == "characterisation" and "C17" in ca.KIND_NOTES


@pytest.mark.parametrize("claim_id", IDS)
def test_every_verdict_is_on_the_scale_and_fits_the_claims_kind(claim_id):
    row = ca.claim(claim_id)
    assert ca.verdict_problem(row["kind"], row["verdict"]) is None
    line = ca.rubric_line(row["kind"], row["verdict_label"])
    assert row["rubric_line"] == line.line and line.verdict == row["verdict_label"]
    card = html.unescape(cw.card_view(claim_id, True).html())
    assert f"The rubric line that decides it:</b> {line.line}" in card and line.rule in card
    assert "Evidence rows:</b>" in card


def test_the_rubric_refuses_a_factual_verdict_for_an_opinion_and_keeps_quotations_to_their_rule():
    assert ca.verdict_problem("opinion", "partly supported")  # an opinion gets no factual verdict
    assert ca.verdict_problem("fact", "opinion")  # a checkable fact is not waved through as opinion
    assert ca.verdict_problem("quotation", "not checkable with these data")
    assert ca.verdict_problem("context", "supported") and ca.verdict_problem("fact", "context")
    assert ca.verdict_problem("fact", "mostly true")  # off the scale
    assert ca.verdict_problem("characterisation", "partly supported (overstated)") is None
    assert ca.rubric_line("quotation", "partly supported").line == "Q2"
    with pytest.raises(ValueError, match="cannot be 'partly supported'"):
        ca.rubric_line("opinion", "partly supported")
    every_label = {line.verdict for line in ca.RUBRIC}
    assert every_label == set(ca.VERDICTS)  # every label of the scale has its written rule
    assert "C02 and C10" in ca.QUOTATION_RULE


def test_quotations_get_the_same_standard():
    """C02 and C10 both document the sense but not the exact words: the same verdict under the same rubric line."""
    c02, c10 = ca.claim("C02"), ca.claim("C10")
    assert c02["kind"] == c10["kind"] == "quotation"
    assert c02["rubric_line"] == c10["rubric_line"] == "Q2"


def test_verdicts_that_hang_on_one_word_show_every_reading():
    for cid in ("C04", "C16", "C21"):
        table = ca.readings(cid)
        assert len(table) >= 2 and table["word"].nunique() == 1
        assert all(ca.split_verdict(v)[0] in ca.allowed_verdicts(ca.claim(cid)["kind"]) for v in table["verdict"])
        word = table["word"].iloc[0]
        assert word in str(ca.claim(cid)["article_statement"])
        hidden, shown = (html.unescape(cw.card_view(cid, flag).html()) for flag in (False, True))
        assert f"The verdict hangs on one word: “{word}”" in hidden and ca.TRANSLATION_CAVEAT in hidden
        assert all(r in hidden for r in table["reading"]) and not any(w in hidden for w in table["why"])
        assert all(w in shown for w in table["why"])
    c04 = ca.readings("C04")["figure_pct"]
    assert max(c04) < 70  # under every reading of "public debt" the data stay below the claim
    assert ca.readings("C16")["verdict"].nunique() == 2  # for "mainly" the verdict changes with the reading


def test_verdict_counts_match_the_csv_and_list_unused_labels():
    counts = ca.verdict_counts()
    assert counts["claims"].sum() == len(CLAIMS)
    assert list(dict.fromkeys(counts["verdict_label"])) == ca.VERDICTS
    for verdict, n in CLAIMS["verdict"].value_counts().items():
        inner = re.search(r"\((.+)\)", verdict) or re.fullmatch(r"context, (.+)", verdict)
        row = counts[(counts["verdict_label"] == base_label(verdict)) & (counts["verdict_qualifier"] == (inner.group(1) if inner else ""))]
        assert row["claims"].item() == n
    used = {base_label(v) for v in CLAIMS["verdict"]}
    assert all(counts.loc[counts["verdict_label"] == v, "claims"].sum() == 0 for v in ca.VERDICTS if v not in used)


def test_claimed_figures_are_read_from_the_wording():
    statement = dict(zip(CLAIMS["claim_id"], CLAIMS["article_statement"]))
    for cid in IDS:
        m = re.search(r"(\d+) percent", statement[cid])
        if m:
            assert ca.claimed_figure(cid) == float(m.group(1))
    assert ca.claimed_figure("C04") == debt.claimed_share_pct()  # the same reading as lesson 04
    assert "three quarters" in statement["C13"].lower() and ca.claimed_figure("C13") == 75
    assert ca.claimed_figure("C15") == 50 and ca.claimed_figure("C16") == 50
    assert ca.claimed_figure("C01") is None and ca.claimed_figure("C18") is None
    with pytest.raises(KeyError, match="No claim 'C99'"):
        ca.claimed_figure("C99")


def test_closest_gap_is_signed_and_uses_the_nearest_figure():
    assert ca.closest_gap(70, [46.7, 62.6, 36.4]) == pytest.approx(7.4)
    assert ca.closest_gap(10, [12.5, 30.0]) == pytest.approx(-2.5)
    assert ca.closest_gap(40, pd.Series([35.0, float("nan"), 47.0])) == pytest.approx(5.0)
    with pytest.raises(ValueError):
        ca.closest_gap(50, [])


# --- evidence on the cards -----------------------------------------------------------------


@pytest.mark.parametrize("claim_id", IDS)
def test_every_claim_has_evidence_or_says_the_data_lack_it(claim_id):
    ev = ca.evidence(claim_id)
    known = all_sources()
    assert ev.claim_id == claim_id and ev.finding.strip()
    assert all(s in known for s in ev.source_ids), ev.source_ids
    if ev.table is None:
        assert ev.not_in_data, f"{claim_id}: no evidence rows, so the card must say what is missing"
    else:
        assert len(ev.table) > 0 and ev.source_ids
    if ev.chart in ("bars", "line"):
        assert {ev.chart_value, ev.chart_label} <= set(ev.table.columns)
    curated = CLAIMS.loc[CLAIMS["claim_id"] == claim_id]
    if base_label(curated["verdict"].item()) == "opinion":
        assert ev.not_in_data


def test_debt_card_states_the_highest_share_and_the_gap():
    rows = pd.read_csv(DATA / "union" / "belarus_debt.csv")
    reported = rows[(rows["share_basis"] == "reported") & rows["creditor"].str.startswith("Russia", na=False) & (rows["as_of_date"] == "2018-12-31")]
    top = reported["share_pct"].item()
    finding = ca.evidence("C04").finding
    assert f"{top:.1f}%" in finding and f"{70 - top:.1f} percentage points" in finding


def test_survey_cards_state_the_baw_shares():
    opinion = pd.read_csv(DATA / "opinion" / "opinion_integration.csv")
    wave = opinion[(opinion["survey_id"] == "BAW_2019_12") & (opinion["value_qualifier"] == "exact")]
    union_state = wave.loc[wave["answer_option"] == "unify into a union state", "share_pct"].iloc[0]
    joins = wave.loc[wave["answer_option"] == "Belarus joins Russia", "share_pct"].iloc[0]
    independent = wave.loc[wave["answer_option"].str.startswith("fully independent"), "share_pct"].iloc[0]
    assert f"{union_state:g}%" in ca.evidence("C12").finding and f"{union_state + joins:g}%" in ca.evidence("C12").finding
    assert f"{independent:g}%" in ca.evidence("C13").finding
    assert ca.evidence("C12").highlight == ("union state",)


def test_trade_card_states_the_dots_shares():
    dots = pd.read_csv(DATA / "trade" / "belarus_trade_partners.csv")
    dots = dots[dots["source_id"] == "IMF_DOTS_BLR"].assign(turnover=lambda d: d["exports_usd_m"] + d["imports_usd_m"])
    members = pd.read_csv(DATA / "trade" / "eaeu_members.csv")["country"]
    for year in (2019, 2020):
        rows = dots[dots["year"] == year]
        share = 100 * rows.loc[rows["partner"].isin(set(members) - {"Belarus"}), "turnover"].sum() / rows.loc[rows["partner"] == "World total", "turnover"].item()
        assert f"{share:.1f}% in {year}" in ca.evidence("C15").finding


def test_klaipeda_card_and_best_case_follow_the_tonnes():
    transit = pd.read_csv(DATA / "trade" / "klaipeda_transit.csv")
    exact = transit[transit["qualifier"] == "exact"]
    shares = []
    for year in sorted(set(exact["year"])):
        totals = exact[(exact["year"] == year) & (exact["metric"] == "port_total_throughput")]["value"]
        cargo = exact[(exact["year"] == year) & (exact["metric"] == "belarusian_cargo")]["value"]
        if len(totals) == 1:
            shares += [(year, 100 * c / totals.item()) for c in cargo]
    assert f"{min(s for _, s in shares):.1f}%" in ca.evidence("C16").finding
    assert key.klaipeda_best_case() == pytest.approx(max(s for y, s in shares if y == 2020))
    assert key.klaipeda_best_case() < 50  # the reading most favourable to 'mainly' is still below half


def test_election_card_counts_the_days_and_names_the_official_result():
    election_day = TIMELINE.loc[TIMELINE["event"].str.contains("Presidential election"), "date"].item()
    sochi = TIMELINE.loc[TIMELINE["event"].str.contains("working visit to Sochi"), "date"].item()
    finding = ca.evidence("C11").finding
    assert finding.startswith(f"{(sochi - election_day).days} days")
    official = ELECTION[(ELECTION["result_type"] == "official_final") & (ELECTION["item"] == "Alexander Lukashenko")]["share_pct"].iloc[0]
    assert f"{official:g}%" in finding


def test_members_card_compares_the_article_list_with_the_data():
    members = list(pd.read_csv(DATA / "trade" / "eaeu_members.csv")["country"])
    finding = ca.evidence("C14").finding
    assert ", ".join(members) in finding
    listed = re.search(r"\((.+)\)", CLAIMS.loc[CLAIMS["claim_id"] == "C14", "article_statement"].item()).group(1).split(", ")
    assert ("names the same" in finding) == (set(listed) == set(members))


def test_numeric_claims_gap_is_claim_minus_closest_reading():
    table = ca.numeric_claims().set_index("claim_id")
    assert set(table.index) == {"C04", "C12", "C13", "C15", "C16"}
    for cid, row in table.iterrows():
        assert row["gap_points"] == pytest.approx(row["claimed_pct"] - row["closest_pct"], abs=0.051)
        assert row["lowest_pct"] <= row["closest_pct"] <= row["highest_pct"]
    assert table.loc["C16", "gap_points"] > 0 and table.loc["C04", "gap_points"] > 0


# --- the election figures ------------------------------------------------------------------


def test_every_result_type_of_the_data_has_a_kind():
    assert set(ELECTION["result_type"]) <= set(el.RESULT_KINDS)
    assert list(el.result_kinds()["result_type"]) == el.RESULT_ORDER


@pytest.mark.parametrize("candidate", ["Alexander Lukashenko", "Sviatlana Tsikhanouskaya"])
def test_candidate_shares_keep_one_figure_per_result_set_from_the_csv(candidate):
    shares = el.candidate_shares(candidate)
    rows = ELECTION[ELECTION["item"] == candidate]
    assert sorted(shares["result_id"]) == sorted(rows["result_id"].unique())
    for r in shares.itertuples():
        same = rows[rows["result_id"] == r.result_id]
        assert r.share_pct in set(same["share_pct"])
        if (same["value_qualifier"] == "exact").any():
            assert r.value_qualifier == "exact"
        others = set(same["share_pct"]) - {r.share_pct}
        assert all(f"gives {o:g}" in r.other_reports for o in others)  # a conflicting figure is listed, never dropped


def test_comparison_table_resolves_as_above_and_never_averages():
    table = el.comparison_table()
    assert not table["covers"].str.contains("as above").any()
    luka = ELECTION[ELECTION["item"] == "Alexander Lukashenko"]
    assert set(table["Lukashenko_pct"]) <= set(luka["share_pct"])
    assert table.loc[table["result_id"] == "CEC_FINAL", "kind"].item() == el.type_label("official_final")


def test_official_turnout_keeps_both_preliminary_reports():
    turnout = el.official_turnout()
    csv = ELECTION[(ELECTION["item"].str.startswith("turnout")) & ELECTION["result_type"].str.startswith("official")]
    assert sorted(turnout["share_pct"]) == sorted(csv["share_pct"])


# --- exercises -----------------------------------------------------------------------------


def test_exercise_expectations_match_the_csv():
    opinion = pd.read_csv(DATA / "opinion" / "opinion_integration.csv")
    independent = opinion[(opinion["survey_id"] == "BAW_2019_12") & opinion["answer_option"].str.startswith("fully independent")]
    assert key.independent_share() == independent["share_pct"].iloc[0]
    dots = pd.read_csv(DATA / "trade" / "belarus_trade_partners.csv")
    rows = dots[(dots["source_id"] == "IMF_DOTS_BLR") & (dots["year"] == 2019)].set_index("partner")
    turnover = rows["exports_usd_m"] + rows["imports_usd_m"]
    assert key.russia_trade_share() == pytest.approx(100 * turnover["Russia"] / turnover["World total"])
    for cid, exercise in (("C14", "05.verdict_members"), ("C16", "05.verdict_klaipeda")):
        verdict = base_label(CLAIMS.loc[CLAIMS["claim_id"] == cid, "verdict"].item())
        checker = get(exercise).checker
        assert checker.options[checker.answer] == verdict


def test_public_debt_share_is_the_highest_total_debt_estimate():
    rows = pd.read_csv(DATA / "union" / "belarus_debt.csv")
    russia_mid2020 = rows[(rows["as_of_date"] == "2020-07-01") & (rows["indicator"] == "external_public_debt_share")]["share_pct"].item()
    split = rows[(rows["as_of_date"] == "2020-08-01") & (rows["indicator"] == "public_debt_to_GDP")]["debt_definition"].item()
    external, domestic = map(float, re.search(r"external ([\d.]+)% \+ domestic ([\d.]+)%", split).groups())
    owed = rows[(rows["as_of_date"] == "2020-12-31") & (rows["indicator"] == "debt_owed_to_Russia")]["value"].item()
    total = rows[(rows["as_of_date"] == "2020-12-01") & (rows["indicator"] == "public_debt_total")]["value"].item()
    estimates = [russia_mid2020 * external / (external + domestic), 100 * owed / total]
    assert key.public_debt_share() == pytest.approx(max(estimates))
    assert key.public_debt_share() < debt.claimed_share_pct()


def test_election_chart_accepts_the_solution_and_rejects_double_counting(monkeypatch):
    from unionstate import add_caption, new_figure

    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    rows = ELECTION[ELECTION["item"] == "Alexander Lukashenko"]
    exercise = get("05.election_chart")
    for frame, status in ((rows.drop_duplicates("result_id"), "correct"), (rows, "incorrect")):
        fig, ax = new_figure("Lukashenko by kind of figure", xlabel="Share (%)", ylabel="Kind of figure")
        ax.barh(frame["result_type"].astype(str) + ("" if status == "correct" else " " + frame["source_id"]), frame["share_pct"])
        add_caption(fig, frame["source_id"])
        assert evaluate(exercise, ax).status == status


def test_closest_gap_exercise_catches_an_unsigned_gap(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    exercise = get("05.closest_gap")

    def unsigned(claimed, figures):
        return min(abs(claimed - f) for f in figures)

    assert evaluate(exercise, ca.closest_gap, hidden_tests=True).status == "correct"
    assert evaluate(exercise, unsigned, hidden_tests=True).status == "incorrect"


# --- the claim-card widget -----------------------------------------------------------------


def test_card_shows_the_claim_the_citation_and_the_evidence_and_hides_the_verdict_until_asked():
    for cid in IDS:
        row = CLAIMS.loc[CLAIMS["claim_id"] == cid].iloc[0]
        hidden, shown = (html.unescape(cw.card_view(cid, flag).html()) for flag in (False, True))
        for text in (row["article_statement"], ca.evidence(cid).finding):
            assert text in hidden
        if row["claim_type"].startswith("context"):
            assert "not a sentence of the article" in hidden
        else:  # the article's own words, from the quotations dataset, with the citation
            assert f"“{quote(cid).text}”" in hidden and "S00_NTV_2020_09" in hidden
        assert "The curators' verdict:" not in hidden and "✓" not in hidden
        assert f"The curators' verdict:</b> {base_label(row['verdict'])}" in shown
        assert f"{base_label(row['verdict'])} ✓" in shown  # marked on the scale


def test_each_control_changes_the_card_and_charts_carry_alt_text_and_sources():
    assert cw.card_view("C01").html() != cw.card_view("C04").html()
    card = cw.card_view("C04")
    assert card.figure is not None and card.figure.alt.startswith("Bar chart") and "Officelife" in card.figure.caption
    assert "Not in the data:" in cw.card_view("C18").html()
    assert cw.card_view("C18").figure is None
    c20 = html.unescape(cw.card_view("C20").html())
    assert "What would settle it:</b> a nationally representative survey" in c20 and "independent" in c20


def test_record_verdict_needs_a_label_from_the_scale_and_reasons():
    verdicts = {}
    assert cw.record_verdict(verdicts, "C04", "", "because")[0] == "unanswered"
    assert cw.record_verdict(verdicts, "C04", "mostly true", "because")[0] == "unanswered"
    assert cw.record_verdict(verdicts, "C04", "misleading", "   ")[0] == "invalid"
    assert verdicts == {}
    status, message = cw.record_verdict(verdicts, "C04", "partly supported", " Officelife: 62.7 [S_OFFICELIFE_2019b] ")
    assert status == "saved" and "C04" in message
    assert verdicts == {"C04": {"verdict": "partly supported", "justification": "Officelife: 62.7 [S_OFFICELIFE_2019b]"}}


class Handle:
    def __init__(self):
        self.bundles = []

    def update(self, bundle, raw):
        self.bundles.append(bundle)


def test_saved_verdicts_go_to_the_notebook_and_the_workspace_and_come_back(in_tmp):
    cards = cw.ClaimCards("C04")
    cards._handle = Handle()
    cards.verdict.value = "partly supported"
    assert cards.save() == "invalid" and not store.STORE.exists()  # no reasons yet
    cards.justification.value = "Highest share 62.7 (S_OFFICELIFE_2019b); total public debt lower."
    assert cards.save() == "saved"
    record = cards._handle.bundles[-1][ANSWER_MIME]
    assert record["claim_verdicts"]["C04"]["verdict"] == "partly supported" and "quiz" not in record
    assert json.loads(store.STORE.read_text())["05.claim.C04"]["verdict"] == "partly supported"

    again = cw.ClaimCards("C01")  # a restart: the verdict is restored from the workspace
    assert again.verdicts["C04"]["verdict"] == "partly supported" and again.verdict.value == ""
    again.cards.controls["claim_id"].value = "C04"
    assert again.verdict.value == "partly supported" and "62.7" in again.justification.value
    assert "C04" in again.cards.display_area.value  # the card itself was redrawn for the new claim


def test_strict_mode_restores_nothing(in_tmp, monkeypatch):
    store.save_answer("05.claim.C04", {"claim": "C04", "verdict": "misleading", "justification": "x"})
    monkeypatch.setenv("UNIONSTATE_STRICT", "1")
    cards = cw.ClaimCards("C04")
    assert cards.verdicts == {} and cards.verdict.value == ""


def test_verdict_record_is_ignored_by_the_quiz_grader():
    from unionstate.grading.compose import quiz_answers

    assert ANSWER_MIME not in cw.verdicts_bundle({})  # nothing recorded, no record
    bundle = cw.verdicts_bundle({"C16": {"verdict": "partly supported", "justification": "about a third"}})
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": bundle}]}]}
    assert quiz_answers(nb, "05") == {}
    assert "C16: partly supported" in bundle["text/plain"]


def test_the_written_rubric_is_the_same_everywhere_it_is_printed():
    """data/README.md and lesson plan 05 carry the rubric from claims.rubric_markdown(); notebook 05 shows it from there too."""
    for path in (DATA / "README.md", paths.LESSONS / "05-fact-check.md"):
        text = path.read_text(encoding="utf-8")
        block = re.search(r"<!-- BEGIN RUBRIC[^>]*-->\n(.*?)\n<!-- END RUBRIC -->", text, re.S)
        assert block, f"{path.name} has no rubric block"
        assert block.group(1) == ca.rubric_markdown(), f"{path.name}: the rubric differs from analysis/claims.py; paste claims.rubric_markdown()"
    nb = json.loads((paths.NOTEBOOKS / "05-fact-check.ipynb").read_text(encoding="utf-8"))
    assert any("claims.rubric_markdown()" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def test_notebook_lists_the_verdict_letters_of_the_registry():
    nb = json.loads((paths.NOTEBOOKS / "05-fact-check.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    listed = " · ".join(f"{letter}: {label}" for letter, label in key.SCALE_LETTERS.items())
    assert f"The verdict scale, with letters: {listed}." in text
    assert list(key.SCALE_LETTERS.values()) == ca.VERDICTS


def test_quiz_card_note_teaches_the_quotation_rule():
    quiz = get("05.card_note")
    right = quiz.options[quiz.answer]
    assert "partly supported" in right and "C02" in right
    wrong = [text for letter, text in quiz.options.items() if letter != quiz.answer]
    assert any("substance holds" in text and "'supported'" in text for text in wrong)  # the old inconsistency is a wrong option
    assert ca.claim("C10")["verdict_label"] == ca.claim("C02")["verdict_label"] == "partly supported"
