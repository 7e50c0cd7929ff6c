"""Grading as a Python function: `grade_folder(...)` does a whole batch and returns what it found.

    from unionstate.grading.api import grade_folder
    summary = grade_folder("submissions.zip", "02", "grades-02")
    print("\\n".join(summary.lines()))

The grade command (`kit.py grade`, grading/cli.py) only parses its arguments into this call and
prints `summary.lines()`. In order: check the sandbox works here (or refuse), load the kit once
(warm_up: a damaged data file stops here with its one-sentence DataError), hash the kit's data, code
and masters, start the helper that forks the submissions' processes (before any submission is read,
so none of them is in its memory), collect and plan every file, run them (a time-limit hit is run
again alone with doubled limits), hash again, pick one row per student, write the reports.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from .. import paths
from . import sandbox as sb
from .collect import Choice, choose_per_student, collect_batch
from .compose import Plan, build_plan, master_for
from .errors import GradingError
from .integrity import Integrity, compare, snapshot
from .manual import save_results
from .report import instructor_message, look_at, write_all
from .runner import Limits, RunResult, run_all, start_launcher, warm_up
from .score import GradedSubmission, grade
from .statuses import RunStatus, ordered

WARNING_FILE = "INTEGRITY-WARNING.txt"


@dataclass
class GradeSummary:
    lesson: str
    title: str
    out: Path
    written: dict[str, Path]  # gradebook, feedback, overview, manual, results
    counts: dict[str, int]  # rows per status (the `status` column)
    rows: list[GradedSubmission]  # one per student, as in the gradebook
    look_at: list[GradedSubmission]  # rows an instructor should open (abnormal, retried, duplicate)
    integrity: Integrity
    sandbox: str  # sandbox.LINUX, sandbox.MACOS or sandbox.NONE
    ignored: list[tuple[str, str]] = field(default_factory=list)  # files not graded, and why
    superseded: list[GradedSubmission] = field(default_factory=list)  # students' other files (graded, not counted)
    notes: list[str] = field(default_factory=list)  # anything else the instructor should know
    seconds: float = 0.0

    @property
    def trustworthy(self) -> bool:
        return self.integrity.trustworthy

    def lines(self) -> list[str]:
        """The summary the grade command prints."""
        counts = ", ".join(f"{n} {status}" for status, n in self.counts.items())
        where = "in the sandbox (" + self.sandbox + ")" if self.sandbox != sb.NONE else "WITHOUT a sandbox (--no-sandbox)"
        out = [f"Graded {len(self.rows)} student(s) of lesson {self.lesson} in {self.seconds:.1f} s, {where}: {counts}."]
        if self.sandbox == sb.NONE:
            out.append("Every row, feedback page and the overview say 'graded without a sandbox': the submissions' code could change "
                       "files on this machine (see the integrity check below).")
        if self.look_at:
            out.append("Files to look at:")
            for g in self.look_at:
                statuses = "; ".join(g.statuses or [g.status]) + (", retried" if g.retried else "")
                out.append(f"  {g.student} ({g.file}): {statuses}. {instructor_message(g)}")
        if self.ignored:
            out.append("Not graded:")
            out += [f"  {name}: {why}" for name, why in self.ignored]
        out += [f"Note: {n}" for n in self.notes]
        out += self.integrity.lines()
        written = self.written
        out += [
            f"  gradebook:        {written['gradebook']}",
            f"  feedback pages:   {written['feedback']}/",
            f"  class overview:   {written['overview']}",
            f"  written answers:  {written['manual']} (fill in 'score' and 'comment', then: python3 kit.py merge-manual {self.out})",
        ]
        return out


def _kit_roots(source: Path) -> list[Path]:
    """What must not change while grading: the kit's data, its code, the masters, and the submissions."""
    code = paths.ROOT / "src"
    roots = [paths.data_dir(), code if code.is_dir() else Path(__file__).resolve().parents[1], paths.NOTEBOOKS, source]
    return [r for r in dict.fromkeys(Path(r).resolve() for r in roots) if r.exists()]


def _choose_sandbox(wanted: bool, hide: list[Path], batch_root: Path) -> tuple[str, sb.Containment | None, tuple[str, ...] | None]:
    """(mode, Linux containment, macOS hidden paths); raises GradingError when the sandbox is wanted but missing."""
    if not wanted:
        return sb.NONE, None, None
    mode = sb.platform_mode()
    if mode == sb.LINUX:
        containment = sb.containment_for([*hide, batch_root], [paths.ROOT, paths.data_dir()])
        reason = sb.probe(containment, [paths.data_dir(), Path(__file__).resolve().parents[1]])
        if reason:
            raise GradingError(sb.refusal(reason))
        return mode, containment, None
    if mode == sb.MACOS:
        if not Path("/usr/bin/sandbox-exec").exists():
            raise GradingError(sb.refusal("/usr/bin/sandbox-exec is missing"))
        return mode, None, tuple(str(p) for p in [*hide, batch_root])
    raise GradingError(sb.refusal(f"the kit has no sandbox for {sys.platform}"))


def _mark_without_sandbox(g: GradedSubmission) -> None:
    g.statuses = [s.value for s in ordered([*g.statuses, RunStatus.NO_SANDBOX.value])]
    g.status = g.statuses[0]


