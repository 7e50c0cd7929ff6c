"""The sandbox: hostile submissions that write, delete and corrupt everywhere they might reach change
nothing outside their scratch folder (hashed before and after), read no other submission (on disk or
in the grader's memory), leave no process or shared-memory segment behind and stop no other process.
Also: the sandbox is on by default, --no-sandbox marks every row and the integrity check catches what
such a run changes, the grader refuses to run where there is no sandbox, the per-mount read-only
fallback works, and the macOS profile and command line are what the guide says.

Every real kit file a hostile submission targets is backed up first and restored (with a failing
test) should the sandbox ever let it through, so a broken sandbox cannot damage the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from grading_helpers import CORPUS, digest, expected_points, grade_in_a_fresh_process, read

import unionstate
from unionstate import paths
from unionstate.grading import sandbox as sb
from unionstate.grading.api import grade_folder
from unionstate.grading.compose import build_plan, master_for
from unionstate.grading.errors import GradingError
from unionstate.grading.runner import Limits, run_all
from unionstate.grading.score import grade

# Points from the corpus, not typed again: a full-marks notebook of lesson 00, and the spy (full marks but
# 00.days_between, whose answer it could only have read from the sibling).
FULL = expected_points("00", "full_marks")
SPY_POINTS = str(int(FULL) - 1)

TOKEN = f"hostile{os.getpid()}"
SHM_KEY = 0x5E000000 + os.getpid() % 0xFFFF
PACKAGE = Path(unionstate.__file__).resolve().parent
MASTER = master_for("00", paths.NOTEBOOKS)
HOME = Path(os.path.expanduser("~"))
KIT_TARGETS = [paths.data_dir() / "sources.csv", PACKAGE / "__init__.py", MASTER]
# Writable by anyone, so only the read-only mounts (not the submission's unprivileged user) protect them.
OPEN_FILE, OPEN_FOLDER = paths.ROOT / f".{TOKEN}-writable-by-all", paths.ROOT / f".{TOKEN}-folder-writable-by-all"

VANDAL = '''import ctypes, glob, os, shutil, signal, subprocess, sys, time
T = {targets!r}
def attempt(f):
    try:
        f()
    except BaseException:
        pass
for path in T["files"]:
    attempt(lambda: open(path, "a").write("\\nHOSTILE"))
    attempt(lambda: open(path, "w").write("HOSTILE"))
    attempt(lambda: os.chmod(path, 0))
    attempt(lambda: os.rename(path, path + ".moved"))
    attempt(lambda: os.remove(path))
for folder in T["folders"]:
    attempt(lambda: open(os.path.join(folder, T["token"] + "-created"), "w").write("HOSTILE"))
for folder in T["trees"]:
    attempt(lambda: shutil.rmtree(folder))
for path in glob.glob("/tmp/unionstate-*/**", recursive=True):  # the grader's plans and channels
    attempt(lambda: open(path, "w").write("HOSTILE") if os.path.isfile(path) else None)
attempt(lambda: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)  # " + T["token"]], start_new_session=True))
def later():  # a process that outlives the notebook and strikes once grading is over
    if os.fork() == 0:
        os.setsid()
        time.sleep(2)
        for path in T["files"]:
            attempt(lambda: open(path, "a").write("LATER"))
        os._exit(0)
attempt(later)
libc = ctypes.CDLL(None, use_errno=True)
attempt(lambda: libc.shmget(T["shm_key"], 4096, 0o1000 | 0o600))  # a System V segment outlives processes
def nested():  # a user namespace of its own, to make the mounts writable again
    if libc.unshare(0x10000000 | 0x00020000) == 0:
        libc.mount(None, b"/", None, 32 | 4096, None)
        libc.umount2(b"/tmp", 2)
        open(T["files"][0], "a").write("NESTED")
attempt(nested)
if os.getuid() != 0:  # never without the sandbox: there it could stop every process of the machine
    attempt(lambda: os.kill(-1, signal.SIGKILL))
'''

SPY = '''import gc
def holds(value, a, b):  # `a` directly followed by `b`, found without ever building a + b here
    if isinstance(value, bytes):
        a, b = a.encode(), b.encode()
    elif not isinstance(value, str):
        return False
    i = value.find(a)
    while i >= 0:
        if value[i + len(a): i + len(a) + len(b)] == b:
            return True
        i = value.find(a, i + 1)
    return False
def anywhere(a, b):
    for o in gc.get_objects():
        values = o.values() if isinstance(o, dict) else o if isinstance(o, (list, tuple)) else vars(o).values() if hasattr(o, "__dict__") else ()
        try:
            if any(holds(v, a, b) for v in values):
                return True
        except Exception:
            pass
    return False
LEAKED = anywhere("SIBLING", "SECRET-{token}")
try:
    LEAKED = LEAKED or holds(open({sibling!r}).read(), "SIBLING", "SECRET-{token}")
except OSError:
    pass
SEES_OWN = anywhere("OWN", "SECRET-{token}")  # the control: its own notebook is in its memory
# OWNSECRET-{token}
'''


def _notebook(extra_cell: str | None = None, days_if: str | None = None, headline_if: str | None = None, comment: str = ""):
    nb = nbformat.read(CORPUS / "00" / "full_marks.ipynb", as_version=4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id", ""): c for c in nb.cells}
    if comment:
        cells["ex00_days_between_answer"].source = f"# {comment}\n" + cells["ex00_days_between_answer"].source
    if days_if:
        cells["ex00_days_between_answer"].source += f"\nif not ({days_if}):\n    days_between = -1"
    if headline_if:
        cells["ex00_headline_kind_answer"].source += f"\nif not ({headline_if}):\n    headline_kind = 'A'"
    if extra_cell:
        nb.cells.insert(3, nbformat.v4.new_code_cell(extra_cell))
    return nbformat.writes(nb)


@pytest.fixture
def restore_kit():
    """Back up every kit file a hostile notebook targets; restore it (and fail) if it changed.
    Also make a file and a folder in the kit that anyone may write to."""
    saved = {p: p.read_bytes() for p in KIT_TARGETS}
    OPEN_FILE.write_text("anyone may write here, except a submission")
    OPEN_FILE.chmod(0o666)
    OPEN_FOLDER.mkdir()
    OPEN_FOLDER.chmod(0o777)
    yield
    OPEN_FILE.unlink(missing_ok=True)
    OPEN_FILE.with_name(OPEN_FILE.name + ".moved").unlink(missing_ok=True)
    shutil.rmtree(OPEN_FOLDER, ignore_errors=True)
    damaged = []
    for path, data in saved.items():
        if not path.exists() or path.read_bytes() != data:
            damaged.append(str(path))
            path.write_bytes(data)
        for extra in (Path(str(path) + ".moved"),):
            extra.unlink(missing_ok=True)
    for folder in (paths.data_dir(), PACKAGE, paths.NOTEBOOKS, paths.ROOT, HOME, Path("/"), Path("/tmp"), Path("/dev/shm")):
        (folder / f"{TOKEN}-created").unlink(missing_ok=True)
    (Path("/tmp") / f"{TOKEN}-marker").unlink(missing_ok=True)
    if SHM_KEY in _shm_keys():  # a segment that got out: remove it (IPC_RMID), the test fails on it
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmctl(libc.shmget(SHM_KEY, 0, 0), 0, None)
    assert not damaged, f"the sandbox let a submission change {damaged} (restored)"


def _processes_with(token: str) -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if token.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(pid)
            except OSError:
                pass
    return found


def _shm_keys() -> set[int]:
    with open("/proc/sysvipc/shm") as fh:
        return {int(line.split()[0]) for line in list(fh)[1:] if line.strip()}


def _hostile_folder(tmp_path: Path) -> tuple[Path, Path]:
    subs, out = tmp_path / "submissions", tmp_path / "grades"
    subs.mkdir()
    out.mkdir()
    (out / "keep.txt").write_text("the instructor's own file", encoding="utf-8")
    (Path("/tmp") / f"{TOKEN}-marker").write_text("another program's file in /tmp", encoding="utf-8")
    sibling = subs / "sibling.ipynb"
    sibling.write_text(_notebook(comment=f"SIBLINGSECRET-{TOKEN} (only in this student's notebook)"), encoding="utf-8")
    targets = {
        "token": TOKEN,
        "shm_key": SHM_KEY,
        "files": [str(p) for p in KIT_TARGETS] + [str(OPEN_FILE), str(sibling), str(out / "keep.txt"), f"/tmp/{TOKEN}-marker"],
        "folders": [str(p) for p in (paths.data_dir(), PACKAGE, paths.NOTEBOOKS, paths.ROOT, OPEN_FOLDER, subs, out, HOME, "/", "/tmp", "/dev/shm")],
        "trees": [str(subs), str(out)],
    }
    (subs / "vandal.ipynb").write_text(_notebook(VANDAL.format(targets=targets)), encoding="utf-8")
    (subs / "spy.ipynb").write_text(_notebook(SPY.format(token=TOKEN, sibling=str(sibling)), days_if="LEAKED", headline_if="SEES_OWN"), encoding="utf-8")
    return subs, out


def _outside_state(subs: Path, out: Path) -> dict:
    return {
        "kit data": digest(paths.data_dir()),
        "kit package": digest(PACKAGE),
        "masters": digest(paths.NOTEBOOKS),
        "a kit file anyone may write to": OPEN_FILE.read_bytes() if OPEN_FILE.exists() else None,
        "a kit folder anyone may write to": sorted(os.listdir(OPEN_FOLDER)) if OPEN_FOLDER.exists() else None,
        "submissions": digest(subs),
        "instructor's file in the output folder": (out / "keep.txt").read_bytes() if (out / "keep.txt").exists() else None,
        "file in /tmp": (Path("/tmp") / f"{TOKEN}-marker").read_bytes() if (Path("/tmp") / f"{TOKEN}-marker").exists() else None,
        "created files": sorted(str(f / f"{TOKEN}-created") for f in (paths.data_dir(), PACKAGE, paths.NOTEBOOKS, paths.ROOT, subs, out, HOME,
                                                                       Path("/"), Path("/tmp"), Path("/dev/shm")) if (f / f"{TOKEN}-created").exists()),
        "processes left": _processes_with(TOKEN),
        "shared memory": SHM_KEY in _shm_keys(),
    }


@pytest.mark.slow
def test_hostile_submissions_change_nothing_outside_their_scratch_folder(tmp_path, restore_kit):
    subs, out = _hostile_folder(tmp_path)
    before = _outside_state(subs, out)
    summary = grade_in_a_fresh_process(subs, out)
    time.sleep(3)  # past the moment the process left behind would strike
    after = _outside_state(subs, out)
    for what in before:
        assert after[what] == before[what], f"{what} changed: {before[what]!r} -> {after[what]!r}"
    assert summary["sandbox"] == sb.LINUX and summary["trustworthy"], summary["integrity"]
    rows = read(out / "gradebook.csv")
    assert {s: (r["status"], r["auto_points"], r["quiz_points"]) for s, r in rows.items()} == {
        "sibling": ("ok", FULL, "1"),  # not killed, not read, not changed
        "vandal": ("ok", FULL, "1"),  # its attacks failed quietly; its own answers count
        "spy": ("ok", SPY_POINTS, "1"),  # 00.headline_kind: it sees its own notebook; 00.days_between: it never saw the sibling's
    }
    written = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert written <= {"keep.txt", "gradebook.csv", "results.json", "manual-grading.csv", "manual-grading.html", "overview/index.html",
                       "overview/items.csv", "overview/success_rate.png", "overview/score_distribution.png"} | {
                           f"feedback/{s}.html" for s in rows}, "nothing but the grader's reports in the output folder"


@pytest.mark.slow
def test_garbage_of_an_earlier_batch_does_not_reach_a_submission(tmp_path, restore_kit):
    """A process that grades one folder, then another (an instructor's kernel): what the first left as
    uncollected garbage (a cycle holding a student's notebook text) must not be copied into the second
    batch's processes. The grader collects garbage before it forks its helper (without that, this fails)."""
    subs, out = _hostile_folder(tmp_path)
    (subs / "vandal.ipynb").unlink()
    earlier = tmp_path / "earlier-student.ipynb"
    (subs / "sibling.ipynb").rename(earlier)  # no longer in this batch: only the garbage holds its text
    grade_in_a_fresh_process(subs, out, garbage=earlier)
    spy = read(out / "gradebook.csv")["spy"]
    assert (spy["status"], spy["auto_points"]) == ("ok", SPY_POINTS), "the spy found the earlier student's notebook in its memory"


@pytest.mark.slow
def test_the_spy_would_see_a_sibling_if_the_helper_were_started_after_reading_the_submissions(tmp_path, restore_kit):
    """Break-it check of the test above: fork the helper from a process that holds every plan, and the
    same spy finds the sibling's secret in its memory. grade_folder starts the helper earlier."""
    subs, out = _hostile_folder(tmp_path)
    (subs / "vandal.ipynb").unlink()
    plans = [build_plan(p.stem, p.name, p.read_bytes(), "00", MASTER) for p in sorted(subs.glob("*.ipynb"))]
    containment = sb.containment_for([subs, out, paths.NOTEBOOKS], [paths.ROOT])
    results = run_all(plans, Limits(timeout=60, cell_timeout=5), workers=2, containment=containment)
    spy = next(p for p in plans if p.student == "spy")
    assert grade(spy, results[spy.file]).auto_points == int(FULL), "with the plans in the helper's memory the spy sees the sibling"


def test_the_sandbox_is_on_by_default_and_named_in_the_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "00" / "half.ipynb", folder / "ana.ipynb")
    summary = grade_folder(folder, "00", tmp_path / "out")
    assert summary.sandbox == sb.LINUX and "in the sandbox (Linux namespaces)" in summary.lines()[0]
    row = read(tmp_path / "out" / "gradebook.csv")["ana"]
    assert row["status"] == "ok" and "no sandbox" not in row["statuses"] and "without a sandbox" not in row["message"]


def test_no_sandbox_marks_every_row_page_and_summary_and_the_integrity_check_catches_changes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", data)
    monkeypatch.setenv("UNIONSTATE_DATA", str(data))  # the children inherit it: this copy is what they can damage
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "00" / "full_marks.ipynb", folder / "ana.ipynb")
    damage = "from unionstate import paths\nopen(paths.data_dir() / 'union' / 'union_state_timeline.csv', 'a').write('\\n')"
    (folder / "boris.ipynb").write_text(_notebook(damage), encoding="utf-8")
    summary = grade_folder(folder, "00", tmp_path / "out", sandbox=False, limits=Limits(timeout=60, cell_timeout=5))
    assert summary.sandbox == sb.NONE and not summary.trustworthy
    assert summary.integrity.changed == [str(data / "union" / "union_state_timeline.csv")]
    rows = read(tmp_path / "out" / "gradebook.csv")
    for student, row in rows.items():
        assert row["status"] == "no sandbox" and row["message"].startswith("Graded without a sandbox"), student
        assert "graded without a sandbox" in (tmp_path / "out" / "feedback" / f"{student}.html").read_text()
    lines = summary.lines()
    assert "WITHOUT a sandbox (--no-sandbox)" in lines[0] and any(line.startswith("WARNING: grading changed files") for line in lines)
    assert (tmp_path / "out" / "INTEGRITY-WARNING.txt").exists()
    assert "WARNING: grading changed files" in (tmp_path / "out" / "overview" / "index.html").read_text()


