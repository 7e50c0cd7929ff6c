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
SIMULATED_SURVEYS = 100  # Going further: "95 of 100 intervals", made concrete


def union_share() -> float:
    """BAW Dec 2019: share choosing 'unify into a union state' (percent)."""
    return float(op.baw_relations_shares(SURVEY)[op.UNION_STATE])


def _exact_option_rows(options: list[str]):
    rows = op.labelled(op.exact_rows())
    return rows[(rows["survey_id"] == SURVEY) & (rows["question_label"] == op.RELATIONS) & rows["option"].isin(options)]


def union_share_both_copies() -> float:
    """The likely mistake in 02.union_share: the filter keeps the figure twice (two outlets), and the two rows are added."""
    return float(_exact_option_rows([op.UNION_STATE])["share_pct"].sum())


def two_bloc_union() -> float:
    """BAW Dec 2019, the two-bloc question: share for 'union with Russia' (percent)."""
    return float(op.survey_shares(SURVEY, LIVE_BETTER)["union with Russia"])


def two_bloc_eu() -> float:
    return float(op.survey_shares(SURVEY, LIVE_BETTER)["European Union"])


def joins_russia() -> float:
    return float(op.baw_relations_shares(SURVEY)[op.JOINS_RUSSIA])


def merger_total() -> float:
    """BAW Dec 2019: union state + Belarus joins Russia (percent), each figure counted once."""
    return op.merger_share(SURVEY)


def merger_double_counted() -> float:
    """The likely mistake in 02.merger_total: every exact row of the two options summed, so figures that two
    outlets report are counted twice."""
    return float(_exact_option_rows([op.UNION_STATE, op.JOINS_RUSSIA])["share_pct"].sum())


def n_survey() -> int:
    return op.sample_size(SURVEY)


def union_moe() -> float:
    """95% margin of error (percentage points) of the union-state share, from the survey's n."""
    return op.moe_pct(union_share(), n_survey())


def union_upper() -> float:
    """The upper end of the union-state share's 95% confidence interval (percent)."""
    return op.confidence_interval(union_share(), n_survey())[1]


def union_lower() -> float:
    return op.confidence_interval(union_share(), n_survey())[0]


def union_upper_stated_margin() -> float:
    """The mistake of adding the single margin BAW states for the whole survey."""
    return union_share() + op.survey_method(SURVEY).stated_moe_pct


def union_upper_worst_case() -> float:
    """The mistake of adding the largest margin (p = 50%) instead of this share's."""
    return union_share() + op.moe_pct(50, n_survey())


def union_upper_fraction_margin() -> float:
    """The mistake of adding the margin as a fraction to a share in percent."""
    return union_share() + union_moe() / 100


def _simulated():
    from ..simulation import simulate_surveys

    return simulate_surveys(union_share(), n_survey(), repeats=SIMULATED_SURVEYS)


def intervals_covering() -> int:
    """Of the simulated surveys (seed fixed), how many 95% intervals contain the assumed true share."""
    from ..simulation import coverage

    return coverage(_simulated(), union_share(), n_survey())


def _covering_with(margins) -> int:
    s = _simulated()["share_pct"]
    true = union_share()
    return int(((s - margins(s) <= true) & (true <= s + margins(s))).sum())


def intervals_with_stated_margin() -> int:
    return _covering_with(lambda s: op.survey_method(SURVEY).stated_moe_pct)


def intervals_with_fraction_margin() -> int:
    return _covering_with(lambda s: s.map(lambda x: op.moe_pct(x, n_survey()) / 100))


def wording_gap() -> float:
    """Same respondents, two questions: 'union with Russia' (two blocs) minus both merger options (four options)."""
    return round(two_bloc_union() - merger_total(), 1)


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


def _moe_in_points(p, n, z=1.96):
    return 100 * op.margin_of_error(p, n, z)


def _moe_without_root(p, n, z=1.96):
    return z * p * (1 - p) / n


