"""Run each plan in its own fresh process, in parallel, within limits.

Speed comes from doing the expensive part once: this parent process imports pandas, matplotlib,
IPython and the kit and loads every dataset, then forks one child per submission. A child starts
with all of that in memory (a few milliseconds instead of a 2-3 s kernel start) but shares nothing
with other submissions: it is a new process, in its own temporary working folder, and it never
sees another student's code. Where fork is not available (Windows) each submission runs in a new
Python process instead (slower, same results).

In the child: memory (address space), file size and CPU time are limited; the network is cut
off where the platform allows (a new network namespace on Linux); output goes nowhere (a notebook
that floods its output only burns its own time); every cell has a time limit and the whole
submission has one. The child reports through a pipe, one JSON line per event, so everything it
recorded before a crash or a timeout is kept.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable

from .compose import Plan


@dataclass
class Limits:
    timeout: float = 120.0  # seconds for a whole submission
    cell_timeout: float = 30.0  # seconds for one cell (and for evaluating one answer)
    memory_mb: int = 2048  # extra address space a submission may use
    file_mb: int = 64  # largest file a submission may write


@dataclass
class RunResult:
    status: str = "ok"  # ok, timeout, crashed
    message: str = ""
    records: dict[str, dict] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    last_cell: str = ""
    seconds: float = 0.0
    network_isolated: bool = False


# --- the child ---------------------------------------------------------------------------


class _CellTimeout(BaseException):
    """Raised by the alarm inside a cell that runs too long."""


def _cut_network() -> bool:
    """A new, empty network namespace: only a loopback device that is down. Linux only."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        clone_newnet, clone_newuser = 0x40000000, 0x10000000
        if libc.unshare(clone_newnet) == 0:
            return True
        return libc.unshare(clone_newuser | clone_newnet) == 0
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


def _sandbox(workdir: str, limits: Limits, keep_fd: int) -> bool:
    import resource

    os.chdir(workdir)
    os.environ.update({"HOME": workdir, "UNIONSTATE_STRICT": "0", "UNIONSTATE_GRADING": "1", "MPLBACKEND": "Agg", "NBGRADER_EXECUTION": ""})
    os.environ.pop("NBGRADER_EXECUTION", None)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    try:
        max_fd = os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        max_fd = 1024
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, max(max_fd, keep_fd + 2))
    isolated = _cut_network()
    current = _address_space_now()
    for name, value in (
        ("RLIMIT_AS", current + limits.memory_mb * 2**20 if current else None),
        ("RLIMIT_FSIZE", limits.file_mb * 2**20),
        ("RLIMIT_CPU", int(limits.timeout) + 10),
        ("RLIMIT_CORE", 0),
    ):
        if value is not None and hasattr(resource, name):
            try:
                resource.setrlimit(getattr(resource, name), (value, value))
            except (ValueError, OSError):
                pass
    return isolated


def _alarm(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))


def _no_alarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


def run_in_this_process(plan: Plan, limits: Limits, emit: Callable[[dict], None], exercises: dict) -> None:
    """Execute a plan here (the child) and emit events. Never returns normally to student code."""
    from IPython.core.interactiveshell import InteractiveShell

    timed_out = {"flag": False}

    def on_alarm(signum, frame):
        timed_out["flag"] = True
        raise _CellTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    shell = InteractiveShell.instance()
    shell.showtraceback = lambda *a, **k: None  # tracebacks go nowhere; the error is reported below
    start = time.monotonic()
    for index, cell in enumerate(plan.cells):
        emit({"event": "cell", "index": index, "label": cell.label})
        timed_out["flag"] = False
        remaining = limits.timeout - (time.monotonic() - start)
        error = ""
        try:
            _alarm(min(limits.cell_timeout, remaining))
            result = shell.run_cell(cell.source, store_history=False, silent=False)
            _no_alarm()
            exc = result.error_in_exec or result.error_before_exec
            if isinstance(exc, (_CellTimeout, KeyboardInterrupt)) or timed_out["flag"]:
                error = f"{cell.label} did not finish within {limits.cell_timeout:g} seconds and was stopped"
            elif exc is not None:
                error = f"{cell.label} raised {type(exc).__name__}: {str(exc)[:200]}"
        except _CellTimeout:
            _no_alarm()
            error = f"{cell.label} did not finish within {limits.cell_timeout:g} seconds and was stopped"
        emit({"event": "cell_done", "index": index, "error": error})
        for exercise_id in plan.collect_after.get(index, []):
            emit({"event": "record", "exercise": exercise_id, "record": _record(shell, exercises[exercise_id], limits)})
    emit({"event": "done"})


