"""A generated class: N submissions graded, analysed and exported to Canvas and Moodle, with the time each step takes.

    .venv/bin/python benchmarks/class_of_300.py [--lesson 02] [--n 300] [--workers N] [--keep DIR] [--with-unstoppable]

Makes N submissions of one lesson in a temporary folder (nothing is committed) from the lesson's student
version, the way tests/corpus/build_corpus.py does, with students of different ability:

- right (20 %): every answer from the master, every quiz right;
- half (20 %): the first answers right, the rest left as handed out;
- typical mistakes (40 %): each exercise right with a probability that grows with the student's ability,
  otherwise a typical slip for its kind: a number as a fraction instead of a percent, doubled, with the
  sign reversed or rounded; a wrong option; the opposite truth value; a function 100 times too large;
  a chart without its title; or left unanswered. Quiz answers follow the same ability;
- empty (8 %): the student copy as released;
- hostile (12 %): the corpus's forged outputs, redefined checks, edited cells, wrong types, broken and
  non-notebook files, a memory hog, an output flood, a killed process and two endless loops in a cell.
  An endless loop that ignores the cell time limit costs the whole --timeout; it is left out unless
  --with-unstoppable.

Students get Canvas-style file names (lastnamefirstname_id_submission_file), and the script writes a
Canvas gradebook export and a Moodle grade export listing them (and 5 students who submitted nothing).
Then, timed: `kit.py grade ... --roster canvas-export.csv --lms canvas` (the gradebook, feedback,
the class report and the Canvas file), `kit.py lms ... --roster moodle-export.csv --lms moodle`, and in
this process the analysis alone (insight.analyse on results.json) and the class report alone. It prints
the machine's load before and after (the machine is shared; figures from a busy moment are slower).
A script that prints measured figures, not a test.
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

from build_corpus import Builder  # noqa: E402

from unionstate.exercises.checkers import BooleanCheck, ChartCheck, ChoiceCheck, FunctionCheck, NumberCheck  # noqa: E402
from unionstate.grading.compose import master_for  # noqa: E402

FIRST = ["Ana", "Boris", "Daria", "Egor", "Galina", "Ilya", "Katsiaryna", "Leonid", "Maryia", "Nikita", "Olga", "Pavel", "Raisa", "Siarhei",
         "Tatsiana", "Uladzimir", "Valeria", "Yury", "Zoya", "Artsiom"]
LAST = ["Abramava", "Bialiak", "Chyzh", "Dubovik", "Hrynko", "Kavalenka", "Lis", "Marozau", "Navitski", "Ostrovski", "Paulau", "Rudak",
        "Savich", "Tsikhan", "Ulasau", "Vasilevich", "Yaskevich", "Zhuk", "Klimovich", "Shved"]
HOSTILE = ["forged_output", "redefined_check", "edited_cells", "wrong_types", "corrupt", "not_a_notebook", "empty_file", "no_cells",
           "memory_hog", "output_flood", "kernel_death", "loop_in_a_cell"]
SLOW_HOSTILE = {"loop_in_a_cell": 2}  # each costs one cell time limit; at most this many in a class


def _names(n: int, rng: random.Random) -> list[tuple[str, str]]:
    pairs = [(f, last) for last in LAST for f in FIRST]
    rng.shuffle(pairs)
    if n > len(pairs):
        pairs += [(f"{f}{k}", last) for k in range(2, 2 + n // len(pairs) + 1) for f, last in pairs[: len(FIRST) * len(LAST)]]
    return pairs[:n]


def _mistake_source(b: Builder, ex, rng: random.Random) -> str | None:
    """A typical wrong answer for an exercise, built on the master's own solution; None: left unanswered."""
    solution = b.solutions[ex.answer_grade_id]
    c, name = ex.checker, ex.answer
    if isinstance(c, NumberCheck):
        slip = rng.choices(["fraction", "double", "reversed", "rounded"], weights=[4, 3, 2, 1])[0]
        return solution + {"fraction": f"\n{name} = {name} / 100", "double": f"\n{name} = 2 * {name}", "reversed": f"\n{name} = -{name}",
                           "rounded": f"\n{name} = round({name})"}[slip]
    if isinstance(c, BooleanCheck):
        return solution + f"\n{name} = not {name}"
    if isinstance(c, ChoiceCheck):
        wrong = [k for k in c.options if k not in (set(c.answer) if c.multi else {c.answer})]
        pick = rng.choices(wrong, weights=[len(wrong) - i for i in range(len(wrong))])[0]
        return f'{name} = "{pick}"'
    if isinstance(c, FunctionCheck):
        return solution + f"\n_{name} = {name}\n\ndef {name}(*args, **kwargs):\n    return 100 * _{name}(*args, **kwargs)"
    if isinstance(c, ChartCheck):
        return solution + "\nax.set_title('')"
    return None


