"""Intake over real mail files written by the tests: Maildir, mbox, .eml, web-form JSON and
notification emails, and the hostile ones. Threading, prospects, idempotence, quarantine,
acknowledgements."""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import json
import os
import quopri
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from hourdesk.app.core.errors import Refused
from hourdesk.app.core.settings import Business, Settings, SmtpSettings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.intake import IntakeSummary, ack_text
from hourdesk.app.mail import Limits
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import (
    binary_garbage,
    deep_nesting,
    encoded_text,
    header_injection,
    many_semicolons,
    message,
    missing_boundary,
    nul_filled,
    submission,
    undecodable_bytes,
    unknown_charset,
    varied_dozen,
    webform_json,
    webform_notification,
    write_broken_mbox,
    write_eml,
    write_large_attachment,
    write_maildir,
    write_mbox,
)

BUSINESS = Business(name="Berg IT Services", email="help@consultant.example")


@pytest.fixture
def business_desk(tmp_path: Path, clock) -> Desk:
    desk = build_desk(
        tmp_path / "biz.db",
        vault=MemoryVault(),
        clock=clock,
        settings=Settings(business=BUSINESS),
    )
    yield desk
    desk.close()


def thread(desk: Desk, ref: str):
    return desk.tickets.thread(desk.tickets.get(ref).id)


def messages(desk: Desk, ref: str):
    return [e for e in thread(desk, ref) if e.kind == "message"]


def run(desk: Desk, *paths: Path, **options) -> IntakeSummary:
    options.setdefault("quarantine_dir", paths[0].parent / "quarantine")
    return desk.intake.run(list(paths), **options)


# --- the varied dozen ----------------------------------------------------------------------


@pytest.fixture
def dozen(tmp_path: Path) -> Path:
    return varied_dozen(tmp_path / "Maildir")


def test_the_varied_dozen(desk: Desk, dozen: Path, tmp_path: Path) -> None:
    summary = run(desk, dozen)

    assert (summary.imported, summary.appended, summary.duplicates, summary.quarantined) == (
        9,
        1,
        0,
        2,
    )
    assert summary.total() == "12 messages: 9 imported, 1 appended, 0 duplicates, 2 quarantined"
    assert len(summary.items) == 12 == len(summary.lines)
    assert summary.new_refs == [f"HD-{n:04d}" for n in range(1, 10)]
    subjects = {t.ref: t.subject for t in desk.tickets.list()}
    assert subjects["HD-0001"] == "Printer on the second floor is offline"
    assert subjects["HD-0008"] == "Invoice X-Injected: yes forged body"

    # the reply carrying [HD-0001] is a client message on HD-0001, with who sent it noted
    first = messages(desk, "HD-0001")
    assert [m.message_id for m in first] == [
        "<req-printer@acme.example>",
        "<reply-vpn@acme.example>",
    ]
    assert first[1].body.startswith("Still happening this morning")
    assert first[1].data["from"] == {"name": "Tom Becker", "address": "tom@acme.example"}
    notes = [e for e in thread(desk, "HD-0001") if e.kind == "intake"]
    assert "tom@acme.example" in notes[-1].body and "not an address of Anna Berg" in notes[-1].body

    # unknown senders become prospects; a second message from Anna finds her
    clients = {c.name: c for c in desk.clients.list()}
    assert clients["Anna Berg"].prospect and clients["Anna Berg"].emails == ["anna@acme.example"]
    assert desk.tickets.get("HD-0005").client_id == clients["Anna Berg"].id
    assert "Tom Becker" not in clients  # an appended message creates no client
    # a display name holding an address is not taken as the name
    assert "mallory@evil.example" in clients
    assert not any("Bcc" in name for name in clients)

    # HTML only: readable text, no script or style
    body = messages(desk, "HD-0002")[0].body
    assert "Outlook asks for my password every hour." in body
    assert "track()" not in body and "color" not in body

    # the web-form notification is the submitter's request, channel web
    web = desk.tickets.get("HD-0003")
    assert web.channel == "web" and web.client_name == "Carla Rossi"
    assert messages(desk, "HD-0003")[0].data["via"] == "web"

    # the password never reached the database; the ticket is flagged with a ready reply
    wifi = desk.tickets.get("HD-0004")
    assert wifi.flagged
    assert "Sommer2026!Kran" not in messages(desk, "HD-0004")[0].body
    assert "[credential removed: password]" in messages(desk, "HD-0004")[0].body
    assert any(e.kind == "credential_notice" for e in thread(desk, "HD-0004"))

    # attachments' names in the entry's data and in the intake note
    invoice_q = messages(desk, "HD-0005")[0]
    assert invoice_q.data["attachments"] == ["Rechnung März.pdf"]
    assert any("Rechnung März.pdf" in e.body for e in thread(desk, "HD-0005") if e.kind == "intake")

    # defects kept in the data and shown in the thread; no date → no received_at
    backup = messages(desk, "HD-0007")[0]
    assert "unreadable Date header" in backup.data["defects"]
    assert backup.received_at is None
    assert any("unreadable Date header" in e.body for e in thread(desk, "HD-0007"))
    assert messages(desk, "HD-0001")[0].received_at.isoformat() == "2026-03-02T08:15:00+00:00"
    charset = messages(desk, "HD-0009")[0]
    assert any("x-unknown" in d for d in charset.data["defects"])

    # quarantine: a copy and its reason for each rejected message
    folder = tmp_path / "quarantine"
    assert summary.quarantine_dir == folder
    reasons = sorted(folder.glob("*.reason.txt"))
    assert len(reasons) == 2
    texts = [r.read_text() for r in reasons]
    assert any("nested deeper than 20 levels" in t for t in texts)
    assert any("no mail headers found" in t for t in texts)
    assert len(list(folder.glob("*.eml"))) == 2
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    quarantined = [i for i in summary.items if i.outcome == "quarantined"]
    assert all("→" in i.text for i in quarantined)