def test_the_grader_refuses_without_a_sandbox_in_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(sb, "probe", lambda containment, must_not_write: "unshare: Operation not permitted")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "00" / "half.ipynb", folder / "ana.ipynb")
    with pytest.raises(GradingError) as caught:
        grade_folder(folder, "00", tmp_path / "out")
    text = str(caught.value)
    assert text.startswith("The grader cannot keep submissions away from your files on this machine (unshare: Operation not permitted)")
    assert "allow unprivileged user namespaces" in text
    assert "--no-sandbox" in text and text.count(". ") == 0, "one sentence that says why and what to do"
    assert not (tmp_path / "out").exists(), "a refused run leaves no empty output folder"
    monkeypatch.setattr(sb, "platform_mode", lambda: sb.NONE)
    with pytest.raises(GradingError, match="the kit has no sandbox for"):
        grade_folder(folder, "00", tmp_path / "out")


def test_read_only_by_remounting_each_mount_works_too(tmp_path):
    """The path for kernels before 5.12 (no mount_setattr): every mount bind-remounted read-only."""
    containment = sb.containment_for([CORPUS / "00", paths.NOTEBOOKS], [paths.ROOT])
    forced = sb.Containment(**{**containment.__dict__, "readonly_by_remount": True})
    assert sb.probe(forced, [paths.data_dir(), PACKAGE, Path("/")]) is None


