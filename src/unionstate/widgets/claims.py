"""Lesson 05's claim cards: pick a claim of the article, see the evidence, record your own verdict.

card_view() is a plain function of the control values (tested without a browser): the
article's own words (unionstate.quote, with the citation), the claim as the curators word
it, its kind, the evidence computed now by the lesson that covers it
(analysis.claims.evidence), the readings of a word the verdict hangs on, the sources, the
verdict scale, and, when asked for, the curators' verdict with the rubric line that decides
it. ClaimCardExplorer wires the claim menu and the "show the curators' verdict" box to it.

Below the card, the student records a verdict from the scale and a justification.
record_verdict() judges what was entered (a plain function); ClaimCards saves it like a
quiz answer (widgets/store.py): in .unionstate/answers.json, so a restart loses nothing,
and in a display output of the cell (record_bundle), so the saved notebook carries it.
In strict mode (tests, grading) nothing is restored from the workspace.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import ipywidgets as widgets
from matplotlib.patches import Patch
from IPython.display import display

from ..analysis import claims as ca
from ..exercises.feedback import status_box
from ..exercises.records import record_bundle, verdicts_payload
from ..exercises.session import strict_mode
from ..exercises.status import Status
from ..plots import LINESTYLES, MARKERS, PALETTE, color_for
from ..quotations import quote
from ..sources import caption_text, source, split_ids
from ..tables import table_html
from .base import Explorer, View, data_cache
from .live import BarPool, ChartSet, LinePool, LiveChart
from .store import load_answers, save_answer

KEY_PREFIX = "05.claim."  # answers.json keys: 05.claim.C04
HIGHLIGHT = color_for("Russia")
MUTED = "#BBBBBB"
NO_CHOICE = ""


def _wrap(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _short(text: str, width: int = 72) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


evidence = data_cache(ca.evidence)
claim = data_cache(ca.claim)
claims = data_cache(ca.claims)


def claim_options() -> list[tuple[str, str]]:
    """(menu label, claim id) for every claim of the article."""
    table = claims()
    return [(f"{r.claim_id} · {_short(r.article_statement)}", r.claim_id) for r in table.itertuples()]


# --- the card -----------------------------------------------------------------------------


@dataclass
class CardView(View):
    """A View whose text comes first: the claim, then the evidence (chart and table), then sources and verdicts."""

    head_html: str = ""
    tail_html: str = ""

    def html(self) -> str:
        parts = [self.head_html]
        if self.figure is not None:
            parts.append(self.figure._repr_mimebundle_()["text/html"])
        if self.table_html:
            parts.append(self.table_html)
        parts.append(self.tail_html)
        parts.append(f'<p class="unionstate-summary" aria-live="polite"><b>In words:</b> {html.escape(self.summary)}</p>')
        return "".join(parts)


def _evidence_of_kind(kind: str) -> list[ca.Evidence]:
    """The evidence of every claim drawn as this kind of chart: what the chart must have room for."""
    out = []
    for claim_id in claims()["claim_id"]:
        ev = evidence(claim_id)
        if ev.chart == kind and ev.table is not None:
            out.append(ev)
    return out


def _longest(labels) -> str:
    """The label that needs the most room, measured in pixels (letters differ in width: "survey recall
    (Chatham House)" is wider than longer labels of narrow letters, and was cut off at the chart's edge
    when the layout was made for the label with the most characters)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer, prop = RendererAgg(10, 10, 72), FontProperties(size=10)  # the kit's font; only the ranking matters

    def width(text) -> float:
        return max(renderer.get_text_width_height_descent(line, prop, ismath=False)[0] for line in str(text).split("\n"))

    return max(labels, key=width, default="")


