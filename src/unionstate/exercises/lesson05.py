"""Lesson 05, the capstone: fact-check the article, claim by claim (exercises, quizzes, the written brief).

Every expected value is computed from data/ by the analysis module of the lesson that covers
the claim (opinion, trade, debt, election) or from the curators' verdicts in article_claims,
so the exercises follow the data when they change.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import claims as ca
from ..analysis import debt, election, opinion, trade
from .checkers import Case, ChartCheck, ChoiceCheck, FunctionCheck, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

SURVEY = ca.SURVEY  # BAW's December 2019 wave, behind the article's "13 percent" and "three quarters"
TRADE_YEAR = 2019  # the last full year before the article (September 2020)
KLAIPEDA_YEAR = 2020  # the year with two conflicting exact cargo figures
SCALE_LETTERS = dict(zip("ABCDEFG", ca.VERDICTS))  # A: supported ... G: context, in the order of the scale


def independent_share() -> float:
    """BAW Dec 2019: share choosing fully independent states with an open border (claim C13)."""
    return float(opinion.baw_relations_shares(SURVEY)["independent states, open border"])


def russia_trade_share() -> float:
    """Russia alone: share (%) of Belarus's goods turnover in TRADE_YEAR (claim C15, the curators' reading)."""
    return trade.russia_turnover_share(TRADE_YEAR)


def public_debt_share() -> float:
    """The highest of Russia's shares whose denominator is total public debt, the article's own term (claim C04)."""
    shares = debt.share_frame()
    return float(shares.loc[shares["debt_measure"].str.startswith("total public debt"), "share_pct"].max())


def klaipeda_best_case() -> float:
    """The higher of the two shares computed from exact tonnes for KLAIPEDA_YEAR (claim C16): the reading most favourable to the article."""
    computed = trade.klaipeda_computed_shares()
    return float(computed.loc[computed["year"] == KLAIPEDA_YEAR, "computed_share_pct"].max())


def election_bars() -> list[Series]:
    """Lukashenko's share in each result set, one bar per result set, labelled by its result_type."""
    shares = election.candidate_shares(election.LUKASHENKO)
    return [Series(list(shares["result_type"]), [float(v) for v in shares["share_pct"]])]


def curators_letter(claim_id: str) -> str:
    """The letter of the curators' verdict (its label on the scale) for a claim."""
    label = ca.claim(claim_id)["verdict_label"]
    return next(letter for letter, name in SCALE_LETTERS.items() if name == label)


