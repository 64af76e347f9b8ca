"""Run a cleaner or converter on hostile bytes inside a bubblewrap sandbox.

Anyone on the internet can send the unit a file, so every parser that reads one
(Pillow, pikepdf, LibreOffice, poppler, ffmpeg) runs here, never in a web
worker. The sandbox has:

- no network (a fresh, empty network namespace) and no other namespaces shared;
- no data directory and no secrets: only `/usr`, the Python installation, the
  virtual environment and the one package directory the worker code lives in
  are mounted, read-only; `/tmp` and the home directory are empty tmpfs that
  vanish with the process;
- a cleared environment, its own session, and death with its parent;
- resource limits set before the program starts: address space, CPU seconds,
  file size (a program that must write, such as LibreOffice, writes only to the
  tmpfs, itself capped in size) and no core dumps; plus a wall-clock limit and
  an output cap enforced here.

Input arrives through a pipe (stdin) as it is decrypted, and output is read
from a pipe (stdout): plaintext never touches a disk. See docs/security.md,
"Files".
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BufferedReader
from pathlib import Path
from typing import IO

from .errors import WbError

MIB = 1024 * 1024
_STDERR_KEPT = 64 * 1024

# Mounted read-only in every sandbox. Debian's /bin, /lib, /lib64 and /sbin are links into /usr.
_SYSTEM_MOUNTS = ("/usr", "/etc/fonts", "/etc/ld.so.cache", "/etc/alternatives")
_USR_LINKS = (
    ("usr/bin", "/bin"),
    ("usr/sbin", "/sbin"),
    ("usr/lib", "/lib"),
    ("usr/lib64", "/lib64"),
)
SANDBOX_HOME = "/home/sandbox"


class SandboxUnavailable(WbError):
    """bubblewrap is missing or cannot create namespaces here: nothing hostile may be parsed."""


@dataclass(frozen=True)
class SandboxLimits:
    """What one sandboxed run may take."""

    memory_mib: int = 768
    cpu_seconds: int = 30
    wall_seconds: float = 60.0
    output_mib: int = 256
    file_mib: int = 0  # largest file it may write in its tmpfs; 0 = none at all
    # /tmp and the home tmpfs each hold at most this much (RAM the host gives up);
    # 0 = as much as `file_mib`, so many small files cannot add up to more than one.
    tmpfs_mib: int = 0


@dataclass(frozen=True)
class SandboxResult:
    """What came back. `ok` only when it exited 0 within every limit."""

    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool
    output_exceeded: bool
    peak_rss_kib: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.output_exceeded


def bwrap_path() -> str:
    """The bubblewrap binary, or SandboxUnavailable."""
    found = shutil.which("bwrap")
    if found is None:
        raise SandboxUnavailable("bubblewrap (Debian's bubblewrap) is not installed")
    return found


def _python_mounts() -> list[str]:
    """The interpreter, the virtual environment and our worker packages, read-only."""
    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    # Only the package directories, never the project root: the data directory may live there.
    for package in ("wb_cases",):
        module = sys.modules.get(package)
        if module is not None and module.__file__:
            paths.add(Path(module.__file__).resolve().parent)
    return sorted(str(p) for p in paths if not str(p).startswith("/usr"))


def python_path() -> str:
    """PYTHONPATH inside the sandbox: the parent of our package directory."""
    import wb_cases

    return str(Path(wb_cases.__file__).resolve().parent.parent)


def bwrap_argv(
    argv: Sequence[str],
    *,
    extra_ro: Sequence[str] = (),
    env: dict[str, str] | None = None,
    tmpfs_mib: int = 0,
) -> list[str]:
    """The full command line: bubblewrap's options, then the program."""
    cmd = [bwrap_path(), "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    # The private tmpfs first, the read-only binds after: a project checked out under /tmp
    # (a CI clone, say) must stay visible through it, not be hidden by it.
    for mount in ("/tmp", SANDBOX_HOME):  # noqa: S108 - a private tmpfs
        # A tmpfs of size 0 would be unbounded; with no size, writing is stopped by
        # RLIMIT_FSIZE = 0 instead.
        cmd += ["--size", str(tmpfs_mib * MIB)] if tmpfs_mib > 0 else []
        cmd += ["--tmpfs", mount]
    for path in (*_SYSTEM_MOUNTS, *_python_mounts(), *extra_ro):
        cmd += ["--ro-bind-try", path, path]
    for target, link in _USR_LINKS:
        if Path(link).is_symlink():
            cmd += ["--symlink", target, link]
    cmd += ["--proc", "/proc", "--dev", "/dev"]
    base_env = {
        "PATH": "/usr/bin:/bin",
        "HOME": SANDBOX_HOME,
        "LANG": "C.UTF-8",
        "TMPDIR": "/tmp",  # noqa: S108 - the private tmpfs above
        "PYTHONPATH": python_path(),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in {**base_env, **(env or {})}.items():
        cmd += ["--setenv", key, value]
    cmd += ["--chdir", SANDBOX_HOME, "--", *argv]
    return cmd


def _set_limits(limits: SandboxLimits) -> None:
    memory = limits.memory_mib * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
    file_bytes = limits.file_mib * MIB
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _feed(pipe: IO[bytes], chunks: Iterable[bytes]) -> None:
    try:
        for chunk in chunks:
            pipe.write(chunk)
    except (BrokenPipeError, ValueError, OSError):
        pass  # the program stopped reading (limit hit or done); its exit says which
    finally:
        try:
            pipe.close()
        except (BrokenPipeError, OSError):
            pass


def _drain(stream: BufferedReader, cap: int, out: bytearray, over: list[bool]) -> None:
    while True:
        chunk = stream.read1(1024 * 1024)
        if not chunk:
            return
        if len(out) + len(chunk) > cap:
            over.append(True)
            return
        out.extend(chunk)


# Runs first inside the sandbox: starts the program, waits for it and reports the peak RSS
# of it and every process it waited for on an extra pipe. bubblewrap's own processes sit
# between us and the program and do not pass that figure on through wait4. A program
# killed by a signal kills this wrapper with the same signal, so the exit looks the same.
_PEAK_WRAPPER = """
import os, signal, sys
fd = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.close(fd)
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, lambda n, f: os.kill(pid, n))
_, status, usage = os.wait4(pid, 0)
os.write(fd, str(usage.ru_maxrss).encode())
os.close(fd)
if os.WIFSIGNALED(status):
    number = os.WTERMSIG(status)
    if number != signal.SIGKILL:
        signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _read_peak(fd: int) -> int:
    with os.fdopen(fd, "rb") as pipe:
        text = pipe.read(32)
    return int(text) if text.strip().isdigit() else 0


def run(
    argv: Sequence[str],
    data: bytes | Iterable[bytes],
    limits: SandboxLimits = SandboxLimits(),  # noqa: B008 (frozen)
    *,
    extra_ro: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> SandboxResult:
    """Run `argv` in the sandbox with `data` on its stdin; collect stdout within the limits."""
    peak_read, peak_write = os.pipe()
    wrapped = [sys.executable, "-S", "-c", _PEAK_WRAPPER, str(peak_write), *argv]
    tmpfs_mib = limits.tmpfs_mib or limits.file_mib
    cmd = bwrap_argv(wrapped, extra_ro=extra_ro, env=env, tmpfs_mib=tmpfs_mib)
    chunks: Iterable[bytes] = (data,) if isinstance(data, bytes | bytearray) else data
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - fixed argv of our own
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: _set_limits(limits),  # noqa: PLW1509 - limits before exec, by design
        start_new_session=True,
        close_fds=True,
        pass_fds=(peak_write,),
    )
    os.close(peak_write)
    out, err = bytearray(), bytearray()
    over: list[bool] = []
    threads = [
        threading.Thread(target=_feed, args=(process.stdin, chunks), daemon=True),
        threading.Thread(
            target=_drain, args=(process.stdout, limits.output_mib * MIB, out, over), daemon=True
        ),
        threading.Thread(target=_drain, args=(process.stderr, _STDERR_KEPT, err, []), daemon=True),
    ]
    for thread in threads:
        thread.start()
    status, usage, timed_out = _wait_exit(process, started + limits.wall_seconds, over)
    process.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join(timeout=5)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return SandboxResult(
        returncode=process.returncode,
        stdout=bytes(out),
        stderr=bytes(err),
        timed_out=timed_out,
        output_exceeded=bool(over),
        peak_rss_kib=_read_peak(peak_read) or int(usage.ru_maxrss),
        seconds=time.monotonic() - started,
    )


def _wait_exit(
    process: subprocess.Popen[bytes], deadline: float, over: list[bool]
) -> tuple[int, resource.struct_rusage, bool]:
    """Reap the sandbox; kill it at the deadline or when its output is over the cap.

    Returns the wait status, its resource usage (its own and its waited descendants'
    peak RSS) and whether the wall-clock limit ran out.
    """
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return status, usage, timed_out
        if over or time.monotonic() >= deadline:
            timed_out = timed_out or not over
            _kill(process)
            _, status, usage = os.wait4(process.pid, 0)
            return status, usage, timed_out
        time.sleep(0.01)


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_python(
    module: str,
    args: Sequence[str],
    data: bytes | Iterable[bytes],
    limits: SandboxLimits = SandboxLimits(),  # noqa: B008 (frozen)
) -> SandboxResult:
    """Run one of our own worker modules (`python -m module args…`) in the sandbox."""
    return run([sys.executable, "-B", "-m", module, *args], data, limits)


def available() -> bool:
    """True when bubblewrap can start a sandbox here (checked by running `true` in one)."""
    try:
        return run(["/usr/bin/true"], b"", SandboxLimits(wall_seconds=10)).ok
    except (SandboxUnavailable, OSError):
        return False
