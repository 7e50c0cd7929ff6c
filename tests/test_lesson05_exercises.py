"""Lesson 05's computed exercises, worked wrong the obvious ways a student would, from the tables the notebook shows.

Each wrong answer is computed here with pandas on the loaded data (as in the answer cells), not from the
registry's own mistake functions, so a mistake the registry misnames, or fails to recognise, shows up. Every
recognised mistake gets its own message and uses no hint; the right computation is correct.
"""

from __future__ import annotations

import pandas as pd
import pytest

from unionstate import load_dataset
from unionstate.analysis import claims, opinion
from unionstate.exercises import evaluate
from unionstate.exercises.feedback import build
from unionstate.exercises.model import get


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")


def judged(exercise_id: str, answer):
    exercise = get(exercise_id)
    result = evaluate(exercise, answer)
    return result, build(exercise, result, 1)


def assert_named(exercise_id: str, answer, name: str):
    result, feedback = judged(exercise_id, answer)
    assert result.status == "incorrect", (exercise_id, name, answer, result)
    assert result.mistake is not None and result.mistake.name == name, (exercise_id, name, answer, result.mistake)
    assert result.mistake.message in feedback.text() and not feedback.hint, (exercise_id, name)


def assert_correct(exercise_id: str, answer):
    result, _ = judged(exercise_id, answer)
    assert result.status == "correct", (exercise_id, answer, result)


# --- 05.3 Klaipėda from tonnes --------------------------------------------------------------

TRANSIT = load_dataset("klaipeda_transit")


def rows(year=2020, qualifier="exact"):
    t = TRANSIT[TRANSIT["year"] == year]
    return t[t["qualifier"] == qualifier] if qualifier else t


def value(frame, metric):
    return frame.loc[frame["metric"] == metric, "value"]


def test_klaipeda_best_case_right_and_wrong():
    exact = rows()
    cargo, total = value(exact, "belarusian_cargo"), value(exact, "port_total_throughput").item()
    assert_correct("05.klaipeda_best_case", 100 * cargo.max() / total)
    assert_named("05.klaipeda_best_case", 100 * cargo.min() / total, "the lower report")
    assert_named("05.klaipeda_best_case", 100 * cargo.mean() / total, "averaged reports")
    assert_named("05.klaipeda_best_case", 100 * cargo.sum() / total, "double counting")
    preliminary = value(rows(qualifier="preliminary"), "port_total_throughput").item()
    assert_named("05.klaipeda_best_case", 100 * cargo.max() / preliminary, "preliminary total")
    last_year = rows(2019)
    assert_named("05.klaipeda_best_case", 100 * value(last_year, "belarusian_cargo").item() / value(last_year, "port_total_throughput").item(), "wrong year")
    assert_named("05.klaipeda_best_case", value(exact, "belarusian_cargo_share_of_port").item(), "reported share")
    # a fraction is caught by the engine's built-in mistake
    assert_named("05.klaipeda_best_case", cargo.max() / total, "fraction instead of percent")


# --- 05.4 C21 read as "do not want" ----------------------------------------------------------

BAW = opinion.baw_relations_shares(claims.SURVEY)


def test_independence_total_right_and_wrong():
    independent = BAW["independent states, open border"] + BAW["like other countries: closed border, visas"]
    merger = BAW["union state"] + BAW["Belarus joins Russia"]
    assert_correct("05.independence_total", independent)
    assert_named("05.independence_total", BAW["independent states, open border"], "one option only")
    assert_named("05.independence_total", BAW["like other countries: closed border, visas"], "the other option only")
    assert_named("05.independence_total", 100 - merger, "the rest of 100")
    assert_named("05.independence_total", merger, "the merger options")
    assert_named("05.independence_total", BAW.sum(), "all four options")


# --- 05.5 Russia's share of the turnover -----------------------------------------------------

TRADE = load_dataset("trade_partners")


def dots(year):
    return TRADE[(TRADE["source_id"] == "IMF_DOTS_BLR") & (TRADE["year"] == year)].set_index("partner")


