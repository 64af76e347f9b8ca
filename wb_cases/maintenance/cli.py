"""`wb backup`, `wb restore`, `wb fsck`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import common_from_env
from ..errors import WbError


def _recovery_key(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    return str(click.prompt("Recovery key", hide_input=True))


@click.command("backup")
@click.argument("dest", type=click.Path(path_type=Path))
def backup_command(dest: Path) -> None:
    """Write a consistent, still-encrypted backup of database and files to DEST."""
    from .backup import create_backup

    try:
        summary = create_backup(common_from_env(), dest)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"backup written to {summary.path}: {sum(summary.rows.values())} rows, "
        f"{summary.files} files"
    )


@click.command("restore")
@click.argument("src", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--recovery-key-stdin", is_flag=True, help="Read the recovery key from stdin.")
def restore_command(src: Path, recovery_key_stdin: bool) -> None:
    """Restore a backup into an empty instance (needs the recovery key)."""
    from .backup import restore_backup

    try:
        counts = restore_backup(common_from_env(), src, _recovery_key(recovery_key_stdin))
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored {sum(counts.values())} rows from {src}")


@click.command("fsck")
@click.option("--deep", is_flag=True, help="Decrypt every record (asks for the recovery key).")
@click.option("--recovery-key-stdin", is_flag=True)
@click.option("--repair", is_flag=True, help="Delete orphaned and leftover staging files.")
def fsck_command(deep: bool, recovery_key_stdin: bool, repair: bool) -> None:
    """Find orphaned files, rows without files and undecryptable records."""
    from ..backend import open_backend
    from ..onion import permission_problems
    from ..services.keyring import unlock_with_recovery_key
    from .fsck import check_store

    config = common_from_env()
    backend = open_backend(config)
    with backend.sessions() as session:
        keys = None
        if deep:
            try:
                keys = unlock_with_recovery_key(session, _recovery_key(recovery_key_stdin))
            except WbError as error:
                raise click.ClickException(str(error)) from None
        report = check_store(session, backend.file_store, keys, repair=repair)
    report.onion_permissions = permission_problems(config.onion_paths)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        if repair:
            click.echo("orphaned and staging files were deleted; rows without files remain")
        raise SystemExit(1)
    click.echo("everything is consistent")
