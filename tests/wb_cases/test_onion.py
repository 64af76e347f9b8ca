"""`wb onion`: tor creates the services' keys (no network needed), the torrc publishes loopback
ports only, members' client keys are issued and withdrawn, and the files keep tight modes."""

from __future__ import annotations

import base64
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from werkzeug.serving import make_server

from tests.onion_helpers import make_onion_address
from wb_cases import onion
from wb_portal import create_app

pytestmark = pytest.mark.skipif(shutil.which("tor") is None, reason="Debian's tor is not installed")


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> tuple[onion.OnionPaths, dict[str, str]]:
    """Both services created once by a real tor, offline."""
    paths = onion.OnionPaths.of(tmp_path_factory.mktemp("data"))
    addresses = onion.create_services(paths, onion.OnionSettings(staff=True))
    return paths, addresses


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _blocks(torrc: str) -> dict[str, list[str]]:
    """HiddenServicePort lines per HiddenServiceDir."""
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in torrc.splitlines():
        if line.startswith("HiddenServiceDir "):
            current = line.split(" ", 1)[1]
            blocks[current] = []
        elif line.startswith("HiddenServicePort "):
            blocks[current].append(line.split(" ", 1)[1])
    return blocks


def test_tor_creates_v3_addresses_with_private_keys(services) -> None:  # type: ignore[no-untyped-def]
    paths, addresses = services
    assert onion.is_onion_address(addresses["portal"])
    assert onion.is_onion_address(addresses["backoffice"])
    assert addresses["portal"] != addresses["backoffice"]
    assert onion.address(paths.portal) == addresses["portal"]
    for directory in (paths.root, paths.portal, paths.staff, paths.clients):
        assert _mode(directory) == 0o700, directory
    for name in onion.KEY_FILES:
        assert _mode(paths.portal / name) == 0o600
    assert _mode(paths.torrc) == 0o600
    assert onion.permission_problems(paths) == []


def test_the_torrc_forwards_to_loopback_only_and_the_back_office_never_on_the_portal(
    services,
) -> None:  # type: ignore[no-untyped-def]
    paths, _ = services
    torrc = paths.torrc.read_text()
    assert "SocksPort 0" in torrc.splitlines()
    assert "DisableNetwork 1" not in torrc  # the offline start is only for creating the keys
    blocks = _blocks(torrc)
    assert blocks == {
        str(paths.portal): ["80 127.0.0.1:8000"],
        str(paths.staff): ["80 127.0.0.1:8001"],
    }


def test_without_the_staff_option_only_the_portal_is_published(tmp_path: Path) -> None:
    paths = onion.OnionPaths.of(tmp_path)
    torrc = onion.render_torrc(paths, onion.OnionSettings(portal_port=8123))
    assert _blocks(torrc) == {str(paths.portal): ["80 127.0.0.1:8123"]}


def test_tor_accepts_the_generated_configuration_with_client_keys(services) -> None:  # type: ignore[no-untyped-def]
    paths, _ = services
    onion.issue_client_key(paths, "verify-member")
    result = subprocess.run(  # noqa: S603 - fixed argv
        ["tor", "--verify-config", "-f", str(paths.torrc)],  # noqa: S607
        capture_output=True,
        timeout=60,
        check=False,
    )
    onion.revoke_client_key(paths, "verify-member")
    assert result.returncode == 0, result.stdout.decode()[-800:]


def test_a_client_key_is_issued_once_and_withdrawn(services) -> None:  # type: ignore[no-untyped-def]
    paths, addresses = services
    line = onion.issue_client_key(paths, "member-1")
    service, kind, algorithm, private_b32 = line.split(":")
    assert f"{service}.onion" == addresses["backoffice"]
    assert (kind, algorithm) == ("descriptor", "x25519")
    # The server keeps the public half of exactly the private half handed out, and nothing more.
    stored = (paths.clients / "member-1.auth").read_text().strip()
    private = X25519PrivateKey.from_private_bytes(base64.b32decode(private_b32 + "===="))
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert stored == "descriptor:x25519:" + base64.b32encode(public).decode().rstrip("=")
    assert private_b32 not in stored
    assert _mode(paths.clients / "member-1.auth") == 0o600
    assert onion.client_members(paths) == ["member-1"]

    assert onion.revoke_client_key(paths, "member-1")
    assert not (paths.clients / "member-1.auth").exists()
    assert onion.client_members(paths) == []
    assert not onion.revoke_client_key(paths, "member-1")


def test_a_member_name_cannot_reach_outside_the_clients_directory(services) -> None:  # type: ignore[no-untyped-def]
    paths, _ = services
    with pytest.raises(onion.OnionError):
        onion.issue_client_key(paths, "../../portal/hostname")


def test_loose_modes_are_reported(services) -> None:  # type: ignore[no-untyped-def]
    paths, _ = services
    key = paths.portal / "hs_ed25519_secret_key"
    key.chmod(0o644)
    try:
        assert any("hs_ed25519_secret_key" in p for p in onion.permission_problems(paths))
    finally:
        key.chmod(0o600)


def test_a_damaged_address_is_not_accepted() -> None:
    good = make_onion_address()
    assert onion.is_onion_address(good)
    flipped = ("b" if good[0] != "b" else "c") + good[1:]
    assert not onion.is_onion_address(flipped)
    assert not onion.is_onion_address(good.removesuffix(".onion"))
    assert not onion.is_onion_address("example.com")


@pytest.fixture
def portal_on_forwarded_port(instance) -> Iterator[int]:  # type: ignore[no-untyped-def]
    app = create_app(instance.portal, TESTING=True)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


def test_the_portal_answers_on_the_port_tor_forwards_to(
    tmp_path: Path, portal_on_forwarded_port: int
) -> None:
    import urllib.request

    paths = onion.OnionPaths.of(tmp_path)
    torrc = onion.render_torrc(paths, onion.OnionSettings(portal_port=portal_on_forwarded_port))
    (target,) = _blocks(torrc)[str(paths.portal)]
    host_port = target.split(" ", 1)[1]
    assert host_port.startswith("127.0.0.1:")
    with urllib.request.urlopen(f"http://{host_port}/", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert "<h1>Indberet alvorlige forhold" in response.read().decode()
