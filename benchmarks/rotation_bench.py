"""`wb keys rotate` over 100,000 cases: wall time and peak memory (goals: 10 min, 256 MiB).

The cases are bulk-inserted with real case and staff keys sealed to the unit
public key (the rotation must open every one of them), but with random bytes
for the report, which a rotation never reads. The rotation itself runs in a
fresh interpreter through the `wb` command, so the peak RSS is its own
(see crypto_bench.py on why VmHWM and not ru_maxrss).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import insert

import crypto

CASES = 100_000
TODAY = dt.date(2026, 3, 2)

_CHILD = """
import json, re, sys, time
from click.testing import CliRunner
from wb_cases.cli import main
start = time.perf_counter()
result = CliRunner().invoke(main, ["keys", "rotate", "--recovery-key-stdin"], input=sys.argv[1])
elapsed = time.perf_counter() - start
if result.exit_code != 0:
    raise SystemExit(result.output)
status = open("/proc/self/status").read()
print(json.dumps({"seconds": elapsed,
                  "vmhwm_kib": int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))}))
"""


def _case_rows(unit_public: bytes, rng: random.Random) -> list[dict[str, Any]]:
    from wb_cases.instance import key_id
    from wb_cases.services import contexts

    unit_id = key_id(unit_public)
    rows = []
    for i in range(CASES):
        case_id = secrets.token_hex(16)
        received = TODAY - dt.timedelta(days=rng.randrange(3650))
        rows.append(
            {
                "id": case_id,
                "number": f"WB-{received.year}-{i:06d}",
                "received": received,
                "status": "closed",
                "channel": "portal",
                "anonymous": True,
                "receipt_lookup": rng.randbytes(32),
                "receipt_kdf": "argon2id$m=65536,t=3,p=4",
                "case_key_sealed": crypto.seal(
                    unit_public, crypto.new_key(), contexts.case_key_sealed(case_id)
                ),
                "case_key_receipt": rng.randbytes(61),
                "staff_key_sealed": crypto.seal(
                    unit_public, crypto.new_key(), contexts.staff_key_sealed(case_id)
                ),
                "report": rng.randbytes(800),
                "unit_key_id": unit_id,
                "ack_due": received + dt.timedelta(days=7),
                "feedback_due": received + dt.timedelta(days=95),
                "last_reporter_activity": received,
                "message_count": 0,
                "legal_hold": False,
                "retaliation": False,
            }
        )
    return rows


def _instance(root: Path) -> tuple[dict[str, str], str]:
    """A fresh instance with 100,000 sealed cases; its environment and recovery key."""
    from crypto import KdfParams
    from wb_cases.backend import close_all, open_backend
    from wb_cases.config import CommonConfig
    from wb_cases.models import Case
    from wb_cases.services.setup import init_instance

    data_dir = root / "instance"
    url = f"sqlite:///{root / 'wb.sqlite3'}"
    common = CommonConfig(data_dir=data_dir, database_url=url, kdf=KdfParams(1, 8, 1))
    created = init_instance(
        common,
        admin_username="leder",
        admin_password=secrets.token_urlsafe(16),
        admin_name="Leder",
        today=TODAY,
    )
    rows = _case_rows(common.paths.read_public("unit"), random.Random(14))  # noqa: S311
    with open_backend(common).engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Case), rows[start : start + 5000])
    close_all()
    env = {**os.environ, "WB_DATA_DIR": str(data_dir), "WB_DATABASE_URL": url}
    return env, created.recovery_key


def run() -> list[dict[str, Any]]:
    """Rotate the unit key over 100,000 cases; report seconds and peak RSS."""
    root = Path(tempfile.mkdtemp(prefix="wb-rotate-"))
    try:
        env, recovery_key = _instance(root)
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", _CHILD, recovery_key + "\n"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=3600,
        )
        measured = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    seconds = float(measured["seconds"])
    peak_mib = measured["vmhwm_kib"] / 1024
    return [
        {
            "name": "key_rotate_100k_cases_s",
            "value": round(seconds, 1),
            "unit": "s",
            "goal": "<= 600",
            "ok": seconds <= 600,
        },
        {
            "name": "key_rotate_100k_cases_peak_rss_mib",
            "value": round(peak_mib, 1),
            "unit": "MiB",
            "goal": "<= 256",
            "ok": peak_mib <= 256,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