class ClaimBarsChart(LiveChart):
    """Horizontal bars, one per figure of the evidence; the figure the claim is about hatched; the claim's line."""

    size = (8.6, 5.6)
    ROW = 0.5  # inches per bar

    def initial_size(self) -> tuple[float, float]:
        return (self.size[0], self.ROW * max(len(ev.table) for ev in _evidence_of_kind("bars")) + 1.6)

    def build(self) -> None:
        every = _evidence_of_kind("bars")
        n = max(len(ev.table) for ev in every)
        ax = self.ax = self.fig.subplots()
        box = {"facecolor": "white", "edgecolor": "none", "pad": 0.5}  # readable where the claim's line crosses
        self.bars = BarPool(ax, n, horizontal=True, label_box=box)
        self.reference = ax.axvline(0, color="#000000", linestyle="--", linewidth=1.5)
        self.marked_key = Patch(facecolor=HIGHLIGHT, hatch="//", edgecolor="#333333", label="the figure the claim is about")
        ax.set_xlim(0, 100)
        self.title = ax.set_title("C00: the evidence from the data", loc="left", fontsize=12)
        ax.set_xlabel(_longest(ev.unit for ev in every))
        ax.set_yticks(range(n), [_longest(_wrap(v) for ev in every for v in ev.table[ev.chart_label])] * n)
        self._legend([self.marked_key, self.reference], [self.marked_key.get_label(), _longest(ev.reference_label or "" for ev in every)])

    def _legend(self, handles, labels) -> None:
        if handles:
            self.ax.legend(handles, labels, loc="lower right", frameon=True, framealpha=0.95)
        elif self.ax.get_legend() is not None:
            self.ax.get_legend().remove()

    def update(self, ev: ca.Evidence, title: str) -> None:
        table = ev.table
        self.set_height(self.ROW * len(table) + 1.6)
        labels = [_wrap(v) for v in table[ev.chart_label]][::-1]
        values = [float(v) for v in table[ev.chart_value]][::-1]
        marked = [str(v) in ev.highlight for v in table[ev.chart_label]][::-1]
        self.bars.show(range(len(values)), values, thickness=0.8, colors=[HIGHLIGHT if m else PALETTE[0] for m in marked],
                       hatches=["//" if m else "" for m in marked], edgecolors=["#333333"] * len(values), labels=[f"{v:.1f}%" for v in values])
        ax = self.ax
        ax.set_yticks(range(len(values)), labels)
        ax.set_ylim(-0.6, len(values) - 0.4)
        handles, names = [], []
        if any(marked):
            handles.append(self.marked_key)
            names.append(self.marked_key.get_label())
        self.reference.set_visible(ev.reference is not None)
        if ev.reference is not None:
            self.reference.set_xdata([ev.reference] * 2)
            handles.append(self.reference)
            names.append(ev.reference_label)
        self._legend(handles, names)
        ax.set_xlabel(ev.unit)
        self.title.set_text(title)


class ClaimLineChart(LiveChart):
    """One line per series of the evidence over the years, and the claim's line."""

    size = (8.6, 3.8)

    def build(self) -> None:
        every = _evidence_of_kind("line")
        n = max(ev.table[ev.chart_label].nunique() for ev in every)
        ax = self.ax = self.fig.subplots()
        self.lines = LinePool(ax, n)
        self.reference = ax.axhline(0, color="#000000", linestyle=":", linewidth=1.5)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Year")
        ax.set_ylabel(_longest(ev.unit for ev in every))
        self.title = ax.set_title("C00: the evidence from the data", loc="left", fontsize=12)

    def update(self, ev: ca.Evidence, title: str) -> None:
        table, ax = ev.table, self.ax
        groups = list(table.groupby(ev.chart_label, sort=False))
        handles = []
        for i, (line, (name, rows)) in enumerate(zip(self.lines.take(len(groups)), groups)):
            color = color_for("EAEU" if "EAEU" in name else "Russia" if "Russia" in name else "", i)
            line.set_data(rows["year"].to_numpy(), rows[ev.chart_value].to_numpy(dtype=float))
            line.set(marker=MARKERS[i], linestyle=LINESTYLES[i], color=color, label=name)
            handles.append(line)
        self.reference.set_visible(ev.reference is not None)
        if ev.reference is not None:
            self.reference.set_ydata([ev.reference] * 2)
            self.reference.set_label(ev.reference_label)
            handles.append(self.reference)
        years = sorted(set(int(y) for y in table["year"]))
        ax.set_xticks([y for y in years if y % 5 == 0] or years)
        ax.set_xlim(min(years) - 0.05 * (max(years) - min(years) or 1), max(years) + 0.05 * (max(years) - min(years) or 1))
        ax.set_ylabel(ev.unit)
        ax.legend(handles, [h.get_label() for h in handles], loc="lower right")
        self.title.set_text(title)


