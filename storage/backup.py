"""Backups: consistent online copies, the daily automatic one, and restore with checks first.

A copy is made with SQLite's backup API from a read transaction, so it is consistent while
the TUI, a timer or a CLI command writes (WAL lets writers go on meanwhile). Every file is
written under a temporary name, checked, flushed to disk and then renamed into place: a crash
or a full disk never leaves a half-written backup under a backup's name.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hourdesk.storage.db import BUSY_TIMEOUT_MS, DatabaseRefused, _statements, check_file
from hourdesk.storage.files import fsync_folder
from hourdesk.storage.probe import connect_readonly, newer, unreadable
from hourdesk.storage.schema import MIGRATIONS, SCHEMA_VERSION

KEEP_DAILY = 14
# The daily backup copies this many pages per step (4 MB of 4 KB pages) and rests between
# steps (the ``backup_pause`` setting), so the disk and the CPU stay shared.
STEP_PAGES = 1024
FOLDER = "backups"
DAILY = "daily"
# ``.<name>.<pid>.<ns>.tmp``, and SQLite's files beside it: see :func:`_temporary`.
_TEMPORARY = re.compile(r"\..+\.(\d+)\.\d+\.tmp(?:-wal|-shm|-journal)?")
LEFTOVER_SECONDS = 24 * 3600


class BackupError(Exception):
    """A backup or a restore could not be made; nothing was replaced."""


# --- names and places ---------------------------------------------------------------------


def backups_dir(db_path: Path) -> Path:
    """Backups live in ``backups/`` beside the database (the data dir for the usual one)."""
    return Path(db_path).expanduser().absolute().parent / FOLDER


def _stamp(now: float | None = None) -> str:
    return time.strftime("%Y-%m-%d-%H%M%S", time.localtime(time.time() if now is None else now))


def _unused(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3``... before its suffix when it is taken."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def default_backup_path(db_path: Path, now: float | None = None) -> Path:
    """``backups/hourdesk-2026-03-02-090000.db`` beside the database."""
    stem = Path(db_path).stem
    return _unused(backups_dir(db_path) / f"{stem}-{_stamp(now)}.db")


# --- copying ------------------------------------------------------------------------------


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary copies a killed backup or restore left in ``folder``.

    A copy is left alone while the process that writes it runs (and for a day, in case its
    number was given to another process).
    """
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _TEMPORARY.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > LEFTOVER_SECONDS
            if old or not _running(int(found[1])):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def _temporary(dest: Path) -> Iterator[Path]:
    """A private empty file beside ``dest``; removed unless the caller renamed it away.

    Should the process be killed meanwhile, the next backup or restore there (and the next
    start) removes it: :func:`remove_leftovers`.
    """
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    remove_leftovers(dest.parent)
    tmp = dest.parent / f".{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    # Claimed (private, exclusive) before any connection to it exists in this process.
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        yield tmp
    finally:
        _remove(tmp)


