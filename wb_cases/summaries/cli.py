"""`wb summary` and `wb import`, registered on the `wb` group at the end of wb_cases/cli.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..clock import today
from ..config import common_from_env
from ..errors import WbError
from .periods import Period, parse_period

FORMATS = ("html", "pdf", "csv", "json")


def _period(start: dt.datetime | None, end: dt.datetime | None, named: str | None) -> Period:
    if named:
        if start or end:
            raise click.UsageError("give either --period or --from/--to, not both")
        return parse_period(named)
    if not (start and end):
        raise click.UsageError("give --from and --to (inclusive dates), or --period")
    return Period(start.date(), end.date())


@click.command("summary")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (inclusive).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (inclusive).")
@click.option(
    "--period",
    "named",
    default=None,
    help="Instead of --from/--to: 2016/17 (reporting year), 2024-Q1, 2023-H2, 2024-03, 2023.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "--internal",
    is_flag=True,
    help="The unit's own view: exact figures, any range. Never for the committee.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; '-' writes csv or json to standard output.",
)
def summary_command(
    start: dt.datetime | None,
    end: dt.datetime | None,
    named: str | None,
    fmt: str,
    internal: bool,
    out: Path,
) -> None:
    """Write the figures for a period (docs/summaries.md)."""
    from ..backend import open_backend
    from .render import render
    from .summary import build_summary

    try:
        common = common_from_env()
        period = _period(start, end, named)
        backend = open_backend(common)
        with backend.sessions() as session:
            summary = build_summary(
                session,
                period,
                internal=internal,
                today=today(),
                threshold=common.summary_threshold,
            )
        data = render(summary, fmt)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    if str(out) == "-":
        if fmt == "pdf":
            raise click.UsageError("write a PDF to a file, not to standard output")
        click.echo(data.decode(), nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    click.echo(f"wrote {period.label} ({summary.version}, {fmt}) to {out}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and count; change nothing.")
def import_command(file: Path, dry_run: bool) -> None:
    """Import earlier cases from FILE.json (format: docs/import-format.md); all or nothing."""
    from ..backend import open_backend
    from ..db import transaction
    from ..services.importing import import_cases

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file.name} is not valid JSON: {error}") from None
    backend = open_backend(common_from_env())
    try:
        with backend.sessions() as session:
            if dry_run:
                result = import_cases(session, document, today=today())
                session.rollback()
            else:
                with transaction(session):
                    result = import_cases(session, document, today=today())
    except WbError as error:
        raise click.ClickException(f"nothing imported: {error}") from None
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {result.imported} cases with {result.matters} matters; "
        f"{result.skipped} already imported"
    )
