"""Payments, invoice statuses, receivables, and the payment hold on overdue clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.money import format_usd, parse_amount
from hourdesk.app.desk import rules
from hourdesk.app.desk.billing.balance import BALANCE, OPEN
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.writing import write
from hourdesk.storage.models import Invoice, Payment, Ticket

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.invoicing import Invoicing
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets

BUCKETS = ("current", "1-30", "31-60", "61-90", "over 90")
METHODS = {"bank": "bank transfer", "paypal": "PayPal"}


@dataclass(frozen=True)
class Account:
    """An invoice with what was paid and credited against it, as of a day."""

    invoice: Invoice
    paid_cents: int
    credited_cents: int
    sent: bool
    today: date

    @property
    def balance_cents(self) -> int:
        if self.invoice.status == "void" or self.invoice.kind == "credit_note":
            return 0
        return self.invoice.total_cents - self.paid_cents - self.credited_cents

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.invoice.due_date).days) if self.balance_cents > 0 else 0

    @property
    def status(self) -> str:
        """issued, sent, partially paid, paid, overdue or void."""
        if self.invoice.status == "void":
            return "void"
        if self.invoice.kind == "credit_note":
            return "credit note"
        if self.balance_cents <= 0:
            return "paid"
        if self.days_overdue:
            return "overdue"
        if self.paid_cents:
            return "partially paid"
        return "sent" if self.sent else "issued"

    @property
    def bucket(self) -> str:
        days = self.days_overdue
        if not days:
            return "current"
        return (
            "1-30"
            if days <= 30
            else "31-60"
            if days <= 60
            else "61-90"
            if days <= 90
            else ("over 90")
        )


@dataclass(frozen=True)
class Hold:
    """Why a client's new work is paused (or, under the warn policy, only flagged)."""

    client_name: str
    overdue: list[Account]
    pause: bool

    def reason(self) -> str:
        first = self.overdue[0]
        total = sum(a.balance_cents for a in self.overdue)
        more = f" and {len(self.overdue) - 1} more" if len(self.overdue) > 1 else ""
        return (
            f"{self.client_name} has an overdue invoice: {first.invoice.number}, "
            f"{format_usd(first.balance_cents)}, {first.days_overdue} days overdue{more} "
            f"(owed in all: {format_usd(total)})."
        )


@dataclass(frozen=True)
class Receivable:
    client_id: int
    client_name: str
    buckets: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.buckets.values())


@dataclass(frozen=True)
class AccountPage:
    """A page of accounts, newest first."""

    accounts: list[Account]
    total: int  # invoices and credit notes in all
    offset: int  # the newer ones, before this page


