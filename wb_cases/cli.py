"""The `wb` command: everything an operator does, configured by WB_* variables."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from .clock import today
from .config import CommonConfig, common_from_env
from .errors import WbError

APPS = {
    "portal": ("wb_portal:create_app()", 8000),
    "backoffice": ("wb_backoffice:create_app()", 8001),
}
GUNICORN_CONF = Path(__file__).parent / "web" / "gunicorn_conf.py"


def _fail(error: Exception) -> None:
    raise click.ClickException(str(error))


@click.group()
def main() -> None:
    """Whistleblower case system: portal, back office and the unit's tools."""


@main.command()
@click.option("--admin", "admin_username", help="User name of the first head of unit.")
@click.option("--name", "admin_name", default=None, help="Display name of the first head of unit.")
@click.option("--password-stdin", is_flag=True, help="Read the head of unit's password from stdin.")
def init(admin_username: str | None, admin_name: str | None, password_stdin: bool) -> None:
    """Create a new instance; print the recovery key once. Refuses to overwrite."""
    from .services.setup import init_instance

    config = common_from_env()
    if admin_username is None:
        admin_username = click.prompt("User name of the head of unit", default="leder")
    generated = False
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password, generated = secrets.token_urlsafe(15), True
    if len(password) < 12:
        raise click.ClickException("the password must be at least 12 characters")
    try:
        created = init_instance(
            config,
            admin_username=admin_username,
            admin_password=password,
            admin_name=admin_name or admin_username,
            today=today(),
        )
    except WbError as error:
        _fail(error)
        return
    click.echo(f"Instance created in {config.data_dir}.")
    click.echo("")
    click.echo("RECOVERY KEY (shown once; print it and keep it offline, it opens every case):")
    click.echo(f"    {created.recovery_key}")
    click.echo("")
    click.echo(f"Head of unit: {created.admin_username}")
    if generated:
        click.echo(f"Temporary password (shown once; change it at first login): {password}")


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from .backend import open_backend
    from .migrate import upgrade

    upgrade(open_backend(common_from_env()).engine)
    click.echo("database is at the newest schema")


def _gunicorn_argv(app: str, host: str, port: int, workers: int) -> list[str]:
    target, _ = APPS[app]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [
        str(gunicorn),
        "--config",
        str(GUNICORN_CONF),
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        target,
    ]


@main.command()
@click.argument("app", type=click.Choice(sorted(APPS)))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Default: 8000 portal, 8001 back office.")
@click.option("--workers", type=int, default=2, show_default=True)
def serve(app: str, host: str, port: int | None, workers: int) -> None:
    """Serve one app with gunicorn (no access log; addresses are never logged)."""
    argv = _gunicorn_argv(app, host, port or APPS[app][1], workers)
    os.execv(argv[0], argv)  # noqa: S606 - our own gunicorn, arguments built above


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
def run(host: str) -> None:
    """Initialise on first start, then serve portal :8000 and back office :8001 until Ctrl-C."""
    from .backend import open_backend
    from .migrate import upgrade

    config = common_from_env()
    if not config.paths.exists():
        click.get_current_context().invoke(
            init, admin_username="leder", admin_name="Leder", password_stdin=False
        )
    upgrade(open_backend(config).engine)
    # The onion address first: the portal announces it from its first request on.
    children = _start_onion(config)
    children += [
        subprocess.Popen(_gunicorn_argv(app, host, port, 2))  # noqa: S603 - our own gunicorn
        for app, (_, port) in APPS.items()
    ]
    click.echo(f"portal: http://{host}:8000/   back office: http://{host}:8001/   (Ctrl-C stops)")
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            child.wait(timeout=30)


def _start_onion(config: CommonConfig) -> list[subprocess.Popen[bytes]]:
    """With WB_ONION=1 and tor installed, publish the portal and print its onion address."""
    if not config.onion:
        return []
    from . import onion
    from .onion_cli import set_up

    try:
        addresses = set_up(config)
    except WbError as error:
        click.echo(f"onion service not started: {error}", err=True)
        return []
    click.echo(f"onion address of the portal (Tor Browser): http://{addresses['portal']}/")
    return [onion.start_tor(config.onion_paths)]


@main.group()
def staff() -> None:
    """Staff accounts."""


