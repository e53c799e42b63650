"""The reminder ladder and sending invoices as .eml drafts, with a fixed clock."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.models import Client, Invoice, Ticket
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = date(2026, 3, 16)  # net 14 from 2026-03-02
SENDER = "alex@rivera-it.example"


# Local days and typed times are UTC days and times here.
pytestmark = pytest.mark.usefixtures("utc")


def make_settings(tmp_path: Path, **extra) -> Settings:
    return ready_settings(
        {
            "business": {"name": "Rivera IT Consulting", "email": SENDER},
            "payment": {"bank_details": "First Coastal Bank, account 4401 2287"},
            "exports_dir": str(tmp_path / "exports"),
            **extra,
        }
    )


def open_desk(tmp_path: Path, **extra) -> Desk:
    return build_desk(
        tmp_path / "t.db",
        vault=MemoryVault(),
        clock=FixedClock(START),
        settings=make_settings(tmp_path, **extra),
    )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = open_desk(tmp_path)
    yield desk
    desk.close()


def add_client(desk: Desk, name: str = "Harbor Dental Clinic", email_: str = "") -> Client:
    email_ = email_ or "".join(c for c in name.lower() if c.isalnum()) + "@client.example"
    return desk.clients.add(name=name, emails=email_, rate="100.00")


@pytest.fixture
def client(desk: Desk) -> Client:
    return add_client(desk)


def on(desk: Desk, day: date, hour: int = 10) -> None:
    instant = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    assert instant >= desk.clock.now()
    desk.clock.instant = instant


def bill(
    desk: Desk, client: Client, hours: int = 2, subject: str = "Printer offline"
) -> tuple[Invoice, Ticket]:
    t = desk.tickets.new(client_id=client.id, subject=subject, body="Please help.")
    desk.estimates.send(t.ref, hours="10")
    desk.estimates.approve(t.ref, text="Yes, please go ahead.")
    start = desk.clock.now()
    desk.clock.advance(hours=hours)
    desk.timer.log(t.ref, start=start, seconds=hours * 3600, category="implementation")
    desk.clock.advance(minutes=1)
    desk.completion.resolve(t.ref, "Fixed and tested with the client.")
    return desk.invoicing.issue(client.id, [t.ref]), desk.tickets.get(t.ref)


def events(desk: Desk) -> list[tuple]:
    return desk.db.execute(
        "SELECT i.number, e.kind, e.step, e.channel FROM invoice_events e"
        " JOIN invoices i ON i.id = e.invoice_id ORDER BY e.id"
    ).fetchall()


def thread(desk: Desk, ticket: Ticket, kind: str) -> list:
    return [e for e in desk.tickets.thread(ticket.id) if e.kind == kind]


def eml(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def drafts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.eml")) if folder.exists() else []


def remind(desk: Desk, folder: Path) -> list[tuple[str, int]]:
    """Run remind --drafts; the (number, step) of each reminder written. Fails on errors."""
    outcomes = desk.mailer.remind(drafts=folder)
    assert [o.error for o in outcomes if o.error] == []
    return [(o.due.number, o.due.step) for o in outcomes]


# --- the ladder -----------------------------------------------------------------------------


def test_the_ladder_each_step_once_and_none_before_it_is_due(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    invoice, ticket = bill(desk, client)
    out = tmp_path / "drafts"
    for day in (DUE, DUE + timedelta(days=1), DUE + timedelta(days=2)):
        on(desk, day)
        assert desk.mailer.due() == []
        assert remind(desk, out) == []
    assert drafts(out) == []

    on(desk, DUE + timedelta(days=3), hour=8)
    assert remind(desk, out) == [(invoice.number, 1)]
    on(desk, DUE + timedelta(days=3), hour=18)  # cron runs again the same day
    assert desk.mailer.due() == []
    assert desk.mailer.remind(dry_run=True) == []
    assert remind(desk, out) == []
    assert drafts(out) == ["reminder-2026-0001-step1.eml"]

    on(desk, DUE + timedelta(days=9))
    assert remind(desk, out) == []
    on(desk, DUE + timedelta(days=10))
    assert remind(desk, out) == [(invoice.number, 2)]
    on(desk, DUE + timedelta(days=11))
    assert remind(desk, out) == []
    on(desk, DUE + timedelta(days=20))
    assert remind(desk, out) == [(invoice.number, 3)]
    for later in (21, 60, 400):
        on(desk, DUE + timedelta(days=later))
        assert remind(desk, out) == []

    assert drafts(out) == [f"reminder-2026-0001-step{n}.eml" for n in (1, 2, 3)]
    subjects = [str(eml(out / name)["Subject"]) for name in drafts(out)]
    assert subjects == [
        "Friendly reminder: invoice 2026-0001",
        "Second reminder: invoice 2026-0001 is overdue",
        "Final reminder: invoice 2026-0001",
    ]
    assert events(desk) == [(invoice.number, "reminder", n, "draft") for n in (1, 2, 3)]
    notes = thread(desk, ticket, "reminder")
    assert [e.data["step"] for e in notes] == [1, 2, 3]
    assert notes[0].body == "Payment reminder 1 for invoice 2026-0001 (outbox #1)."
    assert next(i.detail for i in desk.outbox.items(include_done=True)) == str(
        out / "reminder-2026-0001-step1.eml"
    )


def test_jumping_to_day_25_sends_only_step_3(desk: Desk, client: Client, tmp_path: Path) -> None:
    invoice, _ = bill(desk, client)
    on(desk, DUE + timedelta(days=25))
    (due,) = desk.mailer.due()
    assert (due.number, due.step, due.account.days_overdue) == (invoice.number, 3, 25)
    out = tmp_path / "drafts"
    assert remind(desk, out) == [(invoice.number, 3)]
    assert remind(desk, out) == []
    assert drafts(out) == ["reminder-2026-0001-step3.eml"]
    body = eml(out / "reminder-2026-0001-step3.eml").get_body().get_content()
    assert "Invoice 2026-0001 for $200.00 is 25 days overdue (due 2026-03-16)." in body
    assert events(desk) == [(invoice.number, "reminder", 3, "draft")]


def test_paid_void_and_current_invoices_get_no_reminder(desk: Desk, tmp_path: Path) -> None:
    harbor, bluebird, castillo, okafor = (
        add_client(desk, name)
        for name in ("Harbor Dental", "Bluebird Bakery", "Castillo Legal", "Okafor Architects")
    )
    paid, _ = bill(desk, harbor)
    voided, _ = bill(desk, bluebird)
    credited, _ = bill(desk, castillo)
    partial, _ = bill(desk, okafor)
    desk.payments.pay(paid.number, amount="200", method="bank")
    desk.invoicing.void(voided.number, "Wrong client.")
    desk.invoicing.credit(credited.number, "200", "Not billable after all.")
    desk.payments.pay(partial.number, amount="150", method="bank")
    on(desk, DUE + timedelta(days=5), hour=1)
    bill(desk, harbor, subject="Later work")  # not yet due
    on(desk, DUE + timedelta(days=12))

    out = tmp_path / "drafts"
    assert remind(desk, out) == [(partial.number, 2)]
    body = eml(out / f"reminder-{partial.number}-step2.eml").get_body().get_content()
    assert f"Invoice {partial.number} for $50.00 is now 12 days overdue" in body  # the balance
    assert [n for n, *_ in events(desk)] == [partial.number]


def test_dry_run_writes_and_records_nothing(desk: Desk, client: Client, tmp_path: Path) -> None:
    invoice, ticket = bill(desk, client)
    on(desk, DUE + timedelta(days=10))
    before = len(desk.tickets.thread(ticket.id))
    outcomes = desk.mailer.remind(drafts=tmp_path / "drafts", dry_run=True)
    assert [(o.due.step, o.where, o.error) for o in outcomes] == [
        (2, "would send step 2: Second reminder: invoice 2026-0001 is overdue", "")
    ]
    assert drafts(tmp_path / "drafts") == []
    assert events(desk) == []
    assert len(desk.tickets.thread(ticket.id)) == before
    assert remind(desk, tmp_path / "drafts") == [(invoice.number, 2)]


def test_the_draft_carries_the_right_headers_text_and_the_pdf(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    bill(desk, client)
    on(desk, DUE + timedelta(days=3))
    out = tmp_path / "drafts"
    remind(desk, out)
    path = out / "reminder-2026-0001-step1.eml"
    assert path.stat().st_mode & 0o777 == 0o600
    msg = eml(path)
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].display_name == "Rivera IT Consulting"
    assert msg["From"].addresses[0].addr_spec == SENDER
    assert [a.addr_spec for a in msg["To"].addresses] == ["harbordentalclinic@client.example"]
    assert msg["To"].addresses[0].display_name == "Harbor Dental Clinic"
    assert str(msg["Subject"]) == "Friendly reminder: invoice 2026-0001"
    assert msg["Message-ID"].endswith("@rivera-it.example>")
    assert msg["Date"].datetime == desk.clock.now()
    body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Hello Harbor Dental Clinic,\n\nA friendly reminder")
    assert "invoice 2026-0001 for $200.00 was due on 2026-03-16" in body
    assert body.rstrip().endswith("Rivera IT Consulting")
    (attachment,) = msg.iter_attachments()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "invoice-2026-0001.pdf"
    data = attachment.get_content()
    assert data.startswith(b"%PDF-")
    assert data == (desk.exports_dir() / "invoice-2026-0001.pdf").read_bytes()


def test_the_steps_and_texts_are_configurable(tmp_path: Path) -> None:
    steps = [
        {"days": 1, "subject": "{number}: {amount} of {total}", "body": "Dear {client}"},
        {
            "days": 5,
            "subject": "Still open: {number}",
            "body": "{client} {number} {amount} {total} {due_date} {days} {business}",
        },
    ]
    desk = open_desk(tmp_path, reminders=steps)
    try:
        client = add_client(desk)
        invoice, _ = bill(desk, client)
        desk.payments.pay(invoice.number, amount="20", method="bank")
        out = tmp_path / "drafts"
        on(desk, DUE + timedelta(days=1))
        assert remind(desk, out) == [(invoice.number, 1)]
        assert str(eml(out / "reminder-2026-0001-step1.eml")["Subject"]) == (
            "2026-0001: $180.00 of $200.00"
        )
        on(desk, DUE + timedelta(days=4))
        assert remind(desk, out) == []
        on(desk, DUE + timedelta(days=7))
        assert remind(desk, out) == [(invoice.number, 2)]
        body = eml(out / "reminder-2026-0001-step2.eml").get_body().get_content()
        assert body.strip() == (
            "Harbor Dental Clinic 2026-0001 $180.00 $200.00 2026-03-16 7 Rivera IT Consulting"
        )
    finally:
        desk.close()


@pytest.mark.parametrize(
    "template", ["{nope}", "{0}", "{client.name}", "{days[0]}", "{number", "{amount:%}"]
)
def test_a_bad_placeholder_is_an_error_not_a_crash(tmp_path: Path, template: str) -> None:
    steps = [{"days": 3, "subject": "Reminder", "body": f"Hello {template}"}]
    desk = open_desk(tmp_path, reminders=steps)
    try:
        client = add_client(desk)
        bill(desk, client)
        on(desk, DUE + timedelta(days=3))
        (outcome,) = desk.mailer.remind(drafts=tmp_path / "drafts")
        assert outcome.error.startswith("Reminder step 1 has a bad placeholder")
        assert "Use only {client}, {number}, {amount}, {total}, {due_date}, {days}" in outcome.error
        assert events(desk) == []
        assert drafts(tmp_path / "drafts") == []
    finally:
        desk.close()


def test_an_address_the_mail_library_refuses_is_an_error_for_that_invoice_only(
    desk: Desk, tmp_path: Path
) -> None:
    """The clients screen accepts ``a..b@x.example``; the email builder does not. That
    invoice's reminder fails with the reason; the others still go out."""
    odd = add_client(desk, "Odd Address")
    # an address from before the client form refused such addresses
    desk.db.execute(
        "UPDATE client_emails SET email = 'office..desk@odd.example' WHERE client_id = ?", [odd.id]
    )
    odd = desk.clients.get(odd.id)
    fine = add_client(desk, "Bluebird Bakery")
    bad, _ = bill(desk, odd)
    good, _ = bill(desk, fine)
    on(desk, DUE + timedelta(days=3))
    out = tmp_path / "drafts"
    outcomes = desk.mailer.remind(drafts=out)
    assert [(o.due.number, bool(o.error)) for o in outcomes] == [
        (good.number, False),
        (bad.number, True),
    ] or [(o.due.number, bool(o.error)) for o in outcomes] == [
        (bad.number, True),
        (good.number, False),
    ]
    error = next(o.error for o in outcomes if o.error)
    assert "'office..desk@odd.example' is not a valid email address" in error
    assert [n for n, *_ in events(desk)] == [good.number]
    assert drafts(out) == [f"reminder-{good.number}-step1.eml"]
    with pytest.raises(Refused, match="is not a valid email address"):
        desk.mailer.send_invoice(bad.number, drafts=out)
    assert [n for n, *_ in events(desk)] == [good.number]


