"""The side doors of the approval gate and the budget stop, closed: an approval must not
predate its estimate, and billable time stops at 100% of the approved budget, by every path."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.facade import Desk
from hourdesk.storage.models import Client
from tests.builders import approve_back_then

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def client(desk: Desk) -> Client:
    return desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="150")


@pytest.fixture
def ticket(desk: Desk, client: Client, clock):
    clock.advance(hours=-2)  # 07:00: the client's request
    t = desk.tickets.new(client_id=client.id, subject="Printer", body="It jams, please help.")
    clock.advance(hours=2)  # 09:00: the estimate
    desk.estimates.send(t.ref, hours="1")
    return t


def request_entry(desk: Desk, ticket):
    return next(e for e in desk.tickets.thread(ticket.id) if e.author == "client")


def test_picking_the_original_request_as_the_approval_is_refused(desk, ticket, clock) -> None:
    clock.advance(minutes=30)
    with pytest.raises(Invalid) as refused:
        desk.estimates.approve(ticket.ref, entry_id=request_entry(desk, ticket).id)
    assert refused.value.field == "entry_id"
    assert "before estimate v1 was sent" in str(refused.value)
    assert desk.estimates.current(ticket.id).decision is None


def test_a_typed_time_before_the_estimate_is_refused_the_same_instant_is_not(
    desk, ticket, clock
) -> None:
    clock.advance(minutes=30)
    early = int((START - timedelta(hours=3)).timestamp())
    with pytest.raises(Invalid) as refused:
        desk.estimates.approve(ticket.ref, text="Yes, go ahead.", received_at=early)
    assert refused.value.field == "received"
    estimate = desk.estimates.approve(
        ticket.ref, text="Yes, go ahead.", received_at=int(START.timestamp())
    )
    assert estimate.decision.received_at == START


def test_an_approval_from_the_future_is_refused(desk, ticket, clock) -> None:
    later = desk.tickets.add_entry(
        ticket, "message", "client", "OK!", received_at=int((START + timedelta(days=1)).timestamp())
    )
    with pytest.raises(Invalid, match="future"):
        desk.estimates.approve(ticket.ref, entry_id=later.id)


def approve(desk: Desk, ticket, clock) -> None:
    clock.advance(minutes=1)
    desk.estimates.approve(ticket.ref, text="Yes, go ahead.")


def billable_seconds(desk: Desk, ref: str) -> tuple[int, int]:
    entries = desk.timer.entries(ref)
    return (
        sum(e.seconds for e in entries if e.billable),
        sum(e.seconds for e in entries if not e.billable),
    )


def test_logging_ten_hours_on_a_one_hour_budget_bills_one(desk, ticket, clock) -> None:
    approve(desk, ticket, clock)
    clock.advance(hours=12)
    start = START + timedelta(hours=1)
    desk.timer.log(ticket.ref, start=start, end=start + timedelta(hours=10))
    assert billable_seconds(desk, ticket.ref) == (3600, 9 * 3600)
    beyond = [e for e in desk.timer.entries(ticket.ref) if not e.billable]
    assert beyond[0].start_at == start + timedelta(hours=1)  # split at the limit
    assert "Beyond the approved budget of estimate v1" in beyond[0].note
    budget = desk.estimates.budget(ticket.id)
    assert budget.used_seconds == budget.estimate.seconds == 3600


def test_a_timer_past_the_budget_is_split_at_the_limit_on_stop(desk, ticket, clock) -> None:
    approve(desk, ticket, clock)
    desk.timer.start(ticket.ref)
    clock.advance(hours=3)
    desk.timer.stop()
    assert billable_seconds(desk, ticket.ref) == (3600, 2 * 3600)
    with pytest.raises(Refused, match="used its approved budget"):
        desk.timer.start(ticket.ref)  # billable: refused; not billable works
    desk.timer.start(ticket.ref, billable=False)


def test_a_correction_cannot_stretch_billable_time_past_the_budget_or_the_approval(
    desk, ticket, clock
) -> None:
    approve(desk, ticket, clock)
    clock.advance(hours=3)
    start = START + timedelta(hours=1)
    entry = desk.timer.log(ticket.ref, start=start, end=start + timedelta(minutes=30))
    with pytest.raises(Refused, match="past its approved budget"):
        desk.timer.edit(entry.id, end=start + timedelta(hours=2))
    with pytest.raises(Refused, match="approved at"):
        desk.timer.edit(entry.id, start=START - timedelta(hours=1))
    assert desk.timer.entry(entry.id).seconds == 1800


def test_the_cli_reports_used_and_approved_seconds_and_never_more(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from hourdesk.app.cli.main import cli

    db = tmp_path / "d.db"
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T09:00:00Z")
    run = CliRunner().invoke
    base = ["--db", str(db)]
    assert (
        run(cli, [*base, "client", "add", "Harbor", "--email", "o@harbor.example"]).exit_code == 0
    )
    made = run(cli, [*base, "ticket", "new", "--client", "Harbor", "--subject", "Printer"])
    assert made.exit_code == 0, made.output
    assert run(cli, [*base, "estimate", "HD-0001", "--hours", "1"]).exit_code == 0
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T09:10:00Z")
    assert run(cli, [*base, "approve", "HD-0001", "--text", "Yes, go ahead."]).exit_code == 0
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T20:00:00Z")
    logged = run(
        cli, [*base, "log", "HD-0001", "--from", "2026-03-02 09:15", "--to", "2026-03-02 19:15"]
    )
    assert logged.exit_code == 0, logged.output
    assert "not billable" in logged.output
    shown = json.loads(run(cli, [*base, "ticket", "show", "HD-0001", "--json"]).output)
    assert shown["budget"]["used_seconds"] == shown["budget"]["approved_seconds"] == 3600


def test_dropping_idle_time_resumes_under_the_same_rules(desk, clock, client) -> None:
    """Carrying on after idle time is a new start: past the approved budget the timer goes on
    as not billable, and a ticket closed meanwhile keeps its timer stopped."""
    ticket = desk.tickets.new(client_id=client.id, subject="VPN", body="Please help.")
    approve_back_then(desk, ticket.ref, hours="1", ago=3600)
    desk.timer.start(ticket.ref)
    clock.advance(minutes=70)
    idle_since = clock.now()
    clock.advance(minutes=20)
    started = desk.timer.drop_idle(idle_since)
    assert not started.entry.billable
    assert "approved budget" in started.warning and "not billable" in started.warning
    billable = sum(e.seconds for e in desk.timer.entries(ticket.ref) if e.billable)
    assert billable == 3600

    desk.timer.stop()
    desk.timer.start(ticket.ref, billable=False)
    clock.advance(minutes=5)
    idle_since = clock.now()
    desk.db.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", [ticket.id])
    with pytest.raises(Refused, match="closed"):
        desk.timer.drop_idle(idle_since)
    assert desk.timer.running() is None


def test_a_closed_ticket_takes_no_decline(desk, ticket) -> None:
    """Declining would move a finished ticket back on hold (or reopen a resolved one)."""
    desk.tickets.set_status(ticket.ref, "closed")
    with pytest.raises(Refused, match="closed: there is no estimate left to decline"):
        desk.estimates.decline(ticket.ref, text="No thanks.")
    assert desk.tickets.get(ticket.ref).status == "closed"
