"""Payments, invoice statuses through time, receivables and the payment hold, with a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.money import plain
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.billing.payments import BUCKETS
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.models import Client, Invoice, Ticket
from hourdesk.storage.vault import MemoryVault
from tests.builders import copies, ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ISSUED = date(2026, 3, 2)
DUE = date(2026, 3, 16)  # net 14


# Local days and typed times are UTC days and times here.
pytestmark = pytest.mark.usefixtures("utc")


def make_settings(tmp_path: Path, **extra) -> Settings:
    return ready_settings(
        {
            "business": {"name": "Rivera IT Consulting", "email": "alex@rivera-it.example"},
            "payment": {"bank_details": "First Coastal Bank, account 4401 2287"},
            "exports_dir": str(tmp_path / "exports"),
            **extra,
        }
    )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = build_desk(
        tmp_path / "t.db",
        vault=MemoryVault(),
        clock=FixedClock(START),
        settings=make_settings(tmp_path),
    )
    yield desk
    desk.close()


def add_client(desk: Desk, name: str = "Harbor Dental Clinic", **kw) -> Client:
    email = "".join(c for c in name.lower() if c.isalnum()) + "@client.example"
    return desk.clients.add(name=name, emails=email, rate="100.00", **kw)


@pytest.fixture
def client(desk: Desk) -> Client:
    return add_client(desk)


def on(desk: Desk, day: date, hour: int = 10) -> None:
    """Move the fixed clock to ``hour`` o'clock UTC on ``day`` (never backwards)."""
    instant = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    assert instant >= desk.clock.now()
    desk.clock.instant = instant


def bill(
    desk: Desk, client: Client, hours: int = 2, subject: str = "Printer offline"
) -> tuple[Invoice, Ticket]:
    """A billable ticket, approved, worked ``hours`` at $100/h, resolved and invoiced."""
    t = desk.tickets.new(client_id=client.id, subject=subject, body="Please help.")
    desk.estimates.send(t.ref, hours="10")
    desk.estimates.approve(t.ref, text="Yes, please go ahead.")
    start = desk.clock.now()
    desk.clock.advance(hours=hours)
    desk.timer.log(t.ref, start=start, seconds=hours * 3600, category="implementation")
    desk.clock.advance(minutes=1)
    desk.completion.resolve(t.ref, "Fixed and tested with the client.")
    return desk.invoicing.issue(client.id, [t.ref]), desk.tickets.get(t.ref)


def count(desk: Desk, sql: str, args: list | None = None) -> int:
    return desk.db.execute(sql, args or []).fetchone()[0]


def thread(desk: Desk, ticket: Ticket, kind: str | None = None) -> list[str]:
    return [e.body for e in desk.tickets.thread(ticket.id) if kind in (None, e.kind)]


def status(desk: Desk, number: str) -> str:
    return desk.payments.account(number).status


# --- statuses through time ------------------------------------------------------------------


def test_statuses_through_time(desk: Desk, client: Client, tmp_path: Path) -> None:
    invoice, _ = bill(desk, client)
    assert (invoice.issue_date, invoice.due_date, invoice.total_cents) == (ISSUED, DUE, 20000)
    assert status(desk, invoice.number) == "issued"

    desk.mailer.send_invoice(invoice.number, drafts=tmp_path / "drafts")
    assert status(desk, invoice.number) == "sent"

    on(desk, date(2026, 3, 10))
    account = desk.payments.pay(invoice.number, amount="50.00", method="bank")
    assert (account.status, account.paid_cents, account.balance_cents) == (
        "partially paid",
        5000,
        15000,
    )
    on(desk, DUE, hour=23)  # the due date itself is not overdue yet
    assert status(desk, invoice.number) == "partially paid"
    assert desk.payments.account(invoice.number).days_overdue == 0

    on(desk, DUE + timedelta(days=1), hour=0)
    account = desk.payments.account(invoice.number)
    assert (account.status, account.days_overdue, account.bucket) == ("overdue", 1, "1-30")

    on(desk, DUE + timedelta(days=5))
    account = desk.payments.pay(invoice.number, amount="150", method="paypal", reference="PP-1")
    assert (account.status, account.balance_cents, account.days_overdue) == ("paid", 0, 0)
    on(desk, DUE + timedelta(days=400))
    assert status(desk, invoice.number) == "paid"  # paid stays paid, however late it gets
    assert desk.payments.accounts(open_only=True) == []


