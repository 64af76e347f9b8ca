"""`wb onion`: publish the portal (and optionally the back office) as onion services."""

from __future__ import annotations

import shutil

import click

from . import onion
from .config import CommonConfig, common_from_env
from .errors import WbError


def _settings(config: CommonConfig, staff: bool) -> onion.OnionSettings:
    return onion.OnionSettings(staff=staff or config.onion_staff)


def set_up(config: CommonConfig, *, staff: bool = False) -> dict[str, str]:
    """Create the services' keys and torrc; return the addresses (portal, maybe back office)."""
    if shutil.which("tor") is None:
        raise onion.OnionError("tor is not installed (Debian: apt install tor)")
    return onion.create_services(config.onion_paths, _settings(config, staff))


@click.group("onion", invoke_without_command=True)
@click.option("--staff", is_flag=True, help="Also publish the back office, for members with a key.")
@click.pass_context
def onion_command(ctx: click.Context, staff: bool) -> None:
    """Set up tor's onion service for the portal and print its address."""
    if ctx.invoked_subcommand is not None:
        return
    config = common_from_env()
    try:
        addresses = set_up(config, staff=staff)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"portal: http://{addresses['portal']}/")
    if "backoffice" in addresses:
        click.echo(f"back office (client key needed): http://{addresses['backoffice']}/")
    click.echo(
        f"tor configuration: {config.onion_paths.torrc}  (run: tor -f {config.onion_paths.torrc})"
    )


@onion_command.command("show")
def show() -> None:
    """Print the onion addresses (nothing when none is set up)."""
    paths = common_from_env().onion_paths
    try:
        portal, staff = onion.address(paths.portal), onion.address(paths.staff)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    if portal is None:
        raise click.ClickException("no onion service is set up; run `wb onion`")
    click.echo(portal)
    if staff is not None:
        click.echo(f"{staff} (back office, client key needed)")


@onion_command.group("client")
def client() -> None:
    """Members' keys for the back office's onion service."""


@client.command("add")
@click.argument("member")
def client_add(member: str) -> None:
    """Issue a key for MEMBER; prints the line for their Tor Browser once."""
    try:
        line = onion.issue_client_key(common_from_env().onion_paths, member)
    except WbError as error:
        raise click.ClickException(str(error)) from None
    click.echo("Give this line to the member, for Tor Browser's onion key prompt; it is not kept:")
    click.echo(line)


@client.command("remove")
@click.argument("member")
def client_remove(member: str) -> None:
    """Withdraw MEMBER's key."""
    if not onion.revoke_client_key(common_from_env().onion_paths, member):
        raise click.ClickException(f"{member} holds no key")
    click.echo(f"{member}'s key withdrawn")


@client.command("list")
def client_list() -> None:
    """List the members who hold a key."""
    for member in onion.client_members(common_from_env().onion_paths):
        click.echo(member)
