"""Estimates, the client's written approval and the gate in front of billable work.

Every path of the gate (no estimate, sent, approved, superseded, declined, over budget,
not billable, resolved or closed), the versions and the thread that keeps them verbatim,
the refusals with the field at fault, the message and the .eml draft, and the triggers
that keep estimates and decisions as they were recorded.
"""

from __future__ import annotations

import email
import email.policy
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.durations import parse_duration
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.settings import Business
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.rules import ago
from hourdesk.storage.models import Client, Ticket

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = 3600
APPROVAL = "Hi Ana,\n\nYes — please go ahead with v1.\nBest regards,\nZoë Ångström  \n"


@pytest.fixture
def acme(desk: Desk) -> Client:
    return desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150.00")


@pytest.fixture
def ticket(desk: Desk, acme: Client) -> Ticket:
    return desk.tickets.new(
        client_id=acme.id, subject="Printer offline", body="The printer is offline again."
    )


def fresh(desk: Desk, ticket: Ticket) -> Ticket:
    return desk.tickets.get(ticket.ref)


def book(desk: Desk, ticket: Ticket, minutes: int, *, billable: bool = True, end=True) -> None:
    """A time entry of ``minutes`` ending now (or running since then when ``end`` is False)."""
    now = desk.clock.timestamp()
    start = now - minutes * 60
    desk.db.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
        " created_at) VALUES (?, 'implementation', ?, ?, ?, '', ?)",
        [ticket.id, start, now if end else None, int(billable), now],
    )


def approved(desk: Desk, ticket: Ticket, hours: str = "3") -> Ticket:
    desk.estimates.send(ticket.ref, hours=hours)
    desk.estimates.approve(ticket.ref, text="Approved, go ahead.")
    return fresh(desk, ticket)


def counts(desk: Desk) -> tuple[int, int]:
    return (
        desk.db.execute("SELECT count(*) FROM estimates").fetchone()[0],
        desk.db.execute("SELECT count(*) FROM decisions").fetchone()[0],
    )


# --- the gate ---------------------------------------------------------------------------


def test_gate_without_an_estimate_is_closed_and_says_what_to_do(desk, ticket) -> None:
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "HD-0001 has no estimate yet."
    assert "hourdesk estimate HD-0001 --hours" in gate.hint
    assert isinstance(gate.refusal(), Refused)
    assert str(gate.refusal()).startswith("HD-0001 has no estimate yet.")


def test_gate_while_sent_waits_for_approval_and_says_since_when(desk, ticket, clock) -> None:
    desk.estimates.send(ticket.ref, hours="2")
    clock.advance(hours=1)
    desk.estimates.send(ticket.ref, hours="3")
    clock.advance(days=3, hours=5)
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("on_hold", "awaiting_approval")
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "HD-0001 is waiting for approval of estimate v2 (sent 3 days ago)."
    assert "approval" in gate.hint


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "just now"),
        (59 * 60, "just now"),
        (3600, "1 hour ago"),
        (5 * 3600, "5 hours ago"),
        (86400, "1 day ago"),
        (3 * 86400 + 7200, "3 days ago"),
        (-7200, "just now"),
    ],
)
def test_ago(seconds: int, words: str) -> None:
    assert ago(seconds) == words


