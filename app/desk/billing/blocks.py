"""Prepaid hour blocks: sold on an invoice of their own, drawn down by invoiced time, closed
by their rollover rule at expiry. A block's balance is the sum of its append-only history.

A block is known by the number of the invoice that sold it (``2026-0007``). It is usable
while it is not void, not expired, has hours left and its invoice is paid (or its client
lets blocks be drawn before payment). Drawing happens when a ticket is invoiced, inside the
invoice's write transaction, oldest usable block first.
"""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from hourdesk.app.core.durations import decimal_hours, format_duration, parse_duration
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.money import amount_for, format_usd, parse_amount, plain
from hourdesk.app.core.numbering import ticket_ref
from hourdesk.app.desk.billing.block_records import (
    Block,
    Draw,
    Event,
    Standing,
    parse_rollover,
)
from hourdesk.app.desk.writing import new_id, write
from hourdesk.exports.documents import InvoiceLine
from hourdesk.storage.models import Estimate, Invoice

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.invoicing import Candidate, Invoicing
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets

HUNDREDTH = 36  # seconds in 0.01 h: block sizes are whole hundredths, so amounts are exact
SALE_REF = "Prepaid"

_SELECT = """
SELECT b.*, i.number, i.status AS invoice_status, c.name AS client_name,
    i.total_cents
        - coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)
        + coalesce((SELECT sum(total_cents) FROM invoices k
                    WHERE k.credits_invoice_id = i.id AND k.status = 'issued'), 0) AS owed,
    (SELECT coalesce(sum(seconds), 0) FROM block_events e WHERE e.block_id = b.id) AS balance,
    (SELECT coalesce(sum(seconds), 0) FROM block_events e WHERE e.block_id = b.id
        AND e.kind IN ('sale', 'rollover') AND e.seconds > 0) AS granted,
    (SELECT coalesce(-sum(seconds), 0) FROM block_events e WHERE e.block_id = b.id
        AND e.kind = 'rollover' AND e.seconds < 0) AS rolled_out,
    (SELECT kind FROM block_events e WHERE e.block_id = b.id AND e.kind IN ('void', 'credit'))
        AS closed_by,
    coalesce((SELECT before_payment FROM block_terms t WHERE t.client_id = b.client_id), 0)
        AS before_payment
FROM blocks b JOIN invoices i ON i.id = b.invoice_id JOIN clients c ON c.id = b.client_id
"""
# The fields of a Block read as the query gives them.
_AS_STORED = (
    "id",
    "number",
    "invoice_id",
    "client_id",
    "client_name",
    "seconds",
    "rate_cents",
    "rollover",
    "rollover_seconds",
    "balance",
    "granted",
    "rolled_out",
)


