"""Replies leave through the outbox to a real SMTP server on loopback, and the client's answer
threads back; failures wait with their reason; claims of dead senders are settled without
ever sending twice."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import message, write_eml
from tests.mailserver import Sink, running_sink

SENDER = "alex@rivera-it.example"
CLIENT = "anna@acme.example"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with running_sink() as running:
        yield running


def settings(tmp_path: Path, port: int, **mail) -> Settings:
    return Settings.model_validate(
        {
            "business": {"name": "Rivera IT", "email": SENDER},
            "exports_dir": str(tmp_path / "exports"),
            "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "timeout": 5},
            "mail": mail,
        }
    )


def open_desk(tmp_path: Path, port: int, **mail) -> Desk:
    return build_desk(
        tmp_path / "t.db",
        vault=MemoryVault(),
        clock=FixedClock(START),
        settings=settings(tmp_path, port, **mail),
    )


@pytest.fixture
def desk(tmp_path: Path, sink) -> Iterator[Desk]:
    desk = open_desk(tmp_path, sink[1])
    yield desk
    desk.close()


def request(desk: Desk, tmp_path: Path) -> str:
    """A client's request taken in by intake; returns the new ticket's ref."""
    desk.clients.add(name="Acme", emails=CLIENT)
    raw = message(sender=f"Anna Berg <{CLIENT}>", message_id="<req-1@acme.example>")
    (tmp_path / "in").mkdir(exist_ok=True)
    summary = desk.intake.run([write_eml(tmp_path / "in" / "req.eml", raw)])
    (ref,) = summary.new_refs
    return ref


def test_a_reply_arrives_threaded_and_the_answer_lands_in_the_same_ticket(
    desk: Desk, sink, tmp_path: Path
) -> None:
    ref = request(desk, tmp_path)
    item = desk.replies.reply(ref, "Hello Anna,\n\nI will look at the printer today.")
    (attempt,) = desk.outbox.deliver([item])
    assert attempt.state == "sent"

    (sent,) = sink[0].messages
    assert str(sent["Subject"]) == f"Re: [{ref}] Printer on the second floor is offline"
    assert str(sent["From"]) == f"Rivera IT <{SENDER}>"
    assert [a.addr_spec for a in sent["To"].addresses] == [CLIENT]
    assert str(sent["In-Reply-To"]) == "<req-1@acme.example>"
    assert str(sent["References"]) == "<req-1@acme.example>"
    assert "look at the printer today" in sent.get_content()

    ticket = desk.tickets.get(ref)
    thread = desk.tickets.thread(ticket.id)
    reply = next(e for e in thread if e.kind == "reply")
    assert reply.message_id == str(sent["Message-ID"])
    assert thread[-1].kind == "mail" and thread[-1].body.startswith("Reply sent to Acme <")

    # the answer carries no ref in its subject: In-Reply-To alone threads it
    answer = message(
        sender=f"Anna Berg <{CLIENT}>",
        subject="Re: printer",
        message_id="<answer-1@acme.example>",
        headers={"In-Reply-To": reply.message_id},
    )
    summary = desk.intake.run([write_eml(tmp_path / "in" / "answer.eml", answer)])
    assert (summary.appended, summary.imported) == (1, 0)
    assert desk.tickets.thread(ticket.id)[-1].message_id == "<answer-1@acme.example>"

    # the next reply answers the answer, and references the whole conversation
    desk.outbox.deliver([desk.replies.reply(ref, "Done, it prints again.")])
    second = sink[0].messages[1]
    assert str(second["In-Reply-To"]) == "<answer-1@acme.example>"
    assert str(second["References"]).split() == [
        "<req-1@acme.example>",
        reply.message_id,
        "<answer-1@acme.example>",
    ]


def test_a_reply_holding_a_credential_is_refused_and_nothing_is_kept(
    desk: Desk, sink, tmp_path: Path
) -> None:
    ref = request(desk, tmp_path)
    before = len(desk.tickets.thread(desk.tickets.get(ref).id))
    with pytest.raises(Refused, match=r"holds a credential .*access grant"):
        desk.replies.reply(ref, "Log in as admin, password: Tr0ub4dor&3xyz!")
    assert desk.outbox.items(include_done=True) == []
    assert len(desk.tickets.thread(desk.tickets.get(ref).id)) == before
    assert sink[0].raw == []


def test_a_refusing_server_leaves_the_reply_queued_with_the_reason_then_it_goes_once(
    desk: Desk, sink, tmp_path: Path
) -> None:
    ref = request(desk, tmp_path)
    sink[0].refusing = True
    item = desk.replies.reply(ref, "On my way.")
    (attempt,) = desk.outbox.deliver()
    assert attempt.state == "queued"
    (waiting,) = desk.outbox.items()
    assert waiting.id == item and "451" in waiting.last_error and waiting.attempts == 1
    # the Message-ID was in the thread before any attempt
    assert any(e.message_id == waiting.message_id for e in desk.tickets.thread(1))

    sink[0].refusing = False
    assert [a.state for a in desk.outbox.deliver()] == ["sent"]
    assert desk.outbox.deliver() == []
    assert list(sink[0].counts().values()) == [1]


def test_drafts_go_to_the_outbox_folder_once(tmp_path: Path, sink) -> None:
    desk = open_desk(tmp_path, sink[1], outgoing="drafts")
    try:
        ref = request(desk, tmp_path)
        item = desk.replies.reply(ref, "Draft me.")
        (attempt,) = desk.outbox.deliver([item])
        path = Path(attempt.text)
        assert path.parent == tmp_path / "exports" / "outbox"
        assert path.read_bytes().startswith(b"X-Unsent: 1\r\n")
        # a run that died after writing the draft: settled without a second file
        desk.db.execute("DROP TRIGGER outbox_delivered_stays")
        desk.db.execute("UPDATE outbox SET state = 'queued'")
        (again,) = desk.outbox.deliver([item])
        assert again.text == str(path)
        assert list(path.parent.iterdir()) == [path]
        assert sink[0].raw == []
    finally:
        desk.close()


def dead_claim() -> str:
    """A claim written by a process that has exited."""
    child = subprocess.run(
        [sys.executable, "-c", "from hourdesk.app.desk.outbox import claimant; print(claimant())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return child.stdout.strip()


@pytest.mark.parametrize(("phase", "state"), [("claimed", "queued"), ("data", "unknown")])
def test_a_dead_senders_claim_is_queued_again_only_when_data_never_started(
    desk: Desk, sink, tmp_path: Path, phase: str, state: str
) -> None:
    ref = request(desk, tmp_path)
    item = desk.replies.reply(ref, "Hello.")
    desk.db.execute(
        "UPDATE outbox SET state = 'sending', phase = ?, claimed_by = ?, claimed_at = 0",
        [phase, dead_claim()],
    )
    attempts = desk.outbox.deliver()
    assert desk.outbox.get(item).state == ("sent" if state == "queued" else "unknown")
    assert len(sink[0].raw) == (1 if state == "queued" else 0)
    assert len(attempts) == (1 if state == "queued" else 0)
    if state == "unknown":
        assert "may have been sent" in desk.outbox.get(item).last_error
        desk.outbox.resend(item)
        assert [a.state for a in desk.outbox.deliver()] == ["sent"]
        assert len(sink[0].raw) == 1
        with pytest.raises(Refused, match=f"#{item} is sent, not in doubt"):
            desk.outbox.resend(item)


def test_a_live_senders_claim_is_left_alone(desk: Desk, sink, tmp_path: Path) -> None:
    from hourdesk.app.desk.outbox import claimant

    ref = request(desk, tmp_path)
    item = desk.replies.reply(ref, "Hello.")
    desk.db.execute(
        "UPDATE outbox SET state = 'sending', phase = 'data', claimed_by = ?, claimed_at = 0",
        [claimant()],
    )
    assert desk.outbox.deliver() == []
    assert desk.outbox.get(item).state == "sending"


def test_two_senders_at_once_send_each_message_once(tmp_path: Path, sink) -> None:
    desk = open_desk(tmp_path, sink[1])
    try:
        ref = request(desk, tmp_path)
        for n in range(20):
            desk.replies.reply(ref, f"Reply {n}")
    finally:
        desk.close()
    desks = [open_desk(tmp_path, sink[1]) for _ in range(2)]
    go = threading.Barrier(2)

    def run(d: Desk) -> None:
        go.wait()
        d.outbox.deliver()

    threads = [threading.Thread(target=run, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.close()
    counts = sink[0].counts()
    assert len(counts) == 20 and set(counts.values()) == {1}
    assert os.getpid()  # both senders ran in this process: the claim, not the pid, decided


def test_the_estimate_and_the_secure_access_request_go_the_same_way(
    desk: Desk, sink, tmp_path: Path
) -> None:
    ref = request(desk, tmp_path)
    desk.estimates.send(ref, hours="2")
    desk.outbox.deliver([desk.replies.estimate(ref), desk.replies.secure_access(ref)])
    estimate, secure = sink[0].messages
    assert (
        str(estimate["Subject"]) == f"[{ref}] Estimate v1: Printer on the second floor is offline"
    )
    assert "Work starts once you confirm this estimate in writing" in estimate.get_content()
    assert str(estimate["In-Reply-To"]) == "<req-1@acme.example>"
    assert "secure, time-limited method" in secure.get_content()
    replies = [e for e in desk.tickets.thread(desk.tickets.get(ref).id) if e.kind == "reply"]
    assert [e.message_id for e in replies] == [
        str(estimate["Message-ID"]),
        str(secure["Message-ID"]),
    ]


def test_the_consultants_own_password_never_leaves(desk: Desk, sink, tmp_path: Path) -> None:
    from hourdesk.app.desk.outbox import SMTP_PASSWORD_KEY

    ref = request(desk, tmp_path)
    desk.vault.put(SMTP_PASSWORD_KEY, "plainwords horse")  # no shape the guard would know
    with pytest.raises(Refused, match="holds your own SMTP password; it was not sent"):
        desk.replies.reply(ref, "Try plainwords horse on the router.")
    assert desk.outbox.items(include_done=True) == []


def test_hostile_names_and_subjects_never_reach_a_header(desk: Desk, sink, tmp_path: Path) -> None:
    ref = request(desk, tmp_path)
    desk.db.execute("UPDATE tickets SET subject = ? ", ["Help\r\nBcc: evil@example.com"])
    desk.db.execute("UPDATE clients SET name = ?", ["Acme\r\nCc: boss@evil.example"])
    desk.outbox.deliver([desk.replies.reply(ref, "Hello")])
    (raw,) = sink[0].raw
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in head and b"\r\nCc:" not in head
    (sent,) = sink[0].messages
    assert str(sent["Subject"]) == f"Re: [{ref}] Help Bcc: evil@example.com"
    assert [a.addr_spec for a in sent["To"].addresses] == [CLIENT]


def test_an_unexpected_error_while_sending_never_leaves_a_claim(
    desk: Desk, sink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    ref = request(desk, tmp_path)
    item = desk.replies.reply(ref, "Hello.")

    def broken(msg, config, password, before_data=None):
        raise RuntimeError("boom")

    import hourdesk.exports.email

    monkeypatch.setattr(hourdesk.exports.email, "send", broken)
    with pytest.raises(RuntimeError):
        desk.outbox.deliver()
    waiting = desk.outbox.get(item)
    assert waiting.state == "queued" and waiting.last_error.startswith("RuntimeError: boom; ")
    monkeypatch.undo()
    assert [a.state for a in desk.outbox.deliver()] == ["sent"]


def test_without_an_smtp_server_replies_become_drafts(tmp_path: Path) -> None:
    desk = build_desk(
        tmp_path / "t.db",
        vault=MemoryVault(),
        clock=FixedClock(START),
        settings=Settings.model_validate(
            {"business": {"email": SENDER}, "exports_dir": str(tmp_path / "exports")}
        ),
    )
    try:
        ref = request(desk, tmp_path)
        (attempt,) = desk.outbox.deliver([desk.replies.reply(ref, "Hello.")])
        assert attempt.state == "drafted"
        assert Path(attempt.text).parent == tmp_path / "exports" / "outbox"
    finally:
        desk.close()


def test_deliver_one_says_where_a_message_held_elsewhere_stands(
    desk: Desk, sink, tmp_path: Path
) -> None:
    from hourdesk.app.desk.outbox import claimant

    ref = request(desk, tmp_path)
    item = desk.replies.reply(ref, "Hello.")
    desk.db.execute(
        "UPDATE outbox SET state = 'sending', phase = 'claimed', claimed_by = ?", [claimant()]
    )
    attempt = desk.outbox.deliver_one(item)
    assert (attempt.state, attempt.text) == ("sending", "another hourdesk is sending it right now")
    assert not attempt.delivered and sink[0].raw == []


def test_a_desk_without_a_keyring_sends_without_a_password_and_refuses_needing_one(
    tmp_path: Path, sink
) -> None:
    desk = build_desk(
        tmp_path / "t.db", clock=FixedClock(START), settings=settings(tmp_path, sink[1])
    )
    try:
        ref = request(desk, tmp_path)
        (attempt,) = desk.outbox.deliver([desk.replies.reply(ref, "Hello.")])
        assert attempt.state == "sent"

        desk.settings = desk.settings.model_copy(
            update={"smtp": desk.settings.smtp.model_copy(update={"user": SENDER})}
        )
        with pytest.raises(
            Refused, match="SMTP password is in the OS keyring, which is not usable"
        ):
            desk.outbox.smtp()
    finally:
        desk.close()
