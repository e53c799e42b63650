"""Bad disks and bad files: a clear one-line error, and the previous state intact.

- A full disk during a write: the ``hourdesk`` command runs with ``RLIMIT_FSIZE`` (and, as
  root, on a small tmpfs that really fills up).
- A read-only database file, or a read-only folder (as root, the command runs as ``nobody``
  so that permissions apply).
- A damaged file, a file that is not a database, a database from a newer hourdesk: refused,
  never written, and the message names ``hourdesk restore``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.db import open_database
from hourdesk.storage.schema import SCHEMA_VERSION
from hourdesk.storage.vault import MemoryVault
from tests.daily import settle

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


NEW_TICKET = ("ticket", "new", "--client", "Harbor Dental", "--subject", "Logs", "--body-file", "-")


def cli_path() -> Path:
    return Path(sys.executable).parent / "hourdesk"


def prepare(path: Path) -> None:
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=Settings())
    try:
        client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
        ticket = desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")
        desk.tickets.message(ticket.ref, "Checked the tray.")
        desk.timer.start(ticket.ref, billable=False)
    finally:
        desk.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path) -> list:
    """Every row of the tables that matter, to compare before and after."""
    conn = sqlite3.connect(path)
    try:
        return [
            conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("clients", "tickets", "entries", "time_entries")
        ]
    finally:
        conn.close()


def whole(path: Path) -> None:
    db = open_database(path)
    try:
        assert problems(db) == []
    finally:
        db.close()


def one_clear_line(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if not line.startswith("hourdesk: warn")]
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _file_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


# --- a full disk ---------------------------------------------------------------------------


def test_a_write_past_the_file_size_limit_fails_cleanly(cli, tmp_path: Path) -> None:
    db = tmp_path / "hourdesk.db"
    prepare(db)
    assert cli.run("--db", db, "ticket", "list").returncode == 0  # today's backup, made
    before = content(db)
    sizes = [p.stat().st_size for p in tmp_path.glob("hourdesk.db*")]
    big = "The log says: " + "disk full? " * 200_000  # about 2 MB, more than the limit allows
    done = subprocess.run(
        [str(cli_path()), "--db", str(db), *NEW_TICKET],
        input=big,
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_limit(max(sizes) + 64 * 1024),
    )
    one_clear_line(done, "nothing was saved", "disk")
    assert content(db) == before
    whole(db)
    # with room again, the same write works
    assert cli.run("--db", db, *NEW_TICKET, input=big).returncode == 0
    whole(db)


@contextlib.contextmanager
def small_tmpfs(size_kb: int) -> Iterator[Path]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="hourdesk-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system at ``folder`` up to ``leave`` free bytes."""
    filler = folder / "filler"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_leaves_the_database_as_it_was(cli, tmp_path: Path) -> None:
    with small_tmpfs(2048) as disk:
        db = disk / "hourdesk.db"
        prepare(tmp_path / "hourdesk.db")
        shutil.copyfile(tmp_path / "hourdesk.db", db)
        assert cli.run("--db", db, "ticket", "list").returncode == 0
        settle(db)  # today's backup, made beside the command
        before = content(db)
        filler = fill(disk, 64 * 1024)
        big = "The log says: " + "disk full? " * 20_000  # about 220 kB
        done = cli.run("--db", db, *NEW_TICKET, input=big)
        one_clear_line(done, "disk is full", "nothing was saved")
        assert content(db) == before
        whole(db)

        # a backup onto the full disk fails cleanly too, and leaves no partial file
        done = cli.run("--db", db, "backup", disk / "copy.db")
        one_clear_line(done, "full")
        assert sorted(p.name for p in disk.iterdir() if not p.name.startswith("hourdesk.db")) == [
            "backups",
            "filler",
        ]
        assert not [p for p in (disk / "backups").iterdir() if p.name.endswith(".tmp")]

        filler.unlink()
        assert cli.run("--db", db, *NEW_TICKET, input=big).returncode == 0
        whole(db)


def test_the_daily_backup_on_a_full_disk_warns_and_the_command_still_works(
    cli, tmp_path: Path
) -> None:
    with small_tmpfs(1024) as disk:
        db = disk / "hourdesk.db"
        prepare(tmp_path / "hourdesk.db")
        shutil.copyfile(tmp_path / "hourdesk.db", db)
        fill(disk, 96 * 1024)  # room for a note, not for a copy of the database
        done = cli.run("--db", db, "ticket", "note", "HD-0001", "Small note.")
        assert done.returncode == 0, done.stderr
        settle(db)  # the backup runs beside the command; the next start says it failed
        done = cli.run("--db", db, "ticket", "list")
        assert done.returncode == 0, done.stderr
        assert "daily backup failed" in done.stderr
        assert "Traceback" not in done.stderr
        settle(db)
        assert [p.name for p in (disk / "backups").iterdir()] == [".lock"]
        print(done.stderr)
        whole(db)


