"""Domain errors the services raise; each app maps them to a page in one handler."""


class WbError(Exception):
    """Base of every error a service raises on purpose."""


class ConfigError(WbError):
    """The environment or the instance directory is not usable."""


class InstanceExistsError(WbError):
    """`wb init` found an instance and refuses to overwrite it."""


class UnknownReceiptError(WbError):
    """The receipt code opens no case (one generic answer, whatever the reason)."""


class NotFoundError(WbError):
    """The case, matter or file does not exist."""


class PermissionDeniedError(WbError):
    """This staff member may not do this."""


class LoginFailedError(WbError):
    """Wrong user name or password (one generic answer)."""


class AccountLockedError(WbError):
    """Too many failed logins; the account is locked for a while."""


class ServerBusyError(WbError):
    """Too many key derivations at once; try again in a minute."""


class StorageError(WbError):
    """A file could not be stored or read back."""


class TooManyFilesError(WbError):
    """More attachments than the configured maximum."""


class FileTooLargeError(WbError):
    """An attachment is larger than the configured maximum."""


class WorkflowError(WbError):
    """The act is not possible in the case's present state (shown as a form error)."""