def test_a_hidden_folder_is_empty_and_the_kit_stays_readable_inside_the_sandbox():
    other = paths.ROOT / f".{TOKEN}-other-submissions"  # outside /tmp and the home folder: only the hiding mount hides it
    other.mkdir()
    (other / "x.ipynb").write_text("{}")
    private = HOME / f"{TOKEN}-private"
    private.write_text("the instructor's own file")
    nb = nbformat.read(CORPUS / "00" / "empty.ipynb", as_version=4)
    probe_code = (f"import os\nfrom unionstate import paths\ndays_between = str([os.path.exists({str(other / 'x.ipynb')!r}), "
                  "os.listdir(paths.NOTEBOOKS), os.path.exists(paths.data_dir() / 'sources.csv'), os.getuid(), os.getpid() < 10, "
                  f"os.path.exists({str(private)!r})])")
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ex00_days_between_answer":
            cell.source = probe_code
    plan = build_plan("p", "p.ipynb", nbformat.writes(nb).encode(), "00", MASTER)
    containment = sb.containment_for([other, paths.NOTEBOOKS], [paths.ROOT])
    try:
        result = run_all([plan], Limits(timeout=30, cell_timeout=5), workers=1, containment=containment)["p.ipynb"]
    finally:
        private.unlink()
        shutil.rmtree(other)
    seen = result.records["00.days_between"]["value"]
    assert seen == "[False, [], True, 1000, True, False]", "other submissions and masters hidden, data readable, not root, own PID namespace, home covered"


