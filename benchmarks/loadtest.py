"""`make loadtest`: the portal under a burst of reports on PostgreSQL, then proof nothing was lost.

A throw-away PostgreSQL database (random name, dropped at the end) and instance dir
(real Argon2 parameters); the portal under gunicorn with 4 workers on 127.0.0.1.
20 clients submit REPORTS reports, each with 1–2 files of 10 KiB–2 MiB (one cleaned,
one kept as sent), while 5 clients keep opening cases with receipts already issued.
Then every receipt opens its own case, whose report and files (name, size, SHA-256)
are what was sent; the database holds exactly the cases and files sent; `wb fsck` is
clean; no response was a 5xx. Figures go to stdout and build/loadtest.json; any failure
exits non-zero. Bounded: REPORTS reports and a wall-clock limit (issue 8).

Environment: WB_LOADTEST_DATABASE_URL (server URL, default the local postgres),
WB_LOADTEST_REPORTS (200), WB_LOADTEST_CLIENTS (20), WB_LOADTEST_OPENERS (5),
WB_LOADTEST_SECONDS (900, the limit for the whole run).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._http import (
    Client,
    csrf_token,
    hidden,
    make_instance,
    percentiles,
    receipt_code,
    send_reviewed,
    serve,
    throwaway_pg_database,
)

KIB = 1024
OUT = Path("build/loadtest.json")
REPORT = {
    "relation": "employee",
    "raised_internally": "no",
    "retaliation": "no",
    "anonymity": "anonymous",
    "where": "Økonomiforvaltningen",
}
MARK = re.compile(r"LT-(\d{4})-[0-9a-f]{8}")
FILE_LINK = re.compile(r'href="/followup/files/([^"]+)" download>([^<]+)</a>')


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass(frozen=True)
class Sent:
    """One report as sent: its marker and files (field, name, size, SHA-256)."""

    index: int
    marker: str
    files: tuple[tuple[str, str, int, str], ...]


@dataclass
class Tally:
    """What the clients saw, shared between threads (under `lock`)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    receipts: dict[str, Sent] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            if len(self.failures) < 200:
                self.failures.append(message)


def _timed(tally: Tally, kind: str, call: Any) -> Any:
    started = time.perf_counter()
    response = call()
    tally.record(kind, response.status, time.perf_counter() - started)
    return response


def _make_pool(root: Path, rng: random.Random) -> list[Path]:
    """Twelve files from 10 KiB to 2 MiB with random content (random bytes: kept as sent)."""
    sizes = [10 * KIB, 2048 * KIB] + [rng.randrange(10 * KIB, 2048 * KIB) for _ in range(10)]
    pool = []
    for n, size in enumerate(sizes):
        path = root / f"pool-{n}.bin"
        path.write_bytes(os.urandom(size))
        pool.append(path)
    return pool


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _submit(port: int, sent: Sent, paths: list[Path], tally: Tally) -> None:
    client = Client(port)
    page = _timed(tally, "report_form", lambda: client.get("/report"))
    if page.status != 200:
        tally.fail(f"report {sent.index}: form answered {page.status}")
        return
    fields = {
        "csrf_token": csrf_token(page.text),
        "nonce": hidden(page.text, "nonce"),
        **REPORT,
        "what": f"Belastningstest {sent.marker}: udbetalinger uden bilag.",
    }
    files = [(f[0], f[1], path) for f, path in zip(sent.files, paths, strict=True)]
    response = _timed(
        tally, "report_submit", lambda: client.post_multipart("/report", fields, files)
    )
    if response.status == 200 and (reviewed := send_reviewed(client, response.text)):
        response = reviewed  # with files, the review page comes first: send every file
    code = receipt_code(response.text) if response.status == 200 else ""
    if len(code) != 16:
        tally.fail(f"report {sent.index}: answered {response.status} without a receipt")
        return
    with tally.lock:
        tally.receipts[code] = sent