def _connect(path: Path) -> sqlite3.Connection:
    """A read-write connection: to a temporary copy, or to a restore's target once it passed
    :func:`storage.db.check_file`."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # SQLite itself makes the copy durable (fsync at each commit and checkpoint), so no
    # descriptor of that file is ever opened or closed outside SQLite.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _copy_in_steps(source: sqlite3.Connection, dest: sqlite3.Connection, pause: float) -> None:
    """Copy a few pages at a time, resting ``pause`` seconds in between, all from one snapshot.

    The read transaction held on ``source`` keeps every step on the same state (a write
    meanwhile neither restarts the copy nor mixes into it); in WAL, writers go on.
    """
    source.execute("BEGIN")
    try:
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
        source.backup(dest, pages=STEP_PAGES, progress=lambda *_: time.sleep(pause))
    finally:
        source.execute("ROLLBACK")


def _copy(source: sqlite3.Connection, tmp: Path, *, pause: float | None = None) -> None:
    """Copy everything from one read transaction, so one consistent state: in one step, or
    in steps with a ``pause`` between them (for a copy in the background)."""
    dest = _connect(tmp)
    try:
        if pause is not None:
            _copy_in_steps(source, dest, pause)
        else:
            source.backup(dest, pages=-1)
        (mode,) = dest.execute("PRAGMA journal_mode").fetchone()
        if mode != "wal":
            dest.execute("PRAGMA journal_mode = WAL")
    finally:
        dest.close()


def _check_copy(tmp: Path, what: str) -> None:
    conn = _connect(tmp)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()
    if problems != ["ok"]:
        raise BackupError(
            f"{what} is damaged ({problems[0].strip().splitlines()[-1]}): no backup was "
            f"written. Run `hourdesk check`; restore a good backup with `hourdesk restore`."
        )


def _place(tmp: Path, dest: Path) -> Path:
    if dest.exists():  # taken meanwhile: never overwrite a backup
        dest = _unused(dest)
    os.replace(tmp, dest)
    fsync_folder(dest.parent)
    return dest


def backup_database(
    source: sqlite3.Connection | Path, dest: Path, *, pause: float | None = None
) -> Path:
    """Write a consistent copy of ``source`` (a connection or a database file) to ``dest``.

    ``dest`` must not exist (a folder means a timestamped name inside it). The copy is
    checked (``quick_check``) before it takes its name; it is a private file (0600).
    A ``pause`` copies in small steps with that many seconds of rest between them (a
    connection of its own, not in a transaction, must be given then).
    """
    dest = Path(dest).expanduser().absolute()
    opened = None
    if not isinstance(source, sqlite3.Connection):
        source_path = Path(source).expanduser().absolute()
        if dest.is_dir():
            dest = _unused(dest / f"{source_path.stem}-{_stamp()}.db")
        opened = source = connect_readonly(source_path)
    elif dest.is_dir():
        dest = _unused(dest / f"hourdesk-{_stamp()}.db")
    if dest.exists():
        raise BackupError(f"{dest} already exists: choose another name (nothing was written).")
    try:
        with _temporary(dest) as tmp:
            _copy(source, tmp, pause=pause)
            _check_copy(tmp, "The database")
            return _place(tmp, dest)
    finally:
        if opened is not None:
            opened.close()


# --- the daily backup ---------------------------------------------------------------------


@dataclass(frozen=True)
class Daily:
    """What the daily backup did: ``path`` is the new backup, or None when one existed."""

    path: Path | None
    removed: tuple[Path, ...] = ()


def daily_backups(db_path: Path) -> list[Path]:
    """This database's automatic backups, oldest first."""
    folder = backups_dir(db_path)
    stem = Path(db_path).stem
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{stem}-{DAILY}-*.db"))


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[bool]:
    """Whether this process got the backup folder's lock (another process may hold it)."""
    import fcntl

    fd = os.open(folder / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _made_today(db_path: Path, now: float | None) -> bool:
    today = time.strftime("%Y-%m-%d", time.localtime(time.time() if now is None else now))
    prefix = f"{db_path.stem}-{DAILY}-{today}-"
    return any(p.name.startswith(prefix) for p in daily_backups(db_path))


def daily_due(db_path: Path, now: float | None = None) -> bool:
    """Whether today's backup is still to be made: none yet, and none being made now."""
    db_path = Path(db_path).expanduser().absolute()
    if _made_today(db_path, now):
        return False
    folder = backups_dir(db_path)
    if not (folder / ".lock").exists():
        return True
    with _exclusive(folder) as mine:
        return mine


def daily_backup(
    source: sqlite3.Connection,
    db_path: Path,
    *,
    keep: int = KEEP_DAILY,
    now: float | None = None,
    pause: float | None = None,
) -> Daily:
    """At the first start of a (local) day, back up ``db_path``; keep the newest ``keep``.

    Cheap when today's backup exists (one directory listing). Manual backups (without
    ``daily`` in the name) are never removed. Raises ``OSError``, ``sqlite3.Error`` or
    :class:`BackupError` when the copy fails; the database itself is never touched.
    ``pause``: see :func:`backup_database`.
    """
    keep = max(1, keep)
    db_path = Path(db_path).expanduser().absolute()
    stem = db_path.stem
    folder = backups_dir(db_path)
    if _made_today(db_path, now):
        return Daily(None)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _exclusive(folder) as mine:
        if not mine or _made_today(db_path, now):
            return Daily(None)
        made = backup_database(source, folder / f"{stem}-{DAILY}-{_stamp(now)}.db", pause=pause)
        backups = daily_backups(db_path)
        removed = tuple(backups[:-keep]) if len(backups) > keep else ()
        for old in removed:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
        return Daily(made, removed)


# --- checking a file and restoring it -----------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A file that passed the checks: its schema version and what it holds."""

    path: Path
    version: int
    counts: dict[str, int]


def _expected_tables(version: int) -> set[str]:
    """The tables hourdesk's migrations 1..``version`` create."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                conn.execute(statement)
        return {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    finally:
        conn.close()


def _refused(path: Path, why: str) -> BackupError:
    return BackupError(f"{path}: {why}. Nothing was restored; the current database is unchanged.")


def _newer(path: Path, version: int) -> BackupError:
    return _refused(path, newer(version, "restore it"))


def _snapshot(path: Path, tmp: Path) -> None:
    """Copy the file at ``path`` into ``tmp`` through a read-only connection.

    Without a ``-wal`` beside it the file is read immutable: no locks, no ``-shm`` or ``-wal``
    created beside it, and a folder that is read-only is fine.
    """
    if not path.exists():
        raise _refused(path, "there is no such file")
    if path.is_dir():
        raise _refused(path, "is a folder, not a backup file")
    if path.stat().st_size == 0:
        raise _refused(path, "is empty (0 bytes), not an hourdesk backup")
    try:
        source = connect_readonly(path, immutable=not Path(f"{path}-wal").exists())
        try:
            (version,) = source.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise _newer(path, version)
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest, pages=-1)
            finally:
                dest.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        raise _refused(path, unreadable(exc)) from exc


def inspect_candidate(path: Path, tmp: Path) -> Candidate:
    """Copy ``path`` into ``tmp`` and check the copy: integrity, schema version, hourdesk's.

    Raises :class:`BackupError` naming the fault. ``path`` is only read.
    """
    path = Path(path).expanduser().absolute()
    _snapshot(path, tmp)
    conn = _connect(tmp)
    try:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            tables = {
                name
                for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as exc:
            raise _refused(path, f"is damaged ({exc})") from exc
        if problems != ["ok"]:
            raise _refused(path, f"is damaged ({problems[0].strip().splitlines()[-1]})")
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        if version == 0:
            why = "is empty" if not tables else "is the SQLite database of another program"
            raise _refused(path, f"{why}, not an hourdesk backup")
        missing = _expected_tables(version) - tables
        if missing:
            raise _refused(
                path, f"is not an hourdesk database (no table {', '.join(sorted(missing))})"
            )
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clients", "tickets", "time_entries", "invoices")
            if table in tables
        }
        (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return Candidate(path, version, counts)


@dataclass(frozen=True)
class Restored:
    """What a restore did: the file put in place, and where the replaced one was kept."""

    source: Candidate
    target: Path
    replaced: Path | None


def _healthy(path: Path) -> sqlite3.Connection | None:
    """A connection to the current database when it can be copied and written in place.

    It is checked through a read-only connection first: a damaged or newer file, and any
    ``-wal`` beside it, stay exactly as they are.
    """
    try:
        check_file(path, thorough=True)
    except DatabaseRefused:
        return None
    return _connect(path)


def _match_page_size(tmp: Path, current: sqlite3.Connection) -> None:
    """The backup API cannot change the page size of a WAL database: convert the copy."""
    (wanted,) = current.execute("PRAGMA page_size").fetchone()
    conn = _connect(tmp)
    try:
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        if size != wanted:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute(f"PRAGMA page_size = {int(wanted)}")
            conn.execute("VACUUM")
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def replaced_path(target: Path, now: float | None = None) -> Path:
    return _unused(target.with_name(f"{target.name}.replaced-{_stamp(now)}"))


def restore_database(
    source: Path, target: Path, *, force: bool = False, now: float | None = None
) -> Restored:
    """Put a checked copy of ``source`` in place of ``target``.

    The source is checked before anything else. An existing target is replaced only with
    ``force``, and is kept beside it as ``<name>.replaced-<timestamp>``. When the target is a
    good database it is written in place with the backup API, in one transaction, so an
    hourdesk that has it open sees the restored data; a damaged or foreign target is moved
    aside instead.
    """
    source = Path(source).expanduser().absolute()
    target = Path(target).expanduser().absolute()
    if source == target:
        raise _refused(source, "is the current database itself")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _temporary(target.with_name(target.name + ".restore")) as tmp:
        candidate = inspect_candidate(source, tmp)
        exists = target.exists() and target.stat().st_size > 0
        if exists and not force:
            raise BackupError(
                f"{target} exists: `hourdesk restore --force` replaces it (the current one is "
                f"kept beside it as {target.name}.replaced-<time>). Nothing was changed."
            )
        keep = replaced_path(target, now)
        current = _healthy(target) if exists else None
        if current is None:
            # Absent, damaged, foreign or newer: move it aside intact, with its journal files
            # (a stray -wal left beside the restored file would be replayed into it).
            moved = None
            for name in (f"{target}-wal", f"{target}-shm", str(target)):
                if Path(name).exists():
                    moved = keep
                    os.replace(name, f"{keep}{name[len(str(target)) :]}")
            _place(tmp, target)
            return Restored(candidate, target, moved)
        _match_page_size(tmp, current)
        try:
            with _temporary(keep) as keep_tmp:
                _copy(current, keep_tmp)
                _place(keep_tmp, keep)
            incoming = _connect(tmp)
            try:
                incoming.backup(current, pages=-1)
            finally:
                incoming.close()
        finally:
            current.close()
        return Restored(candidate, target, keep)