def _unlock_for_granting(session, config, as_user: str | None):  # type: ignore[no-untyped-def]
    """Unlock the unit key from a head of unit's password, or from the recovery key."""
    from .services import keyring
    from .services import staff as staff_service

    if as_user:
        password = click.prompt(f"Password of {as_user}", hide_input=True)
        member, keys = staff_service.check_password(
            session, as_user, password, config.paths.read_secret("backoffice_pepper")
        )
        if member.role != "head" or keys is None:
            raise click.ClickException("only a head of unit can add staff")
        return keys, member.id
    recovery = click.prompt("Recovery key", hide_input=True)
    return keyring.unlock_with_recovery_key(session, recovery), "recovery-key"


@staff.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["caseworker", "head", "committee"]), required=True)
@click.option("--name", "display_name", default=None)
@click.option("--email", default=None)
@click.option(
    "--as", "as_user", default=None, help="Head of unit who grants the keys (else: recovery key)."
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the newcomer's first password from stdin."
)
@click.option(
    "--sso-subject",
    default=None,
    help="With single sign-on: the provider's stable id for the member (not the e-mail).",
)
def staff_add(
    username: str,
    role: str,
    display_name: str | None,
    email: str | None,
    as_user: str | None,
    password_stdin: bool,
    sso_subject: str | None,
) -> None:
    """Add a member and wrap the unit key for them."""
    from .backend import open_backend
    from .models.staff import Role
    from .services import staff as staff_service

    config = common_from_env()
    backend = open_backend(config)
    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(15)
    try:
        with backend.sessions() as session, session.begin():
            keys = None
            staff_id = "system"
            if role != Role.COMMITTEE:
                keys, staff_id = _unlock_for_granting(session, config, as_user)
            staff_service.add_staff(
                session,
                keys,
                username=username,
                display_name=display_name or username,
                role=Role(role),
                password=password,
                email=email,
                pepper=config.paths.read_secret("backoffice_pepper"),
                kdf=config.kdf,
                today=today(),
                staff_id=staff_id,
                sso_subject=sso_subject,
            )
    except WbError as error:
        _fail(error)
    click.echo(f"added {username} ({role}); they must change the password at first login")
    if not password_stdin:
        click.echo(f"temporary password (shown once): {password}")


@staff.command("remove")
@click.argument("username")
@click.option(
    "--hand-over-to",
    "successor",
    default=None,
    help="Move the member's cases to this member first.",
)
def staff_remove(username: str, successor: str | None) -> None:
    """Remove a member: delete their wrapped keys and end their sessions."""
    from sqlalchemy import select

    from .backend import open_backend
    from .models import Staff
    from .services import handover, onion_access
    from .services import staff as staff_service

    config = common_from_env()
    backend = open_backend(config)
    try:
        with backend.sessions() as session, session.begin():
            if successor:
                ids = {name: id_ for name, id_ in session.execute(select(Staff.username, Staff.id))}
                if username not in ids or successor not in ids:
                    raise click.ClickException("unknown user name")
                moved = handover.hand_over_cases(
                    session, ids[username], ids[successor], staff_id="system", today=today()
                )
                click.echo(f"handed {len(moved)} case(s) over to {successor}")
            staff_service.remove_staff(session, username, today=today())
            member_id = session.scalar(select(Staff.id).where(Staff.username == username))
            if member_id and onion_access.revoke_key(
                session, config.onion_paths, member_id, staff_id="system", today=today()
            ):
                click.echo(f"{username}'s key for the back office's onion service is withdrawn")
    except WbError as error:
        _fail(error)
    click.echo(f"removed {username}")


@staff.command("list")
def staff_list() -> None:
    """List members and roles."""
    from .backend import open_backend
    from .services import staff as staff_service

    backend = open_backend(common_from_env())
    with backend.sessions() as session:
        for member in staff_service.list_staff(session):
            state = "active" if member.active else "removed"
            click.echo(f"{member.username:20} {member.role:11} {state:8} {member.display_name}")


