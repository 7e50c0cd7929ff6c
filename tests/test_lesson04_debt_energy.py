"""Lesson 04: debt shares under each definition, the gas price gap, the implicit subsidy, both explorers
and the lesson's exercises.

Expected values are computed here straight from the CSV files with pandas (not through the
functions under test), so a change in the data or in the code shows up as a disagreement.
"""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from unionstate import add_caption, paths  # noqa: E402
from unionstate.analysis import debt as da  # noqa: E402
from unionstate.analysis import energy as ea  # noqa: E402
from unionstate.datasets import load_dataset  # noqa: E402
from unionstate.exercises import evaluate  # noqa: E402
from unionstate.exercises.model import Exercise, Quiz, Reflection, for_lesson, get  # noqa: E402
from unionstate.sources import all_sources, split_ids  # noqa: E402
from unionstate.widgets.debt import DebtExplorer, debt_view, definition_options  # noqa: E402
from unionstate.widgets.energy import GasGapExplorer, gas_gap_view  # noqa: E402

EFSD = "Eurasian Fund for Stabilization and Development (EFSD)"


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")


@pytest.fixture(scope="module")
def debt_csv() -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "union" / "belarus_debt.csv", dtype=str)


@pytest.fixture(scope="module")
def energy_csv() -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "union" / "energy_prices.csv", dtype=str)


def _value(csv: pd.DataFrame, day: str, indicator: str, creditor: str | None = None) -> float:
    rows = csv[(csv["as_of_date"] == day) & (csv["indicator"] == indicator)]
    if creditor is not None:
        rows = rows[rows["creditor"] == creditor]
    assert len(rows) == 1, (day, indicator, creditor)
    return float(rows["value"].iloc[0])


# --- debt ------------------------------------------------------------------------------


def test_russia_share_from_amounts_matches_the_csv(debt_csv):
    debt = load_dataset("debt")
    total = _value(debt_csv, "2018-12-31", "external_public_debt_total")
    russia = _value(debt_csv, "2018-12-31", "external_public_debt_by_creditor", "Russia")
    efsd = _value(debt_csv, "2018-12-31", "external_public_debt_by_creditor", EFSD)
    assert da.russia_share(debt, "2018-12-31", "Russia alone") == pytest.approx(100 * russia / total)
    assert da.russia_share(debt, "2018-12-31", "Russia incl. EFSD") == pytest.approx(100 * (russia + efsd) / total)
    assert da.russia_share(debt, "2018-12-31", "Russia incl. EFSD") > da.russia_share(debt, "2018-12-31", "Russia alone")


def test_russia_share_as_reported_uses_only_reported_russia_rows(debt_csv):
    debt = load_dataset("debt")
    reported = debt_csv[(debt_csv["share_basis"] == "reported") & debt_csv["creditor"].str.startswith("Russia")]
    assert len(reported) >= 3
    for _, row in reported.iterrows():
        assert da.russia_share(debt, row["as_of_date"], "as reported") == pytest.approx(float(row["share_pct"]))
    # The curator's computed, mixed-definition share of 1 Jan 2020 is not a reported share.
    computed = debt_csv[debt_csv["share_basis"].fillna("").str.startswith("computed") & debt_csv["creditor"].str.startswith("Russia")]
    for day in set(computed["as_of_date"]) - set(reported["as_of_date"]):
        assert da.russia_share(debt, day, "as reported") is None


def test_russia_share_is_none_where_the_data_lack_the_figure():
    debt = load_dataset("debt")
    assert da.russia_share(debt, "2020-07-01", "Russia alone") is None  # only a share, no amounts
    assert da.russia_share(debt, "2009-10-01", "Russia incl. EFSD") is None
    assert da.russia_share(debt, "1999-01-01", "as reported") is None
    with pytest.raises(ValueError, match="Unknown definition"):
        da.russia_share(debt, "2018-12-31", "Russia and friends")


def test_russia_share_converts_usd_million_and_billion():
    frame = pd.DataFrame(
        {
            "as_of_date": pd.to_datetime(["2030-01-01"] * 3),
            "indicator": ["external_public_debt_total", "external_public_debt_by_creditor", "external_public_debt_by_creditor"],
            "creditor": ["all", "Russia", EFSD],
            "value": [20000.0, 5.0, 1.0],
            "unit": ["USD million", "USD billion", "USD billion"],
            "share_pct": [None, None, None],
            "share_basis": [None, None, None],
            "source_id": ["X", "X", "X"],
        }
    )
    assert da.russia_share(frame, "2030-01-01", "Russia alone") == pytest.approx(25.0)
    assert da.russia_share(frame, "2030-01-01", "Russia incl. EFSD") == pytest.approx(30.0)


