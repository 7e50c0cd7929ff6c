"""Lesson 04, money and energy: what Belarus owes Russia and what cheap gas is worth.

Every expected value is computed from data/ through unionstate.analysis, so
when a CSV changes the exercises follow.
"""

from __future__ import annotations

from ..analysis import debt as debt_analysis
from ..analysis import energy as energy_analysis
from ..datasets import load_dataset
from .checkers import Case, ChartCheck, ChoiceCheck, Data, FunctionCheck, Mistake, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

END_2018 = "2018-12-31"


def share_russia_alone() -> float:
    return debt_analysis.russia_share(load_dataset("debt"), END_2018, "Russia alone")


def share_incl_efsd() -> float:
    return debt_analysis.russia_share(load_dataset("debt"), END_2018, "Russia incl. EFSD")


def claim_gap_points() -> float:
    """Percentage points between the article's figure and the highest share any source reports or allows."""
    highest = max(s.share_pct for s in debt_analysis.share_table())
    return debt_analysis.claimed_share_pct() - highest


def claim_gap_relative() -> float:
    """The likely mistake in 04.claim_gap: the gap as a percentage of the highest share, not in points."""
    highest = max(s.share_pct for s in debt_analysis.share_table())
    return 100 * (debt_analysis.claimed_share_pct() - highest) / highest


def largest_gap_year() -> int:
    return energy_analysis.largest_gap_year(load_dataset("energy_prices"))


def subsidy_usd_million() -> float:
    table = energy_analysis.implicit_subsidy(load_dataset("energy_prices"))
    if len(table) != 1:  # the exercise asks for "the" year with both a gap and a volume
        raise LookupError(f"expected one year with a full-year price gap and a gas volume, found {len(table)}")
    return float(table["subsidy_usd_million"].iloc[0])


def price_chart_series() -> list[Series]:
    energy = load_dataset("energy_prices")
    out = []
    for indicator, label in ((energy_analysis.BELARUS, "Belarus"), (energy_analysis.EUROPE, "Europe")):
        prices = energy_analysis.annual_prices(energy, indicator)
        out.append(Series(x=list(prices.index), y=list(prices.to_numpy()), label=label))
    return out


def _share_case(as_of: str, definition: str, hidden: bool) -> Case:
    return Case(args=(Data("debt"), as_of, definition), hidden=hidden, shows=f'russia_share(debt, "{as_of}", "{definition}")')


