"""Widget logic without a browser: the quiz judges and records answers; explorers respond to their controls."""

from __future__ import annotations

import json

import pytest

from unionstate.exercises import get
import unionstate.widgets.store as quiz_module
from unionstate.widgets.data_explorer import DatasetExplorer, dataset_view, source_counts
from unionstate.widgets.quizzes import ANSWER_MIME, QuizWidget, _record_bundle, judge
from unionstate.widgets.store import load_answers as _load_store


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    return tmp_path


def test_judge_explains_each_option():
    q = get("00.two_reports")
    assert judge(q, None)[0] == "unanswered"
    assert judge(q, q.answer) == ("correct", q.explanations[q.answer])
    wrong = next(letter for letter in q.options if letter != q.answer)
    assert judge(q, wrong) == ("incorrect", q.explanations[wrong])


def test_submitting_records_the_answer_in_the_notebook_output_and_the_workspace(in_tmp):
    q = get("00.two_reports")
    widget = QuizWidget(q)
    updates = []

    class Handle:
        def update(self, bundle, raw):
            updates.append(bundle)

    widget._handle = Handle()
    widget.choices.value = "A"
    assert widget.submit() == "incorrect"
    assert "Not yet." in widget.feedback.value
    widget.choices.value = q.answer
    assert widget.submit() == "correct"
    assert updates[-1][ANSWER_MIME] == {"quiz": "00.two_reports", "answer": q.answer}
    saved, problem = _load_store()
    assert problem == "" and saved["00.two_reports"]["answer"] == q.answer


def test_no_choice_records_nothing(in_tmp):
    widget = QuizWidget(get("00.two_reports"))
    assert widget.submit() == "unanswered"
    assert not quiz_module.STORE.exists()


def test_corrupt_store_is_kept_aside_and_reported(in_tmp):
    quiz_module.STORE.parent.mkdir()
    quiz_module.STORE.write_text("{broken", encoding="utf-8")
    saved, problem = _load_store()
    assert saved == {} and "could not be read" in problem
    widget = QuizWidget(get("00.two_reports"))
    widget.choices.value = "B"
    widget.submit()
    assert json.loads(quiz_module.STORE.read_text())["00.two_reports"]["answer"] == "B"
    kept = list(quiz_module.STORE.parent.glob("answers.unreadable-*.json"))
    assert kept and kept[0].read_text() == "{broken"


def test_record_bundle_is_plain_text_and_json():
    bundle = _record_bundle(get("00.two_reports"), "B")
    assert bundle["text/plain"] == "Recorded answer for quiz 00.two_reports: B"
    assert json.dumps(bundle)


def test_dataset_view_responds_to_both_controls():
    rows = dataset_view("klaipeda_transit", "rows")
    cols = dataset_view("klaipeda_transit", "columns")
    srcs = dataset_view("klaipeda_transit", "sources")
    other = dataset_view("surveys", "rows")
    assert len({rows.table_html, cols.table_html, srcs.table_html, other.table_html}) == 4
    assert "value_qualifier" in dataset_view("opinion", "columns").table_html
    assert "LRT_2020_09_08" in srcs.table_html
    assert "has 24 rows" in rows.summary


def test_source_counts_match_the_csv():
    import csv

    from unionstate import paths

    with open(paths.ROOT / "data" / "trade" / "eaeu_members.csv", newline="") as fh:
        ids = [i for row in csv.DictReader(fh) for col in ("joined_source_id", "source_id") for i in row[col].split(";")]
    assert dict(source_counts("eaeu_members")) == {i: ids.count(i) for i in set(ids)}


def test_explorer_widget_redraws_on_change():
    explorer = DatasetExplorer("surveys")
    first = explorer.display_area.value
    explorer.controls["show"].value = "columns"
    assert explorer.display_area.value != first
    assert "Dataset explorer" in explorer._repr_mimebundle_()["text/plain"]


def test_explorer_shows_a_setting_seen_before_from_its_cache():
    calls = []

    class Counting(DatasetExplorer):
        def view(self, name, show):
            calls.append((name, show))
            return dataset_view(name, show)

    explorer = Counting("surveys")
    first = explorer.display_area.value
    explorer.controls["show"].value = "columns"
    explorer.controls["show"].value = "rows"
    assert explorer.display_area.value == first
    assert calls == [("surveys", "rows"), ("surveys", "columns")]  # the way back was not drawn again