def _pick_rows(graded: dict[str, GradedSubmission], choices: dict[str, Choice]) -> tuple[list[GradedSubmission], list[GradedSubmission]]:
    """One row per student (collect.choose_per_student); the others are kept for results.json."""
    rows, superseded = [], []
    for student, choice in sorted(choices.items(), key=lambda kv: kv[0].casefold()):
        row = graded[choice.kept.name]
        if choice.others:
            others = [graded[o.name] for o in choice.others]
            row.others = [{"file": o.file, "status": o.status, "points": o.auto_points + o.quiz_points} for o in others]
            row.choice_rule = choice.rule
            row.statuses = [s.value for s in ordered([*row.statuses, RunStatus.DUPLICATE.value])]
            row.status = row.statuses[0]
            superseded += others
        rows.append(row)
    return rows, superseded


def grade_folder(
    submissions: str | Path,
    lesson: str,
    out: str | Path,
    *,
    ids: str | Path | None = None,
    limits: Limits = Limits(),
    workers: int | None = None,
    sandbox: bool = True,
    on_progress: Callable[[int, int, str, str], None] | None = None,
) -> GradeSummary:
    """Grade every notebook in a folder or zip for one lesson; write the reports into `out`.

    `on_progress(done, total, student, status)` is called as each submission finishes. Raises
    GradingError (one sentence) for an unusable input or when the sandbox is wanted but does not work
    here, and DataError when the kit's own data is damaged."""
    start = time.monotonic()
    lesson = str(lesson).zfill(2)
    master = master_for(lesson, paths.NOTEBOOKS)
    out, source = Path(out).resolve(), Path(submissions).resolve()
    if out == source or source in out.parents:
        raise GradingError("The output folder must not be inside the submissions folder: choose another --out.")
    if not source.exists():
        raise GradingError(f"{source} does not exist.")
    workers = max(1, workers or os.cpu_count() or 1)
    made_out = not out.exists()
    out.mkdir(parents=True, exist_ok=True)  # it must exist to be hidden from the submissions
    batch_root = Path(tempfile.mkdtemp(prefix="unionstate-batch-"))
    write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # our own imports must not change src/ while it is being checked
    try:
        mode, containment, macos_hide = _choose_sandbox(sandbox, [source, out, paths.NOTEBOOKS], batch_root)
        warm_up()
        roots = _kit_roots(source)
        before = snapshot(roots)
        launcher = start_launcher(containment, macos_hide=macos_hide)  # before any submission is read
        try:
            batch = collect_batch(source, master.stem, Path(ids) if ids else None)
            choices = choose_per_student(batch.submissions)
            plans: list[Plan] = []
            for s in batch.submissions:
                if s.problem:
                    plans.append(Plan(student=s.student, file=s.name, lesson=lesson, status=RunStatus.INVALID.value, message=f"The file could not be read: {s.problem}."))
                else:
                    plans.append(build_plan(s.student, s.name, s.data, lesson, master))
            for sub in batch.submissions:
                sub.data = b""  # the plans hold what is needed
            total, done = len(plans), [0]

            def progress(plan: Plan, status: str) -> None:
                done[0] += 1
                if on_progress:
                    on_progress(done[0], total, plan.student, status)

            for plan in plans:
                if plan.status:
                    progress(plan, plan.status)
            runnable = [p for p in plans if not p.status]
            results: dict[str, RunResult] = run_all(
                runnable, limits, workers, on_done=lambda plan, res: progress(plan, res.status), containment=containment,
                launcher=launcher, batch_root=batch_root,
            )
        finally:
            launcher.close()
        integrity = compare(roots, before, snapshot(roots))
    except BaseException:
        if made_out and not any(out.iterdir()):
            out.rmdir()  # a refused or failed run leaves no empty output folder behind
        raise
    finally:
        sys.dont_write_bytecode = write_bytecode
        shutil.rmtree(batch_root, ignore_errors=True)

    graded = {p.file: grade(p, results.get(p.file)) for p in plans}
    if mode == sb.NONE:
        for g in graded.values():
            _mark_without_sandbox(g)
    rows, superseded = _pick_rows(graded, choices)
    title = master.stem.split("-", 1)[1].replace("-", " ")
    banner = [] if integrity.trustworthy else integrity.lines()
    if mode == sb.NONE:
        banner = ["Graded without a sandbox (--no-sandbox)."] + banner
    written = write_all(lesson, title, rows, out, banner)
    notes = []
    if containment is not None and containment.kept_readable:
        notes.append("these folders hold the kit or Python, so submissions could still read them: " + ", ".join(containment.kept_readable))
    isolated = [r.network_isolated for r in results.values()]
    if isolated and not all(isolated):
        notes.append("this machine does not allow cutting submissions off the network; they ran with network access.")
    save_results(out, lesson, title, rows, extra={"sandbox": mode, "integrity": asdict(integrity), "trustworthy": integrity.trustworthy,
                                                  "superseded": [asdict(g) for g in superseded], "ignored": batch.ignored})
    warning = out / WARNING_FILE
    if integrity.trustworthy:
        warning.unlink(missing_ok=True)
    else:
        warning.write_text("\n".join(integrity.lines()) + "\n", encoding="utf-8")
    written["results"] = out / "results.json"
    counts: dict[str, int] = {}
    for status in RunStatus:
        n = sum(1 for g in rows if g.status == status.value)
        if n:
            counts[status.value] = n
    return GradeSummary(lesson, title, out, written, counts, rows, look_at(rows), integrity, mode, batch.ignored, superseded,
                        notes, round(time.monotonic() - start, 1))


__all__ = ["GradeSummary", "Limits", "grade_folder"]