def test_gate_opens_once_the_client_approved(desk, ticket) -> None:
    ticket = approved(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("approved", None)
    gate = desk.estimates.gate(ticket)
    assert gate.billable
    assert (gate.reason, gate.warning) == ("", "")


def test_new_version_supersedes_the_approval_until_it_is_approved(desk, ticket, clock) -> None:
    ticket = approved(desk, ticket, "2")
    desk.tickets.set_status(ticket.ref, "in_progress")
    clock.advance(days=1)
    v2 = desk.estimates.send(ticket.ref, hours="4", scope="Also replace the toner.")
    assert v2.version == 2 and v2.decision is None
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("on_hold", "awaiting_approval")
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "HD-0001 is waiting for approval of estimate v2 (sent just now)."
    with pytest.raises(Refused, match="waiting for approval of estimate v2"):
        desk.tickets.set_status(ticket.ref, "in_progress")
    thread = desk.tickets.thread(ticket.id)
    message = [e for e in thread if e.kind == "estimate"][-1]
    assert "replaces estimate v1, approved before" in message.body
    assert desk.estimates.budget(ticket.id).text() == "0h00m / 4h00m 0% (v2 sent)"

    desk.estimates.approve(ticket.ref, text="OK for v2")
    assert desk.estimates.gate(fresh(desk, ticket)).billable
    v1, v2 = desk.estimates.versions(ticket.id)
    assert v1.approved and v1.decision.text == "Approved, go ahead."  # the old approval stays
    assert v2.approved and v2.decision.text == "OK for v2"


def test_declined_puts_the_ticket_on_hold_and_says_why(desk, ticket) -> None:
    desk.estimates.send(ticket.ref, hours="2")
    declined = desk.estimates.decline(ticket.ref, text="Too expensive for us, sorry.")
    assert declined.decision.outcome == "declined"
    assert declined.decision.text == "Too expensive for us, sorry."
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("on_hold", "declined")
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "The client declined estimate v1 of HD-0001."
    assert "revised estimate" in gate.hint
    assert desk.estimates.budget(ticket.id).text() == "0h00m / 2h00m 0% (v1 declined)"
    entry = desk.tickets.thread(ticket.id)[-2]
    assert entry.kind == "decline"
    assert "> Too expensive for us, sorry." in entry.body
    with pytest.raises(Refused, match="already declined"):
        desk.estimates.decline(ticket.ref)
    with pytest.raises(Refused, match="declined"):
        desk.tickets.set_status(ticket.ref, "in_progress")

    # a revised estimate waits for approval again
    desk.estimates.send(ticket.ref, hours="1")
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("on_hold", "awaiting_approval")
    assert "estimate v2" in desk.estimates.gate(ticket).reason


def test_declined_without_words_can_close_the_ticket(desk, ticket) -> None:
    desk.estimates.send(ticket.ref, hours="2")
    desk.estimates.decline(ticket.ref, close=True)
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("closed", None)
    assert desk.estimates.current(ticket.id).decision.text == "The client declined the estimate."
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "HD-0001 is closed."


def test_decline_without_an_estimate_is_refused(desk, ticket) -> None:
    with pytest.raises(Refused, match="no estimate to decline"):
        desk.estimates.decline(ticket.ref)


def test_budget_warns_at_80_percent_and_stops_at_100(desk, ticket, clock) -> None:
    ticket = approved(desk, ticket, "3h")
    book(desk, ticket, 130)
    book(desk, ticket, 500, billable=False)  # non-billable time never counts
    budget = desk.estimates.budget(ticket.id)
    assert (budget.used_seconds, budget.share) == (130 * 60, 72)
    assert budget.text() == "2h10m / 3h00m 72%"
    gate = desk.estimates.gate(ticket)
    assert gate.billable and gate.warning == ""

    clock.advance(minutes=30)
    book(desk, ticket, 14)  # 144 of 180 minutes
    gate = desk.estimates.gate(ticket)
    assert gate.billable
    assert gate.warning == "HD-0001 has used 80% of its approved budget."

    clock.advance(minutes=30)
    book(desk, ticket, 35, end=False)  # a running timer counts up to now
    clock.advance(minutes=1)
    budget = desk.estimates.budget(ticket.id)
    assert budget.used_seconds == 180 * 60
    assert budget.share == 100
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == "HD-0001 has used its approved budget (3h00m / 3h00m 100%)."
    assert "non-billable" in gate.hint
    assert desk.estimates.budgets([ticket.id])[ticket.id] == budget

    # a revised, approved estimate lets billable time in again
    desk.estimates.send(ticket.ref, hours="5")
    assert not desk.estimates.gate(fresh(desk, ticket)).billable
    desk.estimates.approve(ticket.ref, text="Fine, 5 hours.")
    gate = desk.estimates.gate(fresh(desk, ticket))
    assert gate.billable and gate.warning == ""
    assert desk.estimates.budget(ticket.id).text() == "3h00m / 5h00m 60%"


def test_non_billable_ticket_needs_no_estimate_and_approval_needs_no_amount(desk, acme) -> None:
    question = desk.tickets.new(client_id=acme.id, subject="Which laptop?", billable=False)
    gate = desk.estimates.gate(question)
    assert not gate.billable  # its time is never billed...
    assert gate.reason == "HD-0001 is not billable."
    # ...and work may start without any estimate
    assert desk.tickets.set_status(question.ref, "in_progress").status == "in_progress"

    other = desk.tickets.new(client_id=acme.id, subject="Quick question", billable=False)
    done = desk.estimates.approve(other.ref, text="Yes please, thanks!")
    assert done.approved
    assert (done.version, done.billable, done.seconds, done.rate_cents) == (1, False, 0, 0)
    assert desk.estimates.amount(done) == 0
    assert done.decision.text == "Yes please, thanks!"
    other = fresh(desk, other)
    assert (other.status, other.billable) == ("approved", False)
    assert desk.estimates.budget(other.id).text() == "0h00m (not billable)"
    assert desk.estimates.gate(other).reason == "HD-0002 is not billable."


def test_non_billable_estimate_turns_the_ticket_non_billable(desk, ticket) -> None:
    estimate = desk.estimates.send(ticket.ref, hours="0", billable=False)
    assert (estimate.billable, estimate.rate_cents) == (False, 0)
    assert not fresh(desk, ticket).billable
    assert "Billable: no" in desk.tickets.thread(ticket.id)[-2].body
    assert desk.estimates.gate(fresh(desk, ticket)).reason == "HD-0001 is not billable."


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_resolved_or_closed_ticket_takes_no_time_and_no_estimate(desk, ticket, status) -> None:
    ticket = approved(desk, ticket)
    desk.db.execute("UPDATE tickets SET status = ? WHERE id = ?", [status, ticket.id])
    ticket = fresh(desk, ticket)
    gate = desk.estimates.gate(ticket)
    assert not gate.billable
    assert gate.reason == f"HD-0001 is {status}."
    assert "Reopen" in gate.hint
    with pytest.raises(Refused, match=f"HD-0001 is {status}"):
        desk.estimates.send(ticket.ref, hours="1")
    assert counts(desk) == (1, 1)


# --- manual status changes --------------------------------------------------------------


@pytest.mark.parametrize("status", ["approved", "in_progress"])
def test_manual_status_change_cannot_start_billable_work(desk, ticket, status) -> None:
    with pytest.raises(Refused, match="no estimate yet"):
        desk.tickets.set_status(ticket.ref, status)
    desk.estimates.send(ticket.ref, hours="2")
    with pytest.raises(Refused, match="waiting for approval of estimate v1"):
        desk.tickets.set_status(ticket.ref, status)
    ticket = fresh(desk, ticket)
    assert (ticket.status, ticket.hold_reason) == ("on_hold", "awaiting_approval")
    assert [e.kind for e in desk.tickets.thread(ticket.id)].count("status") == 1


def test_manual_status_change_after_approval(desk, ticket) -> None:
    ticket = approved(desk, ticket)
    assert desk.tickets.set_status(ticket.ref, "in_progress").status == "in_progress"
    with pytest.raises(Refused, match="client's written approval"):
        desk.tickets.set_status(ticket.ref, "approved")


# --- versions and the thread ------------------------------------------------------------


def test_versions_count_up_and_the_thread_keeps_every_one_verbatim(desk, ticket, clock) -> None:
    v1 = desk.estimates.send(ticket.ref, hours="2.5", scope="Check the driver.")
    received = int((START + timedelta(hours=2)).timestamp())
    clock.advance(hours=3)
    desk.estimates.approve(ticket.ref, text=APPROVAL, received_at=received)
    clock.advance(days=1)
    v2 = desk.estimates.send(ticket.ref, hours="2h30m", rate="160", scope="Driver and toner.")
    clock.advance(hours=1)
    reply = desk.tickets.message(ticket.ref, "Ja, v2 ist OK.\n— Jürgen 😀", kind="message")
    clock.advance(minutes=10)
    desk.estimates.approve(ticket.ref, entry_id=reply.id)
    clock.advance(days=2)
    v3 = desk.estimates.send(ticket.ref, hours="90m", scope="Only the toner.")
    clock.advance(hours=1)
    desk.estimates.decline(ticket.ref, text="Nein.\nZu teuer — sorry.")

    assert [v1.version, v2.version, v3.version] == [1, 2, 3]
    versions = desk.estimates.versions(ticket.id)
    assert [e.version for e in versions] == [1, 2, 3]
    assert [e.seconds for e in versions] == [9000, 9000, 5400]
    assert [e.rate_cents for e in versions] == [15000, 16000, 15000]
    assert desk.estimates.current(ticket.id).version == 3

    d1, d2, d3 = (e.decision for e in versions)
    assert (d1.outcome, d1.text, d1.source_entry_id) == ("approved", APPROVAL.strip(), None)
    assert d1.received_at == START + timedelta(hours=2)
    assert d1.recorded_at == START + timedelta(hours=3)
    assert (d2.outcome, d2.text, d2.source_entry_id) == ("approved", reply.body, reply.id)
    assert d2.text == "Ja, v2 ist OK.\n— Jürgen 😀"
    assert d2.received_at == reply.created_at
    assert d2.recorded_at == reply.created_at + timedelta(minutes=10)
    assert (d3.outcome, d3.text) == ("declined", "Nein.\nZu teuer — sorry.")

    thread = desk.tickets.thread(ticket.id)
    sent = [e for e in thread if e.kind == "estimate"]
    assert [e.data["version"] for e in sent] == [1, 2, 3]
    assert [e.data["amount_cents"] for e in sent] == [37500, 40000, 22500]
    for entry, version in zip(sent, versions, strict=True):
        assert entry.body.startswith(f"Estimate v{version.version} for HD-0001: Printer offline")
        assert version.scope in entry.body
    decisions = [e for e in thread if e.kind in ("approval", "decline")]
    assert [(e.kind, e.data["version"]) for e in decisions] == [
        ("approval", 1),
        ("approval", 2),
        ("decline", 3),
    ]
    first, second, third = decisions
    assert first.body.startswith("Client approved estimate v1:\n")
    for line in APPROVAL.strip().splitlines():
        assert f"> {line}" in first.body
    assert first.data["received_at"] == received
    assert first.data["source_entry_id"] is None
    assert "> Ja, v2 ist OK.\n> — Jürgen 😀" in second.body
    assert second.data["source_entry_id"] == reply.id
    assert "> Nein.\n> Zu teuer — sorry." in third.body
    statuses = [e.data["to"] for e in thread if e.kind == "status"]
    assert statuses == ["on_hold", "approved", "on_hold", "approved", "on_hold", "on_hold"]


def test_approval_by_picking_the_clients_message_uses_its_words_and_time(
    desk, ticket, clock
) -> None:
    desk.estimates.send(ticket.ref, hours="1")
    when = int((START + timedelta(minutes=5)).timestamp())
    mail = desk.tickets.add_entry(
        ticket, "message", "client", "Approved.\r\nGo ahead!", received_at=when
    )
    clock.advance(hours=2)
    estimate = desk.estimates.approve(ticket.ref, entry_id=mail.id, text="ignored")
    assert estimate.decision.text == "Approved.\nGo ahead!"
    assert estimate.decision.source_entry_id == mail.id
    assert estimate.decision.received_at == START + timedelta(minutes=5)
    assert estimate.decision.recorded_at == START + timedelta(hours=2)


def test_approval_of_pasted_words_defaults_to_now(desk, ticket, clock) -> None:
    desk.estimates.send(ticket.ref, hours="1")
    clock.advance(days=1)
    decision = desk.estimates.approve(ticket.ref, text="  OK  ").decision
    assert decision.text == "OK"
    assert decision.received_at == decision.recorded_at == START + timedelta(days=1)


@pytest.mark.parametrize("text", ["", "   \n\t  ", None])
def test_approval_needs_written_words(desk, ticket, text) -> None:
    desk.estimates.send(ticket.ref, hours="1")
    with pytest.raises(Invalid, match="written words") as refused:
        desk.estimates.approve(ticket.ref, text=text)
    assert refused.value.field == "text"
    assert counts(desk) == (1, 0)
    assert fresh(desk, ticket).status == "on_hold"


def test_approval_refuses_a_message_not_written_by_the_client_of_this_ticket(
    desk, acme, ticket
) -> None:
    desk.estimates.send(ticket.ref, hours="1")
    note = desk.tickets.message(ticket.ref, "Client said OK on the phone", kind="note")
    reply = desk.tickets.message(ticket.ref, "Shall I go ahead?", kind="reply")
    other = desk.tickets.new(client_id=acme.id, subject="Other", body="Approved!")
    foreign = desk.tickets.thread(other.id)[-1]
    assert foreign.author == "client"
    for entry_id in (note.id, reply.id, foreign.id, 99999):
        with pytest.raises(Invalid, match="written by the client") as refused:
            desk.estimates.approve(ticket.ref, entry_id=entry_id)
        assert refused.value.field == "entry"
    assert counts(desk) == (1, 0)


def test_approval_without_an_estimate_or_twice_is_refused(desk, ticket) -> None:
    with pytest.raises(Refused, match="no estimate to approve"):
        desk.estimates.approve(ticket.ref, text="Yes")
    approved(desk, ticket)
    with pytest.raises(Refused, match="already approved"):
        desk.estimates.approve(ticket.ref, text="Yes again")
    assert counts(desk) == (1, 1)


# --- what an estimate may say -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2.5", 9000),
        ("2h30m", 9000),
        ("90m", 5400),
        ("1:45", 6300),
        ("2 hours", 7200),
        (" 2H 30M ", 9000),
        ("1000", 3_600_000),
    ],
)
def test_durations_are_typed_the_way_people_type_them(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"hours": "0"}, "hours", "more than zero"),
        ({"hours": "0:00"}, "hours", "more than zero"),
        ({"hours": "-2"}, "hours", "negative"),
        ({"hours": "10000"}, "hours", "more than 1,000 hours"),
        ({"hours": "10,000"}, "hours", "not a duration"),
        ({"hours": "abc"}, "hours", "not a duration"),
        ({"hours": "2h30"}, "hours", "not a duration"),
        ({"hours": ""}, "hours", "not a duration"),
        ({"hours": "2", "rate": "150.125"}, "rate", "more than 2 decimals"),
        ({"hours": "2", "rate": "0"}, "rate", "above zero"),
        ({"hours": "2", "rate": "-5"}, "rate", "negative"),
        ({"hours": "2", "rate": "lots"}, "rate", "not an amount"),
    ],
)
def test_a_bad_billable_estimate_is_refused_naming_the_field(
    desk, ticket, fields, field, words
) -> None:
    with pytest.raises(Invalid, match=words) as refused:
        desk.estimates.send(ticket.ref, **fields)
    assert refused.value.field == field
    assert counts(desk) == (0, 0)
    assert fresh(desk, ticket).status == "new"


