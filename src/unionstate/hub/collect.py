"""`kit.py collect`: copy one lesson's notebooks out of the users' home folders into a submissions folder.

The users' folders are named by a pattern with {user}, e.g. "/home/{user}/belarus-russia" (JupyterHub's
LocalProcessSpawner), "/home/jupyter-{user}/belarus-russia" (The Littlest JupyterHub), or the same with
the notebook's file name at the end. Every folder that matches the part of the pattern up to {user} is a
user; a roster (--users) names the class instead, so that students without a home folder are listed too.

The output is what `kit.py grade` reads: <out>/<user>/<lesson notebook>, the user name being the student
id, each file read-only. <out>/collected.csv lists every user with what was found. The collection never
writes into a home folder, never follows a symbolic link (a student could point one at any file the
instructor may read) and only copies regular files up to the grader's size limit. It refuses an output
folder that already holds files, so an earlier collection is never overwritten.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..grading.collect import MAX_FILE_BYTES
from . import HubError

READ_ONLY = 0o444
REPORT = "collected.csv"
SAFE_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")


@dataclass
class Found:
    user: str
    status: str  # "collected", "no notebook", "no home folder", "not collected"
    source: str = ""
    detail: str = ""
    sha256: str = ""
    size: int = 0
    modified: str = ""


@dataclass
class CollectReport:
    out: Path
    notebook: str
    rows: list[Found] = field(default_factory=list)
    not_on_roster: list[str] = field(default_factory=list)

    @property
    def collected(self) -> list[str]:
        return [r.user for r in self.rows if r.status == "collected"]

    @property
    def without(self) -> list[Found]:
        return [r for r in self.rows if r.status != "collected"]

    def messages(self) -> list[str]:
        out = [f"Collected {self.notebook} from {len(self.collected)} of {len(self.rows)} user(s) into {self.out}."]
        if self.without:
            out.append(f"No submission from {len(self.without)} user(s):")
            out += [f"  {r.user}: {r.status}{' (' + r.detail + ')' if r.detail else ''}" for r in self.without]
        if self.not_on_roster:
            out.append(f"Home folders of users not on the roster (not collected): {', '.join(self.not_on_roster)}.")
        out.append(f"The list is in {self.out / REPORT}. Grade with: python3 kit.py grade {self.out} --lesson {self.notebook[:2]}")
        return out


def split_pattern(pattern: str) -> tuple[str, re.Pattern, str]:
    """("/home/jupyter-*", regex that reads the user from that folder's name, the rest of the pattern)."""
    if pattern.count("{user}") != 1:
        raise HubError(f"The pattern must contain {{user}} exactly once, e.g. /home/{{user}}/belarus-russia; got {pattern!r}.")
    head, _, tail = pattern.partition("{user}")
    cut = head.rfind("/") + 1
    parent, prefix = head[:cut], head[cut:]
    suffix, slash, rest = tail.partition("/")
    if any(ch in parent + prefix + suffix for ch in "*?[]"):
        raise HubError(f"The pattern may use only {{user}} as a wildcard; got {pattern!r}.")
    regex = re.compile("^" + re.escape(prefix) + r"(?P<user>.+)" + re.escape(suffix) + "$")
    return parent + glob.escape(prefix) + "*" + glob.escape(suffix), regex, rest


def find_users(pattern: str) -> dict[str, Path]:
    """Every user whose home folder exists, with the folder the pattern names for them."""
    folder_glob, regex, _ = split_pattern(pattern)
    users = {}
    for match in sorted(glob.glob(folder_glob)):
        m = regex.match(os.path.basename(match))
        if m and os.path.isdir(match) and not os.path.islink(match):
            users[m.group("user")] = Path(pattern.replace("{user}", m.group("user")))
    return users


def _target(folder_or_file: Path, notebook: str) -> Path:
    return folder_or_file if folder_or_file.suffix == ".ipynb" else folder_or_file / notebook


def _read_roster(users: str | None) -> list[str] | None:
    """A roster: a file with one user name a line (or a CSV with a 'user' column), or names separated by commas."""
    if users is None:
        return None
    path = Path(users)
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
        if lines and "," in lines[0]:
            rows = list(csv.DictReader(lines))
            if not rows or "user" not in rows[0]:
                raise HubError(f"The roster {path} is a CSV file without a 'user' column (it has: {lines[0]}).")
            names = [r["user"].strip() for r in rows if r["user"].strip()]
        else:
            names = lines
    else:
        names = [n.strip() for n in users.split(",") if n.strip()]
    bad = [n for n in names if not SAFE_USER.match(n)]
    if bad:
        raise HubError(f"These roster entries are not user names: {', '.join(repr(b) for b in bad[:5])}.")
    if not names:
        raise HubError(f"The roster {users!r} names no users.")
    return names


def _copy_one(user: str, source: Path, out: Path, notebook: str) -> Found:
    try:
        info = os.lstat(source)
    except FileNotFoundError:
        return Found(user, "no notebook", str(source))
    except OSError as exc:
        return Found(user, "not collected", str(source), f"cannot be read: {exc.strerror}")
    if stat.S_ISLNK(info.st_mode):
        return Found(user, "not collected", str(source), "it is a symbolic link, not the student's own file")
    if not stat.S_ISREG(info.st_mode):
        return Found(user, "not collected", str(source), "it is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        return Found(user, "not collected", str(source), f"larger than {MAX_FILE_BYTES // 2**20} MB")
    # O_NOFOLLOW: the file cannot be swapped for a link between the check and the read
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    target = out / user / notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as fh:  # x: never replaces a file
        fh.write(data)
    os.chmod(target, READ_ONLY)
    modified = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(info.st_mtime))
    return Found(user, "collected", str(source), sha256=hashlib.sha256(data).hexdigest(), size=len(data), modified=modified)


def collect_homes(pattern: str, notebook: str, out: Path, users: str | None = None) -> CollectReport:
    """Copy `notebook` of every user (or every roster user) into out/<user>/; see the module docstring."""
    split_pattern(pattern)  # a bad pattern is reported before anything is written
    roster = _read_roster(users)
    found = find_users(pattern)
    if roster is None and not found:
        raise HubError(f"No home folder matches {pattern!r}. Check the pattern (e.g. /home/{{user}}/belarus-russia, or /home/jupyter-{{user}}/belarus-russia on The Littlest JupyterHub).")
    if out.exists() and any(out.iterdir()):
        raise HubError(f"{out} already holds files: collect into a new, empty folder (an earlier collection is never overwritten).")
    bad = [u for u in found if not SAFE_USER.match(u)] if roster is None else []
    if bad:
        raise HubError(f"These home folders do not give usable student ids: {', '.join(repr(b) for b in bad[:5])}. Pass a roster (--users).")
    out.mkdir(parents=True, exist_ok=True)
    report = CollectReport(out.resolve(), notebook)
    if roster is not None:
        report.not_on_roster = sorted(set(found) - set(roster), key=str.casefold)
    for user in roster if roster is not None else sorted(found, key=str.casefold):
        home = found.get(user)
        if home is None:
            report.rows.append(Found(user, "no home folder", pattern.replace("{user}", user)))
            continue
        report.rows.append(_copy_one(user, _target(home, notebook), out, notebook))
    with open(out / REPORT, "x", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["user", "status", "detail", "source", "bytes", "sha256", "modified"])
        for r in report.rows:
            writer.writerow([r.user, r.status, r.detail, r.source, r.size or "", r.sha256, r.modified])
    os.chmod(out / REPORT, READ_ONLY)
    return report
