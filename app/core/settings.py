"""Settings: one typed model of the TOML file in the user config dir and the ``HOURDESK_*``
variables, which override the file (``HOURDESK_BACKUPS_KEEP``; ``HOURDESK_TIMER__MAX_HOURS``,
``__`` for a section's dot). Saving writes the file's values, never the environment's.

``HOURDESK_DB`` and ``HOURDESK_NOW`` choose the database and the clock of a process, not a
setting: see :mod:`hourdesk.app.core.environ`. The variables are read by pydantic-settings,
imported only when one of them names a setting.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hourdesk.app.core.paths import config_file

ENV_PREFIX = "HOURDESK_"
NESTED = "__"  # HOURDESK_TIMER__MAX_HOURS is timer.max_hours

Rounding = Literal["none", "up6", "up15", "nearest6", "nearest15"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Business(_Section):
    name: str = "Your Name IT Consulting"
    address: str = ""
    email: str = ""
    phone: str = ""


class PaymentDetails(_Section):
    bank_details: str = ""
    paypal_address: str = ""
    paypal_me: str = ""  # a PayPal.me name: links and QR codes with the amount
    reference: Literal["number", "rf"] = "number"  # or an ISO 11649 RF creditor reference
    bank_qr: str = ""  # text of a QR code for bank apps; {amount}, {reference}, {number}

    @field_validator("paypal_me")
    @classmethod
    def _paypal_me(cls, value: str) -> str:
        value = value.strip().removeprefix("https://").removeprefix("paypal.me/")
        if value and not re.fullmatch(r"[A-Za-z0-9]{1,20}", value):
            raise ValueError("a PayPal.me name is 1 to 20 letters and digits")
        return value

    @field_validator("bank_qr")
    @classmethod
    def _bank_qr(cls, value: str) -> str:
        try:
            value.format(amount="1.00", reference="RF00", number="2026-0001")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"use only {{amount}}, {{reference}} and {{number}} in it ({exc})"
            ) from None
        return value


class CsvColumns(_Section):
    """Where a bank's CSV export keeps each field: column names, or 0-based numbers without
    a header row."""

    date: str = "Date"
    description: str = "Description"
    amount: str = "Amount"  # signed: credits are positive
    credit: str = ""  # a column of credits only (instead of a signed amount)
    kind: str = ""  # a column saying credit or debit, with an unsigned amount
    credit_word: str = "Credit"  # what that column says for a credit
    payer: str = ""
    id: str = ""  # the bank's transaction id, where the export has one
    date_format: str = "%m/%d/%Y"
    header: bool = True


class StatementSettings(_Section):
    bank_csv: str = ""  # a preset (chase, bofa, wellsfargo, capitalone) or "" for `csv`
    csv: CsvColumns = CsvColumns()


class TimerSettings(_Section):
    max_hours: int = Field(10, ge=1, le=24)
    idle_minutes: int = Field(15, ge=0, le=240)
    rounding: Rounding = "none"


class SmtpSettings(_Section):
    host: str = ""
    port: int = Field(587, ge=1, le=65535)
    user: str = ""
    security: Literal["starttls", "ssl", "none"] = "starttls"
    timeout: float = Field(20.0, gt=0, le=300)


class MailSettings(_Section):
    """How mail leaves (SMTP, or .eml drafts for the mail client) and where it comes in."""

    outgoing: Literal["smtp", "drafts"] = "smtp"
    drafts_dir: str = ""  # default: outbox/ in the exports folder
    maildir: str = ""  # watched while the TUI runs, and by `hourdesk intake --watch`
    retry_minutes: int = Field(5, ge=1, le=1440)


class ImapSettings(_Section):
    """An IMAP folder read by `hourdesk fetch`; the password is in the keyring or a command."""

    host: str = ""
    port: int = Field(993, ge=1, le=65535)
    user: str = ""
    security: Literal["ssl", "starttls", "none"] = "ssl"
    folder: str = "INBOX"
    password_cmd: str = ""
    move_to: str = ""  # empty: mark as seen and leave in place
    every_minutes: int = Field(0, ge=0, le=1440)  # in the TUI; 0: only by hand
    timeout: float = Field(30.0, gt=0, le=300)


class ReminderStep(_Section):
    days: int = Field(ge=1, le=365)
    subject: str
    body: str


DEFAULT_REMINDERS = [
    ReminderStep(
        days=3,
        subject="Friendly reminder: invoice {number}",
        body="Hello {client},\n\nA friendly reminder that invoice {number} for {amount} was due "
        "on {due_date}. If you have already paid, thank you and please ignore this message.\n\n"
        "The invoice is attached.\n\nBest regards,\n{business}",
    ),
    ReminderStep(
        days=10,
        subject="Second reminder: invoice {number} is overdue",
        body="Hello {client},\n\nInvoice {number} for {amount} is now {days} days overdue "
        "(due {due_date}). Please arrange payment, or let me know if something is unclear.\n\n"
        "Until it is settled, new work for you is paused.\n\nBest regards,\n{business}",
    ),
    ReminderStep(
        days=20,
        subject="Final reminder: invoice {number}",
        body="Hello {client},\n\nInvoice {number} for {amount} is {days} days overdue "
        "(due {due_date}). Please settle it within 7 days.\n\nThe invoice is attached again "
        "for your convenience.\n\nBest regards,\n{business}",
    ),
]


class Settings(_Section):
    """Every setting; ``Settings()`` (and ``Settings.model_validate``) is the values given
    with the environment's over them."""

    business: Business = Business()
    default_rate: Decimal = Field(Decimal("120.00"), ge=0, le=100000, decimal_places=2)
    default_terms_days: int = Field(14, ge=0, le=365)
    locale: str = "en_US"
    ticket_prefix: str = "HD"
    exports_dir: str = ""
    payment: PaymentDetails = PaymentDetails()
    timer: TimerSettings = TimerSettings()
    statements: StatementSettings = StatementSettings()
    smtp: SmtpSettings = SmtpSettings()
    mail: MailSettings = MailSettings()
    imap: ImapSettings = ImapSettings()
    hold_policy: Literal["pause", "warn"] = "pause"
    backups_keep: int = Field(14, ge=1, le=365)
    backup_pause: float = Field(0.005, ge=0, le=10)  # seconds between a daily backup's steps
    theme: str = ""  # the TUI's colour theme, as last chosen in the command palette
    keys: dict[str, str] = Field(default_factory=dict)  # binding id → key(s), e.g. ctrl+x
    reminders: list[ReminderStep] = Field(default_factory=lambda: list(DEFAULT_REMINDERS))
    # Regular expressions of benign text the credential guard must not flag.
    guard_allow: list[str] = Field(default_factory=list)

    @field_validator("guard_allow")
    @classmethod
    def _guard_allow(cls, value: list[str]) -> list[str]:
        from hourdesk.app.core.guard import compile_allow_list

        compile_allow_list(value)
        return value

    @field_validator("ticket_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{1,6}", value):
            raise ValueError("use 1 to 6 capital letters, like HD")
        return value

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(f"{value!r} is not a known locale (try en_US)") from None
        return value

    def __init__(self, **values: Any) -> None:
        super().__init__(**_merged(values, _env_values()))

    @property
    def default_rate_cents(self) -> int:
        return int(self.default_rate * 100)


