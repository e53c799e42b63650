"""Tickets: gapless refs (also from several processes at once), the append-only thread,
status and priority changes recorded in it, and no credential ever stored."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.models import Client, Ticket

PASSWORD = "Tr0ub4dor&3-horse"


def new(desk: Desk, client: Client, subject: str = "Printer offline", **kw) -> Ticket:
    return desk.tickets.new(client_id=client.id, subject=subject, **kw)


def kinds(desk: Desk, ticket: Ticket) -> list[str]:
    return [e.kind for e in desk.tickets.thread(ticket.id)]


# --- refs ---------------------------------------------------------------------------------


def test_refs_are_gapless_in_creation_order(desk: Desk, client: Client) -> None:
    other = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
    made = [new(desk, client if i % 2 else other, f"Request {i}") for i in range(1, 6)]
    for bad in ("", "   "):  # a refused ticket takes no number
        with pytest.raises(Invalid):
            new(desk, client, bad)
    with pytest.raises(NotFound):
        desk.tickets.new(client_id=999, subject="Nobody's")
    made.append(new(desk, client, "Request 6"))
    assert [t.ref for t in made] == [f"HD-{n:04d}" for n in range(1, 7)]
    assert [t.number for t in desk.tickets.list()] == [1, 2, 3, 4, 5, 6]
    assert [t.subject for t in desk.tickets.list()] == [f"Request {i}" for i in range(1, 7)]


def test_ref_uses_the_prefix_from_the_settings(tmp_path: Path, clock: FixedClock) -> None:
    desk = build_desk(tmp_path / "t.db", clock=clock, settings=Settings(ticket_prefix="IT"))
    client = desk.clients.add(name="Acme", emails="it@acme.example")
    assert new(desk, client).ref == "IT-0001"
    assert desk.tickets.get("IT-0001").number == 1
    desk.close()


def _create_tickets(path: str, worker: int, count: int, start) -> list[int]:
    start.wait(timeout=30)
    desk = build_desk(path)
    try:
        return [
            desk.tickets.new(client_id=1, subject=f"worker {worker} ticket {i}").number
            for i in range(count)
        ]
    finally:
        desk.close()


def test_refs_stay_gapless_with_several_processes_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    desk = build_desk(path)
    desk.clients.add(name="Acme", emails="it@acme.example")
    desk.close()
    workers, count = 4, 15
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        start = manager.Barrier(workers)
        with context.Pool(workers) as pool:
            results = pool.starmap(
                _create_tickets, [(str(path), w, count, start) for w in range(workers)]
            )
    numbers = sorted(n for result in results for n in result)
    assert numbers == list(range(1, workers * count + 1))
    desk = build_desk(path)
    tickets = desk.tickets.list()
    assert [t.number for t in tickets] == numbers
    for w, result in enumerate(results):  # each process got back the numbers it wrote
        for i, number in enumerate(result):
            assert tickets[number - 1].subject == f"worker {w} ticket {i}"
    assert {kinds(desk, t)[0] for t in tickets} == {"created"}
    desk.close()


@pytest.mark.parametrize(
    "text", ["HD-0042", "hd-42", "HD-42", "#42", "42", "0042", " 42 ", "IT-0042", "hd-000042"]
)
def test_parse_ref(desk: Desk, text: str) -> None:
    assert desk.parse_ref(text) == 42


@pytest.mark.parametrize(
    "text", ["", "HD-", "0", "HD-0000", "#0", "abc", "42a", "HD--42", "-42", "HD 42", "4 2"]
)
def test_parse_ref_refuses(desk: Desk, text: str) -> None:
    with pytest.raises(Invalid) as refused:
        desk.parse_ref(text)
    assert refused.value.field == "ref"
    assert "HD-0042" in str(refused.value)


def test_get_by_any_ref_form_and_unknown(desk: Desk, client: Client) -> None:
    ticket = new(desk, client)
    assert desk.tickets.get("hd-1") == desk.tickets.get(1) == desk.tickets.get("#1") == ticket
    with pytest.raises(NotFound, match="HD-0002"):
        desk.tickets.get("HD-0002")


# --- a new ticket -------------------------------------------------------------------------


def test_new_ticket_facts_and_first_entries(desk: Desk, client: Client, clock) -> None:
    ticket = new(
        desk,
        client,
        "  Outlook   keeps asking for a password ",
        body="Since this morning Outlook asks again and again.",
        channel="referral",
        priority="urgent",
        billable=False,
        referred_by="Bluebird Bakery",
    )
    assert ticket.subject == "Outlook keeps asking for a password"
    assert (ticket.client_id, ticket.client_name) == (client.id, client.name)
    assert (ticket.channel, ticket.priority, ticket.billable) == ("referral", "urgent", False)
    assert (ticket.status, ticket.hold_reason, ticket.flagged) == ("new", None, False)
    assert ticket.referred_by == "Bluebird Bakery"
    assert ticket.created_at == ticket.updated_at == clock.now()
    thread = desk.tickets.thread(ticket.id)
    assert [(e.kind, e.author) for e in thread] == [("created", "system"), ("message", "client")]
    assert "referred by Bluebird Bakery" in thread[0].body
    assert thread[1].body == "Since this morning Outlook asks again and again."


def test_new_ticket_without_body_has_no_message(desk: Desk, client: Client) -> None:
    assert kinds(desk, new(desk, client)) == ["created"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"channel": "fax"}, "channel"),
        ({"priority": "high"}, "priority"),
    ],
)
def test_new_ticket_refusals(desk: Desk, client: Client, fields: dict, field: str) -> None:
    with pytest.raises(Invalid) as refused:
        desk.tickets.new(**({"client_id": client.id, "subject": "Printer"} | fields))
    assert refused.value.field == field
    assert desk.tickets.list() == []


# --- the thread ---------------------------------------------------------------------------


def test_messages_append_and_bump_updated(desk: Desk, client: Client, clock) -> None:
    ticket = new(desk, client, body="First.")
    before = desk.tickets.thread(ticket.id)
    clock.advance(hours=2)
    desk.tickets.message(ticket.ref, "Second, from the client.", kind="message")
    desk.tickets.message(ticket.ref, "Called them back.", kind="reply")
    desk.tickets.message(ticket.ref, "Looks like a driver issue.")
    after = desk.tickets.thread(ticket.id)
    assert after[: len(before)] == before
    assert [(e.kind, e.author, e.body) for e in after[len(before) :]] == [
        ("message", "client", "Second, from the client."),
        ("reply", "consultant", "Called them back."),
        ("note", "consultant", "Looks like a driver issue."),
    ]
    assert desk.tickets.get(ticket.ref).updated_at == clock.now()
    assert desk.tickets.get(ticket.ref).created_at == ticket.created_at


def test_message_refusals(desk: Desk, client: Client) -> None:
    ticket = new(desk, client)
    with pytest.raises(Invalid):
        desk.tickets.message(ticket.ref, "  \n ")
    with pytest.raises(Invalid):
        desk.tickets.message(ticket.ref, "hello", kind="invoice")
    with pytest.raises(NotFound):
        desk.tickets.message("HD-0099", "hello")
    assert kinds(desk, ticket) == ["created"]


def test_the_thread_is_append_only(desk: Desk, client: Client) -> None:
    ticket = new(desk, client, body="Original words.")
    entry = desk.tickets.thread(ticket.id)[-1]
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE entries SET body = 'changed' WHERE id = ?", [entry.id])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("DELETE FROM entries WHERE id = ?", [entry.id])
    assert desk.tickets.thread(ticket.id)[-1] == entry
    assert not any(callable(getattr(desk.tickets, name, None)) for name in ("edit", "delete"))


# --- status and priority ------------------------------------------------------------------


def test_status_change_is_a_thread_entry(desk: Desk, client: Client) -> None:
    ticket = new(desk, client, billable=False)
    moved = desk.tickets.set_status(ticket.ref, "in_progress")
    assert moved.status == "in_progress"
    entry = desk.tickets.thread(ticket.id)[-1]
    assert entry.kind == "status"
    assert entry.data["from"] == "new"
    assert entry.data["to"] == "in_progress"
    assert "new" in entry.body and "in progress" in entry.body
    desk.tickets.set_status(ticket.ref, "on_hold", "payment")
    desk.tickets.set_status(ticket.ref, "in_progress")
    moves = [(e.data["from"], e.data["to"]) for e in desk.tickets.thread(ticket.id)[1:]]
    assert moves == [("new", "in_progress"), ("in_progress", "on_hold"), ("on_hold", "in_progress")]
    assert desk.tickets.get(ticket.ref).status == "in_progress"


def test_on_hold_needs_a_reason(desk: Desk, client: Client) -> None:
    ticket = new(desk, client)
    for reason in (None, "", "bored"):
        with pytest.raises(Invalid) as refused:
            desk.tickets.set_status(ticket.ref, "on_hold", reason)
        assert refused.value.field == "reason"
    assert desk.tickets.get(ticket.ref).status == "new"
    assert kinds(desk, ticket) == ["created"]
    held = desk.tickets.set_status(ticket.ref, "on_hold", "waiting_on_client")
    assert (held.status, held.hold_reason) == ("on_hold", "waiting_on_client")
    entry = desk.tickets.thread(ticket.id)[-1]
    assert (entry.data["to"], entry.data["reason"]) == ("on_hold", "waiting_on_client")
    assert "waiting on client" in entry.body
    # another reason is a change too; leaving the hold drops the reason
    assert desk.tickets.set_status(ticket.ref, "on_hold", "payment").hold_reason == "payment"
    assert desk.tickets.set_status(ticket.ref, "new").hold_reason is None


def test_unknown_or_same_status_is_refused(desk: Desk, client: Client) -> None:
    ticket = new(desk, client)
    with pytest.raises(Invalid):
        desk.tickets.set_status(ticket.ref, "done")
    with pytest.raises(Refused, match="already new"):
        desk.tickets.set_status(ticket.ref, "new")
    assert kinds(desk, ticket) == ["created"]


def test_a_billable_ticket_is_not_approved_by_hand(desk: Desk, client: Client) -> None:
    ticket = new(desk, client, billable=True)
    with pytest.raises(Refused) as refused:
        desk.tickets.set_status(ticket.ref, "approved")
    assert not isinstance(refused.value, Invalid)  # a rule said no, not a typo
    assert desk.tickets.get(ticket.ref).status == "new"
    assert kinds(desk, ticket) == ["created"]
    free = new(desk, client, "Quick question", billable=False)
    assert desk.tickets.set_status(free.ref, "approved").status == "approved"


def test_priority_change_is_recorded(desk: Desk, client: Client) -> None:
    ticket = new(desk, client)
    assert desk.tickets.set_priority(ticket.ref, "urgent").priority == "urgent"
    entry = desk.tickets.thread(ticket.id)[-1]
    assert (entry.kind, entry.author) == ("priority", "consultant")
    assert "normal" in entry.body and "urgent" in entry.body
    with pytest.raises(Refused, match="already urgent"):
        desk.tickets.set_priority(ticket.ref, "urgent")
    with pytest.raises(Invalid):
        desk.tickets.set_priority(ticket.ref, "critical")
    assert desk.tickets.set_priority(ticket.ref, "normal").priority == "normal"
    assert kinds(desk, ticket) == ["created", "priority", "priority"]


# --- credentials --------------------------------------------------------------------------


def _stored_text(desk: Desk) -> str:
    rows = desk.db.execute(
        "SELECT subject FROM tickets UNION ALL SELECT body || data FROM entries"
    ).fetchall()
    return "\n".join(r[0] for r in rows)


def test_a_password_in_a_message_is_never_stored(
    desk: Desk, client: Client, tmp_path: Path
) -> None:
    ticket = new(desk, client, "VPN down", body="Hi, can you look at the VPN?")
    assert not ticket.flagged
    entry = desk.tickets.message(
        ticket.ref,
        f"The admin login is admin and the password is {PASSWORD} thanks",
        kind="message",
    )
    assert PASSWORD not in entry.body
    assert "removed" in entry.body
    assert entry.data["credentials_removed"]
    assert desk.tickets.get(ticket.ref).flagged
    notices = [e for e in desk.tickets.thread(ticket.id) if e.kind == "credential_notice"]
    assert len(notices) == 1
    assert notices[0].author == "system"
    assert "secure" in notices[0].body
    assert PASSWORD not in _stored_text(desk)
    files = list(tmp_path.glob("hourdesk.db*"))  # the database and its WAL
    assert files
    assert all(PASSWORD.encode() not in f.read_bytes() for f in files)


def test_a_password_in_a_new_ticket_is_never_stored(desk: Desk, client: Client) -> None:
    ticket = new(desk, client, f"password: {PASSWORD}", body=f"my password is {PASSWORD}")
    assert ticket.flagged
    assert PASSWORD not in ticket.subject
    assert "credential_notice" in kinds(desk, ticket)
    assert PASSWORD not in _stored_text(desk)
