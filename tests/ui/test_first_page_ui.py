"""``hourdesk`` with no command draws the inbox's first page from plain SQL, then opens the
desk: its page, with budgets, the timer and payment holds, takes the first one's place, and
keys typed meanwhile wait for it. A desk that cannot open closes the app with the reason."""

from __future__ import annotations

from functools import partial

import pytest
from textual.widgets import DataTable

from hourdesk.app.core.errors import Refused
from hourdesk.app.core.numbering import ticket_ref
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.inbox import first_page
from hourdesk.app.tui import HourdeskApp, Opening
from hourdesk.screens.ticket import TicketScreen
from hourdesk.storage.probe import connect_readonly
from tests.builders import approve_back_then
from tests.ui.test_keys_in_flight_ui import SIZE, key_event, until


@pytest.fixture
def started(desk: Desk) -> Desk:
    """HD-0001 … HD-0009; HD-0003 has an approved estimate and two billable hours on it."""
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    for n in range(1, 10):
        desk.tickets.new(client_id=client.id, subject=f"Request {n}")
    approve_back_then(desk, "HD-0003", hours="4", ago=3600 * 5)
    desk.timer.log("HD-0003", seconds=7200)
    return desk


def started_app(desk: Desk, open_desk=None) -> tuple[HourdeskApp, list]:
    """The app as ``hourdesk`` starts it: the first page on a read-only connection. What the
    screen showed when the desk was asked to open is kept in the list."""
    conn = connect_readonly(desk.db.conn.path)
    seen: list = []

    def opened() -> Desk:
        seen.append((app.screen.page, app.screen.query_one(DataTable).row_count))
        return open_desk() if open_desk else desk

    page = partial(first_page, conn, ref=partial(ticket_ref, "HD"))
    app = HourdeskApp(opening=Opening(opened, lambda query: page(query), desk.clock, ""))
    return app, seen


def budget(app: HourdeskApp, ref: str) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_cell(ref, "budget"))


async def test_the_first_page_is_on_screen_before_the_desk_opens_and_then_replaced(started):
    app, seen = started_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.desk_open and not app.screen.page.early)
        (page, rows), *_ = seen
        assert page.early and rows == 9  # the rows were drawn before the desk was asked for
        refs = [r.ticket.ref for r in page.rows]
        assert refs == [f"HD-{n:04d}" for n in range(9, 0, -1)]
        assert page.rows[refs.index("HD-0003")].budget.short() == ""  # it comes with the desk
        await pilot.pause()
        assert budget(app, "HD-0003") == "2h00m/4h00m 50%"
        assert len(seen) == 1


async def test_keys_typed_before_the_desk_opened_reach_its_page(started):
    app, _ = started_app(started)
    for key in ("slash", *"0007", "enter", "enter"):  # typed while the app was starting
        app.post_message(key_event(key))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == "HD-0007"
        await pilot.pause(0.2)
        assert len(app.screen_stack) == 2


async def test_a_desk_that_cannot_open_closes_the_app_with_its_reason(started):
    def refused() -> Desk:
        raise Refused("The database is being restored.", "Try again in a minute.")

    app, seen = started_app(started, refused)
    async with app.run_test(size=SIZE):
        await until(lambda: app.failure is not None)
    assert "being restored" in str(app.failure)
    assert app.return_code == 1
    assert len(seen) == 1