def test_an_unsent_invoice_becomes_overdue_and_a_void_one_is_just_void(
    desk: Desk, client: Client
) -> None:
    first, _ = bill(desk, client, subject="Printer offline")
    second, _ = bill(desk, client, subject="Backup failing")
    on(desk, DUE + timedelta(days=3))
    assert status(desk, first.number) == "overdue"
    desk.invoicing.void(second.number, "Billed to the wrong client.")
    account = desk.payments.account(second.number)
    assert (account.status, account.balance_cents, account.days_overdue) == ("void", 0, 0)
    assert [a.invoice.number for a in desk.payments.accounts(open_only=True)] == [first.number]


def test_partial_payments_add_up_and_go_into_the_thread(desk: Desk, client: Client) -> None:
    invoice, ticket = bill(desk, client, hours=3)  # $300.00
    desk.payments.pay(invoice.number, amount="100", method="bank", reference="  TX\n 42  ")
    on(desk, date(2026, 3, 5))
    desk.payments.pay(invoice.number, amount="0.01", method="paypal", paid_on=date(2026, 3, 4))
    account = desk.payments.account(invoice.number)
    assert (account.paid_cents, account.balance_cents, account.status) == (
        10001,
        19999,
        "partially paid",
    )
    paid = desk.payments.payments(invoice.number)
    assert [(p.amount_cents, p.paid_on, p.method, p.reference) for p in paid] == [
        (10000, ISSUED, "bank", "TX 42"),
        (1, date(2026, 3, 4), "paypal", ""),
    ]
    notes = thread(desk, ticket, "payment")
    assert notes == [
        f"Payment of $100.00 received on 2026-03-02 by bank transfer for invoice "
        f"{invoice.number}; $200.00 left.",
        f"Payment of $0.01 received on 2026-03-04 by PayPal for invoice {invoice.number}; "
        "$199.99 left.",
    ]


def test_overpayment_is_refused_with_the_reason(desk: Desk, client: Client) -> None:
    invoice, _ = bill(desk, client)
    with pytest.raises(Refused, match=r"more than invoice 2026-0001 has left to pay \(\$200\.00\)"):
        desk.payments.pay(invoice.number, amount="200.01", method="bank")
    desk.payments.pay(invoice.number, amount="120", method="bank")
    with pytest.raises(Refused, match=r"has left to pay \(\$80\.00\)"):
        desk.payments.pay(invoice.number, amount="80.01", method="bank")
    assert count(desk, "SELECT count(*) FROM payments") == 1
    assert desk.payments.pay(invoice.number, amount="80", method="bank").status == "paid"
    with pytest.raises(Refused, match=r"has left to pay \(\$0\.00\)"):
        desk.payments.pay(invoice.number, amount="0.01", method="bank")


def test_payment_on_a_void_invoice_or_a_credit_note_is_refused(desk: Desk, client: Client) -> None:
    voided, ticket = bill(desk, client, subject="Printer offline")
    desk.invoicing.void(voided.number, "Wrong rate.")
    entries = len(thread(desk, ticket))
    with pytest.raises(Refused, match=f"Invoice {voided.number} is void: it takes no payments"):
        desk.payments.pay(voided.number, amount="10", method="bank")

    kept, _ = bill(desk, client, subject="Backup failing")
    note = desk.invoicing.credit(kept.number, "20", "Goodwill")
    assert status(desk, note.number) == "credit note"
    with pytest.raises(Refused, match=f"{note.number} is a credit note: it takes no payments"):
        desk.payments.pay(note.number, amount="10", method="bank")
    assert count(desk, "SELECT count(*) FROM payments") == 0
    assert len(thread(desk, ticket)) == entries


def test_bad_payment_inputs_are_refused(desk: Desk, client: Client) -> None:
    invoice, _ = bill(desk, client)
    cases = [
        ({"amount": "10", "method": "cash"}, "method"),
        ({"amount": "0", "method": "bank"}, "amount"),
        ({"amount": "-5", "method": "bank"}, "amount"),
        ({"amount": "ten", "method": "bank"}, "amount"),
        ({"amount": "10", "method": "bank", "paid_on": date(2026, 3, 3)}, "date"),  # future
    ]
    for kwargs, field in cases:
        with pytest.raises(Invalid) as info:
            desk.payments.pay(invoice.number, **kwargs)
        assert info.value.field == field, kwargs
    with pytest.raises(Refused, match="There is no invoice 2026-0099"):
        desk.payments.pay("2026-0099", amount="10", method="bank")
    assert count(desk, "SELECT count(*) FROM payments") == 0


