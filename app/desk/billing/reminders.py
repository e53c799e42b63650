"""Sending invoices and payment reminders: by SMTP, or as .eml drafts; recorded once each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Refused
from hourdesk.app.core.money import format_usd
from hourdesk.app.desk.billing.payments import Account
from hourdesk.storage.db import transaction

if TYPE_CHECKING:
    from collections.abc import Callable
    from email.message import EmailMessage

    from hourdesk.app.desk.billing.invoicing import Invoicing
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.outbox import Outbox
    from hourdesk.app.desk.tickets import Tickets

PLACEHOLDERS = ("client", "number", "amount", "total", "due_date", "days", "business")


@dataclass(frozen=True)
class Due:
    """A reminder step that is due for an invoice."""

    account: Account
    step: int  # 1-based

    @property
    def number(self) -> str:
        return self.account.invoice.number


@dataclass(frozen=True)
class Outcome:
    due: Due
    where: str  # "sent to …", "draft …", "would send …"
    error: str = ""


class Mailer:
    def __init__(
        self,
        ctx: Context,
        *,
        clients: Clients,
        invoicing: Invoicing,
        outbox: Outbox,
        payments: Payments,
        tickets: Tickets,
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.invoicing = invoicing
        self.outbox = outbox
        self.payments = payments
        self.tickets = tickets

    # what goes out

    def _message(self, account: Account, subject: str, body: str) -> EmailMessage:
        number = account.invoice.number
        return self.with_pdf(
            account.invoice.client_id, subject, body, lambda: self.invoicing.pdf(number)
        )

    def with_pdf(
        self, client_id: int, subject: str, body: str, pdf: Callable[[], Path]
    ) -> EmailMessage:
        """A message to the client with the PDF that ``pdf`` renders (once the addresses
        are known to be there)."""
        from hourdesk.exports.email import EmailError, build_message, make_msgid

        business = self.ctx.settings.business
        if not business.email:
            raise Refused("Your business email is not set.", "Set it in Settings (key ,).")
        client = self.clients.get(client_id)
        if not client.emails:
            raise Refused(f"{client.name} has no email address.", "Add one on the clients screen.")
        rendered = pdf()
        domain = business.email.rpartition("@")[2]
        try:
            return build_message(
                sender=business.email,
                sender_name=business.name,
                to=[client.emails[0]],
                to_name=client.name,
                subject=subject,
                body=body,
                date=self.ctx.clock.now(),
                message_id=make_msgid(domain),
                attachments=[(rendered.name, rendered.read_bytes(), "application/pdf")],
            )
        except EmailError as exc:  # an address the clients screen let through, a bad domain
            raise Refused(
                str(exc), f"Check {client.name}'s email address and your business email."
            ) from None

    def _queue(
        self,
        msg: EmailMessage,
        drafts: Path | None,
        stem: str,
        kind: str,
        invoice_id: int | None = None,
        ticket_id: int | None = None,
    ) -> tuple[str, int]:
        """Put a message in the outbox (inside the caller's transaction): (channel, item id).

        What would stop every attempt (no SMTP server, no password) refuses here, before
        anything is recorded; a server that is down leaves the message queued for a retry.
        """
        channel = "draft" if drafts is not None else "smtp"
        if channel == "smtp":
            self.outbox.smtp()
        item = self.outbox.enqueue(
            msg,
            kind=kind,
            channel=channel,
            drafts_dir=drafts,
            draft_stem=stem,
            invoice_id=invoice_id,
            ticket_id=ticket_id,
        )
        return channel, item

    def deliver(
        self,
        msg: EmailMessage,
        drafts: Path | None,
        stem: str,
        ticket_id: int | None = None,
        *,
        invoice_id: int | None = None,
    ) -> tuple[str, str]:
        """Queue one message about a ticket (or an invoice) and deliver it now: (channel,
        what happened).

        Refused when it could not go out yet; it then stays in the outbox, which retries it.
        """
        with transaction(self.db):
            channel, item = self._queue(
                msg, drafts, stem, stem.partition("-")[0], invoice_id, ticket_id
            )
        return channel, self._settle(item)

    def _settle(self, item: int) -> str:
        """Deliver a queued message; its detail, or a refusal saying it waits in the outbox."""
        attempt = self.outbox.deliver_one(item)
        if not attempt.delivered:
            raise Refused(
                f"{attempt.text} It waits in the outbox as #{item}.",
                "`hourdesk outbox --send` retries it.",
            )
        return attempt.text

    def _record(
        self, account: Account, kind: str, step: int, channel: str, detail: str, note: str
    ) -> None:
        self.db.execute(
            "INSERT INTO invoice_events (invoice_id, kind, step, channel, detail, at)"
            " VALUES (?,?,?,?,?,?)",
            [account.invoice.id, kind, step, channel, detail, self.ctx.clock.timestamp()],
        )
        for ticket in self.payments.tickets_of(account.invoice):
            self.tickets.add_entry(
                ticket,
                kind if kind == "reminder" else "invoice",
                "consultant",
                note,
                {"invoice": account.invoice.number, "channel": channel, "step": step},
            )

    # the invoice itself

    def send_invoice(self, number: str, drafts: Path | None = None) -> str:
        """Email the invoice with its PDF (or write the draft) and mark it sent."""
        account = self.payments.account(number)
        if account.invoice.status == "void":
            raise Refused(f"Invoice {number} is void: it is not sent.")
        if account.invoice.kind != "invoice":
            raise Refused(
                f"{number} is a credit note: send it with its PDF by hand.",
                f"hourdesk invoice pdf {number} writes the PDF.",
            )
        business = self.ctx.settings.business
        locale = self.ctx.settings.locale
        body = (
            f"Hello {self.clients.get(account.invoice.client_id).name},\n\n"
            f"Please find attached invoice {number} for "
            f"{format_usd(account.invoice.total_cents, locale)}, due on "
            f"{account.invoice.due_date}.\n\nThank you,\n{business.name}"
        )
        msg = self._message(account, f"Invoice {number} from {business.name}", body)
        with transaction(self.db):
            channel, item = self._queue(
                msg, drafts, f"invoice-{number}", "invoice", account.invoice.id
            )
            self._record(
                account,
                "sent",
                0,
                channel,
                f"outbox #{item}",
                f"Invoice {number} {'sent' if channel == 'smtp' else 'drafted'} (outbox #{item}).",
            )
        return self._settle(item)

    # reminders

    def due(self) -> list[Due]:
        """For each overdue invoice, the latest step it has reached, unless already done."""
        steps = self.ctx.settings.reminders
        found = []
        for account in self.payments.accounts(open_only=True):
            reached = [i for i, s in enumerate(steps, 1) if account.days_overdue >= s.days]
            if not reached:
                continue
            if reached[-1] > self._last_step(account.invoice.id):
                found.append(Due(account, reached[-1]))
        return found

    def _last_step(self, invoice_id: int) -> int:
        done: int
        (done,) = self.db.execute(
            "SELECT coalesce(max(step), 0) FROM invoice_events WHERE invoice_id = ?"
            " AND kind = 'reminder'",
            [invoice_id],
        ).fetchone()
        return done

    def text(self, due: Due) -> tuple[str, str]:
        step = self.ctx.settings.reminders[due.step - 1]
        invoice = due.account.invoice
        locale = self.ctx.settings.locale
        values = {
            "client": self.clients.get(invoice.client_id).name,
            "number": invoice.number,
            "amount": format_usd(due.account.balance_cents, locale),
            "total": format_usd(invoice.total_cents, locale),
            "due_date": invoice.due_date.isoformat(),
            "days": due.account.days_overdue,
            "business": self.ctx.settings.business.name,
        }
        try:
            return step.subject.format(**values), step.body.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise Refused(
                f"Reminder step {due.step} has a bad placeholder ({exc}).",
                f"Use only {{{'}, {'.join(PLACEHOLDERS)}}} in Settings.",
            ) from None

    def remind(self, *, drafts: Path | None = None, dry_run: bool = False) -> list[Outcome]:
        """Send (or draft) every reminder that is due; each step goes out once."""
        outcomes = []
        for due in self.due():
            try:
                subject, body = self.text(due)
                if dry_run:
                    outcomes.append(Outcome(due, f"would send step {due.step}: {subject}"))
                    continue
                msg = self._message(due.account, subject, body)
                with transaction(self.db):
                    if self._last_step(due.account.invoice.id) >= due.step:
                        continue  # another run (cron and a hand-run) got there first
                    channel, item = self._queue(
                        msg,
                        drafts,
                        f"reminder-{due.number}-step{due.step}",
                        "reminder",
                        due.account.invoice.id,
                    )
                    self._record(
                        due.account,
                        "reminder",
                        due.step,
                        channel,
                        f"outbox #{item}",
                        f"Payment reminder {due.step} for invoice {due.number} (outbox #{item}).",
                    )
                outcomes.append(Outcome(due, self._settle(item)))
            except Refused as exc:
                outcomes.append(Outcome(due, "", str(exc)))
        return outcomes
