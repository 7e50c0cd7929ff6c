"""Run each plan in its own fresh process, in parallel, within limits, inside the sandbox.

Speed comes from doing the expensive part once: the grader imports pandas, matplotlib, IPython and
the kit and loads every dataset (warm_up), then forks a helper process (the *zygote*) before it reads
any submission. The zygote forks one child per submission. A child starts with all of that in
memory (a few milliseconds instead of a 2-3 s kernel start) but shares nothing with other
submissions: it is a new process, and since the zygote never holds a submission, not even the
child's memory contains another student's work. The zygote is single-threaded (a fork), so its
children can enter new user namespaces (see sandbox.py) whatever threads the grader runs. Where fork
is not available (Windows), or on macOS with the sandbox, each submission runs in a new Python
process instead (slower, same results; see worker.py).

In the child: the sandbox (sandbox.py) and limits: memory (address space) and file size; every cell
may use `cell_timeout` seconds of CPU time and print `output_mb` of text, the whole submission may
use `timeout` seconds of CPU time. Time limits count CPU time, so a busy machine does not make a
notebook run out of time, and a cell's limit always acts before the notebook's; a submission that
waits instead of computing (a sleep) is stopped after WALL_FACTOR times `timeout` of real time. Output goes nowhere. The child reports through a pipe, one JSON line per event, so everything
it recorded before a crash or a timeout is kept.

A submission that hits a time limit is run again once, alone, with its time limits doubled, before
it is marked as timed out (fairness on a loaded machine); its result says it was retried.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import math
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import sandbox as sb
from .compose import Plan, PlanCell
from .statuses import TIME_LIMITS, RunStatus


WALL_FACTOR = 3  # a submission that waits (sleeps) instead of computing is stopped after this many times `timeout`


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0  # seconds of CPU time for a whole submission (and WALL_FACTOR times that of real time)
    cell_timeout: float = 30.0  # seconds of CPU time for one cell (and for evaluating one answer)
    memory_mb: int = 2048  # extra address space a submission may use
    file_mb: int = 64  # largest file a submission may write
    output_mb: float = 1.0  # text one cell may print before it is stopped

    def doubled(self) -> Limits:
        """The time limits of a retry."""
        return replace(self, timeout=2 * self.timeout, cell_timeout=2 * self.cell_timeout)

    @property
    def real_time(self) -> float:
        """Seconds of real time after which a submission is stopped even if it computes nothing."""
        return WALL_FACTOR * self.timeout


@dataclass
class RunResult:
    statuses: set[str] = field(default_factory=set)  # RunStatus values met (empty: ran normally)
    message: str = ""  # what happened, for the instructor (the limits, where it stopped)
    records: dict[str, dict] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    last_cell: str = ""
    seconds: float = 0.0
    network_isolated: bool = False
    sandbox: str = sb.NONE  # the sandbox it ran in
    retried: bool = False  # hit a time limit and was run again alone with doubled limits
    first_try: str = ""  # the time limit the first run hit (when retried)

    @property
    def status(self) -> str:
        from .statuses import primary

        return primary(self.statuses or {RunStatus.OK}).value

    def hit_time_limit(self) -> bool:
        return bool(self.statuses & {s.value for s in TIME_LIMITS})


# --- the child ---------------------------------------------------------------------------


class _CellTimeout(BaseException):
    """Raised by the CPU-time timer inside a cell that runs too long."""


class _OutputLimit(BaseException):
    """Raised inside a cell that prints more than the output limit."""


class _NotebookTimeout(BaseException):
    """Raised (on SIGXCPU) when the whole submission has used its CPU time."""


class _CappedText:
    """sys.stdout / sys.stderr of the child: counts what a cell prints, stops the cell past the limit."""

    encoding, errors = "utf-8", "replace"

    def __init__(self, limit_chars: int):
        self.limit, self.used, self.tripped = limit_chars, 0, False

    def write(self, text) -> int:
        n = len(text) if isinstance(text, str) else 0
        self.used += n
        if self.used > self.limit and not self.tripped:
            self.tripped = True
            raise _OutputLimit()
        return n

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1  # /dev/null: what C code writes there is not counted, and goes nowhere


def _cut_network() -> bool:
    """Without the sandbox: a new, empty network namespace where the platform allows one (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(sb.CLONE_NEWNET) == 0:
            return True
        return libc.unshare(sb.CLONE_NEWUSER | sb.CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _address_space_now() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


KEPT_ENV = ("PATH", "LANG", "LANGUAGE", "TZ", "SYSTEMROOT", "PYTHONHASHSEED")  # everything else (tokens, sockets) goes


def prepare_process(workdir: str, limits: Limits, keep_fd: int, isolated: bool) -> bool:
    """The last steps before a submission runs here: its folder, a clean environment, no inherited
    files, limits. Returns whether the network is cut."""
    import resource

    os.chdir(workdir)
    env = {k: v for k, v in os.environ.items() if k in KEPT_ENV or k.startswith("LC_")}
    env.update({"HOME": workdir, "TMPDIR": "/tmp" if isolated else tempfile.gettempdir(), "MPLBACKEND": "Agg", "MPLCONFIGDIR": workdir,
                "UNIONSTATE_STRICT": "0", "UNIONSTATE_GRADING": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    if "UNIONSTATE_DATA" in os.environ:
        env["UNIONSTATE_DATA"] = os.environ["UNIONSTATE_DATA"]
    os.environ.clear()
    os.environ.update(env)
    sys.dont_write_bytecode = True
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    try:
        max_fd = os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        max_fd = 1024
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, max(max_fd, keep_fd + 2))
    network_cut = isolated or _cut_network()
    current = _address_space_now()
    for name, value in (
        ("RLIMIT_AS", current + limits.memory_mb * 2**20 if current else None),
        ("RLIMIT_FSIZE", limits.file_mb * 2**20),
        ("RLIMIT_CPU", (math.ceil(limits.timeout), math.ceil(limits.timeout) + 2)),  # SIGXCPU, then SIGKILL 2 s later
        ("RLIMIT_CORE", 0),
    ):
        if value is not None and hasattr(resource, name):
            try:
                resource.setrlimit(getattr(resource, name), value if isinstance(value, tuple) else (value, value))
            except (ValueError, OSError):
                pass
    return network_cut


def seconds(n: float) -> str:
    return f"{n:g} second" + ("" if n == 1 else "s")


def _cpu_alarm(limit: float) -> None:
    signal.setitimer(signal.ITIMER_PROF, max(limit, 0.01))


def _no_alarm() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)


def run_in_this_process(plan: Plan, limits: Limits, emit: Callable[[dict], None], exercises: dict) -> None:
    """Execute a plan here (the child) and emit events. Never returns normally to student code."""
    stream = _CappedText(int(limits.output_mb * 2**20))
    sys.stdout = sys.stderr = stream
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    timed_out, over = {"flag": False}, {"flag": False}

    def on_alarm(signum, frame):
        timed_out["flag"] = True
        raise _CellTimeout()

    def on_cpu_limit(signum, frame):
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # once: the kernel repeats it every second until SIGKILL
        over["flag"] = True
        raise _NotebookTimeout()

    signal.signal(signal.SIGPROF, on_alarm)
    signal.signal(signal.SIGXCPU, on_cpu_limit)
    config = Config()
    config.HistoryManager.enabled = False  # no history database or thread: cells run with store_history=False anyway
    shell = InteractiveShell.instance(config=config)
    shell.showtraceback = lambda *a, **k: None  # tracebacks go nowhere; the error is reported below
    if hasattr(shell, "_tee"):  # IPython 9 copies every write into its history: 8 times slower, and all kept in memory
        shell._tee = lambda channel: contextlib.nullcontext()
    for index, cell in enumerate(plan.cells):
        emit({"event": "cell", "index": index, "label": cell.label})
        timed_out["flag"], stream.used, stream.tripped = False, 0, False
        error, stopped = "", ""
        try:
            _cpu_alarm(limits.cell_timeout)
            result = shell.run_cell(cell.source, store_history=False, silent=False)
            _no_alarm()
            exc = result.error_in_exec or result.error_before_exec
            if isinstance(exc, _NotebookTimeout) or over["flag"]:
                stopped = RunStatus.NOTEBOOK_TIMEOUT.value
            elif isinstance(exc, _CellTimeout) or timed_out["flag"]:
                stopped = RunStatus.CELL_TIMEOUT.value
                error = f"{cell.label} used more than {seconds(limits.cell_timeout)} of computing time and was stopped"
            elif isinstance(exc, _OutputLimit) or stream.tripped:
                stopped = RunStatus.OUTPUT_LIMIT.value
                error = f"{cell.label} printed more than {limits.output_mb:g} MB of text and was stopped"
            elif isinstance(exc, MemoryError):
                stopped = RunStatus.MEMORY_LIMIT.value
                error = f"{cell.label} needed more than the memory limit of {limits.memory_mb} MB and was stopped"
            elif isinstance(exc, KeyboardInterrupt):
                error = f"{cell.label} was interrupted"
            elif exc is not None:
                error = f"{cell.label} raised {type(exc).__name__}: {str(exc)[:200]}"
        except _CellTimeout:
            _no_alarm()
            stopped = RunStatus.CELL_TIMEOUT.value
            error = f"{cell.label} used more than {seconds(limits.cell_timeout)} of computing time and was stopped"
        except _OutputLimit:
            _no_alarm()
            stopped = RunStatus.OUTPUT_LIMIT.value
            error = f"{cell.label} printed more than {limits.output_mb:g} MB of text and was stopped"
        except _NotebookTimeout:
            _no_alarm()
            stopped = RunStatus.NOTEBOOK_TIMEOUT.value
        if stopped == RunStatus.NOTEBOOK_TIMEOUT.value:  # the notebook's time is up: what follows is not reached
            emit({"event": "cell_done", "index": index, "error": "", "stopped": stopped})
            break
        emit({"event": "cell_done", "index": index, "error": error, "stopped": stopped})
        try:
            for exercise_id in plan.collect_after.get(index, []):
                emit({"event": "record", "exercise": exercise_id, "record": _record(shell, exercises[exercise_id], limits)})
        except _NotebookTimeout:
            emit({"event": "cell_done", "index": index, "error": "", "stopped": RunStatus.NOTEBOOK_TIMEOUT.value})
            break
    emit({"event": "done"})


def _record(shell, exercise, limits: Limits) -> dict:
    value = shell.user_ns.get(exercise.answer, _Missing)
    if value is _Missing:
        return {"type": "missing"}
    try:
        _cpu_alarm(limits.cell_timeout)
        record = exercise.checker.record(value, include_hidden=True)
        _no_alarm()
        json.dumps(record)  # must travel as JSON
        return record
    except _CellTimeout:
        _no_alarm()
        return {"type": "timeout", "message": f"Evaluating your answer took more than {seconds(limits.cell_timeout)} (a function that never finishes?)."}
    except BaseException as exc:  # the student's object broke the recording: say so, never crash
        _no_alarm()
        return {"type": "other", "typename": type(value).__name__, "repr": f"(could not be read: {type(exc).__name__})"}


class _Missing:
    pass


def plan_to_json(plan: Plan) -> str:
    return json.dumps(asdict(plan))


def plan_from_json(text: str) -> Plan:
    raw = json.loads(text)
    return Plan(**{**raw, "cells": [PlanCell(**c) for c in raw["cells"]], "collect_after": {int(k): v for k, v in raw["collect_after"].items()}})


def run_job(job: dict, containment: sb.Containment | None, exercises: dict, sync: tuple[int, int] | None) -> None:
    """The whole life of one submission's process (forked from the zygote). Never returns."""
    code, out = 0, None
    try:
        os.setpgid(0, 0)  # its own process group, so anything it starts dies with it
        sb.die_with_parent()
        fd = os.open(job["events"], os.O_WRONLY)
        out = os.fdopen(fd, "w", buffering=1)

        def emit(event: dict) -> None:
            out.write(json.dumps(event) + "\n")

        plan = plan_from_json(Path(job["plan"]).read_text(encoding="utf-8"))  # read before its folder is hidden
        limits = Limits(**job["limits"])
        workdir = job["workdir"]
        if containment is not None:
            workdir = f"/tmp/unionstate-grade-{job['key']}"
            try:
                sb.enter_linux(containment, workdir, *sync)
            except (sb.SandboxError, OSError) as exc:
                emit({"event": "sandbox_failed", "reason": str(exc.strerror or exc)})
                os._exit(71)
        isolated = prepare_process(workdir, limits, fd, isolated=containment is not None)
        emit({"event": "start", "network_isolated": isolated, "sandbox": sb.LINUX if containment else sb.NONE})
        run_in_this_process(plan, limits, emit, exercises)
        out.flush()
    except BaseException as exc:  # noqa: BLE001 - the child must never return into the grader's code
        code = 70
        try:
            out.write(json.dumps({"event": "internal_error", "error": f"{type(exc).__name__}: {exc}"[:300]}) + "\n")
            out.flush()
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


# --- the zygote ----------------------------------------------------------------------------


def warm_up() -> None:
    """Import and load once, before forking, what every child needs."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import IPython.core.interactiveshell  # noqa: F401
    import ipywidgets  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import pandas  # noqa: F401

    from .. import analysis, widgets  # noqa: F401
    from ..datasets import list_datasets, load_dataset
    from ..exercises.model import registry

    registry()
    for name in list_datasets():
        load_dataset(name)
    import importlib
    import pkgutil

    for pkg in (analysis, widgets):
        for info in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{pkg.__name__}.{info.name}")


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def _zygote_main(cmd_fd: int, report_fd: int, containment: sb.Containment | None) -> None:
    """Fork a child per 'run' command, kill on 'kill', report starts and exits. Never returns."""
    from ..exercises.model import registry

    exercises = registry()
    children: dict[int, str] = {}  # pid -> job key
    by_key: dict[str, int] = {}
    buffer = b""

    def report(message: dict) -> None:
        os.write(report_fd, (json.dumps(message) + "\n").encode())

    def kill(pid: int) -> None:
        for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                target()
            except OSError:
                pass

    running = True
    while running or children:
        readable, _, _ = select.select([cmd_fd] if running else [], [], [], 0.02)
        if readable:
            data = os.read(cmd_fd, 65536)
            if not data:  # the grader went away: stop everything
                running = False
                for pid in children:
                    kill(pid)
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                command = json.loads(line)
                if command["do"] == "run":
                    job = command["job"]
                    sync = (os.pipe(), os.pipe()) if containment is not None else None
                    pid = os.fork()
                    if pid == 0:
                        os.close(cmd_fd), os.close(report_fd)
                        if sync:
                            os.close(sync[0][0]), os.close(sync[1][1])
                        run_job(job, containment, exercises, (sync[0][1], sync[1][0]) if sync else None)
                    if sync:
                        os.close(sync[0][1]), os.close(sync[1][0])
                        sb.serve_id_maps(pid, sync[0][0], sync[1][1])
                    children[pid], by_key[job["key"]] = job["key"], pid
                    report({"started": job["key"], "pid": pid})
                elif command["do"] == "kill" and command["key"] in by_key:
                    kill(by_key[command["key"]])
                elif command["do"] == "stop":
                    running = False
                    for pid in children:
                        kill(pid)
        while children:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            key = children.pop(pid)
            by_key.pop(key, None)
            kill(pid)  # leftovers it started in its process group
            # CPU time of the submission's processes: the chain relay -> init -> runner waits for each other
            report({"exited": key, "status": status, "cpu": usage.ru_utime + usage.ru_stime})
    os._exit(0)


class _ForkLauncher:
    """Starts submissions through the zygote; the grader reads their events from a FIFO each."""

    def __init__(self, containment: sb.Containment | None):
        cmd_r, cmd_w = os.pipe()
        rep_r, rep_w = os.pipe()
        # Garbage not yet collected (e.g. another batch's notebooks, graded earlier in the same Python
        # process, such as an instructor's kernel) would be copied into the zygote and every child.
        gc.collect()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(cmd_w), os.close(rep_r)
                sb.die_with_parent()
                _zygote_main(cmd_r, rep_w, containment)
            except BaseException:  # noqa: BLE001
                code = 70
            finally:
                os._exit(code)
        os.close(cmd_r), os.close(rep_w)
        os.set_blocking(rep_r, False)
        self.pid, self.cmd, self.rep, self.buffer = pid, cmd_w, rep_r, b""

    def fileno(self) -> int:
        return self.rep

    def _send(self, command: dict) -> None:
        os.write(self.cmd, (json.dumps(command) + "\n").encode())

    def start(self, job: dict) -> int:
        os.mkfifo(job["events"], 0o600)
        fd = os.open(job["events"], os.O_RDWR | os.O_NONBLOCK)  # we hold a writer too: no EOF before the child opens it
        self._send({"do": "run", "job": job})
        return fd

    def kill(self, key: str) -> None:
        self._send({"do": "kill", "key": key})

    def release(self, key: str, fd: int) -> None:
        os.close(fd)

    def reports(self) -> list[dict]:
        try:
            chunk = os.read(self.rep, 65536)
        except BlockingIOError:
            return []
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [json.loads(line) for line in lines if line.strip()]

    def close(self) -> None:
        try:
            self._send({"do": "stop"})
        except OSError:
            pass
        os.close(self.cmd)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.rep)


class _SpawnLauncher:
    """No fork (Windows), or macOS with its sandbox: a new Python process per submission (worker.py)."""

    def __init__(self, containment_hide: tuple[str, ...] | None):
        self.hide = containment_hide  # None: no sandbox; else macOS sandbox-exec with these hidden
        self.procs: dict[str, subprocess.Popen] = {}
        self.reported: set[str] = set()

    def fileno(self) -> int | None:
        return None

    def start(self, job: dict) -> int:
        argv = [sys.executable, "-m", "unionstate.grading.worker", json.dumps(job["limits"]), job["workdir"], sb.MACOS if self.hide is not None else sb.NONE]
        if self.hide is not None:  # the batch folder (other plans, other scratch folders) is hidden; its own scratch is not
            argv = sb.macos_command(argv, job["workdir"], tempfile.gettempdir(), self.hide)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
        proc.stdin.write(Path(job["plan"]).read_bytes())  # the plan travels on stdin: the worker cannot read the batch folder
        proc.stdin.close()
        os.set_blocking(proc.stdout.fileno(), False)
        self.procs[job["key"]] = proc
        return proc.stdout.fileno()

    def kill(self, key: str) -> None:
        proc = self.procs.get(key)
        if proc is not None:
            for target in (lambda: os.killpg(proc.pid, signal.SIGKILL), proc.kill):
                try:
                    target()
                except (OSError, AttributeError):
                    pass

    def reports(self) -> list[dict]:
        out = []
        for key, proc in list(self.procs.items()):
            if key in self.reported:
                continue
            cpu = None
            if hasattr(os, "wait4"):
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if not pid:
                    continue
                proc.returncode, cpu = os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime
            elif proc.poll() is None:
                continue
            self.kill(key)
            code = proc.returncode
            status = (code & 0xFF) << 8 if code >= 0 else -code  # the shape os.waitpid reports
            out.append({"exited": key, "status": status, "cpu": cpu})
            self.reported.add(key)
        return out

    def release(self, key: str, fd: int) -> None:
        proc = self.procs.pop(key)
        self.reported.discard(key)
        proc.stdout.close()

    def close(self) -> None:
        for key in list(self.procs):
            self.kill(key)


# --- the grader's side ---------------------------------------------------------------------


@dataclass
class _Child:
    plan: Plan
    key: str
    fd: int
    started: float
    limits: Limits
    buffer: bytes = b""
    result: RunResult = field(default_factory=RunResult)
    running: str = ""
    done: bool = False
    done_at: float = 0.0
    exit_status: int | None = None
    cpu: float | None = None  # CPU seconds its processes used (from the zygote)
    sandbox_failure: str = ""
    started_seen: bool = False
    internal_error: str = ""
    kill_sent: bool = False
    killed_for_time: bool = False
    stopped_after_done: bool = False  # it reported 'done' but had not exited 2 s later, so it was stopped


def _handle(child: _Child, line: bytes) -> None:
    try:
        event = json.loads(line)
    except ValueError:
        return  # not ours (a student writing to the pipe): ignore
    if not isinstance(event, dict):
        return
    kind = event.get("event")
    # The submission's code shares its process with the runner, so it can write to this channel too.
    # What it could forge (records) it could as well compute from the open kit; what describes the
    # run itself is taken only from the events sent before any student code runs.
    if kind == "start" and not child.started_seen:
        child.started_seen = True
        child.result.network_isolated = bool(event.get("network_isolated"))
        child.result.sandbox = str(event.get("sandbox", sb.NONE))
    elif kind == "sandbox_failed" and not child.started_seen:
        child.sandbox_failure = str(event.get("reason", "unknown reason"))[:200]
    elif kind == "internal_error":
        child.internal_error = str(event.get("error", ""))[:300]
    elif kind == "cell":
        child.running = str(event.get("label", ""))
    elif kind == "cell_done":
        if event.get("error"):
            child.result.cell_errors.append(str(event["error"])[:300])
        if event.get("stopped") in {s.value for s in RunStatus}:
            child.result.statuses.add(str(event["stopped"]))
    elif kind == "record" and isinstance(event.get("record"), dict) and event.get("exercise") in child.plan.collect_ids():
        child.result.records[event["exercise"]] = event["record"]
        if event["record"].get("type") == "timeout":
            child.result.statuses.add(RunStatus.CELL_TIMEOUT.value)
    elif kind == "done":
        child.done, child.done_at = True, time.monotonic()


MAX_EVENT_BYTES = 64 * 2**20


def _drain(child: _Child) -> None:
    while True:
        try:
            chunk = os.read(child.fd, 65536)
        except (BlockingIOError, OSError):
            return
        if not chunk:
            return
        child.buffer += chunk
        *lines, child.buffer = child.buffer.split(b"\n")
        for line in lines:
            if line.strip():
                _handle(child, line)
        if len(child.buffer) > MAX_EVENT_BYTES:  # an endless line (the student's code writing here): drop it
            child.buffer = b""


def _exit_words(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.WEXITSTATUS(status)}"


def _finish(child: _Child, launcher) -> RunResult:
    _drain(child)
    launcher.release(child.key, child.fd)
    result, limits = child.result, child.limits
    result.seconds = round(time.monotonic() - child.started, 2)
    where = f" while running {child.running}" if child.running else ""
    crashed = child.exit_status is not None and (os.WIFSIGNALED(child.exit_status) or os.WEXITSTATUS(child.exit_status) != 0)
    used_up = child.cpu is not None and child.cpu >= 0.98 * limits.timeout  # killed by the kernel at its CPU limit
    if child.sandbox_failure:
        result.statuses.add(RunStatus.NOT_RUN.value)
        result.message = f"Its sandbox could not be set up ({child.sandbox_failure}), so it was not run."
    elif child.killed_for_time:
        result.statuses.add(RunStatus.NOTEBOOK_TIMEOUT.value)
        result.message = (f"Stopped after {seconds(limits.real_time)} of real time{where} (waiting for something?). "
                          "Exercises before that point were graded.")
    elif RunStatus.NOTEBOOK_TIMEOUT.value in result.statuses or (not child.done and used_up):
        result.statuses.add(RunStatus.NOTEBOOK_TIMEOUT.value)
        result.message = (f"Stopped at the time limit of {seconds(limits.timeout)} of computing time for the whole notebook{where}. "
                          "Exercises before that point were graded.")
    elif not child.done or (crashed and not child.stopped_after_done):
        result.statuses.add(RunStatus.CRASHED.value)
        how = _exit_words(child.exit_status) if child.exit_status is not None else "unknown"
        result.message = (
            f"The notebook's process stopped unexpectedly ({how}){where}: the notebook may have used too much "
            f"memory or ended its own process. Exercises before that point were graded."
        )
        if child.internal_error:
            result.message += f" (The grader reported: {child.internal_error}.)"
    return result


def run_all(
    plans: list[Plan],
    limits: Limits,
    workers: int,
    on_done: Callable[[Plan, RunResult], None] | None = None,
    spawn: bool = False,
    containment: sb.Containment | None = None,
    launcher=None,
    retry: bool = True,
    batch_root: Path | None = None,
) -> dict[str, RunResult]:
    """Run every plan (at most `workers` at a time); returns results by plan file.

    `containment` is the Linux sandbox to enter (None: no sandbox). A plan that hits a time limit is
    run again once, alone, with doubled time limits (unless retry=False). `launcher` is a zygote
    started earlier (api.grade_folder starts it before reading any submission)."""
    own_launcher = launcher is None
    if own_launcher:
        launcher = start_launcher(containment, spawn=spawn)
    batch = Path(tempfile.mkdtemp(prefix="unionstate-grading-", dir=batch_root))
    try:
        def first_done(plan: Plan, result: RunResult) -> None:
            if on_done and not (retry and result.hit_time_limit()):
                on_done(plan, result)  # a plan to be retried is reported after its retry

        results = _run_pass(plans, limits, max(1, workers), launcher, batch, "a", first_done)
        again = [p for p in plans if retry and results[p.file].hit_time_limit()]
        for n, plan in enumerate(again):
            first = results[plan.file]
            second = _run_pass([plan], limits.doubled(), 1, launcher, batch, f"r{n}-", None)[plan.file]
            second.retried = True
            second.first_try = first.status
            results[plan.file] = second
            if on_done:
                on_done(plan, second)
        return results
    finally:
        if own_launcher:
            launcher.close()
        shutil.rmtree(batch, ignore_errors=True)


def start_launcher(containment: sb.Containment | None, spawn: bool = False, macos_hide: tuple[str, ...] | None = None):
    """The process starter for a batch: the zygote (fork), or a new Python per submission."""
    if can_fork() and not spawn and macos_hide is None:
        warm_up()
        return _ForkLauncher(containment)
    return _SpawnLauncher(macos_hide)


def _run_pass(plans, limits: Limits, workers: int, launcher, batch: Path, tag: str, on_done) -> dict[str, RunResult]:
    queue = list(enumerate(plans))
    running: dict[str, _Child] = {}
    results: dict[str, RunResult] = {}
    while queue or running:
        while queue and len(running) < workers:
            n, plan = queue.pop(0)
            key = f"{tag}{n:04d}"
            folder = batch / key
            workdir = folder / f"unionstate-grade-{key}"  # without the sandbox; inside it, /tmp/unionstate-grade-<key>
            workdir.mkdir(parents=True)
            (folder / "plan.json").write_text(plan_to_json(plan), encoding="utf-8")
            job = {"key": key, "plan": str(folder / "plan.json"), "events": str(folder / "events"), "workdir": str(workdir), "limits": asdict(limits)}
            fd = launcher.start(job)
            running[key] = _Child(plan, key, fd, time.monotonic(), limits)
        watch = [c.fd for c in running.values()] + ([launcher.fileno()] if launcher.fileno() is not None else [])
        ready, _, _ = select.select(watch, [], [], 0.05)
        for child in running.values():
            if child.fd in ready:
                _drain(child)
        for report in launcher.reports():
            child = running.get(report.get("exited", ""))
            if child is not None:
                child.exit_status, child.cpu = int(report["status"]), report.get("cpu")
        now = time.monotonic()
        for key, child in list(running.items()):
            if child.exit_status is None:
                if not child.kill_sent and now - child.started > child.limits.real_time + 1.0 and not child.done:
                    child.killed_for_time, child.kill_sent = True, True
                    launcher.kill(key)
                elif not child.kill_sent and child.done and now - child.done_at > 2.0:
                    child.stopped_after_done, child.kill_sent = True, True
                    launcher.kill(key)
                continue
            result = _finish(child, launcher)
            results[child.plan.file] = result
            del running[key]
            shutil.rmtree(batch / key, ignore_errors=True)
            if on_done:
                on_done(child.plan, result)
    return results


__all__ = ["Limits", "RunResult", "can_fork", "run_all", "start_launcher", "warm_up"]
