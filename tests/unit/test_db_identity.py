"""The database that vanishes, is replaced or is refused: the next write says so instead of
going into a file without a name; nothing starts a fresh desk where one was expected; a
refused file and the WAL beside it stay exactly as they were; reading needs no write lock."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hourdesk.app.core.logs import explain
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.backup import backup_database, daily_backup
from hourdesk.storage.db import DatabaseMoved, DatabaseRefused, open_database
from hourdesk.storage.schema import SCHEMA_VERSION


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data" / "hourdesk.db"


@pytest.fixture
def open_desk(data: Path, clock) -> Desk:
    desk = build_desk(data, clock=clock)
    desk.clients.add(name="Acme", emails="it@acme.example")
    yield desk
    desk.close()


def clients(path: Path) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM clients").fetchone()[0]


# --- the file goes away under an open desk ---------------------------------------------


def test_a_deleted_folder_refuses_the_next_write(open_desk: Desk, data: Path) -> None:
    shutil.rmtree(data.parent)
    with pytest.raises(DatabaseMoved, match="moved, replaced or deleted") as refused:
        open_desk.clients.add(name="Lost Ltd")
    assert "restart hourdesk" in str(refused.value)
    assert not data.parent.exists()  # nothing was created in its place
    # The TUI and the intake worker treat it as a storage error and show one clear line.
    assert isinstance(refused.value, sqlite3.OperationalError)
    assert "moved, replaced or deleted" in explain(refused.value)
    assert not open_desk.db.conn.in_transaction


def test_a_replaced_file_is_not_written(open_desk: Desk, data: Path, tmp_path: Path) -> None:
    copy = backup_database(open_desk.db.conn, tmp_path / "copy.db")
    os.replace(copy, data)
    before = sha256(data)
    with pytest.raises(DatabaseMoved):
        open_desk.tickets.new(client_id=1, subject="Printer", body="Offline.")
    with pytest.raises(DatabaseMoved):
        open_desk.clients.add(name="Lost Ltd")
    assert sha256(data) == before
    assert clients(data) == 1


def test_a_moved_file_is_not_written(open_desk: Desk, data: Path) -> None:
    moved = data.with_name("elsewhere.db")
    os.rename(data, moved)
    with pytest.raises(DatabaseMoved):
        open_desk.clients.add(name="Lost Ltd")
    assert not data.exists()


def test_a_worker_connection_is_refused_too(open_desk: Desk, data: Path) -> None:
    worker = open_desk.separate()
    assert worker.db.conn is not open_desk.db.conn
    shutil.rmtree(data.parent)
    with pytest.raises(DatabaseMoved):
        worker.clients.add(name="Lost Ltd")
    with pytest.raises(DatabaseMoved):
        open_desk.separate()
    worker.close()


def test_the_same_file_keeps_working(open_desk: Desk, data: Path) -> None:
    """A checkpoint, a backup and another connection do not change the file's identity."""
    other = open_database(data)
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup_database(open_desk.db.conn, data.parent / "b.db")
    open_desk.clients.add(name="Still Here")
    other.close()
    assert clients(data) == 2


# --- a missing or empty file where a desk was expected -----------------------------------


def test_a_missing_database_with_backups_beside_it_is_refused(
    open_desk: Desk, data: Path, cli
) -> None:
    daily_backup(open_desk.db.conn, data)
    open_desk.close()
    for name in (data, wal(data), data.with_name(data.name + "-shm")):
        name.unlink(missing_ok=True)
    with pytest.raises(DatabaseRefused, match=r"missing.*backups.*hourdesk restore"):
        open_database(data)
    done = cli.run("--db", data, "ticket", "list")
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "hourdesk restore" in done.stderr
    assert not data.exists()


def test_a_new_path_is_created_and_it_says_so(tmp_path: Path, cli) -> None:
    path = tmp_path / "new" / "hourdesk.db"
    first = cli.run("--db", path, "ticket", "list")
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip() == f"hourdesk: Created a new database at {path}."
    again = cli.run("--db", path, "ticket", "list")
    assert (again.returncode, again.stderr) == (0, "")


