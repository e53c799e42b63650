"""The Maildir watch: only new messages, renames by a mail client ignored, and the headless
`hourdesk intake --watch` taking in what arrives within seconds."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.maildirwatch import MaildirWatch
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import message, write_maildir


def deliver(maildir: Path, name: str, subject: str) -> Path:
    tmp = maildir / "tmp" / name
    tmp.write_bytes(message(subject=subject, message_id=f"<{name}@acme.example>"))
    return tmp.rename(maildir / "new" / name)


def test_only_new_messages_are_taken_in(desk: Desk, tmp_path: Path) -> None:
    maildir = write_maildir(tmp_path / "INBOX", [message()])
    watch = MaildirWatch(maildir)
    assert watch.poll()
    assert watch.take_in(desk).imported == 1
    assert not watch.poll()  # nothing changed: not even listed
    path = deliver(maildir, "1700000000.2.host", "Scanner jammed")
    assert watch.poll()
    summary = watch.take_in(desk)
    assert (summary.messages, summary.imported) == (1, 1)
    # the mail client reads it: moved to cur/ with flags, the same message
    path.rename(maildir / "cur" / f"{path.name}:2,S")
    assert not watch.poll()
    assert [t.subject for t in desk.tickets.list()][-1] == "Scanner jammed"


def test_intake_watch_runs_headless_until_stopped(cli, tmp_path: Path) -> None:
    maildir = write_maildir(tmp_path / "INBOX", [])
    db = tmp_path / "hourdesk.db"
    watcher = cli.start("intake", "--watch", maildir, "--db", db)
    try:
        time.sleep(1.0)
        deliver(maildir, "1700000000.1.host", "Printer offline")
        deadline = time.monotonic() + 20
        subjects: list[str] = []
        while time.monotonic() < deadline and not subjects:
            time.sleep(0.3)
            if db.exists():
                desk = build_desk(db, vault=MemoryVault())
                subjects = [t.subject for t in desk.tickets.list()]
                desk.close()
        assert subjects == ["Printer offline"]
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=15)
    assert watcher.returncode == 0, err
    assert "imported" in out and "Printer offline" in out


def test_intake_watch_refuses_what_is_not_a_maildir(cli, tmp_path: Path) -> None:
    done = cli.run("intake", "--watch", tmp_path, "--db", tmp_path / "h.db")
    assert done.returncode == 1
    assert f"hourdesk: {tmp_path} is not a Maildir (it needs new/" in done.stderr
