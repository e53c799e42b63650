"""Invoices and reminders sent through a real SMTP server (aiosmtpd) on loopback: what
arrives, what is recorded, and that a failing server records nothing."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.outbox import SMTP_PASSWORD_KEY
from hourdesk.storage.models import Client, Invoice, Ticket
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

HOST = "127.0.0.1"
USER = "alex"
PASSWORD = "correct horse battery staple"
SENDER = "alex@rivera-it.example"
CLIENT_EMAIL = "office@harbordental.example"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = date(2026, 3, 16)


# Local days and typed times are UTC days and times here.
pytestmark = pytest.mark.usefixtures("utc")


class Handler:
    """Keeps every accepted envelope; refuses the recipients it is told to."""

    def __init__(self, refuse_rcpt: tuple[str, ...] = ()) -> None:
        self.refuse_rcpt = set(refuse_rcpt)
        self.envelopes: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


class Logins:
    """Accepts USER/PASSWORD only; records who tried."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        self.attempts.append(auth_data.login.decode())
        ok = auth_data == (USER.encode(), PASSWORD.encode())
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture
def server() -> Iterator:
    """Start aiosmtpd on a free loopback port; returns the port. Stopped after the test."""
    started: list[Controller] = []

    def start(handler: Handler, **kwargs) -> int:
        controller = Controller(handler, hostname=HOST, port=free_port(), ready_timeout=5, **kwargs)
        controller.start()
        started.append(controller)
        return controller.port

    yield start
    for controller in started:
        controller.stop()


def make_settings(tmp_path: Path, port: int, *, user: str = "", timeout: float = 5, **extra):
    return ready_settings(
        {
            "business": {"name": "Rivera IT Consulting", "email": SENDER},
            "payment": {"bank_details": "First Coastal Bank, account 4401 2287"},
            "exports_dir": str(tmp_path / "exports"),
            "smtp": {
                "host": HOST,
                "port": port,
                "user": user,
                "security": "none",
                "timeout": timeout,
            },
            **extra,
        }
    )


def open_desk(tmp_path: Path, port: int, password: str | None = None, **kw) -> Desk:
    vault = MemoryVault()
    if password is not None:
        vault.put(SMTP_PASSWORD_KEY, password)
    return build_desk(
        tmp_path / "t.db",
        vault=vault,
        clock=FixedClock(START),
        settings=make_settings(tmp_path, port, **kw),
    )


def bill(desk: Desk, name: str = "Harbor Dental Clinic") -> tuple[Invoice, Ticket, Client]:
    """Two hours at $100 on one ticket, resolved and invoiced (due 2026-03-16)."""
    client = desk.clients.add(name=name, emails=CLIENT_EMAIL, rate="100.00")
    t = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    desk.estimates.send(t.ref, hours="10")
    desk.estimates.approve(t.ref, text="Yes, please go ahead.")
    start = desk.clock.now()
    desk.clock.advance(hours=2)
    desk.timer.log(t.ref, start=start, seconds=7200, category="implementation")
    desk.clock.advance(minutes=1)
    desk.completion.resolve(t.ref, "Fixed.")
    return desk.invoicing.issue(client.id, [t.ref]), desk.tickets.get(t.ref), client


def overdue_by(desk: Desk, days: int) -> None:
    desk.clock.instant = datetime(2026, 3, 16, 10, tzinfo=UTC) + timedelta(days=days)


def events(desk: Desk) -> list[tuple]:
    return desk.db.execute(
        "SELECT i.number, e.kind, e.step, e.channel FROM invoice_events e"
        " JOIN invoices i ON i.id = e.invoice_id ORDER BY e.id"
    ).fetchall()


