"""Backups: consistent online copies, the daily automatic one with retention, and restore
that checks first, refuses without --force and keeps what it replaced."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.backup import (
    BackupError,
    backup_database,
    daily_backup,
    daily_backups,
    default_backup_path,
    inspect_candidate,
    restore_database,
)
from hourdesk.storage.db import open_database
from hourdesk.storage.schema import MIGRATIONS, SCHEMA_VERSION
from hourdesk.storage.vault import MemoryVault
from tests.daily import settle

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = 86400


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make(path: Path, *, running: bool = True, subject: str = "Printer") -> None:
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=Settings())
    try:
        client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
        ticket = desk.tickets.new(client_id=client.id, subject=subject, body="It jams.")
        if running:
            desk.timer.start(ticket.ref, billable=False)
    finally:
        desk.close()


def subjects(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT subject FROM tickets ORDER BY number")]
    finally:
        conn.close()


def healthy(path: Path) -> None:
    db = open_database(path)
    try:
        assert problems(db) == []
    finally:
        db.close()


# --- backup ----------------------------------------------------------------------------------


def test_backup_while_a_timer_runs_is_a_private_whole_copy(desk: Desk, client, tmp_path) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="VPN", billable=False)
    desk.timer.start(ticket.ref)
    dest = tmp_path / "copies" / "copy.db"
    made = backup_database(desk.db.conn, dest)
    assert made == dest
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.db"]  # no temporary left
    healthy(dest)
    copy = build_desk(dest, vault=MemoryVault(), clock=desk.clock)
    try:
        assert copy.timer.running().ref == ticket.ref
    finally:
        copy.close()


def test_backup_never_overwrites(desk: Desk, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    dest.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(desk.db.conn, dest)
    assert dest.read_text() == "keep me"


def test_backup_into_a_folder_gets_a_timestamped_name(tmp_path: Path) -> None:
    make(tmp_path / "hourdesk.db")
    folder = tmp_path / "out"
    folder.mkdir()
    first = backup_database(tmp_path / "hourdesk.db", folder)
    second = backup_database(tmp_path / "hourdesk.db", folder)
    assert first.parent == second.parent == folder
    assert first != second
    assert first.name.startswith("hourdesk-")


def test_default_path_is_the_backups_folder_beside_the_database(tmp_path: Path) -> None:
    at = time.mktime((2026, 3, 2, 9, 5, 7, 0, 0, -1))
    path = default_backup_path(tmp_path / "hourdesk.db", now=at)
    assert path == tmp_path / "backups" / "hourdesk-2026-03-02-090507.db"


def _writer(path: str, seconds: float) -> None:
    clock = FixedClock(T0)
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=Settings())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        desk.timer.start("HD-0001", billable=False)
        clock.advance(minutes=1)
        desk.timer.stop()
        clock.advance(minutes=1)
    desk.close()


def test_backups_are_consistent_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path, running=False)
    writer = multiprocessing.get_context("fork").Process(target=_writer, args=(str(path), 1.5))
    writer.start()
    copies = []
    try:
        time.sleep(0.2)
        while writer.is_alive() and len(copies) < 12:
            copies.append(backup_database(path, tmp_path / f"copy-{len(copies)}.db"))
    finally:
        writer.join(timeout=30)
    assert writer.exitcode == 0
    assert len(copies) >= 3
    for copy in copies:
        healthy(copy)  # integrity, one running timer at most, entries whole


# --- the daily backup ------------------------------------------------------------------------


def test_the_daily_backup_once_a_day_keeping_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    db = open_database(path)
    try:
        start = time.mktime((2026, 3, 2, 9, 0, 0, 0, 0, -1))
        first = daily_backup(db.conn, path, keep=3, now=start)
        assert first.path is not None and first.path.name.startswith("hourdesk-daily-2026-03-02")
        assert daily_backup(db.conn, path, keep=3, now=start + 3600).path is None  # same day
        manual = backup_database(db.conn, default_backup_path(path, now=start))
        for day in range(1, 5):
            made = daily_backup(db.conn, path, keep=3, now=start + day * DAY)
            assert made.path is not None
        kept = daily_backups(path)
        assert [p.name[len("hourdesk-daily-") :][:10] for p in kept] == [
            "2026-03-04",
            "2026-03-05",
            "2026-03-06",
        ]
        assert manual.exists()  # a manual backup is never pruned
        for copy in kept:
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            healthy(copy)
    finally:
        db.close()


def test_the_first_command_of_the_day_makes_the_backup(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    assert cli.run("--db", path, "ticket", "list").returncode == 0
    assert not (tmp_path / "backups").exists()  # an empty database is not worth a copy
    make(path)
    done = cli.run("--db", path, "ticket", "list")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    settle(path)  # made beside the command, by a process of its own
    (made,) = daily_backups(path)
    assert subjects(made) == ["Printer"]
    cli.run("--db", path, "ticket", "note", "HD-0001", "Another note.")
    settle(path)
    assert daily_backups(path) == [made]  # once a day


def test_backup_command(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    done = cli.run("--db", path, "backup")
    assert done.returncode == 0, done.stderr
    made = Path(done.stdout.strip())
    assert made.parent == tmp_path / "backups"
    assert "daily" not in made.name
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    healthy(made)
    done = cli.run("--db", path, "backup", tmp_path / "mine.db")
    assert done.stdout.strip() == str(tmp_path / "mine.db")
    again = cli.run("--db", path, "backup", tmp_path / "mine.db")
    assert again.returncode == 1
    assert "already exists" in again.stderr


# --- restore ---------------------------------------------------------------------------------


def test_restore_refuses_without_force_and_keeps_the_replaced_one(tmp_path: Path) -> None:
    current, backup = tmp_path / "hourdesk.db", tmp_path / "backup.db"
    make(backup, subject="From the backup")
    make(current, subject="Current")
    before = sha256(backup)
    with pytest.raises(BackupError, match="--force"):
        restore_database(backup, current)
    assert subjects(current) == ["Current"]
    done = restore_database(backup, current, force=True)
    assert subjects(current) == ["From the backup"]
    assert done.replaced is not None and done.replaced.name.startswith("hourdesk.db.replaced-")
    assert subjects(done.replaced) == ["Current"]
    assert stat.S_IMODE(done.replaced.stat().st_mode) == 0o600
    assert sha256(backup) == before  # the backup itself is only read
    healthy(current)


def test_restore_into_an_open_database_shows_in_the_open_desk(tmp_path: Path) -> None:
    current, backup = tmp_path / "hourdesk.db", tmp_path / "backup.db"
    make(backup, subject="From the backup")
    make(current, subject="Current")
    desk = build_desk(current, vault=MemoryVault(), clock=FixedClock(T0))
    try:
        seen = desk.db.execute("PRAGMA data_version").fetchone()[0]
        restore_database(backup, current, force=True)
        assert desk.db.execute("PRAGMA data_version").fetchone()[0] != seen
        assert [t.subject for t in desk.tickets.list()] == ["From the backup"]
    finally:
        desk.close()


def test_restore_to_a_new_place(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    make(backup)
    target = tmp_path / "new" / "hourdesk.db"
    done = restore_database(backup, target)
    assert done.replaced is None
    assert subjects(target) == ["Printer"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_stray_wal_beside_an_absent_target_is_moved_aside(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    make(backup)
    target = tmp_path / "hourdesk.db"
    Path(f"{target}-wal").write_bytes(b"left over from another database")
    done = restore_database(backup, target)
    assert not Path(f"{target}-wal").exists() or Path(f"{target}-wal").stat().st_size == 0
    assert Path(f"{done.replaced}-wal").read_bytes() == b"left over from another database"
    healthy(target)


def _old_database(path: Path, version: int) -> None:
    from hourdesk.storage.db import _statements

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for n, script in enumerate(MIGRATIONS[:version], 1):
        conn.execute("BEGIN")
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {n}")
        conn.execute("COMMIT")
    conn.execute("INSERT INTO clients (name, rate_cents, created_at) VALUES ('Old', 100, 0)")
    conn.close()


def test_an_older_backup_is_restored_and_brought_up_to_date(cli, tmp_path: Path) -> None:
    backup, current = tmp_path / "old.db", tmp_path / "hourdesk.db"
    _old_database(backup, 2)
    make(current)
    done = cli.run("--db", current, "restore", backup, "--force")
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout and "replaced-" in done.stdout
    conn = sqlite3.connect(current)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM clients").fetchall() == [("Old",)]
    conn.close()
    assert cli.run("--db", current, "check").returncode == 0


def _newer(path: Path) -> None:
    make(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('A')")
    conn.commit()
    conn.close()


def _impostor(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (name TEXT)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def _empty(path: Path) -> None:
    sqlite3.connect(path).close()
    path.write_bytes(b"")


def _damaged(path: Path) -> None:
    make(path)
    data = bytearray(path.read_bytes())
    data[4 * 4096 : 5 * 4096] = b"\x07" * 4096
    path.write_bytes(bytes(data))


def _text(path: Path) -> None:
    path.write_text("not a database at all\n" * 20)


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (_newer, "newer hourdesk"),
        (_foreign, "another program"),
        (_impostor, "not an hourdesk database"),
        (_empty, "empty .0 bytes., not an hourdesk backup"),
        (_damaged, "damaged"),
        (_text, "not an SQLite database"),
    ],
)
def test_bad_backups_are_refused_before_anything(tmp_path: Path, spoil, why: str) -> None:
    bad, current = tmp_path / "bad.db", tmp_path / "hourdesk.db"
    spoil(bad)
    make(current)
    before_bad, before_current = sha256(bad), sha256(current)
    for force in (False, True):
        with pytest.raises(BackupError, match=why) as refused:
            restore_database(bad, current, force=force)
        assert "Nothing was restored" in str(refused.value)
    assert sha256(bad) == before_bad
    assert sha256(current) == before_current
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("bad.db")) == [
        "hourdesk.db"
    ]


def test_a_backup_in_another_journal_mode_or_page_size(tmp_path: Path) -> None:
    backup, current = tmp_path / "backup.db", tmp_path / "hourdesk.db"
    make(backup, subject="Big pages")
    conn = sqlite3.connect(backup, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.close()
    make(current)
    checked = inspect_candidate(backup, tmp_path / "probe.db")
    assert checked.version == SCHEMA_VERSION
    restore_database(backup, current, force=True)
    assert subjects(current) == ["Big pages"]
    healthy(current)


def test_restore_of_the_current_database_itself_is_refused(tmp_path: Path) -> None:
    current = tmp_path / "hourdesk.db"
    make(current)
    with pytest.raises(BackupError, match="current database itself"):
        restore_database(current, current, force=True)


def test_restore_command_refusals(cli, tmp_path: Path) -> None:
    current, backup = tmp_path / "hourdesk.db", tmp_path / "backup.db"
    make(current)
    make(backup, subject="Older")
    done = cli.run("--db", current, "restore", backup)
    assert done.returncode == 1
    assert "--force" in done.stderr
    assert done.stderr.count("\n") == 1
    done = cli.run("--db", current, "restore", tmp_path / "missing.db", "--force")
    assert done.returncode == 1
    assert "no such file" in done.stderr
    done = cli.run("--db", current, "restore", backup, "--force")
    assert done.returncode == 0, done.stderr
    assert subjects(current) == ["Older"]


def test_the_replaced_name_is_unique(tmp_path: Path) -> None:
    current, backup = tmp_path / "hourdesk.db", tmp_path / "backup.db"
    make(current)
    make(backup)
    at = time.time()
    first = restore_database(backup, current, force=True, now=at).replaced
    second = restore_database(backup, current, force=True, now=at).replaced
    assert first != second and first.exists() and second.exists()


def test_backups_skip_nothing_of_the_day(tmp_path: Path) -> None:
    """Two processes starting at once make one daily backup between them."""
    path = tmp_path / "hourdesk.db"
    make(path)
    context = multiprocessing.get_context("fork")

    def start() -> None:
        db = open_database(path)
        daily_backup(db.conn, path)
        db.close()
        os._exit(0)

    workers = [context.Process(target=start) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert len(daily_backups(path)) == 1
    assert all(w.exitcode == 0 for w in workers)


def test_backup_times_follow_the_real_clock_not_hourdesk_now(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    cli.run("--db", path, "ticket", "list", env={"HOURDESK_NOW": "2020-01-01T00:00:00Z"})
    settle(path)
    (made,) = daily_backups(path)
    today = datetime.now().astimezone()
    yesterday = today - timedelta(days=1)  # in case the test runs across midnight
    assert any(d.strftime("%Y-%m-%d") in made.name for d in (today, yesterday))


def test_the_environment_sets_how_many_backups_are_kept(tmp_path, monkeypatch) -> None:
    from hourdesk.app.core.settings import load_settings
    from hourdesk.app.daily import backup_now as start_of_day

    path = tmp_path / "hourdesk.db"
    make(path)
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 5):
        (folder / f"hourdesk-daily-2020-01-0{day}-000000.db").write_bytes(path.read_bytes())
    config = tmp_path / "config.toml"
    config.write_text("backups_keep = 30\n")
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "2")  # over the file's 30
    settings = load_settings(config)
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=settings)
    try:
        assert start_of_day(desk, path) is None
    finally:
        desk.close()
    kept = [p.name for p in daily_backups(path)]
    assert len(kept) == 2
    assert kept[0] == "hourdesk-daily-2020-01-04-000000.db"


# --- what a killed restore leaves -----------------------------------------------------------


def _hidden_copies(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name]


def test_a_killed_restore_leaves_no_hidden_copy_past_the_next_start(tmp_path: Path, cli) -> None:
    backup = tmp_path / "big.db"
    make(backup)
    conn = sqlite3.connect(backup)
    conn.execute("CREATE TABLE padding (data BLOB)")
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) "
        "INSERT INTO padding SELECT randomblob(1000000) FROM n"
    )
    conn.commit()
    conn.close()
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "hourdesk.db"
    restoring = cli.start("--db", target, "restore", backup)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and restoring.poll() is None:
        if any(p.stat().st_size > 8_000_000 for p in _hidden_copies(folder)):
            restoring.kill()
            break
        time.sleep(0.005)
    restoring.communicate(timeout=60)
    if not _hidden_copies(folder):
        pytest.skip("the restore finished before it could be killed")
    assert not target.exists()
    done = cli.run("--db", target, "restore", backup)
    assert done.returncode == 0, done.stderr
    assert _hidden_copies(folder) == []
    assert subjects(target) == ["Printer"]
