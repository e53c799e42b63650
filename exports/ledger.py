"""A plain-text-accounting journal (hledger and ledger syntax) of invoices and payments.

- An issued invoice: ``Assets:Receivable:<client>`` debit, ``Income:Consulting`` credit,
  in USD, on its issue date.
- A credit note has a negative total, so the same two postings come out reversed.
- A void invoice (or credit note) keeps its transaction on the issue date and gets a
  reversing one on the day it was voided: every number of the gapless sequence appears, and
  the receivable nets to zero.
- A payment: ``Assets:Bank`` (or ``Assets:PayPal``) debit, the client's receivable credit,
  on the day it was paid; a fee PayPal kept is an ``Expenses:Payment fees`` debit, and the
  bank's transaction id is the posting's comment.
- A prepaid block: its invoice credits ``Liabilities:Unearned:<client>`` (deferred revenue)
  instead of income; each drawdown moves its value from there to ``Income:Consulting``, a
  lapse to ``Income:Lapsed blocks``, a rollover through ``Income:Block rollovers`` (nil
  when the rates agree), so ``hledger bal Unearned`` shows the hours still owed as money.

Client names are hostile text: account names and descriptions are sanitised (no ``:``,
no runs of spaces, no control characters, no leading or trailing spaces, no ``;``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

RECEIVABLE = "Assets:Receivable"
INCOME = "Income:Consulting"
PAYMENT_ACCOUNTS = {"bank": "Assets:Bank", "paypal": "Assets:PayPal"}
FEES = "Expenses:Payment fees"
UNEARNED = "Liabilities:Unearned"
BLOCK_INCOME = {"drawdown": INCOME, "return": INCOME, "lapse": "Income:Lapsed blocks"}
ROLLOVERS = "Income:Block rollovers"
CURRENCY = "USD"
UNNAMED = "Unnamed client"

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@dataclass(frozen=True)
class LedgerInvoice:
    """An invoice or credit note as the journal books it."""

    number: str
    kind: str  # "invoice" or "credit_note"
    client: str  # the receivable account is named after it
    issue_date: date
    total_cents: int  # negative for a credit note
    credits: str | None = None  # the invoice a credit note corrects
    void_date: date | None = None
    void_reason: str = ""
    prepaid: bool = False  # sells a block (or credits one): booked as unearned


@dataclass(frozen=True)
class LedgerBlockEvent:
    """Value moved out of (or, negative, back into) a client's unearned hours."""

    block: str  # the invoice that sold it
    client: str
    day: date
    kind: str  # drawdown, return, lapse or rollover
    cents: int  # earned: positive leaves the liability
    ref: str = ""  # the ticket a drawdown covered
    seq: int = 0  # the event's order


@dataclass(frozen=True)
class LedgerPayment:
    """Money received against an invoice (negative for a refund or a correction)."""

    invoice: str
    client: str
    paid_on: date
    amount_cents: int
    method: str  # "bank" or "paypal"
    reference: str = ""  # the bank's or PayPal's transaction id, when it came from a statement
    fee_cents: int = 0  # kept by PayPal: the invoice is paid in full, the fee is an expense


@dataclass(frozen=True)
class Transaction:
    day: date
    order: tuple  # ties on the same day: issues, then payments, then voids, by number
    code: str
    description: str
    postings: tuple[tuple[str, int], ...]  # (account, cents); they sum to zero
    comment: str = ""


def clean_text(value: object) -> str:
    """One line of text that no journal parser reads as syntax: controls and ``;`` removed,
    whitespace folded to single spaces, trimmed."""
    text = _CONTROLS.sub(" ", str(value)).replace(";", ",")
    return " ".join(text.split())


def account_part(name: object) -> str:
    """A client name made safe as the last part of an account name."""
    text = clean_text(str(name).replace(":", "-"))
    return text or UNNAMED


def receivable(client: object) -> str:
    return f"{RECEIVABLE}:{account_part(client)}"


def unearned(client: object) -> str:
    return f"{UNEARNED}:{account_part(client)}"


def amount(cents: int) -> str:
    return f"{CURRENCY} {(Decimal(cents) / 100).quantize(Decimal('0.01'))}"