def test_the_estimate_message_states_billable_time_rate_total_and_scope(desk, ticket) -> None:
    estimate = desk.estimates.send(ticket.ref, hours="2h30m", scope="Reinstall the driver.")
    assert estimate.rate_cents == 15000  # the client's rate
    body = desk.tickets.thread(ticket.id)[-2].body
    assert body == desk.estimates.message(fresh(desk, ticket), estimate)
    lines = body.splitlines()
    assert lines[0] == "Estimate v1 for HD-0001: Printer offline"
    for line in (
        "Billable: yes",
        "Estimated time: 2h30m",
        "Hourly rate: $150.00",
        "Estimated total: $375.00",
        "Reinstall the driver.",
    ):
        assert line in lines
    assert "[HD-0001]" in lines[-1]


def test_amounts_round_half_up_to_the_cent(desk, ticket) -> None:
    estimate = desk.estimates.send(ticket.ref, hours="1:45", rate="99.99")
    assert desk.estimates.amount(estimate) == 17498  # 1.75 h x 99.99 = 174.9825
    assert "Estimated total: $174.98" in desk.tickets.thread(ticket.id)[-2].body


def test_credentials_in_scope_or_approval_are_never_stored(desk, ticket, tmp_path) -> None:
    """The consultant's scope is refused; the client's approving words are redacted."""
    desk.settings.business = Business(name="Ana IT", email="ana@consulting.example")
    with pytest.raises(Invalid) as refused:
        desk.estimates.send(ticket.ref, hours="1", scope="Reset it.\npassword: Hunter2-Secret")
    assert refused.value.field == "scope"
    desk.estimates.send(ticket.ref, hours="1", scope="Reset the router.")
    desk.estimates.approve(ticket.ref, text="OK.\npassword: Hunter2-Secret")
    draft = desk.estimates.draft(ticket.ref, tmp_path / "drafts")
    rows = [
        *desk.db.execute("SELECT scope FROM estimates").fetchall(),
        *desk.db.execute("SELECT text FROM decisions").fetchall(),
        *desk.db.execute("SELECT body FROM entries").fetchall(),
    ]
    assert rows and not [r for r in rows if "Hunter2-Secret" in r[0]]
    assert b"Hunter2-Secret" not in draft.read_bytes()
    assert "[credential removed: password]" in desk.estimates.current(ticket.id).decision.text
    assert fresh(desk, ticket).flagged


