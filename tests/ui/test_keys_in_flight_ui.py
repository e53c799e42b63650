"""Keys typed faster than the screen follows: a burst arrives as a terminal sends it, all at
once, and each key goes to the screen and the row that appear, or is dropped; never to
another row. Keys typed at start, before the inbox is ready, are kept for it."""

from __future__ import annotations

import asyncio
import time

import pytest
from textual import events
from textual.app import App

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.estimate import EstimateScreen
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.invoice_new import InvoiceNewScreen
from hourdesk.screens.ticket import TicketScreen

SIZE = (120, 40)
TICKETS = 40


@pytest.fixture
def tickets(desk: Desk) -> Desk:
    """HD-0001 … HD-0040, newest first in the inbox; not billable, so the timer starts."""
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    for n in range(1, TICKETS + 1):
        desk.tickets.new(client_id=client.id, subject=f"Request {n}", billable=False)
    return desk


def key_event(key: str) -> events.Key:
    """The event a terminal's key makes (as ``Pilot.press`` builds it)."""
    from textual.keys import _character_to_key

    name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
    chars = {"enter": "\r", "ctrl+j": "\n", "escape": "\x1b"}
    char = chars.get(name, key if len(key) == 1 else None)
    return events.Key(name, char)


def burst(app: App, *keys: str) -> None:
    """Every key at once, as a terminal delivers a burst of typing: nothing waits between."""
    for key in keys:
        app._driver.send_message(key_event(key))


async def until(check, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the screen never settled"
        await asyncio.sleep(0.01)


async def test_a_row_key_after_moving_acts_on_the_row_the_cursor_reached(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        burst(app, "down", "down", "down", "t")
        await until(lambda: app.running is not None)
        assert app.running.ref == "HD-0037"  # the fourth row: 40, 39, 38, 37
        await pilot.pause()
        burst(app, "up", "e")
        await until(lambda: isinstance(app.screen, EstimateScreen))
        assert app.screen.ref == "HD-0038"
        await pilot.pause(0.2)


async def test_a_search_then_enter_opens_the_ticket_found_not_the_row_before(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        burst(app, "slash", *"0033", "enter", "enter")
        await until(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == "HD-0033"
        await pilot.pause(0.2)
        assert len(app.screen_stack) == 2  # one ticket opened, nothing more


async def test_keys_after_a_place_key_go_to_the_place_that_appears(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        burst(app, "I", "n")
        await until(lambda: isinstance(app.screen, InvoiceNewScreen))
        await pilot.pause(0.2)
        assert [type(s).__name__ for s in app.screen_stack] == [
            "InvoicesScreen",
            "InvoiceNewScreen",
        ]


@pytest.mark.parametrize("enter", ["enter", "ctrl+j"])  # before raw mode, enter is a newline
async def test_keys_typed_before_the_inbox_is_ready_reach_it(tickets, enter) -> None:
    from hourdesk.app.tui import HourdeskApp

    app = HourdeskApp(tickets)
    for key in ("slash", *"0007", enter, enter):  # typed while the app was starting
        app.post_message(key_event(key))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == "HD-0007"
        await pilot.pause(0.2)
        assert len(app.screen_stack) == 2


@pytest.mark.parametrize("key", ["tab", "enter"])
async def test_text_typed_after_moving_to_the_next_field_lands_there(app, tickets, key) -> None:
    from textual.widgets import Input, TextArea

    from hourdesk.screens.ticket_form import TicketForm

    async with app.run_test(size=SIZE):
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        burst(app, "n")
        await until(lambda: isinstance(app.screen, TicketForm) and app.screen.focused is not None)
        burst(app, *"Printer jams", key, *"It jams on every page")
        await until(lambda: app.screen.query_one("#field-body", TextArea).text.endswith("page"))
        assert app.screen.query_one("#field-subject", Input).value == "Printer jams"
        assert app.screen.query_one("#field-body", TextArea).text == "It jams on every page"