def received(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def head(raw: bytes) -> list[bytes]:
    """The header lines of a raw message, as sent (continuation lines included)."""
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


# --- what arrives ---------------------------------------------------------------------------


def test_invoice_sent_with_login_arrives_with_pdf_and_is_recorded(server, tmp_path) -> None:
    handler, logins = Handler(), Logins()
    port = server(handler, authenticator=logins, auth_require_tls=False)
    desk = open_desk(tmp_path, port, PASSWORD, user=USER)
    try:
        invoice, ticket, _ = bill(desk)
        where = desk.mailer.send_invoice(invoice.number)
        assert where == f"sent to Harbor Dental Clinic <{CLIENT_EMAIL}>"
        assert logins.attempts == [USER]

        (envelope,) = handler.envelopes
        assert envelope.mail_from == SENDER
        assert envelope.rcpt_tos == [CLIENT_EMAIL]
        msg = received(envelope)
        assert str(msg["From"]) == f"Rivera IT Consulting <{SENDER}>"
        assert str(msg["To"]) == f"Harbor Dental Clinic <{CLIENT_EMAIL}>"
        assert str(msg["Subject"]) == "Invoice 2026-0001 from Rivera IT Consulting"
        assert msg["Bcc"] is None and msg["Cc"] is None
        (attachment,) = msg.iter_attachments()
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == "invoice-2026-0001.pdf"
        pdf = attachment.get_content()
        assert pdf.startswith(b"%PDF-")
        assert pdf == (desk.exports_dir() / "invoice-2026-0001.pdf").read_bytes()

        assert events(desk) == [("2026-0001", "sent", 0, "smtp")]
        assert desk.payments.account(invoice.number).status == "sent"
        last = desk.tickets.thread(ticket.id)[-1]
        assert (last.kind, last.body) == ("invoice", "Invoice 2026-0001 sent (outbox #1).")
        assert (desk.outbox.get(1).state, desk.outbox.get(1).detail) == ("sent", where)
        assert last.data == {"invoice": "2026-0001", "channel": "smtp", "step": 0}
    finally:
        desk.close()


def test_reminder_by_smtp_arrives_once_and_is_recorded(server, tmp_path) -> None:
    handler = Handler()
    port = server(handler)
    desk = open_desk(tmp_path, port)
    try:
        invoice, ticket, _ = bill(desk)
        overdue_by(desk, 10)
        (outcome,) = desk.mailer.remind()
        assert (outcome.due.step, outcome.error) == (2, "")
        assert outcome.where == f"sent to Harbor Dental Clinic <{CLIENT_EMAIL}>"
        assert desk.mailer.remind() == []  # cron again the same day
        overdue_by(desk, 11)
        assert desk.mailer.remind() == []

        (envelope,) = handler.envelopes
        assert (envelope.mail_from, envelope.rcpt_tos) == (SENDER, [CLIENT_EMAIL])
        msg = received(envelope)
        assert str(msg["Subject"]) == "Second reminder: invoice 2026-0001 is overdue"
        assert str(msg["To"]) == f"Harbor Dental Clinic <{CLIENT_EMAIL}>"
        body = msg.get_body(("plain",)).get_content()
        assert "Invoice 2026-0001 for $200.00 is now 10 days overdue" in body
        (attachment,) = msg.iter_attachments()
        assert attachment.get_filename() == "invoice-2026-0001.pdf"
        assert attachment.get_content().startswith(b"%PDF-")

        assert events(desk) == [(invoice.number, "reminder", 2, "smtp")]
        (note,) = [e for e in desk.tickets.thread(ticket.id) if e.kind == "reminder"]
        assert note.body == "Payment reminder 2 for invoice 2026-0001 (outbox #1)."
        assert note.data == {"invoice": "2026-0001", "channel": "smtp", "step": 2}
    finally:
        desk.close()


# --- failures: the message waits in the outbox with the reason ---------------------------------


def nothing_listening(server, tmp_path):
    return open_desk(tmp_path, free_port()), None, r"127\.0\.0\.1:\d+ refused the connection"


def wrong_password(server, tmp_path):
    handler = Handler()
    port = server(handler, authenticator=Logins(), auth_require_tls=False)
    desk = open_desk(tmp_path, port, "not-the-password", user=USER)
    return desk, handler, f"SMTP login failed for user {USER}"


def no_password_stored(server, tmp_path):
    handler = Handler()
    port = server(handler, authenticator=Logins(), auth_require_tls=False)
    desk = open_desk(tmp_path, port, None, user=USER)
    return desk, handler, "The SMTP password is not stored yet.*hourdesk smtp-password"


def recipient_rejected(server, tmp_path):
    handler = Handler(refuse_rcpt=(CLIENT_EMAIL,))
    port = server(handler)
    desk = open_desk(tmp_path, port)
    return desk, handler, f"refused the recipient {CLIENT_EMAIL} \\(550 5.1.1 No such user"


@pytest.fixture
def silent() -> Iterator[int]:
    """A TCP port that accepts connections and never says a word."""
    with socket.create_server((HOST, 0)) as sock:
        yield sock.getsockname()[1]


FAILURES = [nothing_listening, wrong_password, recipient_rejected]


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f.__name__)
def test_a_failing_server_gives_a_clear_error_and_the_outbox_keeps_the_message(
    server, tmp_path, failure
) -> None:
    desk, handler, reason = failure(server, tmp_path)
    try:
        invoice, _ticket, _ = bill(desk)
        with pytest.raises(Refused, match=reason + ".*waits in the outbox as #1") as info:
            desk.mailer.send_invoice(invoice.number)
        assert "not-the-password" not in str(info.value)
        assert "\n" not in str(info.value)

        overdue_by(desk, 3)
        (outcome,) = desk.mailer.remind()
        assert re.search(reason, outcome.error), outcome.error
        assert outcome.where == ""

        # each is recorded once, waits with its reason, and the reminder step is not due again
        assert events(desk) == [
            (invoice.number, "sent", 0, "smtp"),
            (invoice.number, "reminder", 1, "smtp"),
        ]
        waiting = desk.outbox.items()
        assert [(i.kind, i.state) for i in waiting] == [
            ("invoice", "queued"),
            ("reminder", "queued"),
        ]
        assert all(re.search(reason, i.last_error) for i in waiting)
        assert desk.mailer.due() == []
        if handler is not None:
            assert handler.envelopes == []
    finally:
        desk.close()