def test_explorer_error_is_a_sentence_and_not_cached():
    class Broken(DatasetExplorer):
        def view(self, name, show):
            raise ValueError("no rows in that range")

    explorer = Broken("surveys")
    assert "could not be shown (ValueError: no rows in that range)" in explorer.display_area.value
    assert explorer._views == {}


# --- persistent figures: what a student sees is what a fresh draw shows -----------------------

import importlib  # noqa: E402

import ipywidgets  # noqa: E402

from unionstate.widgets.base import Coalescer  # noqa: E402
from unionstate.widgets.live import ChartSet, artist_state  # noqa: E402

CHART_EXPLORERS = [
    ("debt", "DebtExplorer", 10),
    ("energy", "GasGapExplorer", 12),
    ("surveys", "MarginOfErrorExplorer", 8),
    ("surveys", "SurveyExplorer", 16),
    ("timeline", "TimelineExplorer", 12),
    ("trade", "TradeExplorer", 14),
    ("trade", "KlaipedaExplorer", 6),
    ("claims", "ClaimCardExplorer", 24),
]


def _next_value(control):
    """Another valid value for a control: the next option, a step along, the other tick state."""
    if isinstance(control, (ipywidgets.Dropdown, ipywidgets.ToggleButtons)):
        values = list(control._options_values)
        return values[(values.index(control.value) + 1) % len(values)]
    if isinstance(control, ipywidgets.Checkbox):
        return not control.value
    if isinstance(control, ipywidgets.IntRangeSlider):
        lo, hi = control.value
        step = 3 * control.step
        return (lo + step, hi) if lo + step <= hi else (control.min, hi)
    if isinstance(control, ipywidgets.IntSlider):
        step = max(control.step, (control.max - control.min) // 7)
        return control.value + step if control.value + step <= control.max else control.min
    raise TypeError(type(control).__name__)


def _walk(explorer, steps: int):
    """Move the controls one at a time (as a student does: the explorer's own wiring runs, e.g. the
    survey explorer's question menu follows the pollster), yielding each setting."""
    names = list(explorer.controls)
    for i in range(steps):
        control = explorer.controls[names[i % len(names)]]
        control.unobserve(explorer._on_change, names="value")
        try:
            control.value = _next_value(control)
        finally:
            control.observe(explorer._on_change, names="value")
        yield explorer.values()


@pytest.mark.parametrize("module, name, steps", CHART_EXPLORERS, ids=[n for _, n, _ in CHART_EXPLORERS])
def test_persistent_chart_shows_what_a_fresh_draw_shows(module, name, steps):
    explorer = getattr(importlib.import_module(f"unionstate.widgets.{module}"), name)()
    persistent = explorer.charts
    compared = 0
    for setting in _walk(explorer, steps):
        view = explorer.view(**setting)  # on the persistent charts, after every setting before it
        explorer.charts = fresh = ChartSet()
        try:
            again = explorer.view(**setting)  # on charts built for this setting alone
        finally:
            explorer.charts = persistent
        assert (view.summary, view.details_html, view.table_html) == (again.summary, again.details_html, again.table_html), setting
        if again.figure is None:
            assert view.figure is None, setting
            continue
        assert (view.figure.alt, view.figure.caption) == (again.figure.alt, again.figure.caption), setting
        assert view.figure.alt and view.figure.png.startswith(b"\x89PNG"), setting
        for key, chart in fresh._charts.items():
            assert artist_state(persistent._charts[key].fig) == artist_state(chart.fig), (key[0].__name__, setting)
            compared += 1
    assert compared >= 3  # charts were compared (a claim without a chart is checked above)


def test_artist_state_sees_a_stale_artist():
    """The comparison above would catch an update that forgets to hide or change something."""
    from unionstate.widgets.surveys import MoeChart

    a, b = MoeChart(), MoeChart()
    a.draw(n=1000, p_pct=40, show_stated=True)
    b.draw(n=1000, p_pct=40, show_stated=True)
    assert artist_state(a.fig) == artist_state(b.fig)
    b.stated.set_visible(False)
    assert artist_state(a.fig) != artist_state(b.fig)
    b.stated.set_visible(True)
    b.here_text.set_text("n = 999")
    assert artist_state(a.fig) != artist_state(b.fig)


def test_a_cached_view_holds_an_image_not_a_live_figure():
    from unionstate.widgets.debt import DebtExplorer

    explorer = DebtExplorer()
    first = explorer.last_view
    explorer.controls["definition"].value = "efsd_2018"
    explorer.controls["definition"].value = "alone_2018"  # back: from the cache
    assert explorer.last_view is first and isinstance(first.figure.png, bytes)
    assert not any(hasattr(value, "canvas") for value in vars(first.figure).values())


# --- a dragged slider: the newest value wins ---------------------------------------------------


class ManualLoop:
    """Stands in for the kernel's event loop: scheduled looks run only when the test says so."""

    def __init__(self):
        self.waiting = []

    def schedule(self):
        return lambda callback: self.waiting.append(callback)  # the next turn, whichever list holds it then

    def turn(self):
        ready, self.waiting = self.waiting, []
        for callback in ready:
            callback()


def test_a_change_that_comes_alone_is_drawn_at_once():
    loop, drawn, state = ManualLoop(), [], {"value": 0}
    coalescer = Coalescer(lambda: drawn.append(state["value"]), schedule=loop.schedule)
    state["value"] = 1
    coalescer.changed()
    assert drawn == [1]
    for _ in range(5):
        loop.turn()
    assert drawn == [1] and not coalescer.watching


def test_changes_that_queue_up_are_merged_into_one_draw_of_the_newest():
    loop, drawn, state = ManualLoop(), [], {"value": 0}
    coalescer = Coalescer(lambda: drawn.append(state["value"]), schedule=loop.schedule)
    state["value"] = 1
    coalescer.changed()  # drawn at once
    for value in (2, 3, 4):  # handled while the first one was being drawn: waiting in the queue
        state["value"] = value
        coalescer.changed()
    loop.turn()
    state["value"] = 5  # one more arrives between two looks: still merged
    coalescer.changed()
    for _ in range(6):
        loop.turn()
    assert drawn == [1, 5]  # no stale 2, 3 or 4; the last value is always drawn
    assert not coalescer.watching


def test_without_an_event_loop_every_change_is_drawn():
    drawn = []
    coalescer = Coalescer(lambda: drawn.append(len(drawn)), schedule=lambda: None)
    for _ in range(3):
        coalescer.changed()
    assert drawn == [0, 1, 2]


def test_a_loop_marked_running_outside_a_kernel_does_not_hold_back_a_draw():
    """Playwright's sync API (the browser tests, same pytest process) leaves its event loop marked as
    running in the main thread; a draw scheduled there would wait for the next browser call."""
    import asyncio

    from unionstate.widgets.surveys import MarginOfErrorExplorer

    loop = asyncio.new_event_loop()
    asyncio.events._set_running_loop(loop)
    try:
        explorer = MarginOfErrorExplorer(1000, 50)
        for n in (1500, 2000):
            explorer.controls["n"].value = n
            assert explorer.last_view.summary.startswith(f"With n = {n:,} "), n
    finally:
        asyncio.events._set_running_loop(None)
        loop.close()


def test_explorer_merges_a_burst_of_slider_values():
    from unionstate.widgets.surveys import MarginOfErrorExplorer

    loop = ManualLoop()
    explorer = MarginOfErrorExplorer(1000, 50)
    explorer.coalescer = Coalescer(explorer.refresh, schedule=loop.schedule)
    before = explorer.draws
    for n in range(1100, 2100, 100):  # a drag: ten values before the kernel gets to draw
        explorer.controls["n"].value = n
    for _ in range(6):
        loop.turn()
    assert explorer.draws - before == 2  # the first value at once, then the newest
    assert explorer.last_view.summary.startswith("With n = 2,000 ")


def test_sliders_send_values_while_dragged():
    """continuous_update: the picture follows the drag (the frontend sends one value per redraw)."""
    from unionstate.widgets.energy import GasGapExplorer
    from unionstate.widgets.surveys import MarginOfErrorExplorer, SurveyExplorer
    from unionstate.widgets.timeline import TimelineExplorer
    from unionstate.widgets.trade import TradeExplorer

    for explorer in (GasGapExplorer(), MarginOfErrorExplorer(), SurveyExplorer(), TimelineExplorer(), TradeExplorer()):
        sliders = [c for c in explorer.controls.values() if isinstance(c, (ipywidgets.IntSlider, ipywidgets.IntRangeSlider))]
        assert sliders and all(s.continuous_update for s in sliders), type(explorer).__name__


def test_a_kernel_draws_the_newest_value_of_a_burst_not_every_value():
    """The real thing, without a browser: a kernel gets fifteen slider updates at once (as a client
    without ipywidgets' own throttle would send them while dragging) and draws the newest, not all."""
    jupyter_client = pytest.importorskip("jupyter_client")
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        def run(code: str) -> str:
            reply_to, text = kc.execute(code), ""
            while True:
                msg = kc.get_iopub_msg(timeout=120)
                if msg["parent_header"].get("msg_id") != reply_to:
                    continue
                if msg["msg_type"] == "stream":
                    text += msg["content"]["text"]
                elif msg["msg_type"] == "error":
                    raise AssertionError("\n".join(msg["content"]["traceback"]))
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return text

        comm_id = run("from unionstate.widgets.surveys import MarginOfErrorExplorer\n"
                      "ex = MarginOfErrorExplorer(1000, 50)\nstart = ex.draws\nprint(ex.controls['n'].model_id)").strip()
        for n in range(1100, 2600, 100):
            kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {"value": n}, "buffer_paths": []}}))
        # Runs after the updates (one queue). It awaits (a blocking sleep would stop the event loop, and with
        # it the looks that end a burst) until the explorer has stopped watching for more changes.
        out = run("import asyncio\nfor _ in range(600):\n    await asyncio.sleep(0.05)\n"
                  "    if not ex.coalescer.watching and ex.controls['n'].value == 2500: break\n"
                  "print(ex.draws - start, ex.controls['n'].value, ex.last_view.summary[:20])")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    draws, value, summary = out.split(maxsplit=2)
    assert value == "2500" and summary.startswith("With n = 2,500"), out  # the last value is drawn
    assert int(draws) < 8, out  # not fifteen: the values that queued up were merged


