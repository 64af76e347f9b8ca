"""HTTP helpers shared by the benchmarks, the load test and the scans.

- `make_instance`: `wb init` into a temporary directory (real Argon2 parameters unless told),
  on SQLite or on a given database URL; `throwaway_pg_database` makes and drops a PostgreSQL
  database with a random name (conventions.md § 4).
- `serve`: gunicorn on loopback with the project's configuration (no access log).
- `Client`: one visitor with a cookie jar; every request on a fresh connection (gunicorn's
  sync workers close them anyway); multipart bodies stream files from disk 1 MiB at a time.
- `csrf_token`, `hidden`, `receipt_code`: scrape what the pages carry; `send_reviewed` answers
  the review page a report with files leads to (every file sent).
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600.0


# --- instances and databases --------------------------------------------------------------


@dataclass(frozen=True)
class BenchInstance:
    """An instance made by `init_instance` and the environment that serves it."""

    env: dict[str, str]
    data_dir: Path
    database_url: str
    admin_username: str
    admin_password: str
    recovery_key: str


def make_instance(root: Path, database_url: str | None = None, kdf: Any = None) -> BenchInstance:
    """`wb init` into `root/instance` (real Argon2 unless `kdf` says otherwise)."""
    from crypto import KdfParams
    from wb_cases.backend import close_all
    from wb_cases.config import CommonConfig
    from wb_cases.services.setup import init_instance

    data_dir = root / "instance"
    database_url = database_url or f"sqlite:///{root / 'wb.sqlite3'}"
    kdf = kdf or KdfParams()
    common = CommonConfig(data_dir=data_dir, database_url=database_url, kdf=kdf)
    password = secrets.token_urlsafe(16)
    created = init_instance(
        common,
        admin_username="leder",
        admin_password=password,
        admin_name="Leder",
        today=dt.date.today(),
    )
    close_all()
    env = {
        **os.environ,
        "WB_DATA_DIR": str(data_dir),
        "WB_DATABASE_URL": database_url,
        "WB_COOKIE_SECURE": "0",
        "WB_ARGON2_TIME_COST": str(kdf.time_cost),
        "WB_ARGON2_MEMORY_KIB": str(kdf.memory_kib),
        "WB_ARGON2_PARALLELISM": str(kdf.parallelism),
    }
    return BenchInstance(env, data_dir, database_url, "leder", password, created.recovery_key)


@contextmanager
def throwaway_pg_database(server_url: str) -> Iterator[str]:
    """Create a PostgreSQL database with a random name; drop it afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(server_url)
    name = f"wb_load_{secrets.token_hex(6)}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        from wb_cases.backend import close_all

        close_all()
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


# --- serving ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(
    target: str,
    env: Mapping[str, str],
    workers: int,
    *,
    ready_path: str = "/",
    log: IO[bytes] | None = None,
) -> Iterator[tuple[int, int]]:
    """Run gunicorn with the project's configuration; yield (port, master pid)."""
    from wb_cases.cli import GUNICORN_CONF

    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "--config",
            str(GUNICORN_CONF),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "600",
            target,
        ],
        env=dict(env),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log if log is not None else subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, ready_path)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{target} did not start") from None
                time.sleep(0.1)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


# --- requests ---------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    body: bytes
    headers: list[tuple[str, str]]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")


FilePart = tuple[str, str, "Path | bytes"]  # (field, file name, content on disk or in memory)


