"""Keep a submission's code from changing anything outside its own scratch folder.

Linux (standard library and ctypes only). The process that will run a submission, freshly forked
and therefore single-threaded, enters new user, mount, network, PID and IPC namespaces. The helper
that forked it writes its id maps, so the submission runs as user 1000 inside, which is the
unprivileged user `nobody` outside when grading as root (your own user otherwise). Then, before any
student code runs:

- every mount is made read-only (mount_setattr with AT_RECURSIVE; on kernels before 5.12 each mount
  of /proc/self/mountinfo is bind-remounted read-only, keeping the flags the kernel locks);
- /tmp and /dev/shm become private, size-limited tmpfs mounts; the scratch folder is in that /tmp;
- the other submissions, the output folder, the master notebooks, the grader's batch folder and /run
  (with its sockets) are covered by empty read-only mounts;
- a process in the new PID namespace mounts a /proc that shows only the submission's own processes,
  then every capability is dropped (bounding set included) and no_new_privs is set, so nothing the
  submission starts can remount, unmount or gain privileges. Mounts inherited from the grader's
  namespace are locked by the kernel: even a nested user namespace cannot make them writable again.

The network namespace has only a loopback device that is down. Signals reach only the submission's
own processes (PID namespace). When the first process of the chain dies, the kernel kills everything
in the namespace.

macOS: the submission's Python runs under `sandbox-exec` with the profile in macos-sandbox.sb (no
file writes outside its scratch and temporary folders, no reading of the other submissions, the
output and the masters, no network). No macOS machine was available to the project: the profile and
the command line are tested as text only.

Anywhere else the grader refuses to grade unless told --no-sandbox (see api.grade_folder).
"""

from __future__ import annotations

import ctypes
import errno
import os
import select
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

LINUX = "Linux namespaces"
MACOS = "macOS sandbox-exec"
NONE = "none"

INSIDE_ID = 1000  # the submission's uid and gid inside its namespace
PROFILE = Path(__file__).with_name("macos-sandbox.sb")

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x08000000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME, MS_STRICTATIME = 1024, 2048, 4096, 16384, 1 << 18, 1 << 21, 1 << 24
PR_SET_PDEATHSIG, PR_SET_KEEPCAPS, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 8, 24, 38
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 0x1
CAP_VERSION_3 = 0x20080522

# Flags the kernel locks on mounts that come from a more privileged namespace: a bind-remount must
# repeat them or it fails with EPERM (mount_namespaces(7)).
_LOCKED_OPTIONS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
                   "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME, "strictatime": MS_STRICTATIME}


class SandboxError(OSError):
    """The sandbox could not be set up: the submission must not run."""


@dataclass(frozen=True)
class Containment:
    """What a child needs to enter the Linux sandbox; made by the grader, inherited through fork."""

    hide: tuple[str, ...] = ()  # folders (or files) covered by an empty read-only mount
    # (folder, paths inside it) pairs: the folder (a home folder) is covered by an empty mount in which
    # only those paths (the interpreter, the kit) appear again, read-only
    cover: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tmp_mb: int = 256  # size of the private /tmp, which holds the scratch folder
    readonly_by_remount: bool = False  # force the per-mount fallback (tests; kernels before 5.12)
    kept_readable: tuple[str, ...] = field(default=())  # hide requests refused because the kit lives there
    needed: tuple[str, ...] = ()  # what the submission's Python must still read (checked by the probe)


# --- choosing ------------------------------------------------------------------------------


def platform_mode() -> str:
    """The sandbox this platform offers (not yet checked that it works)."""
    if sys.platform.startswith("linux"):
        return LINUX
    if sys.platform == "darwin":
        return MACOS
    return NONE


def refusal(reason: str) -> str:
    """The one sentence the grader says when it cannot sandbox (GradingError text)."""
    anyway = "or pass --no-sandbox to grade anyway (every row, feedback page and the summary will then say 'graded without a sandbox')"
    if reason.startswith(("unshare", "writing the id maps", "no id maps")) or "namespace" in reason:
        fix = ("on Linux allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu "
               "kernel.apparmor_restrict_unprivileged_userns=0) or grade on a machine that allows them, ")
    else:
        fix = "please report this to the kit's maintainers with the reason in brackets, "
    return f"The grader cannot keep submissions away from your files on this machine ({reason}), so it will not run them: {fix}{anyway}."


