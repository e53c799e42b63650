"""``hourdesk pay``, ``receivables``, ``clear``, ``invoice send`` and ``remind``, run as the
installed script with HOURDESK_NOW and private HOME/XDG folders (the ``cli`` fixture)."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import build_desk
from app.paths import config_file
from app.settings import Settings, save_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TWENTY_DAYS_LATE = {"HOURDESK_NOW": "2026-04-05T10:00:00Z"}  # due 2026-03-16
FIVE_DAYS_LATE = {"HOURDESK_NOW": "2026-03-21T10:00:00Z"}


@pytest.fixture
def db(tmp_path: Path, private_dirs: Path) -> Path:
    """Harbor Dental owes $200.00 on 2026-0001 (issued 2026-03-02, net 14) and has an open,
    approved ticket HD-0002; Bluebird Bakery owes nothing and has HD-0003. The settings file
    the subprocesses read has the business email and the payment details."""
    settings = Settings.model_validate(
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


def test_done_when_twenty_days_late(cli, db: Path, tmp_path: Path) -> None:
    """The issue's "done when": the hold shows, the timer refuses with the reason, remind
    writes the right reminder once, a payment lifts the hold."""
    late = TWENTY_DAYS_LATE
    drafts = tmp_path / "drafts"
    new, owed, started, first = cli.run_all(
        ("--db", db, "ticket", "new", "--client", "Harbor Dental Clinic",
         "--subject", "Scanner broken", "--no-billable"),
        ("--db", db, "receivables", "--json"),
        ("--db", db, "start", "HD-0002"),
        ("--db", db, "remind", "--drafts", drafts),
        env=late,
    )  # fmt: skip
    ref = ok(new).strip()
    assert ref == "HD-0004"
    shown, again, start_new = cli.run_all(
        ("--db", db, "ticket", "show", ref, "--json"),
        ("--db", db, "remind", "--drafts", drafts),
        ("--db", db, "start", ref),
        env=late,
    )
    ticket = as_json(shown)
    assert (ticket["status"], ticket["hold_reason"]) == ("on_hold", "payment")
    (hold,) = [e["body"] for e in ticket["thread"] if e["kind"] == "status"]
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
    assert sorted(p.name for p in drafts.iterdir()) == [draft.name]
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert str(msg["Subject"]) == "Final reminder: invoice 2026-0001"
    assert str(msg["To"]) == "Harbor Dental Clinic <office@harbordental.example>"
    assert "is 20 days overdue (due 2026-03-16)" in msg.get_body(("plain",)).get_content()
    (pdf,) = msg.iter_attachments()
    assert pdf.get_filename() == "invoice-2026-0001.pdf"
    assert pdf.get_content().startswith(b"%PDF-")

    assert ok(again) == ""  # the same day again: nothing more
    assert sorted(p.name for p in drafts.iterdir()) == [draft.name]
    assert "2026-0001, $200.00, 20 days overdue" in refused(start_new)

    pay = ("pay", "2026-0001", "--amount", "200.00", "--method", "bank", "--reference", "TX-9")
    paid = cli.run("--db", db, *pay, env=late)
    assert ok(paid) == "2026-0001: paid, balance $0.00.\n"

    month_later = cli.start(
        "--db", db, "remind", "--drafts", drafts, env={"HOURDESK_NOW": "2026-04-25T10:00:00Z"}
    )
    shown, invoices, started = cli.run_all(
        ("--db", db, "ticket", "show", ref, "--json"),
        ("--db", db, "invoice", "list", "--json"),
        ("--db", db, "start", "HD-0002", "--non-billable"),
        env=late,
    )
    ticket = as_json(shown)
    assert (ticket["status"], ticket["hold_reason"]) == ("new", None)
    assert ticket["thread"][-1]["body"] == (
        "Status: on hold (payment) → new. Payment received: hold lifted."
    )
    (invoice,) = as_json(invoices)
    assert (invoice["status"], invoice["paid"], invoice["balance"]) == ("paid", "200.00", "0.00")
    ok(started)
    out, err = month_later.communicate(timeout=120)
    assert (month_later.returncode, out, err) == (0, "", "")  # paid: no more reminders
    assert sorted(p.name for p in drafts.iterdir()) == [draft.name]


def test_invoice_send_drafts_marks_it_sent(cli, db: Path, tmp_path: Path) -> None:
    env = {"HOURDESK_NOW": "2026-03-03T10:00:00Z"}
    drafts = tmp_path / "drafts"
    sent = cli.run("--db", db, "invoice", "send", "2026-0001", "--drafts", drafts, env=env)
    assert ok(sent) == f"{drafts / 'invoice-2026-0001.eml'}\n"
    listed, shown = cli.run_all(
        ("--db", db, "invoice", "list", "--json"),
        ("--db", db, "ticket", "show", "HD-0001", "--json"),
        env=env,
    )
    (invoice,) = as_json(listed)
    assert invoice["status"] == "sent"
    last = as_json(shown)["thread"][-1]
    assert (last["kind"], last["body"]) == (
        "invoice",
        f"Invoice 2026-0001 drafted: {drafts / 'invoice-2026-0001.eml'}.",
    )
    msg = email.message_from_bytes(
        (drafts / "invoice-2026-0001.eml").read_bytes(), policy=email.policy.default
    )
    assert str(msg["Subject"]) == "Invoice 2026-0001 from Rivera IT Consulting"
    (pdf,) = msg.iter_attachments()
    assert pdf.get_content().startswith(b"%PDF-")


def test_payment_refusals_and_partial_payments(cli, db: Path) -> None:
    env = FIVE_DAYS_LATE
    pay = ("--db", db, "pay", "2026-0001")
    over, future, no_mode = cli.run_all(
        (*pay, "--amount", "200.01", "--method", "bank"),
        (*pay, "--amount", "10", "--method", "bank", "--date", "2026-03-22"),
        ("--db", db, "remind"),
        env=env,
    )
    assert refused(over) == (
        "That is more than invoice 2026-0001 has left to pay ($200.00). Check the amount."
    )
    assert refused(future) == "A payment date cannot be in the future."
    assert no_mode.returncode == 2
    assert "Give --send or --drafts DIR" in no_mode.stderr

    part = cli.run(*pay, "--amount", "50", "--method", "paypal", "--date", "2026-03-20", env=env)
    assert ok(part) == "2026-0001: overdue, balance $150.00.\n"
    shown = as_json(cli.run("--db", db, "invoice", "show", "2026-0001", "--json", env=env))
    assert (shown["status"], shown["paid"], shown["balance"]) == ("overdue", "50.00", "150.00")
    assert shown["days_overdue"] == 5
    assert shown["payments"] == [
        {"amount": "50.00", "date": "2026-03-20", "method": "paypal", "reference": ""}
    ]
    ok(cli.run("--db", db, "invoice", "void", "2026-0001", "--reason", "Wrong rate.", env=env))
    assert refused(cli.run(*pay, "--amount", "1", "--method", "bank", env=env)) == (
        "Invoice 2026-0001 is void: it takes no payments. "
        "Record the payment on the invoice that replaced it."
    )


def test_clear_lets_an_urgent_ticket_proceed(cli, db: Path) -> None:
    env = FIVE_DAYS_LATE
    new, not_urgent = cli.run_all(
        ("--db", db, "ticket", "new", "--client", "Harbor Dental Clinic",
         "--subject", "Server down", "--urgent", "--no-billable"),
        ("--db", db, "clear", "HD-0002", "--reason", "Please"),
        env=env,
    )  # fmt: skip
    urgent = ok(new).strip()
    assert urgent == "HD-0004"
    assert refused(not_urgent) == (
        "HD-0002 is not urgent: only urgent tickets can be cleared. "
        "Record the payment to lift the hold."
    )
    reason = refused(cli.run("--db", db, "start", urgent, env=env))
    assert reason.startswith("New work is paused: Harbor Dental Clinic has an overdue invoice")
    assert f"or record payment clearance for {urgent} (hourdesk clear)" in reason

    why = "Office cannot work; pays Friday."
    ok(cli.run("--db", db, "clear", urgent, "--reason", why, env=env))
    started, shown = cli.run_all(
        ("--db", db, "start", urgent), ("--db", db, "ticket", "show", urgent, "--json"), env=env
    )
    ok(started)
    thread = as_json(shown)["thread"]
    assert f"Payment clearance recorded: {why}" in [
        e["body"] for e in thread if e["kind"] == "clearance"
    ]
