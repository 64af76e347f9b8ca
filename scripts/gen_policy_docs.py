#!/usr/bin/env python3
"""Write docs/decision-table.md, docs/triage.md and docs/deadlines.md from `policies`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policies.docs import (  # noqa: E402
    render_deadlines_doc,
    render_decision_table,
    render_triage_doc,
)

DOCS = {
    "decision-table.md": render_decision_table,
    "triage.md": render_triage_doc,
    "deadlines.md": render_deadlines_doc,
}


def main() -> int:
    for name, render in DOCS.items():
        path = ROOT / "docs" / name
        path.write_text(render(), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