def needed_paths(extra: list[Path] = ()) -> list[Path]:
    """What a submission's Python reads: the interpreter, its packages (sys.path) and the kit."""
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *sys.path, *map(str, extra)]
    out: list[Path] = []
    for raw in found:
        if raw and os.path.isdir(raw):
            path = Path(os.path.realpath(raw))
            if path != Path("/") and path not in out:
                out.append(path)
    # keep only the outermost of nested paths
    return sorted(p for p in out if not any(q != p and q in p.parents for q in out))


def _private_roots(needed: list[Path]) -> list[Path]:
    """Folders to cover: the grader's home folder, and any folder above a needed path that the
    submission's user (nobody, when grading as root) could not pass through."""
    roots = []
    home = Path(os.path.realpath(os.path.expanduser("~")))
    if home != Path("/") and home.is_dir():
        roots.append(home)
    if os.geteuid() == 0:
        for path in needed:
            for ancestor in reversed(path.parents):  # from / downwards: the first closed one
                if ancestor != Path("/") and not os.stat(ancestor).st_mode & 0o001:
                    roots.append(ancestor)
                    break
    out = []
    for root in roots:
        if Path("/tmp") in root.parents or root == Path("/tmp"):
            continue  # /tmp becomes a private tmpfs anyway, with the needed paths shown again inside it
        if root not in out and not any(root == n or n in root.parents for n in needed):  # never cover what is needed
            out.append(root)
    return [r for r in out if not any(q != r and q in r.parents for q in out)]


def containment_for(hide: list[Path], protect: list[Path] = (), tmp_mb: int = 256) -> Containment:
    """The sandbox for a batch: `hide` covered (except where the kit or the interpreter lives), the
    grader's home folder covered with only what `protect` and the interpreter need shown again."""
    needed = needed_paths(list(protect))
    hidden, kept = [], []
    for raw in hide:
        path = Path(os.path.realpath(raw))
        if any(n == path or path in n.parents for n in needed):
            kept.append(str(path))
        elif str(path) not in hidden:
            hidden.append(str(path))
    cover = tuple((str(r), tuple(str(n) for n in needed if r in n.parents)) for r in _private_roots(needed))
    in_tmp = tuple(str(n) for n in needed if Path("/tmp") in n.parents)  # shown again inside the private /tmp
    return Containment(hide=tuple(hidden), cover=cover + ((("/tmp", in_tmp),) if in_tmp else ()), tmp_mb=tmp_mb,
                       kept_readable=tuple(kept), needed=tuple(str(n) for n in needed))


# --- libc ----------------------------------------------------------------------------------

_libc = None


def _lib():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise SandboxError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_lib().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64), ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _prctl(option: int, arg: int) -> int:
    return _lib().prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def die_with_parent() -> None:
    """SIGKILL this process when the process that forked it ends (Linux; a no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _capabilities(effective_from_permitted: bool) -> None:
    header, data = _CapHeader(CAP_VERSION_3, 0), (_CapData * 2)()
    if effective_from_permitted:
        _check(_lib().capget(ctypes.byref(header), data), "capget")
        for d in data:
            d.effective = d.permitted
    _check(_lib().capset(ctypes.byref(header), data), "capset")


def _drop_all_privileges() -> None:
    for cap in range(64):
        if _prctl(PR_CAPBSET_DROP, cap) != 0:
            break  # past the last capability this kernel knows
    _capabilities(effective_from_permitted=False)
    _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")


# --- the map writer (the process that forked the child) --------------------------------------


def _outside_ids() -> tuple[int, int]:
    """Who the submission is outside its namespace: nobody when we are root, else ourselves."""
    if os.geteuid() != 0:
        return os.geteuid(), os.getegid()
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except (ImportError, KeyError):
        return 65534, 65534


def serve_id_maps(pid: int, ready_fd: int, go_fd: int, timeout: float = 30.0) -> None:
    """Write the child's uid and gid maps once it has entered its user namespace, then let it go on."""
    try:
        readable, _, _ = select.select([ready_fd], [], [], timeout)
        if not readable or os.read(ready_fd, 1) != b"u":
            return  # the child failed before its namespace existed; it reports why itself
        uid, gid = _outside_ids()
        reply = b"g"
        try:
            if os.geteuid() != 0:  # an unprivileged map writer may only map its own ids, and must give up setgroups
                with open(f"/proc/{pid}/setgroups", "w") as fh:
                    fh.write("deny")
            with open(f"/proc/{pid}/uid_map", "w") as fh:
                fh.write(f"{INSIDE_ID} {uid} 1\n")
            with open(f"/proc/{pid}/gid_map", "w") as fh:
                fh.write(f"{INSIDE_ID} {gid} 1\n")
        except OSError as exc:
            reply = b"!" + f"writing the id maps failed: {exc.strerror}".encode()[:200]
        os.write(go_fd, reply)
    except OSError:
        pass
    finally:
        for fd in (ready_fd, go_fd):
            try:
                os.close(fd)
            except OSError:
                pass


