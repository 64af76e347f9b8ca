"""`wb export-case`: write a case's journal bundle, opened with the recovery key (issue 9)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .clock import today
from .config import common_from_env
from .errors import WbError


@click.command("export-case")
@click.argument("case_number")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write CASE_NUMBER/ into (sag.pdf, bilag/, metadata.json, manifest).",
)
def export_case_command(case_number: str, out_dir: Path) -> None:
    """Write a case as PDF/A with its files, metadata and SHA-256 manifest (never the identity).

    The recovery key is read from stdin (one line), since the CLI has no staff session.
    """
    from .backend import open_backend
    from .services import journal_bundle, keyring

    recovery_key = (
        sys.stdin.readline().strip()
        if not sys.stdin.isatty()
        else click.prompt("Recovery key", hide_input=True)
    )
    backend = open_backend(common_from_env())
    try:
        with backend.sessions() as session, session.begin():
            keys = keyring.unlock_with_recovery_key(session, recovery_key)
            # Only the unit key goes on: the custodian key (identities) is never needed.
            unit_only = keyring.UnlockedKeys(keys.unit_private)
            case_id = journal_bundle.case_id_for_number(session, case_number)
            bundle = journal_bundle.build_bundle(
                session,
                backend.file_store,
                unit_only,
                case_id,
                staff_id="recovery-key",
                today=today(),
            )
        target = journal_bundle.write_bundle(bundle, out_dir)
    except (WbError, FileExistsError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {len(bundle.files)} file(s) to {target}")
