"""Records as hourdesk reads them back from the database."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

Status = Literal["new", "on_hold", "approved", "in_progress", "resolved", "closed"]
HoldReason = Literal["awaiting_approval", "payment", "waiting_on_client", "declined"]
Channel = Literal["email", "web", "referral", "phone", "other"]
Priority = Literal["normal", "urgent"]
PaymentMethod = Literal["bank", "paypal"]
Category = Literal["investigation", "implementation", "verification"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Client(Record):
    id: int
    name: str
    emails: list[str]
    company: str
    billing_address: str
    rate_cents: int
    terms_days: int
    payment_method: PaymentMethod
    notes: str
    prospect: bool
    created_at: datetime


class Ticket(Record):
    id: int
    number: int
    ref: str
    client_id: int
    client_name: str
    subject: str
    channel: Channel
    priority: Priority
    billable: bool
    status: Status
    hold_reason: HoldReason | None
    referred_by: str
    flagged: bool
    created_at: datetime
    updated_at: datetime


class Entry(Record):
    id: int
    ticket_id: int
    kind: str
    author: Literal["client", "consultant", "system"]
    body: str
    data: dict[str, Any]
    message_id: str | None
    received_at: datetime | None
    created_at: datetime

    @field_validator("data", mode="before")
    @classmethod
    def _json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class Decision(Record):
    id: int
    estimate_id: int
    outcome: Literal["approved", "declined"]
    text: str
    source_entry_id: int | None
    received_at: datetime
    recorded_at: datetime


class Estimate(Record):
    id: int
    ticket_id: int
    version: int
    billable: bool
    seconds: int
    rate_cents: int
    scope: str
    sent_at: datetime
    decision: Decision | None = None

    @property
    def approved(self) -> bool:
        return self.decision is not None and self.decision.outcome == "approved"


class TimeEntry(Record):
    id: int
    ticket_id: int
    ref: str = ""
    category: Category
    start_at: datetime
    end_at: datetime | None
    billable: bool
    note: str
    created_at: datetime
    invoice_id: int | None = None

    @property
    def seconds(self) -> int | None:
        """Whole seconds, or None while the timer runs."""
        return None if self.end_at is None else int((self.end_at - self.start_at).total_seconds())


class Invoice(Record):
    id: int
    number: str
    kind: Literal["invoice", "credit_note"]
    credits_invoice_id: int | None
    client_id: int
    client_name: str = ""
    issue_date: date
    due_date: date
    total_cents: int
    status: Literal["issued", "void"]
    void_reason: str | None
    voided_at: datetime | None
    created_at: datetime
    document: dict[str, Any]

    @field_validator("document", mode="before")
    @classmethod
    def _json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class Payment(Record):
    id: int
    invoice_id: int
    amount_cents: int
    paid_on: date
    method: PaymentMethod
    reference: str
    created_at: datetime
    statement_id: int | None = None  # the statement credit it was recorded from
    fee_cents: int = 0  # the payment service's fee, paid out of the amount