# --- read-only files and folders ----------------------------------------------------------


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """``path`` cannot be written: by its mode, or (as root, whom modes do not stop) by the
    immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a file read-only as root: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Nothing can be created in ``folder``: by its mode, or (as root) a read-only mount."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    bound = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot mount a read-only folder: {bound.stderr.decode().strip()}")
    try:
        done = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False
        )
        if done.returncode != 0:
            pytest.skip(f"cannot remount read-only: {done.stderr.decode().strip()}")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_database_file(cli, tmp_path: Path) -> None:
    db = tmp_path / "hourdesk.db"
    prepare(db)
    assert cli.run("--db", db, "ticket", "list").returncode == 0  # the daily backup, made
    before = sha256(db)
    with read_only_file(db):
        listed = cli.run("--db", db, "ticket", "list")
        assert listed.returncode == 0, listed.stderr  # reading still works
        assert "HD-0001" in listed.stdout
        done = cli.run("--db", db, "ticket", "note", "HD-0001", "A note.")
        one_clear_line(done, "read-only", "nothing was saved")
        assert sha256(db) == before
    whole(db)


def test_a_read_only_folder(cli, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "hourdesk.db"
    prepare(db)
    before = sha256(db)
    with read_only_folder(folder):
        for args in (("ticket", "list"), ("ticket", "note", "HD-0001", "A note.")):
            done = cli.run("--db", db, *args)
            one_clear_line(done, "read-only", str(db))
        assert sha256(db) == before
        assert sorted(p.name for p in folder.iterdir()) == ["hourdesk.db"]
        done = cli.run("--db", folder / "new.db", "ticket", "list")
        one_clear_line(done, "cannot create the database")
    whole(db)


# --- files that are not ours, damaged or newer ----------------------------------------------


def damaged(path: Path) -> None:
    prepare(path)
    data = bytearray(path.read_bytes())
    data[4 * 4096 : 5 * 4096] = bytes(range(256)) * 16  # page 5 becomes noise
    path.write_bytes(bytes(data))


def not_a_database(path: Path) -> None:
    path.write_text("name,email\nHarbor Dental,office@harbor.example\n" * 50)


def newer(path: Path) -> None:
    prepare(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize("make", [damaged, not_a_database, newer])
def test_bad_files_are_refused_naming_restore(cli, tmp_path: Path, make) -> None:
    db = tmp_path / "data" / "hourdesk.db"
    db.parent.mkdir()
    make(db)
    before = sha256(db)
    for args in (("ticket", "list"), ("ticket", "note", "HD-0001", "x"), ("backup",), ("check",)):
        done = cli.run("--db", db, *args)
        one_clear_line(done, "hourdesk restore", str(db))
    done = cli.run("--db", db, "check", "--json")
    assert done.returncode == 1
    assert '"ok": false' in done.stdout
    assert sha256(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["hourdesk.db"]

    # and as a backup to restore, it is refused before anything is touched
    good = tmp_path / "good.db"
    prepare(good)
    kept = sha256(good)
    done = cli.run("--db", good, "restore", db, "--force")
    one_clear_line(done, "Nothing was restored")
    assert sha256(good) == kept
    assert sha256(db) == before


def test_a_damaged_database_can_be_replaced_by_restore(cli, tmp_path: Path) -> None:
    db = tmp_path / "data" / "hourdesk.db"
    db.parent.mkdir()
    prepare(db)
    assert cli.run("--db", db, "ticket", "note", "HD-0001", "before the damage").returncode == 0
    settle(db)
    (backup,) = (db.parent / "backups").glob("hourdesk-daily-*.db")
    data = bytearray(db.read_bytes())
    data[4 * 4096 : 5 * 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    damaged_sha = sha256(db)
    refused = cli.run("--db", db, "ticket", "list")
    assert "hourdesk restore" in refused.stderr
    done = cli.run("--db", db, "restore", backup, "--force")
    assert done.returncode == 0, done.stderr
    (kept,) = db.parent.glob("hourdesk.db.replaced-*")
    assert sha256(kept) == damaged_sha  # the damaged file is kept, untouched
    assert cli.run("--db", db, "check").returncode == 0
    listed = cli.run("--db", db, "ticket", "list")
    assert "HD-0001" in listed.stdout
