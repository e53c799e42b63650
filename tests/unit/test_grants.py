"""Access grants: the secret in the keyring only (MemoryVault and a real Secret Service),
expiry with a fixed clock, reveals recorded without the value, and no keyring at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from keyring.backends import SecretService, fail

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.grants import KeyringUnavailable, parse_expiry, time_left_text
from hourdesk.storage.vault import SERVICE, KeyringVault, VaultUnavailable
from tests import keyring_service

SECRET = "staging-Zugang!7f3Kq#x"
FIX_WORDS = ("gnome-keyring", "PYTHON_KEYRING_BACKEND")


@pytest.fixture
def ticket(desk: Desk, client):
    return desk.tickets.new(client_id=client.id, subject="Migrate the staging server")


def stored_text(desk: Desk) -> str:
    """Everything the database holds about grants and threads, as text."""
    rows = desk.db.execute("SELECT * FROM grants").fetchall()
    rows += desk.db.execute("SELECT body, data FROM entries").fetchall()
    return json.dumps(rows, default=str)


def access_entries(desk: Desk, ticket) -> list[str]:
    return [e.body for e in desk.tickets.thread(ticket.id) if e.kind == "access"]


# --- with a vault in memory ------------------------------------------------------------


def test_add_keeps_the_secret_in_the_vault_only(desk: Desk, ticket, clock) -> None:
    grant = desk.grants.add(ticket.ref, "staging server SSH", SECRET)

    assert grant.ref == ticket.ref and grant.label == "staging server SSH"
    assert grant.expires_at == clock.now() + timedelta(days=7)
    assert grant.key_name.startswith("grant-") and "staging" not in grant.key_name
    assert desk.vault.secrets == {grant.key_name: SECRET}
    assert SECRET not in stored_text(desk)
    (added,) = access_entries(desk, ticket)
    assert "staging server SSH" in added and "OS keyring only" in added
    assert desk.grants.list() == [grant]
    assert time_left_text(grant.seconds_left(clock.now())) == "7d 0h"


def test_reveal_is_recorded_without_the_value(desk: Desk, ticket) -> None:
    grant = desk.grants.add(ticket.ref, "router admin", SECRET, "2h")
    assert desk.grants.reveal(grant.id, how="copied to the clipboard") == SECRET
    assert access_entries(desk, ticket)[-1] == (
        f"Access grant #{grant.id} revealed (copied to the clipboard): router admin."
    )
    assert SECRET not in stored_text(desk)


def test_revoke_deletes_the_secret(desk: Desk, ticket, clock) -> None:
    grant = desk.grants.add(ticket.ref, "router admin", SECRET)
    revoked = desk.grants.revoke(grant.id)
    assert desk.vault.secrets == {}
    assert (revoked.removed_why, revoked.state(clock.now())) == ("revoked", "revoked")
    assert "revoked" in access_entries(desk, ticket)[-1]
    with pytest.raises(Refused, match="already removed"):
        desk.grants.revoke(grant.id)
    with pytest.raises(Refused, match="was removed"):
        desk.grants.reveal(grant.id)
    assert desk.grants.list() == []
    assert desk.grants.list(include_removed=True)[0].id == grant.id


def test_expiry_and_purge(desk: Desk, ticket, clock) -> None:
    short = desk.grants.add(ticket.ref, "VPN account", "vpn-" + SECRET, "1d")
    long = desk.grants.add(ticket.ref, "NAS admin", "nas-" + SECRET, "30d")
    assert desk.grants.purge() == []

    clock.advance(days=1)
    assert short.state(clock.now()) == "expired"
    with pytest.raises(Refused, match="expired"):
        desk.grants.reveal(short.id)
    (purged,) = desk.grants.purge()

    assert (purged.id, purged.removed_why) == (short.id, "expired")
    assert list(desk.vault.secrets) == [long.key_name]
    assert "expired" in access_entries(desk, ticket)[-1]
    assert "deleted from the OS keyring" in access_entries(desk, ticket)[-1]
    assert desk.grants.purge() == []  # once
    assert [g.id for g in desk.grants.list()] == [long.id]
    assert SECRET not in stored_text(desk)


def test_resolving_purges_the_tickets_grants(desk: Desk, ticket) -> None:
    grant = desk.grants.add(ticket.ref, "server root", SECRET)
    other = desk.tickets.new(client_id=ticket.client_id, subject="Other")
    kept = desk.grants.add(other.ref, "other", SECRET)

    assert desk.grants.purge_ticket(ticket.id) == []  # open: its access stays
    desk.completion.resolve(ticket.ref, "Moved the server.")

    removed = desk.grants.get(grant.id)
    assert removed.removed_why == "ticket resolved"
    assert list(desk.vault.secrets) == [kept.key_name]
    assert desk.grants.purge_ticket(ticket.id) == []
    assert "ticket resolved" in access_entries(desk, ticket)[-1]


def test_purge_also_removes_grants_of_resolved_tickets(desk: Desk, ticket) -> None:
    """A safety net for a ticket closed without the purge_ticket call (an older version)."""
    desk.grants.add(ticket.ref, "server root", SECRET)
    desk.db.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", [ticket.id])
    (removed,) = desk.grants.purge()
    assert removed.removed_why == "ticket closed"
    assert desk.vault.secrets == {}
    with pytest.raises(Refused, match="closed"):
        desk.grants.add(ticket.ref, "again", SECRET)


@pytest.mark.parametrize(
    ("label", "secret", "expires", "field"),
    [
        ("", SECRET, "7d", "label"),
        ("x" * 121, SECRET, "7d", "label"),
        ("root password: Hunter2!xyz", SECRET, "7d", "label"),
        ("server", "", "7d", "secret"),
        ("server", "   ", "7d", "secret"),
        ("server", SECRET, "0m", "expires"),
        ("server", SECRET, "91d", "expires"),
        ("server", SECRET, "soon", "expires"),
    ],
)
def test_refusals_write_nothing(desk: Desk, ticket, label, secret, expires, field) -> None:
    with pytest.raises(Invalid) as error:
        desk.grants.add(ticket.ref, label, secret, expires)
    assert error.value.field == field
    assert desk.vault.secrets == {}
    assert desk.db.execute("SELECT count(*) FROM grants").fetchone() == (0,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("7", timedelta(days=7)),
        ("48h", timedelta(hours=48)),
        ("90m", timedelta(minutes=90)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("2w", timedelta(weeks=2)),
        (" 1d 6h ", timedelta(days=1, hours=6)),
    ],
)
def test_parse_expiry(text: str, expected: timedelta) -> None:
    assert parse_expiry(text) == expected


def test_time_left_text() -> None:
    assert [time_left_text(s) for s in (0, 59, 3600, 3660, 86400 * 2 + 7200)] == [
        "expired",
        "1m",
        "1h 00m",
        "1h 01m",
        "2d 2h",
    ]


def test_a_secret_deleted_elsewhere_is_explained(desk: Desk, ticket) -> None:
    grant = desk.grants.add(ticket.ref, "server", SECRET)
    desk.vault.delete(grant.key_name)
    with pytest.raises(Refused, match="no longer in the OS keyring"):
        desk.grants.reveal(grant.id)


# --- without a usable keyring --------------------------------------------------------------


def test_no_keyring_refuses_clearly_and_writes_nothing(desk: Desk, ticket, clock) -> None:
    memory = desk.vault
    expired = desk.grants.add(ticket.ref, "old", SECRET, "1h")
    entries = len(desk.tickets.thread(ticket.id))
    desk.vault = KeyringVault(fail.Keyring())

    for action in (
        lambda: desk.grants.add(ticket.ref, "server", SECRET),
        lambda: desk.grants.reveal(expired.id),
        lambda: desk.grants.revoke(expired.id),
    ):
        with pytest.raises(KeyringUnavailable) as error:
            action()
        assert all(word in str(error.value) for word in FIX_WORDS), str(error.value)
        assert isinstance(error.value, VaultUnavailable) and isinstance(error.value, Refused)
        assert SECRET not in str(error.value)

    # what needs no secret still works
    assert [g.id for g in desk.grants.list()] == [expired.id]
    assert desk.grants.purge() == []  # nothing has expired: the keyring is not needed
    clock.advance(hours=2)
    with pytest.raises(VaultUnavailable, match="PYTHON_KEYRING_BACKEND"):
        desk.grants.purge()

    assert desk.db.execute("SELECT count(*) FROM grants").fetchone() == (1,)
    assert len(desk.tickets.thread(ticket.id)) == entries
    assert list(memory.secrets.values()) == [SECRET]  # nothing moved anywhere else


def test_a_desk_without_a_vault(desk: Desk, ticket) -> None:
    desk.vault = None
    with pytest.raises(KeyringUnavailable, match="PYTHON_KEYRING_BACKEND"):
        desk.grants.add(ticket.ref, "server", SECRET)
    assert desk.grants.list() == []


def test_grant_commands_without_a_keyring(cli, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    cli.run("--db", db, "client", "add", "Acme", "--email", "it@acme.example")
    cli.run("--db", db, "ticket", "new", "--client", "Acme", "--subject", "VPN")
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    added = cli.run("--db", db, "grant", "add", "HD-0001", "--label", "vpn", input=SECRET, env=env)
    assert added.returncode == 1
    assert "PYTHON_KEYRING_BACKEND" in added.stderr and "gnome-keyring" in added.stderr
    assert SECRET not in added.stdout + added.stderr
    listed = cli.run("--db", db, "grant", "list", "--json", env=env)
    assert (listed.returncode, json.loads(listed.stdout)) == (0, [])
    assert cli.run("--db", db, "grant", "purge", env=env).returncode == 0
    # the secret is never an argument
    argument = cli.run("--db", db, "grant", "add", "HD-0001", "--label", "x", "--secret", "y")
    assert argument.returncode == 2
    assert SECRET.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("g.db*"))


# --- a real Secret Service ----------------------------------------------------------------


def secret_tool(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("secret-tool") is None:
        keyring_service.skip_or_fail(f"secret-tool not installed ({keyring_service.INSTALL_HINT})")
    return subprocess.run(["secret-tool", *args], capture_output=True, text=True)


@pytest.mark.keyring
@pytest.mark.usefixtures("secret_service")
def test_grants_in_a_real_secret_service(desk: Desk, ticket, clock) -> None:
    desk.vault = KeyringVault(SecretService.Keyring())
    grant = desk.grants.add(ticket.ref, "staging server SSH", SECRET, "2d")
    try:
        assert SecretService.Keyring().get_password(SERVICE, grant.key_name) == SECRET
        looked_up = secret_tool("lookup", "service", SERVICE, "username", grant.key_name)
        assert looked_up.stdout == SECRET
        assert desk.grants.reveal(grant.id) == SECRET

        clock.advance(days=2)
        (purged,) = desk.grants.purge()

        assert purged.removed_why == "expired"
        assert SecretService.Keyring().get_password(SERVICE, grant.key_name) is None
        gone = secret_tool("lookup", "service", SERVICE, "username", grant.key_name)
        assert gone.returncode != 0 and gone.stdout == ""
        bodies = access_entries(desk, ticket)
        assert [b.split(":")[0] for b in bodies] == [
            f"Access grant #{grant.id} added",
            f"Access grant #{grant.id} revealed (shown)",
            f"Access grant #{grant.id} expired 2026-03-04 09",
        ]
        assert SECRET not in stored_text(desk)
    finally:
        KeyringVault(SecretService.Keyring()).delete(grant.key_name)


@pytest.mark.keyring
def test_grant_commands_with_a_real_secret_service(secret_service, cli, tmp_path) -> None:
    db = tmp_path / "g.db"
    env = {"DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"]}
    cli.run("--db", db, "client", "add", "Acme", "--email", "it@acme.example")
    cli.run("--db", db, "ticket", "new", "--client", "Acme", "--subject", "VPN")
    now = {**env, "HOURDESK_NOW": "2026-03-02T09:00:00Z"}
    later = {**env, "HOURDESK_NOW": "2026-03-03T10:00:00Z"}

    added = cli.run(
        "--db", db, "grant", "add", "HD-0001", "--label", "vpn", "--expires", "1d",
        input=SECRET + "\n", env=now,
    )  # fmt: skip
    assert (added.returncode, added.stdout) == (0, "1\n"), added.stderr
    (listed,) = json.loads(cli.run("--db", db, "grant", "list", "--json", env=now).stdout)
    assert (listed["state"], listed["seconds_left"], listed["label"]) == ("live", 86400, "vpn")
    shown = cli.run("--db", db, "grant", "show", "1", env=now)
    assert shown.stdout == SECRET + "\n"

    purged = cli.run("--db", db, "grant", "purge", env=later)
    assert "Deleted 0 grants" in purged.stdout  # the command's start deleted it already
    refused = cli.run("--db", db, "grant", "show", "1", env=later)
    assert refused.returncode == 1 and SECRET not in refused.stdout + refused.stderr
    assert "grant-" not in secret_tool("search", "--all", "service", SERVICE).stdout
    thread = json.loads(cli.run("--db", db, "ticket", "show", "HD-0001", "--json").stdout)
    assert SECRET not in json.dumps(thread)
    assert [e["data"].get("action") for e in thread["thread"] if e["kind"] == "access"] == [
        "added",
        "revealed",
        "expired",
    ]
