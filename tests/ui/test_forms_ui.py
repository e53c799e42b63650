"""Every form behaves alike: the first field has the focus, Enter moves on, nothing typed is
thrown away without a confirmation, and refusals are shown where they can be seen."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, TextArea

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.client_form import ClientForm
from hourdesk.screens.entries import EntryForm
from hourdesk.screens.estimate import EstimateScreen
from hourdesk.screens.grants import GrantForm
from hourdesk.screens.settings import SettingsScreen
from hourdesk.screens.text_prompt import TextPrompt
from hourdesk.screens.ticket_form import TicketForm
from hourdesk.screens.widgets.confirm import ConfirmDiscard

SIZE = (120, 40)


@pytest.fixture
def ticket(desk: Desk):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    return desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")


FORMS = {
    "new ticket": (lambda ref: TicketForm(), "field-client_id"),
    "new client": (lambda ref: ClientForm(), "field-name"),
    "log time": (lambda ref: EntryForm(ref), "field-start"),
    "settings": (lambda ref: SettingsScreen(), "field-business__name"),
    "access grant": (lambda ref: GrantForm(ref), "field-label"),
}


@pytest.mark.parametrize("name", FORMS)
async def test_every_form_opens_with_its_first_field_focused(app, ticket, name) -> None:
    make, first = FORMS[name]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(make(ticket.ref))
        await pilot.pause()
        assert app.screen.focused is not None
        assert app.screen.focused.id == first


async def test_enter_moves_to_the_next_field_and_typing_lands_there(app, ticket) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ClientForm())
        await pilot.pause()
        await pilot.press(*"Anna", "enter", *"anna@example.com")
        await pilot.pause()
        assert app.screen.query_one("#field-name", Input).value == "Anna"
        assert app.screen.query_one("#field-emails", Input).value == "anna@example.com"


async def test_enter_on_the_last_field_saves(app, desk: Desk, ticket) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(GrantForm(ticket.ref))
        await pilot.pause()
        app.screen.query_one("#field-label", Input).value = "NAS admin"
        app.screen.query_one("#field-secret", Input).value = "S3cret-pass!"
        app.screen.query_one("#field-expires", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, GrantForm)
    assert [g.label for g in desk.grants.list(ticket.ref)] == ["NAS admin"]


async def test_escape_asks_before_discarding_what_was_typed(app, desk: Desk) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ClientForm())
        await pilot.pause()
        await pilot.press(*"Anna")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("n")  # keep editing: nothing lost
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        assert app.screen.query_one("#field-name", Input).value == "Anna"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ClientForm | ConfirmDiscard)
    assert desk.clients.list() == []


async def test_escape_on_an_untouched_form_closes_at_once(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ClientForm())
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ClientForm | ConfirmDiscard)


async def test_a_typed_summary_is_not_lost_to_escape(app) -> None:
    results: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TextPrompt("Resolve HD-0001"), results.append)
        await pilot.pause()
        await pilot.press(*"Replaced the fuser")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("escape")  # keeps editing
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "Replaced the fuser"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert results == ["Replaced the fuser"]


async def test_the_estimate_editor_is_not_red_before_anything_is_typed(app, ticket) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EstimateScreen(ticket.ref))
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Label).render())
        assert "not a duration" not in preview
        assert "Type the estimated time" in preview


@pytest.mark.parametrize("size", [(160, 48), (100, 30), (80, 24)])
async def test_add_a_client_first_is_in_view(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        app.push_screen(TicketForm())
        await pilot.pause()
        label = app.screen.query_one("#form-error", Label)
        assert "Add a client first" in str(label.render())
        for _ in range(40):  # the form scrolls to it after the refresh that lays it out
            if label.region.height and label.parent.region.contains_region(label.region):
                break
            await pilot.pause(0.05)
        assert label.region.height and label.parent.region.contains_region(label.region)


async def test_a_long_refusal_wraps_under_its_field_and_is_read_whole(app, desk, ticket) -> None:
    """An approval dated before the estimate: the reason and what to do next, not cut."""
    from hourdesk.screens.approval import ApprovalScreen

    desk.estimates.send(ticket.ref, hours="1")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ApprovalScreen(ticket.ref))
        await pilot.pause()
        app.screen.query_one("#field-text", TextArea).text = "Yes, go ahead."
        app.screen.query_one("#field-received", Input).value = "2020-01-01 09:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        label = app.screen.query_one("#error-received", Label)
        assert "before estimate v1 was sent" in str(label.render())
        assert label.region.height >= 2
        assert label.parent.region.contains_region(label.region.intersection(label.parent.region))
        assert label.region.width <= label.parent.region.width


async def test_log_time_with_only_a_duration_ends_now(app, desk, clock, ticket) -> None:
    """No start typed: the duration ends now; the placeholders show today, not a fixed day."""
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EntryForm(ticket.ref))
        await pilot.pause()
        start = app.screen.query_one("#field-start", Input)
        assert start.placeholder.startswith(clock.now().astimezone().strftime("%Y-%m-%d"))
        app.screen.query_one("#field-duration", Input).value = "45m"
        app.screen.query_one("#field-billable").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = desk.timer.entries(ticket.ref)
    assert entry.end_at == clock.now() and entry.seconds == 45 * 60
