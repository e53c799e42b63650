"""The footer shows the keys that matter, each whole; the inbox's columns fit the width."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.widgets.footer import KeysFooter


@pytest.fixture
def busy(desk: Desk) -> Desk:
    """A long client name, a ticket on hold for approval, one not billable to time."""
    client = desk.clients.add(name="Okafor & Lindqvist Architects LLP", emails="a@ol.example")
    desk.tickets.new(client_id=client.id, subject="Quarterly backup restore test", billable=False)
    held = desk.tickets.new(client_id=client.id, subject="Onboarding: accounts and a laptop")
    desk.estimates.send(held.ref, hours="2")
    return desk


def shown(app) -> list[FooterKey]:
    return list(app.screen.query_one(KeysFooter).query(FooterKey))


def offered(app) -> set[str]:
    """The actions of this screen's keys meant for the footer (and working now)."""
    return {
        active.binding.action
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    }


def whole(app) -> bool:
    """Every key in the footer lies inside it: no label is cut."""
    footer = app.screen.query_one(KeysFooter)
    return all(key.region.right <= footer.region.right for key in shown(app))


async def test_at_160_columns_the_inbox_footer_shows_every_key_it_offers(app, busy) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert {key.action for key in shown(app)} == offered(app)
        assert "go('intake')" in offered(app)
        assert whole(app)


async def test_with_a_timer_running_no_label_is_cut(app, busy) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.screen.query_one(DataTable).move_cursor(row=1)  # the ticket not billable
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert app.running is not None
        actions = {key.action for key in shown(app)}
        assert "stop_timer" in actions and "go('invoices')" in actions
        assert whole(app)
        for size in ((120, 40), (100, 30), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert shown(app) and whole(app), size


async def test_at_80x24_the_status_is_whole_and_the_long_client_name_gives_way(app, busy) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        columns = {key.value: column for key, column in table.columns.items()}
        assert columns["status"].width >= len("on hold: approval")
        assert "timer" in columns
        assert sum(c.width + 2 for c in columns.values()) <= 80
        assert table.max_scroll_x == 0
        assert columns["client"].width < len("Okafor & Lindqvist Architects LLP")
        assert columns["subject"].width >= 20


async def test_at_80x24_an_invoice_left_partly_unpaid_shows_its_total_and_status_whole(
    desk: Desk,
) -> None:
    from hourdesk.app.tui import HourdeskApp
    from tests.builders import ready_settings, resolved_work

    desk.settings = ready_settings()
    client = desk.clients.add(name="Okafor & Lindqvist Architects LLP", emails="a@ol.example")
    ref = resolved_work(desk, client.id, "Backup restore test", 300)
    invoice = desk.invoicing.issue(client.id, [ref])
    desk.payments.pay(invoice.number, amount="50", method="bank")
    app = HourdeskApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        columns = {key.value: column for key, column in table.columns.items()}
        status, total = (str(cell) for cell in table.get_row_at(0)[-2:][::-1])
        assert status.startswith("partially paid, $") and status.endswith(" left")
        assert columns["status"].width >= len(status)
        assert columns["total"].width >= len(total)
        assert sum(c.get_render_width(table) for c in columns.values()) <= 80