class Payments:
    def __init__(self, ctx: Context, *, clients: Clients, tickets: Tickets) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.tickets = tickets

    def connect(self, *, invoicing: Invoicing) -> None:
        """The areas built after this one that it also asks."""
        self.invoicing = invoicing

    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    # reading

    def accounts(self, *, client_id: int | None = None, open_only: bool = False) -> list[Account]:
        """Every invoice with its payments, credits and sent state; ``open_only``: those with
        a balance left."""
        terms = (["i.client_id = ?"] if client_id is not None else []) + (
            [OPEN] if open_only else []
        )
        where = f"WHERE {' AND '.join(terms)}" if terms else ""
        args = [client_id] if client_id is not None else []
        return self.accounts_of(
            self.invoicing.rows(f"{where} ORDER BY i.year DESC, i.seq DESC", args)
        )

    def page(
        self, limit: int, *, after: str | None = None, before: str | None = None
    ) -> AccountPage:
        """``limit`` accounts, newest first: those after invoice number ``after`` (the last
        row of the page shown), or those before ``before`` (its first row), or the first."""
        key = "(SELECT year, seq FROM invoices WHERE number = ?)"
        if before is not None:
            found = self.invoicing.rows(
                f"WHERE (i.year, i.seq) > {key} ORDER BY i.year, i.seq LIMIT ?", [before, limit]
            )[::-1]
        elif after is not None:
            found = self.invoicing.rows(
                f"WHERE (i.year, i.seq) < {key} ORDER BY i.year DESC, i.seq DESC LIMIT ?",
                [after, limit],
            )
        else:
            found = self.invoicing.rows("ORDER BY i.year DESC, i.seq DESC LIMIT ?", [limit])
        offset = 0
        if found:
            (offset,) = self.db.execute(
                f"SELECT count(*) FROM invoices WHERE (year, seq) > {key}", [found[0].number]
            ).fetchone()
        return AccountPage(self.accounts_of(found), self.invoicing.count(), offset)

    def accounts_of(self, invoices: list[Invoice]) -> list[Account]:
        """These invoices with what was paid and credited against them, and whether sent."""
        ids = [i.id for i in invoices]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        paid = dict(
            self.db.execute(
                f"SELECT invoice_id, sum(amount_cents) FROM payments WHERE invoice_id IN ({marks})"
                " GROUP BY invoice_id",
                ids,
            ).fetchall()
        )
        credited = dict(
            self.db.execute(
                f"SELECT credits_invoice_id, -sum(total_cents) FROM invoices"
                f" WHERE status = 'issued' AND credits_invoice_id IN ({marks})"
                " GROUP BY credits_invoice_id",
                ids,
            ).fetchall()
        )
        sent = {
            row[0]
            for row in self.db.execute(
                f"SELECT DISTINCT invoice_id FROM invoice_events WHERE kind = 'sent'"
                f" AND invoice_id IN ({marks})",
                ids,
            )
        }
        today = self.today()
        return [
            Account(i, paid.get(i.id, 0), credited.get(i.id, 0), i.id in sent, today)
            for i in invoices
        ]

    def account(self, number: str) -> Account:
        invoice = self.invoicing.get(number)
        return next(
            a for a in self.accounts(client_id=invoice.client_id) if a.invoice.id == invoice.id
        )

    def payments(self, number: str) -> list[Payment]:
        invoice = self.invoicing.get(number)
        return [
            Payment.model_validate(r)
            for r in self.db.query(
                "SELECT * FROM payments WHERE invoice_id = ? ORDER BY paid_on, id", [invoice.id]
            )
        ]

    def receivables(self) -> list[Receivable]:
        """What each client owes, aged by days overdue; the biggest debt first."""
        days = "julianday(:today) - julianday(i.due_date)"
        rows = self.db.execute(
            f"""SELECT i.client_id, c.name, CASE WHEN {days} <= 0 THEN 'current'
                    WHEN {days} <= 30 THEN '1-30' WHEN {days} <= 60 THEN '31-60'
                    WHEN {days} <= 90 THEN '61-90' ELSE 'over 90' END AS bucket,
                    sum({BALANCE}), max(i.year * 100000 + i.seq)
                FROM invoices i JOIN clients c ON c.id = i.client_id
                WHERE {OPEN} GROUP BY i.client_id, bucket""",
            {"today": self.today().isoformat()},
        ).fetchall()
        owed: dict[int, Receivable] = {}
        newest: dict[int, int] = {}
        for client_id, name, bucket, cents, latest in rows:
            entry = owed.setdefault(
                client_id, Receivable(client_id, name, dict.fromkeys(BUCKETS, 0))
            )
            entry.buckets[bucket] = cents
            newest[client_id] = max(newest.get(client_id, 0), latest)
        return sorted(owed.values(), key=lambda r: (-r.total, -newest[r.client_id]))

    def overdue_clients(self, client_ids: list[int] | None = None) -> set[int]:
        """Ids of clients with an overdue balance, among ``client_ids`` (default: all)."""
        where = ""
        args: list[object] = [self.today().isoformat()]
        if client_ids is not None:
            if not client_ids:
                return set()
            where = f"AND u.client_id IN ({','.join('?' * len(client_ids))})"
            args += client_ids
        # Among the invoices left to pay (``unpaid``, kept by the schema), not every invoice a
        # client ever had: as fast after twenty years as after one.
        rows = self.db.execute(
            "SELECT DISTINCT u.client_id FROM unpaid u JOIN invoices i ON i.id = u.invoice_id"
            f" WHERE u.due_date < ? {where} AND {OPEN}",
            args,
        ).fetchall()
        return {row[0] for row in rows}

    def hold(self, client_id: int) -> Hold | None:
        if not self.overdue_clients([client_id]):
            return None
        client = self.clients.get(client_id)
        overdue = [a for a in self.accounts(client_id=client_id, open_only=True) if a.days_overdue]
        overdue.sort(key=lambda a: -a.days_overdue)
        return Hold(client.name, overdue, self.ctx.settings.hold_policy == "pause")

    def cleared(self, ticket_id: int) -> bool:
        return (
            self.db.execute("SELECT 1 FROM clearances WHERE ticket_id = ?", [ticket_id]).fetchone()
            is not None
        )

    def check_work(self, ticket: Ticket) -> str:
        """The payment hold for work on ``ticket`` (see :func:`rules.hold_warning`)."""
        hold = self.hold(ticket.client_id)
        if hold is None:
            return ""
        return rules.hold_warning(
            ticket,
            hold.reason(),
            pause=hold.pause,
            oldest=hold.overdue[0].invoice.number,
            cleared=self.cleared(ticket.id),
        )

    # writing

    def pay(
        self,
        number: str,
        *,
        amount: str,
        method: str,
        paid_on: date | None = None,
        reference: str = "",
        statement_id: int | None = None,
        fee_cents: int = 0,
    ) -> Account:
        """Record a payment; partial is fine, overpaying or paying a void invoice is not.

        A payment read from a statement names its credit, and the service's fee taken
        out of it (the invoice is paid in full by the gross amount).
        """
        if method not in METHODS:
            raise Invalid("method", "Method is bank or paypal.")
        cents = parse_amount(amount, "amount", allow_zero=False)
        paid_on = paid_on or self.today()
        if paid_on > self.today():
            raise Invalid("date", "A payment date cannot be in the future.")
        locale = self.ctx.settings.locale
        # Checked inside the write transaction: two payments at once cannot overpay.
        with write(self.db):
            account = self.account(number)
            invoice = account.invoice
            if invoice.status == "void":
                raise Refused(
                    f"Invoice {number} is void: it takes no payments.",
                    "Record the payment on the invoice that replaced it.",
                )
            if invoice.kind != "invoice":
                raise Refused(f"{number} is a credit note: it takes no payments.")
            if cents > account.balance_cents:
                raise Refused(
                    f"That is more than invoice {number} has left to pay "
                    f"({format_usd(account.balance_cents, locale)}).",
                    "Check the amount.",
                )
            self.db.execute(
                "INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference,"
                " created_at, statement_id, fee_cents) VALUES (?,?,?,?,?,?,?,?)",
                [
                    invoice.id,
                    cents,
                    paid_on.isoformat(),
                    method,
                    typed(" ".join(str(reference).split()), "reference"),
                    self.ctx.clock.timestamp(),
                    statement_id,
                    fee_cents,
                ],
            )
            after = self.account(number)
            fee = f" ({format_usd(fee_cents, locale)} of it a fee)" if fee_cents else ""
            note = (
                f"Payment of {format_usd(cents, locale)}{fee} received on {paid_on} by "
                f"{METHODS[method]} for invoice {number}; "
                + (
                    "paid in full."
                    if after.balance_cents == 0
                    else f"{format_usd(after.balance_cents, locale)} left."
                )
            )
            for ticket in self.tickets_of(invoice):
                self.tickets.add_entry(
                    ticket,
                    "payment",
                    "consultant",
                    note,
                    {"invoice": number, "amount_cents": cents},
                )
            self.release(invoice.client_id, "Payment received: hold lifted.")
        return self.account(number)

    def tickets_of(self, invoice: Invoice) -> list[Ticket]:
        return self.tickets.rows(
            "WHERE t.id IN (SELECT ticket_id FROM invoice_lines WHERE invoice_id = ?)"
            " ORDER BY t.number",
            [invoice.id],
        )

    def release(self, client_id: int, why: str) -> None:
        """No overdue balance left: tickets held for payment go back to new."""
        if self.hold(client_id) is not None:
            return
        for ticket in self.tickets.rows(
            "WHERE t.client_id = ? AND t.status = 'on_hold' AND t.hold_reason = 'payment'",
            [client_id],
        ):
            self.tickets.move(ticket, "new", None, why)

    def clear(self, ref: str | int, reason: str) -> Ticket:
        """Let an urgent ticket proceed despite the client's payment hold, with a reason."""
        reason = typed(" ".join(str(reason).split()), "reason")
        if not reason:
            raise Invalid("reason", "Payment clearance needs a reason.")
        with write(self.db):
            ticket = self.tickets.get(ref)
            if ticket.priority != "urgent":
                raise Refused(
                    f"{ticket.ref} is not urgent: only urgent tickets can be cleared.",
                    "Record the payment to lift the hold.",
                )
            if self.hold(ticket.client_id) is None:
                raise Refused(f"{ticket.client_name} is not on payment hold.")
            self.db.execute(
                "INSERT INTO clearances (ticket_id, reason, created_at) VALUES (?,?,?)",
                [ticket.id, reason, self.ctx.clock.timestamp()],
            )
            self.tickets.add_entry(
                ticket, "clearance", "consultant", f"Payment clearance recorded: {reason}"
            )
            if ticket.status == "on_hold" and ticket.hold_reason == "payment":
                self.tickets.move(ticket, "new", None, "Cleared to proceed.")
        return self.tickets.get(ticket.number)
