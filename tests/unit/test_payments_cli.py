"""``hourdesk pay``, ``receivables``, ``clear``, ``invoice send`` and ``remind``, run as the
installed script with HOURDESK_NOW and private HOME/XDG folders (the ``cli`` fixture)."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.paths import config_file
from hourdesk.app.core.settings import Settings, save_settings
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TWENTY_DAYS_LATE = {"HOURDESK_NOW": "2026-04-05T10:00:00Z"}  # due 2026-03-16
FIVE_DAYS_LATE = {"HOURDESK_NOW": "2026-03-21T10:00:00Z"}


@pytest.fixture
def db(tmp_path: Path, private_dirs: Path) -> Path:
    """Harbor Dental owes $200.00 on 2026-0001 (issued 2026-03-02, net 14) and has an open,
    approved ticket HD-0002; Bluebird Bakery owes nothing and has HD-0003. The settings file
    the subprocesses read has the business email and the payment details."""
    settings = ready_settings(
        {
            "business": {"name": "Rivera IT Consulting", "email": "alex@rivera-it.example"},
            "payment": {"bank_details": "First Coastal Bank, account 4401 2287"},
            "exports_dir": str(tmp_path / "exports"),
        }
    )
    save_settings(settings, config_file())
    path = tmp_path / "cli.db"
    desk = build_desk(path, clock=FixedClock(START), settings=settings)
    try:
        harbor = desk.clients.add(
            name="Harbor Dental Clinic", emails="office@harbordental.example", rate="100"
        )
        bluebird = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
        billed = desk.tickets.new(client_id=harbor.id, subject="Printer offline", body="Help.")
        desk.estimates.send(billed.ref, hours="4")
        desk.estimates.approve(billed.ref, text="Yes, go ahead.")
        start = desk.clock.now()
        desk.clock.advance(hours=2)
        desk.timer.log(billed.ref, start=start, seconds=7200)
        desk.clock.advance(minutes=1)
        desk.completion.resolve(billed.ref, "Printer driver reinstalled.")
        older = desk.tickets.new(client_id=harbor.id, subject="Email on the new laptop")
        desk.estimates.send(older.ref, hours="1")
        desk.estimates.approve(older.ref, text="Fine, go ahead.")
        desk.tickets.new(client_id=bluebird.id, subject="Wi-Fi slow", billable=False)
        assert desk.invoicing.issue(harbor.id).number == "2026-0001"
    finally:
        desk.close()
    return path


def ok(done) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(done) -> str:
    """A refusal: exit 1, nothing on stdout, one line on stderr; returns that line."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("hourdesk: ")
    return done.stderr.removeprefix("hourdesk: ").strip()


def as_json(done) -> object:
    return json.loads(ok(done))


@contextmanager
def opened(path: Path) -> Iterator[Desk]:
    """Look at what the commands wrote, in process (cheaper than another subprocess)."""
    desk = build_desk(path, clock=FixedClock(START), settings=Settings())
    try:
        yield desk
    finally:
        desk.close()


def thread(path: Path, ref: str, kind: str) -> list[str]:
    with opened(path) as desk:
        ticket = desk.tickets.get(ref)
        return [e.body for e in desk.tickets.thread(ticket.id) if e.kind == kind]


def test_done_when_twenty_days_late(cli, db: Path, tmp_path: Path) -> None:
    """The issue's "done when": the hold shows, the timer refuses with the reason, remind
    writes the right reminder once, a payment lifts the hold."""
    late = TWENTY_DAYS_LATE
    drafts = tmp_path / "drafts"
    new, owed, first = cli.run_all(
        ("--db", db, "ticket", "new", "--client", "Harbor Dental Clinic",
         "--subject", "Scanner broken", "--no-billable"),
        ("--db", db, "receivables", "--json"),
        ("--db", db, "remind", "--drafts", drafts),
        env=late,
    )  # fmt: skip
    ref = ok(new).strip()
    assert ref == "HD-0004"
    listed, again, started = cli.run_all(
        ("--db", db, "ticket", "list", "--status", "on_hold", "--json"),
        ("--db", db, "remind", "--drafts", drafts),
        ("--db", db, "start", ref),
        env=late,
    )
    (held,) = as_json(listed)
    assert (held["ref"], held["hold_reason"]) == (ref, "payment")
    (hold,) = thread(db, ref, "status")
    assert "overdue invoice: 2026-0001, $200.00, 20 days overdue" in hold

    aged = {"current": "0.00", "1-30": "200.00", "31-60": "0.00", "61-90": "0.00"}
    aged["over 90"] = "0.00"
    assert as_json(owed) == {
        "clients": [{"id": 1, "name": "Harbor Dental Clinic", "total": "200.00", "aged": aged}],
        "total": "200.00",
        "aged": aged,
    }

    reason = refused(started)
    assert reason.startswith(
        "New work is paused: Harbor Dental Clinic has an overdue invoice: 2026-0001, $200.00,"
        " 20 days overdue"
    )
    assert "hourdesk pay 2026-0001" in reason

    draft = drafts / "reminder-2026-0001-step3.eml"
    assert ok(first) == f"2026-0001 step 3: {draft}\n"
    assert ok(again) == ""  # the same day again: nothing more
    assert sorted(p.name for p in drafts.iterdir()) == [draft.name]
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert str(msg["Subject"]) == "Final reminder: invoice 2026-0001"
    assert str(msg["To"]) == "Harbor Dental Clinic <office@harbordental.example>"
    assert "is 20 days overdue (due 2026-03-16)" in msg.get_body(("plain",)).get_content()
    (pdf,) = msg.iter_attachments()
    assert pdf.get_filename() == "invoice-2026-0001.pdf"
    assert pdf.get_content().startswith(b"%PDF-")

    pay = ("pay", "2026-0001", "--amount", "200.00", "--method", "bank", "--reference", "TX-9")
    assert ok(cli.run("--db", db, *pay, env=late)) == "2026-0001: paid, balance $0.00.\n"

    month_later = cli.start(
        "--db", db, "remind", "--drafts", drafts, env={"HOURDESK_NOW": "2026-04-25T10:00:00Z"}
    )
    invoices, started = cli.run_all(
        ("--db", db, "invoice", "list", "--json"),
        ("--db", db, "start", ref),
        env=late,
    )
    (invoice,) = as_json(invoices)
    assert (invoice["status"], invoice["paid"], invoice["balance"]) == ("paid", "200.00", "0.00")
    ok(started)
    assert thread(db, ref, "status")[-2:] == [
        "Status: on hold (payment) → new. Payment received: hold lifted.",
        "Status: new → in progress. Work started.",
    ]
    out, err = month_later.communicate(timeout=120)
    assert (month_later.returncode, out, err) == (0, "", "")  # paid: no more reminders
    assert sorted(p.name for p in drafts.iterdir()) == [draft.name]


