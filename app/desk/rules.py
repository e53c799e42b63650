"""The rules of the support process, each decided here and nowhere else.

Every function takes the facts it needs (a ticket, its current estimate, the billable time
used, the payment hold) and either says yes, returns a warning, or raises a refusal that says
why and what to do next. The areas gather the facts inside their write transaction and ask
here; none of them repeats a rule.

- No work on a resolved or closed ticket: :func:`refuse_done`.
- The approval gate: :func:`gate` (billable time only with an approved estimate) and
  :func:`refuse_before_approval` (billable time only after the approval).
- The approval itself: :func:`refuse_early_approval` (words sent before the estimate, or from
  the future, approve nothing).
- The budget stop: :func:`budget_split` (billable time stops at 100% of the approved time).
- The payment hold: :func:`hold_warning` (no new work for a client with overdue invoices).
- Status changes: :func:`check_transition` (no way around the gate by status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.timefmt import local

if TYPE_CHECKING:
    from hourdesk.storage.models import Estimate, Ticket

WARN_SHARE = 80  # percent of the approved budget at which the consultant is told
DONE = ("resolved", "closed")  # a ticket whose status in ("resolved", "closed") takes no work


@dataclass(frozen=True)
class Budget:
    """Billable time used against the current estimate of a ticket."""

    used_seconds: int = 0
    estimate: Estimate | None = None

    @property
    def approved_seconds(self) -> int | None:
        """What the client approved in writing for billable time; None when nothing is."""
        estimate = self.estimate
        if estimate is None or not estimate.billable or not estimate.approved:
            return None
        return estimate.seconds

    @property
    def reached(self) -> bool:
        """Billable time has used the whole approved budget."""
        approved = self.approved_seconds
        return bool(approved) and self.used_seconds >= (approved or 0)

    @property
    def share(self) -> int | None:
        if self.estimate is None or not self.estimate.billable or not self.estimate.seconds:
            return None
        return self.used_seconds * 100 // self.estimate.seconds

    def short(self) -> str:
        """``2h10m/3h00m 72%`` for a table column; the status column says the rest."""
        used = format_duration(self.used_seconds)
        if self.estimate is None:
            return used if self.used_seconds else ""
        if not self.estimate.billable:
            return f"{used} n/b"
        return f"{used}/{format_duration(self.estimate.seconds)} {self.share}%"

    def text(self) -> str:
        """``2h10m / 3h00m 72%``, with the version's state when not approved."""
        used = format_duration(self.used_seconds)
        if self.estimate is None:
            return used if self.used_seconds else ""
        if not self.estimate.billable:
            return f"{used} (not billable)"
        text = f"{used} / {format_duration(self.estimate.seconds)} {self.share}%"
        if not self.estimate.approved:
            state = "declined" if self.estimate.decision else "sent"
            text += f" (v{self.estimate.version} {state})"
        return text


@dataclass(frozen=True)
class Gate:
    """Whether billable time may be booked on a ticket, and if not, why and what to do."""

    billable: bool
    reason: str = ""
    hint: str = ""
    warning: str = ""
    keys: str = ""  # the next step in the TUI's keys, where they differ from ``hint``

    def refusal(self) -> Refused:
        return Refused(self.reason, self.hint, keys=self.keys)


def ago(seconds: int) -> str:
    seconds = max(0, seconds)  # a clock set back (or HOURDESK_NOW) must not say "-2 hours ago"
    days = seconds // 86400
    if days >= 1:
        return f"{days} day{'s' * (days != 1)} ago"
    hours = seconds // 3600
    return f"{hours} hour{'s' * (hours != 1)} ago" if hours else "just now"


# no work on finished tickets

_DONE_WORDS = {
    "time": ("no more time on it.", "Reopen it (status in progress) to work on it again."),
    "estimate": ("", "Reopen it before estimating."),
    "approval": ("there is nothing left to approve.", ""),
    "decline": ("there is no estimate left to decline.", ""),
    "access": (
        "it keeps no access.",
        "Reopen it, or store the access on the ticket the work belongs to.",
    ),
}


def refuse_done(ticket: Ticket, what: str) -> None:
    """A resolved or closed ticket takes no time, estimate, approval or access."""
    if ticket.status not in DONE:
        return
    said, hint = _DONE_WORDS[what]
    reason = (
        f"{ticket.ref} is {ticket.status}: {said}" if said else f"{ticket.ref} is {ticket.status}."
    )
    raise Refused(reason, hint)


# the approval gate


