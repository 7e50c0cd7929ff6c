"""Lesson 02, what Belarusians want: reading opinion surveys (exercises, quizzes, reflection).

Every expected value is computed from data/ through unionstate.analysis.opinion, so the
exercises follow the data when it changes.
"""

from __future__ import annotations

from ..analysis import opinion as op
from .checkers import BooleanCheck, Case, ChartCheck, ChoiceCheck, FunctionCheck, Mistake, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

SURVEY = "BAW_2019_12"  # the survey behind the article's "13 percent" (surveys.csv notes)
LATER_WAVE = "BAW_2020_11"
LIVE_BETTER = "Where would Belarusians live better: EU or union with Russia?"
EITHER_OR = "Either-or: integration with Russia or joining the EU?"
IISEPS_TABLE = "S20_IISEPS_2016_03"  # IISEPS's own table: one consistent series (data README)


def union_share() -> float:
    """BAW Dec 2019: share choosing 'unify into a union state' (percent)."""
    return float(op.baw_relations_shares(SURVEY)[op.UNION_STATE])


def merger_total() -> float:
    """BAW Dec 2019: union state + Belarus joins Russia (percent), each figure counted once."""
    return op.merger_share(SURVEY)


def merger_double_counted() -> float:
    """The likely mistake in 02.merger_total: every exact row of the two options summed, so figures that two
    outlets report are counted twice."""
    rows = op.labelled(op.exact_rows())
    rows = rows[(rows["survey_id"] == SURVEY) & (rows["question_label"] == op.RELATIONS) & rows["option"].isin([op.UNION_STATE, op.JOINS_RUSSIA])]
    return float(rows["share_pct"].sum())


def moe_union_share() -> float:
    """95% margin of error (percentage points) of the union-state share, from the survey's n."""
    return op.moe_pct(union_share(), op.sample_size(SURVEY))


def waves_differ() -> bool:
    """Does 'union with Russia' differ between BAW Dec 2019 and Nov 2020 beyond sampling error?"""
    a = op.survey_shares(SURVEY, LIVE_BETTER)["union with Russia"]
    b = op.survey_shares(LATER_WAVE, LIVE_BETTER)["union with Russia"]
    return op.differ_beyond_error(a, op.sample_size(SURVEY), b, op.sample_size(LATER_WAVE))


def iiseps_lines() -> list[Series]:
    """The IISEPS either-or series from IISEPS's own table: Russia and EU, by fieldwork start."""
    table = op.trend("IISEPS", EITHER_OR, source_id=IISEPS_TABLE)
    x = [ts.isoformat() for ts in table.index]
    return [
        Series(x, list(table["integration with Russia"]), label="Russia"),
        Series(x, list(table["joining the EU"]), label="EU"),
    ]


