"""`make scan`: run wapiti and sqlmap against the portal and a logged-in back office.

Installs Debian's `wapiti` and `sqlmap` with apt-get when missing, makes a throw-away
instance on SQLite (small Argon2 parameters: the scanners look for injection, not for
key-derivation cost), files one report with a file and a message, enrols the head of
unit's TOTP through the services, logs in over HTTP (back office: password + TOTP;
portal: the receipt) and serves both apps with gunicorn on 127.0.0.1. Each scanner run
is bounded in time (WB_SCAN_SECONDS per app and scanner, default 300). Reports land in build/scan/;
findings are printed, and the run fails on any finding of medium or higher that
`scan/accepted.py` does not explain (with a pointer into docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._http import Client, csrf_token, make_instance, serve
from scan.accepted import ACCEPTED

OUT = Path("build/scan")
WAPITI_MODULES = (
    "xss,permanentxss,sql,blindsql,exec,file,redirect,crlf,csrf,http_headers,"
    "cookieflags,csp,xxe,methods"
)
ACTIVE_MODULES = 10  # the ones that send payloads; the time per module is split by these
LEVELS = {"0": "info", "1": "low", "2": "medium", "3": "high", "4": "critical"}


def ensure_tools() -> None:
    missing = [tool for tool in ("wapiti", "sqlmap") if shutil.which(tool) is None]
    if missing:
        print(f"scan: installing {' '.join(missing)} with apt-get …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], env=env, check=True)  # noqa: S603,S607


def prepare(root: Path) -> tuple[dict[str, str], str, str]:
    """Instance with one report; return (server env, receipt code, head's TOTP secret)."""
    import policies
    from crypto import KdfParams
    from wb_cases.backend import close_all, open_backend
    from wb_cases.config import backoffice_from_env, portal_from_env
    from wb_cases.db import transaction
    from wb_cases.models import Staff
    from wb_cases.services import intake, staff_auth
    from wb_cases.services.intake import IntakeKeys, NewReport

    made = make_instance(root, kdf=KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    portal, backoffice = portal_from_env(made.env), backoffice_from_env(made.env)
    backend = open_backend(portal.common)
    keys = IntakeKeys(
        portal.unit_public_key, portal.custodian_public_key, portal.receipt_salt, portal.common.kdf
    )
    with backend.sessions() as session:
        with transaction(session):
            filed = intake.file_report(
                session,
                NewReport(answers={"what": "Scanner-sag", "where": "Rådhuset"}, anonymous=True),
                keys,
                backend.file_store,
                today=dt.date.today(),
                settings=policies.DeadlineSettings(),
            )
        head = session.query(Staff).filter_by(username=made.admin_username).one()
        with transaction(session):
            head.must_change_password = False
            secret = staff_auth.start_totp_enrolment(session, head, pepper=backoffice.pepper)
            staff_auth.confirm_totp_enrolment(
                session,
                head,
                staff_auth.totp_code(secret),
                pepper=backoffice.pepper,
                today=dt.date.today(),
            )
            head.totp_last_step = None
    close_all()
    env = {**made.env, "WB_ADMIN_PASSWORD": made.admin_password}
    return env, filed.receipt_code, secret.hex()


def log_in_backoffice(port: int, env: dict[str, str], totp_hex: str) -> tuple[Client, str]:
    from wb_cases.services import staff_auth

    client = Client(port)
    page = client.get("/login")
    response = client.post_form(
        "/login",
        {
            "csrf_token": csrf_token(page.text),
            "username": "leder",
            "password": env["WB_ADMIN_PASSWORD"],
            "code": staff_auth.totp_code(bytes.fromhex(totp_hex)),
        },
    )
    if response.status != 302 or "wb_staff" not in client.cookies:
        raise RuntimeError(f"back-office login failed ({response.status})")
    index = client.get("/").text
    case = re.search(r'href="/cases/([0-9a-f]{32})"', index)
    if case is None:
        raise RuntimeError("no case on the back-office start page")
    page = client.get(f"/cases/{case.group(1)}")
    client.post_form(
        f"/cases/{case.group(1)}/split",
        {"csrf_token": csrf_token(page.text), "titles": "Forhold A\nForhold B"},
    )
    return client, case.group(1)


def log_in_portal(port: int, code: str) -> Client:
    client = Client(port)
    page = client.get("/followup")
    response = client.post_form("/followup", {"csrf_token": csrf_token(page.text), "code": code})
    if response.status != 303 or "wb_reporter" not in client.cookies:
        raise RuntimeError(f"portal receipt login failed ({response.status})")
    return client


def cookie_header(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def run_wapiti(
    name: str, base: str, cookie: str, starts: list[str], seconds: int
) -> dict[str, Any]:
    report = OUT / f"wapiti-{name}.json"
    argv = [
        "wapiti",
        "-u",
        base,
        "--scope",
        "folder",
        "-m",
        WAPITI_MODULES,
        "--max-scan-time",
        str(seconds),
        "--max-attack-time",
        str(max(15, seconds // ACTIVE_MODULES)),
        "-f",
        "json",
        "-o",
        str(report),
        "--flush-session",
        "-v",
        "0",
        "--no-bugreport",
        "--store-session",
        str(OUT / "wapiti-session"),
        "-d",
        "5",
        "-t",
        "30",
        "-H",
        f"Cookie: {cookie}",
    ]
    for start in starts:
        argv += ["-s", base.rstrip("/") + start]
    print(f"scan: wapiti on the {name} (≤ {seconds} s) …", file=sys.stderr, flush=True)
    with open(OUT / f"wapiti-{name}.log", "w") as log:
        subprocess.run(  # noqa: S603 - Debian's wapiti, arguments built above
            argv,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=seconds * 2 + 120,
            check=False,
        )
    return json.loads(report.read_text()) if report.exists() else {}


def wapiti_findings(name: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    findings = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (data.get(section) or {}).items():
            for item in items:
                findings.append(
                    {
                        "scanner": "wapiti",
                        "app": name,
                        "section": section,
                        "category": category,
                        "level": LEVELS.get(str(item.get("level")), str(item.get("level"))),
                        "method": item.get("method"),
                        "path": item.get("path"),
                        "parameter": item.get("parameter"),
                        "info": item.get("info"),
                    }
                )
    return findings


def run_sqlmap(name: str, base: str, cookie: str, urls: list[str], seconds: int) -> list[dict]:
    findings = []
    per_url = max(30, seconds // len(urls))
    for url in urls:
        # One output dir per URL: sqlmap's session per host would skip every form after
        # the first ("do you want to test this form? N").
        safe = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "start"
        out_dir = OUT / f"sqlmap-{name}-{safe}"
        shutil.rmtree(out_dir, ignore_errors=True)
        argv = [
            "sqlmap",
            "-u",
            base.rstrip("/") + url,
            "--forms",
            "--batch",
            "--cookie",
            cookie,
            "--csrf-token",
            "csrf_token",
            "--csrf-url",
            base.rstrip("/") + url,
            "--level",
            "2",
            "--risk",
            "1",
            "--time-sec",
            "2",
            "--output-dir",
            str(out_dir),
            "--disable-coloring",
            "--skip",
            "csrf_token,nonce",
            "--answers",
            "want to follow=N",
        ]  # "follow" alone matches /followup
        print(f"scan: sqlmap on the {name} {url} (≤ {per_url} s) …", file=sys.stderr, flush=True)
        started = time.monotonic()
        try:
            done = subprocess.run(  # noqa: S603 - Debian's sqlmap, arguments built above
                argv,
                capture_output=True,
                text=True,
                timeout=per_url,
                check=False,
            )
            output = done.stdout + done.stderr
        except subprocess.TimeoutExpired as expired:
            output = (expired.stdout or b"").decode("utf-8", "replace") + "\n[stopped: time limit]"
        (OUT / f"sqlmap-{name}-{safe}.log").write_text(output)
        injectable = [
            line
            for line in output.splitlines()
            if "identified the following injection point" in line
            or ("parameter" in line and "is vulnerable" in line)
        ]
        findings.append(
            {
                "scanner": "sqlmap",
                "app": name,
                "url": url,
                "seconds": round(time.monotonic() - started, 1),
                "level": "high" if injectable else "none",
                "info": injectable[:5] or ["no injectable parameter found"],
                "tested": sum("testing '" in line for line in output.splitlines()),
            }
        )
    return findings


def accepted(finding: dict[str, Any]) -> str | None:
    for rule in ACCEPTED:
        if all(str(finding.get(k, "")).startswith(v) for k, v in rule["match"].items()):
            return str(rule["why"])
    return None


def main() -> int:
    if sys.argv[1:] == ["--report"]:  # re-judge the last run's findings (e.g. after an edit)
        findings = json.loads((OUT / "findings.json").read_text())
        for finding in findings:
            finding["accepted"] = accepted(finding)
        return report(findings, still_in=True)
    ensure_tools()
    seconds = int(os.environ.get("WB_SCAN_SECONDS") or 300)
    OUT.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="wb-scan-"))
    portal_log = open(OUT / "portal-server.log", "wb")  # noqa: SIM115
    bo_log = open(OUT / "backoffice-server.log", "wb")  # noqa: SIM115
    findings: list[dict[str, Any]] = []
    try:
        env, code, totp_hex = prepare(root)
        with (
            serve("scan.apps:portal()", env, workers=2, log=portal_log) as (portal_port, _),
            serve("scan.apps:backoffice()", env, workers=2, ready_path="/login", log=bo_log) as (
                bo_port,
                _,
            ),
        ):
            reporter = log_in_portal(portal_port, code)
            staff, case_id = log_in_backoffice(bo_port, env, totp_hex)
            portal = f"http://127.0.0.1:{portal_port}/"
            backoffice = f"http://127.0.0.1:{bo_port}/"
            only = os.environ.get("WB_SCAN_ONLY", "")  # "wapiti" or "sqlmap"
            if only != "sqlmap":
                findings += wapiti_findings(
                    "portal",
                    run_wapiti(
                        "portal",
                        portal,
                        cookie_header(reporter),
                        ["/report", "/followup", "/followup/case", "/?lang=en"],
                        seconds,
                    ),
                )
                findings += wapiti_findings(
                    "backoffice",
                    run_wapiti(
                        "backoffice",
                        backoffice,
                        cookie_header(staff),
                        [f"/cases/{case_id}", "/committee/", "/admin/staff", "/login"],
                        seconds,
                    ),
                )
            if only != "wapiti":
                findings += run_sqlmap(
                    "portal",
                    portal,
                    cookie_header(reporter),
                    ["/report", "/followup", "/followup/case"],
                    seconds,
                )
                findings += run_sqlmap(
                    "backoffice",
                    backoffice,
                    cookie_header(staff),
                    ["/login", f"/cases/{case_id}", "/committee/?year=2026", "/admin/staff"],
                    seconds,
                )
            still_in = staff.get("/").status == 200
    finally:
        shutil.rmtree(root, ignore_errors=True)
    portal_log.close()
    bo_log.close()
    for finding in findings:
        finding["accepted"] = accepted(finding)
    (OUT / "findings.json").write_text(json.dumps(findings, indent=2, ensure_ascii=False) + "\n")
    return report(findings, still_in)


def report(findings: list[dict[str, Any]], still_in: bool) -> int:
    serious = [f for f in findings if f["level"] in ("medium", "high", "critical")]
    print(f"scan: {len(findings)} findings; reports in {OUT}/")
    for f in findings:
        where = f.get("path") or f.get("url")
        param = f" [{f['parameter']}]" if f.get("parameter") else ""
        why = f"  (explained: {f['accepted'][:60]}…)" if f.get("accepted") else ""
        info = f["info"] if isinstance(f["info"], str) else "; ".join(f["info"])
        print(
            f"  {f['scanner']:<6} {f['app']:<10} {f['level']:<8} {f.get('category', 'sqli'):<28} "
            f"{f.get('method') or ''} {where}{param}: {info[:160]}{why}"
        )
    print(f"scan: back-office session survived the scan: {'yes' if still_in else 'NO'}")
    unexplained = [f for f in serious if not f.get("accepted")]
    if unexplained:
        print(f"scan: {len(unexplained)} finding(s) of medium or higher are not explained")
        return 1
    print("scan: no unexplained finding of medium or higher")
    return 0


if __name__ == "__main__":
    sys.exit(main())
