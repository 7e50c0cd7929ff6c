"""Lesson 03, trade with the Eurasian Economic Union: is it really "half"?

Every expected value is computed by unionstate.analysis.trade from data/, so the
exercises follow the data when it changes.
"""

from __future__ import annotations

from ..analysis import trade as T
from .checkers import Case, ChartCheck, ChoiceCheck, Data, FunctionCheck, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

SHARE_CHART_START, SHARE_CHART_END = 2000, 2020


def _share_chart_series() -> list[Series]:
    table = T.eaeu_share_series(SHARE_CHART_START, SHARE_CHART_END)
    years = [int(y) for y in table.index]
    return [
        Series(years, [float(v) for v in table["EAEU turnover"]], label="EAEU"),
        Series(years, [float(v) for v in table["Russia turnover"]], label="Russia"),
    ]


def _klaipeda_share_2019() -> float:
    computed = T.klaipeda_computed_shares()
    rows = computed.loc[computed["year"] == 2019, "computed_share_pct"]
    if len(rows) != 1:
        raise ValueError("Expected exactly one exact 2019 cargo figure for Klaipėda.")
    return float(rows.iloc[0])


register(
    Exercise(
        id="03.customs_union",
        title="What is a customs union?",
        task=(
            "Russia, Belarus and Kazakhstan formed a customs union before the EAEU. Which description fits a customs union? "
            "Store the letter in `customs_union`."
        ),
        answer="customs_union",
        checker=ChoiceCheck(
            options={
                "A": "Members trade without tariffs among themselves, but each sets its own tariffs on goods from outside.",
                "B": "Members trade without tariffs among themselves and apply one common tariff to goods from outside.",
                "C": "Members share one currency and one central bank.",
                "D": "People, capital and services move freely between members, and they share one government.",
            },
            answer="B",
            explanations={
                "A": "That is a free trade area, the stage before: without a common external tariff, goods could enter through the member with the lowest tariff.",
                "B": "The common external tariff is what turns a free trade area into a customs union; it is why goods can then cross internal borders without customs duties.",
                "C": "A shared currency belongs to an economic and monetary union, several stages further on; the EAEU has no common currency.",
                "D": "Free movement of services, capital and labour is a common market, and one government would be a political union; both go beyond a customs union.",
            },
        ),
        hints=[
            "Look up 'Integration stages' in the glossary: each stage adds one thing to the one before.",
            "A free trade area removes tariffs between members. What does a customs union add to that?",
        ],
        points=1,
    ),
    Exercise(
        id="03.russia_gdp_share",
        title="Russia's weight in the EAEU",
        task=(
            "From `load_dataset('eaeu_members')`, compute Russia's share (in percent) of the combined GDP of the five members "
            "(column `gdp_usd_current`). Store it in `russia_gdp_share`."
        ),
        answer="russia_gdp_share",
        checker=NumberCheck(expected=T.russia_gdp_share, tolerance=0.1, percent=True),
        hints=[
            "A share in percent is 100 times the part divided by the whole.",
            "The whole is the sum of the `gdp_usd_current` column over all five rows.",
            "The part is Russia's value in that column (select its row by country, then take the one value with `.iloc[0]`). On made-up numbers: a part of 30 in a whole of 120 is 100 × 30 / 120 = 25 percent.",
        ],
        points=1,
        success="One member produces most of the union's output: keep that in mind when you read 'trade with the EAEU'.",
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
        checker=NumberCheck(expected=lambda: T.eaeu_turnover_share(2019), tolerance=0.1, percent=True),
        hints=[
            "Turnover is exports plus imports. You need two turnovers for 2019: with the four EAEU partners together, and with the world.",
            "Filter the DOTS rows of 2019 with `.isin([...])` for the four partners and sum their exports and imports; do the same for 'World total'.",
            "Share = 100 * (EAEU exports + EAEU imports) / (world exports + world imports). Leave out the press rows (other source ids): they would count Russia twice in some years.",
        ],
        points=2,
        success="This is the figure behind the article's 'half': compare it with 50 and decide whether 'half' is a fair rounding.",
    ),
    Exercise(
        id="03.eaeu_share",
        title="A function for any year",
        task=(
            "Write `eaeu_share(trade, year)`: given the `trade_partners` table and a year, it returns the EAEU partners' share (in percent) "
            "of Belarus's goods turnover that year, using only the IMF DOTS rows. The grader calls it on other years too."
        ),
        answer="eaeu_share",
        checker=FunctionCheck(
            cases=[
                Case(args=(Data("trade_partners"), 2020), shows="eaeu_share(trade, 2020)"),
                Case(args=(Data("trade_partners"), 2000), hidden=True),
                Case(args=(Data("trade_partners"), 2010), hidden=True),
                Case(args=(Data("trade_partners"), 2016), hidden=True),
                Case(args=(Data("trade_partners"), 2017), hidden=True),
                Case(args=(Data("trade_partners"), 2015), hidden=True),
            ],
            reference=T.eaeu_share,
            tolerance=0.01,
        ),
        hints=[
            "Do inside the function what you did for 2019, with `year` in place of 2019 and `trade` in place of the table you loaded.",
            "Some years have extra press rows for Russia with another source_id. Filter `trade['source_id'] == 'IMF_DOTS_BLR'` first.",
            "Return one plain number, not a Series and not rounded: the share of the four partners' turnover in the world total, as a percentage. If your result is a Series with one value, `.item()` or `float(...)` takes the number out.",
        ],
        points=3,
        success="The capstone's claim cards use the same calculation for every year.",
    ),
    Exercise(
        id="03.russia_share_of_eaeu",
        title="How much of the EAEU trade is Russia?",
        task=(
            "Of Belarus's 2019 goods turnover with its four EAEU partners (IMF DOTS rows), what share (in percent) was with Russia alone? "
            "Store it in `russia_share_of_eaeu`."
        ),
        answer="russia_share_of_eaeu",
        checker=NumberCheck(expected=lambda: T.russia_share_of_eaeu(2019), tolerance=0.1, percent=True),
        hints=[
            "This time the whole is not the world but the EAEU partners together.",
            "Share = 100 * Russia's turnover / the four partners' turnover, both for 2019 and from the DOTS rows only.",
        ],
        points=1,
        success="So 'trade with the EAEU' is, for Belarus, almost entirely trade with Russia.",
    ),
    Exercise(
        id="03.largest_deficit_year",
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
        checker=NumberCheck(expected=lambda: T.largest_deficit_year("Russia"), tolerance=0, integer=True, unit="year"),
        hints=[
            "Compute the balance for every year: exports minus imports, Russia's DOTS rows only.",
            "The largest deficit is the most negative balance, not the largest number.",
            "Put the balance in a Series indexed by year and use `.idxmin()`; store the result with `int(...)`.",
        ],
        points=1,
        success="The balance with Russia is negative in every year of the series: Belarus buys more from Russia than it sells there. Lesson 04 looks at what it pays Russia for energy.",
    ),
    Exercise(
        id="03.share_chart",
        title="Half, over time",
        task=(
            "Draw a line chart of two series, 2000-2020: the EAEU partners' share and Russia's share of Belarus's goods turnover (percent, "
            "IMF DOTS rows). Label the lines 'EAEU' and 'Russia', give the chart a title, axis labels with units, a legend, and a caption "
            "naming the source with add_caption(fig, 'IMF_DOTS_BLR')."
        ),
        answer="ax",
        checker=ChartCheck(expected=_share_chart_series, mark="line"),
        hints=[
            "Build one table with a row per year first: the four partners' turnover, Russia's turnover and the world's turnover.",
            "Each line is 100 × the group's turnover / the world's turnover, with the years on the x axis. Draw each with `ax.plot(x, y, label=..., marker=...)`, a different marker for each line.",
            "Finish with a title (`ax.set_title(...)`), both axis labels with units (`ax.set_xlabel(...)`, `ax.set_ylabel(...)`), `ax.legend()` and the source caption (`add_caption(fig, ...)` with the source id the task names).",
        ],
        points=2,
        success="The gap between the two lines is the three smaller partners: thin in every year.",
    ),
    Exercise(
        id="03.mirror_gap",
        title="Two countries, two numbers",
        task=(
            "Belarus's exports to Russia are Russia's imports from Belarus. For 2019, compute the gap in percent: (Russia-reported imports from "
            "Belarus minus Belarus-reported exports to Russia) divided by Belarus-reported exports to Russia, times 100. Use the IMF DOTS rows of "
            "`trade_partners` and `trade_mirror`. Store it in `mirror_gap_2019` (a negative number if Russia reports less)."
        ),
        answer="mirror_gap_2019",
        checker=NumberCheck(expected=lambda: T.mirror_gap(2019, "Russia", "exports"), tolerance=0.1, percent=True),
        hints=[
            "In `trade_mirror`, the reporter is Russia and the column you need is `reporter_imports_from_partner_usd_m`.",
            "In `trade_partners`, take Russia's 2019 row with source_id 'IMF_DOTS_BLR' and its `exports_usd_m`.",
            "Gap = 100 * (Russia's figure - Belarus's figure) / Belarus's figure. Keep the sign.",
        ],
        points=2,
        success="Imports are usually valued with freight and insurance (CIF), so one would expect Russia's figure to be the larger one: the sign says something else is going on too.",
    ),
    Exercise(
        id="03.klaipeda_share_2019",
        title="Klaipėda's Belarusian cargo, from tonnes",
        task=(
            "From `klaipeda_transit`, compute Belarusian cargo as a share (in percent) of the port's total throughput in 2019, using only rows "
            "whose qualifier is 'exact' (metrics 'belarusian_cargo' and 'port_total_throughput'). Store it in `klaipeda_share_2019`."
        ),
        answer="klaipeda_share_2019",
        checker=NumberCheck(expected=_klaipeda_share_2019, tolerance=0.02, percent=True),
        hints=[
            "Filter the 2019 rows, then the two metrics; there are two total-throughput rows for 2019, and only one of them is exact.",
            "Keep only `transit['qualifier'] == 'exact'` before you take the values.",
            "Share = 100 * Belarusian cargo (million tonnes) / port total (million tonnes).",
        ],
        points=1,
        success="Compare your figure with the reported 'just over 30 percent' and with what 'mainly' would require.",
    ),
    Quiz(
        id="03.surplus_partner",
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
            "B": "Both files are in USD million; the README states the unit for every file.",
            "C": "Both rows are Belarus-reported: the DOTS partner series is reported by Belarus itself, as the source register says.",
            "D": "Nothing points to a typo: the difference has a documented cause in `data/README.md` (trade caveat 1, 'EU means two things').",
        },
        points=1,
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
    Reflection(
        id="03.trade_dependence",
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
