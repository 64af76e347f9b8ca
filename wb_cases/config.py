"""Configuration from `WB_*` environment variables, one frozen dataclass per app.

`PortalConfig` has no field that can hold a private key: the portal process
only ever encrypts (design.md § 2, promise 2).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import policies
from crypto import KdfParams
from policies import RetentionClass

from .errors import ConfigError
from .instance import InstancePaths
from .onion import OnionPaths, is_onion_address
from .onion import address as onion_address
from .sso import OidcSettings, SamlSettings, SsoSettings
from .summaries.discretion import DEFAULT_THRESHOLD

MIB = 1024 * 1024

#: Months after the reporter's last input during which a case is kept whatever its class.
AFTER_REPORTER_INPUT_MONTHS = 6
#: How many days ahead the retention warning list looks.
WARNING_DAYS = 30
#: The variable for each retention class's months (defaults in docs/retention.md).
RETENTION_VARIABLES: dict[RetentionClass, str] = {
    cls: f"WB_RETENTION_{cls.name}_MONTHS" for cls in RetentionClass
}


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


# The unit options (policies.UnitOptions) by environment variable; a test checks
# that every option has one.
OPTION_VARIABLES = {
    "WB_OPTION_EXTERNAL_TOP_OFFICIALS": "external_investigation_top_officials",
    "WB_OPTION_CLOSE_ON_VOUCHING": "close_less_serious_on_vouching",
    "WB_OPTION_WORK_ENVIRONMENT_PROCEDURE": "work_environment_procedure",
    "WB_OPTION_LOWER_SERVICE_LEVEL": "lower_service_level",
    "WB_OPTION_IDENTITY_FOUR_EYES": "identity_four_eyes",
}


def _unit_options(env: Mapping[str, str]) -> policies.UnitOptions:
    default = policies.UnitOptions()
    return policies.UnitOptions(
        **{
            attr: _bool(env, name, getattr(default, attr))
            for name, attr in OPTION_VARIABLES.items()
        }
    )


def _deadline_base(env: Mapping[str, str]) -> policies.DeadlineSettings:
    """The unit's own deadline settings, before the options apply.

    The acknowledgement (7 days) and feedback (3 months) periods are the
    Whistleblower Act's maxima, so they are not settings; § 15 stk. 1 gives the
    administration at least three weeks (docs/deadlines.md).
    """
    d = policies.DeadlineSettings()
    return policies.DeadlineSettings(
        act_move_to_working_day=_bool(env, "WB_DEADLINE_WORKING_DAY", d.act_move_to_working_day),
        statute_move_to_working_day=_bool(
            env, "WB_DEADLINE_STATUTE_WORKING_DAY", d.statute_move_to_working_day
        ),
        optional_holidays_closed=_bool(
            env, "WB_DEADLINE_OPTIONAL_HOLIDAYS_CLOSED", d.optional_holidays_closed
        ),
        answer_days=_int(env, "WB_DEADLINE_ANSWER_DAYS", d.answer_days, minimum=d.answer_days),
        outcome_reminder_days=_int(
            env, "WB_DEADLINE_OUTCOME_REMINDER_DAYS", d.outcome_reminder_days, minimum=1
        ),
        asap_target_days=_int(env, "WB_DEADLINE_ASAP_TARGET_DAYS", d.asap_target_days, minimum=0),
    )


@dataclass(frozen=True)
class RetentionConfig:
    """How long cases are kept (`WB_RETENTION_*`; docs/retention.md)."""

    settings: policies.RetentionSettings = field(default_factory=policies.RetentionSettings)
    after_reporter_input_months: int = AFTER_REPORTER_INPUT_MONTHS
    warning_days: int = WARNING_DAYS


def retention_from_env(env: Mapping[str, str] | None = None) -> RetentionConfig:
    """Per-outcome months, the reporter-input grace and the warning horizon; fails fast."""
    env = os.environ if env is None else env
    defaults = policies.RetentionSettings()
    months = {
        cls: _int(env, name, defaults.months[cls], minimum=0)
        for cls, name in RETENTION_VARIABLES.items()
    }
    return RetentionConfig(
        settings=policies.RetentionSettings(months=months),
        after_reporter_input_months=_int(
            env, "WB_RETENTION_AFTER_REPORTER_INPUT_MONTHS", AFTER_REPORTER_INPUT_MONTHS, minimum=0
        ),
        warning_days=_int(env, "WB_RETENTION_WARNING_DAYS", WARNING_DAYS, minimum=0),
    )


@dataclass(frozen=True)
class CommonConfig:
    """Settings both apps and the CLI share."""

    data_dir: Path
    database_url: str
    kdf: KdfParams = field(default_factory=KdfParams)
    max_attachment_bytes: int = 100 * MIB
    max_attachments: int = 10
    argon2_concurrency: int = 2
    argon2_wait_seconds: float = 10.0
    cookie_secure: bool = True
    unit_options: policies.UnitOptions = field(default_factory=policies.UnitOptions)
    deadline_base: policies.DeadlineSettings = field(default_factory=policies.DeadlineSettings)
    onion: bool = False
    onion_staff: bool = False
    onion_address: str | None = None
    # Cells below this count are hidden in the committee's figures (docs/summaries.md).
    summary_threshold: int = DEFAULT_THRESHOLD
    retention: RetentionConfig = field(default_factory=RetentionConfig)

    @property
    def paths(self) -> InstancePaths:
        return InstancePaths(self.data_dir)

    @property
    def onion_paths(self) -> OnionPaths:
        return OnionPaths.of(self.data_dir)

    @property
    def deadline_settings(self) -> policies.DeadlineSettings:
        """The deadline settings with the unit options applied (lower service level)."""
        return policies.DeadlineSettings.for_options(
            self.unit_options, **asdict(self.deadline_base)
        )


def common_from_env(env: Mapping[str, str] | None = None) -> CommonConfig:
    """Build the shared settings from the environment, failing fast on bad values."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("WB_DATA_DIR") or "instance").resolve()
    database_url = env.get("WB_DATABASE_URL") or f"sqlite:///{data_dir / 'wb.sqlite3'}"
    kdf = KdfParams(
        time_cost=_int(env, "WB_ARGON2_TIME_COST", 3, minimum=1),
        memory_kib=_int(env, "WB_ARGON2_MEMORY_KIB", 65536, minimum=8),
        parallelism=_int(env, "WB_ARGON2_PARALLELISM", 4, minimum=1),
    )
    return CommonConfig(
        data_dir=data_dir,
        database_url=database_url,
        kdf=kdf,
        max_attachment_bytes=_int(env, "WB_MAX_ATTACHMENT_MIB", 100, minimum=1) * MIB,
        max_attachments=_int(env, "WB_MAX_ATTACHMENTS", 10, minimum=0),
        argon2_concurrency=_int(env, "WB_ARGON2_CONCURRENCY", 2, minimum=1),
        argon2_wait_seconds=float(_int(env, "WB_ARGON2_WAIT_SECONDS", 10, minimum=0)),
        cookie_secure=_bool(env, "WB_COOKIE_SECURE", True),
        unit_options=_unit_options(env),
        deadline_base=_deadline_base(env),
        onion=_bool(env, "WB_ONION", False),
        onion_staff=_bool(env, "WB_ONION_STAFF", False),
        onion_address=_onion_address(env),
        summary_threshold=_int(env, "WB_SUMMARY_THRESHOLD", DEFAULT_THRESHOLD, minimum=1),
        retention=retention_from_env(env),
    )