def gate(ticket: Ticket, budget: Budget, now: int) -> Gate:
    """May billable time be booked on this ticket now? Non-billable time always may."""
    if ticket.status in DONE:
        return Gate(
            False,
            f"{ticket.ref} is {ticket.status}.",
            "Reopen it (status in progress) to work on it again.",
        )
    estimate = budget.estimate
    if not ticket.billable or (estimate is not None and not estimate.billable):
        return Gate(False, f"{ticket.ref} is not billable.", "Its time is never billed.")
    if estimate is None:
        return Gate(
            False,
            f"{ticket.ref} has no estimate yet.",
            f"Send one first: hourdesk estimate {ticket.ref} --hours H.",
            keys="Send one first: press e.",
        )
    if estimate.decision is None:
        since = ago(now - int(estimate.sent_at.timestamp()))
        return Gate(
            False,
            f"{ticket.ref} is waiting for approval of estimate v{estimate.version} (sent {since}).",
            f"Record the client's written approval: hourdesk approve {ticket.ref}.",
            keys="Record the client's written approval: press A on the ticket.",
        )
    if estimate.decision.outcome == "declined":
        return Gate(
            False,
            f"The client declined estimate v{estimate.version} of {ticket.ref}.",
            "Send a revised estimate, or work on it as non-billable.",
        )
    if estimate.seconds and budget.used_seconds >= estimate.seconds:
        return Gate(
            False,
            f"{ticket.ref} has used its approved budget ({budget.text()}).",
            "Send a revised estimate, or continue as non-billable.",
        )
    share = budget.share or 0
    warning = (
        f"{ticket.ref} has used {share}% of its approved budget." if share >= WARN_SHARE else ""
    )
    return Gate(True, warning=warning)


def refuse_before_approval(ticket: Ticket, estimate: Estimate | None, start: int) -> None:
    """Billable work starts after the client's written approval, not before."""
    if estimate is None or not estimate.approved or estimate.decision is None:
        return  # the gate refuses billable time without an approval
    if start < int(estimate.decision.received_at.timestamp()):
        raise Refused(
            f"{ticket.ref} was approved at {local(estimate.decision.received_at)}: "
            "billable time before that is refused.",
            "Log it as not billable, or from the approval on.",
        )


def refuse_early_approval(
    estimate: Estimate | None, field: str, received_at: int, now: int
) -> None:
    """Words received before the estimate was sent (or in the future) cannot approve it; the
    same instant counts."""
    if received_at > now:
        raise Invalid(field, "The approval cannot have been received in the future.")
    if estimate is not None and received_at < int(estimate.sent_at.timestamp()):
        raise Invalid(
            field,
            f"Those words arrived {local(datetime.fromtimestamp(received_at, UTC))}, before "
            f"estimate v{estimate.version} was sent ({local(estimate.sent_at)}): they "
            "cannot approve it.",
            "Pick the client's reply to the estimate, or paste it with the time it arrived.",
        )


# the budget stop


def budget_split(estimate: Estimate | None, used: int, start: int, end: int) -> int | None:
    """Where billable time ``[start, end)`` reaches the approved budget, when it does.

    Billable time stops at 100% of the approved estimate: the part beyond it is recorded as not
    billable. ``used`` is the billable time already booked besides this span. None when the
    whole span fits (or no budget applies)."""
    if estimate is None or not estimate.approved or not estimate.billable or not estimate.seconds:
        return None
    left = max(0, estimate.seconds - used)
    return start + left if end - start > left else None


def beyond_budget_note(estimate: Estimate) -> str:
    """The note on time recorded as not billable because the budget was used up."""
    return (
        f"Beyond the approved budget of estimate v{estimate.version} "
        f"({format_duration(estimate.seconds)}): not billable until a revised estimate "
        "is approved."
    )


# the payment hold


def hold_warning(ticket: Ticket, reason: str, *, pause: bool, oldest: str, cleared: bool) -> str:
    """Refuse work for a client on payment hold; return a warning under the warn policy.

    ``reason`` says which invoices are overdue ("" when none is), ``oldest`` is the number of
    the one overdue longest. An urgent ticket with a recorded payment clearance may proceed."""
    if not reason:
        return ""
    if not pause:
        return reason
    if ticket.priority == "urgent" and cleared:
        return ""
    hint = f"Record the payment (hourdesk pay {oldest} --amount …)"
    keys = f"Record the payment: P, pick invoice {oldest}, then $"
    if ticket.priority == "urgent":
        hint += f", or record payment clearance for {ticket.ref} (hourdesk clear)"
        keys += f"; or record payment clearance: hourdesk clear {ticket.ref}"
    raise Refused(f"New work is paused: {reason}", hint + ".", keys=keys + ".")


# status changes


def check_transition(
    ticket: Ticket, status: str, *, approved: bool, ticket_gate: Gate, unbilled: int
) -> None:
    """Billable work needs the client's written approval: no way around it by status.

    ``approved``: the current estimate is approved; ``unbilled``: billable seconds not yet
    invoiced."""
    if status == "resolved":
        raise Refused(
            "Resolving needs a summary of what was done.",
            f"Use resolve (hourdesk resolve {ticket.ref} --summary TEXT).",
            keys="Press x on the ticket and write the summary.",
        )
    if status == "closed" and unbilled:
        raise Refused(
            f"{ticket.ref} has unbilled billable time.", "Invoice it: the ticket closes then."
        )
    if not ticket.billable or status not in ("approved", "in_progress"):
        return
    if status == "approved" or not approved:
        reason = (
            ticket_gate.reason
            if not ticket_gate.billable
            else (
                f"{ticket.ref} is billable: it is approved only by the client's written "
                "approval of its estimate."
            )
        )
        raise Refused(reason, ticket_gate.hint or "Record the approval of its estimate instead.")
