"""The daily backup runs beside the work: a command returns before it ends, the TUI makes it
after its first paint, two starts make one, and a failure is said at the next start."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.backup import daily_backups
from hourdesk.storage.vault import MemoryVault
from tests.daily import backing_up, settle

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make(path: Path) -> None:
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=Settings())
    try:
        client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
        desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")
    finally:
        desk.close()


def quick_check(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()


def test_the_first_command_returns_before_the_backup_ends(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    began = time.monotonic()
    done = cli.run("--db", path, "ticket", "list", env={"HOURDESK_BACKUP_PAUSE": "3"})
    took = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "HD-0001" in done.stdout
    assert took < 3, took
    assert daily_backups(path) == []  # still being made
    assert backing_up(path)
    settle(path)
    (made,) = daily_backups(path)
    assert quick_check(made) == ["ok"]


def test_two_starts_at_once_make_one_backup(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    env = {"HOURDESK_BACKUP_PAUSE": "0.5"}
    done = cli.run_all(("--db", path, "ticket", "list"), ("--db", path, "client", "list"), env=env)
    assert all(d.returncode == 0 for d in done), [d.stderr for d in done]
    settle(path)
    assert len(daily_backups(path)) == 1
    assert cli.run("--db", path, "ticket", "list").returncode == 0
    settle(path)
    assert len(daily_backups(path)) == 1


def test_a_failed_backup_is_said_at_the_next_start(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    (tmp_path / "backups").write_text("not a folder")  # the copy cannot be written
    first = cli.run("--db", path, "ticket", "list")
    assert first.returncode == 0 and first.stderr == ""
    settle(path)
    second = cli.run("--db", path, "ticket", "list")
    assert second.returncode == 0
    assert "daily backup failed" in second.stderr
    assert len(second.stderr.splitlines()) == 1, second.stderr
    settle(path)

    (tmp_path / "backups").unlink()
    third = cli.run("--db", path, "ticket", "list")
    assert "daily backup failed" in third.stderr  # said until a backup succeeds
    settle(path)
    (made,) = daily_backups(path)
    assert quick_check(made) == ["ok"]
    assert cli.run("--db", path, "ticket", "list").stderr == ""


def test_writes_go_on_while_the_backup_copies(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    make(path)
    cli.run("--db", path, "ticket", "list", env={"HOURDESK_BACKUP_PAUSE": "2"})
    assert backing_up(path)
    began = time.monotonic()
    note = cli.run("--db", path, "ticket", "note", "HD-0001", "Written meanwhile.")
    assert note.returncode == 0, note.stderr
    assert time.monotonic() - began < 2
    settle(path)
    (made,) = daily_backups(path)
    assert quick_check(made) == ["ok"]


async def test_the_tui_backs_up_in_a_worker_after_mounting(tmp_path: Path) -> None:
    from hourdesk.app.tui import HourdeskApp

    path = tmp_path / "hourdesk.db"
    make(path)
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=Settings())
    desk.backup_due = path
    try:
        app = HourdeskApp(desk)
        async with app.run_test() as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            (made,) = daily_backups(path)
    finally:
        desk.close()
    assert quick_check(made) == ["ok"]


def test_a_stepped_copy_is_one_snapshot_while_writes_go_on(tmp_path, monkeypatch) -> None:
    import threading

    from hourdesk.storage import backup
    from hourdesk.storage.db import open_database

    path = tmp_path / "hourdesk.db"
    make(path)
    monkeypatch.setattr(backup, "STEP_PAGES", 1)
    source, writer = open_database(path), open_database(path)
    (before,) = source.execute("SELECT count(*) FROM clients").fetchone()
    waits: list[float] = []
    copying = threading.Event()

    def write() -> None:
        copying.wait(10)
        for n in range(10):
            began = time.monotonic()
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "INSERT INTO clients (name, company, billing_address, rate_cents, terms_days,"
                " payment_method, notes, prospect, created_at) VALUES (?, '', '', 100, 14,"
                " 'bank', '', 0, 0)",
                [f"Written meanwhile {n}"],
            )
            writer.execute("COMMIT")
            waits.append(time.monotonic() - began)
            time.sleep(0.01)

    class Resting:
        """The backup's clock: its first rest between steps lets the writer go."""

        def __getattr__(self, name: str):
            return getattr(time, name)

        def sleep(self, seconds: float) -> None:
            copying.set()
            time.sleep(seconds)

    thread = threading.Thread(target=write)
    thread.start()
    monkeypatch.setattr(backup, "time", Resting())
    try:
        done = backup.daily_backup(source.conn, path, pause=0.02)
    finally:
        copying.set()
        thread.join()
    source.close(), writer.close()
    assert len(waits) == 10 and max(waits) < 0.5  # no write waited for the copy
    copy = sqlite3.connect(done.path)
    try:
        assert copy.execute("SELECT count(*) FROM clients").fetchone() == (before,)
    finally:
        copy.close()
    assert quick_check(done.path) == ["ok"]