def test_the_macos_profile_and_command_line():
    """No macOS machine is available: the profile and the command built around it, as text."""
    profile = sb.PROFILE.read_text()
    for rule in ("(deny network*)", "(deny file-write*)", '(subpath (param "SCRATCH"))', '(subpath (param "TMP"))', "(deny file-read*",
                 '(subpath (param "HIDE1"))', '(subpath (param "HIDE4"))', "(deny signal (target others))"):
        assert rule in profile, rule
    allow_own = '(allow file-read* (subpath (param "SCRATCH")))'
    assert profile.index(allow_own) > profile.index("(deny file-read*"), "its own scratch folder (inside the hidden batch folder) stays readable"
    command = sb.macos_command(["python", "-m", "unionstate.grading.worker"], "/tmp/s", "/tmp", ("/a", "/b"))
    assert command[:3] == ["/usr/bin/sandbox-exec", "-f", str(sb.PROFILE)]
    assert command[-3:] == ["python", "-m", "unionstate.grading.worker"]
    params = dict(arg.split("=", 1) for arg in command[3:-3] if arg != "-D")
    assert params["SCRATCH"] == os.path.realpath("/tmp/s") and params["HIDE1"] == "/a" and params["HIDE2"] == "/b"
    assert params["HIDE3"] == params["HIDE4"] == "/nonexistent/unionstate", "unused slots point nowhere"