def test_an_empty_file_is_refused_everywhere(tmp_path: Path, cli) -> None:
    path = tmp_path / "hourdesk.db"
    path.touch()
    for args in (("ticket", "list"), ("status",), ("check",)):
        done = cli.run("--db", path, *args)
        assert done.returncode in (1, 2), (args, done.stderr)
        assert len(done.stderr.splitlines()) == 1, (args, done.stderr)
        assert "empty (0 bytes)" in done.stderr, (args, done.stderr)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hourdesk.db"]


# --- refused files with a crash WAL beside them ------------------------------------------

CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('In the WAL', 0, 0)")
for statement in sys.argv[2:]:
    conn.execute(statement)
os._exit(0)  # killed: the commits stay in the WAL, nothing is checkpointed
"""


def crashed(path: Path, *statements: str) -> None:
    """A real hourdesk database whose last commits are only in a crash WAL."""
    desk = build_desk(path)
    desk.clients.add(name="Acme", emails="it@acme.example")
    for i in range(20):
        desk.tickets.new(client_id=1, subject=f"Printer {i}", body="paper " * 200)
    desk.close()
    subprocess.run([sys.executable, "-c", CRASH, str(path), *statements], check=True)
    assert wal(path).stat().st_size > 0


def newer_in_the_wal(path: Path) -> None:
    crashed(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def damaged_under_the_wal(path: Path) -> None:
    crashed(path)
    with open(path, "r+b") as fh:  # the test's own damage, with no connection open
        fh.seek(8 * 4096)
        fh.write(bytes(range(64)))


@pytest.mark.parametrize(
    ("spoil", "why"),
    [(newer_in_the_wal, "newer hourdesk"), (damaged_under_the_wal, "damaged")],
    ids=["newer", "damaged"],
)
def test_a_refused_file_and_its_wal_stay_as_they_were(tmp_path: Path, cli, spoil, why) -> None:
    path = tmp_path / "hourdesk.db"
    spoil(path)
    before = (sha256(path), sha256(wal(path)))
    with pytest.raises(DatabaseRefused, match=why):
        open_database(path)
    assert (sha256(path), sha256(wal(path))) == before
    for args in (("ticket", "list"), ("check",), ("backup",)):
        done = cli.run("--db", path, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert why in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
        assert (sha256(path), sha256(wal(path))) == before, args
    status = cli.run("--db", path, "status")
    assert status.returncode == 2 if why == "newer hourdesk" else status.returncode in (1, 2)
    assert (sha256(path), sha256(wal(path))) == before
    assert wal(path).exists()


# --- reading needs no write lock ---------------------------------------------------------

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(60)
"""


def test_read_commands_do_not_wait_for_the_write_lock(open_desk: Desk, data: Path, cli) -> None:
    open_desk.tickets.new(client_id=1, subject="Printer", body="Offline.")
    daily_backup(open_desk.db.conn, data)  # today's backup exists: the start only reads
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        for args in (
            ("ticket", "list", "--json"),
            ("client", "list"),
            ("check",),
            ("status",),
            ("report",),
        ):
            began = time.monotonic()
            done = cli.run("--db", data, *args, env={"HOURDESK_NOW": "2026-03-02T10:00:00Z"})
            took = time.monotonic() - began
            assert done.returncode in (0, 1), (args, done.stderr)
            assert "busy" not in done.stderr, (args, done.stderr)
            assert took < 8, (args, took)
        assert "HD-0001" in cli.run("--db", data, "ticket", "list", "--json").stdout
    finally:
        holder.kill()
        holder.wait()


def test_an_open_file_is_not_checked_again(open_desk: Desk, data: Path) -> None:
    """A second open of a file this process has open (a worker, a CLI call inside the TUI)
    gets its own connection and no migration transaction."""
    holder = sqlite3.connect(data, isolation_level=None)
    holder.execute("PRAGMA busy_timeout = 0")
    holder.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        again = open_database(data)
        assert time.monotonic() - began < 1
        assert again.conn is not open_desk.db.conn
        assert again.execute("SELECT count(*) FROM clients").fetchone()[0] == 1
        again.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_helpers_above_spoil_what_they_say(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sqlite3, sys
        conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
        print(conn.execute("PRAGMA user_version").fetchone()[0])
    """)
    path = tmp_path / "n.db"
    newer_in_the_wal(path)
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert int(done.stdout) == SCHEMA_VERSION + 1
