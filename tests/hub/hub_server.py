"""A real JupyterHub on 127.0.0.1 for the hub tests and benchmarks/hub_capacity.py.

JupyterHub from PyPI (the kit's `hub` extra, part of the test tools) with configurable-http-proxy from
npm, DummyAuthenticator (any name logs in) and SimpleLocalProcessSpawner: every user's server runs as this
process's user with its home folder under the test's temporary directory. Running as root (containers,
CI), the single-user servers need --allow-root. Each user's server reads git's configuration from one
file the test writes with `kit.py hub-setup --git-config` (the machine's git configuration is left out).

Without JupyterHub, nbgitpuller, the proxy or git the hub tests are skipped with one sentence saying how to
get them; with KIT_REQUIRE_HUB=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from unionstate import paths

PROXY_FOLDER = paths.ROOT / ".ci" / "proxy"  # where .ci/run installs configurable-http-proxy from npm
PROXY_INSTALL = "npm install --prefix .ci/proxy --no-save --no-audit --no-fund configurable-http-proxy@5"
START_TIMEOUT_S = 300  # a single-user server imports JupyterLab: slow on a busy 2-core machine
REQUEST_TIMEOUT_S = 120


def proxy_path() -> str | None:
    """configurable-http-proxy: KIT_CHP names it, else the project-local npm install, else one on PATH."""
    wanted = os.environ.get("KIT_CHP")
    if wanted:
        return wanted if os.path.exists(wanted) else None
    local = PROXY_FOLDER / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy")


def requirement_problem() -> str | None:
    """One sentence saying what is missing to run the hub tests, or None."""
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError:
        return "JupyterHub or nbgitpuller is not installed: run `python3 kit.py setup --test` (the test tools include the kit's hub extra) to run the hub tests."
    if shutil.which("git") is None:
        return "git is not installed: run `sudo apt-get install git` to run the hub tests."
    if proxy_path() is None:
        return f"configurable-http-proxy is not installed: run `{PROXY_INSTALL}` (Node.js and npm needed) to run the hub tests."
    return None


def hub_required() -> bool:
    """CI sets KIT_REQUIRE_HUB=1: a missing hub or proxy is then a failure, not a skip."""
    return os.environ.get("KIT_REQUIRE_HUB", "").strip().lower() in ("1", "true", "yes")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def singleuser_command() -> list[str]:
    return [str(Path(sys.executable).parent / "jupyterhub-singleuser")]


CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {root!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {root!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {root!r} + "/cookie_secret"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {root!r} + "/home/{{username}}"
c.Spawner.cmd = {cmd!r}
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
c.Spawner.environment = {environment!r}
c.JupyterHub.services = [{{"name": "kit-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "kit-test",
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
    "services": ["kit-test"],
}}]
"""


