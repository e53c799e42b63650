"""Places that come back fast: built ahead once the inbox is on screen, reloaded on return
only when something was written meanwhile (here, or by another process)."""

from __future__ import annotations

import asyncio
import gc
import time

from textual.widgets import DataTable

from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.inbox import InboxScreen
from hourdesk.storage.vault import MemoryVault
from tests.builders import copies, ready_settings, resolved_work

SIZE = (120, 40)


async def until(check, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "never happened"
        await asyncio.sleep(0.01)


def invoiced(desk: Desk) -> str:
    desk.settings = ready_settings()
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    ref = resolved_work(desk, client.id, "Printer jams", 90)
    return desk.invoicing.issue(client.id, [ref]).number


async def test_places_are_built_ahead_and_reload_only_after_a_write(desk: Desk, tmp_path) -> None:
    number = invoiced(desk)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: {"invoices", "receivables"} <= set(app._screen_stacks))
        ahead = app._screen_stacks["invoices"][0]
        await until(lambda: ahead.is_mounted)
        reloads = []
        reload = ahead.refresh_data
        ahead.refresh_data = lambda *a, **k: reloads.append(1) or reload(*a, **k)

        await pilot.press("I")
        await pilot.pause()
        assert app.screen is ahead  # the first visit shows the screen built ahead
        await pilot.press("escape", "I")
        await pilot.pause()
        assert reloads == []  # nothing written: nothing loaded again

        other = build_desk(
            tmp_path / "hourdesk.db", vault=MemoryVault()
        )  # as another process would
        try:
            other.payments.pay(number, amount="150", method="bank")
        finally:
            other.close()
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, InboxScreen))
        await pilot.press("I")
        await until(lambda: reloads)
        table = ahead.query_one(DataTable)
        assert str(table.get_row_at(0)[-1]).startswith("partially paid")  # was "issued"


async def test_a_place_coming_back_shows_the_timer_as_it_is_now(desk: Desk, clock) -> None:
    from hourdesk.screens.widgets.timer_bar import TimerBar

    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Printer jams", billable=False)
    desk.timer.start(ticket.ref)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        await pilot.pause()
        bar = app.screen.query_one(TimerBar)
        assert "0:00:00" in str(bar.content)
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(hours=1, minutes=2, seconds=3)  # hidden meanwhile: it drew nothing
        await pilot.press("I")
        await pilot.pause()
        assert "1:02:03" in str(bar.content)  # at once, not at its next tick


async def test_a_desk_with_years_of_invoices_builds_its_places_ahead_too(desk: Desk) -> None:
    """The invoices place holds a page of them, whatever the desk holds: built ahead, it
    reads a page, not every invoice. The objects built by then are frozen (a full collection
    in a place switch cost 45 ms), and thawed when the app closes."""
    from hourdesk.screens.invoices import InvoicesScreen

    number = invoiced(desk)
    copies(desk, number, [(2025, seq) for seq in range(1, 1200)])
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE):
        await until(lambda: {"invoices", "receivables"} <= set(app._screen_stacks))
        ahead = app._screen_stacks["invoices"][0]
        await until(lambda: ahead.is_mounted and ahead.page is not None)
        assert ahead.query_one(DataTable).row_count == InvoicesScreen.PAGE
        assert ahead.page.total == 1200
        # what the app holds by then is left out of the full collections, until it closes
        await until(lambda: gc.get_freeze_count() > 0)
    assert gc.get_freeze_count() == 0


async def test_a_write_seen_while_the_app_closes_reloads_nothing(desk: Desk, tmp_path) -> None:
    """The database watcher may tick while the app closes, after a screen's widgets are
    gone but before its stack is cleared: a write by another process seen then is let be."""
    number = invoiced(desk)
    app = HourdeskApp(desk)
    prune = app._prune

    def prune_then_tick(*nodes, **kwargs):
        removal = prune(*nodes, **kwargs)
        if app.is_running:
            return removal

        async def pruned() -> None:
            await removal
            other = build_desk(tmp_path / "hourdesk.db", vault=MemoryVault())
            try:  # another process writes, and the watcher ticks, mid-shutdown
                other.payments.pay(number, amount="10", method="bank")
            finally:
                other.close()
            app.watch_database()

        return pruned()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        await until(lambda: app.screen.query(DataTable))
        app._prune = prune_then_tick
