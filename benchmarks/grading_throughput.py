"""Grading throughput: the kit's grade command vs nbgrader's autograde on the same submissions.

    .venv/bin/python benchmarks/grading_throughput.py [--lesson 02] [--n 30] [--workers N]

Makes N submissions of one lesson from the grading corpus (full marks, half, empty and wrong types,
in turn, under different student names), grades them with `kit.py grade` and with
`nbgrader autograde` (after `generate_assignment`), and prints the wall-clock time, submissions per
minute and the ratio, plus whether both gave the same auto-graded totals. A script that prints
measured figures, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unionstate.grading import nbgrader_course  # noqa: E402
from unionstate.grading.compose import master_for  # noqa: E402

KINDS = ["full_marks", "half", "empty", "wrong_types"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="02")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    master = master_for(args.lesson, ROOT / "notebooks")
    corpus = ROOT / "tests" / "corpus" / args.lesson
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
        result = subprocess.run(
            [sys.executable, "-m", "unionstate", "grade", str(subs), "--lesson", args.lesson, "--out", str(tmp / "kit"), "--workers", str(args.workers), "--quiet"],
            capture_output=True, text=True,
        )
        kit_seconds = time.monotonic() - start
        if result.returncode != 0:
            print(result.stderr)
            return 1
        with open(tmp / "kit" / "gradebook.csv", newline="") as fh:
            kit_scores = {r["student"]: float(r["auto_points"]) for r in csv.DictReader(fh)}

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

    same = all(abs(kit_scores.get(n, -1) - nbgrader_scores.get(n, -2)) < 1e-9 for n in names)
    print(f"lesson {args.lesson}, {args.n} submissions, {os.cpu_count()} cores, kit workers: {args.workers}")
    print(f"  kit grade:          {kit_seconds:6.1f} s  = {60 * args.n / kit_seconds:5.1f} submissions/minute (start-up, warm-up and reports included)")
    print(f"  nbgrader autograde: {nbgrader_seconds:6.1f} s  = {60 * args.n / nbgrader_seconds:5.1f} submissions/minute (exit code {auto.returncode})")
    print(f"  ratio: {nbgrader_seconds / kit_seconds:.1f} x nbgrader's throughput")
    print(f"  same auto-graded totals for all {args.n}: {same}")
    if not same:
        for n in names:
            if abs(kit_scores.get(n, -1) - nbgrader_scores.get(n, -2)) >= 1e-9:
                print(f"    {n}: kit {kit_scores.get(n)} vs nbgrader {nbgrader_scores.get(n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