def test_what_cannot_go_out_at_all_is_refused_and_records_nothing(server, tmp_path) -> None:
    handler = Handler()
    port = server(handler, authenticator=Logins(), auth_require_tls=False)
    desk = open_desk(tmp_path, port, None, user=USER)
    try:
        invoice, ticket, _ = bill(desk)
        thread_before = len(desk.tickets.thread(ticket.id))
        reason = "The SMTP password is not stored yet.*hourdesk smtp-password"
        with pytest.raises(Refused, match=reason):
            desk.mailer.send_invoice(invoice.number)
        overdue_by(desk, 3)
        (outcome,) = desk.mailer.remind()
        assert re.search(reason, outcome.error), outcome.error
        assert events(desk) == []
        assert desk.outbox.items() == []
        assert len(desk.tickets.thread(ticket.id)) == thread_before
        assert desk.payments.account(invoice.number).status == "overdue"  # never "sent"
        assert [d.step for d in desk.mailer.due()] == [1]  # still due: the next run retries
    finally:
        desk.close()


def test_a_server_that_never_answers_times_out_and_the_message_waits(silent, tmp_path) -> None:
    desk = open_desk(tmp_path, silent, timeout=0.5)
    try:
        invoice, _ticket, _ = bill(desk)
        started = time.monotonic()
        with pytest.raises(Refused, match=r"did not answer within 0\.5 s"):
            desk.mailer.send_invoice(invoice.number)
        overdue_by(desk, 20)
        (outcome,) = desk.mailer.remind()
        assert "did not answer within 0.5 s" in outcome.error
        assert time.monotonic() - started < 5
        assert [i.state for i in desk.outbox.items()] == ["queued", "queued"]
    finally:
        desk.close()