def test_share_table_rows_are_sourced_and_consistent(debt_csv):
    table = da.share_table()
    known = all_sources()
    keys = [s.key for s in table]
    assert len(keys) == len(set(keys)) >= 6
    for s in table:
        assert 0 < s.share_pct < 100, s.key
        assert split_ids(s.source_id) and all(i in known for i in split_ids(s.source_id)), s.key
        assert s.caveat and s.debt_measure and s.basis
        assert sum(v for _, v, _ in s.breakdown) == pytest.approx(100, abs=0.6), s.key
        counted = sum(v for _, v, r in s.breakdown if r)
        assert counted == pytest.approx(s.share_pct, abs=0.01), s.key  # the hatched bars add up to the share shown
    by_key = {s.key: s for s in table}
    # Adding domestic debt to the denominator lowers the share of the same Russian claims.
    assert by_key["total_public_2020"].share_pct < by_key["reported_2020"].share_pct
    # Mixed estimates: recompute from the CSV.
    owed = _value(debt_csv, "2020-12-31", "debt_owed_to_Russia")
    total = _value(debt_csv, "2020-12-01", "public_debt_total")
    assert by_key["wb_total_2020"].share_pct == pytest.approx(100 * owed / total)
    owed = _value(debt_csv, "2019-12-31", "debt_owed_to_Russia")
    sdds = _value(debt_csv, "2020-01-01", "external_state_debt_total_SDDS")
    assert by_key["wb_sdds_2020"].share_pct == pytest.approx(100 * owed / sdds)
    frame = da.share_frame()
    assert list(frame["key"]) == keys and "breakdown" not in frame.columns


def test_external_part_of_public_debt_from_the_debt_to_gdp_row(debt_csv):
    row = debt_csv[debt_csv["indicator"] == "public_debt_to_GDP"].iloc[0]
    numbers = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", row["debt_definition"])]
    external, domestic = numbers[0], numbers[1]
    share, ids = da.external_share_of_public_debt(load_dataset("debt"), row["as_of_date"])
    assert share == pytest.approx(100 * external / (external + domestic))
    assert ids == row["source_id"]


def test_no_definition_reaches_the_articles_figure():
    claims = pd.read_csv(paths.data_dir() / "union" / "article_claims.csv", dtype=str)
    statement = claims.loc[claims["claim_id"] == "C04", "article_statement"].iloc[0]
    figure = float(re.search(r"(\d+) percent", statement).group(1))
    assert da.claimed_share_pct() == figure
    assert max(s.share_pct for s in da.share_table()) < figure


# --- energy ------------------------------------------------------------------------------


def _full_year(energy_csv: pd.DataFrame, indicator: str) -> pd.Series:
    rows = energy_csv[(energy_csv["indicator"] == indicator) & (energy_csv["period"] == "year")]
    return pd.Series(rows["value"].astype(float).to_numpy(), index=rows["year"].astype(int).to_numpy())


def test_full_year_gap_matches_the_csv(energy_csv):
    by = _full_year(energy_csv, "gas_price_Belarus")
    eu = _full_year(energy_csv, "gazprom_avg_price_Europe")
    want = (eu - by).dropna()
    gap = ea.gas_price_gap()
    assert list(gap["year"]) == sorted(int(y) for y in want.index)
    assert (gap["comparison"] == "full year").all()
    for _, r in gap.iterrows():
        assert r["gap_usd"] == pytest.approx(want[r["year"]])
        assert r["gap_pct"] == pytest.approx(100 * want[r["year"]] / eu[r["year"]])
    assert ea.largest_gap_year() == int(want.idxmax())


def test_part_year_gap_is_marked_and_never_uses_a_forecast(energy_csv):
    gap = ea.gas_price_gap(include_part_year=True)
    full = ea.gas_price_gap()
    assert set(full["year"]) < set(gap["year"])
    part = gap[gap["comparison"] == "part year"]
    assert len(part) and ((part["belarus_period"] != "year") | (part["europe_period"] != "year")).all()
    forecasts = energy_csv[energy_csv["period"].str.contains("forecast") | energy_csv["note"].fillna("").str.contains("Forecast")]
    assert len(forecasts)
    for _, f in forecasts.iterrows():
        assert not ((gap["europe_period"] == f["period"]) & (gap["year"].astype(str) == f["year"])).any()
    assert not gap["europe_period"].str.contains("forecast").any()


