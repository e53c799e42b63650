"""The first start on an empty desk leads: the business details, then the first client."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from hourdesk.app.core.settings import Settings, load_settings
from hourdesk.app.desk.facade import build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.client_form import ClientForm
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.welcome import WelcomeScreen
from hourdesk.storage.vault import MemoryVault

SIZE = (120, 40)


def fresh_desk(tmp_path: Path, clock):
    return build_desk(
        tmp_path / "new.db",
        vault=MemoryVault(),
        clock=clock,
        settings=Settings(),
        settings_path=tmp_path / "config.toml",
    )


async def test_a_fresh_desk_asks_for_the_business_then_the_first_client(tmp_path, clock) -> None:
    desk = fresh_desk(tmp_path, clock)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.focused.id == "field-business__name"
        await pilot.press("ctrl+s")  # no name: refused under the field, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(*"Ada IT", "enter")
        app.screen.query_one("#field-business__address", TextArea).text = "1 Main St"
        app.screen.query_one("#field-payment__bank_details", TextArea).text = "ACH 123"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        assert "first client" in app.screen.title_text
        await pilot.press(*"Harbor Dental")
        app.screen.query_one("#field-emails", Input).value = "office@harbor.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    saved = load_settings(tmp_path / "config.toml")
    assert (saved.business.name, saved.business.address) == ("Ada IT", "1 Main St")
    assert saved.payment.bank_details == "ACH 123"
    assert [c.name for c in desk.clients.list()] == ["Harbor Dental"]


async def test_both_steps_can_be_skipped_and_are_not_asked_again(tmp_path, clock) -> None:
    desk = fresh_desk(tmp_path, clock)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    again = HourdeskApp(desk)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, InboxScreen)


async def test_a_desk_with_clients_opens_on_the_inbox(tmp_path, clock) -> None:
    desk = fresh_desk(tmp_path, clock)
    desk.clients.add(name="Harbor Dental", emails="office@harbor.example")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
