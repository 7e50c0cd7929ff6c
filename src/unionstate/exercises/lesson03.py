"""Lesson 03, trade with the Eurasian Economic Union: is it really "half"?

Every expected value, and every value of a known mistake, is computed by unionstate.analysis.trade
(or here, from the same datasets), so the exercises follow the data when they change.

The registry follows the notebook's order (the grading corpus relies on it). Items in a "Going
further" section of the notebook have core=False (tests/test_timing.py checks that they agree).
"""

from __future__ import annotations

import pandas as pd

from ..analysis import trade as T
from ..datasets import load_dataset
from .checkers import Case, ChartCheck, ChoiceCheck, Data, FunctionCheck, Mistake, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

SHARE_CHART_START, SHARE_CHART_END = 2000, 2020
CLAIM_YEAR = 2019  # the last full year before the article (September 2020)
FUNCTION_YEAR = 2020  # the year of the function exercise's public test call


def _share_chart_series() -> list[Series]:
    table = T.eaeu_share_series(SHARE_CHART_START, SHARE_CHART_END)
    years = [int(y) for y in table.index]
    return [
        Series(years, [float(v) for v in table["EAEU turnover"]], label="EAEU"),
        Series(years, [float(v) for v in table["Russia turnover"]], label="Russia"),
    ]


# --- values of the likely mistakes (each computed the way the mistake computes it) ---------------


def _gdp(country: str | None = None) -> float:
    gdp = load_dataset("eaeu_members").set_index("country")["gdp_usd_current"]
    return float(gdp.sum() if country is None else gdp[country])


def _population_share_russia() -> float:
    weights = T.eaeu_weights().set_index("country")
    return float(weights.loc["Russia", "population_share_pct"])


def _share_of(trade: pd.DataFrame, partners: list[str], year: int, flow: str = "turnover", *, all_sources: bool = False) -> float:
    """Share (%) of the world total, for a list of partners; all_sources=True keeps the press rows (the mistake)."""
    rows = trade[trade["year"] == year]
    if not all_sources:
        rows = rows[rows["source_id"] == T.DOTS_SOURCE]
    value = rows["exports_usd_m"] + rows["imports_usd_m"] if flow == "turnover" else rows[f"{flow}_usd_m"]
    return float(100 * value[rows["partner"].isin(partners)].sum() / value[rows["partner"] == T.WORLD].sum())


def _function_mistake(kind: str):
    """A wrong implementation of eaeu_share(trade, year): what a student function with that mistake returns."""

    def wrong(trade, year):
        if kind == "press rows":
            return _share_of(trade, T.eaeu_partners(), year, all_sources=True)
        if kind == "fixed year":
            return _share_of(trade, T.eaeu_partners(), CLAIM_YEAR)
        if kind == "exports only":
            return _share_of(trade, T.eaeu_partners(), year, "exports")
        if kind == "Russia only":
            return _share_of(trade, ["Russia"], year)
        if kind == "fraction":
            return _share_of(trade, T.eaeu_partners(), year) / 100
        raise ValueError(kind)

    wrong.__name__ = f"eaeu_share_{kind.replace(' ', '_')}"
    return wrong


def _russia_within_eaeu(flow: str) -> float:
    return T.russia_share_of_eaeu(CLAIM_YEAR, flow)


def _russia_balance() -> pd.Series:
    return T.flows("Russia")["balance"]


def _klaipeda_rows(year: int) -> pd.DataFrame:
    rows = load_dataset("klaipeda_transit")
    return rows[rows["year"] == year]


def _klaipeda_value(year: int, metric: str, qualifier: str = "exact") -> float:
    rows = _klaipeda_rows(year)
    picked = rows[(rows["metric"] == metric) & (rows["qualifier"] == qualifier)]["value"]
    if len(picked) != 1:
        raise ValueError(f"Expected one {qualifier} {metric} row for {year}, found {len(picked)}.")
    return float(picked.iloc[0])


def _klaipeda_share_2019() -> float:
    computed = T.klaipeda_computed_shares()
    rows = computed.loc[computed["year"] == 2019, "computed_share_pct"]
    if len(rows) != 1:
        raise ValueError("Expected exactly one exact 2019 cargo figure for Klaipėda.")
    return float(rows.iloc[0])