def test_a_second_run_adds_nothing(desk: Desk, dozen: Path, tmp_path: Path) -> None:
    run(desk, dozen)
    entries = desk.db.execute("SELECT count(*) FROM entries").fetchone()[0]
    files = sorted(p.name for p in (tmp_path / "quarantine").iterdir())

    again = run(desk, dozen)

    assert (again.imported, again.appended, again.duplicates, again.quarantined) == (0, 0, 12, 0)
    assert desk.db.execute("SELECT count(*) FROM entries").fetchone()[0] == entries
    assert len(desk.tickets.list()) == 9
    assert sorted(p.name for p in (tmp_path / "quarantine").iterdir()) == files
    assert {i.outcome for i in again.items} == {"duplicate"}
    assert any("already in quarantine" in i.text for i in again.items)
    assert any(i.text.startswith("already in HD-0001") for i in again.items)


def test_a_batch_is_one_transaction(desk: Desk, dozen: Path) -> None:
    statements: list[str] = []
    desk.db.conn.set_trace_callback(statements.append)
    summary = run(desk, dozen)
    desk.db.conn.set_trace_callback(None)
    assert summary.messages == 12
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]


def test_a_message_refused_in_a_batch_leaves_the_others(
    desk: Desk, dozen: Path, tmp_path: Path, monkeypatch
) -> None:
    """Each message is stored whole or not at all, in a savepoint of the batch's transaction."""
    add_entry = desk.tickets.add_entry

    def refuse_the_wifi(ticket, kind, *args, **kwargs):
        if ticket.subject == "New WiFi for the office" and kind == "message":
            raise Refused("The disk said no.", "Try again.")
        return add_entry(ticket, kind, *args, **kwargs)

    monkeypatch.setattr(desk.tickets, "add_entry", refuse_the_wifi)
    summary = run(desk, dozen)

    assert (summary.imported, summary.appended, summary.quarantined) == (8, 1, 3)
    refused = next(i for i in summary.items if "The disk said no" in i.text)
    assert refused.outcome == "quarantined" and "could not be stored" in refused.text
    assert "New WiFi for the office" not in {t.subject for t in desk.tickets.list()}
    assert not any("Schulz" in c.name for c in desk.clients.list())  # its prospect is gone too
    kept = [p.read_bytes() for p in (tmp_path / "quarantine").glob("*.eml")]
    assert any(b"[credential removed: password]" in k for k in kept)  # its redacted rendering
    assert not any(b"Sommer2026!Kran" in k for k in kept)


