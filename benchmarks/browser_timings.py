"""How fast the notebooks and explorers respond, measured (a script that prints figures, not a timed test).

    .venv/bin/python benchmarks/browser_timings.py                        # this checkout, server side and browser
    .venv/bin/python benchmarks/browser_timings.py --server-only          # no browser needed
    .venv/bin/python benchmarks/browser_timings.py --baseline 2733a1f     # before (that commit) and after, in one run
    .venv/bin/python benchmarks/browser_timings.py --baseline 2733a1f --update-readme   # also rewrite the figures in benchmarks/README.md

Server side, per Explorer subclass in unionstate.widgets.* built with its defaults:
- first render: building the explorer (its first view: data, chart, PNG, HTML), in a process that
  has already drawn one matplotlib figure (font caches warm, as in a kernel that ran the lesson);
- new setting: one control (in turn) gets its next value without triggering the explorer, then
  explorer.refresh() is timed. A value seen before comes from the explorer's cache: such changes
  are counted but not timed (they take well under a millisecond), so the medians are new settings.
  Where a p95 misses its goal, the time is split: matplotlib drawing, PNG encoding, the rest
  (data, updating the artists, HTML).

In the browser (JupyterLab in headless Chromium, as in tests/browser), per student notebook: Run
All until every cell has run; per explorer: first render (from the key that re-runs its cell to the
first frame showing its output) and new setting (from a control's input event to the first frame
showing the redrawn output), cycling through its controls.

--baseline REF measures that commit too, in the same run: the script unpacks REF (git archive) into
a temporary folder and measures it and this checkout in separate processes (PYTHONPATH picks the
package), alternating them --rounds times on the server side, so both see the same machine load.
The report gives both and their ratio (after / before), and the load average around each part.

Goals (DESIGN.md; issue 18): a new setting's p95 under 100 ms server side and under 200 ms in the
browser, first render under 300 ms, on an idle machine.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's helpers

GOAL_SERVER_MS = 100
GOAL_BROWSER_MS = 200
GOAL_FIRST_MS = 300


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank (with 20 values: the 19th)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "median": statistics.median(values), "p95": p95(values), "max": max(values)}


def load() -> float:
    return os.getloadavg()[0]


# --- server side ---------------------------------------------------------------------------


def explorer_classes() -> list[type]:
    import unionstate.widgets as package
    from unionstate.widgets.base import Explorer

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Explorer) and cls is not Explorer and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__name__}"] = cls
    return [found[k] for k in sorted(found)]


def next_value(control):
    """Another valid value for a control: the next option, a step along, the other tick state."""
    import ipywidgets as widgets

    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select)):
        values = list(control._options_values)  # the values behind the labels
        return values[(values.index(control.value) + 1) % len(values)]
    if isinstance(control, widgets.Checkbox):
        return not control.value
    if isinstance(control, widgets.IntRangeSlider):
        lo, hi = control.value
        return (lo + control.step, hi) if lo + control.step <= hi else (control.min, hi)
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        return control.value + control.step if control.value + control.step <= control.max else control.min
    raise TypeError(f"no rule for {type(control).__name__}")


class Phases:
    """Where a refresh spends its time: matplotlib drawing, PNG encoding, the rest."""

    def __init__(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        self.draw = self.encode = 0.0
        phases = self

        def timed(original, attribute):
            def wrapper(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    setattr(phases, attribute, getattr(phases, attribute) + (time.perf_counter() - start) * 1000)
            return wrapper

        FigureCanvasAgg.draw = timed(FigureCanvasAgg.draw, "draw")
        Image.Image.save = timed(Image.Image.save, "encode")

    def reset(self) -> None:
        self.draw = self.encode = 0.0


def time_server(changes: int) -> list[dict]:
    """Per explorer: first render and new-setting times (ms), with the phases of each new setting."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()  # warm the font caches, as the lesson's earlier cells have in a kernel
    ax.plot([0, 1], [0, 1])
    fig.savefig(os.devnull, format="png")
    plt.close(fig)
    phases = Phases()
    rows = []
    for cls in explorer_classes():
        start = time.perf_counter()
        try:
            explorer = cls()
        except Exception as exc:  # a class that needs arguments: say so, do not guess them
            rows.append({"explorer": cls.__name__, "problem": f"could not be built with its defaults ({type(exc).__name__}: {exc})"})
            continue
        first = (time.perf_counter() - start) * 1000
        names = list(explorer.controls)
        times, split, cached = [], [], 0
        for i in range(changes):
            control = explorer.controls[names[i % len(names)]]
            control.unobserve(explorer._on_change, names="value")
            try:
                control.value = next_value(control)
            finally:
                control.observe(explorer._on_change, names="value")
            seen = dict(explorer._views)
            phases.reset()
            start = time.perf_counter()
            explorer.refresh()
            elapsed = (time.perf_counter() - start) * 1000
            if len(explorer._views) == len(seen) and explorer.last_view in seen.values():
                cached += 1  # a setting seen before: shown from the cache, not drawn
                continue
            times.append(elapsed)
            split.append({"draw": phases.draw, "encode": phases.encode, "other": max(elapsed - phases.draw - phases.encode, 0.0)})
        rows.append({"explorer": cls.__name__, "module": cls.__module__.rsplit(".", 1)[-1], "first_ms": first, "ms": times,
                     "phases": split, "cached": cached})
    return rows