# --- the child -------------------------------------------------------------------------------


def _mount_points() -> list[tuple[str, set[str]]]:
    """(mount point, per-mount options) of every mount this namespace sees."""
    out = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            fields = line.split(" - ")[0].split()
            point = fields[4].encode().decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
            out.append((point, set(fields[5].split(","))))
    return out


def _readonly_everything(by_remount: bool) -> None:
    if not by_remount:
        attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
        rc = _lib().syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr), ctypes.sizeof(attr))
        if rc == 0:
            return
        if ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL):
            _check(rc, "mount_setattr /")
    # Before Linux 5.12: bind-remount each mount read-only, repeating the flags the kernel locked.
    for point, options in _mount_points():
        if "ro" in options or not os.path.exists(point):
            continue
        flags = MS_BIND | MS_REMOUNT | MS_RDONLY
        for name, flag in _LOCKED_OPTIONS.items():
            if name in options:
                flags |= flag
        try:
            _mount(None, point, None, flags)
        except SandboxError as exc:
            if exc.errno == errno.ENOENT:  # gone, or hidden under another mount: nothing can reach it
                continue
            raise


_hidden: set[str] = set()


def _hide(path: str) -> None:
    path = os.path.realpath(path)  # /var/run is usually a link to /run
    if not os.path.lexists(path) or os.path.ismount(path) and path in _hidden:
        return  # already out of sight (it was under /tmp, or under another hidden folder)
    _hidden.add(path)
    if os.path.isdir(path) and not os.path.islink(path):
        _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,nr_inodes=16,mode=755")
    else:
        _mount("/dev/null", path, None, MS_BIND)  # a read-only bind (/dev is read-only by now) of an empty file