def _klaipeda_not_exact_total() -> float:
    """Belarusian cargo over the 2019 total that is not the exact one (the provisional figure)."""
    rows = _klaipeda_rows(2019)
    other = rows[(rows["metric"] == "port_total_throughput") & (rows["qualifier"] != "exact")]["value"]
    return 100 * _klaipeda_value(2019, "belarusian_cargo") / float(other.iloc[0])


def _klaipeda_both_totals() -> float:
    rows = _klaipeda_rows(2019)
    totals = rows[rows["metric"] == "port_total_throughput"]["value"].sum()
    return 100 * _klaipeda_value(2019, "belarusian_cargo") / float(totals)


def _klaipeda_reported_2019() -> float:
    rows = _klaipeda_rows(2019)
    return float(rows[rows["metric"] == "belarusian_cargo_share_of_port"]["value"].iloc[0])


def _mirror(column: str) -> float:
    return float(T.mirror_comparison("Russia").loc[CLAIM_YEAR, column])


register(
    # --- Going further: the EAEU and Russia's weight ------------------------------------------
    Exercise(
        id="03.common_tariff",
        core=False,
        title="A customs union at work",
        task=(
            "A Chinese-made television enters the EAEU at the Russian border, where the importer pays the customs duty, and is then "
            "sold to a shop in Minsk. Using what a customs union adds to a free trade area, decide what happens at the Russia-Belarus "
            "border. Store the letter in `common_tariff`."
        ),
        answer="common_tariff",
        checker=ChoiceCheck(
            options={
                "A": "Belarus charges its own duty when the television arrives, because each member sets its own tariff on goods from outside.",
                "B": "Belarus charges the difference between its own tariff and the one Russia applied.",
                "C": "No further duty: the duty paid at the union's outer border is the union's common tariff, so the goods then cross inside the union without customs duties.",
                "D": "The television cannot be sold in Belarus: goods from outside stay in the member where they entered.",
            },
            answer="C",
            explanations={
                "A": "Each member setting its own tariff on goods from outside is a free trade area, the stage before a customs union. There, a duty at the next border stops goods from entering through the member with the lowest tariff.",
                "B": "A difference to collect exists only when members have different tariffs on goods from outside. What does a customs union do about those tariffs?",
                "C": "One common tariff at the outer border is what a customs union adds to a free trade area: once it is paid, the internal borders need no customs duties.",
                "D": "No stage of integration ties goods to the member where they entered; the stages remove barriers between members, one after the other.",
            },
        ),
        hints=[
            "Look up 'Integration stages' in the glossary (glossary.md in your workspace): each stage adds one thing to the one before.",
            "A free trade area removes tariffs between members, but each member keeps its own tariff on goods from outside. What does a customs union add, and what does that make unnecessary at the internal borders?",
        ],
        points=1,
        success="This is why the EAEU's members need one tariff book for goods from outside, and why trade between them is counted as trade with partners, not as imports through a neighbour.",
    ),
    Exercise(
        id="03.russia_gdp_share",
        core=False,
        title="Russia's weight in the EAEU",
        task=(
            "From `load_dataset('eaeu_members')`, compute Russia's share (in percent) of the combined GDP of the five members "
            "(column `gdp_usd_current`). Store it in `russia_gdp_share`."
        ),
        answer="russia_gdp_share",
        checker=NumberCheck(
            expected=T.russia_gdp_share,
            tolerance=0.1,
            percent=True,
            mistakes=[
                Mistake("wrong column", "That is Russia's share of the members' population. The task asks for GDP: the column `gdp_usd_current`.",
                        value=_population_share_russia),
                Mistake("wrong denominator", "You divided Russia's GDP by the other four members' GDP. The whole is all five members, Russia included.",
                        value=lambda: 100 * _gdp("Russia") / (_gdp() - _gdp("Russia"))),
                Mistake("a member left out", "Your whole leaves out Belarus. The task asks for the combined GDP of all five members, Belarus included.",
                        value=lambda: 100 * _gdp("Russia") / (_gdp() - _gdp("Belarus"))),
            ],
        ),
        hints=[
            "A share in percent is 100 times the part divided by the whole.",
            "The whole is the sum of the `gdp_usd_current` column over all five rows; the part is Russia's value in that column.",
            "Method: select Russia's row by the `country` column, take its one value with `.iloc[0]`, and divide by the column's `.sum()`. "
            "On made-up numbers: a part of 30 in a whole of 120 is 100 × 30 / 120 = 25 percent.",
        ],
        points=1,
        success="One member produces most of the union's output: keep that in mind when you read 'trade with the EAEU'.",
    ),
    # --- core: the data, and "half" ---------------------------------------------------------------
    Quiz(
        id="03.eu_definition",
        title="Two 'EU' figures for 2017",
        question=(
            "The table above shows two figures for Belarus's 2017 exports to 'the EU': the IMF DOTS row 'EU' and Belstat's 'EU (as reported by "
            "Belstat)'. Why are they so different?"
        ),
        options={
            "A": "The DOTS 'EU' is the EU27 without the UK in every year; Belstat's is the EU of 2017, which still included the UK.",
            "B": "DOTS reports in euros and Belstat in US dollars.",
            "C": "The DOTS row is reported by the EU countries, the Belstat row by Belarus.",
            "D": "One of the two sources made a typing error.",
        },
        answer="A",
        explanations={
            "A": "Same trade, different group: the UK was a large buyer of Belarusian goods in 2017 (see the 'United Kingdom' rows), and only one of the two figures counts it.",
            "B": "Both rows are in USD million, as the description of the file above says.",
            "C": "Both rows are Belarus-reported: the DOTS partner series is reported by Belarus itself, as `sources('IMF_DOTS_BLR')` says.",
            "D": "Nothing points to a typo: the two figures differ by a documented definition. Read the two definitions at the top of this section again.",
        },
        points=1,
    ),
    Exercise(
        id="03.eaeu_share_2019",
        title="The article's 'half of its foreign trade'",
        task=(
            "Using only the IMF DOTS rows of `trade_partners` (source_id 'IMF_DOTS_BLR'), compute the share (in percent) of Belarus's "
            "total goods turnover (exports + imports, partner 'World total') that was with its four EAEU partners (Russia, Kazakhstan, "
            "Armenia, Kyrgyzstan) in 2019. Store it in `eaeu_share_2019`."
        ),
        answer="eaeu_share_2019",
        checker=NumberCheck(
            expected=lambda: T.eaeu_turnover_share(CLAIM_YEAR),
            tolerance=0.1,
            percent=True,
            mistakes=[
                Mistake("exports instead of turnover", "That is the EAEU partners' share of Belarus's exports only. Turnover is exports plus imports: add both, for the partners and for the world.",
                        value=lambda: T.eaeu_share(load_dataset("trade_partners"), CLAIM_YEAR, "exports")),
                Mistake("imports instead of turnover", "That is the EAEU partners' share of Belarus's imports only. Turnover is exports plus imports: add both, for the partners and for the world.",
                        value=lambda: T.eaeu_share(load_dataset("trade_partners"), CLAIM_YEAR, "imports")),
                Mistake("one partner only", "That is Russia's share alone. The task asks for all four EAEU partners together: keep the rows of every partner in `eaeu_partners`.",
                        value=lambda: T.russia_turnover_share(CLAIM_YEAR)),
                Mistake("wrong year", "That is the share for 2020, the year of the article. The task asks for 2019, the last full year before it.",
                        value=lambda: T.eaeu_turnover_share(FUNCTION_YEAR)),
            ],
        ),
        hints=[
            "Turnover is exports plus imports. You need two turnovers for 2019: with the four EAEU partners together, and with the world.",
            "Filter `dots` to the rows of 2019; then keep the partners in `eaeu_partners` (`.isin(...)`) for one sum and the 'World total' row for the other. Add exports and imports in both.",
            "Method: filter the rows, add up two columns, divide. On made-up numbers: a country exports 30 to a group and imports 50 from it, "
            "and exports 100 and imports 150 in all; the group's share of its turnover is 100 × (30 + 50) / (100 + 150) = 32 percent.",
        ],
        points=2,
        success="This is the figure behind the article's 'half': compare it with 50 and decide whether 'half' is a fair rounding.",
    ),
    Exercise(
        id="03.eaeu_share",
        title="A function for any year",
        task=(
            "Complete `eaeu_share(trade, year)`: given the whole `trade_partners` table (press rows included) and a year, it returns the EAEU "
            "partners' share (in percent) of Belarus's goods turnover that year, using only the IMF DOTS rows. Its first line (given) keeps the "
            "rows of the year asked for. The grader calls it on other years too."
        ),
        answer="eaeu_share",
        checker=FunctionCheck(
            cases=[
                Case(args=(Data("trade_partners"), FUNCTION_YEAR), shows=f"eaeu_share(trade, {FUNCTION_YEAR})"),
                Case(args=(Data("trade_partners"), 2000), hidden=True),
                Case(args=(Data("trade_partners"), 2010), hidden=True),
                Case(args=(Data("trade_partners"), 2016), hidden=True),
                Case(args=(Data("trade_partners"), 2017), hidden=True),
                Case(args=(Data("trade_partners"), 2015), hidden=True),
            ],
            reference=T.eaeu_share,
            tolerance=0.01,
            mistakes=[
                Mistake("press rows counted", "Your function keeps the press rows too: in this year the table has a Belstat row for Russia besides the DOTS row, so Russia is counted twice. Keep only the rows whose `source_id` is 'IMF_DOTS_BLR'.",
                        reference=_function_mistake("press rows")),
                Mistake("fixed year", "Your function gives the 2019 share for another year: it uses a fixed year (or the table of 2019) instead of its argument. Work from `rows`, which the given first line takes from the argument `year`.",
                        reference=_function_mistake("fixed year")),
                Mistake("exports instead of turnover", "Your function computes the share of exports only. Turnover is exports plus imports, for the partners and for the world.",
                        reference=_function_mistake("exports only")),
                Mistake("one partner only", "Your function gives Russia's share alone. Keep the rows of all four partners in `eaeu_partners`.",
                        reference=_function_mistake("Russia only")),
                Mistake("fraction instead of percent", "Your function returns a fraction between 0 and 1; the task asks for a percentage: multiply by 100.",
                        reference=_function_mistake("fraction")),
            ],
        ),
        hints=[
            "Inside the function, `trade` and `year` stand for whatever the caller passes: do with `rows` what you did for 2019, without typing a year or a table name.",
            "The table passed in has press rows besides the DOTS rows: in some years Russia appears twice. Keep the rows of `rows` whose `source_id` is 'IMF_DOTS_BLR' before you add anything up.",
            "Method: filter, add up, divide, and `return` one plain number (not a Series, not rounded; `float(...)` takes a number out of a one-value result). "
            "A worked example of the same shape on made-up data: `def share_of_fruit(basket, kind): rows = basket[basket['kind'] == kind]; "
            "return 100 * rows['kg'].sum() / basket['kg'].sum()`.",
        ],
        points=3,
        success="The capstone's claim cards use the same calculation for every year.",
    ),
    # --- Going further: how much of it is Russia? --------------------------------------------------
    Exercise(
        id="03.russia_share_of_eaeu",
        core=False,
        title="How much of the EAEU trade is Russia?",
        task=(
            "Of Belarus's 2019 goods turnover with its four EAEU partners (IMF DOTS rows), what share (in percent) was with Russia alone? "
            "Store it in `russia_share_of_eaeu`."
        ),
        answer="russia_share_of_eaeu",
        checker=NumberCheck(
            expected=lambda: T.russia_share_of_eaeu(CLAIM_YEAR),
            tolerance=0.1,
            percent=True,
            mistakes=[
                Mistake("wrong denominator", "That is Russia's share of all of Belarus's turnover, with the world as the whole. Here the whole is the turnover with the four EAEU partners only.",
                        value=lambda: T.russia_turnover_share(CLAIM_YEAR)),
                Mistake("the other partners", "That is the share of the three other partners (Kazakhstan, Armenia, Kyrgyzstan). The task asks for Russia's part.",
                        value=lambda: 100 - T.russia_share_of_eaeu(CLAIM_YEAR)),
                Mistake("exports instead of turnover", "That is Russia's share of the exports to the EAEU partners only. Turnover is exports plus imports.",
                        value=lambda: _russia_within_eaeu("exports")),
                Mistake("imports instead of turnover", "That is Russia's share of the imports from the EAEU partners only. Turnover is exports plus imports.",
                        value=lambda: _russia_within_eaeu("imports")),
            ],
        ),
        hints=[
            "This time the whole is not the world but the EAEU partners together.",
            "You need two turnovers (exports + imports), both for 2019 and from the DOTS rows: Russia's, and the four partners' together.",
            "Method: a share of a part in a group, as before, with the group as the whole. On made-up numbers: if a group's four members trade 40, 5, 3 and 2, the first one's share of the group is 100 × 40 / 50 = 80 percent.",
        ],
        points=1,
        success="So 'trade with the EAEU' is, for Belarus, almost entirely trade with Russia.",
    ),
    Exercise(
        id="03.largest_deficit_year",
        core=False,
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'mirror = load_dataset("trade_mirror")': "Russia's mirror statistics, one row per year: 2008 is a row label there, not singled out",
            "explore_trade(": "the trade explorer lists every year 2000-2020 (it starts on exports); 2008 is one of its years, not singled out",
        },
        title="The largest deficit with Russia",
        task=(
            "The trade balance is exports minus imports; a negative balance is a deficit. In which year from 2000 to 2020 was Belarus's goods "
            "trade deficit with Russia largest (IMF DOTS rows)? Store the year as a whole number in `largest_deficit_year`."
        ),
        answer="largest_deficit_year",
        checker=NumberCheck(
            expected=lambda: T.largest_deficit_year("Russia"),
            tolerance=0,
            integer=True,
            unit="year",
            mistakes=[
                Mistake("largest number instead of most negative", "That is the year of the highest balance, which is the smallest deficit (or imports minus exports at its lowest). "
                        "A deficit is a negative balance: the largest deficit is the most negative one.",
                        value=lambda: int(_russia_balance().idxmax())),
                Mistake("imports instead of balance", "That is the year Belarus imported most from Russia. The deficit is the gap between exports and imports: in that year exports were high too.",
                        value=lambda: int(T.flows("Russia")["imports"].idxmax())),
            ],
        ),
        hints=[
            "Compute the balance for every year: exports minus imports, Russia's DOTS rows only.",
            "The largest deficit is the most negative balance, not the largest number.",
            "Method: a Series of balances indexed by year, then `.idxmin()` (the label of the smallest value); store it with `int(...)`. "
            "On made-up balances 2001: -5, 2002: -9, 2003: -2, `.idxmin()` gives 2002.",
        ],
        points=1,
        success="The balance with Russia is negative in every year of the series: Belarus buys more from Russia than it sells there. Lesson 04 looks at what it pays Russia for energy.",
    ),
    # --- Going further: half over time, and other partners --------------------------------------------
    Exercise(
        id="03.share_chart",
        core=False,
        title="Half, over time",
        task=(
            "Draw a line chart of two series, 2000-2020: the EAEU partners' share and Russia's share of Belarus's goods turnover (percent, "
            "from the table `shares`). Label the lines 'EAEU' and 'Russia', give the chart a title, axis labels with units, a legend, and a "
            "caption naming the source with add_caption(fig, 'IMF_DOTS_BLR'). The notebook gives the lines to fill in."
        ),
        answer="ax",
        checker=ChartCheck(expected=_share_chart_series, mark="line"),
        hints=[
            "Start from the six lines above the answer cell: copy them in place of the `...` and fill in each blank. `shares.columns` lists the columns you can choose from.",
            "The article's 'half' is about turnover (exports plus imports): choose the two turnover columns, one for the four partners and one for Russia.",
            "Each blank of the title and the axis labels is text in quotes: say what is shown, and the unit (the shares are in percent). The caption takes the source id the task names.",
        ],
        points=2,
        success="The gap between the two lines is the three smaller partners: thin in every year.",
    ),
    Quiz(
        id="03.surplus_partner",
        core=False,
        title="Where did Belarus sell more than it bought?",
        question=(
            "Use the trade explorer: choose a partner, the flow 'Balance' and the years 2013-2020. With which of these partners did Belarus "
            "have a trade surplus (exports larger than imports) in every one of those years?"
        ),
        options={"A": "Russia", "B": "EU (EU27 without UK, all years)", "C": "China", "D": "Ukraine"},
        answer="D",
        explanations={
            "A": "Look again: the balance with Russia stays below zero in every year. Belarus buys much more from Russia than it sells there.",
            "B": "The balance with the EU27 changes sign: it is negative in most of those years and positive in only one.",
            "C": "Belarus imports far more from China than it exports there: the balance is negative in every year of the range.",
            "D": "Ukraine was a market where Belarus earned more than it spent, in every year from 2013 to 2020.",
        },
        points=1,
    ),
    # --- core: mirror statistics, then Klaipėda -------------------------------------------------------------
    Exercise(
        id="03.mirror_gap",
        title="Two countries, two numbers",
        task=(
            "Belarus's exports to Russia are Russia's imports from Belarus. For 2019, compute the gap in percent: (Russia-reported imports from "
            "Belarus minus Belarus-reported exports to Russia) divided by Belarus-reported exports to Russia, times 100. Use the IMF DOTS rows of "
            "`trade_partners` and `trade_mirror`. Store it in `mirror_gap_2019` (a negative number if Russia reports less)."
        ),
        answer="mirror_gap_2019",
        checker=NumberCheck(
            expected=lambda: T.mirror_gap(CLAIM_YEAR, "Russia", "exports"),
            tolerance=0.1,
            percent=True,
            mistakes=[
                Mistake("wrong denominator", "You divided by Russia's figure. The task measures the gap in percent of the Belarusian figure: divide by Belarus's exports.",
                        value=lambda: 100 * (_mirror("partner_imports_usd_m") - _mirror("belarus_exports_usd_m")) / _mirror("partner_imports_usd_m")),
                Mistake("other direction", "That is the gap for the other direction: Russia's exports to Belarus against Belarus's imports from Russia. "
                        "The task compares Belarus's exports with Russia's imports (column `reporter_imports_from_partner_usd_m`).",
                        value=lambda: _mirror("imports_gap_pct")),
                Mistake("wrong column", "You compared Belarus's exports with Russia's exports to Belarus. Belarus's exports to Russia are Russia's imports from Belarus: "
                        "use the column `reporter_imports_from_partner_usd_m`.",
                        value=lambda: 100 * (_mirror("partner_exports_usd_m") - _mirror("belarus_exports_usd_m")) / _mirror("belarus_exports_usd_m")),
            ],
        ),
        hints=[
            "In `trade_mirror`, the reporter is Russia and the column you need is `reporter_imports_from_partner_usd_m`.",
            "In `trade_partners`, take Russia's 2019 row with source_id 'IMF_DOTS_BLR' and its `exports_usd_m`.",
            "Method: the difference of the two figures, in percent of the Belarusian one, with its sign kept. On made-up numbers: if one side reports 80 "
            "and the other 100, the gap of the first in percent of the second is 100 × (80 − 100) / 100 = −20 percent.",
        ],
        points=2,
        success="In 2019 Russia reports less than Belarus. The quiz below asks which explanations fit a gap of that sign.",
    ),
    Quiz(
        id="03.mirror_sign",
        title="Which explanation does not fit the sign?",
        question=(
            "In 2019 Russia recorded smaller imports from Belarus than Belarus recorded exports to Russia (exercise 03.8). Which of these "
            "reasons could NOT, on its own, explain a gap of that sign?"
        ),
        options={
            "A": "Valuation: Russia values its imports with cost, insurance and freight (CIF); Belarus values its exports free on board (FOB).",
            "B": "Timing: goods shipped by Belarus in late 2019 that Russia recorded when they arrived in 2020.",
            "C": "Attribution: goods Belarus recorded as exports to Russia that Russia recorded as coming from another country.",
            "D": "Gaps in reporting: shipments that Belarus recorded but Russia's statistics missed.",
        },
        answer="A",
        explanations={
            "A": "CIF adds freight and insurance to the importer's figure, so valuation alone would make Russia's figure larger than Belarus's, not smaller. The negative gap means other causes outweigh it.",
            "B": "Goods counted by Belarus in 2019 but by Russia only in 2020 lower Russia's 2019 figure: that fits the sign (in another year timing can work the other way).",
            "C": "Goods that Russia attributes to another origin are missing from its imports from Belarus: that lowers Russia's figure and fits the sign.",
            "D": "Shipments missing from Russia's statistics lower Russia's figure: that fits the sign.",
        },
        points=1,
    ),
    Exercise(
        id="03.klaipeda_share_2019",
        title="Klaipėda's Belarusian cargo, from tonnes",
        task=(
            "From `klaipeda_transit`, compute Belarusian cargo as a share (in percent) of the port's total throughput in 2019, using only rows "
            "whose qualifier is 'exact' (metrics 'belarusian_cargo' and 'port_total_throughput'). Store it in `klaipeda_share_2019`."
        ),
        answer="klaipeda_share_2019",
        checker=NumberCheck(
            expected=_klaipeda_share_2019,
            tolerance=0.02,
            percent=True,
            mistakes=[
                Mistake("the reported share", "That is the share as the source states it ('just over' a round figure). The task asks you to compute it from the tonnes: cargo divided by the port's total.",
                        value=_klaipeda_reported_2019),
                Mistake("a total that is not exact", "You divided by the 2019 total whose qualifier is 'provisional'. Keep only the rows whose qualifier is 'exact'.",
                        value=_klaipeda_not_exact_total),
                Mistake("both totals added", "You added both 2019 total-throughput rows: they are two reports of the same total, not two parts. Keep only the exact one.",
                        value=_klaipeda_both_totals),
            ],
        ),
        hints=[
            "Filter the 2019 rows, then the two metrics; there are two total-throughput rows for 2019, and only one of them is exact.",
            "Keep only the rows where `qualifier` is 'exact' before you take the values.",
            "Method: a share of tonnes, from two exact rows of the same year. On made-up numbers: 9 million tonnes of one country's cargo in a port that handled 36 million tonnes is 100 × 9 / 36 = 25 percent.",
        ],
        points=1,
        success="Compare your figure with the reported 'just over 30 percent' and with what 'mainly' would require.",
    ),
    Quiz(
        id="03.klaipeda_mainly",
        title="'Lives mainly on Belarusian transit'?",
        question="Given the shares computed from tonnes and the shares the sources report, which description of Klaipėda fits the evidence best?",
        options={
            "A": "Most of the port's cargo was Belarusian.",
            "B": "Belarusian cargo was a large minority of the port's throughput, and the port lost volume when the transit ended.",
            "C": "Belarusian cargo hardly mattered to the port.",
            "D": "The data say nothing about the share of Belarusian cargo.",
        },
        answer="B",
        explanations={
            "A": "'Most' would need more than half. Every share in the table, computed or reported, stays well below that line.",
            "B": (
                "Roughly a third, not a majority: important, as the drop in throughput after 2021 shows, but 'mainly' overstates "
                "it if it means more than half. Read as 'above all', it would need a ranking of the port's cargo flows, which the data lack."
            ),
            "C": "A share of around a third is far from negligible, and the port's throughput fell after the potash transit stopped.",
            "D": "There are exact tonnes for 2019 and 2020 and several reported shares: enough to judge 'mainly' read as more than half.",
        },
        points=1,
    ),
    # --- Going further: reflection -----------------------------------------------------------------------
    Reflection(
        id="03.trade_dependence",
        core=False,
        title="Does trade dependence explain Minsk's position in September 2020?",
        prompt=(
            "Does trade dependence explain Minsk's position in September 2020? Use at least two figures from this lesson (with their sources), "
            "say what they do and do not show, and name at least one other factor the trade data cannot measure."
        ),
        points=4,
        rubric=[
            ("Uses at least two figures from the lesson correctly, each attributed to its source (e.g. IMF DOTS, Belstat, port officials)", 1),
            ("Distinguishes the EAEU from Russia alone, or exports from imports, or turnover from dependence (what the shares do and do not show)", 1),
            ("Names at least one factor beyond goods trade (energy prices, loans, the election and protests, security) and says the data cannot measure it", 1),
            ("Reaches a reasoned, hedged conclusion in neutral, attributed language (no claim stated as fact without a source)", 1),
        ],
        words="150-250",
    ),
)
