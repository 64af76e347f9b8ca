"""Measure attachment encryption against raw AES-GCM, its memory, and receipt derivation.

Ratios are taken against baselines run in the same process and run, so the
figures compare code, not machines (docs/architecture.md § 7).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto import (
    RECOMMENDED,
    SEGMENT_SIZE,
    Context,
    ciphertext_size,
    derive_receipt_keys,
    encrypt_stream,
    new_key,
    new_receipt_code,
    new_salt,
)

ROOT = Path(__file__).resolve().parents[1]
TMP = ROOT / "build" / "bench-tmp"
FILE_SIZE = 1 << 30
ROUNDS = 2
CONTEXT = Context("case.attachment", case_id="bench", row="1")

# Runs in a fresh interpreter so the peak RSS is ours alone. It reads VmHWM, the
# high-water mark of its own address space: getrusage's ru_maxrss would not do,
# since Linux carries it across fork and exec, so a child of a runner that had
# grown large (the inbox benchmark loads 100,000 rows) reports the runner's peak.
_CHILD = """
import json, re, sys
from crypto import Context, encrypt_stream
with open(sys.argv[1], "rb") as source, open(sys.argv[2], "wb") as sink:
    encrypt_stream(bytes(32), source, sink, Context("case.attachment", case_id="bench", row="1"))
status = open("/proc/self/status").read()
print(json.dumps({"vmhwm_kib": int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))}))
"""


def run() -> list[dict[str, Any]]:
    """Run the crypto benchmarks and return one row per figure."""
    TMP.mkdir(parents=True, exist_ok=True)
    source = TMP / f"plain-{os.getpid()}.bin"
    target = TMP / f"sealed-{os.getpid()}.bin"
    try:
        _write_random_file(source, FILE_SIZE)
        baseline_s, ours_s = _time_encryptions(source, target)
        peak_rss_mib = _child_peak_rss_mib(source, target)
    finally:
        source.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
    return [
        _row("attachment_encrypt_ratio", baseline_s / ours_s, "x baseline throughput", ">= 0.5"),
        _row("attachment_encrypt_peak_rss_mib", peak_rss_mib, "MiB", "<= 64"),
        _row("receipt_derive_ms", _receipt_derive_ms(), "ms", "report"),
    ]


def _row(name: str, value: float, unit: str, goal: str) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "goal": goal,
        "ok": _meets(value, goal),
    }


def _meets(value: float, goal: str) -> bool:
    """Return whether value meets a goal such as ">= 0.5", "<= 64" or "report"."""
    if goal == "report":
        return True
    operator, _, bound = goal.partition(" ")
    if operator == ">=":
        return value >= float(bound)
    if operator == "<=":
        return value <= float(bound)
    raise ValueError(f"unknown goal {goal!r}")


def _write_random_file(path: Path, size: int) -> None:
    chunk = 1 << 20
    with path.open("wb") as sink:
        for _ in range(size // chunk):
            sink.write(os.urandom(chunk))


def _time_encryptions(source: Path, target: Path) -> tuple[float, float]:
    """Return the best of ROUNDS seconds for the baseline and for ours, interleaved."""
    baseline: list[float] = []
    ours: list[float] = []
    for _ in range(ROUNDS):
        baseline.append(_timed(lambda: _raw_aesgcm_segments(source, target)))
        target.unlink()
        ours.append(_timed(lambda: _encrypt_stream_file(source, target)))
        # Guard against a fast but wrong run: the output must have the exact format size.
        if target.stat().st_size != ciphertext_size(FILE_SIZE):
            raise RuntimeError("encrypt_stream wrote an unexpected number of bytes")
        target.unlink()
    return min(baseline), min(ours)


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _raw_aesgcm_segments(source: Path, target: Path) -> None:
    """Encrypt 64 KiB segments with bare AESGCM: the floor any streaming format pays."""
    aead, prefix, aad = AESGCM(new_key()), os.urandom(7), b"\x01" + CONTEXT.encode()
    with source.open("rb") as plain, target.open("wb") as sealed:
        counter = 0
        while chunk := plain.read(SEGMENT_SIZE):
            sealed.write(aead.encrypt(prefix + counter.to_bytes(4, "big") + b"\0", chunk, aad))
            counter += 1


def _encrypt_stream_file(source: Path, target: Path) -> None:
    with source.open("rb") as plain, target.open("wb") as sealed:
        encrypt_stream(new_key(), plain, sealed, CONTEXT)


def _child_peak_rss_mib(source: Path, target: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _CHILD, str(source), str(target)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    target.unlink(missing_ok=True)
    return float(json.loads(done.stdout)["vmhwm_kib"]) / 1024


def _receipt_derive_ms() -> float:
    salt, code = new_salt(), new_receipt_code()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        derive_receipt_keys(code, salt, RECOMMENDED)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