def _onion_address(env: Mapping[str, str]) -> str | None:
    """WB_ONION_ADDRESS: the portal's onion address to announce, when tor runs elsewhere."""
    raw = (env.get("WB_ONION_ADDRESS") or "").strip().lower()
    if not raw:
        return None
    if not is_onion_address(raw):
        raise ConfigError(
            f"WB_ONION_ADDRESS must be a v3 onion address (56 letters .onion), not {raw!r}"
        )
    return raw


@dataclass(frozen=True)
class PortalConfig:
    """What the public portal may know: public keys and its own secrets, never a private key."""

    common: CommonConfig
    secret_key: bytes
    receipt_salt: bytes
    unit_public_key: bytes
    custodian_public_key: bytes
    onion_address: str | None = None


@dataclass(frozen=True)
class BackofficeConfig:
    """What the back office knows: the pepper that guards password wraps, and its own secrets."""

    common: CommonConfig
    secret_key: bytes
    receipt_salt: bytes
    pepper: bytes
    unit_public_key: bytes
    custodian_public_key: bytes
    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "wb@localhost"
    idle_timeout_minutes: int = 30
    absolute_timeout_hours: int = 12
    sso: SsoSettings = field(default_factory=SsoSettings)


def portal_config(common: CommonConfig) -> PortalConfig:
    """Read the portal's files from the instance directory: public keys and its own secrets."""
    paths = common.paths
    return PortalConfig(
        common=common,
        secret_key=paths.read_secret("portal_secret_key"),
        receipt_salt=paths.read_secret("receipt_salt"),
        unit_public_key=paths.read_public("unit"),
        custodian_public_key=paths.read_public("custodian"),
        onion_address=common.onion_address or onion_address(common.onion_paths.portal),
    )


def portal_from_env(env: Mapping[str, str] | None = None) -> PortalConfig:
    """Load the portal's settings and its files from the instance directory."""
    return portal_config(common_from_env(env))


