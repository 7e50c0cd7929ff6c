"""Lesson 00, start here: the first exercises of the kit."""

from __future__ import annotations

from ..analysis.union import days_election_to_sochi
from .checkers import ChoiceCheck, Mistake, NumberCheck
from .model import Exercise, Quiz, register


register(
    Exercise(
        id="00.days_between",
        title="A month after the election?",
        task=(
            "The article says the visit came 'a month after the controversial presidential elections'. "
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
            ],
        ),
        hints=[
            "The cell above already gives you the two dates, `election_date` and `sochi_date`. Subtracting one date from another gives a time span.",
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
    Quiz(
        id="00.usable_shares",
        title="Which column says whether a figure is exact?",
        question=(
            "Open the dataset explorer above, choose 'Survey answers on integration with Russia and the EU' and show its columns. "
            "Which column tells you whether a share may be used in calculations?"
        ),
        options={"A": "share_pct", "B": "value_qualifier", "C": "note", "D": "mode"},
        answer="B",
        explanations={
            "A": "share_pct holds the figure itself. Whether it is exact or only 'more than 20' is said elsewhere.",
            "B": "value_qualifier is 'exact' for figures you can calculate with; otherwise it says how the source hedged ('lower bound', 'rounded').",
            "C": "The note explains caveats in words, but it is not the column that marks every row's precision.",
            "D": "mode says how people were interviewed (face-to-face, phone, online), not how precise a figure is.",
        },
        points=1,
    ),
)