register(
    Exercise(
        id="02.union_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'opinion_rows = load_dataset("opinion")': 'every row of the December 2019 survey: the source table of exercises 02.1 and 02.2',
            'relations_question = baw_all["question"]': 'the exact rows of the relations question: the table `baw` the task names',
        },
        title="The article's 13 percent",
        task=(
            "In BAW's December 2019 survey (survey_id 'BAW_2019_12'), what share of respondents chose "
            "'unify into a union state' in the question on relations with Russia? Use only rows whose "
            "value_qualifier is 'exact'. Store the percentage (a number like 45.6, not a fraction) in `union_share`."
        ),
        answer="union_share",
        checker=NumberCheck(expected=union_share, tolerance=0.05, percent=True),
        hints=[
            "Start from the table `baw` in the cell above: it already holds only the exact rows of that survey.",
            "Keep the row whose `answer_option` is 'unify into a union state' and read its `share_pct`.",
            "Two outlets report this figure, so the filter finds two equal rows: take one value out with `.iloc[0]`.",
        ],
        points=2,
        success="The article rounds this to 'about 13 percent'. That part of the claim is accurate.",
    ),
    Exercise(
        id="02.merger_total",
        title="Everyone who chose a merger",
        task=(
            "Two answer options of the same question give up a separate Belarusian state: 'unify into a union state' "
            "and 'Belarus joins Russia'. What share chose one of the two? Add the two shares of BAW's December 2019 "
            "survey (exact rows), counting each figure once even where two outlets report it. Store the percentage in `merger_total`."
        ),
        answer="merger_total",
        checker=NumberCheck(
            expected=merger_total,
            tolerance=0.05,
            percent=True,
            mistakes=[
                Mistake(
                    "double counting",
                    "You added every row of the two options, but each figure appears twice in `baw` (two outlets, two "
                    "source ids). Count each figure once: keep one source, or drop the duplicate rows, then add.",
                    value=merger_double_counted,
                ),
                Mistake(
                    "one option only",
                    "That is the share of the union-state option alone. The task asks for everyone who chose either of the two merger options.",
                    value=union_share,
                ),
            ],
        ),
        hints=[
            "The answer options are mutually exclusive, so the share choosing either one is the sum of the two shares.",
            "Careful: the table has each of the two figures twice (two outlets, two source ids). Summing every row counts them twice.",
            "Keep the rows of one source, for example `baw[baw['source_id'] == 'S01_UDF_2020']`, or use `.drop_duplicates('answer_option')` before summing.",
        ],
        points=2,
        success="The article's 'about 13 percent' counts only the first of the two merger options.",
    ),
    Exercise(
        id="02.article_omits",
        title="What the article leaves out",
        task=(
            "Compare the article's sentence with the survey's data and method. Which statements describe something the "
            "article leaves out or words differently? Choose all that apply and store the letters, e.g. 'A, B', in `article_omits`."
        ),
        answer="article_omits",
        checker=ChoiceCheck(
            options={
                "A": "A second option, 'Belarus joins Russia', also means giving up a separate state; the article counts only the union-state option.",
                "B": "People were interviewed in December 2019; 'early 2020' is when the results were published.",
                "C": "The 'three quarters' chose two fully independent states with an open border, not 'good intergovernmental relations'.",
                "D": "The pollster is not based in Warsaw.",
                "E": "The union-state share in the data is much larger than 'about 13 percent'.",
            },
            answer=frozenset({"A", "B", "C"}),
            multi=True,
            explanations={
                "A": "The merger options together are larger than the article's figure, which is the union-state option alone.",
                "B": "surveys.csv gives the fieldwork dates; the notes say the results were published in January and February 2020.",
                "C": "The option is about two independent states with friendly relations and no visa or customs controls; 'intergovernmental relations' is the article's paraphrase.",
                "D": (
                    "The article is right here, as far as the data go: a Polish newspaper describes BAW as based in Warsaw "
                    "(source S70_RP_2022_04), though in April 2022, after the survey; no source in the data dates it earlier."
                ),
                "E": "Look at the number you computed: rounded to a whole number, it is what the article says.",
            },
        ),
        hints=[
            "Go through the sentence phrase by phrase: the date, the number, the wording of each option.",
            "Compare 'early 2020' with the fieldwork dates in the method table, and read the full wording of the option behind 'three quarters'.",
            "Three statements fit. One of the others is something the article gets right; the other contradicts your own calculation.",
        ],
        points=2,
    ),
    Exercise(
        id="02.margin_of_error",
        title="Write margin_of_error",
        task=(
            "Write a function `margin_of_error(p, n, z=1.96)` that returns the margin of error of a share p "
            "(a fraction between 0 and 1) measured in a simple random sample of n people: z times the square root of p(1-p)/n. "
            "Return a fraction too (not percentage points)."
        ),
        answer="margin_of_error",
        checker=FunctionCheck(
            cases=[
                Case(args=(0.5, 1000), shows="margin_of_error(0.5, 1000)"),
                Case(args=(0.2, 400), shows="margin_of_error(0.2, 400)"),
                Case(args=(0.3, 2500), kwargs={"z": 2.576}, hidden=True),
                Case(args=(0.05, 150), hidden=True),
                Case(args=(0.9, 10000), hidden=True),
                Case(args=(0.5, 1000), kwargs={"z": 1.645}, hidden=True),
            ],
            reference=op.margin_of_error,
            tolerance=1e-6,
        ),
        hints=[
            "`math.sqrt(x)` is the square root; `p * (1 - p) / n` is the variance of a share.",
            "Multiply by `z`, the argument, not by a fixed number, so that other confidence levels work too.",
            "Put the pieces together in the order of the formula in the text above the exercise: z times the square root of the variance. Check it on a case you can do by hand: with p = 0.5, n = 100 and z = 2, the margin is 2 × √(0.25 / 100) = 0.1.",
        ],
        points=3,
        success="This is the formula pollsters use for a simple random sample.",
    ),
    Exercise(
        id="02.moe_union",
        title="How precise is the union-state share?",
        task=(
            "Use your `margin_of_error` to compute the 95% margin of error of the union-state share in BAW's December 2019 "
            "survey, with that survey's n. Give it in percentage points (for example 4.5 for ±4.5 points) and store it in `moe_union`."
        ),
        answer="moe_union",
        checker=NumberCheck(expected=moe_union_share, tolerance=0.05, percent=True, unit="percentage points"),
        hints=[
            "Your function wants p as a fraction: divide the share in percent by 100.",
            "n is the survey's `sample_size` in the method table (surveys.csv).",
            "Multiply the function's result by 100 to turn a fraction into percentage points.",
        ],
        points=1,
        success="Smaller than the single margin the pollster states, which is computed for the least favourable case, p = 50%.",
    ),
    Exercise(
        id="02.waves_differ",
        title="Did support for a union with Russia change?",
        task=(
            "BAW asked 'where would Belarusians live better' in December 2019 and again in November 2020. Compare the share "
            "for 'union with Russia' in the two waves. Is the difference larger than the 95% margin of error of a difference "
            "(1.96 times the square root of pa(1-pa)/na + pb(1-pb)/nb)? Store True or False in `waves_differ`."
        ),
        answer="waves_differ",
        checker=BooleanCheck(expected=waves_differ),
        hints=[
            "Take the two shares and the two sample sizes from the tables above; both waves state their n.",
            "A difference has more sampling error than either share: add the two variances p(1-p)/n under the square root.",
            "Compare the absolute difference of the shares with 1.96 times that square root, both in the same units.",
        ],
        points=2,
        success="Keep in mind that even this comparison mixes two modes (face-to-face, then phone) and two political climates.",
    ),
    Exercise(
        id="02.mode_reach",
        title="Who can an online panel reach?",
        task=(
            "Chatham House's September 2020 survey was an online panel (CAWI) of urban internet users. Which Belarusians "
            "could it not reach at all? Store the letter in `mode_reach`."
        ),
        answer="mode_reach",
        checker=ChoiceCheck(
            options={
                "A": "People in villages, and people who do not use the internet",
                "B": "People who disagree with the government",
                "C": "Young people in Minsk",
                "D": "Nobody: weighting by gender, age and town size makes an online panel represent everyone",
            },
            answer="A",
            explanations={
                "A": (
                    "They are outside the population the panel samples from: urban internet users (towns of every size count as "
                    "urban). Older Belarusians who are online are inside it, but fewer of them use the internet, so they are "
                    "under-represented rather than excluded; weighting by age corrects only part of that."
                ),
                "B": "Nothing in the method excludes them. Whether people answer honestly is a matter of fear, not of who can be reached.",
                "C": "Young urban internet users are the people online panels reach most easily.",
                "D": "Weighting can only re-balance the people who are in the panel; it cannot add people who could never be reached.",
            },
        ),
        hints=[
            "Read the `population` column of the method table for this survey.",
            "Ask who is outside that population, not who might answer differently inside it.",
        ],
        points=1,
    ),
    Exercise(
        id="02.iiseps_chart",
        title="A trend drawn from one table",
        task=(
            "Draw the IISEPS either-or question as a line chart with two lines, 'integration with Russia' and "
            "'joining the EU', using only rows with source_id 'S20_IISEPS_2016_03' (IISEPS's own table). Put the "
            "`field_start` dates on the x axis and the shares on the y axis; give each line a label, show a legend, "
            "title the chart, label both axes and add the source caption with `add_caption(fig, 'S20_IISEPS_2016_03')`. "
            "Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=iiseps_lines, mark="line"),
        hints=[
            "Filter `either_or` to the source id first; then one line per `answer_option`.",
            "For each option, keep its rows, then draw one line with `ax.plot(x, y, label=..., marker=...)`: the dates go on the x axis, the shares on the y axis, and the option's name is the label. Use a different marker for each line.",
            "Leave out the 'don't know' rows, the rows from other sources, and the rounded figures: the task asks for two lines of exact figures from one table.",
        ],
        points=3,
        success="One table, one question wording, one pollster: the only kind of series that may be drawn as one line.",
    ),
    Quiz(
        id="02.moe_quadruple",
        title="Four times the sample",
        question=(
            "Use the margin-of-error widget: set p, note the margin, then set n to four times its value. "
            "What happens to the margin of error when n is four times larger?"
        ),
        options={"A": "It falls to a quarter", "B": "It halves", "C": "It falls by four percentage points", "D": "It does not change"},
        answer="B",
        explanations={
            "A": "The margin shrinks with the square root of n, not with n itself: four times the people buys less than that.",
            "B": "n sits under a square root, and the square root of 4 is 2. Precision is expensive: halving the margin costs four times the interviews.",
            "C": "The change depends on where you start; the widget shows it is a ratio, not a fixed number of points.",
            "D": "Move the n slider and watch the dot on the curve: the margin does change.",
        },
    ),
    Quiz(
        id="02.no_interval",
        title="Where the explorer draws no interval",
        question=(
            "In the survey explorer choose BAW and 'Where would Belarusians live better: EU or union with Russia?' with lines. "
            "Why do most waves have no 95% interval?"
        ),
        options={
            "A": "Their samples were too small for an interval",
            "B": "The retrieved sources do not state their sample size, and an interval cannot be computed without n",
            "C": "They were phone surveys",
            "D": "BAW does not publish margins of error",
        },
        answer="B",
        explanations={
            "A": "Without n nobody can tell whether a sample was small. The method table says 'not stated', which is different.",
            "B": "An empty n means the source did not state it, not that the survey had none; the explorer says so rather than guess.",
            "C": "The method table shows the mode of most of these waves is not stated either; the mode does not decide whether an interval can be drawn.",
            "D": "The method table shows stated margins for the waves whose method is known.",
        },
    ),
    Quiz(
        id="02.iiseps_peak",
        title="The highest point of the IISEPS series",
        question=(
            "In the survey explorer choose IISEPS, the either-or question, lines, and the period 2008 to 2016. In which wave is "
            "the share for 'integration with Russia' highest?"
        ),
        options={"A": "Dec 2008", "B": "Mar 2014", "C": "Dec 2015", "D": "Mar 2016"},
        answer="C",
        explanations={
            "A": "Read the labels: later waves are higher.",
            "B": "The jump to this wave (the survey note reads 'After Euromaidan / annexation of Crimea'; its date is known to the month only) is large, but one later wave is higher still.",
            "C": "It is the peak of the series in that period. The two highest waves are close, and the explorer draws no interval for this wave because its n is not stated, so we cannot tell whether they really differ.",
            "D": "This last IISEPS table wave is lower than the one before it.",
        },
    ),
    Reflection(
        id="02.trust_polls",
        title="Can we trust opinion polls in Belarus?",
        prompt=(
            "Can we trust opinion polls in Belarus, where a Chatham House partner warns that fear shapes answers? Answer using what this lesson showed: "
            "sampling error, question wording, who a survey can reach, and the political climate after August 2020. "
            "Name at least one concrete survey from the data (pollster, date, mode) and say what you would and would not conclude from it."
        ),
        points=5,
        rubric=[
            ("Separates sampling error (computable from n) from errors no formula captures: coverage, mode, question wording", 2),
            ("Explains fear and preference falsification, with evidence from the lesson (e.g. the 'fear factor' caveat, IISEPS stopped polling in Belarus in 2016, polling from abroad)", 1),
            ("Uses at least one concrete survey from the data, attributed (pollster, date, mode), and compares like with like", 1),
            ("Reaches a balanced conclusion: what such polls can still show (e.g. trends within one pollster and question) and what they cannot", 1),
        ],
        words="150-250",
    ),
)
