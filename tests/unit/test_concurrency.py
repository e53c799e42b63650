"""Several hourdesks writing one database at once: no crash, no lost write, no "locked".

Three desks in forked processes write for a few seconds (a timer started and stopped over
and over, notes, payments) while ``hourdesk`` CLI commands add notes and make a backup, and a
reader watches like the TUI does (``PRAGMA data_version``, the running timer). Every write a
process saw succeed must be in the database afterwards, and nothing may fail.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.db import open_database
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECONDS = 3.0
SETTINGS = ready_settings({"payment": {"bank_details": "Example Bank, IBAN XX00"}})


def prepare(path: Path) -> str:
    """A client, four approved tickets, and an invoice big enough for many small payments."""
    clock = FixedClock(T0 - timedelta(days=2))
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=SETTINGS)
    try:
        client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
        for subject in ("Printer", "Notes", "CLI notes", "Billing"):
            ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Help.")
            desk.estimates.send(ticket.ref, hours="900")  # more than the timer worker books
            desk.estimates.approve(ticket.ref, text="Approved.")
        clock.advance(days=1)  # the work comes after the approvals
        start = clock.now() - timedelta(hours=10)
        desk.timer.log("HD-0004", start=start, end=start + timedelta(hours=8))
        desk.completion.resolve("HD-0004", "Done.")
        return desk.invoicing.issue(client.id).number
    finally:
        desk.close()


# --- the workers (each in its own process, with its own desk) -------------------------------


def _desk(path: Path, clock: FixedClock | None = None):
    return build_desk(path, vault=MemoryVault(), clock=clock or FixedClock(T0), settings=SETTINGS)


def timer_worker(path: Path, deadline: float) -> dict:
    clock = FixedClock(T0)
    desk = _desk(path, clock)
    starts = stops = 0
    try:
        while time.monotonic() < deadline:
            desk.timer.start("HD-0001", note=f"round {starts}")
            starts += 1
            clock.advance(minutes=1)
            desk.timer.stop()
            stops += 1
            clock.advance(seconds=30)
    finally:
        desk.close()
    return {"starts": starts, "stops": stops}


def note_worker(path: Path, deadline: float) -> dict:
    desk = _desk(path)
    notes = 0
    try:
        while time.monotonic() < deadline:
            desk.tickets.message("HD-0002", f"note {notes} from the second desk")
            notes += 1
    finally:
        desk.close()
    return {"notes": notes}


def payment_worker(path: Path, deadline: float, number: str) -> dict:
    desk = _desk(path)
    paid = 0
    try:
        while time.monotonic() < deadline:
            desk.payments.pay(number, amount="0.10", method="bank", reference=f"P{paid}")
            paid += 1
    finally:
        desk.close()
    return {"payments": paid}


def reader_worker(path: Path, deadline: float) -> dict:
    """What the TUI does every second, done often: notice commits made elsewhere."""
    desk = _desk(path)
    seen = 0
    try:
        last = desk.db.execute("PRAGMA data_version").fetchone()[0]
        while time.monotonic() < deadline:
            version = desk.db.execute("PRAGMA data_version").fetchone()[0]
            if version != last:
                last, seen = version, seen + 1
                desk.timer.running()
                desk.tickets.list()
            time.sleep(0.01)
    finally:
        desk.close()
    return {"changes seen": seen}


def _run(queue, name, func, *args) -> None:
    try:
        queue.put((name, func(*args), None))
    except BaseException as exc:  # reported to the test, which fails on it
        queue.put((name, None, f"{type(exc).__name__}: {exc}"))


def test_desks_and_cli_commands_write_at_once(cli, tmp_path: Path) -> None:
    path = tmp_path / "hourdesk.db"
    number = prepare(path)
    cli.run("--db", path, "ticket", "list")  # the day's automatic backup, made beforehand
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    deadline = time.monotonic() + 0.5 + SECONDS
    workers = [
        context.Process(target=_run, args=(queue, "timer", timer_worker, path, deadline)),
        context.Process(target=_run, args=(queue, "notes", note_worker, path, deadline)),
        context.Process(
            target=_run, args=(queue, "payments", payment_worker, path, deadline, number)
        ),
        context.Process(target=_run, args=(queue, "reader", reader_worker, path, deadline)),
    ]
    for worker in workers:
        worker.start()
    cli_notes, outputs, backup = 0, [], tmp_path / "during.db"
    try:
        round_ = 0
        while time.monotonic() < deadline - 0.3:
            commands = [
                ("--db", path, "ticket", "note", "HD-0003", f"cli note {round_}a"),
                ("--db", path, "ticket", "note", "HD-0003", f"cli note {round_}b"),
            ]
            if round_ == 0:
                commands.append(("--db", path, "backup", backup))
            for done in cli.run_all(*commands):
                outputs.append(done)
                cli_notes += done.args[-2] == "HD-0003" and done.returncode == 0
            round_ += 1
        results = {}
        for _ in workers:
            name, result, error = queue.get(timeout=60)
            assert error is None, f"{name}: {error}"
            results[name] = result
    finally:
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.kill()
    for done in outputs:
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr + done.stdout
        assert "Traceback" not in done.stderr
    assert all(w.exitcode == 0 for w in workers)

    # every write that succeeded is there
    conn = sqlite3.connect(path)
    try:

        def count(sql: str, *args) -> int:
            return conn.execute(sql, args).fetchone()[0]

        timer = results["timer"]
        assert timer["starts"] == timer["stops"] >= 1  # correctness, not speed: load varies
        assert count("SELECT count(*) FROM time_entries WHERE ticket_id = 1") == timer["starts"]
        assert count("SELECT count(*) FROM time_entries WHERE end_at IS NULL") == 0
        notes = results["notes"]["notes"]
        assert notes >= 1
        assert count("SELECT count(*) FROM entries WHERE ticket_id = 2 AND kind = 'note'") == notes
        paid = results["payments"]["payments"]
        assert paid >= 1
        assert count("SELECT count(*) FROM payments") == paid
        assert count("SELECT sum(amount_cents) FROM payments") == 10 * paid
        assert cli_notes >= 2
        assert (
            count("SELECT count(*) FROM entries WHERE ticket_id = 3 AND kind = 'note'") == cli_notes
        )
    finally:
        conn.close()
    assert results["reader"]["changes seen"] >= 1  # it noticed commits made elsewhere

    # the database, and the backup made while all this ran, are whole
    for file in (path, backup):
        db = open_database(file)
        try:
            assert problems(db) == [], file
        finally:
            db.close()


def _note_after(go, path: Path, deadline: float) -> dict:
    go.wait(10)
    return note_worker(path, deadline)


def test_a_long_write_elsewhere_waits_instead_of_failing(tmp_path: Path) -> None:
    """A desk whose write meets another's open transaction waits (busy timeout)."""
    path = tmp_path / "hourdesk.db"
    prepare(path)
    context = multiprocessing.get_context("fork")
    queue, go = context.Queue(), context.Event()
    # forked before the holder's connection exists: a connection must not cross a fork
    worker = context.Process(
        target=_run, args=(queue, "notes", _note_after, go, path, time.monotonic() + 1.3)
    )
    worker.start()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE clients SET notes = 'busy' WHERE id = 1")
    go.set()
    time.sleep(1.0)  # the worker waits for the lock meanwhile
    holder.execute("COMMIT")
    holder.close()
    _, result, error = queue.get(timeout=30)
    worker.join(timeout=30)
    assert error is None, error
    assert result["notes"] >= 1
