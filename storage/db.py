"""Opening the SQLite database: one way in, refusal of foreign files, pragmas, migrations,
transactions.

Within a process nothing but SQLite opens, reads or closes the database file or its
``-wal``/``-shm``: closing any descriptor of the file drops every POSIX lock the process holds
on it, and another process then deletes the WAL under a live connection (SQLite's "How To
Corrupt", 2.2). A file is first looked at through a read-only connection; only a file that
passed is opened for writing. Open connections are registered by the file's identity (device
and inode): another open of a file that is already open gets a connection of its own without
the checks, and every write transaction first makes sure the path still names that file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, overload

from hourdesk.storage.probe import (
    BUSY_TIMEOUT_MS,
    DatabaseRefused,
    connect_readonly,
    newer,
    refuse,
    schema_version,
    unreadable,
)
from hourdesk.storage.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseMoved",
    "DatabaseRefused",
    "check_file",
    "connect_again",
    "open_connection",
    "open_database",
    "transaction",
]

# Up to this size every first open runs PRAGMA quick_check (about 3 ms per MB); larger
# databases are checked fully before a migration, and by `hourdesk check`.
QUICK_CHECK_BYTES = 32 * 1024 * 1024
BACKUPS_FOLDER = "backups"
EMPTY = "is empty (0 bytes), so it holds no desk; delete it to start a new one"


class DatabaseMoved(DatabaseRefused, sqlite3.OperationalError):
    """The file was moved, replaced or deleted under an open connection; nothing was written."""


class Connection(sqlite3.Connection):
    """A connection that knows which file it opened: its path and identity."""

    path: Path | None = None
    identity: tuple[int, int] | None = None
    created = False
    closed = False

    def close(self) -> None:
        self.closed = True
        super().close()


_LOCK = threading.RLock()
_OPEN: dict[tuple[int, int], weakref.WeakSet[Connection]] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _is_open(identity: tuple[int, int]) -> bool:
    return any(not conn.closed for conn in _OPEN.get(identity, ()))


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


def _missing(path: Path) -> DatabaseRefused | None:
    """A missing file whose backups lie beside it held a desk: refuse to start a new one."""
    folder = path.parent / BACKUPS_FOLDER
    if not folder.is_dir() or not any(folder.glob(f"{path.stem}-*.db")):
        return None
    return DatabaseRefused(
        f"{path}: the database is missing, but {folder} holds backups of it. hourdesk did not "
        f"create a new, empty one. Put the newest backup in place with `hourdesk restore "
        f"BACKUP`, or choose another file with --db."
    )


def check_file(path: Path, *, thorough: bool = False) -> None:
    """Check a file through a read-only connection before anything may write it; raise
    :class:`DatabaseRefused` naming the fault. ``thorough`` runs ``quick_check`` at any size.

    Without a ``-wal`` beside it the file alone is the database: it is read immutable (no
    locks, no ``-shm``); with one, read-only through the WAL, which stays as it was.
    """
    try:
        conn = connect_readonly(path, immutable=not Path(f"{path}-wal").exists())
    except sqlite3.Error as exc:
        raise refuse(path, unreadable(exc)) from exc
    try:
        version = schema_version(conn, path)
        (objects,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if version == 0 and objects:
            raise refuse(path, "is the SQLite database of another program, not hourdesk's")
        if thorough or version < SCHEMA_VERSION or path.stat().st_size <= QUICK_CHECK_BYTES:
            _quick_check(conn, path)
    except sqlite3.DatabaseError as exc:
        raise refuse(path, unreadable(exc)) from exc
    finally:
        conn.close()


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise refuse(path, f"is damaged ({problems[0].strip().splitlines()[-1]})")


def _connect(path: Path) -> Connection:
    """A read-write connection with the pragmas, registered under the file's identity."""
    conn = sqlite3.connect(path, factory=Connection, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    conn.path, conn.identity = path, _identity(path)
    if conn.identity is not None:
        _OPEN.setdefault(conn.identity, weakref.WeakSet()).add(conn)
    return conn


def open_database(path: Path) -> Database:
    """Open the database at ``path``, checked and migrated.

    A file that is not SQLite, is empty, is damaged, or was written by a newer hourdesk raises
    :class:`DatabaseRefused` before anything could write to it. A missing file is created
    (``db.conn.created`` says so) unless backups of it lie beside it. A file this process
    already has open gets a new connection without the checks.
    """
    return _wrapped(open_connection(path))


def open_connection(path: Path) -> Connection:
    """:func:`open_database`'s connection alone, for what needs no sqlite-utils."""
    path = Path(path).expanduser().absolute()
    with _LOCK:
        identity = _identity(path)
        if identity is not None and _is_open(identity):
            conn = _connect(path)
            try:
                schema_version(conn, path)  # another process may have migrated it meanwhile
            except BaseException:
                conn.close()
                raise
            return conn
        if identity is None:
            return _create(path)
        if path.stat().st_size == 0:
            raise refuse(path, EMPTY)
        check_file(path)
        return _prepared(path)


def _wrapped(conn: Connection) -> Database:
    """The connection in sqlite-utils' Database, imported only by what opens a desk."""
    from hourdesk.storage.rows import Database

    return Database(conn, execute_plugins=False)


def _create(path: Path) -> Connection:
    """A new private database at a path where there is none (and no backups of one)."""
    refused = _missing(path)
    if refused is not None:
        raise refused
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        sqlite3.connect(f"{path.as_uri()}?mode=rwc", uri=True).close()  # SQLite creates it
        os.chmod(path, 0o600)  # before -wal and -shm exist: SQLite gives them the file's mode
    except (OSError, sqlite3.Error) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise DatabaseRefused(
            f"{path}: cannot create the database there ({why}). "
            "Choose another file with --db, or a folder you may write."
        ) from exc
    conn = _prepared(path)
    conn.created = True
    return conn


def _prepared(path: Path) -> Connection:
    """The first read-write connection: refuse what the read-only look could not see (a
    file that cannot be written), and migrate only when a migration is due."""
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError as exc:
        raise _refusal(path, exc) from exc
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL
        if version > SCHEMA_VERSION:
            raise refuse(path, newer(version))
        (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
        if version == SCHEMA_VERSION and mode != "wal":
            raise refuse(path, "is not an hourdesk database")
        if version < SCHEMA_VERSION:
            if version == 0:
                conn.execute("PRAGMA journal_mode = WAL")
            _migrate(conn, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise _refusal(path, exc) from exc
        raise
    return conn


def _refusal(path: Path, exc: sqlite3.Error) -> DatabaseRefused:
    return _unwritable(path, exc) or refuse(path, unreadable(exc))


@overload
def connect_again(db: Database) -> Database: ...
@overload
def connect_again(db: sqlite3.Connection) -> sqlite3.Connection: ...
def connect_again(db: Database | sqlite3.Connection) -> Database | sqlite3.Connection:
    """A connection of its own to the file ``db`` has open, for a worker thread; of the same
    kind (a Database, or a connection from :func:`open_connection`).

    SQLite opens it (no check, no migration); a database without a file (in memory) has only
    its one connection, which is returned.
    """
    conn = getattr(db, "conn", db)
    if not isinstance(conn, Connection) or conn.path is None:
        return db
    with _LOCK:
        _still_there(conn)
        again = _connect(conn.path)
    return again if db is conn else _wrapped(again)


def _still_there(conn: Connection) -> None:
    """Refuse when the path no longer names the file this connection opened."""
    if conn.path is not None and _identity(conn.path) != conn.identity:
        raise DatabaseMoved(
            f"the database file {conn.path} was moved, replaced or deleted while hourdesk had "
            "it open, so nothing is written to it; restart hourdesk (`hourdesk restore "
            "BACKUP` brings back a deleted one)"
        )


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


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply the pending migrations, each in its own IMMEDIATE transaction."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise refuse(path, newer(version))
            if version == SCHEMA_VERSION:
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
    """One explicit write transaction (``BEGIN IMMEDIATE``); nested calls use savepoints.

    Inside it, before anything is written, the path must still name the file the connection
    opened (:class:`DatabaseMoved` otherwise).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if isinstance(db.conn, Connection):
            _still_there(db.conn)
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