class ClaimElectionChart(LiveChart):
    """Two bars per kind of election figure (Lukashenko above Tsikhanouskaya), each labelled."""

    size = (8.6, 6.1)
    ROW = 0.75
    CANDIDATES = (("Lukashenko_pct", "Lukashenko"), ("Tsikhanouskaya_pct", "Tsikhanouskaya"))

    def initial_size(self) -> tuple[float, float]:
        return (self.size[0], self.ROW * max(len(ev.table) for ev in _evidence_of_kind("election")) + 1.6)

    def build(self) -> None:
        every = _evidence_of_kind("election")
        n = max(len(ev.table) for ev in every)
        ax = self.ax = self.fig.subplots()
        self.pools = [BarPool(ax, n, horizontal=True) for _ in self.CANDIDATES]
        ax.set_xlim(0, 100)
        ax.set_xlabel(_longest(ev.unit for ev in every) + " (each figure measures something else)")
        ax.set_yticks(range(n), [_longest(_wrap(k, 30) for ev in every for k in ev.table["kind"])] * n)
        self.keys = [Patch(facecolor=PALETTE[k], edgecolor="#333333", hatch="" if k == 0 else "//", label=name)
                     for k, (_, name) in enumerate(self.CANDIDATES)]
        ax.legend(handles=self.keys, loc="lower right")
        self.title = ax.set_title("C00: the evidence from the data", loc="left", fontsize=12)

    def update(self, ev: ca.Evidence, title: str) -> None:
        table = ev.table.iloc[::-1].reset_index(drop=True)
        self.set_height(self.ROW * len(table) + 1.6)
        positions = range(len(table))
        height = 0.38
        rounded = [q != "exact" for q in table["value_qualifier"]]
        for k, (pool, (column, name)) in enumerate(zip(self.pools, self.CANDIDATES)):
            offset = height / 2 if k == 0 else -height / 2  # Lukashenko's bar above Tsikhanouskaya's in each group
            values = table[column].to_numpy(dtype=float)
            pool.show([p + offset for p in positions], values, thickness=height, colors=[PALETTE[k]] * len(table),
                      edgecolors=["#333333"] * len(table), hatches=["" if k == 0 else "//"] * len(table),
                      labels=[f"{v:g}%" + (" (rounded)" if r else "") for v, r in zip(table[column], rounded)])
        self.ax.set_yticks(list(positions), [_wrap(k, 30) for k in table["kind"]])
        self.ax.set_ylim(-0.6, len(table) - 0.4)
        self.ax.set_xlabel(ev.unit + " (each figure measures something else)")
        self.title.set_text(title)


CHARTS = {"bars": ClaimBarsChart, "line": ClaimLineChart, "election": ClaimElectionChart}


def evidence_figure(ev: ca.Evidence, *, charts: ChartSet | None = None):
    """The evidence as a captioned chart with alt text, or None when the claim has no chart.

    charts: the explorer's persistent charts (a fresh chart is drawn when None)."""
    kind = CHARTS.get(ev.chart)
    if kind is None or ev.table is None:
        return None
    words = {"bars": "Bar chart", "line": "Line chart", "election": "Bar chart of election figures by kind"}[ev.chart]
    chart = (charts if charts is not None else ChartSet()).get(kind)
    return chart.render(alt=f"{words} for claim {ev.claim_id}. {ev.finding}", caption=caption_text(ev.source_ids), ev=ev,
                        title=f"{ev.claim_id}: the evidence from the data")


def _table_html(ev: ca.Evidence) -> str:
    """The evidence rows as a table."""
    if ev.table is None or ev.chart == "line":  # a line chart's long table adds nothing the chart does not show
        return ""
    return table_html(ev.table, index=False, label=f"The evidence rows for claim {ev.claim_id}")


def _sources_html(title: str, ids: list[str]) -> str:
    if not ids:
        return ""
    items = "".join(f"<li>{html.escape(source(i).citation())}</li>" for i in ids)
    return f"<details><summary>{html.escape(title)} ({len(ids)})</summary><ul>{items}</ul></details>"


