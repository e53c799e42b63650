"""Tickets and their append-only threads. Every message passes the credential guard first."""

from __future__ import annotations

import builtins
import json
from typing import TYPE_CHECKING, Any

from hourdesk.app.core import guard
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk import rules
from hourdesk.app.desk.text import received, typed
from hourdesk.app.desk.writing import new_id, write
from hourdesk.storage.db import transaction
from hourdesk.storage.models import Entry, Ticket
from hourdesk.storage.statuses import CHANNELS, HOLD_REASONS, STATUS_WORDS, STATUSES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hourdesk.app.desk.billing.invoicing import Invoicing
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.estimates import Estimates
    from hourdesk.app.desk.grants import Grants

HOLD_WORDS = {
    "awaiting_approval": "awaiting approval",
    "payment": "payment",
    "waiting_on_client": "waiting on client",
    "declined": "estimate declined",
}
MESSAGE_KINDS = {"message": "client", "reply": "consultant", "note": "consultant"}

_FROM = "FROM tickets t JOIN clients c ON c.id = t.client_id"


def status_text(status: str, hold_reason: str | None = None) -> str:
    """``on hold (awaiting approval)`` and the like."""
    words = STATUS_WORDS[status]
    return f"{words} ({HOLD_WORDS[hold_reason]})" if hold_reason else words


