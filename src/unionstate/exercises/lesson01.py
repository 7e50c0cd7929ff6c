"""Lesson 01, the Union State of Russia and Belarus: exercises, quizzes and the reflection.

The core path (a 45-minute seminar) is every item with core=True; the rest sit in the notebook's
"Going further" sections. Known mistakes (Mistake) are computed from the data, like the expected values.
"""

from __future__ import annotations

from ..analysis import union
from ..datasets import load_dataset
from .checkers import Case, ChartCheck, ChoiceCheck, Data, FunctionCheck, Mistake, NumberCheck, Series, TableCheck
from .model import Exercise, Quiz, Reflection, register

PRESSURE_YEARS = (2018, 2021)  # the integration push and the crisis, as the task of 01.pressure_chart says
UNION_TREATY = "Treaty on the Union of Belarus and Russia"  # the 1997 treaty: the other reading of "the Union Treaty"
COMMUNITY_TREATY = "Treaty on the formation of the Community"  # 1996: a Community, not yet a Union
NOT_PROMISES = ["n.a.", "n.a. (principle)"]
IMPLEMENTED = ["implemented", "implemented (formally)"]


def first_union_treaty_year() -> int:
    """Year of the earliest treaty event between Russia and Belarus alone (claim C01)."""
    return int(union.union_treaties()["date"].dt.year.min())


def _year_of(fragment: str) -> int:
    return int(union.event_date(fragment).year)


def _cis_year() -> int:
    """The oldest treaty row: the agreement of three states that founded the CIS (a known wrong answer of 01.1)."""
    t = load_dataset("union_timeline")
    return int(t.loc[t["category"] == "treaty", "date"].dt.year.min())


def _share(numerator_statuses: list[str], leave_out: list[str]) -> float:
    """Percentage of provisions with one of `numerator_statuses` among those whose status is not in `leave_out`."""
    p = load_dataset("treaty_provisions")
    kept = p[~p["status_2020"].isin(leave_out)]
    return float(100 * kept["status_2020"].isin(numerator_statuses).sum() / len(kept))


def status_counts_table():
    """Provisions per implementation status: the table students build in 01.status_counts."""
    return union.provision_status_counts().rename_axis("status_2020").reset_index()


def pressure_series() -> list[Series]:
    """Events per year 2018-2021, one set of bars per category that has events then."""
    counts = union.events_per_year(load_dataset("union_timeline"), *PRESSURE_YEARS)
    return [Series(list(counts.index), list(counts[c]), label=c) for c in counts.columns]


def _generous_start():
    """The signing date of the earlier of the two treaties 'the Union Treaty' can mean (1997 or 1999)."""
    return min(union.event_date(UNION_TREATY), union.event_date(union.SIGNING))


def _days_to_sochi(start) -> int:
    return int((union.event_date(union.SOCHI_2020) - start).days)


def years_since_union_treaty() -> float:
    """Years (days / 365.25) from the earlier 'Union' treaty's signing to the Sochi meeting: the generous reading of C02."""
    return _days_to_sochi(_generous_start()) / 365.25


# --- 01.events_in_period: the likely wrong functions (each a Mistake's reference) ------------------


def _period_only(timeline, start, end, category):
    years = timeline["date"].dt.year
    return timeline[(years >= start) & (years <= end)]


def _category_only(timeline, start, end, category):
    return timeline[timeline["category"] == category]


def _period_or_category(timeline, start, end, category):
    years = timeline["date"].dt.year
    return timeline[((years >= start) & (years <= end)) | (timeline["category"] == category)]


def _fixed_category(timeline, start, end, category):
    return union.events_in_period(timeline, start, end, "treaty")


