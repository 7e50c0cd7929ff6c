"""Layout checks on the kit's widgets, from the boxes the browser laid out.

- Quiz options: no two options' boxes overlap (an option's box is its label's box together with
  the boxes of its lines of text, which can run out of a label of fixed height), and every
  option's radio button is shown.
- Explorers (and the kit's other widgets: quizzes, claim cards): no image, control or line of
  text lies outside its output area or outside an element between them that clips (overflow
  other than visible). Running out of a scroll container counts as not clipped only if the
  container scrolls and the keyboard can reach it (it takes the focus: tabindex >= 0); the
  container itself must then fit. Text hidden from sight on purpose for screen readers (a 1x1 px
  box with overflow hidden, placed absolutely) is not checked.
- Labels: a toggle-button group's, a dropdown's or a slider's label sits on the line of its control
  (the student walk found "Flow:", "Gap in:" ... on a line of their own above their buttons).

Run with every cell laid out (screen_sizes.show_all_cells): JupyterLab does not lay out cells
away from the viewport.
"""

from __future__ import annotations

TOLERANCE_PX = 1  # sub-pixel rounding
KIT_WIDGETS = ".unionstate-explorer, .unionstate-quiz, .unionstate-claimcards"
MAX_ITEMS_PER_GROUP = 4  # items listed per (widget, problem, container); the rest are counted