def test_remembered_text_draws_the_same_pixels_as_matplotlib():
    """The caching renderer is only a shortcut: every pixel equals matplotlib's own renderer's."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from unionstate.widgets import live
    from unionstate.widgets.debt import DebtChart
    from unionstate.widgets.surveys import MoeChart
    from unionstate.widgets.timeline import ALL, TimelineChart, categories, filtered_events

    assert live.CANVAS is live._TextCachingCanvas  # this matplotlib is the one the cache was written for

    def pixels(chart, **setting):
        with live.house_style():
            chart.update(**setting)
            chart.fig.canvas.draw()
        return np.asarray(chart.fig.canvas.buffer_rgba()).copy()

    cases = [(DebtChart, [dict(definition="efsd_2018", show_claim=True), dict(definition="wb_total_2020", show_claim=False)]),
             (MoeChart, [dict(n=1234, p_pct=37, show_stated=True), dict(n=4321, p_pct=73, show_stated=False)]),
             (TimelineChart, [dict(events=filtered_events(ALL), lanes=categories(), years=(1991, 2024), selected=5),
                              dict(events=filtered_events("energy", (2004, 2011)), lanes=["energy"], years=(2004, 2011), selected=None)])]
    for kind, settings in cases:
        cached, plain = kind(), kind()
        FigureCanvasAgg(plain.fig)  # matplotlib's own renderer
        for setting in settings + settings:  # the second time round, every text comes from the cache
            assert np.array_equal(pixels(cached, **setting), pixels(plain, **setting)), (kind.__name__, setting)


def test_every_kit_widget_carries_the_kit_css_and_script():
    from unionstate.widgets.debt import DebtExplorer
    from unionstate.widgets.style import A11Y_SCRIPT, KIT_CSS

    quiz_widget = QuizWidget(get("00.two_reports"))
    for widget in (DebtExplorer(), quiz_widget):
        styles = [c for c in widget.children if isinstance(c, ipywidgets.HTML) and "<style>" in c.value]
        scripts = [c for c in widget.children if isinstance(c, ipywidgets.Output)]
        assert styles and KIT_CSS in styles[0].value and styles[0].layout.display == "none"
        assert scripts and scripts[0].outputs[0]["data"]["application/javascript"] == A11Y_SCRIPT
        assert "unionstate-widget" in widget._dom_classes
        assert not isinstance(widget.children[0], ipywidgets.Output) and "<style>" not in getattr(widget.children[0], "value", "")
    assert ".unionstate-quiz .widget-radio-box label" in KIT_CSS and "max-width: 100%" in KIT_CSS
    assert "aria-label" in A11Y_SCRIPT and "noUi-handle" in A11Y_SCRIPT


def test_blitting_the_margin_of_error_chart_draws_a_full_draws_pixels():
    """While n moves the chart restores a background and draws the left panel and the point again; every
    frame must equal drawing the whole figure the ordinary way."""
    import io

    import numpy as np
    from PIL import Image

    from unionstate.widgets import live
    from unionstate.widgets.surveys import MoeChart

    blitted, plain = MoeChart(), MoeChart()
    plain.moving = []  # drawn the ordinary way, every artist in its z-order
    settings = [dict(n=n, p_pct=p, show_stated=s) for p, s in ((50, True), (13, True), (13, False)) for n in (100, 1061, 1500, 4200, 5000)]
    reused = 0
    for setting in settings:
        again = blitted._background is not None and blitted.same_background(blitted._background_setting, setting)
        reused += again
        a = np.asarray(Image.open(io.BytesIO(blitted.draw(**setting))))
        b = np.asarray(Image.open(io.BytesIO(plain.draw(**setting))))
        assert np.array_equal(a, b), setting
    assert reused == len(settings) - 3  # every n after the first of each (p, shown) pair was blitted
    assert live.artist_state(blitted.fig) == live.artist_state(plain.fig)


@pytest.mark.parametrize("module, name, steps", CHART_EXPLORERS, ids=[n for _, n, _ in CHART_EXPLORERS])
def test_every_text_of_an_explorer_chart_lies_inside_its_picture(module, name, steps):
    """The picture is the figure as laid out once (no tight box at each draw): a title, tick or axis
    label that runs past the figure's edge is cut off in what students see (the gas chart's lower
    y-label was, in the student walk). Every setting of a walk through the controls is checked."""
    explorer = getattr(importlib.import_module(f"unionstate.widgets.{module}"), name)()
    cut = set()
    for setting in [explorer.values(), *_walk(explorer, steps)]:
        explorer.view(**setting)
        for key, chart in explorer.charts._charts.items():
            fig = chart.fig
            renderer = fig.canvas.get_renderer()
            drawn = []  # the texts a draw actually paints (a tick label outside the axis limits is not drawn)
            paint = renderer.draw_text
            renderer.draw_text = lambda *args, mtext=None, **kw: (drawn.append(mtext), paint(*args, mtext=mtext, **kw))
            try:
                fig.draw(renderer)
            finally:
                del renderer.draw_text
            edge = fig.bbox
            for text in drawn:
                if text is None or not text.get_text().strip() or (text.get_clip_on() and text.get_clip_box() is not None):
                    continue  # a text clipped to its axes (an event label) is cut there by design, not at the edge
                box = text.get_window_extent(renderer)
                seen = box.x1 > edge.x0 and box.x0 < edge.x1 and box.y1 > edge.y0 and box.y0 < edge.y1
                # Partly in the picture: cut off. (Wholly outside is not drawn at all: an event label whose
                # date lies outside the chosen years, which the x limits move out of the picture.)
                if seen and (box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1):
                    cut.add(f"{key[0].__name__}: {text.get_text()!r} at x {box.x0:.0f}-{box.x1:.0f}, y {box.y0:.0f}-{box.y1:.0f} "
                            f"in a picture {edge.width:.0f}x{edge.height:.0f} (setting {setting})")
    assert not cut, f"{name}: texts cut off at the picture's edge:\n" + "\n".join(sorted(cut)[:10])
