"""Lesson 05, the capstone: fact-check the article, claim by claim (exercises, quizzes, the written brief).

Every expected value is computed from data/ by the analysis module of the lesson that covers
the claim (opinion, trade, debt, election) or from the curators' verdicts in article_claims,
so the exercises follow the data when they change.
"""

from __future__ import annotations

import re

import pandas as pd

from ..analysis import claims as ca
from ..analysis import debt, election, opinion, trade
from ..datasets import load_dataset
from .checkers import Case, ChartCheck, ChoiceCheck, FunctionCheck, Mistake, NumberCheck, Series
from .model import Exercise, Quiz, Reflection, register

SURVEY = ca.SURVEY  # BAW's December 2019 wave, behind the article's "13 percent" and "three quarters"
TRADE_YEAR = 2019  # the last full year before the article (September 2020)
KLAIPEDA_YEAR = 2020  # the year with two conflicting exact cargo figures
SCALE_LETTERS = dict(zip("ABCDEFG", ca.VERDICTS))  # A: supported ... G: context, in the order of the scale


INDEPENDENT_OPTIONS = ("independent states, open border", "like other countries: closed border, visas")
MERGER_OPTIONS = ("union state", "Belarus joins Russia")
DEBT_YEAR_END = "2020-12-31"  # the World Bank's figure for what Russia was owed, end of 2020
DEBT_TOTAL_DATE = "2020-12-01"  # the total public debt in USD nearest to it


def _baw() -> pd.Series:
    return opinion.baw_relations_shares(SURVEY)


def independence_total() -> float:
    """BAW Dec 2019: the share choosing one of the two options that keep Belarus independent (claim C21, 'do not want')."""
    return float(_baw()[list(INDEPENDENT_OPTIONS)].sum())


def _dots_year(year: int) -> pd.DataFrame:
    return trade.dots_trade().query("year == @year").set_index("partner")


def russia_trade_share() -> float:
    """Russia alone: share (%) of Belarus's goods turnover in TRADE_YEAR (claim C15, the curators' reading)."""
    return trade.russia_turnover_share(TRADE_YEAR)


def _russia_flow_share(flow: str) -> float:
    rows = _dots_year(TRADE_YEAR)
    return float(100 * rows.loc["Russia", f"{flow}_usd_m"] / rows.loc[trade.WORLD, f"{flow}_usd_m"])


def _debt_value(as_of: str, indicator: str, unit: str | None = None) -> float:
    rows = load_dataset("debt")
    rows = rows[(rows["as_of_date"] == as_of) & (rows["indicator"] == indicator)]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    return float(rows["value"].item())


def total_debt_share() -> float:
    """Russia's bilateral claims (World Bank, end-2020) as a share of total public debt in USD (Dec 2020): claim C04 read as 'total public debt'."""
    shares = debt.share_frame().set_index("key")
    return float(shares.loc["wb_total_2020", "share_pct"])


def _owed_to_russia(as_of: str) -> float:
    return _debt_value(as_of, "debt_owed_to_Russia")


def _total_debt_usd() -> float:
    return _debt_value(DEBT_TOTAL_DATE, "public_debt_total", "USD billion")


def _debt_to_gdp_pct() -> float:
    """The percent of GDP that the Dec 2020 total-debt row states in its definition text ('...; 36.2% of GDP')."""
    rows = load_dataset("debt")
    text = rows[(rows["as_of_date"] == DEBT_TOTAL_DATE) & (rows["indicator"] == "public_debt_total")]["debt_definition"].item()
    return float(re.search(r"([\d.]+)% of GDP", text).group(1))


def _nearest_other_total(unit: str, indicator: str) -> float:
    """The total of the given kind nearest before the December 2020 USD total (the rows a student might pick instead)."""
    rows = load_dataset("debt")
    rows = rows[(rows["indicator"] == indicator) & (rows["unit"] == unit) & (rows["as_of_date"] <= DEBT_TOTAL_DATE)]
    return float(rows.sort_values("as_of_date")["value"].iloc[-1])


