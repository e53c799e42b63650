"""Who wrote it decides: a credential from the client is redacted and answered with the
secure-access reply; one typed by the consultant (reply, note, estimate text, time note)
is refused with the reason and the way to access grants, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hourdesk.app.core.errors import Invalid
from hourdesk.app.desk.facade import Desk
from hourdesk.storage.models import Client
from tests.builders import approve_back_then

SECRET = "Tr0ub4dor&3xyz"


def _dump(desk: Desk) -> str:
    return "\n".join(desk.db.conn.iterdump())


def _approved(desk: Desk, client: Client):
    ticket = desk.tickets.new(client_id=client.id, subject="NAS", body="It is offline.")
    approve_back_then(desk, ticket.ref, hours="2", text="Approved, go ahead.", ago=86400)
    return desk.tickets.get(ticket.ref)


def test_a_client_message_is_redacted_flagged_and_answered(desk: Desk, client: Client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="NAS", body="Hi")
    desk.tickets.message(ticket.ref, f"the NAS password: {SECRET}", kind="message")
    thread = desk.tickets.thread(ticket.id)
    assert desk.tickets.get(ticket.ref).flagged
    notice = [e for e in thread if e.kind == "credential_notice"]
    assert len(notice) == 1 and "secure, time-limited" in notice[0].body
    assert SECRET not in _dump(desk)


@pytest.mark.parametrize("kind", ["reply", "note"])
def test_a_credential_in_the_consultants_reply_or_note_is_refused(
    desk: Desk, client: Client, kind: str
) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="NAS", body="Hi")
    before = len(desk.tickets.thread(ticket.id))
    with pytest.raises(Invalid) as refused:
        desk.tickets.message(ticket.ref, f"I set the admin password: {SECRET}", kind=kind)
    assert refused.value.field == "text"
    assert "access grant (hourdesk grant add" in str(refused.value)
    assert "access grant (g)" in refused.value.keys and SECRET not in str(refused.value)
    thread = desk.tickets.thread(ticket.id)
    assert len(thread) == before
    assert not [e for e in thread if e.kind == "credential_notice"]
    assert not desk.tickets.get(ticket.ref).flagged
    assert SECRET not in _dump(desk)


def test_a_reply_about_passwords_without_one_is_stored(desk: Desk, client: Client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="NAS", body="Hi")
    text = "Please don't send passwords by email; I will send a one-time link for the password."
    entry = desk.tickets.message(ticket.ref, text, kind="reply")
    assert entry.body == text


def test_a_credential_in_the_estimate_text_is_refused(desk: Desk, client: Client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="NAS", body="Hi")
    with pytest.raises(Invalid) as refused:
        desk.estimates.send(ticket.ref, hours="2", scope=f"Log in as admin / {SECRET}")
    assert refused.value.field == "scope"
    assert desk.estimates.current(ticket.id) is None
    assert SECRET not in _dump(desk)


def test_a_credential_in_a_time_note_is_refused(desk: Desk, client: Client, clock) -> None:
    ticket = _approved(desk, client)
    with pytest.raises(Invalid) as refused:
        desk.timer.start(ticket.ref, note=f"vpn password: {SECRET}")
    assert refused.value.field == "note"
    assert desk.timer.running() is None
    desk.timer.start(ticket.ref, note="checked the VPN")
    clock.advance(minutes=30)
    with pytest.raises(Invalid):
        desk.timer.stop(note=f"the admin password is {SECRET}")
    assert desk.timer.running() is not None
    with pytest.raises(Invalid):
        desk.timer.log(
            ticket.ref,
            start=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
            seconds=600,
            note=f"router password: {SECRET}",
        )
    assert SECRET not in _dump(desk)


def test_the_allow_list_setting_reaches_the_desk(desk: Desk, client: Client) -> None:
    from hourdesk.app.core.settings import Settings

    ticket = desk.tickets.new(client_id=client.id, subject="Labels", body="Hi")
    with pytest.raises(Invalid):
        desk.tickets.message(ticket.ref, "Lot code: AB12CD34EF", kind="note")
    try:
        desk.save_settings(Settings(guard_allow=[r"Lot code: \w+"]))
        entry = desk.tickets.message(ticket.ref, "Lot code: AB12CD34EF", kind="note")
        assert entry.body == "Lot code: AB12CD34EF"
    finally:
        desk.save_settings(Settings())
    with pytest.raises(ValueError, match="not a regular expression"):
        Settings(guard_allow=["(unclosed"])


def test_client_notes_addresses_and_a_summary_refuse_a_typed_credential(desk) -> None:
    """The consultant's own words on a client or in a completion summary: refused, not stored."""
    from hourdesk.app.core.errors import Invalid

    with pytest.raises(Invalid) as refused:
        desk.clients.add(
            name="Harbor", emails="o@harbor.example", notes="admin password: Tr0ub4dor&3x"
        )
    assert refused.value.field == "notes" and "access grant" in str(refused.value)
    with pytest.raises(Invalid):
        desk.clients.add(name="Harbor", billing_address="1 Main St\npassword: Tr0ub4dor&3x")
    assert desk.clients.list() == []
    client = desk.clients.add(name="Harbor", emails="o@harbor.example")
    with pytest.raises(Invalid):
        desk.clients.update(client.id, notes="wifi key: Tr0ub4dor&3x-9")
    ticket = desk.tickets.new(client_id=client.id, subject="Printer", body="Help", billable=False)
    with pytest.raises(Invalid) as refused:
        desk.completion.resolve(ticket.ref, "Reset the router; new password: Tr0ub4dor&3x")
    assert refused.value.field == "summary"
    assert desk.tickets.get(ticket.ref).status != "resolved"