def _scale_html(chosen: str | None) -> str:
    cells = []
    for label in ca.VERDICTS:
        if label == chosen:
            cells.append(f'<b style="border:2px solid #000;padding:1px 6px">{html.escape(label)} ✓</b>')
        else:
            cells.append(f'<span style="padding:1px 6px">{html.escape(label)}</span>')
    return "<p><b>Verdict scale:</b> " + " · ".join(cells) + "</p>"


KIND_WORDS = {
    "fact": "checkable against records",
    "characterisation": "evaluative words about something records can show: checked like a fact",
    "quotation": "checked for whether the person said it, in those words",
    "opinion": "a judgement or prediction: not true or false",
    "prediction": "not checkable when written",
    "context": "not a sentence of the article",
}


def _article_words_html(claim_id: str) -> str:
    """The article's own words for a claim, from the quotations dataset, with the citation."""
    try:
        q = quote(claim_id)
    except KeyError:
        return "<p><b>The article's words:</b> none. This row is not a sentence of the article: it is background the curators add.</p>"
    return (
        f'<p style="margin-bottom:2px"><b>The article\'s words</b> (quotation {html.escape(", ".join(q.quote_ids))}):</p>'
        f'<blockquote style="font-size:1.1em;margin:2px 0 4px 12px">“{html.escape(q.text)}”</blockquote>'
        f'<p style="font-size:0.85em;color:#333">{html.escape(q.citation)}, English translation of the German original.</p>'
    )