register(
    Exercise(
        id="02.union_share",
        title="Which figure is the article's 13 percent?",
        task=(
            "The article says that 'only about 13 percent of Belarusians want full union status with Russia'. BAW's December 2019 "
            "survey (survey_id 'BAW_2019_12') asked two questions, and more than one answer option mentions a union with Russia. "
            "Decide from the wording which question and which option the article's words describe, keep only the exact figure, "
            "select that row of `baw_all` with a filter and store its share (a percentage like 45.6, not a fraction) in `union_share`."
        ),
        answer="union_share",
        checker=NumberCheck(
            expected=union_share,
            tolerance=0.05,
            percent=True,
            mistakes=[
                Mistake(
                    "wrong question",
                    "That figure answers the other question, the choice between the EU and 'a union with Russia' as two blocs. "
                    "'Full union status' is about the form of relations between the two states: look at the four-option question.",
                    value=two_bloc_union,
                ),
                Mistake(
                    "wrong option",
                    "That is 'Belarus joins Russia': Belarus becoming part of Russia, not a union of two states. "
                    "Which option of the same question is about a union?",
                    value=joins_russia,
                ),
                Mistake(
                    "both copies added",
                    "Your filter kept two rows, because two outlets report the same figure, and you added them. "
                    "It is one figure: take one value out with `.iloc[0]` instead of `.sum()`.",
                    value=union_share_both_copies,
                ),
                Mistake(
                    "the article's rounding",
                    "That is the article's rounded figure. The task asks for the survey's own figure: select the row and read its `share_pct`.",
                    value=lambda: round(union_share()),
                ),
            ],
        ),
        hints=[
            "Read the `question` column first: one question is about the form of relations between Belarus and Russia (four options), "
            "the other asks people to choose between two blocs. Which one is about 'union status'?",
            "In that question, one option keeps two states in a union and another makes Belarus part of Russia. "
            "Keep only rows whose `value_qualifier` is 'exact'.",
            "Combine conditions with `&`, each in brackets, and take one value out with `.iloc[0]`. On a made-up table: "
            "`t.loc[(t['city'] == 'Minsk') & (t['kind'] == 'exact'), 'pop'].iloc[0]`. Two outlets report this figure, so your filter finds two equal rows.",
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
            "The answer options exclude each other, so the share choosing either one is the sum of their two figures, each taken once.",
            "Careful: `baw` has each of the two figures twice (two outlets, two source ids). Summing every row counts them twice.",
            "Keep one row per option before adding. On a made-up table, `t.drop_duplicates('city')` keeps the first row of each city; "
            "then select the rows you need and add their column with `.sum()`.",
        ],
        points=2,
        success="The article's 'about 13 percent' counts only the first of the two merger options.",
    ),
    Exercise(
        id="02.article_omits",
        title="What the article does not say",
        task=(
            "Compare the article's sentence with the survey's data and method. Which statements are true and point to something "
            "the article's sentence does not say? Choose all that apply and store the letters, e.g. 'A, B', in `article_omits`."
        ),
        answer="article_omits",
        checker=ChoiceCheck(
            options={
                "A": "The survey had a second merger option, 'Belarus joins Russia'; the article's figure counts only the union-state option.",
                "B": "People were interviewed in December 2019; 'early 2020' is when the results were published.",
                "C": "The option behind 'three quarters' says the two states stay fully independent; the article's paraphrase does not say so.",
                "D": "The pollster is not based in Warsaw.",
                "E": "The union-state share in the data is much larger than 'about 13 percent'.",
            },
            answer=frozenset({"A", "B", "C"}),
            multi=True,
            explanations={
                "A": "The merger options together are larger than the article's figure, which is the union-state option alone.",
                "B": "surveys.csv gives the fieldwork dates; the notes say the results were published in January and February 2020.",
                "C": (
                    "The option is about two fully independent states with friendly relations, an open border and no visa or customs "
                    "controls. The article's 'good intergovernmental relations, including visa and customs exemption' renders the relations "
                    "and the border fairly; whether leaving out independence matters is for discussion, but the sentence does not say it."
                ),
                "D": (
                    "The article is right here, as far as the data go: a Polish newspaper describes BAW as based in Warsaw "
                    "(source S70_RP_2022_04), though in April 2022, after the survey; no source in the data dates it earlier."
                ),
                "E": "Look at the number you found in exercise 02.1: rounded to a whole number, it is what the article says.",
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
        id="02.union_interval",
        title="How high could the union-state share be?",
        task=(
            "Compute the 95% confidence interval of the union-state share in BAW's December 2019 survey: first its margin of error "
            "with the formula (z = 1.96, the survey's n), then the interval from the share minus the margin to the share plus the "
            "margin. Store the interval's upper end, in percent (for example 33.7), in `union_upper`."
        ),
        answer="union_upper",
        checker=NumberCheck(
            expected=union_upper,
            tolerance=0.05,
            percent=True,
            mistakes=[
                Mistake(
                    "the margin only",
                    "That is the margin of error itself, the half-width of the interval. The upper end is the share plus the margin.",
                    value=union_moe,
                ),
                Mistake(
                    "the lower end",
                    "That is the lower end of the interval (the share minus the margin). The task asks for the upper end.",
                    value=union_lower,
                ),
                Mistake(
                    "the stated margin",
                    "You added the single margin BAW states for the whole survey. That one is worked out for the least favourable "
                    "share (one half); compute the margin of this share with the formula, from `p` and `n_baw`.",
                    value=union_upper_stated_margin,
                ),
                Mistake(
                    "the margin at p = 50%",
                    "You used the largest margin, the one for a share of one half. Put this survey's own share into the formula: "
                    "a share far from one half has a smaller margin.",
                    value=union_upper_worst_case,
                ),
                Mistake(
                    "a fraction added to a percent",
                    "You added the margin as a fraction (a number below 1) to a share in percent. Add both as fractions and "
                    "multiply the sum by 100, or turn the margin into percentage points first.",
                    value=union_upper_fraction_margin,
                    tolerance=0.005,  # close to the share itself, which is its own mistake
                ),
                Mistake(
                    "the share itself",
                    "That is the share itself, the centre of the interval. Its upper end lies one margin of error above it.",
                    value=union_share,
                    tolerance=0.005,
                ),
            ],
        ),
        hints=[
            "First the margin as a fraction: the formula in the text above, with z = 1.96, the share `p` (a fraction) and `n_baw`.",
            "The interval runs from the share minus the margin to the share plus the margin. You need the plus, and both in the same units.",
            "A worked example with other numbers: for p = 0.30 and n = 600 the margin is 1.96 × √(0.30 × 0.70 / 600) ≈ 0.037, "
            "so the upper end is 100 × (0.30 + 0.037) ≈ 33.7%. Use `math.sqrt` for the square root.",
        ],
        points=2,
        success=(
            "By chance alone, a survey like this could miss the population's share by up to its margin, either way. The article's "
            "'about 13 percent' lies inside the interval, so sampling error does not change that part of the claim. Errors no formula "
            "covers are another matter (sections 5 to 7)."
        ),
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
            "Take the two shares and the two sample sizes from the cell: `dec_2019`, `nov_2020`, `n_dec`, `n_nov`.",
            "A difference has more sampling error than either share: add the two variances p(1-p)/n under the square root, with the shares as fractions.",
            "Compare the absolute difference of the shares with 1.96 times that square root, both in the same units (fractions or percentage points).",
        ],
        points=2,
        success="Keep in mind that even this comparison mixes two modes (face-to-face, then phone) and two political climates.",
    ),
    Exercise(
        id="02.wording_gap",
        reads_from={  # tests/test_no_giveaway.py
            'either_or = opinion_rows[opinion_rows["question"]': (
                "a coincidence: IISEPS's 'don't know' share in Dec 2008 and Dec 2010 equals the gap; the table is the source of 02.11"
            ),
        },
        title="Same people, two questions",
        task=(
            "BAW asked the same respondents both questions in December 2019. How many percentage points more of them chose "
            "'union with Russia' when the only other bloc offered was the EU than chose either merger option in the four-option "
            "question? Store the difference in percentage points in `wording_gap`."
        ),
        answer="wording_gap",
        checker=NumberCheck(
            expected=wording_gap,
            tolerance=0.05,
            unit="percentage points",
            mistakes=[
                Mistake(
                    "union-state option only",
                    "You subtracted the union-state option alone. The four-option question had two merger options: take both, as in exercise 02.2.",
                    value=lambda: two_bloc_union() - union_share(),
                ),
                Mistake(
                    "double counting",
                    "Your merger figure counts each option twice (two outlets report them). Add the two options once each.",
                    value=lambda: two_bloc_union() - merger_double_counted(),
                ),
                Mistake(
                    "a ratio, not a difference",
                    "That is how many times larger one share is than the other, a ratio. The task asks for the difference in percentage points: subtract.",
                    value=lambda: two_bloc_union() / merger_total(),
                ),
                Mistake(
                    "the EU share",
                    "You used the EU's share of the two-bloc question. The task compares 'union with Russia' with the merger options.",
                    value=lambda: two_bloc_eu() - merger_total(),
                ),
            ],
        ),
        hints=[
            "You need two figures: 'union with Russia' in the two-bloc question (`two_bloc`), and the two merger options of the four-option question taken together (`shares`).",
            "A difference in percentage points is a plain subtraction of two percentages: the larger minus the smaller, no division.",
            "A worked example with made-up figures: if 30% choose X in one question and 10% plus 5% choose the two options that mean X in "
            "another, the gap is 30 − (10 + 5) = 15 percentage points.",
        ],
        points=2,
        success=(
            "The same people, asked in the same interview, give a small share to a merger and a much larger one to 'union with Russia' "
            "when the EU is the only alternative. The two questions measure different things, so neither is 'the' support for integration."
        ),
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
        id="02.fear_reading",
        title="Reading a poll taken in fear",
        task=(
            "Chatham House's September 2020 online survey reports a share for 'alliance with Russia only' (the table of section 6). "
            "Its Belarusian partner warns that results on political issues are 'susceptible to the influence of the fear factor'. "
            "Which conclusion about that figure can you defend? Store the letter in `fear_reading`."
        ),
        answer="fear_reading",
        checker=ChoiceCheck(
            options={
                "A": "It is what urban internet users were willing to tell an online pollster weeks after the election; fear may have moved answers by an amount no formula measures.",
                "B": "Its margin of error already allows for fear, so the share among all adults lies within that margin of it.",
                "C": "It shows nothing at all: a poll taken where answering can be risky cannot tell us anything about what people think.",
                "D": "An online panel is anonymous, so its answers are free of fear; the warning applies only to interviews at the door.",
            },
            answer="A",
            explanations={
                "A": (
                    "It keeps the figure and says what it is: answers of a reachable group, at one moment, to one pollster. The size and "
                    "even the direction of a fear effect are unknown; Chatham House's own April 2021 report thinks support for "
                    "Lukashenka may be understated. Compare with other modes and with changes within one series before concluding."
                ),
                "B": "The margin of error covers chance only: it assumes that everyone reached answers, and answers honestly.",
                "C": "Too strong: the figure still records what respondents said, and changes within one pollster's series can still be read, with care.",
                "D": "The warning comes from the partner of a pollster that surveys online, and Chatham House's own report says its online poll may understate support for Lukashenka.",
            },
        ),
        hints=[
            "Which errors does a margin of error cover, and which not? Section 4 says it in its last sentence.",
            "Look for the option that neither throws the figure away nor treats it as exact: what can you still say about it, and about whom?",
        ],
        points=1,
    ),
    Exercise(
        id="02.margin_of_error",
        title="Write margin_of_error",
        task=(
            "Complete the function `margin_of_error(p, n, z=1.96)` that returns the margin of error of a share p "
            "(a fraction between 0 and 1) measured in a simple random sample of n people: z times the square root of p(1-p)/n. "
            "Fill in its two steps, the variance and the margin. Return a fraction too (not percentage points)."
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
            mistakes=[
                Mistake(
                    "percentage points",
                    "Your function returns percentage points (100 times the margin). The task asks for a fraction, like p itself: leave out the factor 100.",
                    reference=_moe_in_points,
                ),
                Mistake(
                    "no square root",
                    "Your function leaves out the square root: the margin is z times the square root of the variance, not z times the variance.",
                    reference=_moe_without_root,
                ),
            ],
        ),
        hints=[
            "Step 1 is the variance of a share: p times (1 minus p), divided by n. Use the function's arguments, not fixed numbers.",
            "Step 2: `math.sqrt(x)` is the square root of x. Multiply it by `z`, the argument, not by a fixed number, so that other confidence levels work too.",
            "Check it on a case you can do by hand: with p = 0.5, n = 100 and z = 2, the variance is 0.25 / 100 = 1/400, its square root is 1/20, and the margin is 2 × 1/20 = 1/10.",
        ],
        points=3,
        success="This is the formula pollsters use for a simple random sample.",
        core=False,
    ),
    Exercise(
        id="02.intervals_cover",
        title="How many of 100 intervals contain the true share?",
        task=(
            "The table `simulated` holds 100 imaginary surveys of the same size as BAW's, drawn from a population in which the "
            "union-state share is exactly `true_share`. Compute each survey's own 95% interval (its share minus and plus its own "
            "margin, in percent) and count how many of the 100 intervals contain `true_share`. Store the count in `covering`."
        ),
        answer="covering",
        checker=NumberCheck(
            expected=intervals_covering,
            tolerance=0,
            integer=True,
            unit="whole number of simulated surveys",
            mistakes=[
                Mistake(
                    "the misses counted",
                    "You counted the intervals that miss the true share. The task asks for those that contain it.",
                    value=lambda: SIMULATED_SURVEYS - intervals_covering(),
                ),
                Mistake(
                    "the stated margin",
                    "You gave every survey the single margin BAW states. Each simulated survey has its own share, so compute its own margin with the formula.",
                    value=intervals_with_stated_margin,
                ),
                Mistake(
                    "a fraction added to a percent",
                    "Your intervals are far too narrow: the margin is a fraction (a number below 1) but the shares are in percent. "
                    "Multiply the margin by 100 before you add and subtract it.",
                    value=intervals_with_fraction_margin,
                ),
            ],
        ),
        hints=[
            "Each simulated survey has its own share; its interval runs from that share minus its own margin to that share plus it, in percentage points.",
            "An interval contains the true share when its low end is at most the true share and its high end at least the true share: two conditions joined with `&`.",
            "`.sum()` of a True/False column counts the True rows. On a made-up table `t` with columns `lo` and `hi`: "
            "`((t['lo'] <= 2.5) & (2.5 <= t['hi'])).sum()` counts the rows whose range contains 2.5.",
        ],
        points=2,
        success="Run it with another seed and the count moves a little: 95 of 100 is what happens in the long run, not in every hundred.",
        core=False,
    ),
    Exercise(
        id="02.iiseps_chart",
        title="A trend drawn from one table",
        task=(
            "Draw the IISEPS either-or question as a line chart with two lines, 'integration with Russia' and "
            "'joining the EU', using only rows with source_id 'S20_IISEPS_2016_03' (IISEPS's own table: the cell selects them "
            "into `russia` and `eu`). Put the `field_start` dates on the x axis and the shares on the y axis; give each line a "
            "label and a marker, show a legend, title the chart, label both axes and add the source caption with "
            "`add_caption(fig, 'S20_IISEPS_2016_03')`. Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=iiseps_lines, mark="line"),
        hints=[
            "Step 1 draws one line per table: `ax.plot(x, y, label=..., marker=...)`, with a table's `field_start` column as x and its `share_pct` column as y.",
            "Use `color_for('Russia')` and `color_for('EU')` for the colours and two different markers, so the lines differ in more than colour.",
            "Step 2, on a chart of other data: `ax.set_title('Rainfall in Minsk')`, `ax.set_xlabel('Month')`, `ax.set_ylabel('Rain (mm)')`, "
            "`ax.legend()`, then the caption with the source id of this task.",
        ],
        points=3,
        success="One table, one question wording, one pollster: the only kind of series that may be drawn as one line.",
        core=False,
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
        core=False,
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
        core=False,
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
        core=False,
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
        core=False,
    ),
)
