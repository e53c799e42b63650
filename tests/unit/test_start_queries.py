"""The inbox's first page reads indexes, not whole records: finding the clients on payment
hold among a page's clients reads no invoice's document."""

from __future__ import annotations

from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.inbox import InboxQuery


def test_the_payment_hold_of_a_pages_clients_is_read_from_an_index(desk: Desk, client) -> None:
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    statements: list[str] = []
    desk.db.conn.set_trace_callback(statements.append)
    try:
        desk.inbox.page(InboxQuery())
    finally:
        desk.db.conn.set_trace_callback(None)
    (hold,) = [s for s in statements if "FROM invoices i" in s and "due_date" in s]
    plan = [row[3] for row in desk.db.execute(f"EXPLAIN QUERY PLAN {hold}")]
    assert plan[0].startswith("SEARCH i USING COVERING INDEX"), plan
