"""`kit.py grade` and `kit.py merge-manual`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .after_grading import add_insight_arguments, after_grading, insight_options
from .manual import merge
from .runner import Limits

DEFAULTS = Limits()


def add_grade_arguments(p) -> None:
    p.add_argument("submissions", help="a folder or a zip of submitted notebooks (e.g. the zip your LMS gives you)")
    p.add_argument("--lesson", required=True, help="lesson number, e.g. 02")
    p.add_argument("--out", default=None, help="output folder (default: grades-<lesson>)")
    p.add_argument("--ids", default=None, help="CSV with columns file,student to name the students (optional)")
    p.add_argument("--timeout", type=float, default=DEFAULTS.timeout, help="seconds of computing (CPU) time per submission; one that only waits is stopped after three times this in real time (default %(default)s)")
    p.add_argument("--cell-timeout", type=float, default=DEFAULTS.cell_timeout,
                   help="seconds of computing (CPU) time per cell, so a busy machine does not cut a cell short (default %(default)s)")
    p.add_argument("--memory", type=int, default=DEFAULTS.memory_mb, help="MB of memory a submission may use (default %(default)s)")
    p.add_argument("--output", type=float, default=DEFAULTS.output_mb, help="MB of text one cell may print (default %(default)s)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="submissions graded at once (default: the number of cores)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="grade even where the sandbox does not work (every row then says 'graded without a sandbox')")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_insight_arguments(p)


def add_merge_arguments(p) -> None:
    p.add_argument("out", help="the grade command's output folder (with results.json and a filled-in manual-grading.csv)")


class Progress:
    """A one-line progress bar on stderr (a line per submission when not on a terminal)."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        if self.quiet:
            return
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        text = f"[{bar}] {self.done}/{self.total}  {label}"
        if self.tty:
            sys.stderr.write("\r" + text[:110].ljust(110))
            if self.done == self.total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()


def run_grade(args) -> int:
    """Parse, grade (api.grade_folder), print the summary. Exit code 3 when the integrity check failed."""
    from .api import grade_folder

    lesson = args.lesson.zfill(2)
    insight = insight_options(args, lesson)  # reads the roster now: a wrong one costs seconds, not a batch
    limits = Limits(timeout=args.timeout, cell_timeout=args.cell_timeout, memory_mb=args.memory, output_mb=args.output)
    bar: list[Progress] = []

    def on_progress(done: int, total: int, student: str, status: str) -> None:
        if not bar:
            print(f"Grading {total} submission(s) of lesson {lesson} with {args.workers} worker(s) ...", file=sys.stderr)
            bar.append(Progress(total, args.quiet))
        bar[0].step(f"{student}: {status}")

    summary = grade_folder(args.submissions, lesson, args.out or f"grades-{lesson}", ids=args.ids, limits=limits,
                           workers=args.workers, sandbox=not args.no_sandbox, on_progress=on_progress)
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith("WARNING") else sys.stdout)
    for line in after_grading(summary.lesson, summary.title, summary.rows, summary.out, insight):  # class report, LMS files, what to revisit
        print(line)
    return 0 if summary.trustworthy else 3


def run_merge_manual(args) -> int:
    out = Path(args.out).resolve()
    final, applied, pending = merge(out)
    print(f"Merged {applied} score(s) into {final}.")
    if pending:
        print(f"{pending} written answer(s) still have no score; their points count as pending (empty).")
    print(f"Feedback pages updated in {out / 'feedback'}/.")
    return 0


__all__ = ["add_grade_arguments", "add_merge_arguments", "run_grade", "run_merge_manual"]
