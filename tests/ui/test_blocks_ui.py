"""Prepaid hours on screen: the inbox, the ticket and the timer bar show what is left, the
user is told at 80 % and 100 % used, and the receivables list the blocks."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from hourdesk.app.core.settings import Settings
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.receivables import ReceivablesScreen
from hourdesk.screens.ticket import TicketScreen
from tests.builders import READY, approve_back_then
from tests.conftest import START as NOW
from tests.ui.test_timer_ui import SIZE, bar, select, wait_for


def with_block(desk):
    """Acme has 1 h prepaid (paid) and an approved ticket HD-0001; Bluebird has none."""
    desk.settings = Settings.model_validate(READY)
    acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
    other = desk.clients.add(name="Bluebird Bakery", emails="hi@bluebird.example")
    block = desk.blocks.sell(acme.id, "1", expires=date(2026, 9, 30))
    desk.payments.pay(block.number, amount="150", method="bank")
    for client in (acme, other):
        t = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Offline.")
        approve_back_then(desk, t.ref, text="Approved, go ahead.", ago=86400)
    return block


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_balance_shows_and_the_user_is_told_at_80_and_100_percent(desk, clock):
    with_block(desk)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        pager = str(app.screen.query_one("#pager", Static).content)
        assert "Acme Dental: prepaid 1h00m left" in pager
        await select(pilot, "HD-0002")
        assert "prepaid" not in str(app.screen.query_one("#pager", Static).content)

        await select(pilot, "HD-0001")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "prepaid 1h00m left" in str(app.screen.query_one("#facts", Static).content)

        await pilot.press("t")
        await wait_for(pilot, lambda: "prepaid 1h00m left" in bar(app))
        assert not any("prepaid" in n for n in notices(app))
        clock.advance(minutes=47)
        await wait_for(pilot, lambda: "prepaid 0h13m left" in bar(app))
        assert not any("prepaid" in n for n in notices(app))
        clock.advance(minutes=2)
        await wait_for(
            pilot, lambda: "Acme Dental has used 81% of their prepaid hours." in notices(app)
        )
        clock.advance(minutes=15)
        await wait_for(pilot, lambda: "prepaid hours used up, 0h04m beyond" in bar(app))
        await wait_for(pilot, lambda: any("used up" in n for n in notices(app)))
        assert sum("prepaid" in n for n in notices(app)) == 2  # once at each mark

        ticket = app.screen.ticket
        desk.tickets.message(ticket.ref, "Called the office.")  # a write: the budget is read again
        app.refresh_timer()
        clock.advance(minutes=1)
        await pilot.pause(0.3)
        assert sum("prepaid" in n for n in notices(app)) == 2  # not said again


async def test_the_receivables_list_blocks_with_balance_and_expiry(desk):
    block = with_block(desk)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ReceivablesScreen)
        table = app.screen.query_one("#blocks", DataTable)
        assert table.display
        row = [str(c) for c in table.get_row_at(0)]
        assert row == [block.number, "Acme Dental", "1h00m", "1h00m", "2026-09-30", "active"]


async def test_the_receivables_record_and_say_a_lapse(desk, clock):
    block = with_block(desk)
    clock.advance(days=220)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        said = f"Block {block.number} expired on 2026-09-30: 1h00m lapsed (unused hours lapse)."
        assert said in notices(app)
        row = [str(c) for c in app.screen.query_one("#blocks", DataTable).get_row_at(0)]
        assert row[2:] == ["0h00m", "1h00m", "2026-09-30", "expired"]
    assert [e.kind for e in desk.blocks.history(desk.blocks.get(block.number))][-1] == "lapse"


async def test_without_blocks_the_receivables_show_no_block_section(desk):
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert not app.screen.query_one("#blocks", DataTable).display


async def test_the_invoice_preview_shows_the_covered_time_at_zero(tmp_path) -> None:
    from hourdesk.app.core.clock import FixedClock
    from hourdesk.app.desk.facade import build_desk
    from tests.ui.test_invoices_ui import open_generator, plain, settings, work

    desk = build_desk(tmp_path / "t.db", clock=FixedClock(NOW), settings=settings(tmp_path))
    acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
    for subject, minutes in (("Printer offline", 61), ("Backup failing", 90)):
        t = desk.tickets.new(client_id=acme.id, subject=subject, body="Please help.")
        desk.estimates.send(t.ref, hours="4")
        desk.estimates.approve(t.ref, text="Yes, go ahead.")
        work(desk, t.ref, minutes)
        desk.completion.resolve(t.ref, "Done.")
    block = desk.blocks.sell(acme.id, "2", rate="150")
    desk.payments.pay(block.number, amount="300", method="bank")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_generator(pilot, desk)
        await pilot.pause()
        preview = plain(screen.query_one("#preview", Static))
        assert f"covered by block {block.number}: 1h06m, 0h54m left" in preview
        assert f"covered by block {block.number}: 0h54m, 0h00m left" in preview
        assert "$90.00" in preview and "2 of 2 tickets ticked" in preview  # 36 min beyond
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert desk.invoicing.get("2026-0002").total_cents == 9000
    desk.close()
