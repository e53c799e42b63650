"""The TUI process of the loss scenarios: the real App, under Pilot, on a real database file.

    python tests/scenario_child.py DB USER REPORT_FD GO_FD [--maildir DIR] [--terminal]
    python tests/scenario_child.py --facts DB

The App holds its connection while an in-process second user works on the same file (USER:
``intake`` reads mail on the intake screen's worker connection, ``backup`` makes the daily
backup, ``grants`` adds an access grant to the OS keyring, ``pdf`` renders an invoice PDF in
the worker). The child reports ``ready`` on REPORT_FD and waits for a line on GO_FD; another
process uses the database meanwhile. Then, through the keys of the ticket screen, it records
the client's approval, two time entries (each started with ``t``; the first stopped with
``ctrl+t`` and a note, the second with ``T``) and a note, reports ``done`` with what it sees,
and waits to be killed. Every report is one JSON line; a failure reports ``error`` and exits
1. With ``--terminal`` the App runs on the real terminal driver (the pseudo-terminal it was
started in), the same keys pressed by its autopilot; closing the terminal sends it SIGHUP.

``--facts`` prints what a fresh process sees of those writes, as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REF = "HD-0001"
INVOICE = "2026-0001"
APPROVAL = "Approved, please go ahead with the printer."
NOTE = "Toner replaced; the client tests the second tray tomorrow."
STOP_NOTE = "cleaned the fuser"
USERS = ("intake", "backup", "grants", "pdf")
SIZE = (120, 40)
BANK = {
    "business": {"name": "Rivera IT Consulting", "address": "118 Harbor View Road"},
    "payment": {"bank_details": "Example Bank, IBAN XX00 0000 0000 0000"},
}


# --- what the writes left in the database ------------------------------------------------


def facts(path: Path) -> dict:
    """What the scenario writes, as a fresh connection to ``path`` reads it."""
    conn = sqlite3.connect(path)
    try:
        return read_facts(conn)
    finally:
        conn.close()


def read_facts(conn: sqlite3.Connection) -> dict:
    """The ticket's approvals, time entries, notes, the running timer, and the counts of
    tickets and grants."""
    (ticket_id,) = conn.execute("SELECT id FROM tickets WHERE number = 1").fetchone()
    approvals = conn.execute(
        "SELECT d.text FROM decisions d JOIN estimates e ON e.id = d.estimate_id "
        "WHERE e.ticket_id = ? AND d.outcome = 'approved' ORDER BY d.id",
        (ticket_id,),
    ).fetchall()
    entries = conn.execute(
        "SELECT start_at, end_at, note FROM time_entries WHERE ticket_id = ? ORDER BY id",
        (ticket_id,),
    ).fetchall()
    notes = conn.execute(
        "SELECT body FROM entries WHERE ticket_id = ? AND kind = 'note' ORDER BY id",
        (ticket_id,),
    ).fetchall()
    (running,) = conn.execute("SELECT count(*) FROM time_entries WHERE end_at IS NULL").fetchone()
    (tickets,) = conn.execute("SELECT count(*) FROM tickets").fetchone()
    (grants,) = conn.execute("SELECT count(*) FROM grants").fetchone()
    return {
        "approvals": [text for (text,) in approvals],
        "time_entries": [list(row) for row in entries],
        "notes": [body for (body,) in notes],
        "running": running,
        "tickets": tickets,
        "grants": grants,
    }


# --- the starting database ---------------------------------------------------------------


def prepare(path: Path) -> None:
    """A client; HD-0001 billable with an estimate waiting for approval; HD-0002 done and
    billed on invoice 2026-0001 (for the PDF)."""
    from hourdesk.app.core.clock import FixedClock
    from hourdesk.app.core.settings import Settings
    from hourdesk.app.desk.facade import build_desk
    from hourdesk.storage.vault import MemoryVault

    clock = FixedClock(NOW - timedelta(days=2))
    desk = build_desk(
        path, vault=MemoryVault(), clock=clock, settings=Settings.model_validate(BANK)
    )
    try:
        client = desk.clients.add(
            name="Harbor Dental Clinic", emails="office@harbordental.example", rate="140.00"
        )
        first = desk.tickets.new(
            client_id=client.id, subject="Printer offline", body="The printer is offline."
        )
        desk.estimates.send(first.ref, hours="2")
        done = desk.tickets.new(client_id=client.id, subject="VPN drops", body="Please help.")
        desk.estimates.send(done.ref, hours="3")
        desk.estimates.approve(done.ref, text="Yes, go ahead.")
        clock.advance(days=1)
        start = clock.now() - timedelta(hours=3)
        desk.timer.log(done.ref, start=start, end=start + timedelta(minutes=90))
        desk.completion.resolve(done.ref, "Replaced the router's firmware.")
        desk.invoicing.issue(client.id, [done.ref])
    finally:
        desk.close()


def write_mail(folder: Path) -> Path:
    """A Maildir: two new requests and a reply on HD-0001."""
    from tests.mailfixtures import message, write_maildir

    return write_maildir(
        folder,
        [
            message(sender="Anna Berg <anna@acme.example>", subject="Scanner jams"),
            message(
                sender="Harbor Dental <office@harbordental.example>",
                subject=f"Re: [{REF}] Printer offline",
                message_id="<reply-1@harbordental.example>",
            ),
            message(
                sender="Carla Rossi <carla@rossi-design.example>",
                subject="New laptop setup",
                message_id="<laptop@rossi-design.example>",
            ),
        ],
    )


# --- the child ---------------------------------------------------------------------------


def tell(fd: int, **report) -> None:
    os.write(fd, (json.dumps(report) + "\n").encode())


def read_line(fd: int) -> bytes:
    """One line from the parent; empty when it closed the pipe."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data