# --- how a chart is encoded and drawn: the alternatives, measured ------------------------------


def time_render_options(repeats: int = 15) -> list[dict]:
    """One chart, drawn for a run of new settings in each way: the kit's way (draw, RGB PNG at zlib level 1),
    PNG at level 6, matplotlib's own savefig PNG, SVG, and blitting (a cached background with only the
    changing artists drawn again) for the margin-of-error chart while its n slider moves."""
    import io

    from PIL import Image

    from unionstate.widgets import live
    from unionstate.widgets.debt import DebtChart, share_table
    from unionstate.widgets.surveys import MoeChart

    def median_ms(step) -> tuple[float, int]:
        times, size = [], 0
        for i in range(repeats):
            start = time.perf_counter()
            size = step(i)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), size

    def png(fig, level: int) -> int:
        fig.canvas.draw()
        w, h = fig.canvas.get_width_height(physical=True)
        out = io.BytesIO()
        Image.frombuffer("RGBA", (w, h), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB").save(out, format="png", compress_level=level)
        return len(out.getvalue())

    def saved(fig, fmt: str) -> int:
        out = io.BytesIO()
        fig.savefig(out, format=fmt)
        return len(out.getvalue())

    rows = []
    keys = [s.key for s in share_table()]
    moe, debt = MoeChart(), DebtChart()
    charts = {
        "debt (two bar panels)": (debt, lambda i: dict(definition=keys[i % len(keys)], show_claim=bool(i % 2))),
        "margin of error, n moves": (moe, lambda i: dict(n=1000 + 37 * i, p_pct=40, show_stated=True)),
    }
    for name, (chart, setting) in charts.items():
        ways = {"kit: RGB PNG, zlib level 1": lambda c: png(c.fig, 1), "RGB PNG, zlib level 6": lambda c: png(c.fig, 6),
                "matplotlib savefig PNG (RGBA, level 6)": lambda c: saved(c.fig, "png"), "SVG": lambda c: saved(c.fig, "svg")}
        for way, encode in ways.items():
            def step(i, chart=chart, encode=encode, setting=setting):
                with live.house_style():
                    chart.update(**setting(i))
                    return encode(chart)
            ms, size = median_ms(step)
            rows.append({"chart": name, "way": way, "ms": ms, "bytes": size})
    # Blitting: while n moves, only the left panel (interval) and the point with its label change.
    moving = [moe.left, moe.here, moe.here_text]
    for artist in moving:
        artist.set_animated(True)
    with live.house_style():
        moe.update(n=1000, p_pct=40, show_stated=True)
        moe.fig.canvas.draw()
    background = moe.fig.canvas.copy_from_bbox(moe.fig.bbox)

    def blit(i):
        with live.house_style():
            moe.update(n=1000 + 37 * i, p_pct=40, show_stated=True)
            moe.fig.canvas.restore_region(background)
            for artist in moving:
                moe.fig.draw_artist(artist)
            w, h = moe.fig.canvas.get_width_height(physical=True)
            out = io.BytesIO()
            Image.frombuffer("RGBA", (w, h), moe.fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB").save(out, format="png", compress_level=1)
            return len(out.getvalue())

    ms, size = median_ms(blit)
    for artist in moving:
        artist.set_animated(False)
    rows.append({"chart": "margin of error, n moves", "way": "blitting: cached background + left panel and point, PNG level 1", "ms": ms, "bytes": size})
    return rows


def render_table(rows: list[dict]) -> str:
    lines = ["| chart | way | median ms per new setting | bytes |", "|---|---|---:|---:|"]
    lines += [f"| {r['chart']} | {r['way']} | {r['ms']:.0f} | {r['bytes']:,} |" for r in rows]
    return "\n".join(lines)


# --- in the browser ------------------------------------------------------------------------

# First render: from the key that re-runs the cell to the first frame showing a new explorer's output.
JS_ARM_FIRST = """(cell) => {
  const old = cell.querySelector('.unionstate-explorer');
  const t = {start: null, end: null};
  const mark = () => { if (t.start === null) t.start = performance.now(); };
  document.addEventListener('keydown', mark, true);
  const observer = new MutationObserver(() => {
    const now = cell.querySelector('.unionstate-explorer');
    const out = now && now !== old && now.querySelector('.unionstate-explorer-output .widget-html-content');
    if (t.end === null && t.start !== null && out && out.innerHTML.length > 0) {
      t.end = -1;
      requestAnimationFrame(() => { t.end = performance.now(); });
    }
  });
  observer.observe(cell, {subtree: true, childList: true, characterData: true, attributes: true});
  window.__kitFirst = {t, stop: () => { observer.disconnect(); document.removeEventListener('keydown', mark, true); }};
}"""
JS_WAIT_FIRST = """(timeout) => new Promise((resolve) => {
  const r = window.__kitFirst, begun = performance.now();
  const tick = () => {
    if (r.t.end !== null && r.t.end > 0) { r.stop(); return resolve(r.t.end - r.t.start); }
    if (performance.now() - begun > timeout) { r.stop(); return resolve(null); }
    setTimeout(tick, 5);
  };
  tick();
})"""


def first_render_in_browser(nb, index: int) -> float | None:
    cell = nb.cell(index)
    cell.evaluate(JS_ARM_FIRST)
    cell.locator(".jp-InputPrompt").click()
    nb.page.keyboard.press("Control+Enter")
    ms = nb.page.evaluate(JS_WAIT_FIRST, 60_000)
    nb.wait_idle()
    return ms


def time_browser(changes: int, only: list[str] | None) -> tuple[list[dict], list[dict]]:
    from lab_server import launch_browser, master_names, requirement_problem, start_lab
    from notebook_page import open_and_run
    from playwright.sync_api import sync_playwright
    from widget_driving import change_control, explorer_controls

    problem = requirement_problem()
    if problem:
        raise SystemExit(problem)
    names = [n for n in master_names() if not only or n[:2] in only]
    notebooks, explorers = [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        server = start_lab(Path(tmp))
        browser = launch_browser(playwright)
        try:
            for name in names:
                if name in server.release_problems:
                    notebooks.append({"notebook": name, "problem": server.release_problems[name]})
                    continue
                nb, seen = open_and_run(browser, server, name)
                try:
                    notebooks.append({"notebook": name, "run_all_s": seen["run_all_s"], "cells": sum(c["type"] == "code" for c in nb.cells())})
                    for index in nb.widget_cells():
                        nb.wait_widgets_rendered(index)
                        if not nb.cell(index).locator(".unionstate-explorer").count():
                            continue
                        first = first_render_in_browser(nb, index)
                        nb.wait_widgets_rendered(index)
                        found = nb.cell(index).locator(".unionstate-explorer")
                        for k in range(found.count()):
                            explorer = nb.cell(index).locator(".unionstate-explorer").nth(k)
                            title = explorer.locator(".widget-html-content").first.inner_text().strip()
                            controls = explorer_controls(explorer)
                            times, unchanged = [], 0
                            for i in range(changes):
                                _, redraw = change_control(nb.page, explorer, i % len(controls))
                                if redraw["changed"]:
                                    times.append(redraw["ms"])
                                else:
                                    unchanged += 1
                            explorers.append({"notebook": name, "explorer": title[:60], "first_ms": first if k == 0 else None,
                                              "ms": times, "unchanged": unchanged})
                finally:
                    nb.close()
        finally:
            browser.close()
            server.stop()
    return notebooks, explorers


# --- one side, in its own process ------------------------------------------------------------


def measure(side: str, args) -> dict:
    """Measure this process's unionstate package (PYTHONPATH decides which) and return the figures."""
    import unionstate

    out: dict = {"side": side, "package": str(Path(unionstate.__file__).parent), "load_before": load()}
    if args.part in ("server", "both"):
        out["server"] = time_server(args.changes)
    if args.part in ("browser", "both"):
        out["notebooks"], out["explorers"] = time_browser(args.changes, [n.strip() for n in args.notebooks.split(",") if n.strip()] or None)
    out["load_after"] = load()
    return out


def run_side(side: str, src: Path | None, part: str, args) -> dict:
    """The measurement in a fresh process, with `src` (a checkout's src/ folder) first on PYTHONPATH."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        target = Path(fh.name)
    cmd = [sys.executable, __file__, "--measure", side, "--part", part, "--json", str(target), "--changes", str(args.changes),
           "--notebooks", args.notebooks]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    finally:
        target.unlink(missing_ok=True)


def unpack(ref: str, folder: Path) -> Path:
    """The files of commit `ref` in `folder` (git archive), returned as the checkout's root."""
    archive = folder / "baseline.tar"
    with open(archive, "wb") as fh:
        subprocess.run(["git", "archive", ref], cwd=ROOT, stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "baseline", filter="data")
    return folder / "baseline"


def merge_server(results: list[dict]) -> list[dict]:
    """Pool the rounds of one side: every first render and every new-setting time per explorer."""
    pooled: dict[str, dict] = {}
    for result in results:
        for row in result["server"]:
            entry = pooled.setdefault(row["explorer"], {**row, "first": [], "ms": [], "phases": [], "cached": 0})
            if "problem" in row:
                continue
            entry["first"].append(row["first_ms"])
            entry["ms"] += row["ms"]
            entry["phases"] += row["phases"]
            entry["cached"] += row["cached"]
    return list(pooled.values())


# --- report --------------------------------------------------------------------------------


def machine() -> str:
    from importlib.metadata import version

    cpus = os.cpu_count()
    chromium = os.popen("/usr/bin/chromium --version 2>/dev/null").read().strip() or "Chromium"
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}, "
        f"JupyterLab {version('jupyterlab')}, ipywidgets {version('ipywidgets')}, {chromium.split(' built')[0]}"
    )


def _verdict(value: float | None, goal: float) -> str:
    if value is None:
        return "not measured"
    return "yes" if value < goal else "**missed**"


def _ratio(after: float | None, before: float | None) -> str:
    return f"{after / before:.2f}" if after is not None and before else ""


def _where(phases: list[dict], times: list[float]) -> str:
    """The split of the slowest new settings (those at or above the p95)."""
    if not times:
        return ""
    cut = p95(times)
    slow = [p for p, t in zip(phases, times) if t >= cut]
    total = sum(sum(p.values()) for p in slow) or 1
    parts = {k: sum(p[k] for p in slow) / total for k in ("draw", "encode", "other")}
    words = {"draw": "matplotlib drawing", "encode": "PNG encoding", "other": "data, artists and HTML"}
    return ", ".join(f"{words[k]} {100 * v:.0f} %" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))


