"""Create a new instance: secrets, keys, schema and the first head of unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..backend import open_backend
from ..config import CommonConfig
from ..errors import InstanceExistsError
from ..migrate import upgrade
from ..models.staff import Role
from . import keyring, staff


@dataclass(frozen=True, repr=False)
class NewInstance:
    recovery_key: str
    admin_username: str

    def __repr__(self) -> str:
        return f"NewInstance(admin={self.admin_username!r})"


def init_instance(
    config: CommonConfig,
    *,
    admin_username: str,
    admin_password: str,
    admin_name: str,
    today: dt.date,
) -> NewInstance:
    """Set up an empty instance; refuse to touch one that exists."""
    paths = config.paths
    if paths.exists() or (paths.secrets_dir.exists() and any(paths.secrets_dir.iterdir())):
        raise InstanceExistsError(f"{paths.root} already holds an instance")
    paths.create_dirs()
    paths.generate_secrets()
    backend = open_backend(config)
    backend.file_store.ensure()
    upgrade(backend.engine)
    with backend.sessions() as session, session.begin():
        keys, recovery_key = keyring.create_unit_keys(session, paths)
        staff.add_staff(
            session,
            keys,
            username=admin_username,
            display_name=admin_name,
            role=Role.HEAD,
            password=admin_password,
            pepper=paths.read_secret("backoffice_pepper"),
            kdf=config.kdf,
            today=today,
        )
    return NewInstance(recovery_key=recovery_key, admin_username=admin_username)