def build_app(path: Path, user: str):
    """The App as the factory builds it: a fixed clock, the keyring vault for grants."""
    from hourdesk.app.core.clock import FixedClock
    from hourdesk.app.core.settings import Settings
    from hourdesk.app.desk.facade import build_desk
    from hourdesk.app.tui import HourdeskApp
    from hourdesk.storage.vault import KeyringVault, MemoryVault

    vault = KeyringVault() if user == "grants" else MemoryVault()
    desk = build_desk(
        path, vault=vault, clock=FixedClock(NOW), settings=Settings.model_validate(BANK)
    )
    return HourdeskApp(desk)


async def second_user(app, pilot, user: str, path: Path, maildir: Path | None) -> str:
    """The in-process second user, through the code the TUI runs; returns what it did."""
    from textual.widgets import Input, Static

    if user == "intake":
        from hourdesk.screens.intake import IntakeScreen

        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen), app.screen
        app.screen.query_one("#intake-path", Input).value = str(maildir)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = str(app.screen.query_one("#intake-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        return said
    if user == "backup":
        from hourdesk.app.daily import backup_now
        from hourdesk.storage.backup import daily_backups

        await app.workers.wait_for_complete()  # the TUI's own daily backup, when it was due
        warning = backup_now(app.desk, path)
        assert warning is None, warning
        (made,) = daily_backups(path)
        return f"daily backup {made.name}"
    if user == "grants":
        from hourdesk.screens.grants import GrantForm, GrantsScreen
        from hourdesk.screens.ticket import TicketScreen

        app.push_screen(TicketScreen(REF))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GrantsScreen), app.screen
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GrantForm), app.screen
        app.screen.query_one("#field-label", Input).value = "printer admin"
        app.screen.query_one("#field-secret", Input).value = "admin-pass-Vq93xLmP0wR7t"
        app.screen.query_one("#field-expires", Input).value = "2d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GrantsScreen), app.screen
        (grant,) = app.desk.grants.list(REF)
        assert app.desk.grants.reveal(grant.id) == "admin-pass-Vq93xLmP0wR7t"
        app.pop_screen()
        app.pop_screen()
        await pilot.pause()
        return f"grant {grant.id} in the keyring"
    if user == "pdf":
        from hourdesk.screens.invoices import InvoicesScreen

        await pilot.press("I")
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen), app.screen
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        pdf = app.screen.last_pdf
        assert pdf is not None and pdf.read_bytes().startswith(b"%PDF"), pdf
        await pilot.press("escape")
        await pilot.pause()
        return f"invoice PDF {pdf.name}"
    raise ValueError(f"unknown second user {user!r}")