def server_table(after: list[dict], before: list[dict] | None) -> list[str]:
    old = {row["explorer"]: row for row in before or []}
    if before is None:
        lines = ["| explorer | first render | new setting: median | p95 | max | settings timed | p95 < 100 ms | first < 300 ms |",
                 "|---|---:|---:|---:|---:|---:|---|---|"]
    else:
        lines = ["| explorer | first render: before | after | ratio | new setting median: before | after | ratio | p95: before | after | ratio | p95 < 100 ms | first < 300 ms |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    misses = []
    for row in after:
        if "problem" in row:
            lines.append(f"| {row['explorer']} | {row['problem']} |")
            continue
        now, first = stats(row["ms"]), statistics.median(row["first"]) if row["first"] else None
        med, high = now.get("median"), now.get("p95")
        if before is None:
            lines.append(f"| {row['explorer']} | {first:.0f} | {med:.0f} | {high:.0f} | {now['max']:.0f} | {now['n']} | "
                         f"{_verdict(high, GOAL_SERVER_MS)} | {_verdict(first, GOAL_FIRST_MS)} |")
        else:
            was = old.get(row["explorer"], {})
            then = stats(was.get("ms", []))
            first_then = statistics.median(was["first"]) if was.get("first") else None
            cells = [f"{v:.0f}" if v is not None else "" for v in (first_then, first)]
            lines.append(
                f"| {row['explorer']} | {cells[0]} | {cells[1]} | {_ratio(first, first_then)} | {then.get('median', 0):.0f} | {med:.0f} | "
                f"{_ratio(med, then.get('median'))} | {then.get('p95', 0):.0f} | {high:.0f} | {_ratio(high, then.get('p95'))} | "
                f"{_verdict(high, GOAL_SERVER_MS)} | {_verdict(first, GOAL_FIRST_MS)} |")
        if high is not None and high >= GOAL_SERVER_MS:
            misses.append(f"- {row['explorer']}: new-setting p95 {high:.0f} ms missed the {GOAL_SERVER_MS} ms goal by {high - GOAL_SERVER_MS:.0f} ms; "
                          f"the slowest settings went to {_where(row['phases'], row['ms'])}.")
        if first is not None and first >= GOAL_FIRST_MS:
            misses.append(f"- {row['explorer']}: first render {first:.0f} ms missed the {GOAL_FIRST_MS} ms goal by {first - GOAL_FIRST_MS:.0f} ms "
                          "(building the chart: one layout pass for its largest content, then the first setting).")
    return lines + ([""] + misses if misses else [])


def browser_tables(after: dict, before: dict | None) -> list[str]:
    lines = ["", "#### Run All Cells until every cell has run and the kernel is idle (fresh kernel, seconds)", ""]
    old_nb = {r["notebook"]: r for r in (before or {}).get("notebooks", [])}
    lines += ["| notebook | code cells | before | after | ratio |" if before else "| notebook | code cells | seconds |",
              "|---|---:|---:|---:|---:|" if before else "|---|---:|---:|"]
    for row in after.get("notebooks", []):
        if "problem" in row:
            lines.append(f"| {row['notebook']} | | not released: {row['problem'][:120]} |")
        elif before:
            was = old_nb.get(row["notebook"], {}).get("run_all_s")
            lines.append(f"| {row['notebook']} | {row['cells']} | {was if was is None else f'{was:.1f}'} | {row['run_all_s']:.1f} | {_ratio(row['run_all_s'], was)} |")
        else:
            lines.append(f"| {row['notebook']} | {row['cells']} | {row['run_all_s']:.1f} |")
    lines += ["", "#### Explorers: first render and control change to redrawn output (ms)", ""]
    old_ex = {(r["notebook"], r["explorer"]): r for r in (before or {}).get("explorers", [])}
    if before:
        lines += ["| notebook | explorer | first: before | after | median: before | after | ratio | p95: before | after | ratio | p95 < 200 ms | first < 300 ms |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    else:
        lines += ["| notebook | explorer | first render | changes redrawn | median | p95 | max | p95 < 200 ms | first < 300 ms |",
                  "|---|---|---:|---:|---:|---:|---:|---|---|"]
    misses = []
    for row in after.get("explorers", []):
        now = stats(row["ms"])
        first = row.get("first_ms")
        if before:
            was = old_ex.get((row["notebook"], row["explorer"]), {})
            then = stats(was.get("ms", []))
            f0 = was.get("first_ms")
            lines.append(
                f"| {row['notebook'][:2]} | {row['explorer']} | {'' if f0 is None else f'{f0:.0f}'} | {'' if first is None else f'{first:.0f}'} | "
                f"{then.get('median', 0):.0f} | {now.get('median', 0):.0f} | {_ratio(now.get('median'), then.get('median'))} | "
                f"{then.get('p95', 0):.0f} | {now.get('p95', 0):.0f} | {_ratio(now.get('p95'), then.get('p95'))} | "
                f"{_verdict(now.get('p95'), GOAL_BROWSER_MS)} | {_verdict(first, GOAL_FIRST_MS) if first is not None else ''} |")
        else:
            shown = f"{len(row['ms'])} of {len(row['ms']) + row['unchanged']}"
            lines.append(f"| {row['notebook'][:2]} | {row['explorer']} | {'' if first is None else f'{first:.0f}'} | {shown} | "
                         f"{now.get('median', 0):.0f} | {now.get('p95', 0):.0f} | {now.get('max', 0):.0f} | {_verdict(now.get('p95'), GOAL_BROWSER_MS)} | "
                         f"{_verdict(first, GOAL_FIRST_MS) if first is not None else ''} |")
        if now.get("p95") is not None and now["p95"] >= GOAL_BROWSER_MS:
            misses.append(f"- {row['notebook'][:2]} {row['explorer']}: browser p95 {now['p95']:.0f} ms missed the {GOAL_BROWSER_MS} ms goal by "
                          f"{now['p95'] - GOAL_BROWSER_MS:.0f} ms (the kernel's share is in the server table; the rest is the round trip and the page).")
    return lines + ([""] + misses if misses else [])


def report(after: dict, before: dict | None, args) -> str:
    command = "`.venv/bin/python benchmarks/browser_timings.py" + (f" --baseline {args.baseline}" if args.baseline else "") + \
              (" --server-only" if args.server_only else "") + f" --changes {args.changes}`"
    head = (f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {machine()}; {args.changes} changes per explorer"
            + (f", server side {args.rounds} rounds per side, alternating" if before else "") + f". Command: {command}.")
    loads = [f"after: {after['load_server'][0]:.1f} -> {after['load_server'][1]:.1f}"]
    if before:
        loads.insert(0, f"before ({args.baseline}): {before['load_server'][0]:.1f} -> {before['load_server'][1]:.1f}")
    lines = [head, "", f"Load average (1 min) at the start and end of the server measurements, {'; '.join(loads)}."]
    if "load_browser" in after:
        text = f"after: {after['load_browser'][0]:.1f} -> {after['load_browser'][1]:.1f}"
        if before and "load_browser" in before:
            text = f"before: {before['load_browser'][0]:.1f} -> {before['load_browser'][1]:.1f}; " + text
        lines.append(f"In the browser: {text}.")
    lines += ["", "### Server side: first render and `explorer.refresh()` for a new setting (ms)", ""]
    lines += server_table(after["server"], before["server"] if before else None)
    if "explorers" in after:
        lines += ["", "### In the browser"] + browser_tables(after, before)
    return "\n".join(lines)


BEGIN, END = "<!-- browser_timings.py: begin -->", "<!-- browser_timings.py: end -->"


def update_readme(text: str) -> Path:
    """Replace the generated figures inside the "## Browser" section of benchmarks/README.md, between
    BEGIN and END; the section's own words and the other sections (other people's) stay as they are."""
    path = ROOT / "benchmarks" / "README.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        updated = before + block + rest.split(END, 1)[1]
    elif "\n## Browser\n" in current:
        head, section = current.split("\n## Browser\n", 1)
        cut = section.find("\n## ")
        body, tail = (section, "") if cut < 0 else (section[:cut], section[cut:])
        updated = f"{head}\n## Browser\n{body.rstrip()}\n\n{block}\n{tail}"
    else:
        updated = f"{current.rstrip()}\n\n## Browser\n\n{block}\n"
    path.write_text(updated, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="control changes per explorer (default 20)")
    parser.add_argument("--server-only", action="store_true", help="skip the browser measurements")
    parser.add_argument("--notebooks", default="", help="lesson numbers to time in the browser, e.g. 00,02 (default: all)")
    parser.add_argument("--baseline", default="", help="a commit to measure too, for a before/after comparison in one run")
    parser.add_argument("--rounds", type=int, default=3, help="server-side rounds per side with --baseline (default 3)")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md (## Browser)")
    parser.add_argument("--render-options", action="store_true", help="only compare ways of drawing and encoding one chart (PNG levels, SVG, blitting)")
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)  # internal: measure one side
    parser.add_argument("--part", default="both", help=argparse.SUPPRESS)
    parser.add_argument("--json", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:
        Path(args.json).write_text(json.dumps(measure(args.measure, args)), encoding="utf-8")
        return 0
    if args.render_options:
        before = load()
        table = render_table(time_render_options())
        print(f"Measured {time.strftime('%Y-%m-%d %H:%M')}, load average {before:.1f} -> {load():.1f}.\n\n{table}")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        base_src = unpack(args.baseline, Path(tmp)) / "src" if args.baseline else None
        sides = [("before", base_src), ("after", None)] if args.baseline else [("after", None)]
        results: dict[str, dict] = {}
        rounds: dict[str, list[dict]] = {name: [] for name, _ in sides}
        for _ in range(args.rounds if args.baseline else 1):
            for name, src in sides:  # alternating, so both sides see the same load
                rounds[name].append(run_side(name, src, "server", args))
        for name, _ in sides:
            runs = rounds[name]
            results[name] = {"server": merge_server(runs), "load_server": (runs[0]["load_before"], runs[-1]["load_after"])}
        if not args.server_only:
            for name, src in sides:
                browser = run_side(name, src, "browser", args)
                results[name].update(notebooks=browser["notebooks"], explorers=browser["explorers"],
                                     load_browser=(browser["load_before"], browser["load_after"]))
    text = report(results["after"], results.get("before"), args)
    print(text)
    if args.update_readme:
        print(f"\nwritten to {update_readme(text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
