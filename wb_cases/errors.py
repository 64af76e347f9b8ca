"""Domain errors the services raise; each app maps them to a page in one handler."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Refused(StrEnum):
    """Why a service refused an act staff tried: a code each app turns into a sentence in
    its interface language (the back office: `wb_backoffice/refusals.py`). The English
    reason an error carries is for logs and the CLI only."""

    ALREADY_ACKNOWLEDGED = "already_acknowledged"
    FEEDBACK_EMPTY = "feedback_empty"
    CASE_CLOSED = "case_closed"
    CASE_ALREADY_CLOSED = "case_already_closed"
    CLOSE_MATTERS_FIRST = "close_matters_first"
    SPLIT_FIRST = "split_first"
    TOO_MANY_MATTERS = "too_many_matters"
    OVERRIDE_REASON_MISSING = "override_reason_missing"
    REQUEST_OUTSIDE_INVESTIGATION = "request_outside_investigation"
    REQUEST_ANSWERED = "request_answered"
    NO_RETALIATION_NOTICE = "no_retaliation_notice"
    NOT_DECLINED_24D = "not_declined_24d"
    NO_RECOMMENDATION = "no_recommendation"
    COMMITTEE_ONLY_NOT_FOLLOWED = "committee_only_not_followed"
    DUTY_NOT_OPEN = "duty_not_open"
    NO_WAY_BACK_REASON = "no_way_back_reason"
    CASE_NOT_CLOSED = "case_not_closed"
    NO_INPUT_AFTER_CLOSING = "no_input_after_closing"
    ALREADY_HELD = "already_held"
    NOT_HELD = "not_held"
    HANDOVER_TARGET_CANNOT_HOLD = "handover_target_cannot_hold"
    HANDOVER_SAME_MEMBER = "handover_same_member"
    JOURNAL_REF_MISSING = "journal_ref_missing"
    JOURNAL_DOCUMENT_UNKNOWN = "journal_document_unknown"
    NOT_FORWARDED = "not_forwarded"
    FORWARD_DOCUMENTS_UNKNOWN = "forward_documents_unknown"
    NO_SAFE_COPY = "no_safe_copy"
    MINUTES_NOT_PENDING = "minutes_not_pending"
    CORRECTION_EMPTY = "correction_empty"


class WbError(Exception):
    """Base of every error a service raises on purpose. A refusal staff meet carries its
    `code` (`Refused`) and the numbers its sentence needs in `data`, never a sentence."""

    def __init__(
        self, *args: object, code: Refused | None = None, data: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(*args)
        self.code = code
        self.data: dict[str, object] = dict(data or {})


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


class DamagedFileError(WbError):
    """A stored file failed authentication (cut or altered); nothing of it is sent."""
