"""The shape every explorer shares: controls on top, a chart or table, a text summary.

A subclass lists its controls and implements view(**values) -> View, a plain
function of the control values. The chart is shown as an <img> with alt text
inside an HTML widget (not an Output widget), so no output capture is involved
and the explorer redraws quickly.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from ..plots import Figure


@dataclass
class View:
    """What an explorer shows for one setting of its controls."""

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


class Explorer(widgets.VBox):
    """Base class. Subclasses set self.controls (name -> widget) and implement view().

    view() must depend on the control values only (the data do not change while a notebook
    runs), so a setting seen before is shown again at once from a small cache: drawing a chart
    is what takes time, and students flip back and forth.
    """

    title = "Explorer"
    cache_size = 48

    def __init__(self, controls: dict[str, widgets.Widget], *, layout_controls: list | None = None):
        self.controls = controls
        self._views: dict[str, View] = {}
        self.display_area = widgets.HTML()
        self.display_area.add_class("unionstate-explorer-output")
        self.last_view: View | None = None
        for control in controls.values():
            control.observe(self._on_change, names="value")
        header = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
        rows = layout_controls if layout_controls is not None else list(controls.values())
        super().__init__([header, *rows, self.display_area])
        self.add_class("unionstate-explorer")
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
                self._views[key] = view
                if len(self._views) > self.cache_size:
                    self._views.pop(next(iter(self._views)))
            except Exception as exc:  # an explorer shows a sentence, never a traceback
                view = View(summary=f"This selection could not be shown ({type(exc).__name__}: {exc}). Try another setting.")
        self.last_view = view
        self.display_area.value = view.html()
        return view

    def _on_change(self, change) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # Viewed without a kernel (or in a plain-text front end) the explorer reads as a sentence.
        summary = self.last_view.summary if self.last_view else ""
        bundle["text/plain"] = f"{self.title} (interactive: run the notebook to use the controls). {summary}"
        return bundle
