"""`wb summary` and `wb import`, registered on the `wb` group at the end of wb_cases/cli.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from ..clock import today
from ..config import common_from_env
from ..errors import WbError
from .periods import Period, parse_period

FORMATS = ("html", "pdf", "csv", "json")


def _day(option: str, raw: str | None) -> dt.date | None:
    """A date given on the command line, or a one-line error naming the option."""
    if raw is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise click.ClickException(f"{option} {raw}: write the date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError as error:
        raise click.ClickException(f"{option} {raw}: there is no such date ({error})") from None


def _period(start: dt.date | None, end: dt.date | None, named: str | None) -> Period:
    if named:
        if start or end:
            raise click.UsageError("give either --period or --from/--to, not both")
        return parse_period(named)
    if not (start and end):
        raise click.UsageError("give --from and --to (inclusive dates), or --period")
    return Period(start, end)


def _write(out: Path, data: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as error:
        raise click.ClickException(
            f"cannot write {out}: {error.strerror or error}; choose another --out"
        ) from None


@click.command("summary")
@click.option("--from", "start", help="First day (inclusive), YYYY-MM-DD.")
@click.option("--to", "end", help="Last day (inclusive), YYYY-MM-DD.")
@click.option(
    "--period",
    "named",
    default=None,
    help=(
        "Instead of --from/--to: 2016/17 (reporting year), 2016/17-H1 (April–September), "
        "2024-Q1, 2023-H2, 2024-03, 2023."
    ),
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "--internal",
    is_flag=True,
    help="The unit's own view: exact figures, any range. Never for the committee.",
)
@click.option(
    "--lang",
    type=click.Choice(("da", "en")),
    default="da",
    show_default=True,
    help="html/pdf: 'en' gives the whole summary in English; csv/json keep Danish labels.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; '-' writes csv or json to standard output.",
)
def summary_command(
    start: str | None,
    end: str | None,
    named: str | None,
    fmt: str,
    internal: bool,
    lang: str,
    out: Path,
) -> None:
    """Write the figures for a period (docs/summaries.md)."""
    from ..backend import open_backend
    from .render import render
    from .summary import build_summary

    if str(out) == "-" and fmt == "pdf":
        raise click.UsageError("write a PDF to a file, not to standard output")
    try:
        config = common_from_env()
        period = _period(_day("--from", start), _day("--to", end), named)
        backend = open_backend(config)
        with backend.sessions() as session:
            summary = build_summary(
                session,
                period,
                internal=internal,
                today=today(),
                threshold=config.summary_threshold,
                scheme_start=config.scheme_start,
            )
        data = render(summary, fmt, lang)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    if str(out) == "-":
        click.echo(data.decode(), nl=False)
        return
    _write(out, data)
    click.echo(f"wrote {period.label} ({summary.version}, {fmt}) to {out}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and count; change nothing.")
@click.option(
    "--before-scheme-start",
    is_flag=True,
    help="Accept cases received before WB_SCHEME_START (refused otherwise).",
)
def import_command(file: Path, dry_run: bool, before_scheme_start: bool) -> None:
    """Import earlier cases from FILE.json (format: docs/import-format.md); all or nothing."""
    from ..backend import open_backend
    from ..db import transaction
    from ..services.importing import ImportResult, import_cases

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file.name} is not valid JSON: {error}") from None
    try:
        config = common_from_env()
        backend = open_backend(config)
        with backend.sessions() as session:

            def run() -> ImportResult:
                return import_cases(
                    session,
                    document,
                    unit_public_key=config.paths.read_public("unit"),
                    today=today(),
                    scheme_start=config.scheme_start,
                    before_scheme_start=before_scheme_start,
                )

            if dry_run:
                result = run()
                session.rollback()
            else:
                with transaction(session):
                    result = run()
    except WbError as error:
        raise click.ClickException(f"nothing imported: {error}") from None
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {result.imported} cases with {result.matters} matters; "
        f"{result.skipped} already imported"
    )