def test_without_a_business_email_nothing_goes_out(tmp_path: Path) -> None:
    desk = open_desk(tmp_path)
    try:
        client = add_client(desk)
        invoice, ticket = bill(desk, client)
        desk.settings = desk.settings.model_copy(
            update={"business": desk.settings.business.model_copy(update={"email": ""})}
        )
        on(desk, DUE + timedelta(days=3))
        (outcome,) = desk.mailer.remind(drafts=tmp_path / "drafts")
        assert outcome.error == "Your business email is not set. Set it in Settings (key ,)."
        with pytest.raises(Refused, match="Your business email is not set"):
            desk.mailer.send_invoice(invoice.number, drafts=tmp_path / "drafts")
        assert events(desk) == []
        assert thread(desk, ticket, "reminder") == []
    finally:
        desk.close()


def test_a_business_email_the_mail_library_refuses_is_an_error(tmp_path: Path) -> None:
    desk = open_desk(tmp_path, business={"name": "Rivera IT", "email": "alex@localhost"})
    try:
        invoice, _ = bill(desk, add_client(desk))
        on(desk, DUE + timedelta(days=3))
        (outcome,) = desk.mailer.remind(drafts=tmp_path / "drafts")
        assert "'localhost' is not a valid domain" in outcome.error
        with pytest.raises(Refused, match="not a valid domain"):
            desk.mailer.send_invoice(invoice.number, drafts=tmp_path / "drafts")
        assert events(desk) == []
        assert drafts(tmp_path / "drafts") == []
    finally:
        desk.close()


