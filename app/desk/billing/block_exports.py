"""Blocks as they leave the machine: their history for CSV and JSON, and the value each
event moves out of the client's unearned hours for the journal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from hourdesk.exports.ledger import LedgerBlockEvent
from hourdesk.exports.tables import BlockRow

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk

# Booked by the invoice (a sale), by its void or by the credit note.
_BOOKED_BY_INVOICES = ("sale", "void", "credit")


def prepaid_invoices(desk: Desk) -> set[int]:
    """Ids of the invoices that sell blocks, and of the credit notes against them."""
    return {
        i
        for (i,) in desk.db.execute(
            "SELECT invoice_id FROM blocks UNION SELECT k.id FROM invoices k"
            " JOIN blocks b ON b.invoice_id = k.credits_invoice_id"
        )
    }


def ledger_events(desk: Desk) -> list[LedgerBlockEvent]:
    """Each event's value at its block's rate, counted cumulatively so that the parts add
    up to the whole: what was sold and rolled in, less what was used, is left unearned."""
    found = []
    for block in desk.blocks.list():
        granted = consumed = 0
        for e in desk.blocks.history(block):
            if e.kind == "sale" or (e.kind == "rollover" and e.seconds > 0):
                before = block.value(granted)
                granted += e.seconds
                cents = before - block.value(granted)  # rolled in: the liability grows
            else:
                before = block.value(consumed)
                consumed -= e.seconds
                cents = block.value(consumed) - before
            if e.kind not in _BOOKED_BY_INVOICES:
                found.append(
                    LedgerBlockEvent(
                        block.number,
                        block.client_name,
                        e.at.date(),
                        e.kind,
                        cents,
                        e.ref or "",
                        e.id,
                    )
                )
    return found


def block_rows(
    desk: Desk, start: date | None = None, end: date | None = None
) -> Iterator[BlockRow]:
    """Block history dated in the period (both days inclusive), block by block, with the
    balance after each event."""
    for block in desk.blocks.list():
        for e in desk.blocks.history(block):
            day = e.at.date()
            if (start and day < start) or (end and day > end):
                continue
            yield BlockRow(
                block.number,
                block.client_name,
                day.isoformat(),
                e.kind,
                e.seconds,
                e.balance,
                e.ref,
                e.invoice,
                e.detail,
            )