def _readings_html(claim_id: str, show_verdict: bool) -> str:
    table = ca.readings(claim_id)
    if table.empty:
        note = ca.WORDING_NOTES.get(claim_id)
        return f"<p><b>Translation:</b> {html.escape(note)}</p>" if note else ""
    word = table["word"].iloc[0]
    head = "<tr><th>reading</th><th>figure in the data</th>" + ("<th>verdict under this reading</th><th>why</th>" if show_verdict else "") + "</tr>"
    rows = []
    for r in table.itertuples():
        figure = "—" if r.figure_pct != r.figure_pct or r.figure_pct is None else f"{r.figure_pct:g}%"
        cells = f"<td>{html.escape(r.reading)}</td><td style='white-space:nowrap'>{figure}</td>"
        if show_verdict:
            cells += f"<td>{html.escape(r.verdict)}</td><td>{html.escape(r.why)}</td>"
        rows.append(f"<tr>{cells}</tr>")
    hidden = "" if show_verdict else " Tick “Show the curators' verdict” to see the verdict under each reading."
    return (
        f"<p><b>The verdict hangs on one word: “{html.escape(word)}”.</b> {html.escape(ca.TRANSLATION_CAVEAT)}{html.escape(hidden)}</p>"
        f'<div style="overflow-x:auto;font-size:0.9em"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _evidence_rows_text(ev: ca.Evidence) -> str:
    if ev.table is None:
        return "none: the data hold no rows on this claim."
    n = len(ev.table)
    shown = "in the chart above" if ev.chart == "line" else "in the table above"
    where = f", from {ev.rows_from}" if ev.rows_from else ""
    return f"the {n} {'row' if n == 1 else 'rows'} {shown}{where}, with their sources listed below."


def card_view(claim_id: str = "C01", show_verdict: bool = False, *, charts: ChartSet | None = None) -> CardView:
    """The claim card for one claim; the curators' verdict, its rubric line and the verdicts under each reading only when show_verdict.

    charts: the explorer's persistent charts (fresh ones are drawn when None)."""
    row = claim(claim_id)
    ev = evidence(claim_id)
    esc = html.escape
    kind = row["kind"]
    head = (
        f'<div class="unionstate-card"><p><b>{esc(claim_id)}</b> · kind of claim: <b>{esc(kind)}</b> ({esc(KIND_WORDS.get(kind, ""))}) · '
        f"claim type (curators): <i>{esc(row['claim_type'])}</i></p>"
        + _article_words_html(claim_id)
        + f"<p><b>The {'row' if kind == 'context' else 'claim'} in the curators' words</b> (a summary, not a quotation): {esc(row['article_statement'])}</p>"
    )
    if claim_id in ca.KIND_NOTES:
        head += f"<p><b>Why the kit checks it as a {esc(kind)}:</b> {esc(ca.KIND_NOTES[claim_id])}</p>"
    head += f"<p><b>Evidence from the data</b>, computed now as in {esc(ev.lesson)}: {esc(ev.finding)}</p></div>"
    tail = ""
    if ev.not_in_data:
        tail += f"<p><b>Not in the data:</b> {esc(ev.not_in_data)}</p>"
    if ev.would_settle:
        tail += f"<p><b>What would settle it:</b> {esc(ev.would_settle)}</p>"
    tail += _readings_html(claim_id, show_verdict)
    tail += f"<p><b>What the curators' sources say:</b> {esc(row['what_sources_say'])}</p>"
    curators_ids = split_ids(row["source_id"])
    tail += _sources_html("Sources of the evidence rows", ev.source_ids) + _sources_html("The curators' sources", curators_ids)
    if not curators_ids and not ev.source_ids:
        tail += "<p>No source is listed for this claim: it is a judgement, not a fact a source could confirm.</p>"
    tail += _scale_html(row["verdict_label"] if show_verdict else None)
    verdict_words = ""
    if show_verdict:
        qualifier = f" (qualifier: {row['verdict_qualifier']})" if row["verdict_qualifier"] else ""
        note = row["note"] if isinstance(row["note"], str) and row["note"].strip() else "none"
        line = ca.rubric_line(kind, row["verdict_label"])
        tail += (
            f"<p><b>The curators' verdict:</b> {esc(row['verdict_label'])}{esc(qualifier)}.</p>"
            f"<p><b>The rubric line that decides it:</b> {esc(line.line)} ({esc(line.applies_to)}): {esc(line.rule)}</p>"
            f"<p><b>Evidence rows:</b> {esc(_evidence_rows_text(ev))}</p>"
            f"<p><b>The curators' note:</b> {esc(note)}</p>"
        )
        verdict_words = f" The curators' verdict: {row['verdict']} (rubric line {line.line})."
    else:
        tail += "<p><i>Make up your own mind first, then tick “Show the curators' verdict” to compare.</i></p>"
    summary = f"Claim {claim_id} ({kind}): {row['article_statement']} Evidence: {ev.finding}"
    if ev.not_in_data:
        summary += f" Not in the data: {ev.not_in_data}"
    summary += verdict_words
    return CardView(summary=summary, figure=evidence_figure(ev, charts=charts), table_html=_table_html(ev), head_html=head, tail_html=tail)


class ClaimCardExplorer(Explorer):
    title = "Claim cards: the article, claim by claim"

    def __init__(self, start: str = "C01"):
        controls = {
            "claim_id": widgets.Dropdown(options=claim_options(), value=start, description="Claim:",
                                         style={"description_width": "initial"}, layout=widgets.Layout(width="95%")),
            "show_verdict": widgets.Checkbox(value=False, description="Show the curators' verdict", indent=False),
        }
        self.charts = ChartSet()
        super().__init__(controls)

    def view(self, **values) -> View:
        return card_view(**values, charts=self.charts)


# --- the student's verdict ----------------------------------------------------------------


def record_verdict(verdicts: dict, claim_id: str, verdict: str, justification: str) -> tuple[Status, str]:
    """Judge what the student entered; on success store it in `verdicts`. Returns (status, message).

    status: 'saved', or 'unanswered' (no verdict chosen) or 'invalid' (no justification):
    a verdict without its reasons is not a fact-check.
    """
    if verdict not in ca.VERDICT_SCALE:
        return Status.UNANSWERED, "Choose a verdict from the scale first."
    text = (justification or "").strip()
    if not text:
        return Status.INVALID, "Write why: one or two sentences with the figures and source ids you rely on. Then save again."
    verdicts[claim_id] = {"verdict": verdict, "justification": text}
    return Status.SAVED, (
        f"Saved your verdict on {claim_id}: “{verdict}”. It is recorded in this notebook (under the cards) and kept for "
        f"when you come back. Compare it with the curators' verdict when you are ready."
    )


def verdicts_bundle(verdicts: dict) -> dict:
    """The notebook output that carries the student's verdicts (plain text plus a record for the grader)."""
    if not verdicts:
        return {"text/plain": "No claim-card verdicts recorded yet: choose a verdict, write why, and press “Save my verdict”."}
    lines = [f"{cid}: {v['verdict']} (“{_short(v['justification'], 90)}”)" for cid, v in sorted(verdicts.items())]
    text = "Your claim-card verdicts, recorded in this notebook:\n" + "\n".join(lines)
    return record_bundle(verdicts_payload(verdicts), text)


def saved_verdicts() -> tuple[dict, str]:
    """Verdicts saved in the workspace (none in strict mode), and a warning if the file could not be read."""
    if strict_mode():
        return {}, ""
    saved, problem = load_answers()
    out = {}
    for key, value in saved.items():
        if key.startswith(KEY_PREFIX) and isinstance(value, dict) and value.get("verdict") in ca.VERDICT_SCALE:
            out[key[len(KEY_PREFIX):]] = {"verdict": value["verdict"], "justification": str(value.get("justification", ""))}
    return out, problem


def _status_html(status: Status, message: str) -> str:
    return status_box(status, html.escape(message))


class ClaimCards(widgets.VBox):
    """The claim cards with, below them, the controls for the student's own verdict on the chosen claim."""

    def __init__(self, start: str = "C01"):
        self.verdicts, problem = saved_verdicts()
        self.cards = ClaimCardExplorer(start)
        self.heading = widgets.HTML()
        self.verdict = widgets.Dropdown(options=[("(choose a verdict)", NO_CHOICE)] + [(v, v) for v in ca.VERDICTS],
                                        value=NO_CHOICE, description="Your verdict:", style={"description_width": "initial"})
        self.justification = widgets.Textarea(
            placeholder="Why? The figures and source ids you rely on, and what the claim gets right or wrong.",
            description="Your reasons:", style={"description_width": "initial"}, layout=widgets.Layout(width="95%", height="90px"),
        )
        self.button = widgets.Button(description="Save my verdict", button_style="primary", tooltip="Save your verdict and reasons for this claim")
        self.status = widgets.HTML(_status_html(Status.UNANSWERED, problem) if problem else "")
        self.button.on_click(lambda _: self.save())
        self.cards.controls["claim_id"].observe(lambda change: self._show_claim(change["new"]), names="value")
        self._handle = None
        panel = widgets.VBox([self.heading, self.verdict, self.justification, self.button, self.status],
                             layout=widgets.Layout(border_top="2px solid #777777", margin="10px 0 0 0", padding="6px 0 0 0"))
        panel.add_class("unionstate-verdict-panel")
        super().__init__([self.cards, panel])
        self.add_class("unionstate-widget")
        self.add_class("unionstate-claimcards")
        self._show_claim(start)

    @property
    def claim_id(self) -> str:
        return self.cards.controls["claim_id"].value

    def _show_claim(self, claim_id: str) -> None:
        saved = self.verdicts.get(claim_id)
        self.heading.value = f"<b>Your verdict on {html.escape(claim_id)}</b> (graded by your teacher with the fact-check brief)"
        self.verdict.value = saved["verdict"] if saved else NO_CHOICE
        self.justification.value = saved["justification"] if saved else ""
        self.status.value = _status_html(Status.SAVED, f"You saved a verdict on {claim_id} before; change it and save again if you like.") if saved else ""

    def save(self) -> str:
        status, message = record_verdict(self.verdicts, self.claim_id, self.verdict.value, self.justification.value)
        if status == Status.SAVED:
            if self._handle is not None:
                self._handle.update(verdicts_bundle(self.verdicts), raw=True)
            try:
                save_answer(KEY_PREFIX + self.claim_id, dict(self.verdicts[self.claim_id], claim=self.claim_id))
            except OSError as exc:
                message += f" (Could not save a copy outside the notebook: {exc}. It is still recorded in this notebook.)"
        self.status.value = _status_html(status, message)
        return status

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        summary = self.cards.last_view.summary if self.cards.last_view else ""
        bundle["text/plain"] = f"Claim cards (interactive: run the notebook to use them). {summary}"
        return bundle


def claim_cards(start: str = "C01") -> None:
    """Show the claim cards and, under them, the record of the verdicts you save (restored after a restart)."""
    cards = ClaimCards(start)
    display(cards)
    cards._handle = display(verdicts_bundle(cards.verdicts), raw=True, display_id=True)


__all__ = ["CardView", "ClaimCardExplorer", "ClaimCards", "card_view", "claim_cards", "claim_options", "evidence_figure", "record_verdict", "saved_verdicts", "verdicts_bundle"]
