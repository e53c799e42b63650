"""Receivables (P), recording a payment ($) there and on the invoices screen (I), the inbox's
`$!` mark for clients with an overdue invoice, and the SMTP and hold settings, by Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.paths import config_file
from hourdesk.app.core.settings import load_settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.invoices import InvoicesScreen
from hourdesk.screens.payment_form import PaymentForm
from hourdesk.screens.receivables import ReceivablesScreen
from hourdesk.screens.settings import SettingsScreen
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FIVE_DAYS_LATE = datetime(2026, 3, 21, 10, 0, tzinfo=UTC)  # 2026-0001 was due 2026-03-16
SIZE = (120, 40)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """Harbor Dental owes $200.00 on 2026-0001, five days overdue; its new ticket HD-0003
    started on hold. Castillo Legal owes $100.00 on 2026-0002, not yet due (HD-0005);
    Bluebird owes nothing (HD-0004)."""
    settings = ready_settings(
        {
            "business": {"name": "Rivera IT Consulting", "email": "alex@rivera-it.example"},
            "payment": {"bank_details": "First Coastal Bank, account 4401 2287"},
            "exports_dir": str(tmp_path / "exports"),
        }
    )
    clock = FixedClock(START)
    desk = build_desk(tmp_path / "t.db", vault=MemoryVault(), clock=clock, settings=settings)
    harbor = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbor.example")
    castillo = desk.clients.add(name="Castillo Legal", emails="maria@castillo.example")
    bluebird = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
    for client, hours in ((harbor, 2), (castillo, 1)):
        t = desk.tickets.new(client_id=client.id, subject="Printer offline")
        desk.estimates.send(t.ref, hours="4", rate="100")
        desk.estimates.approve(t.ref, text="Yes, go ahead.")
        start = clock.now()
        clock.advance(hours=hours)
        desk.timer.log(t.ref, start=start, seconds=hours * 3600)
        clock.advance(minutes=1)
        desk.completion.resolve(t.ref, "Done.")
        if client is castillo:
            clock.instant = datetime(2026, 3, 12, 9, tzinfo=UTC)  # due 2026-03-26
        desk.invoicing.issue(client.id)
    clock.instant = FIVE_DAYS_LATE
    desk.tickets.new(client_id=harbor.id, subject="Scanner broken", billable=False)
    desk.tickets.new(client_id=bluebird.id, subject="Wi-Fi slow", billable=False)
    desk.tickets.new(client_id=castillo.id, subject="Phones", billable=False)
    yield desk
    desk.close()


def rows(table: DataTable) -> dict:
    return {key.value: [str(c) for c in table.get_row(key)] for key in table.rows}


def unkeyed(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def footer_actions(app: HourdeskApp) -> set[str]:
    return {
        binding.action
        for _, binding, enabled, _ in app.screen.active_bindings.values()
        if enabled and binding.show
    }


def inbox_clients(app: HourdeskApp) -> dict[str, str]:
    """Ticket ref → the client cell as shown (with its `$! ` mark, if any)."""
    return {ref: cells[1] for ref, cells in rows(app.screen.query_one(DataTable)).items()}


async def pay_with_form(pilot, amount: str | None = None) -> PaymentForm:
    """Press $, type the amount (or keep the balance it offers) and save."""
    await pilot.press("dollar_sign")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, PaymentForm)
    if amount is not None:
        form.query_one("#field-amount", Input).value = amount
    await pilot.press("ctrl+s")
    await pilot.pause()
    return form


async def test_receivables_and_a_payment_through_the_form(desk: Desk) -> None:
    """The inbox marks Harbor ($!); P shows what is owed; $ records a payment through the
    form (refused first: too much); paying the rest lifts the hold; then the settings."""
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        marks = inbox_clients(app)
        assert marks == {  # closed (invoiced) tickets are not listed
            "HD-0003": "$! Harbor Dental Clinic",
            "HD-0004": "Bluebird Bakery",
            "HD-0005": "Castillo Legal",  # owes, but nothing overdue
        }
        hold = rows(app.screen.query_one(DataTable))["HD-0003"][3]
        assert hold == "on hold: payment"
        # the refusal names the TUI's keys, not a command
        app.screen.query_one(DataTable).move_cursor(
            row=app.screen.query_one(DataTable).get_row_index("HD-0003")
        )
        await pilot.press("t")
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert "New work is paused" in said and "then $" in said
        assert "hourdesk pay" not in said

        await pilot.press("P")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceivablesScreen)
        aged = unkeyed(screen.query_one("#aged", DataTable))
        by_client = {cells[0]: cells[1:] for cells in aged}
        #                                  current    1-30       31-60   61-90   over 90  total
        assert by_client["Harbor Dental Clinic"] == [
            "$0.00", "$200.00", "$0.00", "$0.00", "$0.00", "$200.00",
        ]  # fmt: skip
        assert by_client["Castillo Legal"] == [
            "$100.00", "$0.00", "$0.00", "$0.00", "$0.00", "$100.00",
        ]  # fmt: skip
        assert by_client["total"] == ["$100.00", "$200.00", "$0.00", "$0.00", "$0.00", "$300.00"]
        assert "Bluebird Bakery" not in by_client

        table = screen.query_one("#open", DataTable)
        listed = rows(table)
        assert listed["2026-0001"] == [
            "2026-0001", "Harbor Dental Clinic", "2026-03-16", "5 d",
            "$200.00", "$0.00", "$200.00", "overdue",
        ]  # fmt: skip
        assert listed["2026-0002"][-2:] == ["$100.00", "issued"]
        assert "pay" in footer_actions(app)

        table.move_cursor(row=table.get_row_index("2026-0001"))
        await pilot.press("dollar_sign")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PaymentForm)
        assert form.query_one("#field-amount", Input).value == "200.00"  # the balance
        assert form.query_one("#field-date", Input).value == "2026-03-21"
        assert form.query_one("#field-method", Select).value == "bank"
        form.query_one("#field-date", Input).value = "21/03/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: the form stays, with the reason
        error = str(form.query_one("#error-date").render())
        assert "'21/03/2026' is not a date. Type it like 2026-03-20" in error
        form.query_one("#field-date", Input).value = "2026-03-21"
        form.query_one("#field-amount", Input).value = "250.00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#form-error").render())
        assert "more than invoice 2026-0001 has left to pay ($200.00)" in error
        form.query_one("#field-amount", Input).value = "50.00"
        form.query_one("#field-reference", Input).value = "TX-77"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        listed = rows(screen.query_one("#open", DataTable))
        assert listed["2026-0001"][-3:] == ["$50.00", "$150.00", "overdue"]
        aged = {c[0]: c[1:] for c in unkeyed(screen.query_one("#aged", DataTable))}
        assert aged["Harbor Dental Clinic"][1] == "$150.00"
        assert aged["total"][-1] == "$250.00"
        (payment,) = desk.payments.payments("2026-0001")
        assert (payment.amount_cents, payment.reference) == (5000, "TX-77")
        assert desk.tickets.get("HD-0003").hold_reason == "payment"  # not paid in full yet

        table = screen.query_one("#open", DataTable)
        table.move_cursor(row=table.get_row_index("2026-0001"))
        await pay_with_form(pilot)  # the rest: the form offers $150.00
        assert app.screen is screen
        assert list(rows(screen.query_one("#open", DataTable))) == ["2026-0002"]
        aged = {c[0]: c[1:] for c in unkeyed(screen.query_one("#aged", DataTable))}
        assert "Harbor Dental Clinic" not in aged
        assert desk.payments.account("2026-0001").status == "paid"
        assert desk.tickets.get("HD-0003").status == "new"  # the hold is lifted at once

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert inbox_clients(app)["HD-0003"] == "Harbor Dental Clinic"  # no more $!
        assert rows(app.screen.query_one(DataTable))["HD-0003"][3] == "new"

        # the settings (,) hold the SMTP server and the hold policy
        await pilot.press("comma")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsScreen)
        assert form.query_one("#field-hold_policy", Select).value == "pause"
        assert form.query_one("#field-smtp__security", Select).value == "starttls"
        assert form.query_one("#field-smtp__port", Input).value == "587"
        form.query_one("#field-smtp__port", Input).value = "99999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "smtp.port" in str(form.query_one("#error-smtp__port").render())

        form.query_one("#field-smtp__host", Input).value = "mail.rivera-it.example"
        form.query_one("#field-smtp__port", Input).value = "465"
        form.query_one("#field-smtp__user", Input).value = "alex"
        form.query_one("#field-smtp__security", Select).value = "ssl"
        form.query_one("#field-hold_policy", Select).value = "warn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form

    smtp = desk.settings.smtp
    assert (smtp.host, smtp.port, smtp.user, smtp.security) == (
        "mail.rivera-it.example",
        465,
        "alex",
        "ssl",
    )
    assert desk.settings.hold_policy == "warn"
    saved = load_settings(config_file())  # the test desk has no settings path of its own
    assert (saved.smtp.host, saved.smtp.port, saved.hold_policy) == (
        "mail.rivera-it.example",
        465,
        "warn",
    )
    # warn only: once Castillo's invoice is overdue too, its new ticket still starts as new
    desk.clock.instant = datetime(2026, 3, 30, 10, tzinfo=UTC)
    hold = desk.payments.hold(2)
    assert hold is not None and not hold.pause
    assert desk.tickets.new(client_id=2, subject="Mouse", billable=False).status == "new"


async def test_payment_on_the_invoices_screen(desk: Desk) -> None:
    """From the receivables to the invoices (I), pay there, and back: fresh numbers."""
    desk.invoicing.credit("2026-0002", "40", "Goodwill")  # 2026-0003, a credit note
    desk.payments.pay("2026-0002", amount="10", method="bank")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        receivables = app.screen
        assert isinstance(receivables, ReceivablesScreen)
        await pilot.press("I")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InvoicesScreen)
        table = screen.query_one(DataTable)
        status = {number: cells[-1] for number, cells in rows(table).items()}
        assert status == {
            "2026-0003": "credit note",
            "2026-0002": "partially paid, $50.00 left",  # 100 - 40 credited - 10 paid
            "2026-0001": "overdue, $200.00 left",
        }
        assert table.cursor_row == 0
        assert "pay" not in footer_actions(app)  # a credit note takes no payment
        await pilot.press("dollar_sign")
        await pilot.pause()
        assert app.screen is screen

        table.move_cursor(row=table.get_row_index("2026-0001"))
        await pilot.pause()
        assert "pay" in footer_actions(app)
        await pay_with_form(pilot, "120")
        assert app.screen is screen
        assert rows(table)["2026-0001"][-1] == "overdue, $80.00 left"
        await pay_with_form(pilot)
        assert rows(table)["2026-0001"][-1] == "paid"
        assert "pay" not in footer_actions(app)  # nothing left to pay
        assert [p.amount_cents for p in desk.payments.payments("2026-0001")] == [12000, 8000]

        await pilot.press("P")  # places, not a stack: P goes straight back to receivables
        await pilot.pause()
        assert app.screen is receivables
        listed = rows(receivables.query_one("#open", DataTable))
        assert list(listed) == ["2026-0002"]
        assert listed["2026-0002"][-3:] == ["$10.00", "$50.00", "partially paid"]
        aged = unkeyed(receivables.query_one("#aged", DataTable))
        assert [c[0] for c in aged] == ["Castillo Legal", "total"]
