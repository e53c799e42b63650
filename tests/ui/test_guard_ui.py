"""A credential the consultant types is refused in the form that took it: the reason under
the text, the form stays open with the text, and nothing reaches the ticket."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, TextArea

from hourdesk.app.desk.facade import Desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.stop_prompt import StopPrompt
from hourdesk.screens.text_prompt import TextPrompt
from hourdesk.screens.ticket import TicketScreen

SIZE = (120, 40)
SECRET = "Xy7#kq9Lmz"

pytestmark = pytest.mark.usefixtures("private_dirs")


@pytest.fixture
def ticket(desk: Desk):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    return desk.tickets.new(client_id=client.id, subject="NAS", body="Hi", billable=False)


async def press(pilot, *keys: str) -> None:
    """Each key in turn, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_password_in_a_reply_is_refused_in_the_form(desk: Desk, ticket) -> None:
    desk.settings.business.email = "me@consultant.example"  # replies leave as mail from it
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", "r")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(TextArea).text = f"Done. The new admin password: {SECRET}"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TextPrompt)
        error = str(app.screen.query_one("#error", Label).render())
        assert "credential" in error and "access grant (g)" in error and SECRET not in error
        app.screen.query_one(TextArea).text = "Done. I sent the password by a one-time link."
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TicketScreen)
        await app.workers.wait_for_complete()
    bodies = [e.body for e in desk.tickets.thread(ticket.id)]
    assert "Done. I sent the password by a one-time link." in bodies
    assert not [b for b in bodies if SECRET in b]
    assert not desk.tickets.get(ticket.ref).flagged


async def test_a_password_in_the_stop_note_is_refused_and_the_timer_runs_on(
    desk: Desk, ticket
) -> None:
    desk.timer.start(ticket.ref)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", "ctrl+t")
        assert isinstance(app.screen, StopPrompt)
        app.screen.query_one(Input).value = f"wifi password is {SECRET}"
        await press(pilot, "enter")
        assert isinstance(app.screen, StopPrompt)
        error = str(app.screen.query_one("#error", Label).render())
        assert "access grant (g)" in error
        assert desk.timer.running() is not None
        app.screen.query_one(Input).value = "reset the wifi"
        await press(pilot, "enter")
        assert not isinstance(app.screen, StopPrompt)
    assert desk.timer.running() is None
    assert desk.timer.entries(ticket.ref)[0].note == "reset the wifi"


async def test_a_password_in_the_estimate_text_shows_under_that_field(desk: Desk, ticket) -> None:
    from hourdesk.screens.estimate import EstimateScreen

    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", "e")
        assert isinstance(app.screen, EstimateScreen)
        app.screen.query_one("#field-hours", Input).value = "2"
        app.screen.query_one("#field-scope", TextArea).text = f"Log in as admin / {SECRET}"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EstimateScreen)
        error = str(app.screen.query_one("#error-scope", Label).render())
        assert "access grant (g)" in error and SECRET not in error
    assert desk.estimates.current(ticket.id) is None