def enter_linux(containment: Containment, scratch: str, ready_fd: int, go_fd: int) -> None:
    """Enter the sandbox. Returns only in the process that will run the submission (two forks later).

    Raises SandboxError before anything of the submission runs when a step fails."""
    lib = _lib()
    _check(lib.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC), "unshare")
    os.write(ready_fd, b"u")
    reply = os.read(go_fd, 256)
    os.close(ready_fd)
    os.close(go_fd)
    if reply != b"g":
        raise SandboxError(errno.EPERM, reply[1:].decode(errors="replace") or "no id maps were written")
    # Opened now, as the grader's user and in the new mount namespace, so they can be shown again
    # inside the covered folders below (the submission's user may not pass through those folders).
    shown = [(root, [(p, os.open(p, os.O_PATH | os.O_DIRECTORY)) for p in inside]) for root, inside in containment.cover]
    try:
        os.setgroups([])  # root's supplementary groups must not come along
    except OSError:
        pass  # denied for an unprivileged grader (setgroups "deny"): its groups stay, as they would without us
    _check(_prctl(PR_SET_KEEPCAPS, 1), "keepcaps")
    os.setresgid(INSIDE_ID, INSIDE_ID, INSIDE_ID)
    os.setresuid(INSIDE_ID, INSIDE_ID, INSIDE_ID)
    _capabilities(effective_from_permitted=True)  # files created from now on belong to the mapped id

    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _readonly_everything(containment.readonly_by_remount)
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={containment.tmp_mb}m,nr_inodes=20000,mode=1777")
    if os.path.isdir("/dev/shm"):
        _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16m,nr_inodes=1000,mode=1777")
    for root, inside in shown:
        if root != "/tmp":  # /tmp is the private tmpfs mounted above, and stays writable
            _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=1000,mode=755")
        for path, fd in inside:
            os.makedirs(path, mode=0o755, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND)  # read-only like its source, made so above
            os.close(fd)
        if root != "/tmp":
            _mount(None, root, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for path in (*containment.hide, "/run", "/var/run"):
        _hide(path)
    os.makedirs(scratch, mode=0o700, exist_ok=True)

    init = os.fork()
    if init:
        _drop_all_privileges()
        _wait_and_mirror(init)
    # PID 1 of the new namespace: its own /proc, no privileges left, then the submission's process.
    die_with_parent()  # (its parent is outside the namespace, so getppid() says 0: nothing to check here)
    try:
        _mount("proc", "/proc", "proc", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except SandboxError:
        pass  # refused inside some containers: /proc keeps listing the machine's processes (read-only)
    _drop_all_privileges()
    runner = os.fork()
    if runner:
        _reap_as_init(runner)
    die_with_parent()


def _wait_and_mirror(pid: int) -> None:
    """Wait for `pid`, then end the same way (exit code, or the same signal), so the grader sees it."""
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(70)
    code = os.waitstatus_to_exitcode(status)
    if code > 128 or code < 0:  # killed by a signal (init reports 128 + signal: it cannot die of one itself)
        sig = -code if code < 0 else code - 128
        try:
            if sig not in (signal.SIGKILL, signal.SIGSTOP):  # those two cannot have a handler
                signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)
        except (OSError, ValueError):
            pass
    os._exit(code if 0 <= code <= 255 else 70)


def _reap_as_init(runner: int) -> None:
    """PID 1: collect every orphan until the submission's process ends, then end with its status."""
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(70)
        if pid == runner:
            code = os.waitstatus_to_exitcode(status)
            os._exit(128 - code if code < 0 else code)


# --- checking that it works here -------------------------------------------------------------


def probe(containment: Containment, must_not_write: list[Path]) -> str | None:
    """Run the whole set-up once in a throw-away child; None when it works, else the reason."""
    if not sys.platform.startswith("linux"):
        return "this is not Linux"
    targets = [str(Path(p) / f".unionstate-sandbox-probe-{os.getpid()}") for p in must_not_write]
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        message = b"?"
        try:
            os.close(ready_r), os.close(go_w), os.close(out_r)
            die_with_parent()
            enter_linux(containment, "/tmp/unionstate-probe", ready_w, go_r)
            problems = []
            for target in targets:
                try:
                    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                    os.unlink(target)
                    problems.append(f"{os.path.dirname(target)} stayed writable")
                except OSError as exc:
                    if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
                        problems.append(f"{os.path.dirname(target)}: {exc.strerror}")
            with open("/tmp/unionstate-probe/x", "w") as fh:
                fh.write("x")
            for path in containment.needed:
                try:
                    os.listdir(path)
                except OSError as exc:
                    problems.append(f"the sandbox hides {path}, which Python needs ({exc.strerror})")
            message = ("; ".join(problems) or "ok").encode()
        except SandboxError as exc:
            message = str(exc.strerror or exc).encode()
        except BaseException as exc:  # noqa: BLE001 - the probe reports, it never raises into the parent's code
            message = f"{type(exc).__name__}: {exc}".encode()
        finally:
            try:
                os.write(out_w, message[:500])
            finally:
                os._exit(0)
    os.close(ready_w), os.close(go_r), os.close(out_w)
    serve_id_maps(pid, ready_r, go_w)
    chunks = []
    while True:
        readable, _, _ = select.select([out_r], [], [], 30)
        chunk = os.read(out_r, 1024) if readable else b""
        if not chunk:
            break
        chunks.append(chunk)
    os.close(out_r)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    os.waitpid(pid, 0)
    answer = b"".join(chunks).decode(errors="replace")
    return None if answer == "ok" else (answer or "the test process ended without an answer")


# --- macOS -----------------------------------------------------------------------------------


def macos_command(argv: list[str], scratch: str, tmp: str, hide: tuple[str, ...]) -> list[str]:
    """`argv` under sandbox-exec with the kit's profile; every path is resolved (/tmp is /private/tmp)."""
    real = os.path.realpath
    command = ["/usr/bin/sandbox-exec", "-f", str(PROFILE), "-D", f"SCRATCH={real(scratch)}", "-D", f"TMP={real(tmp)}"]
    hidden = [real(p) for p in hide][:4]
    hidden += ["/nonexistent/unionstate"] * (4 - len(hidden))  # the profile names four folders to hide
    for n, path in enumerate(hidden, 1):
        command += ["-D", f"HIDE{n}={path}"]
    return command + list(argv)


__all__ = ["Containment", "LINUX", "MACOS", "NONE", "SandboxError", "containment_for", "enter_linux", "macos_command",
           "platform_mode", "probe", "refusal", "serve_id_maps"]
