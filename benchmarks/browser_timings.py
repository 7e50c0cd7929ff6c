"""How fast the notebooks and explorers respond, measured (a script that prints figures, not a timed test).

    .venv/bin/python benchmarks/browser_timings.py                  # everything, printed as Markdown
    .venv/bin/python benchmarks/browser_timings.py --changes 20     # more control changes per explorer
    .venv/bin/python benchmarks/browser_timings.py --server-only    # no browser needed
    .venv/bin/python benchmarks/browser_timings.py --update-readme  # also rewrite "## Browser" in benchmarks/README.md

Server side: every Explorer subclass in unionstate.widgets.*, built with its
defaults; for each change one control gets a new value (without triggering the
explorer), then explorer.refresh() (the view function plus the HTML) is timed.

In the browser (JupyterLab in headless Chromium, as in tests/browser): per
student notebook, the time from Run > Run All Cells to an idle kernel with every
cell run (a fresh kernel, so it includes the imports); per explorer, the time
from a control's input event (key, click, select) to the first frame showing
the redrawn output, over several changes cycling through its controls.

Goal (DESIGN.md: "respond within a fraction of a second"): p95 under 100 ms
server side and under 300 ms in the browser.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import pkgutil
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's helpers

GOAL_SERVER_MS = 100
GOAL_BROWSER_MS = 300


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank (with 10 values: the largest)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def summary(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), p95(values), max(values)


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


def time_server(changes: int) -> list[dict]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    rows = []
    for cls in explorer_classes():
        try:
            explorer = cls()
        except Exception as exc:  # a class that needs arguments: say so, do not guess them
            rows.append({"explorer": cls.__name__, "problem": f"could not be built with its defaults ({type(exc).__name__}: {exc})"})
            continue
        names = list(explorer.controls)
        times = []
        for i in range(changes):
            control = explorer.controls[names[i % len(names)]]
            control.unobserve(explorer._on_change, names="value")
            try:
                control.value = next_value(control)
            finally:
                control.observe(explorer._on_change, names="value")
            start = time.perf_counter()
            explorer.refresh()
            times.append((time.perf_counter() - start) * 1000)
        rows.append({"explorer": cls.__name__, "module": cls.__module__.rsplit(".", 1)[-1], "ms": times})
    return rows


# --- in the browser ------------------------------------------------------------------------


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
                            explorers.append({"notebook": name, "explorer": title[:60], "ms": times, "unchanged": unchanged})
                finally:
                    nb.close()
        finally:
            browser.close()
            server.stop()
    return notebooks, explorers


# --- report --------------------------------------------------------------------------------


def machine() -> str:
    from importlib.metadata import version

    cpus = os.cpu_count()
    chromium = os.popen("/usr/bin/chromium --version 2>/dev/null").read().strip() or "Chromium"
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}, "
        f"JupyterLab {version('jupyterlab')}, ipywidgets {version('ipywidgets')}, {chromium.split(' built')[0]}"
    )


def report(server: list[dict], notebooks: list[dict] | None, explorers: list[dict] | None, changes: int) -> str:
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; {changes} changes per explorer. "
             f"Command: `.venv/bin/python benchmarks/browser_timings.py`.", ""]
    lines += ["### Server side: `explorer.refresh()` after a control change (ms)", "",
              "| explorer | module | median | p95 | max | p95 < 100 ms |", "|---|---|---:|---:|---:|---|"]
    for row in server:
        if "problem" in row:
            lines.append(f"| {row['explorer']} | | | | | {row['problem']} |")
            continue
        med, high, top = summary(row["ms"])
        lines.append(f"| {row['explorer']} | {row['module']} | {med:.0f} | {high:.0f} | {top:.0f} | {'yes' if high < GOAL_SERVER_MS else 'NO'} |")
    if notebooks is not None:
        lines += ["", "### In the browser: Run All Cells until every cell has run and the kernel is idle (fresh kernel)", "",
                  "| notebook | code cells | seconds |", "|---|---:|---:|"]
        for row in notebooks:
            if "problem" in row:
                lines.append(f"| {row['notebook']} | | not released: {row['problem'][:120]} |")
            else:
                lines.append(f"| {row['notebook']} | {row['cells']} | {row['run_all_s']:.1f} |")
    if explorers is not None:
        lines += ["", "### In the browser: control change to redrawn output (ms)", "",
                  "| notebook | explorer | changes redrawn | median | p95 | max | p95 < 300 ms |", "|---|---|---:|---:|---:|---:|---|"]
        for row in explorers:
            if not row["ms"]:
                lines.append(f"| {row['notebook']} | {row['explorer']} | 0 of {len(row['ms']) + row['unchanged']} | | | | NO |")
                continue
            med, high, top = summary(row["ms"])
            shown = f"{len(row['ms'])} of {len(row['ms']) + row['unchanged']}"
            lines.append(f"| {row['notebook']} | {row['explorer']} | {shown} | {med:.0f} | {high:.0f} | {top:.0f} | {'yes' if high < GOAL_BROWSER_MS else 'NO'} |")
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
    parser.add_argument("--changes", type=int, default=10, help="control changes per explorer (default 10)")
    parser.add_argument("--server-only", action="store_true", help="skip the browser measurements")
    parser.add_argument("--notebooks", default="", help="lesson numbers to time in the browser, e.g. 00,02 (default: all)")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md (## Browser)")
    args = parser.parse_args(argv)
    server = time_server(args.changes)
    notebooks = explorers = None
    if not args.server_only:
        notebooks, explorers = time_browser(args.changes, [n.strip() for n in args.notebooks.split(",") if n.strip()] or None)
    text = report(server, notebooks, explorers, args.changes)
    print(text)
    if args.update_readme:
        print(f"\nwritten to {update_readme(text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