def test_after_a_failure_the_outbox_sends_it_once(server, tmp_path) -> None:
    handler = Handler(refuse_rcpt=(CLIENT_EMAIL,))
    port = server(handler)
    desk = open_desk(tmp_path, port)
    try:
        invoice, _, _ = bill(desk)
        overdue_by(desk, 3)
        assert desk.mailer.remind()[0].error
        handler.refuse_rcpt.clear()
        overdue_by(desk, 4)
        assert desk.mailer.remind() == []  # step 1 is recorded: the outbox owns it now
        (attempt,) = desk.outbox.deliver()
        assert (attempt.state, attempt.text) == (
            "sent",
            f"sent to Harbor Dental Clinic <{CLIENT_EMAIL}>",
        )
        assert desk.outbox.deliver() == []
        assert len(handler.envelopes) == 1
        assert events(desk) == [(invoice.number, "reminder", 1, "smtp")]
    finally:
        desk.close()


# --- newlines never reach a header ----------------------------------------------------------

HOSTILE_STEPS = [
    {
        "days": 3,
        "subject": "Reminder {number}\r\nBcc: evil@example.com",
        "body": "Hello {client},\n\ninvoice {number} is due.",
    }
]
HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"}


def assert_clean_head(raw: bytes) -> None:
    lines = head(raw)
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the header above
        name, sep, _ = line.partition(b":")
        assert sep, line
        names.add(name.lower())
    assert names <= HEADERS | {b"x-unsent", b"content-transfer-encoding"}, names
    assert not re.search(rb"(?im)^\s*bcc\s*:", b"\r\n".join(lines))
    assert b"\r" not in raw.replace(b"\r\n", b"")  # no bare CR anywhere
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Bcc"] is None and msg["Cc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == [CLIENT_EMAIL]
    assert [a.addr_spec for a in msg["From"].addresses] == [SENDER]


def test_newlines_in_names_and_subjects_never_reach_a_header(server, tmp_path) -> None:
    handler = Handler()
    port = server(handler)
    desk = open_desk(
        tmp_path,
        port,
        reminders=HOSTILE_STEPS,
        business={"name": "Rivera IT\r\nBcc: boss@evil.example", "email": SENDER},
    )
    try:
        invoice, _, client = bill(desk, name="Evil\r\nBcc: x@y.z")
        assert client.name == "Evil Bcc: x@y.z"  # the desk folds it on the way in
        # ... and a name that got into the database another way still cannot break out
        desk.db.execute("UPDATE clients SET name = ? WHERE id = ?", ["Evil\r\nBcc: x@y.z", 1])
        assert desk.clients.get(client.id).name == "Evil\r\nBcc: x@y.z"

        desk.mailer.send_invoice(invoice.number)
        overdue_by(desk, 3)
        (outcome,) = desk.mailer.remind()
        assert outcome.error == ""
        drafted = desk.mailer.send_invoice(invoice.number, drafts=tmp_path / "drafts")

        assert [e.rcpt_tos for e in handler.envelopes] == [[CLIENT_EMAIL], [CLIENT_EMAIL]]
        raws = [e.content for e in handler.envelopes] + [Path(drafted).read_bytes()]
        for raw in raws:
            assert_clean_head(raw)
        invoice_mail, reminder = (received(e) for e in handler.envelopes)
        assert str(reminder["Subject"]) == "Reminder 2026-0001 Bcc: evil@example.com"
        assert reminder["To"].addresses[0].display_name == "Evil Bcc: x@y.z"
        assert reminder["From"].addresses[0].display_name == "Rivera IT Bcc: boss@evil.example"
        assert str(invoice_mail["Subject"]) == (
            "Invoice 2026-0001 from Rivera IT Bcc: boss@evil.example"
        )
        assert events(desk) == [
            (invoice.number, "sent", 0, "smtp"),
            (invoice.number, "reminder", 1, "smtp"),
            (invoice.number, "sent", 0, "draft"),
        ]
    finally:
        desk.close()
