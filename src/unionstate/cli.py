"""One entry point for every task: `python -m unionstate <command>` (or `python3 kit.py <command>`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


def _cmd_lab(args) -> int:
    from .lab import run_lab

    run_lab(Path(args.workspace).resolve(), port=args.port, open_browser=not args.no_browser, token=args.token)
    return 0  # not reached: run_lab replaces the process


def _cmd_refresh(args) -> int:
    from .workspace import refresh

    for line in refresh(Path(args.workspace).resolve(), args.lesson).messages():
        print(line)
    return 0


def _cmd_sync(args) -> int:
    from .workspace import sync

    for line in sync(Path(args.workspace).resolve()).messages():
        print(line)
    return 0


def _cmd_release(args) -> int:
    if args.git:
        from .hub.publish import release_to_git

        report = release_to_git(Path(args.masters), Path(args.git), branch=args.branch)
        for line in report.messages():
            print(line)
        print(f"Push the branch to where the hub can read it, then print the students' link: python3 kit.py hub-link --hub <hub URL> --repo <repository URL> --branch {args.branch}")
        return 0
    from .release import release_folder

    written = release_folder(Path(args.masters), Path(args.out), force=args.force)
    print(f"Wrote {len(written)} student notebooks to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def _cmd_hub_setup(args) -> int:
    from .hub.install import hub_setup

    for line in hub_setup(Path(args.prefix) if args.prefix else None, Path(args.git_config) if args.git_config else None):
        print(line)
    return 0


def _cmd_hub_link(args) -> int:
    from .grading.compose import master_for
    from .hub.publish import FIRST_LESSON, pull_link

    notebook = master_for(args.lesson.zfill(2), Path(args.masters)).name if args.lesson else FIRST_LESSON
    print(pull_link(args.hub, args.repo, branch=args.branch, folder=args.folder, notebook=notebook))
    return 0


def _cmd_collect(args) -> int:
    from .grading.compose import master_for
    from .hub.collect import collect_homes

    notebook = master_for(args.lesson.zfill(2), Path(args.masters)).name
    report = collect_homes(args.homes, notebook, Path(args.out or f"submissions-{args.lesson.zfill(2)}"), users=args.users)
    for line in report.messages():
        print(line)
    return 0


def _cmd_validate_data(args) -> int:
    from .datasets import validate_all

    counts = validate_all()
    for name, n in counts.items():
        print(f"  {name:<26} {n:>5} rows  ok")
    print(f"All {len(counts)} datasets match data/datapackage.json.")
    return 0


def _cmd_cite(args) -> int:
    from .sources import cite

    print(cite(args.ids))
    return 0


def _cmd_build(args) -> int:
    from .authoring import build_notebook

    for path in args.notebooks:
        for line in build_notebook(Path(path), execute=not args.no_execute):
            print(line)
    return 0


def _cmd_timing(args) -> int:
    from .release import master_notebooks
    from .timing import report

    masters = master_notebooks(Path(args.masters))
    if args.lesson:
        wanted = [m for m in masters if m.name[:2] == args.lesson]
        if not wanted:
            print(f"error: there is no lesson {args.lesson!r}. Lessons: {', '.join(m.name[:2] for m in masters)}.", file=sys.stderr)
            return 2
        masters = wanted
    print(report(masters))
    return 0


def _cmd_grade(args) -> int:
    from .grading.cli import run_grade

    return run_grade(args)


def _cmd_merge_manual(args) -> int:
    from .grading.cli import run_merge_manual

    return run_merge_manual(args)


def _cmd_lms(args) -> int:
    from .grading.after_grading import run_lms

    return run_lms(args)


def build_parser() -> argparse.ArgumentParser:
    from .workspace import default_workspace

    parser = argparse.ArgumentParser(prog="kit", description="The Belarus-Russia teaching kit.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    p = sub.add_parser("lab", help="open JupyterLab on your workspace (your own copies of the lessons)")
    p.add_argument("--workspace", default=str(default_workspace()), help="folder for your notebooks (default: %(default)s)")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.add_argument("--token", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=_cmd_lab)

    p = sub.add_parser("refresh", help="switch one lesson to its newest version (your file is backed up, answers carried over)")
    p.add_argument("lesson", help="lesson number, e.g. 02")
    p.add_argument("--workspace", default=str(default_workspace()))
    p.set_defaults(func=_cmd_refresh)

    p = sub.add_parser("sync", help="add new lessons to your workspace without starting JupyterLab")
    p.add_argument("--workspace", default=str(default_workspace()))
    p.set_defaults(func=_cmd_sync)

    p = sub.add_parser("release", help="instructors: write student versions of the master notebooks")
    p.add_argument("--out", default=str(paths.ROOT / "release"), help="output folder (default: %(default)s)")
    p.add_argument("--masters", default=str(paths.NOTEBOOKS), help=argparse.SUPPRESS)
    p.add_argument("--force", action="store_true", help="replace student versions already in the output folder")
    p.add_argument("--git", default=None, metavar="REPO", help="JupyterHub: commit the student versions on a branch of this git repository (created bare if missing) for nbgitpuller")
    p.add_argument("--branch", default="student", help="the branch for --git (default: %(default)s)")
    p.set_defaults(func=_cmd_release)

    p = sub.add_parser("hub-setup", help="JupyterHub admins: apply the kit's JupyterLab settings and notebook merge driver for every user of this environment")
    p.add_argument("--prefix", default=None, help=argparse.SUPPRESS)
    p.add_argument("--git-config", default=None, help="write the merge driver into this git config file instead of git's system configuration")
    p.set_defaults(func=_cmd_hub_setup)

    p = sub.add_parser("hub-link", help="JupyterHub: print the one link that gives students the lessons (nbgitpuller)")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    p.add_argument("--repo", required=True, help="the address of the git repository published with release --git")
    p.add_argument("--branch", default="student", help="its branch (default: %(default)s)")
    p.add_argument("--folder", default="belarus-russia", help="the folder created in each student's home (default: %(default)s)")
    p.add_argument("--lesson", default=None, help="the lesson the link opens, e.g. 02 (default: 00)")
    p.add_argument("--masters", default=str(paths.NOTEBOOKS), help=argparse.SUPPRESS)
    p.set_defaults(func=_cmd_hub_link)

    p = sub.add_parser("collect", help="JupyterHub instructors: copy one lesson's notebooks from the users' home folders into a submissions folder")
    p.add_argument("--lesson", required=True, help="lesson number, e.g. 02")
    p.add_argument("--homes", required=True, help="the users' lesson folders, with {user}: e.g. '/home/{user}/belarus-russia'")
    p.add_argument("--out", default=None, help="a new folder for the submissions (default: submissions-<lesson>)")
    p.add_argument("--users", default=None, help="the class: a file with one user name a line, or names separated by commas (lists those without a notebook too)")
    p.add_argument("--masters", default=str(paths.NOTEBOOKS), help=argparse.SUPPRESS)
    p.set_defaults(func=_cmd_collect)

    from .grading.cli import add_grade_arguments, add_merge_arguments

    p = sub.add_parser("grade", help="instructors: grade a folder or zip of submitted notebooks")
    add_grade_arguments(p)
    p.set_defaults(func=_cmd_grade)
    p = sub.add_parser("merge-manual", help="instructors: add the scores from a filled-in manual grading sheet to the gradebook")
    add_merge_arguments(p)
    p.set_defaults(func=_cmd_merge_manual)
    from .grading.after_grading import add_lms_arguments

    p = sub.add_parser("lms", help="instructors: write the Canvas and Moodle gradebook files (and the class report) again, e.g. after merge-manual")
    add_lms_arguments(p)
    p.set_defaults(func=_cmd_lms)

    p = sub.add_parser("validate-data", help="check every dataset against data/datapackage.json")
    p.set_defaults(func=_cmd_validate_data)

    p = sub.add_parser("cite", help="print the citation of one or more source ids")
    p.add_argument("ids", nargs="+")
    p.set_defaults(func=_cmd_cite)

    p = sub.add_parser("timing", help="lesson authors: estimated minutes of each lesson's core path and extensions, from the notebooks")
    p.add_argument("lesson", nargs="?", help="lesson number, e.g. 02 (default: every lesson)")
    p.add_argument("--masters", default=str(paths.NOTEBOOKS), help=argparse.SUPPRESS)
    p.set_defaults(func=_cmd_timing)

    p = sub.add_parser("build", help="lesson authors: sync nbgrader metadata from the registry and store fresh outputs")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--no-execute", action="store_true", help="only sync metadata")
    p.set_defaults(func=_cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .datasets import DataError
    from .release import ReleaseError
    from .sources import UnknownSourceError
    from .workspace import WorkspaceError

    from .authoring import AuthoringError
    from .grading.errors import GradingError

    from .hub import HubError

    known: tuple = (DataError, ReleaseError, UnknownSourceError, WorkspaceError, GradingError, AuthoringError, HubError)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except known as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
