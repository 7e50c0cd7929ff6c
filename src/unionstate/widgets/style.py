"""The CSS and the small accessibility script every kit widget carries.

There is no front-end build: each explorer, quiz and claim card includes kit_assets(),
an HTML widget holding a <style> element and an Output widget holding a script. They
take no room on the page. This works wherever ipywidgets render (JupyterLab, Notebook 7,
Voila), needs no lab setting, and is gone with the widgets when a notebook is viewed
without a kernel (its static outputs carry their own inline styles: see tables.py).

The CSS (KIT_CSS) makes the widgets hold their layout from 1024 px up and at 200 % zoom:
- an explorer's output never grows wider than the notebook: its chart scales down
  (max-width 100 %, height auto), tables scroll inside a box the keyboard can reach, text wraps;
- quiz options wrap under their own text, each with its radio button, and never run over
  the next option (ipywidgets gives each option a fixed 20 px line);
- toggle buttons keep their label on their line, right-aligned like a dropdown's, and wrap;
- controls and feedback boxes shrink and wrap instead of overflowing.

The script (A11Y_SCRIPT) names what ipywidgets 8.1 leaves unnamed: noUiSlider's handles
(role="slider", no label: ipywidgets offers no way to pass one) get the slider's visible
label as aria-label ("Years, lower end" for a range), and the button groups of toggle
buttons and quiz options get role="group"/"radiogroup" with their label. A widget's
tooltip, when it has one, is the fuller name. A DataFrame a cell shows the pandas way
(not yet with show_table) scrolls sideways in a narrow window: its output box gets
tabindex=0, role="region" and a name, so the keyboard can reach and scroll it. The
script runs once per page and keeps labelling as outputs appear (a MutationObserver, at
most once per animation frame).
"""

from __future__ import annotations

import ipywidgets as widgets

KIT_CSS = """
.unionstate-widget { max-width: 100%; min-width: 0; }
.unionstate-widget .widget-html-content { line-height: 1.45; white-space: normal; min-width: 0; }
.unionstate-widget .widget-html { min-width: 0; max-width: 100%; height: auto; }
.unionstate-widget .widget-inline-hbox { max-width: 100%; min-width: 0; }
.unionstate-widget .widget-hbox { flex-wrap: wrap; max-width: 100%; }
.unionstate-widget .widget-dropdown select { min-width: 0; flex: 1 1 auto; text-overflow: ellipsis; }
.unionstate-widget .widget-checkbox { height: auto; }
.unionstate-widget .widget-checkbox label { white-space: normal; line-height: 1.35; height: auto; padding: 4px 0; }
.unionstate-explorer-output { width: auto; align-self: stretch; }
.unionstate-explorer-output > .widget-html-content { flex: 1 1 auto; }
.unionstate-widget img { max-width: 100%; height: auto; }
.unionstate-widget figure { margin: 0; max-width: 100%; }
.unionstate-widget figcaption, .unionstate-widget .unionstate-summary, .unionstate-widget .unionstate-details > p,
.unionstate-widget .unionstate-details li { overflow-wrap: anywhere; }
.unionstate-widget .widget-toggle-buttons { display: flex; flex-wrap: nowrap; align-items: flex-start; height: auto; max-width: 100%; }
.unionstate-widget .widget-toggle-buttons > .widget-label { flex: none; width: var(--jp-widgets-inline-label-width, 80px);
  text-align: right; margin-right: calc(var(--jp-widgets-inline-margin, 4px) * 2); }
.unionstate-widget .widget-toggle-buttons > div { display: flex; flex-wrap: wrap; gap: 2px; min-width: 0; }
.unionstate-widget .widget-toggle-button { max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.unionstate-quiz .widget-radio, .unionstate-quiz .widget-radio-box { max-width: 100%; min-width: 0; height: auto; }
.unionstate-quiz .widget-radio-box label { position: relative; height: auto; min-height: 20px; line-height: 1.4;
  white-space: normal; overflow-wrap: anywhere; padding: 3px 0 3px 26px; margin: 0; }
.unionstate-quiz .widget-radio-box input { position: absolute; left: 2px; top: 5px; margin: 0; }
.unionstate-widget .unionstate-feedback, .unionstate-widget [role=status] { overflow-wrap: anywhere; }
.unionstate-widget .widget-textarea { max-width: 100%; }
"""

A11Y_SCRIPT = r"""
(function () {
  if (window.__unionstateA11y) { window.__unionstateA11y(); return; }
  const nameOf = (widget) => {
    const label = widget.querySelector(':scope > .widget-label');
    if (!label) return '';
    const tip = label.getAttribute('title');
    const text = (tip && tip !== 'null') ? tip : label.textContent;
    return text.replace(/\u200b/g, '').replace(/[:\s]+$/, '').trim();
  };
  const set = (el, attr, value) => { if (value && el.getAttribute(attr) !== value) el.setAttribute(attr, value); };
  const label = () => {
    document.querySelectorAll('.unionstate-widget .widget-slider').forEach((slider) => {
      const name = nameOf(slider);
      const handles = slider.querySelectorAll('.noUi-handle');
      handles.forEach((handle, i) => {
        set(handle, 'aria-label', handles.length > 1 ? `${name}, ${i === 0 ? 'lower' : 'upper'} end` : name);
      });
    });
    // A DataFrame shown in a cell scrolls sideways in a narrow window: make its box reachable by keyboard.
    document.querySelectorAll('.jp-OutputArea-output.jp-RenderedHTMLCommon').forEach((out) => {
      const table = out.querySelector(':scope > table.dataframe, :scope > div > table.dataframe');
      if (!table || out.querySelector('.unionstate-table') || out.hasAttribute('tabindex')) return;
      const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim()).filter(Boolean);
      out.setAttribute('tabindex', '0');
      out.setAttribute('role', 'region');
      out.setAttribute('aria-label', 'Table' + (heads.length ? ': ' + heads.slice(0, 6).join(', ') + (heads.length > 6 ? ' …' : '') : ''));
    });
    document.querySelectorAll('.unionstate-widget .widget-toggle-buttons, .unionstate-widget .widget-radio').forEach((group) => {
      const box = group.querySelector(':scope > div');
      if (!box) return;
      set(box, 'role', group.classList.contains('widget-radio') ? 'radiogroup' : 'group');
      set(box, 'aria-label', nameOf(group));
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; label(); });
  }).observe(document.body, {childList: true, subtree: true});
  window.__unionstateA11y = label;
  label();
})();
"""


_ASSETS: list[widgets.Widget] = []


def kit_assets() -> list[widgets.Widget]:
    """The style and the script, as two widgets that take no room (put them last in a kit widget's box, so
    the widget's first text is still its title or question). Every kit widget shows the same two (one
    model each, one view per widget): a saved notebook stores the CSS once, not once per widget."""
    if not _ASSETS or any(getattr(w, "comm", None) is None for w in _ASSETS):  # none yet, or closed
        style = widgets.HTML(f"<style>{KIT_CSS}</style>", layout=widgets.Layout(display="none"))
        script = widgets.Output(layout=widgets.Layout(display="none"))
        script.outputs = ({"output_type": "display_data", "data": {"application/javascript": A11Y_SCRIPT, "text/plain": ""}, "metadata": {}},)
        _ASSETS[:] = [style, script]
    return list(_ASSETS)


__all__ = ["A11Y_SCRIPT", "KIT_CSS", "kit_assets"]