def make_class(folder: Path, n: int, lesson: str, seed: int = 20, with_unstoppable: bool = False) -> list[dict]:
    """Write n submissions into folder; returns one row per student (name, ids, kind)."""
    rng = random.Random(seed)
    master = master_for(lesson, ROOT / "notebooks")
    b = Builder(master)
    corpus = ROOT / "tests" / "corpus" / lesson
    kinds = ["right"] * 20 + ["half"] * 20 + ["mistakes"] * 40 + ["empty"] * 8 + ["hostile"] * 12
    hostile = HOSTILE + (["unstoppable_loop"] if with_unstoppable else [])
    used: dict[str, int] = {}
    students = []
    for k, (first, last) in enumerate(_names(n, rng)):
        kind = kinds[k % len(kinds)] if k < n - n % len(kinds) else rng.choice(kinds)
        uid, sub = 20000 + k, 90000 + k
        stem = f"{(last + first).lower()}_{uid}_{sub}_{master.name}"
        path = folder / stem
        ability = rng.random()
        if kind == "hostile":
            choices = [h for h in hostile if used.get(h, 0) < SLOW_HOSTILE.get(h, n)]
            which = choices[used.get("_next", 0) % len(choices)]
            used["_next"] = used.get("_next", 0) + 1
            used[which] = used.get(which, 0) + 1
            shutil.copy(corpus / f"{which}.ipynb", path)
            kind = f"hostile:{which}"
        else:
            nb = b.fresh()
            if kind == "right":
                nb = b.full()
            elif kind == "half":
                for ex in b.exercises[: rng.randint(1, len(b.exercises) - 1)]:
                    b.answer(nb, ex)
                for q in b.quizzes:
                    b.quiz(nb, q, q.answer if rng.random() < 0.5 else b.wrong_letter(q))
            elif kind == "mistakes":
                for j, ex in enumerate(b.exercises):
                    p_right = min(0.95, max(0.05, ability + 0.15 - 0.08 * j))
                    roll = rng.random()
                    if roll < p_right:
                        b.answer(nb, ex)
                    elif roll < p_right + (1 - p_right) * 0.85:
                        source = _mistake_source(b, ex, rng)
                        if source is not None:
                            b.answer(nb, ex, source)
                for q in b.quizzes:
                    wrong = [o for o in q.options if o != q.answer]
                    b.quiz(nb, q, q.answer if rng.random() < ability else rng.choices(wrong, weights=[3] + [1] * (len(wrong) - 1))[0])
                if rng.random() < 0.7:
                    b.write_reflections(nb)
            nbformat.write(copy.deepcopy(nb), path)
        students.append({"first": first, "last": last, "uid": str(uid), "kind": kind, "email": f"{first.lower()}.{last.lower()}@example.org"})
    return students


def write_rosters(students: list[dict], folder: Path, lesson: str, title: str, extra: int = 5) -> tuple[Path, Path]:
    """A Canvas gradebook export and a Moodle grade export of the class, plus `extra` students who sent nothing."""
    everyone = students + [{"first": f"Absent{k}", "last": "Nobody", "uid": str(30000 + k), "email": f"absent{k}@example.org"} for k in range(extra)]
    canvas, moodle = folder / "canvas-export.csv", folder / "moodle-export.csv"
    assignment = f"Lesson {lesson}: {title} (5150)"
    with open(canvas, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment, "Current Score", "Final Score"])
        w.writerow(["    Points Possible", "", "", "", "", "", "(read only)", "(read only)"])
        for s in everyone:
            w.writerow([f"{s['last']}, {s['first']}", s["uid"], f"SIS{s['uid']}", s["email"].split("@")[0], "Seminar " + "AB"[int(s["uid"]) % 2], "", "", ""])
    with open(moodle, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["First name", "Last name", "ID number", "Institution", "Department", "Email address", "Last downloaded from this course"])
        for s in everyone:
            w.writerow([s["first"], s["last"], f"M{s['uid']}", "", "", s["email"], "1767225600"])
    return canvas, moodle


