#!/usr/bin/env python3
"""`make mutants`: mutation testing of the pure packages with mutmut.

mutmut (configured in pyproject.toml, [tool.mutmut]) copies `policies/` and `crypto/`
into `mutants/`, changes one operator, constant or call at a time and runs those
packages' own fast tests against each change. A change the tests do not notice
"survived": a place where the code could be wrong and the suite would still pass.

This script runs mutmut, then prints the kill rate per package and writes every
survivor with its diff to build/mutants.txt. Killed counts mutants the tests failed
on or that ran out of time; survivors include mutants no test reached.

Mutants that strict mypy rejects count as caught: `make lint` runs mypy in CI, so such
a change could never land. The builders that make the statute tables at import are
called directly by tests/policies/test_table_builders.py, so every mutant is reachable
and every one counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).parent / "mutmut"
OUT = ROOT / "build" / "mutants.txt"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
NOT_COUNTED = {"skipped", "not checked", "check was interrupted by user"}
GOAL = 0.85


def _mutmut(*args: str, capture: bool = False) -> str:
    # mutmut calls `mypy` by name: the project's own, from this environment.
    env = {**os.environ, "PATH": f"{MUTMUT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(MUTMUT), *args], cwd=ROOT, check=False, text=True, capture_output=capture, env=env
    )
    return done.stdout if capture else ""


def _statuses() -> dict[str, str]:
    """Mutant name → status, from `mutmut results --all true`."""
    statuses = {}
    for line in _mutmut("results", "--all", "true", capture=True).splitlines():
        name, sep, status = line.strip().partition(": ")
        if sep and "__mutmut_" in name:
            statuses[name] = status.strip()
    return statuses


def _rates(statuses: dict[str, str]) -> dict[str, Counter[str]]:
    by_package: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in statuses.items():
        if status in NOT_COUNTED:
            continue
        package = name.split(".", 1)[0]
        by_package[package]["killed" if status in KILLED else "survived"] += 1
    return by_package


def main() -> int:
    # Mutants named on the command line are run again (after a test was added, say).
    _mutmut("run", "--max-children", "2", *sys.argv[1:])
    statuses = _statuses()
    ok = True
    for package, counts in sorted(_rates(statuses).items()):
        total = counts["killed"] + counts["survived"]
        rate = counts["killed"] / total if total else 1.0
        ok &= rate >= GOAL
        print(f"{package}: {counts['killed']}/{total} mutants killed ({rate:.1%}, goal {GOAL:.0%})")
    survivors = sorted(n for n, s in statuses.items() if s not in KILLED | NOT_COUNTED)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for name in survivors:
            out.write(_mutmut("show", name, capture=True))  # starts "# name: status"
            out.write("\n")
    print(f"{len(survivors)} survivors with their diffs in {OUT.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
