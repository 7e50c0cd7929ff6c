"""Lesson 00, start here: the first exercises of the kit."""

from __future__ import annotations

from ..analysis.union import days_election_to_sochi
from .checkers import ChoiceCheck, Mistake, NumberCheck
from .model import Exercise, Quiz, register


register(
    Exercise(
        id="00.figure_source",
        title="Who measured the '13 percent', and who reported it?",
        task=(
            "Claim C12 says that only about 13 percent of Belarusians want full union status. Look up the source id of "
            "its row with `cite()` or `sources()`. Where does the figure the kit checks come from? "
            "Store the letter of your choice in `figure_source`."
        ),
        answer="figure_source",
        checker=ChoiceCheck(
            options={
                "A": "From n-tv.de: the article's author ran his own poll",
                "B": "From a pollster's survey, as a news site reported it",
                "C": "From a news site that ran the survey itself",
                "D": "From the kit's curators, estimating from other polls",
            },
            answer="B",
            explanations={
                "A": "The article quotes a survey but did not run one. The source id in the claim's row leads to the publication the kit read the figure in: look at its publisher.",
                "B": "The register's publisher field says UDF.name was reporting a survey by the Belarusian Analytical Workroom (the article and the survey dataset call it the Belarusian Analytical Workshop): the pollster measured the figure, the news site published it, and the kit read it there. A fact-checker names both.",
                "C": "Read the publisher field to the end: the news site is 'reporting' the survey, so someone else carried it out.",
                "D": "The kit's curators estimate nothing: every figure was read in a source, and the row's source_id says which one.",
            },
        ),
        hints=[
            "The table above shows claim C12's row with its `source_id`. That id is the key to the source register.",
            "Give that id to `cite()` or `sources()` and read the publisher field to the end: does it say who carried out the survey, and who only reported it?",
            "The method on another claim: C07's row cites `S_TASS_RESERVE`, and `cite('S_TASS_RESERVE')` prints its publisher, date and web address; `sources('S_TASS_RESERVE')` adds the sentence the figure was read in.",
        ],
        points=1,
        success="Every figure in the kit can be traced like this: the row's source_id, then the register, then the publication and the organisation that measured the figure.",
    ),
    Quiz(
        id="00.two_reports",
        title="Two reports of one survey figure",
        question=(
            "The table above shows every row the kit has for the BAW survey of September 2019. Two sources report its "
            "'union with Russia' share: look at share_pct and value_qualifier in both rows. What should a fact-checker "
            "conclude?"
        ),
        options={
            "A": "The two sources contradict each other, so one of them must be wrong",
            "B": "They agree: one gives a floor, the other the exact figure; cite the exact one",
            "C": "Neither can be trusted, so the survey's figure cannot be used at all",
            "D": "Take the average of the two figures, since both are reports of it",
        },
        answer="B",
        explanations={
            "A": "Read value_qualifier: one row says 'lower bound ('slightly over …')'. A floor and an exact figure above it do not contradict each other.",
            "B": "A lower bound ('slightly over …') is consistent with the exact figure the other source gives. Use the exact one with its source id, and keep the other as a second report that agrees.",
            "C": "Two reports that agree make the figure more solid, not less. Only a qualifier that contradicts the exact figure would be a reason to doubt.",
            "D": "An average of a floor and an exact figure is neither: it invents a number that no source reports.",
        },
        points=1,
    ),
    Exercise(
        id="00.days_between",
        title="A month after the election?",
        task=(
            "The article says the protest 'remains largely peaceful even a month after the controversial presidential elections'. "
            "Use the timeline to compute how many days passed between the presidential election and the "
            "Sochi meeting. Store the whole number in `days_between`."
        ),
        answer="days_between",
        checker=NumberCheck(
            expected=days_election_to_sochi,
            tolerance=0,
            integer=True,
            unit="number of days",
            mistakes=[
                Mistake(
                    "counting both ends",
                    "You counted the election day and the meeting day both. The days between two dates are the later date minus the earlier one.",
                    value=lambda: days_election_to_sochi() + 1,
                ),
                Mistake(
                    "reversed sign",
                    "Your number of days is negative: you subtracted the later date from the earlier one. Subtract the election date from the Sochi date.",
                    value=lambda: -days_election_to_sochi(),
                ),
                Mistake(
                    "a month assumed",
                    "That is the length of a calendar month, not a count from the data. The claim is what we are checking: compute the days from the two dates in the timeline.",
                    value=30,
                ),
                Mistake(
                    "a month assumed",
                    "That is the length of a calendar month, not a count from the data. The claim is what we are checking: compute the days from the two dates in the timeline.",
                    value=31,
                ),
            ],
        ),
        hints=[
            "Your answer cell already gives you the two dates, `election_date` and `sochi_date`. Subtracting one date from another gives a time span.",
            "A time span is not a number yet: its `.days` gives the number of days. Subtract the earlier date from the later one, so the result is positive.",
            "The same steps on other dates (after `import pandas as pd`): `(pd.Timestamp('2021-03-01') - pd.Timestamp('2021-02-01')).days` gives 28, the days of February 2021.",
        ],
        points=1,
        success="So 'a month after' is a fair description: the article's timing claim checks out.",
    ),
    Exercise(
        id="00.headline_kind",
        title="What kind of statement is the headline?",
        task="The headline says the meeting 'decides the fate of Lukashenko'. Which kind of statement is that? Store the letter in `headline_kind`.",
        answer="headline_kind",
        checker=ChoiceCheck(
            options={
                "A": "A fact about the past that a record could confirm",
                "B": "A figure from a survey",
                "C": "A judgement about the future: opinion and prediction, not a checkable fact",
                "D": "A direct quotation of a politician",
            },
            answer="C",
            explanations={
                "A": "When the article appeared, the meeting had not happened yet, and 'decides the fate' is an assessment, not an event a record could confirm.",
                "B": "No survey is involved in the headline; surveys come up later in the article (the '13 percent').",
                "C": "It is the author's assessment of what is at stake. A fact-checker labels it opinion and does not give it a true/false verdict.",
                "D": "There are no quotation marks and no speaker: these are the author's own words.",
            },
        ),
        hints=[
            "Ask yourself: could any document or dataset prove the headline true or false on the day it was written?",
            "Words like 'decides the fate' express a judgement about what is at stake.",
        ],
        points=1,
    ),
)
