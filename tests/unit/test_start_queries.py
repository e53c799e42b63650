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


def test_turning_pages_counts_the_tickets_once_until_something_is_written(
    desk: Desk, client
) -> None:
    for n in range(5):
        desk.tickets.new(client_id=client.id, subject=f"Printer offline {n}", body="Help.")
    counts: list[str] = []

    def counted(statement: str) -> None:
        if "count(*)" in statement:
            counts.append(statement)

    everything = InboxQuery(status="all", limit=2)
    desk.db.conn.set_trace_callback(counted)
    try:
        first = desk.inbox.page(everything)
        second = desk.inbox.page(everything.following(first))
        last = desk.inbox.page(everything.following(second))
        assert (len(counts), first.total, last.total, len(last.rows)) == (1, 5, 5, 1)
        desk.tickets.new(client_id=client.id, subject="Scanner jams", body="Help.")
        assert desk.inbox.page(everything).total == 6  # written since: counted again
        assert desk.inbox.page(InboxQuery(status="all", limit=2, text="printer")).total == 5
        assert desk.inbox.page(InboxQuery(status="all", limit=2, text="scanner")).total == 1
    finally:
        desk.db.conn.set_trace_callback(None)
    assert len([c for c in counts if "FROM tickets t" in c]) == 2
