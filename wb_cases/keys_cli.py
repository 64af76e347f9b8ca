"""`wb keys …`: re-encrypt old rows, and (in later commands) certify and rotate the unit keys.

Every command here needs the unit private key: from a head of unit's password
(`--as NAME`) or from the recovery key (`--recovery-key-stdin`, else a prompt),
as `wb staff add` does.
"""

from __future__ import annotations

import sys

import click

from .config import CommonConfig, common_from_env
from .errors import WbError


def unlock(session, config: CommonConfig, as_user: str | None, recovery_stdin: bool):  # type: ignore[no-untyped-def]
    """Return (keys, actor, recovery key or None) from a head's password or the recovery key."""
    from .services import keyring
    from .services import staff as staff_service

    if as_user:
        password = click.prompt(f"Password of {as_user}", hide_input=True)
        member, keys = staff_service.check_password(
            session, as_user, password, config.paths.read_secret("backoffice_pepper")
        )
        if member.role != "head" or keys is None or keys.custodian_private is None:
            raise click.ClickException("only a head of unit holds the keys this needs")
        return keys, member.id, None
    if recovery_stdin:
        recovery = sys.stdin.readline().strip()
    else:
        recovery = click.prompt("Recovery key", hide_input=True)
    return keyring.unlock_with_recovery_key(session, recovery), "recovery-key", recovery


_as_option = click.option(
    "--as", "as_user", default=None, help="Head of unit whose password opens the keys."
)
_recovery_option = click.option(
    "--recovery-key-stdin", "recovery_stdin", is_flag=True, help="Read the recovery key from stdin."
)


@click.group("keys")
def keys_group() -> None:
    """The unit's keys: certify them, re-encrypt old rows, rotate them."""


@keys_group.command("reseal")
@_as_option
@_recovery_option
def keys_reseal(as_user: str | None, recovery_stdin: bool) -> None:
    """Re-encrypt messages and attachments still under the first build's associated data."""
    from .backend import open_backend
    from .services.rekey import reseal_old_rows

    config = common_from_env()
    backend = open_backend(config)
    try:
        with backend.sessions() as session, session.begin():
            keys, _actor, _recovery = unlock(session, config, as_user, recovery_stdin)
            result = reseal_old_rows(session, keys)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"re-encrypted {result.messages} message(s) and {result.attachments} attachment(s) "
        "under the current associated data"
    )


@keys_group.command("certify")
@_recovery_option
def keys_certify(recovery_stdin: bool) -> None:
    """Check the public keys against the private keys, then vouch for them and key the audit log.

    Run once on an instance from the first build (creates the integrity and
    audit keys), and after putting back a public key the portal refused.
    """
    from .backend import open_backend
    from .clock import today
    from .services import key_status

    config = common_from_env()
    # Before the backend opens, so its sessions carry a newly created audit key.
    created = config.paths.generate_missing_secrets()
    backend = open_backend(config)
    try:
        with backend.sessions() as session, session.begin():
            keys, actor, recovery = unlock(session, config, None, recovery_stdin)
            rechained = key_status.certify(
                session, config.paths, keys, recovery, actor=actor, today=today()
            )
    except WbError as error:
        raise click.ClickException(str(error)) from None
    if created:
        click.echo(f"created {', '.join(created)} in {config.paths.secrets_dir}")
    click.echo("public keys match the private keys; their proof is written")
    if rechained:
        click.echo(f"audit log re-chained with the audit key: {rechained} entries")


@keys_group.command("rotate")
@click.option("--custodian", is_flag=True, help="Also a new custodian key pair (identities).")
@_recovery_option
def keys_rotate(custodian: bool, recovery_stdin: bool) -> None:
    """A new unit key pair: every case re-sealed, every remaining member reached again.

    Needs the recovery key (only it renews its own wrap). Safe to run again after
    a crash: it resumes with the keys it made, and no case is unreadable meanwhile.
    """
    from .backend import open_backend
    from .clock import today
    from .services import rotation

    config = common_from_env()
    backend = open_backend(config)
    if recovery_stdin:
        recovery = sys.stdin.readline().strip()
    else:
        recovery = click.prompt("Recovery key", hide_input=True)
    try:
        with backend.sessions() as session, session.begin():
            rotating = rotation.start(session, recovery, custodian=custodian)
        rotation.publish(config.paths, rotating)
        with backend.sessions() as session:
            pending = rotation.count_pending(session, rotating)
        with click.progressbar(length=pending, label="re-sealing cases", file=sys.stderr) as bar:
            failed = rotation.reseal_all(backend.sessions, rotating, bar.update)
        if failed:
            raise click.ClickException(
                f"{len(failed)} case(s) open with neither key ({', '.join(failed[:10])}); "
                "nothing was finished: run `wb fsck --deep`, then `wb keys rotate` again"
            )
        with backend.sessions() as session, session.begin():
            members = rotation.reach_members(session, rotating)
            rotation.finish(session, recovery, rotating, cases=pending, today=today())
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"rotated: {pending} case(s) re-sealed; {len(members.reached)} member(s) reached")
    if members.without_member_key:
        click.echo(
            "these members have not logged in since the upgrade and hold no key now; "
            f"remove and add them again: {', '.join(members.without_member_key)}"
        )
    click.echo("every member logs in again; restart nothing: intake reads the new keys")