class Blocks:
    def __init__(
        self,
        ctx: Context,
        *,
        clients: Clients,
        invoicing: Invoicing,
        payments: Payments,
        tickets: Tickets,
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.invoicing = invoicing
        self.payments = payments
        self.tickets = tickets

    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    # reading

    def rows(
        self, clause: str = "", args: builtins.list[Any] | None = None
    ) -> builtins.list[Block]:
        today = self.today()
        return [
            Block(
                **{name: r[name] for name in _AS_STORED},
                expires_on=date.fromisoformat(r["expires_on"]) if r["expires_on"] else None,
                created_at=datetime.fromtimestamp(r["created_at"]).astimezone(),
                closed_by=r["closed_by"],
                paid=r["invoice_status"] == "issued" and r["owed"] <= 0,
                before_payment=bool(r["before_payment"]),
                today=today,
            )
            for r in self.db.query(f"{_SELECT} {clause}", args or [])
        ]

    def list(self, *, client_id: int | None = None) -> builtins.list[Block]:
        """Blocks oldest first (the order they are drawn in)."""
        if client_id is None:
            return self.rows("ORDER BY b.id")
        return self.rows("WHERE b.client_id = ? ORDER BY b.id", [client_id])

    def get(self, key: str | int) -> Block:
        """A block by its invoice number (``2026-0007``) or its id."""
        text = str(key).strip()
        found = self.rows("WHERE i.number = ? OR (b.id = ? AND ? NOT LIKE '%-%')", [text] * 3)
        if not found:
            raise NotFound(f"There is no block {key}.", "See `hourdesk block list`.")
        return found[0]

    def of_invoice(self, invoice: Invoice) -> Block | None:
        found = self.rows("WHERE b.invoice_id = ?", [invoice.id])
        return found[0] if found else None

    def history(self, block: Block) -> builtins.list[Event]:
        prefix = self.ctx.settings.ticket_prefix
        rows = self.db.execute(
            "SELECT e.id, e.kind, e.seconds, e.at, t.number, t.subject, i.number, e.detail"
            " FROM block_events e LEFT JOIN tickets t ON t.id = e.ticket_id"
            " LEFT JOIN invoices i ON i.id = e.invoice_id WHERE e.block_id = ? ORDER BY e.id",
            [block.id],
        ).fetchall()
        balance, events = 0, []
        for id_, kind, seconds, at, number, subject, invoice, detail in rows:
            balance += seconds
            ref = ticket_ref(prefix, number) if number is not None else None
            events.append(
                Event(
                    id_,
                    kind,
                    seconds,
                    datetime.fromtimestamp(at).astimezone(),
                    ref,
                    subject or "",
                    invoice,
                    detail,
                    balance,
                )
            )
        return events

    def standing(self, client_id: int, running: int = 0) -> Standing | None:
        """The client's usable hours, less billable time not yet invoiced (and ``running``
        seconds of a timer); None when the client has no usable block."""
        usable = [b for b in self.list(client_id=client_id) if b.usable]
        if not usable:
            return None
        (pending,) = self.db.execute(
            "SELECT coalesce(sum(e.end_at - e.start_at), 0) FROM time_entries e"
            " JOIN tickets t ON t.id = e.ticket_id WHERE t.client_id = ? AND e.billable = 1"
            " AND e.end_at IS NOT NULL AND e.invoice_id IS NULL",
            [client_id],
        ).fetchone()
        granted = sum(b.granted for b in usable)
        return Standing(granted, sum(b.balance for b in usable) - pending - running)

    def estimate_note(self, client_id: int, estimate: Estimate) -> str:
        """What a billable estimate says of the client's prepaid hours (empty without any)."""
        standing = self.standing(client_id)
        if standing is None or standing.left <= 0:
            return ""
        seconds = estimate.seconds
        covered = min(seconds, standing.left)
        note = f"Your prepaid hours cover {format_duration(covered)} of this"
        if covered < seconds:
            usd = format_usd(estimate.rate_cents, self.ctx.settings.locale)
            return f"{note}; the other {format_duration(seconds - covered)} are billed at {usd}/h."
        return f"{note} ({format_duration(standing.left - covered)} left after it)."

    def standings(self) -> dict[int, Standing]:
        """Each client with a usable block, and what it has left (for lists)."""
        ids = [cid for (cid,) in self.db.execute("SELECT DISTINCT client_id FROM blocks")]
        return {cid: s for cid in ids if (s := self.standing(cid))}

    # selling

    def set_before_payment(self, client_id: int, allowed: bool) -> None:
        """Whether the client's blocks may be drawn before their invoice is paid."""
        with write(self.db):
            self.clients.get(client_id)
            self.db.execute(
                "INSERT INTO block_terms (client_id, before_payment) VALUES (?, ?)"
                " ON CONFLICT (client_id) DO UPDATE SET before_payment = excluded.before_payment",
                [client_id, int(allowed)],
            )

    def sell(
        self,
        client_id: int,
        hours: str,
        *,
        rate: str | None = None,
        expires: date | None = None,
        rollover: str = "none",
    ) -> Block:
        """Write the block and the invoice that sells it, numbered in the invoice sequence."""
        from hourdesk.app.desk.billing.invoicing import refuse_placeholders

        seconds = parse_duration(hours, "hours")
        if seconds <= 0 or seconds % HUNDREDTH:
            raise Invalid(
                "hours", f"hours: {hours!r} is not a block size.", "Type hours like 10 or 7.5."
            )
        kind, keep = parse_rollover(rollover)
        today = self.today()
        if expires is not None and expires <= today:
            raise Invalid("expires", f"The expiry {expires} is not after today ({today}).")
        with write(self.db):
            client = self.clients.get(client_id)
            rate_cents = client.rate_cents if rate is None else parse_amount(rate, "rate")
            refuse_placeholders(self.ctx.settings)
            invoicing = self.invoicing
            usd = format_usd(rate_cents, self.ctx.settings.locale)
            quantity = decimal_hours(seconds).normalize()
            valid = f", valid until {expires.isoformat()}" if expires else ""
            line = InvoiceLine(
                ref=SALE_REF,
                subject=f"Prepaid support, {quantity:f} h at {usd}/h{valid}",
                seconds=seconds,
                billed_seconds=seconds,
                rounding="none",
                rate_cents=rate_cents,
                amount_cents=amount_for(seconds, rate_cents),
                hours=decimal_hours(seconds),
            )
            notes = f"Prepaid hours are drawn down as work is done{valid}."
            doc = invoicing.compose(client, [line], "", notes)
            total = line.amount_cents
            invoice_id, doc = invoicing.file(client_id, doc)
            self.db.execute(
                "INSERT INTO invoice_lines (invoice_id, position, ticket_id, seconds,"
                " billed_seconds, rounding, rate_cents, amount_cents)"
                " VALUES (?, 1, NULL, ?, ?, 'none', ?, ?)",
                [invoice_id, seconds, seconds, rate_cents, total],
            )
            now = self.ctx.clock.timestamp()
            cur = self.db.execute(
                "INSERT INTO blocks (client_id, invoice_id, seconds, rate_cents, expires_on,"
                " rollover, rollover_seconds, created_at) VALUES (?,?,?,?,?,?,?,?)",
                [
                    client_id,
                    invoice_id,
                    seconds,
                    rate_cents,
                    expires.isoformat() if expires else None,
                    kind,
                    keep,
                    now,
                ],
            )
            block_id = new_id(cur)
            self._event(block_id, "sale", seconds, invoice_id=invoice_id, detail=line.subject)
            self.expire()
        return self.get(doc.number)

    def _event(self, block_id: int, kind: str, seconds: int, **kw: Any) -> None:
        self.db.execute(
            "INSERT INTO block_events (block_id, kind, seconds, ticket_id, invoice_id,"
            " other_block_id, detail, at) VALUES (?,?,?,?,?,?,?,?)",
            [
                block_id,
                kind,
                seconds,
                kw.get("ticket_id"),
                kw.get("invoice_id"),
                kw.get("other_block_id"),
                kw.get("detail", ""),
                self.ctx.clock.timestamp(),
            ],
        )

    # drawing down (inside the invoice's write transaction)

    def allocate(self, client_id: int, offered: builtins.list[Candidate]) -> builtins.list[Draw]:
        """Which blocks cover which tickets' billed time, oldest block first."""
        usable = [b for b in self.list(client_id=client_id) if b.usable]
        left = {b.id: b.balance for b in usable}
        draws = []
        for candidate in offered:
            need = candidate.line.billed_seconds
            for block in usable:
                take = min(need, left[block.id])
                if take <= 0:
                    continue
                left[block.id] -= take
                need -= take
                draws.append(Draw(block, candidate.ticket, take, left[block.id]))
                if not need:
                    break
        return draws

    def lines(
        self, client_id: int, offered: builtins.list[Candidate]
    ) -> builtins.list[InvoiceLine]:
        """The invoice lines: covered time at $0.00, the rest at the ticket's rate."""
        from hourdesk.app.desk.billing.invoicing import line_amount

        draws = self.allocate(client_id, offered)
        lines = []
        for candidate in offered:
            line = candidate.line
            mine = [d for d in draws if d.ticket.id == candidate.ticket.id]
            rest = line.billed_seconds - sum(d.seconds for d in mine)
            raw = line.seconds  # the time worked, shared out so that the lines add up to it
            parts = []
            for d in mine:
                worked = min(d.seconds, raw) if rest or d is not mine[-1] else raw
                raw -= worked
                parts.append(
                    line.model_copy(
                        update={
                            "subject": f"{line.subject}, covered by block {d.block.number}:"
                            f" {format_duration(d.seconds)}, {format_duration(d.left)} left",
                            "seconds": worked,
                            "billed_seconds": d.seconds,
                            "rate_cents": 0,
                            "amount_cents": 0,
                            "hours": decimal_hours(d.seconds),
                        }
                    )
                )
            if rest or not mine:
                parts.append(
                    line.model_copy(
                        update={
                            "seconds": raw,
                            "billed_seconds": rest,
                            "hours": decimal_hours(rest),
                            "amount_cents": line_amount(decimal_hours(rest), line.rate_cents),
                        }
                    )
                )
            lines += parts
        return lines

    def draw(
        self, client_id: int, offered: builtins.list[Candidate], invoice_id: int, number: str
    ) -> None:
        """Record what :meth:`lines` covered on the invoice just written."""
        for d in self.allocate(client_id, offered):
            said = (
                f"Covered by block {d.block.number}: {format_duration(d.seconds)},"
                f" {format_duration(d.left)} left (invoice {number})."
            )
            self._event(
                d.block.id,
                "drawdown",
                -d.seconds,
                ticket_id=d.ticket.id,
                invoice_id=invoice_id,
                detail=said,
            )
            self.tickets.add_entry(
                d.ticket, "invoice", "consultant", said, {"block": d.block.number}
            )
        self.expire()

    # expiry

    def expire(self) -> builtins.list[str]:
        """Close expired blocks by their rule: lapse what may not roll over, and roll the
        rest into the client's next usable block when there is one. Returns what happened."""
        said = []
        for block in self.list():
            if not block.expired or block.voided or block.balance <= 0:
                continue
            keep = {
                "all": block.balance,
                "none": 0,
                "some": min(block.balance, max(0, block.rollover_seconds - block.rolled_out)),
            }[block.rollover]
            if lapsed := block.balance - keep:
                text = (
                    f"Block {block.number} expired on {block.expires_on}:"
                    f" {format_duration(lapsed)} lapsed ({block.rule})."
                )
                self._event(block.id, "lapse", -lapsed, detail=text)
                said.append(text)
            target = next(
                (
                    b
                    for b in self.list(client_id=block.client_id)
                    if b.id != block.id and not b.voided and not b.expired
                ),
                None,
            )
            if keep and target is not None:
                text = f"{format_duration(keep)} rolled over from block {block.number}"
                self._event(
                    block.id,
                    "rollover",
                    -keep,
                    other_block_id=target.id,
                    detail=f"{format_duration(keep)} rolled over to block {target.number}.",
                )
                self._event(target.id, "rollover", keep, other_block_id=block.id, detail=text)
                said.append(f"{text} to {target.number}.")
        return said

    def settle(self) -> builtins.list[str]:
        """Record expiries due (a write of its own, taken only when one may be due)."""
        if not any(b.expired and not b.voided and b.balance > 0 for b in self.list()):
            return []
        with write(self.db):
            return self.expire()

    # corrections (inside the void's or the credit's write transaction)

    def voided(self, invoice: Invoice) -> None:
        """A block's invoice voided: the block is void if unused. A ticket invoice voided:
        the hours it drew go back to their blocks (refused once a block is credited)."""
        block = self.of_invoice(invoice)
        if block is not None:
            if block.used:
                raise Refused(
                    f"Block {block.number} has {format_duration(block.used)} drawn,"
                    " so its invoice cannot be voided.",
                    f"Credit its unused part: `hourdesk block credit {block.number}`.",
                )
            self._event(
                block.id,
                "void",
                -block.balance,
                invoice_id=invoice.id,
                detail=f"Invoice {invoice.number} voided: the block is void.",
            )
            return
        closed = self.db.execute(
            "SELECT i.number FROM block_events d JOIN blocks b ON b.id = d.block_id"
            " JOIN invoices i ON i.id = b.invoice_id WHERE d.invoice_id = ? AND EXISTS"
            " (SELECT 1 FROM block_events c WHERE c.block_id = d.block_id"
            " AND c.kind IN ('void', 'credit'))",
            [invoice.id],
        ).fetchone()
        if closed:
            raise Refused(
                f"Invoice {invoice.number} drew hours from block {closed[0]}, which is credited:"
                " they cannot go back to it.",
                "Correct the invoice with a credit note instead.",
            )
        for block_id, ticket_id, seconds in self.db.execute(
            "SELECT block_id, ticket_id, -sum(seconds) FROM block_events WHERE invoice_id = ?"
            " AND kind IN ('drawdown', 'return') GROUP BY block_id, ticket_id",
            [invoice.id],
        ).fetchall():
            if seconds:
                self._event(
                    block_id,
                    "return",
                    seconds,
                    ticket_id=ticket_id,
                    invoice_id=invoice.id,
                    detail=f"{format_duration(seconds)} back: invoice {invoice.number} voided.",
                )

    def credited(self, invoice: Invoice, cents: int, credit_id: int) -> None:
        """A credit note against a block's invoice credits exactly its unused part."""
        block = self.of_invoice(invoice)
        if block is None:
            return
        locale = self.ctx.settings.locale
        if block.voided or block.balance <= 0:
            raise Refused(f"Block {block.number} has no unused hours to credit.")
        if cents != block.unused_cents:
            raise Refused(
                f"A block's invoice is credited for its unused part only:"
                f" {format_usd(block.unused_cents, locale)}"
                f" ({format_duration(block.balance)}).",
                f"Use `hourdesk block credit {block.number}`.",
            )
        self._event(
            block.id,
            "credit",
            -block.balance,
            invoice_id=credit_id,
            detail=f"Unused {format_duration(block.balance)} credited.",
        )

    def credit(self, key: str | int, reason: str) -> Invoice:
        """A credit note for the block's unused hours; the block is closed by it."""
        with write(self.db):
            block = self.get(key)
            if block.balance <= 0 or block.voided:
                raise Refused(f"Block {block.number} has no unused hours to credit.")
            owed = self.payments.account(block.number).balance_cents
            if block.unused_cents > owed:
                raise Refused(
                    f"Block {block.number} is paid: its unused {format_duration(block.balance)}"
                    " cannot be credited, since a credit note reduces what is owed and does"
                    " not refund a payment.",
                    "They lapse or roll over at its expiry (block show); a refund you agree"
                    " to is made outside hourdesk.",
                )
            return self.invoicing.credit(block.number, plain(block.unused_cents), reason)
