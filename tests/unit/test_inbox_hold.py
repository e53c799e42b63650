"""The inbox's payment-hold mark: remembered between pages while nothing is written, and
right again after a payment, a new invoice or a new day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.money import plain
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.inbox import InboxQuery
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings, resolved_work

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.usefixtures("utc")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = ready_settings({"payment": {"bank_details": "Example Bank, IBAN XX00"}})
    desk = build_desk(tmp_path / "t.db", vault=MemoryVault(), clock=FixedClock(START),
                      settings=settings)  # fmt: skip
    yield desk
    desk.close()


def bill(desk: Desk, client_id: int, subject: str) -> str:
    """Two hours' work on a resolved ticket, invoiced (net 14); the invoice's number."""
    ref = resolved_work(desk, client_id, subject, 120)
    return desk.invoicing.issue(client_id, [ref]).number


def held(desk: Desk) -> dict[str, bool]:
    page = desk.inbox.page(InboxQuery(status="all"))
    return {row.ticket.subject: row.overdue for row in page.rows}


def test_the_hold_mark_follows_payments_invoices_and_days(desk: Desk) -> None:
    acme = desk.clients.add(name="Acme Dental", emails="a@acme.example", rate="100")
    bluebird = desk.clients.add(name="Bluebird Bakery", emails="b@bb.example", rate="100")
    first = bill(desk, acme.id, "Printer")
    desk.tickets.new(client_id=bluebird.id, subject="Router", body="Please help.")
    assert held(desk) == {"Printer": False, "Router": False}
    desk.clock.instant = START + timedelta(days=20)  # past the due date: a new day
    assert held(desk) == {"Printer": True, "Router": False}
    assert held(desk) == {"Printer": True, "Router": False}  # the next page, nothing written
    balance = desk.payments.account(first).balance_cents
    desk.payments.pay(first, amount=plain(balance), method="bank")
    assert held(desk) == {"Printer": False, "Router": False}
    bill(desk, bluebird.id, "Scanner")
    desk.clock.instant = datetime(2026, 4, 30, 9, tzinfo=UTC)
    assert held(desk) == {"Printer": False, "Router": True, "Scanner": True}