register(
    Exercise(
        id="04.share_russia_alone",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'prices = load_dataset("energy_prices")': 'a gas price of 46.68 USD per 1000 m³ (2006), not a debt share: the two numbers only coincide',
        },
        title="Russia's share of external public debt, end-2018",
        task=(
            "Use the end-2018 rows of the debt table (as_of_date 2018-12-31): the amount of external public debt owed to "
            "the creditor 'Russia' and the external public debt total. Compute Russia's share of the total in percent "
            "(0 to 100) and store it in `share_russia_alone`."
        ),
        answer="share_russia_alone",
        checker=NumberCheck(expected=share_russia_alone, tolerance=0.1, percent=True),
        hints=[
            "You need two rows of 2018-12-31: indicator 'external_public_debt_total' and indicator 'external_public_debt_by_creditor' with creditor 'Russia'.",
            "Take the numbers out of the `value` column with `.item()` (or `.iloc[0]`); both are in USD billion.",
            "share = 100 * amount owed to Russia / total external public debt.",
        ],
        points=2,
        success="This counts the Russian state only. Russia-funded lenders such as the EFSD are not in it.",
    ),
    Exercise(
        id="04.share_incl_efsd",
        title="The same share, counting the EFSD as Russia",
        task=(
            "Now count the Eurasian Fund for Stabilization and Development (EFSD) as 'Russia' too: add its end-2018 "
            "amount to Russia's and compute the share of the same total, in percent. Store it in `share_incl_efsd`."
        ),
        answer="share_incl_efsd",
        checker=NumberCheck(expected=share_incl_efsd, tolerance=0.15, percent=True),
        hints=[
            "The EFSD row has creditor 'Eurasian Fund for Stabilization and Development (EFSD)' and the same date and indicator as Russia's row.",
            "Add the two amounts first, then divide by the same total as before.",
            "share = 100 * (Russia + EFSD) / total external public debt.",
        ],
        points=2,
        success="Officelife, which counts the EFSD as Russia, reports a share within about a tenth of a point of yours for the same data: the amounts it printed are rounded.",
    ),
    Exercise(
        id="04.russia_share",
        title="A function for every definition",
        task=(
            "Write `russia_share(debt, as_of, definition)` that returns Russia's share (percent) of Belarus's external public "
            "debt on the date `as_of` ('YYYY-MM-DD'). definition 'Russia alone': 100 x Russia's amount / the external public "
            "debt total. 'Russia incl. EFSD': 100 x (Russia + EFSD amounts) / the total. 'as reported': the share_pct of the row "
            "whose share_basis is 'reported' and whose creditor starts with 'Russia'. Return None when the data have no such "
            "figure for that date."
        ),
        answer="russia_share",
        checker=FunctionCheck(
            cases=[
                _share_case(END_2018, "Russia alone", hidden=False),
                _share_case("2020-07-01", "as reported", hidden=False),
                _share_case(END_2018, "Russia incl. EFSD", hidden=True),
                _share_case(END_2018, "as reported", hidden=True),
                _share_case("2009-10-01", "as reported", hidden=True),
                _share_case("2020-07-01", "Russia alone", hidden=True),  # the data lack this figure: None is right
            ],
            reference=debt_analysis.russia_share,
            tolerance=0.06,
        ),
        hints=[
            "Start by keeping the rows of the date `as_of` (the column `as_of_date`), then handle each definition in its own branch: `if definition == ...:`.",
            "For the amounts, keep the rows with indicator 'external_public_debt_by_creditor' whose creditor is in a list of names; if the total or one of the names is missing, `return None`.",
            "For 'as reported', combine two conditions with `&`: the `share_basis` is 'reported', and the `creditor` starts with 'Russia' (`.str.startswith(..., na=False)` skips empty cells). If a row is left, return its `share_pct`; if none is left, return None.",
        ],
        points=3,
        success="Your function gives every definition the data allow, and None where a figure would have to be invented.",
    ),
    Exercise(
        id="04.closest_definition",
        title="Which definition could the '70 percent' have meant?",
        task=(
            "Compare the shares in the table of definitions. Which definition comes closest to the article's 'about 70 "
            "percent'? Store the letter in `closest_definition`."
        ),
        answer="closest_definition",
        checker=ChoiceCheck(
            options={
                "A": "Russia alone, as a share of external public debt (end-2018)",
                "B": "Russia together with the Russia-funded EFSD, as a share of external public debt (end-2018)",
                "C": "Russia's claims (World Bank data) as a share of total public debt, including domestic debt (end-2020)",
                "D": "Russia's estimated share of total public debt in mid-2020",
            },
            answer="B",
            explanations={
                "A": "Russia alone is the narrowest count of 'Russia': it leaves out the Russia-funded EFSD, so its share is lower than a count that includes it.",
                "B": "Only by counting the Russia-funded EFSD as 'Russia' does the share come near the article's figure, and even then it stays below it.",
                "C": "Total public debt adds domestic debt to the denominator while Russia's claims stay the same, so this share is lower, not higher.",
                "D": "This estimate scales Russia's share of external debt down by the external part of total debt, so it cannot be higher than the share of external debt.",
            },
        ),
        hints=[
            "Look at the share_pct column of the table of definitions: which row is nearest to 70?",
            "Adding domestic debt to the denominator makes the share smaller; counting more lenders as 'Russia' makes it larger.",
        ],
        points=1,
    ),
    Exercise(
        id="04.claim_gap",
        title="Testing the article's claim",
        task=(
            "The article says 'Russia accounts for about 70 percent of the Belarusian public debt'. Take the article's figure "
            "(`claimed`, computed above from the claim's wording) and the highest share in the table of definitions. By how "
            "many percentage points does the article's figure exceed that highest share? Store the difference in `claim_gap`."
        ),
        answer="claim_gap",
        checker=NumberCheck(
            expected=claim_gap_points,
            tolerance=0.05,
            mistakes=[
                Mistake(
                    "reversed sign",
                    "Your difference has the right size but the wrong sign. The task asks by how much the article's figure "
                    "exceeds the highest share: start from the article's figure and subtract the share.",
                    value=lambda: -claim_gap_points(),
                ),
                Mistake(
                    "relative difference",
                    "That is the gap as a percentage of the highest share. Percentage points are the plain difference of the two percentages: subtract, do not divide.",
                    value=claim_gap_relative,
                ),
            ],
        ),
        hints=[
            "Percentage points are a plain difference of two percentages: no division.",
            "The highest share is `shares['share_pct'].max()`.",
            "claim_gap = claimed - highest share.",
        ],
        points=1,
        success=(
            "No definition in the data reaches the article's figure: the closest, counting the EFSD as Russia, is a share of "
            "external debt, not of all public debt. A fair verdict is 'overstated; depends on the definition'."
        ),
    ),
    Exercise(
        id="04.price_chart",
        title="Two gas prices on one chart",
        task=(
            "Plot the full-year rows (period 'year') of two indicators as two lines over the years: 'gas_price_Belarus' "
            "(label it with 'Belarus') and 'gazprom_avg_price_Europe' (label it with 'Europe'). Use year_num for x and "
            "value_num for y. Add a title, axis labels with units, a legend and a source caption (add_caption)."
        ),
        answer="ax",
        checker=ChartCheck(expected=price_chart_series, mark="line"),
        hints=[
            "Keep the full-year rows first (the `period` column), then take one indicator at a time.",
            "Draw one line per indicator with `ax.plot(x, y, label=..., marker=...)`: `year_num` on the x axis, `value_num` on the y axis, and a label that contains 'Belarus' or 'Europe'.",
            "Then a title (`ax.set_title(...)`), both axis labels with their units (`ax.set_xlabel(...)`, `ax.set_ylabel(...)`), `ax.legend()`, and `add_caption(fig, ...)` with the source ids of the rows you drew.",
        ],
        points=2,
        success="Only a few years have both prices for a full year: those are the years a fair comparison can use.",
    ),
    Exercise(
        id="04.largest_gap_year",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'prices = load_dataset("energy_prices")': 'the gas prices by year, the table the task asks students to read; 2012 is one of its years',
            'other_prices = prices[': 'the other Belarusian price series, by year; 2012 is a row label',
            'quiz("04.part_year")': "the quiz's options name years of the price series",
            'volumes = prices[': 'the gas volumes by year that exercise 04.8 reads; 2012 is a row label',
        },
        title="When was the gap largest?",
        task=(
            "Using only years in which both prices exist for the full year (period 'year'), compute the gap "
            "(European price minus Belarus price, USD per 1000 m³) for each such year. Store the year with the largest gap, "
            "as a whole number, in `largest_gap_year`."
        ),
        answer="largest_gap_year",
        checker=NumberCheck(expected=largest_gap_year, tolerance=0, integer=True, unit="year"),
        hints=[
            "Make two Series indexed by year_num, one per indicator, from the full-year rows only.",
            "Subtracting two Series aligns them by year; `.dropna()` keeps the years that have both prices.",
            "`gap.idxmax()` gives the index label (the year) of the largest value; wrap it in int().",
        ],
        points=1,
        success="That year came right after Gazprom bought the rest of Beltransgaz, when the price for Belarus was cut.",
    ),
    Exercise(
        id="04.subsidy",
        title="What was cheap gas worth? An estimate",
        task=(
            "Find the full-year comparable year that also has a gas volume for Belarus (an indicator starting with "
            "'gas_volume_Belarus'). Estimate the implicit subsidy of that year as price gap (USD per 1000 m³) x volume (bcm). "
            "One bcm is a million thousand cubic metres, so the result is in USD million. Store it in `subsidy_usd_million`."
        ),
        answer="subsidy_usd_million",
        checker=NumberCheck(expected=subsidy_usd_million, tolerance=5, unit="USD million"),
        hints=[
            "List the volume rows with `prices[prices['indicator'].str.startswith('gas_volume_Belarus')]` and find the one whose year also has a full-year gap.",
            "Check the units: the gap is in USD per 1000 m³, the volume in bcm (billion m³).",
            "USD per 1000 m³ x bcm = USD million, so multiply the gap by the volume; no further scaling is needed.",
        ],
        points=2,
        success=(
            "Read it as an order of magnitude, not a measured transfer: the volume was planned, not delivered, and the "
            "European average includes transport to Europe and Europe's market conditions."
        ),
    ),
    Quiz(
        id="04.denominator",
        title="Why does the share fall against total public debt?",
        question=(
            "In the debt explorer, compare a share of external public debt with a share of total public debt. "
            "Why is Russia's share of total public debt lower?"
        ),
        options={
            "A": "Because Russia lent less money in those years",
            "B": "Because total public debt adds the debt owed to lenders at home, while what is owed to Russia stays the same",
            "C": "Because total public debt is counted in roubles and external debt in dollars",
            "D": "Because the EFSD is always left out of total public debt",
        },
        answer="B",
        explanations={
            "A": "The amount owed to Russia does not shrink when the definition changes: the same creditor claims are divided by a different total.",
            "B": "A bigger denominator with the same numerator gives a smaller share. That is why the article's wording ('public debt') matters.",
            "C": "Currencies must match before dividing, but a change of currency alone does not make a share smaller.",
            "D": "What counts as 'Russia' is a separate choice; the drop comes from the larger total.",
        },
    ),
    Quiz(
        id="04.part_year",
        title="A year when Belarus paid more?",
        question=(
            "In the gas price explorer, tick 'Include part-year comparisons'. In which year does Belarus pay more than "
            "the European price it is compared with, and why must that comparison be read with care?"
        ),
        options={
            "A": "2012: the year after the Beltransgaz sale",
            "B": "2013: Belarus's price is from the start of the year only",
            "C": "2019: both prices are for the full year",
            "D": "2020: the European price is for one quarter only, a pandemic low, against Belarus's full-year price",
        },
        answer="D",
        explanations={
            "A": "In 2012 the gap is positive: Belarus paid much less than the European average.",
            "B": "2013 is a part-year comparison, but Belarus still paid less than the European average.",
            "C": "In 2019 Belarus paid less than the European average, by a full-year comparison.",
            "D": "A quarter is not a year: the November 2020 forecast for the whole year is higher, and a forecast is not an actual price either.",
        },
    ),
    Reflection(
        id="04.dependence",
        title="What does economic dependence buy, and for whom?",
        prompt=(
            "What does economic dependence buy, and for whom? Use at least two figures from this lesson (with who reports "
            "them) and consider both Belarus and Russia, and different groups within them."
        ),
        points=4,
        rubric=[
            ("Uses at least two figures from the lesson correctly and attributes them (who reports them, which definition)", 1),
            ("Names what each side gains and gives up (for example cheap gas and refinancing against assets, leverage or integration demands)", 1),
            ("Distinguishes groups within the countries (state and leadership, firms, taxpayers, citizens), not only 'Belarus' and 'Russia'", 1),
            ("Acknowledges the limits of the evidence (estimates, definitions, missing years) and keeps facts apart from judgements", 1),
        ],
        words="150-250",
    ),
)
