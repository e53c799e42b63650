"""The daily backup, made beside the work and never before it.

A CLI command starts it as a detached process (``python -m hourdesk.app.daily``) and
returns at once; that process waits a moment first, so the command has the machine to itself
(started together, the copy slowed a short command by a third). The TUI runs it in a thread
worker after its first paint. Either way it copies in small steps from a connection of its
own (see :mod:`storage.backup`), once a day (the backup folder's lock and today's name
decide), and logs what it did. A failure is recorded beside the log, and every start shows it
until a daily backup succeeds.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hourdesk.app.core.settings import Settings
    from hourdesk.app.desk.facade import Desk

# How long the detached backup waits before it starts: longer than most commands take.
SETTLE_SECONDS = 1.0


def worth_a_copy(conn: sqlite3.Connection) -> bool:
    """An empty database is not worth a copy."""
    (anything,) = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM clients) OR EXISTS (SELECT 1 FROM tickets)"
    ).fetchone()
    return bool(anything)


def failure_file(db_path: Path) -> Path:
    """Where a failed daily backup of ``db_path`` is recorded: beside the log."""
    from hourdesk.app.core.logs import log_dir

    key = hashlib.sha256(str(Path(db_path).expanduser().absolute()).encode()).hexdigest()
    return log_dir() / f"backup-failed-{key[:16]}.txt"


def last_failure(db_path: Path) -> str | None:
    """What the failed daily backup said, until one succeeds."""
    try:
        return failure_file(db_path).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _record(db_path: Path, warning: str | None) -> None:
    from hourdesk.storage.files import make_folder, write_whole

    path = failure_file(db_path)
    try:
        if warning is None:
            path.unlink(missing_ok=True)
        else:
            make_folder(path.parent)
            write_whole(path, warning + "\n")
    except OSError as exc:
        from hourdesk.app.core.logs import log_error

        log_error("the daily backup's result was not recorded", exc, file=path)


def make(conn: sqlite3.Connection, db_path: Path, keep: int, pause: float) -> str | None:
    """Make today's backup now unless it exists; a warning (logged, recorded) when it failed.

    ``conn`` is a connection of the caller's own, outside any transaction; ``keep`` and
    ``pause`` are the ``backups_keep`` and ``backup_pause`` settings.
    """
    from hourdesk.app.core.logs import explain, logger
    from hourdesk.storage.backup import BackupError, daily_backup

    try:
        if not worth_a_copy(conn):
            return None
        done = daily_backup(conn, db_path, keep=keep, pause=pause)
    except (BackupError, OSError, sqlite3.Error) as exc:
        why = f": {exc}" if isinstance(exc, BackupError) else f". {explain(exc)}"
        return _failed(db_path, f"The daily backup failed{why}", exc)
    if done.path is not None:
        logger().info("daily backup made; path=%s; removed=%d", done.path, len(done.removed))
        _record(db_path, None)
    return None


def _failed(db_path: Path, warning: str, exc: BaseException) -> str:
    from hourdesk.app.core.logs import log_error

    log_error("daily backup failed", exc, database=db_path)
    _record(db_path, warning)
    return warning


def due(desk: Desk, db_path: Path) -> bool:
    """Whether today's backup is to be made (cheap: a listing and a lock)."""
    from hourdesk.storage.backup import daily_due

    try:
        return daily_due(db_path) and worth_a_copy(desk.db.conn)
    except (OSError, sqlite3.Error):
        return True  # the backup itself says what is wrong


def spawn(db_path: Path, settings: Settings) -> None:
    """Start the backup as a process of its own that outlives the command."""
    import subprocess

    keep, pause = str(settings.backups_keep), str(settings.backup_pause)
    subprocess.Popen(
        [sys.executable, "-P", "-m", "hourdesk.app.daily", str(db_path), keep, pause],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def backup_now(desk: Desk, db_path: Path) -> str | None:
    """Make today's backup now, on a connection of its own; a warning when it failed."""
    from hourdesk.storage.db import connect_again

    db = connect_again(desk.db)
    try:
        settings = desk.settings
        return make(db.conn, db_path, settings.backups_keep, settings.backup_pause)
    finally:
        if db is not desk.db:
            db.close()


def in_app(app) -> None:
    """From the TUI's ``on_mount``: when the start found it due, back up in a thread worker
    after the first paint; a failure is said in a notification."""
    desk = app.desk
    db_path = desk.backup_due
    if db_path is None:
        return

    def work() -> None:
        warning = backup_now(desk, db_path)
        if warning:
            app.call_from_thread(app.notify, warning, severity="warning", timeout=15)

    app.call_after_refresh(
        app.run_worker, work, name="daily backup", group="backup", thread=True, exclusive=True
    )


def main(argv: list[str]) -> int:
    """``python -m hourdesk.app.daily DATABASE KEEP PAUSE``: the detached daily backup."""
    from hourdesk.app.core.logs import explain, setup_logging
    from hourdesk.storage.db import DatabaseRefused, open_database

    setup_logging()
    db_path, keep, pause = Path(argv[0]), int(argv[1]), float(argv[2])
    time.sleep(SETTLE_SECONDS)
    try:
        db = open_database(db_path)
    except (DatabaseRefused, OSError, sqlite3.Error) as exc:
        why = f": {exc}" if isinstance(exc, DatabaseRefused) else f". {explain(exc)}"
        _failed(db_path, f"The daily backup failed{why}", exc)
        return 1
    try:
        return 1 if make(db.conn, db_path, keep, pause) else 0
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