def test_implicit_subsidy_is_gap_times_volume(energy_csv):
    gap = ea.gas_price_gap()
    volumes = energy_csv[energy_csv["indicator"].str.startswith("gas_volume_Belarus")]
    expected = {}
    for _, v in volumes.iterrows():
        year = int(v["year"])
        if year in set(gap["year"]):
            expected[year] = (float(gap.loc[gap["year"] == year, "gap_usd"].item()) * float(v["value"]), v["indicator"])
    table = ea.implicit_subsidy()
    assert set(table["year"]) == set(expected)
    for _, r in table.iterrows():
        assert r["subsidy_usd_million"] == pytest.approx(expected[r["year"]][0])
        assert r["volume_indicator"] == expected[r["year"]][1]
        assert bool(r["planned"]) == expected[r["year"]][1].endswith("_planned")


def test_dispute_years_are_the_energy_disputes_of_the_timeline():
    # The dispute years named in issue 7: 2004, 2007, 2010, 2020.
    assert ea.dispute_years() == [2004, 2007, 2010, 2020]
    events = ea.dispute_events()
    timeline = load_dataset("union_timeline")
    categories = timeline.set_index("event").loc[events["event"], "category"]
    assert (categories == "energy").all()
    # A price agreement is an energy event but not a dispute.
    assert not events["event"].str.contains("protocol").any()


# --- explorers ---------------------------------------------------------------------------


def test_gas_view_responds_to_every_control():
    base = gas_gap_view()
    assert base.figure is not None and base.figure.png.startswith(b"\x89PNG") and base.figure.alt
    pct = gas_gap_view(measure="pct")
    assert pct.summary != base.summary and "% of the European price" in pct.summary
    part = gas_gap_view(include_part_year=True)
    assert "part year" in part.table_html and "Part-year comparison" in part.summary
    assert "part year" not in base.table_html
    narrow = gas_gap_view(years=(2004, 2011))
    assert "no year in this range" in narrow.summary and narrow.table_html == ""
    quiet = gas_gap_view(mark_disputes=False)
    assert "Dispute years marked" in base.summary and "Dispute years marked" not in quiet.summary
    assert "Disputes" in base.details_html and "Disputes" not in quiet.details_html
    assert "forecast" in base.details_html  # the left-out forecast is named, not silently dropped


def test_gas_explorer_redraws_when_a_control_moves():
    explorer = GasGapExplorer()
    first = explorer.display_area.value
    explorer.controls["measure"].value = "pct"
    assert explorer.display_area.value != first
    second = explorer.display_area.value
    explorer.controls["include_part_year"].value = True
    assert explorer.display_area.value != second
    lo, hi = explorer.controls["years"].value
    explorer.controls["years"].value = (lo, lo + 3)
    assert "no year in this range" in explorer.last_view.summary


def test_debt_view_changes_with_the_definition():
    options = definition_options()
    keys = [k for _, k in options]
    assert len(keys) >= 6
    summaries = {k: debt_view(k).summary for k in keys}
    assert len(set(summaries.values())) == len(keys)
    table = {s.key: s for s in da.share_table()}
    for key, text in summaries.items():
        assert f"{table[key].share_pct:.1f}%" in text
    with_claim, without = debt_view(keys[0], True), debt_view(keys[0], False)
    assert "article" in with_claim.summary and "article" not in without.summary
    with pytest.raises(ValueError):
        debt_view("no_such_definition")


def test_debt_explorer_redraws_when_the_definition_changes():
    explorer = DebtExplorer()
    first = explorer.display_area.value
    explorer.controls["definition"].value = "efsd_2018"
    assert explorer.display_area.value != first
    assert "EFSD" in explorer.last_view.summary


# --- exercises ---------------------------------------------------------------------------


def test_lesson_meets_the_standard():
    items = for_lesson("04")
    exercises = [i for i in items if isinstance(i, Exercise)]
    assert len(exercises) >= 6
    assert {"value", "function", "chart", "choice"} <= {e.kind for e in exercises}
    assert any(isinstance(i, Quiz) for i in items)
    assert any(isinstance(i, Reflection) and "dependence" in i.prompt for i in items)


