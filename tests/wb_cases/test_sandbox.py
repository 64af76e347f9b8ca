"""The sandbox that parses hostile files: what an exploited parser could reach, and the limits.

Each test plays the attacker's code running inside the sandbox (a shell or Python
one-liner standing in for a compromised Pillow or LibreOffice) and checks what it gets.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from wb_cases import sandbox

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")


def test_the_sandbox_cannot_read_the_data_directory(tmp_path: Path) -> None:
    secret = tmp_path / "secrets" / "backoffice_pepper"
    secret.parent.mkdir()
    secret.write_bytes(b"PEPPER-THAT-MUST-NOT-LEAK")
    result = sandbox.run(["/bin/sh", "-c", f"cat {secret}; ls {tmp_path}"], b"")
    assert b"PEPPER" not in result.stdout
    assert result.returncode != 0


def test_the_project_root_is_not_mounted_only_the_package() -> None:
    root = Path(sandbox.python_path())
    result = sandbox.run(["/bin/ls", "-a", str(root)], b"")
    listed = set(result.stdout.decode().split())
    assert "wb_cases" in listed
    assert not listed & {"instance", "pyproject.toml", "README.md", "tests"}


def test_the_sandbox_has_no_network() -> None:
    # A listener on the host's loopback: reachable from here, not from the sandbox.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        code = (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
            "print('CONNECTED')"
        )
        result = sandbox.run([sys.executable, "-c", code], b"")
    assert b"CONNECTED" not in result.stdout
    assert result.returncode != 0


def test_the_environment_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WB_SECRET_IN_ENV", "must-not-leak")
    result = sandbox.run(["/usr/bin/env"], b"")
    assert b"must-not-leak" not in result.stdout
    assert b"HOME=/home/sandbox" in result.stdout


def test_input_arrives_on_a_pipe_and_output_comes_back() -> None:
    chunks = (bytes([i]) * 65536 for i in range(64))
    result = sandbox.run(["/usr/bin/cat"], chunks)
    assert result.ok
    assert len(result.stdout) == 64 * 65536
    assert result.stdout[-1] == 63


def test_a_program_that_runs_too_long_is_killed_at_the_wall_clock_limit() -> None:
    result = sandbox.run(["/bin/sleep", "30"], b"", sandbox.SandboxLimits(wall_seconds=0.5))
    assert result.timed_out
    assert not result.ok
    assert result.seconds < 5


def test_a_program_that_writes_too_much_is_stopped() -> None:
    result = sandbox.run(["/usr/bin/yes"], b"", sandbox.SandboxLimits(output_mib=1))
    assert result.output_exceeded
    assert not result.ok
    assert len(result.stdout) <= 1024 * 1024


def test_memory_is_limited() -> None:
    code = "b = bytearray(400 * 1024 * 1024); print('ALLOCATED')"
    limits = sandbox.SandboxLimits(memory_mib=200)
    result = sandbox.run([sys.executable, "-c", code], b"", limits)
    assert b"ALLOCATED" not in result.stdout
    assert result.returncode != 0


def test_cpu_time_is_limited() -> None:
    limits = sandbox.SandboxLimits(cpu_seconds=1, wall_seconds=20)
    result = sandbox.run([sys.executable, "-c", "while True: pass"], b"", limits)
    assert not result.timed_out  # the CPU limit, not the wall clock, ended it
    assert result.returncode != 0
    assert result.seconds < 10


def test_no_file_may_be_written_by_default() -> None:
    result = sandbox.run(["/bin/sh", "-c", "echo x > /tmp/f && echo WROTE"], b"")
    assert b"WROTE" not in result.stdout


def test_our_worker_modules_import_inside() -> None:
    result = sandbox.run_python("json.tool", [], b'{"a": 1}')
    assert result.ok
    assert result.stdout.strip() == b'{\n    "a": 1\n}'


def test_the_tmpfs_holds_no_more_than_the_file_limit() -> None:
    # Each file is under the per-file limit, but together they would fill the host's RAM.
    script = (
        "for i in $(seq 1 12); do "
        "head -c 4194304 /dev/zero > /tmp/f$i 2>/dev/null || break; echo WROTE$i; done"
    )
    result = sandbox.run(["/bin/sh", "-c", script], b"", sandbox.SandboxLimits(file_mib=8))
    written = result.stdout.decode().split()
    assert "WROTE1" in written  # one file under the limit is fine
    assert len(written) <= 2  # 8 MiB of 4 MiB files, not 48 MiB


def test_the_peak_memory_reported_is_the_programs_own() -> None:
    # bubblewrap's processes stand between us and the program; the figure must still be its.
    code = "x = bytearray(200 * 1024 * 1024); print(len(x))"
    result = sandbox.run([sys.executable, "-c", code], b"")
    assert result.ok
    assert 200 * 1024 <= result.peak_rss_kib < 320 * 1024


def test_a_program_killed_by_a_signal_still_reads_as_killed() -> None:
    result = sandbox.run(["/bin/sh", "-c", "kill -KILL $$"], b"")
    assert result.returncode == 128 + 9 and not result.ok


def test_a_project_checked_out_under_tmp_stays_visible_inside(tmp_path: Path) -> None:
    """A CI clone lives under /tmp: the sandbox's private /tmp must not hide its code."""
    code_dir = Path("/tmp") / f"wb-sandbox-check-{tmp_path.name}"  # noqa: S108 - the case tested
    code_dir.mkdir(exist_ok=True)
    try:
        (code_dir / "module.py").write_text("VALUE = 'visible'\n")
        result = sandbox.run(
            ["/bin/cat", str(code_dir / "module.py")], b"", extra_ro=[str(code_dir)]
        )
        assert result.ok and result.stdout == b"VALUE = 'visible'\n"
        # …while /tmp itself is still the sandbox's own: the host's other files stay out.
        host_file = code_dir.with_name(code_dir.name + "-host-only")
        host_file.write_text("host")
        listing = sandbox.run(["/bin/ls", "/tmp"], b"", extra_ro=[str(code_dir)])  # noqa: S108
        assert code_dir.name.encode() in listing.stdout.split()
        assert host_file.name.encode() not in listing.stdout.split()
    finally:
        for child in code_dir.iterdir():
            child.unlink()
        code_dir.rmdir()
        code_dir.with_name(code_dir.name + "-host-only").unlink(missing_ok=True)