def test_russia_trade_share_right_and_wrong():
    d = dots(2019)
    turnover = d["exports_usd_m"] + d["imports_usd_m"]
    assert_correct("05.russia_trade_share", 100 * turnover["Russia"] / turnover["World total"])
    assert_named("05.russia_trade_share", 100 * d.loc["Russia", "exports_usd_m"] / d.loc["World total", "exports_usd_m"], "exports only")
    assert_named("05.russia_trade_share", 100 * d.loc["Russia", "imports_usd_m"] / d.loc["World total", "imports_usd_m"], "imports only")
    later = dots(2020)
    later_turnover = later["exports_usd_m"] + later["imports_usd_m"]
    assert_named("05.russia_trade_share", 100 * later_turnover["Russia"] / later_turnover["World total"], "wrong year")


# --- 05.6 Russia's share of total public debt ------------------------------------------------

DEBT = load_dataset("debt")
DEBT_ROWS = DEBT[(DEBT["as_of_date"] >= "2020-07-01") & (DEBT["as_of_date"] <= "2021-12-31")]  # the notebook's table


def debt_value(indicator, as_of=None, unit=None):
    r = DEBT_ROWS[DEBT_ROWS["indicator"] == indicator]
    if as_of is not None:
        r = r[r["as_of_date"] == as_of]
    if unit is not None:
        r = r[r["unit"] == unit]
    return r["value"]


def test_total_debt_share_right_and_wrong():
    owed = debt_value("debt_owed_to_Russia", "2020-12-31").item()
    total_usd = debt_value("public_debt_total", unit="USD billion").item()
    assert_correct("05.total_debt_share", 100 * owed / total_usd)
    # the BYN total of the table nearest before the USD one
    byn = DEBT_ROWS[(DEBT_ROWS["indicator"] == "public_debt_total") & (DEBT_ROWS["unit"] == "BYN billion")].sort_values("as_of_date")
    assert_named("05.total_debt_share", 100 * owed / byn["value"].iloc[0], "mixing currencies")
    assert_named("05.total_debt_share", 100 * debt_value("debt_owed_to_Russia", "2021-12-31").item() / total_usd, "wrong year (later)")
    assert_named("05.total_debt_share", 100 * total_usd / owed, "reversed ratio")


# --- 05.7 closest_gap -------------------------------------------------------------------------


def test_closest_gap_right_and_wrong():
    def right(claimed, figures):
        distances = pd.Series([abs(claimed - f) for f in figures], index=list(figures))
        return claimed - distances.idxmin()

    assert_correct("05.closest_gap", right)
    assert_named("05.closest_gap", lambda claimed, figures: abs(right(claimed, figures)), "unsigned gap")
    assert_named("05.closest_gap", lambda claimed, figures: claimed - max(figures), "highest figure")
    assert_named("05.closest_gap", lambda claimed, figures: claimed - min(figures), "lowest figure")
    # returning the smallest distance itself is the same mistake as the unsigned gap
    assert_named("05.closest_gap", lambda claimed, figures: min(abs(claimed - f) for f in figures), "unsigned gap")
    # returning the closest figure instead of the gap is not a named mistake: it gets the next hint
    result, feedback = judged("05.closest_gap", lambda claimed, figures: min(figures, key=lambda f: abs(claimed - f)))
    assert result.status == "incorrect" and result.mistake is None and feedback.hint


def test_closest_gap_scaffold_gives_only_the_first_step():
    """The answer cell's given step computes the distances; the step that finds the figure is the student's."""
    import nbformat

    from unionstate import paths
    from unionstate.release import read_master, release_notebook

    master = next(paths.NOTEBOOKS.glob("05-*.ipynb"))
    student = release_notebook(read_master(master), name=master.name)
    (cell,) = [c for c in student.cells if c.cell_type == "code" and c.source.lstrip().startswith("def closest_gap")]
    assert "distances = " in cell.source and "idxmin" not in cell.source
    assert isinstance(student, nbformat.NotebookNode)
