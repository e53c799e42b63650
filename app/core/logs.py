"""The log file, and the one line a user sees when the disk or the database says no.

Errors go to a rotating, private log file in the user state dir (``hourdesk.log`` under
platformdirs' ``user_log_path``), with enough context to debug: the command, the database,
the versions, the traceback. Every line passes the credential guard's ``redact`` before it
is written, so a password typed into a note never reaches the log. Logging never raises: a
full disk or a read-only home must not turn one error into two.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import sys
from pathlib import Path

APP = "hourdesk"
LOGGER = "hourdesk"
MAX_BYTES = 512 * 1024
BACKUP_COUNT = 3

_configured: Path | None = None
_pinned = False  # a path given explicitly (tests) stays until changed explicitly


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP, appauthor=False)


def log_file() -> Path:
    return log_dir() / "hourdesk.log"


def scrub(text: str) -> str:
    """``text`` with every credential the guard knows replaced."""
    from hourdesk.app.core.guard import redact

    return redact(text)[0]


class _Scrubbed(logging.Formatter):
    """Formats as usual (traceback included), then removes credentials from all of it."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def _handler(path: Path) -> logging.Handler:
    from io import TextIOWrapper
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFile(RotatingFileHandler):
        """A rotating log file readable by the user only, that never raises."""

        def _open(self) -> TextIOWrapper:
            os.makedirs(os.path.dirname(self.baseFilename), mode=0o700, exist_ok=True)
            fd = os.open(self.baseFilename, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

        def handleError(self, record: logging.LogRecord) -> None:
            """A log that cannot be written is dropped, never printed with a traceback."""

    handler = PrivateRotatingFile(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(_Scrubbed("%(asctime)s %(process)d %(levelname)s %(message)s"))
    return handler


def setup_logging(path: Path | None = None) -> Path:
    """Send hourdesk's warnings and errors to the log file (once per process).

    Nothing is created until something is logged. Returns the file.
    """
    global _configured, _pinned
    _pinned = path is not None
    path = Path(path) if path is not None else log_file()
    if _configured == path:
        return path
    logger = logging.getLogger(LOGGER)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(_handler(path))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    _configured = path
    return path


def logger() -> logging.Logger:
    """hourdesk's logger, writing to the log file of the current user dirs."""
    if _configured is None or (not _pinned and _configured != log_file()):
        setup_logging()
    return logging.getLogger(LOGGER)


def context() -> str:
    """Versions and the command that ran: its name and option names, never the values typed."""
    from hourdesk.app import __version__

    command = "hourdesk"
    try:
        import click

        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            command = ctx.command_path
    except Exception:  # click is not loaded, or no command runs
        pass
    options = sorted({arg.split("=", 1)[0] for arg in sys.argv[1:] if arg.startswith("--")})
    return (
        f"hourdesk {__version__}, Python {sys.version.split()[0]}, SQLite "
        f"{sqlite3.sqlite_version}, {sys.platform}; command: {command} {' '.join(options)}"
    ).rstrip()


def log_error(what: str, exc: BaseException | None = None, **details: object) -> None:
    """Record an error with context (and the traceback); never raises."""
    try:
        extra = "".join(f"; {key}={value}" for key, value in details.items())
        logger().error(
            "%s%s [%s]",
            what,
            extra,
            context(),
            exc_info=(type(exc), exc, exc.__traceback__) if exc is not None else None,
        )
    except Exception:  # logging must never be the second failure
        pass


def log_warning(what: str, **details: object) -> None:
    try:
        extra = "".join(f"; {key}={value}" for key, value in details.items())
        logger().warning("%s%s", what, extra)
    except Exception:
        pass


# --- what the user is told ----------------------------------------------------------------

_OS_WORDS = {
    errno.ENOSPC: "The disk is full",
    errno.EDQUOT: "The disk quota is used up",
    errno.EFBIG: "The file size limit is reached",
    errno.EROFS: "The disk is read-only",
    errno.EACCES: "Permission denied",
    errno.EPERM: "Permission denied",
    errno.EIO: "A disk error occurred",
}


def explain(exc: BaseException, path: Path | str | None = None) -> str:
    """One line for an error of the disk or the database: what happened, what to do."""
    where = f" ({path})" if path else ""
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            return (
                f"The disk is full{where}: nothing was saved and the database is as before. "
                "Free some space and try again."
            )
        if "readonly" in text or "read-only" in text:
            return (
                f"The database is read-only{where}: nothing was saved. Check that you may "
                "write the database file and its folder."
            )
        if "locked" in text or "busy" in text:
            return (
                "The database is busy: another hourdesk held it too long. Nothing was "
                "saved; try again."
            )
        if "unable to open" in text:
            return (
                f"The database cannot be opened{where}: check that its folder exists and "
                "that you may read and write it."
            )
        if "disk i/o error" in text:
            return (
                f"The disk reported an error{where}: nothing was saved. Is the disk full or "
                "failing? Free some space and try again; `hourdesk check` tells whether the "
                "database is intact."
            )
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return (
                f"The database is damaged{where}. Run `hourdesk check`, and put a good copy in "
                "place with `hourdesk restore BACKUP`."
            )
        return f"The database refused the change{where}: {exc}. Nothing was saved."
    if isinstance(exc, OSError):
        words = _OS_WORDS.get(exc.errno or 0, "The file could not be written")
        name = exc.filename or path
        at = f" ({name})" if name else ""
        reason = f" ({exc.strerror})" if exc.strerror and words.startswith("The file") else ""
        return f"{words}{at}{reason}: nothing was saved there. Fix that and try again."
    return str(exc)
