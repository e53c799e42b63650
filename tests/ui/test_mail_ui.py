"""Mail from the TUI: `r` on a ticket sends the reply through the outbox to a real SMTP
server on loopback, in a worker, and the thread shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk
from hourdesk.screens.ticket import TicketScreen
from tests.builders import ready_settings
from tests.mailserver import Sink, running_sink

SIZE = (120, 40)


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with running_sink() as running:
        yield running


@pytest.fixture
def mail_desk(desk: Desk, sink, tmp_path: Path) -> Desk:
    desk.settings = ready_settings(
        {
            "exports_dir": str(tmp_path / "exports"),
            "smtp": {"host": "127.0.0.1", "port": sink[1], "security": "none", "timeout": 5},
        }
    )
    return desk


def ticket_of(desk: Desk, subject: str = "Printer offline", body: str = "Help"):
    client = desk.clients.add(name="Acme", emails="anna@acme.example")
    return desk.tickets.new(client_id=client.id, subject=subject, body=body)


async def reply_with_r(app, pilot, ref: str, text: str) -> None:
    """On the ticket's screen: r, the text, ctrl+s; then wait for the sending worker."""
    app.push_screen(TicketScreen(ref))
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_r_sends_the_reply_and_the_thread_records_it(app, mail_desk: Desk, sink) -> None:
    ticket = ticket_of(mail_desk)
    async with app.run_test(size=SIZE) as pilot:
        await reply_with_r(app, pilot, ticket.ref, "I will be there at ten.")
        assert isinstance(app.screen, TicketScreen)
        (sent,) = sink[0].messages
        assert str(sent["Subject"]) == f"[{ticket.ref}] Printer offline"
        kinds = [e.kind for e in mail_desk.tickets.thread(ticket.id)]
        assert kinds[-2:] == ["reply", "mail"]
        assert any(f"{ticket.ref}: sent to Acme" in str(n.message) for n in app._notifications)


async def test_r_with_the_server_down_keeps_the_reply_waiting(app, mail_desk: Desk, sink) -> None:
    sink[0].refusing = True
    ticket = ticket_of(mail_desk)
    async with app.run_test(size=SIZE) as pilot:
        await reply_with_r(app, pilot, ticket.ref, "On my way.")
        assert [i.state for i in mail_desk.outbox.items()] == ["queued"]
        assert any("waits in the outbox" in str(n.message) for n in app._notifications)


def bill(desk: Desk):
    """An issued invoice for two hours on one resolved ticket (due 14 days later)."""
    client = desk.clients.add(name="Acme", emails="anna@acme.example", rate="100.00")
    t = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    desk.estimates.send(t.ref, hours="10")
    desk.estimates.approve(t.ref, text="Yes, please go ahead.")
    start = desk.clock.now()
    desk.clock.advance(hours=3)
    desk.timer.log(t.ref, start=start, seconds=7200, category="implementation")
    desk.completion.resolve(t.ref, "Fixed.")
    return desk.invoicing.issue(client.id, [t.ref])


async def test_m_on_the_invoices_screen_sends_the_invoice_with_its_pdf(
    app, mail_desk: Desk, sink
) -> None:
    from hourdesk.screens.invoices import InvoicesScreen

    invoice = bill(mail_desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen)
        await pilot.press("m")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        (sent,) = sink[0].messages
        (pdf,) = sent.iter_attachments()
        assert pdf.get_filename() == f"invoice-{invoice.number}.pdf"
        assert mail_desk.payments.account(invoice.number).status == "sent"
        assert any(f"Invoice {invoice.number}: sent" in str(n.message) for n in app._notifications)


async def test_the_reminders_view_sends_what_is_due_once(app, mail_desk: Desk, sink, clock) -> None:
    from hourdesk.screens.outbox import RemindersScreen

    invoice = bill(mail_desk)
    clock.advance(days=14 + 11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RemindersScreen)
        table = app.screen.query_one("DataTable")
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][:3] == [invoice.number, "Acme", "2"]
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 0
        assert not app.screen.check_action("send", ())
        await pilot.press("s")  # nothing due: nothing more goes out
        await app.workers.wait_for_complete()
    assert [str(m["Subject"]) for m in sink[0].messages] == [
        f"Second reminder: invoice {invoice.number} is overdue"
    ]


async def test_the_outbox_screen_lists_what_waits_and_sends_it(app, mail_desk: Desk, sink) -> None:
    from hourdesk.screens.outbox import OutboxScreen

    ticket = ticket_of(mail_desk)
    mail_desk.replies.reply(ticket.ref, "Queued while offline.")
    sink[0].refusing = True
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the start-up retry, refused
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OutboxScreen)
        table = app.screen.query_one("DataTable")
        row = [str(c) for c in table.get_row_at(0)]
        assert row[1:4] == [ticket.ref, "queued", "reply"] and "451" in row[6]
        sink[0].refusing = False
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)][2] == "sent"
    assert len(sink[0].raw) == 1