def invoice_transactions(invoice: LedgerInvoice) -> list[Transaction]:
    account = receivable(invoice.client)
    client = clean_text(invoice.client) or UNNAMED
    what = "Credit note" if invoice.kind == "credit_note" else "Invoice"
    description = f"{client} | {what} {invoice.number}"
    if invoice.credits:
        description += f" for invoice {invoice.credits}"
    income = unearned(invoice.client) if invoice.prepaid else INCOME
    booked = Transaction(
        invoice.issue_date,
        (0, invoice.number),
        invoice.number,
        description,
        ((account, invoice.total_cents), (income, -invoice.total_cents)),
    )
    if invoice.void_date is None:
        return [booked]
    reason = clean_text(invoice.void_reason)
    void = Transaction(
        invoice.void_date,
        (2, invoice.number),
        invoice.number,
        f"{client} | Void of {what.lower()} {invoice.number}",
        ((account, -invoice.total_cents), (income, invoice.total_cents)),
        f"reason: {reason}" if reason else "",
    )
    return [booked, void]


def payment_transaction(payment: LedgerPayment) -> Transaction:
    bank = PAYMENT_ACCOUNTS.get(payment.method, PAYMENT_ACCOUNTS["bank"])
    client = clean_text(payment.client) or UNNAMED
    reference = clean_text(payment.reference)
    return Transaction(
        payment.paid_on,
        (1, payment.invoice),
        payment.invoice,
        f"{client} | Payment for invoice {payment.invoice}",
        (
            (bank, payment.amount_cents - payment.fee_cents),
            *([(FEES, payment.fee_cents)] if payment.fee_cents else []),
            (receivable(payment.client), -payment.amount_cents),
        ),
        f"reference: {reference}" if reference else "",
    )


def block_transaction(event: LedgerBlockEvent) -> Transaction:
    client = clean_text(event.client) or UNNAMED
    words = {"drawdown": "drawn", "return": "given back", "lapse": "lapsed"}
    what = f"Block {event.block} {words.get(event.kind, 'rolled over')}"
    if event.ref:
        what += f" for {clean_text(event.ref)}"
    return Transaction(
        event.day,
        (3, event.block, event.seq),
        event.block,
        f"{client} | {what}",
        (
            (unearned(event.client), event.cents),
            (BLOCK_INCOME.get(event.kind, ROLLOVERS), -event.cents),
        ),
    )


def transactions(
    invoices: Iterable[LedgerInvoice],
    payments: Iterable[LedgerPayment] = (),
    blocks: Iterable[LedgerBlockEvent] = (),
    *,
    start: date | None = None,
    end: date | None = None,
) -> list[Transaction]:
    """Every transaction dated within ``[start, end]`` (both inclusive), in date order."""
    found = [t for i in invoices for t in invoice_transactions(i)]
    found += [payment_transaction(p) for p in payments]
    found += [block_transaction(b) for b in blocks if b.cents]
    found = [
        t for t in found if (start is None or t.day >= start) and (end is None or t.day <= end)
    ]
    return sorted(found, key=lambda t: (t.day, t.order))


def _render(t: Transaction, width: int) -> list[str]:
    head = f"{t.day.isoformat()} * ({t.code}) {t.description}"
    lines = [head]
    if t.comment:
        lines.append(f"    ; {t.comment}")
    for account, cents in t.postings:
        lines.append(f"    {account.ljust(width)}  {amount(cents)}")
    return lines


def journal(
    invoices: Iterable[LedgerInvoice],
    payments: Sequence[LedgerPayment] = (),
    blocks: Sequence[LedgerBlockEvent] = (),
    *,
    start: date | None = None,
    end: date | None = None,
    title: str = "hourdesk journal",
) -> str:
    """The journal text: declarations, then one transaction per event, oldest first."""
    found = transactions(invoices, payments, blocks, start=start, end=end)
    accounts = sorted({account for t in found for account, _ in t.postings})
    width = max((len(a) for a in accounts), default=0)
    period = ""
    if start or end:
        period = f" from {start.isoformat() if start else 'the start'}"
        period += f" to {end.isoformat() if end else 'today'}"
    out = [
        f"; {clean_text(title)}{period}",
        "; Generated by hourdesk: regenerate it rather than editing it.",
        "",
        f"commodity {CURRENCY}",
        f"    format {CURRENCY} 1,000.00",
        "",
    ]
    out += [f"account {a}" for a in accounts]
    for t in found:
        out.append("")
        out += _render(t, width)
    return "\n".join(out) + "\n"
