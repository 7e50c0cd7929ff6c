"""Lesson 03: the trade calculations, the explorers, and the exercises' expected answers.

Expectations are computed here from the CSV files with plain pandas (not through the
kit's loader or analysis module), so a mistake in unionstate.analysis.trade shows up.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from unionstate import load_dataset, paths  # noqa: E402
from unionstate.analysis import trade as T  # noqa: E402
from unionstate.exercises import evaluate, get  # noqa: E402
from unionstate.plots import add_caption  # noqa: E402
from unionstate.widgets.quizzes import judge  # noqa: E402
from unionstate.widgets.trade import KlaipedaExplorer, TradeExplorer, klaipeda_view, partner_options, trade_view  # noqa: E402

TRADE = paths.data_dir() / "trade"
YEARS = range(2000, 2021)


@pytest.fixture(autouse=True)
def interactive(monkeypatch):
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(TRADE / "belarus_trade_partners.csv")


@pytest.fixture(scope="module")
def dots(raw):
    rows = raw[raw["source_id"] == "IMF_DOTS_BLR"].copy()
    rows["turnover"] = rows["exports_usd_m"] + rows["imports_usd_m"]
    return rows


@pytest.fixture(scope="module")
def four():
    members = pd.read_csv(TRADE / "eaeu_members.csv")
    return [c for c in members["country"] if c != "Belarus"]


def share(dots, partners, year, column="turnover"):
    rows = dots[dots["year"] == year]
    return 100 * rows.loc[rows["partner"].isin(partners), column].sum() / rows.loc[rows["partner"] == "World total", column].sum()


# --- groups and shares ---------------------------------------------------------------------


def test_eaeu_partners_come_from_the_members_file(four):
    assert T.eaeu_partners() == four
    assert len(four) == 4 and "Belarus" not in four
    assert T.group_label("EAEU") == "EAEU (sum of Russia, Kazakhstan, Armenia, Kyrgyzstan)"


@pytest.mark.parametrize("year", YEARS)
def test_eaeu_turnover_share_matches_pandas(dots, four, year):
    assert T.eaeu_turnover_share(year) == pytest.approx(share(dots, four, year), abs=1e-9)


def test_eaeu_share_ignores_press_rows_that_would_double_count(raw, dots, four):
    trade = load_dataset("trade_partners")
    for year in (2016, 2017, 2020):  # years with Belstat press rows for Russia
        naive = raw[raw["year"] == year]
        naive_share = 100 * (naive.loc[naive["partner"].isin(four), ["exports_usd_m", "imports_usd_m"]].sum().sum()
                             / naive.loc[naive["partner"] == "World total", ["exports_usd_m", "imports_usd_m"]].sum().sum())
        right = share(dots, four, year)
        assert abs(naive_share - right) > 5  # the trap is real
        assert T.eaeu_share(trade, year) == pytest.approx(right)


def test_exports_and_imports_shares(dots, four):
    for year in (2005, 2019):
        assert T.eaeu_share(load_dataset("trade_partners"), year, "exports") == pytest.approx(share(dots, four, year, "exports_usd_m"))
        assert T.eaeu_share(load_dataset("trade_partners"), year, "imports") == pytest.approx(share(dots, four, year, "imports_usd_m"))


def test_import_share_exceeds_export_share_every_year_as_the_notebook_says(dots, four):
    for year in YEARS:
        assert share(dots, four, year, "imports_usd_m") > share(dots, four, year, "exports_usd_m"), year
    table = T.eaeu_share_series()
    assert (table["EAEU imports"] > table["EAEU exports"]).all()


def test_russia_share_of_eaeu_turnover(dots, four):
    rows = dots[(dots["year"] == 2019) & dots["partner"].isin(four)].set_index("partner")["turnover"]
    assert T.russia_share_of_eaeu(2019) == pytest.approx(100 * rows["Russia"] / rows.sum())
    assert T.russia_turnover_share(2019) == pytest.approx(share(dots, ["Russia"], 2019))


def test_share_series_covers_2000_to_2020_and_slices(dots, four):
    table = T.eaeu_share_series()
    assert list(table.index) == list(YEARS)
    assert table.loc[2013, "Russia turnover"] == pytest.approx(share(dots, ["Russia"], 2013))
    assert list(T.eaeu_share_series(2015, 2017).index) == [2015, 2016, 2017]


def test_largest_deficit_year_and_negative_balance(dots):
    russia = dots[dots["partner"] == "Russia"].set_index("year")
    balance = russia["exports_usd_m"] - russia["imports_usd_m"]
    assert T.largest_deficit_year("Russia") == int(balance.idxmin())
    assert (balance < 0).all()  # the exercise's success message says so


def test_a_group_year_with_a_missing_member_is_nan_not_a_partial_sum():
    trade = load_dataset("trade_partners")
    gap = trade[~((trade["year"] == 2005) & (trade["partner"] == "Armenia"))]
    flows = T.flows("EAEU", gap)
    assert math.isnan(flows.loc[2005, "turnover"])
    assert not math.isnan(flows.loc[2006, "turnover"])


def test_a_balance_has_no_share_and_unknown_partners_are_named():
    with pytest.raises(ValueError, match="share"):
        T.share_of_total("EAEU", "balance")
    with pytest.raises(ValueError, match="Atlantis"):
        T.flows("Atlantis")


def test_published_vs_computed_marks_what_cannot_be_compared(dots):
    table = T.published_vs_computed()
    shares = pd.read_csv(TRADE / "belarus_trade_shares.csv")
    assert len(table) == len(shares)
    after = table[table["year"] > 2020]
    assert after["computed_from_dots_pct"].isna().all() and len(after) > 0
    belstat_eu = table[table["partner"] == "EU (as reported by Belstat)"]
    assert belstat_eu["computed_from_dots_pct"].isna().all() and len(belstat_eu) > 0
    russia_2017 = table[(table["year"] == 2017) & (table["partner"] == "Russia") & (table["flow"] == "turnover")].iloc[0]
    assert russia_2017["computed_from_dots_pct"] == pytest.approx(round(share(dots, ["Russia"], 2017), 1))
    eu_2019 = table[(table["year"] == 2019) & (table["partner"] == "EU27 (excl. UK)") & (table["flow"] == "exports")].iloc[0]
    assert eu_2019["computed_from_dots_pct"] == pytest.approx(round(share(dots, ["EU"], 2019, "exports_usd_m"), 1))


# --- mirror statistics ---------------------------------------------------------------------


def test_mirror_gap_2019_matches_pandas(dots):
    mirror = pd.read_csv(TRADE / "belarus_trade_mirror.csv")
    ru = mirror[(mirror["reporter"] == "Russia") & (mirror["year"] == 2019)].iloc[0]
    by = dots[(dots["year"] == 2019) & (dots["partner"] == "Russia")].iloc[0]
    expected = 100 * (ru["reporter_imports_from_partner_usd_m"] - by["exports_usd_m"]) / by["exports_usd_m"]
    assert T.mirror_gap(2019) == pytest.approx(expected)
    assert expected < 0  # the exercise's success message relies on the sign
    reverse = 100 * (ru["reporter_exports_to_partner_usd_m"] - by["imports_usd_m"]) / by["imports_usd_m"]
    assert T.mirror_gap(2019, direction="imports") == pytest.approx(reverse)


def test_mirror_reliability_follows_the_readme():
    gaps = T.mirror_comparison("Russia")
    assert not gaps.loc[:2011, "reliable"].any()  # patchy before 2012
    assert gaps.loc[2012:2020, "reliable"].all()
    assert 2023 not in gaps.index  # no Belarus-reported DOTS figure to compare with
    kaz = T.mirror_comparison("Kazakhstan")
    assert kaz.loc[2005, "reliable"]  # the 2012 rule is Russia's


def test_reported_turnover_keeps_both_sides():
    table = T.reported_turnover("Russia")
    sides = set(table.loc[table["year"] == 2023, "reporting_side"])
    assert any(s.startswith("Russia") for s in sides) and any(s.startswith("Belarus") for s in sides)
    assert table.loc[table["year"] > 2020, "dots_turnover_usd_m"].isna().all()


# --- the EAEU's members ----------------------------------------------------------------------


def test_eaeu_weights_and_russia_gdp_share():
    members = pd.read_csv(TRADE / "eaeu_members.csv")
    weights = T.eaeu_weights()
    assert weights["gdp_share_pct"].sum() == pytest.approx(100)
    assert weights["population_share_pct"].sum() == pytest.approx(100)
    russia = members.loc[members["country"] == "Russia", "gdp_usd_current"].iloc[0]
    assert T.russia_gdp_share() == pytest.approx(100 * russia / members["gdp_usd_current"].sum())


def test_eaeu_in_force_date():
    facts = pd.read_csv(TRADE / "eaeu_facts.csv")
    assert T.eaeu_in_force() == pd.Timestamp(facts.loc[facts["event"] == "eaeu_in_force", "date"].iloc[0])


# --- Klaipėda ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def transit():
    return pd.read_csv(TRADE / "klaipeda_transit.csv")


def test_klaipeda_computed_shares_use_exact_rows_only(transit):
    exact = transit[transit["qualifier"] == "exact"]
    computed = T.klaipeda_computed_shares()
    for year in (2019, 2020):
        total = exact[(exact["year"] == year) & (exact["metric"] == "port_total_throughput")]["value"]
        cargo = exact[(exact["year"] == year) & (exact["metric"] == "belarusian_cargo")]["value"]
        assert len(total) == 1
        got = sorted(computed.loc[computed["year"] == year, "computed_share_pct"])
        assert got == pytest.approx(sorted(100 * c / total.iloc[0] for c in cargo))
    assert set(computed["year"]) == {2019, 2020}  # 2006 has no total, 2013 no calendar year
    assert 46.22 not in set(computed["port_total_mt"])  # the provisional 2019 total is not used


def test_klaipeda_throughput_prefers_exact_figures(transit):
    table = T.klaipeda_throughput().set_index("year")
    assert table.loc[2019, "qualifier"] == "exact" and table.loc[2020, "qualifier"] == "exact"
    assert table.loc[2023, "qualifier"] != "exact"  # only an approximate figure exists
    assert 2023 not in set(T.klaipeda_throughput(exact_only=True)["year"])


def test_klaipeda_evidence_puts_computed_and_reported_side_by_side(transit):
    evidence = T.klaipeda_share_evidence()
    reported = transit[transit["metric"] == "belarusian_cargo_share_of_port"]
    assert (evidence["kind"] == "reported").sum() == len(reported)
    assert (evidence["kind"] == "computed from tonnes").sum() == len(T.klaipeda_computed_shares())
    assert (evidence["share_pct"] < 50).all()  # quiz 03.klaipeda_mainly and the plan rely on it
    card = T.klaipeda_belarusian_share(2020)
    assert len(card["computed"]) == 2 and card["reported"] == [32.0]


def test_potash_transit_end_is_the_dated_event():
    events = pd.read_csv(TRADE / "klaipeda_events.csv")
    row = events[events["event"] == "potash_transit_ended"].iloc[0]
    assert str(T.potash_transit_end()["date"].date()) == row["date"]


# --- explorers -----------------------------------------------------------------------------------


def test_partner_menu_has_the_groups_and_every_partner(raw):
    labels = dict(partner_options())
    assert labels["EAEU (sum of Russia, Kazakhstan, Armenia, Kyrgyzstan)"] == "EAEU"
    assert labels["EU (EU27 without UK, all years)"] == "EU"
    dots_partners = set(raw.loc[raw["source_id"] == "IMF_DOTS_BLR", "partner"]) - {"World total"}
    assert set(labels.values()) == dots_partners | {"EAEU"}


def test_trade_view_responds_to_every_control():
    base = trade_view("EAEU", "turnover", 2000, 2020, True)
    variants = [
        trade_view("Russia", "turnover", 2000, 2020, True),
        trade_view("EAEU", "imports", 2000, 2020, True),
        trade_view("EAEU", "turnover", 2010, 2020, True),
        trade_view("EAEU", "turnover", 2000, 2020, False),
    ]
    for view in variants:
        assert view.summary != base.summary
        assert view.figure.png != base.figure.png
    assert base.table_html.count("<th>20") == 21
    assert variants[2].table_html.count("<th>20") == 11


def test_trade_view_caption_names_source_and_eu_definition():
    view = trade_view("EU", "exports", 2000, 2020, False)
    assert "IMF Direction of Trade Statistics" in view.figure.caption
    assert "EU27 without the UK in every year" in view.figure.caption
    assert view.figure.alt and "In words:" in view.html()


def test_trade_view_numbers_match_pandas(dots, four):
    view = trade_view("EAEU", "turnover", 2019, 2019, True)
    assert f"{share(dots, four, 2019):.1f}" in view.summary
    china = trade_view("China", "exports", 2020, 2020, False)
    value = dots[(dots["year"] == 2020) & (dots["partner"] == "China")]["exports_usd_m"].iloc[0]
    assert f"{value:,.1f}" in china.summary


def test_balance_as_share_falls_back_to_usd_and_says_so():
    view = trade_view("Russia", "balance", 2000, 2020, True)
    assert view.summary.startswith("A balance is not a share")
    assert "USD million" in view.summary


def test_klaipeda_view_toggles_and_filters():
    share_all = klaipeda_view("share", True)
    share_exact = klaipeda_view("share", False)
    throughput = klaipeda_view("throughput", True)
    assert len({share_all.summary, share_exact.summary, throughput.summary}) == 3
    assert "about" in share_all.summary and "about" not in share_exact.summary
    assert "below half" in share_all.summary
    assert "February 2022" in throughput.summary
    with pytest.raises(ValueError):
        klaipeda_view("pixels")


def test_explorer_widgets_redraw_when_controls_move():
    explorer = TradeExplorer()
    first = explorer.last_view.summary
    explorer.controls["flow"].value = "exports"
    second = explorer.last_view.summary
    explorer.controls["years"].value = (2010, 2015)
    third = explorer.last_view.summary
    explorer.controls["partner"].value = "China"
    explorer.controls["measure"].value = "usd"
    fourth = explorer.last_view.summary
    assert len({first, second, third, fourth}) == 4 and "could not be shown" not in fourth
    klaipeda = KlaipedaExplorer()
    before = klaipeda.last_view.summary
    klaipeda.controls["approximate"].value = False
    assert klaipeda.last_view.summary != before


# --- exercises and quizzes -------------------------------------------------------------------------


def test_solutions_pass_and_typical_mistakes_do_not(dots, four, raw):
    assert evaluate(get("03.eaeu_share_2019"), share(dots, four, 2019)).status == "correct"
    assert evaluate(get("03.eaeu_share_2019"), share(dots, four, 2019) / 100).status == "incorrect"  # a fraction
    assert evaluate(get("03.eaeu_share_2019"), share(dots, ["Russia"], 2019)).status == "incorrect"  # Russia only
    assert evaluate(get("03.russia_gdp_share"), T.russia_gdp_share()).status == "correct"
    assert evaluate(get("03.largest_deficit_year"), 2008.5).status == "invalid"  # a decimal year: the kind of answer (issue 16)
    assert evaluate(get("03.customs_union"), "A").status == "incorrect"
    mirror_gap = T.mirror_gap(2019)
    assert evaluate(get("03.mirror_gap"), mirror_gap).status == "correct"
    assert evaluate(get("03.mirror_gap"), -mirror_gap).status == "incorrect"  # the sign matters
    provisional = 100 * 14.1 / 46.22  # using the provisional total instead of the exact one
    assert evaluate(get("03.klaipeda_share_2019"), provisional).status == "incorrect"


def test_function_exercise_catches_press_rows_and_fixed_values(dots, four):
    def right(trade, year):
        rows = trade[(trade["source_id"] == "IMF_DOTS_BLR") & (trade["year"] == year)]
        turnover = rows["exports_usd_m"] + rows["imports_usd_m"]
        return 100 * turnover[rows["partner"].isin(four)].sum() / turnover[rows["partner"] == "World total"].sum()

    def no_filter(trade, year):
        rows = trade[trade["year"] == year]
        turnover = rows["exports_usd_m"] + rows["imports_usd_m"]
        return 100 * turnover[rows["partner"].isin(four)].sum() / turnover[rows["partner"] == "World total"].sum()

    fixed = share(dots, four, 2020)

    def hard_coded(trade, year):
        return fixed

    ex = get("03.eaeu_share")
    assert evaluate(ex, right, hidden_tests=True).status == "correct"
    assert evaluate(ex, no_filter).status == "incorrect"
    assert evaluate(ex, hard_coded).status == "correct"  # the public case alone cannot tell
    assert evaluate(ex, hard_coded, hidden_tests=True).status == "incorrect"


def _chart(dots, four, lines=("EAEU", "Russia"), caption=True):
    fig, ax = plt.subplots()
    years = list(YEARS)
    for name in lines:
        ax.plot(years, [share(dots, four if name == "EAEU" else ["Russia"], y) for y in years], label=name)
    ax.set_title("Shares")
    ax.set_xlabel("Year")
    ax.set_ylabel("%")
    ax.legend()
    if caption:
        add_caption(fig, "IMF_DOTS_BLR")
    plt.close(fig)
    return ax


def test_share_chart_is_judged_by_its_data(dots, four):
    ex = get("03.share_chart")
    assert evaluate(ex, _chart(dots, four)).status == "correct"
    assert evaluate(ex, _chart(dots, four, lines=("EAEU",))).status == "incorrect"
    assert evaluate(ex, _chart(dots, four, caption=False)).status == "incorrect"


def test_quiz_answers_follow_from_the_data(dots, raw):
    span = dots[dots["year"].between(2013, 2020)].assign(balance=lambda d: d["exports_usd_m"] - d["imports_usd_m"])
    always_surplus = {p for p, rows in span.groupby("partner") if (rows["balance"] > 0).all()}
    q = get("03.surplus_partner")
    assert q.options[q.answer] == "Ukraine" and "Ukraine" in always_surplus
    for letter, option in q.options.items():
        partner = "EU" if option.startswith("EU") else option
        assert (partner in always_surplus) == (letter == q.answer)
    eu = span[span["partner"] == "EU"]
    assert (eu["balance"] > 0).sum() == 1  # the explanation of option B says "positive in only one"

    rows_2017 = raw[raw["year"] == 2017].set_index(["partner", "source_id"])["exports_usd_m"]
    belstat_eu = rows_2017[("EU (as reported by Belstat)", "WNP_2018_BELSTAT")]
    eu27 = rows_2017[("EU", "IMF_DOTS_BLR")]
    uk = rows_2017[("United Kingdom", "IMF_DOTS_BLR")]
    assert abs(eu27 + uk - belstat_eu) < abs(eu27 - belstat_eu) / 10  # the UK explains the gap
    assert judge(get("03.eu_definition"), "A")[0] == "correct"
    assert judge(get("03.klaipeda_mainly"), "A")[0] == "incorrect"
