"""Places, not a stack: the inbox, invoices, receivables, reports and intake are each one key
away from anywhere; the same key or escape goes home; a ticket opens over the inbox."""

from __future__ import annotations

import pytest

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.intake import IntakeScreen
from hourdesk.screens.invoices import InvoicesScreen
from hourdesk.screens.receivables import ReceivablesScreen
from hourdesk.screens.reports import ReportsScreen
from hourdesk.screens.ticket import TicketScreen

SIZE = (120, 40)
PLACES = {"I": InvoicesScreen, "P": ReceivablesScreen, "R": ReportsScreen, "M": IntakeScreen}


@pytest.fixture
def ticket(desk: Desk):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    return desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")


@pytest.mark.parametrize("key", PLACES)
async def test_each_place_is_one_key_away_and_the_same_key_goes_home(app, ticket, key) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        place = app.screen
        assert isinstance(place, PLACES[key])
        if key == "M":  # the intake screen opens in its path field, where M is a letter
            await pilot.press("escape")
        else:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is place  # the same place, as it was left
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)


async def test_from_a_ticket_through_two_places_one_escape_returns_to_the_ticket(
    app, ticket
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("I")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ReceivablesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == ticket.ref
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert len(app.screen_stack) == 1


async def test_the_chosen_theme_is_kept_for_the_next_start(desk: Desk) -> None:
    from hourdesk.app.core.settings import load_settings
    from hourdesk.app.tui import HourdeskApp

    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"
    again = HourdeskApp(desk)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
