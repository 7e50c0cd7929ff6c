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
EXTERNAL_DEBT, TOTAL_DEBT = "external", "total public debt"  # how the debt_measure column starts
EFSD = "Eurasian Fund for Stabilization and Development (EFSD)"


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


def _highest_share(measure_starts: str = "") -> float:
    """The highest share in the table of definitions, among rows whose debt measure starts with `measure_starts`."""
    return max(s.share_pct for s in debt_analysis.share_table() if s.debt_measure.startswith(measure_starts))


def _lowest_share(measure_starts: str) -> float:
    return min(s.share_pct for s in debt_analysis.share_table() if s.debt_measure.startswith(measure_starts))


def gap_total_debt_points() -> float:
    """04.gap_total_debt: the article's figure minus the highest share of total public debt (the English words' reading)."""
    return debt_analysis.claimed_share_pct() - _highest_share(TOTAL_DEBT)


def _end_2018(indicator: str, creditor: str | None = None) -> float:
    """One end-2018 amount (USD billion), for the mistakes of 04.1 and 04.2."""
    debt = load_dataset("debt")
    rows = debt[(debt["as_of_date"] == END_2018) & (debt["indicator"] == indicator)]
    if creditor is not None:
        rows = rows[rows["creditor"] == creditor]
    return float(rows["value"].item())


def _amount(creditor: str) -> float:
    return _end_2018("external_public_debt_by_creditor", creditor)


def _external_total() -> float:
    return _end_2018("external_public_debt_total")


def _gap_table():
    return energy_analysis.gas_price_gap(load_dataset("energy_prices"), include_part_year=True)


def _subsidy_row():
    return energy_analysis.implicit_subsidy(load_dataset("energy_prices")).iloc[0]


def _price_times_volume(column: str) -> float:
    """Belarus's (or Europe's) price x the volume of the subsidy year: a bill, not a gap (a mistake of 04.subsidy)."""
    row = _subsidy_row()
    gap = _gap_table()
    return float(gap.loc[gap["year"] == row["year"], column].item() * row["volume_bcm"])


def _subsidy_with_volume_of(year_offset: int) -> float:
    """The gap of the subsidy year x the volume of another year (the row above or below in the volume table)."""
    row = _subsidy_row()
    volumes = energy_analysis.gas_volumes(load_dataset("energy_prices")).set_index("year")["volume_bcm"]
    return float(row["gap_usd"] * volumes[int(row["year"]) + year_offset])


def _part_year_years() -> list[int]:
    gap = _gap_table()
    return [int(y) for y in gap.loc[gap["comparison"] == "part year", "year"]]


def _smallest_gap_year() -> int:
    gap = energy_analysis.gas_price_gap(load_dataset("energy_prices"))
    return int(gap.loc[gap["gap_usd"].idxmin(), "year"])


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


