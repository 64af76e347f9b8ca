"""The repository explains itself: nothing cites material a clone does not contain.

Comments, docs and tests cite the statute by paragraph (`§ 24c, stk. 3, nr. 1`) or a
file in docs/ (docs/architecture.md, docs/sources/), never notes kept beside the
repository, ticket numbers or line numbers in documents outside it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".git", ".venv", "build", "mutants", "instance", "node_modules", "__pycache__"}

# Built from pieces so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        [
            r"\.\./shared",  # the folder beside the clone
            "shared" + "/",
            r"\b(design|conventions|statute|style)\.md\b",  # notes kept there
            r"\b[Ii]ssue [0-9]+",  # ticket numbers
            r"\bpromise [0-9]",
            r"\b00[0-9]:[0-9]+",  # line numbers in the source documents
        ]
    )
)


def _tracked_files() -> list[Path]:
    """Every file git tracks, or every file under the root outside tool directories."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        ).stdout.split(b"\0")
        return [ROOT / name.decode() for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        return [
            p
            for p in ROOT.rglob("*")
            if p.is_file() and not SKIP_DIRS.intersection(p.relative_to(ROOT).parts)
        ]


def _outside_references() -> list[str]:
    found = []
    for path in _tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary (compiled catalogs, images) or deleted in the work tree
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    return found


def test_nothing_cites_material_outside_the_repository() -> None:
    found = _outside_references()
    assert not found, "cite the statute's paragraph or a file in docs/ instead:\n" + "\n".join(
        found
    )


def test_the_check_finds_each_kind_of_outside_reference() -> None:
    # Pieces again, so that the repository-wide search does not find this test.
    for line in (
        "see ../" + "shared" + "/design" + ".md",
        "(design" + ".md § 2)",
        "conventions" + ".md § 1",
        "asked for in " + "issue " + "9",
        "Issue " + "6 done when",
        "(promise " + "4)",
        "§ 24c stk. 1 (" + "001:" + "3796-3799)",
    ):
        assert OUTSIDE.search(line), line
    for line in ("§ 24c, stk. 3, nr. 1", "docs/architecture.md § 2", "10:30", "issues"):
        assert not OUTSIDE.search(line), line


def test_architecture_doc_has_the_change_table() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for heading in ("Layers", "Key hierarchy", "Threat model", "data flow of a report"):
        assert heading in doc, heading
    for change in ("a new statute rule", "a new page", "a new figure", "a new setting"):
        assert f"| {change} |" in doc, change
    assert "| a new file format |" in doc
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
