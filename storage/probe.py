"""Read-only looks at a database file, through SQLite only.

Only the standard library and the schema version are imported, so the fast ``status`` and
``report`` commands use these too. A read-only connection never writes the file, its ``-wal``
or its ``-shm``, and closing it never replays a WAL into the file.
"""

from __future__ import annotations

import os
import sqlite3

from hourdesk.storage.schema import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
NEXT_STEP = (
    "Choose another file with --db, or put a good copy in place with `hourdesk restore BACKUP`."
)


class DatabaseRefused(Exception):
    """The file cannot be used as an hourdesk database; it was not written to."""


def refuse(path: os.PathLike[str] | str, why: str) -> DatabaseRefused:
    return DatabaseRefused(f"{path}: {why}. The file was not changed. {NEXT_STEP}")


def newer(version: int, action: str = "open it") -> str:
    """Why a file from a newer hourdesk is refused."""
    return (
        f"was written by a newer hourdesk (schema {version}, this one knows {SCHEMA_VERSION}); "
        f"upgrade hourdesk to {action}"
    )


def unreadable(exc: sqlite3.Error) -> str:
    """Why SQLite could not read a file, in words."""
    text = str(exc).lower()
    if "not a database" in text:
        return "is not an SQLite database"
    if "unable to open" in text:
        return "cannot be read (check that it exists and that you may read it and its folder)"
    if "locked" in text or "busy" in text:
        return "is busy: another hourdesk held it too long; try again"
    return f"is damaged ({exc})"


def uri(path: os.PathLike[str] | str, *, immutable: bool = False) -> str:
    """A read-only ``file:`` URI for ``path`` (``%``, ``?`` and ``#`` escaped)."""
    name = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{name}?mode=ro{'&immutable=1' if immutable else ''}"


def connect_readonly(
    path: os.PathLike[str] | str, *, immutable: bool = False, timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """A connection that cannot write. ``immutable`` also ignores any ``-wal`` and takes no
    locks: only for a file that no one writes (no ``-wal`` beside it, or a copy)."""
    conn = sqlite3.connect(
        uri(path, immutable=immutable), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    except BaseException:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection, path: os.PathLike[str] | str) -> int:
    """``PRAGMA user_version``, refusing what is not SQLite and what a newer hourdesk wrote."""
    version: int
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise refuse(path, unreadable(exc)) from exc
    if version > SCHEMA_VERSION:
        raise refuse(path, newer(version))
    return version


def fast_connection(path: str, timeout_ms: int) -> sqlite3.Connection:
    """For ``status`` and ``report``: a read-only connection to a database of this hourdesk.

    Refuses an empty file, what is not SQLite, a newer schema and a file without hourdesk's
    tables, with the same words as the full command line.
    """
    if os.path.getsize(path) == 0:
        raise refuse(path, "is empty (0 bytes), not an hourdesk database")
    try:
        conn = connect_readonly(path, timeout_ms=timeout_ms)
    except sqlite3.Error as exc:
        raise refuse(path, unreadable(exc)) from exc
    try:
        if schema_version(conn, path) == 0:
            raise refuse(path, "is not an hourdesk database")
    except BaseException:
        conn.close()
        raise
    return conn