def backoffice_config(
    common: CommonConfig, env: Mapping[str, str] | None = None
) -> BackofficeConfig:
    """Read the back office's files from the instance directory and its mail/session settings."""
    env = os.environ if env is None else env
    paths = common.paths
    return BackofficeConfig(
        common=common,
        secret_key=paths.read_secret("backoffice_secret_key"),
        receipt_salt=paths.read_secret("receipt_salt"),
        pepper=paths.read_secret("backoffice_pepper"),
        unit_public_key=paths.read_public("unit"),
        custodian_public_key=paths.read_public("custodian"),
        smtp_host=env.get("WB_SMTP_HOST") or "localhost",
        smtp_port=_int(env, "WB_SMTP_PORT", 25, minimum=1),
        mail_from=env.get("WB_MAIL_FROM") or "wb@localhost",
        idle_timeout_minutes=_int(env, "WB_IDLE_TIMEOUT_MINUTES", 30, minimum=1),
        absolute_timeout_hours=_int(env, "WB_ABSOLUTE_TIMEOUT_HOURS", 12, minimum=1),
        sso=_sso(env, paths),
    )


AUTH_METHODS = ("local", "saml", "oidc")


def _required(env: Mapping[str, str], name: str, method: str) -> str:
    value = (env.get(name) or "").strip()
    if not value:
        raise ConfigError(f"{name} must be set when WB_AUTH_METHOD={method}")
    return value


def _sso(env: Mapping[str, str], paths: InstancePaths) -> SsoSettings:
    """WB_AUTH_METHOD and the provider's settings (docs/sso.md)."""
    method = (env.get("WB_AUTH_METHOD") or "local").strip().lower()
    if method not in AUTH_METHODS:
        raise ConfigError(
            f"WB_AUTH_METHOD must be one of {', '.join(AUTH_METHODS)}, not {method!r}"
        )
    common = {
        "method": method,
        "required_group": (env.get("WB_SSO_REQUIRED_GROUP") or "").strip() or None,
        "inactive_days": _int(env, "WB_SSO_INACTIVE_DAYS", 30, minimum=1),
    }
    if method == "local":
        return SsoSettings(**common)  # type: ignore[arg-type]
    base = _required(env, "WB_BASE_URL", method).rstrip("/")
    if not base.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError("WB_BASE_URL must be an https:// address (the back office's own)")
    if method == "saml":
        return SsoSettings(**common, saml=_saml(env, paths, base))  # type: ignore[arg-type]
    return SsoSettings(**common, oidc=_oidc(env, paths, base))  # type: ignore[arg-type]


def _existing_file(env: Mapping[str, str], name: str, default: Path) -> Path:
    path = Path(env.get(name) or default)
    if not path.is_file():
        raise ConfigError(f"{name}: {path} does not exist (see docs/sso.md)")
    return path


def _saml(env: Mapping[str, str], paths: InstancePaths, base: str) -> SamlSettings:
    return SamlSettings(
        entity_id=(env.get("WB_SAML_ENTITY_ID") or f"{base}/sso/saml/metadata").strip(),
        acs_url=f"{base}/sso/saml/acs",
        idp_metadata=_existing_file(env, "WB_SAML_IDP_METADATA", paths.root / "idp-metadata.xml"),
        sp_key=_existing_file(env, "WB_SAML_SP_KEY", paths.secrets_dir / "saml_sp_key.pem"),
        sp_cert=_existing_file(env, "WB_SAML_SP_CERT", paths.public_dir / "saml_sp_cert.pem"),
        subject_attribute=(env.get("WB_SAML_SUBJECT_ATTRIBUTE") or "").strip() or None,
        group_attribute=(env.get("WB_SSO_GROUP_CLAIM") or "groups").strip(),
        required_authn_context=(env.get("WB_SAML_AUTHN_CONTEXT") or "").strip() or None,
    )


def _oidc(env: Mapping[str, str], paths: InstancePaths, base: str) -> OidcSettings:
    issuer = _required(env, "WB_OIDC_ISSUER", "oidc").rstrip("/")
    secret_file = paths.secrets_dir / "oidc_client_secret"
    algorithms = tuple(
        a.strip()
        for a in (env.get("WB_OIDC_ALGORITHMS") or "RS256,PS256,ES256").split(",")
        if a.strip()
    )
    if not algorithms or any(a.upper() == "NONE" or a.upper().startswith("HS") for a in algorithms):
        raise ConfigError(
            "WB_OIDC_ALGORITHMS may list asymmetric algorithms only (RS256, PS256, ES256 …)"
        )
    return OidcSettings(
        issuer=issuer,
        client_id=_required(env, "WB_OIDC_CLIENT_ID", "oidc"),
        redirect_url=f"{base}/sso/oidc/callback",
        client_secret=secret_file.read_text().strip() if secret_file.is_file() else None,
        metadata_url=(
            env.get("WB_OIDC_METADATA_URL") or f"{issuer}/.well-known/openid-configuration"
        ),
        subject_claim=(env.get("WB_OIDC_SUBJECT_CLAIM") or "sub").strip(),
        group_claim=(env.get("WB_SSO_GROUP_CLAIM") or "groups").strip(),
        algorithms=algorithms,
    )


def backoffice_from_env(env: Mapping[str, str] | None = None) -> BackofficeConfig:
    """Load the back office's settings and its files from the instance directory."""
    env = os.environ if env is None else env
    return backoffice_config(common_from_env(env), env)