def test_credit_notes_reduce_the_balance(desk: Desk, client: Client) -> None:
    invoice, _ = bill(desk, client)
    desk.invoicing.credit(invoice.number, "50.00", "Goodwill for the delay")
    account = desk.payments.account(invoice.number)
    assert (account.credited_cents, account.balance_cents, account.status) == (
        5000,
        15000,
        "issued",
    )
    with pytest.raises(Refused, match=r"\(\$150\.00\)"):
        desk.payments.pay(invoice.number, amount="150.01", method="bank")
    on(desk, DUE + timedelta(days=2))
    assert desk.payments.receivables()[0].buckets["1-30"] == 15000
    assert desk.payments.pay(invoice.number, amount="150", method="bank").status == "paid"
    assert desk.payments.receivables() == []


def test_a_void_credit_note_no_longer_counts(desk: Desk, client: Client) -> None:
    invoice, _ = bill(desk, client)
    note = desk.invoicing.credit(invoice.number, "50.00", "Goodwill")
    desk.invoicing.void(note.number, "Issued by mistake.")
    assert desk.payments.account(invoice.number).balance_cents == 20000
    assert desk.payments.account(note.number).status == "void"


# --- a page of accounts ----------------------------------------------------------------------


def test_a_page_of_accounts_is_read_by_the_key_of_its_edge(desk: Desk, client: Client) -> None:
    """Newest first by year, then number in the year: 2026-0001 comes before 2025-0012 (the
    number in the year alone would put it last). Each row's status as ``accounts`` gives it."""
    first, _ = bill(desk, client)
    older = copies(desk, first.number, [(2025, seq) for seq in range(1, 13)])
    newer = copies(desk, first.number, [(2026, seq) for seq in range(2, 6)])
    desk.payments.pay(newer[1], amount="50", method="bank")
    desk.invoicing.void(older[-1], "Duplicate.")
    order = [*reversed(newer), first.number, *reversed(older)]  # 17, newest first

    def numbers(page) -> list[str]:
        return [a.invoice.number for a in page.accounts]

    page = desk.payments.page(5)
    assert (numbers(page), page.total, page.offset) == (order[:5], 17, 0)
    page = desk.payments.page(5, after=numbers(page)[-1])
    assert (numbers(page), page.offset) == (order[5:10], 5)
    page = desk.payments.page(5, after=order[14])
    assert (numbers(page), page.offset) == (order[15:], 15)  # the last page, cut short
    assert desk.payments.page(5, after=order[-1]).accounts == []
    page = desk.payments.page(5, before=order[10])
    assert (numbers(page), page.offset) == (order[5:10], 5)
    assert numbers(desk.payments.page(5, before=order[3])) == order[:3]

    every = {a.invoice.number: a for a in desk.payments.accounts()}
    for after in (None, order[4], order[9]):
        for account in desk.payments.page(5, after=after).accounts:
            assert account == every[account.invoice.number]
    statuses = {a.invoice.number: a.status for a in desk.payments.page(17).accounts}
    assert (statuses[newer[1]], statuses[older[-1]]) == ("partially paid", "void")


# --- receivables ----------------------------------------------------------------------------


