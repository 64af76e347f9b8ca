#!/usr/bin/env python3
"""`make mutants`: mutation testing of the pure packages with mutmut.

mutmut (configured in pyproject.toml, [tool.mutmut]) copies `policies/` and `crypto/`
into `mutants/`, changes one operator, constant or call at a time and runs those
packages' own fast tests against each change. A change the tests do not notice
"survived": a place where the code could be wrong and the suite would still pass.

This script runs mutmut, then prints the kill rate per package and writes every
survivor with its diff to build/mutants.txt. Killed counts mutants the tests failed
on or that ran out of time; survivors include mutants no test reached.

Some functions run only while a module is imported, to build its tables (the paragraph
registry, the scope rules, the scenarios, the option and fact field lists), or are
memoized then. mutmut imports the modules once and forks a child per mutant, so a
mutant in such a function never runs under any test: it is reported apart, and the goal
is measured over the mutants a test can reach.
"""

from __future__ import annotations

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
# Run only at import (tables) or memoized there: unreachable for a forked mutant.
IMPORT_TIME = (
    "policies.paragraphs.x__p_",
    "policies.facts.x__f_",
    "policies.facts.x__req_",
    "policies.options.x__opt_",
    "policies.scenarios.x__in_",
    "policies.scenarios.x__out_",
    "policies.scope.x__exclusion_rule_",
    "policies.serde.x__field_specs_",
)


def _mutmut(*args: str, capture: bool = False) -> str:
    done = subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(MUTMUT), *args], cwd=ROOT, check=False, text=True, capture_output=capture
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


def _import_time(name: str) -> bool:
    return name.startswith(IMPORT_TIME)


def _rates(statuses: dict[str, str]) -> dict[str, Counter[str]]:
    by_package: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in statuses.items():
        package = name.split(".", 1)[0]
        if status in NOT_COUNTED:
            continue
        if status in KILLED:
            by_package[package]["killed"] += 1
        elif _import_time(name):
            by_package[package]["import_time"] += 1
        else:
            by_package[package]["survived"] += 1
    return by_package


def main() -> int:
    _mutmut("run", "--max-children", "2")
    statuses = _statuses()
    rates = _rates(statuses)
    ok = True
    for package, counts in sorted(rates.items()):
        reachable = counts["killed"] + counts["survived"]
        rate = counts["killed"] / reachable if reachable else 1.0
        everything = reachable + counts["import_time"]
        ok &= rate >= GOAL
        print(
            f"{package}: {counts['killed']}/{reachable} reachable mutants killed "
            f"({rate:.1%}, goal {GOAL:.0%}); {counts['killed']}/{everything} of all "
            f"({counts['killed'] / everything:.1%}; {counts['import_time']} run only at import)"
        )
    survivors = sorted(n for n, s in statuses.items() if s not in KILLED | NOT_COUNTED)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for name in survivors:
            if _import_time(name):
                out.write("# (runs only at import: no test can reach this mutant)\n")
            out.write(_mutmut("show", name, capture=True))  # starts "# name: status"
            out.write("\n")
    print(f"{len(survivors)} survivors with their diffs in {OUT.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
