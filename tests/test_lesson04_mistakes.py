"""Lesson 04: the likely wrong answers of every numeric exercise are recognised by name.

Each wrong answer is worked here from the CSV files with pandas (not through the registry's
functions), so a mistake that no longer matches what a student would type shows up. A recognised
mistake gets its own message, never shows the expected value, and uses up no hint.
"""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from unionstate import paths  # noqa: E402
from unionstate.datasets import load_dataset  # noqa: E402
from unionstate.exercises import check, evaluate, session  # noqa: E402
from unionstate.exercises.checkers import ChoiceCheck, FunctionCheck, NumberCheck  # noqa: E402
from unionstate.exercises.feedback import build  # noqa: E402
from unionstate.exercises.model import Exercise, for_lesson, get  # noqa: E402

EFSD = "Eurasian Fund for Stabilization and Development (EFSD)"


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    for state in (session._status, session._wrong_answers, session._hints_shown):
        state.clear()
    monkeypatch.setattr("IPython.display.display", lambda *a, **kw: None)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "union" / name, dtype=str)


def _debt_amount(indicator: str, creditor: str | None = None) -> float:
    debt = _csv("belarus_debt.csv")
    rows = debt[(debt["as_of_date"] == "2018-12-31") & (debt["indicator"] == indicator)]
    if creditor is not None:
        rows = rows[rows["creditor"] == creditor]
    return float(rows["value"].item())


def _claimed() -> float:
    claims = _csv("article_claims.csv")
    return float(re.search(r"(\d+) percent", claims.loc[claims["claim_id"] == "C04", "article_statement"].item()).group(1))


def _shares() -> pd.DataFrame:
    from unionstate.analysis.debt import share_frame

    return share_frame(load_dataset("debt"))


def _gas():
    energy = _csv("energy_prices.csv")
    full = energy[energy["period"] == "year"]
    price = {ind: full[full["indicator"] == ind].assign(y=lambda t: t["year"].astype(int)).set_index("y")["value"].astype(float)
             for ind in ("gas_price_Belarus", "gazprom_avg_price_Europe")}
    return price["gas_price_Belarus"], price["gazprom_avg_price_Europe"], energy


def _volume(energy: pd.DataFrame, year: int) -> float:
    rows = energy[energy["indicator"].str.startswith("gas_volume_Belarus") & (energy["year"] == str(year))]
    return float(rows["value"].item())


def wrong_answers() -> list[tuple[str, float, str]]:
    """(exercise, a wrong answer worked the likely wrong way, the mistake's name)."""
    total, russia, efsd = (_debt_amount("external_public_debt_total"), _debt_amount("external_public_debt_by_creditor", "Russia"),
                           _debt_amount("external_public_debt_by_creditor", EFSD))
    shares = _shares()
    claimed = _claimed()
    external_max = shares.loc[shares["debt_measure"].str.startswith("external"), "share_pct"].max()
    total_debt = shares.loc[shares["debt_measure"].str.startswith("total public debt"), "share_pct"]
    belarus, europe, energy = _gas()
    gap = (europe - belarus).dropna()
    year = next(y for y in gap.index if not energy[energy["indicator"].str.startswith("gas_volume_Belarus") & (energy["year"] == str(y))].empty)
    volume = _volume(energy, year)
    return [
        ("04.share_russia_alone", 100 * (russia + efsd) / total, "EFSD counted as Russia"),
        ("04.share_russia_alone", 100 * total / russia, "reversed ratio"),
        ("04.share_russia_alone", 100 * _debt_amount("debt_owed_to_Russia") / total, "Bank of Russia figure"),
        ("04.share_russia_alone", russia / total, "fraction instead of percent"),
        ("04.share_incl_efsd", 100 * russia / total, "EFSD left out"),
        ("04.share_incl_efsd", 100 * efsd / total, "EFSD alone"),
        ("04.share_incl_efsd", 100 * total / (russia + efsd), "reversed ratio"),
        ("04.claim_gap", shares["share_pct"].max() - claimed, "reversed sign"),  # the audit's case
        ("04.claim_gap", 100 * (claimed - external_max) / external_max, "relative difference"),
        ("04.claim_gap", claimed - 100 * (russia + efsd) / total, "your computed share, not the highest"),
        ("04.claim_gap", claimed - 100 * russia / total, "narrowest definition"),
        ("04.claim_gap", claimed - total_debt.max(), "a share of total public debt"),
        ("04.gap_total_debt", claimed - external_max, "a share of external debt"),
        ("04.gap_total_debt", claimed - total_debt.min(), "lowest share"),
        ("04.gap_total_debt", total_debt.max() - claimed, "reversed sign"),
        ("04.gap_total_debt", 100 * (claimed - total_debt.max()) / total_debt.max(), "relative difference"),
        ("04.subsidy", 1000 * gap[year] * volume, "thousand times too large"),
        ("04.subsidy", gap[year] * volume / 1000, "thousand times too small"),
        ("04.subsidy", belarus[year] * volume, "Belarus's bill, not the gap"),
        ("04.subsidy", europe[year] * volume, "Europe's price, not the gap"),
        ("04.subsidy", gap[year] * _volume(energy, year - 1), "volume of another year"),
        ("04.subsidy", -gap[year] * volume, "reversed sign"),
        ("04.largest_gap_year", int((belarus - europe).dropna().idxmax()), "reversed gap"),
    ] + [("04.largest_gap_year", y, "part-year year") for y in _part_year_years(energy)]