def klaipeda_best_case() -> float:
    """The higher of the two shares computed from exact tonnes for KLAIPEDA_YEAR (claim C16): the reading most favourable to the article."""
    computed = trade.klaipeda_computed_shares()
    return float(computed.loc[computed["year"] == KLAIPEDA_YEAR, "computed_share_pct"].max())


def _klaipeda_rows(metric: str, qualifier: str = "exact", year: int = KLAIPEDA_YEAR) -> pd.Series:
    rows = load_dataset("klaipeda_transit")
    return rows[(rows["year"] == year) & (rows["metric"] == metric) & (rows["qualifier"] == qualifier)]["value"]


def _klaipeda_share(cargo: float, total: float | None = None) -> float:
    total = _klaipeda_rows("port_total_throughput").item() if total is None else total
    return 100 * cargo / total


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
            "set's `result_type`. The answer cell gives the steps: keep his rows, one per result set; draw horizontal bars "
            "(`ax.barh`) with the `result_type` labels as text; give the chart a title, label both axes with units, and add the "
            "source caption (`add_caption(fig, ...)` with the `source_id` column of your rows). Keep the axes in `ax`."
        ),
        answer="ax",
        checker=ChartCheck(expected=election_bars, mark="bar"),
        hints=[
            "Do the steps in order and run the cell after each one: the chart below the cell shows what you have drawn so far. "
            "If the check counts too many bars, step 1 still keeps a result set twice.",
            "Step 1 needs two operations on `election_data`: a filter on the `item` column, then `.drop_duplicates` on the column "
            "that names a result set. Step 2 needs the labels as text, or matplotlib treats them as categories it may sort.",
            "The method, on made-up data: `ax.barh(['tea', 'coffee'], [40, 60])` draws two horizontal bars, labelled tea and coffee, "
            "of lengths 40 and 60; `ax.set_xlabel('Share (%)')` labels the axis along the bars. For the caption, pass the "
            "`source_id` column of the rows you drew to `add_caption(fig, ...)`.",
        ],
        points=3,
        success="Six bars, six kinds of measurement: the chart shows them side by side, and its labels stop a reader from taking them for six counts of the same votes.",
        core=False,
    ),
    Exercise(
        id="05.klaipeda_best_case",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'transit[transit["year"] == 2020]': "the port's 2020 rows in tonnes: the table the task asks students to read",
        },
        title="Klaipėda: the most favourable reading, from tonnes (claim C16)",
        task=(
            f"From `transit` (the rows of `klaipeda_transit`), compute Belarusian cargo as a share (in percent) of the port's total "
            f"throughput in {KLAIPEDA_YEAR}, by three rules: use only rows whose `qualifier` is 'exact'; of the two exact cargo "
            f"figures, use the higher one (the reading most favourable to the article); do not add or average the two reports. "
            f"Store the percentage in `klaipeda_best_case`."
        ),
        answer="klaipeda_best_case",
        checker=NumberCheck(
            expected=klaipeda_best_case, tolerance=0.02, percent=True,
            mistakes=[
                Mistake("the lower report",
                        "You used the lower of the two cargo figures. Both are exact reports; the task asks for the reading most "
                        "favourable to the article, so take the higher one.",
                        value=lambda: _klaipeda_share(_klaipeda_rows("belarusian_cargo").min())),
                Mistake("averaged reports",
                        "You averaged the two cargo reports. A fact-checker does not average conflicting figures away: keep them "
                        "apart and, as the task says, use the higher one.",
                        value=lambda: _klaipeda_share(_klaipeda_rows("belarusian_cargo").mean())),
                Mistake("double counting",
                        "You added the two cargo figures, but they are two reports of the same year's cargo, not two parts of it: "
                        "use one of them (the higher).",
                        value=lambda: _klaipeda_share(_klaipeda_rows("belarusian_cargo").sum())),
                Mistake("preliminary total",
                        "Your denominator is the port's preliminary total. Keep only the rows whose qualifier is 'exact': one exact "
                        "total remains for the year.",
                        value=lambda: _klaipeda_share(_klaipeda_rows("belarusian_cargo").max(),
                                                      _klaipeda_rows("port_total_throughput", "preliminary").item()),
                        tolerance=0.003),
                Mistake("wrong year",
                        f"That is the share for another year (lesson 03 computed 2019). The task asks for {KLAIPEDA_YEAR}.",
                        value=lambda: _klaipeda_share(_klaipeda_rows("belarusian_cargo", year=KLAIPEDA_YEAR - 1).item(),
                                                      _klaipeda_rows("port_total_throughput", year=KLAIPEDA_YEAR - 1).item())),
                Mistake("reported share",
                        "That is the share a source states (rounded, via TASS), not one computed from tonnes. Compute it from the "
                        "cargo and total rows.",
                        value=lambda: _klaipeda_rows("belarusian_cargo_share_of_port").item()),
            ],
        ),
        hints=[
            f"Work in steps, each on the {KLAIPEDA_YEAR} rows whose qualifier is 'exact': the Belarusian cargo (metric "
            "'belarusian_cargo'), the port's total (metric 'port_total_throughput'), then the share in percent.",
            "After the qualifier filter, two cargo rows are left and one total: the rule asks for the larger cargo figure, not the sum "
            "or the mean of the two.",
            "The methods, on a made-up table `t` with columns kind and value: `t.loc[t['kind'] == 'apples', 'value'].max()` gives the "
            "largest apple figure, and `.item()` takes the value out of a selection of exactly one row. A share in percent is "
            "100 × part / whole: 12 of 48 is 25 percent.",
        ],
        points=2,
        success=(
            "Your figure and the kit's (lesson 03's function, below) agree. Even the reading most favourable to the article is well "
            "below half: Belarusian transit matters a lot to the port, but 'mainly', read as more than half, overstates it."
        ),
    ),
    Exercise(
        id="05.independence_total",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'baw_shares = opinion.baw_relations_shares': "the survey's four options: the table the task asks students to read",
        },
        title="'Feared by most Belarusians', read as 'do not want' (claim C21)",
        task=(
            "Read the article's 'feared by most Belarusians' as 'most Belarusians do not want the integration'. From `baw_shares` "
            "(BAW's December 2019 survey), compute the share of respondents who chose one of the options that keep Belarus an "
            "independent state. Store the percentage in `independence_total`."
        ),
        answer="independence_total",
        checker=NumberCheck(
            expected=independence_total, tolerance=0.05, percent=True,
            mistakes=[
                Mistake("one option only",
                        "That is one of the independence options only. A second option also keeps Belarus an independent state "
                        "(with a closed border): add it.",
                        value=lambda: float(_baw()[INDEPENDENT_OPTIONS[0]])),
                Mistake("the other option only",
                        "That is only the option of relations like those with other countries. The option of independent states "
                        "with an open border keeps Belarus independent too: add it.",
                        value=lambda: float(_baw()[INDEPENDENT_OPTIONS[1]])),
                Mistake("the rest of 100",
                        "You took 100 minus the merger options. The four options do not add up to 100 (some respondents chose none "
                        "of them), so add the options that keep Belarus independent instead.",
                        value=lambda: 100 - float(_baw()[list(MERGER_OPTIONS)].sum())),
                Mistake("the merger options",
                        "That is the share who chose a merger option (a union state, or Belarus joining Russia): the other side of "
                        "the question.",
                        value=lambda: float(_baw()[list(MERGER_OPTIONS)].sum())),
                Mistake("all four options",
                        "You added all four options, the merger options too. Add only the options that keep Belarus independent.",
                        value=lambda: float(_baw().sum())),
            ],
        ),
        hints=[
            "Which answer options leave Belarus an independent state? Two of the four do; the other two are merger options.",
            "Add the shares of those two options. Do not compute 100 minus the merger options: the four options do not add up to 100.",
            "`baw_shares` is a Series whose index holds the option labels. On a made-up Series `s` of fruit shares, `s['apples'] + "
            "s['pears']` adds two of its values (or `s[['apples', 'pears']].sum()`).",
        ],
        points=2,
        success=(
            "Well over half chose an option that keeps Belarus independent: read as 'do not want the integration', 'most "
            "Belarusians' holds. Whether they fear it is another question, which no survey in the data asks."
        ),
        core=False,
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
        id="05.russia_trade_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'dots_2019 = ': "Belarus's 2019 trade rows (USD million): the table the task asks students to read",
        },
        title="Half of its foreign trade: with whom? (claim C15)",
        task=(
            f"The curators' source speaks of Russia alone, the article of the EAEU countries. From `dots_2019` (the IMF DOTS rows "
            f"of {TRADE_YEAR}), compute Russia's share (in percent) of Belarus's goods turnover (exports plus imports) with the "
            f"world. Store the percentage in `russia_trade_share`."
        ),
        answer="russia_trade_share",
        checker=NumberCheck(
            expected=russia_trade_share, tolerance=0.1, percent=True,
            mistakes=[
                Mistake("exports only",
                        "That is Russia's share of Belarus's exports only. Turnover is exports plus imports, for Russia and for the world.",
                        value=lambda: _russia_flow_share("exports")),
                Mistake("imports only",
                        "That is Russia's share of Belarus's imports only. Turnover is exports plus imports, for Russia and for the world.",
                        value=lambda: _russia_flow_share("imports")),
                Mistake("EAEU instead of Russia",
                        "That is the share of the four EAEU partners together (lesson 03's figure). The task asks for Russia alone.",
                        value=lambda: trade.eaeu_turnover_share(TRADE_YEAR)),
                Mistake("wrong year",
                        f"That is the figure for another year. The task asks for {TRADE_YEAR}, the last full year before the article.",
                        value=lambda: trade.russia_turnover_share(TRADE_YEAR + 1)),
                Mistake("wrong denominator",
                        "That is Russia's share of Belarus's trade with its EAEU partners. Divide by the turnover with the world "
                        "('World total').",
                        value=lambda: trade.russia_share_of_eaeu(TRADE_YEAR)),
            ],
        ),
        hints=[
            "Turnover is exports plus imports. You need two turnovers: with Russia, and with the world ('World total').",
            "The denominator is the world, not the EAEU partners; the numerator is Russia's exports plus Russia's imports.",
            "On made-up numbers: exports of 30 and imports of 50 with one partner, and 100 and 100 with the world, give a share of "
            "100 × (30 + 50) / (100 + 100) = 40 percent. On a made-up table indexed by country, `t.loc['Spain', 'sales']` reads one value.",
        ],
        points=2,
        success="Russia alone comes close to half, as the curators' source says; with the three smaller EAEU partners the share is a little higher. Both readings fit 'half', and 'these countries' means in practice Russia.",
        core=False,
    ),
    Exercise(
        id="05.total_debt_share",
        reads_from={  # source tables the task asks students to read (tests/test_no_giveaway.py)
            'debt_rows = ': "the debt rows of 2020-2021: the table the task asks students to read",
        },
        title="'Public debt' read as total public debt, from two amounts (claim C04)",
        task=(
            "Read the article's 'public debt' as total public debt (external plus domestic). From `debt_rows`, compute what Russia "
            "was owed at the end of 2020 (indicator 'debt_owed_to_Russia', World Bank data) as a share (in percent) of Belarus's "
            "total public debt (indicator 'public_debt_total') stated in the same currency. Store the percentage in `total_debt_share`."
        ),
        answer="total_debt_share",
        checker=NumberCheck(
            expected=total_debt_share, tolerance=0.1, percent=True,
            mistakes=[
                Mistake("mixing currencies",
                        "Your denominator is in Belarusian roubles (BYN), Russia's claim in US dollars. Divide by the total public "
                        "debt stated in USD.",
                        value=lambda: 100 * _owed_to_russia(DEBT_YEAR_END) / _nearest_other_total("BYN billion", "public_debt_total")),
                Mistake("external instead of total",
                        "You divided by external public debt. The task reads 'public debt' as total public debt, external plus "
                        "domestic: use the public_debt_total row.",
                        value=lambda: 100 * _owed_to_russia(DEBT_YEAR_END) / _nearest_other_total("USD billion", "external_public_debt_total")),
                Mistake("debt-to-GDP ratio",
                        "That is total public debt as a percentage of GDP (in the row's definition text), not Russia's share of the debt.",
                        value=_debt_to_gdp_pct, tolerance=0.05),  # 0.2 from the answer: a rounded 36.3 must not land here
                Mistake("wrong year",
                        "You used what Russia was owed at another date. Use the World Bank figure for the end of 2020, next to "
                        "the total of December 2020.",
                        value=lambda: 100 * _owed_to_russia("2019-12-31") / _total_debt_usd()),
                Mistake("wrong year (later)",
                        "You used what Russia was owed at another date. Use the World Bank figure for the end of 2020, next to "
                        "the total of December 2020.",
                        value=lambda: 100 * _owed_to_russia("2021-12-31") / _total_debt_usd()),
                Mistake("reversed ratio",
                        "Your answer is more than 100 percent: you divided the total by Russia's part. Divide the part by the whole.",
                        value=lambda: 100 * _total_debt_usd() / _owed_to_russia(DEBT_YEAR_END), tolerance=1.0),
            ],
        ),
        hints=[
            "Two rows: what Russia was owed at the end of 2020, and Belarus's total public debt near that date. Both must be in the same currency.",
            "Total public debt appears more than once around the end of 2020, once in BYN and once in USD; external debt is only part "
            "of it. Russia's claim is in USD billion: divide it by the USD total.",
            "Select a value by conditions on two columns, on a made-up table `t`: `t.loc[(t['kind'] == 'rent') & (t['unit'] == 'EUR'), "
            "'value'].item()`. Then the share in percent is 100 × part / whole.",
        ],
        points=2,
        success=(
            "Against total public debt, Russia's share is far from 70 percent. This estimate and the one in the table of readings "
            "divide figures from different sources and dates, so they differ; both are well below the claim."
        ),
        core=False,
    ),
    Exercise(
        id="05.closest_gap",
        title="How far is the claim from the data?",
        task=(
            "Complete `closest_gap(claimed, figures)`. `claimed` is the share a claim states (a percentage); `figures` is a list "
            "(or a pandas Series) of shares that the data give under different definitions, years or sources. Return the "
            "gap in percentage points between the claim and the figure closest to it: claimed minus that figure (positive "
            "when the claim is higher). The first step is given; the grader calls the function on other inputs too."
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
            mistakes=[
                Mistake("unsigned gap",
                        "Your function returns the distance without its sign. Return the claim minus the closest figure, so that "
                        "the sign says whether the claim is too high or too low.",
                        reference=lambda claimed, figures: abs(ca.closest_gap(claimed, figures))),
                Mistake("highest figure",
                        "Your function measures the gap to the highest figure, not to the closest one. Find the figure with the "
                        "smallest distance from the claim first.",
                        reference=lambda claimed, figures: claimed - max(figures)),
                Mistake("lowest figure",
                        "Your function measures the gap to the lowest figure, not to the closest one. Find the figure with the "
                        "smallest distance from the claim first.",
                        reference=lambda claimed, figures: claimed - min(figures)),
            ],
        ),
        hints=[
            "`distances` holds each figure's distance from the claim, indexed by the figure itself. Which label belongs to the smallest distance?",
            "A Series has a method that returns the label (not the value) of its smallest value. The gap then keeps its sign: the claim minus that figure.",
            "The method, on a made-up Series of prices indexed by shop, `prices = pd.Series([3.5, 2.0, 4.1], index=['A', 'B', 'C'])`: "
            "`prices.idxmin()` gives 'B', the label of the cheapest. Look it up as `Series.idxmin` in the pandas documentation.",
        ],
        points=3,
        success="The capstone's table of numeric claims uses the same rule (analysis.claims.closest_gap).",
        core=False,
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
        core=False,
    ),
)
