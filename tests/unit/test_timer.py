"""The live timer and time entries, on a fixed clock: nothing ticks, time only moves when told."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.reports import report
from hourdesk.storage.models import Client, Ticket
from tests.builders import YEARS, approve_back_then

SECRET = "Tr0ub4dor&3xyz"


# The client approved long before the time these tests log.


def approved(desk: Desk, client: Client, hours: str = "10", subject: str = "Printer") -> Ticket:
    """A billable ticket whose current estimate the client approved in writing."""
    ticket = desk.tickets.new(client_id=client.id, subject=subject, body="It is offline.")
    approve_back_then(desk, ticket.ref, hours=hours, ago=YEARS)
    return desk.tickets.get(ticket.ref)


def at(clock: FixedClock, when: datetime) -> None:
    clock.instant = when.astimezone(UTC)


def thread_bodies(desk: Desk, ticket: Ticket, kind: str = "time") -> list[str]:
    return [e.body for e in desk.tickets.thread(ticket.id) if e.kind == kind]


@pytest.fixture
def tz() -> Iterator[callable]:
    """Switch the process's local zone (TZ + tzset, which SQLite's 'localtime' also follows)."""
    before = os.environ.get("TZ")

    def use(name: str) -> ZoneInfo:
        os.environ["TZ"] = name
        time.tzset()
        return ZoneInfo(name)

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# start and stop


def test_start_writes_a_running_row_and_stop_ends_it(desk, clock, client):
    ticket = approved(desk, client)
    started = desk.timer.start(ticket.ref, category="implementation")
    entry = started.entry
    assert (entry.ref, entry.category, entry.billable) == (ticket.ref, "implementation", True)
    assert entry.start_at == clock.now() and entry.end_at is None
    assert started.stopped is None
    assert desk.timer.running() == entry
    assert desk.tickets.get(ticket.ref).status == "in_progress"

    clock.advance(minutes=25)
    stopped = desk.timer.stop()
    assert stopped.id == entry.id
    assert stopped.end_at == clock.now() and stopped.seconds == 25 * 60
    assert desk.timer.running() is None
    assert desk.timer.entries(ticket.ref) == [stopped]
    (booked,) = thread_bodies(desk, ticket)
    assert booked.startswith("Worked ") and "0h25m" in booked and "billable" in booked


def test_stop_without_a_running_timer_is_refused(desk):
    with pytest.raises(Refused, match="No timer is running"):
        desk.timer.stop()


def test_elapsed_is_now_minus_start_not_ticks(desk, clock, client):
    ticket = approved(desk, client, hours="100")
    entry = desk.timer.start(ticket.ref).entry
    assert desk.timer.elapsed(entry) == 0
    clock.advance(hours=3, seconds=5)
    assert desk.timer.elapsed(desk.timer.running()) == 3 * 3600 + 5
    clock.advance(days=2)  # a laptop asleep over the weekend: the wall clock decides
    assert desk.timer.elapsed(entry) == 2 * 86400 + 3 * 3600 + 5
    stopped = desk.timer.stop()
    clock.advance(hours=7)
    assert desk.timer.elapsed(stopped) == stopped.seconds == 2 * 86400 + 3 * 3600 + 5


def test_starting_elsewhere_stops_the_running_timer_at_the_same_instant(desk, clock, client):
    first, second = approved(desk, client, subject="VPN"), approved(desk, client, subject="NAS")
    one = desk.timer.start(first.ref).entry
    clock.advance(minutes=40)
    started = desk.timer.start(second.ref, category="verification")

    assert started.stopped is not None
    assert (started.stopped.id, started.stopped.ref) == (one.id, first.ref)  # says which
    assert started.stopped.seconds == 40 * 60
    assert started.stopped.end_at == started.entry.start_at == clock.now()  # no gap, no overlap
    assert desk.timer.running().id == started.entry.id
    assert (
        desk.db.execute("SELECT count(*) FROM time_entries WHERE end_at IS NULL").fetchone()[0] == 1
    )
    clock.advance(minutes=5)
    desk.timer.stop()
    # the two entries are back to back: a manual entry cannot squeeze in between
    with pytest.raises(Refused, match=f"#{one.id}"):
        desk.timer.log(first.ref, start=one.start_at + timedelta(minutes=39), seconds=120)


def test_starting_again_on_the_same_ticket_is_refused(desk, client):
    ticket = approved(desk, client)
    entry = desk.timer.start(ticket.ref).entry
    with pytest.raises(Refused, match="already running"):
        desk.timer.start(ticket.ref)
    assert desk.timer.running() == entry


def test_the_database_holds_at_most_one_running_timer(desk, client):
    ticket = approved(desk, client)
    desk.timer.start(ticket.ref)
    (sql,) = desk.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'time_entries_one_running'"
    ).fetchone()
    assert "UNIQUE" in sql and "WHERE end_at IS NULL" in sql
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        desk.db.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (?, 'investigation', 1, NULL, 0, '', 1)",
            [ticket.id],
        )
    # finished entries are not limited
    desk.db.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
        " created_at) VALUES (?, 'investigation', 1, 2, 0, '', 1)",
        [ticket.id],
    )


def test_unknown_category_is_refused(desk, client):
    ticket = approved(desk, client)
    with pytest.raises(Invalid, match="not a category"):
        desk.timer.start(ticket.ref, category="coffee")
    assert desk.timer.running() is None


# the gate


def test_billable_ticket_without_an_estimate_is_refused(desk, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    with pytest.raises(Refused) as refused:
        desk.timer.start(ticket.ref)
    assert "no estimate" in refused.value.reason
    assert "estimate" in refused.value.hint  # says what to do
    assert desk.timer.running() is None


def test_billable_ticket_waiting_for_approval_is_refused(desk, clock, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    desk.estimates.send(ticket.ref, hours="2")
    clock.advance(days=2)
    with pytest.raises(Refused) as refused:
        desk.timer.start(ticket.ref)
    assert "waiting for approval of estimate v1 (sent 2 days ago)" in refused.value.reason
    assert "approval" in refused.value.hint


def test_declined_estimate_is_refused(desk, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    desk.estimates.send(ticket.ref, hours="2")
    desk.estimates.decline(ticket.ref, text="Too expensive.")
    with pytest.raises(Refused) as refused:
        desk.timer.start(ticket.ref)
    assert "declined" in refused.value.reason
    assert "non-billable" in refused.value.hint


def test_revised_estimate_needs_a_new_approval(desk, client):
    ticket = approved(desk, client, hours="2")
    desk.estimates.send(ticket.ref, hours="4")
    with pytest.raises(Refused, match="waiting for approval of estimate v2"):
        desk.timer.start(ticket.ref)


def test_over_budget_is_refused_but_not_billable_time_is_allowed(desk, clock, client):
    ticket = approved(desk, client, hours="1")
    desk.timer.start(ticket.ref)
    clock.advance(minutes=50)
    desk.timer.stop()
    started = desk.timer.start(ticket.ref)  # 83 %: allowed, with a warning
    assert "83%" in started.warning
    clock.advance(minutes=10)
    desk.timer.stop()
    with pytest.raises(Refused) as refused:
        desk.timer.start(ticket.ref)
    assert "used its approved budget" in refused.value.reason
    assert "non-billable" in refused.value.hint
    entry = desk.timer.start(ticket.ref, billable=False).entry
    assert entry.billable is False


@pytest.mark.parametrize("state", ["none", "waiting", "declined"])
def test_not_billable_time_passes_the_estimate_gate(desk, client, state):
    ticket = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    if state != "none":
        desk.estimates.send(ticket.ref, hours="2")
    if state == "declined":
        desk.estimates.decline(ticket.ref, text="No.")
    entry = desk.timer.start(ticket.ref, billable=False).entry
    assert entry.billable is False and desk.timer.running() == entry


def test_non_billable_ticket_needs_no_estimate_and_stays_non_billable(desk, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Warranty", billable=False)
    entry = desk.timer.start(ticket.ref, billable=True).entry  # cannot be made billable
    assert entry.billable is False
    assert desk.tickets.get(ticket.ref).status == "in_progress"


@pytest.mark.parametrize("status", ["resolved", "closed"])
@pytest.mark.parametrize("billable", [True, False])
def test_resolved_and_closed_tickets_are_refused_even_not_billable(desk, client, status, billable):
    ticket = approved(desk, client)
    desk.db.execute("UPDATE tickets SET status = ? WHERE id = ?", [status, ticket.id])
    with pytest.raises(Refused) as refused:
        desk.timer.start(ticket.ref, billable=billable)
    assert status in refused.value.reason and "Reopen" in refused.value.hint
    with pytest.raises(Refused, match=status):
        desk.timer.log(ticket.ref, start=START_LOG, seconds=600, billable=billable)
    assert desk.timer.running() is None


START_LOG = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # three hours before the clock


def test_a_refused_start_leaves_the_running_timer_alone(desk, clock, client):
    good = approved(desk, client)
    waiting = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    entry = desk.timer.start(good.ref).entry
    clock.advance(minutes=5)
    with pytest.raises(Refused):
        desk.timer.start(waiting.ref)
    assert desk.timer.running() == entry


# manual entries: half-open intervals


def test_log_by_duration_and_by_start_and_end(desk, clock, client):
    ticket = approved(desk, client)
    by_duration = desk.timer.log(ticket.ref, start=START_LOG - timedelta(hours=2), seconds=1800)
    assert by_duration.seconds == 1800 and by_duration.category == "implementation"
    by_end = desk.timer.log(
        ticket.ref, start=START_LOG, end=START_LOG + timedelta(minutes=45), category="verification"
    )
    assert by_end.seconds == 2700 and by_end.billable is True
    assert [e.id for e in desk.timer.entries(ticket.ref)] == [by_duration.id, by_end.id]
    assert len(thread_bodies(desk, ticket)) == 2
    with pytest.raises(Invalid, match="end or the duration"):
        desk.timer.log(ticket.ref, start=START_LOG - timedelta(hours=5))


def test_billable_time_before_the_written_approval_is_refused(desk, clock, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Backup")
    desk.estimates.send(ticket.ref, hours="5")
    desk.estimates.approve(ticket.ref, text="Go ahead.")
    before = clock.now() - timedelta(hours=3)
    with pytest.raises(Refused, match="billable time before that is refused"):
        desk.timer.log(ticket.ref, start=before, seconds=1800)
    entry = desk.timer.log(ticket.ref, start=before, seconds=1800, billable=False)
    assert entry.billable is False


def test_overlap_is_refused_naming_the_conflicting_entry(desk, client):
    a, b = approved(desk, client, subject="VPN"), approved(desk, client, subject="NAS")
    first = desk.timer.log(a.ref, start=START_LOG, end=START_LOG + timedelta(hours=1))
    for start, end in [
        (START_LOG + timedelta(minutes=30), START_LOG + timedelta(minutes=90)),  # tail
        (START_LOG - timedelta(minutes=30), START_LOG + timedelta(minutes=1)),  # head
        (START_LOG + timedelta(minutes=10), START_LOG + timedelta(minutes=20)),  # inside
        (START_LOG - timedelta(minutes=10), START_LOG + timedelta(minutes=70)),  # around
    ]:
        with pytest.raises(Refused) as refused:
            desk.timer.log(b.ref, start=start, end=end)  # another ticket: still one consultant
        assert f"overlaps entry #{first.id} on {a.ref}" in refused.value.reason
    assert len(desk.timer.entries(b.ref)) == 0


def test_back_to_back_entries_are_accepted(desk, client):
    ticket = approved(desk, client)
    mid = desk.timer.log(ticket.ref, start=START_LOG, end=START_LOG + timedelta(hours=1))
    before = desk.timer.log(ticket.ref, start=START_LOG - timedelta(hours=1), end=START_LOG)
    after = desk.timer.log(ticket.ref, start=mid.end_at, end=mid.end_at + timedelta(minutes=15))
    assert before.end_at == mid.start_at and mid.end_at == after.start_at
    assert len(desk.timer.entries(ticket.ref)) == 3


def test_end_before_or_at_start_is_refused(desk, client):
    ticket = approved(desk, client)
    with pytest.raises(Invalid, match="after the start") as refused:
        desk.timer.log(ticket.ref, start=START_LOG, end=START_LOG - timedelta(minutes=1))
    assert refused.value.field == "end"
    with pytest.raises(Invalid, match="after the start"):
        desk.timer.log(ticket.ref, start=START_LOG, end=START_LOG)


def test_future_time_is_refused(desk, clock, client):
    ticket = approved(desk, client)
    with pytest.raises(Invalid, match="future"):
        desk.timer.log(ticket.ref, start=clock.now() - timedelta(minutes=5), seconds=600)
    # ending exactly now is fine
    entry = desk.timer.log(ticket.ref, start=clock.now() - timedelta(minutes=5), seconds=300)
    assert entry.end_at == clock.now()


def test_long_and_zone_less_entries_are_refused(desk, client):
    ticket = approved(desk, client)
    with pytest.raises(Invalid, match="24 hours"):
        desk.timer.log(ticket.ref, start=START_LOG - timedelta(hours=30), seconds=25 * 3600)
    with pytest.raises(Invalid, match="zone"):
        desk.timer.log(ticket.ref, start=datetime(2026, 3, 1, 9, 0), seconds=600)


def test_logging_over_the_running_timer_is_refused(desk, clock, client):
    ticket = approved(desk, client)
    running = desk.timer.start(ticket.ref).entry
    clock.advance(hours=1)
    with pytest.raises(Refused, match=f"#{running.id}"):
        desk.timer.log(ticket.ref, start=clock.now() - timedelta(minutes=30), seconds=600)
    # just before it started is fine
    desk.timer.log(ticket.ref, start=running.start_at - timedelta(minutes=10), end=running.start_at)


def test_the_gate_applies_to_manual_entries(desk, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Wi-Fi")
    with pytest.raises(Refused, match="no estimate"):
        desk.timer.log(ticket.ref, start=START_LOG, seconds=600)
    entry = desk.timer.log(ticket.ref, start=START_LOG, seconds=600, billable=False)
    assert entry.billable is False


# edit and delete


def test_edit_changes_times_and_records_the_correction(desk, client):
    ticket = approved(desk, client)
    entry = desk.timer.log(ticket.ref, start=START_LOG, end=START_LOG + timedelta(hours=1))
    changed = desk.timer.edit(
        entry.id,
        start=START_LOG + timedelta(minutes=15),
        category="verification",
        note="swapped the toner",
    )
    assert changed.seconds == 45 * 60
    assert (changed.category, changed.note) == ("verification", "swapped the toner")
    assert desk.timer.entry(entry.id) == changed
    assert any(f"Corrected entry #{entry.id}" in b for b in thread_bodies(desk, ticket))


def test_edit_is_checked_like_a_new_entry(desk, clock, client):
    ticket = approved(desk, client)
    one = desk.timer.log(ticket.ref, start=START_LOG, end=START_LOG + timedelta(hours=1))
    two = desk.timer.log(ticket.ref, start=one.end_at, end=one.end_at + timedelta(hours=1))
    with pytest.raises(Refused, match=f"overlaps entry #{one.id}"):
        desk.timer.edit(two.id, start=one.end_at - timedelta(minutes=1))
    with pytest.raises(Invalid, match="after the start"):
        desk.timer.edit(two.id, end=two.start_at - timedelta(minutes=1))
    with pytest.raises(Invalid, match="future"):
        desk.timer.edit(two.id, end=clock.now() + timedelta(minutes=1))
    # moving within its own interval does not conflict with itself
    assert desk.timer.edit(two.id, end=two.end_at - timedelta(minutes=30)).seconds == 1800
    running = desk.timer.start(ticket.ref).entry
    with pytest.raises(Refused, match="running timer"):
        desk.timer.edit(running.id, note="x")


def test_delete_removes_the_entry_and_says_so_in_the_thread(desk, client):
    ticket = approved(desk, client)
    entry = desk.timer.log(ticket.ref, start=START_LOG, seconds=900)
    desk.timer.delete(entry.id)
    assert desk.timer.entries(ticket.ref) == []
    assert any(f"Deleted entry #{entry.id}" in b for b in thread_bodies(desk, ticket))
    with pytest.raises(NotFound):
        desk.timer.delete(entry.id)
    running = desk.timer.start(ticket.ref).entry
    with pytest.raises(Refused, match="running timer"):
        desk.timer.delete(running.id)
    assert desk.timer.running() == running


def test_discard_throws_the_running_timer_away(desk, clock, client):
    ticket = approved(desk, client)
    desk.timer.start(ticket.ref)
    clock.advance(minutes=3)
    desk.timer.discard()
    assert desk.timer.running() is None and desk.timer.entries(ticket.ref) == []
    with pytest.raises(Refused):
        desk.timer.discard()


# category


def test_category_changes_and_cycles(desk, client):
    ticket = approved(desk, client)
    with pytest.raises(Refused, match="No timer"):
        desk.timer.next_category()
    desk.timer.start(ticket.ref)
    assert desk.timer.next_category().category == "implementation"
    assert desk.timer.next_category().category == "verification"
    assert desk.timer.next_category().category == "investigation"
    assert desk.timer.set_category("verification").category == "verification"
    with pytest.raises(Invalid):
        desk.timer.set_category("lunch")
    assert desk.timer.running().category == "verification"


# daylight saving and midnight


def test_a_timer_across_the_fall_back_change_counts_three_hours(desk, clock, client, tz):
    zone = tz("America/New_York")
    ticket = approved(desk, client)
    at(clock, datetime(2024, 11, 3, 0, 30, tzinfo=zone))  # EDT, UTC-4
    entry = desk.timer.start(ticket.ref).entry
    at(clock, datetime(2024, 11, 3, 2, 30, tzinfo=zone))  # EST, UTC-5: 02:30 - 00:30 is 3 h
    assert desk.timer.elapsed(entry) == 10800
    stopped = desk.timer.stop()
    assert stopped.seconds == 10800
    day = report(desk, by="day")
    assert [(x.label, x.total) for x in day.lines] == [("2024-11-03", 10800)]
    only_that_day = report(desk, start=date(2024, 11, 3), end=date(2024, 11, 3), by="day")
    assert only_that_day.totals.total == 10800
    assert report(desk, start=date(2024, 11, 4), by="day").lines == []


def test_a_timer_across_the_spring_forward_change_counts_one_hour(desk, clock, client, tz):
    zone = tz("America/New_York")
    ticket = approved(desk, client)
    at(clock, datetime(2024, 3, 10, 1, 30, tzinfo=zone))  # EST
    desk.timer.start(ticket.ref)
    at(clock, datetime(2024, 3, 10, 3, 30, tzinfo=zone))  # EDT: the clock skipped 02:00-03:00
    assert desk.timer.stop().seconds == 3600
    assert [(x.label, x.total) for x in report(desk, by="day").lines] == [("2024-03-10", 3600)]


def test_entries_across_midnight(desk, clock, client, tz):
    zone = tz("America/New_York")
    ticket = approved(desk, client)
    at(clock, datetime(2024, 6, 4, 12, 0, tzinfo=zone))
    entry = desk.timer.log(
        ticket.ref,
        start=datetime(2024, 6, 2, 23, 15, tzinfo=zone),
        end=datetime(2024, 6, 3, 1, 45, tzinfo=zone),
    )
    assert entry.seconds == 9000
    # back to back with the next day's work, which starts at midnight's other side
    follow = desk.timer.log(
        ticket.ref, start=entry.end_at, end=datetime(2024, 6, 3, 2, 0, tzinfo=zone)
    )
    assert follow.seconds == 900
    # a running timer across midnight
    at(clock, datetime(2024, 6, 3, 23, 50, tzinfo=zone))
    running = desk.timer.start(ticket.ref).entry
    at(clock, datetime(2024, 6, 4, 0, 20, tzinfo=zone))
    assert desk.timer.elapsed(running) == 1800
    desk.timer.stop()
    # an entry belongs to the local day it started on
    days = report(desk, by="day")
    assert [(x.label, x.total) for x in days.lines] == [
        ("2024-06-02", 9000),
        ("2024-06-03", 900 + 1800),
    ]


# forgotten and idle timers


def test_a_forgotten_timer_is_overdue_past_the_limit(desk, clock, client):
    ticket = approved(desk, client, hours="40")
    assert desk.settings.timer.max_hours == 10
    entry = desk.timer.start(ticket.ref).entry
    clock.advance(hours=10)
    assert desk.timer.overdue() is None  # exactly at the limit: not yet
    clock.advance(seconds=1)
    assert desk.timer.overdue() == entry
    desk.settings.timer.max_hours = 12
    assert desk.timer.overdue() is None
    clock.advance(hours=5)
    assert desk.timer.overdue() == entry


def test_a_forgotten_timer_stops_at_the_limit_or_a_chosen_time(desk, clock, client):
    ticket = approved(desk, client, hours="40")
    entry = desk.timer.start(ticket.ref).entry
    clock.advance(hours=14)
    with pytest.raises(Invalid, match="before"):
        desk.timer.stop(at=entry.start_at - timedelta(minutes=1))
    with pytest.raises(Invalid, match="future"):
        desk.timer.stop(at=clock.now() + timedelta(minutes=1))
    limit = entry.start_at + timedelta(hours=desk.settings.timer.max_hours)
    stopped = desk.timer.stop(at=limit, note="(stopped at the limit)")
    assert stopped.seconds == 10 * 3600 and stopped.end_at == limit
    assert stopped.note == "(stopped at the limit)"
    assert desk.timer.overdue() is None and desk.timer.running() is None


def test_drop_idle_ends_the_entry_where_the_idle_time_began(desk, clock, client):
    ticket = approved(desk, client)
    first = desk.timer.start(ticket.ref, category="implementation").entry
    clock.advance(minutes=20)
    idle_since = clock.now()
    clock.advance(minutes=40)
    resumed = desk.timer.drop_idle(idle_since).entry

    kept = desk.timer.entry(first.id)
    assert kept.end_at == idle_since and kept.seconds == 20 * 60
    assert "idle time dropped" in kept.note
    assert resumed.end_at is None and resumed.start_at == clock.now()
    assert (resumed.ticket_id, resumed.category, resumed.billable) == (
        ticket.id,
        "implementation",
        True,
    )
    clock.advance(minutes=5)
    assert desk.timer.stop().seconds == 300
    assert sum(e.seconds for e in desk.timer.entries(ticket.ref)) == 25 * 60


def test_drop_idle_without_a_timer_is_refused(desk, clock):
    with pytest.raises(Refused):
        desk.timer.drop_idle(clock.now())


# notes and the credential guard


def test_notes_with_a_password_are_refused(desk, clock, client):
    """Notes are the consultant's own words: a credential in one is refused, not stored."""
    ticket = approved(desk, client)
    with pytest.raises(Invalid):
        desk.timer.start(ticket.ref, note=f"vpn password: {SECRET}")
    desk.timer.start(ticket.ref)
    clock.advance(minutes=30)
    with pytest.raises(Invalid):
        desk.timer.stop(note=f"the admin password is {SECRET}")
    with pytest.raises(Invalid):
        desk.timer.log(ticket.ref, start=START_LOG, seconds=600, note=f"router password: {SECRET}")
    logged = desk.timer.log(ticket.ref, start=START_LOG, seconds=600, note="router reset")
    with pytest.raises(Invalid):
        desk.timer.edit(logged.id, note=f"wifi password is {SECRET}")
    dump = "\n".join(desk.db.conn.iterdump())
    assert SECRET not in dump


def test_a_duration_alone_ends_now(desk, clock, client):
    """The log-time form and `hourdesk log --minutes` need no start: the time ends now."""
    ticket = approved(desk, client)
    clock.advance(hours=3)
    entry = desk.timer.log(ticket.ref, seconds=45 * 60, category="implementation")
    assert entry.end_at == clock.now() and entry.seconds == 45 * 60
    with pytest.raises(Invalid, match="Give the start, or a duration"):
        desk.timer.log(ticket.ref)
