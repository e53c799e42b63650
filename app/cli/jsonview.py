"""The CLI's ``--json`` documents: stable, documented keys (see README)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.money import plain

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.payments import Account
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.outbox import Item
    from hourdesk.app.desk.rules import Budget
    from hourdesk.storage.models import Client, Decision, Entry, Estimate, Ticket, TimeEntry


def iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def client_json(client: Client) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "emails": client.emails,
        "company": client.company,
        "billing_address": client.billing_address,
        "rate": plain(client.rate_cents),
        "terms_days": client.terms_days,
        "payment_method": client.payment_method,
        "notes": client.notes,
        "prospect": client.prospect,
        "created_at": iso(client.created_at),
    }


def ticket_json(ticket: Ticket) -> dict[str, Any]:
    return {
        "ref": ticket.ref,
        "number": ticket.number,
        "client": {"id": ticket.client_id, "name": ticket.client_name},
        "subject": ticket.subject,
        "channel": ticket.channel,
        "priority": ticket.priority,
        "billable": ticket.billable,
        "status": ticket.status,
        "hold_reason": ticket.hold_reason,
        "referred_by": ticket.referred_by,
        "flagged": ticket.flagged,
        "created_at": iso(ticket.created_at),
        "updated_at": iso(ticket.updated_at),
    }


# ``ticket list --json``: a list of :func:`ticket_json` documents, from a plain cursor. The
# shape has ticket_json's keys; :func:`ticket_rows` gives the values in that order.
TICKET_SHAPE: dict[str, Any] = {
    "ref": None,
    "number": None,
    "client": {"id": None, "name": None},
    **dict.fromkeys(
        (
            "subject",
            "channel",
            "priority",
            "billable",
            "status",
            "hold_reason",
            "referred_by",
            "flagged",
            "created_at",
            "updated_at",
        )
    ),
}
_UTC = "strftime('%Y-%m-%dT%H:%M:%SZ', t.{}, 'unixepoch')"


def ticket_rows(
    desk: Desk, status: str | None = None, client_id: int | None = None
) -> Iterator[tuple]:
    """Tickets in number order, each the values of :data:`TICKET_SHAPE` in its order (the
    client's id and name in the middle), read from the cursor as they are used."""
    where, args = ["1"], [desk.settings.ticket_prefix]
    if status:
        where.append("t.status = ?")
        args.append(status)
    if client_id is not None:
        where.append("t.client_id = ?")
        args.append(client_id)
    cursor = desk.db.conn.execute(
        "SELECT ? || '-' || printf('%04d', t.number), t.number, t.client_id, c.name, t.subject,"
        " t.channel, t.priority, t.billable, t.status, t.hold_reason, t.referred_by,"
        f" t.flagged, {_UTC.format('created_at')}, {_UTC.format('updated_at')}"
        " FROM tickets t JOIN clients c ON c.id = t.client_id"
        f" WHERE {' AND '.join(where)} ORDER BY t.number",
        args,
    )
    return ((*r[:7], r[7] == 1, *r[8:11], r[11] == 1, *r[12:]) for r in cursor)


def write_tickets_json(out: TextIO, rows: Iterable[tuple]) -> None:
    """The rows as ``json.dumps([ticket_json(t) ...], indent=2)`` writes them, as they come."""
    from hourdesk.exports.tables import json_layout, write_json_array

    write_json_array(out, json_layout(TICKET_SHAPE, 1), rows)
    out.write("\n")


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "author": entry.author,
        "body": entry.body,
        "data": entry.data,
        "message_id": entry.message_id,
        "received_at": iso(entry.received_at),
        "created_at": iso(entry.created_at),
    }


def decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "outcome": decision.outcome,
        "text": decision.text,
        "source_entry_id": decision.source_entry_id,
        "received_at": iso(decision.received_at),
        "recorded_at": iso(decision.recorded_at),
    }


def estimate_json(estimate: Estimate, desk: Desk) -> dict[str, Any]:
    return {
        "version": estimate.version,
        "billable": estimate.billable,
        "seconds": estimate.seconds,
        "hours": format_duration(estimate.seconds),
        "rate": plain(estimate.rate_cents),
        "amount": plain(desk.estimates.amount(estimate)),
        "scope": estimate.scope,
        "sent_at": iso(estimate.sent_at),
        "decision": decision_json(estimate.decision) if estimate.decision else None,
    }


def budget_json(budget: Budget) -> dict[str, Any]:
    return {
        "used_seconds": budget.used_seconds,
        "estimate_seconds": budget.estimate.seconds if budget.estimate else None,
        "approved_seconds": budget.approved_seconds,
        "share": budget.share,
        "text": budget.text(),
    }


def time_entry_json(entry: TimeEntry, seconds: int) -> dict[str, Any]:
    return {
        "id": entry.id,
        "ref": entry.ref,
        "category": entry.category,
        "start": iso(entry.start_at),
        "end": iso(entry.end_at),
        "seconds": seconds,
        "running": entry.end_at is None,
        "billable": entry.billable,
        "note": entry.note,
    }


def invoice_json(account: Account) -> dict[str, Any]:
    invoice = account.invoice
    return {
        "number": invoice.number,
        "kind": invoice.kind,
        "client": {"id": invoice.client_id, "name": invoice.client_name},
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat(),
        "total": plain(invoice.total_cents),
        "paid": plain(account.paid_cents),
        "credited": plain(account.credited_cents),
        "balance": plain(account.balance_cents),
        "currency": "USD",
        "status": account.status,
        "days_overdue": account.days_overdue,
        "void_reason": invoice.void_reason,
    }


def outbox_json(item: Item) -> dict[str, Any]:
    """An outbox message for ``--json``."""
    return {
        "id": item.id,
        "message_id": item.message_id,
        "kind": item.kind,
        "ref": item.ref or None,
        "recipient": item.recipient,
        "subject": item.subject,
        "channel": item.channel,
        "state": item.state,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "detail": item.detail,
        "created_at": iso(item.created_at),
        "done_at": iso(item.done_at),
    }