# --- the email draft --------------------------------------------------------------------


def test_the_draft_is_addressed_to_the_client_with_the_ref_in_the_subject(
    desk, ticket, tmp_path
) -> None:
    desk.settings.business = Business(name="Ana IT", email="ana@consulting.example")
    desk.estimates.send(ticket.ref, hours="2h30m", scope="Über-fix: the printer.")
    path = desk.estimates.draft(ticket.ref, tmp_path / "drafts")
    assert path.name == "HD-0001-estimate-v1.eml"
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == "[HD-0001] Estimate: Printer offline"
    assert msg["To"].addresses[0].addr_spec == "office@acme.example"
    assert msg["To"].addresses[0].display_name == "Acme Dental"
    assert msg["From"].addresses[0].addr_spec == "ana@consulting.example"
    assert msg["X-Unsent"] == "1"
    body = msg.get_content()
    assert "Estimated total: $375.00" in body
    assert "Über-fix: the printer." in body


def test_a_draft_needs_an_estimate_and_a_business_email(desk, ticket, tmp_path) -> None:
    with pytest.raises(Refused, match="no estimate yet"):
        desk.estimates.draft(ticket.ref, tmp_path)
    desk.estimates.send(ticket.ref, hours="1")
    with pytest.raises(Refused, match="business email"):
        desk.estimates.draft(ticket.ref, tmp_path)
    assert not list(tmp_path.rglob("*.eml"))