async def write_on_ticket(app, pilot) -> None:
    """Approval, two time entries and a note, through the ticket screen's keys."""
    from textual.widgets import Input, TextArea

    from hourdesk.screens.approval import ApprovalScreen
    from hourdesk.screens.stop_prompt import StopPrompt
    from hourdesk.screens.text_prompt import TextPrompt
    from hourdesk.screens.ticket import TicketScreen

    app.push_screen(TicketScreen(REF))
    await pilot.pause()
    await pilot.press("A")
    await pilot.pause()
    assert isinstance(app.screen, ApprovalScreen), app.screen
    app.screen.query_one("#field-text", TextArea).text = APPROVAL
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen), app.screen

    await pilot.press("t")
    await pilot.pause()
    assert app.running is not None, "the timer did not start"
    app.desk.clock.advance(minutes=40)
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(app.screen, StopPrompt), app.screen
    app.screen.query_one("#note", Input).value = STOP_NOTE
    await pilot.press("enter")
    await pilot.pause()
    assert app.running is None, "the timer did not stop"

    app.desk.clock.advance(minutes=5)
    await pilot.press("t")
    await pilot.pause()
    app.desk.clock.advance(minutes=20)
    await pilot.press("T")
    await pilot.pause()
    assert app.running is None, "the timer did not stop"

    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, TextPrompt), app.screen
    app.screen.query_one(TextArea).text = NOTE
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen), app.screen


async def scenario(app, pilot, user: str, report: int, go: int, maildir: Path | None) -> None:
    """The second user, the pause for another process, the writes, the wait for the kill."""
    await pilot.pause()
    did = await second_user(app, pilot, user, app.desk.intake.database_file(), maildir)
    tell(report, step="ready", did=did, pid=os.getpid())
    await asyncio.to_thread(read_line, go)  # another process uses the database meanwhile
    await write_on_ticket(app, pilot)
    tell(report, step="done", facts=read_facts(app.desk.db.conn))
    await asyncio.to_thread(read_line, go)  # killed here; the pipe's end also ends it


async def run(path: Path, user: str, report: int, go: int, maildir: Path | None) -> None:
    app = build_app(path, user)
    async with app.run_test(size=SIZE) as pilot:
        await scenario(app, pilot, user, report, go, maildir)


def run_in_terminal(path: Path, user: str, report: int, go: int, maildir: Path | None) -> None:
    """The App on the real terminal driver; the same keys, pressed by its autopilot."""
    app = build_app(path, user)
    failed = []

    async def autopilot(pilot) -> None:
        try:
            await scenario(app, pilot, user, report, go, maildir)
        except BaseException:
            failed.append(traceback.format_exc())
            raise

    app.run(auto_pilot=autopilot)
    if failed:
        raise RuntimeError(failed[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, help="print what a fresh process sees")
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("user", choices=USERS, nargs="?")
    parser.add_argument("report", type=int, nargs="?")
    parser.add_argument("go", type=int, nargs="?")
    parser.add_argument("--maildir", type=Path)
    parser.add_argument("--terminal", action="store_true", help="run on the real terminal")
    options = parser.parse_args()
    if options.facts:
        print(json.dumps(facts(options.facts)))
        return 0
    args = (options.db, options.user, options.report, options.go, options.maildir)
    try:
        if options.terminal:
            run_in_terminal(*args)
        else:
            asyncio.run(run(*args))
    except BaseException:
        tell(options.report, step="error", error=traceback.format_exc())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