def test_quarantine_defaults_to_beside_the_database(desk: Desk, dozen: Path, tmp_path) -> None:
    summary = desk.intake.run([dozen])
    assert summary.quarantine_dir == tmp_path / "quarantine"  # the desk's database is there
    assert len(list((tmp_path / "quarantine").glob("*.reason.txt"))) == 2


# --- the other formats ---------------------------------------------------------------------


def test_mbox_eml_and_folder_of_eml(desk: Desk, tmp_path: Path) -> None:
    box = write_mbox(
        tmp_path / "inbox.mbox",
        [
            message(),
            message(
                subject="Scanner jams",
                body="From the start of the week it jams.\n",
                message_id="<scanner@acme.example>",
            ),
        ],
    )
    single = write_eml(
        tmp_path / "one.eml",
        message(sender="Bo <bo@bo.example>", subject="Mail quota", message_id="<quota@bo.example>"),
    )
    folder = tmp_path / "emls"
    folder.mkdir()
    write_eml(folder / "a.eml", message(subject="A", message_id="<a@x.example>"))
    write_eml(folder / "b.eml", message(subject="B", message_id="<b@x.example>"))
    (folder / "notes.txt").write_text("not mail")  # not an .eml: ignored by the folder reader

    summary = run(desk, box, single, folder)

    assert summary.imported == 5 and summary.quarantined == 0
    scanner = next(t for t in desk.tickets.list() if t.subject == "Scanner jams")
    assert "From the start of the week" in messages(desk, scanner.ref)[0].body
    assert [i.source.split(":")[0] for i in summary.items] == ["mbox", "mbox", "eml", "eml", "eml"]


def test_a_broken_mbox(desk: Desk, tmp_path: Path) -> None:
    summary = run(desk, write_broken_mbox(tmp_path / "broken.mbox"))
    assert summary.imported == 3  # first, second (with its unescaped From line), third
    assert summary.quarantined == 1  # the junk before the first From line
    second = next(t for t in desk.tickets.list() if t.subject == "Second")
    assert "From the start this line was not escaped." in messages(desk, second.ref)[0].body


def test_web_form_json_export(desk: Desk, tmp_path: Path) -> None:
    export = tmp_path / "form.json"
    export.write_bytes(
        webform_json(
            submission(),
            submission(name="Dan", email="dan@dan.example", subject=None, topic="Backups"),
            submission(email="not an address"),
            submission(message=None),
        )
    )
    one = tmp_path / "one.json"
    one.write_text(json.dumps(submission(email="eve@eve.example", subject="Printer")))

    summary = run(desk, export, one)

    assert (summary.imported, summary.quarantined) == (3, 2)
    tickets = {t.subject: t for t in desk.tickets.list()}
    assert {t.channel for t in tickets.values()} == {"web"}
    assert tickets["Backups"].client_name == "Dan"
    carla = messages(desk, tickets["Laptop very slow"].ref)[0]
    assert carla.received_at.isoformat() == "2026-03-02T13:05:00+00:00"
    assert carla.message_id.endswith("@hourdesk>")
    reasons = " ".join(p.read_text() for p in (tmp_path / "quarantine").glob("*.reason.txt"))
    assert "malformed 'email'" in reasons and "missing 'message'" in reasons
    assert len(list((tmp_path / "quarantine").glob("*.json"))) == 2
    # the same export again: nothing new
    again = run(desk, export, one)
    assert (again.imported, again.duplicates) == (0, 5)


def test_web_form_notification_email(desk: Desk, tmp_path: Path) -> None:
    summary = run(desk, write_eml(tmp_path / "n.eml", webform_notification()))
    assert summary.imported == 1
    ticket = desk.tickets.list()[0]
    assert (ticket.channel, ticket.client_name, ticket.subject) == (
        "web",
        "Carla Rossi",
        "Laptop very slow",
    )
    # the website's own address became no client
    assert [c.emails for c in desk.clients.list()] == [["carla@rossi-design.example"]]


# --- threading -----------------------------------------------------------------------------