def test_invoice_send_drafts_marks_it_sent(cli, db: Path, tmp_path: Path) -> None:
    env = {"HOURDESK_NOW": "2026-03-03T10:00:00Z"}
    drafts = tmp_path / "drafts"
    draft = drafts / "invoice-2026-0001.eml"
    sent = cli.run("--db", db, "invoice", "send", "2026-0001", "--drafts", drafts, env=env)
    assert ok(sent) == f"{draft}\n"
    (invoice,) = as_json(cli.run("--db", db, "invoice", "list", "--json", env=env))
    assert invoice["status"] == "sent"
    assert thread(db, "HD-0001", "invoice")[-1] == "Invoice 2026-0001 drafted (outbox #1)."
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert str(msg["Subject"]) == "Invoice 2026-0001 from Rivera IT Consulting"
    (pdf,) = msg.iter_attachments()
    assert pdf.get_content().startswith(b"%PDF-")


def test_payments_refusals_and_clearance(cli, db: Path) -> None:
    """Overpaying is refused with the reason; a partial payment keeps the hold; an urgent
    ticket proceeds only after `clear` with a reason, a normal one cannot be cleared."""
    env = FIVE_DAYS_LATE
    pay = ("--db", db, "pay", "2026-0001")
    over, no_mode, new, not_urgent = cli.run_all(
        (*pay, "--amount", "200.01", "--method", "bank"),
        ("--db", db, "remind"),
        ("--db", db, "ticket", "new", "--client", "Harbor Dental Clinic",
         "--subject", "Server down", "--urgent", "--no-billable"),
        ("--db", db, "clear", "HD-0002", "--reason", "Please"),
        env=env,
    )  # fmt: skip
    assert refused(over) == (
        "That is more than invoice 2026-0001 has left to pay ($200.00). Check the amount."
    )
    assert no_mode.returncode == 2
    assert "Give --send or --drafts DIR" in no_mode.stderr
    urgent = ok(new).strip()
    assert urgent == "HD-0004"
    assert refused(not_urgent) == (
        "HD-0002 is not urgent: only urgent tickets can be cleared. "
        "Record the payment to lift the hold."
    )

    part, start = cli.run_all(
        (*pay, "--amount", "50", "--method", "paypal", "--date", "2026-03-20"),
        ("--db", db, "start", urgent),
        env=env,
    )
    assert ok(part) == "2026-0001: overdue, balance $150.00.\n"
    reason = refused(start)
    assert reason.startswith("New work is paused: Harbor Dental Clinic has an overdue invoice")
    assert f"or record payment clearance for {urgent} (hourdesk clear)" in reason

    why = "Office cannot work; pays Friday."
    shown, cleared = cli.run_all(
        ("--db", db, "invoice", "show", "2026-0001", "--json"),
        ("--db", db, "clear", urgent, "--reason", why),
        env=env,
    )
    shown = as_json(shown)
    assert (shown["status"], shown["paid"], shown["balance"]) == ("overdue", "50.00", "150.00")
    assert shown["days_overdue"] == 5
    assert shown["payments"] == [
        {"amount": "50.00", "date": "2026-03-20", "method": "paypal", "reference": ""}
    ]
    ok(cleared)
    ok(cli.run("--db", db, "start", urgent, env=env))
    assert thread(db, urgent, "clearance") == [f"Payment clearance recorded: {why}"]
