"""Time reports: per ticket, client, category, day, week and month; billable, not, unbilled."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.reports import report
from hourdesk.storage.models import Client, Ticket
from tests.builders import YEARS, approve_back_then, ready_settings

BERLIN = ZoneInfo("Europe/Berlin")
H = 3600


# The client approved long before the time these tests log.


@pytest.fixture(autouse=True)
def berlin(local_zone) -> None:
    """Local days are Berlin days, in Python and in SQLite's 'localtime'."""
    local_zone("Europe/Berlin")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def approved(desk: Desk, client: Client, subject: str, hours: str = "50") -> Ticket:
    ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Please help.")
    approve_back_then(desk, ticket.ref, hours=hours, text="Approved.", ago=YEARS)
    return desk.tickets.get(ticket.ref)


@pytest.fixture
def book(desk: Desk, clock: FixedClock, client: Client):
    """Two clients, three tickets, entries on known local days (Sun 1 to Tue 10 March 2026)."""
    clock.instant = local(2026, 3, 12, 12, 0).astimezone(UTC)
    other = desk.clients.add(name="Zephyr Bakery", emails="hi@zephyr.example", rate="90")
    vpn = approved(desk, client, "VPN drops")
    nas = approved(desk, other, "NAS full")
    free = desk.tickets.new(client_id=other.id, subject="Warranty", billable=False)

    def log(ticket, start, hours, category="implementation", billable=None):
        return desk.timer.log(
            ticket.ref, start=start, seconds=int(hours * H), category=category, billable=billable
        )

    log(vpn, local(2026, 3, 1, 22, 0), 1.5, "investigation")  # Sunday, across midnight
    log(vpn, local(2026, 3, 2, 9, 0), 2)  # Monday
    log(vpn, local(2026, 3, 2, 11, 0), 0.5, "verification", billable=False)  # goodwill
    log(nas, local(2026, 3, 3, 14, 0), 3)  # Tuesday
    log(free, local(2026, 3, 10, 8, 0), 1, "investigation")  # the next week
    return {"vpn": vpn, "nas": nas, "free": free, "other": other}


def rows(result) -> list[tuple]:
    return [(x.label, x.billable, x.non_billable, x.unbilled, x.total) for x in result.lines]


def test_by_ticket(desk, book):
    result = report(desk)
    assert rows(result) == [
        ("HD-0001 VPN drops", 3.5 * H, 0.5 * H, 3.5 * H, 4 * H),
        ("HD-0002 NAS full", 3 * H, 0, 3 * H, 3 * H),
        ("HD-0003 Warranty", 0, 1 * H, 0, 1 * H),
    ]
    totals = result.totals
    assert (totals.billable, totals.non_billable, totals.unbilled, totals.total) == (
        6.5 * H,
        1.5 * H,
        6.5 * H,
        8 * H,
    )


def test_by_client(desk, client, book):
    assert rows(report(desk, by="client")) == [
        (client.name, 3.5 * H, 0.5 * H, 3.5 * H, 4 * H),
        ("Zephyr Bakery", 3 * H, 1 * H, 3 * H, 4 * H),
    ]


def test_by_category(desk, book):
    assert [(x.label, x.total) for x in report(desk, by="category").lines] == [
        ("implementation", 5 * H),
        ("investigation", 2.5 * H),
        ("verification", 0.5 * H),
    ]


def test_by_day_week_and_month(desk, book):
    # an entry belongs to the local day (and week) it starts on
    assert [(x.label, x.total) for x in report(desk, by="day").lines] == [
        ("2026-03-01", 1.5 * H),
        ("2026-03-02", 2.5 * H),
        ("2026-03-03", 3 * H),
        ("2026-03-10", 1 * H),
    ]
    # weeks start on Monday: Sunday 1 March is in the week of 23 February
    assert [(x.label, x.total) for x in report(desk, by="week").lines] == [
        ("2026-02-23", 1.5 * H),
        ("2026-03-02", 5.5 * H),
        ("2026-03-09", 1 * H),
    ]
    assert [(x.label, x.total) for x in report(desk, by="month").lines] == [("2026-03", 8 * H)]


