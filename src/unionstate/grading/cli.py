"""`kit.py grade` and `kit.py merge-manual`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .. import paths
from .after_grading import add_insight_arguments, after_grading, insight_options
from .collect import collect
from .compose import Plan, build_plan, master_for
from .errors import GradingError
from .manual import merge, save_results
from .report import STATUS_WORDS, write_all
from .runner import Limits, run_all
from .score import grade


def add_grade_arguments(p) -> None:
    p.add_argument("submissions", help="a folder or a zip of submitted notebooks (e.g. the zip your LMS gives you)")
    p.add_argument("--lesson", required=True, help="lesson number, e.g. 02")
    p.add_argument("--out", default=None, help="output folder (default: grades-<lesson>)")
    p.add_argument("--ids", default=None, help="CSV with columns file,student to name the students (optional)")
    p.add_argument("--timeout", type=float, default=120, help="seconds per submission (default %(default)s)")
    p.add_argument("--cell-timeout", type=float, default=30, help="seconds per cell (default %(default)s)")
    p.add_argument("--memory", type=int, default=2048, help="MB of memory a submission may use (default %(default)s)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="submissions graded at once (default: the number of cores)")
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
    lesson = args.lesson.zfill(2)
    master = master_for(lesson, paths.NOTEBOOKS)
    out = Path(args.out or f"grades-{lesson}").resolve()
    source = Path(args.submissions).resolve()
    if out == source or source in out.parents:
        raise GradingError("The output folder must not be inside the submissions folder: choose another --out.")
    insight = insight_options(args, lesson)  # reads the roster now: a wrong one costs seconds, not a batch
    subs = collect(source, master.stem, Path(args.ids) if args.ids else None)
    plans: list[Plan] = []
    for s in subs:
        if s.problem:
            plan = Plan(student=s.student, file=s.name, lesson=lesson, status="invalid", message=f"The file could not be read: {s.problem}.")
        else:
            plan = build_plan(s.student, s.name, s.data, lesson, master)
        plans.append(plan)
    limits = Limits(timeout=args.timeout, cell_timeout=args.cell_timeout, memory_mb=args.memory)
    progress = Progress(len(plans), args.quiet)
    print(f"Grading {len(plans)} submission(s) of lesson {lesson} with {args.workers} worker(s) ...", file=sys.stderr)
    start = time.monotonic()
    for plan in plans:
        if plan.status:
            progress.step(f"{plan.student}: {plan.status}")
    runnable = [p for p in plans if not p.status]
    results = run_all(runnable, limits, args.workers, on_done=lambda plan, res: progress.step(f"{plan.student}: {res.status}"))
    graded = [grade(p, results.get(p.student)) for p in plans]
    title = master.stem.split("-", 1)[1].replace("-", " ")
    written = write_all(lesson, title, graded, out)
    save_results(out, lesson, title, graded)
    elapsed = time.monotonic() - start
    counts: dict[str, int] = {}
    for g in graded:
        counts[g.status] = counts.get(g.status, 0) + 1
    print(f"Graded {len(graded)} submission(s) in {elapsed:.1f} s: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    isolated = [r.network_isolated for r in results.values()]
    if isolated and not all(isolated):
        print("Note: this machine does not allow cutting submissions off the network; they ran with network access.")
    print(f"  gradebook:        {written['gradebook']}")
    print(f"  feedback pages:   {written['feedback']}/")
    print(f"  class overview:   {written['overview']}")
    print(f"  written answers:  {written['manual']} (fill in 'score' and 'comment', then: python3 kit.py merge-manual {out})")
    for line in after_grading(lesson, title, graded, out, insight):  # class report, LMS files, what to revisit
        print(line)
    return 0


def run_merge_manual(args) -> int:
    out = Path(args.out).resolve()
    final, applied, pending = merge(out)
    print(f"Merged {applied} score(s) into {final}.")
    if pending:
        print(f"{pending} written answer(s) still have no score; their points count as pending (empty).")
    print(f"Feedback pages updated in {out / 'feedback'}/.")
    return 0


__all__ = ["STATUS_WORDS", "add_grade_arguments", "add_merge_arguments", "run_grade", "run_merge_manual"]