class Tickets:
    def __init__(self, ctx: Context, *, clients: Clients) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients

    def connect(
        self, *, estimates: Estimates, grants: Grants, invoicing: Invoicing, payments: Payments
    ) -> None:
        """The areas built after this one that it also asks."""
        self.estimates = estimates
        self.grants = grants
        self.invoicing = invoicing
        self.payments = payments

    # reading

    def _ticket(self, row: dict[str, Any]) -> Ticket:
        return Ticket.model_validate({**row, "ref": self.ctx.ref(row["number"])})

    def rows(self, clause: str, args: Sequence[object]) -> list[Ticket]:
        """Tickets (``t``, joined to their client ``c``) selected by ``WHERE ... ORDER ...``."""
        sql = f"SELECT t.*, c.name AS client_name {_FROM} {clause}"
        return [self._ticket(r) for r in self.db.query(sql, args)]

    def get(self, ref: str | int) -> Ticket:
        number = ref if isinstance(ref, int) else self.ctx.parse_ref(ref)
        rows = self.rows("WHERE t.number = ?", [number])
        if not rows:
            raise NotFound(
                f"There is no ticket {self.ctx.ref(number)}.", "See `hourdesk ticket list`."
            )
        return rows[0]

    def by_id(self, ticket_id: int) -> Ticket:
        return self.rows("WHERE t.id = ?", [ticket_id])[0]

    def list(self, *, status: str | None = None, client_id: int | None = None) -> list[Ticket]:
        where: list[str] = ["1"]
        args: list[object] = []
        if status:
            if status not in STATUSES:
                raise Invalid(
                    "status", f"{status!r} is not a status.", f"Use one of {', '.join(STATUSES)}."
                )
            where.append("t.status = ?")
            args.append(status)
        if client_id is not None:
            where.append("t.client_id = ?")
            args.append(client_id)
        return self.rows(f"WHERE {' AND '.join(where)} ORDER BY t.number", args)

    def thread(self, ticket_id: int) -> builtins.list[Entry]:
        return [
            Entry.model_validate(r)
            for r in self.db.query(
                "SELECT * FROM entries WHERE ticket_id = ? ORDER BY id", [ticket_id]
            )
        ]

    def thread_before(self, ticket_id: int, before: int | None, limit: int) -> builtins.list[Entry]:
        """Up to ``limit`` entries older than entry id ``before`` (the newest when None),
        oldest first."""
        rows = self.db.query(
            "SELECT * FROM entries WHERE ticket_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
            [ticket_id, before if before is not None else 2**63 - 1, limit],
        )
        return [Entry.model_validate(r) for r in rows][::-1]

    def thread_after(self, ticket_id: int, after: int) -> builtins.list[Entry]:
        """The entries newer than entry id ``after``, oldest first."""
        rows = self.db.query(
            "SELECT * FROM entries WHERE ticket_id = ? AND id > ? ORDER BY id", [ticket_id, after]
        )
        return [Entry.model_validate(r) for r in rows]

    # writing

    def new(
        self,
        *,
        client_id: int,
        subject: str,
        body: str = "",
        channel: str = "email",
        priority: str = "normal",
        billable: bool = True,
        referred_by: str = "",
        message_id: str | None = None,
        received_at: int | None = None,
    ) -> Ticket:
        """Open a ticket; the request text becomes the first client message."""
        subject = " ".join(str(subject).split())
        if not subject:
            raise Invalid("subject", "The ticket needs a subject.")
        if len(subject) > 300:
            raise Invalid("subject", "The subject is longer than 300 characters.")
        if channel not in CHANNELS:
            raise Invalid(
                "channel", f"{channel!r} is not a channel.", f"Use one of {', '.join(CHANNELS)}."
            )
        if priority not in ("normal", "urgent"):
            raise Invalid("priority", "Priority is normal or urgent.")
        client = self.clients.get(client_id)
        subject, found = received(subject)
        referred_by = typed(" ".join(str(referred_by).split()), "referred_by")
        now = self.ctx.clock.timestamp()
        with write(self.db):
            (number,) = self.db.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM tickets"
            ).fetchone()
            cur = self.db.execute(
                "INSERT INTO tickets (number, client_id, subject, channel, priority, billable,"
                " referred_by, flagged, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    number,
                    client.id,
                    subject,
                    channel,
                    priority,
                    int(billable),
                    referred_by,
                    int(bool(found)),
                    now,
                    now,
                ],
            )
            ticket = self.by_id(new_id(cur))
            via = f"{channel}, referred by {ticket.referred_by}" if ticket.referred_by else channel
            self.add_entry(ticket, "created", "system", f"Ticket opened ({via}).")
            if found:
                self._notice(ticket, found)
            hold = self.payments.hold(client.id)
            if hold is not None and hold.pause:
                self.move(ticket, "on_hold", "payment", hold.reason())
            if body.strip():
                self.add_entry(
                    ticket,
                    "message",
                    "client",
                    body,
                    message_id=message_id,
                    received_at=received_at,
                )
        return self.by_id(ticket.id)

    def add_entry(
        self,
        ticket: Ticket,
        kind: str,
        author: str,
        body: str,
        data: dict[str, Any] | None = None,
        *,
        message_id: str | None = None,
        received_at: int | None = None,
    ) -> Entry:
        """Append to the thread (inside the caller's transaction); secrets never reach disk."""
        body, found = received(str(body).replace("\r\n", "\n"))
        data, in_data = received(dict(data or {}))
        found += in_data
        if found:
            data["credentials_removed"] = sorted({f.kind for f in found})
        now = self.ctx.clock.timestamp()
        with transaction(self.db):
            cur = self.db.execute(
                "INSERT INTO entries (ticket_id, kind, author, body, data, message_id,"
                " received_at, created_at) VALUES (?,?,?,?,?,?,?,?)",
                [ticket.id, kind, author, body, json.dumps(data), message_id, received_at, now],
            )
            self.db.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", [now, ticket.id])
            if found:
                self._notice(ticket, found)
        return Entry.model_validate(
            next(self.db.query("SELECT * FROM entries WHERE id = ?", [new_id(cur)]))
        )

    def _notice(self, ticket: Ticket, found: builtins.list[guard.Finding]) -> None:
        kinds = ", ".join(sorted({f.kind for f in found}))
        self.db.execute("UPDATE tickets SET flagged = 1 WHERE id = ?", [ticket.id])
        self.db.execute(
            "INSERT INTO entries (ticket_id, kind, author, body, data, created_at)"
            " VALUES (?, 'credential_notice', 'system', ?, ?, ?)",
            [
                ticket.id,
                f"Credentials removed before storing ({kinds}). Suggested reply:\n\n"
                + guard.SECURE_ACCESS_REPLY,
                json.dumps({"kinds": sorted({f.kind for f in found})}),
                self.ctx.clock.timestamp(),
            ],
        )

    def message(self, ref: str | int, text: str, *, kind: str = "note") -> Entry:
        """Add a client message, a reply or a note to a ticket."""
        if kind not in MESSAGE_KINDS:
            raise Invalid("kind", f"{kind!r} is not a message kind.")
        if not str(text).strip():
            raise Invalid("text", "The message is empty.")
        if MESSAGE_KINDS[kind] == "consultant":
            typed(text, "text")
        ticket = self.get(ref)
        return self.add_entry(ticket, kind, MESSAGE_KINDS[kind], text)

    def set_status(self, ref: str | int, status: str, reason: str | None = None) -> Ticket:
        """Move a ticket to another status, recording the change in the thread."""
        if status not in STATUSES:
            raise Invalid(
                "status", f"{status!r} is not a status.", f"Use one of {', '.join(STATUSES)}."
            )
        if status == "on_hold" and reason not in HOLD_REASONS:
            raise Invalid(
                "reason",
                "A ticket on hold needs a reason.",
                "Choose awaiting approval, payment or waiting on client.",
            )
        reason = reason if status == "on_hold" else None
        with write(self.db):
            ticket = self.get(ref)
            if (ticket.status, ticket.hold_reason) == (status, reason):
                raise Refused(f"{ticket.ref} is already {status_text(status, reason)}.")
            self._check_transition(ticket, status)
            self.move(ticket, status, reason)
        return self.get(ticket.number)

    def _check_transition(self, ticket: Ticket, status: str) -> None:
        """No way around the approval gate by status (:func:`rules.check_transition`)."""
        current = self.estimates.current(ticket.id)
        rules.check_transition(
            ticket,
            status,
            approved=current is not None and current.approved,
            ticket_gate=self.estimates.gate(ticket),
            unbilled=self.invoicing.unbilled_seconds(ticket.id) if status == "closed" else 0,
        )

    def move(self, ticket: Ticket, status: str, reason: str | None, note: str = "") -> None:
        """Change status inside the caller's transaction and say so in the thread."""
        self.db.execute(
            "UPDATE tickets SET status = ?, hold_reason = ? WHERE id = ?",
            [status, reason, ticket.id],
        )
        before, after = status_text(ticket.status, ticket.hold_reason), status_text(status, reason)
        body = f"Status: {before} → {after}."
        self.add_entry(
            ticket,
            "status",
            "consultant",
            f"{body} {note}".strip(),
            {"from": ticket.status, "to": status, "reason": reason},
        )
        self.grants.purge_ticket(ticket.id)

    def set_priority(self, ref: str | int, priority: str) -> Ticket:
        if priority not in ("normal", "urgent"):
            raise Invalid("priority", "Priority is normal or urgent.")
        with write(self.db):
            ticket = self.get(ref)
            if ticket.priority == priority:
                raise Refused(f"{ticket.ref} is already {priority}.")
            self.db.execute("UPDATE tickets SET priority = ? WHERE id = ?", [priority, ticket.id])
            self.add_entry(
                ticket, "priority", "consultant", f"Priority: {ticket.priority} → {priority}."
            )
        return self.get(ticket.number)
