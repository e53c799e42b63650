"""The root of the ``hourdesk`` command: the group every command registers on, the session that
opens the desk once, and how refusals reach the terminal."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from typing import TYPE_CHECKING

import click

from hourdesk.app import __version__

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


class Session:
    """What the group options chose; opens the desk once, on first use."""

    def __init__(self, db: str | None, demo: bool, *, tui: bool | None = None) -> None:
        self.db, self.demo, self._desk = db, demo, None
        self.tui = tui  # None: the TUI when the group runs without a command

    def desk(self) -> Desk:
        if self._desk is None:
            from hourdesk.app.core.clock import clock_from_env
            from hourdesk.app.core.paths import config_file, data_dir, database_path
            from hourdesk.app.desk.facade import build_desk
            from hourdesk.app.startup import session_started, settings_or_defaults
            from hourdesk.storage.vault import KeyringVault

            settings_path = data_dir() / "demo-config.toml" if self.demo else config_file()
            if self.demo:
                from hourdesk.app.demo import ensure_demo_settings

                ensure_demo_settings(settings_path)
            tui = starting_tui() if self.tui is None else self.tui
            settings, settings_problem = settings_or_defaults(settings_path, tui=tui)
            path = database_path(self.db, demo=self.demo)
            self._desk = build_desk(
                path,
                vault=KeyringVault(),
                clock=clock_from_env(),
                settings=settings,
                settings_path=settings_path,
            )
            if self.demo:
                from hourdesk.app.demo import ensure_demo

                ensure_demo(self._desk)
            session_started(self._desk, path, settings_problem, tui=tui)
            if not tui:  # the TUI shows the notices and purges grants when it mounts
                for text, severity in self._desk.notices:
                    said = "" if severity == "information" else "warning: "
                    click.echo(f"hourdesk: {said}{text}", err=True)
                purge_expired_grants(self._desk)
        return self._desk


def starting_tui() -> bool:
    """True when the desk is opened for the TUI (the group ran without a subcommand)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.parent is None and ctx.invoked_subcommand is None


def purge_expired_grants(desk: Desk) -> None:
    """Delete expired access grants from the keyring before any command runs; when the
    keyring or the database says no, warn and run the command all the same."""
    from hourdesk.storage.vault import VaultUnavailable

    try:
        desk.grants.purge()
    except VaultUnavailable as exc:
        click.echo(f"hourdesk: warning: expired access grants were not deleted: {exc}", err=True)
    except sqlite3.OperationalError as exc:  # busy, read-only: housekeeping waits
        from hourdesk.app.core.logs import explain, log_error

        log_error("grant purge", exc)
        words = explain(exc)
        click.echo(f"hourdesk: warning: expired access grants were not deleted: {words}", err=True)


def fail(message: str) -> None:
    click.echo(f"hourdesk: {message}", err=True)
    sys.exit(1)


def utf8_text(data: bytes, name: str) -> str:
    """``data`` read from the file ``name`` as text; a clear refusal when it is not UTF-8."""
    from hourdesk.app.core.errors import Invalid

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(
            "file",
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}).",
            "Save it as UTF-8 and try again.",
        ) from None


def schema_refusal(exc: sqlite3.IntegrityError) -> str:
    """One line for a change the schema refused. A trigger's words are written for people;
    SQLite's own (``CHECK constraint failed: ...``) name columns, so only the log has them."""
    from hourdesk.app.core.logs import log_file

    text = str(exc)
    if "constraint failed" in text or "mismatch" in text or not text:
        return (
            "The database refused the change: it breaks a rule of the stored records. "
            f"Nothing was saved; details in {log_file()}."
        )
    return f"The database refused the change: {text}. Nothing was saved."


def _settings_error() -> tuple[type[Exception], ...]:
    """SettingsError, once the settings (and pydantic, which a check or restore never needs)
    are loaded: before, nothing could have raised it."""
    settings = sys.modules.get("hourdesk.app.core.settings")
    return (settings.SettingsError,) if settings else ()


def refusals(func):
    """Turn refusals into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from hourdesk.app.core.errors import Refused
        from hourdesk.storage.db import DatabaseRefused
        from hourdesk.storage.files import NotWritten

        refused = (Refused, DatabaseRefused, NotWritten, ValueError)
        try:
            return func(*args, **kwargs)
        except refused + _settings_error() as exc:
            fail(str(exc))
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except sqlite3.IntegrityError as exc:  # a rule that only the schema caught
            from hourdesk.app.core.logs import log_error

            log_error("refused by the database", exc)
            fail(schema_refusal(exc))
        except (sqlite3.Error, OSError) as exc:  # a full disk, a read-only file, a lock
            from hourdesk.app.core.logs import explain, log_error

            log_error("storage error", exc)
            fail(explain(exc))
        except Exception as exc:
            from hourdesk.app.core.logs import log_error, log_file

            log_error("unexpected error", exc)
            fail(f"unexpected error ({type(exc).__name__}: {exc}); details in {log_file()}")

    return wrapper


def db_option(*dest: str):
    """``--db PATH``, on the group and after any subcommand."""
    return click.option(
        "--db",
        *dest,
        type=click.Path(dir_okay=False),
        default=None,
        help="Database file (default: HOURDESK_DB or the user data dir).",
    )


def desk_command(group: click.Group, name: str | None = None, **kwargs):
    """A subcommand that gets the desk; accepts ``--db`` after the subcommand too."""

    def decorate(func):
        @db_option("db_path")
        @click.pass_obj
        @refusals
        @functools.wraps(func)
        def command(session: Session, db_path: str | None, *args, **kw):
            if db_path:
                session.db = db_path
            return func(session.desk(), *args, **kw)

        return group.command(name, **kwargs)(command)

    return decorate


def emit(document) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option()
@click.option("--demo", is_flag=True, help="Use the demo database, filled on first use.")
@click.version_option(__version__, prog_name="hourdesk")
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool) -> None:
    """hourdesk: tickets, approvals, a live timer and invoices. Without a command, the TUI."""
    ctx.obj = Session(db, demo)
    if ctx.invoked_subcommand is None:
        refusals(_run_tui)(ctx.obj)


def _run_tui(session: Session) -> None:
    from hourdesk.app.tui import HourdeskApp

    HourdeskApp(session.desk()).run()
