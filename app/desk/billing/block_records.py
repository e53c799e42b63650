"""A prepaid block and what is read of it: its state, its history, a client's standing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import format_duration, parse_duration
from hourdesk.app.core.money import amount_for

if TYPE_CHECKING:
    from hourdesk.storage.models import Ticket

NOTICE_MARKS = (100, 80)  # % of prepaid hours used


@dataclass(frozen=True)
class Block:
    """A block as of ``today``: its terms, balance and state."""

    id: int
    number: str  # the invoice that sold it
    invoice_id: int
    client_id: int
    client_name: str
    seconds: int  # as sold
    rate_cents: int
    expires_on: date | None
    rollover: str  # none, all or some
    rollover_seconds: int  # for some: how much may roll over
    created_at: datetime
    balance: int  # seconds left
    granted: int  # sold plus rolled in
    rolled_out: int
    closed_by: str | None  # void or credit: the block takes no more hours
    paid: bool
    before_payment: bool
    today: date

    @property
    def expired(self) -> bool:
        return self.expires_on is not None and self.today > self.expires_on

    @property
    def voided(self) -> bool:
        return self.closed_by is not None

    @property
    def state(self) -> str:
        """void, credited, expired, used up, unpaid or active."""
        if self.closed_by:
            return "void" if self.closed_by == "void" else "credited"
        if self.expired:
            return "expired"
        if self.balance <= 0:
            return "used up"
        if not (self.paid or self.before_payment):
            return "unpaid"
        return "active"

    @property
    def usable(self) -> bool:
        return self.state == "active"

    @property
    def used(self) -> int:
        return self.granted - self.balance

    @property
    def rule(self) -> str:
        if self.rollover == "some":
            return f"{format_duration(self.rollover_seconds)} roll over"
        return "all roll over" if self.rollover == "all" else "unused hours lapse"

    def value(self, consumed: int) -> int:
        """Cents of the first ``consumed`` seconds (cumulative, so parts add up exactly)."""
        return amount_for(consumed, self.rate_cents)

    @property
    def unused_cents(self) -> int:
        return self.value(self.granted) - self.value(self.used)


@dataclass(frozen=True)
class Draw:
    """Time of a ticket covered by a block when the ticket is invoiced."""

    block: Block
    ticket: Ticket
    seconds: int
    left: int  # the block's balance after it


@dataclass(frozen=True)
class Event:
    """One entry of a block's history, with the balance after it."""

    id: int
    kind: str
    seconds: int
    at: datetime
    ref: str | None
    subject: str
    invoice: str | None
    detail: str
    balance: int


@dataclass(frozen=True)
class Standing:
    """What a client has left in usable blocks, less the time not yet invoiced."""

    granted: int
    left: int

    @property
    def used_percent(self) -> int:
        return (self.granted - self.left) * 100 // self.granted if self.granted else 0

    @property
    def mark(self) -> int:
        """The last mark passed (0, 80 or 100 % used): the user is told once at each."""
        return next((m for m in NOTICE_MARKS if self.used_percent >= m), 0)

    def notice(self, client_name: str) -> str:
        if self.mark >= 100:
            return f"{client_name}'s prepaid hours are used up: further time is billed."
        return f"{client_name} has used {self.used_percent}% of their prepaid hours."

    def passed(self, seconds: int) -> Standing:
        """This standing after ``seconds`` more of billable time."""
        return Standing(self.granted, self.left - seconds)


def parse_rollover(text: str) -> tuple[str, int]:
    """``none``, ``all`` or hours (``3``, ``2h30m``) that may roll over."""
    word = str(text).strip().lower()
    if word in ("none", "all"):
        return word, 0
    seconds = parse_duration(word, "rollover")
    return ("some", seconds) if seconds else ("none", 0)
