"""What intake costs per message, counted instead of timed: the guard's scans (its fixed cost
is about 30 µs a text, however short) and the transactions. A count holds on a busy machine
where a time would not."""

from __future__ import annotations

from pathlib import Path

from hourdesk.app.core import guard
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.text import received
from tests.mailfixtures import message, write_maildir

SENDERS = [f"Client {n} <office@client{n}.example>" for n in range(4)]


def busy_morning(path: Path, count: int) -> Path:
    """count requests from four senders, with replies to the first ones by ref."""
    raws = []
    for n in range(count):
        subject = f"Printer {n} is offline" if n % 3 != 2 else "Re: [HD-0001] printer"
        raws.append(
            message(
                sender=SENDERS[n % len(SENDERS)],
                subject=subject,
                body=f"Hi,\n\nprinter {n} shows an error again.\n\nThanks\n",
                message_id=f"<m{n}@client.example>",
            )
        )
    return write_maildir(path, raws)


def test_the_guard_reads_each_text_of_a_message_about_once(
    desk: Desk, tmp_path: Path, monkeypatch
) -> None:
    box = busy_morning(tmp_path / "Maildir", 60)
    scans: list[str] = []
    scan = guard.scan

    def counted(text: str) -> list[guard.Finding]:
        scans.append(text)
        return scan(text)

    monkeypatch.setattr(guard, "scan", counted)
    summary = desk.intake.run([box], quarantine_dir=tmp_path / "q")
    assert (summary.imported, summary.appended) == (40, 20)
    # a message's own texts: its text, subject and source; the rest (field names, the
    # senders, the system's sentences) repeat and are read once
    assert len(scans) / summary.messages < 5, f"{len(scans)} scans"


def test_a_credential_is_still_removed_from_a_text_seen_before(desk: Desk, tmp_path: Path) -> None:
    """The same sender name, once clean and once holding a token, later in the same run."""
    secret = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    raws = [
        message(subject="Printer offline", message_id="<a@acme.example>"),
        message(subject="Printer offline", message_id="<b@acme.example>", body=secret),
        message(subject=f"Token {secret}", message_id="<c@acme.example>"),
    ]
    summary = desk.intake.run([write_maildir(tmp_path / "md", raws)], quarantine_dir=tmp_path)
    assert summary.imported == 3
    dump = "".join(
        e.body + str(e.data) for t in desk.tickets.list() for e in desk.tickets.thread(t.id)
    )
    assert secret not in dump
    assert all(t.flagged for t in desk.tickets.list()[1:])


def test_a_text_allowed_once_is_read_again_when_the_allow_list_changes() -> None:
    text = "The admin login is Password: Winter2024!x"
    try:
        guard.set_allow_list([r"Winter2024!x"])
        assert received(text) == (text, [])
        guard.set_allow_list([])
        kept, found = received(text)
    finally:
        guard.set_allow_list([])
    assert found and "Winter2024!x" not in kept
