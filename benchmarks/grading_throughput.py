"""Grading throughput: the kit's grader with and without its sandbox, side by side in one run, and
nbgrader's autograde on the same submissions.

    .venv/bin/python benchmarks/grading_throughput.py [--lesson 02] [--n 30] [--workers N] [--rounds 2] [--no-nbgrader]

Makes N submissions of one lesson from the grading corpus (full marks, half, empty and wrong types,
in turn, under different student names). Then, in this one process (the kit is imported and its data
loaded once, before any timing: a grade command pays that once per batch, printed apart), it grades
them through grading.api.grade_folder with the sandbox and without it, alternating, `--rounds`
times each, and takes the median of each. Then nbgrader (generate_assignment, then autograde is
timed). It prints the wall-clock times, submissions per minute, the sandbox's cost and the ratio to
nbgrader, plus whether all gave the same auto-graded totals. A script that prints measured figures,
not a test; compare its figures only within one run (the machine may be busy).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unionstate.grading import nbgrader_course  # noqa: E402
from unionstate.grading.api import grade_folder  # noqa: E402
from unionstate.grading.compose import master_for  # noqa: E402
from unionstate.grading.runner import warm_up  # noqa: E402

KINDS = ["full_marks", "half", "empty", "wrong_types"]


def load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="02")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=2, help="gradings per mode (median taken)")
    parser.add_argument("--no-nbgrader", action="store_true", help="skip nbgrader (about 3 minutes)")
    args = parser.parse_args()
    master = master_for(args.lesson, ROOT / "notebooks")
    corpus = ROOT / "tests" / "corpus" / args.lesson
    print(f"lesson {args.lesson}, {args.n} submissions, {os.cpu_count()} cores, kit workers: {args.workers}; load average at start: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subs = tmp / "submissions"
        subs.mkdir()
        names = []
        for i in range(args.n):
            kind = KINDS[i % len(KINDS)]
            name = f"student{i:02d}_{kind}"
            shutil.copy(corpus / f"{kind}.ipynb", subs / f"{name}.ipynb")
            names.append(name)

        start = time.monotonic()
        warm_up()
        warm = time.monotonic() - start
        print(f"  import and load the kit once:      {warm:6.1f} s (paid once per grade command)")
        seconds: dict[bool, list[float]] = {True: [], False: []}
        totals: dict[bool, dict[str, float]] = {}
        for round_ in range(args.rounds):
            for sandbox in ((True, False) if round_ % 2 == 0 else (False, True)):
                out = tmp / f"kit-{sandbox}-{round_}"
                start = time.monotonic()
                summary = grade_folder(subs, args.lesson, out, workers=args.workers, sandbox=sandbox)
                seconds[sandbox].append(time.monotonic() - start)
                totals[sandbox] = {g.student: g.auto_points for g in summary.rows}
        kit = {mode: statistics.median(values) for mode, values in seconds.items()}
        for sandbox, label in ((True, "with the sandbox"), (False, "without (--no-sandbox)")):
            runs = ", ".join(f"{s:.1f}" for s in seconds[sandbox])
            print(f"  kit grader, {label:23} {kit[sandbox]:6.1f} s  = {60 * args.n / kit[sandbox]:5.1f} submissions/minute (median of {runs})")
        print(f"  the sandbox costs {100 * (kit[True] / kit[False] - 1):+.1f} % of the time")
        same = totals[True] == totals[False]
        print(f"  same auto-graded totals with and without the sandbox: {same}")

        if args.no_nbgrader:
            return 0
        course = tmp / "course"
        course.mkdir()
        assignment = nbgrader_course.make_course(course, master, timeout=120)
        gen = nbgrader_course.generate(course, assignment)
        if gen.returncode != 0:
            print(gen.stderr[-3000:])
            return 1
        for name in names:
            nbgrader_course.submit(course, assignment, master.name, name, (subs / f"{name}.ipynb").read_bytes())
        start = time.monotonic()
        auto = nbgrader_course.autograde(course, assignment)
        nbgrader_seconds = time.monotonic() - start
        nbgrader_scores = nbgrader_course.auto_scores(course, assignment, master.name)

    print(f"  nbgrader autograde:                {nbgrader_seconds:6.1f} s  = {60 * args.n / nbgrader_seconds:5.1f} submissions/minute (exit code {auto.returncode})")
    print(f"  ratio: the sandboxed grader has {nbgrader_seconds / kit[True]:.1f} x nbgrader's throughput "
          f"({nbgrader_seconds / (kit[True] + warm):.1f} x counting the one-time import)")
    same = all(abs(totals[True].get(n, -1) - nbgrader_scores.get(n, -2)) < 1e-9 for n in names)
    print(f"  same auto-graded totals as nbgrader for all {args.n}: {same}; load average at the end: {load()}")
    if not same:
        for n in names:
            if abs(totals[True].get(n, -1) - nbgrader_scores.get(n, -2)) >= 1e-9:
                print(f"    {n}: kit {totals[True].get(n)} vs nbgrader {nbgrader_scores.get(n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