def _cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far, their own children included."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="02")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", default=None, help="keep the submissions and the output here (default: a temporary folder, removed)")
    parser.add_argument("--with-unstoppable", action="store_true", help="include a loop that ignores the cell time limit (costs --timeout)")
    args = parser.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="class-of-300-"))
    tmp.mkdir(parents=True, exist_ok=True)
    subs, out = tmp / "submissions", tmp / "grades"
    if subs.exists():
        shutil.rmtree(subs)
    subs.mkdir()
    master = master_for(args.lesson, ROOT / "notebooks")
    title = master.stem.split("-", 1)[1].replace("-", " ")
    try:
        t = time.monotonic()
        students = make_class(subs, args.n, args.lesson, with_unstoppable=args.with_unstoppable)
        canvas, moodle = write_rosters(students, tmp, args.lesson, title)
        made = time.monotonic() - t
        mix: dict[str, int] = {}
        for s in students:
            mix[s["kind"].split(":")[0]] = mix.get(s["kind"].split(":")[0], 0) + 1
        print(f"machine: {os.cpu_count()} CPUs; load average before: {_load()}")
        print(f"made {len(students)} submissions of lesson {args.lesson} in {made:.1f} s: " + ", ".join(f"{v} {k}" for k, v in sorted(mix.items())))

        start, cpu = time.monotonic(), _cpu()
        graded = subprocess.run([sys.executable, "-m", "unionstate", "grade", str(subs), "--lesson", args.lesson, "--out", str(out), "--workers",
                                 str(args.workers), "--roster", str(canvas), "--lms", "canvas", "--quiet"], capture_output=True, text=True)
        grade_s, grade_cpu = time.monotonic() - start, _cpu() - cpu
        if graded.returncode != 0:
            print(graded.stdout[-3000:], graded.stderr[-3000:])
            return 1
        start, cpu = time.monotonic(), _cpu()
        lms = subprocess.run([sys.executable, "-m", "unionstate", "lms", str(out), "--roster", str(moodle), "--lms", "moodle"], capture_output=True, text=True)
        lms_s, lms_cpu = time.monotonic() - start, _cpu() - cpu
        if lms.returncode != 0:
            print(lms.stdout[-3000:], lms.stderr[-3000:])
            return 1

        from unionstate.grading.class_report import write_class_report
        from unionstate.grading.insight import analyse
        from unionstate.grading.manual import load_results

        lesson, title, results = load_results(out)
        t = time.monotonic()
        ci = analyse(lesson, title, results)
        analyse_s = time.monotonic() - t
        t = time.monotonic()
        write_class_report(ci, out / "rerun")
        report_s = time.monotonic() - t
        print(f"load average after: {_load()}")
        print()
        cores = os.cpu_count() or 1
        print(f"| step | wall seconds | CPU seconds (all its processes) | CPU / {cores} cores |")
        print("|---|---:|---:|---:|")
        print(f"| `kit.py grade` of {len(students)} submissions with {args.workers} workers (gradebook, feedback, overview, manual sheet, class report, "
              f"Canvas file) | {grade_s:.1f} | {grade_cpu:.1f} | {grade_cpu / cores:.1f} |")
        print(f"| `kit.py lms` (Moodle file and class report again, from results.json) | {lms_s:.1f} | {lms_cpu:.1f} | {lms_cpu / cores:.1f} |")
        print(f"| the analysis alone (`insight.analyse`, {ci.n} students analysed) | {analyse_s:.2f} | | |")
        print(f"| the class report alone (page, {2 + sum(1 for w in ci.wrong_answers if len(w.answers) > 1)} charts, two CSV tables) | {report_s:.2f} | | |")
        print(f"\nCPU / cores is the least wall time the step can take on an idle machine with {cores} cores (it only waits for CPU, "
              "except the cell time limits an endless loop runs into).")
        print()
        tail = graded.stdout.splitlines()
        k = next(i for i, line in enumerate(tail) if line.startswith("What to revisit"))
        print("\n".join(tail[k:]))
        for name in ("gradebook.csv", "canvas-gradebook.csv", "moodle-grades.csv", "class-report/index.html"):
            print(f"  {name}: {'written' if (out / name).exists() else 'MISSING'}")
        if args.keep:
            print(f"kept in {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
