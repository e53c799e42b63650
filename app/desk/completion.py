"""Resolving and closing tickets: the completion record is the delivery confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.writing import write
from hourdesk.exports.documents import CompletionDocument, Party
from hourdesk.storage.categories import CATEGORIES, CATEGORY_WORDS
from hourdesk.storage.models import Ticket, TimeEntry
from hourdesk.storage.statuses import OPEN_STATUSES

if TYPE_CHECKING:
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets
    from hourdesk.app.desk.timer import Timer


@dataclass(frozen=True)
class Resolved:
    ticket: Ticket
    stopped: TimeEntry | None


class Completion:
    def __init__(self, ctx: Context, *, clients: Clients, tickets: Tickets, timer: Timer) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.tickets = tickets
        self.timer = timer

    def totals(self, ticket_id: int) -> dict[str, int]:
        """Seconds per category, billable, not billable and in all (finished entries)."""
        totals = dict.fromkeys((*CATEGORIES, "billable", "non_billable", "total"), 0)
        for category, billable, seconds in self.db.execute(
            "SELECT category, billable, sum(end_at - start_at) FROM time_entries"
            " WHERE ticket_id = ? AND end_at IS NOT NULL GROUP BY category, billable",
            [ticket_id],
        ):
            totals[category] += seconds
            totals["billable" if billable else "non_billable"] += seconds
            totals["total"] += seconds
        return totals

    def resolve(self, ref: str | int, summary: str) -> Resolved:
        """Record what was done and the time spent; a timer running on the ticket stops first."""
        summary = str(summary).strip()
        if not summary:
            raise Invalid("summary", "Resolving needs a summary of what was done.")
        typed(summary, "summary")
        with write(self.db):
            ticket = self.tickets.get(ref)
            if ticket.status not in OPEN_STATUSES:
                raise Refused(f"{ticket.ref} is already {ticket.status}.")
            running = self.timer.running()
            stopped = None
            if running is not None and running.ticket_id == ticket.id:
                stopped = self.timer.stop(note="(stopped on resolve)")
            totals = self.totals(ticket.id)
            per_category = (
                ", ".join(
                    f"{CATEGORY_WORDS[c]} {format_duration(totals[c])}"
                    for c in CATEGORIES
                    if totals[c]
                )
                or "no time recorded"
            )
            body = (
                f"Completed: {ticket.ref} {ticket.subject}\n\nSummary:\n{summary}\n\n"
                f"Confirmation: the work on this request is complete.\n\n"
                f"Time: {per_category}. Total {format_duration(totals['total'])} "
                f"(billable {format_duration(totals['billable'])}, not billable "
                f"{format_duration(totals['non_billable'])})."
            )
            self.tickets.add_entry(
                ticket, "completion", "consultant", body, {"summary": summary, "totals": totals}
            )
            self.tickets.move(ticket, "resolved", None)
        return Resolved(self.tickets.get(ticket.number), stopped)

    def document(self, ref: str | int) -> CompletionDocument:
        """The latest completion record of a ticket, as the client receives it."""
        ticket = self.tickets.get(ref)
        record = next(
            (e for e in reversed(self.tickets.thread(ticket.id)) if e.kind == "completion"),
            None,
        )
        if record is None:
            raise NotFound(f"{ticket.ref} has no completion record yet.", "Resolve it first.")
        client = self.clients.get(ticket.client_id)
        business = self.ctx.settings.business
        totals = record.data["totals"]
        return CompletionDocument(
            ref=ticket.ref,
            subject=ticket.subject,
            resolved_at=record.created_at,
            summary=record.data["summary"],
            client=Party(
                name=client.name, company=client.company or None, address=client.billing_address
            ),
            business=Party(
                name=business.name,
                address=business.address,
                email=business.email or None,
                phone=business.phone or None,
            ),
            seconds_by_category={CATEGORY_WORDS[c]: totals[c] for c in CATEGORIES},
            billable_seconds=totals["billable"],
            non_billable_seconds=totals["non_billable"],
            total_seconds=totals["total"],
            locale=self.ctx.settings.locale,
        )

    def export(self, ref: str | int, fmt: str = "pdf", path: Path | None = None) -> Path:
        """Write the completion record as Markdown or PDF (the delivery confirmation)."""
        from hourdesk.app.desk.billing.invoicing import refuse_placeholders
        from hourdesk.exports.pdf import completion_markdown, render_completion_pdf
        from hourdesk.storage.files import NotWritten, write_whole

        if fmt not in ("md", "pdf"):
            raise Invalid("format", "The completion record exports as md or pdf.")
        refuse_placeholders(self.ctx.settings, payment=False)
        doc = self.document(ref)
        path = path or self.ctx.exports_dir() / f"completion-{doc.ref}.{fmt}"
        try:
            if fmt == "pdf":
                return render_completion_pdf(doc, path, self.ctx.template_dir())
            return write_whole(path, completion_markdown(doc, self.ctx.template_dir()))
        except NotWritten as exc:
            raise Refused(str(exc)) from exc