JS_LAYOUT = """([tol, widgetsSelector]) => {
  const found = [];
  const cellNo = (el) => { const c = el.closest('.jp-Cell'); return c ? Number(c.dataset.windowedListIndex) + 1 : null; };
  const fmt = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right - r.left)}x${Math.round(r.bottom - r.top)}`;
  const textRects = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5);
  };
  const shown = (el) => {
    if (!el || el.getClientRects().length === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  };
  // Text hidden from sight on purpose, for screen readers only (the usual 1x1 px, overflow-hidden,
  // absolutely placed box, e.g. show_table's rest of a long source list): not content cut off.
  const forScreenReaders = (el, stop) => {
    for (let e = el; e && e !== stop; e = e.parentElement) {
      const s = getComputedStyle(e), r = e.getBoundingClientRect();
      if (s.position === 'absolute' && s.overflow === 'hidden' && r.width <= 1 && r.height <= 1) return true;
    }
    return false;
  };
  const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol
                          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
  const clip = (s) => s.replace(/\\s+/g, ' ').trim().slice(0, 70);
  const describe = (el) => {
    const classes = Array.from(el.classList).filter((c) => /^(unionstate-|widget-|jp-|noUi-)/.test(c)).slice(0, 3);
    return el.tagName.toLowerCase() + classes.map((c) => '.' + c).join('');
  };
  const widgetName = (w) => {
    if (w.classList.contains('unionstate-quiz')) {
      const m = w.textContent.match(/Quiz (\\d{2}\\.[a-z][a-z0-9_]*)/);
      return 'quiz ' + (m ? m[1] : '?');
    }
    const title = w.querySelector('.widget-html-content b');
    const kind = w.classList.contains('unionstate-claimcards') ? 'claim cards' : 'explorer';
    return kind + (title ? ` "${clip(title.textContent)}"` : '');
  };

  // 1. Quiz options
  document.querySelectorAll('.unionstate-quiz').forEach((quiz) => {
    const name = widgetName(quiz);
    const options = Array.from(quiz.querySelectorAll('.widget-radio-box label')).filter(shown).map((label) => ({
      text: clip(label.textContent),
      rects: [label.getBoundingClientRect(), ...textRects(label)],
      input: label.querySelector('input[type=radio]'),
    }));
    options.forEach((a, i) => {
      options.slice(i + 1).forEach((b) => {
        const hit = a.rects.find((ra) => b.rects.some((rb) => overlaps(ra, rb)));
        if (hit) found.push({check: 'quiz options overlap', cell: cellNo(quiz), widget: name,
                             item: `"${a.text}" and "${b.text}"`, container: '',
                             detail: `option boxes ${a.rects.map(fmt).join(' + ')} and ${b.rects.map(fmt).join(' + ')}`});
      });
      const r = a.input ? a.input.getBoundingClientRect() : null;
      if (!a.input || !shown(a.input) || r.width < 4 || r.height < 4) {
        found.push({check: 'radio button not shown', cell: cellNo(quiz), widget: name, item: `"${a.text}"`, container: '',
                    detail: r ? `radio box ${fmt(r)}` : 'no radio input'});
      }
    });
  });

  // 1b. Labels on the line of their control
  document.querySelectorAll(widgetsSelector).forEach((widget) => {
    widget.querySelectorAll('.widget-toggle-buttons, .widget-dropdown, .widget-slider').forEach((group) => {
      const label = group.querySelector(':scope > .widget-label');
      const control = Array.from(group.querySelectorAll('.widget-toggle-button, select, .noUi-target')).find(shown);
      if (!label || !shown(label) || !label.textContent.trim() || !control) return;
      const l = label.getBoundingClientRect(), c = control.getBoundingClientRect();
      const middle = (l.top + l.bottom) / 2;
      if (middle < c.top - tol || middle > c.bottom + tol) {
        found.push({check: 'label not on the line of its control', cell: cellNo(group), widget: widgetName(widget),
                    item: `label "${clip(label.textContent)}"`, container: '', detail: `label ${fmt(l)}, first control ${fmt(c)}`});
      }
    });
  });

  // 2. Images, controls and text inside their output area
  const done = new Set();
  document.querySelectorAll(widgetsSelector).forEach((widget) => {
    const area = widget.closest('.jp-OutputArea-output');
    if (!area || done.has(widget)) return;
    done.add(widget);
    const name = widgetName(widget);
    const items = [];
    widget.querySelectorAll('img, svg, canvas, select, input, button, textarea, .noUi-target').forEach((el) => {
      if (shown(el) && !el.closest('svg *')) items.push({el, start: el.parentElement, rects: [el.getBoundingClientRect()],
                                                         what: describe(el) + (el.alt ? ` alt "${clip(el.alt)}"` : '')});
    });
    const walker = document.createTreeWalker(widget, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || !parent || parent.closest('select, option, button, textarea, svg') || !shown(parent) || forScreenReaders(parent, widget)) continue;
      const rects = textRects(node);
      if (rects.length) items.push({el: parent, start: parent, rects, what: `text "${clip(node.textContent)}"`});
    }
    for (const item of items) {
      let rects = item.rects;
      for (let anc = item.start; anc; anc = anc.parentElement) {
        const s = getComputedStyle(anc);
        const isArea = anc === area;
        const clipsX = isArea || s.overflowX !== 'visible', clipsY = isArea || s.overflowY !== 'visible';
        if (clipsX || clipsY) {
          const b = anc.getBoundingClientRect();
          const outX = clipsX && rects.some((r) => r.left < b.left - tol || r.right > b.right + tol);
          const outY = clipsY && rects.some((r) => r.top < b.top - tol || r.bottom > b.bottom + tol);
          if (outX || outY) {
            const scrolls = (!outX || (/(auto|scroll)/.test(s.overflowX) && anc.scrollWidth > anc.clientWidth + 1))
                         && (!outY || (/(auto|scroll)/.test(s.overflowY) && anc.scrollHeight > anc.clientHeight + 1));
            const reachable = anc.tabIndex >= 0;
            if (scrolls && reachable) { rects = [b]; if (isArea) break; continue; }  // scrolled into view by keyboard: the container must fit
            const by = Math.max(0, ...rects.map((r) => Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom)));
            found.push({check: scrolls ? 'overflows into a scroll area the keyboard cannot reach' : 'clipped',
                        cell: cellNo(widget), widget: name, item: item.what,
                        container: isArea ? 'its output area (.jp-OutputArea-output)' : describe(anc),
                        detail: `${Math.round(by)} px outside: item ${rects.map(fmt).slice(0, 3).join(' + ')}, container ${fmt(b)}`});
            break;
          }
        }
        if (isArea) break;
      }
    }
  });
  return found;
}"""


def layout_findings(page) -> list[dict]:
    """Every layout problem of the kit's widgets in the open notebook (see the module's docstring)."""
    return page.evaluate(JS_LAYOUT, [TOLERANCE_PX, KIT_WIDGETS])


def grouped(findings: list[dict]) -> list[str]:
    """One line per (cell, widget, check, container), with a few of its items and how many there are."""
    groups: dict[tuple, list[dict]] = {}
    for f in findings:
        groups.setdefault((f["cell"], f["widget"], f["check"], f["container"]), []).append(f)
    lines = []
    for (cell, widget, check, container), items in groups.items():
        where = f" by {container}" if container else ""
        shown = "; ".join(f"{i['item']} ({i['detail']})" for i in items[:MAX_ITEMS_PER_GROUP])
        more = f"; and {len(items) - MAX_ITEMS_PER_GROUP} more" if len(items) > MAX_ITEMS_PER_GROUP else ""
        lines.append(f"cell {cell}, {widget}: {check}{where}: {len(items)} item(s): {shown}{more}")
    return lines
