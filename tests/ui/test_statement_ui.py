"""The statement screen (s on the receivables screen), by Pilot: a statement imported, the
certain match recorded with one key, a credit split over two invoices, one marked as not an
invoice payment; the receivables update."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, TextArea

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.receivables import ReceivablesScreen
from hourdesk.screens.settings import SettingsScreen
from hourdesk.screens.statement import StatementScreen
from hourdesk.screens.text_prompt import TextPrompt
from hourdesk.storage.vault import MemoryVault
from tests.builders import billed_book, ready_settings

DATA = Path(__file__).parents[1] / "data" / "statements"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 5, 10, 0, tzinfo=UTC)

SIZE = (140, 40)
pytestmark = pytest.mark.usefixtures("utc")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    billed_book(tmp_path / "s.db", START)
    desk = build_desk(
        tmp_path / "s.db", vault=MemoryVault(), clock=FixedClock(LATER), settings=ready_settings()
    )
    yield desk
    desk.close()


def cells(screen: StatementScreen) -> dict[str, list[str]]:
    table = screen.query_one(DataTable)
    return {key.value: [str(c) for c in table.get_row(key)] for key in table.rows}


def select(screen: StatementScreen, key: str) -> None:
    table = screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(key))


async def import_by_key(pilot, path: Path) -> str:
    """Press u, type the path, import (in a worker); what the app said last."""
    await pilot.press("u")
    await pilot.pause()
    pilot.app.screen.query_one(TextArea).text = str(path)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return list(pilot.app._notifications)[-1].message


async def test_credits_recorded_split_and_set_aside(desk: Desk, tmp_path: Path) -> None:
    desk.statements.import_file(DATA / "chase-checking.csv", preset="chase")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ReceivablesScreen)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatementScreen)
        shown = cells(screen)
        combined, cheque = sorted(shown, key=int)
        assert shown[combined][5:7] == ["certain", "2026-0003 $150.00, 2026-0004 $60.00"]
        assert shown[cheque][5] == "none"

        select(screen, combined)
        await pilot.press("enter")
        await pilot.pause()
        assert list(cells(screen)) == [cheque]
        assert [a.status for a in desk.payments.accounts() if a.invoice.number > "2026-0002"] == [
            "paid",
            "paid",
        ]

        select(screen, cheque)
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(TextArea).text = "2026-0001=50.00\n2026-0002=25"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and cells(screen) == {}
        balances = {a.invoice.number: a.balance_cents for a in desk.payments.accounts()}
        assert (balances["2026-0001"], balances["2026-0002"]) == (15000, 6500)

        said = await import_by_key(pilot, tmp_path / "missing.qfx")
        assert "missing.qfx cannot be read" in said
        said = await import_by_key(pilot, DATA / "first-coastal.qfx")
        assert said == "2 new credits, 0 already imported."
        interest = next(k for k, row in cells(screen).items() if row[2] == "$0.42")
        select(screen, interest)
        await pilot.press("n")
        await pilot.pause()
        assert interest not in cells(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReceivablesScreen)


async def test_the_settings_screen_holds_the_payment_and_statement_choices(desk: Desk) -> None:
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsScreen)
        form.query_one("#field-payment__paypal_me", Input).value = "riveraIT"
        form.query_one("#field-payment__reference", Select).value = "rf"
        form.query_one("#field-statements__bank_csv", Select).value = "chase"
        form.query_one("#field-payment__bank_qr", TextArea).text = "PAY {iban}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "payment.bank_qr" in str(form.query_one("#error-payment__bank_qr").render())
        form.query_one("#field-payment__bank_qr", TextArea).text = "PAY {amount} REF {reference}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    payment = desk.settings.payment
    assert (payment.paypal_me, payment.reference, payment.bank_qr) == (
        "riveraIT",
        "rf",
        "PAY {amount} REF {reference}",
    )
    assert desk.settings.statements.bank_csv == "chase"
