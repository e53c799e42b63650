"""After messages holding credentials are stored (through intake and through ``ticket note``)
and access is stored as a grant, none of the secrets' bytes are anywhere on disk: not in the
database file, its -wal or -shm (read raw, before and after a checkpoint), the quarantine
folder, a log, or an export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.vault import MemoryVault
from tests.mailfixtures import deep_nesting, message, write_maildir

PASSWORD = "Sommer2026!Kran"
GITHUB = "ghp_" + "Zq8Wm3Rt6Yp1Lk4Jh7Gf2Ds5Aa9Xc0Vb3Nm6"
AWS = "AKIA" + "Q7W2E9R4T1Y6U3I8"
KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gt"
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    f"{KEY_BODY}\n"
    "ZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFA\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)
DB_PASSWORD = "Pg-Secr3t-Wort"
SUBJECT_TOKEN = "glpat-" + "Xy7Zw3Vu9Ts1Rq5Po8Nm"
QUARANTINED = "Quarant4ne-Geheim!"
NOTE_PASSWORD = "Notiz-Pa55wort!z"
GRANT = "grant-secret-Vq93-xLmP0-wR7t"
SECRETS = (
    PASSWORD,
    GITHUB,
    AWS,
    KEY_BODY,
    DB_PASSWORD,
    SUBJECT_TOKEN,
    QUARANTINED,
    NOTE_PASSWORD,
    GRANT,
)


def mail() -> list[bytes]:
    return [
        message(
            subject="New WiFi for the office",
            body=f"SSID: Office\nPassword: {PASSWORD}\n",
            message_id="<wifi@acme.example>",
        ),
        message(
            subject="Deploy keys",
            body=(
                f"token {GITHUB}\nkey id {AWS}\n\n{PRIVATE_KEY}\n"
                f"postgres://app:{DB_PASSWORD}@db.acme.example:5432/app\n"
            ),
            message_id="<keys@acme.example>",
            attachments=((f"token {SUBJECT_TOKEN}.txt", b"x"),),
        ),
        message(
            subject=f"Re: [HD-0001] the token is {SUBJECT_TOKEN}",
            body="See the subject.\n",
            message_id="<subject@acme.example>",
        ),
        deep_nesting().replace(b"at the bottom", f"password: {QUARANTINED}".encode()),
    ]


def leaks(folder: Path, skip: Path | None = None) -> list[tuple[str, str]]:
    """(file, secret) for every secret whose bytes are in a file under folder."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or (skip is not None and skip in path.parents):
            continue
        data = path.read_bytes()
        found += [(str(path), s) for s in SECRETS if s.encode() in data]
    return found


def raw_database(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in db.parent.glob(db.name + "*")}


@pytest.fixture
def stored(tmp_path: Path, clock) -> tuple[Desk, Path]:
    db = tmp_path / "data" / "hourdesk.db"
    db.parent.mkdir()
    desk = build_desk(db, vault=MemoryVault(), clock=clock, settings=Settings())
    summary = desk.intake.run([write_maildir(tmp_path / "Maildir", mail())])
    assert (summary.imported, summary.appended, summary.quarantined) == (2, 1, 1)
    ticket = desk.tickets.get("HD-0001")
    desk.grants.add(ticket.ref, "staging server SSH", GRANT)
    yield desk, db
    desk.close()


def test_no_secret_in_the_database_wal_or_quarantine(stored, tmp_path: Path) -> None:
    desk, db = stored
    files = raw_database(db)
    assert {"hourdesk.db", "hourdesk.db-wal", "hourdesk.db-shm"} <= set(files)
    assert len(files["hourdesk.db-wal"]) > 0  # not checkpointed yet: the WAL holds it all
    for name, data in files.items():
        for secret in SECRETS:
            assert secret.encode() not in data, (name, secret)
    assert desk.grants.reveal(1) == GRANT  # it is kept, in the vault
    assert leaks(tmp_path / "data" / "quarantine") == []
    assert list((tmp_path / "data" / "quarantine").glob("*.eml"))
    # the tickets were flagged for what was removed
    assert desk.tickets.get("HD-0001").flagged and desk.tickets.get("HD-0002").flagged

    desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for name, data in raw_database(db).items():
        for secret in SECRETS:
            assert secret.encode() not in data, (name, secret)


def test_no_secret_after_ticket_note_in_files_logs_or_exports(
    stored, cli, tmp_path: Path, private_dirs: Path
) -> None:
    desk, db = stored
    now = {"HOURDESK_NOW": desk.clock.now().isoformat()}  # the grant is live then
    note = cli.run(
        "--db", db, "ticket", "note", "HD-0002", f"root password: {NOTE_PASSWORD}", "--from-client",
        env=now,
    )  # fmt: skip
    assert note.returncode == 0, note.stderr
    assert "Credentials were removed" in note.stderr
    shown = cli.run_all(
        *[("--db", db, "ticket", "show", ref, "--json") for ref in ("HD-0001", "HD-0002")],
        ("--db", db, "ticket", "list", "--json"),
        ("--db", db, "grant", "list", "--json"),
        env=now,
    )
    exported = "".join(done.stdout for done in shown)
    assert all(done.returncode == 0 for done in shown), [d.stderr for d in shown]
    assert "[credential removed: password]" in exported
    assert json.loads(shown[3].stdout)[0]["label"] == "staging server SSH"
    for secret in SECRETS:
        assert secret not in exported, secret
        assert secret not in note.stdout + note.stderr

    assert leaks(tmp_path, skip=tmp_path / "Maildir") == []
    assert leaks(private_dirs) == []  # logs, backups, anything a command wrote
    desk.close()  # the last connection checkpoints the WAL into the file
    assert leaks(tmp_path, skip=tmp_path / "Maildir") == []
