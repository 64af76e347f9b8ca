"""`make bench`: run every benchmark module, write build/bench.json, print a table.

Each module in this package exposes `run() -> list[dict]` with rows
`{"name", "value", "unit", "goal", "ok"}` (docs/architecture.md § 7). A module that
fails contributes one row saying so, and the run exits non-zero at the end.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import traceback
from pathlib import Path

import benchmarks

OUT = Path("build/bench.json")


def check(value: float, goal: str) -> bool:
    """Does a value meet a goal such as ">= 0.5", "<= 150" or "report"?"""
    if goal == "report":
        return True
    operator, _, threshold = goal.partition(" ")
    limit = float(threshold)
    return value >= limit if operator == ">=" else value <= limit


def main(argv: list[str]) -> int:
    wanted = set(argv)
    rows: list[dict[str, object]] = []
    failed = False
    for module_info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        name = module_info.name
        if not name.endswith("_bench") or (wanted and name not in wanted):
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            for row in module.run():
                row["ok"] = check(float(row["value"]), str(row["goal"]))
                rows.append(row)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            rows.append(
                {"name": name, "value": float("nan"), "unit": "error", "goal": "run", "ok": False}
            )
            failed = True
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=2) + "\n")
    width = max([len(str(r["name"])) for r in rows] + [4])
    print(f"{'name':<{width}}  {'value':>12}  {'unit':<8}  {'goal':<10}  ok")
    for r in rows:
        print(
            f"{r['name']!s:<{width}}  {float(r['value']):>12.3f}  {r['unit']!s:<8}  "
            f"{r['goal']!s:<10}  {'yes' if r['ok'] else 'NO'}"
        )
    return 1 if failed or not all(r["ok"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