def test_replies_thread_by_in_reply_to_and_references(desk: Desk, tmp_path: Path) -> None:
    run(desk, write_eml(tmp_path / "1.eml", message()))
    by_reply = message(
        subject="Re: Printer on the second floor is offline",
        body="It works again.\n",
        message_id="<r1@acme.example>",
        headers={"In-Reply-To": "<req-printer@acme.example>"},
    )
    by_references = message(
        subject="Re: Re: Printer",
        body="No, it stopped again.\n",
        message_id="<r2@acme.example>",
        headers={"References": "<unknown@elsewhere.example> <r1@acme.example>"},
    )
    other = message(subject="Printer again", message_id="<r3@acme.example>")
    summary = run(desk, write_maildir(tmp_path / "md", [by_reply, by_references, other]))

    assert [i.outcome for i in summary.items] == ["appended", "appended", "imported"]
    assert [m.message_id for m in messages(desk, "HD-0001")] == [
        "<req-printer@acme.example>",
        "<r1@acme.example>",
        "<r2@acme.example>",
    ]


def test_ref_in_subject_uses_the_configured_prefix(tmp_path: Path, clock) -> None:
    desk = build_desk(
        tmp_path / "p.db", vault=MemoryVault(), clock=clock, settings=Settings(ticket_prefix="SUP")
    )
    run(desk, write_eml(tmp_path / "1.eml", message()))
    replies = [
        message(subject="Re: [SUP-0001] printer", message_id="<a@acme.example>"),
        message(subject="Re: [sup-1] printer", message_id="<b@acme.example>"),
        message(subject="Re: [HD-0001] printer", message_id="<c@acme.example>"),
        message(subject="[SUP-0042] unknown ticket", message_id="<d@acme.example>"),
    ]
    summary = run(desk, write_maildir(tmp_path / "md", replies))
    assert [(i.outcome, i.ref) for i in summary.items] == [
        ("appended", "SUP-0001"),
        ("appended", "SUP-0001"),
        ("imported", "SUP-0002"),
        ("imported", "SUP-0003"),
    ]
    assert any("SUP-0042, which does not exist" in n for n in summary.items[3].notes)
    desk.close()


def test_a_known_client_is_matched_by_address(desk: Desk, client, tmp_path: Path) -> None:
    raw = message(sender="Front Desk <OFFICE@HarborDental.example>", message_id="<hd@x.example>")
    summary = run(desk, write_eml(tmp_path / "1.eml", raw))
    assert summary.imported == 1
    assert desk.tickets.list()[0].client_id == client.id
    assert len(desk.clients.list()) == 1
    assert summary.items[0].notes == ()


def test_a_message_authorises_nothing(desk: Desk, client, tmp_path: Path) -> None:
    """A client's 'I approve' by email is only a message: approval is recorded by the
    consultant, never taken from a From address."""
    ticket = desk.tickets.new(client_id=client.id, subject="New laptop setup")
    desk.estimates.send(ticket.ref, hours="2")
    approve = message(
        sender="office@harbordental.example",
        subject=f"Re: [{ticket.ref}] estimate",
        body="I approve the estimate.\n",
        message_id="<ok@harbordental.example>",
    )
    run(desk, write_eml(tmp_path / "1.eml", approve))
    after = desk.tickets.get(ticket.ref)
    assert (after.status, after.hold_reason) == ("on_hold", "awaiting_approval")
    assert not desk.estimates.current(ticket.id).approved


def test_credentials_in_an_appended_subject_flag_the_ticket(desk: Desk, tmp_path: Path) -> None:
    run(desk, write_eml(tmp_path / "1.eml", message()))
    secret = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    raw = message(subject=f"Re: [HD-0001] token {secret}", message_id="<t@acme.example>")
    run(desk, write_eml(tmp_path / "2.eml", raw))
    assert desk.tickets.get("HD-0001").flagged
    dump = json.dumps([e.model_dump(mode="json") for e in thread(desk, "HD-0001")])
    assert secret not in dump
    assert "[credential removed: GitHub token]" in dump


# --- reused Message-IDs ---------------------------------------------------------------------

COLLISION = Path(__file__).parent.parent / "data" / "mail" / "collision"