async def test_a_watched_maildir_becomes_tickets_within_seconds(
    app, mail_desk: Desk, tmp_path: Path
) -> None:
    from tests.mailfixtures import message, write_maildir

    (tmp_path / "Mail").mkdir()
    maildir = write_maildir(tmp_path / "Mail" / "INBOX", [message()])
    mail_desk.settings.mail.maildir = str(maildir)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(mail_desk.tickets.list()) == 1
        (maildir / "new" / "1700000000.2.host").write_bytes(
            message(subject="Scanner jammed", message_id="<scan@acme.example>")
        )
        for _ in range(50):  # the watch looks every 2 s
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if len(mail_desk.tickets.list()) == 2:
                break
        assert [t.subject for t in mail_desk.tickets.list()][-1] == "Scanner jammed"
        assert any("New mail: 1 message" in str(n.message) for n in app._notifications)


async def test_S_mails_the_secure_access_request(app, mail_desk: Desk, sink) -> None:
    from hourdesk.screens.choice import ChoiceScreen

    ticket = ticket_of(mail_desk, "VPN", "pw: hunter2hunter2")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TicketScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    (sent,) = sink[0].messages
    assert "secure, time-limited method" in sent.get_content()
    assert str(sent["Subject"]) == f"[{ticket.ref}] VPN"


async def test_done_when_a_tui_reply_is_answered_through_dovecot_and_through_intake_stdin(
    app, desk: Desk, sink, tmp_path: Path, private_dirs: Path
) -> None:
    """The issue's end-to-end scenario, with every part real: the reply written in the TUI
    reaches aiosmtpd; the client's answers come back by `hourdesk fetch` from Dovecot and by
    `hourdesk intake -`, and both land in the same ticket."""
    import subprocess
    import sys

    from hourdesk.app.core.settings import save_settings
    from hourdesk.app.desk.imapfetch import Fetcher
    from tests.mailfixtures import message
    from tests.mailserver import DOVECOT, IMAP_PASSWORD, IMAP_USER, Dovecot

    if not Path(DOVECOT).exists():
        pytest.skip("needs dovecot-imapd")
    server = Dovecot()
    try:
        desk.settings = Settings.model_validate(
            {
                "business": {"name": "Rivera IT", "email": "alex@rivera-it.example"},
                "smtp": {"host": "127.0.0.1", "port": sink[1], "security": "none"},
                "imap": {
                    "host": "127.0.0.1",
                    "port": server.port,
                    "user": IMAP_USER,
                    "security": "none",
                    "password_cmd": f"echo {IMAP_PASSWORD}",
                },
            }
        )
        save_settings(desk.settings, private_dirs / "xdg_config_home" / "hourdesk" / "config.toml")
        server.add([message(sender="Anna <anna@acme.example>", message_id="<q@acme.example>")])
        Fetcher(desk).run()
        (ticket,) = desk.tickets.list()

        async with app.run_test(size=SIZE) as pilot:
            await reply_with_r(app, pilot, ticket.ref, "Which floor is the printer on?")
        (sent,) = sink[0].messages
        hourdesk = [
            str(Path(sys.executable).parent / "hourdesk"),
            "--db",
            str(tmp_path / "hourdesk.db"),
        ]

        server.add(
            [
                message(
                    sender="Anna <anna@acme.example>",
                    subject="Re: printer",  # no ref: In-Reply-To threads it
                    message_id="<a1@acme.example>",
                    headers={"In-Reply-To": str(sent["Message-ID"])},
                )
            ]
        )
        fetched = subprocess.run([*hourdesk, "fetch"], capture_output=True, text=True, timeout=60)
        assert fetched.returncode == 0, fetched.stderr
        answer = message(
            sender="Anna <anna@acme.example>",
            subject=f"Re: [{ticket.ref}] second floor",  # the ref alone threads it
            message_id="<a2@acme.example>",
        )
        piped = subprocess.run(
            [*hourdesk, "intake", "-"], input=answer, capture_output=True, timeout=60
        )
        assert piped.returncode == 0, piped.stderr
        ids = [e.message_id for e in desk.tickets.thread(ticket.id) if e.author == "client"]
        assert ids == ["<q@acme.example>", "<a1@acme.example>", "<a2@acme.example>"]
        assert len(desk.tickets.list()) == 1
    finally:
        server.stop()