def _record(shell, exercise, limits: Limits) -> dict:
    value = shell.user_ns.get(exercise.answer, _Missing)
    if value is _Missing:
        return {"type": "missing"}
    try:
        _alarm(limits.cell_timeout)
        record = exercise.checker.record(value, include_hidden=True)
        _no_alarm()
        json.dumps(record)  # must travel as JSON
        return record
    except _CellTimeout:
        _no_alarm()
        return {"type": "timeout", "message": f"Evaluating your answer took more than {limits.cell_timeout:g} seconds (a function that never finishes?)."}
    except BaseException as exc:  # the student's object broke the recording: say so, never crash
        _no_alarm()
        return {"type": "other", "typename": type(value).__name__, "repr": f"(could not be read: {type(exc).__name__})"}


class _Missing:
    pass


# --- the parent --------------------------------------------------------------------------


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


@dataclass
class _Child:
    plan: Plan
    pid: int
    fd: int
    workdir: str
    started: float
    buffer: bytes = b""
    result: RunResult = field(default_factory=RunResult)
    running: str = ""
    done: bool = False
    done_at: float = 0.0
    exit_desc: str | None = None
    crashed: bool = False
    stopped_after_done: bool = False  # it reported 'done' but had not exited 2 s later, so it was stopped
    proc: subprocess.Popen | None = None


def _start_forked(plan: Plan, limits: Limits, exercises: dict) -> _Child:
    workdir = tempfile.mkdtemp(prefix="unionstate-grade-")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.setpgid(0, 0)  # its own process group, so anything it starts dies with it
            os.close(read_fd)
            isolated = _sandbox(workdir, limits, write_fd)
            out = os.fdopen(write_fd, "w", buffering=1)

            def emit(event: dict) -> None:
                out.write(json.dumps(event) + "\n")

            emit({"event": "start", "network_isolated": isolated})
            run_in_this_process(plan, limits, emit, exercises)
            out.flush()
        except BaseException:  # noqa: BLE001 - the child must never return into the parent's code
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return _Child(plan, pid, read_fd, workdir, time.monotonic())