def test_a_draft_that_cannot_be_written_records_nothing(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    invoice, ticket = bill(desk, client)
    on(desk, DUE + timedelta(days=3))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    (outcome,) = desk.mailer.remind(drafts=blocked)
    assert outcome.error.startswith(f"Could not save the draft in {blocked}")
    assert events(desk) == []
    assert thread(desk, ticket, "reminder") == []
    assert remind(desk, tmp_path / "drafts") == [(invoice.number, 1)]  # the next run does it


def test_one_reminder_per_step_is_enforced_by_the_schema(desk: Desk, client: Client) -> None:
    invoice, _ = bill(desk, client)
    insert = (
        "INSERT INTO invoice_events (invoice_id, kind, step, channel, detail, at)"
        " VALUES (?, ?, ?, 'draft', '', 0)"
    )
    desk.db.execute(insert, [invoice.id, "reminder", 1])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(insert, [invoice.id, "reminder", 1])
    desk.db.execute(insert, [invoice.id, "sent", 0])
    desk.db.execute(insert, [invoice.id, "sent", 0])  # sending again is fine


def test_a_concurrent_run_that_got_there_first_is_not_repeated(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    """Two cron runs at once: the second found the step due before the first recorded it.
    It must not write a second reminder for the same step."""
    invoice, _ = bill(desk, client)
    on(desk, DUE + timedelta(days=3))
    stale = desk.mailer.due()
    other = build_desk(
        tmp_path / "t.db",
        vault=MemoryVault(),
        clock=FixedClock(desk.clock.now()),
        settings=desk.settings,
    )
    try:
        assert remind(other, tmp_path / "first") == [(invoice.number, 1)]
    finally:
        other.close()
    desk.mailer.due = lambda: stale  # what the second run saw before the first committed
    outcomes = desk.mailer.remind(drafts=tmp_path / "second")
    assert [o.where for o in outcomes if not o.error] == []
    assert drafts(tmp_path / "second") == []
    assert events(desk) == [(invoice.number, "reminder", 1, "draft")]


# --- sending the invoice itself ---------------------------------------------------------------


def test_invoice_send_drafts_marks_the_invoice_sent(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    invoice, ticket = bill(desk, client)
    assert desk.payments.account(invoice.number).status == "issued"
    out = tmp_path / "drafts"
    where = desk.mailer.send_invoice(invoice.number, drafts=out)
    assert where == str(out / "invoice-2026-0001.eml")
    assert desk.payments.account(invoice.number).status == "sent"
    assert events(desk) == [(invoice.number, "sent", 0, "draft")]
    (entry,) = thread(desk, ticket, "invoice")[-1:]
    assert entry.body == "Invoice 2026-0001 drafted (outbox #1)."
    assert desk.outbox.get(1).state == "drafted"
    assert entry.data == {"invoice": "2026-0001", "channel": "draft", "step": 0}

    msg = eml(Path(where))
    assert str(msg["Subject"]) == "Invoice 2026-0001 from Rivera IT Consulting"
    assert [a.addr_spec for a in msg["To"].addresses] == ["harbordentalclinic@client.example"]
    body = msg.get_body(("plain",)).get_content()
    assert "invoice 2026-0001 for $200.00, due on 2026-03-16" in body
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == "invoice-2026-0001.pdf"
    assert attachment.get_content().startswith(b"%PDF-")

    # a sent invoice still gets its reminders when overdue
    on(desk, DUE + timedelta(days=3))
    assert remind(desk, out) == [(invoice.number, 1)]
    assert desk.payments.account(invoice.number).status == "overdue"


def test_a_void_invoice_is_not_sent(desk: Desk, client: Client, tmp_path: Path) -> None:
    invoice, _ = bill(desk, client)
    desk.invoicing.void(invoice.number, "Wrong rate.")
    with pytest.raises(Refused, match="Invoice 2026-0001 is void: it is not sent"):
        desk.mailer.send_invoice(invoice.number, drafts=tmp_path / "drafts")
    assert events(desk) == []
    assert drafts(tmp_path / "drafts") == []


def test_smtp_without_a_host_is_refused_with_the_way_out(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    invoice, _ = bill(desk, client)
    with pytest.raises(Refused, match=r"No SMTP server is set.*--drafts DIR"):
        desk.mailer.send_invoice(invoice.number)
    on(desk, DUE + timedelta(days=3))
    (outcome,) = desk.mailer.remind()
    assert outcome.error.startswith("No SMTP server is set.")
    assert events(desk) == []
