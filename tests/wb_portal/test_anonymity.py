"""Headers, CSP, no caching, no script, no outside host, and no address or user agent in any log."""

from __future__ import annotations

import http.client
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.wb_portal.actors import Reporter, csrf_token

ADDRESS = "203.0.113.77"
AGENT = "SecretAgentBrowser/7.3 (Whistle; Test)"
FORWARDED = "198.51.100.42"


def test_every_page_has_a_strict_csp_and_none_may_be_cached(reporter, client):  # type: ignore[no-untyped-def]
    start = client.get("/")
    # A cached start page tells whoever looks at the device later that it was visited.
    assert start.headers["Cache-Control"] == "no-store"
    reporter.login(reporter.file())
    for path in ["/", "/?lang=en", "/report", "/followup", "/followup/case", "/nowhere"]:
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
    for response in [start, client.get("/report"), client.get("/followup/case")]:
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Frame-Options"] == "DENY"
        html = response.get_data(as_text=True)
        assert "<script" not in html.lower()
        assert not re.search(r'(src|href|action)="(https?:)?//', html), (
            "a resource from another host"
        )


def test_only_the_form_cookie_is_set_before_a_login(client):  # type: ignore[no-untyped-def]
    assert client.get("/").headers.get("Set-Cookie") is None
    cookies = client.get("/report").headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("wb_form=")
    assert all(flag in cookies[0] for flag in ("Secure", "HttpOnly", "SameSite=Strict"))
    assert "Expires" not in cookies[0]


def test_no_address_or_user_agent_in_the_logs_of_a_full_flow(app, caplog):  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    client.environ_base.update(
        {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": FORWARDED}
    )
    reporter = Reporter(client)
    code = reporter.file(files=[("a.txt", b"x")])
    reporter.login(code)
    reporter.send_message("svar")
    client.get("/nowhere")
    client.post("/followup", data={"code": "x"})
    reporter.logout()
    assert caplog.records, "nothing was logged, so the search below would prove nothing"
    for needle in (ADDRESS, AGENT, FORWARDED, "SecretAgent"):
        assert needle not in caplog.text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        method,
        path,
        body=body,
        headers={"User-Agent": AGENT, "X-Forwarded-For": FORWARDED, **(headers or {})},
    )
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_no_cookie_outlives_the_browser_session(reporter, client):  # type: ignore[no-untyped-def]
    responses = [client.get("/?lang=en"), client.get("/report?lang=da")]
    code = reporter.file()
    responses.append(reporter.login(code))
    responses.append(client.get("/followup/case?lang=en"))
    cookies = [c for r in responses for c in r.headers.getlist("Set-Cookie")]
    assert any(c.startswith("lang=") for c in cookies)
    for cookie in cookies:
        assert "expires=" not in cookie.lower() or "1970" in cookie, cookie
        assert "max-age=" not in cookie.lower() or "max-age=0" in cookie.lower(), cookie


def test_gunicorn_logs_no_address_or_user_agent(instance, tmp_path):  # type: ignore[no-untyped-def]
    from wb_cases.cli import GUNICORN_CONF

    port = _free_port()
    env = {
        **os.environ,
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
        "WB_ARGON2_TIME_COST": "1",
        "WB_ARGON2_MEMORY_KIB": "8",
        "WB_ARGON2_PARALLELISM": "1",
        "WB_TEST_ONLY_WEAK_ARGON2": "1",
    }
    log_path = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log_path, "wb") as log:
        server = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "--config",
                str(GUNICORN_CONF),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "wb_portal:create_app()",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                start = _request(port, "GET", "/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("gunicorn did not start: " + log_path.read_text())
                time.sleep(0.2)
        assert start.status == 200
        # No "Server: gunicorn": nothing tells a visitor which software to attack.
        assert start.getheader("Server") is None
        form = _request(port, "GET", "/report")
        cookie = form.getheader("Set-Cookie").split(";")[0]
        token = csrf_token(form.body.decode())  # type: ignore[attr-defined]
        body = urllib.parse.urlencode(
            {
                "csrf_token": token,
                "relation": "employee",
                "what": "x",
                "raised_internally": "no",
                "retaliation": "no",
                "anonymity": "anonymous",
            }
        ).encode()
        sent = _request(
            port,
            "POST",
            "/report",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        assert sent.status == 200
        assert _request(port, "GET", "/nowhere").status == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
    logged = log_path.read_text()
    for needle in ("127.0.0.1:", AGENT, FORWARDED, "SecretAgent", "/report", "GET /"):
        assert needle not in logged, needle
