"""The committed docs are generated from the code; regenerate with scripts/gen_policy_docs.py."""

import ast
from pathlib import Path

import pytest

from policies import render_deadlines_doc, render_decision_table, render_triage_doc

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "policies"


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("decision-table.md", render_decision_table),
        ("triage.md", render_triage_doc),
        ("deadlines.md", render_deadlines_doc),
    ],
)
def test_committed_docs_are_up_to_date(name: str, render: object) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == render(), (  # type: ignore[operator]
        f"docs/{name} is out of date: run `python scripts/gen_policy_docs.py`"
    )


def test_policies_import_only_stdlib_holidays_and_themselves() -> None:
    allowed = {
        "__future__",
        "calendar",
        "collections",
        "dataclasses",
        "datetime",
        "enum",
        "functools",
        "json",
        "re",  # policies.publication reads text (stdlib, pure)
        "types",
        "typing",
        "holidays",
    }
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [(node.module or "").split(".")[0]]
            else:
                continue
            assert set(names) <= allowed, f"{path.name} imports {names}"


def test_modules_stay_under_300_lines() -> None:
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path.name


def test_every_policy_function_docstring_cites_a_paragraph_or_is_plumbing() -> None:
    rule_modules = (
        "scope",
        "routing",
        "decision",
        "deadlines",
        "outcomes",
        "retention",
        "forwarded",
        "identity",
        "reasons",
        "reporter",
    )
    for mod in rule_modules:
        tree = ast.parse((PACKAGE / f"{mod}.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.startswith(("decide", "check_", "may_"))
                or (isinstance(node, ast.FunctionDef) and node.name.endswith("_deadline"))
            ):
                doc = ast.get_docstring(node) or ""
                assert "§" in doc or "Act" in doc, f"{mod}.{node.name} cites no paragraph"
