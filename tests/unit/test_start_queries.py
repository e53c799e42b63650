"""The inbox's first page reads indexes, not whole records: finding the clients on payment
hold among a page's clients reads only their invoices left to pay, and no invoice's document."""

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
    (hold,) = [s for s in statements if "FROM unpaid u" in s]
    plan = [row[3] for row in desk.db.execute(f"EXPLAIN QUERY PLAN {hold}")]
    # the invoices left to pay of the page's clients, each then found by its id
    assert plan[0].startswith("SEARCH u USING COVERING INDEX unpaid_client"), plan
    assert plan[1] == "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)", plan
