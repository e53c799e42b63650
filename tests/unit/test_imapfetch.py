"""`hourdesk fetch` against a real Dovecot on 127.0.0.1: new mail, thousands of messages, a
dropped connection, a wrong password, a changed UIDVALIDITY, and a client's answer to a
reply sent by SMTP threading back into its ticket."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from imapclient import IMAPClient

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.settings import Settings, save_settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.imapfetch import Fetcher
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import message
from tests.mailserver import (
    DOVECOT,
    HOST,
    IMAP_PASSWORD,
    IMAP_USER,
    CuttingProxy,
    Dovecot,
    running_sink,
)

pytestmark = pytest.mark.skipif(not Path(DOVECOT).exists(), reason="needs dovecot-imapd")
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    yield server
    server.stop()


def imap_settings(port: int, **imap) -> dict:
    return {
        "host": HOST,
        "port": port,
        "user": IMAP_USER,
        "security": "none",
        "password_cmd": f"printf '%s\\n' '{IMAP_PASSWORD}'",
        "timeout": 10,
        **imap,
    }


def open_desk(tmp_path: Path, port: int, **imap) -> Desk:
    settings = Settings.model_validate(
        {"business": {"email": "alex@rivera-it.example"}, "imap": imap_settings(port, **imap)}
    )
    return build_desk(
        tmp_path / "t.db", vault=MemoryVault(), clock=FixedClock(START), settings=settings
    )


def requests(count: int, start: int = 0) -> list[bytes]:
    return [
        message(
            sender=f"Client {n} <client{n % 20}@acme.example>",
            subject=f"Request number {n}",
            message_id=f"<req-{n}@acme.example>",
        )
        for n in range(start, start + count)
    ]


def subjects(desk: Desk) -> list[str]:
    return [t.subject for t in desk.tickets.list()]


def seen(server: Dovecot) -> tuple[int, int]:
    """(messages, seen messages) in the INBOX, as the server tells it."""
    with IMAPClient(HOST, port=server.port, ssl=False) as client:
        client.login(IMAP_USER, IMAP_PASSWORD)
        client.select_folder("INBOX")
        return len(client.search(["ALL"])), len(client.search(["SEEN"]))


def test_new_mail_is_taken_in_once_and_marked_seen(dovecot: Dovecot, tmp_path: Path) -> None:
    dovecot.add(requests(3))
    desk = open_desk(tmp_path, dovecot.port)
    try:
        summary = Fetcher(desk).run()
        assert summary.total() == (
            "3 messages fetched: 3 imported, 0 appended, 0 duplicates, 0 quarantined"
        )
        assert sorted(subjects(desk)) == [f"Request number {n}" for n in range(3)]
        assert seen(dovecot) == (3, 3)
        assert Fetcher(desk).run().fetched == 0  # cron again: nothing new

        ref = desk.tickets.list()[0].ref
        dovecot.add([message(subject=f"Re: [{ref}] thanks", message_id="<more@acme.example>")])
        dovecot.add(requests(1, start=3))
        summary = Fetcher(desk).run()
        assert (summary.totals["imported"], summary.totals["appended"]) == (1, 1)
        assert len(desk.tickets.list()) == 4
    finally:
        desk.close()


def test_a_folder_with_thousands_of_messages(dovecot: Dovecot, tmp_path: Path) -> None:
    dovecot.add(requests(2000))
    desk = open_desk(tmp_path, dovecot.port)
    try:
        started = time.monotonic()
        summary = Fetcher(desk).run()
        elapsed = time.monotonic() - started
        assert summary.totals["imported"] == 2000
        assert len(desk.tickets.list()) == 2000
        assert seen(dovecot) == (2000, 2000)
        print(f"2000 messages fetched in {elapsed:.1f} s")
    finally:
        desk.close()


def test_a_dropped_connection_loses_nothing_and_the_next_run_goes_on(
    dovecot: Dovecot, tmp_path: Path
) -> None:
    dovecot.add(requests(500))
    proxy = CuttingProxy(dovecot.port, limit=110_000)  # in the second batch of 200
    desk = open_desk(tmp_path, proxy.port)
    try:
        with pytest.raises(Refused) as info:
            Fetcher(desk).run()
        text = str(info.value)
        assert "\n" not in text
        assert text.startswith(f"The IMAP connection to {HOST}:{proxy.port} failed after taking in")
        assert text.endswith("Run `hourdesk fetch` again: it goes on where it stopped.")
        first = len(desk.tickets.list())
        assert first == 200  # the first batch, taken in and marked before the drop
    finally:
        desk.close()
        proxy.close()
    desk = open_desk(tmp_path, dovecot.port)
    try:
        Fetcher(desk).run()
        assert sorted(subjects(desk)) == sorted(f"Request number {n}" for n in range(500))
    finally:
        desk.close()


def test_a_wrong_password_is_one_clear_line(cli, dovecot: Dovecot, private_dirs: Path) -> None:
    settings = Settings.model_validate(
        {"imap": imap_settings(dovecot.port, password_cmd="echo not-the-password")}
    )
    save_settings(settings, private_dirs / "xdg_config_home" / "hourdesk" / "config.toml")
    done = cli.run("fetch")
    assert done.returncode == 1
    assert done.stderr.splitlines(keepends=True)[-1] == (
        f"hourdesk: IMAP login failed for {IMAP_USER} at {HOST}:{dovecot.port}. "
        "Check the password (keyring or imap.password_cmd) and the user name.\n"
    )


def test_a_changed_uidvalidity_reads_the_folder_again_without_duplicates(
    dovecot: Dovecot, tmp_path: Path
) -> None:
    dovecot.add(requests(3))
    desk = open_desk(tmp_path, dovecot.port)
    try:
        assert Fetcher(desk).run().totals["imported"] == 3
        dovecot.doveadm("mailbox", "update", "-u", IMAP_USER, "--uid-validity", "4242", "INBOX")
        dovecot.add(requests(2, start=3))
        # the new messages' UIDs may be below the last one remembered: UIDVALIDITY says so
        summary = Fetcher(desk).run()
        assert summary.totals["imported"] == 2
        assert summary.totals["duplicates"] == 0
        assert len(desk.tickets.list()) == 5
        # forget every flag too: the whole folder comes again, and intake knows it all
        with IMAPClient(HOST, port=dovecot.port, ssl=False) as client:
            client.login(IMAP_USER, IMAP_PASSWORD)
            client.select_folder("INBOX")
            client.remove_flags(client.search(["ALL"]), [b"\\Seen"])
        dovecot.doveadm("mailbox", "update", "-u", IMAP_USER, "--uid-validity", "4343", "INBOX")
        summary = Fetcher(desk).run()
        assert (summary.totals["imported"], summary.totals["duplicates"]) == (0, 5)
        assert len(desk.tickets.list()) == 5
    finally:
        desk.close()


def test_move_to_takes_messages_out_of_the_folder(dovecot: Dovecot, tmp_path: Path) -> None:
    dovecot.add(requests(2))
    with IMAPClient(HOST, port=dovecot.port, ssl=False) as client:
        client.login(IMAP_USER, IMAP_PASSWORD)
        client.create_folder("Taken")
    desk = open_desk(tmp_path, dovecot.port, move_to="Taken")
    try:
        assert Fetcher(desk).run().totals["imported"] == 2
        assert seen(dovecot) == (0, 0)
    finally:
        desk.close()


def test_a_reply_sent_by_smtp_and_answered_through_imap_lands_in_the_same_ticket(
    cli, dovecot: Dovecot, private_dirs: Path, tmp_path: Path
) -> None:
    with running_sink() as (sink, smtp_port):
        settings = Settings.model_validate(
            {
                "business": {"name": "Rivera IT", "email": "alex@rivera-it.example"},
                "smtp": {"host": HOST, "port": smtp_port, "security": "none"},
                "imap": imap_settings(dovecot.port),
            }
        )
        save_settings(settings, private_dirs / "xdg_config_home" / "hourdesk" / "config.toml")
        dovecot.add([message(sender="Anna <anna@acme.example>", message_id="<q@acme.example>")])
        assert "1 imported" in cli.run("fetch").stdout
        done = cli.run("reply", "HD-0001", "Which floor exactly?")
        assert done.returncode == 0, done.stderr
        (sent,) = sink.messages
        answer = message(
            sender="Anna <anna@acme.example>",
            subject="Re: question",  # no ref: In-Reply-To alone threads it
            message_id="<a@acme.example>",
            headers={"In-Reply-To": str(sent["Message-ID"])},
        )
        dovecot.add([answer])
        done = cli.run("fetch")
        assert "appended     HD-0001" in done.stdout, done.stdout
        assert "1 appended" in done.stdout
        again = cli.run("fetch")  # from cron: nothing new, nothing said
        assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls_by_default_and_starttls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, security: str
) -> None:
    server = Dovecot(tls=True)
    try:
        server.add(requests(2))
        port = server.tls_port if security == "ssl" else server.port
        desk = open_desk(tmp_path, port, security=security)
        try:
            with pytest.raises(Refused, match="could not be verified"):  # not trusted yet
                Fetcher(desk).run()
            monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
            assert Fetcher(desk).run().totals["imported"] == 2
        finally:
            desk.close()
    finally:
        server.stop()


def test_without_a_keyring_the_keyring_password_is_refused_in_words(tmp_path: Path) -> None:
    from hourdesk.app.desk.imapfetch import password

    settings = Settings.model_validate({"imap": imap_settings(143, password_cmd="")})
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    try:
        with pytest.raises(
            Refused, match="IMAP password is in the OS keyring, which is not usable"
        ):
            password(desk)
    finally:
        desk.close()
