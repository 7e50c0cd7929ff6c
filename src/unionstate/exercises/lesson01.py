"""Lesson 01, the Union State of Russia and Belarus: exercises, quizzes and the reflection."""

from __future__ import annotations

from ..analysis import union
from ..datasets import load_dataset
from .checkers import Case, ChartCheck, ChoiceCheck, Data, FunctionCheck, NumberCheck, Series, TableCheck
from .model import Exercise, Quiz, Reflection, register

PRESSURE_YEARS = (2018, 2021)  # the integration push and the crisis, as the task of 01.pressure_chart says


def first_union_treaty_year() -> int:
    """Year of the earliest treaty event between Russia and Belarus alone (claim C01)."""
    return int(union.union_treaties()["date"].dt.year.min())


def status_counts_table():
    """Provisions per implementation status: the table students build in 01.status_counts."""
    return union.provision_status_counts().rename_axis("status_2020").reset_index()


def pressure_series() -> list[Series]:
    """Events per year 2018-2021, one set of bars per category that has events then."""
    counts = union.events_per_year(load_dataset("union_timeline"), *PRESSURE_YEARS)
    return [Series(list(counts.index), list(counts[c]), label=c) for c in counts.columns]


register(
    Exercise(
        id="01.first_union_treaty",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'early = timeline[': 'the treaty and institution events up to 2000, with their dates: the table the task asks students to read',
            'treaties = timeline[timeline["category"] == "treaty"]': 'the treaty events with their actors: the table the hints start from',
            'explore_timeline()': 'the timeline explorer lists every event with its date, as the data do; the quiz after it needs it',
        },
        title="Since the 1990s?",
        task=(
            "The article calls the Union State a project 'officially aspired to since the 1990s'. Among the timeline's "
            "treaty events (the steps of the Union State chain), find the earliest one concluded between Russia and Belarus "
            "alone (the oldest treaty row, signed by three states, founded the CIS and is not a step of the two states' union). "
            "Store its year, a whole number, in `first_union_treaty`."
        ),
        answer="first_union_treaty",
        checker=NumberCheck(expected=first_union_treaty_year, tolerance=0, integer=True, unit="year"),
        hints=[
            "Start from the table of treaty events above and read the `actors` column: which row names a third state?",
            "Leave out that row (for example with `~treaties['actors'].str.contains('Ukraine')`), then look at the earliest date that remains.",
            "`.dt.year` turns dates into years; `.min()` gives the earliest. Convert the result with `int(...)`.",
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
            "Write `events_in_period(timeline, start, end, category)`: it returns the rows of `timeline` (all columns) "
            "whose date falls in the years `start` to `end`, both included, and whose category is `category`. "
            "The grader calls it on other periods and categories too."
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
        ),
        hints=[
            "Use the function's arguments, never fixed years or a fixed category: the grader calls it with other values.",
            "A date column has a `.dt.year` part that gives each row's year. Combine conditions with `&` and wrap each one in parentheses.",
            "Keep the rows where the year is at least `start`, at most `end`, and the category equals `category`. The same pattern on a made-up table: `df[(df['size'] >= 2) & (df['size'] <= 5) & (df['colour'] == 'red')]` keeps the red rows of sizes 2 to 5.",
        ],
        points=3,
        success="The explorer above uses the same kind of filter (in unionstate.analysis.union).",
    ),
    Exercise(
        id="01.status_counts",
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
        success="Now you can see at a glance how much of the treaty was built by 2020.",
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
        checker=NumberCheck(expected=union.share_implemented, tolerance=0.1, percent=True, unit="percentage"),
        hints=[
            "You need two counts: the promises (all rows except the two 'n.a.' statuses) and the implemented ones among them.",
            "`.isin([...])` tests a column against a list of values; `.sum()` of a True/False column counts the True values.",
            "Divide the number of implemented promises by the number of promises and multiply by 100.",
        ],
        points=2,
        success="About a quarter of the treaty's promises were working by 2020; most were partly or not implemented.",
    ),
    Exercise(
        id="01.integration_stage",
        title="Which stage of integration?",
        task=(
            "Economists describe integration in stages: free trade area, customs union, common market, economic and monetary "
            "union, political union. Which statement fits the evidence in this lesson's data for Russia and Belarus by 2020? "
            "Store the letter in `integration_stage`."
        ),
        answer="integration_stage",
        checker=ChoiceCheck(
            options={
                "A": "Economic and monetary union: the single currency of the 1999 treaty was introduced, as the 2000 agreement planned.",
                "B": "At least a customs union (bilateral since 1995; a common customs territory with Kazakhstan from 2010 and in the EAEU from 2015), but no economic and monetary union: the single currency was never introduced.",
                "C": "Political union: a directly elected Union Parliament and a Union Court make and apply common laws.",
                "D": "Only a free trade area: Russia and Belarus never formed a customs union.",
            },
            answer="B",
            explanations={
                "A": "Look at the currency rows: the 2005 and 2008 targets were missed, and in 2018 Russia was still asking for a single emission centre.",
                "B": "The customs integration is real, and it was achieved mainly through the multilateral Customs Union and the EAEU, not through Union State bodies. The next stage the treaty promised, one currency, never came.",
                "C": "The treaty provided for a Union Parliament and a Court, but the promised-vs-delivered table lists both as 'not implemented'.",
                "D": "The timeline has a Russia-Belarus customs union entering into force in 1995 and the wider Customs Union of 2010.",
            },
        ),
        hints=[
            "Each stage includes the ones before it. Find the highest stage for which the data show something working by 2020.",
            "Compare the customs rows of the timeline (1995, 2010, 2015) with the status of the single currency in the promised-vs-delivered table.",
        ],
        points=2,
        success="Lesson 03 looks at the trade that this customs integration carries.",
    ),
    Exercise(
        id="01.pressure_chart",
        title="Events per year by category, 2018-2021",
        task=(
            "Draw a stacked bar chart of the number of timeline events per year from 2018 to 2021, one set of bars for each "
            "category that has at least one event in those years (bars at the years, one tick per year). Give it a title, "
            "axis labels, a legend and a caption citing the events' sources. Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=pressure_series, mark="bar", tolerance=0),
        hints=[
            "First count: keep the rows of 2018 to 2021, then count rows per year and category, with one column per category (`pd.crosstab(years, categories)`).",
            "Draw one set of bars per category with `ax.bar(...)`, giving it `label=` and `bottom=`: `bottom` is the height of the bars already drawn, so the next set starts on top of them. For two made-up sets: `ax.bar(x, first, label='a')`, then `ax.bar(x, second, bottom=first, label='b')`.",
            "Set one tick per year with `ax.set_xticks(years)`, add `ax.legend()`, and cite the rows you counted with `add_caption(fig, recent['source_id'])`.",
        ],
        points=3,
        success="The chart shows how politics, energy and the economy piled up around the integration talks and the 2020 election.",
    ),
    Exercise(
        id="01.years_to_sochi",
        title="How long since the treaty?",
        task=(
            "How many years passed between the signing of the Union State treaty and Lukashenko's working visit to Sochi? "
            "Use the two dates in the timeline, count the days and divide by 365.25. Store the number of years in `years_to_sochi`."
        ),
        answer="years_to_sochi",
        checker=NumberCheck(expected=union.years_since_signing, tolerance=0.05, unit="years"),
        hints=[
            "Use the exact dates of the two events, not only their years.",
            "Find each event's row with `.str.contains(...)` on the `event` column, then take its `date` with `.iloc[0]`.",
            "Subtracting two dates gives a time span; its `.days`, divided by 365.25 (the average length of a year), gives years with decimals. For example, 730.5 days are 2.0 years.",
        ],
        points=1,
        success="Someone born on the day the treaty was signed had only just grown up by the Sochi meeting.",
    ),
    Exercise(
        id="01.two_generations",
        title="Did Lukashenko say it?",
        task=(
            "The article quotes Lukashenko: 'Since we signed the Union Treaty, two generations have grown up. Today, such a deep "
            "integration is no longer possible.' Which verdict do the sources in the table above support? Store the letter in `two_generations`."
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
                "B": "The sense matches: in August 2020 he said unification was possible 20-25 years earlier but not now, and in November 2021 that a new generation had grown up. Among the sources, the words 'two generations' appear only in a reprint site's version of the November 2021 interview.",
                "C": "Several sources in the table report statements of exactly this meaning, from August 2020 and November 2021.",
                "D": "The content is Lukashenko's opinion, but whether he said it is a fact that sources can confirm or not: quotations are checkable.",
            },
        ),
        hints=[
            "A quotation is checked in two steps: did the person say something with this meaning, and do we have these exact words with a date?",
            "Read the `note` column of claim C02 and compare the wording of each source in the table.",
        ],
        points=2,
        success="That is also the curators' verdict for claim C02. Note the source quality: the state agency BelTA reports 'a new generation', the reprint site 'two generations'.",
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