def test_receivables_are_aged_into_buckets_with_totals(desk: Desk, tmp_path: Path) -> None:
    """Invoices on net-0 terms, issued so that on the day of reckoning they are overdue by
    exactly the days at each bucket's edges."""
    desk.settings = make_settings(tmp_path, hold_policy="warn")  # let the work be logged
    acme = add_client(desk, "Acme Dental", terms_days=0)
    bluebird = add_client(desk, "Bluebird Bakery", terms_days=0)
    reckoning = ISSUED + timedelta(days=200)
    plan = [  # (client, days overdue on the day of reckoning, hours at $100)
        (acme, 120, 1),
        (bluebird, 91, 2),
        (acme, 90, 3),
        (acme, 61, 4),
        (bluebird, 60, 5),
        (acme, 31, 6),
        (acme, 30, 7),
        (bluebird, 1, 8),
        (acme, 0, 9),  # due today: current
    ]
    for who, days, hours in plan:
        on(desk, reckoning - timedelta(days=days), hour=1)
        bill(desk, who, hours=hours, subject=f"Work {days}")
    paid, _ = bill(desk, bluebird, hours=1, subject="Paid in full")
    desk.payments.pay(paid.number, amount="100", method="bank")
    voided, _ = bill(desk, acme, hours=1, subject="Voided")
    desk.invoicing.void(voided.number, "Duplicate.")
    half, _ = bill(desk, bluebird, hours=2, subject="Half paid")  # current, $100 left
    desk.payments.pay(half.number, amount="100", method="paypal")
    on(desk, reckoning, hour=23)

    owed = {r.client_name: r for r in desk.payments.receivables()}
    assert list(owed) == ["Acme Dental", "Bluebird Bakery"]  # biggest debt first
    assert owed["Acme Dental"].buckets == {
        "current": 90000,
        "1-30": 70000,
        "31-60": 60000,
        "61-90": 70000,  # 90 and 61 days
        "over 90": 10000,
    }
    assert owed["Bluebird Bakery"].buckets == {
        "current": 10000,
        "1-30": 80000,
        "31-60": 50000,
        "61-90": 0,
        "over 90": 20000,
    }
    assert owed["Acme Dental"].total == 300000
    assert owed["Bluebird Bakery"].total == 160000
    assert set(owed["Acme Dental"].buckets) == set(BUCKETS)
    buckets = {
        a.invoice.document["lines"][0]["subject"]: a.bucket for a in desk.payments.accounts()
    }
    assert buckets["Work 31"] == "31-60" and buckets["Work 30"] == "1-30"
    assert buckets["Work 91"] == "over 90" and buckets["Work 90"] == "61-90"
    assert buckets["Work 0"] == "current"
    assert desk.payments.overdue_clients() == {acme.id, bluebird.id}

    # paying everything Bluebird owes clears it from the list
    for account in desk.payments.accounts(client_id=bluebird.id, open_only=True):
        desk.payments.pay(
            account.invoice.number, amount=plain(account.balance_cents), method="bank"
        )
    assert [r.client_name for r in desk.payments.receivables()] == ["Acme Dental"]
    assert desk.payments.overdue_clients() == {acme.id}


# --- the payment hold -----------------------------------------------------------------------


@pytest.fixture
def overdue(desk: Desk, client: Client) -> tuple[Invoice, Ticket]:
    """Harbor Dental's invoice 2026-0001 ($200.00) is 5 days overdue; an older ticket of
    theirs (HD-0002) is still open and approved."""
    invoice, _ = bill(desk, client)
    older = desk.tickets.new(client_id=client.id, subject="Email on the new laptop")
    desk.estimates.send(older.ref, hours="2")
    desk.estimates.approve(older.ref, text="Yes, go ahead.")
    on(desk, DUE + timedelta(days=5))
    return invoice, desk.tickets.get(older.ref)