def _open(port: int, code: str, sent: Sent, tally: Tally, prefix: str) -> Client | None:
    """Log in with a receipt and check the case page is that report's; return the client."""
    client = Client(port)
    form = client.get("/followup")
    login = _timed(
        tally,
        f"{prefix}_login",
        lambda: client.post_form("/followup", {"csrf_token": csrf_token(form.text), "code": code}),
    )
    if login.status != 303:
        tally.fail(f"receipt of report {sent.index}: login answered {login.status}")
        return None
    page = _timed(tally, f"{prefix}_case_page", lambda: client.get("/followup/case"))
    markers = set(MARK.findall(page.text))
    if page.status != 200 or markers != {f"{sent.index:04d}"}:
        tally.fail(f"receipt of report {sent.index}: case page {page.status} shows {markers}")
        return None
    return client


def _verify(port: int, code: str, sent: Sent, tally: Tally) -> None:
    client = _open(port, code, sent, tally, "verify")
    if client is None:
        return
    page = client.get("/followup/case")
    links = FILE_LINK.findall(page.text)
    expected = {(name, size, digest) for _, name, size, digest in sent.files}
    seen = set()
    for file_id, name in links:
        download = _timed(
            tally, "verify_download", lambda f=file_id: client.get(f"/followup/files/{f}")
        )
        seen.add((name, len(download.body), hashlib.sha256(download.body).hexdigest()))
    if seen != expected:
        tally.fail(f"report {sent.index}: files {sorted(seen)} differ from {sorted(expected)}")


def _count_rows(database_url: str) -> tuple[int, int]:
    from sqlalchemy import create_engine, func, select

    from wb_cases.models import Attachment, Case

    engine = create_engine(database_url)
    with engine.connect() as conn:
        cases = conn.scalar(select(func.count()).select_from(Case)) or 0
        files = conn.scalar(select(func.count()).select_from(Attachment)) or 0
    engine.dispose()
    return int(cases), int(files)


def _worker_peak_rss_mib(master_pid: int) -> float:
    import psutil

    peak = 0
    for child in psutil.Process(master_pid).children():
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{child.pid}/status").read_text())
        if match:
            peak = max(peak, int(match.group(1)))
    return peak / 1024


def _plan(reports: int, pool: list[Path], rng: random.Random) -> list[tuple[Sent, list[Path]]]:
    plan = []
    for index in range(reports):
        chosen = rng.sample(pool, rng.choice([1, 2]))
        files = tuple(
            (
                "attachments" if n == 0 else "originals",
                f"bilag-{index:04d}-{n}.bin",
                path.stat().st_size,
                _digest(path),
            )
            for n, path in enumerate(chosen)
        )
        marker = f"LT-{index:04d}-{rng.getrandbits(32):08x}"
        plan.append((Sent(index, marker, files), chosen))
    return plan


def run_load(
    port: int,
    master: int,
    plan: list[tuple[Sent, list[Path]]],
    tally: Tally,
    clients: int,
    openers: int,
    deadline: float,
) -> dict[str, Any]:
    """Submit everything in `plan` from `clients` threads while `openers` open cases."""
    queue = list(reversed(plan))
    queue_lock = threading.Lock()
    submitting = threading.Event()
    submitting.set()
    opens = [0]

    def submitter() -> None:
        while time.monotonic() < deadline:
            with queue_lock:
                if not queue:
                    return
                sent, paths = queue.pop()
            _submit(port, sent, paths, tally)

    def opener(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - picks which case to open, not a secret
        while submitting.is_set() and time.monotonic() < deadline:
            with tally.lock:
                issued = list(tally.receipts.items())
            if not issued:
                time.sleep(0.2)
                continue
            code, sent = rng.choice(issued)
            if _open(port, code, sent, tally, "open") is not None:
                with tally.lock:
                    opens[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=submitter) for _ in range(clients)]
    watchers = [threading.Thread(target=opener, args=(n,)) for n in range(openers)]
    for t in threads + watchers:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    submitting.clear()
    for t in watchers:
        t.join()
    return {
        "seconds": round(elapsed, 2),
        "reports_per_s": round(len(tally.receipts) / elapsed, 3),
        "opens_per_s": round(opens[0] / elapsed, 3),
        "opens": opens[0],
        "worker_peak_rss_mib": round(_worker_peak_rss_mib(master), 1),
    }


def verify_all(port: int, tally: Tally, deadline: float) -> None:
    """Every receipt opens its own case with its files (4 clients, one per worker)."""
    items = list(tally.receipts.items())
    lock = threading.Lock()

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                if not items:
                    return
                code, sent = items.pop()
            _verify(port, code, sent, tally)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if items:
        tally.fail(f"{len(items)} receipts were not verified before the time limit")