def test_number_exercises_accept_an_independent_answer_and_reject_a_fraction(debt_csv):
    total = _value(debt_csv, "2018-12-31", "external_public_debt_total")
    russia = _value(debt_csv, "2018-12-31", "external_public_debt_by_creditor", "Russia")
    efsd = _value(debt_csv, "2018-12-31", "external_public_debt_by_creditor", EFSD)
    ex = get("04.share_russia_alone")
    assert evaluate(ex, round(100 * russia / total, 1)).status == "correct"
    fraction = evaluate(ex, russia / total)
    assert fraction.status == "incorrect" and "multiply by 100" in fraction.message
    assert evaluate(get("04.share_incl_efsd"), 100 * (russia + efsd) / total).status == "correct"
    assert evaluate(get("04.share_incl_efsd"), 100 * russia / total).status == "incorrect"
    reported = debt_csv.loc[debt_csv["share_basis"].eq("reported") & debt_csv["creditor"].str.startswith("Russia"), "share_pct"].astype(float)
    claims = pd.read_csv(paths.data_dir() / "union" / "article_claims.csv", dtype=str)
    claimed = float(re.search(r"(\d+) percent", claims.loc[claims["claim_id"] == "C04", "article_statement"].item()).group(1))
    assert evaluate(get("04.claim_gap"), claimed - reported.max()).status == "correct"


def test_function_exercise_hidden_cases_catch_a_fixed_answer():
    ex = get("04.russia_share")

    def honest(debt, as_of, definition):
        rows = debt[debt["as_of_date"] == as_of]
        if definition == "as reported":
            r = rows[(rows["share_basis"] == "reported") & rows["creditor"].str.startswith("Russia", na=False)]
            return float(r["share_pct"].iloc[0]) if len(r) else None
        names = ["Russia"] + ([EFSD] if definition == "Russia incl. EFSD" else [])
        total = rows.loc[rows["indicator"] == "external_public_debt_total", "value"]
        owed = rows.loc[(rows["indicator"] == "external_public_debt_by_creditor") & rows["creditor"].isin(names), "value"]
        return None if total.empty or len(owed) < len(names) else 100 * owed.sum() / total.iloc[0]

    assert evaluate(ex, honest, hidden_tests=True).status == "correct"

    def ignores_efsd(debt, as_of, definition):
        return honest(debt, as_of, "Russia alone" if definition == "Russia incl. EFSD" else definition)

    assert evaluate(ex, ignores_efsd).status == "correct"  # the public cases do not show the EFSD ...
    assert evaluate(ex, ignores_efsd, hidden_tests=True).status == "incorrect"  # ... the hidden ones do


def test_gap_year_and_subsidy_exercises(energy_csv):
    by = _full_year(energy_csv, "gas_price_Belarus")
    eu = _full_year(energy_csv, "gazprom_avg_price_Europe")
    gap = (eu - by).dropna()
    assert evaluate(get("04.largest_gap_year"), int(gap.idxmax())).status == "correct"
    assert evaluate(get("04.largest_gap_year"), int(gap.idxmin())).status == "incorrect"
    volumes = energy_csv[energy_csv["indicator"].str.startswith("gas_volume_Belarus")]
    volume = volumes.loc[volumes["year"].astype(int).isin(gap.index), "value"].astype(float)
    assert len(volume) == 1
    year = int(volumes.loc[volume.index[0], "year"])
    assert evaluate(get("04.subsidy"), gap[year] * volume.iloc[0]).status == "correct"
    assert evaluate(get("04.subsidy"), gap[year] * volume.iloc[0] / 1000).status == "incorrect"  # USD billion, not million


def test_chart_exercise_reads_the_data_of_the_chart(energy_csv):
    ex = get("04.price_chart")

    def chart(include_forecast_year: bool):
        fig, ax = plt.subplots()
        for indicator, label in (("gas_price_Belarus", "Belarus"), ("gazprom_avg_price_Europe", "Europe")):
            rows = energy_csv[(energy_csv["indicator"] == indicator) & (energy_csv["period"] == "year")]
            xs, ys = list(rows["year"].astype(int)), list(rows["value"].astype(float))
            if include_forecast_year and indicator == "gazprom_avg_price_Europe":
                xs, ys = xs + [2020], ys + [129.0]  # a made-up point standing for a forecast
            ax.plot(xs, ys, label=label)
        ax.set_title("Gas prices")
        ax.set_xlabel("Year")
        ax.set_ylabel("USD per 1000 m3")
        ax.legend()
        add_caption(fig, "S_NGW_2020")
        return ax

    good, bad = chart(False), chart(True)
    assert evaluate(ex, good).status == "correct"
    assert evaluate(ex, bad).status == "incorrect"
    plt.close("all")


def test_notebook_and_plan_exist_with_the_right_title():
    nb = paths.NOTEBOOKS / "04-debt-and-energy.ipynb"
    assert nb.exists() and (paths.LESSONS / "04-debt-and-energy.md").exists()
    import json

    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[0]["source"]).startswith("# 04 · ")