def _part_year_years(energy: pd.DataFrame) -> list[int]:
    """Years with both prices where at least one covers only part of the year (a forecast, a range, is no price)."""
    priced = energy[energy["value"].str.fullmatch(r"-?\d+(\.\d+)?", na=False) & energy["year"].str.fullmatch(r"\d{4}", na=False)]
    years = {ind: set(priced.loc[priced["indicator"] == ind, "year"].astype(int)) for ind in ("gas_price_Belarus", "gazprom_avg_price_Europe")}
    belarus, europe, _ = _gas()
    full_both = set(belarus.index) & set(europe.index)
    out = sorted((years["gas_price_Belarus"] & years["gazprom_avg_price_Europe"]) - full_both)
    assert out, "the data have no part-year comparison"
    return out


@pytest.mark.parametrize("exercise_id, value, name", wrong_answers(), ids=lambda v: str(v)[:40])
def test_a_likely_wrong_answer_gets_its_own_message_and_no_hint(exercise_id, value, name):
    ex = get(exercise_id)
    result = evaluate(ex, value)
    assert result.status == "incorrect", (exercise_id, value, result.message)
    assert result.mistake is not None and result.mistake.name == name, (exercise_id, value, result.mistake)
    feedback = build(ex, result, 1)
    assert feedback.hint == "" and result.mistake.message in feedback.text()
    for form in ex.checker.expected_forms():
        assert form not in result.mistake.message, (exercise_id, form)
    check(exercise_id, value)  # in the kernel: no hint used up
    assert session.hints_shown(exercise_id) == 0


def test_every_numeric_exercise_names_at_least_two_mistakes():
    numeric = [i for i in for_lesson("04") if isinstance(i, Exercise) and isinstance(i.checker, (NumberCheck, FunctionCheck))]
    assert {e.id for e in numeric} >= {"04.share_russia_alone", "04.share_incl_efsd", "04.claim_gap", "04.gap_total_debt", "04.subsidy",
                                       "04.largest_gap_year", "04.russia_share"}
    for ex in numeric:
        assert len(ex.checker.mistakes) >= 2, ex.id
        assert len({m.name for m in ex.checker.mistakes}) >= 2 or ex.id == "04.largest_gap_year", ex.id


def test_an_unknown_wrong_answer_still_gets_the_next_hint():
    check("04.claim_gap", 1.0)
    assert session.hints_shown("04.claim_gap") == 1
    check("04.claim_gap", _shares()["share_pct"].max() - _claimed())  # the reversed sign: named, no hint
    assert session.hints_shown("04.claim_gap") == 1


def _honest_share(debt, as_of, definition):
    rows = debt[debt["as_of_date"] == as_of]
    if definition == "as reported":
        r = rows[(rows["share_basis"] == "reported") & rows["creditor"].str.startswith("Russia", na=False)]
        return float(r["share_pct"].iloc[0]) if len(r) else None
    names = ["Russia"] if definition == "Russia alone" else ["Russia", EFSD]
    total = rows.loc[rows["indicator"] == "external_public_debt_total", "value"]
    owed = rows.loc[(rows["indicator"] == "external_public_debt_by_creditor") & rows["creditor"].isin(names), "value"]
    if total.empty or len(owed) < len(names):
        return None
    return 100 * owed.sum() / total.item()


def test_the_function_mistakes_are_recognised():
    ex = get("04.russia_share")

    def as_fraction(debt, as_of, definition):
        share = _honest_share(debt, as_of, definition)
        return share if definition == "as reported" or share is None else share / 100

    def always_reported(debt, as_of, definition):
        return _honest_share(debt, as_of, "as reported")

    assert evaluate(ex, _honest_share).status == "correct"
    for student, name in [(as_fraction, "fraction instead of percent"), (always_reported, "reported share for every definition")]:
        result = evaluate(ex, student)
        assert result.status == "incorrect" and result.mistake is not None and result.mistake.name == name, (name, result.message)


def test_the_verdict_choice_explains_every_option_and_its_key_follows_the_two_gaps():
    ex = get("04.verdict_readings")
    assert isinstance(ex.checker, ChoiceCheck)
    assert set(ex.checker.explanations) == set(ex.checker.options)
    shares, claimed = _shares(), _claimed()
    external = claimed - shares.loc[shares["debt_measure"].str.startswith("external"), "share_pct"].max()
    total = claimed - shares.loc[shares["debt_measure"].str.startswith("total public debt"), "share_pct"].max()
    assert external > 0 and total > external  # overstated under both readings, more so against total public debt: B
    assert evaluate(ex, "B").status == "correct"
    assert evaluate(ex, "D").status == "incorrect"