def test_a_reused_message_id_with_other_content_is_kept(desk: Desk, tmp_path: Path) -> None:
    """Only the same sender with the same text is a duplicate; another sender or another text
    under an earlier Message-ID is filed by the usual rules and reported."""
    summary = run(desk, COLLISION, quarantine_dir=tmp_path / "quarantine")

    assert [(i.outcome, i.ref) for i in summary.items] == [
        ("imported", "HD-0001"),
        ("duplicate", "HD-0001"),  # the same message again, re-encoded with other headers
        ("imported", "HD-0002"),  # another sender: a request of its own
        ("appended", "HD-0001"),  # the same sender, another text, [HD-0001] in the subject
    ]
    assert summary.reused_ids == 2
    assert summary.total() == (
        "4 messages: 2 imported, 1 appended, 1 duplicate, 0 quarantined; "
        "2 kept despite a Message-ID already in use"
    )
    for item in (summary.items[2], summary.items[3]):
        assert any(
            "Message-ID <shared-7f3a@acme.example> is already used in HD-0001" in note
            and "not a duplicate" in note
            for note in item.notes
        ), item.notes
    forged = messages(desk, "HD-0002")
    assert "new account" in forged[0].body
    assert forged[0].data["from"]["address"] == "billing@acme-payments.example"
    assert forged[0].data["reused_message_id"] == "<shared-7f3a@acme.example>"
    assert any("already used in HD-0001" in e.body for e in thread(desk, "HD-0002"))
    assert [m.body for m in messages(desk, "HD-0001")] == [
        "Hi,\n\nthe printer on the second floor is offline again.\n\nAnna",
        "It is working again, thank you.",
    ]
    # a reply to the shared Message-ID still threads to the first ticket
    reply = message(
        subject="Re: printer",
        message_id="<r@acme.example>",
        headers={"In-Reply-To": "<shared-7f3a@acme.example>"},
    )
    assert run(desk, write_eml(tmp_path / "r.eml", reply)).items[0].ref == "HD-0001"


def test_reused_message_ids_stay_idempotent(desk: Desk, tmp_path: Path) -> None:
    run(desk, COLLISION, quarantine_dir=tmp_path / "quarantine")
    entries = desk.db.execute("SELECT count(*) FROM entries").fetchone()[0]
    raws = [p.read_bytes() for p in sorted(COLLISION.glob("*.eml"))]

    again = run(desk, COLLISION, write_mbox(tmp_path / "copy.mbox", raws))

    assert (again.imported, again.appended, again.duplicates, again.reused_ids) == (0, 0, 8, 0)
    assert desk.db.execute("SELECT count(*) FROM entries").fetchone()[0] == entries
    assert [i.ref for i in again.items] == ["HD-0001", "HD-0001", "HD-0002", "HD-0001"] * 2


def test_a_message_stored_by_an_earlier_guard_is_still_a_duplicate(
    desk: Desk, client, tmp_path: Path
) -> None:
    """A thread keeps text as the guard of its day redacted it: another span, another label,
    or nothing found. Reading the same message again is still a duplicate."""
    body = "Hi,\nthe new WiFi:\nSSID: Praxis\nPassword: Sommer2026!Kran\nThanks"
    ticket = desk.tickets.new(client_id=client.id, subject="WiFi")
    earlier = {
        "<a@harbordental.example>": "Hi,\nthe new WiFi:\nSSID: Praxis\n[credential removed: secret]"
        "\nThanks",
        "<b@harbordental.example>": body,
        "<c@harbordental.example>": "Hi,\nthe new WiFi:\nSSID: Praxis\nPassword: [credential "
        "removed: password]\nThanks",
    }
    data = json.dumps({"from": {"name": "", "address": "office@harbordental.example"}})
    for message_id, stored in earlier.items():
        desk.db.execute(
            "INSERT INTO entries (ticket_id, kind, author, body, data, message_id, created_at)"
            " VALUES (?, 'message', 'client', ?, ?, ?, 0)",
            [ticket.id, stored, data, message_id],
        )
    mails = [
        message(sender="office@harbordental.example", body=body + "\n", message_id=mid)
        for mid in [*earlier, "<a@harbordental.example>"]
    ]
    other = body.replace("Praxis", "Praxis-Gast") + "\n"
    reused = "<a@harbordental.example>"
    mails.append(message(sender="office@harbordental.example", body=other, message_id=reused))

    summary = run(desk, write_maildir(tmp_path / "md", mails))

    assert [i.outcome for i in summary.items] == ["duplicate"] * 4 + ["imported"]
    assert summary.reused_ids == 1