register(
    Exercise(
        id="01.first_union_treaty",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'early = timeline[': 'the treaty and institution events up to 2000, with their dates: the table the task asks students to read',
            'treaties = timeline[timeline["category"] == "treaty"]': 'the treaty events with their actors: the table the hints start from',
            'explore_timeline()': 'the timeline explorer lists every event with its date, as the data do; the quiz after it needs it',
            'precision = timeline[': "the rows whose date is known only to the month or season, with their dates: the data's caveat on dates",
        },
        title="Since the 1990s?",
        task=(
            "The article calls the Union State a project 'officially aspired to since the 1990s'. Among the timeline's "
            "treaty events (the steps of the Union State chain), find the earliest one concluded between Russia and Belarus "
            "alone (the oldest treaty row, signed by three states, founded the CIS and is not a step of the two states' union; "
            "the bilateral customs union is an 'economy' row, not a treaty event). Store its year, a whole number, in `first_union_treaty`."
        ),
        answer="first_union_treaty",
        checker=NumberCheck(
            expected=first_union_treaty_year, tolerance=0, integer=True, unit="year",
            mistakes=[
                Mistake("wrong row: the CIS agreement",
                        "That is the oldest treaty row, the agreement signed by three states that dissolved the USSR and founded "
                        "the CIS. Leave it out: the task asks for a treaty between Russia and Belarus alone.", value=_cis_year),
                Mistake("wrong row: the Union State treaty",
                        "That is the best-known treaty, the one establishing the Union State, but it came at the end of the chain. "
                        "Look for older treaty rows signed by the two states.", value=lambda: _year_of(union.SIGNING)),
                Mistake("wrong category: the customs union",
                        "That is the bilateral customs union, an 'economy' row that the task sets aside. Look only at the treaty events.",
                        value=lambda: _year_of("Customs Union between Russia and Belarus")),
                Mistake("wrong table: not a treaty",
                        "That year comes from a row that is not a treaty event (diplomatic relations are not a treaty of the union). "
                        "Start from the table of treaty events only.", value=lambda: _year_of("establish diplomatic relations")),
            ],
        ),
        hints=[
            "Start from the table of treaty events above and read the `actors` column: which row names a third state?",
            "Leave out that row and look at the earliest date that remains. In pandas, `~` in front of a True/False condition "
            "turns it round ('not'), and `.str.contains('word')` tests whether a text column contains a word.",
            "`.dt.year` turns dates into years, `.min()` gives the smallest, and `int(...)` makes it a whole number. On a made-up "
            "table: `pets[~pets['owner'].str.contains('Ann')]['born'].dt.year.min()` is the first birth year among the pets Ann does not own.",
        ],
        points=1,
        success=(
            "The Union State's chain of treaties starts in the mid-1990s (and the timeline records an even earlier bilateral "
            "step, a customs union, under 'economy'), so 'since the 1990s' holds: the curators rate claim C01 'supported'."
        ),
    ),
    Exercise(
        id="01.events_in_period",
        title="A function that filters the timeline",
        task=(
            "Complete `events_in_period(timeline, start, end, category)`: it returns the rows of `timeline` (all columns) "
            "whose date falls in the years `start` to `end`, both included, and whose category is `category`. Two lines are "
            "given (each event's year, and which events lie in the period); write the line that returns the rows in the period "
            "and of the category. The grader calls it on other periods and categories too."
        ),
        answer="events_in_period",
        checker=FunctionCheck(
            cases=[
                Case((Data("union_timeline"), 1996, 1999, "treaty"), shows="events_in_period(timeline, 1996, 1999, 'treaty')"),
                Case((Data("union_timeline"), 2019, 2020, "protest"), shows="events_in_period(timeline, 2019, 2020, 'protest')"),
                Case((Data("union_timeline"), 2018, 2021, "politics"), hidden=True),
                Case((Data("union_timeline"), 2004, 2011, "energy"), hidden=True),
                Case((Data("union_timeline"), 1991, 2024, "security"), hidden=True),
                Case((Data("union_timeline"), 2000, 2001, "protest"), hidden=True),
                Case((Data("union_timeline"), 2007, 2007, "institution"), hidden=True),
            ],
            reference=union.events_in_period,
            ignore_order=True,
            mistakes=[
                Mistake("category left out",
                        "Your function returns every event of the period, whatever its category. Add the second condition: the "
                        "category column must equal the argument `category`.", reference=_period_only),
                Mistake("period left out",
                        "Your function returns every event of the category, from all years. Keep the condition `in_period` as well.",
                        reference=_category_only),
                Mistake("or instead of and",
                        "Your function keeps the rows that are in the period OR of the category. The task asks for both at once: "
                        "combine the two conditions with `&` (and), not `|` (or).", reference=_period_or_category),
                Mistake("fixed category",
                        "Your function gives the right rows for 'treaty' but not for 'protest': it uses a fixed category. Use the "
                        "argument `category` instead of a word in quotes.", reference=_fixed_category),
            ],
        ),
        hints=[
            "Use the function's arguments, never fixed years or a fixed category: the grader calls it with other values.",
            "You need a second True/False condition, one that is True for the rows whose `category` column equals the argument "
            "`category`. `==` compares; `&` combines two conditions (both must hold); wrap each one in parentheses.",
            "A table in square brackets with a True/False condition keeps the rows where it is True. The same pattern on a "
            "made-up table: `big = pets['weight'] > 10`, then `return pets[big & (pets['colour'] == colour)]` keeps the heavy "
            "pets of one colour.",
        ],
        points=3,
        success="The explorer above uses the same kind of filter (in unionstate.analysis.union).",
    ),
    Exercise(
        id="01.share_implemented",
        title="How much of the treaty was delivered?",
        task=(
            "Leave out the provisions that promise nothing to build (status 'n.a.' or 'n.a. (principle)'). Of the rest, what "
            "percentage was implemented, at least formally (status 'implemented' or 'implemented (formally)'), by 2020? "
            "Store the percentage (0 to 100) in `share_implemented`."
        ),
        answer="share_implemented",
        checker=NumberCheck(
            expected=union.share_implemented, tolerance=0.1, percent=True, unit="percentage",
            mistakes=[
                Mistake("wrong denominator",
                        "You divided by every provision of the table. The two 'n.a.' rows promise nothing to build: leave them out "
                        "of the count you divide by.", value=lambda: _share(IMPLEMENTED, [])),
                Mistake("formal implementation left out",
                        "You counted only the status 'implemented'. The task counts 'implemented (formally)' too: at least formally.",
                        value=lambda: _share(["implemented"], NOT_PROMISES)),
                Mistake("both counts off",
                        "Two things to fix: count 'implemented (formally)' among the implemented ones, and leave the two 'n.a.' rows "
                        "out of the count you divide by.", value=lambda: _share(["implemented"], [])),
                Mistake("partly counted as implemented",
                        "You counted the provisions that are only 'partly' implemented. The task asks for the implemented ones "
                        "(at least formally): leave 'partly' out of the numerator.", value=lambda: _share(IMPLEMENTED + ["partly"], NOT_PROMISES)),
            ],
        ),
        hints=[
            "You need two counts: the promises (all rows except the two 'n.a.' statuses) and the implemented ones among them.",
            "`.isin([...])` tests a column against a list of values; `.sum()` of a True/False column counts the True values; "
            "`len(table)` counts rows.",
            "Divide the number of implemented promises by the number of promises and multiply by 100. On made-up numbers: "
            "3 kept promises out of 12 are 25 percent.",
        ],
        points=2,
        success="About a quarter of the treaty's promises were working by 2020; most were partly or not implemented.",
    ),
    Exercise(
        id="01.status_counts",
        core=False,
        title="Promised and delivered: counts per status",
        task=(
            "Build a table `status_counts` with one row per implementation status of the treaty provisions and two columns: "
            "`status_2020` (the status) and `provisions` (how many provisions have it)."
        ),
        answer="status_counts",
        checker=TableCheck(expected=status_counts_table, columns=["status_2020", "provisions"], tolerance=0),
        hints=[
            "Count how often each value of the `status_2020` column occurs.",
            "`value_counts()` counts the values of a column; `reset_index()` turns the result into a table.",
            "`reset_index(name=...)` names the column of counts, and `rename_axis(...)` the column of values. On a made-up table: `pets['animal'].value_counts().rename_axis('animal').reset_index(name='how_many')` gives the columns animal and how_many.",
        ],
        points=2,
        success="The chart of section 6 puts 'implemented' and 'implemented (formally)' together, and the two 'n.a.' statuses too.",
    ),
    Exercise(
        id="01.stage_evidence",
        title="Which stage of integration, and through which union?",
        task=(
            "Economists describe integration in stages: free trade area, customs union, common market, economic and monetary "
            "union, political union. Read the customs events of the timeline and the curators' evidence for the treaty's customs "
            "and currency provisions. Which statement fits that evidence for Russia and Belarus by 2020? Store the letter in `stage_evidence`."
        ),
        answer="stage_evidence",
        checker=ChoiceCheck(
            options={
                "A": "An economic and monetary union: the 2000 agreement made the Russian ruble the Union currency from 2005, so the two states have shared one currency since then.",
                "B": "Only a free trade area: the treaty's customs provision is rated only 'partly' implemented, so the two states never formed a customs union.",
                "C": "A customs union, reached mainly through the multilateral Customs Union and the EAEU rather than Union State bodies; the single currency of the next stage never came.",
                "D": "A customs union run by the Union State itself, through the Union State customs service the treaty planned; only the single currency of the next stage is missing.",
            },
            answer="C",
            explanations={
                "A": "Read the evidence for the single-currency provision: 'not implemented', because the ruble-from-2005 and new-currency-by-2008 targets were missed. A plan is not a currency.",
                "B": "'Partly' rates the Union State treaty's own provision. Its evidence, and the timeline's customs rows, show a common customs territory that works, only not through Union State bodies.",
                "C": "The customs integration is real but multilateral: the curators' evidence says the common customs territory came via the Customs Union and the EAEU, 'not via a Union State customs service'. The next stage the treaty promised, one currency, never came.",
                "D": "Read the evidence for the customs provision: the common customs territory was realised 'not via a Union State customs service', and in December 2018 Medvedev's offer in Brest still listed a customs service among the steps of deeper integration (the Brest row of the timeline).",
            },
        ),
        hints=[
            "Each stage includes the ones before it. Find the highest stage for which the data show something working by 2020, then ask through which organisation it works.",
            "Read the `status_evidence` of the customs and the currency provisions word for word: what was realised, through which body, and which targets were missed?",
        ],
        points=2,
        success="Lesson 03 looks at the trade that this customs integration carries.",
    ),
    Exercise(
        id="01.two_generations",
        title="Did Lukashenko say it?",
        task=(
            "The article quotes Lukashenko: 'Since we signed the Union Treaty, two generations have grown up. Today, such a deep "
            "integration is no longer possible.' It says he said it beforehand, before the Sochi meeting. Which verdict do the sources "
            "in the table above support? Store the letter in `two_generations`."
        ),
        answer="two_generations",
        checker=ChoiceCheck(
            options={
                "A": "Supported word for word: a source in the data gives exactly this sentence and its date.",
                "B": "Partly supported: documented statements by Lukashenko have this meaning, but the exact wording and date of the quoted sentence were not found.",
                "C": "Unsupported: no source shows Lukashenko saying that deep integration is no longer possible.",
                "D": "Not checkable: it is an opinion, so a fact-checker can say nothing about it.",
            },
            answer="B",
            explanations={
                "A": "Read the note of claim C02 and the sources' wording: the August 2020 interview speaks of '20-25 years ago', BelTA of 'a new generation'; none gives the article's sentence with a date.",
                "B": "The sense matches: in August 2020, before the article, he said unification was possible 20-25 years earlier but not now, and in November 2021 that a new generation had grown up. Among the sources, the words 'two generations' appear only in a reprint site's version of the November 2021 interview, after the article.",
                "C": "Several sources in the table report statements of exactly this meaning, from August 2020 and November 2021.",
                "D": "The content is Lukashenko's opinion, but whether he said it is a fact that sources can confirm or not: quotations are checkable.",
            },
        ),
        hints=[
            "A quotation is checked in two steps: did the person say something with this meaning, and do we have these exact words with a date?",
            "Read the `note` column of claim C02 and compare the wording and the date of each source in the table with the article's.",
        ],
        points=2,
        success="That is also the curators' verdict for claim C02. Note the source quality: the state agency BelTA reports 'a new generation', the reprint site 'two generations'.",
    ),
    Exercise(
        id="01.years_since_union_treaty",
        core=False,
        title="How long since 'the Union Treaty'?",
        task=(
            "'The Union Treaty' in Lukashenko's sentence can mean either of two treaties in the timeline: the Treaty on the Union "
            "of Belarus and Russia, or the Treaty on the Establishment of the Union State. Give the quotation the benefit of the "
            "doubt: take the reading that makes the time since the signing longest. How many years passed from that signing to "
            "Lukashenko's working visit to Sochi? Count the days between the two dates and divide by 365.25. Store the number of "
            "years in `years_since_union_treaty`."
        ),
        answer="years_since_union_treaty",
        checker=NumberCheck(
            expected=years_since_union_treaty, tolerance=0.05, unit="years",
            mistakes=[
                Mistake("the shorter reading",
                        "That span starts at the Union State treaty. The task asks for the reading that makes the span longest: "
                        "which of the two treaties was signed first?", value=union.years_since_signing),
                Mistake("wrong treaty: the Community",
                        "That span starts at the treaty that formed a Community, not a Union. Start from one of the two treaties the task names.",
                        value=lambda: _days_to_sochi(union.event_date(COMMUNITY_TREATY)) / 365.25),
                Mistake("years subtracted",
                        "You subtracted the years only, so the months are lost. Count the days between the two dates, then divide by 365.25.",
                        value=lambda: float(union.event_date(union.SOCHI_2020).year - _generous_start().year)),
                Mistake("days, not years",
                        "That is the number of days. Divide it by 365.25 (the average length of a year) to get years.",
                        value=lambda: float(_days_to_sochi(_generous_start()))),
            ],
        ),
        hints=[
            "Find the rows of the two treaties in the table of treaty events (section 3) and compare their dates: the earlier signing gives the longer span.",
            "Take each date from its row: filter the `event` column with `.str.contains(...)`, then take the `date` with `.iloc[0]`. Take the Sochi visit's date the same way.",
            "Subtracting two dates gives a time span; its `.days`, divided by 365.25 (the average length of a year), gives years with decimals. For example, 730.5 days are 2.0 years.",
        ],
        points=2,
        success=(
            "Whether that span is 'two generations' depends on what one counts as a generation: the phrase is rhetoric, "
            "not a measurement. The question a fact-checker can settle is whether he said it (section 8)."
        ),
    ),
    Exercise(
        id="01.currency_evidence",
        title="A much-discussed common currency?",
        task=(
            "The article speaks of 'the much-discussed introduction of a common currency'. Which timeline events show that a "
            "common currency was discussed again and again (not just written into the treaty once)? Choose all that apply and "
            "store the letters, for example 'A, C', in `currency_evidence`."
        ),
        answer="currency_evidence",
        checker=ChoiceCheck(
            options={
                "A": "2000: the agreement making the Russian ruble the Union currency from 2005 and planning a new common currency for 2008",
                "B": "2004: the Russian government reports that switching Belarus to the ruble from 2005 was not agreed",
                "C": "2012: the head of the National Bank of Belarus says it is too early to discuss a common currency",
                "D": "2018: Medvedev's offer in Brest, deeper integration including a single emission centre",
                "E": "2014: the Treaty on the Eurasian Economic Union is signed",
                "F": "2020: the gas price for 2020 is kept at the 2019 level",
            },
            answer=frozenset({"A", "B", "C", "D"}),
            explanations={
                "A": "A concrete plan with dates: the currency was on the table.",
                "B": "A missed deadline is evidence that the plan was negotiated and failed.",
                "C": "Even a refusal to discuss it shows the topic kept coming back.",
                "D": "A single emission centre means one bank issuing the money: a common currency in all but name.",
                "E": "The row records the signing of the EAEU treaty; nothing in it concerns a currency.",
                "F": "This row is about the gas price, not about money or currency.",
            },
            multi=True,
        ),
        hints=[
            "Read each event and ask: is it about a common currency or who issues money?",
            "A 'single emission centre' counts too: it decides who issues the money.",
        ],
        points=2,
        success="Plans, missed deadlines and renewed demands over almost two decades: 'much-discussed' holds, and the curators rate claim C03 'supported'.",
    ),
    Exercise(
        id="01.pressure_chart",
        core=False,
        title="Events per year by category, 2018-2021",
        task=(
            "Draw a stacked bar chart of the number of timeline events per year from 2018 to 2021, one set of bars for each "
            "category that has at least one event in those years (bars at the years, one tick per year). Fill in the blanks of "
            "the cell: the counts per year and category, the stacked bars, a title and axis labels (the legend and the caption "
            "citing the events' sources come with the cell). Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=pressure_series, mark="bar", tolerance=0),
        hints=[
            "First count: `pd.crosstab(rows, columns)` counts how often each pair of values occurs, with one row per value of "
            "the first and one column per value of the second. On a made-up table: `pd.crosstab(pets['born'].dt.year, pets['animal'])` "
            "gives one row per birth year and one column per animal.",
            "A table of counts draws itself: `table.plot.bar(stacked=True, ax=ax)` puts one bar per row, stacked from its "
            "columns, with a legend. `rot=0` keeps the year labels upright, `color=PALETTE` uses the kit's colour-blind-safe colours.",
            "`ax.set_title(...)`, `ax.set_xlabel(...)` and `ax.set_ylabel(...)` set the title and the axis labels; name the unit "
            "(events) on the axis that counts.",
        ],
        points=3,
        success="The chart shows how politics, energy and the economy piled up around the integration talks and the 2020 election.",
    ),
    Quiz(
        id="01.oil_dispute",
        title="Gas or oil?",
        question=(
            "In the explorer, choose the category 'energy' and the years 2004 to 2011, then select each event in turn. "
            "Which of these disputes was about oil rather than gas?"
        ),
        options={
            "A": "The supply cut-off of February 2004",
            "B": "The pipeline shutdown of January 2007",
            "C": "The supply cut of August 2007",
            "D": "The cut in deliveries of June 2010",
        },
        answer="B",
        explanations={
            "A": "Read the event: Russia cut off gas supplies after failed price talks.",
            "B": "Transneft shut the Druzhba oil pipeline in a dispute over an export duty on crude and a Belarusian transit fee.",
            "C": "Read the event: Gazprom announced a cut in gas supplies over an unpaid bill.",
            "D": "Read the event: Gazprom cut gas deliveries over a debt.",
        },
        points=1,
    ),
    Quiz(
        id="01.unverified_article",
        title="Citing a provision whose article is 'not verified'",
        question=(
            "The treaty table gives 'not verified' as the article of the Union Parliament provision: the curators found its "
            "content in the Kommersant summary, not in the treaty text. How should a fact-check cite it?"
        ),
        options={
            "A": "Guess the most likely article number and cite it as if read in the treaty.",
            "B": "Cite the provision by its content and its source, and say that the article number could not be checked against the treaty text.",
            "C": "Drop the provision: without an article number it cannot be used at all.",
            "D": "Treat the provision as false, because it is not in the verified treaty text.",
        },
        answer="B",
        explanations={
            "A": "A guessed number presented as read is exactly the kind of invented detail a fact-check must avoid.",
            "B": "The content is documented by named sources; only the article number is uncertain, and saying so lets readers judge.",
            "C": "The content is documented by named sources: dropping it loses evidence. Say what is uncertain instead.",
            "D": "Unverified is not the same as false: the provision is documented by other sources, only not checked against the treaty text.",
        },
        points=1,
    ),
    Reflection(
        id="01.single_currency",
        core=False,
        title="Why has the single currency never been introduced?",
        prompt=(
            "Article 13 of the 1999 treaty promises one currency issued by a single emission centre, and the article calls its "
            "introduction 'much-discussed'. Why has the single currency never been introduced? Use at least two dated pieces of "
            "evidence from this lesson's data (with their source ids), say who held which position, and say what the data cannot tell you."
        ),
        points=4,
        rubric=[
            ("Uses at least two dated pieces of evidence from the lesson's data (timeline rows or treaty provisions), each with its source id.", 1),
            ("Explains what a single emission centre means for the two states (who issues the money and sets monetary policy) and links it to sovereignty.", 1),
            ("Attributes positions to their holders instead of stating them as facts (e.g. Russia's government in 2018, the National Bank of Belarus in 2012, Lukashenko).", 1),
            ("Names a limit of the evidence: the data record plans, missed deadlines and statements, not motives; some sources are undated excerpts or mirrors.", 1),
        ],
        words="150-250",
    ),
)
