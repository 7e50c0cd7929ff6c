"""Measure fresh set-up time and each notebook's Restart-and-Run-All time; print the figures.

    .venv/bin/python benchmarks/setup_and_notebooks.py [--skip-setup] [--runs 3]

Set-up: clones this repository into a temporary folder and times `python3 kit.py lab --no-browser`
from the start until JupyterLab answers on its port (a fresh .venv, so packages are installed;
uv's download cache is what this machine has), then a second start (nothing to install).
Notebooks: runs every master (strict mode) and every student version (unanswered) with nbclient
in a fresh kernel, as "Restart and Run All" does. A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_lab_start(repo: Path, workspace: Path) -> float:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UNIONSTATE_STRICT")}
    env["JUPYTER_RUNTIME_DIR"] = str(workspace.parent / "runtime")
    start = time.monotonic()
    proc = subprocess.Popen(
        ["python3", "kit.py", "lab", "--no-browser", "--port", str(port), "--token", "bench", "--workspace", str(workspace)],
        cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        while time.monotonic() - start < 600:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=bench", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - start
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("JupyterLab did not answer within 10 minutes")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def setup_times() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "kit"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
        first = time_lab_start(repo, Path(tmp) / "ws")
        second = time_lab_start(repo, Path(tmp) / "ws")
    return first, second


def notebook_times(runs: int) -> list[tuple[str, str, float, float]]:
    import nbformat
    from nbclient import NotebookClient

    from unionstate.release import master_notebooks, release_notebook

    rows = []
    for path in master_notebooks(ROOT / "notebooks"):
        master = nbformat.read(path, as_version=4)
        for role, nb, strict in (("master", master, "1"), ("student", release_notebook(master, name=path.name), "0")):
            times = []
            for _ in range(runs):
                os.environ["UNIONSTATE_STRICT"] = strict
                copy = nbformat.from_dict(nb)
                start = time.monotonic()
                NotebookClient(copy, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
                times.append(time.monotonic() - start)
            rows.append((path.name, role, statistics.median(times), max(times)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if not args.skip_setup:
        first, second = setup_times()
        print(f"fresh clone -> JupyterLab serving: {first:.1f} s (set-up included); second start: {second:.1f} s")
    print(f"Restart-and-Run-All, median and max of {args.runs} runs (kernel start included):")
    for name, role, median, worst in notebook_times(args.runs):
        print(f"  {name:<28} {role:<8} {median:5.1f} s  (max {worst:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
