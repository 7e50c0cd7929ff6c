"""The shape every explorer shares: controls on top, a chart or table, a text summary.

A subclass lists its controls and implements view(**values) -> View, a plain
function of the control values. The chart is shown as an <img> with alt text
inside an HTML widget (not an Output widget), so no output capture is involved
and the explorer redraws quickly; a chart explorer keeps one persistent figure
(widgets/live.py) and passes it to its view function.

While a slider is dragged, changes come faster than a chart can be drawn. Two things
keep the picture on the newest value, never behind a queue of stale ones:
- in the browser, ipywidgets sends at most one update per control until the kernel is
  idle again, and then only the newest value (its "message throttle");
- in the kernel, Coalescer draws a change at once when it comes alone, and merges the
  changes that were already waiting (several controls, or a client without the throttle)
  into one draw of the newest setting, made once they have all been handled.
"""

from __future__ import annotations

import asyncio
import html
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Callable

import ipywidgets as widgets
import pandas as pd

from ..plots import Figure
from .style import kit_assets


@dataclass
class View:
    """What an explorer shows for one setting of its controls (the chart as an encoded image, never a live figure)."""

    summary: str  # one or two sentences: what the chart or table shows (read by screen readers)
    figure: Figure | None = None
    table_html: str = ""
    details_html: str = ""  # e.g. the survey's method, an event's description and source

    def html(self) -> str:
        parts = []
        if self.figure is not None:
            parts.append(self.figure._repr_mimebundle_()["text/html"])
        if self.table_html:
            parts.append(self.table_html)
        if self.details_html:
            parts.append(f'<div class="unionstate-details">{self.details_html}</div>')
        parts.append(f'<p class="unionstate-summary" aria-live="polite"><b>In words:</b> {html.escape(self.summary)}</p>')
        return "".join(parts)


def data_cache(function):
    """Remember a function of the kit's data, per argument: the data do not change while a notebook runs,
    and recomputing a table for every setting of a control costs more than drawing it. A DataFrame or
    Series is handed out as a copy, so no caller can change what is remembered."""
    remembered = lru_cache(maxsize=128)(function)

    @wraps(function)
    def cached(*args, **kwargs):
        value = remembered(*args, **kwargs)
        return value.copy() if isinstance(value, (pd.DataFrame, pd.Series)) else value

    cached.cache_clear = remembered.cache_clear
    return cached


Schedule = Callable[[Callable[[], None]], None]

# Looks at the kernel's event loop before the trailing draw: changes still being handled move the
# draw on; this many looks in a row without a new change mean the waiting messages are all handled.
QUIET_LOOKS = 2


def _in_kernel() -> bool:
    """True inside a Jupyter kernel. A running event loop alone is not enough: Playwright's sync API
    (the browser tests) leaves its own loop marked as running in the main thread, and a callback
    scheduled there would wait until the next browser call."""
    try:
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:  # pragma: no cover - ipykernel comes with the kit
        return False
    return IPKernelApp.initialized()


def kernel_schedule() -> Schedule | None:
    """Run a callback after the kernel has handled what is ready (its event loop's next turn);
    None outside a kernel (a script, a test), where every change is drawn at once."""
    if not _in_kernel():
        return None
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return lambda callback: loop.call_later(0.001, callback)


class Coalescer:
    """Calls draw() for the newest state: at once for a change that comes alone; changes that arrive
    while earlier ones are still being handled are merged into one trailing draw (the last state
    is always drawn). schedule: how to look again later (kernel_schedule() by default; a test passes
    its own to run the looks by hand)."""

    def __init__(self, draw: Callable[[], None], schedule: Callable[[], Schedule | None] = kernel_schedule):
        self._draw, self._scheduler = draw, schedule
        self.watching = False  # a burst may be on: changes are merged, not drawn at once
        self._dirty = False
        self._changes = 0
        self._seen = 0
        self._quiet = 0

    def changed(self) -> None:
        self._changes += 1
        if self.watching:
            self._dirty = True
            return
        self._draw()
        self._watch()

    def _watch(self) -> None:
        schedule = self._scheduler()
        if schedule is None:
            return
        self.watching, self._seen, self._quiet = True, self._changes, 0
        self._later = schedule
        schedule(self._look)

    def _look(self) -> None:
        if self._changes != self._seen:  # more changes were handled since the last look: not done yet
            self._seen, self._quiet = self._changes, 0
            self._later(self._look)
            return
        if self._quiet < QUIET_LOOKS - 1:
            self._quiet += 1
            self._later(self._look)
            return
        self.watching = False
        if self._dirty:
            self._dirty = False
            self._draw()
            self._watch()


class Explorer(widgets.VBox):
    """Base class. Subclasses set self.controls (name -> widget) and implement view().

    view() must depend on the control values only (the data do not change while a notebook
    runs), so a setting seen before is shown again at once from a small cache of Views (each
    holds its encoded image, not a figure): students flip back and forth.
    """

    title = "Explorer"
    cache_size = 48

    def __init__(self, controls: dict[str, widgets.Widget], *, layout_controls: list | None = None):
        self.controls = controls
        self._views: dict[str, View] = {}
        self.display_area = widgets.HTML()
        self.display_area.add_class("unionstate-explorer-output")
        self.last_view: View | None = None
        self.draws = 0  # views actually computed (not taken from the cache)
        self.coalescer = Coalescer(self.refresh)
        for control in controls.values():
            control.observe(self._on_change, names="value")
        header = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
        rows = layout_controls if layout_controls is not None else list(controls.values())
        super().__init__([header, *rows, self.display_area, *kit_assets()])  # the assets last: the title stays the first text
        self.add_class("unionstate-explorer")
        self.add_class("unionstate-widget")
        self.refresh()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def view(self, **values) -> View:  # pragma: no cover - abstract
        raise NotImplementedError

    def refresh(self) -> View:
        values = self.values()
        key = repr(sorted(values.items()))
        view = self._views.get(key)
        if view is None:
            try:
                view = self.view(**values)
                self.draws += 1
                self._views[key] = view
                if len(self._views) > self.cache_size:
                    self._views.pop(next(iter(self._views)))
            except Exception as exc:  # an explorer shows a sentence, never a traceback
                view = View(summary=f"This selection could not be shown ({type(exc).__name__}: {exc}). Try another setting.")
        self.last_view = view
        text = view.html()
        if self.display_area.value != text:
            self.display_area.value = text
        return view

    def request_refresh(self) -> None:
        """A control changed: redraw (at once, or merged with the changes that are still waiting)."""
        self.coalescer.changed()

    def _on_change(self, change) -> None:
        self.request_refresh()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # Viewed without a kernel (or in a plain-text front end) the explorer reads as a sentence.
        summary = self.last_view.summary if self.last_view else ""
        bundle["text/plain"] = f"{self.title} (interactive: run the notebook to use the controls). {summary}"
        return bundle
