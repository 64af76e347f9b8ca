"""Online guessing: what an attacker gets against receipts and staff passwords, and what it costs.

Both apps run under gunicorn with 4 workers on loopback over a fresh instance with the
real Argon2 parameters (64 MiB, t=3, p=4) on this 2-core machine.

Receipts (portal): wrong codes of the right shape from 1 client and from 20 concurrent
clients. A guess counts when the server evaluated it (the generic "wrong code" 400); a
503 (token bucket or Argon2 semaphore full) is a guess refused unevaluated. Cost: CPU
seconds of the workers per evaluated guess, and their peak RSS. With N = 100,000 cases and
80-bit codes one guess hits with probability N / 2^80, so the expected time to the first
hit is 2^80 / N / rate.

Staff passwords (back office): the per-account lockout (5 failures, then 5 minutes doubling
to 24 hours) is replayed through `staff_auth.log_in` with a moving clock, retrying the moment
each lock ends: guesses per account in the first hour, the first day and per day after. Over
HTTP, 20 clients measure how fast the server evaluates attempts when the attacker spreads
them over many accounts (Argon2-bound), i.e. the cap across accounts. A password guess is
only confirmed together with a valid TOTP code; that factor is not in these figures.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks._http import Client, csrf_token, make_instance, serve

CASES = 100_000
CODE_BITS = 80
SECONDS_PER_YEAR = 365.25 * 24 * 3600
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _row(name: str, value: float, unit: str, goal: str = "report") -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "goal": goal, "ok": True}


def _cpu_seconds(master_pid: int) -> float:
    import psutil

    total = 0.0
    for child in psutil.Process(master_pid).children():
        times = child.cpu_times()
        total += times.user + times.system
    return total


def _peak_rss_mib(master_pid: int) -> float:
    import psutil

    peak = 0
    for child in psutil.Process(master_pid).children():
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{child.pid}/status").read_text())
        if match:
            peak = max(peak, int(match.group(1)))
    return peak / 1024


def _wrong_code() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(4))


def _hammer(attempt: Any, clients: int, seconds: float) -> dict[int, int]:
    """Run `attempt(index) -> status` from `clients` threads for `seconds`; count statuses."""
    stop = time.monotonic() + seconds
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def loop(index: int) -> None:
        while time.monotonic() < stop:
            status = attempt(index)
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts


def receipt_guessing(env: dict[str, str], seconds: float) -> list[dict[str, Any]]:
    def attempt(_index: int) -> int:
        client = Client(port)
        page = client.get("/followup")
        return client.post_form(
            "/followup", {"csrf_token": csrf_token(page.text), "code": _wrong_code()}
        ).status

    rows = []
    with serve("wb_portal:create_app()", env, workers=4) as (port, master):
        _hammer(attempt, 4, 3)  # warm every worker
        for clients in (1, 20):
            cpu_before, started = _cpu_seconds(master), time.monotonic()
            counts = _hammer(attempt, clients, seconds)
            elapsed = time.monotonic() - started
            evaluated = counts.get(400, 0)
            refused = sum(n for s, n in counts.items() if s == 503)
            per_hour = evaluated / elapsed * 3600
            rows += [
                _row(
                    f"receipt_guesses_per_hour_{clients}_client{'s' * (clients > 1)}",
                    round(per_hour),
                    "1/h",
                ),
                _row(
                    f"receipt_guesses_refused_share_{clients}",
                    round(refused / max(1, sum(counts.values())), 3),
                    "ratio",
                ),
                _row(
                    f"receipt_guess_cpu_s_{clients}",
                    round((_cpu_seconds(master) - cpu_before) / max(1, evaluated), 3),
                    "s",
                ),
            ]
            if clients == 20:
                expected = 2**CODE_BITS / CASES / (per_hour / 3600) / SECONDS_PER_YEAR
                rows.append(
                    _row(
                        "receipt_years_to_first_hit_100k_cases",
                        float(f"{expected:.3g}"),
                        "years",
                        ">= 1000000",
                    )
                )
                rows[-1]["ok"] = expected >= 1e6
        rows.append(
            _row(
                "portal_worker_peak_rss_mib_guessing",
                round(_peak_rss_mib(master), 1),
                "MiB",
                "<= 192",
            )
        )
        rows[-1]["ok"] = rows[-1]["value"] <= 192
    return rows


def lockout_schedule() -> dict[str, int]:
    """Replay an attacker who retries one account the moment each lock ends (moving clock)."""
    from crypto import KdfParams
    from wb_cases.backend import close_all, open_backend
    from wb_cases.config import CommonConfig
    from wb_cases.db import transaction
    from wb_cases.models import Staff
    from wb_cases.services import staff_auth
    from wb_cases.services.setup import init_instance

    root = Path(tempfile.mkdtemp(prefix="wb-lockout-"))
    try:
        common = CommonConfig(
            data_dir=root / "instance",
            database_url=f"sqlite:///{root / 'wb.sqlite3'}",
            kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1),
        )
        init_instance(
            common,
            admin_username="leder",
            admin_password="x" * 20,
            admin_name="Leder",
            today=dt.date.today(),
        )
        pepper = common.paths.read_secret("backoffice_pepper")
        backend = open_backend(common)
        start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
        moment, guesses = start, {"first_hour": 0, "first_day": 0, "first_week": 0}
        with backend.sessions() as session:
            while moment < start + dt.timedelta(days=7):
                staff = session.query(Staff).filter_by(username="leder").one()
                if staff_auth.is_locked(staff, moment):
                    locked = staff.locked_until
                    assert locked is not None
                    moment = (
                        locked if locked.tzinfo else locked.replace(tzinfo=dt.UTC)
                    ) + dt.timedelta(seconds=1)
                    continue
                with transaction(session):
                    staff_auth.log_in(
                        session,
                        "leder",
                        "guess",
                        "000000",
                        pepper=pepper,
                        kdf=common.kdf,
                        today=moment.date(),
                        moment=moment,
                    )
                elapsed = moment - start
                for key, span in (
                    ("first_hour", dt.timedelta(hours=1)),
                    ("first_day", dt.timedelta(days=1)),
                    ("first_week", dt.timedelta(days=7)),
                ):
                    guesses[key] += elapsed < span
        close_all()
        return guesses
    finally:
        shutil.rmtree(root, ignore_errors=True)


def staff_guessing(root: Path, seconds: float) -> list[dict[str, Any]]:
    """Attempts with names nobody has: the server spends the same Argon2 work on them as on a
    real account (so timing tells nothing), which makes this the evaluation capacity an
    attacker spreading guesses over many accounts runs into."""
    made = make_instance(root / "bo")

    def attempt(index: int) -> int:
        client = Client(port)
        page = client.get("/login")
        response = client.post_form(
            "/login",
            {
                "csrf_token": csrf_token(page.text),
                "username": f"konto{index}-{secrets.token_hex(3)}",
                "password": secrets.token_urlsafe(12),
                "code": "123456",
            },
        )
        return 1 if response.status == 200 else response.status

    with serve("wb_backoffice:create_app()", made.env, workers=4, ready_path="/login") as (
        port,
        master,
    ):
        cpu_before, started = _cpu_seconds(master), time.monotonic()
        counts = _hammer(attempt, 20, seconds)
        elapsed = time.monotonic() - started
        cpu = _cpu_seconds(master) - cpu_before
        rss = _peak_rss_mib(master)
    attempts = counts.get(1, 0)
    return [
        _row("staff_login_attempts_per_hour_20_clients", round(attempts / elapsed * 3600), "1/h"),
        _row("staff_login_cpu_s", round(cpu / max(1, attempts), 3), "s"),
        _row("backoffice_worker_peak_rss_mib_guessing", round(rss, 1), "MiB"),
        _row(
            "staff_login_non_200_answers",
            sum(n for s, n in counts.items() if s != 1),
            "count",
            "<= 0",
        ),
    ]


def run() -> list[dict[str, Any]]:
    root = Path(tempfile.mkdtemp(prefix="wb-guessing-"))
    try:
        made = make_instance(root / "portal")
        rows = receipt_guessing(made.env, seconds=20)
        schedule = lockout_schedule()
        rows += [
            _row("staff_guesses_first_hour_per_account", schedule["first_hour"], "count"),
            _row("staff_guesses_first_day_per_account", schedule["first_day"], "count"),
            _row("staff_guesses_first_week_per_account", schedule["first_week"], "count"),
        ]
        rows += staff_guessing(root, seconds=20)
        per_hour = next(
            r["value"] for r in rows if r["name"] == "staff_login_attempts_per_hour_20_clients"
        )
        rows.append(
            _row(
                "staff_accounts_to_saturate_first_hour",
                math.ceil(per_hour / max(1, schedule["first_hour"])),
                "accounts",
            )
        )
        for row in rows:
            if row["goal"] == "<= 0":
                row["ok"] = row["value"] <= 0
        return rows
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    for r in run():
        print(r)