def _start_spawned(plan: Plan, limits: Limits) -> _Child:
    """No fork (Windows): a new Python process runs the plan (see worker.py)."""
    from dataclasses import asdict

    workdir = tempfile.mkdtemp(prefix="unionstate-grade-")
    proc = subprocess.Popen(
        [sys.executable, "-m", "unionstate.grading.worker", workdir],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    payload = json.dumps({"plan": asdict(plan), "limits": asdict(limits)}).encode()
    proc.stdin.write(payload)
    proc.stdin.close()
    os.set_blocking(proc.stdout.fileno(), False)
    return _Child(plan, proc.pid, proc.stdout.fileno(), workdir, time.monotonic(), proc=proc)


def _handle(child: _Child, line: bytes) -> None:
    try:
        event = json.loads(line)
    except ValueError:
        return  # not ours (a student writing to the pipe): ignore
    if not isinstance(event, dict):
        return
    kind = event.get("event")
    if kind == "start":
        child.result.network_isolated = bool(event.get("network_isolated"))
    elif kind == "cell":
        child.running = str(event.get("label", ""))
    elif kind == "cell_done" and event.get("error"):
        child.result.cell_errors.append(str(event["error"])[:300])
    elif kind == "record" and isinstance(event.get("record"), dict) and event.get("exercise") in child.plan.collect_ids():
        child.result.records[event["exercise"]] = event["record"]
    elif kind == "done":
        child.done, child.done_at = True, time.monotonic()


def _read(child: _Child) -> str:
    """Read what the child wrote: 'data', 'empty' (nothing now) or 'eof'."""
    try:
        chunk = os.read(child.fd, 65536)
    except BlockingIOError:
        return "empty"
    except OSError:
        return "eof"
    if not chunk:
        return "eof"
    child.buffer += chunk
    *lines, child.buffer = child.buffer.split(b"\n")
    for line in lines:
        if line.strip():
            _handle(child, line)
    return "data"


def _drain(child: _Child) -> None:
    while _read(child) == "data":
        pass


def _exited(child: _Child, block: bool = False) -> bool:
    """Reap the child if it has exited, noting how."""
    if child.exit_desc is not None:
        return True
    if child.proc is not None:
        code = child.proc.wait() if block else child.proc.poll()
        if code is None:
            return False
        child.exit_desc, child.crashed = (f"exit code {code}" if code >= 0 else f"signal {-code}"), code != 0
        return True
    try:
        pid, status = os.waitpid(child.pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        child.exit_desc, child.crashed = "unknown", True
        return True
    if pid == 0:
        return False
    if os.WIFSIGNALED(status):
        child.exit_desc, child.crashed = f"signal {os.WTERMSIG(status)}", True
    else:
        code = os.WEXITSTATUS(status)
        child.exit_desc, child.crashed = f"exit code {code}", code != 0
    return True


def _kill_group(child: _Child) -> None:
    """Stop the child and anything it started (a notebook may fork or start programs)."""
    for kill in (lambda: os.killpg(child.pid, signal.SIGKILL), lambda: os.kill(child.pid, signal.SIGKILL)):
        try:
            kill()
        except (ProcessLookupError, PermissionError, AttributeError, OSError):
            pass


def _result(child: _Child, limits: Limits, killed_for_time: bool) -> RunResult:
    _drain(child)
    _kill_group(child)  # leftovers it started, if any
    if child.proc is None:
        os.close(child.fd)
    else:
        child.proc.stdout.close()
    shutil.rmtree(child.workdir, ignore_errors=True)
    result = child.result
    result.seconds = round(time.monotonic() - child.started, 2)
    where = f" while running {child.running}" if child.running else ""
    if killed_for_time:
        result.status = "timeout"
        result.message = f"Stopped after the time limit of {limits.timeout:g} seconds{where}. Exercises before that point were graded."
    elif not child.done or (child.crashed and not child.stopped_after_done):
        result.status = "crashed"
        result.message = (
            f"The notebook's process stopped unexpectedly ({child.exit_desc}){where}: the notebook may have used too much "
            f"memory or ended its own process. Exercises before that point were graded."
        )
    else:
        result.status = "ok"
    return result


def run_all(
    plans: list[Plan],
    limits: Limits,
    workers: int,
    on_done: Callable[[Plan, RunResult], None] | None = None,
    spawn: bool = False,
) -> dict[str, RunResult]:
    """Run every plan (at most `workers` at a time); returns results by student."""
    from ..exercises.model import registry

    exercises = registry()
    use_fork = can_fork() and not spawn
    if use_fork:
        warm_up()
    queue = list(plans)
    running: list[_Child] = []
    results: dict[str, RunResult] = {}
    while queue or running:
        while queue and len(running) < max(1, workers):
            plan = queue.pop(0)
            running.append(_start_forked(plan, limits, exercises) if use_fork else _start_spawned(plan, limits))
        ready, _, _ = select.select([c.fd for c in running], [], [], 0.05)
        now = time.monotonic()
        for child in list(running):
            if child.fd in ready:
                _drain(child)
            killed_for_time = False
            if not _exited(child):
                if now - child.started > limits.timeout + 1.0:
                    killed_for_time = not child.done
                elif not (child.done and now - child.done_at > 2.0):
                    continue  # still working (or about to exit after 'done')
                child.stopped_after_done = child.done
                _kill_group(child)
                _exited(child, block=True)
            result = _result(child, limits, killed_for_time)
            results[child.plan.student] = result
            running.remove(child)
            if on_done:
                on_done(child.plan, result)
    return results