@dataclass
class Hub:
    url: str
    token: str
    root: Path
    proc: subprocess.Popen
    log: Path

    # --- the hub's REST API (as the test's service) ---

    def request(self, method: str, url: str, body: dict | None = None, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"token {self.token}"})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def api(self, method: str, path: str, body: dict | None = None):
        status, data = self.request(method, f"{self.url}/hub/api{path}", body)
        if status >= 400:
            raise RuntimeError(f"{method} /hub/api{path} answered {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def start_server(self, user: str) -> float:
        """Create the user (if new) and start their server; returns the seconds until it answered."""
        return self.start_servers([user])[user]

    def start_servers(self, users: list[str]) -> dict[str, float]:
        """Start several users' servers at once (as a class logging in); returns each one's seconds until ready."""
        start, ready = time.monotonic(), {}
        for user in users:
            if self.request("GET", f"{self.url}/hub/api/users/{user}")[0] == 404:
                self.api("POST", f"/users/{user}")
            self.request("POST", f"{self.url}/hub/api/users/{user}/server", timeout=REQUEST_TIMEOUT_S)
        while time.monotonic() - start < START_TIMEOUT_S:
            self.check_alive()
            for user in users:
                if user in ready:
                    continue
                server = (self.api("GET", f"/users/{user}").get("servers") or {}).get("")
                if server and server.get("ready"):
                    ready[user] = time.monotonic() - start
                elif server is None and time.monotonic() - start > 5:  # the spawn failed: ask again
                    self.request("POST", f"{self.url}/hub/api/users/{user}/server")
            if len(ready) == len(users):
                return ready
            time.sleep(0.5)
        raise RuntimeError(f"servers not started within {START_TIMEOUT_S} s: {sorted(set(users) - set(ready))}; the hub's log:\n{self.tail()}")

    def stop_server(self, user: str) -> None:
        self.request("DELETE", f"{self.url}/hub/api/users/{user}/server")

    # --- a user's own server (the service's token may use it: access:servers) ---

    def user_api(self, user: str, method: str, path: str, body: dict | None = None):
        status, data = self.request(method, f"{self.url}/user/{user}/api{path}", body)
        if status >= 400:
            raise RuntimeError(f"{method} /user/{user}/api{path} answered {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def git_pull(self, user: str, repo: str, folder: str, branch: str = "student") -> list[dict]:
        """What the link's page does: nbgitpuller's event stream, to its end; returns the events."""
        query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": folder})
        req = urllib.request.Request(f"{self.url}/user/{user}/git-pull/api?{query}", headers={"Authorization": f"token {self.token}"})
        events = []
        with urllib.request.urlopen(req, timeout=START_TIMEOUT_S) as response:
            for raw in response:
                line = raw.decode("utf-8", errors="replace").strip()
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    events.append(event)
                    if event.get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller did not finish for {user}: {events[-3:]}")
        return events

    # --- the hub process ---

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with code {self.proc.returncode}; its log:\n{self.tail()}")

    def tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace: float = 60) -> None:
        """SIGTERM: the hub stops every user's server (cleanup_servers) and its proxy, then exits."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        pid_file = self.root / "proxy.pid"  # a proxy left behind by a killed hub
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), 15)
            except (OSError, ValueError):
                pass


def start_hub(root: Path, *, git_config: Path, environment: dict[str, str] | None = None, extra_args: list[str] | None = None) -> Hub:
    """Start JupyterHub in root (its database, log and the users' homes under root/home/)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "home").mkdir(exist_ok=True)
    token = secrets.token_hex(24)
    port = free_port()
    env_for_users = {"GIT_CONFIG_GLOBAL": str(git_config), "GIT_CONFIG_NOSYSTEM": "1", **(environment or {})}
    config = CONFIG.format(
        port=port, hub_port=free_port(), proxy_api_port=free_port(), proxy=proxy_path(), root=str(root),
        cmd=singleuser_command(), args=(["--allow-root"] if os.geteuid() == 0 else []) + (extra_args or []), timeout=START_TIMEOUT_S,
        environment=env_for_users, token=token,
    )
    (root / "jupyterhub_config.py").write_text(config, encoding="utf-8")
    log = root / "jupyterhub.log"
    env = {k: v for k, v in os.environ.items() if k not in ("UNIONSTATE_STRICT", "MPLBACKEND", "NBGRADER_EXECUTION")}
    hub_cmd = [sys.executable, "-m", "jupyterhub", "-f", str(root / "jupyterhub_config.py")]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(hub_cmd, cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", token, root, proc, log)
    start = time.monotonic()
    while time.monotonic() - start < START_TIMEOUT_S:
        hub.check_alive()
        try:
            if hub.request("GET", f"{hub.url}/hub/api/", timeout=5)[0] == 200:
                return hub
        except OSError:
            pass
        time.sleep(0.5)
    hub.stop()
    raise RuntimeError(f"JupyterHub did not answer within {START_TIMEOUT_S} s; its log:\n{hub.tail()}")


def hub_setup(git_config: Path) -> str:
    """The admin's step, as the guide says it (the lab settings go into this environment, as `kit.py lab` does)."""
    done = subprocess.run([sys.executable, "-m", "unionstate", "hub-setup", "--git-config", str(git_config)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"hub-setup failed: {done.stdout}{done.stderr}")
    return done.stdout
