"""What a printed document shows: frozen snapshots, independent of the database."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator


class _Snapshot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Party(_Snapshot):
    """The business issuing a document, or the client receiving it."""

    name: str
    company: str | None = None
    address: str = ""  # multi-line
    email: str | None = None
    phone: str | None = None


class InvoiceLine(_Snapshot):
    """One ticket billed on an invoice."""

    ref: str
    subject: str
    seconds: int  # time worked, as recorded
    billed_seconds: int  # after rounding
    rounding: str  # e.g. "none", "up to 15 min"
    rate_cents: int  # per hour
    amount_cents: int  # hours x rate, rounded half-up to the cent
    hours: Decimal | None = None  # billed time as printed, in decimal hours
    first_day: date | None = None  # the days of the work billed
    last_day: date | None = None
    summary: str = ""  # the first line of the completion summary
    estimate_version: int | None = None  # the approved estimate this line bills


class PaymentInstructions(_Snapshot):
    """How the client pays; ``preferred`` decides what is printed first."""

    bank_details: str  # multi-line
    paypal_address: str | None = None
    preferred: Literal["bank", "paypal"] = "bank"
    reference: str = ""  # what the client quotes; the invoice number when empty
    paypal_link: str | None = None  # PayPal.me with the amount, for a client paying by PayPal
    bank_qr: str | None = None  # the text of the bank details QR code

    @model_validator(mode="after")
    def _paypal_needs_address(self) -> PaymentInstructions:
        if self.preferred == "paypal" and not self.paypal_address:
            raise ValueError("preferred is paypal but no paypal_address is set")
        return self


class InvoiceDocument(_Snapshot):
    """An issued (or voided) invoice, exactly as it is printed."""

    number: str  # "2026-0001"
    kind: Literal["invoice", "credit_note"] = "invoice"
    credits_number: str | None = None  # the invoice a credit note corrects
    issue_date: date
    due_date: date
    terms_days: int
    business: Party
    client: Party
    lines: list[InvoiceLine]
    subtotal_cents: int
    total_cents: int
    currency: str = "USD"
    payment: PaymentInstructions
    status: str = "issued"
    void_reason: str | None = None
    notes: str = ""
    locale: str = "en_US"

    @property
    def is_void(self) -> bool:
        return self.status == "void"

    @property
    def is_credit(self) -> bool:
        return self.kind == "credit_note"

    @property
    def title(self) -> str:
        name = "CREDIT NOTE" if self.is_credit else "INVOICE"
        return f"VOID {name}" if self.is_void else name


class CompletionDocument(_Snapshot):
    """A record of a resolved ticket, for the client's files."""

    ref: str
    subject: str
    client: Party
    business: Party
    resolved_at: datetime
    summary: str
    seconds_by_category: dict[str, int]
    billable_seconds: int
    non_billable_seconds: int
    total_seconds: int
    locale: str = "en_US"


class BlockStatementLine(_Snapshot):
    """One entry of a prepaid block's history: a ticket's time, a rollover, a lapse..."""

    day: date
    what: str  # "Drawn", "Rolled over", "Lapsed", ...
    ref: str | None = None  # the ticket whose time was drawn
    subject: str = ""
    seconds: int  # signed change to the balance
    balance: int  # seconds left after it


class BlockStatementDocument(_Snapshot):
    """A prepaid block's statement, for the client: what was drawn and what is left."""

    number: str  # the invoice that sold the block
    business: Party
    client: Party
    sold_on: date
    seconds: int  # as sold
    rate_cents: int
    expires_on: date | None
    rule: str  # what happens to unused hours at expiry
    state: str  # active, unpaid, used up, expired, void
    balance: int
    issued_on: date
    lines: list[BlockStatementLine]
    locale: str = "en_US"