class SettingsError(Exception):
    """The config file is unreadable, or a setting in it or in a ``HOURDESK_*`` variable is
    wrong; says which and where."""


def env_name(path: tuple[str, ...]) -> str:
    """The variable of a setting: ``("timer", "max_hours")`` is ``HOURDESK_TIMER__MAX_HOURS``."""
    return ENV_PREFIX + NESTED.join(path).upper()


def _env_paths(
    data: dict[str, Any], model: type[BaseModel], at: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The settings that ``data`` (the environment's values) sets, section by section."""
    for name, value in data.items():
        field = model.model_fields.get(name)
        section = field.annotation if field else None
        if isinstance(value, dict) and isinstance(section, type) and issubclass(section, BaseModel):
            yield from _env_paths(value, section, (*at, name))
        else:
            yield (*at, name)


def _names_a_setting() -> bool:
    """Whether a ``HOURDESK_*`` variable (in any case) is a setting's or a section's."""
    prefix = ENV_PREFIX.lower()
    return any(
        name.lower().startswith(prefix)
        and name[len(prefix) :].lower().split(NESTED)[0] in Settings.model_fields
        for name in os.environ
    )


def _env_values() -> dict[str, Any]:
    """The settings the ``HOURDESK_*`` variables set, nested by section."""
    if not _names_a_setting():
        return {}
    from pydantic_settings import EnvSettingsSource
    from pydantic_settings import SettingsError as EnvUnparsable

    try:
        return EnvSettingsSource(
            Settings,  # type: ignore[arg-type]  # read as a BaseSettings: its fields
            env_prefix=ENV_PREFIX,
            env_nested_delimiter=NESTED,
        )()
    except EnvUnparsable as exc:  # a list or table that is not JSON
        found = re.search(r'field "(\w+)"', str(exc))
        name = env_name((found[1],)) if found else ENV_PREFIX + "*"
        value = os.environ.get(name, "")[:60]
        raise SettingsError(
            f"{name}={value!r}: is not valid JSON ({exc.__cause__ or exc})"
        ) from None


def _merged(values: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``values`` with ``over``'s on top, section by section."""
    merged = dict(values)
    for name, value in over.items():
        if isinstance(merged.get(name), dict) and isinstance(value, dict):
            merged[name] = _merged(merged[name], value)
        else:
            merged[name] = value
    return merged


def _from_env() -> dict[tuple[str, ...], Any]:
    """Each setting a ``HOURDESK_*`` variable sets, with the variable's value."""
    data = _env_values()
    return {path: _lookup(data, path) for path in _env_paths(data, Settings)}


def _lookup(data: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        data = data[name]
    return data


def describe(error: ValidationError, path: Path, env: dict[tuple[str, ...], Any]) -> str:
    """One line for every wrong setting, naming the variable or the file that set it:
    ``HOURDESK_BACKUPS_KEEP='0': ...`` or ``.../config.toml: timer.max_hours: ...``."""
    in_file, by_env = [], []
    for item in error.errors():
        loc = tuple(str(p) for p in item["loc"])
        by = next((p for p in env if loc[: len(p)] == p), None)
        if by is None:
            in_file.append(f"{'.'.join(loc)}: {item['msg']}")
        else:
            by_env.append(f"{env_name(by)}={str(env[by])[:60]!r}: {item['msg']}")
    return "; ".join(([f"{path}: " + "; ".join(in_file)] if in_file else []) + by_env)


def _file(path: Path) -> dict[str, Any]:
    """The file's settings; a missing file has none."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read as TOML ({exc})") from exc


def _validated(data: dict[str, Any], path: Path) -> Settings:
    env = _from_env()
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(describe(exc, path, env)) from exc


def load_settings(path: Path | None = None) -> Settings:
    """The file's settings (the defaults where it is silent or missing), overridden by the
    ``HOURDESK_*`` variables; ``SettingsError`` says what is wrong and where."""
    path = path or config_file()
    return _validated(_file(path), path)


def defaults(path: Path | None = None) -> Settings:
    """The defaults with the variables' settings, or the bare defaults if one is wrong."""
    try:
        return _validated({}, path or config_file())
    except SettingsError:
        return Settings.model_construct()


def _file_values(settings: Settings, path: Path) -> dict[str, Any]:
    """What to write: ``settings``, but where a variable set a setting and it is unchanged,
    the file's own value (or nothing, where the file had none)."""
    data = settings.model_dump(mode="json")
    env = _from_env()
    if not env:
        return data
    from_env = defaults(path).model_dump(mode="json")
    try:
        before = _file(path)
    except SettingsError:
        before = {}
    for keys in env:
        *sections, name = keys
        here: dict[str, Any] = data
        was: Any = before
        for section in sections:
            here, was = here[section], was.get(section) if isinstance(was, dict) else None
        if name in here and here[name] == _lookup(from_env, keys):
            if isinstance(was, dict) and name in was:
                here[name] = was[name]
            else:
                del here[name]
    return data


def overridden(settings: Settings) -> list[str]:
    """The ``HOURDESK_*`` variables that give a setting another value than ``settings``: at
    the next start they win over what was saved."""
    env = _from_env()
    if not env:
        return []
    data, from_env = settings.model_dump(mode="json"), defaults().model_dump(mode="json")
    return [env_name(keys) for keys in env if _lookup(data, keys) != _lookup(from_env, keys)]


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings whole (see ``storage.files``), readable by the user only; values
    that came from ``HOURDESK_*`` variables are not written."""
    import tomli_w

    from hourdesk.app.core.errors import Refused
    from hourdesk.storage.files import NotWritten, write_whole

    path = path or config_file()
    try:
        return write_whole(path, tomli_w.dumps(_file_values(settings, path)))
    except NotWritten as exc:
        raise Refused(f"The settings were not saved. {exc}") from exc
