"""Invoices from resolved tickets: eligibility, rounding, gapless numbers, locks, voids, credits."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import decimal_hours, format_duration
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.money import format_usd, parse_amount
from hourdesk.app.core.numbering import invoice_number
from hourdesk.app.core.references import payment_reference, paypal_me_link
from hourdesk.app.core.settings import Business, Settings
from hourdesk.app.desk.text import typed, typed_settings
from hourdesk.app.desk.writing import new_id, write
from hourdesk.exports.documents import InvoiceDocument, InvoiceLine, Party, PaymentInstructions
from hourdesk.storage.models import Client, Invoice, Ticket

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hourdesk.app.desk.billing.blocks import Blocks
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.estimates import Estimates
    from hourdesk.app.desk.tickets import Tickets

ROUNDING_WORDS = {
    "none": "none",
    "up6": "up to 6 min",
    "up15": "up to 15 min",
    "nearest6": "nearest 6 min",
    "nearest15": "nearest 15 min",
}


def rounded(seconds: int, rule: str) -> int:
    """Billed seconds under a rounding rule; raw time is never changed.

    Rounding to the nearest step bills at least one step for any time worked.
    """
    if rule == "none":
        return seconds
    step = (6 if rule.endswith("6") else 15) * 60
    if rule.startswith("up"):
        return -(-seconds // step) * step
    nearest = (seconds + step // 2) // step * step
    return max(nearest, step) if seconds else 0  # worked time never bills as nothing


def line_amount(hours: Decimal, rate_cents: int) -> int:
    """Cents for the printed quantity at an hourly rate: quantity x rate is the amount."""
    return int((hours * rate_cents).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def placeholders(settings: Settings, *, payment: bool = True) -> list[str]:
    """The settings a document prints that are still empty or the defaults."""
    business = settings.business
    missing = []
    if business.name.strip() in ("", Business.model_fields["name"].default):
        missing.append("business name")
    if not business.address.strip():
        missing.append("business address")
    if payment and not settings.payment.bank_details.strip():
        missing.append("bank transfer details")
    return missing


def refuse_placeholders(settings: Settings, *, payment: bool = True) -> None:
    """Nothing goes to a client signed with placeholder details, or with a credential."""
    typed_settings(settings)
    if missing := placeholders(settings, payment=payment):
        raise Refused(
            f"A document cannot go out with placeholder details: set your"
            f" {', '.join(missing)} first.",
            "Fill them in on the settings screen (,) or in config.toml, then try again.",
        )


def _day(timestamp: int) -> date:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().date()


@dataclass(frozen=True)
class Candidate:
    """A ticket that can be billed now, with the line it would get."""

    ticket: Ticket
    line: InvoiceLine


@dataclass(frozen=True)
class Excluded:
    """A ticket with unbilled billable time that cannot be billed yet, and why."""

    ticket: Ticket
    seconds: int
    reason: str


_SELECT = "SELECT i.*, c.name AS client_name FROM invoices i JOIN clients c ON c.id = i.client_id"


class Invoicing:
    def __init__(
        self,
        ctx: Context,
        *,
        clients: Clients,
        estimates: Estimates,
        payments: Payments,
        tickets: Tickets,
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.estimates = estimates
        self.payments = payments
        self.tickets = tickets

    def connect(self, *, blocks: Blocks) -> None:
        """The areas built after this one that it also asks."""
        self.blocks = blocks

    # reading

    def rows(self, clause: str, args: Sequence[object]) -> list[Invoice]:
        return [Invoice.model_validate(r) for r in self.db.query(f"{_SELECT} {clause}", args)]

    def count(self) -> int:
        """How many invoices and credit notes the desk holds."""
        return int(self.db.execute("SELECT count(*) FROM invoices").fetchone()[0])

    def list(self, *, client_id: int | None = None) -> list[Invoice]:
        if client_id is None:
            return self.rows("ORDER BY i.year DESC, i.seq DESC", [])
        return self.rows("WHERE i.client_id = ? ORDER BY i.year DESC, i.seq DESC", [client_id])

    def get(self, number: str) -> Invoice:
        found = self.rows("WHERE i.number = ?", [str(number).strip()])
        if not found:
            raise NotFound(f"There is no invoice {number}.", "See `hourdesk invoice list`.")
        return found[0]

    def document(self, invoice: Invoice) -> InvoiceDocument:
        """The snapshot as issued; a void invoice prints as void, with the reason."""
        doc = InvoiceDocument.model_validate(invoice.document)
        if invoice.status == "void":
            doc = doc.model_copy(update={"status": "void", "void_reason": invoice.void_reason})
        return doc

    def unbilled_seconds(self, ticket_id: int) -> int:
        seconds: int
        (seconds,) = self.db.execute(
            "SELECT coalesce(sum(end_at - start_at), 0) FROM time_entries WHERE ticket_id = ?"
            " AND billable = 1 AND end_at IS NOT NULL AND invoice_id IS NULL",
            [ticket_id],
        ).fetchone()
        return seconds

    def summary(self, ticket_id: int) -> str:
        """The first line of the ticket's latest completion summary."""
        record = next(
            (e for e in reversed(self.tickets.thread(ticket_id)) if e.kind == "completion"),
            None,
        )
        text = (record.data or {}).get("summary", "") if record else ""
        return next((line.strip() for line in text.splitlines() if line.strip()), "")

    def candidates(
        self, client_id: int
    ) -> tuple[builtins.list[Candidate], builtins.list[Excluded]]:
        """The client's tickets with unbilled billable time: billable now, or not and why."""
        rule = self.ctx.settings.timer.rounding
        offered, missing = [], []
        tickets = self.tickets.rows(
            "WHERE t.client_id = ? AND t.id IN (SELECT ticket_id FROM time_entries WHERE"
            " billable = 1 AND end_at IS NOT NULL AND invoice_id IS NULL) ORDER BY t.number",
            [client_id],
        )
        for ticket in tickets:
            seconds = self.unbilled_seconds(ticket.id)
            estimate = self.estimates.current(ticket.id)
            if ticket.status != "resolved":
                missing.append(
                    Excluded(
                        ticket,
                        seconds,
                        f"{ticket.ref} is {ticket.status.replace('_', ' ')}: resolve it first.",
                    )
                )
            elif estimate is None or not estimate.approved or not estimate.billable:
                why = (
                    f"its estimate v{estimate.version} is not approved"
                    if estimate is not None and estimate.billable
                    else "it has no approved billable estimate"
                )
                missing.append(
                    Excluded(ticket, seconds, f"{ticket.ref}: {why}, so its time cannot be billed.")
                )
            else:
                billed = rounded(seconds, rule)
                hours = decimal_hours(billed)
                first, last = self.db.execute(
                    "SELECT min(start_at), max(end_at - (end_at > start_at)) FROM time_entries"
                    " WHERE ticket_id = ? AND billable = 1 AND end_at IS NOT NULL"
                    " AND invoice_id IS NULL",
                    [ticket.id],
                ).fetchone()
                offered.append(
                    Candidate(
                        ticket,
                        InvoiceLine(
                            ref=ticket.ref,
                            subject=ticket.subject,
                            seconds=seconds,
                            billed_seconds=billed,
                            rounding=ROUNDING_WORDS[rule],
                            rate_cents=estimate.rate_cents,
                            amount_cents=line_amount(hours, estimate.rate_cents),
                            hours=hours,
                            first_day=_day(first),
                            last_day=_day(last),
                            summary=self.summary(ticket.id),
                            estimate_version=estimate.version,
                        ),
                    )
                )
        return offered, missing

    # the document

    def _parties(self, client: Client) -> tuple[Party, Party, PaymentInstructions]:
        s = self.ctx.settings
        business = Party(
            name=s.business.name,
            address=s.business.address,
            email=s.business.email or None,
            phone=s.business.phone or None,
        )
        company = client.company or None
        customer = Party(
            name=client.name,
            company=company,
            address=client.billing_address,
            email=client.emails[0] if client.emails else None,
        )
        paypal = s.payment.paypal_address.strip() or None
        payment = PaymentInstructions(
            bank_details=s.payment.bank_details,
            paypal_address=paypal,
            preferred="paypal" if paypal and client.payment_method == "paypal" else "bank",
        )
        return business, customer, payment

    def _pay_by(self, payment: PaymentInstructions, number: str, cents: int) -> PaymentInstructions:
        """The reference to quote, the PayPal.me link and the bank QR text for this invoice."""
        s = self.ctx.settings.payment
        reference = payment_reference(number, s.reference)
        link = None
        if payment.preferred == "paypal" and s.paypal_me:
            link = paypal_me_link(s.paypal_me, cents)
        bank_qr = None
        if s.bank_qr.strip():
            bank_qr = s.bank_qr.format(
                amount=f"{Decimal(cents) / 100:.2f}", reference=reference, number=number
            )
        return payment.model_copy(
            update={"reference": reference, "paypal_link": link, "bank_qr": bank_qr}
        )

    def draft(
        self, client_id: int, refs: builtins.list[str] | None = None, number: str = "DRAFT"
    ) -> tuple[InvoiceDocument, builtins.list[Candidate]]:
        """The invoice that issuing would write, without writing it."""
        client = self.clients.get(client_id)
        refuse_placeholders(self.ctx.settings)
        offered, missing = self.candidates(client_id)
        if refs is not None:
            if not refs:
                raise Refused("No ticket is chosen for the invoice.", "Choose at least one.")
            wanted = {self.ctx.ref(self.ctx.parse_ref(r)) for r in refs}
            known = {c.ticket.ref for c in offered}
            for ref in sorted(wanted - known):
                why = next((m.reason for m in missing if m.ticket.ref == ref), None)
                raise Refused(why or f"{ref} has no unbilled billable time for {client.name}.")
            offered = [c for c in offered if c.ticket.ref in wanted]
        if not offered:
            raise Refused(
                f"{client.name} has no resolved tickets with unbilled billable time.",
                "Resolve a ticket with approved, billable time first.",
            )
        lines = self.blocks.lines(client_id, offered)
        return self.compose(client, lines, number), offered

    def compose(
        self, client: Client, lines: builtins.list[InvoiceLine], number: str, notes: str = ""
    ) -> InvoiceDocument:
        """An invoice of ``lines`` issued today, with the parties and how to pay."""
        issue = self.ctx.clock.now().astimezone().date()
        business, customer, payment = self._parties(client)
        total = sum(line.amount_cents for line in lines)
        return InvoiceDocument(
            number=number,
            issue_date=issue,
            due_date=issue + timedelta(days=client.terms_days),
            terms_days=client.terms_days,
            business=business,
            client=customer,
            lines=lines,
            subtotal_cents=total,
            total_cents=total,
            payment=self._pay_by(payment, number, total),
            notes=notes,
            locale=self.ctx.settings.locale,
        )

    # writing

    def _next_number(self, year: int) -> tuple[int, str]:
        (seq,) = self.db.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM invoices WHERE year = ?", [year]
        ).fetchone()
        return seq, invoice_number(year, seq)

    def file(self, client_id: int, doc: InvoiceDocument) -> tuple[int, InvoiceDocument]:
        """Number ``doc`` in the sequence of its issue date's year and write its row; returns
        the row's id and the numbered document."""
        seq, number = self._next_number(doc.issue_date.year)
        doc = doc.model_copy(
            update={"number": number, "payment": self._pay_by(doc.payment, number, doc.total_cents)}
        )
        return self._insert(client_id, doc, seq), doc

    def _insert(self, client_id: int, doc: InvoiceDocument, seq: int) -> int:
        cur = self.db.execute(
            "INSERT INTO invoices (number, year, seq, client_id, issue_date, due_date,"
            " total_cents, document, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                doc.number,
                doc.issue_date.year,
                seq,
                client_id,
                doc.issue_date.isoformat(),
                doc.due_date.isoformat(),
                doc.total_cents,
                doc.model_dump_json(),
                self.ctx.clock.timestamp(),
            ],
        )
        return new_id(cur)

    def issue(self, client_id: int, refs: builtins.list[str] | None = None) -> Invoice:
        """Number, write, lock the billed time and close the tickets: all or nothing."""
        with write(self.db):
            doc, offered = self.draft(client_id, refs)
            invoice_id, doc = self.file(client_id, doc)
            locale = self.ctx.settings.locale
            tickets = {c.ticket.ref: c.ticket for c in offered}
            for position, line in enumerate(doc.lines, 1):
                ticket = tickets[line.ref]
                self.db.execute(
                    "INSERT INTO invoice_lines (invoice_id, position, ticket_id, seconds,"
                    " billed_seconds, rounding, rate_cents, amount_cents)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [
                        invoice_id,
                        position,
                        ticket.id,
                        line.seconds,
                        line.billed_seconds,
                        line.rounding,
                        line.rate_cents,
                        line.amount_cents,
                    ],
                )
                self.tickets.add_entry(
                    ticket,
                    "invoice",
                    "consultant",
                    f"Billed on invoice {doc.number}: {format_usd(line.amount_cents, locale)} "
                    f"({format_duration(line.billed_seconds)} = {line.hours} h at "
                    f"{format_usd(line.rate_cents, locale)}/h,"
                    f" rounding {line.rounding}).",
                    {"invoice": doc.number, "amount_cents": line.amount_cents},
                )
            self.blocks.draw(client_id, offered, invoice_id, doc.number)
            for ticket in tickets.values():
                self.db.execute(
                    "UPDATE time_entries SET invoice_id = ? WHERE ticket_id = ? AND billable = 1"
                    " AND end_at IS NOT NULL AND invoice_id IS NULL",
                    [invoice_id, ticket.id],
                )
                self.tickets.move(ticket, "closed", None, f"Invoiced on {doc.number}.")
        return self.get(doc.number)

    def void(self, number: str, reason: str) -> Invoice:
        """Void an invoice: its number stays used, its time is released, its tickets reopen."""
        reason = typed(" ".join(str(reason).split()), "reason")
        if not reason:
            raise Invalid("reason", "Voiding needs a reason.")
        # Checked inside the write transaction: another process cannot void or credit it
        # in between.
        with write(self.db):
            invoice = self.get(number)
            if invoice.status == "void":
                raise Refused(f"Invoice {number} is already void.")
            credits = [
                n
                for (n,) in self.db.execute(
                    "SELECT number FROM invoices WHERE credits_invoice_id = ?"
                    " AND status = 'issued' ORDER BY year, seq",
                    [invoice.id],
                )
            ]
            if credits:
                raise Refused(
                    f"Invoice {number} has credit note {', '.join(credits)} against it.",
                    "Void the credit note first, then the invoice.",
                )
            if self.payments.account(number).paid_cents:
                raise Refused(
                    f"Invoice {number} has payments recorded against it.",
                    "Correct it with a credit note instead of voiding it.",
                )
            self.blocks.voided(invoice)
            self.db.execute(
                "UPDATE invoices SET status = 'void', void_reason = ?, voided_at = ? WHERE id = ?",
                [reason, self.ctx.clock.timestamp(), invoice.id],
            )
            self.db.execute(
                "UPDATE time_entries SET invoice_id = NULL WHERE invoice_id = ?", [invoice.id]
            )
            for (ticket_id,) in self.db.execute(
                "SELECT ticket_id FROM invoice_lines WHERE invoice_id = ?"
                " AND ticket_id IS NOT NULL",
                [invoice.id],
            ).fetchall():
                ticket = self.tickets.by_id(ticket_id)
                self.tickets.add_entry(
                    ticket,
                    "invoice",
                    "consultant",
                    f"Invoice {number} voided: {reason}",
                    {"invoice": number, "void": True},
                )
                if ticket.status == "closed":
                    self.tickets.move(
                        ticket, "resolved", None, f"Reopened for billing: invoice {number} voided."
                    )
            self.payments.release(invoice.client_id, f"Invoice {number} voided: hold lifted.")
        return self.get(number)

    def credit(self, number: str, amount: str, reason: str) -> Invoice:
        """A credit note against an issued invoice, numbered in the same sequence."""
        reason = typed(" ".join(str(reason).split()), "reason")
        if not reason:
            raise Invalid("reason", "A credit note needs a reason.")
        cents = parse_amount(amount, "amount", allow_zero=False)
        issue = self.ctx.clock.now().astimezone().date()
        # Checked inside the write transaction: another process cannot credit in between.
        with write(self.db):
            invoice = self.get(number)
            if invoice.kind != "invoice" or invoice.status == "void":
                raise Refused(f"{number} is not an issued invoice.", "Credit notes go against one.")
            left_cents = self.payments.account(number).balance_cents
            if cents > left_cents:
                left = format_usd(left_cents, self.ctx.settings.locale)
                raise Refused(
                    f"That credits more than invoice {number} has left ({left}).",
                    "A credit note reduces what is owed; it does not refund a payment.",
                )
            original = InvoiceDocument.model_validate(invoice.document)
            seq, credit_number = self._next_number(issue.year)
            line = InvoiceLine(
                ref=number,
                subject=f"Credit for invoice {number}: {reason}",
                seconds=0,
                billed_seconds=0,
                rounding="none",
                rate_cents=0,
                amount_cents=-cents,
            )
            doc = original.model_copy(
                update={
                    "number": credit_number,
                    "kind": "credit_note",
                    "credits_number": number,
                    "issue_date": issue,
                    "due_date": issue,
                    "terms_days": 0,
                    "lines": [line],
                    "subtotal_cents": -cents,
                    "total_cents": -cents,
                    "notes": f"Credit note for invoice {number}.",
                }
            )
            cur = self.db.execute(
                "INSERT INTO invoices (number, year, seq, kind, credits_invoice_id, client_id,"
                " issue_date, due_date, total_cents, document, created_at)"
                " VALUES (?,?,?,'credit_note',?,?,?,?,?,?,?)",
                [
                    credit_number,
                    issue.year,
                    seq,
                    invoice.id,
                    invoice.client_id,
                    issue.isoformat(),
                    issue.isoformat(),
                    -cents,
                    doc.model_dump_json(),
                    self.ctx.clock.timestamp(),
                ],
            )
            self.db.execute(
                "INSERT INTO invoice_lines (invoice_id, position, ticket_id, seconds,"
                " billed_seconds, rounding, rate_cents, amount_cents)"
                " VALUES (?, 1, NULL, 0, 0, 'none', 0, ?)",
                [new_id(cur), -cents],
            )
            self.blocks.credited(invoice, cents, new_id(cur))
            self.payments.release(invoice.client_id, f"Credit note {credit_number}: hold lifted.")
        return self.get(credit_number)

    # exports

    def pdf(self, number: str, path: Path | None = None) -> Path:
        """Render the invoice as PDF (slow: call it from a worker in the TUI)."""
        from hourdesk.exports.pdf import render_invoice_pdf

        invoice = self.get(number)
        path = path or self.ctx.exports_dir() / f"invoice-{invoice.number}.pdf"
        return render_invoice_pdf(self.document(invoice), path, self.ctx.template_dir())
