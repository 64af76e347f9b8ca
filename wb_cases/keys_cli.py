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
    """Return (keys, actor) from a head of unit's password or the recovery key."""
    from .services import keyring
    from .services import staff as staff_service

    if as_user:
        password = click.prompt(f"Password of {as_user}", hide_input=True)
        member, keys = staff_service.check_password(
            session, as_user, password, config.paths.read_secret("backoffice_pepper")
        )
        if member.role != "head" or keys is None or keys.custodian_private is None:
            raise click.ClickException("only a head of unit holds the keys this needs")
        return keys, member.id
    if recovery_stdin:
        recovery = sys.stdin.readline().strip()
    else:
        recovery = click.prompt("Recovery key", hide_input=True)
    return keyring.unlock_with_recovery_key(session, recovery), "recovery-key"


_as_option = click.option(
    "--as", "as_user", default=None, help="Head of unit whose password opens the keys."
)
_recovery_option = click.option(
    "--recovery-key-stdin", "recovery_stdin", is_flag=True, help="Read the recovery key from stdin."
)


@click.group("keys")
def keys_group() -> None:
    """The unit's keys: re-encrypt old rows."""


@keys_group.command("reseal")
@_as_option
@_recovery_option
def keys_reseal(as_user: str | None, recovery_stdin: bool) -> None:
    """Re-encrypt messages and attachments still under the first build's associated data."""
    from .services.rekey import reseal_old_rows
    from .store import open_store

    config = common_from_env()
    store = open_store(config)
    try:
        with store.sessions() as session, session.begin():
            keys, _actor = unlock(session, config, as_user, recovery_stdin)
            result = reseal_old_rows(session, keys)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"re-encrypted {result.messages} message(s) and {result.attachments} attachment(s) "
        "under the current associated data"
    )