@main.command()
@click.argument("facts_file", type=click.File("r"))
def triage(facts_file) -> None:  # type: ignore[no-untyped-def]
    """Print the decision for one matter's facts (JSON in, JSON out; see docs/triage.md)."""
    import policies

    try:
        facts = policies.MatterFacts.from_dict(json.load(facts_file))
        decision = policies.decide(facts, common_from_env().unit_options)  # WB_OPTION_*
    except (ValueError, policies.PolicyViolation) as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(decision.to_dict(), indent=2, ensure_ascii=False))


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
@click.option("--head", "expected_head", default=None, help="A head hash copied out earlier.")
def audit_verify(expected_head: str | None) -> None:
    """Check that no entry was edited, removed or reordered."""
    from .backend import open_backend
    from .services.audit import verify_log

    backend = open_backend(common_from_env())
    with backend.sessions() as session:
        verdict = verify_log(session, expected_head)
    if not verdict.ok:
        raise click.ClickException(f"audit log is NOT intact: {verdict.problem}")
    click.echo(f"audit log intact: {verdict.entries} entries, head {verdict.head}")


from .maintenance.cli import backup_command, fsck_command, restore_command  # noqa: E402

main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(fsck_command)

from .onion_cli import onion_command  # noqa: E402

main.add_command(onion_command)

from .sso.cli import sso_command  # noqa: E402

main.add_command(sso_command)

from .summaries.cli import import_command, summary_command  # noqa: E402

main.add_command(summary_command)
main.add_command(import_command)


@main.command()
@click.option(
    "--days", default=7, show_default=True, help="Remind of deadlines due within this many days."
)
def remind(days: int) -> None:
    """Mail staff the deadlines due (case numbers only) with the audit chain head."""
    from .backend import open_backend
    from .config import backoffice_from_env
    from .services.remind import send_reminders

    config = backoffice_from_env()
    backend = open_backend(config.common)
    try:
        with backend.sessions() as session, session.begin():
            sent = send_reminders(
                session,
                host=config.smtp_host,
                port=config.smtp_port,
                mail_from=config.mail_from,
                today=today(),
                horizon_days=days,
            )
    except OSError as error:
        raise click.ClickException(f"could not send mail: {error}") from None
    click.echo(f"sent {sent} reminder mail(s)")


@main.command()
def notify() -> None:
    """Mail owners (or the heads) the case numbers with new reports or reporter messages."""
    from .backend import open_backend
    from .config import backoffice_from_env
    from .services.work_notices import send_work_notices

    config = backoffice_from_env()
    backend = open_backend(config.common)
    try:
        with backend.sessions() as session, session.begin():
            sent = send_work_notices(
                session, host=config.smtp_host, port=config.smtp_port, mail_from=config.mail_from
            )
    except OSError as error:
        raise click.ClickException(f"could not send mail: {error}") from None
    click.echo(f"sent {sent} notice mail(s)")


@main.command()
def sweep() -> None:
    """End expired sessions and delete expired report drafts with their files (run it often)."""
    from .backend import open_backend
    from .config import common_from_env
    from .services.drafts import sweep_expired

    backend = open_backend(common_from_env())
    with backend.sessions() as session, session.begin():
        sessions_ended, drafts_deleted = sweep_expired(session, backend.file_store)
    click.echo(f"ended {sessions_ended} session(s), deleted {drafts_deleted} draft(s)")


@main.command()
@click.option("--dry-run", is_flag=True, help="List the warning list; delete nothing.")
def purge(dry_run: bool) -> None:
    """Delete closed cases past retention: content, files, keys; keep a plain tombstone.

    Periods come from WB_RETENTION_* (docs/retention.md); held cases are skipped.
    """
    from .backend import open_backend
    from .services import retention

    common = common_from_env()
    config = common.retention
    backend = open_backend(common)
    with backend.sessions() as session:
        if dry_run:
            for due in retention.due_for_deletion(session, today(), config):
                state = (
                    "held: " + (due.hold_reason or "")
                    if due.legal_hold
                    else "would purge"
                    if due.ends <= today()
                    else "due"
                )
                click.echo(f"{due.number}  ends {due.ends}  {state}")
            return
        with session.begin():
            numbers, blobs = retention.purge_expired(
                session,
                today=today(),
                settings=config.settings,
                after_input_months=config.after_reporter_input_months,
            )
    retention.delete_blobs(backend.file_store, blobs)  # only after the rows are gone for good
    for number in numbers:
        click.echo(f"purged {number}")
    click.echo(f"{len(numbers)} case(s) purged, {len(blobs)} file(s) deleted")


from .journal_cli import export_case_command  # noqa: E402

main.add_command(export_case_command)
