"""axe-core (WCAG 2 A and AA rules) on a notebook open in JupyterLab.

Each node axe reports is sorted by where it is: inside a cell's output area
(.jp-OutputArea: the kit's widgets, feedback, tables and images) it is the kit's;
anywhere else it is JupyterLab's own (toolbars, editors, the file browser), which
the kit cannot change: those are listed, not failed.

On the first screen the whole page is audited (both lists); on the others only
the output areas (axe's `include` context), which is what can differ with the
width and takes a third of the time.
"""

from __future__ import annotations

import json

from lab_server import artifact, axe_core_path

RULE_TAGS = ["wcag2a", "wcag2aa"]
AXE_TIMEOUT_MS = 180_000

# Where a node outside the outputs is, in words (the first match wins).
JUPYTERLAB_PARTS = [
    [".jp-Cell-inputWrapper", "cell editors"],
    [".jp-NotebookPanel-toolbar, .jp-Toolbar", "toolbars"],
    [".jp-FileBrowser", "file browser"],
    [".jp-WindowedPanel-viewport, .jp-Notebook", "the notebook's list of cells"],
    [".lm-TabBar", "tab bars"],
    ["#jp-top-panel, #jp-menu-panel", "menu bar"],
    ["#jp-left-stack, #jp-right-stack, .jp-SideBar", "side bars"],
    [".jp-StatusBar-Widget, #jp-bottom-panel", "status bar"],
]

JS_AXE = """async ([tags, wholePage, parts, include]) => {
  const JUPYTERLAB_PARTS = parts;
  const context = wholePage ? document : {include: include.map((selector) => [selector])};
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, elementRef: true, resultTypes: ['violations']});
  const widgetOf = (el) => {
    const w = el.closest('.unionstate-explorer, .unionstate-quiz, .unionstate-claimcards');
    if (w) {
      const title = w.querySelector('.widget-html-content b');
      const kind = w.classList.contains('unionstate-quiz') ? 'quiz' : w.classList.contains('unionstate-claimcards') ? 'claim cards' : 'explorer';
      return kind + (title ? ` "${title.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60)}"` : '');
    }
    if (el.closest('.unionstate-feedback')) return 'feedback box';
    if (el.closest('.jp-RenderedImage')) return 'image output';
    if (el.closest('table')) return 'table output';
    if (el.closest('.jp-OutputArea')) return 'output';
    for (const [selector, name] of JUPYTERLAB_PARTS) {
      if (el.closest(selector)) return 'JupyterLab: ' + name;
    }
    return 'JupyterLab';
  };
  const nodes = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      const el = n.element;
      const cell = el ? el.closest('.jp-Cell') : null;
      nodes.push({rule: v.id, impact: n.impact || v.impact, help: v.help, url: v.helpUrl,
                  kit: !!(el && el.closest('.jp-OutputArea')),
                  cell: cell ? Number(cell.dataset.windowedListIndex) + 1 : null,
                  where: el ? widgetOf(el) : '', target: n.target.join(' '),
                  html: (n.html || '').slice(0, 240), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300)});
    }
  }
  return {version: axe.version, nodes};
}"""


def inject_axe(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_core_path()))


def run_axe(page, *, whole_page: bool, include: list[str] | None = None) -> dict:
    """{'version': axe's version, 'nodes': one dict per violating node (rule, impact, kit, cell, where, target, html, summary)}.
    Without whole_page, only the elements the `include` selectors match (default: every output area)."""
    inject_axe(page)
    page.set_default_timeout(AXE_TIMEOUT_MS)
    try:
        return page.evaluate(JS_AXE, [RULE_TAGS, whole_page, JUPYTERLAB_PARTS, include or [".jp-OutputArea"]])
    finally:
        page.set_default_timeout(30_000)


def describe(node: dict) -> str:
    cell = f"cell {node['cell']}, " if node["cell"] else ""
    return f"{node['rule']} ({node['impact']}): {cell}{node['where']}: {node['target']}  {node['html'][:160]}"


def report_lines(notebook: str, size: str, result: dict) -> list[str]:
    kit = [n for n in result["nodes"] if n["kit"]]
    lab = [n for n in result["nodes"] if not n["kit"]]
    lines = [f"## {notebook} at {size} (axe-core {result['version']}, {', '.join(RULE_TAGS)})", ""]
    lines.append(f"The kit's outputs: {len(kit)} violation node(s)" + (":" if kit else "."))
    lines += [f"- {describe(n)}" for n in kit]
    if result.get("whole_page"):
        rules: dict[str, list[dict]] = {}
        for n in lab:
            rules.setdefault(n["rule"], []).append(n)
        lines += ["", f"JupyterLab's own (not failed): {len(lab)} node(s)" + (":" if lab else ".")]
        for rule, nodes in rules.items():
            places = sorted({n["where"] for n in nodes})
            lines.append(f"- {rule} ({nodes[0]['impact']}): {len(nodes)} node(s) in {', '.join(places)}; e.g. {nodes[0]['target']}")
    else:
        lines += ["", "Only the output areas were audited at this size (JupyterLab's own: see the first size)."]
    return lines + [""]


def save_report(stem: str, size: str, result: dict, lines: list[str]) -> list[str]:
    """Writes axe-<stem>-<size>.json and .md to the artifacts folder; returns their paths."""
    data = artifact(f"axe-{stem}-{size}.json")
    data.write_text(json.dumps(result, indent=1), encoding="utf-8")
    text = artifact(f"axe-{stem}-{size}.md")
    text.write_text("\n".join(lines), encoding="utf-8")
    return [str(data), str(text)]
