"""Opening the SQLite database: refusal of foreign files, pragmas, migrations, transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from storage.schema import MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# Up to this size every open runs PRAGMA quick_check (about 3 ms per MB); larger databases are
# checked fully before a migration, and by `hourdesk check`.
QUICK_CHECK_BYTES = 32 * 1024 * 1024


class DatabaseRefused(Exception):
    """The file cannot be used as an hourdesk database; it was not written to."""


def _refuse(path: Path, why: str) -> DatabaseRefused:
    return DatabaseRefused(
        f"{path}: {why}. The file was not changed. Choose another file with --db, "
        f"or put a good copy in place with `hourdesk restore BACKUP`."
    )


def _newer(path: Path, version: int) -> DatabaseRefused:
    return _refuse(
        path,
        f"was written by a newer hourdesk (schema {version}, this one knows "
        f"{SCHEMA_VERSION}); upgrade hourdesk to open it",
    )


def _unwritable(path: Path, exc: sqlite3.Error) -> DatabaseRefused | None:
    """A clear refusal for a read-only file or folder, a full disk or a busy database."""
    text = str(exc).lower()
    if "readonly" in text or "unable to open" in text:
        why = (
            "cannot be written: the file or its folder is read-only (hourdesk writes the "
            f"file and creates {path.name}-wal and -shm beside it)"
        )
    elif "full" in text or "disk i/o" in text:
        why = "cannot be written: the disk is full or failing; free some space and try again"
    elif "locked" in text or "busy" in text:
        why = "is busy: another hourdesk held it too long; try again"
    else:
        return None
    return DatabaseRefused(f"{path}: {why}. The file was not changed.")


def read_header_version(path: Path) -> int:
    """Return ``user_version`` from the file header, refusing what is not SQLite."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _refuse(path, "is not an SQLite database")
    return int.from_bytes(header[60:64], "big")


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def open_database(path: Path) -> Database:
    """Open (creating when absent) and migrate the database at ``path``.

    A file that is not SQLite, is damaged, or was written by a newer hourdesk raises
    :class:`DatabaseRefused` before anything is written to it.
    """
    path = Path(path)
    fresh = not path.exists() or path.stat().st_size == 0
    if not path.exists():
        try:
            _create_private(path)
        except OSError as exc:
            raise DatabaseRefused(
                f"{path}: cannot create the database there ({exc.strerror}). "
                "Choose another file with --db, or a folder you may write."
            ) from exc
    version = 0 if fresh else read_header_version(path)
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    conn = _connect(path)
    try:
        if not fresh:
            (objects,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if version < SCHEMA_VERSION or path.stat().st_size <= QUICK_CHECK_BYTES:
                _quick_check(conn, path)
            # The header lags behind while another connection's commits sit in the WAL.
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise _newer(path, version)
            (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
            if version == SCHEMA_VERSION and mode != "wal":
                raise _refuse(path, "is not an hourdesk database")
            if version == 0 and objects:
                raise _refuse(path, "is the SQLite database of another program, not hourdesk's")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise (_unwritable(path, exc) or _refuse(path, f"is damaged ({exc})")) from exc
    except BaseException:
        conn.close()
        raise
    return Database(conn, execute_plugins=False)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise _refuse(path, f"is damaged ({problems[0].strip().splitlines()[-1]})")


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into complete SQL statements."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:60]}")


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply the pending migrations, each in its own IMMEDIATE transaction."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One explicit write transaction (``BEGIN IMMEDIATE``); nested calls use savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