def test_no_hash_of_a_credential_is_stored_as_an_id(desk: Desk, tmp_path: Path) -> None:
    """A message without a Message-ID (and every web-form submission) is named from its bytes
    when read; a hash of bytes holding a password would let anyone with the database test
    guesses at it. What is stored is named from the stored, redacted text instead."""
    secret = "Sommer2026!Kran"
    form = submission(message=f"SSID: Office\nPassword: {secret}")
    export = tmp_path / "form.json"
    export.write_bytes(webform_json(form))
    raw = message(body=f"SSID: Office\nPassword: {secret}\n", message_id=None)
    box = write_maildir(tmp_path / "md", [raw])
    hashes = {
        hashlib.sha256(json.dumps(form, sort_keys=True).encode()).hexdigest(),
        hashlib.sha256((box / "new" / os.listdir(box / "new")[0]).read_bytes()).hexdigest(),
    }

    first = run(desk, export, box)
    again = run(desk, export, box)

    assert (first.imported, again.duplicates) == (2, 2)
    stored = [r[0] for r in desk.db.execute("SELECT message_id FROM entries") if r[0]]
    assert len(stored) == 2 and all(i.endswith(".content@hourdesk>") for i in stored)
    assert not any(h in i for h in hashes for i in stored)


def test_a_message_stored_under_its_byte_hash_is_still_a_duplicate(
    desk: Desk, client, tmp_path: Path
) -> None:
    raw = message(sender="office@harbordental.example", message_id=None)
    path = write_eml(tmp_path / "1.eml", raw)
    ticket = desk.tickets.new(client_id=client.id, subject="Printer")
    desk.db.execute(
        "INSERT INTO entries (ticket_id, kind, author, body, data, message_id, created_at)"
        " VALUES (?, 'message', 'client', ?, ?, ?, 0)",
        [
            ticket.id,
            "Hi,\n\nthe printer on the second floor is offline again.\n\nAnna",
            json.dumps({"from": {"name": "", "address": "office@harbordental.example"}}),
            f"<{hashlib.sha256(path.read_bytes()).hexdigest()}@hourdesk>",
        ],
    )
    assert run(desk, path).items[0].outcome == "duplicate"


def test_a_reused_message_id_of_an_acknowledgement(business_desk: Desk, tmp_path: Path) -> None:
    """A message claiming the Message-ID of hourdesk's own acknowledgement is stored."""
    drafts = tmp_path / "acks"
    run(business_desk, write_eml(tmp_path / "1.eml", message()), ack_drafts=drafts)
    ack_id = parse(drafts / "ack-HD-0001.eml")["Message-ID"]
    forged = message(sender="x@evil.example", subject="hello", message_id=ack_id)

    summary = run(business_desk, write_eml(tmp_path / "2.eml", forged))

    assert (summary.imported, summary.duplicates, summary.reused_ids) == (1, 0, 1)


# --- hostile mail --------------------------------------------------------------------------


def test_hostile_mail_never_stops_the_batch(desk: Desk, tmp_path: Path) -> None:
    hostile = [
        unknown_charset(),
        undecodable_bytes(),
        missing_boundary(),
        header_injection(),
        many_semicolons(),
        many_semicolons(nested=True),
        deep_nesting(),
        binary_garbage(),
        nul_filled(),
        message(subject="The last one", message_id="<last@acme.example>"),
    ]
    box = write_maildir(tmp_path / "md", hostile)
    big = write_large_attachment(tmp_path / "big.eml", megabytes=2)

    summary = run(desk, box, big, limits=Limits(max_message_bytes=1024 * 1024))

    assert summary.messages == 11
    assert summary.imported + summary.quarantined == 11
    assert summary.items[-2].text.endswith("The last one")
    assert summary.items[-1].outcome == "quarantined" and "limit" in summary.items[-1].text
    assert len(list((tmp_path / "quarantine").glob("*.reason.txt"))) == summary.quarantined
    injected = next(t for t in desk.tickets.list() if t.subject.startswith("Invoice"))
    assert "\n" not in injected.subject and "\r" not in injected.subject


