"""Estimates, the client's written approval, and the gate in front of billable work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import format_duration, parse_duration
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.money import amount_for, format_usd, parse_amount
from hourdesk.app.desk import rules
from hourdesk.app.desk.rules import Budget, Gate
from hourdesk.app.desk.text import received, typed
from hourdesk.app.desk.writing import new_id, write
from hourdesk.storage.models import Decision, Estimate, Ticket

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.blocks import Blocks
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets


class Estimates:
    def __init__(self, ctx: Context, *, clients: Clients, tickets: Tickets) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.tickets = tickets

    def connect(self, *, blocks: Blocks) -> None:
        """The areas built after this one that it also asks."""
        self.blocks = blocks

    # reading

    def versions(self, ticket_id: int) -> list[Estimate]:
        """Every version of a ticket's estimate, oldest first, each with its last decision."""
        decisions = {
            row["estimate_id"]: Decision.model_validate(row)
            for row in self.db.query(
                "SELECT d.* FROM decisions d JOIN estimates e ON e.id = d.estimate_id"
                " WHERE e.ticket_id = ? ORDER BY d.id",
                [ticket_id],
            )
        }
        return [
            Estimate.model_validate({**row, "decision": decisions.get(row["id"])})
            for row in self.db.query(
                "SELECT * FROM estimates WHERE ticket_id = ? ORDER BY version", [ticket_id]
            )
        ]

    def current(self, ticket_id: int) -> Estimate | None:
        versions = self.versions(ticket_id)
        return versions[-1] if versions else None

    def budgets(self, ticket_ids: list[int]) -> dict[int, Budget]:
        """Budgets of many tickets in two queries (the inbox shows a page at once)."""
        if not ticket_ids:
            return {}
        marks = ",".join("?" * len(ticket_ids))
        now = self.ctx.clock.timestamp()
        used = dict(
            self.db.execute(
                f"SELECT ticket_id, sum(coalesce(end_at, max(?, start_at)) - start_at)"
                f" FROM time_entries WHERE billable = 1 AND ticket_id IN ({marks})"
                " GROUP BY ticket_id",
                [now, *ticket_ids],
            ).fetchall()
        )
        current = {}
        for row in self.db.query(
            f"SELECT e.*, d.id AS d_id, d.outcome, d.text, d.source_entry_id, d.received_at,"
            f" d.recorded_at FROM estimates e LEFT JOIN decisions d ON d.id ="
            f" (SELECT max(id) FROM decisions WHERE estimate_id = e.id)"
            f" WHERE e.ticket_id IN ({marks}) AND e.version ="
            f" (SELECT max(version) FROM estimates x WHERE x.ticket_id = e.ticket_id)",
            ticket_ids,
        ):
            decision = None
            if row["d_id"] is not None:
                decision = Decision(
                    id=row["d_id"],
                    estimate_id=row["id"],
                    outcome=row["outcome"],
                    text=row["text"],
                    source_entry_id=row["source_entry_id"],
                    received_at=row["received_at"],
                    recorded_at=row["recorded_at"],
                )
            current[row["ticket_id"]] = Estimate.model_validate({**row, "decision": decision})
        return {i: Budget(used.get(i) or 0, current.get(i)) for i in ticket_ids}

    def budget(self, ticket_id: int) -> Budget:
        return self.budgets([ticket_id])[ticket_id]

    def gate(self, ticket: Ticket) -> Gate:
        """May billable time be booked on this ticket now? (see :func:`rules.gate`)"""
        return rules.gate(ticket, self.budget(ticket.id), self.ctx.clock.timestamp())

    # writing

    def send(
        self,
        ref: str | int,
        *,
        hours: str | int,
        rate: str | None = None,
        scope: str = "",
        billable: bool = True,
    ) -> Estimate:
        """Record a new estimate version as sent; the ticket waits for the client's approval."""
        seconds = hours if isinstance(hours, int) else parse_duration(hours, "hours")
        if billable and seconds <= 0:
            raise Invalid("hours", "A billable estimate needs more than zero hours.")
        rate_cents = None if rate in (None, "") else parse_amount(rate, "rate")
        scope = typed(scope.strip(), "scope")
        with write(self.db):
            ticket = self.tickets.get(ref)
            rules.refuse_done(ticket, "estimate")
            if rate_cents is None:
                rate_cents = self.clients.get(ticket.client_id).rate_cents
            if billable and rate_cents <= 0:
                raise Invalid("rate", "A billable estimate needs an hourly rate above zero.")
            previous = self.current(ticket.id)
            version = previous.version + 1 if previous else 1
            cur = self.db.execute(
                "INSERT INTO estimates (ticket_id, version, billable, seconds, rate_cents, scope,"
                " sent_at) VALUES (?,?,?,?,?,?,?)",
                [
                    ticket.id,
                    version,
                    int(billable),
                    seconds,
                    rate_cents if billable else 0,
                    scope,
                    self.ctx.clock.timestamp(),
                ],
            )
            estimate = self._estimate(new_id(cur))
            # Built from the typed scope so that add_entry finds (and reports) any credential.
            body = self.message(ticket, estimate.model_copy(update={"scope": scope}))
            if previous is not None and previous.approved:
                body += (
                    f"\n\n(This version replaces estimate v{previous.version}, approved before.)"
                )
            self.tickets.add_entry(
                ticket,
                "estimate",
                "consultant",
                body,
                {
                    "version": version,
                    "billable": billable,
                    "seconds": seconds,
                    "rate_cents": estimate.rate_cents,
                    "amount_cents": self.amount(estimate),
                },
            )
            self.db.execute(
                "UPDATE tickets SET billable = ? WHERE id = ?", [int(billable), ticket.id]
            )
            if (ticket.status, ticket.hold_reason) != ("on_hold", "awaiting_approval"):
                self.tickets.move(
                    ticket, "on_hold", "awaiting_approval", f"Estimate v{version} sent."
                )
        return self._estimate(estimate.id)

    def approve(
        self,
        ref: str | int,
        *,
        text: str | None = None,
        entry_id: int | None = None,
        received_at: int | None = None,
    ) -> Estimate:
        """Record the client's written approval of the current version."""
        with write(self.db):
            ticket = self.tickets.get(ref)
            rules.refuse_done(ticket, "approval")
            estimate = self.current(ticket.id)
            if estimate is None and ticket.billable:
                raise Refused(
                    f"{ticket.ref} has no estimate to approve.",
                    f"Send one first: hourdesk estimate {ticket.ref} --hours H.",
                    keys="Send one first: press e.",
                )
            if estimate is not None:
                self._undecided(ticket, estimate)
            field = "entry_id" if entry_id is not None and received_at is None else "received"
            text, entry_id, received_at = self._words(ticket, text, entry_id, received_at)
            now = self.ctx.clock.timestamp()
            rules.refuse_early_approval(estimate, field, received_at, now)
            if estimate is None:
                estimate = self.send(
                    ticket.number, hours=0, billable=False, scope="Not billable: no charge."
                )
                ticket = self.tickets.get(ticket.number)
            self._decide(ticket, estimate, "approved", text, entry_id, received_at)
            self.tickets.move(
                ticket, "approved", None, f"Estimate v{estimate.version} approved by the client."
            )
        return self._estimate(estimate.id)

    def decline(self, ref: str | int, *, text: str | None = None, close: bool = False) -> Estimate:
        """Record that the client declined the current version; hold or close the ticket."""
        words = (text or "").strip() or "The client declined the estimate."
        with write(self.db):
            ticket = self.tickets.get(ref)
            rules.refuse_done(ticket, "decline")
            estimate = self.current(ticket.id)
            if estimate is None:
                raise Refused(f"{ticket.ref} has no estimate to decline.")
            self._undecided(ticket, estimate)
            self._decide(ticket, estimate, "declined", words, None, self.ctx.clock.timestamp())
            status, reason = ("closed", None) if close else ("on_hold", "declined")
            self.tickets.move(ticket, status, reason, f"Estimate v{estimate.version} declined.")
        return self._estimate(estimate.id)

    def _undecided(self, ticket: Ticket, estimate: Estimate) -> None:
        """One decision per version: a version the client decided on takes no other."""
        if estimate.decision is not None:
            outcome = estimate.decision.outcome
            raise Refused(
                f"Estimate v{estimate.version} of {ticket.ref} is already {outcome}.",
                "Work on it may start."
                if outcome == "approved"
                else "Send a revised estimate for a new decision.",
            )

    def _words(
        self, ticket: Ticket, text: str | None, entry_id: int | None, received_at: int | None
    ) -> tuple[str, int | None, int]:
        """The approving words: pasted text, or a client message of this ticket."""
        if entry_id is not None:
            rows = list(
                self.db.query(
                    "SELECT * FROM entries WHERE id = ? AND ticket_id = ?", [entry_id, ticket.id]
                )
            )
            if not rows or rows[0]["author"] != "client":
                raise Invalid("entry", "Pick a message written by the client in this ticket.")
            row = rows[0]
            return row["body"], entry_id, received_at or row["received_at"] or row["created_at"]
        if not text or not text.strip():
            raise Invalid(
                "text",
                "Approval needs the client's written words.",
                "Paste the client's reply, or pick their message in the thread.",
            )
        return text.strip(), None, received_at or self.ctx.clock.timestamp()

    def _decide(
        self,
        ticket: Ticket,
        estimate: Estimate,
        outcome: str,
        text: str,
        entry_id: int | None,
        received_at: int,
    ) -> None:
        self.db.execute(
            "INSERT INTO decisions (estimate_id, outcome, text, source_entry_id, received_at,"
            " recorded_at) VALUES (?,?,?,?,?,?)",
            [
                estimate.id,
                outcome,
                received(text)[0],
                entry_id,
                received_at,
                self.ctx.clock.timestamp(),
            ],
        )
        quoted = "\n".join(f"> {line}" for line in text.splitlines())
        self.tickets.add_entry(
            ticket,
            "approval" if outcome == "approved" else "decline",
            "consultant",
            f"Client {outcome} estimate v{estimate.version}:\n{quoted}",
            {"version": estimate.version, "received_at": received_at, "source_entry_id": entry_id},
        )

    def _estimate(self, estimate_id: int) -> Estimate:
        row = next(self.db.query("SELECT ticket_id FROM estimates WHERE id = ?", [estimate_id]))
        return next(e for e in self.versions(row["ticket_id"]) if e.id == estimate_id)

    # the message to the client

    def amount(self, estimate: Estimate) -> int:
        return amount_for(estimate.seconds, estimate.rate_cents) if estimate.billable else 0

    def message(self, ticket: Ticket, estimate: Estimate) -> str:
        """The estimate as the client reads it."""
        locale = self.ctx.settings.locale
        lines = [f"Estimate v{estimate.version} for {ticket.ref}: {ticket.subject}", ""]
        if estimate.billable:
            lines += [
                "Billable: yes",
                f"Estimated time: {format_duration(estimate.seconds)}",
                f"Hourly rate: {format_usd(estimate.rate_cents, locale)}",
                f"Estimated total: {format_usd(self.amount(estimate), locale)}",
            ]
            if covered := self.blocks.estimate_note(ticket.client_id, estimate):
                lines.append(covered)
        else:
            lines += ["Billable: no. This request is handled free of charge."]
        if estimate.scope:
            lines += ["", "Scope:", estimate.scope]
        lines += [
            "",
            "Work starts once you confirm this estimate in writing: reply to this "
            f"message with your approval, keeping [{ticket.ref}] in the subject.",
        ]
        return "\n".join(lines)

    def draft(self, ref: str | int, folder: Path) -> Path:
        """Write the current estimate as an email draft (.eml) for the consultant's mail client."""
        from hourdesk.exports.email import build_message, write_draft

        ticket = self.tickets.get(ref)
        estimate = self.current(ticket.id)
        if estimate is None:
            raise NotFound(f"{ticket.ref} has no estimate yet.")
        business = self.ctx.settings.business
        if not business.email:
            raise Refused("Your business email is not set.", "Set it in Settings (key ,).")
        client = self.clients.get(ticket.client_id)
        if not client.emails:
            raise Refused(f"{client.name} has no email address.", "Add one on the clients screen.")
        msg = build_message(
            sender=business.email,
            sender_name=business.name,
            to=[client.emails[0]],
            to_name=client.name,
            subject=f"[{ticket.ref}] Estimate: {ticket.subject}",
            body=self.message(ticket, estimate),
            date=self.ctx.clock.now(),
        )
        return write_draft(msg, folder, f"{ticket.ref}-estimate-v{estimate.version}")
