"""A day's actions in few keys, counted from the inbox (free text typed is not counted).

| action | keys |
| --- | --- |
| start the timer on the selected ticket | 1 |
| stop it from any screen | 1 |
| new ticket for an existing client | ≤ 4 |
| estimate | ≤ 3 |
| record a pasted written approval | ≤ 3 |
| resolve with a summary | ≤ 2 |
| invoice a client's resolved tickets and get the PDF | ≤ 4 |
| record a full payment of the selected invoice | ≤ 2 |
| see who owes what | 1 |
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from hourdesk.app.desk.facade import Desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.invoices import InvoicesScreen
from hourdesk.screens.receivables import ReceivablesScreen
from tests.builders import approve_back_then, ready_settings

SIZE = (160, 48)


class Keys:
    """Presses keys and counts them; ``type`` enters free text, which is not counted."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot, self.count = pilot, 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await self.pilot.pause()

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)
        await self.pilot.pause()


@pytest.fixture
def day(desk: Desk, clock) -> Desk:
    """A client with a billable ticket (HD-0001, selected first in the inbox)."""
    desk.settings = ready_settings()
    client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="150")
    desk.tickets.new(client_id=client.id, subject="Printer jams", body="It jams.")
    return desk


async def test_start_and_stop_the_timer_one_key_each(day: Desk, clock) -> None:
    approve_back_then(day, "HD-0001", ago=3600)
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("t")
        assert day.timer.running() is not None and keys.count == 1
        await pilot.press("I")  # another place: the stop is one key from anywhere
        await pilot.pause()
        clock.advance(minutes=30)
        keys.count = 0
        await keys.press("T")
        assert day.timer.running() is None and keys.count == 1


async def test_new_ticket_for_an_existing_client_in_four(day: Desk) -> None:
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("n")  # on the selected ticket's client, the subject first
        await keys.type("Scanner offline")
        await keys.press("ctrl+s")
        assert isinstance(app.screen, InboxScreen)
    assert keys.count <= 4
    assert "Scanner offline" in {t.subject for t in day.tickets.list()}


async def test_estimate_in_three_or_fewer(day: Desk) -> None:
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("e")
        await keys.type("2h30m")
        await keys.press("ctrl+s")
    assert keys.count <= 3
    assert day.estimates.current(1).seconds == 9000


async def test_a_pasted_approval_in_three(day: Desk, clock) -> None:
    day.estimates.send("HD-0001", hours="2")
    clock.advance(minutes=20)
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("enter", "A")
        await keys.type("Yes, please go ahead.")
        await keys.press("ctrl+s")
    assert keys.count <= 3
    assert day.estimates.current(1).approved


async def test_resolve_with_a_summary_in_two(day: Desk) -> None:
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("x")
        await keys.type("Replaced the pickup roller.")
        await keys.press("ctrl+s")
    assert keys.count <= 2
    assert day.tickets.get("HD-0001").status == "resolved"


async def test_invoice_the_resolved_tickets_and_get_the_pdf_in_four(day: Desk, clock) -> None:
    approve_back_then(day, "HD-0001", ago=86400)
    start = day.clock.now() - timedelta(hours=5)
    day.timer.log("HD-0001", start=start, end=start + timedelta(hours=1))
    day.completion.resolve("HD-0001", "Replaced the pickup roller.")
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("I", "n", "ctrl+s", "escape")
        screen = app.screen
        assert isinstance(screen, InvoicesScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.last_pdf is not None and screen.last_pdf.exists()
    assert keys.count <= 4


async def test_a_full_payment_in_two_and_who_owes_what_in_one(day: Desk, clock) -> None:
    approve_back_then(day, "HD-0001", ago=86400)
    start = day.clock.now() - timedelta(hours=5)
    day.timer.log("HD-0001", start=start, end=start + timedelta(hours=1))
    day.completion.resolve("HD-0001", "Replaced the pickup roller.")
    invoice = day.invoicing.issue(day.clients.find("Harbor Dental").id, ["HD-0001"])
    app = HourdeskApp(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("P")
        assert isinstance(app.screen, ReceivablesScreen) and keys.count == 1
        keys.count = 0  # the invoice is selected: pay it in full
        await keys.press("dollar_sign", "ctrl+s")
    assert keys.count <= 2
    assert day.payments.account(invoice.number).balance_cents == 0
