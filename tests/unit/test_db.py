"""The store: a private file, the pragmas, migrations, refusal of files that are not ours
(untouched), and the triggers that keep the record append-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.db import DatabaseRefused, open_database, transaction
from hourdesk.storage.schema import SCHEMA_VERSION

PAGE = 4096


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(db, name: str):
    return db.execute(f"PRAGMA {name}").fetchone()[0]


# --- a new database ---------------------------------------------------------------------


def test_new_database_is_private_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "hourdesk.db"
    db = open_database(path)
    db.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('A', 0, 0)")
    for companion in (path, path.with_name("hourdesk.db-wal"), path.with_name("hourdesk.db-shm")):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    db.close()


def test_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "hourdesk.db")
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "synchronous") == 2  # FULL
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "busy_timeout") >= 1000
    db.close()
    db = open_database(tmp_path / "hourdesk.db")  # and again on a reopen
    assert (pragma(db, "synchronous"), pragma(db, "foreign_keys")) == (2, 1)
    assert pragma(db, "busy_timeout") >= 1000
    db.close()


def test_foreign_keys_are_enforced(desk: Desk) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO tickets (number, client_id, subject, channel, created_at, updated_at)"
            " VALUES (1, 999, 'x', 'email', 0, 0)"
        )


def test_migrations_set_the_version_and_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    db = open_database(path)
    assert pragma(db, "user_version") == SCHEMA_VERSION
    tables = set(db.table_names())
    assert {"clients", "client_emails", "tickets", "entries"} <= tables
    db.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('Kept', 100, 0)")
    db.close()
    for _ in range(2):
        db = open_database(path)
        assert pragma(db, "user_version") == SCHEMA_VERSION
        assert set(db.table_names()) == tables
        assert [r["name"] for r in db.query("SELECT name FROM clients")] == ["Kept"]
        db.close()


def test_an_empty_file_is_refused_not_made_a_new_desk(tmp_path: Path) -> None:
    """A zero-byte file where a desk was expected is an error, never a fresh database."""
    path = tmp_path / "hourdesk.db"
    path.touch()
    with pytest.raises(DatabaseRefused, match=r"empty \(0 bytes\).*hourdesk restore"):
        open_database(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hourdesk.db"]


def test_transaction_is_all_or_nothing(desk: Desk) -> None:
    with pytest.raises(RuntimeError), transaction(desk.db):
        desk.db.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('A', 0, 0)")
        with transaction(desk.db):  # nested: a savepoint inside the same transaction
            desk.db.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('B', 0, 0)")
        raise RuntimeError("half way")
    assert desk.db.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
    assert not desk.db.conn.in_transaction


# --- files that are refused, untouched --------------------------------------------------


def _real_database(path: Path) -> Path:
    """A real hourdesk database with a few pages of clients, tickets and threads."""
    desk = build_desk(path)
    client = desk.clients.add(name="Acme", emails="it@acme.example")
    with transaction(desk.db):
        for i in range(12):
            desk.tickets.new(client_id=client.id, subject=f"Printer {i}", body="paper " * 300)
    desk.close()
    assert path.stat().st_size > 20 * PAGE
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _text(path: Path) -> None:
    path.write_text("Invoice notes\nnot a database at all\n" * 20, encoding="utf-8")


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(3 * PAGE))


def _junk50(path: Path) -> None:
    path.write_bytes(b"\x07junk" * 10)


def _header_only(path: Path) -> None:
    _real_database(path)
    path.write_bytes(path.read_bytes()[:100])


def _damaged_everywhere(path: Path) -> None:
    """Every page after the first gets a garbage b-tree page header."""
    _real_database(path)
    data = bytearray(path.read_bytes())
    for start in range(PAGE, len(data), PAGE):
        data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def _damaged_one_page(path: Path) -> None:
    """One page in the middle: the schema (page 1) still reads fine."""
    _real_database(path)
    data = bytearray(path.read_bytes())
    start = (len(data) // PAGE // 2) * PAGE
    data[start : start + 64] = bytes(range(64))
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    _real_database(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    assert not path.with_name(path.name + "-wal").exists()


def _other_program(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://example.com')")
        conn.commit()


BAD_FILES: dict[str, Callable[[Path], None]] = {
    "text": _text,
    "random bytes": _random,
    "50 bytes of junk": _junk50,
    "only the header": _header_only,
    "damaged pages": _damaged_everywhere,
    "one damaged page": _damaged_one_page,
    "newer schema": _newer,
    "another program's database": _other_program,
}


@pytest.fixture(params=list(BAD_FILES), ids=list(BAD_FILES))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "bad" / "hourdesk.db"
    path.parent.mkdir()
    BAD_FILES[request.param](path)
    return path


def test_bad_files_are_refused_untouched(bad_file: Path) -> None:
    before = sha256(bad_file)
    for _ in range(2):  # a second attempt changes nothing either
        with pytest.raises(DatabaseRefused) as refused:
            open_database(bad_file)
        message = str(refused.value)
        assert "hourdesk restore" in message
        assert str(bad_file) in message
        assert "\n" not in message
    assert sha256(bad_file) == before
    assert sorted(p.name for p in bad_file.parent.iterdir()) == ["hourdesk.db"]


def test_the_refusal_says_what_is_wrong(tmp_path: Path) -> None:
    reasons = {}
    for name in ("text", "damaged pages", "newer schema", "another program's database"):
        path = tmp_path / f"{len(reasons)}.db"
        BAD_FILES[name](path)
        with pytest.raises(DatabaseRefused) as refused:
            open_database(path)
        reasons[name] = str(refused.value)
    assert "not an SQLite database" in reasons["text"]
    assert "damaged" in reasons["damaged pages"]
    assert "newer hourdesk" in reasons["newer schema"]
    assert "another program" in reasons["another program's database"]


def test_the_cli_refuses_bad_files(tmp_path: Path, cli) -> None:
    files = {}
    for i, (name, make) in enumerate(BAD_FILES.items()):
        if name in ("only the header", "one damaged page"):  # the same refusals as others
            continue
        path = tmp_path / f"bad{i}.db"
        make(path)
        files[name] = (path, sha256(path))
    runs = {
        name: cli.start("--db", path, "ticket", "list", "--json")
        for name, (path, _) in files.items()
    }
    runs["HOURDESK_DB"] = cli.start(
        "client", "list", env={"HOURDESK_DB": str(files["newer schema"][0])}
    )
    for name, process in runs.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 1, (name, out, err)
        assert out == "", name
        assert len(err.strip().splitlines()) == 1, (name, err)
        assert "hourdesk restore" in err, name
    for name, (path, digest) in files.items():
        assert sha256(path) == digest, name
        assert not path.with_name(path.name + "-wal").exists(), name


def test_a_second_connection_opens_a_database_whose_commits_are_in_the_wal(
    tmp_path: Path,
) -> None:
    """The TUI keeps the database open; the CLI opens it meanwhile. The file header
    still says version 0 until a checkpoint, the connection knows better."""
    path = tmp_path / "hourdesk.db"
    first = open_database(path)
    assert path.with_name("hourdesk.db-wal").stat().st_size > 0
    second = open_database(path)
    assert pragma(second, "user_version") == SCHEMA_VERSION
    second.close()
    first.close()


def test_a_newer_schema_still_in_the_wal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    newer = open_database(path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")  # left in the WAL
    with pytest.raises(DatabaseRefused, match="newer hourdesk"):
        open_database(path)
    newer.close()


def test_copy_of_a_good_database_still_opens(tmp_path: Path) -> None:
    """The builders above damage a real database; untouched, the same file is fine."""
    path = _real_database(tmp_path / "good.db")
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    db = open_database(copy)
    assert db.execute("SELECT count(*) FROM tickets").fetchone()[0] == 12
    db.close()


# --- triggers: the record is append-only --------------------------------------------------


@pytest.fixture
def ticket(desk: Desk, client):
    return desk.tickets.new(client_id=client.id, subject="Email down", body="Since 9 am.")


def test_thread_entries_cannot_be_updated_or_deleted(desk: Desk, ticket) -> None:
    before = list(desk.db.query("SELECT * FROM entries ORDER BY id"))
    assert len(before) >= 2
    for sql in (
        "UPDATE entries SET body = 'rewritten' WHERE ticket_id = ?",
        "UPDATE entries SET kind = 'note' WHERE ticket_id = ?",
        "DELETE FROM entries WHERE ticket_id = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.db.execute(sql, [ticket.id])
    assert list(desk.db.query("SELECT * FROM entries ORDER BY id")) == before


def test_tickets_cannot_be_deleted(desk: Desk, ticket) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        desk.db.execute("DELETE FROM tickets WHERE id = ?", [ticket.id])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("DELETE FROM tickets")
    assert desk.tickets.get(ticket.ref).subject == "Email down"


def test_ticket_numbers_never_change(desk: Desk, ticket) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        desk.db.execute("UPDATE tickets SET number = 99 WHERE id = ?", [ticket.id])
    # other columns still change, and writing the same number is no change
    desk.db.execute(
        "UPDATE tickets SET number = number, subject = 'Mail' WHERE id = ?", [ticket.id]
    )
    assert desk.tickets.get(1).subject == "Mail"


def test_a_read_inside_a_write_opens_no_savepoint(desk: Desk) -> None:
    """Each savepoint makes FTS5 write out its pending terms: a note filed in a transaction
    that reads between its writes must not become an index segment of its own."""
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    statements: list[str] = []
    desk.db.conn.set_trace_callback(statements.append)
    try:
        with transaction(desk.db):
            desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")
            rows = desk.db.query("SELECT id, subject FROM tickets WHERE subject = ?", ["Printer"])
            assert [row["subject"] for row in rows] == ["Printer"]
    finally:
        desk.db.conn.set_trace_callback(None)
    assert [s for s in statements if "SAVEPOINT" in s and "sqlite_utils_query" in s] == []
    assert list(desk.db.query("SELECT 1 AS a, 2 AS a")) == [{"a": 1, "a_2": 2}]
    with pytest.raises(ValueError):  # a statement without rows is refused, as before
        list(desk.db.query("CREATE TABLE empty_one (x)"))