def _fsck(env: dict[str, str]) -> tuple[bool, str]:
    wb = Path(sys.executable).with_name("wb")
    done = subprocess.run(  # noqa: S603 - our own wb, fixed arguments
        [str(wb), "fsck"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def main() -> int:
    reports = _env_int("WB_LOADTEST_REPORTS", 200)
    clients = _env_int("WB_LOADTEST_CLIENTS", 20)
    openers = _env_int("WB_LOADTEST_OPENERS", 5)
    deadline = time.monotonic() + _env_int("WB_LOADTEST_SECONDS", 900)
    server = os.environ.get(
        "WB_LOADTEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/"
    )
    rng = random.Random(8)  # noqa: S311 - test data, not secrets
    root = Path(tempfile.mkdtemp(prefix="wb-loadtest-"))
    tally = Tally()
    try:
        with throwaway_pg_database(server) as database_url:
            made = make_instance(root, database_url)
            plan = _plan(reports, _make_pool(root, rng), rng)
            sent_files = sum(len(s.files) for s, _ in plan)
            print(
                f"loadtest: {reports} reports ({sent_files} files) from {clients} clients, "
                f"{openers} clients opening cases, 4 workers, PostgreSQL",
                file=sys.stderr,
            )
            with serve("wb_portal:create_app()", made.env, workers=4) as (port, master):
                load = run_load(port, master, plan, tally, clients, openers, deadline)
                print(
                    f"loadtest: submitted in {load['seconds']} s; verifying every receipt …",
                    file=sys.stderr,
                )
                verify_started = time.monotonic()
                verify_all(port, tally, deadline)
                load["verify_seconds"] = round(time.monotonic() - verify_started, 2)
            cases, files = _count_rows(database_url)
            fsck_ok, fsck_out = _fsck(made.env)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    if len(tally.receipts) != reports:
        tally.fail(f"{len(tally.receipts)} receipts for {reports} reports")
    if cases != reports:
        tally.fail(f"the database holds {cases} cases for {reports} reports")
    if files != sent_files:
        tally.fail(f"the database holds {files} files for {sent_files} sent")
    if not fsck_ok:
        tally.fail(f"wb fsck: {fsck_out}")
    server_errors = {
        kind: sum(n for s, n in codes.items() if s >= 500) for kind, codes in tally.statuses.items()
    }
    if any(server_errors.values()):
        tally.fail(f"5xx answers: {server_errors}")

    result = {
        "reports": reports,
        "files": sent_files,
        "clients": clients,
        "openers": openers,
        "workers": 4,
        "database": "postgresql",
        **load,
        "cases_in_database": cases,
        "files_in_database": files,
        "fsck": fsck_out,
        "latency": {kind: percentiles(v) for kind, v in sorted(tally.latencies.items())},
        "statuses": {k: dict(v) for k, v in sorted(tally.statuses.items())},
        "failures": tally.failures,
        "ok": not tally.failures,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    _print(result)
    return 0 if result["ok"] else 1


def _print(result: dict[str, Any]) -> None:
    print(
        f"reports {result['reports']} ({result['files']} files) in {result['seconds']} s: "
        f"{result['reports_per_s']} reports/s; {result['opens']} case openings alongside "
        f"({result['opens_per_s']}/s); verification {result['verify_seconds']} s"
    )
    print(
        f"worker peak RSS {result['worker_peak_rss_mib']} MiB; database: "
        f"{result['cases_in_database']} cases, {result['files_in_database']} files; "
        f"fsck: {result['fsck'].splitlines()[-1] if result['fsck'] else '?'}"
    )
    print(
        f"{'kind':<22} {'count':>6} {'p50 ms':>9} {'p90 ms':>9} {'p99 ms':>9} {'max ms':>9}"
        "  statuses"
    )
    for kind, p in result["latency"].items():
        print(
            f"{kind:<22} {p['count']:>6} {p['p50_ms']:>9} {p['p90_ms']:>9} {p['p99_ms']:>9} "
            f"{p['max_ms']:>9}  {result['statuses'].get(kind)}"
        )
    for failure in result["failures"]:
        print(f"FAIL: {failure}")
    print("loadtest: OK" if result["ok"] else "loadtest: FAILED")


if __name__ == "__main__":
    sys.exit(main())