def test_a_local_day_late_in_the_evening_is_still_that_day(desk, clock, client):
    """23:30 in Berlin is 22:30 UTC: the report must not move it by the UTC offset."""
    ticket = approved(desk, client, "Late")
    clock.instant = local(2026, 7, 2, 12, 0).astimezone(UTC)
    desk.timer.log(ticket.ref, start=local(2026, 7, 1, 23, 30), seconds=1200)  # CEST, UTC+2
    desk.timer.log(ticket.ref, start=local(2026, 7, 2, 0, 0), seconds=600)
    assert [(x.label, x.total) for x in report(desk, by="day").lines] == [
        ("2026-07-01", 1200),
        ("2026-07-02", 600),
    ]
    one_day = report(desk, start=date(2026, 7, 1), end=date(2026, 7, 1))
    assert one_day.totals.total == 1200


def test_date_range_includes_both_days(desk, book):
    monday = report(desk, start=date(2026, 3, 2), end=date(2026, 3, 2), by="day")
    assert rows(monday) == [("2026-03-02", 2 * H, 0.5 * H, 2 * H, 2.5 * H)]
    from_tuesday = report(desk, start=date(2026, 3, 3), by="day")
    assert [x.label for x in from_tuesday.lines] == ["2026-03-03", "2026-03-10"]
    to_sunday = report(desk, end=date(2026, 3, 1), by="day")
    assert [x.label for x in to_sunday.lines] == ["2026-03-01"]
    assert report(desk, start=date(2026, 4, 1)).lines == []


def test_client_filter(desk, book):
    result = report(desk, client_id=book["other"].id, by="ticket")
    assert [x.label for x in result.lines] == ["HD-0002 NAS full", "HD-0003 Warranty"]
    assert result.totals.total == 4 * H


def test_running_timer_counts_up_to_now_but_is_not_unbilled_yet(desk, clock, book):
    desk.timer.start(book["nas"].ref)
    clock.advance(minutes=45)
    (nas,) = [x for x in report(desk).lines if x.label.startswith("HD-0002")]
    assert (nas.billable, nas.unbilled, nas.total) == (3 * H + 2700, 3 * H, 3 * H + 2700)


def test_invoiced_time_is_no_longer_unbilled(desk, clock, book):
    desk.settings = ready_settings(
        {"payment": {"bank_details": "IBAN DE00 1234 5678 9012 3456 78"}}
    )
    desk.completion.resolve(book["nas"].ref, "Cleaned up the shares and added a disk.")
    invoice = desk.invoicing.issue(book["other"].id)
    assert invoice.total_cents > 0
    (nas,) = [x for x in report(desk).lines if x.label.startswith("HD-0002")]
    assert (nas.billable, nas.unbilled) == (3 * H, 0)
    assert report(desk).totals.unbilled == 3.5 * H  # only the VPN ticket's billable time


def test_bad_grouping_and_range_are_refused(desk):
    with pytest.raises(Invalid, match="grouping"):
        report(desk, by="year")
    with pytest.raises(Invalid, match="before the start"):
        report(desk, start=date(2026, 3, 2), end=date(2026, 3, 1))


def test_an_empty_desk_has_an_empty_report(desk):
    result = report(desk, by="client")
    assert result.lines == [] and result.totals.total == 0


def test_report_timing_is_independent_of_the_clock_zone_of_storage(desk, clock, client):
    """Instants are stored as UTC seconds: the same entry reads the same in every zone."""
    ticket = approved(desk, client, "Zone")
    clock.instant = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    desk.timer.log(ticket.ref, start=clock.now() - timedelta(hours=2), seconds=5400)
    (stored,) = desk.db.execute("SELECT start_at, end_at FROM time_entries").fetchall()
    assert stored == (int(clock.now().timestamp()) - 7200, int(clock.now().timestamp()) - 1800)
