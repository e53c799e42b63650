"""One way into the database file: within a process nothing but SQLite opens the database,
its ``-wal`` or ``-shm``, nor a backup while it is checked or restored.

Closing any descriptor of the file drops every POSIX lock the process holds on it (SQLite's
"How To Corrupt", 2.2). Python's "open" audit event fires for ``open()``, ``io.open``,
``os.open`` and ``Path.open``; the real workflows run here with a hook that records every
open of a watched path. SQLite's own opens are C calls and raise no such event.
"""

from __future__ import annotations

import ast
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hourdesk.app import daily
from hourdesk.app.cli import quick_report as reports
from hourdesk.app.cli import quick_status as status
from hourdesk.app.cli.main import cli
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.backup import backup_database, inspect_candidate, restore_database
from hourdesk.storage.db import open_database
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings
from tests.conftest import START
from tests.mailfixtures import message, write_eml

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "screens", "storage", "exports")
# The modules that may open database connections at all.
STORAGE = {"storage/db.py", "storage/probe.py", "storage/backup.py"}

_watched: set[str] = set()
_opened: list[str] = []


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _watched or isinstance(args[0], int):
        return
    try:
        name = os.path.abspath(os.fsdecode(args[0]))
    except (TypeError, ValueError):
        return
    if name in _watched:
        _opened.append(name)


sys.addaudithook(_hook)  # cannot be removed: it records only while a test watches


@pytest.fixture
def watch() -> Iterator:
    """``watch(path)`` records every Python open of ``path`` and its SQLite companions."""

    def add(path: Path) -> None:
        base = os.path.abspath(path)
        _watched.update(base + tail for tail in ("", "-wal", "-shm", "-journal"))

    _opened.clear()
    yield add
    _watched.clear()


def test_the_hook_sees_a_python_open(tmp_path: Path, watch) -> None:
    path = tmp_path / "x.db"
    watch(path)
    path.write_bytes(b"")
    with open(f"{path}-wal", "wb"):
        pass
    os.close(os.open(path, os.O_RDONLY))
    assert _opened == [str(path), f"{path}-wal", str(path)]


def _work(desk) -> str:
    """Tickets, estimates, time, completion and an invoice: the desk's writes."""
    client = desk.clients.add(name="Acme", emails="anna@acme.example", rate="140.00")
    ticket = desk.tickets.new(client_id=client.id, subject="Printer", body="Offline.")
    desk.estimates.send(ticket.ref, hours="2")
    desk.estimates.approve(ticket.ref, text="Approved.")
    start = desk.clock.now()
    desk.clock.advance(minutes=45)
    desk.timer.log(ticket.ref, start=start, seconds=45 * 60)
    desk.timer.start(ticket.ref)
    desk.clock.advance(minutes=5)
    desk.timer.stop()
    desk.completion.resolve(ticket.ref, "Replaced the toner.")
    return desk.invoicing.issue(client.id).number


def _in_thread(func) -> None:
    failures: list[BaseException] = []

    def run() -> None:
        try:
            func()
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not failures, failures


def test_the_workflows_open_no_database_file_with_python(
    tmp_path: Path, watch, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "hourdesk.db"
    backups = tmp_path / "backups-here"
    watch(path)
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T12:00:00Z")
    settings = ready_settings(
        {"exports_dir": str(tmp_path / "exports"), "payment": {"bank_details": "Bank 1234"}}
    )
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(START), settings=settings)
    desk2 = build_desk(path, settings=settings)  # the CLI inside the TUI's process
    number = _work(desk)
    desk2.clients.add(name="Second connection")

    # Workers: intake and the invoice PDF, each on a connection of its own.
    mail = write_eml(tmp_path / "request.eml", message())
    _in_thread(lambda: desk.intake.separate_desk()().intake.run([mail]))
    _in_thread(lambda: desk.separate().invoicing.pdf(number))

    # The daily backup and a manual one, from the shared connection.
    assert daily.backup_now(desk, path) is None
    made = backup_database(desk.db.conn, backups)

    # Checking and restoring a backup: neither it nor the live file is opened by Python.
    watch(made)
    inspect_candidate(made, tmp_path / "inspected.db")
    restore_database(made, path, force=True)
    assert desk.tickets.list()

    # The fast paths and the plain commands, in this process.
    assert status.main(["status", "--db", str(path)]) == 1
    assert reports.main(["report", "--db", str(path)]) == 0
    checked = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert checked.exit_code == 0, checked.output
    open_database(path).close()
    desk2.close()
    desk.close()
    assert _opened == []


def _connect_calls(source: Path) -> list[int]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "connect"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "sqlite3"
    ]


def test_only_storage_opens_database_connections() -> None:
    """A second guard, on the sources: connections come from storage, nowhere else."""
    found = {}
    for package in PACKAGES:
        for source in sorted((ROOT / package).rglob("*.py")):
            name = source.relative_to(ROOT).as_posix()
            if name not in STORAGE and (lines := _connect_calls(source)):
                found[name] = lines
    assert found == {}
