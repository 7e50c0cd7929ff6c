"""Hub capacity: how much memory and CPU a class needs on one JupyterHub machine.

    .venv/bin/python benchmarks/hub_capacity.py [--students 5 10 20] [--lesson 03] [--deadline 2400]

Starts the same local JupyterHub as the hub test (tests/hub/hub_server.py: 127.0.0.1 only,
DummyAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy from npm). For each class size N,
in turn: N users' servers are started at once (as when a class logs in at the start of a seminar), each
pulls the lessons with nbgitpuller, then every student at the same time opens the lesson (a session and
a kernel through the REST API) and runs all its code cells over the kernel's websocket, as Run All does
(the student copy, unanswered). Measured:

- server start (login to ready) and Run All seconds per student: p50 and p95;
- memory per student: the proportional set size (PSS, shared pages split among the processes that share
  them) of the user's server and kernel, after Run All, while the kernel still holds the lesson (and of
  the server alone before, logged in with no kernel); and its resident set size (RSS: shared pages counted
  in full, closer to what a container's memory limit sees);
- CPU seconds per student for the server's start and the pull, and for the Run All (user + system
  time of the kernel and server);
- the hub's own overhead: the hub and proxy processes' PSS, idle and with N users.

Then the servers are stopped before the next N. Every request goes to 127.0.0.1 and has a timeout; the
whole run stops at --deadline seconds. Results: printed, and benchmarks/out/hub_capacity.json.
A script that prints measured figures, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from hub_server import Hub, hub_setup, requirement_problem, start_hub  # noqa: E402
from tornado.httpclient import HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402

from unionstate.grading.compose import master_for  # noqa: E402
from unionstate.hub.publish import release_to_git  # noqa: E402

FOLDER = "belarus-russia"
CELL_TIMEOUT_S = 120


# --- processes and memory (Linux /proc) ---------------------------------------------------


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                out.append(int(entry.name))
    return out


def tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children(p)
    return found


def pss_mb(pid: int, field: str = "Pss:") -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mb(pid: int) -> float:
    """Resident set size: shared pages counted in full (what a container's memory limit sees, roughly)."""
    return pss_mb(pid, "Rss:")


def cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# --- one student's Run All over the kernel websocket --------------------------------------


async def run_all(hub: Hub, user: str, path: str, cells: list[str]) -> dict:
    """Open a session on the lesson (its kernel starts), run every code cell in order; returns times."""
    start = time.monotonic()
    session = await asyncio.to_thread(hub.user_api, user, "POST", "/sessions",
                                      {"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
    kernel = session["kernel"]["id"]
    ws_url = hub.url.replace("http://", "ws://") + f"/user/{user}/api/kernels/{kernel}/channels"
    conn = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {hub.token}"}, request_timeout=CELL_TIMEOUT_S))
    errors, session_id = 0, uuid.uuid4().hex
    ran_from = time.monotonic()
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            await conn.write_message(json.dumps({
                "header": {"msg_id": msg_id, "username": user, "session": session_id, "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
            }))
            replied = idle = False
            deadline = time.monotonic() + CELL_TIMEOUT_S
            while not (replied and idle):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{user}: a cell took longer than {CELL_TIMEOUT_S} s")
                raw = await asyncio.wait_for(conn.read_message(), remaining)
                if raw is None:
                    raise ConnectionError(f"{user}: the kernel's websocket closed")
                if isinstance(raw, bytes):
                    continue
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    replied = True
                    errors += msg["content"].get("status") != "ok"
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
    finally:
        conn.close()
    end = time.monotonic()
    return {"user": user, "open_and_run_s": end - start, "run_all_s": end - ran_from, "cell_errors": errors}


def code_cells(nb_path: Path) -> list[str]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"] if c["cell_type"] == "code"]


def user_pids(hub: Hub, user: str) -> list[int]:
    pid = (hub.api("GET", f"/users/{user}")["servers"][""]["state"] or {}).get("pid")
    return tree(int(pid)) if pid else []


def hub_pids(hub: Hub) -> list[int]:
    pids = [hub.proc.pid]
    proxy = hub.root / "proxy.pid"
    if proxy.exists():
        pids.append(int(proxy.read_text().strip()))
    return pids


# --- one class size --------------------------------------------------------------------------


def measure(hub: Hub, n: int, repo: Path, lesson_file: str, deadline: float) -> dict:
    users = [f"s{n:02d}x{i:02d}" for i in range(n)]
    result: dict = {"students": n, "load_before": load()}
    hub_idle = sum(pss_mb(p) for p in hub_pids(hub))
    starts: dict[str, float] = {}

    def start(user: str) -> None:
        starts[user] = hub.start_server(user)

    t0 = time.monotonic()
    threads = [threading.Thread(target=start, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(1.0, deadline - time.monotonic()))
    if len(starts) < n:
        raise RuntimeError(f"only {len(starts)} of {n} servers started before the deadline")
    result["all_servers_ready_s"] = time.monotonic() - t0
    for user in users:
        hub.git_pull(user, str(repo), FOLDER)
    cells = code_cells(hub.root / "home" / users[0] / FOLDER / lesson_file)
    pids = {u: user_pids(hub, u) for u in users}
    cpu_before = {u: sum(cpu_s(p) for p in pids[u]) for u in users}  # = the server's start and the pull
    server_only = {u: sum(pss_mb(p) for p in pids[u]) for u in users}  # logged in, lessons pulled, no kernel yet

    async def everyone():
        return await asyncio.gather(*(run_all(hub, u, f"{FOLDER}/{lesson_file}", cells) for u in users))

    t0 = time.monotonic()
    runs = asyncio.run(asyncio.wait_for(everyone(), max(10.0, deadline - time.monotonic())))
    result["class_run_all_wall_s"] = time.monotonic() - t0
    pids = {u: user_pids(hub, u) for u in users}  # now with the kernels
    memory = {u: sum(pss_mb(p) for p in pids[u]) for u in users}
    resident = {u: sum(rss_mb(p) for p in pids[u]) for u in users}
    cpu = {u: sum(cpu_s(p) for p in pids[u]) - cpu_before[u] for u in users}
    hub_busy = sum(pss_mb(p) for p in hub_pids(hub))
    result.update(
        load_after=load(),
        cells=len(cells),
        cell_errors=sum(r["cell_errors"] for r in runs),
        server_start_p50_s=pct(list(starts.values()), 0.5), server_start_p95_s=pct(list(starts.values()), 0.95),
        run_all_p50_s=pct([r["run_all_s"] for r in runs], 0.5), run_all_p95_s=pct([r["run_all_s"] for r in runs], 0.95),
        open_and_run_p50_s=pct([r["open_and_run_s"] for r in runs], 0.5), open_and_run_p95_s=pct([r["open_and_run_s"] for r in runs], 0.95),
        memory_per_student_mb_mean=statistics.mean(memory.values()), memory_per_student_mb_max=max(memory.values()),
        memory_all_students_mb=sum(memory.values()),
        rss_per_student_mb_mean=statistics.mean(resident.values()),
        memory_server_only_mb_mean=statistics.mean(server_only.values()),
        cpu_per_student_run_all_s=statistics.mean(cpu.values()),
        cpu_per_server_start_and_pull_s=statistics.mean(cpu_before.values()),
        hub_and_proxy_mb_idle=hub_idle, hub_and_proxy_mb_busy=hub_busy,
    )
    for user in users:
        hub.stop_server(user)
    t0 = time.monotonic()
    while any(hub.api("GET", f"/users/{u}")["servers"] for u in users) and time.monotonic() - t0 < 300:
        time.sleep(1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--lesson", default="03")
    parser.add_argument("--deadline", type=float, default=2400, help="seconds for the whole run (default %(default)s)")
    args = parser.parse_args()
    problem = requirement_problem()
    if problem:
        print(problem)
        return 1
    deadline = time.monotonic() + args.deadline
    lesson_file = master_for(args.lesson.zfill(2), ROOT / "notebooks").name
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        repo = tmp / "lessons.git"
        release_to_git(ROOT / "notebooks", repo)
        git_config = tmp / "gitconfig"
        hub_setup(git_config)
        hub = start_hub(tmp / "hub", git_config=git_config)
        try:
            for n in args.students:
                print(f"[hub_capacity] {n} students (load {load()}) ...", flush=True)
                results.append(measure(hub, n, repo, lesson_file, deadline))
                print(json.dumps(results[-1], indent=1), flush=True)
        finally:
            hub.stop()
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "hub_capacity.json").write_text(json.dumps({"lesson": lesson_file, "cpus": os.cpu_count(), "results": results}, indent=1))
    print(f"\nLesson {lesson_file}, {os.cpu_count()} CPUs")
    print("| students | server start p50 / p95 s | Run All p50 / p95 s | memory per student MB (mean / max) | CPU s per Run All | hub+proxy MB | load before → after |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(f"| {r['students']} | {r['server_start_p50_s']:.1f} / {r['server_start_p95_s']:.1f} | {r['run_all_p50_s']:.1f} / {r['run_all_p95_s']:.1f} | "
              f"{r['memory_per_student_mb_mean']:.0f} / {r['memory_per_student_mb_max']:.0f} | {r['cpu_per_student_run_all_s']:.1f} | "
              f"{r['hub_and_proxy_mb_busy']:.0f} (idle {r['hub_and_proxy_mb_idle']:.0f}) | {r['load_before']} → {r['load_after']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
