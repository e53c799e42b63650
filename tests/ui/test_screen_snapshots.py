"""Every place and form of the TUI at 80×24 and at 160×48, on a small desk with a fixed clock.

After an intended change of a screen: ``uv run pytest tests/ui/test_screen_snapshots.py
--snapshot-update``, look at the new SVGs (each shows the whole terminal), and commit them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from hourdesk.app.desk.facade import Desk
from hourdesk.app.tui import HourdeskApp
from tests.builders import approve_back_then
from tests.ui.test_snapshots import fill

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
# each screen, reached from the inbox by the keys a consultant presses
SCREENS = {
    "inbox": (),
    "ticket": ("enter",),
    "help": ("question_mark",),
    "new_ticket": ("n",),
    "clients": ("c",),
    "settings": ("comma",),
    "entries": ("enter", "l"),
    "grants": ("enter", "g"),
    "invoices": ("I",),
    "invoice_new": ("I", "n"),
    "receivables": ("P",),
    "reports": ("R",),
    "intake": ("M",),
    "outbox": ("O",),
}


@pytest.fixture
def populated(desk: Desk, clock) -> Desk:
    """The inbox snapshot's desk, plus an invoice with a payment and one still open."""
    business = desk.settings.business
    business.name, business.address = "Ada IT Services", "1 Main St\nSpringfield"
    desk.settings.payment.bank_details = "First Bank · routing 011000015 · account 12345678"
    fill(desk, clock)
    client = desk.clients.find("Bluebird Bakery")
    for days, subject, seconds in ((5, "POS terminal", 5400), (4, "Router firmware", 2700)):
        ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Please help.")
        approve_back_then(desk, ticket.ref, hours="3", ago=86400 * 10)
        start = desk.clock.now() - timedelta(days=days)
        desk.timer.log(ticket.ref, start=start, end=start + timedelta(seconds=seconds))
        desk.completion.resolve(ticket.ref, "Done and checked with the client.")
        invoice = desk.invoicing.issue(client.id, [ticket.ref])
    desk.payments.pay(invoice.number, amount="50", method="bank")
    return desk


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, populated: Desk, screen: str, size: str) -> None:
    assert snap_compare(HourdeskApp(populated), press=SCREENS[screen], terminal_size=SIZES[size])