@pytest.mark.slow
def test_an_instructor_grades_a_folder_with_broken_and_hostile_submissions(tmp_path, restore_kit):
    """End to end, as an instructor runs it (`kit.py grade` in a new process): one run finishes, every
    abnormal row has its status and reason, the correct notebooks get full marks, nothing outside
    the scratch folders changes."""
    subs, out = _hostile_folder(tmp_path)
    for name in ("full_marks", "loop_in_a_cell", "memory_hog", "output_flood", "kernel_death", "corrupt", "wrong_types"):
        shutil.copy(CORPUS / "00" / f"{name}.ipynb", subs / f"{name}.ipynb")
    (subs / "old_format.ipynb").write_text('{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}')
    (subs / "notes.pdf").write_bytes(b"%PDF-1.4 not a notebook")
    (subs / "ana").mkdir()
    shutil.copy(CORPUS / "00" / "half.ipynb", subs / "ana.ipynb")
    shutil.copy(CORPUS / "00" / "full_marks.ipynb", subs / "ana" / "00-start-here.ipynb")
    os.utime(subs / "ana.ipynb", (time.time() - 3600, time.time() - 3600))  # the first upload, an hour earlier
    before = _outside_state(subs, out)
    cmd = [sys.executable, "-m", "unionstate", "grade", str(subs), "--lesson", "00", "--out", str(out), "--timeout", "30", "--cell-timeout", "2", "--quiet"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    time.sleep(3)
    after = _outside_state(subs, out)
    assert result.returncode == 0, result.stdout + result.stderr
    for what in before:
        assert after[what] == before[what], f"{what} changed"
    rows = read(out / "gradebook.csv")
    got = {s: (r["status"], r["auto_points"], r["quiz_points"]) for s, r in rows.items()}
    assert got == {
        "ana": ("duplicate", FULL, "1"), "corrupt": ("invalid", "0", "0"), "full_marks": ("ok", FULL, "1"),
        "kernel_death": ("crashed", expected_points("00", "kernel_death"), "1"),
        "loop_in_a_cell": ("cell timeout", expected_points("00", "loop_in_a_cell"), "1"),
        "memory_hog": ("memory limit", FULL, "1"), "old_format": ("invalid", "0", "0"), "output_flood": ("output limit", FULL, "1"),
        "sibling": ("ok", FULL, "1"), "spy": ("ok", SPY_POINTS, "1"), "vandal": ("ok", FULL, "1"), "wrong_types": ("ok", "0", "0"),
    }
    assert "ana.ipynb" in rows["ana"]["message"] and "newest file by its file modification time" in rows["ana"]["message"]
    assert "old notebook format (nbformat 3)" in rows["old_format"]["message"]
    printed = result.stdout
    assert "in the sandbox (Linux namespaces)" in printed and "Files to look at:" in printed and "Integrity: the" in printed
    assert "notes.pdf: it is a PDF" in printed, "a file that is not a notebook is named, with what to do"
    for student, row in rows.items():
        if row["status"] != "ok":
            assert row["message"] and f"  {student} (" in printed, f"{student}: its reason is in the row and in the summary"


def test_the_sandbox_works_while_the_grader_runs_threads(tmp_path):
    """A process with several threads cannot enter a new user namespace; the grader's children can,
    because each is forked (single-threaded) from a forked helper, whatever threads the grader runs
    (numpy's pool, a caller's own threads)."""
    import threading

    stop = threading.Event()
    extra = threading.Thread(target=stop.wait, daemon=True)
    extra.start()
    try:
        assert len(os.listdir("/proc/self/task")) > 1, "the grader's process has more than one thread"
        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(CORPUS / "00" / "full_marks.ipynb", folder / "ana.ipynb")
        summary = grade_folder(folder, "00", tmp_path / "out")
    finally:
        stop.set()
    assert summary.sandbox == sb.LINUX and [(g.status, g.auto_points) for g in summary.rows] == [("ok", int(FULL))]