def test_a_new_ticket_of_a_paused_client_starts_on_hold_with_the_reason(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, _ = overdue
    other = add_client(desk, "Bluebird Bakery")
    held = desk.tickets.new(client_id=client.id, subject="Scanner broken", body="Help!")
    fine = desk.tickets.new(client_id=other.id, subject="Wi-Fi slow")
    assert (held.status, held.hold_reason) == ("on_hold", "payment")
    assert (fine.status, fine.hold_reason) == ("new", None)
    (change,) = thread(desk, held, "status")
    assert change.startswith("Status: new → on hold (payment).")
    assert f"overdue invoice: {invoice.number}, $200.00, 5 days overdue" in change
    assert thread(desk, held, "message") == ["Help!"]


def test_the_timer_refuses_a_paused_clients_tickets_naming_invoice_and_amount(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, older = overdue
    held = desk.tickets.new(client_id=client.id, subject="Scanner broken")
    for ref in (older.ref, held.ref):
        for billable in (True, False):
            with pytest.raises(Refused) as info:
                desk.timer.start(ref, billable=billable)
            reason = str(info.value)
            assert reason.startswith("New work is paused: Harbor Dental Clinic has an overdue")
            assert f"{invoice.number}, $200.00, 5 days overdue" in reason
            assert f"hourdesk pay {invoice.number}" in reason
            assert "clear" not in reason  # not urgent: clearance is not offered
    with pytest.raises(Refused, match="New work is paused"):
        desk.timer.log(older.ref, start=desk.clock.now() - timedelta(hours=1), seconds=600)
    assert desk.timer.running() is None
    assert count(desk, "SELECT count(*) FROM time_entries WHERE end_at IS NULL") == 0

    # another client's work goes on
    other = add_client(desk, "Bluebird Bakery")
    theirs = desk.tickets.new(client_id=other.id, subject="Wi-Fi slow", billable=False)
    assert desk.timer.start(theirs.ref).warning == ""


def test_before_the_due_date_there_is_no_hold(desk: Desk, client: Client) -> None:
    bill(desk, client)
    on(desk, DUE, hour=23)
    ticket = desk.tickets.new(client_id=client.id, subject="Scanner", billable=False)
    assert ticket.status == "new"
    assert desk.payments.hold(client.id) is None
    assert desk.timer.start(ticket.ref).warning == ""


def test_two_overdue_invoices_name_the_oldest_and_the_total(desk: Desk, client: Client) -> None:
    first, _ = bill(desk, client, hours=2, subject="Printer offline")
    on(desk, date(2026, 3, 6))
    bill(desk, client, hours=1, subject="Backup failing")  # due 03-20
    on(desk, date(2026, 3, 25))
    hold = desk.payments.hold(client.id)
    assert hold is not None and hold.pause
    assert hold.reason() == (
        f"Harbor Dental Clinic has an overdue invoice: {first.number}, $200.00, 9 days overdue"
        " and 1 more (owed in all: $300.00)."
    )


def test_warn_policy_only_warns(tmp_path: Path) -> None:
    desk = build_desk(
        tmp_path / "warn.db",
        vault=MemoryVault(),
        clock=FixedClock(START),
        settings=make_settings(tmp_path, hold_policy="warn"),
    )
    try:
        client = add_client(desk)
        invoice, _ = bill(desk, client)
        on(desk, DUE + timedelta(days=5))
        ticket = desk.tickets.new(client_id=client.id, subject="Scanner", billable=False)
        assert (ticket.status, ticket.hold_reason) == ("new", None)
        started = desk.timer.start(ticket.ref)
        assert started.entry.ticket_id == ticket.id
        assert f"overdue invoice: {invoice.number}, $200.00, 5 days overdue" in started.warning
        assert desk.payments.check_work(ticket).startswith("Harbor Dental Clinic has an overdue")
    finally:
        desk.close()


def test_an_urgent_ticket_proceeds_only_after_clearance(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, _ = overdue
    urgent = desk.tickets.new(
        client_id=client.id, subject="Server down", priority="urgent", billable=False
    )
    assert (urgent.status, urgent.hold_reason) == ("on_hold", "payment")
    with pytest.raises(Refused) as info:
        desk.timer.start(urgent.ref)
    assert f"{invoice.number}, $200.00" in str(info.value)
    assert f"record payment clearance for {urgent.ref} (hourdesk clear)" in str(info.value)

    with pytest.raises(Invalid, match="needs a reason"):
        desk.payments.clear(urgent.ref, " \n ")
    assert count(desk, "SELECT count(*) FROM clearances") == 0

    cleared = desk.payments.clear(urgent.ref, "Client promised payment\nby Friday; server down.")
    assert (cleared.status, cleared.hold_reason) == ("new", None)
    assert thread(desk, urgent, "clearance") == [
        "Payment clearance recorded: Client promised payment by Friday; server down."
    ]
    assert thread(desk, urgent, "status")[-1].endswith("Cleared to proceed.")
    assert desk.payments.cleared(urgent.id)
    assert desk.timer.start(urgent.ref).warning == ""

    # clearance is for an urgent ticket: made normal again, it waits for the payment
    desk.timer.stop()
    desk.tickets.set_priority(urgent.ref, "normal")
    with pytest.raises(Refused, match="New work is paused"):
        desk.timer.start(urgent.ref)

    # clearance is for that ticket only
    other = desk.tickets.new(client_id=client.id, subject="Also urgent", priority="urgent")
    with pytest.raises(Refused, match="New work is paused"):
        desk.timer.start(other.ref, billable=False)


def test_a_non_urgent_ticket_cannot_be_cleared(desk: Desk, client: Client, overdue) -> None:
    _, older = overdue
    with pytest.raises(Refused, match=f"{older.ref} is not urgent: only urgent tickets"):
        desk.payments.clear(older.ref, "Please")
    assert count(desk, "SELECT count(*) FROM clearances") == 0
    with pytest.raises(Refused, match="New work is paused"):
        desk.timer.start(older.ref, billable=False)


def test_clearance_needs_a_hold(desk: Desk, client: Client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="Server down", priority="urgent")
    with pytest.raises(Refused, match="Harbor Dental Clinic is not on payment hold"):
        desk.payments.clear(ticket.ref, "Just in case")
    assert count(desk, "SELECT count(*) FROM clearances") == 0


def test_paying_the_overdue_balance_lifts_the_hold_at_once(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, older = overdue
    held = [
        desk.tickets.new(client_id=client.id, subject=s, billable=False)
        for s in ("Scanner broken", "New mailbox")
    ]
    assert {t.hold_reason for t in held} == {"payment"}
    waiting = desk.tickets.new(client_id=client.id, subject="Waiting", billable=False)
    desk.tickets.set_status(waiting.ref, "on_hold", "waiting_on_client")

    account = desk.payments.pay(invoice.number, amount="199.99", method="bank")
    assert account.status == "overdue"
    assert desk.tickets.get(held[0].ref).hold_reason == "payment"  # one cent short: still held
    with pytest.raises(Refused, match=r"\$0\.01, 5 days overdue"):
        desk.timer.start(older.ref)

    desk.payments.pay(invoice.number, amount="0.01", method="bank")
    assert desk.payments.hold(client.id) is None
    for ticket in held:
        now = desk.tickets.get(ticket.ref)
        assert (now.status, now.hold_reason) == ("new", None)
        assert thread(desk, ticket, "status")[-1] == (
            "Status: on hold (payment) → new. Payment received: hold lifted."
        )
    assert desk.tickets.get(waiting.ref).hold_reason == "waiting_on_client"  # not ours to lift
    assert desk.timer.start(older.ref).warning == ""
    assert desk.tickets.new(client_id=client.id, subject="Next").status == "new"


def test_paying_one_of_two_overdue_invoices_keeps_the_hold(desk: Desk, client: Client) -> None:
    first, _ = bill(desk, client, subject="Printer offline")
    second, _ = bill(desk, client, subject="Backup failing")
    on(desk, DUE + timedelta(days=1))
    held = desk.tickets.new(client_id=client.id, subject="Scanner", billable=False)
    desk.payments.pay(first.number, amount="200", method="bank")
    assert desk.tickets.get(held.ref).hold_reason == "payment"
    with pytest.raises(Refused, match=f"overdue invoice: {second.number}"):
        desk.timer.start(held.ref)
    desk.payments.pay(second.number, amount="200", method="bank")
    assert desk.tickets.get(held.ref).status == "new"
    assert desk.timer.start(held.ref).warning == ""


def test_a_credit_note_ending_the_overdue_balance_lifts_the_hold(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, _ = overdue
    held = desk.tickets.new(client_id=client.id, subject="Scanner broken", billable=False)
    assert held.hold_reason == "payment"
    desk.payments.pay(invoice.number, amount="150.00", method="bank")
    with pytest.raises(Refused, match=r"has left \(\$50\.00\)"):
        desk.invoicing.credit(invoice.number, "50.01", "Goodwill")  # payments count too
    note = desk.invoicing.credit(invoice.number, "50.00", "Goodwill")
    assert desk.payments.hold(client.id) is None
    now = desk.tickets.get(held.ref)
    assert (now.status, now.hold_reason) == ("new", None)
    assert thread(desk, held, "status")[-1].endswith(f"Credit note {note.number}: hold lifted.")


def test_voiding_an_overdue_invoice_lifts_the_hold_but_not_one_with_payments(
    desk: Desk, client: Client, overdue
) -> None:
    invoice, _ = overdue
    held = desk.tickets.new(client_id=client.id, subject="Scanner broken", billable=False)
    desk.invoicing.void(invoice.number, "Billed the wrong client")
    assert desk.tickets.get(held.ref).status == "new"
    second, _ = bill(desk, client)
    desk.payments.pay(second.number, amount="10.00", method="bank")
    with pytest.raises(Refused, match="payments recorded"):
        desk.invoicing.void(second.number, "Wrong")