# --- the record cannot be rewritten -----------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE estimates SET seconds = 1",
        "UPDATE estimates SET rate_cents = 1",
        "DELETE FROM estimates",
        "UPDATE decisions SET text = 'I never said that'",
        "UPDATE decisions SET received_at = 0",
        "DELETE FROM decisions",
    ],
)
def test_estimates_and_decisions_cannot_be_changed_or_deleted(desk, ticket, sql) -> None:
    approved(desk, ticket)
    before = desk.estimates.versions(ticket.id)
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        desk.db.execute(sql)
    assert desk.estimates.versions(ticket.id) == before


def test_a_fixed_clock_is_what_the_records_say(tmp_path) -> None:
    """The desk writes the injected clock's time, never the wall clock."""
    from hourdesk.app.core.settings import Settings
    from hourdesk.app.desk.facade import build_desk

    clock = FixedClock(datetime(2031, 1, 1, tzinfo=UTC))
    desk = build_desk(tmp_path / "t.db", clock=clock, settings=Settings())
    try:
        client = desk.clients.add(name="A", emails="a@a.example", rate="100")
        ticket = desk.tickets.new(client_id=client.id, subject="S")
        assert desk.estimates.send(ticket.ref, hours="1").sent_at == clock.now()
    finally:
        desk.close()