register(
    Exercise(
        id="05.sentence_kinds",
        title="Fact, opinion, prediction or quotation?",
        task=(
            "Sort the four sentences of the article quoted above: which option labels each of them correctly as a fact, "
            "an opinion, a prediction or a quotation? Store the letter in `sentence_kinds`."
        ),
        answer="sentence_kinds",
        checker=ChoiceCheck(
            options={
                "A": "(1) fact, (2) prediction, (3) opinion, (4) quotation",
                "B": "(1) fact, (2) opinion, (3) fact, (4) quotation",
                "C": "(1) quotation, (2) prediction, (3) opinion, (4) fact",
                "D": "(1) prediction, (2) prediction, (3) opinion, (4) quotation",
            },
            answer="A",
            explanations={
                "A": (
                    "(1) reports an event a record can confirm (claim C07); (2) says what may happen if Putin keeps backing Lukashenko; "
                    "(3) is the author's judgement of Lukashenko and of how Moscow feels; (4) gives a politician's words in quotation "
                    "marks, so what a fact-checker checks is whether he said them."
                ),
                "B": (
                    "Look at (3): 'primarily interested in his personal gain' and 'anything but a pleasure' are judgements that no "
                    "record can prove. And (2) looks ahead to what might happen; it is not a view of the present."
                ),
                "C": (
                    "(1) has no quotation marks: in the author's words it reports something Putin announced, an event a record can "
                    "confirm. (4) is in quotation marks, with a named speaker."
                ),
                "D": (
                    "(1) is not about the future: 'has announced' reports something that already happened, even though the reserve "
                    "itself was meant for a situation that might come."
                ),
            },
        ),
        hints=[
            "Ask of each sentence: could a record confirm it, is it about what may happen, is it someone's judgement, or is it someone else's words?",
            "Look at the verbs and the punctuation: 'has announced', 'runs the risk', 'is anything but a pleasure', and the quotation marks.",
        ],
        points=2,
        success="Only the fact and the quotation get a factual verdict; the prediction and the opinion get the label 'opinion' on the verdict scale.",
    ),
    Quiz(
        id="05.comparable_figures",
        title="Which election figures can be compared directly?",
        question=(
            "Look at the table of election figures above, with what each one measures. Which two figures measure the same "
            "thing, so that comparing them directly makes sense?"
        ),
        options={
            "A": "The CEC's final result and the partial protocol count (Golos)",
            "B": "The CEC's preliminary and final results",
            "C": "The state-accredited exit poll and the survey recall (Chatham House)",
            "D": "The model estimate and the survey recall",
        },
        answer="B",
        explanations={
            "A": "The protocol count adds up official protocols only at the stations the platforms covered, not at all stations: it speaks for a subset of polling stations, not for the country.",
            "B": "Both are the CEC's count of all votes cast, at two moments. Whether that count can be trusted is another question, the one the alternative figures raise.",
            "C": "An exit poll asks voters as they leave polling stations on the day; the survey asked urban internet users online, weeks later. Different people, moments and methods.",
            "D": "The model is a national estimate built from protocols and platform data; the survey is what a sample of urban internet users said. Neither counts votes, and they cover different people.",
        },
    ),
    Exercise(
        id="05.election_chart",
        title="The election figures, labelled by kind",
        task=(
            "Draw a bar chart of Lukashenko's share (item 'Alexander Lukashenko') in each result set of `election_data`: one bar "
            "per `result_id`, each result set counted once (two sources report some of them), labelled on its axis with the result "
            "set's `result_type`. Horizontal bars (`ax.barh`) keep the labels readable. Give the chart a title, label both axes "
            "with units, and add the source caption (`add_caption(fig, ...)` with the `source_id` column of your rows). Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=election_bars, mark="bar"),
        hints=[
            "Filter the rows of the candidate, then keep one row per result set with `.drop_duplicates('result_id')`.",
            "The bar labels must be text (`.astype(str)` turns a column into text); the lengths of the bars are the shares.",
            "`ax.barh(labels, lengths)` draws horizontal bars: on made-up data, `ax.barh(['tea', 'coffee'], [40, 60])`. Then add `ax.set_title(...)`, `ax.set_xlabel(...)`, `ax.set_ylabel(...)` and `add_caption(...)` with the rows' source ids.",
        ],
        points=3,
        success="Six bars, six kinds of measurement: the chart shows them side by side, and its labels stop a reader from taking them for six counts of the same votes.",
    ),
    Exercise(
        id="05.independent_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'baw_shares = opinion.baw_relations_shares': "the survey's four options: the table the task asks students to read",
        },
        title="Recompute 'three quarters' (claim C13)",
        task=(
            "Using the package (`opinion.baw_relations_shares`), find the share of respondents in BAW's December 2019 survey "
            "who chose fully independent states with friendly relations, an open border and no visa or customs controls. "
            "Store the percentage in `independent_share`."
        ),
        answer="independent_share",
        checker=NumberCheck(expected=independent_share, tolerance=0.05, percent=True),
        hints=[
            "The table `baw_shares` above holds one share per answer option of that survey (lesson 02 computes it the same way).",
            "The option behind the article's 'three quarters' is the one about independent states with an open border.",
            "`baw_shares` is a Series whose index holds the option labels: select one value by its label in square brackets, as in `prices['tea']` for a made-up Series of prices.",
        ],
        points=1,
        success="'Three quarters' is a fair rounding. What the curators' light check leaves open is the wording: the option is about two independent states, not about 'intergovernmental relations'.",
    ),
    Exercise(
        id="05.russia_trade_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'trade.eaeu_share_series(2015)': 'the trade shares by year: the table the task asks students to read',
        },
        title="Half of its foreign trade: with whom? (claim C15)",
        task=(
            f"The curators' source speaks of Russia alone, the article of the EAEU countries. Using the package "
            f"(`trade.russia_turnover_share`), compute Russia's share of Belarus's goods turnover in {TRADE_YEAR}, the last "
            f"full year before the article. Store the percentage in `russia_trade_share`."
        ),
        answer="russia_trade_share",
        checker=NumberCheck(expected=russia_trade_share, tolerance=0.1, percent=True),
        hints=[
            "The function takes the year as its only argument and returns a percentage.",
            f"Call it with {TRADE_YEAR} and store the result.",
        ],
        points=1,
        success="Both readings, the EAEU partners together and Russia alone, come close to half: the claim holds either way, and 'these countries' means in practice Russia.",
    ),
    Exercise(
        id="05.public_debt_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'debt_shares = debt.share_frame()': 'the shares by definition: the table the task asks students to read',
        },
        title="70 percent of which debt? (claim C04)",
        task=(
            "The article speaks of 'public debt'. In the table `debt_shares` (from `debt.share_frame()`), keep the definitions "
            "whose denominator (`debt_measure`) is total public debt, external plus domestic. What is the highest of Russia's "
            "shares among them? Store the percentage in `public_debt_share`."
        ),
        answer="public_debt_share",
        checker=NumberCheck(expected=public_debt_share, tolerance=0.1, percent=True),
        hints=[
            "Filter the rows with a condition on the text of `debt_measure`.",
            "`debt_shares['debt_measure'].str.startswith('total public debt')` keeps the right rows.",
            "Then take the largest value of `share_pct` among them with `.max()`.",
        ],
        points=2,
        success="Against the debt the article names, Russia's share is far from 70 percent; only shares of external debt that count the EFSD as Russia come closer.",
    ),
    Exercise(
        id="05.klaipeda_best_case",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'klaipeda_shares = trade.klaipeda_computed_shares()': 'every exact Klaipėda share: the table the task asks students to read',
        },
        title="Klaipėda: the most favourable reading (claim C16)",
        task=(
            f"For {KLAIPEDA_YEAR} the data hold two exact figures for Belarusian cargo through Klaipėda. Using the package "
            f"(`trade.klaipeda_computed_shares()`), find the higher of the two shares computed for {KLAIPEDA_YEAR}: the reading "
            f"most favourable to the article. Store the percentage in `klaipeda_best_case`."
        ),
        answer="klaipeda_best_case",
        checker=NumberCheck(expected=klaipeda_best_case, tolerance=0.1, percent=True),
        hints=[
            "The table has one row per year and cargo figure; the share is in `computed_share_pct`.",
            f"Keep the rows of {KLAIPEDA_YEAR} and take the larger share with `.max()`.",
        ],
        points=1,
        success="Even the reading most favourable to the article is well below half: Belarusian transit matters a lot to the port, but 'mainly' overstates it.",
    ),
    Exercise(
        id="05.closest_gap",
        title="How far is the claim from the data?",
        task=(
            "Write `closest_gap(claimed, figures)`. `claimed` is the share a claim states (a percentage); `figures` is a list "
            "(or a pandas Series) of shares that the data give under different definitions, years or sources. Return the "
            "gap in percentage points between the claim and the figure closest to it: claimed minus that figure (positive "
            "when the claim is higher). The grader calls it on other inputs too."
        ),
        answer="closest_gap",
        checker=FunctionCheck(
            cases=[
                Case(args=(50, [20, 46, 72]), shows="closest_gap(50, [20, 46, 72])"),
                Case(args=(10, [13, 31]), shows="closest_gap(10, [13, 31])"),
                Case(args=(80, [10, 60, 95]), hidden=True),
                Case(args=(33, [33]), hidden=True),
                Case(args=(62.5, [10, 60, 65.5]), hidden=True),
                Case(args=(40, pd.Series([35.0, 47.0, 12.0])), hidden=True),
            ],
            reference=ca.closest_gap,
            tolerance=1e-6,
        ),
        hints=[
            "First find the figure with the smallest distance to the claim: the distance is `abs(claimed - figure)`.",
            "`min(figures, key=lambda f: abs(claimed - f))` gives that figure; it works for a list and for a Series.",
            "Return `claimed - closest`, not its absolute value: the sign says whether the claim is too high or too low.",
        ],
        points=3,
        success="The capstone's table of numeric claims uses the same rule (analysis.claims.closest_gap).",
    ),
    Quiz(
        id="05.card_note",
        title="What could the curators not verify, and what follows?",
        question=(
            "In the claim cards, open claim C10 (Peskov's 'just a working visit') and tick “Show the curators' verdict”. "
            "Which part of the sentence could the curators not verify, and what verdict does the rubric give?"
        ),
        options={
            "A": "That Lukashenko came on a working visit, so the verdict is 'unsupported'",
            "B": "The word 'just', so the verdict is 'partly supported', as for C02",
            "C": "The word 'just', but the substance holds, so the verdict is 'supported'",
            "D": "That it was Peskov who spoke, so the verdict is 'not checkable with these data'",
        },
        answer="B",
        explanations={
            "A": "The timeline and the curators' source both record the working visit: see the evidence and the sources on the card.",
            "B": (
                "The curators' note says so: Peskov's 'working visit' is sourced, the downplaying 'just' is not. A quotation is "
                "checked for whether that person said it, in those words (rubric line Q2): C02, whose sense is documented but "
                "not its words, gets the same verdict."
            ),
            "C": (
                "The substance is not what a quotation check is about: the article puts the words in Peskov's mouth, so the check "
                "is whether he said them. Read rubric line Q2 on the card, and compare C02."
            ),
            "D": "The curators' source is Peskov's own confirmation of the working visit, so the speaker is confirmed.",
        },
    ),
    Quiz(
        id="05.original_wording",
        title="Why check the original wording?",
        question=(
            "The kit reads an English translation of a German article. The source register keeps one German sentence of it, the "
            "lead: quote('Q02') above shows it beside the English. What does the comparison teach a fact-checker?"
        ),
        options={
            "A": "The tense differs ('besucht', 'is visiting'; 'visited'): a translation can move a claim in time, so a verdict rests on the original words",
            "B": "The two sentences say the same, so the English translation can be trusted word for word in a verdict",
            "C": "The German lead is longer: the translation left a fact out, so the English claims are incomplete",
            "D": "'Machthaber' is not 'ruler': the translation is wrong everywhere, so none of the article's claims can be checked",
        },
        answer="A",
        explanations={
            "A": (
                "The article was written before the meeting: the German announces it, the English reports it as done. One word "
                "can change a claim's date or size, so where a verdict hangs on one word ('mainly', 'public debt'), the claim "
                "cards show the verdict under each reading until the original is checked."
            ),
            "B": "Compare the tenses: 'besucht' and 'visited' do not put the visit at the same time.",
            "C": "Compare word by word: every German word has its English counterpart; what differs is the tense of one verb.",
            "D": (
                "One sentence does not show a whole translation wrong, and most claims do not hang on one word; the cards flag the "
                "few that do and show each reading. Whether 'Machthaber' and 'ruler' carry the same tone is a fair question for quiz 05.loaded_words."
            ),
        },
    ),
    Quiz(
        id="05.loaded_words",
        title="The article's own loaded words",
        question=(
            "The article calls Lukashenko a 'ruler' (in the lead) and 'the eternal president', and the Belarusian leadership "
            "'the Belarusian autocrats' (quote('Q06') and quote('Q11') above). How does a fact-checker treat these words?"
        ),
        options={
            "A": "As the author's characterisations: quoted and attributed, never adopted in the brief's own voice",
            "B": "As established facts: a brief can use them in its own voice, since the article uses them",
            "C": "As translation errors that the brief should correct",
            "D": "As quotations of Putin, to be checked for whether he said them",
        },
        answer="A",
        explanations={
            "A": (
                "They judge; they do not report. A fact-check says who uses such words ('the article calls him ...'), sorts them as "
                "opinion, and, where it can, says what they rest on. The same care applies to words for every side."
            ),
            "B": "A word is not a fact because an article uses it: 'eternal' and 'autocrats' are judgements, and the brief stays neutral.",
            "C": "The kit cannot tell without the German original; and even a faithful translation of a judgement is still a judgement.",
            "D": "No one is quoted in these sentences: they are in the author's own voice.",
        },
    ),
    Quiz(
        id="05.settle_c20",
        title="What would settle 'a clear majority'?",
        question=(
            "Claim C20: the opposition 'currently has a clear majority in Belarus'. Its verdict is 'not checkable with these data'. "
            "Which evidence would settle it?"
        ),
        options={
            "A": "The CEC's final result, because it is the official count",
            "B": "The Golos platforms' counts, because they contradict the CEC",
            "C": "A nationally representative survey by a pollster independent of both sides, or a count watched by independent observers",
            "D": "A larger online survey of urban internet users",
        },
        answer="C",
        explanations={
            "A": "The CEC is the authority whose count is contested; the claim is that its count does not show the country's majority. Citing it settles nothing.",
            "B": "Golos is the opposition's side of the dispute (Sputnik calls it the opposition's own monitoring), and its protocol count covers only the stations the platforms covered.",
            "C": (
                "Only evidence that is both national and independent of the two sides can settle who had a majority: a probability "
                "sample of all adults (not only internet users), asked in person or by phone, with its method published, or an "
                "observed count at every polling station. The data hold none, which is why 'not checkable with these data' is the "
                "honest verdict, not a dodge."
            ),
            "D": "A bigger sample of the same population still misses everyone offline and outside the cities: size does not fix who is reached.",
        },
    ),
    Exercise(
        id="05.verdict_members",
        title="Your verdict on claim C14 (the EAEU members)",
        task=(
            "The article names the EAEU members as Russia, Belarus, Kazakhstan, Armenia and Kyrgyzstan. Open claim C14 in the "
            "claim cards (without the curators' verdict) and choose a verdict from the scale. Store the letter in `verdict_members`."
        ),
        answer="verdict_members",
        checker=ChoiceCheck(
            options=dict(SCALE_LETTERS),
            answer=curators_letter("C14"),
            explanations={
                "A": "The member list in eaeu_members names the same five states as the article (the card compares the two lists), so nothing in the claim goes beyond the evidence.",
                "B": "Which part would not hold? Compare the article's list with the member states in eaeu_members, country by country.",
                "C": "There is evidence, and it agrees with the article: look at the member states in eaeu_members.",
                "D": "The article uses the list only to say who belongs to the union; an accurate list used for that purpose gives no wrong impression.",
                "E": "The data settle it: eaeu_members lists the member states, with their sources.",
                "F": "Membership of a treaty organisation is a matter of record, not of judgement.",
                "G": "C14 is a sentence of the article (a list of states), not background the curators added.",
            },
        ),
        hints=[
            "Read the evidence on the card for C14: which states does eaeu_members list?",
            "Compare the two lists. Does the claim say anything the data do not confirm?",
        ],
        points=1,
    ),
    Exercise(
        id="05.verdict_klaipeda",
        title="Your verdict on claim C16 (Klaipėda)",
        task=(
            "The article says Klaipėda 'lives mainly on Belarusian transit'. Read 'mainly' as 'more than half', as the table of "
            "numeric claims does. Using the shares you computed and the card for C16, choose a verdict from the scale. Store the "
            "letter in `verdict_klaipeda`."
        ),
        answer="verdict_klaipeda",
        checker=ChoiceCheck(
            options=dict(SCALE_LETTERS),
            answer=curators_letter("C16"),
            explanations={
                "A": "Read as 'more than half', 'mainly' asks for more than every figure in the data, computed or reported, gives: the claim as worded goes too far.",
                "B": "Belarusian cargo is a large part of the port's traffic in every figure, so the core of the claim (the port depends heavily on it) holds; 'mainly' overstates it. The curators add the qualifier 'overstated'.",
                "C": "The evidence does not contradict the core of the claim: Belarusian cargo is a large part of the port's traffic. Only the size ('mainly') goes too far.",
                "D": "The article does not misuse an accurate figure; it gives no figure at all. 'Mainly' is simply too strong, a matter of degree.",
                "E": (
                    "Read as 'more than half' (the reading this exercise uses), the data settle it: they have the tonnes. Only "
                    "the other reading ('above all') would need data the kit lacks; the card shows both."
                ),
                "F": "How much of a port's cargo comes from one country can be measured: the data have the tonnes.",
                "G": "C16 is a sentence of the article, not background the curators added.",
            },
        ),
        hints=[
            "What share would 'mainly' need? Compare it with the highest share in the data (your `klaipeda_best_case`).",
            "Does the claim get anything right? A claim can hold in part and still go too far in size.",
        ],
        points=1,
    ),
    Reflection(
        id="05.brief",
        title="A fact-check brief on two claims",
        prompt=(
            "Write a fact-check brief of about 300 words on two claims of the article of your choice. For each claim: quote it "
            "(with the article's citation) and say what kind of sentence it is; give the evidence, with who reports each figure and "
            "its source id; say what each figure measures, when and among whom; put competing figures side by side; choose a "
            "verdict from the scale (with a qualifier if it helps) and justify it; and say what the data cannot show."
        ),
        points=10,
        rubric=[
            ("Claims and kinds: quotes two claims accurately, with the article's citation, and names each one's kind of sentence (fact, opinion, prediction, quotation)", 1),
            ("Evidence: gives the figures or records for each claim as the kit computes them, each attributed to who reports it, with its source id", 2),
            ("Definition, date and population: says for each figure what it measures, when, and among whom (which debt, which year, which survey wave or result type)", 2),
            ("Competing figures: shows at least one case where sources or readings differ, side by side, without averaging them away", 1),
            ("Verdicts: one verdict per claim from the fixed scale (a qualifier where useful), consistent with the evidence given", 2),
            ("Limits: says what the data cannot show for these claims (a missing figure, an unlocated wording, a judgement)", 1),
            ("Neutral, clear writing: every claim attributed, no figure without its source, about 300 words", 1),
        ],
        words="about 300",
    ),
)
