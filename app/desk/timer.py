"""The live timer and time entries: one running timer, half-open intervals, the gate first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.timefmt import local
from hourdesk.app.desk import rules
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.writing import new_id, write
from hourdesk.storage.categories import CATEGORIES, CATEGORY_WORDS
from hourdesk.storage.models import Ticket, TimeEntry

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.estimates import Estimates
    from hourdesk.app.desk.tickets import Tickets


@dataclass(frozen=True)
class Started:
    """What a start did: the new running entry, and the one it stopped, if any."""

    entry: TimeEntry
    stopped: TimeEntry | None = None
    warning: str = ""


def clean_note(note: str) -> str:
    """A note on one line; the consultant types it, so a credential in it is refused."""
    return typed(" ".join(str(note).split()), "note")


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise Invalid(
            "category", f"{category!r} is not a category.", f"Use one of {', '.join(CATEGORIES)}."
        )
    return category


class Timer:
    def __init__(
        self, ctx: Context, *, estimates: Estimates, payments: Payments, tickets: Tickets
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.estimates = estimates
        self.payments = payments
        self.tickets = tickets

    # reading

    def _entries(self, where: str, args: Sequence[object]) -> list[TimeEntry]:
        rows = self.db.query(
            f"SELECT e.*, t.number FROM time_entries e JOIN tickets t ON t.id = e.ticket_id"
            f" WHERE {where} ORDER BY e.start_at, e.id",
            args,
        )
        return [TimeEntry.model_validate({**r, "ref": self.ctx.ref(r["number"])}) for r in rows]

    def running(self) -> TimeEntry | None:
        found = self._entries("e.end_at IS NULL", [])
        return found[0] if found else None

    def entry(self, entry_id: int) -> TimeEntry:
        found = self._entries("e.id = ?", [entry_id])
        if not found:
            raise NotFound(f"There is no time entry #{entry_id}.")
        return found[0]

    def entries(self, ref: str | int) -> list[TimeEntry]:
        return self._entries("e.ticket_id = ?", [self.tickets.get(ref).id])

    def elapsed(self, entry: TimeEntry) -> int:
        """Seconds from the stored start to now (or the end): never a count of ticks."""
        end = entry.end_at or self.ctx.clock.now()
        return max(0, int((end - entry.start_at).total_seconds()))

    # the gate

    def check_start(self, ticket: Ticket, billable: bool) -> str:
        """Refuse what the rules do not allow; return a warning worth showing, if any."""
        rules.refuse_done(ticket, "time")
        warning = self.payments.check_work(ticket)
        if not billable:
            return warning
        gate = self.estimates.gate(ticket)
        if not gate.billable:
            raise gate.refusal()
        return " ".join(filter(None, [warning, gate.warning]))

    # the running timer

    def start(
        self,
        ref: str | int,
        *,
        category: str = "investigation",
        note: str = "",
        billable: bool | None = None,
    ) -> Started:
        """Start timing ``ref``; a timer running elsewhere is stopped first, at the same instant."""
        check_category(category)
        now = self.ctx.clock.timestamp()
        with write(self.db):
            ticket = self.tickets.get(ref)
            billable = ticket.billable if billable is None else billable and ticket.billable
            warning = self.check_start(ticket, billable)
            self._refuse_backdating(ticket, now)
            current = self.running()
            if current is not None and current.ticket_id == ticket.id:
                raise Refused(f"The timer is already running on {ticket.ref}.")
            stopped = self._stop(current, now, "") if current else None
            entry_id = self._open(ticket.id, category, now, billable, clean_note(note))
            if ticket.status == "approved" or (ticket.status == "new" and not ticket.billable):
                self.tickets.move(ticket, "in_progress", None, "Work started.")
        return Started(self.entry(entry_id), stopped, warning)

    def _open(self, ticket_id: int, category: str, now: int, billable: bool, note: str) -> int:
        """A running entry from ``now``, inside the caller's transaction; its id."""
        cur = self.db.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)",
            [ticket_id, category, now, int(billable), note, now],
        )
        return new_id(cur)

    def stop(self, *, note: str = "", at: datetime | None = None) -> TimeEntry:
        """Stop the running timer now (or at ``at``, not before its start nor after now)."""
        with write(self.db):
            current = self.running()
            if current is None:
                raise Refused("No timer is running.", "Start one with t on a ticket.")
            end = self.ctx.clock.timestamp() if at is None else int(at.timestamp())
            if end > self.ctx.clock.timestamp():
                raise Invalid("at", "A timer cannot stop in the future.")
            return self._stop(current, end, note)

    def _stop(self, current: TimeEntry, end: int, note: str) -> TimeEntry:
        if end < int(current.start_at.timestamp()):
            raise Invalid(
                "at",
                f"The timer on {current.ref} started at {local(current.start_at)}: "
                "it cannot stop before that.",
                "Choose a later time, or check the computer's clock.",
            )
        note = " ".join(filter(None, [current.note, clean_note(note)]))
        start = int(current.start_at.timestamp())
        ticket = self.tickets.by_id(current.ticket_id)
        split = self._budget_split(ticket, start, end, current.id) if current.billable else None
        if split == start:  # nothing of it fits the budget: all of it is not billable
            note = " ".join(filter(None, [note, self._beyond_note(ticket)]))
            self.db.execute(
                "UPDATE time_entries SET end_at = ?, billable = 0, note = ? WHERE id = ?",
                [end, note, current.id],
            )
        else:
            self.db.execute(
                "UPDATE time_entries SET end_at = ?, note = ? WHERE id = ?",
                [end if split is None else split, note, current.id],
            )
        stopped = self.entry(current.id)
        self._record(stopped, "Worked")
        if split is not None and split > start:
            self._insert(ticket, current.category, split, end, False, self._beyond_note(ticket))
        return stopped

    def _budget_split(
        self, ticket: Ticket, start: int, end: int, entry_id: int | None
    ) -> int | None:
        """Where billable ``[start, end)`` meets the approved budget (``rules.budget_split``)."""
        (used,) = self.db.execute(
            "SELECT coalesce(sum(end_at - start_at), 0) FROM time_entries"
            " WHERE ticket_id = ? AND billable = 1 AND end_at IS NOT NULL AND id IS NOT ?",
            [ticket.id, entry_id],
        ).fetchone()
        return rules.budget_split(self.estimates.current(ticket.id), used, start, end)

    def _beyond_note(self, ticket: Ticket) -> str:
        estimate = self.estimates.current(ticket.id)
        assert estimate is not None  # only asked after a split, which needs an estimate
        return rules.beyond_budget_note(estimate)

    def _insert(
        self, ticket: Ticket, category: str, start: int, end: int, billable: bool, note: str
    ) -> TimeEntry:
        cur = self.db.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [ticket.id, category, start, end, int(billable), note, self.ctx.clock.timestamp()],
        )
        entry = self.entry(new_id(cur))
        self._record(entry, "Logged")
        return entry

    def discard(self) -> TimeEntry:
        """Throw the running timer away (nothing is booked)."""
        with write(self.db):
            current = self.running()
            if current is None:
                raise Refused("No timer is running.")
            self.db.execute("DELETE FROM time_entries WHERE id = ?", [current.id])
        return current

    def set_category(self, category: str) -> TimeEntry:
        check_category(category)
        return self._recategorize(lambda _: category)

    def next_category(self) -> TimeEntry:
        return self._recategorize(
            lambda current: CATEGORIES[(CATEGORIES.index(current) + 1) % len(CATEGORIES)]
        )

    def _recategorize(self, choose: Callable[[str], str]) -> TimeEntry:
        """Give the running timer the category ``choose`` picks from its current one."""
        with write(self.db):
            current = self.running()
            if current is None:
                raise Refused("No timer is running.", "Start one with t on a ticket.")
            self.db.execute(
                "UPDATE time_entries SET category = ? WHERE id = ?",
                [choose(current.category), current.id],
            )
        return self.entry(current.id)

    def overdue(self) -> TimeEntry | None:
        """The running timer, when it has run past the configured limit."""
        current = self.running()
        limit = self.ctx.settings.timer.max_hours * 3600
        return current if current is not None and self.elapsed(current) > limit else None

    def drop_idle(self, idle_since: datetime) -> Started:
        """End the running entry where the idle time began and carry on from now, in one
        transaction (a timer started elsewhere meanwhile is not the one ended).

        Carrying on is a new start: it passes the same rules, so billable time resumes only
        while the gate allows it (else as not billable, said in the warning), and a ticket that
        may take no work now keeps its timer stopped, with the reason."""
        refused: Refused | None = None
        with write(self.db):
            current = self.running()
            if current is None:
                raise Refused("No timer is running.")
            start = int(current.start_at.timestamp())
            self._stop(current, max(int(idle_since.timestamp()), start), "(idle time dropped)")
            ticket = self.tickets.by_id(current.ticket_id)
            gate = self.estimates.gate(ticket) if current.billable else None
            billable = gate is not None and gate.billable
            try:
                warning = self.check_start(ticket, billable)
            except Refused as refusal:  # the stop stands; the refusal says why it stays stopped
                refused = refusal
            else:
                if gate is not None and not gate.billable:
                    said = [warning, gate.reason, "The timer goes on as not billable."]
                    warning = " ".join(filter(None, said))
                now = self.ctx.clock.timestamp()
                entry_id = self._open(ticket.id, current.category, now, billable, current.note)
        if refused is not None:
            raise refused
        return Started(self.entry(entry_id), None, warning)

    # time entries

    def log(
        self,
        ref: str | int,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        seconds: int | None = None,
        category: str = "implementation",
        note: str = "",
        billable: bool | None = None,
    ) -> TimeEntry:
        """Add a finished entry by start and end, by start and duration, or by a duration
        alone, which ends at ``end`` or now."""
        check_category(category)
        if start is None:
            if not seconds:
                raise Invalid("start", "Give the start, or a duration (it then ends now).")
            end = end or self.ctx.clock.now()
            start = end - timedelta(seconds=seconds)
        elif end is None:
            if seconds is None:
                raise Invalid("end", "Give the end or the duration.")
            end = start + timedelta(seconds=seconds)
        start_s, end_s = self._span(start, end)
        with write(self.db):
            ticket = self.tickets.get(ref)
            billable = ticket.billable if billable is None else billable and ticket.billable
            self.check_start(ticket, billable)
            if billable:
                self._refuse_before_approval(ticket, start_s)
            self._refuse_backdating(ticket, start_s)
            self._refuse_overlap(start_s, end_s, None)
            note = clean_note(note)
            split = self._budget_split(ticket, start_s, end_s, None) if billable else None
            if split is None:
                return self._insert(ticket, category, start_s, end_s, billable, note)
            beyond = " ".join(filter(None, [note, self._beyond_note(ticket)]))
            if split == start_s:
                return self._insert(ticket, category, start_s, end_s, False, beyond)
            entry = self._insert(ticket, category, start_s, split, True, note)
            self._insert(ticket, category, split, end_s, False, beyond)
        return entry

    def edit(
        self,
        entry_id: int,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        category: str | None = None,
        note: str | None = None,
    ) -> TimeEntry:
        """Change a finished entry; the thread records the correction."""
        with write(self.db):
            entry = self._unlocked(entry_id)
            if entry.end_at is None:
                raise Refused("That entry is the running timer.", "Stop it first.")
            start_s, end_s = self._span(start or entry.start_at, end or entry.end_at)
            ticket = self.tickets.by_id(entry.ticket_id)
            self._refuse_backdating(ticket, start_s)
            self._refuse_overlap(start_s, end_s, entry_id)
            if entry.billable:
                self._refuse_before_approval(ticket, start_s)
                if self._budget_split(ticket, start_s, end_s, entry_id) is not None:
                    raise Refused(
                        f"That would take {ticket.ref}'s billable time past its approved "
                        f"budget ({self.estimates.budget(ticket.id).text()}).",
                        "Log the extra time as not billable, or send a revised estimate.",
                    )
            self.db.execute(
                "UPDATE time_entries SET start_at = ?, end_at = ?, category = ?, note = ?"
                " WHERE id = ?",
                [
                    start_s,
                    end_s,
                    check_category(category or entry.category),
                    entry.note if note is None else clean_note(note),
                    entry_id,
                ],
            )
            changed = self.entry(entry_id)
            self._record(changed, f"Corrected entry #{entry_id} (was {self._describe(entry)}):")
        return changed

    def delete(self, entry_id: int) -> None:
        with write(self.db):
            entry = self._unlocked(entry_id)
            if entry.end_at is None:
                raise Refused("That entry is the running timer.", "Stop or discard it instead.")
            self.db.execute("DELETE FROM time_entries WHERE id = ?", [entry_id])
            ticket = self.tickets.by_id(entry.ticket_id)
            self.tickets.add_entry(
                ticket,
                "time",
                "consultant",
                f"Deleted entry #{entry_id}: {self._describe(entry)}.",
                {"entry_id": entry_id, "deleted": True},
            )

    def _unlocked(self, entry_id: int) -> TimeEntry:
        entry = self.entry(entry_id)
        if entry.invoice_id is not None:
            number = self.db.execute(
                "SELECT number FROM invoices WHERE id = ?", [entry.invoice_id]
            ).fetchone()[0]
            raise Refused(
                f"Entry #{entry_id} is billed on invoice {number}: it is locked.",
                "Void the invoice to change it.",
            )
        return entry

    def _refuse_before_approval(self, ticket: Ticket, start: int) -> None:
        rules.refuse_before_approval(ticket, self.estimates.current(ticket.id), start)

    def _refuse_backdating(self, ticket: Ticket, start: int) -> None:
        (billed_until,) = self.db.execute(
            "SELECT max(end_at) FROM time_entries WHERE ticket_id = ? AND invoice_id IS NOT NULL",
            [ticket.id],
        ).fetchone()
        if billed_until is not None and start < billed_until:
            until = local(datetime.fromtimestamp(billed_until).astimezone())
            raise Refused(
                f"{ticket.ref} is invoiced up to {until}: time before that cannot be added.",
                "Log it after that point, or void the invoice.",
            )

    def _span(self, start: datetime, end: datetime) -> tuple[int, int]:
        if start.tzinfo is None or end.tzinfo is None:
            raise Invalid("start", "Times need a zone.")
        start_s, end_s = int(start.timestamp()), int(end.timestamp())
        if end_s <= start_s:
            raise Invalid("end", "The end must be after the start.")
        if end_s > self.ctx.clock.timestamp():
            raise Invalid("end", "Time cannot be logged in the future.")
        if end_s - start_s > 24 * 3600:
            raise Invalid("end", "One entry cannot be longer than 24 hours.", "Split it by day.")
        return start_s, end_s

    def _refuse_overlap(self, start: int, end: int, entry_id: int | None) -> None:
        """Half-open intervals: touching is fine, overlapping is refused, naming the other."""
        row = self.db.execute(
            "SELECT e.id FROM time_entries e WHERE e.start_at < ? AND coalesce(e.end_at, ?) > ?"
            " AND e.id IS NOT ? ORDER BY e.start_at LIMIT 1",
            [end, self.ctx.clock.timestamp(), start, entry_id],
        ).fetchone()
        if row:
            other = self.entry(row[0])
            raise Refused(
                f"That overlaps entry #{other.id} on {other.ref} ({self._describe(other)}).",
                "Change the times so they do not overlap.",
            )

    def _describe(self, entry: TimeEntry) -> str:
        end = local(entry.end_at, "%H:%M") if entry.end_at else "running"
        span = f"{local(entry.start_at)}–{end}"
        if entry.seconds is not None:
            span += f", {format_duration(entry.seconds)}"
        return f"{span}, {CATEGORY_WORDS[entry.category]}"

    def _record(self, entry: TimeEntry, verb: str) -> None:
        ticket = self.tickets.by_id(entry.ticket_id)
        billing = "billable" if entry.billable else "not billable"
        body = f"{verb} {self._describe(entry)}, {billing}."
        if entry.note:
            body += f"\nNote: {entry.note}"
        self.tickets.add_entry(
            ticket, "time", "consultant", body, {"entry_id": entry.id, "seconds": entry.seconds}
        )
