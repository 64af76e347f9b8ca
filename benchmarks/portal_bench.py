"""Portal speed and memory against a bare Flask app served the same way (gunicorn on loopback).

Rows (conventions.md § 3):
- `portal_start_rps_ratio`: start page requests per second, portal / bare Flask "hello"; the
  portal renders the page once per language per worker, so the goal is 0.8.
- `portal_upload_100mib_ratio`: throughput of a report with one 100 MiB file (form, review page,
  Send), portal / a bare Flask app that receives the same multipart upload the default way and
  saves it.
- `portal_upload_peak_rss_mib`: a fresh worker's peak RSS (VmHWM) after filing a report with a
  100 MiB file, minus the same for the report without files: memory must not grow with the file.
- `receipt_open_per_s`: receipt logins per second with 4 workers (real Argon2 parameters).

Everything runs in a temporary instance made by `init_instance`, with the real Argon2 parameters.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from benchmarks._http import Client, make_instance, receipt_code, send_reviewed
from benchmarks._http import get as _get
from benchmarks._http import post_multipart as _post_multipart
from benchmarks._http import serve as _serve

MIB = 1024 * 1024
UPLOAD = 100 * MIB


def bare_app() -> Any:
    """The baseline: a bare Flask app with a small page and a default multipart upload."""
    from flask import Flask, request

    app = Flask("bare")
    target = Path(tempfile.gettempdir())

    @app.get("/")
    def start() -> str:
        return "<!doctype html><title>bare</title><h1>Hello</h1>"

    @app.post("/upload")
    def upload() -> str:
        for item in request.files.getlist("attachments"):
            path = target / f"bare-{secrets.token_hex(8)}"
            item.save(path)
            path.unlink()
        return "ok"

    return app


def _rps(port: int, seconds: float = 3.0, threads: int = 4) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * threads

    def loop(index: int) -> None:
        while time.monotonic() < stop:
            status, _, _ = _get(port, "/")
            counts[index] += status == 200

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / (time.monotonic() - started)


REPORT = {
    "relation": "employee",
    "what": "Benchmark",
    "raised_internally": "no",
    "retaliation": "no",
    "anonymity": "anonymous",
}


def _form_fields(client: Client) -> dict[str, str]:
    page = client.get("/report").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    nonce = re.search(r'name="nonce" type="hidden" value="([^"]+)"', page)
    assert token and nonce
    return {"csrf_token": token.group(1), "nonce": nonce.group(1), **REPORT}


def _file_report(port: int, file: Path | None) -> float:
    """Send a report (with the file: form, review page, Send) and time it to the receipt."""
    client = Client(port)
    fields = _form_fields(client)
    files = [("attachments", "big.bin", file)] if file is not None else []
    started = time.perf_counter()
    response = client.post_multipart("/report", fields, files)
    if response.status == 200 and (reviewed := send_reviewed(client, response.text)):
        response = reviewed
    elapsed = time.perf_counter() - started
    if response.status != 200 or len(receipt_code(response.text)) != 16:
        raise RuntimeError(f"the portal answered {response.status} to a report")
    return elapsed


def _worker_peak_rss_mib(master_pid: int) -> float:
    import psutil

    children = psutil.Process(master_pid).children()
    peak = 0
    for child in children:
        status = Path(f"/proc/{child.pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peak = max(peak, int(match.group(1)))
    return peak / 1024


def _receipt_logins_per_s(port: int, code: str, seconds: float = 6.0, threads: int = 8) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * threads

    def loop(index: int) -> None:
        while time.monotonic() < stop:
            _, page, cookie = _get(port, "/followup")
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
            assert token
            body = urllib.parse.urlencode({"csrf_token": token.group(1), "code": code})
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request(
                "POST",
                "/followup",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            counts[index] += response.status == 303

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / (time.monotonic() - started)


def _row(name: str, value: float, unit: str, goal: str) -> dict[str, Any]:
    if goal == "report":
        ok = True
    else:
        op, _, limit = goal.partition(" ")
        ok = value >= float(limit) if op == ">=" else value <= float(limit)
    return {"name": name, "value": round(value, 3), "unit": unit, "goal": goal, "ok": ok}


def _make_instance(root: Path) -> tuple[dict[str, str], str]:
    """`wb init` into a temporary dir; return the server environment and one receipt code."""
    import policies
    from wb_cases.backend import close_all, open_backend
    from wb_cases.config import portal_from_env
    from wb_cases.db import transaction
    from wb_cases.services import intake
    from wb_cases.services.intake import IntakeKeys, NewReport

    made = make_instance(root)
    portal = portal_from_env(made.env)
    keys = IntakeKeys(
        portal.unit_public_key, portal.custodian_public_key, portal.receipt_salt, portal.common.kdf
    )
    backend = open_backend(portal.common)
    with backend.sessions() as session, transaction(session):
        filed = intake.file_report(
            session,
            NewReport(answers={"what": "benchmark"}, anonymous=True),
            keys,
            backend.file_store,
            today=dt.date.today(),
            settings=policies.DeadlineSettings(),
        )
    close_all()
    return made.env, filed.receipt_code


def run() -> list[dict[str, Any]]:
    root = Path(tempfile.mkdtemp(prefix="wb-portal-bench-"))
    try:
        env, code = _make_instance(root)
        big = root / "upload.bin"
        with open(big, "wb") as handle:
            for _ in range(UPLOAD // MIB):
                handle.write(os.urandom(MIB))
        portal, bare = "wb_portal:create_app()", "benchmarks.portal_bench:bare_app()"

        with _serve(bare, env, workers=2) as (port, _):
            _rps(port, 0.5)
            bare_rps = _rps(port)
        with _serve(portal, env, workers=2) as (port, _):
            _rps(port, 0.5)
            portal_rps = _rps(port)

        with _serve(bare, env, workers=1) as (port, _):
            bare_upload = min(_time_upload_bare(port, big) for _ in range(2))
        with _serve(portal, env, workers=1) as (port, _):
            _file_report(port, None)  # warm: first Argon2, imports
            portal_upload = min(_file_report(port, big) for _ in range(2))

        with _serve(portal, env, workers=1) as (port, master):
            _file_report(port, None)
            without_files = _worker_peak_rss_mib(master)
        with _serve(portal, env, workers=1) as (port, master):
            _file_report(port, big)
            with_file = _worker_peak_rss_mib(master)

        with _serve(portal, env, workers=4) as (port, _):
            logins = _receipt_logins_per_s(port, code)

        return [
            _row("portal_start_rps_ratio", portal_rps / bare_rps, "ratio", ">= 0.8"),
            _row("portal_upload_100mib_ratio", bare_upload / portal_upload, "ratio", ">= 0.7"),
            _row("portal_upload_peak_rss_mib", with_file - without_files, "MiB", "<= 16"),
            _row("receipt_open_per_s", logins, "1/s", "report"),
        ]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _time_upload_bare(port: int, file: Path) -> float:
    started = time.perf_counter()
    status = _post_multipart(port, "/upload", {"what": "Benchmark"}, file)
    if status != 200:
        raise RuntimeError(f"the bare app answered {status}")
    return time.perf_counter() - started


if __name__ == "__main__":
    for row in run():
        print(row)