def _multipart(
    fields: Mapping[str, str] | Sequence[tuple[str, str]], files: Sequence[FilePart], boundary: str
) -> tuple[list[bytes | Path], int]:
    """The body as pieces (bytes, or a Path to stream) and its total length."""
    items = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
    pieces: list[bytes | Path] = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in items
    ]
    for name, filename, content in files:
        pieces.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        )
        pieces.append(content)
        pieces.append(b"\r\n")
    pieces.append(f"--{boundary}--\r\n".encode())
    size = sum(p.stat().st_size if isinstance(p, Path) else len(p) for p in pieces)
    return pieces, size


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: Sequence[bytes | Path] = (),
    length: int = 0,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """One request on a fresh connection; `body` pieces that are paths stream from disk."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.putrequest(method, path)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if method != "GET" or length:
            conn.putheader("Content-Length", str(length))
        conn.endheaders()
        for piece in body:
            if isinstance(piece, Path):
                with open(piece, "rb") as handle:
                    while chunk := handle.read(MIB):
                        conn.send(chunk)
            else:
                conn.send(piece)
        response = conn.getresponse()
        data = response.read()
        return Response(response.status, data, response.getheaders())
    finally:
        conn.close()


def get(port: int, path: str, cookie: str = "") -> tuple[int, str, str]:
    """GET a page: (status, body, first cookie as `name=value`)."""
    response = request(port, "GET", path, headers={"Cookie": cookie} if cookie else {})
    return response.status, response.text, response.header("Set-Cookie").split(";")[0]


def post_multipart(
    port: int, path: str, fields: Mapping[str, str], file: Path | None, cookie: str = ""
) -> int:
    """POST a multipart form with at most one file (field `attachments`, name `big.bin`)."""
    files: list[FilePart] = [("attachments", "big.bin", file)] if file is not None else []
    boundary = secrets.token_hex(16)
    pieces, size = _multipart(fields, files, boundary)
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if cookie:
        headers["Cookie"] = cookie
    return request(port, "POST", path, body=pieces, length=size, headers=headers).status


@dataclass
class Client:
    """One visitor: a cookie jar over fresh connections to one port."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _remember(self, response: Response) -> Response:
        for key, value in response.headers:
            if key.lower() != "set-cookie":
                continue
            name, _, rest = value.partition("=")
            content = rest.split(";")[0]
            if content and "expires=thu, 01 jan 1970" not in value.lower():
                self.cookies[name.strip()] = content
            else:
                self.cookies.pop(name.strip(), None)
        return response

    def get(self, path: str) -> Response:
        return self._remember(request(self.port, "GET", path, headers=self._headers()))

    def post_form(self, path: str, data: Mapping[str, str] | Sequence[tuple[str, str]]) -> Response:
        body = urllib.parse.urlencode(data).encode()
        return self._remember(
            request(
                self.port,
                "POST",
                path,
                body=[body],
                length=len(body),
                headers=self._headers({"Content-Type": "application/x-www-form-urlencoded"}),
            )
        )

    def post_multipart(
        self,
        path: str,
        fields: Mapping[str, str] | Sequence[tuple[str, str]],
        files: Sequence[FilePart] = (),
    ) -> Response:
        boundary = secrets.token_hex(16)
        pieces, size = _multipart(fields, files, boundary)
        return self._remember(
            request(
                self.port,
                "POST",
                path,
                body=pieces,
                length=size,
                headers=self._headers(
                    {"Content-Type": f"multipart/form-data; boundary={boundary}"}
                ),
            )
        )


# --- scraping ---------------------------------------------------------------------------

_CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"'
    r'|name="csrf_token" value="([^"]+)"'
)


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    if not match:
        raise RuntimeError("the page has no CSRF token")
    return match.group(1) or match.group(2)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    return match.group(1) if match else ""


def receipt_code(html: str) -> str:
    return "".join(re.findall(r'class="receipt-group">(\w+)<', html))


class _HiddenInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.file_choices: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "input" and a.get("type") == "hidden" and name:
            self.fields.append((name, a.get("value") or ""))
        if tag == "input" and a.get("type") == "radio" and name.startswith("file-"):
            self.file_choices.add(name)


def send_reviewed(client: Client, html: str) -> Response | None:
    """On the review page that follows a report with files, send every file; None elsewhere."""
    if 'action="/report/review"' not in html:
        return None
    parser = _HiddenInputs()
    parser.feed(html)
    fields = [*parser.fields, *((name, "send") for name in sorted(parser.file_choices))]
    return client.post_multipart("/report/review", [*fields, ("action", "send")])


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """p50/p90/p99/max (nearest rank) of latencies in seconds, as milliseconds."""
    ordered = sorted(samples)
    if not ordered:
        return {"count": 0, "p50_ms": 0.0, "p90_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}

    def rank(p: float) -> float:
        index = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
        return round(ordered[index] * 1000, 1)

    return {
        "count": len(ordered),
        "p50_ms": rank(50),
        "p90_ms": rank(90),
        "p99_ms": rank(99),
        "max_ms": round(ordered[-1] * 1000, 1),
    }
