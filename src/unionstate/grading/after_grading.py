"""After the points are decided: the class report, the LMS gradebook files and the five lines on what to revisit.

The grade command makes one call, after its own reports are written:

    lines = after_grading(lesson, title, graded, out, options)   # options = insight_options(args, lesson)

and prints the lines. `insight_options` reads the roster before any grading starts, so a wrong
roster costs seconds, not a whole batch. `kit.py lms OUT` writes the LMS files again from
results.json (after merge-manual has added the written answers' scores).
"""

from __future__ import annotations

from pathlib import Path

from .class_report import write_class_report
from .errors import GradingError
from .insight import analyse
from .lms import FORMATS, MOODLE_IDS, LmsOptions, read_roster, write_lms_files
from .score import GradedSubmission


def add_insight_arguments(p) -> None:
    """The LMS options (for `kit.py grade` and `kit.py lms`)."""
    g = p.add_argument_group("LMS gradebook files (Canvas, Moodle)")
    g.add_argument("--lms", default="auto", choices=["auto", "both", *FORMATS, "none"],
                   help="which LMS file(s) to write (default: the roster's LMS; both without a roster)")
    g.add_argument("--roster", default=None,
                   help="the class list your LMS exports (Canvas: Grades > Export; Moodle: Grades > Export > Plain text file) to name every student")
    g.add_argument("--moodle-id", default="email", choices=list(MOODLE_IDS), help="how the Moodle file identifies students (default: %(default)s)")
    g.add_argument("--missing-zero", action="store_true", help="a roster student without a submission gets 0 (default: an empty grade)")
    g.add_argument("--assignment-name", default=None, help="the assignment's name in the LMS (default: 'Lesson NN: <title>')")
    g.add_argument("--assignment-id", default="", help="Canvas: the assignment's id (the number in its address), to fill an existing assignment")


def insight_options(args, lesson: str) -> LmsOptions:
    roster = read_roster(args.roster) if args.roster else None
    formats = () if args.lms == "none" else FORMATS if args.lms == "both" else (args.lms,) if args.lms in FORMATS else auto_formats(roster, args.moodle_id)
    options = LmsOptions(formats=formats, roster=roster, moodle_id=args.moodle_id, missing_zero=args.missing_zero,
                         assignment_name=args.assignment_name or "", assignment_id=str(args.assignment_id or ""))
    options.validate()
    return options


def after_grading(lesson: str, title: str, graded: list[GradedSubmission], out: Path, options: LmsOptions) -> list[str]:
    """Write the class report and the LMS files into `out`; the lines to print (files, then what to revisit)."""
    lms = write_lms_files(lesson, title, graded, out, options) if options.formats else None
    ci = analyse(lesson, title, graded)
    page = write_class_report(ci, out, lms)
    lines = [f"  {'class report:':<18}{page}"]
    if lms is not None:
        lines += lms.lines()
    lines.append("What to revisit in the next class:")
    lines += [f"  {line}" for line in ci.revisit()]
    return lines


def auto_formats(roster, moodle_id: str) -> tuple[str, ...]:
    """The files a roster suits: a Canvas export, the Canvas file; a Moodle export, the Moodle file; no roster, both."""
    if roster is None:
        return FORMATS
    if roster.kind == "canvas":
        return ("canvas",)
    if roster.kind == "moodle":
        return ("moodle",)
    return FORMATS if roster.has(moodle_id) else ("canvas",)


def add_lms_arguments(p) -> None:
    p.add_argument("out", help="the grade command's output folder (with results.json)")
    add_insight_arguments(p)


def run_lms(args) -> int:
    """`kit.py lms OUT`: the LMS files and the class report again, from results.json (e.g. after merge-manual)."""
    from .manual import load_results

    out = Path(args.out).resolve()
    lesson, title, graded = load_results(out)
    options = insight_options(args, lesson)
    if not options.formats:
        raise GradingError("--lms none writes nothing: choose canvas, moodle or both.")
    for line in after_grading(lesson, title, graded, out, options):
        print(line)
    return 0


__all__ = ["add_insight_arguments", "add_lms_arguments", "after_grading", "insight_options", "run_lms"]