def _share_as_fraction(debt, as_of, definition):
    """A mistake of 04.russia_share: the computed shares as fractions (0-1), the reported ones in percent."""
    share = debt_analysis.russia_share(debt, as_of, definition)
    return share if definition == "as reported" or share is None else share / 100


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
        checker=NumberCheck(
            expected=share_russia_alone,
            tolerance=0.1,
            percent=True,
            mistakes=[
                Mistake(
                    "EFSD counted as Russia",
                    "Your share also counts the EFSD. This exercise counts the creditor 'Russia' alone; the EFSD comes in the next one.",
                    value=share_incl_efsd,
                ),
                Mistake(
                    "reversed ratio",
                    "Your answer is above 100, so the division is upside down: the amount owed to Russia goes on top, the external public debt total below.",
                    value=lambda: 100 * _external_total() / _amount("Russia"),
                ),
                Mistake(
                    "Bank of Russia figure",
                    "You used the row 'debt_owed_to_Russia' (Bank of Russia data), a creditor-side figure from another source. "
                    "Use the row of indicator 'external_public_debt_by_creditor' with creditor 'Russia', which comes from the same MinFin data as the total.",
                    value=lambda: 100 * _end_2018("debt_owed_to_Russia") / _external_total(),
                    tolerance=0.05,
                ),
            ],
        ),
        hints=[
            "You need two rows of 2018-12-31: indicator 'external_public_debt_total' and indicator 'external_public_debt_by_creditor' with creditor 'Russia'.",
            "Take the numbers out of the `value` column with `.item()` (or `.iloc[0]`); both are in USD billion.",
            "A share in percent is 100 x part / whole. For example, if a country owed 3 of its 12 billion to one lender, that lender's share would be 100 * 3 / 12 = 25 percent. Here the part is what is owed to Russia and the whole is the external public debt total.",
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
        checker=NumberCheck(
            expected=share_incl_efsd,
            tolerance=0.15,
            percent=True,
            mistakes=[
                Mistake(
                    "EFSD left out",
                    "That is Russia's share alone, as in 04.1. Add the EFSD's amount to Russia's before dividing.",
                    value=share_russia_alone,
                ),
                Mistake(
                    "EFSD alone",
                    "That is the EFSD's share on its own. The task counts Russia and the EFSD together: add Russia's amount to the EFSD's.",
                    value=lambda: 100 * _amount(EFSD) / _external_total(),
                ),
                Mistake(
                    "reversed ratio",
                    "Your answer is above 100, so the division is upside down: the two amounts added together go on top, the external public debt total below.",
                    value=lambda: 100 * _external_total() / (_amount("Russia") + _amount(EFSD)),
                ),
            ],
        ),
        hints=[
            "The EFSD row has creditor 'Eurasian Fund for Stabilization and Development (EFSD)' and the same date and indicator as Russia's row.",
            "Add the two amounts first, then divide by the same total as before.",
            "Add first, then divide. For example, two lenders owed 3 and 2 of a 12 billion debt together hold 100 * (3 + 2) / 12, about 41.7 percent, of it.",
        ],
        points=2,
        success="Officelife, which counts the EFSD as Russia, reports a share within about a tenth of a point of yours for the same data: the amounts it printed are rounded.",
    ),
    Exercise(
        id="04.claim_gap",
        title="Testing the claim: 'public debt' read as external public debt",
        task=(
            "The article says 'Russia accounts for about 70 percent of the Belarusian public debt'. Read 'public debt' as "
            "external debt, Minsk's headline figure, and take the most generous count of 'Russia': among the rows of the table "
            "of definitions (`shares`) whose debt_measure starts with 'external', the highest share. By how many percentage "
            "points does the article's figure (`claimed`) exceed it? Store the difference in `claim_gap`."
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
                Mistake(
                    "your computed share, not the highest",
                    "That starts from the share you computed from the amounts in 04.2. The table has another end-2018 row of "
                    "external debt, the share as the source reported it, a little higher: the most generous count is the highest share among the external rows.",
                    value=lambda: debt_analysis.claimed_share_pct() - share_incl_efsd(),
                    tolerance=0.03,
                ),
                Mistake(
                    "narrowest definition",
                    "That starts from Russia alone, the narrowest count of 'Russia'. The task asks for the most generous count: the highest share among the external rows.",
                    value=lambda: debt_analysis.claimed_share_pct() - share_russia_alone(),
                ),
                Mistake(
                    "a share of total public debt",
                    "That starts from a share of total public debt. This exercise reads 'public debt' as external debt: keep the rows whose debt_measure starts with 'external'.",
                    value=gap_total_debt_points,
                ),
            ],
        ),
        hints=[
            "First keep the rows of `shares` whose `debt_measure` starts with 'external' (`.str.startswith(...)`), then take the largest `share_pct` of those rows.",
            "Percentage points are a plain difference of two percentages: no division.",
            "The order of the subtraction follows the question 'by how much does A exceed B': A minus B. For example, if a poll said 55 percent and a census 48 percent, the poll exceeds the census by 55 - 48 = 7 points.",
        ],
        points=1,
        success="No share of external debt in the data reaches the article's figure, not even the most generous count, which includes the Russia-funded EFSD.",
    ),
    Exercise(
        id="04.gap_total_debt",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'volumes = prices[': 'the gas volumes by year (bcm): 21.1 bcm in 2008 is a volume, not a gap in percentage points; the two only coincide',
        },
        title="Testing the claim: 'public debt' read as total public debt",
        task=(
            "Now read the article's words as they stand in English: total public debt, external plus domestic. Among the rows "
            "of `shares` whose debt_measure starts with 'total public debt', take the highest share. By how many percentage "
            "points does the article's figure (`claimed`) exceed it? Store the difference in `gap_total_debt`."
        ),
        answer="gap_total_debt",
        checker=NumberCheck(
            expected=gap_total_debt_points,
            tolerance=0.05,
            mistakes=[
                Mistake(
                    "a share of external debt",
                    "That starts from a share of external debt: you kept every row, or the external ones. This reading keeps only "
                    "the rows whose debt_measure starts with 'total public debt'.",
                    value=claim_gap_points,
                ),
                Mistake(
                    "lowest share",
                    "That starts from the lowest share of total public debt. Give the article its best chance: take the highest of those rows.",
                    value=lambda: debt_analysis.claimed_share_pct() - _lowest_share(TOTAL_DEBT),
                ),
                Mistake(
                    "relative difference",
                    "That is the gap as a percentage of the share. Percentage points are the plain difference of the two percentages: subtract, do not divide.",
                    value=lambda: 100 * gap_total_debt_points() / _highest_share(TOTAL_DEBT),
                ),
            ],
        ),
        hints=[
            "The same steps as 04.3, with another rule for the rows: `debt_measure` starts with 'total public debt'.",
            "Both rows of total public debt are estimates that mix sources (their `basis` column says so): that is why the verdict reads them as indicative.",
            "Filter, take the largest share, subtract it from the article's figure. On made-up data: `polls[polls['method'].str.startswith('phone')]['support'].max()` is the highest support among the phone polls.",
        ],
        points=1,
        success="Both rows of total public debt are estimates that mix sources, so read this difference as indicative. The next exercise asks what the two differences mean for the verdict.",
    ),
    Exercise(
        id="04.verdict_readings",
        title="One verdict or two?",
        task=(
            "You have the article's distance to the data under both readings of 'public debt' (04.3 and 04.4), and the German "
            "word is not in the kit's sources. Which statement follows from the data? Store the letter in `verdict_readings`."
        ),
        answer="verdict_readings",
        checker=ChoiceCheck(
            options={
                "A": "The claim is supported if 'public debt' means external debt, and overstated if it means total public debt",
                "B": "The claim is overstated under both readings; the overstatement is larger if 'public debt' means total public debt",
                "C": "The claim is overstated under both readings; the overstatement is larger if 'public debt' means external debt",
                "D": "No verdict is possible until we know the German word the author used",
            },
            answer="B",
            explanations={
                "A": "Look at the sign of your 04.3 difference: even the most generous share of external debt stays below the article's figure.",
                "B": "Both differences are positive, so the verdict is the same under both readings, 'partly supported (overstated)' by lesson 05's rubric; the German word would only decide how large the overstatement is.",
                "C": "Compare the two differences: the denominator of total public debt is larger, so its shares are lower and the distance to the article's figure is larger.",
                "D": "The missing word changes the size of the overstatement, not its direction: when both readings lead to the same verdict, the verdict does not wait for the word.",
            },
        ),
        hints=[
            "Compare the signs of your two differences first, then their sizes.",
            "A verdict needs the missing word only if the two readings would lead to different verdicts.",
        ],
        points=1,
    ),
    Exercise(
        id="04.subsidy",
        title="What was cheap gas worth? An estimate",
        task=(
            "`gas_price_gap(prices)` lists the years with both prices for the full year, with the gap (gap_usd). Find the one "
            "that also has a gas volume for Belarus (an indicator starting with 'gas_volume_Belarus'). Estimate the implicit subsidy of that year as price gap (USD per 1000 m³) x volume (bcm). "
            "One bcm is a million thousand cubic metres, so the result is in USD million. Store it in `subsidy_usd_million`."
        ),
        answer="subsidy_usd_million",
        checker=NumberCheck(
            expected=subsidy_usd_million,
            tolerance=5,
            unit="USD million",
            mistakes=[
                Mistake(
                    "thousand times too large",
                    "Your answer is about a thousand times too large. USD per 1000 m³ times bcm is already USD million: do not multiply by 1000.",
                    value=lambda: 1000 * subsidy_usd_million(),
                    tolerance=5000,
                ),
                Mistake(
                    "thousand times too small",
                    "Your answer is about a thousand times too small: it is in USD billion, or divided by 1000. USD per 1000 m³ times bcm is already USD million.",
                    value=lambda: subsidy_usd_million() / 1000,
                    tolerance=0.005,
                ),
                Mistake(
                    "Belarus's bill, not the gap",
                    "That is Belarus's price times the volume: what Belarus paid, not what it saved. Multiply the gap (European price minus Belarus's) by the volume.",
                    value=lambda: _price_times_volume("belarus_price"),
                ),
                Mistake(
                    "Europe's price, not the gap",
                    "That is the European price times the volume: what the gas would have cost at that price. The subsidy is the difference: multiply the gap by the volume.",
                    value=lambda: _price_times_volume("europe_price"),
                ),
                Mistake(
                    "volume of another year",
                    "That multiplies the gap by the volume of the year before. Take the volume of the same year as the gap.",
                    value=lambda: _subsidy_with_volume_of(-1),
                ),
            ],
        ),
        hints=[
            "The table `volumes` (above) lists the volume rows; compare its years with the years of `gas_price_gap(prices)`: only one year is in both.",
            "Check the units: the gap is in USD per 1000 m³, the volume in bcm (billion m³).",
            "USD per 1000 m³ x bcm = USD million, so multiply the gap by the volume; no further scaling is needed.",
        ],
        points=2,
        success=(
            "Read it as an order of magnitude, not a measured transfer: the volume was planned, not delivered, and the "
            "European average includes transport to Europe and Europe's market conditions."
        ),
    ),
    Exercise(
        id="04.price_chart",
        title="Two gas prices on one chart",
        task=(
            "The cell keeps the full-year rows (period 'year') and draws the line of 'gas_price_Belarus'. Fill in the blanks: "
            "draw the line of 'gazprom_avg_price_Europe' the same way (year_num for x, value_num for y, a label containing "
            "'Europe'), then give the chart a title and a y-axis label with its unit. The legend and the source caption are written for you."
        ),
        answer="ax",
        checker=ChartCheck(expected=price_chart_series, mark="line"),
        core=False,
        hints=[
            "The cell already keeps the full-year rows and splits them into `belarus` and `europe`, and it draws Belarus's line: Europe's line is the same call with the other table and a label that contains 'Europe'.",
            "Both axis labels need their unit: the x axis is the year, the y axis the price in USD per 1000 m³. `ax.set_ylabel(...)` takes the text; `ax.set_title(...)` works the same way.",
            "On made-up data: `ax.plot(rain['year'], rain['mm'], 'o-', label='Minsk rainfall')` draws one line, and `ax.set_ylabel('Rainfall (mm)')` names its axis with the unit.",
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
        checker=NumberCheck(
            expected=largest_gap_year,
            tolerance=0,
            integer=True,
            unit="year",
            mistakes=[
                Mistake(
                    "reversed gap",
                    "That is the year with the smaller gap: if you subtracted the European price from Belarus's, every gap is negative and the largest is the one closest to zero. The gap is the European price minus Belarus's.",
                    value=_smallest_gap_year,
                    tolerance=0,
                ),
                *(
                    Mistake(
                        "part-year year",
                        "In that year one of the two prices covers only part of the year. Keep the full-year rows (period 'year') of both indicators before comparing.",
                        value=(lambda y=year: y),
                        tolerance=0,
                    )
                    for year in _part_year_years()
                ),
            ],
        ),
        core=False,
        hints=[
            "Make two Series indexed by year_num, one per indicator, from the full-year rows only.",
            "Subtracting two Series aligns them by year; `.dropna()` keeps the years that have both prices.",
            "`gap.idxmax()` gives the index label (the year) of the largest value; wrap it in int().",
        ],
        points=1,
        success="That year came right after Gazprom bought the rest of Beltransgaz, when the price for Belarus was cut.",
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
            mistakes=[
                Mistake(
                    "fraction instead of percent",
                    "For 'Russia alone' your function returns a fraction between 0 and 1, while the 'as reported' shares are percentages: multiply the computed shares by 100 so every definition is in percent.",
                    reference=_share_as_fraction,
                ),
                Mistake(
                    "reported share for every definition",
                    "Your function returns the reported share whatever the definition. 'Russia alone' and 'Russia incl. EFSD' are computed from the amounts of that date: give each definition its own branch.",
                    reference=lambda debt, as_of, definition: debt_analysis.russia_share(debt, as_of, "as reported"),
                ),
            ],
        ),
        hints=[
            "Start by keeping the rows of the date `as_of` (the column `as_of_date`), then handle each definition in its own branch: `if definition == ...:`.",
            "For the amounts, keep the rows with indicator 'external_public_debt_by_creditor' whose creditor is in a list of names; if the total or one of the names is missing, `return None`.",
            "For 'as reported' you keep the rows that meet two conditions at once. Each condition is a True/False Series; `&` joins them, and each side needs its own parentheses. "
            "On made-up data: `books[(books['genre'] == 'history') & books['title'].str.startswith('The', na=False)]` keeps the history books whose title starts with 'The' (`na=False` treats an empty title as not matching). "
            "If no row is left (`len(...) == 0`), there is nothing to report: return None.",
        ],
        points=3,
        core=False,
        success="Your function gives every definition the data allow, and None where a figure would have to be invented.",
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
        core=False,
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
        core=False,
    ),
)