def test_a_quarantined_message_keeps_no_secret(desk: Desk, tmp_path: Path) -> None:
    secret = "Hunter2-Quarantine!x9"
    raw = deep_nesting().replace(b"at the bottom", b"password: " + secret.encode())
    summary = run(desk, write_eml(tmp_path / "x.eml", raw))
    assert summary.quarantined == 1
    stored = b"".join(p.read_bytes() for p in (tmp_path / "quarantine").iterdir())
    assert secret.encode() not in stored
    assert b"[credential removed: password]" in stored


QUARANTINE_FIXTURES = Path(__file__).parent.parent / "data" / "mail" / "quarantine"
GRUSS = "Grüße-Kran!2026"


def encodings_of(secret: str) -> list[bytes]:
    data = [secret.encode(charset) for charset in ("utf-8", "iso-8859-1")]
    return [*data, *map(base64.b64encode, data), *(quopri.encodestring(d).rstrip() for d in data)]


def test_quarantine_keeps_no_encoded_credential(desk: Desk, tmp_path: Path) -> None:
    """Rejected mail carrying a password in base64 or quoted-printable text, in UTF-8 or
    Latin-1, or too big to read at all: only a redacted rendering is kept, and the summary
    says the original was not."""
    letter = f"Hallo,\n\ndas Passwort für den Server: {GRUSS}\n\nEva\n"
    box = write_maildir(
        tmp_path / "Maildir",
        [
            encoded_text(letter, depth=25),
            encoded_text(letter, encoding="quoted-printable", charset="iso-8859-1", depth=25),
            encoded_text("Nichts Geheimes.\n", depth=25, message_id="<clean@kanzlei.example>"),
        ],
    )
    limits = Limits(max_message_bytes=3000)  # the Outlook message is over it: never parsed

    summary = run(desk, box, QUARANTINE_FIXTURES / "outlook-qp-latin1.eml", limits=limits)

    assert (summary.quarantined, summary.imported) == (4, 0)
    folder = tmp_path / "quarantine"
    kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    for name, data in kept.items():
        for form in encodings_of(GRUSS):
            assert form not in data, (name, form)
    renderings = [d for n, d in kept.items() if n.endswith(".eml") and b"[credential" in d]
    assert len(renderings) == 3
    assert all(d.startswith(b"X-Hourdesk-Quarantine: a redacted rendering") for d in renderings)
    assert any(b"Netzplan B\xc3\xbcro.docx (application/vnd" in d for d in renderings)
    clean = [d for d in kept.values() if b"<clean@kanzlei.example>" in d]
    assert clean == [(box / "new" / sorted(os.listdir(box / "new"))[2]).read_bytes()]
    said = [i.text for i in summary.items]
    assert sum("credentials found (password): the original was not kept" in t for t in said) == 3
    reasons = [d.decode() for n, d in kept.items() if n.endswith(".reason.txt")]
    assert sum("the original was not kept, only a redacted rendering" in r for r in reasons) == 3

    again = run(desk, box, QUARANTINE_FIXTURES / "outlook-qp-latin1.eml", limits=limits)

    assert (again.duplicates, again.quarantined) == (4, 0)
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept)


# --- acknowledgements ----------------------------------------------------------------------


def parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_acknowledgement_drafts(business_desk: Desk, dozen: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "acks"
    summary = run(business_desk, dozen, ack_drafts=drafts)

    assert summary.acknowledged == 9 and summary.not_acknowledged == 0
    files = sorted(drafts.glob("*.eml"))
    assert len(files) == 9
    first = parse(drafts / "ack-HD-0001.eml")
    assert first["Subject"] == "[HD-0001] Printer on the second floor is offline"
    assert first["To"] == "Anna Berg <anna@acme.example>"
    assert first["From"] == "Berg IT Services <help@consultant.example>"
    assert first["In-Reply-To"] == "<req-printer@acme.example>"
    text = first.get_content()
    for words in (
        "Your request is now ticket HD-0001",
        "keep [HD-0001] in the subject",
        "Estimate",
        "Written approval",
        "never send passwords by email",
        "time-limited",
        "Invoicing",
    ):
        assert words in text

    # the acknowledgement is in the thread, and a reply to it threads to the ticket
    ack = next(e for e in thread(business_desk, "HD-0001") if e.data.get("acknowledgement"))
    assert ack.kind == "reply" and ack.message_id == first["Message-ID"]
    assert "keep [HD-0001] in the subject" in ack.body
    reply = message(
        subject="Re: your request",
        body="Thanks!\n",
        message_id="<thanks@acme.example>",
        headers={"In-Reply-To": first["Message-ID"]},
    )
    again = run(business_desk, write_eml(tmp_path / "r.eml", reply))
    assert (again.items[0].outcome, again.items[0].ref) == ("appended", "HD-0001")

    # a generated Message-ID is not answered to
    assert parse(drafts / "ack-HD-0007.eml")["In-Reply-To"] is None


def test_acknowledging_a_hostile_sender_injects_no_header(
    business_desk: Desk, tmp_path: Path
) -> None:
    drafts = tmp_path / "acks"
    run(business_desk, write_eml(tmp_path / "evil.eml", header_injection()), ack_drafts=drafts)
    (draft,) = drafts.glob("*.eml")
    raw = draft.read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line[:1] != b" "]
    assert sorted(names) == sorted(
        [
            b"x-unsent",
            b"from",
            b"to",
            b"subject",
            b"date",
            b"message-id",
            b"in-reply-to",
            b"references",
            b"content-type",
            b"content-transfer-encoding",
            b"mime-version",
        ]
    )
    parsed = parse(draft)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert parsed["To"].addresses[0].addr_spec == "mallory@evil.example"
    assert parsed["Subject"] == "[HD-0001] Invoice X-Injected: yes forged body"


def test_acknowledgements_need_the_business_email(desk: Desk, dozen: Path, tmp_path) -> None:
    with pytest.raises(Refused, match="business email"):
        run(desk, dozen, ack_drafts=tmp_path / "acks")
    assert desk.tickets.list() == []  # refused before anything was read


def test_acknowledgement_by_smtp(tmp_path: Path, clock) -> None:
    class Handler:
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = Settings(
            business=BUSINESS,
            smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"),
        )
        desk = build_desk(tmp_path / "s.db", vault=MemoryVault(), clock=clock, settings=settings)
        summary = run(desk, write_eml(tmp_path / "1.eml", message()), ack_send=True)
    finally:
        controller.stop()
    assert summary.acknowledged == 1
    (envelope,) = handler.envelopes
    assert envelope.rcpt_tos == ["anna@acme.example"]
    sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert sent["Subject"] == "[HD-0001] Printer on the second floor is offline"
    assert any(e.data.get("channel") == "smtp" for e in thread(desk, "HD-0001"))
    desk.close()


def test_ack_text_mentions_the_process() -> None:
    subject, body = ack_text("HD-0042", "VPN", "Berg IT", "Anna")
    assert subject == "[HD-0042] VPN"
    assert body.startswith("Hello Anna,") and body.rstrip().endswith("Berg IT")


# --- the command ---------------------------------------------------------------------------


def test_intake_command(cli, tmp_path: Path) -> None:
    box = varied_dozen(tmp_path / "Maildir")
    db = tmp_path / "cli.db"
    done = cli.run("--db", db, "intake", box)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "12 messages: 9 imported, 1 appended, 0 duplicates, 2 quarantined" in lines
    assert f"Quarantine: {tmp_path / 'quarantine'}" in lines
    assert "Sommer2026!Kran" not in done.stdout
    again = cli.run("intake", box, "--db", db)
    assert "12 messages: 0 imported, 0 appended, 12 duplicates, 0 quarantined" in again.stdout
    both = cli.run("--db", db, "intake", box, "--ack-drafts", tmp_path / "a", "--ack-send")
    assert both.returncode == 2
    listed = cli.run("--db", db, "client", "list")
    assert listed.stdout.count("(prospect)") == 8
    reused = cli.run("--db", db, "intake", COLLISION)
    assert reused.returncode == 0, reused.stderr
    assert "2 kept despite a Message-ID already in use" in reused.stdout.splitlines()[-1]
    assert reused.stdout.count("is already used in HD-0010 by another message") == 2
