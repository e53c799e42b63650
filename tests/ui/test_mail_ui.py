"""Mail from the TUI: `r` on a ticket sends the reply through the outbox to a real SMTP
server on loopback, in a worker, and the thread shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from app.desk import Desk
from app.settings import Settings
from screens.ticket import TicketScreen
from tests.mailserver import Sink, start_sink

SIZE = (120, 40)


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    controller = start_sink(sink)
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def mail_desk(desk: Desk, sink, tmp_path: Path) -> Desk:
    desk.settings = Settings.model_validate(
        {
            "business": {"name": "Rivera IT", "email": "alex@rivera-it.example"},
            "exports_dir": str(tmp_path / "exports"),
            "smtp": {"host": "127.0.0.1", "port": sink[1], "security": "none", "timeout": 5},
        }
    )
    return desk


async def test_r_sends_the_reply_and_the_thread_records_it(app, mail_desk: Desk, sink) -> None:
    client = mail_desk.clients.add(name="Acme", emails="anna@acme.example")
    ticket = mail_desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(TicketScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("I will be there at ten.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        (sent,) = sink[0].messages
        assert str(sent["Subject"]) == f"[{ticket.ref}] Printer offline"
        kinds = [e.kind for e in mail_desk.tickets.thread(ticket.id)]
        assert kinds[-2:] == ["reply", "mail"]
        assert any(f"{ticket.ref}: sent to Acme" in str(n.message) for n in app._notifications)


async def test_r_with_the_server_down_keeps_the_reply_waiting(app, mail_desk: Desk, sink) -> None:
    sink[0].refusing = True
    client = mail_desk.clients.add(name="Acme", emails="anna@acme.example")
    ticket = mail_desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TicketScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("On my way.")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [i.state for i in mail_desk.outbox.items()] == ["queued"]
        assert any("waits in the outbox" in str(n.message) for n in app._notifications)
